"""SafeTextArea paints the rows away from the cursor straight from the document (issue 6): the
rows it paints are the same as Textual's TextArea paints, the cursor's row and a selection
included, before and after an edit; and a paragraph away from the cursor is not divided at all
(Textual divides it once per row painted). tests/tui/test_safe_text_area_rows.py compares every
row in more cases."""

from __future__ import annotations

import asyncio
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import TextArea

from aktsomhetswizard.tui.widgets.safe_text_area import SafeTextArea

PARAGRAPH = " ".join(f"ord{i} med litt tekst" for i in range(60))
TEXT = f"{PARAGRAPH}\n\nkort linje\n{PARAGRAPH[:300]}"


class Pair(App[None]):
    CSS = "TextArea { width: 40; height: 12; max-height: 12; }"

    def compose(self) -> ComposeResult:
        for area in (SafeTextArea(TEXT, soft_wrap=True, id="safe"),
                     TextArea(TEXT, soft_wrap=True, id="plain")):
            area.cursor_blink = False
            yield area


def _rows(area: TextArea) -> list[list[Any]]:
    area._line_cache.clear()  # Textual's own row cache: render each row again
    return [list(area.render_line(y)) for y in range(area.size.height)]


def _painted(area: TextArea) -> list[list[Any]]:
    """The area as the compositor asks for it: a whole paint (border included)."""
    area._line_cache.clear()
    area._styles_cache.clear()
    return [list(strip) for strip in area.render_lines(area.region.reset_offset)]


async def _same(app: Pair, pilot: Any) -> None:
    """Each area painted with the focus (the cursor drawn), the same rows, row by row and as
    a whole paint."""
    safe, plain = app.query_one("#safe", TextArea), app.query_one("#plain", TextArea)
    assert safe.size == plain.size and safe.size.height == 10
    rows, paints = [], []
    for area in (safe, plain):
        area.focus()
        await pilot.pause()
        rows.append(_rows(area))
        paints.append(_painted(area))
    assert rows[0] == rows[1]
    assert paints[0] == paints[1]


def test_rows_are_textuals_and_a_paragraph_off_the_cursor_is_not_divided(monkeypatch: Any) -> None:
    divided: list[str] = []
    divide = Text.divide

    def counting(self: Text, offsets: Any) -> Any:
        divided.append(self.plain)
        return divide(self, offsets)

    async def scenario() -> None:
        app = Pair()
        async with app.run_test(size=(90, 30)) as pilot:
            safe, plain = app.query_one("#safe", TextArea), app.query_one("#plain", TextArea)
            for area in (safe, plain):
                area.move_cursor((0, 5))  # the cursor in the long paragraph
            await pilot.pause()
            await _same(app, pilot)
            # The 10 rows, all of the long paragraph (the cursor is elsewhere): not divided.
            safe.move_cursor((2, 0))
            safe.focus()
            await pilot.pause()
            monkeypatch.setattr(Text, "divide", counting)
            assert isinstance(safe, SafeTextArea)
            divided.clear()
            _rows(safe)
            assert divided.count(PARAGRAPH + " ") == 0
            monkeypatch.setattr(Text, "divide", divide)
            plain.move_cursor((2, 0))
            await _same(app, pilot)
            # A selection across the paragraph, then an edit in it: still Textual's rows.
            for area in (safe, plain):
                area.selection = area.selection.__class__((0, 3), (0, 200))
            await pilot.pause()
            await _same(app, pilot)
            for area in (safe, plain):
                area.move_cursor((0, 10))
                area.insert("NYTT ")
                area.move_cursor((2, 0))  # the edited paragraph's rows unstyled, so kept
            await pilot.pause()
            for edit in (None, "Ord9"):
                for area in (safe, plain):
                    if edit:  # the same length and wrapping, another text
                        area.replace(edit, (0, 60), (0, 64))
                    area.scroll_home(animate=False, immediate=True)
                await pilot.pause()
                await _same(app, pilot)
            shown = "".join(seg.text for row in _rows(safe) for seg in row)
            assert "NYTT" in shown and "Ord9" in shown

    asyncio.run(scenario())
