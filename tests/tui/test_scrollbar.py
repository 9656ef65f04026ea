"""FastScrollBar (issue 6, speed) draws what Textual's ScrollBar draws: both compared for many
sizes, positions, virtual sizes, thicknesses, both directions and the hover and grab states;
and the wizard's scrolling widgets use it."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Offset, Region
from textual.pilot import Pilot
from textual.scrollbar import ScrollBar
from textual.widgets import Static
from tui_helpers import goto, run_app

from aktsomhetswizard.tui.screens.wizard import NavTree
from aktsomhetswizard.tui.widgets.scrollbar import FastScrollBar, FastVerticalScroll

CSS = """
VerticalScroll { height: 14; width: 30; overflow-x: scroll; }
#thick, #fast-thick { scrollbar-size-vertical: 2; scrollbar-size-horizontal: 3;
                      scrollbar-color: red; scrollbar-background: blue 50%; }
Static { width: 80; height: 40; }
"""


class Bars(App[None]):
    CSS = CSS

    def compose(self) -> ComposeResult:
        for name in ("thin", "thick"):
            with VerticalScroll(id=name):
                yield Static("x")
            with FastVerticalScroll(id=f"fast-{name}"):
                yield Static("x")


def _rows(bar: ScrollBar) -> list[list[Any]]:
    bar._styles_cache.clear()
    return [list(strip) for strip in bar.render_lines(Region(0, 0, *bar.size))]


@pytest.mark.parametrize("name", ["thin", "thick"])
def test_fast_scrollbars_draw_textuals(name: str) -> None:
    async def scenario() -> None:
        app = Bars()
        async with app.run_test(size=(80, 40)) as pilot:
            await pilot.pause()
            theirs = app.query_one(f"#{name}", VerticalScroll)
            ours = app.query_one(f"#fast-{name}", FastVerticalScroll)
            compared = 0
            for vertical in (True, False):
                bars = [(w.vertical_scrollbar if vertical else w.horizontal_scrollbar)
                        for w in (theirs, ours)]
                assert type(bars[0]) is ScrollBar and type(bars[1]) is FastScrollBar
                assert bars[0].size == bars[1].size and bars[0].size.area > 0
                length = bars[0].size.height if vertical else bars[0].size.width
                for virtual in (0, 1, length, length + 1, 2 * length + 3, 91, 400):
                    for window in (0, length // 2, length):
                        span = max(0, virtual - window)
                        for position in sorted({0, 0.125, span / 3, span / 2 + 0.375,
                                                max(0, span - 1), span}):
                            for hover, grab in ((False, None), (True, None),
                                                (False, Offset(1, 1))):
                                rows = []
                                for bar in bars:
                                    bar.window_virtual_size = virtual
                                    bar.window_size = window
                                    bar.position = position
                                    bar.mouse_over = hover
                                    bar.grabbed = grab
                                    rows.append(_rows(bar))
                                assert rows[0] == rows[1], (vertical, virtual, window,
                                                            position, hover, grab)
                                # (the rows made straight from the bar's segments)
                                assert isinstance(bars[1], FastScrollBar)
                                assert bars[1]._bar_rows() is not None
                                compared += 1
            assert compared > 300

    asyncio.run(scenario())


def test_the_wizards_scrolling_widgets_use_fast_scrollbars(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "1.A.2")
        for widget in (w.query_one(NavTree), w.query_one("#pane"), w.query_one("#answer")):
            assert type(widget.vertical_scrollbar) is FastScrollBar
            assert type(widget.horizontal_scrollbar) is FastScrollBar

    run_app(scenario, path=example)
