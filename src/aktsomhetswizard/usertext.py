"""Answers as people write them: paragraphs, lists, and HTML pasted from the portal. Pure.

An answer is plain text. Its shape is read from the text itself, the way people write it:
paragraphs at blank lines, and lines that start with "- ", "• " or a number and a full stop
("1. ") as list items. Everything else is text (the exports escape it).

Etisk handel Norge's portal exports answers as HTML (the KS example's 2.A.1: ``<p>``, ``<ul>``,
``<li>``). Such an answer is shown as its text — its paragraphs and list items — never as tags;
``portal_text`` gives that text (with Python's own html.parser, never by cutting out tags with a
regular expression). The stored answer stays as it is until the author chooses to convert it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

# The block tags the portal wraps every answer in. Text that holds none of them is not portal
# HTML, whatever else it holds ("a < b", "<3", a "<b>" or "<br>" typed as text): it stays text.
PORTAL_TAGS = frozenset({"p", "ul", "ol", "li"})
_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                         "table", "tr"})
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
_BULLET = re.compile(r"^[ \t]*[-•][ \t]+")
_NUMBER = re.compile(r"^[ \t]*(\d{1,3})\.[ \t]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def holds_html(text: str) -> bool:
    """The answer holds HTML markup from the portal (at least one of ``PORTAL_TAGS``)."""
    if "<" not in text or ">" not in text:
        return False
    return any(m.group(1).lower() in PORTAL_TAGS for m in _TAG.finditer(text)
               if not m.group().startswith("</"))


class _PortalParser(HTMLParser):
    """Collects the text of portal HTML as lines: a blank line between blocks, list items as
    "- item" (or "1. item" in an ordered list), <br> as a line break."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.lists: list[list[int]] = []  # per open list: [ordered, next number]
        self.in_item = False
        self.item_start = False

    def _break(self, blank: bool) -> None:
        text = "".join(self.out).rstrip(" \t")
        self.out = [text]
        if not text:
            return
        if blank and not text.endswith("\n\n"):
            self.out.append("\n" if text.endswith("\n") else "\n\n")
        elif not blank and not text.endswith("\n"):
            self.out.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self._break(blank=not self.lists)
            self.lists.append([tag == "ol", 1])
        elif tag == "li":
            self._break(blank=False)
            marker = "- "
            if self.lists and self.lists[-1][0]:
                marker = f"{self.lists[-1][1]}. "
                self.lists[-1][1] += 1
            self.out.append(marker)
            self.in_item = True
            self.item_start = True
        elif tag == "br":
            self.out.append("\n")
        elif tag in _BLOCK_TAGS:
            self._break(blank=not self.in_item)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._break(blank=not self.lists)
        elif tag == "li":
            self.in_item = False
            self._break(blank=False)
        elif tag in _BLOCK_TAGS:
            self._break(blank=not self.in_item)

    def handle_data(self, data: str) -> None:
        # Whitespace in HTML is one space; the lines come from the tags.
        text = " ".join(data.split())
        tail = "".join(self.out[-1:])
        if data[:1].isspace() and tail and not tail.endswith((" ", "\n")):
            text = " " + text if text else " "
        if not text.strip():
            if text and tail and not tail.endswith((" ", "\n")):
                self.out.append(" ")
            return
        if data[-1:].isspace():
            text += " "
        if self.item_start:
            # "<li>- Er reisen nødvendig?</li>": the portal's own dash is not a second marker.
            text = _BULLET.sub("", text.lstrip(), count=1)
            self.item_start = False
        self.out.append(text)


def portal_text(text: str) -> str:
    """Portal HTML as plain text as people write it: paragraphs a blank line apart, list items
    as "- item" lines. Text that holds no HTML is returned as it is."""
    if not holds_html(text):
        return text
    parser = _PortalParser()
    parser.feed(text)
    parser.close()
    lines = [line.strip() for line in "".join(parser.out).split("\n")]
    out = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", out)


@dataclass(frozen=True)
class TextBlock:
    """One block of an answer: a paragraph (its lines) or a list (its items)."""

    kind: Literal["para", "bullets", "numbered"]
    lines: tuple[str, ...]
    start: int = 1  # the first number of a numbered list
    # Part of the same paragraph as the block before (one line break apart, no blank line).
    joined: bool = False


def _item(line: str) -> tuple[str, str, int] | None:
    """("bullets" | "numbered", the item's text, its number) when the line is a list item."""
    m = _BULLET.match(line)
    if m and line[m.end():].strip():
        return "bullets", line[m.end():].strip(), 0
    m = _NUMBER.match(line)
    if m and line[m.end():].strip():
        return "numbered", line[m.end():].strip(), int(m.group(1))
    return None


def text_blocks(text: str) -> list[TextBlock]:
    """An answer as paragraphs and lists (portal HTML read as its text first). Inside a
    paragraph, a run of lines that are list items of one kind is a list; the other lines keep
    their line breaks."""
    text = portal_text(text).replace("\r\n", "\n")
    blocks: list[TextBlock] = []
    merge = False  # a "para" run may join the paragraph block before it (same paragraph)
    for para in _PARAGRAPH_BREAK.split(text.strip("\n")):
        # (kind, lines, first number) runs, in order: "para" for lines that are no list item.
        runs: list[tuple[str, list[str], int]] = []
        for line in (line.rstrip() for line in para.split("\n")):
            if not line.strip():
                continue
            item = _item(line)
            kind, body, number = item if item is not None else ("para", line, 0)
            if runs and runs[-1][0] == kind and not (
                kind == "numbered" and number != runs[-1][2] + len(runs[-1][1])
            ):
                runs[-1][1].append(body)
            else:
                runs.append((kind, [body], number or 1))
        for kind, lines, start in runs:
            if kind == "numbered" and len(lines) < 2:
                # One line that starts with a number and a full stop is a date or a count
                # ("12. mai var …"), not a list: it stays text, as written.
                kind, lines = "para", [_numbered_line(para, lines[0])]
            if kind == "para" and blocks and blocks[-1].kind == "para" and merge:
                last = blocks[-1]
                blocks[-1] = TextBlock("para", last.lines + tuple(lines), joined=last.joined)
            else:
                blocks.append(TextBlock(kind, tuple(lines), start,  # type: ignore[arg-type]
                                        joined=merge))
            merge = True
        merge = False
    return blocks


def _numbered_line(para: str, body: str) -> str:
    """The line as written, of a numbered item that is not a list after all."""
    for line in para.split("\n"):
        m = _NUMBER.match(line)
        if m and line[m.end():].strip() == body:
            return line.rstrip()
    return body
