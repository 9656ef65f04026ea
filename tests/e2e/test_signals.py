"""Issue 5, case 3: the installed `aktsomhet` in a real terminal (tmux), killed for real.

Closing the terminal (SIGHUP), SIGTERM and Ctrl+C save everything typed before the program ends,
also text typed a moment before the signal; after kill -9 at most the last two seconds are lost.
Every wait polls with a deadline; nothing sleeps for a fixed long time.
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import subprocess
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from termtools import AKTSOMHET, TMUX, pid_alive, require_tmux, wait_for

from aktsomhetswizard.store import SessionStore

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"


@pytest.fixture(autouse=True)
def _tmux() -> None:
    require_tmux()

_count = itertools.count()




@dataclass
class Terminal:
    socket: str
    path: Path
    pid: int = 0

    def tmux(self, *args: str, check: bool = True) -> str:
        assert TMUX is not None
        done = subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True,
                              text=True, check=False)
        if check and done.returncode:
            raise AssertionError(f"tmux {args[0]}: {done.stderr.strip()}")
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "w", check=False)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "w", "-l", text)

    def key(self, key: str) -> None:
        self.tmux("send-keys", "-t", "w", key)

    def saved(self) -> str:
        try:
            return self.path.read_text("utf-8")
        except FileNotFoundError:
            return ""

    def wait_ended(self, timeout: float = 10.0) -> None:
        wait_for("the program to end", lambda: not pid_alive(self.pid), timeout)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "ks-2023.toml"
    shutil.copyfile(EXAMPLE, path)
    term = Terminal(f"aktsomhet-test-{os.getpid()}-{next(_count)}", path)
    env = {**os.environ, "AKTSOMHET_SESSIONS": str(folder), "TERM": "xterm-256color"}
    assert TMUX is not None
    subprocess.run(
        [TMUX, "-L", term.socket, "-f", "/dev/null", "new-session", "-d", "-s", "w",
         "-x", "120", "-y", "40", f"exec {AKTSOMHET} open {path}"],
        env=env, check=True, cwd=tmp_path,
    )
    try:
        term.pid = int(term.tmux("list-panes", "-t", "w", "-F", "#{pane_pid}").split()[0])
        # Ready when the wizard shows the session and its footer.
        wait_for("the wizard", lambda: "Kommunesektorens" in term.screen()
              and "Avslutt" in term.screen(), 20)
        yield term
    finally:
        term.tmux("kill-server", check=False)
        if term.pid and pid_alive(term.pid):
            os.kill(term.pid, signal.SIGKILL)


def _marker() -> str:
    return f"MERKE{os.getpid()}X{next(_count)}"


def _assert_clean_end(term: Terminal, marker: str) -> None:
    text = term.saved()
    assert marker in text, "the typed text is not in the file"
    tomllib.loads(text)  # a whole, valid file
    folder = term.path.parent
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert not term.path.with_name(term.path.name + ".lock").exists()


def _send(term: Terminal, how: str) -> None:
    if how == "SIGHUP (terminal closed)":
        term.tmux("kill-server")
    elif how == "SIGTERM":
        os.kill(term.pid, signal.SIGTERM)
    elif how == "Ctrl+C":
        term.key("C-c")
    elif how == "SIGINT":
        os.kill(term.pid, signal.SIGINT)
    else:  # pragma: no cover
        raise ValueError(how)


WAYS = ["SIGHUP (terminal closed)", "SIGTERM", "Ctrl+C"]


@pytest.mark.parametrize("how", [*WAYS, "SIGINT"])
def test_typed_text_is_saved(terminal: Terminal, how: str) -> None:
    marker = _marker()
    terminal.type(marker + " ")
    wait_for("the text on screen", lambda: marker in terminal.screen(), 10)
    assert marker not in terminal.saved()  # not saved yet: the signal must do it
    _send(terminal, how)
    terminal.wait_ended()
    _assert_clean_end(terminal, marker)


@pytest.mark.parametrize("how", WAYS)
def test_text_typed_just_before_the_signal(terminal: Terminal, how: str) -> None:
    marker = _marker()
    terminal.type(marker + " ")
    time.sleep(0.02)  # the author types, and a moment later the signal comes
    _send(terminal, how)
    terminal.wait_ended()
    _assert_clean_end(terminal, marker)


def test_kill_9_loses_at_most_the_last_seconds(terminal: Terminal) -> None:
    marker = _marker()
    terminal.type(marker + " ")
    # Autosave: the text reaches the file within about two seconds of the last keystroke.
    wait_for("the autosave", lambda: marker in terminal.saved(), 3.0)
    os.kill(terminal.pid, signal.SIGKILL)
    terminal.wait_ended()
    text = terminal.saved()
    assert marker in text
    tomllib.loads(text)
    # The lock of the killed process is stale: the session opens again without a question.
    store = SessionStore.open(terminal.path)
    assert store.lock is not None
    store.close()


def test_kill_9_while_typing_without_a_pause(terminal: Terminal) -> None:
    """An author who never pauses still has the text saved every couple of seconds: the
    autosave waits for a pause, but not for longer than about two seconds."""
    typed: list[tuple[float, str]] = []
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < 4.5:
        word = f"ORD{n}X "
        terminal.type(word)
        typed.append((time.monotonic(), word.strip()))
        n += 1
        time.sleep(0.1)
    os.kill(terminal.pid, signal.SIGKILL)
    killed = time.monotonic()
    terminal.wait_ended()
    text = terminal.saved()
    tomllib.loads(text)
    # Everything typed more than ~2 s (+ margin for the terminal) before the kill is kept.
    must_have = [word for at, word in typed if killed - at > 2.8]
    assert must_have, "the test typed too briefly"
    missing = [word for word in must_have if word not in text]
    assert not missing, f"lost {len(missing)} of {len(must_have)} words typed before the kill"


@pytest.mark.parametrize("delay", [n / 40 for n in range(4, 17)])  # 0.1 s … 0.4 s
def test_terminal_closed_while_quitting(terminal: Terminal, delay: float) -> None:
    """Ctrl+Q, and the terminal closes while the program ends (an SSH connection dropping):
    the program still ends, with the text saved. Textual's driver could not stop its input
    thread on a terminal that was gone; the process then spun on it and never ended."""
    marker = _marker()
    terminal.type(marker + " ")
    wait_for("the text on screen", lambda: marker in terminal.screen(), 10)
    terminal.key("C-q")
    time.sleep(delay)
    terminal.tmux("kill-server", check=False)
    terminal.wait_ended(timeout=8)
    _assert_clean_end(terminal, marker)
