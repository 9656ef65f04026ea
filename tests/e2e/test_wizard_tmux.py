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
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"
TMUX = shutil.which("tmux")


def _aktsomhet() -> str:
    beside = Path(sys.executable).parent / "aktsomhet"
    if beside.exists():
        return str(beside)
    found = shutil.which("aktsomhet")
    assert found, "aktsomhet is not installed"
    return found


def _wait(what: str, ok: Callable[[], bool], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ok():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


@pytest.fixture
def tmux_socket(tmp_path: Path) -> object:
    if TMUX is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing (.ci/run installs it)")
        pytest.skip("tmux is not installed")
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

    _wait("the wizard", lambda: "utfylt" in screen())
    tmux("send-keys", "-t", "w", "C-g")  # next gap: the first empty question (long text)
    _wait("the first gap", lambda: "virksomhet.endringer" in screen())
    answer = "Svar skrevet i tmux 4711"
    tmux("send-keys", "-t", "w", "-l", answer)
    _wait("the typed text on screen", lambda: answer in screen())
    tmux("kill-session", "-t", "w")  # closing the terminal: SIGHUP
    _wait("the program to end", lambda: not _alive(pid), timeout=15)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["answers"]["virksomhet.endringer"] == answer
