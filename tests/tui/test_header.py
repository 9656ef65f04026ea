"""The wizard's header (SessionHeader, one widget): year and organisation on the left, progress
and the last save on the right; at a narrow width the organisation is cut at a word and the
right part stays whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui_helpers import run_app, settle, wizard

from aktsomhetswizard.tui.widgets.header import SessionHeader


def _line(header: SessionHeader) -> str:
    return "".join(segment.text for segment in header.render_line(0))


def test_header_shows_both_parts_and_cuts_the_title_at_a_word(example: Path) -> None:
    lines: dict[int, str] = {}

    async def scenario(pilot: Any) -> None:
        header = wizard(pilot.app).query_one(SessionHeader)
        for width in (120, 60, 40):
            await pilot.resize_terminal(width, 24)
            await settle(pilot)
            lines[width] = _line(header)
            assert header.status_text.startswith("55 % utfylt · Sist lagret ")

    run_app(scenario, path=example, size=(120, 24))
    full = "2023 · KS - Kommunesektorens organisasjon"
    assert lines[120].strip().startswith(full + "  ")
    for width, line in lines.items():
        assert width - 2 <= len(line) <= width  # the header's padding: a cell on each side
        status_at = line.index("55 % utfylt")
        assert line[status_at:].rstrip().startswith("55 % utfylt · Sist lagret")
        title = line[:status_at].strip()
        assert full.startswith(title)
        if width >= 60:  # room for words: cut where a word of the full title ends
            assert len(title) == len(full) or full[len(title)] == " "
    assert lines[60].strip().startswith("2023 · KS") and full not in lines[60]


def test_header_repaints_when_the_status_changes(example: Path) -> None:
    async def scenario(pilot: Any) -> None:
        header = wizard(pilot.app).query_one(SessionHeader)
        header.show("Eksempel AS", 2024, 12, "Ikke lagret!", read_only=True, error=True)
        await settle(pilot)
        line = _line(header)
        assert "2024 · Eksempel AS" in line
        assert line.rstrip().endswith("12 % utfylt · Skrivebeskyttet · Ikke lagret!")
        header.show("Eksempel AS", 2024, 13, "Ikke lagret!", read_only=False, unsaved=True)
        await settle(pilot)
        assert _line(header).rstrip().endswith("13 % utfylt · Ikke lagret! *")

    run_app(scenario, path=example, size=(100, 24))
