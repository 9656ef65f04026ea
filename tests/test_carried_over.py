"""Issue 13, the core: carried over means "to confirm", and what belongs to one year stays there.

An answer taken along from last year's session (`aktsomhet new --from`) is unconfirmed until
the author edits or confirms it; until then it does not count as answered anywhere (percentage,
sections, law check), and `check` lists it. Facts of one reporting year (marked `year_bound` in
the question bank) are not taken along at all.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from factories import complete_session

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Bank
from aktsomhetswizard.cli import main
from aktsomhetswizard.completeness import UNCONFIRMED_TITLE, check, holds_answer, question_result
from aktsomhetswizard.law import check_law
from aktsomhetswizard.render.report import render_report
from aktsomhetswizard.store import SessionStore

YEAR_BOUND = {
    "virksomhet.omsetning", "virksomhet.ansatte", "virksomhet.endringer",
    "leverandorkjede.antall_leverandorer", "6.A.tilfeller", "signering.signert_av",
    "signering.dato", "signering.periode_fra", "signering.periode_til",
    "signering.nettadresse", "signering.kontakt_epost",
    # Added with the law check (issue 12): in the signing step, which is year-bound as a whole.
    "signering.arsberetning", "signering.konsern", "signering.konsern_selskaper",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def next_year(previous: sessions.Session, org: str = "Nordlys Sport AS") -> sessions.Session:
    return sessions.start_from(previous, org, previous.year + 1)


# -- what is taken along ---------------------------------------------------------------------


def test_year_bound_questions_are_data_in_the_bank(bank: Bank) -> None:
    marked = {qid for qid in bank.question_ids if bank.is_year_bound(qid)}
    assert marked == YEAR_BOUND
    # The signing step is marked as a whole; turnover on its own.
    assert bank.locate("signering.dato").step.year_bound
    assert bank["virksomhet.omsetning"].year_bound


def test_new_from_takes_no_fact_of_last_year(bank: Bank, example: Path) -> None:
    old = sessions.load(example)
    old.answers["signering.signert_av"] = "Styreleder Kari Nordmann"
    old.answers["signering.dato"] = "27.06.2024"
    old.not_applicable["virksomhet.endringer"] = "Ingen endringer i 2023."
    new = next_year(old)
    for qid in YEAR_BOUND:
        assert qid not in new.answers and qid not in new.not_applicable, qid
        assert qid not in new.carried_over
    assert "virksomhet.omsetning" in old.answers  # it was there to leave behind
    # Everything else that held something is carried, unconfirmed.
    assert new.answers["1.A.2"] == old.answers["1.A.2"]
    assert new.tables["priorities"] == old.tables["priorities"]
    assert {"1.A.1", "forord", "2.A.1", "3.A.1"} <= set(new.carried_over)


def test_new_from_sets_the_name_and_counts_nothing_carried(bank: Bank, example: Path) -> None:
    old = sessions.load(example)
    assert check(bank, old).percent > 50
    new = next_year(old)
    # The name is the one given, in place of last year's; filled in by the program, it waits
    # for the author's confirmation like the rest.
    assert new.answers["virksomhet.navn"] == "Nordlys Sport AS"
    result = check(bank, new)
    assert result.answered == 0 and result.percent == 0
    assert not result.complete
    assert set(result.unconfirmed) >= {"1.A.1", "1.A.2", "2.A.1", "forord", "virksomhet.navn"}
    # 3.A.1 was empty last year: carried (its rows come with 2.A.1) but nothing to confirm;
    # its fields are missing, not unconfirmed.
    assert "3.A.1" in new.carried_over and "3.A.1" not in result.unconfirmed
    assert "3.A.1[1].goal" in result.missing
    assert result.by_question["3.A.1"].status == "empty"
    # No signature, no turnover.
    law = check_law(bank, new)
    assert law.formal_point("signature").status == "missing"


def test_unconfirmed_answer_counts_once_confirmed(bank: Bank) -> None:
    s = complete_session(bank)
    assert check(bank, s).complete
    s.carried_over = ["1.A.2", "6.A.1"]
    s.not_applicable["6.A.1"] = "Ingen saker."
    del s.answers["6.A.1"]
    result = check(bank, s)
    assert not result.complete
    assert result.unconfirmed == ("1.A.2", "6.A.1")
    assert result.missing == ()
    assert result.answered == result.expected - 2
    assert result.by_question["1.A.2"].status == "empty"
    assert result.by_question["1.A.2"].unconfirmed
    assert result.by_section["1.A"].status == "partial"
    assert result.by_section["1.A"].unconfirmed == ("1.A.2",)
    assert "6.A.1" not in result.not_applicable
    assert question_result(bank, s, bank["1.A.2"]) == result.by_question["1.A.2"]
    assert s.confirm("1.A.2") and not s.confirm("1.A.2")
    assert s.confirm("6.A.1")
    result = check(bank, s)
    assert result.complete and result.unconfirmed == ()
    assert result.by_question["1.A.2"].status == "complete"
    assert result.not_applicable == ("6.A.1",)


def test_law_check_does_not_count_unconfirmed_answers(bank: Bank) -> None:
    """The rule lives in completeness.holds_answer; the law check asks it."""
    s = sessions.Session(organisation="X", year=2024)
    s.answers["signering.nettadresse"] = "https://x.no/redegjorelse"
    s.answers["1.A.2"] = "Vi respekterer menneskerettighetene i hele leverandørkjeden."
    law = check_law(bank, s)
    assert law.a.status == "partial"  # the guidelines: one element of three
    assert law.formal_point("publication").status == "met"
    s.carried_over = ["1.A.2", "signering.nettadresse"]
    assert not holds_answer(s, bank["1.A.2"])
    law = check_law(bank, s)
    assert law.a.status == "missing"
    assert law.formal_point("publication").status == "missing"
    s.confirm("1.A.2")
    assert holds_answer(s, bank["1.A.2"]) and check_law(bank, s).a.status == "partial"


def test_store_edits_confirm_and_moving_on_does_not(bank: Bank, example: Path) -> None:
    new = next_year(sessions.load(example))
    path = example.with_name("neste.toml")
    sessions.save(new, path, touch=False)
    store = SessionStore.open(path)
    try:
        store.set_answer("1.A.2", new.answers["1.A.2"] + " Endret.")
        store.set_not_applicable("1.A.3", "Gjelder ikke i år.")
        store.set_cell("priorities", 0, "goal", "Nytt mål")  # a 3.A.1 field
        store.set_cell("priorities", 0, "theme", "Klima")  # a 2.A.1 field
        assert store.confirm("1.A.1") and not store.confirm("1.A.1")
        assert store.confirm_section("1.B") == ["1.B.1", "1.B.2", "1.B.3"]
        for qid in ("1.A.1", "1.A.2", "1.A.3", "2.A.1", "3.A.1", "1.B.1", "1.B.3"):
            assert not store.session.is_unconfirmed(qid), qid
        assert store.session.is_unconfirmed("1.C.1")
        assert store.dirty
        store.save()
    finally:
        store.close()
    assert "1.C.1" in sessions.load(path).carried_over
    assert "1.A.1" not in sessions.load(path).carried_over


def test_format_1_files_keep_their_bytes(example: Path) -> None:
    """carried_over is the format-1 key: a file that lists it reads and saves byte for byte."""
    new = next_year(sessions.load(example))
    raw = sessions.to_bytes(new)
    assert b"format = 1\n" in raw and b"carried_over = [" in raw
    again = sessions.parse_bytes(raw)
    assert again.carried_over == new.carried_over
    assert sessions.to_bytes(again) == raw


# -- what `check` says -----------------------------------------------------------------------


@pytest.fixture
def carried(example: Path) -> Path:
    path = example.with_name("nordlys-2024.toml")
    sessions.save(next_year(sessions.load(example)), path, touch=False)
    return path


def test_check_json_lists_unconfirmed(capsys: pytest.CaptureFixture[str], carried: Path,
                                      example: Path) -> None:
    code, out, _ = run(capsys, "check", str(carried), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert "1.A.1" in data["unconfirmed"] and "virksomhet.omsetning" not in data["unconfirmed"]
    assert data["percent"] == 0
    code, out, _ = run(capsys, "check", str(example), "--format", "json")
    assert json.loads(out)["unconfirmed"] == []
    code, out, _ = run(capsys, "check", str(carried.parent), "--format", "json")
    by_file = {Path(r["file"]).name: r for r in json.loads(out)}
    assert len(by_file["nordlys-2024.toml"]["unconfirmed"]) == len(data["unconfirmed"])


def test_check_csv_counts_unconfirmed(capsys: pytest.CaptureFixture[str], bank: Bank,
                                     carried: Path) -> None:
    expected = len(check(bank, sessions.load(carried)).unconfirmed)
    code, out, _ = run(capsys, "check", str(carried.parent), "--format", "csv")
    rows = {Path(r["file"]).name: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["nordlys-2024.toml"]["unconfirmed"] == str(expected) and expected > 20
    assert rows["eksempel-ks-2023.toml"]["unconfirmed"] == "0"


def test_check_text_lists_unconfirmed(capsys: pytest.CaptureFixture[str], carried: Path,
                                      example: Path) -> None:
    code, out, _ = run(capsys, "check", str(carried))
    assert code == 1
    assert UNCONFIRMED_TITLE in out
    after = out.split(UNCONFIRMED_TITLE, 1)[1]
    assert "1.A.1" in after and "Lenke til offentlig tilgjengelig policy" in after
    code, out, _ = run(capsys, "check", str(example))
    assert UNCONFIRMED_TITLE not in out


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_check_report_has_a_section_for_unconfirmed(bank: Bank, carried: Path, fmt: str) -> None:
    s = sessions.load(carried)
    result = check(bank, s)
    text = render_report(bank, s, result, [], fmt, "nordlys-2024.toml")
    n = len(result.unconfirmed)
    head = next(h for h in (f"{UNCONFIRMED_TITLE} ({n})", f"{UNCONFIRMED_TITLE} \\({n}\\)")
                if h in text)
    section = text.split(head, 1)[1].split("Ikke relevant", 1)[0]
    for qid in ("1.A.1", "2.A.1", "Forord av daglig leder"):  # readable labels (labels.py)
        assert qid in section
    s.carried_over = []
    assert UNCONFIRMED_TITLE not in render_report(bank, s, check(bank, s), [], fmt, "x")


# -- new --from on the command line ----------------------------------------------------------


def test_new_from_another_organisation_warns(capsys: pytest.CaptureFixture[str],
                                             sessions_dir: Path, example: Path) -> None:
    code, out, err = run(capsys, "new", "nordlys-2024", "--org", "Nordlys Sport AS", "--year",
                         "2024", "--from", example.stem, "--no-open")
    assert code == 0
    assert "advarsel" in err and "KS - Kommunesektorens organisasjon" in err
    s = sessions.load(sessions_dir / "nordlys-2024.toml")
    assert s.answers["virksomhet.navn"] == "Nordlys Sport AS"
    assert "virksomhet.omsetning" not in s.answers
    code, out, err = run(capsys, "new", "ks-2024", "--org", "ks – kommunesektorens "
                         "organisasjon", "--year", "2024", "--from", example.stem, "--no-open")
    assert code == 0 and "advarsel" not in err


@pytest.mark.parametrize(("a", "b", "same"), [
    ("KS", "KS - Kommunesektorens organisasjon", True),
    ("ks – kommunesektorens organisasjon", "KS - Kommunesektorens organisasjon", True),
    ("Nordlys Sport AS", "KS - Kommunesektorens organisasjon", False),
    ("Nordlys", "Nordlys Sport AS", True),
    ("Nord", "Nordlys Sport AS", False),
    ("", "Nordlys Sport AS", False),
])
def test_same_organisation(a: str, b: str, same: bool) -> None:
    assert sessions.same_organisation(a, b) is same
