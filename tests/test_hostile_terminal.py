"""Issue 5, case 10, end to end: the installed wizard in a real terminal (tmux) shows control
sequences in the author's text visibly; none reaches the terminal. tmux is told to accept
clipboard writes (OSC 52), so one that got through would show up in its paste buffers, and a
"\\x1b[2J" that got through would wipe the header off the screen."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from termtools import AKTSOMHET, pid_alive, require_tmux, wait_for

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import load_bank

HOSTILE = ("A\x1b[2JB \x1b]52;c;aGVpCg==\x07 C\x9b2JD "
           "\x1b]8;;http://x\x1b\\lenke\x1b]8;;\x1b\\ [bold]fet[/bold] [@click=app.quit]x[/]")



def test_wizard_shows_escapes_visibly(tmp_path: Path) -> None:
    TMUX = require_tmux()
    s = sessions.Session("Org \x1b]52;c;b3JnCg==\x07 [b]O[/b] \x9b2J", 2024)
    s.answers["forord"] = HOSTILE
    s.answers["virksomhet.navn"] = HOSTILE  # a one-line field (Input)
    s.answers["virksomhet.adresse"] = "\x1b[2J\x1b[H" + HOSTILE
    s.not_applicable["virksomhet.merker"] = "Grunn " + HOSTILE  # the reason field (Input)
    path = tmp_path / "fiendtlig.toml"
    sessions.save(s, path)
    stored = path.read_bytes()
    conf = tmp_path / "tmux.conf"
    conf.write_text("set -s set-clipboard on\n")
    sock = f"aktsomhet-hostile-{os.getpid()}"

    def tmux(*args: str) -> str:
        assert TMUX is not None
        return subprocess.run([TMUX, "-L", sock, *args], capture_output=True, text=True,
                              check=False).stdout

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", "w")

    env = {**os.environ, "TERM": "xterm-256color"}
    subprocess.run([TMUX, "-L", sock, "-f", str(conf), "new-session", "-d", "-s", "w",
                    "-x", "150", "-y", "40", f"exec {AKTSOMHET} open {path}"],
                   env=env, check=True)
    pid = int((tmux("list-panes", "-t", "w", "-F", "#{pane_pid}").split() or ["0"])[0])
    try:
        wait_for("the wizard", lambda: "Avslutt" in screen(), 20)
        seen = []
        for qid in ("forord", "virksomhet.navn", "virksomhet.adresse", "virksomhet.merker"):
            # The pane's title: the question's text (i15's labels show no id for these).
            title = load_bank()[qid].text[:30]
            wait_for(qid, lambda title=title: any(
                title in ln.split("▕", 1)[1] for ln in screen().splitlines() if "▕" in ln), 10)
            # Drawn with its answer (what an escape that got through would have come with).
            drawn = "Grunn" if qid == "virksomhet.merker" else "lenke"
            try:
                wait_for(f"{qid}'s answer", lambda drawn=drawn: drawn in screen(), 10)
            except AssertionError as error:
                raise AssertionError(f"{error}:\n{screen()}") from None
            shown = screen()
            seen.append(shown)
            header = shown.splitlines()[0]
            # Had "\x1b[2J" reached the terminal, the header would be gone.
            assert "utfylt" in header, (qid, shown)
            assert "2024" in header and "[b]O[/b]" in header
            if qid != "virksomhet.merker":
                tmux("send-keys", "-t", "w", "C-n")
        assert all("lenke" in shown for shown in seen[:3])
        assert any("[bold]fet[/bold]" in shown for shown in seen)  # markup as text
        assert any("[@click=app.quit]x[/]" in shown for shown in seen)
        assert "Grunn" in seen[3]
        buffers = tmux("list-buffers")
        assert buffers == "", f"a clipboard write reached the terminal: {buffers!r}"
        tmux("send-keys", "-t", "w", "C-q")
        wait_for("the program to end", lambda: "Avslutt" not in screen(), 10)
    finally:
        tmux("kill-server")
        if pid and pid_alive(pid):  # never leave the program running after the test
            os.kill(pid, signal.SIGKILL)
    assert path.read_bytes() == stored  # shown, not changed


def test_a_byte_that_is_not_utf8_does_not_stop_the_keyboard(tmp_path: Path) -> None:
    """Issue 14, item 4: ø from a Latin-1 terminal (the byte 0xF8) reaches the wizard as U+FFFD;
    the keys after it still work, and Ctrl+Q saves and quits (exit 0, no traceback)."""
    TMUX = require_tmux()
    s = sessions.Session("Org", 2024)
    s.position = "virksomhet.endringer"  # a long text question: the cursor is in its answer
    path = tmp_path / "latin1.toml"
    sessions.save(s, path)
    rc = tmp_path / "rc"
    sock = f"aktsomhet-latin1-{os.getpid()}"

    def tmux(*args: str) -> str:
        return subprocess.run([TMUX, "-L", sock, *args], capture_output=True, text=True,
                              check=False).stdout

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", "w")

    env = {**os.environ, "TERM": "xterm-256color"}
    subprocess.run([TMUX, "-L", sock, "-f", "/dev/null", "new-session", "-d", "-s", "w",
                    "-x", "120", "-y", "35",
                    f"{AKTSOMHET} open {path}; echo $? >{rc}; sleep 30"],
                   env=env, check=True)
    try:
        wait_for("the wizard", lambda: "Avslutt" in screen(), 20)
        wait_for("the question",
                 lambda: "Vesentlige organisatoriske endringer siden" in screen(), 10)
        tmux("send-keys", "-t", "w", "-l", "bl")
        tmux("send-keys", "-t", "w", "-H", "f8")
        tmux("send-keys", "-t", "w", "-l", "tt")
        wait_for("the text after the byte", lambda: "bl\ufffdtt" in screen(), 10)
        tmux("send-keys", "-t", "w", "C-q")
        wait_for("the program to end", lambda: rc.exists() and rc.read_text().strip() != "",
                 15)
        after = tmux("capture-pane", "-p", "-S", "-200", "-t", "w")
    finally:
        tmux("kill-server")
    assert rc.read_text().strip() == "0"
    assert "Traceback" not in after and "Error" not in after, after
    assert sessions.load(path).answers["virksomhet.endringer"] == "bl\ufffdtt"


def test_the_terminal_decoder_replaces_what_is_not_utf8() -> None:
    """The piece of textual_compat that makes the driver's decoder lenient is on (it checks
    at import that Textual's Linux driver decodes as it expects)."""
    from textual.drivers import linux_driver

    from aktsomhetswizard.tui import textual_compat

    assert textual_compat.ACTIVE["lenient_input"]
    decode = linux_driver.getincrementaldecoder("utf-8")().decode
    assert decode(b"a\xf8b") + decode(b"\xc3", final=False) + decode(b"\xb8") == "a\ufffdbø"
