"""User text is data in every output format: hostile answers stay inert text."""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from test_reports import parse_html

from aktsomhetswizard.bank import Bank
from aktsomhetswizard.completeness import check
from aktsomhetswizard.quality import warnings
from aktsomhetswizard.render import markdown as md
from aktsomhetswizard.render.csvout import render_csv, safe_cell
from aktsomhetswizard.render.data import check_record
from aktsomhetswizard.render.report import render_report
from aktsomhetswizard.render.statement import render_statement
from aktsomhetswizard.render.text import render_table
from aktsomhetswizard.session import Session
from aktsomhetswizard.textsafe import visible
from aktsomhetswizard.usertext import text_blocks

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[klikk](javascript:alert(1))",
    "# Overskrift fra brukeren",
    "> sitat fra brukeren",
    "- liste fra brukeren",
    "1. nummerert fra brukeren",
    "Setext fra brukeren\n===",
    "    kodeblokk fra brukeren",
    "<https://eksempel.no/autolenke>",
    "![bilde](https://eksempel.no/x.png)",
    "<!-- kommentar --> og <b>fet</b>",
    "`kode` **fet** _kursiv_ ~~streket~~ | a | b |",
    "&lt;script&gt; og &amp; og &#60;img&#62;",
    "Farge \x1b[31mrød\x1b[0m og OSC \x1b]8;;https://x\x07lenke\x1b]8;;\x07 og C1 \x9b2J",
    "Linje en\nLinje to\\\n\nNytt avsnitt",
]
FORBIDDEN_TAGS = {
    "script",
    "img",
    "a",
    "blockquote",
    "pre",
    "hr",
    "iframe",
    "b",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "del",
    "s",
}


def hostile_session(bank: Bank) -> Session:
    s = Session(organisation='<script>alert("org")</script> & "Co" # AS', year=2023)
    texts = [q.question.id for q in bank.questions() if not q.question.is_table]
    for n, qid in enumerate(texts):
        s.answers[qid] = HOSTILE[n % len(HOSTILE)]
    s.tables["priorities"] = [
        {
            "impact": HOSTILE[1],
            "theme": HOSTILE[2],
            "geography": HOSTILE[0],
            "goal": HOSTILE[3],
            "status": HOSTILE[4],
            "year_goal": HOSTILE[5],
            "measures": HOSTILE[6],
            "results": HOSTILE[7],
        },
    ]
    s.tables["producers"] = [
        {"country": HOSTILE[2], "workers": "1", "producers": "|", "comment": HOSTILE[1]}
    ]
    s.not_applicable["6.A.1"] = HOSTILE[1]
    s.answers.pop("6.A.1")
    return s


def _outputs(bank: Bank, s: Session, fmt: str) -> list[str]:
    return [
        render_report(bank, s, check(bank, s), warnings(bank, s), fmt, "<img src=x>.toml"),
        render_statement(bank, s, fmt),
        render_statement(bank, s, fmt, show_missing=True),
    ]


def _md_to_html(text: str) -> str:
    # html=True: if any raw HTML got through the escaping, markdown-it would pass it on.
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def _assert_inert(html_text: str, *, allow_headings: bool) -> None:
    parsed = parse_html(html_text)
    assert parsed.errors == []
    tags = {t for t, _ in parsed.tags}
    forbidden = FORBIDDEN_TAGS - ({"h1", "h2", "h3", "h4"} if allow_headings else set())
    assert not tags & forbidden, tags & forbidden
    for _, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs)
        assert "href" not in attrs and "src" not in attrs
    # Where the user's marker text stands, no tag of the user's making surrounds it.
    for data, stack in parsed.text:
        if "fra brukeren" in data or "alert" in data:
            assert not set(stack) & FORBIDDEN_TAGS, (data, stack)
    assert "\x1b" not in html_text and "\x9b" not in html_text and "\x07" not in html_text


def test_html_outputs_are_inert(bank: Bank) -> None:
    s = hostile_session(bank)
    for n, text in enumerate(_outputs(bank, s, "html")):
        _assert_inert(text, allow_headings=True)
        assert "<script" not in text.lower().replace("&lt;script", "")
        # The text is still there, as text.
        assert "&lt;script&gt;alert(&quot;org&quot;)&lt;/script&gt; &amp; &quot;Co&quot;" in text
        if n == 0:
            assert "&lt;img src=x&gt;.toml" in text  # the file label of the report
            continue
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in text
        assert "\\x1b[31mrød" in text


def test_markdown_outputs_are_inert(bank: Bank) -> None:
    s = hostile_session(bank)
    for text in _outputs(bank, s, "markdown"):
        assert "<script" not in text and "<img" not in text and "](javascript" not in text
        assert "\x1b" not in text and "\x9b" not in text
        rendered = _md_to_html(text)
        _assert_inert(rendered, allow_headings=True)
        parsed = parse_html(rendered)
        # Headings are ours only: none holds the user's words.
        for data, stack in parsed.text:
            if any(h in stack for h in ("h1", "h2", "h3", "h4", "h5", "h6")):
                assert "Overskrift" not in data and "alert" not in data
        joined = "".join(d for d, _ in parsed.text)
        assert '<script>alert("org")</script> & "Co" # AS' in joined
        if "Kontrollrapport" in text:
            continue
        assert "<script>alert(1)</script>" in joined
        assert "[klikk](javascript:alert(1))" in joined
        assert "# Overskrift fra brukeren" in joined


def test_markdown_escapes_line_starts() -> None:
    assert md.paragraphs("# a") == ["\\# a"]
    # "- " starts a list item, as people write one (issue 13); "+", "=", ">" stay text.
    assert md.paragraphs("- a\n+ b\n= c\n> d") == ["- a", "\\+ b\\\n\\= c\\\n&gt; d"]
    assert md.paragraphs("+ b\n- a") == ["\\+ b\n- a"]  # a list may follow its line
    # One line that starts with a number is a date, not a list.
    assert md.paragraphs("12. mai") == ["12\\. mai"]
    assert md.paragraphs("- - a\n- # b") == ["- \\- a\n- \\# b"]
    assert md.paragraphs("    kode") == ["\u00a0\u00a0\u00a0\u00a0kode"]
    assert md.paragraphs("<img src=x>") == ["&lt;img src=x&gt;"]
    assert md.paragraphs("[x](javascript:y)") == ["\\[x\\]\\(javascript:y\\)"]
    assert md.cell("a|b\nc") == "a\\|b<br>c"


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=80,
)


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_any_text_stays_text_in_markdown(text: str) -> None:
    """Whatever the author wrote, rendered Markdown shows it as text and nothing else."""
    rendered = _md_to_html("\n\n".join(md.paragraphs(text)))
    parsed = parse_html(rendered)
    assert {t for t, _ in parsed.tags} <= {"p", "br", "ul", "ol", "li"}
    shown = "".join(d for d, _ in parsed.text)
    # The text as written, but for the markers of the list items it holds (issue 13).
    written = " ".join(line for b in text_blocks(md._prepare(text)) for line in b.lines)
    assert _plain(shown) == _plain(written)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_any_text_stays_text_in_a_markdown_table(text: str) -> None:
    table = f"| a | b |\n|---|---|\n| {md.cell(text)} | x |\n"
    parsed = parse_html(_md_to_html(table))
    assert {t for t, _ in parsed.tags} <= {"table", "thead", "tbody", "tr", "th", "td", "br"}
    cells = [d for d, stack in parsed.text if stack and stack[-1] == "td"]
    assert "".join("".join(cells).split()) == "".join((md._prepare(text) + "x").split())


def test_csv_round_trip_and_formula_guard(bank: Bank) -> None:
    s = hostile_session(bank)
    s.organisation = '=HYPERLINK("https://x","klikk")\n\x1b[2J, "Co"'
    records = [
        check_record('a,b "c".toml', s, check(bank, s), warnings(bank, s)),
        {"file": "@ødelagt.toml", "error": "ugyldig TOML\x1b[31m"},
    ]
    text = render_csv(records)
    assert "\x1b" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    assert rows[0]["file"] == 'a,b "c".toml'
    assert rows[0]["organisation"] == "'" + visible(s.organisation, keep_newlines=False)
    assert rows[0]["organisation"].startswith("'=HYPERLINK")
    assert "\n" not in rows[0]["organisation"]
    assert rows[0]["year"] == "2023"
    assert rows[0]["percent"] == str(check(bank, s).percent)
    assert rows[1]["file"] == "'@ødelagt.toml" and rows[1]["error"].endswith("\\x1b[31m")
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert str(safe_cell(value)).startswith("'")
    assert safe_cell("KS") == "KS" and safe_cell(57) == 57


def test_text_table_is_one_line_per_session(bank: Bank) -> None:
    s = hostile_session(bank)
    s.organisation = "Linje\nto\x1b[2J"
    out = render_table(
        [check_record("x.toml", s, check(bank, s), []), {"file": "y\x1b.toml", "error": "x"}]
    )
    lines = out.splitlines()
    assert len(lines) == 4
    assert "\x1b" not in out and "Linje to\\x1b[2J" in lines[2]
    assert "(kan ikke brukes)" in lines[3]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_organisation_name_is_text(bank: Bank, fmt: str) -> None:
    s = Session(organisation="# <b>Evil</b> [x](javascript:y)", year=2023)
    for text in _outputs(bank, s, fmt):
        rendered = _md_to_html(text) if fmt == "markdown" else text
        parsed = parse_html(rendered)
        assert not {t for t, _ in parsed.tags} & {"b", "a"}
        assert re.search(r"<h1[^>]*>.*Evil", rendered) is None
