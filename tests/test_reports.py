"""Reports and statement: golden files of the example, deterministic output, the HTML parses.

Golden files live in tests/golden/. They are rewritten only when the environment variable
UPDATE_GOLDEN=1 is set; otherwise any difference fails the test.
"""

from __future__ import annotations

import copy
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Bank
from aktsomhetswizard.completeness import check
from aktsomhetswizard.labels import field_label
from aktsomhetswizard.quality import warnings
from aktsomhetswizard.render import markdown as md_out
from aktsomhetswizard.render.report import render_report
from aktsomhetswizard.render.statement import render_statement

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"
GOLDEN = Path(__file__).resolve().parent / "golden"
LABEL = "sessions/eksempel-ks-2023.toml"

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class TagChecker(HTMLParser):
    """Collects start tags and checks that every non-void element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []
        self.text: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append((data, tuple(self.stack)))


def parse_html(text: str) -> TagChecker:
    parser = TagChecker()
    parser.feed(text)
    parser.close()
    return parser


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from the golden file (UPDATE_GOLDEN=1 to accept)"


@pytest.fixture
def example_session() -> sessions.Session:
    return sessions.load(EXAMPLE)


def _report(bank: Bank, session: sessions.Session, fmt: str) -> str:
    return render_report(bank, session, check(bank, session), warnings(bank, session), fmt, LABEL)


@pytest.mark.parametrize("fmt,name", [("markdown", "rapport.md"), ("html", "rapport.html")])
def test_example_report_golden(
    bank: Bank, example_session: sessions.Session, fmt: str, name: str
) -> None:
    golden(name, _report(bank, example_session, fmt))


@pytest.mark.parametrize(
    "fmt,show,name",
    [
        ("markdown", False, "redegjorelse.md"),
        ("html", False, "redegjorelse.html"),
    ],
)
def test_example_statement_golden(
    bank: Bank, example_session: sessions.Session, fmt: str, show: bool, name: str
) -> None:
    golden(name, render_statement(bank, example_session, fmt, show_missing=show))


def test_output_is_deterministic(bank: Bank) -> None:
    """Two loads of the same file, rendered twice, give the same bytes (no clock, no ids)."""
    a, b = sessions.load(EXAMPLE), sessions.load(EXAMPLE)
    for fmt in ("markdown", "html"):
        assert _report(bank, a, fmt) == _report(bank, b, fmt)
        assert render_statement(bank, a, fmt) == render_statement(bank, b, fmt)


@pytest.mark.parametrize("kind", ["report", "statement"])
def test_html_parses_and_is_self_contained(
    bank: Bank, example_session: sessions.Session, kind: str
) -> None:
    text = (
        _report(bank, example_session, "html")
        if kind == "report"
        else render_statement(bank, example_session, "html", show_missing=True)
    )
    parsed = parse_html(text)
    assert parsed.errors == []
    assert parsed.stack == []
    tags = [t for t, _ in parsed.tags]
    assert tags.count("html") == 1 and tags.count("style") == 1
    assert "script" not in tags and "link" not in tags and "img" not in tags
    # Nothing is fetched: no src or href attributes at all, no url() or @import in the CSS.
    assert all("src" not in attrs and "href" not in attrs for _, attrs in parsed.tags)
    assert "url(" not in text and "@import" not in text
    assert "@media print" in text


def test_report_content(bank: Bank, example_session: sessions.Session) -> None:
    md = _report(bank, example_session, "markdown")
    # Empty sections come before the partial ones and before the list of what is missing.
    assert (
        md.index("## Tomme avsnitt")
        < md.index("## Delvis utfylte avsnitt")
        < md.index("## Mangler")
    )
    empty = md[md.index("## Tomme avsnitt") : md.index("## Delvis utfylte avsnitt")]
    assert re.findall(r"\*\*(\d\.[A-Z]) ", empty) == ["3.A", "4.A", "6.A", "6.B"]
    assert "- **✗** **3.A Stanse, forebygge eller redusere**" in empty
    result = check(bank, example_session)
    # Every missing item is listed by its readable label (never its id), with the question's
    # text where the label does not already say it.
    for item in result.missing:
        assert f"**{md_out.escape_inline(field_label(bank, item))}**" in md
    assert "`" not in md[md.index("## Mangler") : md.index("## Ikke relevant")]
    assert "**4.A.2** – Beskriv hvordan dere sannsynliggjør" in md
    assert "- **3.A.1 › Prioritering 1 › Overordnet mål**\n" in md
    assert "- **6.A › Tilfeller av gjenoppretting** – Beskriv eventuelle tilfeller" in md
    assert "leverandorkjede." not in md and "3.A.1[1]" not in md
    assert f"Utfylt:** {result.answered} av {result.expected}" in md
    # The duplicate paragraph and the priority without measures are among the warnings.
    assert "**1.C.1** – Et avsnitt i svaret står også i 1.A.2." in md
    assert "**2.A.1 › Prioritering 1** – Prioritering 1 i 2.A.1 har ingen tiltak i 3.A.1." in md
    # Åpenhetsloven (issue 12): in the headline beside the completeness, and right after the
    # summary with the reasons, not in small print at the end.
    assert ("**Åpenhetsloven:** **✗ ikke oppfylt** – §5 a ✓ oppfylt, b ◐ delvis, c ◐ delvis; "
            "formelle krav: 1 av 7 oppfylt") in md
    assert md.index("## Sammendrag") < md.index("## Åpenhetsloven") < md.index("## Mangler")
    law = md[md.index("## Åpenhetsloven") : md.index("## Fremdrift per trinn")]
    assert "| **§5 c** – " in law and "| ◐ delvis | " in law
    assert "3.A.1: prioritering 1 har verken tiltak eller resultater" in law
    assert "4.A.1 og 4.A.2 er ikke besvart" in law
    assert "| Signert etter regnskapsloven §3-5 | **✗ mangler** | «Signert av» er ikke besvart" \
        in law


def test_report_lists_not_applicable_with_reason(
    bank: Bank, example_session: sessions.Session
) -> None:
    s = copy.deepcopy(example_session)
    s.not_applicable["6.A.tilfeller"] = "Ingen tilfeller i rapporteringsåret."
    html_text = _report(bank, s, "html")
    assert "Ikke relevant (1)" in html_text
    assert "<td>Ingen tilfeller i rapporteringsåret.</td>" in html_text
    assert (
        "`6.A.tilfeller`"
        not in _report(bank, s, "markdown").split("## Mangler")[1].split("## Ikke relevant")[0]
    )


def test_statement_order_and_missing(bank: Bank, example_session: sessions.Session) -> None:
    """Every question of the template appears (issue 13): an unanswered one as «Ikke besvart»,
    so steps 4 and 6 are there too; the signature block ends the statement."""
    md = render_statement(bank, example_session, "markdown")
    heads = [line for line in md.splitlines() if line.startswith("## ")]
    assert heads == [
        "## Nøkkelinformasjon om virksomheten og leverandørkjeden",
        "## 1 Forankring av bærekraft i virksomheten",
        "## 2 Kartlegging av virksomhetens påvirkning på mennesker, dyr, samfunn og miljø",
        "## 3 Stanse, forebygge eller redusere negativ påvirkning",
        "## 4 Overvåking av gjennomføring og resultater",
        "## 5 Kommunikasjon av hvordan negativ påvirkning/skade er håndtert",
        "## 6 Gjenoppretting der dette er påkrevd",
        "## Signering og publisering",
    ]
    assert "Mangler" not in md
    # One «Ikke besvart» per missing item, but the two placeholder cells of the inputs table
    # are one row left out (the table shows as one), plus the nine questions of the signing
    # part (who signed and their role, the date, the period from and to, web address, §6, the
    # annual report, whether a group and which companies: issue 12).
    assert md.count("**Ikke besvart**") == len(check(bank, example_session).missing) - 1 + 9
    # The template's coaching is not in the published statement.
    guidance = [s.guidance for s in bank.steps if s.guidance]
    guidance += [sec.guidance for s in bank.steps for sec in s.sections if sec.guidance]
    assert guidance and not any(g[:60] in md for g in guidance)


def test_statement_tables_and_priorities(bank: Bank, example_session: sessions.Session) -> None:
    s = copy.deepcopy(example_session)
    s.tables["producers"] = [
        {"country": "Norge", "workers": "120", "producers": "3", "comment": ""},
        {"country": "Sverige", "workers": "40", "producers": "1", "comment": "anslag"},
    ]
    s.tables["priorities"] = [
        {
            "impact": "Klimautslipp fra reiser",
            "theme": "Klima",
            "geography": "Norge",
            "goal": "Halvere utslippene",
            "status": "Godt i gang",
            "year_goal": "Ny reisepolicy",
            "measures": "Videomøter først",
            "results": "20 % færre flyreiser",
        },
        {
            "impact": "Arbeidsforhold hos håndverkere",
            "theme": "Arbeidsvilkår",
            "geography": "Norge",
            "goal": "",
            "status": "",
            "year_goal": "",
            "measures": "",
            "results": "",
        },
    ]
    s.answers["signering.periode_fra"] = "01.01.2023"
    s.not_applicable["6.A.1"] = "Ingen tilfeller i rapporteringsåret."
    md = render_statement(bank, s, "markdown")
    assert "| Land | Antall arbeidere | Antall produsenter dette er basert på |" in md
    assert "| Sverige | 40 | 1 | anslag |" in md
    three = md[md.index("## 3 ") :]
    # Every priority appears in 3.A with its five fields, answered or not (issue 13).
    assert "#### Prioritering 1" in three and "#### Prioritering 2" in three
    second = three[three.index("#### Prioritering 2"):three.index("### 3.B")]
    assert second.count("**Ikke besvart**") == 5
    assert "*Ikke relevant: Ingen tilfeller i rapporteringsåret.*" in md
    assert "**Overordnet mål**\n\nHalvere utslippene" in three
    signature = md[md.index("## Signering og publisering"):]
    assert "**Redegjørelsen gjelder perioden fra:** 01.01.2023" in signature
    assert ("**Hvem har signert redegjørelsen? \\(alle styremedlemmene og daglig leder, med navn "
            "og rolle\\):** **Ikke besvart**") in signature
    html_text = render_statement(bank, s, "html")
    assert parse_html(html_text).errors == []
    assert "<td>Sverige</td><td>40</td><td>1</td><td>anslag</td>" in html_text


def test_statement_not_subject_to_the_act(bank: Bank, example_session: sessions.Session) -> None:
    """«Nei» to «Er virksomheten omfattet av åpenhetsloven?»: the statement is not titled as
    one under the Act (issue 12)."""
    md = render_statement(bank, example_session, "markdown")
    assert md.startswith("# Redegjørelse for aktsomhetsvurderinger\n")
    assert "Redegjørelse etter åpenhetsloven" in md
    s = copy.deepcopy(example_session)
    s.answers["virksomhet.omfattet"] = "Nei"
    for fmt in ("markdown", "html"):
        out = render_statement(bank, s, fmt)
        assert "Redegjørelse for aktsomhetsvurderinger" not in out
        assert "Redegjørelse etter åpenhetsloven" not in out
        assert "Rapport om aktsomhetsvurderinger" in out
        assert "ikke omfattet av åpenhetsloven" in out
