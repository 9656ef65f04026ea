"""Lint of the shipped question bank, and clear errors for malformed question files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from aktsomhetswizard.bank import Bank, BankError, Kind, load_bank_from

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference" / "000_09d5c484ca8f7c48.txt"

# Every question of the reference, in the template's order (issue 2).
REFERENCE_IDS = [
    "forord",
    "virksomhet.navn",
    "virksomhet.adresse",
    "virksomhet.merker",
    "virksomhet.struktur",
    "virksomhet.omsetning",
    "virksomhet.ansatte",
    "virksomhet.omfattet",
    "virksomhet.endringer",
    "virksomhet.kontaktperson",
    "virksomhet.epost",
    "leverandorkjede.innkjopsmodell",
    "leverandorkjede.antall_leverandorer",
    "leverandorkjede.kommentar_leverandorer",
    "leverandorkjede.type_innkjop",
    "leverandorkjede.produsenter",
    "leverandorkjede.innsatsfaktorer",
    "leverandorkjede.offentlig_sektor",
    "1.A.1",
    "1.A.2",
    "1.A.3",
    "1.B.1",
    "1.B.2",
    "1.B.3",
    "1.C.1",
    "1.C.2",
    "1.D.1",
    "1.E.1",
    "2.A.1",
    "2.A.2",
    "2.A.3",
    "3.A.1",
    "3.B.1",
    "3.B.2",
    "3.B.3",
    "3.B.4",
    "3.B.5",
    "3.B.6",
    "3.B.7",
    "3.B.8",
    "4.A.1",
    "4.A.2",
    "5.A.1",
    "5.A.2",
    "5.A.3",
    "6.A.1",
    "6.A.tilfeller",
    "6.B.1",
]


def _squash(text: str) -> str:
    return " ".join(text.replace("**", "").replace("*", "").split()).lower()


def test_ids_are_unique(bank: Bank) -> None:
    ids = bank.question_ids
    assert len(ids) == len(set(ids))
    sections = [sec.id for step in bank.steps for sec in step.sections]
    assert len(sections) == len(set(sections))


def test_every_reference_question_is_present_in_order(bank: Bank) -> None:
    template_ids = [loc.question.id for loc in bank.questions() if loc.step.scope == "template"]
    assert template_ids == REFERENCE_IDS


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared/reference is not beside the clone")
def test_texts_are_the_templates_wording(bank: Bank) -> None:
    reference = _squash(REFERENCE.read_text(encoding="utf-8"))
    for loc in bank.questions():
        if loc.step.scope != "template":
            continue
        assert _squash(loc.question.text) in reference, loc.question.id
        assert _squash(loc.section.title).rstrip(":") in reference, loc.section.id
        if loc.step.guidance:
            assert _squash(loc.step.guidance) in reference, loc.step.id


def test_steps_and_sections_carry_guidance(bank: Bank) -> None:
    numbered = [s for s in bank.steps if s.number]
    assert [s.number for s in numbered if s.scope == "template"] == ["1", "2", "3", "4", "5", "6"]
    for step in numbered:
        assert len(step.guidance) > 100, step.id


def test_tables_and_law_points(bank: Bank) -> None:
    q21, q31 = bank["2.A.1"], bank["3.A.1"]
    assert q21.kind is Kind.TABLE and q21.table == "priorities"
    assert [c.key for c in q21.columns] == ["impact", "theme", "geography"]
    assert q31.rows_from == "2.A.1" and q31.table == "priorities"
    assert [c.key for c in q31.columns] == ["goal", "status", "year_goal", "measures", "results"]
    assert bank["leverandorkjede.produsenter"].table == "producers"
    assert bank["forord"].optional
    assert [q for q in REFERENCE_IDS if bank[q].optional] == ["forord"]
    for point in "abc":
        assert any(point in loc.question.law for loc in bank.questions()), point
    assert "b" in bank["2.A.1"].law and "c" in bank["3.A.1"].law


def _copy_bank(tmp_path: Path) -> Path:
    folder = tmp_path / "questions"
    shutil.copytree(ROOT / "questions", folder, ignore=shutil.ignore_patterns("*.py"))
    return folder


def test_malformed_file_names_file_and_entry(tmp_path: Path) -> None:
    folder = _copy_bank(tmp_path)
    path = folder / "3-handtering.toml"
    text = path.read_text(encoding="utf-8")
    broken = re.sub(r'(id = "3\.B\.2"\ntext = ".*?"\nkind = )"long_text"', r'\1"essay"', text)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(BankError) as info:
        load_bank_from(folder)
    message = str(info.value)
    assert "3-handtering.toml" in message
    assert "3.B.2" in message and "kind" in message
    assert "\n" not in message


def test_broken_toml_in_bank_is_one_clear_error(tmp_path: Path) -> None:
    folder = _copy_bank(tmp_path)
    (folder / "4-overvaking.toml").write_text("[step\nid = 4\n", encoding="utf-8")
    with pytest.raises(BankError, match=r"4-overvaking\.toml: ugyldig TOML.*line 1"):
        load_bank_from(folder)


def test_duplicate_id_is_refused(tmp_path: Path) -> None:
    folder = _copy_bank(tmp_path)
    path = folder / "4-overvaking.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"4.A.2"', '"4.A.1"'), "utf-8")
    with pytest.raises(BankError, match="4.A.1"):
        load_bank_from(folder)


def _with_table_question(tmp_path: Path, columns: str) -> Path:
    """The shipped bank with a step 9-x.toml of one table question x.A.1: ``columns`` is its
    columns as TOML (none when empty)."""
    folder = _copy_bank(tmp_path)
    (folder / "9-x.toml").write_text(
        '[step]\nid = "x"\ntitle = "X"\n[[step.sections]]\nid = "x.A"\ntitle = "X"\n'
        '[[step.sections.questions]]\nid = "x.A.1"\ntext = "Tabell"\nkind = "table"\n'
        'table = "things"\n' + columns,
        encoding="utf-8",
    )
    return folder


def test_table_question_without_columns_is_refused(tmp_path: Path) -> None:
    folder = _with_table_question(tmp_path, "")
    with pytest.raises(BankError, match=r"9-x\.toml.*x\.A\.1.*kolonne"):
        load_bank_from(folder)


def test_the_shipped_bank_is_read_once_whichever_way_it_is_asked_for() -> None:
    from aktsomhetswizard.bank import DEFAULT_TEMPLATE, load_bank

    assert load_bank() is load_bank(DEFAULT_TEMPLATE)


def test_choice_column_needs_its_choices(tmp_path: Path) -> None:
    """A column of kind choice (2.A.1's «Relatert tema», issue 12) must list its choices."""
    folder = _with_table_question(
        tmp_path, '[[step.sections.questions.columns]]\nkey = "tema"\nlabel = "Tema"\n'
        'kind = "choice"\n')
    with pytest.raises(BankError, match=r"9-x\.toml.*x\.A\.1.*valgkolonne"):
        load_bank_from(folder)


def test_theme_is_a_choice_of_the_principle_areas(bank: Bank) -> None:
    theme = next(c for c in bank["2.A.1"].columns if c.key == "theme")
    assert theme.kind is Kind.CHOICE
    assert theme.choices == ("Menneskerettigheter", "Arbeidstakerrettigheter / anstendig arbeid",
                             "Miljø og klima", "Antikorrupsjon", "Dyrevelferd", "Annet")
    for qid in ("signering.dato", "signering.periode_fra", "signering.periode_til"):
        assert bank[qid].kind is Kind.DATE
