"""The tree (issue 15, item 5): F3 hides it, F4 widens it, both remembered in the user's
settings (not in the session); the current question stays in view after a resize; no
horizontal scrollbar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from tui_helpers import goto, run_app, settle, wizard

from aktsomhetswizard import settings
from aktsomhetswizard.tui.widgets.navtree import NavTree


def _tree(pilot: Pilot[Any]) -> NavTree:
    return pilot.app.screen.query_one(NavTree)


def _current_in_view(pilot: Pilot[Any]) -> bool:
    w = wizard(pilot.app)  # type: ignore[arg-type]
    tree = _tree(pilot)
    line = w._tree_nodes[w.current or ""].line
    top = round(tree.scroll_offset.y)
    return top <= line < top + tree.scrollable_content_region.height


def test_hide_and_widen_are_remembered(example: Path, own_settings: Path) -> None:
    before = example.read_bytes()
    widths: dict[str, int] = {}

    async def first(pilot: Pilot[Any]) -> None:
        tree = _tree(pilot)
        assert tree.display and not tree.show_horizontal_scrollbar
        widths["narrow"] = tree.size.width
        await pilot.press("f4")
        await settle(pilot)
        widths["wide"] = tree.size.width
        assert widths["wide"] > widths["narrow"] + 10
        assert not tree.show_horizontal_scrollbar
        await pilot.press("escape")  # the focus in the tree, then hide it: the focus leaves
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert not tree.display and pilot.app.focused is not tree
        assert pilot.app.focused is not None

    run_app(first, path=example, size=(100, 30))
    assert settings.load(own_settings) == settings.Settings(tree_hidden=True, tree_wide=True)
    assert example.read_bytes() == before  # a preference, not part of the report

    async def second(pilot: Pilot[Any]) -> None:
        tree = _tree(pilot)
        assert not tree.display  # remembered
        await pilot.press("f3")
        await settle(pilot)
        assert tree.display and tree.size.width == widths["wide"]
        await pilot.press("f4")
        await settle(pilot)
        assert tree.size.width == widths["narrow"]

    run_app(second, path=example, size=(100, 30))
    assert settings.load(own_settings) == settings.Settings()


def test_current_question_in_view_after_a_resize(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, "6.B.1")
        assert _current_in_view(pilot)
        await pilot.resize_terminal(80, 16)
        await settle(pilot)
        assert _current_in_view(pilot)
        await goto(pilot, "1.A.1")
        await pilot.resize_terminal(70, 12)
        await settle(pilot)
        assert _current_in_view(pilot)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert _current_in_view(pilot)

    run_app(scenario, path=example, size=(120, 40))


def test_unreadable_settings_are_ignored(own_settings: Path) -> None:
    own_settings.write_text("tree_hidden = [nonsense", encoding="utf-8")
    assert settings.load(own_settings) == settings.Settings()
    own_settings.write_text('tree_hidden = "ja"\ntree_wide = true\nother = 1\n', encoding="utf-8")
    assert settings.load(own_settings) == settings.Settings(tree_wide=True)
