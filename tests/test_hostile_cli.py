"""Issue 5, cases 9, 10 and 12, for the command line: markup in user text is printed literally,
terminal control sequences in user text are shown visibly ("\\x1b") and never reach the terminal,
in every output of every command, errors included; the stored text is unchanged."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aktsomhetswizard import session as sessions

AKTSOMHET = Path(sys.executable).parent / "aktsomhet"

ESCAPES = [
    "\x1b",  # ESC
    "\x1b[2J\x1b[H",  # CSI: clear the screen
    "\x1b]8;;http://x\x1b\\lenke\x1b]8;;\x1b\\",  # OSC 8 link
    "\x1b]52;c;aGVpCg==\x07",  # OSC 52: write the clipboard
    "\x9b31m",  # 8-bit C1 CSI
    "\x90qDCS\x9c",  # C1 DCS … ST
    "\x07",  # BEL
    "\u202eslurt\u202c",  # bidi override
]
MARKUP = ["[bold]fet[/bold]", "[/]", "[/foo]", "[0]", "[@click=app.quit]x[/]",
          "[link=https://x]y[/link]", "slutt\\"]
HOSTILE = "".join(ESCAPES) + " " + " ".join(MARKUP)
ORG = "Org " + HOSTILE


def _forbidden(data: bytes) -> list[str]:
    """Raw control bytes or characters that a terminal would act on."""
    found = []
    for byte, name in ((0x1B, "ESC"), (0x07, "BEL")):
        if byte in data:
            found.append(name)
    text = data.decode("utf-8", "replace")
    found += [f"U+{ord(c):04X}" for c in text if 0x80 <= ord(c) <= 0x9F or c in "\u202e\u202c"]
    if b"\x9b" in data:
        found.append("raw 0x9b")
    return found


@pytest.fixture
def hostile(sessions_dir: Path) -> Path:
    s = sessions.Session(ORG, 2024)
    s.answers["1.A.1"] = HOSTILE
    s.answers["virksomhet.epost"] = "kontakt@eksempel.no " + HOSTILE
    s.answers["1.A.2"] = "--"  # a placeholder: a quality warning about this item
    s.not_applicable["6.A.1"] = "Grunn " + HOSTILE
    s.not_applicable["6.A.2"] = ""
    s.tables["priorities"] = [{"impact": HOSTILE, "theme": "[bold]", "geography": "\x1b[2J"}]
    s.extra_header["note"] = HOSTILE
    path = sessions_dir / "fiendtlig.toml"
    sessions.save(s, path)
    # A file name that is itself hostile (made by hand, not by `aktsomhet new`).
    shutil.copyfile(path, sessions_dir / "navn\x1b[2J\x9b.toml")
    return path


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm-256color", "FORCE_COLOR": ""}
    env.pop("FORCE_COLOR")
    return subprocess.run([str(AKTSOMHET), *args], capture_output=True, cwd=cwd, env=env,
                          timeout=60)


def _commands(path: Path) -> list[list[str]]:
    folder = path.parent
    bad = folder / "navn\x1b[2J\x9b.toml"
    return [
        ["check", str(path)],
        ["check", "--format", "json", str(path)],
        ["check", "--format", "csv", str(path), str(path)],
        ["check", "--format", "markdown", str(path)],
        ["check", "--format", "html", str(path)],
        ["check", str(folder)],
        ["check", "--format", "json", str(folder)],
        ["check", str(bad)],
        ["export", str(path)],
        ["export", "--format", "html", str(path)],
        ["list"],
        ["questions"],
        ["new", "x\x1b[2J", "--org", "a", "--year", "2024", "--no-open"],
        ["new", "ny", "--org", ORG, "--year", "2024", "--no-open"],
        ["open", str(folder / "finnes\x1b]52;c;eA==\x07ikke.toml")],
        ["open", "fins\x1b[2Jikke"],
        ["check", str(folder / "mangler\x9b.toml")],
    ]


def test_no_escape_reaches_the_terminal(hostile: Path) -> None:
    stored = hostile.read_bytes()
    problems = {}
    for argv in _commands(hostile):
        done = _run(*argv, cwd=hostile.parent.parent)
        assert b"Traceback" not in done.stderr, (argv, done.stderr.decode())
        for stream, data in (("stdout", done.stdout), ("stderr", done.stderr)):
            bad = _forbidden(data)
            if bad:
                problems[f"{argv[:3]} {stream}"] = bad
    assert not problems, problems
    assert hostile.read_bytes() == stored  # the stored text is unchanged
    assert sessions.load(hostile).answers["1.A.1"] == HOSTILE


def test_escapes_are_shown_visibly(hostile: Path) -> None:
    out = _run("check", str(hostile), cwd=hostile.parent.parent).stdout.decode()
    assert "\\x1b[2J" in out  # the organisation, as text
    assert "\\x9b31m" in out
    listing = _run("list", cwd=hostile.parent.parent).stdout.decode()
    assert "\\x1b" in listing and "navn\\x1b[2J\\x9b" in listing


def test_markup_is_printed_literally(hostile: Path) -> None:
    out = _run("check", str(hostile), cwd=hostile.parent.parent).stdout.decode()
    for mark in ("[bold]fet[/bold]", "[/]", "[/foo]", "[0]", "[@click=app.quit]x[/]",
                 "[link=https://x]y[/link]", "slutt\\"):
        assert mark in out, mark  # in the header line with the organisation
    assert "Grunn \\x1b\\x1b[2J" in out  # the reason (cut to one line), visibly
    sessions.save(sessions.Session("[bold]fet[/bold] [/] [0]", 2024),
                  hostile.parent / "kort.toml")
    listing = _run("list", cwd=hostile.parent.parent).stdout.decode()
    assert "[bold]fet[/bold] [/] [0]" in listing


def test_error_messages_never_quote_answers(hostile: Path, sessions_dir: Path) -> None:
    """A broken file that holds a contact's e-mail: the error names the file and the place,
    never the text or the address."""
    raw = hostile.read_bytes().replace(b"[answers]", b"[answers", 1)
    broken = sessions_dir / "brukket.toml"
    broken.write_bytes(raw)
    done = _run("check", str(broken), cwd=sessions_dir.parent)
    err = done.stderr.decode()
    assert done.returncode == 2 and "brukket.toml" in err
    assert "kontakt@eksempel.no" not in err and "Grunn" not in err
    wrong = sessions_dir / "feiltype.toml"
    wrong.write_bytes(hostile.read_bytes().replace(
        b'"virksomhet.epost" = ', b'"virksomhet.epost" = ["kari@eksempel.no"]\n"x" = ', 1))
    done = _run("check", str(wrong), cwd=sessions_dir.parent)
    err = done.stderr.decode()
    assert done.returncode == 2 and "virksomhet.epost" in err
    assert "kari@eksempel.no" not in err


def test_json_stays_the_same_data(hostile: Path) -> None:
    import json

    done = _run("check", "--format", "json", str(hostile), cwd=hostile.parent.parent)
    assert json.loads(done.stdout)["organisation"] == ORG
