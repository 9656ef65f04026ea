"""FastStylesCache (issue 6, speed) paints what Textual's StylesCache paints: the rows of widgets
with and without borders, padding, outline, tint, opacity, text opacity, hatch and border titles,
content rows narrower and wider than the content, are compared with Textual's own."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rich.text import Text
from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from aktsomhetswizard.tui.widgets.paint import FastStylesCache, use_fast_styles
from aktsomhetswizard.tui.widgets.safe_text_area import SafeTextArea

STYLES = {
    "plain": "",
    "border": "border: tall $accent;",
    "border-padding": "border: round red; padding: 1 2;",
    "left-border": "border-left: thick green; padding: 0 0 0 3;",
    "right-padding": "padding: 0 4 0 0; background: blue 30%;",
    "title": "border: solid white; border-title-align: center;",
    "outline": "outline: heavy yellow;",
    "tint": "tint: red 40%; border: tall blue;",
    "opacity": "opacity: 0.6; border: tall blue;",
    "text-opacity": "text-opacity: 0.5; padding: 1;",
    "hatch": "hatch: cross $accent; padding: 1;",
    "bold": "text-style: bold reverse; color: red; background: green;",
}
TEXT = ("Æøå ord som brytes over flere linjer, med 日本語 og 👍🏽 innimellom, "
        "og et svært_langt_ord_uten_mellomrom_som_må_deles ") * 3


class Painted(App[None]):
    CSS = "\n".join(f"#{name} {{ height: 9; {css} }}" for name, css in STYLES.items())

    def compose(self) -> ComposeResult:
        for name in STYLES:
            static = Static(Text(TEXT), id=name)
            if name == "title":
                static.border_title = "Tittel [b]ikke markup[/b]"
                static.border_subtitle = "under"
            use_fast_styles(static)
            yield static


def _textuals(widget: Widget, crop: Region) -> list[Strip]:
    """The rows Textual's own StylesCache paints."""
    cache = widget._styles_cache
    widget._styles_cache = StylesCache()
    try:
        return widget.render_lines(crop)
    finally:
        widget._styles_cache = cache


def _same(widget: Widget, crop: Region) -> None:
    widget._styles_cache.clear()
    ours = widget.render_lines(crop)
    theirs = _textuals(widget, crop)
    assert [list(s) for s in ours] == [list(s) for s in theirs], (widget.id, crop)
    assert [s.cell_length for s in ours] == [s.cell_length for s in theirs]


@pytest.mark.parametrize("width", [12, 31, 80])
def test_rows_are_textuals(width: int) -> None:
    async def scenario() -> None:
        app = Painted()
        async with app.run_test(size=(width, 120)) as pilot:
            await pilot.pause()
            for name in STYLES:
                widget = app.query_one(f"#{name}", Static)
                assert isinstance(widget._styles_cache, FastStylesCache)
                w, h = widget.outer_size
                for crop in (Region(0, 0, w, h), Region(0, 2, w, 3), Region(1, 1, w - 2, h - 1)):
                    _same(widget, crop)
                # Rows wider than the content (Textual crops them) and narrower (pads them).
                for text in ("kort", "x" * (w + 5)):
                    widget.update(Text(text))
                    await pilot.pause()
                    _same(widget, Region(0, 0, w, h))

    asyncio.run(scenario())


def test_the_fast_way_is_taken_only_where_it_draws_the_same() -> None:
    """Content rows of plain, bordered and padded widgets skip Textual's per-row styling (one
    row is rendered around a marker), and their border and padding rows are kept from one
    paint to the next; tint, opacity, text opacity, hatch and outline go Textual's way."""
    async def scenario() -> None:
        app = Painted()
        async with app.run_test(size=(40, 120)) as pilot:
            await pilot.pause()
            textual_rows: list[int] = []
            render_line = StylesCache.render_line

            def counting(self: StylesCache, *args: Any) -> Strip:
                textual_rows.append(args[1])
                return render_line(self, *args)

            def paint(widget: Static) -> int:
                textual_rows.clear()
                StylesCache.render_line = counting  # type: ignore[method-assign]
                try:
                    widget._styles_cache.clear()  # every row dirty
                    widget.render_lines(Region(0, 0, *widget.outer_size))
                finally:
                    StylesCache.render_line = render_line  # type: ignore[method-assign]
                return len(textual_rows)

            for name in STYLES:
                widget = app.query_one(f"#{name}", Static)
                widget._styles_cache = FastStylesCache()  # nothing kept yet
                height = widget.outer_size.height
                gutter = widget.styles.gutter
                fixed = gutter.top + gutter.bottom
                if name in ("tint", "opacity", "text-opacity", "hatch", "outline"):
                    assert paint(widget) == height, name
                    assert paint(widget) == height - fixed, name
                else:
                    assert paint(widget) == 1 + fixed, name  # the marker row, borders, padding
                    assert paint(widget) == 0, name

    asyncio.run(scenario())


def test_rows_follow_changes_of_style() -> None:
    """What is kept from one paint to the next (the parts around the content, the border and
    padding rows) is worked out again when a style it depends on changes."""
    async def scenario() -> None:
        app = Painted()
        async with app.run_test(size=(40, 120)) as pilot:
            widget = app.query_one("#border-padding", Static)
            changes = [
                ("border", ("tall", "green")), ("border_left", ("thick", "blue")),
                ("padding", (0, 1)), ("background", "red 20%"), ("tint", "blue 30%"),
                ("tint", "blue 0%"), ("outline", ("solid", "yellow")), ("outline", None),
                ("border_title_align", "right"), ("text_opacity", 0.5), ("text_opacity", 1.0),
            ]
            widget.border_title = "En tittel"
            for attribute, value in changes:
                setattr(widget.styles, attribute, value)
                await pilot.pause()
                _same(widget, Region(0, 0, *widget.outer_size))
            widget.focus()
            widget.border_subtitle = "Og en til"
            await pilot.pause()
            _same(widget, Region(0, 0, *widget.outer_size))

    asyncio.run(scenario())


class Areas(App[None]):
    CSS = """
    SafeTextArea { height: 8; }
    #padded { padding: 1 3; border: round red; }
    """

    def compose(self) -> ComposeResult:
        yield SafeTextArea(TEXT, soft_wrap=True, id="area")
        yield SafeTextArea(TEXT, soft_wrap=True, id="padded", show_line_numbers=True)


def test_a_text_area_paints_as_textuals() -> None:
    async def scenario() -> None:
        app = Areas()
        async with app.run_test(size=(50, 30)) as pilot:
            for area in app.query(SafeTextArea):
                area.cursor_blink = False
                area.focus()
                await pilot.pause()
                for place in [(0, 0), (0, 40), area.document.end]:
                    area.move_cursor(place)
                    await pilot.pause()
                    area._line_cache.clear()
                    _same(area, Region(0, 0, *area.outer_size))

    asyncio.run(scenario())


def test_a_paint_with_nothing_dirty_draws_what_textual_draws() -> None:
    """A paint that renders no row (all kept, none dirty) gives the last paint's rows, as long
    as they are what Textual draws: after a change of the text, of the widget's styles, of an
    ancestor's background, of the theme, each paint is compared with Textual's."""
    async def scenario() -> None:
        app = Painted()
        async with app.run_test(size=(40, 120)) as pilot:
            widget = app.query_one("#border-padding", Static)
            crop = Region(0, 0, *widget.outer_size)

            def check() -> None:
                first = widget.render_lines(crop)
                again = widget.render_lines(crop)  # nothing dirty in between
                assert [list(s) for s in again] == [list(s) for s in first]
                assert [list(s) for s in again] == [list(s) for s in _textuals(widget, crop)]

            await pilot.pause()
            check()
            for change in (
                lambda: widget.update(Text("ny tekst")),
                lambda: setattr(widget.styles, "background", "green 40%"),
                lambda: setattr(app.screen.styles, "background", "red"),
                lambda: setattr(app, "theme", "textual-light"),
                lambda: widget.add_class("annen"),
            ):
                change()
                await pilot.pause()
                check()

    asyncio.run(scenario())
