"""Statements that look fine but fall short of åpenhetsloven: each was judged «oppfylt» (or a
formal point met) before the verdict audit, and must not be. Each test starts
from a statement that meets the Act (test_law.good) and makes the one change a reviewer would
catch; docs/law.md gives the rules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_law import PRIORITY_CHILD_LABOUR, PRIORITY_CLIMATE, PRIORITY_WAGES, good, statuses

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Bank
from aktsomhetswizard.completeness import holds_answer
from aktsomhetswizard.law import in_scope_findings, is_pledge_only, judge, names_a_company
from aktsomhetswizard.render.statement import render_statement
from aktsomhetswizard.session import Session

__all__ = ["good"]  # the fixture, imported for these tests

BOILERPLATE = ("Vi respekterer menneskerettighetene og krever anstendige arbeidsforhold hos alle "
               "våre leverandører. Vi tar samfunnsansvar på alvor.")


def test_boilerplate_in_2a3_names_no_risk(bank: Bank, good: Session) -> None:
    good.tables["priorities"] = []
    good.answers["2.A.3"] = BOILERPLATE
    v = judge(bank, good)
    assert v.b.status == "missing"
    assert "2.A.3: beskriver bare forpliktelser, ingen funn eller risikoer" in v.b.reasons


def test_a_pledge_as_a_priority_is_no_impact(bank: Bank, good: Session) -> None:
    """A priority that is a pledge is no impact: it neither meets §5 b nor carries §5 c,
    whatever its measures say."""
    good.tables["priorities"] = [dict(
        PRIORITY_CHILD_LABOUR, impact="Vi jobber for å sikre menneskerettigheter og gode "
        "arbeidsforhold i hele leverandørkjeden")]
    good.answers["2.A.3"] = ("Vi forventer at leverandørene respekterer menneskerettighetene og "
                             "ikke benytter barnearbeid.")
    v = judge(bank, good)
    assert v.b.status == "missing"
    assert ("2.A.1: prioritering 1 beskriver en forpliktelse, ikke en negativ påvirkning eller "
            "risiko") in v.b.reasons
    assert v.c.status != "met"


@pytest.mark.parametrize(("text", "finding"), [
    ("Vi fant ulovlig overtid hos en leverandør i Tyrkia.", True),
    ("Barnearbeid i bomullsproduksjonen i Usbekistan.", True),
    ("Vi jobber for å redusere risikoen for tvangsarbeid i leverandørkjeden.", True),
    ("Vi respekterer menneskerettighetene.", False),
    ("Vi tar samfunnsansvar på alvor og støtter anstendig arbeid.", False),  # «samfunns» ≠ funn
    ("Vi forventer at leverandørene ikke benytter barnearbeid.", False),
])
def test_a_pledge_is_no_finding(text: str, finding: bool) -> None:
    assert in_scope_findings(text)[0] is finding
    assert is_pledge_only(text) is (not finding and text.startswith("Vi"))


def test_results_that_repeat_the_measures_are_no_results(bank: Bank, good: Session) -> None:
    for row in good.tables["priorities"]:
        row["results"] = row["measures"]
    v = judge(bank, good)
    assert v.c.status == "partial"
    assert ("3.A.1: prioriteringene 1 og 2 har tiltak, men resultatene gjentar bare tiltakene"
            in v.c.reasons)


@pytest.mark.parametrize(("signers", "status", "words"), [
    # The manager is named, but as not having signed.
    ("Kari Nordmann, styreleder\nOla Hansen, styremedlem\nDaglig leder har ikke signert",
     "partial", "daglig leder har ikke signert"),
    ("Kari Nordmann, styreleder; Ola Hansen, styremedlem; uten daglig leders signatur",
     "partial", "daglig leder har ikke signert"),
    ("Styret og daglig leder", "partial", "styret er oppgitt uten navn"),
    # Several on one line, each with a role: the roles are counted, not the lines.
    ("Kari Nordmann (styreleder), Ola Hansen (styremedlem), Lise Berg (styremedlem), "
     "Per Dahl (daglig leder)", "met", ""),
    ("Kari Nordmann, styreleder\nOla Hansen, styremedlem\nSelskapet har ingen daglig leder",
     "met", ""),
])
def test_signature_read_closer(bank: Bank, good: Session, signers: str, status: str,
                               words: str) -> None:
    good.answers["signering.signert_av"] = signers
    f = judge(bank, good).formal_point("signature")
    assert (f.status, words in f.reason) == (status, True), f.reason


def test_last_years_date_left_in_place(bank: Bank, good: Session) -> None:
    """A 2024 statement that still holds 2023's period and signing date: the date is before
    the reporting year is over, whatever the (wrong) period says."""
    good.year = 2024
    assert good.answers["signering.dato"] == "27.06.2024"
    assert good.answers["signering.periode_til"] == "31.12.2023"
    s = statuses(bank, good)
    assert (s["period"], s["date"]) == ("missing", "missing")
    assert ("27.06.2024 er før rapporteringsåret 2024 er over (31.12.2024)"
            in judge(bank, good).formal_point("date").reason)


def test_5a3_must_speak_of_information_requests(bank: Bank, good: Session) -> None:
    good.answers["signering.kontakt_epost"] = ""
    good.answers["5.A.3"] = ("Vi kommuniserer med våre interessenter gjennom årlige møter, "
                             "nyhetsbrev og sosiale medier, og har jevnlig dialog med "
                             "leverandørene.")
    f = judge(bank, good).formal_point("contact")
    assert f.status == "missing" and "informasjonskrav" in f.reason
    good.answers["5.A.3"] = ("Henvendelser etter åpenhetsloven sendes til bærekraftsansvarlig, "
                             "som svarer skriftlig innen tre uker.")
    assert judge(bank, good).formal_point("contact").status == "met"


@pytest.mark.parametrize(("companies", "named"), [
    ("Alle selskapene i konsernet", False),
    ("Hele konsernet, inkludert alle datterselskaper", False),
    ("Tekstil Holding AS og Tekstil AS", True),
    ("Morselskapet og datterselskapet Tekstil Butikk", True),
    ("org.nr. 912 345 678 og 923 456 789", True),
])
def test_a_group_names_its_companies(bank: Bank, good: Session, companies: str,
                                     named: bool) -> None:
    good.answers["signering.konsern"] = "Ja"
    good.answers["signering.konsern_selskaper"] = companies
    assert names_a_company(companies) is named
    f = judge(bank, good).formal_point("group")
    assert f.status == ("met" if named else "partial")
    assert named or "nevner ingen selskaper ved navn" in f.reason


def test_text_under_ikke_relevant_is_no_answer(bank: Bank, good: Session) -> None:
    """Marked «ikke relevant» with a reason, the statement shows the mark and not the text
    kept under it: the law check does not count that text either."""
    for qid in ("2.A.1", "2.A.3", "3.A.1", "4.A.1", "4.A.2"):
        good.not_applicable[qid] = "Ikke relevant for oss"
    v = judge(bank, good)
    assert (v.b.status, v.c.status, v.ok) == ("missing", "partial", False)
    statement = render_statement(bank, good, "markdown")
    assert "tvangs- eller barnearbeid" not in statement  # the kept text is not shown
    good.answers["signering.signert_av"] = "Kari Nordmann, styreleder"
    good.not_applicable["signering.signert_av"] = "Ikke aktuelt"
    assert not holds_answer(good, bank["signering.signert_av"])
    assert judge(bank, good).formal_point("signature").status == "missing"


def test_carried_and_confirmed_counts(bank: Bank, good: Session) -> None:
    """Confirmed, last year's text is this year's answer; unconfirmed, it is none."""
    good.started_from = "tekstil-2022"
    good.carried_over = ["2.A.1", "2.A.3", "3.A.1", "4.A.1", "4.A.2"]
    assert not judge(bank, good).ok
    for qid in list(good.carried_over):
        good.confirm(qid)
    assert judge(bank, good).ok


def test_cli_json_says_it(bank: Bank, good: Session, tmp_path: Path) -> None:
    """What `aktsomhet check --format json` gives for a pledge-only statement, as a reviewer
    reads it."""
    good.tables["priorities"] = [dict(PRIORITY_WAGES), dict(PRIORITY_CLIMATE)]
    good.tables["priorities"][0]["impact"] = "Vi jobber for anstendige arbeidsforhold."
    good.answers["2.A.3"] = BOILERPLATE
    path = tmp_path / "lofter.toml"
    sessions.save(good, path, touch=False)
    p = subprocess.run([sys.executable, "-m", "aktsomhetswizard", "check", str(path),
                        "--format", "json"], capture_output=True, text=True, check=False)
    assert p.returncode == 1, p.stderr
    data = json.loads(p.stdout)
    law = (data[0] if isinstance(data, list) else data)["law"]
    assert law["ok"] is False
    assert law["points"]["b"]["status"] == "partial"  # only climate is named
    assert any("forpliktelse" in r for r in law["points"]["b"]["reasons"])
