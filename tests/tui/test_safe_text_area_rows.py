"""SafeTextArea renders the rows the cursor, the selection, a bracket and a suggestion leave
alone straight from the document (issue 6, speed): every row it paints must be the row Textual's
TextArea paints, whatever the text (wide characters, empty lines, tabs, control characters),
the cursor, the selection, the theme and the scroll position; and in plain text the rows away
from the cursor take that path (a paragraph is not built and divided for each row)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from aktsomhetswizard.tui.widgets.safe_text_area import SafeTextArea

PARAGRAPH = " ".join(f"Æøå ord{i} med litt tekst" for i in range(40))
TEXTS = {
    "prose": f"{PARAGRAPH}\n\n{PARAGRAPH[:333]}\nkort linje\n\n{PARAGRAPH[:500]}.",
    "wide": "日本語のテキストと👍🏽絵文字 " * 12 + "\n" + "ａｂｃ " * 30 + "\nslutt",
    "edges": "x" * 37 + "\n" + "y" * 38 + "\n" + "z" * 39 + "\n   \n" + "mellomrom   " * 9,
    "tabs": f"før\tetter\t{PARAGRAPH[:200]}\n{PARAGRAPH[:200]}",
    "controls": f"lyd\x07 og\x08 slett {PARAGRAPH[:150]}\nESC \x1b[2J {PARAGRAPH[:150]}\n"
                f"\u202eomvendt {PARAGRAPH[:120]}\n{PARAGRAPH[:150]}",
    "brackets": f"({PARAGRAPH[:160]})\n[{PARAGRAPH[:90]}]",
}


class Area(App[None]):
    CSS = "TextArea { width: 40; height: 12; max-height: 12; }"

    def __init__(self, text: str, **options: Any) -> None:
        super().__init__()
        self.text = text
        self.options = options

    def compose(self) -> ComposeResult:
        area = SafeTextArea(self.text, soft_wrap=True, **self.options)
        area.cursor_blink = False
        yield area


def _compare(area: SafeTextArea) -> int:
    """Every row of the document (scrolled through it): SafeTextArea's row is Textual's.
    Returns how many rows the direct path rendered."""
    direct = 0
    height = area.size.height
    for top in range(0, max(1, area.wrapped_document.height), height - 1):
        area.scroll_to(y=top, animate=False, immediate=True)
        for y in range(height):
            ours = area._render_line(y)
            textuals = TextArea._render_line(area, y)
            assert isinstance(ours, Strip)
            assert list(ours) == list(textuals), (top, y)
            assert ours.cell_length == textuals.cell_length
            direct += area._plain_row(y) is not None
    return direct


def _cursors(area: SafeTextArea) -> list[Any]:
    """Cursor places: the start, the end, inside each line (first, middle and last row of a
    wrapped line), and selections within a line and across lines."""
    end = area.document.end
    places: list[Any] = [(0, 0), end]
    for row in range(area.document.line_count):
        length = len(area.document.get_line(row))
        places += [(row, length // 2), (row, length)]
    places += [Selection((0, 3), (0, 50)), Selection((0, 10), (2, 4)),
               Selection(end, (0, 0))]
    return places


@pytest.mark.parametrize("name", sorted(TEXTS))
@pytest.mark.parametrize("options", [
    {},
    {"read_only": True},
    {"read_only": True, "show_cursor": False},
    {"highlight_cursor_line": False},
    {"theme": "monokai"},
])
def test_every_row_is_textuals(name: str, options: dict[str, Any]) -> None:
    async def scenario() -> None:
        app = Area(TEXTS[name], **options)
        async with app.run_test(size=(60, 20)) as pilot:
            area = app.query_one(SafeTextArea)
            area.focus()  # the cursor drawn (without the focus only the cursor is not)
            await pilot.pause()
            direct = 0
            for place in _cursors(area):
                if isinstance(place, Selection):
                    area.selection = place
                else:
                    area.move_cursor(place)
                direct += _compare(area)
            # Somewhere the direct path was taken (so this compared it with Textual's).
            assert direct > 0

    asyncio.run(scenario())


def test_a_suggestion_and_a_bracket_are_textuals() -> None:
    async def scenario() -> None:
        app = Area(TEXTS["brackets"])
        async with app.run_test(size=(60, 20)) as pilot:
            area = app.query_one(SafeTextArea)
            area.focus()
            for place in [(0, 0), (0, 161), (1, 0), (1, 91)]:
                area.move_cursor(place)  # on a bracket: its partner is styled too
                await pilot.pause()
                assert area.matching_bracket_location is not None
                _compare(area)
            area.move_cursor((0, 40))
            area.suggestion = "forslag som er langt nok til å bryte linjen " * 2
            await pilot.pause()
            _compare(area)

    asyncio.run(scenario())


def test_rows_away_from_the_cursor_build_no_paragraph(monkeypatch: Any) -> None:
    """The speed itself: in a plain long paragraph, no row is built as Textual builds it (a
    rich Text of the whole paragraph, divided at every wrap offset), the cursor's own row
    neither."""
    built: list[str] = []
    divided: list[str] = []
    init, divide = Text.__init__, Text.divide

    def counting_init(self: Text, text: str = "", *args: Any, **kwargs: Any) -> None:
        built.append(text)
        init(self, text, *args, **kwargs)

    def counting_divide(self: Text, offsets: Any) -> Any:
        divided.append(self.plain)
        return divide(self, offsets)

    async def scenario() -> None:
        app = Area(PARAGRAPH + "\n\n" + PARAGRAPH)
        async with app.run_test(size=(60, 20)) as pilot:
            area = app.query_one(SafeTextArea)
            area.focus()
            area.move_cursor((2, 0))  # the second paragraph, on its first row
            area.scroll_home(animate=False, immediate=True)
            await pilot.pause()
            monkeypatch.setattr(Text, "__init__", counting_init)
            monkeypatch.setattr(Text, "divide", counting_divide)
            area._line_cache.clear()
            rows = [area.render_line(y) for y in range(area.size.height)]
            monkeypatch.setattr(Text, "__init__", init)
            monkeypatch.setattr(Text, "divide", divide)
            assert len(rows) == 10 and all(rows)
            assert not [t for t in built if len(t) >= len(PARAGRAPH)]
            assert divided == []
            # The cursor's own row (scrolled to it) builds a Text of that row alone, and
            # divides nothing.
            area.scroll_end(animate=False, immediate=True)
            area.move_cursor((2, 0))
            await pilot.pause()
            y = area.wrapped_document.location_to_offset((2, 0)).y - area.scroll_offset.y
            monkeypatch.setattr(Text, "__init__", counting_init)
            monkeypatch.setattr(Text, "divide", counting_divide)
            built.clear()
            area._line_cache.clear()
            row = area.render_line(y)
            monkeypatch.setattr(Text, "__init__", init)
            monkeypatch.setattr(Text, "divide", divide)
            assert divided == []
            assert built and all(len(t) <= area.size.width for t in built)
            assert row.text.startswith(PARAGRAPH[:20])

    asyncio.run(scenario())
