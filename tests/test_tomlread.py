"""Reading TOML: rtoml reads first where that is sure to give tomllib's result; tomllib decides
the rest, and words every error (aktsomhetswizard.tomlread). Session files are TOML 1.0: what
only TOML 1.1 allows is refused, as tomllib refuses it (issue 5)."""

from __future__ import annotations

import math
import tomllib
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aktsomhetswizard import session as sessions
from aktsomhetswizard import tomlread

EXAMPLE = Path(__file__).resolve().parent.parent / "sessions" / "eksempel-ks-2023.toml"


def _plain(value: Any) -> Any:
    """Values to compare: date-times as text with the class of their time zone, NaN as a
    string."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date | time):
        zone = getattr(value, "tzinfo", None)
        return (type(value).__name__, value.isoformat(), type(zone).__name__, zone)
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return value


def _outcome(read: Any, text: str) -> tuple[Any, ...]:
    try:
        return ("ok", _plain(read(text)))
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        return ("error", type(exc).__name__, str(exc))


def test_the_fast_parser_is_used_for_the_example() -> None:
    assert tomlread._fast is not None  # a dependency on this platform
    text = EXAMPLE.read_text(encoding="utf-8")
    assert not tomlread.may_need_toml_11(text)
    assert tomlread._fast(text) == tomllib.loads(text)  # equal values (its own UTC class)
    assert _outcome(tomlread.loads, text) == _outcome(tomllib.loads, text)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=200), max_size=8),
       st.text(max_size=40))
def test_written_sessions_read_as_tomllib_reads_them(answers: dict[str, str], org: str) -> None:
    s = sessions.Session(organisation=org, year=2024)
    s.answers.update(answers)
    try:
        text = sessions.to_bytes(s).decode("utf-8")
    except sessions.SaveError:
        return  # text that cannot be written (a lone surrogate): nothing to read
    assert _outcome(tomlread.loads, text) == _outcome(tomllib.loads, text)


# TOML made of pieces that the two versions of TOML (and the two parsers) treat differently.
_pieces = st.sampled_from([
    "a", "b", "æ", " = ", "=", " ", "\n", "\r\n", "\t", "[t]\n", "[[t]]\n", "[a.b]\n", "a.b", '"k"',
    '"x"', "'x'", '"""x\n"""', "'''x\n'''", '"\\e"', '"\\x41"', '"\\u00e6"', '"\\q"', "\\", '"',
    "'", "{", "}", "{x = 1}", "{x = 1,}", "{x = 1,\n y = 2}", "[", "]", "[1, 2,]", "[1,\n2]", ",",
    "1", "-0", "+1", "01", "1_000", "1__0", "0x1F", "0o7", "0b1", "1.5", "1e400", "nan", "inf",
    "true", "false", "1979-05-27", "07:32:00", "07:32", "1979-05-27T07:32:00Z",
    "1979-05-27T07:32Z", "1979-05-27 07:32:00", "1979-05-27T07:32:00+01:00",
    "1979-05-27T07:32:00.999", "# c\n", "#\x7f\n", "\x00",
])


@settings(max_examples=800, deadline=None)
@given(st.lists(_pieces, max_size=14).map("".join))
def test_any_text_reads_as_tomllib_reads_it(text: str) -> None:
    assert _outcome(tomlread.loads, text) == _outcome(tomllib.loads, text)


@pytest.mark.parametrize("text", [
    "a = {x = 1,\n  y = 2}\n",
    "a = {x = 1,}\n",
    'a = "\\e[1m"\n',
    'a = "\\x41"\n',
    "t = 10:00\n",
    "t = 1979-05-27T07:32Z\n",
    "t = 1979-05-27 07:32\n",
    "[session\n",
    "a = 1\na = 2\n",
    "a = [" * 5000 + "]" * 5000,
])
def test_toml_11_and_broken_files_get_tomllibs_error(text: str) -> None:
    assert _outcome(tomlread.loads, text)[0] == "error"
    assert _outcome(tomlread.loads, text) == _outcome(tomllib.loads, text)
    assert tomlread.TOMLDecodeError is tomllib.TOMLDecodeError


@pytest.mark.parametrize(("text", "may"), [
    ("created = 2024-05-30T10:00:00Z\n", False),
    ("t = 10:00:00.5\n", False),
    ('a = "Møte kl. 10:00 hver mandag"\n', True),  # a false alarm: only slower
    ("t = 2024-05-30T10:00:00+01:00\n", True),  # the offset looks like a time: only slower
    ("t = 10:00\n", True),
    ("a = {b = 1}\n", True),
])
def test_what_may_need_toml_11(text: str, may: bool) -> None:
    assert tomlread.may_need_toml_11(text) is may


# Documents of key = value lines, mostly valid, some using what only TOML 1.1 allows.
_values = st.sampled_from([
    '"x"', "'x'", '"""a\nb"""', "'''a\nb'''", '"\\e"', '"\\x41"', '"\\u00e6"', '"kl. 10:00"',
    "1", "1.5", "1e400", "nan", "true", "[1, 2]", "[1, 2,]", "[\n1,\n2\n]", "{x = 1}",
    "{x = 1,}", "{x = 1,\n y = 2}", "{}", "1979-05-27", "07:32:00", "07:32",
    "1979-05-27T07:32:00Z", "1979-05-27T07:32Z", "1979-05-27 07:32", "1979-05-27T07:32:00+01:00",
    "1979-05-27T07:32:00.5", "[07:32, 07:32:00]",
])
_lines = st.tuples(st.sampled_from(["a", "b", "t", '"q"', "d.e"]), _values).map(
    lambda kv: f"{kv[0]} = {kv[1]}\n"
)
_tables = st.sampled_from(["", "[s]\n", "[[r]]\n", "[u.v]\n"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(_tables, st.lists(_lines, max_size=3)), min_size=1, max_size=3))
def test_documents_read_as_tomllib_reads_them(parts: list[tuple[str, list[str]]]) -> None:
    text = "".join(table + "".join(lines) for table, lines in parts)
    assert _outcome(tomlread.loads, text) == _outcome(tomllib.loads, text)


def test_values_can_be_copied_and_pickled() -> None:
    import copy
    import pickle

    text = "a = 2024-05-30T10:00:00+01:00\nb = 2024-05-30T10:00:00Z\nc = [2024-05-30T10:00:00Z]\n"
    data = tomlread.loads(text)
    assert data == tomllib.loads(text)
    assert copy.deepcopy(data) == data
    assert pickle.loads(pickle.dumps(data)) == data
    assert data["b"].tzinfo is tomllib.loads(text)["b"].tzinfo
