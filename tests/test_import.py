"""`aktsomhet import` (issue 17): a report in the template's layout read into a new session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Bank
from aktsomhetswizard.importer import NotAReport, parse_report
from aktsomhetswizard.render.statement import render_statement
from aktsomhetswizard.session import Session
from aktsomhetswizard.usertext import text_blocks

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"

FIXTURES = ROOT / "tests" / "fixtures" / "import"
SEED = FIXTURES / "ks-2023.txt"  # a copy of ../shared/reference/000_09d5c484ca8f7c48.txt
FULL = FIXTURES / "full-2024.txt"  # written for this test: every question and table answered
FULL_EXPECTED = FIXTURES / "full-2024.toml"

# Where importing KS' report gives other answers than the example holds, and why. Nothing else
# may differ.
EXPLAINED = {
    # A Markdown link becomes its address: the document's [anskaffelser.no](https://anskaffelser.no)
    # is "https://anskaffelser.no"; the example kept the converter's link syntax.
    "2.A.2": lambda got, want: got == want.replace(
        "[anskaffelser.no](https://anskaffelser.no)", "https://anskaffelser.no"),
}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aktsomhetswizard", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def _shown(text: str | None) -> object:
    """An answer as the statement presents it (issue 13): its paragraphs and lists, each line
    as written; portal HTML as its text. What a statement read back must give again: a list's
    indentation, and whether text after a list stood one or two line breaks below it, are not
    kept by Markdown (nor portal HTML's tags, which the statement never shows)."""
    if text is None:
        return None
    return [(b.kind, tuple(line.strip() for line in b.lines)) for b in text_blocks(text)]


def _exactly_same(got: Session, want: Session) -> None:
    """A document in the portal's layout gives every answer exactly, character for character."""
    assert got.organisation == want.organisation and got.year == want.year
    for key in sorted(set(got.answers) | set(want.answers)):
        assert got.answers.get(key) == want.answers.get(key), key
    assert got.not_applicable == want.not_applicable
    assert got.tables == want.tables


def _same_answers(got: Session, want: Session) -> None:
    """A statement read back: every answer as the statement shows it (see _shown)."""
    assert got.organisation == want.organisation and got.year == want.year
    for key in sorted(set(got.answers) | set(want.answers)):
        g, w = got.answers.get(key), want.answers.get(key)
        assert g == w or _shown(g) == _shown(w), key
    assert got.not_applicable == want.not_applicable
    assert got.tables.keys() == want.tables.keys()
    for name, rows in want.tables.items():
        assert [{k: _shown(v) for k, v in r.items()} for r in got.tables[name]] == \
            [{k: _shown(v) for k, v in r.items()} for r in rows], name


def test_seed_gives_the_example_field_by_field(bank: Bank) -> None:
    result = parse_report(SEED.read_text(encoding="utf-8"), bank)
    got, want = result.session, sessions.load(EXAMPLE)
    assert (got.organisation, got.year) == ("KS - Kommunesektorens organisasjon", 2023)
    for key in sorted(set(got.answers) | set(want.answers)):
        g, w = got.answers.get(key), want.answers.get(key)
        if key in EXPLAINED:
            assert g != w and g is not None and w is not None
            assert EXPLAINED[key](g, w), key
        else:
            assert g == w, key
    assert "6.B.1" not in got.answers  # the «Kontaktinformasjon:» footer is no answer
    assert got.not_applicable == want.not_applicable == {}
    assert got.tables["priorities"] == want.tables["priorities"]
    # The inputs table of the document holds only the template's "--\t--" placeholder row; the
    # example keeps it as a row of "--", the importer leaves it out (and says so).
    assert want.tables["inputs"] == [{"input": "--", "geography": "--"}]
    assert "inputs" not in got.tables
    assert set(got.tables) == {"priorities"}
    # Nothing is unrecognised; what was left out is the template's own text, each said where.
    assert result.unrecognised == []
    left = {(n.question, n.reason.split(" ")[0]) for n in result.left_out}
    assert left == {
        ("leverandorkjede.produsenter", "malens"),  # "Oppgi antall arbeidere …"
        ("leverandorkjede.innsatsfaktorer", "plassholder"),  # "--\t--"
        ("2.A.1", "malens"),  # "BEGRUNNELSE FOR HVORFOR …"
        ("2.A.2", "malens"),  # "ANNEN NEGATIV PÅVIRKNING/SKADE"
        ("2.A.3", "malens"),  # the picture's caption
        ("6.B.1", "malens"),  # «Kontaktinformasjon:»
    }
    # Every answer of the example was found under its heading.
    assert set(want.answers) <= set(result.answered)


def test_full_report_comes_back_whole(bank: Bank) -> None:
    result = parse_report(FULL.read_text(encoding="utf-8"), bank)
    want = sessions.load(FULL_EXPECTED)
    _exactly_same(result.session, want)
    assert result.answered == [loc.question.id for loc in bank.questions()]
    assert result.unrecognised == []
    # The robustness the fixture holds: the caption after the page break, the footer, the "--"
    # placeholder row of the inputs table, the links.
    reasons = {n.question: n.reason for n in result.left_out}
    assert "bildetekst" in reasons["2.A.3"]
    assert "bunntekst" in reasons["signering.kontakt_epost"]
    assert "plassholder" in reasons["leverandorkjede.innsatsfaktorer"]
    assert want.answers["virksomhet.epost"] == "ola.nordmann@fjordvev.no"  # from a mailto: link
    assert want.answers["1.A.1"] == "https://fjordvev.no/ansvar/policy"  # from <…>
    # A heading a letter away from the template's text is read, and the report says so.
    assert want.answers["leverandorkjede.kommentar_leverandorer"].startswith("Av disse")
    assert [n for n in result.notes if "avviker litt" in n] == [
        "leverandorkjede.kommentar_leverandorer: overskriften «Kommentar til antall "
        "leverandorer» (linje 125) avviker litt fra malens tekst; lest som dette spørsmålet"]
    # Heading levels, trailing spaces and dots, a line break inside a heading.
    assert want.answers["virksomhet.endringer"].startswith("Designavdelingen")
    assert want.answers["1.B.2"].startswith("Alle innkjøpere")
    assert want.answers["1.A.3"].startswith("Policyen")


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("show_missing", [False, True])
@pytest.mark.parametrize("source", [EXAMPLE, FULL_EXPECTED])
def test_statement_goes_round_trip(bank: Bank, fmt: str, show_missing: bool,
                                   source: Path) -> None:
    want = sessions.load(source)
    want.tables.pop("inputs", None) if source == EXAMPLE else None  # the "--" row: see above
    result = parse_report(render_statement(bank, want, fmt, show_missing=show_missing), bank)
    assert result.kind == fmt
    _same_answers(result.session, want)
    assert result.unrecognised == []


HOSTILE = [
    "Stjerner **ikke fet** og _ikke kursiv_, [lenke](https://x.no) og <b>tagg</b> & &amp;",
    "# ikke en overskrift\n- ikke en liste\n1. ikke nummerert\n  innrykk beholdt\n> sitat",
    "Omvendt skråstrek \\ og \\* og | rør | og `kode` og ~strek~ og {} ()",
    "hardt\u00a0mellomrom inni, og tabulator\tinni",
    "Kontaktinformasjon:\n\nSkrevet av forfatteren selv",
]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_statement_round_trip_keeps_hostile_text(bank: Bank, fmt: str) -> None:
    s = sessions.load(FULL_EXPECTED)
    for n, qid in enumerate(["1.B.1", "1.B.2", "1.B.3", "1.C.1", "1.C.2"]):
        s.answers[qid] = HOSTILE[n]
    s.not_applicable["6.A.tilfeller"] = "Ingen tilfeller *i år* <i>"
    del s.answers["6.A.tilfeller"]
    s.tables["priorities"][0]["goal"] = "Mål | med rør\nog ny linje <br> **fet**"
    result = parse_report(render_statement(bank, s, fmt), bank)
    got = result.session
    for qid in ["1.B.1", "1.B.2", "1.B.3", "1.C.1", "1.C.2"]:
        assert _shown(got.answers[qid]) == _shown(s.answers[qid]), qid
        if fmt == "html" or qid != "1.B.2":  # 1.B.2: text right after a list (see _shown)
            assert got.answers[qid] == s.answers[qid], qid
    assert got.not_applicable == {"6.A.tilfeller": "Ingen tilfeller *i år* <i>"}
    assert got.tables["priorities"][0]["goal"] == s.tables["priorities"][0]["goal"]


def test_not_a_report(bank: Bank) -> None:
    with pytest.raises(NotAReport):
        parse_report("Handleliste\n\n- melk\n- brød\n\n# Middag\n\nFisk", bank)
    with pytest.raises(NotAReport):
        parse_report("", bank)


# ---------------------------------------------------------------------------------------------
# The command


def test_cli_import_seed(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    r = _run("import", str(SEED), "ks", "--dir", str(folder), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Ikke gjenkjent: ingenting." in r.stdout
    assert "6.B.1" in r.stdout and "bunntekst" in r.stdout
    assert "Ny økt:" in r.stdout
    made = sessions.load(folder / "ks.toml")
    assert made.answers["1.A.1"] == "https://www.ks.no/om-ks/ks-redegjorelse-etter-apenhetsloven/"
    before = (folder / "ks.toml").read_bytes()
    # Never over an existing session.
    again = _run("import", str(FULL), "ks", "--dir", str(folder), cwd=tmp_path)
    assert again.returncode == 2 and "finnes allerede" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    assert (folder / "ks.toml").read_bytes() == before
    # A name from the organisation and the year when none is given.
    named = _run("import", str(FULL), "--dir", str(folder), cwd=tmp_path)
    assert named.returncode == 0, named.stderr
    assert (folder / "fjordvev-tekstil-as-2024.toml").exists()


def test_cli_dry_run_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    r = _run("import", str(SEED), "--dry-run", "--dir", str(folder), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "ingen økt er lagret" in r.stdout
    assert not folder.exists()


@pytest.mark.parametrize("content", [b"Bare litt tekst.\n", b"%PDF-1.7\n\x00\x01", b"\xff\xfe\x00"])
def test_cli_not_in_layout(tmp_path: Path, content: bytes) -> None:
    doc = tmp_path / "dok.txt"
    doc.write_bytes(content)
    r = _run("import", str(doc), "--dir", str(tmp_path / "s"), cwd=tmp_path)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert r.stdout == ""
    assert not (tmp_path / "s").exists()


def test_cli_report_makes_control_characters_visible(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("for KS - Kommunesektorens organisasjon",
                        "for KS \x1b]52;c;aGk=\x07 organisasjon", 1)
    text = text.replace("Carsten Neraal, seniorrådgiver\n\n[carsten",
                        "Noen andre \x1b[2J\u202e\n\n[carsten", 1)
    doc = tmp_path / "fiendtlig.txt"
    doc.write_text(text, encoding="utf-8")
    r = _run("import", str(doc), "x", "--dir", str(tmp_path / "s"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout and "\u202e" not in r.stdout
    assert "\\x1b[2J" in r.stdout  # the footer line that repeats nothing is shown, escaped
    made = sessions.load(tmp_path / "s" / "x.toml")
    assert made.organisation == "KS \x1b]52;c;aGk=\x07 organisasjon"  # stored as written


def test_crlf_and_bom(bank: Bank) -> None:
    text = "\ufeff" + SEED.read_text(encoding="utf-8").replace("\n", "\r\n")
    got = parse_report(text, bank).session
    want = parse_report(SEED.read_text(encoding="utf-8"), bank).session
    _exactly_same(got, want)
