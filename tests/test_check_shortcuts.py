"""The speed shortcuts of the check path (issue 6, a folder of 10,000 sessions) give exactly what
the plain code gives: completeness worked out one question at a time, warnings one answer at a
time, the session read without the shortcuts, JSON as json.dumps writes it. The references below
are the code as it was before the shortcuts."""

from __future__ import annotations

import json
import re
import unittest.mock
from pathlib import Path
from typing import Any

import pytest
from factories import duplicates_all_pairs
from hypothesis import given, settings
from hypothesis import strategies as st

from aktsomhetswizard import completeness, law, quality
from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Bank, Kind, load_bank
from aktsomhetswizard.batch import json_element
from aktsomhetswizard.completeness import Completeness, SectionResult, StepResult
from aktsomhetswizard.quality import QualityWarning
from aktsomhetswizard.render.data import check_record, to_json, to_json_safe
from aktsomhetswizard.session import Session, SessionError
from aktsomhetswizard.textsafe import (
    _LINE_BREAK_CHARS,
    _LINE_BREAKS,
    json_safe,
    normalise_newlines,
)
from aktsomhetswizard.usertext import holds_html

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"
BANK = load_bank()


# ---------------------------------------------------------------------------------------------
# References: the plain code


def _section_status(answered: int, expected: int,
                    results: list[completeness.QuestionResult]) -> completeness.Status:
    """Optional questions never make a section incomplete; a section of only optional
    questions is complete."""
    if answered >= expected:
        return "complete"
    if answered or any(r.status == "partial" for r in results if not r.optional):
        return "partial"
    return "empty"


def _check_value(item: str, kind: Kind, value: str) -> QualityWarning | None:
    """One answer's warning (a placeholder, or what ``quality._check_content`` finds)."""
    if not value or value.isspace():
        return None
    if completeness.is_placeholder(value):
        return QualityWarning(item, "placeholder", quality._PLACEHOLDER)
    return quality._check_content(item, kind, value)


def _reference_check(bank: Bank, session: Session) -> Completeness:
    """Every question by ``completeness._question``, summed per section, step and report."""
    steps: list[StepResult] = []
    by_question = {}
    by_section: dict[str, SectionResult] = {}
    total_answered = total_expected = 0
    missing_all: list[str] = []
    na_all: list[str] = []
    unconfirmed_all: list[str] = []
    for step in bank.steps:
        sections: list[SectionResult] = []
        s_answered = s_expected = 0
        for section in step.sections:
            results = []
            na_ids: list[str] = []
            unconfirmed: list[str] = []
            for q in section.questions:
                res, is_na = completeness._question(bank, session, q)
                # issue 13: carried over, not confirmed (a question an earlier answer rules out
                # is nothing to confirm: bank.AppliesIf)
                if q.id in session.carried_over and completeness.applies(bank, session, q.id):
                    res = completeness._unconfirmed(res)
                    is_na = is_na and not res.unconfirmed
                    if res.unconfirmed:
                        unconfirmed.append(q.id)
                results.append(res)
                by_question[q.id] = res
                if is_na:
                    na_ids.append(q.id)
            answered = sum(r.answered for r in results)
            expected = sum(r.expected for r in results)
            missing = tuple(m for r in results for m in r.missing)
            sec = SectionResult(
                section.id, section.title, step.id,
                _section_status(answered, expected, results),
                answered, expected, missing, tuple(na_ids), tuple(results), tuple(unconfirmed),
            )
            sections.append(sec)
            by_section[section.id] = sec
            s_answered += answered
            s_expected += expected
            if step.scope == "template":
                missing_all.extend(missing)
                na_all.extend(na_ids)
                unconfirmed_all.extend(unconfirmed)
        steps.append(StepResult(step.id, step.number, step.title, step.scope, s_answered,
                                s_expected, tuple(sections)))
        if step.scope == "template":
            total_answered += s_answered
            total_expected += s_expected
    return Completeness(tuple(steps), total_answered, total_expected, tuple(missing_all),
                        tuple(na_all), by_question, by_section, tuple(unconfirmed_all))


def _reference_texts(bank: Bank, session: Session) -> list[tuple[str, Kind, str]]:
    texts = []
    for loc in bank.questions():
        q = loc.question
        if q.is_table:
            assert q.table is not None
            for n, row in enumerate(session.tables.get(q.table, []), start=1):
                for col in q.columns:
                    value = row.get(col.key, "")
                    if isinstance(value, str):
                        texts.append((f"{q.id}[{n}].{col.key}", col.kind, value))
            continue
        texts.append((q.id, q.kind, session.answers.get(q.id, "")))
    return texts


def _reference_warnings(bank: Bank, session: Session) -> list[QualityWarning]:
    """Every answer by ``_check_value``, then the duplicates and the priorities."""
    found: list[tuple[int, QualityWarning]] = []
    texts = _reference_texts(bank, session)
    order = {item: i for i, (item, _, _) in enumerate(texts)}
    for i, (item, kind, value) in enumerate(texts):
        if completeness.has_content(value) and holds_html(value):
            found.append((i, QualityWarning(item, "html", quality._HTML)))
        w = _check_value(item, kind, value)
        if w is not None:
            found.append((i, w))
    for w in quality._duplicates(texts):
        found.append((order[w.item], w))
    for w in quality._priorities_without_measures(bank, session):
        cells = [i for key, i in order.items() if key.startswith(w.item + ".")]
        found.append((min(cells, default=len(texts)), w))
    found.sort(key=lambda pair: pair[0])
    return [w for _, w in found]


# ---------------------------------------------------------------------------------------------
# Varied sessions: answers with content, blank, placeholders, short, repeated from other answers
# (with words changed), wrong numbers and addresses, marks with and without a reason, table rows
# full, partly filled and with values that are not text.

_EXAMPLE = sessions.load(EXAMPLE)
_PARAGRAPHS = sorted({p for v in _EXAMPLE.answers.values() for p in v.split("\n\n") if p})
_WORDS = sorted({w for p in _PARAGRAPHS for w in p.split()})


@st.composite
def _text(draw: st.DrawFn) -> str:
    what = draw(st.sampled_from(
        ["", "   ", "TBD", "-", "n/a", "Ja", "Nei", "12", "12 a", "post@eksempel.no", "post@",
         "https://eksempel.no", "eksempel", "2023", "kort svar", "paragraphs", "paragraphs",
         "edited", "edited", "portal"]
    ))
    if what == "portal":  # HTML as the portal writes it (issue 13)
        return "<p>Tekst</p> <ul><li>- en</li><li>to</li></ul>"
    if what == "paragraphs":
        return "\n\n".join(draw(st.lists(st.sampled_from(_PARAGRAPHS), min_size=1, max_size=4)))
    if what == "edited":  # a paragraph of the example with a few words changed
        words = draw(st.sampled_from(_PARAGRAPHS)).split()
        for _ in range(draw(st.integers(0, 3))):
            words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(_WORDS))
        return " ".join(words)
    return what


@st.composite
def _sessions(draw: st.DrawFn) -> Session:
    s = Session(organisation="Test AS", year=2023)
    for loc in BANK.questions():
        q = loc.question
        if draw(st.integers(0, 9)) == 0:
            s.not_applicable[q.id] = draw(st.sampled_from(["", "-", "Gjelder ikke oss."]))
        if q.is_table:
            assert q.table is not None
            rows = s.tables.setdefault(q.table, [])
            if not rows:
                for _ in range(draw(st.integers(0, 3))):
                    rows.append({})
            for row in rows:
                for col in q.columns:
                    roll = draw(st.integers(0, 9))
                    if roll == 0:
                        continue  # no such key
                    row[col.key] = 7 if roll == 1 else draw(_text())
            continue
        roll = draw(st.integers(0, 9))
        if roll == 0:
            continue
        if roll == 1 and q.kind in (Kind.NUMBER, Kind.YEAR):
            s.extra_answers[q.id] = 2023
            continue
        s.answers[q.id] = draw(_text())
    # Some answers carried over from last year and not confirmed (issue 13).
    s.carried_over = [loc.question.id for loc in BANK.questions()
                      if draw(st.integers(0, 7)) == 0]
    return s


@settings(max_examples=120, deadline=None)
@given(_sessions())
def test_check_and_warnings_equal_the_plain_code(session: Session) -> None:
    assert completeness.check(BANK, session) == _reference_check(BANK, session)
    assert quality.warnings(BANK, session) == _reference_warnings(BANK, session)


def test_check_and_warnings_of_the_example_equal_the_plain_code() -> None:
    session = sessions.load(EXAMPLE)
    assert completeness.check(BANK, session) == _reference_check(BANK, session)
    found = quality.warnings(BANK, session)
    assert found == _reference_warnings(BANK, session)
    assert {w.code for w in found} >= {"duplicate", "placeholder"}  # it tests something


def test_shared_results_are_per_bank() -> None:
    """A question's fixed results are made once per bank and shared; another bank of the same
    files gets its own, equal ones."""
    from aktsomhetswizard.bank import load_bank_from

    other = load_bank_from(ROOT / "questions")
    session = sessions.load(EXAMPLE)
    one, two = completeness.check(BANK, session), completeness.check(other, session)
    assert one == two
    qid = next(q for q, r in one.by_question.items() if r.status == "complete")
    assert one.by_question[qid] is completeness.check(BANK, session).by_question[qid]
    assert one.by_question[qid] is not two.by_question[qid]


# ---------------------------------------------------------------------------------------------
# Reading a session


def test_line_breaks_spelled_out_are_the_pattern() -> None:
    assert set(_LINE_BREAK_CHARS) == {
        chr(c) for c in range(0x110000) if _LINE_BREAKS.fullmatch(chr(c))
    }
    for ch in _LINE_BREAK_CHARS:
        assert normalise_newlines(f"a{ch}b{ch}") == "a\nb\n"
    text = "ingen linjeskift her\nbare vanlige «tegn» – og æøå\t"
    assert normalise_newlines(text) is text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\t\r\x85\u2028\u2029\x0b\x0c\x1c\x1d\x1e"
                                              "\x1f\u0085\u00a0æ"))))
def test_normalise_newlines_equals_the_pattern(text: str) -> None:
    assert normalise_newlines(text) == _LINE_BREAKS.sub("\n", text)


HEAD = '[session]\nformat = 1\norganisation = "KS"\nyear = 2024\n'


@pytest.mark.parametrize(("body", "needles"), [
    ('[not_applicable]\n"6.A.1" = 5\n', ["[not_applicable].'6.A.1'", "tekst", "et tall"]),
    ('[answers]\n"2.A.1" = "x"\n', ["[answers].'2.A.1'", "er en tabell", "[[priorities]]"]),
    ('[answers]\n"1.A.2" = 5\n', ["[answers].'1.A.2'", "et tall"]),
    ('[answers]\n"1.A.2" = true\n', ["[answers].'1.A.2'", "sann/usann"]),
    ("[[priorities]]\nimpact = [1]\n", ["[[priorities]] rad 1: impact", "en liste"]),
])
def test_values_of_the_wrong_type_are_named(body: str, needles: list[str]) -> None:
    with pytest.raises(SessionError) as info:
        sessions.parse_bytes((HEAD + body).encode(), "f.toml")
    for needle in needles:
        assert needle in str(info.value), (needle, str(info.value))


def test_values_are_sorted_as_before() -> None:
    """Text answers, numbers typed by hand for number and year questions, unknown keys of any
    type, table cells of unknown columns: each lands where the plain code put it."""
    raw = (HEAD + '[answers]\n"1.A.2" = "a\\r\\nb"\n"virksomhet.ansatte" = 306\n'
           '"ukjent.tekst" = "c\\rd"\n"ukjent.tall" = 7\n"ukjent.liste" = [1, 2]\n'
           '[not_applicable]\n"6.A.1" = "e\\u2028f"\n'
           '[[priorities]]\nimpact = "g\\fh"\nukjent = 3\n')
    s = sessions.parse_bytes(raw.encode(), "f.toml")
    assert s.answers == {"1.A.2": "a\nb", "ukjent.tekst": "c\nd"}
    assert s.extra_answers == {"virksomhet.ansatte": 306, "ukjent.tall": 7, "ukjent.liste": [1, 2]}
    assert s.not_applicable == {"6.A.1": "e\nf"}
    assert s.tables == {"priorities": [{"impact": "g\nh", "ukjent": 3}]}


# ---------------------------------------------------------------------------------------------
# JSON


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)
    | st.dictionaries(st.integers(), inner, max_size=2) | st.lists(st.text(), max_size=4),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(_json_values)
def test_to_json_indented_as_a_list_element(value: Any) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2)
    assert to_json(value, "\n  ") == expected.replace("\n", "\n  ")
    assert to_json(value) == expected


_unsafe_text = st.text(st.sampled_from(
    ["a", "ø", "\"", "\\", "\n", "\x1b", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\udcf8",
     "\ud800", "»", " "]), max_size=8)
_safe_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _unsafe_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_unsafe_text, inner, max_size=4)
    | st.dictionaries(st.integers(), inner, max_size=2) | st.lists(_unsafe_text, max_size=4),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(_safe_json_values)
def test_to_json_safe_is_json_safe_of_to_json(value: Any) -> None:
    for newline in ("\n", "\n  "):
        assert to_json_safe(value, newline) == json_safe(to_json(value, newline))
        assert to_json_safe(value, newline) == json_safe(to_json(value, newline))  # kept


def test_folder_json_element_is_json_safe_of_to_json(tmp_path: Path) -> None:
    session = sessions.load(EXAMPLE)
    session.organisation = "Bad \x9b[31m \u202eAS\udcf8"
    path = tmp_path / "okt\udcf8.toml"
    record = check_record(path, session, completeness.check(BANK, session),
                          quality.warnings(BANK, session), BANK, law.judge(BANK, session))
    expected = json_safe("  " + to_json(record, "\n  "))
    assert "\\u009b" in expected and "\\\\xf8" in expected
    assert json_element(record) == expected


# ---------------------------------------------------------------------------------------------
# The duplicate check's numbers for pieces of text


# Pieces that are one word in many spellings ("Ansvar.", "«ansvar»"), punctuation only ("–",
# "..."), and words with punctuation inside ("e-post").
_pieces = st.sampled_from([
    "ansvar", "Ansvar.", "«ansvar»", "(ANSVAR)", "ansvar,", "e-post", "E-post:", "straße",
    "STRASSE", "strasse.", "–", "...", "«»", "-", "risiko", "risiko;", "Risiko!", "tiltak",
    "tiltak…", "leverandør", "leverandører", "§", "5", "5.", "1.A.2",
])


@st.composite
def _piece_answers(draw: st.DrawFn) -> list[tuple[str, Kind, str]]:
    base = draw(st.lists(_pieces, min_size=12, max_size=30))
    answers = []
    for n in range(draw(st.integers(2, 6))):
        paras = []
        for _ in range(draw(st.integers(1, 3))):
            these = list(base)
            for _ in range(draw(st.integers(0, 4))):
                these[draw(st.integers(0, len(these) - 1))] = draw(_pieces)
            paras.append(draw(st.sampled_from([" ", "  ", "\n", " \u00a0"])).join(these))
        answers.append((f"q{n}", Kind.LONG_TEXT, "\n\n".join(paras)))
    return answers


@settings(max_examples=300, deadline=None)
@given(_piece_answers())
def test_duplicates_by_numbered_pieces_equal_all_pairs_by_words(
    texts: list[tuple[str, Kind, str]],
) -> None:
    # Without the limits that keep the check linear (tests/test_quality.py tests them).
    with unittest.mock.patch.multiple(quality, DUPLICATE_LOOKS=10**9, DUPLICATE_POSTINGS=10**9,
                                      DUPLICATE_NAMED=10**9):
        found = [(w.item, w.message) for w in quality._duplicates(texts)]
    assert found == [(item, f"Et avsnitt i svaret står også i {names}.")
                     for item, names in duplicates_all_pairs(texts)]


def test_pieces_of_one_word_get_its_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quality, "_word_numbers", {})
    monkeypatch.setattr(quality, "_piece_numbers", {})
    pieces = ["Ansvar.".casefold(), "«ansvar»", "(ansvar", "–", "...", "e-post", "e-post:"]
    numbers = quality._number_pieces(pieces, quality._piece_numbers, quality._word_numbers)
    assert numbers[0] == numbers[1] == numbers[2] != numbers[5]
    assert numbers[3] == numbers[4] == quality._NO_WORD
    assert numbers[5] == numbers[6]
    assert quality._word_numbers.keys() == {"ansvar", "e-post"}
    assert set(quality._piece_numbers) == set(pieces)


def test_duplicates_the_same_with_numbers_kept_or_new(monkeypatch: pytest.MonkeyPatch) -> None:
    """A check that starts with the numbers of earlier files, and one that starts afresh (the
    dictionaries are new past _MAX_WORD_NUMBERS pieces), find the same."""
    session = sessions.load(EXAMPLE)
    texts = _reference_texts(BANK, session)
    kept = quality._duplicates(texts)
    assert kept == quality._duplicates(texts) and kept
    monkeypatch.setattr(quality, "_MAX_WORD_NUMBERS", 3)
    before = quality._piece_numbers
    assert quality._duplicates(texts) == kept
    assert quality._piece_numbers is not before and len(quality._piece_numbers) > 3


def test_casefolding_maps_each_character_and_keeps_whitespace() -> None:
    """What _long_paragraph_pieces relies on: the pieces of a casefolded text are the casefolded
    pieces, and casefolding never shortens."""
    for code in range(0x110000):
        ch = chr(code)
        folded = ch.casefold()
        assert len(folded) >= 1
        if ch.isspace():
            assert folded == ch
        else:
            assert not any(c.isspace() for c in folded), hex(code)
    text = "Straße  «ANSVAR»\n\nﬁne\u00a0ǅ ΣΑΣ"
    assert text.casefold().split() == [p.casefold() for p in text.split()]


@pytest.mark.parametrize("text", [
    "ß" * 35 + "\n\n" + "y" * 30,  # 35 characters as written, 70 casefolded; 30
    " ".join(["ßß"] * 20) + "\n\n" + "z" * 60,  # 59 characters as written, 99 casefolded
    " ".join(["ab"] * 20) + "\n \n" + "«" * 70 + "\n\n\n" + "ﬁ" * 59,
    "ß" * 40 + " " + "x" * 5,  # too short as written: no paragraph at all (as before)
])
def test_paragraph_pieces_as_written_give_the_casefolded_paragraphs(text: str) -> None:
    expected = [
        para.split() for para in quality._PARAGRAPH_BREAK.split(text.casefold())
        if sum(map(len, para.split())) + len(para.split()) - 1 >= quality.MIN_PARAGRAPH
    ] if len(text) >= quality.MIN_PARAGRAPH else []
    written = [[p.casefold() for p in pieces] for pieces in quality._long_paragraph_pieces(text)]
    assert written == expected
    words = [list(filter(None, (p.strip(quality._EDGES) for p in pieces))) for pieces in expected]
    assert list(quality._long_paragraphs(text)) == words


# ---------------------------------------------------------------------------------------------
# thin(): the law check's "is this answer more than a token?" (asked ~30 times a file)


def _reference_thin(text: object, min_chars: int = quality.SHORT_LONG_TEXT,
                    min_words: int = 5) -> str | None:
    """quality.thin as it was before its shortcut (the whole text joined and casefolded)."""
    if not isinstance(text, str) or not text or text.isspace():
        return "empty"
    if completeness.is_placeholder(text):
        return "placeholder"
    if len(text) > quality._THIN_MAX and quality._LETTER.search(text):
        return None
    flat = " ".join(text.split())
    bare = flat.casefold().strip(quality._EDGES + " ")
    if bare in quality._NOTHING or (
        bare.startswith(("ingen ", "ingenting ")) and len(bare.split()) <= 4
    ):
        return "nothing"
    if len(flat) <= quality._REFERENCE_MAX and quality._REFERENCE.match(bare):
        return "reference"
    if len(flat) < min_chars or len(flat.split()) < min_words:
        return "short"
    return None


# Words and marks that make thin() answer each of its reasons: «ingen», pointers, punctuation at
# the ends, whitespace of several kinds, letters that casefold to more letters.
_thin_pieces = st.sampled_from([
    "Ingen", "ingen", "INGENTING", "funn", "ikke aktuelt", "Se", "vi viser til", "www.ks.no",
    "tiltak", "leverandører", "Straße", "ß", "–", "...", "«", "»", "-", "(", ").", "TBD", "x",
    "a", "1", "arbeidsforhold", "i", "på", "y" * 125, "– – – – – – – – – – – – – – – – – – – –",
])
_thin_texts = st.lists(
    st.tuples(_thin_pieces, st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\n\n", ""])),
    max_size=40,
).map(lambda parts: "".join(p + s for p, s in parts))


@settings(max_examples=600, deadline=None)
@given(_thin_texts, st.sampled_from([(40, 5), (15, 2), (20, 3), (3, 1)]),
       st.sampled_from(["", " ", "… ", " «", "x" * 90 + " ", " -" * 70]))
def test_thin_equals_the_plain_code(text: str, bars: tuple[int, int], edge: str) -> None:
    for variant in (text, edge + text, text + edge, edge + text + edge[::-1]):
        assert quality.thin(variant, *bars) == _reference_thin(variant, *bars), variant


def test_thin_of_the_example_and_of_long_answers_equals_the_plain_code() -> None:
    session = sessions.load(EXAMPLE)
    texts = [*session.answers.values(),
             *(v for rows in session.tables.values() for row in rows for v in row.values())]
    texts += ["Ingen " + "." * 200, "... ingen funn " + "– " * 80, "ingen funn " + "– " * 80,
              "ingen funn " + "x" * 130, "Ingen. " + "— " * 60 + "x", "Se " + "x" * 130,
              ("ord " * 40).strip(), "ingen, ingen, ingen, ingen, ingen " + "!" * 130]
    for text in texts:
        for bars in ((40, 5), (15, 2), (20, 3), (3, 1)):
            assert quality.thin(text, *bars) == _reference_thin(text, *bars), text[:80]


# ---------------------------------------------------------------------------------------------
# The law check's sentences


_PLAIN_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+|,?\s+men\s+")

_sentence_texts = st.lists(st.sampled_from(
    [" ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2028", ",", ".", "!", "?", ";", ":", "men", "Men",
     "mens", "amen", "ingen", "funn", "x", "«", "»", "–"]), max_size=30).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_sentence_texts)
def test_sentences_split_as_the_plain_pattern(text: str) -> None:
    for variant in (text, text.casefold(), "Vi har " + text + " brudd."):
        assert law._SENTENCE.split(variant) == _PLAIN_SENTENCE.split(variant), variant


def test_sentences_of_the_example_split_as_the_plain_pattern() -> None:
    session = sessions.load(EXAMPLE)
    texts = [*session.answers.values(),
             *(v for rows in session.tables.values() for row in rows for v in row.values()
               if isinstance(v, str))]
    assert sum(len(_PLAIN_SENTENCE.split(t.casefold())) - 1 for t in texts) > 50
    for text in texts:
        low = text.casefold()
        assert law._SENTENCE.split(low) == _PLAIN_SENTENCE.split(low), text[:80]
