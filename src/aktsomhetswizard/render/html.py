"""HTML output: one self-contained file (inline CSS, nothing fetched), fit to print.

Every piece of text goes through ``html.escape(..., quote=True)`` after its control characters
are made visible; the only markup is the renderer's own. A Content-Security-Policy meta tag
forbids scripts and any network fetch as a second line of defence.
"""

from __future__ import annotations

import html
import re

from ..textsafe import normalise_newlines, visible
from ..usertext import text_blocks
from .doc import (
    Bars,
    Block,
    Box,
    BulletList,
    Document,
    Facts,
    Heading,
    Inline,
    Para,
    Table,
    UserText,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

CSS = """
:root { --ink: #1d2330; --muted: #5b6474; --line: #d9dde4; --accent: #1f5f8b;
        --ok: #1e7a3c; --bad: #b3261e; --warn: #8a5a00; --bar: #2f7d4f; --barbg: #e6e9ee; }
* { box-sizing: border-box; }
html { font-size: 15px; }
body { margin: 0; color: var(--ink); background: #fff;
       font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
       line-height: 1.5; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 2.2rem 3rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .4rem; color: var(--accent); }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .25rem;
     border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.08rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: .97rem; font-weight: 600; color: #2b3444; margin: 1.1rem 0 .3rem; }
p { margin: .35rem 0 .7rem; overflow-wrap: anywhere; }
ul { margin: .3rem 0 .9rem; padding-left: 1.3rem; }
li { margin: .15rem 0; overflow-wrap: anywhere; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .86em;
       background: #f1f3f6; padding: 0 .25em; border-radius: 3px; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .93rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left;
         vertical-align: top; overflow-wrap: anywhere; }
th { background: #f1f3f6; font-weight: 600; overflow-wrap: normal; }
thead th { min-width: 6.5em; }
.muted { color: var(--muted); }
.num { color: var(--muted); font-weight: 500; }
.ok { color: var(--ok); font-weight: 600; }
.bad { color: var(--bad); font-weight: 600; }
.partial { color: var(--warn); font-weight: 600; }
.carried { color: var(--accent); font-weight: 600; }
.meta p { margin: .1rem 0; }
.summary { border: 1px solid var(--line); border-left: 5px solid var(--accent);
           background: #f7f9fb; padding: .6rem 1rem; margin: 1rem 0 1.4rem; }
.summary ul { margin: .2rem 0; }
.summary h2 { margin-top: .2rem; }
.facts th { width: 42%; background: none; font-weight: 600; }
.facts th .strong, .facts th strong { font-weight: 600; }
.guidance { color: var(--muted); font-style: italic; }
.answer { margin-left: 0; }
.missing { color: var(--bad); font-style: italic; }
.na { color: var(--muted); font-style: italic; }
.bars td.bar { width: 45%; }
.bars .track { background: var(--barbg); border-radius: 3px; height: .8rem; width: 100%;
               overflow: hidden; }
.bars .fill { background: var(--bar); height: 100%; }
.bars .pct { white-space: nowrap; text-align: right; width: 6rem; }
.warnings li { color: var(--warn); }
main.wide { max-width: 78rem; }
.folder td:nth-child(n+3):nth-child(-n+6) { white-space: nowrap; }
.folder td:first-child { min-width: 12rem; }
.folder td:last-child { min-width: 16rem; }
.report { border-top: 1px solid var(--line); margin-bottom: 2rem; }
a { color: var(--accent); }
.warnings li span.plain { color: var(--ink); }
.law th:nth-child(2), .law td:nth-child(2) { white-space: nowrap; width: 5.5rem; }
.priority { border: 1px solid var(--line); border-radius: 4px; padding: .2rem 1rem .6rem;
            margin: .8rem 0; }
.priority p.label { margin: .8rem 0 .1rem; }
.priority .facts { margin-top: .2rem; }
.signing { border-top: 1px solid var(--line); margin-top: 2rem; }
.draft { border: 3px solid var(--bad); background: #fdecea; color: var(--bad);
         padding: .6rem 1rem; margin: 0 0 1.2rem; font-size: 1.05rem; }
.draft p { margin: 0; }
.draft strong { letter-spacing: .08em; }
@media print {
  html { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  table, tr, .priority, .summary { break-inside: avoid; page-break-inside: avoid; }
  .draft { break-inside: avoid; page-break-inside: avoid; }
  .bars .track, .bars .fill, th, .summary, code, .draft {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 18mm 16mm; }
"""

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def esc(text: str) -> str:
    return html.escape(visible(normalise_newlines(text)), quote=True)


def _lines(text: str) -> str:
    return "<br>\n".join(esc(line) for line in normalise_newlines(text).split("\n"))


def inline(parts: Inline) -> str:
    out = []
    for span in parts:
        body = _lines(span.text)
        if span.style == "plain":
            out.append(body)
        elif span.style == "strong":
            out.append(f"<strong>{body}</strong>")
        elif span.style == "em":
            out.append(f"<em>{body}</em>")
        elif span.style == "code":
            out.append(f"<code>{body}</code>")
        else:
            out.append(f'<span class="{span.style}">{body}</span>')
        if span.href.startswith("#"):  # links within the page only
            out[-1] = f'<a href="{esc(span.href)}">{out[-1]}</a>'
    return "".join(out)


def _cls(cls: str) -> str:
    return f' class="{esc(cls)}"' if cls else ""


def user_paragraphs(text: str, cls: str = "") -> list[str]:
    """An answer as people write it (usertext.text_blocks): paragraphs, and lines that start
    with "- ", "• " or "1." as lists; portal HTML as its text. Every line escaped. A block that
    continues the paragraph before it (one line break apart) has the class "join"."""
    out = []
    for block in text_blocks(normalise_newlines(text)):
        classes = _cls(" ".join(c for c in (cls, "join" if block.joined else "") if c))
        if block.kind == "para":
            out.append(f"<p{classes}>" + "<br>\n".join(esc(line) for line in block.lines)
                       + "</p>")
            continue
        items = "\n".join(f"<li>{esc(item)}</li>" for item in block.lines)
        if block.kind == "numbered":
            start = f' start="{block.start}"' if block.start != 1 else ""
            out.append(f"<ol{classes}{start}>\n{items}\n</ol>")
        else:
            out.append(f"<ul{classes}>\n{items}\n</ul>")
    return out


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        ident = f' id="{esc(block.anchor)}"' if block.anchor else ""
        return [f"<h{block.level}{ident}>{inline(block.text)}</h{block.level}>"]
    if isinstance(block, Para):
        return [f"<p{_cls(block.cls)}>{inline(block.text)}</p>"]
    if isinstance(block, UserText):
        return user_paragraphs(block.text, block.cls)
    if isinstance(block, BulletList):
        items = "\n".join(f"<li>{inline(item)}</li>" for item in block.items)
        return [f"<ul{_cls(block.cls)}>\n{items}\n</ul>"]
    if isinstance(block, Table):
        head = "".join(f"<th>{esc(h)}</th>" for h in block.header)
        rows = "\n".join(
            "<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>" for row in block.rows
        )
        return [f"<table{_cls(block.cls)}>\n<thead><tr>{head}</tr></thead>\n"
                f"<tbody>\n{rows}\n</tbody>\n</table>"]
    if isinstance(block, Facts):
        rows = "\n".join(
            f'<tr><th scope="row">{inline(label)}</th><td>{inline(value)}</td></tr>'
            for label, value in block.rows
        )
        return [f'<table class="facts">\n<tbody>\n{rows}\n</tbody>\n</table>']
    if isinstance(block, Bars):
        head = "".join(f"<th>{esc(h)}</th>" for h in block.header)
        bar_rows = []
        for b in block.rows:
            pct = max(0, min(b.percent, 100))
            bar_rows.append(
                f"<tr><td>{inline(b.label)}</td>"
                f'<td class="bar"><div class="track" role="img" aria-label="{pct} %">'
                f'<div class="fill" style="width: {pct}%"></div></div></td>'
                f'<td class="pct">{pct} %<br><span class="muted">{esc(b.detail)}</span></td></tr>'
            )
        body = "\n".join(bar_rows)
        return [f'<table class="bars">\n<thead><tr>{head}</tr></thead>\n'
                f"<tbody>\n{body}\n</tbody>\n</table>"]
    if isinstance(block, Box):
        inner = "\n".join(text for child in block.blocks for text in _block(child))
        return [f"<section{_cls(block.cls)}>\n{inner}\n</section>"]
    raise TypeError(block)


def render(doc: Document) -> str:
    body = "\n".join(text for block in doc.blocks for text in _block(block))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(doc.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(doc.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<main{_cls(doc.cls)}>\n"
        f"{body}\n</main>\n</body>\n</html>\n"
    )
