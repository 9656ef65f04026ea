"""The `aktsomhet` command. The TUI and rich are imported lazily, inside the subcommands that
need them, so that `aktsomhet check --format json` stays light."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from . import session as sessions
from .bank import BankError, load_bank
from .session import SessionError
from .textsafe import one_line, visible

EXIT_OK = 0
EXIT_MISSING = 1
EXIT_UNUSABLE = 2


class UserError(Exception):
    """A mistake of the user's: one line on stderr, exit 2, no traceback."""


# ---------------------------------------------------------------------------------------------
# Argument parsing


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNUSABLE, f"{self.prog}: feil: {message}\n")


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ugyldig årstall: {text!r}") from None
    if not 2000 <= year <= datetime.now().year + 1:
        raise argparse.ArgumentTypeError(
            f"rapporteringsåret må være mellom 2000 og {datetime.now().year + 1}"
        )
    return year


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--dir",
        metavar="MAPPE",
        default=argparse.SUPPRESS,
        help="mappen med økter (ellers $AKTSOMHET_SESSIONS, ellers ./sessions)",
    )
    parser = _Parser(
        prog="aktsomhet",
        description="Skriv og kontroller redegjørelsen for aktsomhetsvurderinger "
        "(Etisk handel Norge / åpenhetsloven). Uten kommando: velg en økt.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)

    p = sub.add_parser("check", parents=[common], help="kontroller hvor komplett en rapport er")
    p.add_argument("files", nargs="+", metavar="FIL", help="øktfiler eller mapper med økter")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--strict", action="store_true", help="advarsler gir også exit 1")

    p = sub.add_parser("new", parents=[common], help="start en ny økt")
    p.add_argument("name", metavar="NAVN")
    p.add_argument("--org", required=True, metavar="VIRKSOMHET")
    p.add_argument("--year", required=True, type=_year, metavar="ÅR")
    p.add_argument("--from", dest="previous", metavar="NAVN|FIL",
                   help="ta med svarene fra en tidligere økt (fjorårets)")
    p.add_argument("--no-open", action="store_true", help="ikke åpne veiviseren")

    p = sub.add_parser("open", parents=[common], help="åpne en økt i veiviseren")
    p.add_argument("target", metavar="NAVN|FIL")

    sub.add_parser("list", parents=[common], help="vis øktene i mappen")

    p = sub.add_parser("questions", parents=[common], help="vis spørsmålene i malen")
    p.add_argument("--format", choices=["text", "json"], default="text")
    return parser


# ---------------------------------------------------------------------------------------------
# Helpers


def _dir(args: argparse.Namespace) -> Path:
    return sessions.sessions_dir(getattr(args, "dir", None))


def resolve_target(target: str, directory: Path) -> Path:
    """NAME (in the sessions folder) or a path to a file."""
    candidate = Path(target)
    if (os.sep in target or target.endswith(sessions.SUFFIX)) and candidate.exists():
        return candidate
    if os.sep in target:
        raise UserError(f"{target}: finnes ikke")
    return sessions.session_path(target, directory)


def _expand(files: Sequence[str]) -> Iterator[Path]:
    for name in files:
        path = Path(name)
        if path.is_dir():
            yield from sorted(path.glob("*" + sessions.SUFFIX))
        else:
            yield path


def _err(message: str) -> None:
    print(visible(message, keep_newlines=False), file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# Subcommands


def cmd_check(args: argparse.Namespace) -> int:
    from .completeness import check
    from .quality import warnings as quality_warnings
    from .render.data import check_record, error_record

    paths = list(_expand(args.files))
    if not paths:
        raise UserError("fant ingen øktfiler (*.toml)")
    records: list[dict[str, Any]] = []
    worst = EXIT_OK
    console = None
    if args.format == "text":
        from rich.console import Console

        console = Console(highlight=False, soft_wrap=False)
    for n, path in enumerate(paths):
        try:
            session = sessions.load(path)
            bank = load_bank(session.template)
        except (SessionError, BankError) as exc:
            _err(str(exc))
            records.append(error_record(path, str(exc)))
            worst = max(worst, EXIT_UNUSABLE)
            continue
        result = check(bank, session)
        found = quality_warnings(bank, session)
        code = EXIT_OK if result.complete else EXIT_MISSING
        if args.strict and found:
            code = EXIT_MISSING
        worst = max(worst, code)
        if console is not None:
            from .render.text import render_check

            if n:
                console.print()
            render_check(console, path, session, bank, result, found)
        else:
            records.append(check_record(path, session, result, found))
    if args.format == "json":
        out: Any = records[0] if len(records) == 1 and len(args.files) == 1 and not Path(
            args.files[0]).is_dir() else records
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return worst


def cmd_new(args: argparse.Namespace) -> int:
    directory = _dir(args)
    path = sessions.session_path(args.name, directory)
    org = args.org.strip()
    if not org:
        raise UserError("--org kan ikke være tom")
    if path.exists():
        raise UserError(f"{path}: finnes allerede (åpne den med «aktsomhet open {args.name}»)")
    previous = None
    if args.previous:
        previous = sessions.load(resolve_target(args.previous, directory))
    if previous is not None:
        session = sessions.start_from(previous, org, args.year)
    else:
        session = sessions.Session(organisation=org, year=args.year)
    directory.mkdir(parents=True, exist_ok=True)
    sessions.save(session, path, touch=False)
    print(f"Ny økt: {visible(str(path), keep_newlines=False)}")
    if args.no_open:
        return EXIT_OK
    return _run_wizard(path)


def cmd_open(args: argparse.Namespace) -> int:
    path = resolve_target(args.target, _dir(args))
    sessions.load(path)  # a clear error now, rather than a broken screen
    return _run_wizard(path)


def cmd_list(args: argparse.Namespace) -> int:
    from .completeness import check

    directory = _dir(args)
    paths = sorted(directory.glob("*" + sessions.SUFFIX)) if directory.is_dir() else []
    if not paths:
        print(f"Ingen økter i {visible(str(directory), keep_newlines=False)}.")
        return EXIT_OK
    rows = []
    for path in paths:
        name = path.name[: -len(sessions.SUFFIX)]
        try:
            s = sessions.load(path)
            pct = check(load_bank(s.template), s).percent
            changed = s.updated.astimezone().strftime("%Y-%m-%d %H:%M")
            rows.append((name, one_line(s.organisation, 40), str(s.year), f"{pct} %", changed))
        except (SessionError, BankError):
            rows.append((name, "(kan ikke leses)", "", "", ""))
    header = ("Økt", "Virksomhet", "År", "Utfylt", "Sist endret")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    for row in [header, *rows]:
        print("  ".join(one_line(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return EXIT_OK


def cmd_questions(args: argparse.Namespace) -> int:
    bank = load_bank()
    if args.format == "json":
        data = [
            {
                "id": step.id,
                "number": step.number,
                "title": step.title,
                "scope": step.scope,
                "sections": [
                    {
                        "id": sec.id,
                        "title": sec.title,
                        "questions": [q.model_dump(exclude_defaults=True, mode="json")
                                      | {"kind": q.kind.value} for q in sec.questions],
                    }
                    for sec in step.sections
                ],
            }
            for step in bank.steps
        ]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    for step in bank.steps:
        print(f"\n{step.label}")
        for sec in step.sections:
            print(f"  {sec.id}  {sec.title}")
            for q in sec.questions:
                flags = " (valgfritt)" if q.optional else ""
                law = f" [§5 {', '.join(q.law)}]" if q.law else ""
                print(f"    {q.id:<38} {q.kind.value:<10} {q.text}{flags}{law}")
    return EXIT_OK


def _run_wizard(path: Path | None) -> int:
    try:
        from .tui.app import run
    except ImportError:
        print("Veiviseren er ikke tilgjengelig i denne versjonen.", file=sys.stderr)
        return EXIT_UNUSABLE
    return run(path)


def cmd_pick(args: argparse.Namespace) -> int:
    directory = _dir(args)
    try:
        from .tui.app import run_picker
    except ImportError:
        print("Veiviseren er ikke tilgjengelig i denne versjonen.", file=sys.stderr)
        return EXIT_UNUSABLE
    return run_picker(directory)


COMMANDS = {
    "check": cmd_check,
    "new": cmd_new,
    "open": cmd_open,
    "list": cmd_list,
    "questions": cmd_questions,
    None: cmd_pick,
}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # usage errors and --help: argparse has printed its message
        return exc.code if isinstance(exc.code, int) else EXIT_UNUSABLE
    try:
        return COMMANDS[args.command](args)
    except (UserError, SessionError, BankError) as exc:
        _err(f"aktsomhet: {exc}")
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`aktsomhet check … | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def entry() -> None:
    sys.exit(main())
