"""The completeness rules of issue 2: placeholders, not applicable, tables, optional questions."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import complete_session
from hypothesis import given, settings
from hypothesis import strategies as st

from aktsomhetswizard import completeness
from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Bank
from aktsomhetswizard.completeness import check, has_content, is_placeholder
from aktsomhetswizard.session import Session


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n\t",
        "-",
        "--",
        "–",
        "—",
        "...",
        "…",
        "TBD",
        "tbd",
        "xxx",
        "XXX",
        "n/a",
        "N/A",
        " ? ",
        "***",
        "Todo",
    ],
)
def test_blank_and_placeholder_answers_count_as_missing(bank: Bank, text: str) -> None:
    s = complete_session(bank)
    s.answers["1.A.2"] = text
    result = check(bank, s)
    assert "1.A.2" in result.missing
    assert result.by_section["1.A"].status == "partial"
    assert not has_content(text)


@pytest.mark.parametrize("text", ["Ingen", "0", "Ja", "Nei", "KS", "x-ray program", "N/A-tiltak"])
def test_short_real_answers_count(text: str) -> None:
    assert has_content(text)
    assert not is_placeholder(text)


def test_full_session_is_complete(bank: Bank) -> None:
    result = check(bank, complete_session(bank))
    template = [s for step in result.template_steps() for s in step.sections]
    assert result.complete and result.percent == 100
    assert {s.status for s in template} == {"complete"}
    assert result.answered == result.expected > 50


def test_optional_question_never_makes_a_section_incomplete(bank: Bank) -> None:
    s = complete_session(bank)
    del s.answers["forord"]
    result = check(bank, s)
    assert result.complete
    assert result.by_section["forord"].status == "complete"
    assert "forord" not in result.missing


def test_not_applicable_with_reason_counts_as_answered(bank: Bank) -> None:
    s = complete_session(bank)
    del s.answers["6.A.1"]
    s.not_applicable["6.A.1"] = "Ingen tilfeller i rapporteringsåret."
    result = check(bank, s)
    assert result.complete
    assert result.not_applicable == ("6.A.1",)
    assert result.by_question["6.A.1"].status == "not_applicable"


@pytest.mark.parametrize("reason", ["", "  ", "-"])
def test_not_applicable_without_reason_is_missing(bank: Bank, reason: str) -> None:
    s = complete_session(bank)
    del s.answers["6.A.1"]
    s.not_applicable["6.A.1"] = reason
    result = check(bank, s)
    assert "6.A.1" in result.missing
    assert "6.A.1" not in result.not_applicable


def test_table_cells_are_items_of_their_own(bank: Bank) -> None:
    s = complete_session(bank)
    s.priorities.append(
        {
            "impact": "Transport",
            "theme": "",
            "geography": "Norge",
            "goal": "Mindre utslipp",
            "status": "",
            "year_goal": "-",
            "measures": "Reisepolicy",
            "results": "",
        }
    )
    result = check(bank, s)
    assert [m for m in result.missing if m.startswith(("2.A.1", "3.A.1"))] == [
        "2.A.1[2].theme",
        "3.A.1[2].status",
        "3.A.1[2].year_goal",
        "3.A.1[2].results",
    ]
    assert result.by_section["2.A"].status == "partial"
    assert result.by_section["3.A"].status == "partial"


def test_no_priorities_means_2A1_and_3A1_missing(bank: Bank) -> None:
    s = complete_session(bank)
    s.tables.pop("priorities")
    result = check(bank, s)
    assert "2.A.1" in result.missing and "3.A.1" in result.missing
    assert result.by_section["3.A"].status == "empty"


def test_3A_is_empty_when_no_field_of_any_priority_is_filled(bank: Bank) -> None:
    s = complete_session(bank)
    for row in s.priorities:
        for key in ("goal", "status", "year_goal", "measures", "results"):
            row[key] = ""
    s.priorities.append({"impact": "B", "theme": "C", "geography": "D"})
    result = check(bank, s)
    assert result.by_section["3.A"].status == "empty"
    assert result.by_section["3.A"].missing[:5] == tuple(
        f"3.A.1[1].{k}" for k in ("goal", "status", "year_goal", "measures", "results")
    )
    assert "3.A.1[2].goal" in result.missing


def test_missing_is_in_template_order(bank: Bank) -> None:
    s = Session(organisation="Tom", year=2024)
    result = check(bank, s)
    template_ids = [
        loc.question.id
        for loc in bank.questions()
        if loc.step.scope == "template" and not loc.question.optional
    ]
    assert list(result.missing) == template_ids
    assert result.answered == 0 and result.percent == 0
    statuses = {sec.id: sec.status for sec in result.sections()}
    assert statuses.pop("forord") == "complete"  # only an optional question
    assert set(statuses.values()) == {"empty"}


def test_example_section_statuses(bank: Bank, example: Path) -> None:
    result = check(bank, sessions.load(example))
    status = {s.id: s.status for step in result.template_steps() for s in step.sections}
    assert {k for k, v in status.items() if v == "empty"} == {"3.A", "4.A", "6.A", "6.B"}
    assert {k for k, v in status.items() if v == "partial"} >= {"2.A", "3.B", "5.A"}
    for sid in ("1.A", "1.B", "1.C", "1.D", "1.E"):
        assert status[sid] == "complete", sid
    assert not result.complete


def _placeholder_as_first_written(text: str) -> bool:
    """is_placeholder before it learnt not to copy long texts: the plain definition."""
    stripped = text.strip()
    if not stripped:
        return False
    if not completeness._HAS_CONTENT.search(stripped):
        return True
    if len(stripped.split()) > completeness._PLACEHOLDER_WORDS:
        return False
    words = " ".join(stripped.lower().split())
    return words in completeness.PLACEHOLDERS or words.rstrip(".!:") in completeness.PLACEHOLDERS


_pieces = st.sampled_from(
    [*sorted(completeness.PLACEHOLDERS), " ", "\n", "\u00a0", "\x1c", "-", ".", "!", "_", "Ja",
     "svar", "TBD"]
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(_pieces, max_size=6).map("".join),
                 st.lists(_pieces, max_size=6).map(" ".join), st.text(max_size=30)))
def test_placeholder_and_content_as_defined(text: str) -> None:
    assert is_placeholder(text) == _placeholder_as_first_written(text)
    assert has_content(text) == (bool(text.strip()) and not _placeholder_as_first_written(text))
