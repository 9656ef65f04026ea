"""What the wizard's text fields show for control characters (textsafe.control_pictures, used by
SafeTextArea and SafeInput on every row they draw): pure, without the TUI (issue 16)."""

from __future__ import annotations

import pytest

from aktsomhetswizard.textsafe import control_pictures, has_controls


@pytest.mark.parametrize(
    "text, shown",
    [
        ("plain text, æøå «»", "plain text, æøå «»"),
        ("A\x1b[2JB", "A␛[2JB"),
        ("\x00\x07\x1f", "␀␇␟"),
        ("del\x7f", "del\u2421"),
        ("csi\x9b2J", "csi\ufffd2J"),
        ("\u202eevil\u202c", "\ufffdevil\ufffd"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),  # a text area's own: left alone
    ],
)
def test_control_pictures(text: str, shown: str) -> None:
    assert control_pictures(text) == shown
    assert len(control_pictures(text)) == len(text)  # the columns stay where they are
    assert has_controls(text) == (shown != text)
