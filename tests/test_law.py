"""Åpenhetsloven: the law check judges substance (issue 12). Each test starts from a realistic
statement that meets the Act and changes what a reviewer would find wrong with it."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from factories import complete_session

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Bank
from aktsomhetswizard.completeness import check
from aktsomhetswizard.law import (
    DECENT_WORK,
    ENVIRONMENT,
    FORMAL_IDS,
    HUMAN_RIGHTS,
    classify_theme,
    in_scope_findings,
    judge,
)
from aktsomhetswizard.session import Session

EXAMPLE = Path(__file__).resolve().parent.parent / "sessions" / "eksempel-ks-2023.toml"

PRIORITY_CHILD_LABOUR = {
    "impact": "Risiko for barnearbeid i bomullsproduksjonen i Usbekistan og Turkmenistan",
    "theme": HUMAN_RIGHTS,
    "geography": "Usbekistan, Turkmenistan",
    "goal": "Ingen bomull fra tvangs- eller barnearbeid i våre produkter",
    "status": "Påbegynt",
    "year_goal": "Sporbarhet til spinneri for 80 % av volumet",
    "measures": "Vi krever sporbarhet til spinneri og har innført sertifisert bomull (BCI og "
    "GOTS) for alle nye kolleksjoner. Leverandører som ikke kan dokumentere opprinnelse, får "
    "ikke nye ordrer.",
    "results": "Sporbarhet til spinneri for 72 % av volumet (mot 40 % året før). To leverandører "
    "er faset ut. Neste år: 90 % og revisjon hos tre spinnerier.",
}
PRIORITY_WAGES = {
    "impact": "Lønn under levelønn hos syfabrikker i Bangladesh",
    "theme": DECENT_WORK,
    "geography": "Bangladesh",
    "goal": "Levelønn for arbeiderne hos våre fem største leverandører",
    "status": "Påbegynt",
    "year_goal": "Lønnskartlegging hos alle fem",
    "measures": "Lønnskartlegging sammen med Fair Wear og innkjøpspriser som dekker levelønn.",
    "results": "Kartlegging gjennomført hos fire av fem; gapet til levelønn er 18 % i snitt. "
    "Forventet resultat: gapet halvert innen 2025.",
}
PRIORITY_CLIMATE = {
    "impact": "Klimagassutslipp fra transport av varer med fly og lastebil",
    "theme": ENVIRONMENT,
    "geography": "Hele verdikjeden",
    "goal": "Halvere utslippene fra transport innen 2030",
    "status": "Påbegynt",
    "year_goal": "Flytte 30 % av flyfrakten til sjø",
    "measures": "Sjøfrakt i stedet for fly for alle basisvarer og samlast med andre kjeder.",
    "results": "Flyfrakten er redusert med 35 %, utslippene fra transport med 12 %.",
}

REALISTIC = {
    "virksomhet.struktur": "Tekstil AS er et heleid datterselskap av Tekstil Holding AS, med "
    "hovedkontor i Oslo og 42 butikker i Norge. Innkjøp, design og bærekraft ligger i "
    "hovedkontoret.",
    "1.A.2": "Vi forplikter oss til å respektere menneskerettighetene og arbeidstakeres "
    "rettigheter slik FNs veiledende prinsipper og OECDs retningslinjer beskriver, og stiller "
    "de samme kravene til leverandørene våre i våre leverandørretningslinjer.",
    "1.B.1": "Bærekraftsansvarlig leder arbeidet med aktsomhetsvurderinger og rapporterer til "
    "ledergruppen hvert kvartal. Rutinen for aktsomhetsvurderinger er vedtatt av styret og "
    "beskriver kartlegging, prioritering, tiltak og oppfølging.",
    "2.A.3": "Ved revisjon hos en leverandør i Tyrkia fant vi ulovlig overtid og manglende "
    "arbeidskontrakter for syriske flyktninger. Vi har krevd en tiltaksplan og fulgt opp "
    "med ny revisjon.",
    "4.A.1": "Bærekraftsansvarlig overvåker tiltakene med kvartalsvise rapporter fra "
    "leverandørene og tredjepartsrevisjoner; internrevisjonen evaluerer arbeidet hvert år.",
    "4.A.2": "Vi følger nøkkeltall (sporbarhet, lønnsgap, funn ved revisjon) over tid og "
    "snakker med arbeidere gjennom Fair Wears klagekanal.",
    "5.A.3": "Informasjonskrav sendes til apenhet@tekstil.no. Bærekraftsansvarlig svarer "
    "skriftlig innen tre uker og fører logg over kravene.",
    "signering.signert_av": "Kari Nordmann, styreleder\nOla Hansen, styremedlem\n"
    "Lise Berg, styremedlem\nPer Dahl, daglig leder",
    "signering.dato": "27.06.2024",
    "signering.periode_fra": "01.01.2023",
    "signering.periode_til": "31.12.2023",
    "signering.nettadresse": "https://www.tekstil.no/apenhetsloven",
    "signering.kontakt_epost": "apenhet@tekstil.no",
    "signering.arsberetning": "Ja",
    "signering.konsern": "Nei",
    "virksomhet.omfattet": "Ja",
}


@pytest.fixture
def good(bank: Bank) -> Session:
    """A statement that meets §5 a, b, c and every formal point."""
    s = complete_session(bank, organisation="Tekstil AS", year=2023)
    s.answers.update(REALISTIC)
    s.tables["priorities"] = [dict(PRIORITY_CHILD_LABOUR), dict(PRIORITY_WAGES),
                              dict(PRIORITY_CLIMATE)]
    return s


def statuses(bank: Bank, s: Session) -> dict[str, str]:
    v = judge(bank, s)
    return {**{p.point: p.status for p in v.points}, **{f.id: f.status for f in v.formal}}


def test_a_good_statement_passes(bank: Bank, good: Session) -> None:
    v = judge(bank, good)
    assert v.required and v.ok, v.to_dict()
    assert set(statuses(bank, good).values()) <= {"met", "not_required"}
    assert v.formal_point("group").status == "not_required"
    assert check(bank, good).complete


def test_json_shape(bank: Bank, good: Session) -> None:
    good.answers["4.A.2"] = ""
    d = judge(bank, good).to_dict()
    assert set(d) == {"required", "ok", "points", "formal"}
    assert set(d["points"]) == {"a", "b", "c"}
    assert set(d["formal"]) == set(FORMAL_IDS) >= {
        "signature", "date", "period", "publication", "contact", "group", "annual_report"}
    assert d["ok"] is False and d["points"]["c"]["status"] == "partial"
    assert d["points"]["c"]["reasons"] and "4.A.2" in d["points"]["c"]["questions"]
    for p in d["points"].values():
        assert p["status"] in ("met", "partial", "missing", "not_required")
        assert p["status"] == "met" or p["reasons"]
    for f in d["formal"].values():
        assert set(f) == {"status", "reason"}
        assert f["status"] in ("met", "not_required") or f["reason"]


def test_thin_answers_meet_nothing(bank: Bank) -> None:
    """The issue's first case: «Klær», «Ingen.», «LED-lys på lageret.»"""
    s = Session(organisation="Tynn AS", year=2023)
    for qid in ("virksomhet.merker", "virksomhet.struktur", "leverandorkjede.innkjopsmodell"):
        s.answers[qid] = "Klær"
    for qid in ("1.A.2", "1.A.3", "1.B.1", "1.C.1", "1.D.1", "2.A.2", "2.A.3", "5.A.3",
                "6.B.1"):
        s.answers[qid] = "Ingen."
    s.answers["1.A.2"] = "Se nettside."
    s.answers["1.C.1"] = "TBD"
    for qid in ("3.B.1", "3.B.2", "3.B.3", "3.B.5", "3.B.6", "4.A.1"):
        s.answers[qid] = "LED-lys på lageret."
    s.tables["priorities"] = [{"impact": "Klær", "theme": "Klær", "measures": "Ingen"}]
    v = judge(bank, s)
    assert v.a.status == "missing"
    assert v.c.status == "missing"
    assert v.b.status == "partial"  # «Ingen.» in 2.A.3: nothing found, at most partial
    reasons = " ".join(v.a.reasons)
    assert "retningslinjer" in reasons and "1.A.2 viser bare til en nettside" in reasons
    assert "1.C.1 er ikke besvart" in reasons  # a placeholder counts as no answer
    assert "«Beskrivelse av virksomhetens struktur» er svært kort" in reasons
    assert not v.ok


def test_one_substantive_answer_per_element_meets_a(bank: Bank, good: Session) -> None:
    for qid in ("virksomhet.merker", "leverandorkjede.innkjopsmodell", "1.A.3", "1.C.1",
                "1.D.1", "2.A.2", "5.A.3", "6.B.1"):
        good.answers[qid] = "Ingen"
    assert judge(bank, good).a.status == "met"
    good.answers["1.B.1"] = "Se vår rutine på www.tekstil.no."
    v = judge(bank, good)
    assert v.a.status == "partial"
    assert v.a.reasons == (
        "rutiner for å håndtere negative konsekvenser: ikke beskrevet med et utfyllende svar "
        "(1.B.1 viser bare til en nettside eller et annet dokument; 2.A.2 sier bare «ingen»; "
        "5.A.3 sier bare «ingen»; 6.B.1 sier bare «ingen»)",
    )


def test_climate_only_statement(bank: Bank, good: Session) -> None:
    """Only climate priorities, and «no human-rights risk found»: §5 b and c not met."""
    good.tables["priorities"] = [dict(PRIORITY_CLIMATE)]
    good.answers["2.A.3"] = ("Vi har ikke funnet brudd på menneskerettigheter eller "
                             "arbeidstakerrettigheter hos våre leverandører.")
    v = judge(bank, good)
    assert v.b.status == "partial"
    assert any("ingen prioritering gjelder menneskerettigheter eller anstendig arbeid "
               "(bare miljø og klima)" in r for r in v.b.reasons)
    assert any(r.startswith("2.A.3: sier bare at ingenting er funnet") for r in v.b.reasons)
    # 3.B.3/3.B.5/3.B.6 hold measures for people: at most partial.
    assert v.c.status == "partial"
    assert v.c.reasons[0].startswith("2.A.1 har ingen prioritering om menneskerettigheter")
    for qid in ("3.B.3", "3.B.5", "3.B.6"):
        good.answers[qid] = ""
    v = judge(bank, good)
    assert v.c.status == "missing"
    assert "3.B.1 og 3.B.2 gjelder miljø og klima og teller ikke for §5 c" in v.c.reasons


def test_nothing_found(bank: Bank, good: Session) -> None:
    good.tables["priorities"] = []
    good.answers["2.A.3"] = "Ingen funn."
    v = judge(bank, good)
    assert v.b.status == "partial"
    assert v.b.reasons == (
        "2.A.3: sier bare at ingenting er funnet; Forbrukertilsynet venter at redegjørelsen "
        "navngir risikoene som er funnet, ikke bare at ingenting er funnet",
    )
    good.answers["2.A.3"] = ""
    v = judge(bank, good)
    assert v.b.status == "missing"
    assert "2.A.1 har ingen prioriteringer" in v.b.reasons[0]
    # A «priority» that only says nothing was found is none.
    good.tables["priorities"] = [dict(
        PRIORITY_CHILD_LABOUR,
        impact="Vi har ikke funnet brudd på menneskerettighetene hos leverandørene.")]
    v = judge(bank, good)
    assert v.b.status == "partial" and v.c.status != "met"
    assert v.b.reasons[-1].startswith("2.A.1: sier bare at ingenting er funnet")


def test_findings_in_2a3_meet_b(bank: Bank, good: Session) -> None:
    good.tables["priorities"] = [dict(PRIORITY_CLIMATE)]
    v = judge(bank, good)  # 2.A.3 names overtime and missing contracts in Turkey
    assert v.b.status == "met"
    assert v.c.status != "met"  # but no in-scope priority to take measures for


def test_measures_without_results(bank: Bank, good: Session) -> None:
    good.tables["priorities"][1]["results"] = ""
    v = judge(bank, good)
    assert v.c.status == "partial"
    assert v.c.reasons == ("3.A.1: prioritering 2 har tiltak, men ingen resultater",)
    good.tables["priorities"][1]["measures"] = "TBD"
    assert judge(bank, good).c.reasons == (
        "3.A.1: prioritering 2 har verken tiltak eller resultater",)
    # The climate priority (3) without results is no shortfall of §5 c.
    good.tables["priorities"][1].update(PRIORITY_WAGES)
    good.tables["priorities"][2]["results"] = ""
    assert judge(bank, good).c.status == "met"


def test_4a_must_be_answered(bank: Bank, good: Session) -> None:
    good.answers["4.A.1"] = ""
    good.answers["4.A.2"] = "Se nettside"
    v = judge(bank, good)
    assert v.c.status == "partial"
    assert v.c.reasons == (
        "4.A.1 er ikke besvart; 4.A.2 viser bare til en nettside eller et annet dokument "
        "(overvåking av tiltak og resultater, 4.A)",
    )


@pytest.mark.parametrize(("signed", "status", "words"), [
    ("27.06.2024", "met", ""),
    ("2024-06-30", "met", ""),
    ("20. juni 2024", "met", ""),  # as written in a statement (the import keeps it)
    ("1. juli 2024", "missing", "etter fristen 30.06.2024"),
    ("01.07.2024", "missing", "etter fristen 30.06.2024"),
    ("15.12.2023", "missing", "før perioden"),
    ("x@y.no", "missing", "ikke en gyldig dato"),
    ("31.02.2024", "missing", "ikke en gyldig dato"),
    ("", "missing", "ikke besvart"),
])
def test_date(bank: Bank, good: Session, signed: str, status: str, words: str) -> None:
    good.answers["signering.dato"] = signed
    f = judge(bank, good).formal_point("date")
    assert f.status == status
    assert words in f.reason and (status == "met") == (f.reason == "")


@pytest.mark.parametrize(("start", "end", "status", "words"), [
    ("01.01.2023", "31.12.2023", "met", ""),
    ("01.07.2022", "30.06.2023", "met", ""),  # a financial year that ends in 2023
    ("01.01.2022", "31.12.2022", "missing", "er ikke regnskapsåret 2023"),
    ("01.01.2023", "01.01.2022", "missing", "slutter før den begynner"),
    ("01.10.2023", "31.12.2023", "partial", "kortere enn et år"),
    ("januar", "desember", "missing", "ikke en gyldig dato"),
])
def test_period(bank: Bank, good: Session, start: str, end: str, status: str,
                words: str) -> None:
    good.answers["signering.periode_fra"] = start
    good.answers["signering.periode_til"] = end
    f = judge(bank, good).formal_point("period")
    assert f.status == status and words in f.reason


@pytest.mark.parametrize(("signers", "status", "words"), [
    ("Per Dahl, daglig leder", "missing", "daglig leder alene er ikke nok"),
    ("Per Dahl, administrerende direktør", "missing", "daglig leder alene"),
    ("Kari Nordmann, styreleder\nPer Dahl, daglig leder", "partial", "bare ett styremedlem"),
    ("Kari Nordmann, styreleder\nOla Hansen, styremedlem", "partial",
     "daglig leder er ikke oppgitt"),
    ("Kari Nordmann\nOla Hansen\nPer Dahl", "partial", "rollene"),
    ("Hele styret og daglig leder", "met", ""),
    ("Kari Nordmann (styreleder); Ola Hansen (styremedlem); selskapet har ingen daglig leder",
     "met", ""),
])
def test_signature(bank: Bank, good: Session, signers: str, status: str, words: str) -> None:
    good.answers["signering.signert_av"] = signers
    f = judge(bank, good).formal_point("signature")
    assert f.status == status and words in f.reason
    if status != "met":
        assert "regnskapsloven §3-5" in f.reason


def test_group_without_its_companies(bank: Bank, good: Session) -> None:
    good.answers["signering.konsern"] = "Ja"
    good.answers["signering.konsern_selskaper"] = ""
    f = judge(bank, good).formal_point("group")
    assert f.status == "missing"
    assert "hvilke selskaper" in f.reason
    good.answers["signering.konsern_selskaper"] = "Tekstil Holding AS (org.nr. 912 345 678), " \
        "Tekstil AS (org.nr. 923 456 789)"
    assert judge(bank, good).formal_point("group").status == "met"
    good.answers["signering.konsern"] = ""
    assert judge(bank, good).formal_point("group").status == "missing"


def test_publication_contact_and_annual_report(bank: Bank, good: Session) -> None:
    good.answers["signering.nettadresse"] = "tekstil.no"
    assert judge(bank, good).formal_point("publication").status == "missing"
    good.answers["signering.kontakt_epost"] = ""
    assert judge(bank, good).formal_point("contact").status == "met"  # 5.A.3's routine counts
    good.answers["5.A.3"] = "Se nettside."
    f = judge(bank, good).formal_point("contact")
    assert f.status == "missing" and "5.A.3" in f.reason
    good.answers["signering.arsberetning"] = "Nei"
    f = judge(bank, good).formal_point("annual_report")
    assert f.status == "missing" and "årsberetningen" in f.reason


def test_not_subject_to_the_act(bank: Bank, good: Session) -> None:
    good.answers["virksomhet.omfattet"] = "Nei"
    good.answers["signering.signert_av"] = ""
    good.tables["priorities"] = []
    v = judge(bank, good)
    assert not v.required and v.ok
    assert set(statuses(bank, good).values()) == {"not_required"}
    assert v.to_dict()["required"] is False


def test_unanswered_counts_as_subject(bank: Bank) -> None:
    v = judge(bank, Session(organisation="X", year=2023))
    assert v.required and not v.ok
    assert {p.status for p in v.points} == {"missing"}


def test_not_applicable_answers_carry_nothing(bank: Bank, good: Session) -> None:
    good.answers["4.A.1"] = ""
    good.not_applicable["4.A.1"] = "Vi overvåker ikke tiltakene ennå."
    assert judge(bank, good).c.status == "partial"


@pytest.mark.parametrize(("theme", "areas"), [
    (HUMAN_RIGHTS, {HUMAN_RIGHTS}),
    ("Anstendig arbeid", {DECENT_WORK}),
    ("HMS", {DECENT_WORK}),
    ("Barnearbeid", {HUMAN_RIGHTS}),
    ("Klima", {ENVIRONMENT}),
    ("Klima og lønn", {ENVIRONMENT, DECENT_WORK}),
    ("Klær", set()),
    ("Diverse", set()),
])
def test_old_free_text_themes(theme: str, areas: set[str]) -> None:
    assert classify_theme(theme) == areas


def test_unclear_theme_is_reported(bank: Bank, good: Session) -> None:
    good.tables["priorities"] = [dict(PRIORITY_CHILD_LABOUR, theme="Diverse"),
                                 dict(PRIORITY_WAGES, theme="")]
    good.answers["2.A.3"] = ""
    v = judge(bank, good)
    assert v.b.status == "partial"
    assert any("temaet for prioritering 1 er uklart" in r for r in v.b.reasons)
    assert any("prioritering 2 har ikke noe tema" in r for r in v.b.reasons)
    good.tables["priorities"][0]["theme"] = "Anstendig arbeid"  # an old free-text theme
    assert judge(bank, good).b.status == "met"


def test_denials_are_no_findings() -> None:
    assert in_scope_findings("Vi fant tvangsarbeid hos en underleverandør.") == (True, False)
    assert in_scope_findings("Vi har ikke avdekket barnearbeid.") == (False, True)
    assert in_scope_findings("Ingen funn. Risiko for ulovlig overtid i Tyrkia.") == (True, True)
    assert in_scope_findings("Vi har ikke avdekket alvorlige brudd, men det er risiko for lange "
                             "arbeidsdager hos leverandører i Kina.") == (True, True)


def test_the_ks_example(bank: Bank) -> None:
    """§5 c not met (no results, 4.A empty), the signature not met; the reasons say so."""
    v = judge(bank, sessions.load(EXAMPLE))
    assert v.required and not v.ok
    assert v.c.status == "partial"
    assert "3.A.1: prioritering 1 har verken tiltak eller resultater" in v.c.reasons
    assert "4.A.1 og 4.A.2 er ikke besvart (overvåking av tiltak og resultater, 4.A)" \
        in v.c.reasons
    signature = v.formal_point("signature")
    assert signature.status == "missing" and "ikke besvart" in signature.reason
    assert v.a.status == "met"


def test_answers_are_read_like_completeness(bank: Bank, good: Session) -> None:
    """The law check reads answers as completeness does: a placeholder counts for neither."""
    s = copy.deepcopy(good)
    s.answers["4.A.1"] = "xxx"
    assert "4.A.1" in check(bank, s).missing
    assert "4.A.1 er ikke besvart" in " ".join(judge(bank, s).c.reasons)


def test_unconfirmed_answers_do_not_count(bank: Bank, good: Session) -> None:
    """Carried over from last year and not confirmed (issue 13): no answer for the law either,
    the rows of 2.A.1 and 3.A.1's columns in them included."""
    good.carried_over = ["3.A.1"]
    v = judge(bank, good)
    assert v.c.status == "missing"
    assert "3.A.1: prioriteringene 1 og 2 har verken tiltak eller resultater" in v.c.reasons
    good.carried_over = ["2.A.1", "2.A.3", "signering.dato"]
    v = judge(bank, good)
    assert v.b.status == "missing"
    assert v.formal_point("date").status == "missing"
    good.confirm("2.A.1")
    assert judge(bank, good).b.status == "met"


def test_signing_step_is_counted_apart(bank: Bank) -> None:
    """The signing step does not change the template's own count or section statuses."""
    s = sessions.load(EXAMPLE)
    before = check(bank, s)
    s.answers.update({k: v for k, v in REALISTIC.items() if k.startswith("signering.")})
    after = check(bank, s)
    assert (after.answered, after.expected, after.missing) == (
        before.answered, before.expected, before.missing)
    signing = after.scope_steps("apenhetsloven")
    assert len(signing) == 1 and signing[0].title == "Signering og publisering"
    assert (signing[0].answered, signing[0].expected) == (8, 8)
    assert all(not any(q.startswith("signering.") for q in before.missing) for _ in [0])
    status = {sec.id: sec.status for step in before.template_steps() for sec in step.sections}
    assert {k for k, v in status.items() if v == "empty"} == {"3.A", "4.A", "6.A", "6.B"}
    assert {k for k in ("2.A", "3.B", "5.A") if status[k] == "partial"} == {"2.A", "3.B", "5.A"}
    assert all(status[k] == "complete" for k in ("1.A", "1.B", "1.C", "1.D", "1.E"))
    for sid in ("signering.styret", "signering.periode", "signering.publisering"):
        assert sid not in status


def test_format_1_files_keep_their_meaning(bank: Bank, tmp_path: Path) -> None:
    """A file written before issue 12 (free-text theme, a date as text): read as before, judged
    by its words, and saved back with its text unchanged (format 1, no bump)."""
    path = tmp_path / "gammel.toml"
    path.write_text(
        '[session]\nformat = 1\ntemplate = "etisk-handel-2023"\norganisation = "Gammel AS"\n'
        'year = 2023\ncreated = 2024-05-30T10:00:00Z\nupdated = 2024-05-30T10:00:00Z\n\n'
        '[answers]\n"signering.dato" = "27.06.2024"\n"virksomhet.omfattet" = "Ja"\n\n'
        '[[priorities]]\nimpact = "Lange arbeidsdager hos leverandører i Kina"\n'
        'theme = "Anstendig arbeid"\ngeography = "Kina"\n',
        encoding="utf-8",
    )
    s = sessions.load(path)
    assert s.tables["priorities"][0]["theme"] == "Anstendig arbeid"
    v = judge(bank, s)
    assert v.b.status == "met"  # the old theme is read by its words
    assert v.formal_point("date").status == "met"
    sessions.save(s, path, touch=False)
    text = path.read_text(encoding="utf-8")
    assert "format = 1\n" in text and 'theme = "Anstendig arbeid"' in text
    assert '"signering.dato" = "27.06.2024"' in text
    again = sessions.load(path)
    assert (again.answers, again.tables) == (s.answers, s.tables)


def test_rows_lacking_the_same_are_one_reason(bank: Bank, good: Session) -> None:
    """Many priorities without measures: one reason names the first ROWS_NAMED and counts the
    rest (a report of 3,000 rows stays readable)."""
    row = dict(PRIORITY_WAGES, measures="", results="")
    good.tables["priorities"] = [dict(row) for _ in range(14)]
    good.tables["priorities"][3].update(measures=PRIORITY_WAGES["measures"])
    v = judge(bank, good)
    assert v.c.reasons == (
        "3.A.1: prioriteringene 1, 2, 3, 5, 6, 7, 8, 9, 10, 11 og 3 til har verken tiltak "
        "eller resultater",
        "3.A.1: prioritering 4 har tiltak, men ingen resultater",
    )
