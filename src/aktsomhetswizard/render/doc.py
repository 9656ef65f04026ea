"""A small document model shared by the Markdown and HTML renderers.

Reports and statements are built as a list of blocks; the emitters (markdown.py, html.py) turn
them into text and do all the escaping. Every piece of text in the model is plain text — ours or
the user's — and is escaped on the way out; nothing in the model is markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Style = Literal["plain", "strong", "em", "code", "muted", "num", "ok", "bad", "partial", "carried"]


@dataclass(frozen=True)
class Span:
    text: str
    style: Style = "plain"
    # A link within the document ("#anchor" of a Heading); Markdown shows the text alone.
    href: str = ""


Inline = list[Span]


def spans(*parts: str | Span) -> Inline:
    return [p if isinstance(p, Span) else Span(p) for p in parts]


@dataclass(frozen=True)
class Heading:
    level: int
    text: Inline
    anchor: str = ""


@dataclass(frozen=True)
class Para:
    """One paragraph of inline text; a "\\n" in a span is a line break."""

    text: Inline
    cls: str = ""


@dataclass(frozen=True)
class UserText:
    """An answer as the author wrote it: paragraphs at blank lines, line breaks kept."""

    text: str
    cls: str = ""


@dataclass(frozen=True)
class BulletList:
    items: list[Inline]
    cls: str = ""


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[Inline]]
    cls: str = ""


@dataclass(frozen=True)
class Facts:
    """Short answers as label/value pairs (a two-column table in HTML, lines in Markdown)."""

    rows: list[tuple[Inline, Inline]]


@dataclass(frozen=True)
class Bar:
    label: Inline
    percent: int
    detail: str


@dataclass(frozen=True)
class Bars:
    rows: list[Bar]
    header: tuple[str, str, str] = ("Trinn", "Fremdrift", "Utfylt")


@dataclass
class Box:
    """A group of blocks (an HTML <section>/<div> with a class; nothing in Markdown)."""

    cls: str
    blocks: list[Block] = field(default_factory=list)


Block = Heading | Para | UserText | BulletList | Table | Facts | Bars | Box


@dataclass
class Document:
    title: str
    lang: str = "nb"
    blocks: list[Block] = field(default_factory=list)
    cls: str = ""  # the page's class in HTML ("wide": a page of wide tables)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


def bar_text(percent: int, width: int = 20) -> str:
    filled = round(max(0, min(percent, 100)) * width / 100)
    return "█" * filled + "░" * (width - filled)
