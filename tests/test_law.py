"""Åpenhetsloven §5 a, b, c and the formal points, counted apart from the template."""

from __future__ import annotations

from pathlib import Path

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Bank
from aktsomhetswizard.completeness import check
from aktsomhetswizard.law import check_law
from aktsomhetswizard.session import Session

EXAMPLE = Path(__file__).resolve().parent.parent / "sessions" / "eksempel-ks-2023.toml"
SIGNING = (
    "signering.signert_av",
    "signering.dato",
    "signering.periode_fra",
    "signering.periode_til",
    "signering.nettadresse",
    "signering.kontakt_epost",
)


def test_example(bank: Bank) -> None:
    law = check_law(bank, sessions.load(EXAMPLE))
    assert [p.point for p in law.points] == ["a", "b", "c"]
    assert law.covered
    assert law.b.carrying == ("2.A.1", "2.A.3")
    assert law.c.carrying == ("3.B.1", "3.B.2", "3.B.4", "3.B.5", "3.B.6")
    assert "3.A.1" in law.c.questions and "3.A.1" not in law.c.carrying
    assert law.a.carrying[:2] == ("virksomhet.merker", "virksomhet.struktur")
    assert "leverandorkjede.innkjopsmodell" not in law.a.carrying
    assert not law.formal_ok and law.formal_count == (0, 4)
    assert [f.key for f in law.formal] == ["signert", "periode", "nettadresse", "kontakt"]


def test_points_follow_the_bank(bank: Bank) -> None:
    law = check_law(bank, Session(organisation="X", year=2023))
    for p in law.points:
        assert not p.covered and p.carrying == ()
        assert list(p.questions) == [
            loc.question.id for loc in bank.questions() if p.point in loc.question.law
        ]


def test_not_applicable_and_placeholders_do_not_carry(bank: Bank) -> None:
    s = Session(organisation="X", year=2023)
    s.not_applicable["2.A.3"] = "Ingen funn."
    s.answers["2.A.3"] = ""
    s.tables["priorities"] = [{"impact": "--", "theme": "TBD"}]
    assert not check_law(bank, s).b.covered
    s.tables["priorities"][0]["theme"] = "Klima"
    assert check_law(bank, s).b.carrying == ("2.A.1",)


def test_3a1_carries_c_through_its_own_columns(bank: Bank) -> None:
    s = Session(organisation="X", year=2023)
    s.tables["priorities"] = [{"impact": "Utslipp", "theme": "Klima", "geography": "Norge"}]
    law = check_law(bank, s)
    assert law.b.covered and not law.c.covered
    s.tables["priorities"][0]["measures"] = "Ny reisepolicy"
    assert check_law(bank, s).c.carrying == ("3.A.1",)


def test_formal_points(bank: Bank) -> None:
    s = Session(organisation="X", year=2023)
    s.answers["signering.signert_av"] = "Kari Nordmann, styreleder"
    law = check_law(bank, s)
    signed = law.formal[0]
    assert not signed.ok and signed.missing == ("signering.dato",)
    for qid in SIGNING:
        s.answers[qid] = "https://eksempel.no" if qid.endswith("nettadresse") else "x@y.no"
    assert check_law(bank, s).formal_ok


def test_signing_step_is_counted_apart(bank: Bank) -> None:
    """The signing step does not change the template's own count or section statuses."""
    s = sessions.load(EXAMPLE)
    before = check(bank, s)
    for qid in SIGNING:
        s.answers[qid] = "Utfylt tekst"
    after = check(bank, s)
    assert (after.answered, after.expected, after.missing) == (
        before.answered,
        before.expected,
        before.missing,
    )
    signing = after.scope_steps("apenhetsloven")
    assert len(signing) == 1 and signing[0].title == "Signering og publisering"
    assert (signing[0].answered, signing[0].expected) == (6, 6)
    assert all(not any(q.startswith("signering.") for q in before.missing) for _ in [0])
    status = {sec.id: sec.status for step in before.template_steps() for sec in step.sections}
    assert {k for k, v in status.items() if v == "empty"} == {"3.A", "4.A", "6.A", "6.B"}
    assert {k for k in ("2.A", "3.B", "5.A") if status[k] == "partial"} == {"2.A", "3.B", "5.A"}
    assert all(status[k] == "complete" for k in ("1.A", "1.B", "1.C", "1.D", "1.E"))
    for sid in ("signering.styret", "signering.periode", "signering.publisering"):
        assert sid not in status
