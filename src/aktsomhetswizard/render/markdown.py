"""Markdown output. User text never becomes markup here.

Every character that CommonMark or GitHub-flavoured Markdown reads as markup is escaped with a
backslash (``\\ ` * _ { } [ ] ( ) # + | ! ~ &``); "<" and ">" become "&lt;" and "&gt;", so raw
HTML, autolinks and block quotes stay text. At the start of a line, "-", "+", "=", "#", ">" and
a number followed by "." or ")" are escaped too (lists, setext headings, ATX headings), and
leading spaces become no-break spaces so that indented text never turns into a code block. "."
and "-" elsewhere in a line are left alone: they cannot start markup there, and escaping them
would fill the published statement with backslashes. Line breaks inside a paragraph are kept as
hard breaks (a backslash at the end of the line); blank lines separate paragraphs.
"""

from __future__ import annotations

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
    Span,
    Table,
    UserText,
    bar_text,
)

_ESCAPE = {ch: "\\" + ch for ch in "\\`*_{}[]()#+|!~&"}
_ESCAPE["<"] = "&lt;"
_ESCAPE[">"] = "&gt;"
_ESCAPE_RE = re.compile("[" + re.escape("".join(_ESCAPE)) + "]")
_LEADING_SPACE = re.compile(r"^[ \t]+")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_CODE_SAFE = re.compile(r"^[\w.\[\]/ :-]+$")


def _prepare(text: str) -> str:
    """Newlines normalised, control characters made visible (never written raw)."""
    return visible(normalise_newlines(text))


def escape_inline(text: str) -> str:
    """Escape text for use inside a line (no line-start rules; newlines left to the caller)."""
    return _ESCAPE_RE.sub(lambda m: _ESCAPE[m.group()], text)


def escape_line(line: str) -> str:
    """Escape one line of user text that may stand at the start of a Markdown line."""
    line = line.rstrip()
    lead = ""
    m = _LEADING_SPACE.match(line)
    if m:
        lead = m.group().replace("\t", "    ").replace(" ", "\u00a0")
        line = line[m.end():]
    escaped = _line_start(escape_inline(line))
    return lead + escaped


def paragraphs(text: str) -> list[str]:
    """User text as Markdown, as people write it (usertext.text_blocks): paragraphs (each line
    escaped, lines joined by hard breaks), and lines that start with "- ", "• " or "1." as
    lists (the items escaped); portal HTML as its text. A list that follows the lines of its
    paragraph directly stays in the same chunk, one line break apart, as it was written."""
    out: list[str] = []
    for block in text_blocks(_prepare(text)):
        if block.kind == "para":
            lines = [escape_line(line) for line in block.lines]
            chunk = "\\\n".join(line for line in lines if line)
            if not chunk:
                continue
        elif block.kind == "numbered":
            chunk = "\n".join(f"{block.start + n}. {escape_line(item)}"
                              for n, item in enumerate(block.lines))
        else:
            chunk = "\n".join(f"- {escape_line(item)}" for item in block.lines)
        # A bullet list (or a list numbered from 1) may interrupt a paragraph; a paragraph
        # after a list needs a blank line (it would be read as part of the last item).
        if (block.joined and out and block.kind != "para"
                and (block.kind == "bullets" or block.start == 1)):
            out[-1] += "\n" + chunk
        else:
            out.append(chunk)
    return out


def cell(text: str) -> str:
    """Text for a table cell: one line, pipes escaped, line breaks as <br>."""
    lines = [escape_inline(line.strip()) for line in _prepare(text).split("\n")]
    return "<br>".join(line for line in lines if line) or " "


def _line_start(escaped: str) -> str:
    """The line-start rules for text already escaped by escape_inline."""
    if escaped[:1] in ("-", "="):
        return "\\" + escaped
    o = _ORDERED.match(escaped)
    if o and o.group(2) == ".":
        return o.group(1) + "\\." + escaped[o.end():]
    return escaped


def _span_body(text: str, in_cell: bool, first: bool) -> str:
    lines = _prepare(text).split("\n")
    if in_cell:
        return "<br>".join(escape_inline(line) for line in lines)
    head = escape_inline(lines[0])
    if first:
        head = _line_start(head.lstrip())
    # Every further line starts a Markdown line: the line-start rules apply.
    return "\\\n".join([head] + [escape_line(line) for line in lines[1:]])


def inline(parts: Inline, *, in_cell: bool = False) -> str:
    out = []
    for n, span in enumerate(parts):
        body = _span_body(span.text, in_cell, first=(n == 0))
        core = body.strip()
        if not core or span.style in ("plain", "num"):
            out.append(body)
            continue
        # Emphasis markers must touch the text: keep the surrounding spaces outside them.
        before = body[: len(body) - len(body.lstrip())]
        after = body[len(body.rstrip()):]
        if span.style in ("strong", "bad"):
            core = f"**{core}**"
        elif span.style in ("em", "muted"):
            core = f"*{core}*"
        elif span.style == "code" and _CODE_SAFE.match(span.text):
            # Ids and file names only: a code span shows "<" as it is, so any text that holds
            # markup characters stays escaped plain text instead.
            core = f"`{span.text.strip()}`"
        out.append(before + core + after)
    return "".join(out)


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + inline(block.text).replace("\\\n", " ")]
    if isinstance(block, Para):
        if block.cls == "nav":  # links within an HTML page: nothing to follow in Markdown
            return []
        text = inline(block.text)
        return [text] if text.strip() else []
    if isinstance(block, UserText):
        return paragraphs(block.text)
    if isinstance(block, BulletList):
        return ["\n".join("- " + inline(item).replace("\\\n", " ") for item in block.items)]
    if isinstance(block, Table):
        lines = ["| " + " | ".join(cell(h) for h in block.header) + " |",
                 "|" + "|".join("---" for _ in block.header) + "|"]
        for row in block.rows:
            lines.append("| " + " | ".join(inline(c, in_cell=True) for c in row) + " |")
        return ["\n".join(lines)]
    if isinstance(block, Facts):
        out = []
        for label, value in block.rows:
            # "Question: answer" — no colon after a question that ends in "?" or ":".
            colon = [] if not label or label[-1].text.endswith((":", "?")) else [Span(":")]
            if label and label[-1].style != "plain" and colon:
                label = [*label[:-1], Span(label[-1].text + ":", label[-1].style)]
                colon = []
            out.append(inline([*label, *colon, Span(" "), *value]))
        return out
    if isinstance(block, Bars):
        lines = ["| " + " | ".join(block.header) + " |", "|---|---|---:|"]
        for b in block.rows:
            lines.append(
                f"| {inline(b.label, in_cell=True)} | `{bar_text(b.percent)}` {b.percent} % "
                f"| {cell(b.detail)} |"
            )
        return ["\n".join(lines)]
    if isinstance(block, Box):
        return [text for child in block.blocks for text in _block(child)]
    raise TypeError(block)


def render(doc: Document) -> str:
    chunks: list[str] = []
    for block in doc.blocks:
        chunks.extend(_block(block))
    return "\n\n".join(chunks) + "\n"
