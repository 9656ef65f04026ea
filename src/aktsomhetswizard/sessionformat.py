"""The session file format: a Session to TOML and back, strictly validated (the
contract in ``docs/session-format.md``). No file I/O here (see ``sessionfiles``).
"""

from __future__ import annotations

import math
import re
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import tomli_w

from . import limits, tomlread
from .bank import DEFAULT_TEMPLATE, Bank, BankError, Kind, load_bank
from .sessionmodel import SaveError, Session, SessionError, now
from .textsafe import normalise_newlines

FORMAT = 1

_KNOWN_HEADER = ("format", "template", "organisation", "year", "created", "updated")


_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def _where(exc: tomlread.TOMLDecodeError) -> str:
    """"på linje 3, kolonne 7: <the parser's reason>" (tomli's message, like tomllib's, ends
    with "(at line L, column C)"; the reason stays in English, as the parser words it)."""
    text = str(exc)
    if m := _AT.search(text):
        return f"linje {m.group(1)}, kolonne {m.group(2)}: {text[: m.start()]}"
    if m := _AT_END.search(text):
        return f"slutten av filen: {text[: m.start()]}"
    return text


def _fail(path: Path | str, msg: str) -> SessionError:
    return SessionError(f"{path}: {msg}")


def _text(path: Path | str, where: str, value: Any) -> str:
    if not isinstance(value, str):
        raise _fail(path, f"{where} må være tekst, ikke {_type_name(value)}")
    return value


def _type_name(value: Any) -> str:
    return {
        bool: "sann/usann",
        int: "et tall",
        float: "et tall",
        list: "en liste",
        dict: "en tabell",
    }.get(type(value), "en dato" if isinstance(value, datetime) else type(value).__name__)


def _when(path: Path | str, key: str, value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    raise _fail(path, f"[session].{key} må være et tidspunkt, for eksempel 2024-05-30T10:00:00Z")


_kinds: WeakKeyDictionary[Bank, dict[str, Kind]] = WeakKeyDictionary()


def _answer_kinds(bank: Bank) -> dict[str, Kind]:
    """Each question id of the bank with its kind (worked out once per bank)."""
    kinds = _kinds.get(bank)
    if kinds is None:
        kinds = _kinds[bank] = {loc.question.id: loc.question.kind for loc in bank.questions()}
    return kinds


def parse_session(data: Mapping[str, Any], path: Path | str = "<økt>") -> Session:
    """Validate parsed TOML against the session contract. Raises SessionError."""
    head = data.get("session")
    if not isinstance(head, dict):
        raise _fail(path, "mangler tabellen [session] (ikke en øktfil fra aktsomhet?)")
    fmt = head.get("format")
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        raise _fail(path, "[session].format mangler eller er ikke et heltall")
    if fmt > FORMAT:
        raise _fail(
            path,
            f"filen har format {fmt}, men dette programmet kjenner bare format {FORMAT}. "
            "Oppdater aktsomhet for å åpne den.",
        )
    if fmt < 1:
        raise _fail(path, f"[session].format = {fmt} er ugyldig")
    template = _text(path, "[session].template", head.get("template", DEFAULT_TEMPLATE))
    try:
        bank = load_bank(template)
    except BankError as exc:
        raise _fail(path, str(exc)) from None
    organisation = _text(path, "[session].organisation", head.get("organisation", ""))
    year = head.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2999:
        raise _fail(path, "[session].year må være et årstall, for eksempel 2024")
    created = _when(path, "created", head.get("created", now()))
    updated = _when(path, "updated", head.get("updated", created))
    position = head.get("position")
    if position is not None:
        position = _text(path, "[session].position", position)
    started_from = head.get("started_from")
    if started_from is not None:
        started_from = _text(path, "[session].started_from", started_from)
    carried = head.get("carried_over", [])
    if not isinstance(carried, list) or not all(isinstance(c, str) for c in carried):
        raise _fail(path, "[session].carried_over må være en liste med spørsmåls-ID-er")
    extra_header = {
        k: v for k, v in head.items()
        if k not in (*_KNOWN_HEADER, "position", "carried_over", "started_from")
    }

    answers_raw = data.get("answers", {})
    if not isinstance(answers_raw, dict):
        raise _fail(path, "[answers] må være en tabell")
    # Speed (a folder check reads thousands of files): the bank's questions looked up in one
    # dictionary, and a message worded only when a value is wrong.
    kinds = _answer_kinds(bank)
    answers: dict[str, str] = {}
    extra_answers: dict[str, Any] = {}
    for key, value in answers_raw.items():
        kind = kinds.get(key)
        if kind is None:  # not a question of the bank
            if isinstance(value, str):
                answers[key] = normalise_newlines(value)
            else:
                extra_answers[key] = value
            continue
        if kind is Kind.TABLE:
            raise _fail(
                path,
                f"[answers].{key!r} er en tabell; radene hører hjemme i [[{bank[key].table}]]",
            )
        if isinstance(value, str):
            answers[key] = normalise_newlines(value)
        elif isinstance(value, int | float) and not isinstance(value, bool) and kind in (
            Kind.NUMBER,
            Kind.YEAR,
        ):
            extra_answers[key] = value  # a number typed by hand: kept as it is
        else:
            _text(path, f"[answers].{key!r}", value)  # raises: not text

    na_raw = data.get("not_applicable", {})
    if not isinstance(na_raw, dict):
        raise _fail(path, "[not_applicable] må være en tabell")
    not_applicable: dict[str, str] = {}
    for k, v in na_raw.items():
        if not isinstance(v, str):
            _text(path, f"[not_applicable].{k!r}", v)  # raises: not text
        not_applicable[k] = normalise_newlines(v)

    tables: dict[str, list[dict[str, Any]]] = {}
    for name in bank.table_names:
        if name not in data:
            continue
        rows = data[name]
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise _fail(path, f"{name} må være en liste av tabeller ([[{name}]])")
        columns = {c.key for c in bank.table_columns(name)}
        clean: list[dict[str, Any]] = []
        for n, row in enumerate(rows, start=1):
            out: dict[str, Any] = {}
            for key, value in row.items():
                if key not in columns:
                    out[key] = value
                elif isinstance(value, str):
                    out[key] = normalise_newlines(value)
                else:
                    _text(path, f"[[{name}]] rad {n}: {key}", value)  # raises: not text
            clean.append(out)
        tables[name] = clean

    known_top = {"session", "answers", "not_applicable", *bank.table_names}
    extra = {k: v for k, v in data.items() if k not in known_top}
    return Session(
        organisation=normalise_newlines(organisation),
        year=year,
        template=template,
        created=created,
        updated=updated,
        answers=answers,
        not_applicable=not_applicable,
        tables=tables,
        position=position,
        started_from=started_from,
        carried_over=list(carried),
        extra_header=extra_header,
        extra_answers=extra_answers,
        extra=extra,
    )


def parse_bytes(raw: bytes, path: Path | str = "<økt>") -> Session:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(path, f"er ikke UTF-8-tekst (byte {exc.start})") from None
    try:
        data = tomlread.loads(text)
    except tomlread.TOMLDecodeError as exc:
        raise _fail(path, f"ugyldig TOML på {_where(exc)}") from None
    except RecursionError:
        raise _fail(path, "ugyldig TOML: for dypt nøstet") from None
    session = parse_session(data, path)
    _within_limits(session, path)
    return session


# What a session may hold (issue 14): limits.py, the one place that knows the limits; a file
# beyond them is refused with one line. docs/session-format.md («Grenser») documents them.


def _within_limits(session: Session, path: Path | str) -> None:
    why = limits.problem(session.answers, session.not_applicable, session.tables)
    if why is not None:
        raise _fail(path, why)


# ---------------------------------------------------------------------------------------------
# Saving


def _nl(value: Any) -> Any:
    return normalise_newlines(value) if isinstance(value, str) else value


def to_document(session: Session, bank: Bank | None = None) -> dict[str, Any]:
    """The TOML document for a session, in the contract's order.

    The author's text is written with its line breaks normalised, as it is read back (a session
    built in code may still hold "\r\n"); what the program does not know is written as it is.
    """
    bank = bank or load_bank(session.template)
    head: dict[str, Any] = {
        "format": FORMAT,
        "template": session.template,
        "organisation": normalise_newlines(session.organisation),
        "year": session.year,
        "created": session.created,
        "updated": session.updated,
    }
    if session.position:
        head["position"] = session.position
    if session.carried_over:
        head["carried_over"] = list(session.carried_over)
    if session.started_from:
        head["started_from"] = session.started_from
    head.update(session.extra_header)

    order = {qid: n for n, qid in enumerate(bank.question_ids)}
    known = sorted((k for k in session.answers if k in order), key=order.__getitem__)
    answers: dict[str, Any] = {k: _nl(session.answers[k]) for k in known}
    answers.update((k, _nl(v)) for k, v in session.answers.items() if k not in order)
    answers.update(session.extra_answers)

    doc: dict[str, Any] = {"session": head, "answers": answers}
    doc["not_applicable"] = {k: _nl(v) for k, v in session.not_applicable.items()}
    for name in bank.table_names:
        rows = session.tables.get(name)
        if rows:
            cols = [c.key for c in bank.table_columns(name)]
            doc[name] = [
                {**{k: _nl(r[k]) for k in cols if k in r}, **{k: v for k, v in r.items()
                                                          if k not in cols}}
                for r in rows
            ]
    for key, value in session.extra.items():
        doc.setdefault(key, value)
    return doc


def _has_cr(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_has_cr(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_cr(v) for v in value)
    return False


# Text that spans lines (or is very long) is written as a multi-line *literal* string
# ('''...'''): nothing in it is escaped, so a hand editor sees the text as typed, and both
# writing and reading it are plain string copies (tomli-w's and tomllib's escaping loops were
# most of a save's time). Text a literal string cannot hold keeps tomli-w's basic string.
_LITERAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f]|'''")
_LITERAL_MIN_SINGLE_LINE = 1000


def _literal_ok(text: str) -> bool:
    if not ("\n" in text or len(text) >= _LITERAL_MIN_SINGLE_LINE) or text.endswith("'"):
        return False
    # Speed: text that is printable once newlines are taken out holds no control character
    # (tabs are not printable either), which str.isprintable() tells far faster than the
    # regular expression; the closing quotes are a plain scan.
    if text.replace("\n", "").isprintable():
        return "'''" not in text
    return _LITERAL_UNSAFE.search(text) is None


def _dumps(value: dict[str, Any]) -> str:
    """tomli-w, with long text as literal strings (above), and multi-line basic strings unless
    a string holds a "\r": tomli-w would write it as a raw line break, which reads back as
    "\n" (only values the program does not know can still hold one; everything it knows is
    normalised on the way in)."""
    literals: dict[str, str] = {}
    nonce = secrets.token_hex(8)

    def swap(item: Any) -> Any:
        if isinstance(item, str):
            if _literal_ok(item):
                token = f"akt{nonce}x{len(literals)}"
                literals[f'"{token}"'] = "'''\n" + item + "'''"
                return token
            return item
        if isinstance(item, dict):
            return {k: swap(v) for k, v in item.items()}
        if isinstance(item, list):
            return [swap(v) for v in item]
        return item

    text = tomli_w.dumps(swap(value), multiline_strings=not _has_cr(value))
    if literals:
        text = _TOKEN.sub(lambda m: literals.get(m.group(), m.group()), text)
    return text


_TOKEN = re.compile(r'"akt[0-9a-f]{16}x[0-9]+"')


def _same(a: Any, b: Any) -> bool:
    """Equality, except that NaN equals NaN (an unknown key may hold ``nan``)."""
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _plain(value: Any) -> bool:
    return not isinstance(value, dict | list) or (
        isinstance(value, list) and not any(isinstance(v, dict | list) for v in value)
    )


def _time(value: datetime) -> str:
    if value.utcoffset() == UTC.utcoffset(None) and not value.microsecond:
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def _continue(key: str, values: dict[str, Any]) -> str:
    """tomli-w's text of ``values`` as the rest of the table (or array element) ``key`` just
    opened: sub-tables as [key.name] / [[key.name]]; a [key] header of its own is dropped."""
    text = _dumps({key: values})
    header = tomli_w.dumps({key: {"x": 0}}).split("\n", 1)[0] + "\n"
    return text[len(header):] if text.startswith(header) else text


def _dump(doc: dict[str, Any]) -> str:
    """TOML text in the contract's layout: [session], [answers], [not_applicable], then each
    array of tables as [[name]] blocks (tomli-w alone would write short ones inline)."""
    out: list[str] = []
    scalars = {k: v for k, v in doc.items() if not isinstance(v, dict) and not _is_table_array(v)}
    if scalars:
        out.append(_dumps(scalars))
    for key, value in doc.items():
        if key in scalars:
            continue
        if key == "session" and isinstance(value, dict):
            lines = ["[session]\n"]
            nested: dict[str, Any] = {}
            for k, v in value.items():
                if isinstance(v, datetime) and k in ("created", "updated"):
                    lines.append(f"{k} = {_time(v)}\n")
                elif isinstance(v, dict) or _is_table_array(v):
                    nested[k] = v
                else:
                    lines.append(_dumps({k: v}))
            if nested:  # unknown tables inside [session]: [session.name] after the keys
                lines.append("\n" + _continue("session", nested))
            out.append("".join(lines))
        elif isinstance(value, dict):
            out.append(_dumps({key: value}))
        else:
            # An array of tables as [[name]] blocks. Keys holding a table (only ones the
            # program does not know) follow their row as [name.key], which TOML reads as part
            # of that row; written as `name = [...]` after a header they would land in it.
            name = tomli_w.dumps({key: 0}).split(" = ", 1)[0]  # quoted if it must be
            blocks = []
            for row in value:
                tables = {k: v for k, v in row.items()
                          if isinstance(v, dict) or _is_table_array(v)}
                flat = {k: v for k, v in row.items() if k not in tables}
                block = f"[[{name}]]\n" + _dumps(flat)
                if tables:
                    block += "\n" + _continue(key, tables)
                blocks.append(block)
            out.append("\n".join(blocks))
    return "\n".join(part if part.endswith("\n") else part + "\n" for part in out)


def to_bytes(session: Session, bank: Bank | None = None) -> bytes:
    """Serialise and verify: the bytes parse back to exactly the document meant."""
    doc = to_document(session, bank)
    try:
        raw = _dump(doc).encode("utf-8")
    except UnicodeEncodeError:
        where = _unencodable(session)
        raise SaveError(
            "teksten inneholder et ugyldig tegn (en enslig surrogat)"
            + (f" i {where}" if where else "")
            + "; fjern tegnet og lagre igjen"
        ) from None
    except (TypeError, ValueError) as exc:
        raise SaveError(f"økten kan ikke skrives som TOML ({type(exc).__name__})") from None
    # Never write what would not be read again (limits.py): the author would be locked out of
    # their own text. The file on disk stays as it was; the text stays in the wizard.
    why = limits.problem(session.answers, session.not_applicable, session.tables)
    if why is None:
        too_large = limits.file_too_large(len(raw))
        why = f"filen {too_large}" if too_large else None
    if why is not None:
        raise SaveError(f"{why}, så økten ville ikke kunne åpnes igjen; kort ned teksten og "
                        "lagre igjen (ingenting er skrevet)")
    try:
        back = tomlread.loads(raw.decode("utf-8"))
    except (tomlread.TOMLDecodeError, RecursionError):
        raise SaveError("kontrollen av den nye filen feilet; ingenting er skrevet") from None
    if not _same(back, doc):
        raise SaveError("kontrollen av den nye filen feilet; ingenting er skrevet")
    return raw


def _unencodable(session: Session) -> str | None:
    """Where a text that cannot be written as UTF-8 is (a key, never the text itself)."""

    def bad(value: Any) -> bool:
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return True
            return False
        if isinstance(value, dict):
            return any(bad(k) or bad(v) for k, v in value.items())
        if isinstance(value, list):
            return any(bad(v) for v in value)
        return False

    if bad(session.organisation):
        return "[session].organisation"
    for qid, text in session.answers.items():
        if bad(qid) or bad(text):
            return f"svaret på {qid!r}" if not bad(qid) else "[answers]"
    for qid, text in session.not_applicable.items():
        if bad(qid) or bad(text):
            return f"[not_applicable].{qid!r}" if not bad(qid) else "[not_applicable]"
    for name, rows in session.tables.items():
        for n, row in enumerate(rows, start=1):
            if bad(row):
                return f"[[{name}]] rad {n}"
    return None
