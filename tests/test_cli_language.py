"""The command line in one language (issue 15, item 8): Norwegian help and errors, argparse's own
words included; a help text for every option; `check NAME` as `open NAME`; no hard wrap when the
output is not a terminal; one line on leaving the wizard. Run as a user runs it: a subprocess."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from termtools import TMUX, require_tmux, wait_for

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import load_bank
from aktsomhetswizard.cli import build_parser
from aktsomhetswizard.cliparse import translate_error
from aktsomhetswizard.completeness import check

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"
AKTSOMHET = Path(sys.executable).parent / "aktsomhet"
ENGLISH = ("usage:", "show this help", "options:", "positional arguments", "error:",
           "invalid choice", "required:", "unrecognized", "expected one argument")
SUBCOMMANDS = ("check", "export", "new", "open", "list", "questions")


def aktsomhet(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "AKTSOMHET_SESSIONS")}
    return subprocess.run([str(AKTSOMHET), *args], capture_output=True, text=True, timeout=60,
                          cwd=cwd, env=env)


@pytest.mark.parametrize("args", [(), *((name,) for name in SUBCOMMANDS)])
def test_help_is_norwegian(args: tuple[str, ...]) -> None:
    done = aktsomhet(*args, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("bruk: aktsomhet")
    assert "vis denne hjelpen og avslutt" in done.stdout
    for word in ENGLISH:
        assert word not in done.stdout, word


@pytest.mark.parametrize(
    "args, norwegian",
    [
        (("check",), "disse argumentene mangler: NAVN|FIL|MAPPE"),
        (("check", "x", "--format", "pdf"), "argumentet --format: ugyldig valg: 'pdf'"),
        (("nope",), "ugyldig valg: 'nope'"),
        (("check", "x", "--bogus"), "ukjente argumenter: --bogus"),
        (("check", "x", "-o"), "argumentet -o/--output: trenger én verdi"),
        (("new", "x", "--org", "y", "--year", "abc"), "ugyldig årstall"),
    ],
)
def test_usage_errors_are_norwegian(args: tuple[str, ...], norwegian: str) -> None:
    done = aktsomhet(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("bruk: aktsomhet")
    assert ": feil: " in done.stderr and norwegian in done.stderr
    for word in ENGLISH:
        assert word not in done.stderr, word


def test_unknown_message_is_kept_as_argparse_words_it() -> None:
    assert translate_error("something new in Python 3.99") == "something new in Python 3.99"
    assert translate_error("argument --x: something new") == "argumentet --x: something new"


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found.extend(_parsers(sub))
    return found


def test_every_option_and_argument_has_help_text() -> None:
    parsers = _parsers(build_parser())
    assert {p.prog.split()[-1] for p in parsers} >= set(SUBCOMMANDS)
    for parser in parsers:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help and action.help.strip(), (parser.prog, action.dest)


def test_check_accepts_a_session_name_like_open(tmp_path: Path) -> None:
    shutil.copyfile(EXAMPLE, tmp_path / "eks.toml")
    done = aktsomhet("check", "eks", "--dir", str(tmp_path), "--format", "json")
    assert done.returncode == 1, done.stderr  # the example is incomplete
    assert '"organisation": "KS - Kommunesektorens organisasjon"' in done.stdout
    missing = aktsomhet("check", "ingen-slik", "--dir", str(tmp_path))
    assert missing.returncode == 2
    assert "ingen-slik.toml: finnes ikke" in missing.stderr


def test_piped_text_is_not_hard_wrapped(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    org = "KS - Kommunesektorens organisasjon"
    long_org = org + " med et svært langt navn som går langt forbi åtti tegn på linjen"
    (tmp_path / "eks.toml").write_text(text.replace(org, long_org, 1), encoding="utf-8")
    done = aktsomhet("check", str(tmp_path / "eks.toml"))
    assert done.returncode == 1, done.stderr
    first = done.stdout.splitlines()[0]
    assert long_org in first and first.endswith("rapporteringsår 2023")
    assert any(len(line) > 100 for line in done.stdout.splitlines())


def test_leaving_the_wizard_prints_one_line(tmp_path: Path) -> None:
    tmux_path = require_tmux()
    assert TMUX is not None
    shutil.copyfile(EXAMPLE, tmp_path / "eks.toml")
    socket = f"akt-leave-{os.getpid()}"
    command = (f"{shlex.quote(str(AKTSOMHET))} open eks --dir {shlex.quote(str(tmp_path))}; "
               "echo ENDED-$?; sleep 30")

    def tmux(*args: str) -> str:
        return subprocess.run([tmux_path, "-L", socket, *args], capture_output=True, text=True,
                              timeout=10).stdout

    def screen() -> str:
        return tmux("capture-pane", "-p", "-J", "-t", "w")

    try:
        subprocess.run([tmux_path, "-L", socket, "new-session", "-d", "-s", "w", "-x", "200",
                        "-y", "24", command], check=True, timeout=10)
        wait_for("the wizard", lambda: "utfylt" in screen())
        tmux("send-keys", "-t", "w", "C-q")
        wait_for("the end", lambda: "ENDED-" in screen())
        lines = [line for line in screen().splitlines() if line.strip()]
    finally:
        subprocess.run([tmux_path, "-L", socket, "kill-server"], capture_output=True)
    result = check(load_bank(), sessions.load(tmp_path / "eks.toml"))
    assert result.missing  # the example is incomplete
    assert lines == [
        f"Lagret i {tmp_path / 'eks.toml'} — {result.percent} % utfylt "
        f"({result.answered} av {result.expected}, {len(result.missing)} mangler)",
        "ENDED-0",
    ]


def test_open_at_an_unknown_field_is_refused(tmp_path: Path) -> None:
    shutil.copyfile(EXAMPLE, tmp_path / "eks.toml")
    done = aktsomhet("open", "eks", "--dir", str(tmp_path), "--ved", "9.Z.9[1].x")
    assert done.returncode == 2
    assert done.stderr == "aktsomhet: --ved 9.Z.9[1].x: finnes ikke i malen\n"
    assert (tmp_path / "eks.toml").read_bytes() == EXAMPLE.read_bytes()
