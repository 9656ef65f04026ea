"""Issue 5, cases 5, 6 and 13: opened and left without an edit, a file stays byte-identical;
line breaks are normalised once, on the way in; keys and tables the program does not know are
written back unchanged; a 100,000-character answer and a table of 500 rows load, save and check.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Bank
from aktsomhetswizard.completeness import check
from aktsomhetswizard.store import SessionStore

UNKNOWN = """\
top_level_scalar = "kept"

[session]
format = 1
template = "etisk-handel-2023"
organisation = "KS"
year = 2024
created = 2024-05-30T10:00:00Z
updated = 2024-05-30T10:00:00Z
editor_note = "a key the program does not know"
reviewers = ["Kari", "Ola"]

[session.sync]
remote = "https://example.org/x"
tries = 3

[answers]
"1.A.1" = "https://example.org"
"1.A.2" = "Gammelt svar"
"9.Z.9" = "an answer id the program does not know"
"virksomhet.ansatte" = 306
"x.unknown_number" = 12.5
"x.unknown_list" = [1, 2, 3]

[not_applicable]
"6.A.1" = "Ingen tilfeller"

[[priorities]]
impact = "Transport"
theme = "Miljø"
geography = "Norge"
risk_score = 7
owner = "Innkjøp"

[[priorities]]
impact = "IT-utstyr"
theme = "Arbeidsforhold"
geography = "Asia"
tags = ["a", "b"]

[custom_table]
key = "value"
nested = { a = 1, b = [true, false] }
when = 2024-01-01

[[custom_rows]]
name = "first"
value = 1

[[custom_rows]]
name = "second"
value = 2.5
"""


def _tree(raw: bytes) -> dict[str, Any]:
    return tomllib.loads(raw.decode("utf-8"))


def test_open_and_close_without_edit_is_byte_identical(example: Path) -> None:
    before = example.read_bytes()
    store = SessionStore.open(example)
    store.set_position("3.A.1")
    assert store.confirm("1.A.1") is False  # not carried over: not an edit
    store.set_answer("1.A.1", store.session.answers["1.A.1"])  # the same text again
    assert store.save() is False
    assert store.close() is None
    assert example.read_bytes() == before


def test_unknown_keys_and_tables_are_written_back_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "ukjent.toml"
    path.write_text(UNKNOWN, encoding="utf-8")
    original = _tree(path.read_bytes())
    store = SessionStore.open(path)
    store.set_answer("1.A.2", "Nytt svar")
    store.set_cell("priorities", 0, "theme", "Klima")
    assert store.save()
    store.close()
    after = _tree(path.read_bytes())
    # Exactly the two edits and the time of the save differ.
    original["answers"]["1.A.2"] = "Nytt svar"
    original["priorities"][0]["theme"] = "Klima"
    original["session"]["updated"] = after["session"]["updated"]
    assert after == original
    # And saved again without an edit, the bytes do not move.
    raw = path.read_bytes()
    sessions.save(sessions.load(path), path, touch=False)
    assert path.read_bytes() == raw


def test_unknown_columns_keep_their_place_in_the_row(tmp_path: Path) -> None:
    path = tmp_path / "ukjent.toml"
    path.write_text(UNKNOWN, encoding="utf-8")
    store = SessionStore.open(path)
    store.set_answer("1.A.2", "x")
    store.save()
    store.close()
    rows = _tree(path.read_bytes())["priorities"]
    assert rows[0]["risk_score"] == 7 and rows[0]["owner"] == "Innkjøp"
    assert rows[1]["tags"] == ["a", "b"]


@pytest.mark.parametrize("brk", ["\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85",
                                 "\x1c", "\x1d", "\x1e"])
def test_line_breaks_are_normalised_on_the_way_in(tmp_path: Path, brk: str) -> None:
    escaped = "".join(f"\\u{ord(c):04x}" for c in brk)
    path = tmp_path / "linjer.toml"
    raw = (
        '[session]\nformat = 1\norganisation = "A' + escaped + 'B"\nyear = 2024\n'
        '[answers]\n"1.A.2" = "en' + escaped + 'to' + escaped + 'tre"\n'
        '[not_applicable]\n"6.A.1" = "grunn' + escaped + 'her"\n'
        '[[priorities]]\nimpact = "x' + escaped + 'y"\n'
    ).encode()
    path.write_bytes(raw)
    store = SessionStore.open(path)
    s = store.session
    assert s.organisation == "A\nB"
    assert s.answers["1.A.2"] == "en\nto\ntre"
    assert s.not_applicable["6.A.1"] == "grunn\nher"
    assert s.priorities[0]["impact"] == "x\ny"
    # Normalising on the way in is not an edit: left alone, the file is not rewritten.
    assert store.close() is None
    assert path.read_bytes() == raw
    # Typed or pasted text is normalised the same way.
    store = SessionStore.open(path)
    store.set_answer("1.A.3", f"a{brk}b")
    store.set_cell("priorities", 0, "theme", f"c{brk}d")
    store.set_not_applicable("6.A.2", f"e{brk}f")
    assert store.session.answers["1.A.3"] == "a\nb"
    store.close()
    back = sessions.load(path)
    assert back.answers["1.A.3"] == "a\nb"
    assert back.priorities[0]["theme"] == "c\nd"
    assert back.not_applicable["6.A.2"] == "e\nf"


def test_crlf_file_left_alone_stays_crlf(tmp_path: Path) -> None:
    """A whole file with Windows line endings (edited by hand) is not rewritten by opening."""
    path = tmp_path / "crlf.toml"
    raw = UNKNOWN.replace("\n", "\r\n").encode()
    path.write_bytes(raw)
    store = SessionStore.open(path)
    assert store.close() is None
    assert path.read_bytes() == raw


def test_large_answer_and_table(tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "stor.toml"
    big = ("Æøå «sitat» \\ \"x\"\t" * 6000)[:100_000]
    assert len(big) == 100_000
    s = sessions.Session("Stor AS", 2024)
    s.answers["1.A.2"] = big
    s.tables["priorities"] = [
        {"impact": f"Påvirkning {n}", "theme": f"Tema {n}\nlinje 2", "geography": "Asia"}
        for n in range(500)
    ]
    sessions.save(s, path)
    store = SessionStore.open(path)
    assert store.session.answers["1.A.2"] == big
    assert len(store.rows("priorities")) == 500
    store.set_cell("priorities", 499, "goal", "Mål 499")
    store.set_answer("1.A.2", big + " slutt")
    assert store.save()
    store.close()
    back = sessions.load(path)
    assert back.answers["1.A.2"].endswith(" slutt") and len(back.answers["1.A.2"]) == 100_006
    assert back.priorities[499]["goal"] == "Mål 499"
    result = check(bank, back)
    assert "2.A.1" not in {m.split("[")[0] for m in result.missing}


def test_nested_unknown_values_in_rows_and_session_can_be_saved(tmp_path: Path) -> None:
    """Found by the property test: a table (or an array of tables) inside a row or inside
    [session] was written as `key = [...]` after a header, landing in the wrong table; the
    read-back check then refused every save."""
    s = sessions.Session("KS", 2024)
    s.extra_header = {"a": {}, "b": [], "c": [{"d": [False]}], "e": {"f": {"g": 1}}}
    s.tables = {"priorities": [
        {"impact": "x", "sub": {}, "deep": {"a": {"b": 1}, "c": [1]}, "arr": [{"q": [1]}]},
        {"theme": "y", "inline": [{"q": 1}]},
    ]}
    s.extra = {"rows": [{"a": {"b": 2}}], "tab le": {"z": 1}}
    path = tmp_path / "nested.toml"
    sessions.save(s, path)
    back = sessions.load(path)
    assert back.extra_header == s.extra_header
    assert back.tables == s.tables
    assert back.extra == s.extra
    raw = path.read_bytes()
    sessions.save(back, path, touch=False)
    assert path.read_bytes() == raw
