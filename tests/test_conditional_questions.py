"""A question that an earlier answer rules out is no gap: «Hvilke selskaper i konsernet gjelder
redegjørelsen?» when the statement is not a group's, and the signing step when the organisation
is not subject to åpenhetsloven. Not in the statement as «Ikke besvart», not counted by the
check, no «UTKAST» for it (docs/question-bank.md, «applies_if»)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_law import good  # noqa: F401 - the fixture

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Bank, BankError, load_step_file
from aktsomhetswizard.cli import main
from aktsomhetswizard.completeness import applies, check, question_result
from aktsomhetswizard.render.statement import draft_reasons, render_statement
from aktsomhetswizard.session import Session

COMPANIES = "Hvilke selskaper i konsernet gjelder redegjørelsen?"


def _line(statement: str, text: str) -> str:
    return next((line for line in statement.splitlines() if text in line), "")


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_not_a_group_shows_no_gap(bank: Bank, good: Session, fmt: str) -> None:  # noqa: F811
    assert good.answers["signering.konsern"] == "Nei"
    good.answers.pop("signering.konsern_selskaper", None)
    out = render_statement(bank, good, fmt)
    assert COMPANIES not in out
    assert "Ikke besvart" not in out and "UTKAST" not in out
    assert not applies(bank, good, "signering.konsern_selskaper")
    signing = check(bank, good).scope_steps("apenhetsloven")[0]
    assert signing.answered == signing.expected == 8


def test_a_group_without_companies_is_a_gap(bank: Bank, good: Session) -> None:  # noqa: F811
    good.answers["signering.konsern"] = "Ja"
    good.answers.pop("signering.konsern_selskaper", None)
    out = render_statement(bank, good, "markdown")
    assert "Ikke besvart" in _line(out, COMPANIES)
    result = check(bank, good)
    signing = result.scope_steps("apenhetsloven")[0]
    assert (signing.answered, signing.expected) == (8, 9)
    assert question_result(bank, good, bank["signering.konsern_selskaper"]).status == "empty"
    good.answers["signering.konsern"] = ""  # unanswered rules nothing out
    assert applies(bank, good, "signering.konsern_selskaper")


def test_not_subject_to_the_act_has_no_signing_gaps(bank: Bank, good: Session) -> None:  # noqa: F811
    good.answers["virksomhet.omfattet"] = "Nei"
    for qid in [q for q in good.answers if q.startswith("signering.")]:
        del good.answers[qid]
    assert draft_reasons(bank, good) == []
    out = render_statement(bank, good, "markdown")
    assert "UTKAST" not in out and "Ikke besvart" not in out
    assert "Signering og publisering" not in out
    signing = check(bank, good).scope_steps("apenhetsloven")[0]
    assert signing.expected == 0
    # What was answered is still shown.
    good.answers["signering.dato"] = "20.06.2024"
    out = render_statement(bank, good, "markdown")
    assert "20.06.2024" in _line(out, "Dato for styrets signering")
    assert "Ikke besvart" not in out


def test_check_json_counts_no_ruled_out_gap(bank: Bank, good: Session, tmp_path: Path,  # noqa: F811
                                            capsys: pytest.CaptureFixture[str]) -> None:
    good.answers.pop("signering.konsern_selskaper", None)
    path = tmp_path / "tekstil.toml"
    sessions.save(good, path, touch=False)
    assert main(["check", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["complete"] and data["law"]["ok"]
    assert data["law"]["formal"]["group"]["status"] == "not_required"
    good.answers["signering.konsern"] = "Ja"
    sessions.save(good, path, touch=False)
    assert main(["check", str(path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["law"]["formal"]["group"]["status"] == "missing"


def test_the_condition_names_an_earlier_question(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(
        '[step]\nid = "x"\ntitle = "X"\n\n[[step.sections]]\nid = "x.a"\ntitle = "A"\n\n'
        '[[step.sections.questions]]\nid = "x.1"\ntext = "Spørsmål"\nkind = "short_text"\n\n'
        '[step.sections.questions.applies_if]\nquestion = "x.9"\nanswer = "Ja"\n',
        encoding="utf-8",
    )
    step = load_step_file(path)
    assert step.sections[0].questions[0].applies_if is not None
    from aktsomhetswizard.bank import Bank as BankClass
    with pytest.raises(BankError, match="applies_if"):
        BankClass("t", (step,))
