"""The answer's text area and the navigation tree keep their component styles (cursor, cursor
line, guides …) through a repaint (issue 6, speed), and still take up a change of styles: the
focus (a pseudo-class), a class, the theme."""

from __future__ import annotations

import asyncio
from typing import Any

from rich.style import Style
from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import Tree

from aktsomhetswizard.tui.screens.wizard import NavTree
from aktsomhetswizard.tui.widgets.safe_text_area import SafeTextArea

PARTS = {
    "area": ["text-area--cursor", "text-area--cursor-line", "text-area--selection"],
    "nav": ["tree--cursor", "tree--guides", "tree--label"],
}


class Pair(App[None]):
    def compose(self) -> ComposeResult:
        area = SafeTextArea("første linje\nandre linje", id="area")
        area.cursor_blink = False
        yield area
        tree = NavTree("Redegjørelse", id="nav")
        tree.root.add_leaf("Spørsmål")
        tree.root.expand()
        yield tree


def _styles(widget: Widget) -> dict[str, Style]:
    return {name: widget.get_component_rich_style(name) for name in PARTS[str(widget.id)]}


def _fresh(widget: Widget) -> dict[str, Style]:
    """Worked out again from the stylesheet's styles, as if nothing were kept."""
    kept = widget._rich_style_cache
    widget._rich_style_cache = {}
    try:
        return _styles(widget)
    finally:
        widget._rich_style_cache = kept


def test_component_styles_are_kept_through_a_repaint_and_follow_style_changes() -> None:
    async def scenario() -> None:
        app = Pair()
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.pause()
            for name in ("area", "nav"):
                widget = app.query_one(f"#{name}", Widget)
                app.set_focus(None)
                await pilot.pause()
                blurred = _styles(widget)
                cached = dict(widget._rich_style_cache)
                assert cached
                # A repaint (whole, or a region of it) keeps them.
                widget.refresh()
                widget.refresh(widget.region.reset_offset)
                await pilot.pause()
                assert widget._rich_style_cache == cached
                assert all(widget._rich_style_cache[k] is v for k, v in cached.items())
                # The focus (a pseudo-class) and a class: the tree's cursor changes with the
                # focus, the area's with "-read-only". Seen, and what the stylesheet says.
                cursor = PARTS[name][0]
                widget.focus()
                await pilot.pause()
                focused = _styles(widget)
                assert focused == _fresh(widget)
                widget.add_class("-read-only")
                await pilot.pause()
                marked = _styles(widget)
                assert marked == _fresh(widget)
                if name == "nav":
                    assert focused[cursor] != blurred[cursor]
                else:
                    assert marked[cursor] != focused[cursor]
                before = _styles(widget)
                app.theme = "textual-light" if app.theme != "textual-light" else "nord"
                await pilot.pause()
                after = _styles(widget)
                assert after == _fresh(widget)
                assert after != before
                app.theme = "textual-dark"
                await pilot.pause()

    asyncio.run(scenario())


def test_a_painted_row_follows_the_focus() -> None:
    """End to end: the tree's cursor line and the area's cursor as painted, before and after
    the focus moves, are those of a widget that kept nothing."""

    async def scenario() -> None:
        app = Pair()
        async with app.run_test(size=(60, 20)) as pilot:
            area, tree = app.query_one("#area", SafeTextArea), app.query_one("#nav", NavTree)
            tree.cursor_line = 0
            rows: list[Any] = []
            for target in (area, tree, area):
                target.focus()
                await pilot.pause()
                painted = [list(area.render_line(0)), list(tree.render_line(0))]
                for widget in (area, tree):
                    widget._rich_style_cache = {}
                area._line_cache.clear()
                tree._line_cache.clear()
                assert painted == [list(area.render_line(0)), list(tree.render_line(0))]
                rows.append(painted)
            assert rows[0] != rows[1] and rows[0] == rows[2]

    asyncio.run(scenario())


def test_tree_lines_in_a_paint_are_textuals(monkeypatch: Any) -> None:
    """NavTree works out what the lines of one paint share once: each line as Textual's
    Tree.render_line renders it, scrolled anywhere, the cursor anywhere."""

    class Big(App[None]):
        def compose(self) -> ComposeResult:
            tree = NavTree("Redegjørelse", id="nav")
            for s in range(8):
                section = tree.root.add(f"Avsnitt {s} [b]ikke markup[/b]", expand=True)
                for q in range(10):
                    section.add_leaf(f"{s}.{q} Spørsmål med en lang tekst som kuttes av")
            tree.root.expand()
            yield tree

    async def scenario() -> None:
        app = Big()
        async with app.run_test(size=(40, 20)) as pilot:
            tree = app.query_one(NavTree)
            render_line = NavTree.render_line
            painted: dict[int, Any] = {}

            def recording(self: NavTree, y: int) -> Any:
                painted[y] = render_line(self, y)
                return painted[y]

            for top, cursor in ((0, 3), (17, 30), (60, 70), (60, 2)):
                tree.scroll_to(y=top, animate=False, immediate=True)
                tree.cursor_line = cursor
                await pilot.pause()
                painted.clear()
                monkeypatch.setattr(NavTree, "render_line", recording)
                tree._line_cache.clear()
                tree._styles_cache.clear()
                tree.render_lines(tree.region.reset_offset)
                monkeypatch.setattr(NavTree, "render_line", render_line)
                assert len(painted) == tree.size.height
                tree._line_cache.clear()
                for y, strip in painted.items():
                    assert list(strip) == list(Tree.render_line(tree, y)), (top, y)

    asyncio.run(scenario())
