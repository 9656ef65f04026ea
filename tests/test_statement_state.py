"""Issue 13, items 3 and 4: the statement shows its gaps and its state, and answers as people
write them (paragraphs, lists, the portal's HTML as its text, never as tags)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from factories import complete_session
from test_reports import parse_html

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Bank
from aktsomhetswizard.cli import main
from aktsomhetswizard.render.statement import render_statement
from aktsomhetswizard.usertext import holds_html, portal_text, text_blocks

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"
FIELDS_3A = ("Overordnet mål", "Status", "Mål i rapporteringsåret", "Beskriv iverksatte",
             "Beskriv faktiske")


def _text(html_text: str) -> str:
    """The text a reader sees (tags dropped, entities read), lines joined by spaces."""
    parsed = parse_html(html_text)
    return " ".join(" ".join(d for d, _ in parsed.text).split())


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_ks_statement_shows_its_gaps(bank: Bank, fmt: str) -> None:
    out = render_statement(bank, sessions.load(EXAMPLE), fmt)
    flat = _text(out) if fmt == "html" else out
    # 3.A: the one priority of 2.A.1 with its five fields, each «Ikke besvart».
    three = flat[flat.index("3.A.1 Legg til mål"):flat.index("3.B Andre tiltak")]
    assert "Prioritering 1" in three
    for label in FIELDS_3A:
        at = three.index(label)
        assert three[at:].split("Ikke besvart", 1)[0].count("\n\n") <= 3, label
    assert three.count("Ikke besvart") == 5
    # Step 4: 4.A.1 and 4.A.2, unanswered in KS' report, are there.
    four = flat[flat.index("4.A.1"):]
    assert four.index("Ikke besvart") < four.index("4.A.2") < four.index("5.A")
    assert four[four.index("4.A.2"):four.index("5.A")].count("Ikke besvart") >= 1
    # The draft banner, at the top, saying why.
    head = flat[:flat.index("Nøkkelinformasjon om virksomheten")]
    assert "UTKAST" in head and "mangler" in head and "ikke signert" in head


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_ks_2a1_is_text_and_a_list_not_tags(bank: Bank, fmt: str) -> None:
    raw = EXAMPLE.read_bytes()
    out = render_statement(bank, sessions.load(EXAMPLE), fmt)
    assert EXAMPLE.read_bytes() == raw and b"<p>Virksomhetens" in raw  # as delivered
    for shown_tag in ("<p>Virksomhetens", "&lt;p&gt;", "&lt;li&gt;", "&lt;ul", "<li>- Er"):
        assert shown_tag not in out, shown_tag
    two = out[out.index("2.A.1"):out.index("2.A.2")]
    if fmt == "html":
        assert "<li>Er reisen nødvendig?</li>" in two
        assert re.search(r"<ul[^>]*>\s*<li>Er reisen", two)
        assert "<p class=\"answer\">Virksomhetens største negative konsekvenser" in two
        assert parse_html(out).errors == []
    else:
        assert "\n- Er reisen nødvendig?\n- Kan reisen erstattes" in two
        assert "\n\nVirksomhetens største negative konsekvenser" in two


def test_guidance_stays_out_and_not_applicable_reads_ikke_relevant(bank: Bank) -> None:
    s = complete_session(bank)
    del s.answers["6.A.1"]
    s.not_applicable["6.A.1"] = "Ingen saker i år."
    md = render_statement(bank, s, "markdown")
    assert "*Ikke relevant: Ingen saker i år.*" in md
    for step in bank.steps:
        if step.guidance:
            assert step.guidance[:50] not in md
        for sec in step.sections:
            if sec.guidance:
                assert sec.guidance[:50] not in md


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_banner_says_why_and_goes_when_complete_and_signed(bank: Bank, fmt: str) -> None:
    s = complete_session(bank)
    out = render_statement(bank, s, fmt)
    assert "UTKAST" not in out  # complete, confirmed, signed
    flat = _text(out) if fmt == "html" else out.replace("\\", "")
    tail = flat[flat.index("Signering og publisering"):]
    for qid, want in (("signering.signert_av", s.answers["signering.signert_av"]),
                      ("signering.dato", s.answers["signering.dato"])):
        assert " ".join(want.split()) in " ".join(tail.split()), qid
    # Unsigned: a draft that says so.
    unsigned = complete_session(bank)
    del unsigned.answers["signering.dato"]
    out = render_statement(bank, unsigned, fmt)
    assert "UTKAST" in out and "ikke signert og datert" in out
    assert "mangler" not in out[:out.index("Redegjørelse etter")]
    # Carried over and not confirmed: a draft that says so (and only that).
    carried = complete_session(bank)
    carried.carried_over = ["1.A.2", "forord"]
    out = render_statement(bank, carried, fmt)
    banner = out[out.index("UTKAST"):out.index("UTKAST") + 300]
    assert "2 svar er overført fra i fjor og ikke bekreftet" in banner
    assert "mangler" not in banner and "signert" not in banner
    if fmt == "html":
        css = out[out.index("<style>"):out.index("</style>")]
        print_css = css[css.index("@media print"):]
        assert ".draft" in print_css and "display: none" not in print_css
        assert '<section class="draft">' in out


def test_export_says_draft_on_stderr(capsys: pytest.CaptureFixture[str], example: Path,
                                     tmp_path: Path, bank: Bank) -> None:
    assert main(["export", str(example), "-o", str(tmp_path / "r.html")]) == 0
    err = capsys.readouterr().err
    assert "UTKAST" in err and "ikke signert" in err
    done = example.with_name("ferdig.toml")
    sessions.save(complete_session(bank), done, touch=False)
    assert main(["export", str(done), "-o", str(tmp_path / "f.html")]) == 0
    err = capsys.readouterr().err
    assert "UTKAST" not in err
    assert "UTKAST" not in (tmp_path / "f.html").read_text("utf-8")


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_answers_as_people_write_them(bank: Bank, fmt: str) -> None:
    s = complete_session(bank)
    s.answers["1.A.2"] = ("Vi har tre tiltak:\n- Krav i kontrakter\n• Oppfølging <script>\n\n"
                          "Rekkefølge:\n1. Kartlegg\n2. Prioriter\n\n12. mai møttes styret.")
    out = render_statement(bank, s, fmt)
    part = out[out.index("1.A.2"):out.index("1.A.3")]
    if fmt == "html":
        assert "<ul" in part and "<li>Krav i kontrakter</li>" in part
        assert "<li>Oppfølging &lt;script&gt;</li>" in part
        assert "<ol" in part and "<li>Kartlegg</li>" in part
        assert "<p class=\"answer\">12. mai møttes styret.</p>" in part  # a date, no list
        assert "<script>" not in part
    else:
        assert "Vi har tre tiltak:\n- Krav i kontrakter\n- Oppfølging &lt;script&gt;" in part
        assert "1. Kartlegg\n2. Prioriter" in part
        assert "12\\. mai møttes styret." in part


def test_portal_html_read_with_a_parser() -> None:
    raw = sessions.load(EXAMPLE).tables["priorities"][0]["impact"]
    assert holds_html(raw)
    text = portal_text(raw)
    assert "<" not in text and "- Er reisen nødvendig?" in text
    assert "\n\n- Er reisen nødvendig?\n- Kan reisen" in text
    kinds = [b.kind for b in text_blocks(raw)]
    assert kinds == ["para", "para", "bullets", "para"]
    assert portal_text("<p>A &amp; B &lt;x&gt;</p><ol><li>en</li><li>to</li></ol>") == \
        "A & B <x>\n\n1. en\n2. to"
    for plain in ("a < b og c > d", "Taggen <b>fet</b>", "<br> alene", "<3"):
        assert not holds_html(plain) and portal_text(plain) == plain
