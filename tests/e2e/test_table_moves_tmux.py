"""End to end (issue 16): moves into and out of a table question taller than the pane, in a real
terminal (tmux). Such a move is painted in one frame (textual_compat: the pane's scrollbar is
drawn by the layout's own paint). What the terminal shows after each move must be what a full
repaint of the same screen shows (the help opened over it and closed): the pane's scrollbar
thumb where the question is, nothing left over from the question before.

Every wait polls with a deadline; nothing sleeps for a fixed long time.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest
from termtools import AKTSOMHET, TMUX, require_tmux, wait_for

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import load_bank

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"


@pytest.fixture
def tmux_socket(tmp_path: Path) -> object:
    require_tmux()
    socket = f"akt-tab-{tmp_path.name}"
    yield socket
    subprocess.run([TMUX or "tmux", "-L", socket, "kill-server"], capture_output=True)


def _tall_tables(path: Path) -> None:
    """The example with 40 priorities in 2.A.1 (and 3.A.1), opened at 1.E.1 (a long answer
    that fits the pane, just before 2.A.1)."""
    bank = load_bank()
    s = sessions.load(EXAMPLE)
    keys = [c.key for c in bank.table_columns("priorities")]
    s.tables["priorities"] = [{k: f"Prioritering {n + 1}: {k} " + "tekst " * 30 for k in keys}
                              for n in range(40)]
    s.position = "1.E.1"
    path.write_bytes(sessions.to_bytes(s, bank))


def test_the_terminal_after_a_move_into_or_out_of_a_table_is_a_full_repaint(
        tmp_path: Path, tmux_socket: str) -> None:
    assert TMUX is not None
    folder = tmp_path / "okter"
    folder.mkdir()
    _tall_tables(folder / "tab.toml")

    def tmux(*args: str) -> str:
        done = subprocess.run([TMUX, "-L", tmux_socket, *args], capture_output=True, text=True,
                              timeout=10)
        return done.stdout

    def screen(colours: bool = False) -> str:
        return tmux("capture-pane", "-p", *(["-e"] if colours else []), "-t", "w")

    def settled() -> str:
        """The screen with its colours, once two looks 0.2 s apart agree."""
        last = [screen(True)]

        def same() -> bool:
            subprocess.run(["sleep", "0.2"])
            now = screen(True)
            ok = now == last[0]
            last[0] = now
            return ok

        wait_for("the screen to settle", same)
        return last[0]

    def repainted(before: str) -> str:
        """The same screen painted whole again: the help (F1) shown over it, then closed.
        (Not a resize: a long answer is wrapped again at the new width.)"""
        title = screen().splitlines()[1]
        tmux("send-keys", "-t", "w", "F1")
        wait_for("the help", lambda: screen(True) != before)
        settled()
        tmux("send-keys", "-t", "w", "Escape")
        wait_for("the help closed", lambda: screen().splitlines()[1:2] == [title])
        return settled()

    # The size is the terminal's (a COLUMNS/LINES left in the environment would fix it).
    command = (f"exec env -u COLUMNS -u LINES {shlex.quote(str(AKTSOMHET))} open tab "
               f"--dir {shlex.quote(str(folder))}")
    subprocess.run([TMUX, "-L", tmux_socket, "new-session", "-d", "-s", "w", "-x", "100",
                    "-y", "30", "-e", f"AKTSOMHET_SESSIONS={folder}", command],
                   check=True, timeout=10)
    # The pane's title: the number, two spaces, the text (the tree has one space).
    wait_for("the wizard at 1.E.1", lambda: "1.E.1  " in screen())
    # Each step: the keys, what shows when it is done, and Escape where the focus would be in
    # a text area (its blinking cursor differs from one look to the next).
    steps = [
        ("C-n", "Prioritering 1:", False),  # into 2.A.1: the pane scrolls now
        ("C-p", "1.E.1  ", True),  # out of it, to a long answer that fits
        ("C-n", "Prioritering 1:", False),
        ("C-n", "2.A.2  ", True),  # out of 2.A.1 forward
        ("C-p", "Prioritering 1:", False),  # into 2.A.1 from the long answer after it
    ]
    for keys, shown, escape in steps:
        tmux("send-keys", "-t", "w", keys)
        wait_for(f"{shown} after {keys}", lambda shown=shown: shown in screen())
        if escape:
            tmux("send-keys", "-t", "w", "Escape")
        before = settled()
        after = repainted(before)
        lines = zip(before.splitlines(), after.splitlines(), strict=False)
        differ = [(n, x, y) for n, (x, y) in enumerate(lines) if x != y]
        assert before == after, (keys, shown, differ[:3])
    tmux("send-keys", "-t", "w", "C-q")
