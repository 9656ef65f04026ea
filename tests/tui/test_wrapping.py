"""The fast soft-wrapping of answers (issue 6, speed) gives Textual's results: the same wrap
offsets, rows, sections and cursor offsets, for any text, width and tab size; and the answer's
text area uses it."""

from __future__ import annotations

import asyncio
import random

import pytest
from rich.cells import get_character_cell_size
from textual._wrap import compute_wrap_offsets
from textual.app import App, ComposeResult
from textual.document._document import Document
from textual.document._wrapped_document import WrappedDocument
from textual.expand_tabs import get_tab_widths

from aktsomhetswizard.tui.widgets.safe_text_area import SafeTextArea
from aktsomhetswizard.tui.widgets.wrapping import FastWrappedDocument, one_cell_wide, wrap_offsets

WORDS = ["og", "virksomheten", "æøå", "ÆØÅ-tiltak", "«sitat»", "–", "…", "x" * 45,
         "leverandørkjeden,", "2024.", "é", "\u00a0", "ord’", "µ"]
OTHER = ["ﬁ", "日本語", "👍🏽", "e\u0301", "\t", "a\tb", "\u200b", "\x07", "\x1b[2J", "\u202e"]


def _texts(seed: int, count: int, other: bool) -> list[str]:
    rng = random.Random(seed)
    out = ["", " ", "   ", "a", "x" * 200, " " * 90 + "x", "ord " * 40, "ord  " * 30 + "   "]
    pool = WORDS + (OTHER if other else [])
    for _ in range(count):
        parts = [rng.choice(pool) for _ in range(rng.randint(1, 60))]
        seps = [rng.choice([" ", " ", " ", "  ", "", "   "]) for _ in parts]
        out.append("".join(p + s for p, s in zip(parts, seps, strict=True)))
    return out


@pytest.mark.parametrize("other", [False, True])
def test_wrap_offsets_are_textuals(other: bool) -> None:
    fast = 0
    for text in _texts(6 + other, 150, other):
        for width in (1, 2, 3, 7, 10, 19, 37, 44, 45, 46, 71, 80):
            for tab in (2, 4):
                sections = get_tab_widths(text, tab)
                expected = compute_wrap_offsets(text, width, tab_size=tab,
                                                precomputed_tab_sections=sections)
                assert wrap_offsets(text, width, tab, sections) == expected, (text, width)
        fast += "\t" not in text and one_cell_wide(text)
    assert fast > (5 if other else 100)  # the fast path was taken (and so compared)


def test_one_cell_wide_is_rich_s_measure() -> None:
    for code in range(0x20, 0x3000):
        char = chr(code)
        if one_cell_wide(char):
            assert get_character_cell_size(char) == 1, hex(code)
    assert one_cell_wide("Æøå «sitat» – ord’ …")
    assert not any(one_cell_wide(t) for t in ["日", "👍", "e\u0301", "\t", "\u200b", "\x07"])


@pytest.mark.parametrize("other", [False, True])
def test_documents_wrap_and_cut_as_textuals(other: bool) -> None:
    texts = _texts(60 + other, 60, other)
    for n in range(0, len(texts), 6):
        document = Document("\n".join(texts[n:n + 6]))
        for width in (0, 5, 30, 71):
            plain = WrappedDocument(document, width, tab_width=4)
            fast = FastWrappedDocument.taking_over(WrappedDocument(document, tab_width=4))
            fast.wrap(width, 4)
            for name in ("_wrap_offsets", "_offset_to_line_info", "_line_index_to_offsets",
                         "_tab_width_cache", "_width", "_tab_width"):
                assert getattr(fast, name) == getattr(plain, name), name
            for line_index, line in enumerate(document.lines):
                assert fast.get_sections(line_index) == plain.get_sections(line_index)
                for column in range(0, len(line) + 1, 7):
                    location = (line_index, column)
                    assert fast.location_to_offset(location) == plain.location_to_offset(
                        location)
            assert fast.height == plain.height


def test_the_answer_area_wraps_with_it() -> None:
    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield SafeTextArea("ord " * 100, soft_wrap=True)

    async def scenario() -> None:
        app = One()
        async with app.run_test(size=(40, 20)) as pilot:
            area = app.query_one(SafeTextArea)
            assert isinstance(area.wrapped_document, FastWrappedDocument)
            area.load_text("æøå " * 200)
            await pilot.pause()
            assert isinstance(area.wrapped_document, FastWrappedDocument)
            assert area.navigator._wrapped_document is area.wrapped_document
            assert area.wrapped_document.height > 10

    asyncio.run(scenario())
