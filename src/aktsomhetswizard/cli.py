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
from typing import Any

from . import session as sessions
from .bank import BankError, load_bank
from .cliparse import NorwegianParser
from .exitcodes import EXIT_MISSING, EXIT_OK, EXIT_UNUSABLE
from .session import SessionError
from .textsafe import json_safe, one_line, visible


class UserError(Exception):
    """A mistake of the user's: one line on stderr, exit 2, no traceback."""


# ---------------------------------------------------------------------------------------------
# Argument parsing


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


def _add_dir(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument(
        "--dir",
        metavar="MAPPE",
        default=argparse.SUPPRESS,
        help="mappen med økter (ellers $AKTSOMHET_SESSIONS, ellers ./sessions)",
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = NorwegianParser(
        prog="aktsomhet",
        description="Skriv og kontroller redegjørelsen for aktsomhetsvurderinger "
        "(Etisk handel Norge / åpenhetsloven). Uten kommando: velg en økt.",
    )
    _add_dir(parser)
    sub = parser.add_subparsers(
        dest="command", metavar="KOMMANDO", parser_class=NorwegianParser, title="kommandoer"
    )

    p = _add_dir(sub.add_parser(
        "check", help="kontroller hvor komplett en rapport er",
        description="Kontroller hvor komplett en rapport er, og om den oppfyller "
        "åpenhetsloven §5 og de formelle kravene (se docs/law.md).",
        epilog="Exit-kode: 0 når malen er komplett og åpenhetsloven er oppfylt (eller ikke "
        "påkrevd); 1 ellers (også advarsler med --strict); 2 når en fil ikke kan brukes. Med "
        "flere filer gjelder den verste.",
    ))
    p.add_argument("files", nargs="+", metavar="NAVN|FIL|MAPPE",
                   help="økter (navn i øktmappen), øktfiler eller mapper med økter")
    p.add_argument("--format", choices=["text", "json", "csv", "markdown", "html"],
                   default="text",
                   help="text (standard), json, csv, eller html/markdown: én side for én "
                   "økt, og en samleside med en rad per rapport for en mappe")
    p.add_argument("-o", "--output", metavar="FIL",
                   help="skriv til FIL (- eller utelatt: skjermen)")
    p.add_argument("--strict", action="store_true", help="advarsler gir også exit 1")

    p = _add_dir(sub.add_parser(
        "export", help="lag den ferdige redegjørelsen (Markdown eller HTML)"))
    p.add_argument("target", metavar="NAVN|FIL", help="økten (navn i øktmappen) eller øktfilen")
    p.add_argument("--format", choices=["markdown", "html"], default=None,
                   help="markdown eller html (ellers etter filnavnet til -o, ellers markdown)")
    p.add_argument("-o", "--output", metavar="FIL",
                   help="skriv til FIL (- eller utelatt: skjermen)")
    p.add_argument("--show-missing", action="store_true",
                   help="(uten virkning: ubesvarte spørsmål vises alltid som «Ikke besvart»)")

    p = _add_dir(sub.add_parser("new", help="start en ny økt"))
    p.add_argument("name", metavar="NAVN", help="navnet på den nye økten (blir NAVN.toml)")
    p.add_argument("--org", required=True, metavar="VIRKSOMHET",
                   help="virksomhetens navn (påkrevd)")
    p.add_argument("--year", required=True, type=_year, metavar="ÅR",
                   help="rapporteringsåret (påkrevd)")
    p.add_argument("--from", dest="previous", metavar="NAVN|FIL",
                   help="ta med svarene fra en tidligere økt (fjorårets)")
    p.add_argument("--no-open", action="store_true", help="ikke åpne veiviseren")

    p = _add_dir(sub.add_parser("open", help="åpne en økt i veiviseren"))
    p.add_argument("target", metavar="NAVN|FIL", help="økten (navn i øktmappen) eller øktfilen")
    p.add_argument("--ved", metavar="FELT", dest="item",
                   help="åpne på dette feltet: et spørsmålsnummer («4.A.1») eller et felt slik "
                   "«check --format json» nevner det («3.A.1[2].results»)")

    _add_dir(sub.add_parser("list", help="vis øktene i mappen"))

    p = _add_dir(sub.add_parser(
        "import", help="les inn en rapport i malens oppsett (fjorårets) som en ny økt",
        description="Leser en rapport i Etisk handel Norges mal inn i en ny økt og skriver ut "
        "hva som ble funnet, spørsmål for spørsmål, og hva som ble utelatt. En eksisterende "
        "økt blir aldri overskrevet. Exit 0: lest inn, 2: ikke malens oppsett eller kan ikke "
        "leses."))
    p.add_argument("file", metavar="FIL",
                   help="teksten fra portalens dokument (PDF gjort om til tekst), eller en "
                   "redegjørelse eksportert som Markdown eller HTML")
    p.add_argument("name", metavar="NAVN", nargs="?",
                   help="navnet på den nye økten (ellers etter virksomheten og året)")
    p.add_argument("--dry-run", action="store_true",
                   help="bare vis hva som ble gjenkjent; lagre ingenting")
    p.add_argument("--org", metavar="VIRKSOMHET", help="virksomhetens navn (ellers fra tittelen)")
    p.add_argument("--year", type=_year, metavar="ÅR",
                   help="rapporteringsåret (ellers fra tittelen)")

    p = _add_dir(sub.add_parser(
        "diff", help="vis hva som er endret fra en økt til en annen (fra i fjor til i år)",
        description="Hva er nytt, fjernet, endret og likt, spørsmål for spørsmål, med endringene "
        "ord for ord; for 3.A.1 fjorårets «Mål i rapporteringsåret» ved siden av årets "
        "resultater. Exit 0: ingen endringer, 1: endringer, 2: en økt kan ikke leses."))
    p.add_argument("old", metavar="GAMMEL", help="fjorårets økt (navn i øktmappen eller fil)")
    p.add_argument("new", metavar="NY", help="årets økt (navn i øktmappen eller fil)")
    p.add_argument("--format", choices=["text", "markdown", "html", "json"], default=None,
                   help="text (standard), markdown, html (side ved side) eller json "
                   "(ellers etter filnavnet til -o)")
    p.add_argument("-o", "--output", metavar="FIL",
                   help="skriv til FIL (- eller utelatt: skjermen)")
    p.add_argument("--all", action="store_true", help="vis også svarene som er like")

    p = _add_dir(sub.add_parser("questions", help="vis spørsmålene i malen"))
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="text (standard) eller json")
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


def _expand(files: Sequence[str], directory: Path) -> Iterator[Path]:
    """Folders give their sessions; a name that is no file or folder here is a session's name
    in the sessions folder (as `open NAME` reads it)."""
    for name in files:
        path = Path(name)
        if path.is_dir():
            yield from sorted(path.glob("*" + sessions.SUFFIX))
        elif path.exists() or os.sep in name or name.endswith(sessions.SUFFIX):
            yield path
        else:
            try:
                yield sessions.session_path(name, directory)
            except SessionError:
                yield path  # not a usable name either: reported as a file that is missing


def _err(message: str) -> None:
    print(visible(message, keep_newlines=False), file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# Subcommands


def _checked(path: Path) -> tuple[Any, ...]:
    """Load and check one session file: (session, bank, result, warnings, law verdict) or an
    error text."""
    from .completeness import check
    from .law import judge
    from .quality import warnings as quality_warnings

    try:
        session = sessions.load(path)
        bank = load_bank(session.template)
    except (SessionError, BankError) as exc:
        return (str(exc),)
    return (session, bank, check(bank, session), quality_warnings(bank, session),
            judge(bank, session))


def _guard_output(target: str | None, inputs: Sequence[Path],
                  directory: Path | None = None) -> None:
    """Refuse an output file that is a session: one of the sessions read, any *.toml that reads
    as a session, or any file in the sessions folder (a backup, a lock, a rescue copy) — or a
    new *.toml there, which would be listed as one. A report never replaces answers."""
    if target is None or target == "-":
        return
    out = Path(target)
    for path in inputs:
        try:
            same = out.exists() and out.samefile(path)
        except OSError:
            same = False
        if same or out.resolve() == path.resolve():
            raise UserError(f"{target}: er økten som leses; velg en annen fil for -o")
    refuse = f"{target}: er en økt; -o skriver aldri over en økt. Velg en annen fil."
    if out.is_file() and out.name.endswith(sessions.SUFFIX) and _reads_as_session(out):
        raise UserError(refuse)
    if directory is not None and not out.is_dir():
        try:
            inside = out.resolve().parent == directory.resolve()
        except OSError:
            inside = False
        if inside and (out.exists() or out.is_symlink() or out.name.endswith(sessions.SUFFIX)):
            raise UserError(f"{target}: ligger i øktmappen {directory}; -o skriver aldri over "
                            "filer der. Velg en annen fil.")


def _reads_as_session(path: Path) -> bool:
    """A TOML file with a [session] table: a session, even one this version cannot use."""
    from . import fileread, tomlread

    try:
        data = tomlread.loads(fileread.read_regular(path).decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomlread.TOMLDecodeError, RecursionError):
        return False
    return isinstance(data.get("session"), dict)


def _write_output(text: str, target: str | None) -> None:
    """Print to stdout (no -o, or -o -), or write the file atomically with mode 0600."""
    if target is None or target == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    path = Path(target)
    if path.is_dir():
        raise UserError(f"{target}: er en mappe")
    try:
        sessions.write_atomic(path, text.encode("utf-8"), backup=False,
                              mode=sessions.public_mode())
    except OSError as exc:
        raise UserError(f"{target}: kan ikke skrive filen ({exc.strerror or exc})") from None


class _Stream:
    """Output written as it is made (a folder check: one record after the other), to stdout or
    to a file that appears whole at the end (a temporary file beside it, renamed): memory stays
    flat in the number of files (issue 14)."""

    def __init__(self, target: str | None) -> None:
        self.target = None if target is None or target == "-" else Path(target)
        self._fd: int | None = None
        self._tmp: Path | None = None
        self._path: Path | None = None
        if self.target is not None:
            path = self.target
            if path.is_dir():
                raise UserError(f"{target}: er en mappe")
            if path.is_symlink():
                path = Path(os.path.realpath(path))
            self._path = path
            import tempfile

            try:
                fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                            dir=path.parent)
                os.fchmod(fd, sessions.public_mode())
            except OSError as exc:
                raise UserError(
                    f"{target}: kan ikke skrive filen ({exc.strerror or exc})") from None
            self._fd, self._tmp = fd, Path(name)

    def write(self, text: str) -> None:
        if self._fd is None:
            sys.stdout.write(text)
            return
        try:
            view = memoryview(text.encode("utf-8"))
            while view:
                view = view[os.write(self._fd, view):]
        except OSError as exc:
            self.abandon()
            raise UserError(f"{self.target}: kan ikke skrive filen "
                            f"({exc.strerror or exc})") from None

    def close(self) -> None:
        if self._fd is None:
            sys.stdout.flush()
            return
        fd, self._fd = self._fd, None
        try:
            os.fsync(fd)
            os.close(fd)
            assert self._tmp is not None and self._path is not None
            os.replace(self._tmp, self._path)
        except OSError as exc:
            self.abandon()
            raise UserError(f"{self.target}: kan ikke skrive filen "
                            f"({exc.strerror or exc})") from None

    def abandon(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._tmp is not None:
            self._tmp.unlink(missing_ok=True)


def _check_streamed(args: argparse.Namespace, paths: list[Path]) -> int:
    """`check` of several files as JSON or CSV: each record written as soon as it is made
    (byte for byte what building the whole text first wrote)."""
    from .batch import check_many, json_element

    if args.format == "json":
        shape: Any = json_element
        head, sep, tail, empty = "[\n", ",\n", "\n]\n", "[]\n"
    else:
        import csv
        import io

        from .render.csvout import COLUMNS
        from .render.csvout import row_of as shape

        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        head, sep, tail, empty = buffer.getvalue(), "", "", buffer.getvalue()
    out = _Stream(getattr(args, "output", None))
    worst = EXIT_OK
    first = True
    try:
        for _path, (record, code, error) in check_many(paths, strict=args.strict, shape=shape):
            if error is not None:
                _err(error)
            worst = max(worst, code)
            if args.format == "json":
                text = record
            else:
                buffer.seek(0)
                buffer.truncate()
                writer.writerow(record)
                text = buffer.getvalue()
            out.write((head if first else sep) + text)
            first = False
        out.write(empty if first else tail)
        out.close()
    except BaseException:
        out.abandon()
        raise
    return worst


def cmd_check(args: argparse.Namespace) -> int:
    from .render.data import check_record, error_record

    paths = list(_expand(args.files, _dir(args)))
    if not paths:
        raise UserError("fant ingen øktfiler (*.toml)")
    several = len(paths) > 1 or any(Path(f).is_dir() for f in args.files)
    _guard_output(getattr(args, "output", None), paths, _dir(args))
    if several and args.format in ("markdown", "html"):
        return _check_folder_page(args, paths)
    if several and args.format in ("json", "csv"):
        return _check_streamed(args, paths)
    records: list[dict[str, Any]] = []
    checked: list[tuple[Path, tuple[Any, ...]]] = []
    worst = EXIT_OK
    shaped: list[Any] = []  # several files as json or csv: each record as the output needs it
    if several:  # records only; on every core when there are enough files (batch.py)
        from .batch import check_many, json_element

        shape: Any = None
        if args.format == "json":
            shape = json_element
        elif args.format == "csv":
            from .render.csvout import row_of as shape
        for _path, (record, code, error) in check_many(paths, strict=args.strict, shape=shape):
            if error is not None:
                _err(error)
            (records if shape is None else shaped).append(record)
            worst = max(worst, code)
    for path in [] if several else paths:
        outcome = _checked(path)
        checked.append((path, outcome))
        if len(outcome) == 1:
            _err(outcome[0])
            records.append(error_record(path, outcome[0]))
            worst = max(worst, EXIT_UNUSABLE)
            continue
        from .batch import exit_code

        session, bank, result, found, law = outcome
        worst = max(worst, exit_code(result.complete, law.ok, bool(found), args.strict))
        records.append(check_record(path, session, result, found, bank, law))

    output = getattr(args, "output", None)
    if args.format == "json" and several:
        from .batch import json_list

        _write_output(json_list(shaped) + "\n", output)
    elif args.format == "json":
        from .render.data import to_json

        _write_output(json_safe(to_json(records[0])) + "\n", output)
    elif args.format == "csv":
        from .render.csvout import render_csv, render_rows

        _write_output(render_rows(shaped) if several else render_csv(records), output)
    elif args.format in ("markdown", "html"):
        path, outcome = checked[0]
        if len(outcome) == 5:
            from .render.report import render_report

            session, bank, result, found, law = outcome
            _write_output(render_report(bank, session, result, found, args.format, str(path),
                                        law=law), output)
    elif several:
        from .render.text import render_table

        _write_output(render_table(records), output)
    else:
        path, outcome = checked[0]
        if len(outcome) == 5:
            import io

            from rich.console import Console

            from .render.text import render_check

            session, bank, result, found, law = outcome
            if output is None or output == "-":
                # On a terminal, lines wrap at its width; piped or redirected, a line is a line.
                console = Console(highlight=False, soft_wrap=not sys.stdout.isatty())
                render_check(console, path, session, bank, result, found, law)
            else:
                buffer = io.StringIO()
                console = Console(file=buffer, highlight=False, color_system=None, width=100,
                                  soft_wrap=True)
                render_check(console, path, session, bank, result, found, law)
                _write_output(buffer.getvalue(), output)
    return worst


def _check_folder_page(args: argparse.Namespace, paths: list[Path]) -> int:
    """Several sessions as one Markdown or HTML page: a row per report, then each report."""
    from .render.folder import Checked, render_folder

    checked: list[Checked] = []
    worst = EXIT_OK
    for path in paths:
        outcome = _checked(path)
        if len(outcome) == 1:
            _err(outcome[0])
            checked.append(Checked(str(path), error=outcome[0]))
            worst = max(worst, EXIT_UNUSABLE)
            continue
        from .batch import exit_code

        session, bank, result, found, law = outcome
        worst = max(worst, exit_code(result.complete, law.ok, bool(found), args.strict))
        checked.append(Checked(str(path), session, bank, result, tuple(found)))
    label = ", ".join(args.files)
    _write_output(render_folder(checked, args.format, label), getattr(args, "output", None))
    return worst


def cmd_export(args: argparse.Namespace) -> int:
    from .completeness import check
    from .render.statement import DRAFT, draft_reasons, draft_text, render_statement

    path = resolve_target(args.target, _dir(args))
    _guard_output(args.output, [path], _dir(args))
    session = sessions.load(path)
    bank = load_bank(session.template)
    fmt = args.format
    if fmt is None:
        suffix = Path(args.output or "").suffix.lower()
        fmt = "html" if suffix in (".html", ".htm") else "markdown"
    _write_output(render_statement(bank, session, fmt, show_missing=args.show_missing),
                  args.output)
    if args.output not in (None, "-"):
        print(f"Redegjørelsen er skrevet til {visible(args.output, keep_newlines=False)}",
              file=sys.stderr)
    result = check(bank, session)
    if result.missing:
        print(f"Merk: {len(result.missing)} svar mangler i malen (se «aktsomhet check»).",
              file=sys.stderr)
    reasons = draft_reasons(bank, session, result)
    if reasons:
        print(f"{DRAFT}: {draft_text(reasons)} Redegjørelsen er merket «{DRAFT}».",
              file=sys.stderr)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    directory = _dir(args)
    path = sessions.session_path(args.name, directory)
    org = args.org.strip()
    if not org:
        raise UserError("--org kan ikke være tom")
    if path.exists():
        raise UserError(f"{path}: finnes allerede (åpne den med «aktsomhet open {args.name}»)")
    previous = None
    previous_path: Path | None = None
    if args.previous:
        previous_path = resolve_target(args.previous, directory)
        previous = sessions.load(previous_path)
    if previous is not None:
        if not sessions.same_organisation(previous.organisation, org):
            _err(f"aktsomhet: advarsel: «{one_line(args.previous, 80)}» er økten til "
                 f"«{one_line(previous.organisation, 80)}», ikke «{one_line(org, 80)}». "
                 "Svarene tas likevel med, som ikke bekreftet; se over hvert svar.")
        session = sessions.start_from(previous, org, args.year)
        if previous_path is not None:
            from .previous import reference

            session.started_from = reference(previous_path, path)
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
    session = sessions.load(path)  # a clear error now, rather than a broken screen
    item = getattr(args, "item", None)
    if item is not None:
        from .labels import parse_path

        if parse_path(item)[0] not in load_bank(session.template):
            raise UserError(f"--ved {one_line(item, 80)}: finnes ikke i malen")
    return _run_wizard(path, item)


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


def cmd_import(args: argparse.Namespace) -> int:
    from .importer import NotAReport, default_name, parse_report
    from .importfile import ImportFileError, read_document, write_session
    from .render.importreport import render_import_report

    source = Path(args.file)
    try:
        text = read_document(source)
        result = parse_report(text, load_bank())
    except ImportFileError as exc:
        raise UserError(str(exc)) from None
    except NotAReport as exc:
        raise UserError(f"{args.file}: {exc}") from None
    if args.org:
        result.session.organisation = args.org.strip()
    if args.year:
        result.session.year = args.year
    if not result.session.year:
        raise UserError(
            f"{args.file}: fant ikke rapporteringsåret i tittelen; oppgi det med --year")
    if not result.session.organisation.strip():
        raise UserError(f"{args.file}: fant ikke virksomhetens navn; oppgi det med --org")
    directory = _dir(args)
    name = args.name or default_name(result, source.stem)
    path = sessions.session_path(name, directory)
    exists = path.exists()
    if exists and not args.dry_run:
        raise UserError(f"{path}: finnes allerede; velg et annet navn (ingenting er endret)")
    sys.stdout.write(render_import_report(load_bank(), result, args.file))
    if args.dry_run:
        where = visible(str(path), keep_newlines=False)
        print(f"Prøvekjøring (--dry-run): ingen økt er lagret (ville blitt {where}"
              + (", som finnes allerede)." if exists else ")."))
        return EXIT_OK
    try:
        write_session(result, path)
    except ImportFileError as exc:
        raise UserError(str(exc)) from None
    print(f"Ny økt: {visible(str(path), keep_newlines=False)} "
          f"(åpne den med «aktsomhet open {visible(name, keep_newlines=False)}»)")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    """Exit 0: no differences; 1: differences (as diff(1)); 2: a session cannot be read."""
    from .diff import diff_sessions
    from .render.diff import render_diff

    directory = _dir(args)
    old_path = resolve_target(args.old, directory)
    new_path = resolve_target(args.new, directory)
    _guard_output(args.output, [old_path, new_path])
    old, new = sessions.load(old_path), sessions.load(new_path)
    bank = load_bank(new.template)
    fmt = args.format
    if fmt is None:
        suffix = Path(args.output or "").suffix.lower()
        fmt = {".html": "html", ".htm": "html", ".md": "markdown", ".json": "json"}.get(
            suffix, "text")
    result = diff_sessions(bank, old, new, _label(args.old, old_path), _label(args.new, new_path))
    text = render_diff(result, fmt, show_same=args.all)
    if fmt == "text" and args.output in (None, "-") and sys.stdout.isatty():
        from rich.console import Console

        from .render.diff import colour_text

        Console(highlight=False, soft_wrap=True).print(colour_text(text))
    else:
        _write_output(text, args.output)
    return EXIT_MISSING if result.differs else EXIT_OK


def _label(target: str, path: Path) -> str:
    return path.name[: -len(sessions.SUFFIX)] if path.name.endswith(sessions.SUFFIX) else target


def _run_wizard(path: Path, item: str | None = None) -> int:
    from .tui.app import run

    return run(path, item)


def cmd_pick(args: argparse.Namespace) -> int:
    directory = _dir(args)
    from .tui.app import run_picker

    return run_picker(directory)


COMMANDS = {
    "check": cmd_check,
    "export": cmd_export,
    "new": cmd_new,
    "open": cmd_open,
    "list": cmd_list,
    "questions": cmd_questions,
    "import": cmd_import,
    "diff": cmd_diff,
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
