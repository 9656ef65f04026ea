"""Long answers open at the top; F1 documents editing with keys that work, and says that it
scrolls (issue 15, item 4)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Static, TextArea
from tui_helpers import goto, run_app, settle, wizard

from aktsomhetswizard.tui.screens.dialogs import HELP, HelpScreen
from aktsomhetswizard.tui.widgets.safe_text_area import SafeTextArea

# What the help says, the key Textual knows it by, and the action the text area runs for it.
EDITING_KEYS = [
    ("F7", "f7", "select_all"),
    ("F6", "f6", "select_line"),
    ("Ctrl+Z", "ctrl+z", "undo"),
    ("Ctrl+Y", "ctrl+y", "redo"),
    ("Ctrl+X", "ctrl+x", "cut"),
    ("Ctrl+V", "ctrl+v", "paste"),
    ("Ctrl+W", "ctrl+w", "delete_word_left"),
    ("Alt+Delete", "alt+delete", "delete_word_right"),
    ("Ctrl+U", "ctrl+u", "delete_to_start_of_line"),
    ("Ctrl+Venstre/Høyre", "ctrl+left", "cursor_word_left"),
    ("Ctrl+End", "ctrl+end", "cursor_document_end"),
    ("Ctrl+Home", "ctrl+home", "cursor_document_start"),
    ("PgUp, PgDn", "pagedown", "cursor_page_down"),
]


def _bound(key: str) -> str | None:
    for cls in (SafeTextArea, TextArea):
        for binding in cls.BINDINGS:
            keys = binding.key.split(",") if hasattr(binding, "key") else binding[0].split(",")
            if key in keys:
                return binding.action if hasattr(binding, "action") else binding[1]
    return None


@pytest.mark.parametrize("said, key, action", EDITING_KEYS)
def test_help_names_the_real_editing_keys(said: str, key: str, action: str) -> None:
    editing = HELP[HELP.index("Skrive i et svar"):HELP.index("Tabeller")]
    assert said in editing
    assert _bound(key) == action


def test_long_answer_opens_at_the_top_and_the_editing_keys_work(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, "1.A.2")  # an answer of ~1,400 characters, taller than the area
        area = pilot.app.focused
        assert isinstance(area, TextArea)
        original = area.text
        assert len(original) > 1000
        assert area.cursor_location == (0, 0) and area.scroll_y == 0
        await pilot.press("ctrl+end")
        assert area.cursor_location == area.document.end and area.scroll_y > 0
        await pilot.press("ctrl+home")
        assert area.cursor_location == (0, 0)
        await pilot.press("f7", "x")  # select all, then typing replaces it
        assert area.text == "x"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert area.text == original
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert area.text == "x"
        # Another long answer, by Ctrl+N and back: opens at its top too.
        await goto(pilot, "1.D.1")
        area = pilot.app.focused
        assert isinstance(area, TextArea)
        assert area.cursor_location == (0, 0) and area.scroll_y == 0

    run_app(scenario, path=example, size=(80, 24))


def test_help_says_that_it_scrolls_and_scrolls(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        wizard(pilot.app)  # type: ignore[arg-type]
        await pilot.press("f1")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, HelpScreen)
        scroll = screen.query_one("#help-scroll", VerticalScroll)
        assert scroll.max_scroll_y > 0  # longer than 24 rows
        hint = screen.query_one("#help-hint", Static)
        assert hint.region.height >= 1 and re.search(r"ruller", str(hint.render()))
        assert pilot.app.focused is scroll
        await pilot.press("pagedown")
        await settle(pilot)
        assert scroll.scroll_y > 0

    run_app(scenario, path=example, size=(80, 24))


def test_labels_wrap_never_cut(example: Path) -> None:
    """3.A.1's long labels («… og begrunnelse for tiltaket/tiltakene») wrap within the pane."""

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "3.A.1")
        pane = w.query_one("#pane")
        labels = list(w.query(".field-label"))
        assert labels
        for label in labels:
            text = str(label.render())
            assert label.region.right <= pane.region.right, (text, label.region)
            # All of it fits in the rows it has: nothing cut off at the edge.
            assert len(text) <= label.size.width * label.size.height, (text, label.size)
        measures = next(lb for lb in labels if "begrunnelse for tiltaket" in str(lb.render()))
        assert measures.size.height >= 2

    run_app(scenario, path=example, size=(80, 24))
