"""State readable without colour (issue 15, item 6): the installed wizard under NO_COLOR=1 in a
real terminal (tmux); what the screen shows as text (no colours, no attributes) tells «Ja» from
«Nei» and «Ikke relevant» on from off, and the statuses apart."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from termtools import require_tmux, wait_for

from aktsomhetswizard import session as sessions

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"
AKTSOMHET = Path(sys.executable).parent / "aktsomhet"


@pytest.fixture
def terminal(tmp_path: Path) -> object:
    tmux = require_tmux()
    socket = f"akt-nocolor-{os.getpid()}-{tmp_path.name}"

    def run(*args: str) -> str:
        return subprocess.run([tmux, "-L", socket, *args], capture_output=True, text=True,
                              timeout=10).stdout

    yield run
    subprocess.run([tmux, "-L", socket, "kill-server"], capture_output=True)


def test_yes_no_and_not_applicable_read_without_colour(tmp_path: Path, terminal: object) -> None:
    tmux = terminal
    assert callable(tmux)
    s = sessions.load(EXAMPLE)
    s.position = "virksomhet.omfattet"  # answered «Ja»
    path = tmp_path / "eks.toml"
    path.write_bytes(sessions.to_bytes(s))
    command = (f"NO_COLOR=1 AKTSOMHET_SETTINGS={shlex.quote(str(tmp_path / 'i.toml'))} "
               f"exec {shlex.quote(str(AKTSOMHET))} open eks --dir {shlex.quote(str(tmp_path))}")
    tmux("new-session", "-d", "-s", "w", "-x", "100", "-y", "30", command)

    def screen() -> str:
        return str(tmux("capture-pane", "-p", "-t", "w"))

    wait_for("the yes/no question", lambda: "Ikke relevant" in screen())
    text = screen()
    assert "Er virksomheten omfattet av åpenhetsloven?" in text
    assert "▐●▌ Ja" in text and "▐○▌ Nei" in text  # chosen and not chosen: two marks
    assert "▐ ▌ Ikke relevant" in text
    # The tree's statuses by mark: complete and empty questions both show.
    assert "✓ Navn på virksom" in text and "✗ Vesentlige organis" in text, text
    tmux("send-keys", "-t", "w", "C-t")  # «Ikke relevant» on
    wait_for("the box ticked", lambda: "▐✓▌ Ikke relevant" in screen())
    tmux("send-keys", "-t", "w", "-l", "Ingen")
    wait_for("the reason", lambda: "Ingen" in screen())
    # The tree's mark for «not applicable».
    wait_for("the tree's mark", lambda: "– Er virksomheten om" in screen())
    tmux("send-keys", "-t", "w", "C-q")
