"""NavTree renders its lines itself (issue 6, speed: widgets/navtree.py): every line must be the
one Textual's Tree._render_line gives for the same widget, segment by segment (text, style and
the meta that mouse clicks read), in every state a line can be in; and clicks on the tree work."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from rich.style import Style
from rich.text import Text
from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.widgets import Tree
from tui_helpers import goto, run_app, settle, wizard

from aktsomhetswizard.tui.screens.wizard import WizardScreen
from aktsomhetswizard.tui.widgets.navtree import NavTree
from aktsomhetswizard.tui.widgets.paint import FastStylesCache

Line = tuple[int, list[tuple[str, Style | None, Any]]]


def _line(strip: Any) -> Line:
    """A strip's cells and segments, with each style's meta beside it (rich compares styles by
    their pickled meta too; spelled out so that a lost ``line``, ``node`` or ``toggle``
    shows)."""
    segments = [(seg.text, seg.style, seg.style.meta if seg.style else None) for seg in strip]
    return strip.cell_length, segments


def _render(tree: NavTree, y: int, x1: int, x2: int, style: Style, *,
            textual: bool) -> Line:
    tree._line_cache.clear()  # each side builds the line itself
    render = Tree._render_line if textual else NavTree._render_line
    return _line(render(tree, y, x1, x2, style))


def assert_lines_are_textuals(tree: NavTree, state: str) -> dict[int, Line]:
    """Every line of the tree (and one past its end), at the tree's scroll offset and cropped
    narrower, compared with Textual's. Returns the lines as shown (for the checks that the
    states differ)."""
    tree._pseudo_class_state = tree.get_pseudo_class_state()  # as Tree.render_lines sets it
    scroll_x, _ = tree.scroll_offset
    width = tree.size.width
    style = tree.rich_style
    lines = len(tree._tree_lines)
    assert lines > 50
    shown = {}
    for y in range(lines + 1):
        for x1, x2 in ((scroll_x, scroll_x + width), (scroll_x + 3, scroll_x + 17)):
            ours = _render(tree, y, x1, x2, style, textual=False)
            theirs = _render(tree, y, x1, x2, style, textual=True)
            assert ours == theirs, (state, y, x1, x2)
        shown[y] = ours if x1 == scroll_x else _render(tree, y, scroll_x, scroll_x + width,
                                                      style, textual=False)
    return shown


def assert_paint_is_textuals(tree: NavTree, monkeypatch: pytest.MonkeyPatch,
                             state: str) -> None:
    """A paint of the whole tree (render_lines, as the compositor asks for it: through the
    per-paint state of render_line, and the tree's FastStylesCache) gives the lines of
    Textual's renderer through Textual's StylesCache."""
    region = tree.size.region
    assert isinstance(tree._styles_cache, FastStylesCache)

    def paint() -> list[Line]:
        tree._line_cache.clear()
        tree._styles_cache.clear()
        return [_line(strip) for strip in tree.render_lines(region)]

    ours = paint()
    with monkeypatch.context() as patched:
        patched.setattr(NavTree, "_render_line", Tree._render_line)
        patched.setattr(tree, "_styles_cache", StylesCache())
        theirs = paint()
    assert ours == theirs, state
    assert any(text.strip() for _, line in ours for text, _, _ in line)


def _visible_line(tree: NavTree, line: int) -> None:
    top = round(tree.scroll_offset.y)
    assert top <= line < top + tree.size.height


def test_every_line_of_the_wizard_tree_is_textuals(example: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    async def scenario(pilot: Any) -> None:
        screen: WizardScreen = wizard(pilot.app)
        tree = screen.query_one(NavTree)
        nodes = screen._tree_nodes
        question = nodes["1.A.1"]
        section = question.parent
        assert section is not None and section.parent is not None
        step = section.parent

        # The question's field has the focus; the cursor on the question opened.
        assert not tree.has_focus
        await goto(pilot, "1.A.1")
        blurred = assert_lines_are_textuals(tree, "not focused")
        assert_paint_is_textuals(tree, monkeypatch, "not focused")

        tree.focus()
        await settle(pilot)
        assert tree.cursor_line == question.line
        focused = assert_lines_are_textuals(tree, "focused, cursor on a question")
        assert_paint_is_textuals(tree, monkeypatch, "focused")
        # The states differ where they should: the cursor's line with and without the focus.
        assert focused[question.line] != blurred[question.line]

        on_question = focused
        for node, state in ((section, "cursor on a section"), (step, "cursor on a step")):
            tree.cursor_line = node.line
            await settle(pilot)
            lines = assert_lines_are_textuals(tree, state)
            assert lines[node.line] != on_question[node.line]
            assert lines[question.line] != on_question[question.line]

        # The mouse over a question, then over a step (Tree highlights the lines below it).
        tree.cursor_line = question.line
        await settle(pilot)
        plain = assert_lines_are_textuals(tree, "cursor back")
        for node, state in ((nodes["1.A.2"], "hover on a question"), (step, "hover on a step")):
            tree.hover_line = node.line
            await settle(pilot)
            _visible_line(tree, node.line)
            lines = assert_lines_are_textuals(tree, state)
            assert_paint_is_textuals(tree, monkeypatch, state)
            assert lines[node.line] != plain[node.line]
        assert lines[question.line] != plain[question.line]  # under the step, highlighted
        tree.hover_line = -1
        await settle(pilot)

        # A label changes: the question's mark, its section's and its step's percentage.
        before = screen.displayed("1.A.2")
        screen.store.set_answer("1.A.2", "")
        screen.refresh_status()
        await settle(pilot)
        assert screen.displayed("1.A.2") != before
        lines = assert_lines_are_textuals(tree, "after a label changed")
        assert lines[nodes["1.A.2"].line] != plain[nodes["1.A.2"].line]

        # Scrolled down, and to the right (the labels are wider than the tree).
        assert tree.virtual_size.width > tree.size.width
        tree.scroll_to(x=5, y=30, animate=False, immediate=True)
        await settle(pilot)
        assert tree.scroll_offset == (5, 30)
        assert_lines_are_textuals(tree, "scrolled")
        assert_paint_is_textuals(tree, monkeypatch, "scrolled")

        # Another theme: other component styles.
        pilot.app.theme = "textual-light"
        await settle(pilot)
        assert_lines_are_textuals(tree, "light theme")
        assert_paint_is_textuals(tree, monkeypatch, "light theme")

    run_app(scenario, path=example, size=(120, 40))


def test_a_narrow_tree_is_textuals(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal so narrow that the tree crops every label short."""

    async def scenario(pilot: Any) -> None:
        tree = wizard(pilot.app).query_one(NavTree)
        assert tree.size.width < 30
        tree.focus()
        await settle(pilot)
        assert_lines_are_textuals(tree, "narrow")
        assert_paint_is_textuals(tree, monkeypatch, "narrow")

    run_app(scenario, path=example, size=(60, 20))


class Styled(App[None]):
    """A NavTree with what the wizard does not use: guides in bold, hover guides and the
    cursor's children's guides hidden (transparent), label and highlight
    styles, a collapsed node, a label of markup-like text, an empty label, and a label whose
    style carries meta (such a line is left to Textual's renderer)."""

    CSS = """
    NavTree > .tree--guides { text-style: bold; }
    NavTree > .tree--guides-hover { color: transparent; }
    NavTree > .tree--guides-selected { text-style: underline; color: transparent; }
    NavTree > .tree--highlight { text-style: italic; }
    NavTree > .tree--label { color: $accent; }
    """

    def compose(self) -> ComposeResult:
        tree = NavTree("Redegjørelse", id="nav")
        tree.show_root = False
        for s in range(2):  # lines 0-8 and 9-14 (the section on line 10 folded)
            step = tree.root.add(Text(f"Trinn {s}", style="bold"), expand=True)
            for t in range(2):
                section = step.add(Text(f"Avsnitt {s}.{t} [b]ikke markup[/b]"),
                                   expand=(s, t) != (1, 0))
                for q in range(3):
                    label = Text()
                    label.append("✗", style="bold red")
                    label.append(f" {s}.{t}.{q} Spørsmål med en lang tekst som kuttes av")
                    section.add_leaf(label)
        tree.root.add_leaf(Text("Med meta", style=Style(meta={"extra": 1})))  # line 15
        tree.root.add_leaf(Text(""))
        # The widest line, and one a cell narrower (padded by one cell).
        tree.root.add_leaf("x" * 70)
        tree.root.add_leaf("x" * 69)
        # Characters whose cells depend on their neighbours (rich measures the line whole).
        mark = Text()
        mark.append("\u2764", style="red")
        mark.append("\ufe0f hjerte \u200d\U0001f469\u200d\U0001f52c")
        tree.root.add_leaf(mark)
        tree.root.add_leaf(Text("\ufe0f\u200dx"))
        # Wide characters where the tree's edge cuts the label: between two, and through one.
        tree.root.add_leaf("漢字" * 30)
        tree.root.add_leaf("…" + "漢字" * 30)
        yield tree


def test_guides_styles_and_labels_the_wizard_does_not_use(
        monkeypatch: pytest.MonkeyPatch) -> None:
    async def scenario() -> None:
        app = Styled()
        async with app.run_test(size=(40, 50)) as pilot:
            tree = app.query_one(NavTree)
            await pilot.pause()
            assert len(tree._tree_lines) == 23
            states = ((False, 2, -1), (False, 1, 3), (False, 0, -1), (True, 1, 9), (True, 0, 5),
                      (True, 12, 0), (True, 15, 15), (True, 17, 16), (False, 10, 10))
            for focus, cursor, hover in states:
                app.set_focus(tree if focus else None)
                tree.cursor_line = cursor
                tree.hover_line = hover
                await pilot.pause()
                state = f"focus={focus} cursor={cursor} hover={hover}"
                assert_lines_are_textuals_small(tree, state)
                assert_paint_is_textuals(tree, monkeypatch, state)
            assert any(raw is None for _, raw in tree._raw_labels.values())  # the meta label
            # The widths Tree measures its lines with (its virtual width), folded or not.
            widths = {line.node: tree.get_label_width(line.node) for line in tree._tree_lines}
            assert widths == {node: Tree.get_label_width(tree, node) for node in widths}
            lines = tree._tree_lines
            assert widths[lines[0].node] == len("▼ Trinn 0")
            assert widths[lines[10].node] == len("▶ Avsnitt 1.0 [b]ikke markup[/b]")
            assert widths[lines[17].node] == 70

    asyncio.run(scenario())


def assert_lines_are_textuals_small(tree: NavTree, state: str) -> None:
    """Every line, cropped to the tree and whole (with its padding)."""
    tree._pseudo_class_state = tree.get_pseudo_class_state()
    width, style = tree.size.width, tree.rich_style
    for y in range(len(tree._tree_lines) + 1):
        for x2 in (width, 10**6):
            assert (_render(tree, y, 0, x2, style, textual=False)
                    == _render(tree, y, 0, x2, style, textual=True)), (state, y, x2)


def test_clicks_on_the_tree_open_a_question_and_fold_a_section(example: Path) -> None:
    """Tree reads the line (and the toggle icon) from the meta of the segment clicked."""

    async def scenario(pilot: Any) -> None:
        screen = wizard(pilot.app)
        tree = screen.query_one(NavTree)
        nodes = screen._tree_nodes
        await goto(pilot, "1.A.1")
        target = nodes["1.A.3"]
        top = round(tree.scroll_offset.y)
        # A question's label starts after two levels of guides (two cells each).
        await pilot.click(NavTree, offset=(6, target.line - top))
        await settle(pilot)
        assert screen.current == "1.A.3"
        assert tree.cursor_line == target.line
        section = target.parent
        assert section is not None and section.is_expanded
        # The section's toggle icon, after one level of guides.
        await pilot.click(NavTree, offset=(2, section.line - top))
        await settle(pilot)
        assert not section.is_expanded
        assert screen.current == "1.A.3"
        await pilot.click(NavTree, offset=(2, section.line - top))
        await settle(pilot)
        assert section.is_expanded

    run_app(scenario, path=example, size=(120, 40))
