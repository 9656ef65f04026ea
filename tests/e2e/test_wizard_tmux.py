"""End to end: the installed `aktsomhet` in a real terminal (tmux). Type an answer, close the
terminal (kill the tmux session: the program gets SIGHUP), and find the answer in the file.

Every wait polls with a deadline; nothing sleeps for a fixed long time.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from termtools import TMUX, pid_alive, require_tmux, wait_for

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"


def _aktsomhet() -> str:
    beside = Path(sys.executable).parent / "aktsomhet"
    if beside.exists():
        return str(beside)
    found = shutil.which("aktsomhet")
    assert found, "aktsomhet is not installed"
    return found




@pytest.fixture
def tmux_socket(tmp_path: Path) -> object:
    require_tmux()
    socket = f"akt-wiz-{os.getpid()}-{tmp_path.name}"
    yield socket
    subprocess.run([TMUX, "-L", socket, "kill-server"], capture_output=True)


def test_answer_typed_then_terminal_closed_is_saved(tmp_path: Path, tmux_socket: str) -> None:
    assert TMUX is not None
    folder = tmp_path / "okter"
    folder.mkdir()
    path = folder / "eks.toml"
    shutil.copyfile(EXAMPLE, path)

    def tmux(*args: str) -> str:
        done = subprocess.run([TMUX, "-L", tmux_socket, *args], capture_output=True, text=True,
                              timeout=10)
        return done.stdout

    command = f"exec {shlex.quote(_aktsomhet())} open eks --dir {shlex.quote(str(folder))}"
    env_args = ["-e", "AKTSOMHET_SESSIONS=" + str(folder)]
    subprocess.run([TMUX, "-L", tmux_socket, "new-session", "-d", "-s", "w", "-x", "100",
                    "-y", "30", *env_args, command], check=True, timeout=10)
    pid = int(tmux("display-message", "-p", "-t", "w", "#{pane_pid}").strip())

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", "w")

    wait_for("the wizard", lambda: "utfylt" in screen())
    tmux("send-keys", "-t", "w", "C-g")  # next gap: the first empty question (long text)
    wait_for("the first gap", lambda: "Vesentlige organisatoriske endringer siden" in screen())
    answer = "Svar skrevet i tmux 4711"
    tmux("send-keys", "-t", "w", "-l", answer)
    wait_for("the typed text on screen", lambda: answer in screen())
    tmux("kill-session", "-t", "w")  # closing the terminal: SIGHUP
    wait_for("the program to end", lambda: not pid_alive(pid), timeout=15)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["answers"]["virksomhet.endringer"] == answer


def test_next_year_confirm_with_the_key(tmp_path: Path, tmux_socket: str) -> None:
    """Issue 13: `new --from` last year's session; the tree shows ↻ beside ✗ for a carried-over
    answer (it does not count yet); the confirm key in the wizard turns it into ✓."""
    assert TMUX is not None
    folder = tmp_path / "okter"
    folder.mkdir()
    shutil.copyfile(EXAMPLE, folder / "ks-2023.toml")

    def tmux(*args: str) -> str:
        done = subprocess.run([TMUX, "-L", tmux_socket, *args], capture_output=True, text=True,
                              timeout=10)
        return done.stdout

    command = (f"exec {shlex.quote(_aktsomhet())} new ks-2024 --org "
               f"'KS - Kommunesektorens organisasjon' --year 2024 --from ks-2023 "
               f"--dir {shlex.quote(str(folder))}")
    subprocess.run([TMUX, "-L", tmux_socket, "new-session", "-d", "-s", "w", "-x", "110",
                    "-y", "40", command], check=True, timeout=10)
    pid = int(tmux("display-message", "-p", "-t", "w", "#{pane_pid}").strip())

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", "w")

    def tree_line(qid: str) -> str:
        """The tree's line of a question: its marks, then its number."""
        lefts = [ln.split("▕", 1)[0] for ln in screen().splitlines()]  # the tree's side
        return next((ln for ln in lefts if f" {qid} " in ln), "")

    wait_for("the wizard", lambda: "0 % utfylt" in screen())
    tmux("send-keys", "-t", "w", "C-k")
    wait_for("the command palette", lambda: "Gå til" in screen() or "Søk" in screen()
             or ">" in screen())
    tmux("send-keys", "-t", "w", "-l", "1.A.1")
    wait_for("the question in the palette", lambda: "Lenke til offentlig" in screen())
    tmux("send-keys", "-t", "w", "Enter")
    wait_for("1.A.1 in view", lambda: "🔎" not in screen() and tree_line("1.A.1") != "")
    assert "↻ ✗ 1.A.1" in tree_line("1.A.1"), screen()
    tmux("send-keys", "-t", "w", "C-l")
    wait_for("1.A.1 confirmed", lambda: "✓ 1.A.1" in tree_line("1.A.1")
             and "↻" not in tree_line("1.A.1"))
    tmux("send-keys", "-t", "w", "C-q")
    wait_for("the program to end", lambda: not pid_alive(pid), timeout=15)
    data = tomllib.loads((folder / "ks-2024.toml").read_text(encoding="utf-8"))
    assert "1.A.1" not in data["session"]["carried_over"]
    assert "1.A.2" in data["session"]["carried_over"]
    assert "virksomhet.omsetning" not in data["answers"]
