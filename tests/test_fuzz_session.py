"""Issue 5, case 8: random bytes, mutated session files and random TOML documents fed to the
loader give a Session or a SessionError, never another exception; and whole sessions (any
answers, priorities, unknown keys) round-trip through to_bytes/parse_bytes unchanged."""

from __future__ import annotations

import string
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import load_bank
from aktsomhetswizard.session import Session, SessionError
from aktsomhetswizard.textsafe import normalise_newlines

EXAMPLE = (Path(__file__).resolve().parent.parent / "sessions" / "eksempel-ks-2023.toml"
           ).read_bytes()
BANK = load_bank()
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _parse(raw: bytes) -> Session | None:
    try:
        return sessions.parse_bytes(raw, "fuzz.toml")
    except SessionError as exc:
        message = str(exc)
        assert message.startswith("fuzz.toml: ")
        assert "\n" not in message, message
        return None


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes(raw: bytes) -> None:
    _parse(raw)


@st.composite
def mutated_example(draw: st.DrawFn) -> bytes:
    raw = bytearray(EXAMPLE)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "insert", "replace", "duplicate", "truncate"]))
        at = draw(st.integers(0, max(len(raw) - 1, 0)))
        if op == "delete":
            del raw[at: at + draw(st.integers(1, 40))]
        elif op == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=20) | st.sampled_from(
                [b"[", b"]", b'"', b'"""', b"=", b"\n", b"[[priorities]]\n", b"\\", b"#",
                 b"[session]\n", b"format = 2\n", b"year = -1\n", b"= 1", b"\r", b"\x00"]))
        elif op == "replace" and raw:
            raw[at] = draw(st.integers(0, 255))
        elif op == "duplicate":
            raw[at:at] = raw[at: at + draw(st.integers(1, 200))]
        elif op == "truncate":
            del raw[at:]
    return bytes(raw)


@FAST
@given(mutated_example())
def test_mutated_example(raw: bytes) -> None:
    _parse(raw)


# Random TOML documents shaped roughly like a session: right keys, any values.
KEYS = st.sampled_from(["format", "template", "organisation", "year", "created", "updated",
                        "position", "carried_over", "session", "answers", "not_applicable",
                        "priorities", "producers", "inputs", "1.A.1", "2.A.1", "3.A.1",
                        "virksomhet.ansatte", "impact", "goal", "x"]) | st.text(max_size=8)
SCALARS = (st.booleans() | st.integers(-(2**63), 2**63 - 1)
           | st.floats(allow_nan=True) | st.text(max_size=30)
           | st.datetimes(timezones=st.none() | st.just(UTC)) | st.dates())
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=20,
)


@st.composite
def session_like(draw: st.DrawFn) -> dict[str, Any]:
    head: dict[str, Any] = draw(st.dictionaries(KEYS, VALUES, max_size=6))
    head.setdefault("format", draw(st.sampled_from([1, 1, 1, 0, 2, "1", True])))
    head.setdefault("year", draw(st.sampled_from([2024, 1800, "2024", 2024.0])))
    doc: dict[str, Any] = {"session": head}
    doc.update(draw(st.dictionaries(KEYS, VALUES, max_size=5)))
    return doc


@FAST
@given(session_like())
def test_random_toml_documents(doc: dict[str, Any]) -> None:
    try:
        raw = tomli_w.dumps(doc).encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError):
        return  # not representable as TOML
    _parse(raw)


# ---------------------------------------------------------------------------------------------
# Whole sessions round-trip

TEXT_ALPHABET = st.one_of(
    st.characters(exclude_categories=("Cs",)),
    st.sampled_from(list('æøåÆØÅ\t"\'\\\n\r\x1b\x00\x7f\x9b\u2028[]{}=#')),
)
TEXT = st.text(alphabet=TEXT_ALPHABET, max_size=80)
LONG = st.integers(2_000, 20_000).map(lambda n: ('«Æ»\\"\t\n' * n)[:n])
ANY_TEXT = TEXT | LONG
ANSWER_IDS = [q.id for q in (loc.question for loc in BANK.questions()) if not q.is_table]
TABLES = {name: [c.key for c in BANK.table_columns(name)] for name in BANK.table_names}
PLAIN_KEY = st.text(alphabet=string.ascii_letters + string.digits + "_-.æø ", min_size=1,
                    max_size=12)
EXTRA_SCALARS = (st.booleans() | st.integers(-(2**63), 2**63 - 1)
                 | st.floats(allow_nan=False) | TEXT
                 | st.dates() | st.datetimes(timezones=st.just(UTC)).map(
                     lambda d: d.replace(microsecond=0)))
EXTRA_VALUES = st.recursive(
    EXTRA_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(PLAIN_KEY, inner, max_size=3),
    max_leaves=8,
)
WHEN = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                    timezones=st.just(UTC)).map(lambda d: d.replace(microsecond=0))


def _unknown(known: set[str]) -> st.SearchStrategy[str]:
    return PLAIN_KEY.filter(lambda k: k not in known)


@st.composite
def whole_sessions(draw: st.DrawFn) -> Session:
    s = Session(
        organisation=draw(TEXT),
        year=draw(st.integers(1900, 2999)),
        created=draw(WHEN),
        updated=draw(WHEN),
    )
    s.answers = draw(st.dictionaries(st.sampled_from(ANSWER_IDS), ANY_TEXT, max_size=12))
    s.answers.update(draw(st.dictionaries(_unknown(set(BANK.question_ids)), TEXT, max_size=3)))
    s.extra_answers = draw(st.dictionaries(
        _unknown(set(BANK.question_ids) | set(s.answers)),
        EXTRA_VALUES.filter(lambda v: not isinstance(v, str)), max_size=3))
    s.not_applicable = draw(st.dictionaries(st.sampled_from(ANSWER_IDS), TEXT, max_size=4))
    for name, cols in TABLES.items():
        rows = draw(st.lists(
            st.fixed_dictionaries({}, optional={c: TEXT for c in cols}).flatmap(
                lambda row, cols=cols: st.dictionaries(_unknown(set(cols)), EXTRA_VALUES,
                                                       max_size=2).map(
                    lambda extra, row=row: {**row, **extra})),
            max_size=4))
        if rows:
            s.tables[name] = rows
    s.position = draw(st.none() | st.sampled_from(ANSWER_IDS))
    s.carried_over = draw(st.lists(st.sampled_from(ANSWER_IDS), max_size=4, unique=True))
    known_head = {*sessions._KNOWN_HEADER, "position", "carried_over"}
    s.extra_header = draw(st.dictionaries(_unknown(known_head), EXTRA_VALUES, max_size=3))
    known_top = {"session", "answers", "not_applicable", *TABLES}
    s.extra = draw(st.dictionaries(_unknown(known_top), EXTRA_VALUES, max_size=3))
    return s


def _normalised(s: Session) -> Session:
    """What the author's text is after the way in: line breaks normalised."""
    cols = {name: set(c) for name, c in TABLES.items()}
    return Session(
        organisation=normalise_newlines(s.organisation), year=s.year, template=s.template,
        created=s.created, updated=s.updated,
        answers={k: normalise_newlines(v) for k, v in s.answers.items()},
        not_applicable={k: normalise_newlines(v) for k, v in s.not_applicable.items()},
        tables={name: [{k: normalise_newlines(v) if k in cols[name] else v
                        for k, v in row.items()} for row in rows]
                for name, rows in s.tables.items()},
        position=s.position, carried_over=list(s.carried_over),
        extra_header=s.extra_header, extra_answers=s.extra_answers, extra=s.extra,
    )


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(whole_sessions())
def test_whole_sessions_round_trip(s: Session) -> None:
    raw = sessions.to_bytes(s)
    back = sessions.parse_bytes(raw)
    assert back == _normalised(s)
    # Written again from what was read: the same bytes (opening and saving changes nothing).
    assert sessions.to_bytes(back) == raw
