"""Quality warnings: placeholders, short answers, repeated paragraphs, malformed values,
priorities without measures. Messages name items and never quote answers."""

from __future__ import annotations

import copy
import unittest.mock
from pathlib import Path

import pytest
from factories import duplicates_all_pairs
from hypothesis import given, settings
from hypothesis import strategies as st

from aktsomhetswizard import quality
from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Bank, Kind
from aktsomhetswizard.quality import (
    MIN_PARAGRAPH,
    SHORT_LONG_TEXT,
    email_ok,
    number_ok,
    url_ok,
    warnings,
)
from aktsomhetswizard.session import Session

EXAMPLE = Path(__file__).resolve().parent.parent / "sessions" / "eksempel-ks-2023.toml"
LONG = "Dette er et svar som er langt nok til å ikke gi noen advarsel om lengde."


@pytest.fixture
def example_session() -> Session:
    return sessions.load(EXAMPLE)


def codes(found: list) -> list[tuple[str, str]]:
    return [(w.item, w.code) for w in found]


def test_example_warnings(bank: Bank, example_session: Session) -> None:
    assert codes(warnings(bank, example_session)) == [
        ("leverandorkjede.innsatsfaktorer[1].input", "placeholder"),
        ("leverandorkjede.innsatsfaktorer[1].geography", "placeholder"),
        ("1.C.1", "duplicate"),
        ("2.A.1[1].impact", "html"),  # the portal's <p>, <ul>, <li> (issue 13)
        ("2.A.1[1]", "no_measure"),
    ]


def test_html_from_the_portal_is_a_warning(bank: Bank) -> None:
    s = Session(organisation="X", year=2023)
    s.answers["1.A.2"] = "<p>Vi følger loven.</p><ul><li>Punkt</li></ul>"
    s.answers["1.A.3"] = "Taggen <b> og <br> og a < b er tekst som skrevet, ikke HTML."
    found = [(w.item, w.code) for w in warnings(bank, s) if w.code == "html"]
    assert found == [("1.A.2", "html")]
    message = next(w.message for w in warnings(bank, s) if w.code == "html")
    assert "Vi følger" not in message and "HTML" in message


def test_example_repeats_the_eiermeldingen_quotation(bank: Bank, example_session: Session) -> None:
    found = [w for w in warnings(bank, example_session) if w.code == "duplicate"]
    assert [(w.item, w.message) for w in found] == [
        ("1.C.1", "Et avsnitt i svaret står også i 1.A.2.")
    ]
    # The two paragraphs differ by a few words; an exact comparison would miss them.
    assert "Eiermeldingen" in example_session.answers["1.A.2"]
    assert "eiermeldingen" in example_session.answers["1.C.1"]


def test_duplicate_needs_a_real_paragraph(bank: Bank) -> None:
    s = Session(organisation="X", year=2023)
    short = "Kort avsnitt som går igjen."
    assert len(short) < MIN_PARAGRAPH
    s.answers["1.A.2"] = f"{short}\n\n{LONG} Første svar."
    s.answers["1.A.3"] = f"{short}\n\n{LONG} Annet svar, helt annerledes formulert her."
    assert [w for w in warnings(bank, s) if w.code == "duplicate"] == []
    para = "Vi følger  opp\nleverandørene våre med egenerklæringer og revisjoner hvert år."
    s.answers["1.B.1"] = "Innledning som er lang nok, men som ikke går igjen noe sted.\n\n" + para
    s.answers["4.A.1"] = " ".join(para.split())  # same paragraph, other whitespace
    dup = [w for w in warnings(bank, s) if w.code == "duplicate"]
    assert codes(dup) == [("4.A.1", "duplicate")] and "1.B.1" in dup[0].message


def test_duplicate_across_table_cells(bank: Bank) -> None:
    s = Session(organisation="X", year=2023)
    para = "Leverandører i høyrisikoland følges opp med besøk og samtaler med arbeiderne."
    s.answers["2.A.3"] = para
    s.tables["priorities"] = [
        {"impact": para, "theme": "Arbeid", "geography": "Asia", "measures": LONG}
    ]
    dup = [w for w in warnings(bank, s) if w.code == "duplicate"]
    assert codes(dup) == [("2.A.3", "duplicate")] and "2.A.1[1].impact" in dup[0].message


def test_short_long_text(bank: Bank) -> None:
    s = Session(organisation="X", year=2023)
    s.answers["1.A.2"] = "x" * (SHORT_LONG_TEXT - 1)
    s.answers["1.A.3"] = "y" * SHORT_LONG_TEXT
    s.answers["virksomhet.navn"] = "KS"  # short text: no warning
    assert codes(warnings(bank, s)) == [("1.A.2", "short")]


def test_placeholders(bank: Bank) -> None:
    s = Session(organisation="X", year=2023)
    s.answers["1.A.2"] = "TBD"
    s.answers["1.A.3"] = "–"
    s.answers["1.B.1"] = ""
    assert codes(warnings(bank, s)) == [("1.A.2", "placeholder"), ("1.A.3", "placeholder")]


@pytest.mark.parametrize(
    "text", ["1 137 092 000", "306", "73", "1\u00a0137", "12,5", "-3", "1.137.092", "0.5"]
)
def test_numbers_accepted(text: str) -> None:
    assert number_ok(text)


@pytest.mark.parametrize("text", ["tolv", "1 13", "12 prosent", "1,2,3", "ca. 300", "1e6"])
def test_numbers_refused(text: str) -> None:
    assert not number_ok(text)


def test_email_and_url() -> None:
    assert email_ok("carsten.neraal@ks.no") and email_ok("a+b@eksempel.co.uk")
    for bad in ("carsten.neraal", "a@b", "a@@b.no", "a b@c.no", "<a@b.no>", "a@b.no."):
        assert not email_ok(bad), bad
    assert url_ok("https://www.ks.no/om-ks/ks-redegjorelse-etter-apenhetsloven/")
    assert url_ok("http://eksempel.no")
    for bad in ("www.ks.no", "javascript:alert(1)", "https://", "https://ks", "ks.no/x y"):
        assert not url_ok(bad), bad


def test_malformed_values_are_named_not_quoted(bank: Bank) -> None:
    s = Session(organisation="X", year=2023)
    s.answers["virksomhet.epost"] = "hemmelig.person(at)firma"
    s.answers["1.A.1"] = "se nettsiden vår hemmeligside"
    s.answers["virksomhet.ansatte"] = "cirka trehundre hemmelige"
    s.answers["virksomhet.omfattet"] = "Kanskje hemmelig"
    s.tables["producers"] = [{"country": "Norge", "workers": "mange hemmelige", "producers": "3"}]
    found = warnings(bank, s)
    assert codes(found) == [
        ("virksomhet.ansatte", "number"),
        ("virksomhet.omfattet", "yes_no"),
        ("virksomhet.epost", "email"),
        ("leverandorkjede.produsenter[1].workers", "number"),
        ("1.A.1", "url"),
    ]
    for w in found:
        assert "hemmelig" not in w.message


def test_priority_without_measure(bank: Bank) -> None:
    s = Session(organisation="X", year=2023)
    s.tables["priorities"] = [
        {"impact": "Utslipp fra reiser", "measures": "Videomøter først " + LONG},
        {"impact": "", "theme": "Arbeidsforhold", "measures": "  "},
        {"impact": "", "theme": "", "geography": ""},  # an empty row is no priority
    ]
    assert codes([w for w in warnings(bank, s) if w.code == "no_measure"]) == [
        ("2.A.1[2]", "no_measure")
    ]


def test_warnings_are_in_template_order(bank: Bank, example_session: Session) -> None:
    s = copy.deepcopy(example_session)
    s.answers["6.B.1"] = "Kort."
    s.answers["forord"] = "TBD"
    found = codes(warnings(bank, s))
    assert found[0] == ("forord", "placeholder") and found[-1] == ("6.B.1", "short")


# -- the duplicate check's speed-ups change no result ------------------------------------------

_vocabulary = st.sampled_from(["a", "b", "c", "d", "e", "f", "g", "h"])
_word_lists = st.lists(_vocabulary, max_size=40)


def _lcs(a: list[str], b: list[str]) -> int:
    """The textbook dynamic programme."""
    row = [0] * (len(b) + 1)
    for x in a:
        previous = 0
        for j, y in enumerate(b, start=1):
            previous, row[j] = row[j], previous + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


@settings(max_examples=400, deadline=None)
@given(_word_lists, _word_lists)
def test_common_subsequence_is_the_longest(a: list[str], b: list[str]) -> None:
    assert quality.common_subsequence(a, b) == _lcs(a, b)


@settings(max_examples=400, deadline=None)
@given(_word_lists, _word_lists)
def test_bound_never_rejects_a_match(a: list[str], b: list[str]) -> None:
    if not a or not b:
        return
    shared = len(set(a) & set(b))
    if not quality._could_be_same(len(a), len(set(a)), len(b), len(set(b)), shared):
        assert 2 * _lcs(a, b) / (len(a) + len(b)) < quality.SAME_PARAGRAPH
        assert not quality._same(a, b)


def _paragraph(words: list[str]) -> str:
    return " ".join(w * 9 for w in words)  # long words: paragraphs pass MIN_PARAGRAPH


# Paragraphs made of a few base texts with words changed, dropped and added: many near misses.
_base = st.lists(_vocabulary, min_size=5, max_size=30)


@st.composite
def _answers(draw: st.DrawFn) -> list[tuple[str, Kind, str]]:
    bases = draw(st.lists(_base, min_size=1, max_size=3))
    answers = []
    for n in range(draw(st.integers(2, 7))):
        paras = []
        for _ in range(draw(st.integers(1, 3))):
            words = list(draw(st.sampled_from(bases)))
            for _ in range(draw(st.integers(0, 4))):
                i = draw(st.integers(0, len(words)))
                what = draw(st.sampled_from(["change", "drop", "add"]))
                if what == "add" or not words:
                    words.insert(i, draw(_vocabulary))
                elif what == "drop":
                    del words[min(i, len(words) - 1)]
                else:
                    words[min(i, len(words) - 1)] = draw(_vocabulary)
            paras.append(_paragraph(words))
        answers.append((f"q{n}", Kind.LONG_TEXT, "\n\n".join(paras)))
    return answers


@settings(max_examples=300, deadline=None)
@given(_answers())
def test_duplicates_as_if_every_pair_were_compared(texts: list[tuple[str, Kind, str]]) -> None:
    # Without the limits that keep the check linear (tested below).
    with unittest.mock.patch.multiple(quality, DUPLICATE_LOOKS=10**9, DUPLICATE_POSTINGS=10**9,
                                      DUPLICATE_NAMED=10**9):
        found = [(w.item, w.message) for w in quality._duplicates(texts)]
    expected = [(item, f"Et avsnitt i svaret står også i {names}.")
                for item, names in duplicates_all_pairs(texts)]
    assert found == expected


def test_words_ignore_case_and_punctuation_at_the_ends() -> None:
    assert quality.words("«Ansvar», e-post: Straße.  (OECD)") == [
        "ansvar", "e-post", "strasse", "oecd"
    ]
    assert quality.words(" – … ") == []


def test_a_paragraph_repeated_with_words_changed_is_found(bank: Bank) -> None:
    s = Session(organisation="X", year=2023)
    para = ("Vi følger opp leverandørene våre med egenerklæringer, besøk og revisjoner hvert år, "
            "og vi prioriterer dem der risikoen for brudd på menneskerettigheter er størst.")
    s.answers["1.B.1"] = para
    s.answers["4.A.1"] = para.replace("hvert år", "hvert eneste år").replace("Vi", "Vi i KS")
    s.answers["5.A.1"] = "Helt annen tekst om kommunikasjon, som ikke går igjen noe sted i svarene."
    dup = [w for w in warnings(bank, s) if w.code == "duplicate"]
    assert codes(dup) == [("4.A.1", "duplicate")] and "1.B.1" in dup[0].message


def test_duplicates_the_same_when_the_word_numbers_start_afresh(
    bank: Bank, example_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = [(w.item, w.message) for w in warnings(bank, example_session)]
    monkeypatch.setattr(quality, "_MAX_WORD_NUMBERS", 3)  # a new dictionary on every call
    again = [(w.item, w.message) for w in warnings(bank, example_session)]
    assert again == before and any(item == "1.C.1" for item, _ in again)


@pytest.mark.parametrize(("text", "ok"), [
    ("27.06.2024", True), ("1.7.2024", True), ("2024-06-27", True), (" 27.06.2024 ", True),
    ("31.02.2024", False), ("x@y.no", False), ("27/06/2024", False), ("juni 2024", False),
])
def test_date_answers(bank: Bank, text: str, ok: bool) -> None:
    """The signing date and the period are of kind "date" (issue 12): a warning when the answer
    is not a real date."""
    s = Session(organisation="X", year=2023)
    s.answers["signering.dato"] = text
    found = [w for w in quality.warnings(bank, s) if w.item == "signering.dato"]
    assert (found == []) is ok
    if not ok:
        assert found[0].code == "date" and "dd.mm.åååå" in found[0].message


@pytest.mark.parametrize(("text", "why"), [
    ("", "empty"), ("TBD", "placeholder"), ("Ingen.", "nothing"), ("Ingen funn i år", "nothing"),
    ("Se nettside.", "reference"), ("Vi viser til www.eksempel.no/policy", "reference"),
    ("LED-lys på lageret.", "short"),
    ("Vi har kartlagt leverandørene og funnet risiko for ulovlig overtid.", None),
])
def test_thin(text: str, why: str | None) -> None:
    assert quality.thin(text) == why
def test_duplicates_within_the_limits_are_all_found() -> None:
    """Below the limits the check compares as every pair would; above, a warning names at
    most DUPLICATE_NAMED earlier answers and says there may be more."""
    para = "aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg"
    texts = [(f"q{i}", Kind.LONG_TEXT, para) for i in range(quality.DUPLICATE_NAMED + 3)]
    found = {w.item: w.message for w in quality._duplicates(texts)}
    assert found["q2"] == "Et avsnitt i svaret står også i q0 og q1."
    last = found[f"q{quality.DUPLICATE_NAMED + 2}"]
    assert found["q5"] == "Et avsnitt i svaret står også i q0, q1, q2, q3 og q4."
    assert last == "Et avsnitt i svaret står også i q0, q1, q2, q3, q4 og flere."


def test_quality_is_linear_in_the_rows(bank: Bank) -> None:
    """3,000 priorities without measures, all saying nearly the same (issue 14: about a minute
    for `check`): every warning is there, and the duplicate check compares each paragraph with
    a bounded number of others (counted, not timed)."""
    s = Session(organisation="X", year=2023)
    s.tables["priorities"] = [
        {"impact": f"Risiko {n} for brudd på arbeidstakerrettigheter i leverandørkjeden til "
                   "tekstil og elektronikk", "theme": "Arbeidsforhold"}
        for n in range(3000)
    ]
    calls = 0
    real_same = quality._same

    def counted(a: list[int], b: list[int]) -> bool:
        nonlocal calls
        calls += 1
        return real_same(a, b)

    with unittest.mock.patch.object(quality, "_same", counted):
        found = warnings(bank, s)
    assert sum(w.code == "no_measure" for w in found) == 3000
    assert sum(w.code == "duplicate" for w in found) == 2999
    assert calls <= 3000 * (quality.DUPLICATE_NAMED + 1)
