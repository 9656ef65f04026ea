"""Issue 5, case 7 (and 12): a bad session file gives one clear line naming the file (with line
and column where there is one), exit 2 from `aktsomhet check` and `aktsomhet open`, never a
traceback, never the author's text, and the file is never written over."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from aktsomhetswizard import cli
from aktsomhetswizard import session as sessions
from aktsomhetswizard.session import SessionError

AKTSOMHET = Path(sys.executable).parent / "aktsomhet"
SECRET = "hemmelig-svar-ola@eksempel.no"

HEAD = '[session]\nformat = 1\norganisation = "KS"\nyear = 2024\n'

# name -> (file bytes, what the message must say)
BAD: dict[str, tuple[bytes, list[str]]] = {
    "broken toml": (b"[session\nformat = 1\n", ["ugyldig TOML", "linje 1, kolonne 9"]),
    "toml 1.1 inline table over lines": (
        (HEAD + '[answers]\n"1.A.1" = { a = "x",\n  b = "y", }\n').encode(),
        ["ugyldig TOML", "linje 6"],
    ),
    "toml 1.1 escape \\e": ((HEAD + '[answers]\n"1.A.1" = "\\e[1m"\n').encode(),
                            ["ugyldig TOML", "linje 6"]),
    "toml 1.1 time without seconds": ((HEAD + "tid = 10:00\n").encode(),
                                      ["ugyldig TOML", "linje 5"]),
    "number where text belongs": (
        (HEAD + f'[answers]\n"1.A.1" = 1234567\n"1.A.2" = "{SECRET}"\n').encode(),
        ["'1.A.1'", "tekst", "et tall"],
    ),
    "list where text belongs": (
        (HEAD + f'[answers]\n"1.A.2" = ["{SECRET}"]\n').encode(),
        ["'1.A.2'", "en liste"],
    ),
    "organisation not text": (b'[session]\nformat = 1\norganisation = 5\nyear = 2024\n',
                              ["organisation", "tekst"]),
    "table cell not text": (
        (HEAD + "[[priorities]]\nimpact = 42\n").encode(), ["priorities", "impact"],
    ),
    "missing [session]": (f'[answers]\n"1.A.1" = "{SECRET}"\n'.encode(), ["[session]"]),
    "format newer": (b'[session]\nformat = 7\norganisation = "KS"\nyear = 2024\n',
                     ["format 7", "Oppdater"]),
    "format not a number": (b'[session]\nformat = "1"\norganisation = "KS"\nyear = 2024\n',
                            ["format"]),
    "year missing": (b'[session]\nformat = 1\norganisation = "KS"\n', ["year"]),
    "not utf-8": (HEAD.encode() + b'[answers]\n"1.A.1" = "\xff\xfe"\n', ["UTF-8"]),
    "empty file": (b"", ["[session]"]),
    "deeply nested": (b"x = " + b"[" * 3000 + b"]" * 3000 + b"\n" + HEAD.encode(), []),
    "unknown template": (b'[session]\nformat = 1\ntemplate = "../../etc/passwd\\u001b[2J"\n'
                         b'organisation = "KS"\nyear = 2024\n', ["mal"]),
}


def _write(folder: Path, raw: bytes) -> Path:
    path = folder / "feil.toml"
    path.write_bytes(raw)
    old = 1_600_000_000
    os.utime(path, (old, old))
    return path


def _untouched(path: Path, raw: bytes) -> None:
    assert path.read_bytes() == raw
    assert path.stat().st_mtime == 1_600_000_000
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


@pytest.mark.parametrize("case", list(BAD))
def test_loader_gives_one_clear_line(case: str, sessions_dir: Path) -> None:
    raw, needles = BAD[case]
    path = _write(sessions_dir, raw)
    with pytest.raises(SessionError) as info:
        sessions.read(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path) + ": ")
    for needle in needles:
        assert needle in message, (needle, message)
    assert SECRET not in message and "1234567" not in message
    assert "\x1b" not in message
    _untouched(path, raw)


@pytest.mark.parametrize("case", list(BAD))
@pytest.mark.parametrize("command", ["check", "open", "check-json"])
def test_cli_exit_2_and_file_untouched(case: str, command: str, sessions_dir: Path,
                                       capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import aktsomhetswizard.tui.app as tui_app

    def no_wizard(path: Path) -> int:
        raise AssertionError("the wizard must not start on a bad file")

    monkeypatch.setattr(tui_app, "run", no_wizard)
    raw, needles = BAD[case]
    path = _write(sessions_dir, raw)
    argv = {"check": ["check", str(path)], "open": ["open", str(path)],
            "check-json": ["check", "--format", "json", str(path)]}[command]
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1, err
    assert path.name in err
    assert "Traceback" not in err and SECRET not in err + out
    _untouched(path, raw)


def test_installed_program_in_a_subprocess(sessions_dir: Path) -> None:
    """As a new user would run it: no traceback, exit 2, one line, for check and open."""
    raw = BAD["broken toml"][0]
    path = _write(sessions_dir, raw)
    for command in (["check", str(path)], ["open", str(path)], ["open", "feil"]):
        done = subprocess.run([str(AKTSOMHET), *command], capture_output=True, timeout=60,
                              env={**os.environ, "AKTSOMHET_SESSIONS": str(sessions_dir)})
        assert done.returncode == 2, (command, done.stderr)
        err = done.stderr.decode()
        assert err.count("\n") == 1 and "feil.toml" in err and "linje 1, kolonne 9" in err
        assert "Traceback" not in err
        assert done.stdout == b""
    _untouched(path, raw)


def test_open_of_a_missing_session(sessions_dir: Path, capsys: pytest.CaptureFixture[str]
                                   ) -> None:
    assert cli.main(["open", "finnes-ikke"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "finnes-ikke.toml" in err and "finnes ikke" in err
    assert list(sessions_dir.iterdir()) == []
