"""What the wizard promises works on every Textual of the range pyproject.toml declares (issue 16):
CI runs these tests on its oldest and its newest."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult

from aktsomhetswizard.tui.widgets.safe_text_area import SafeTextArea


class _Area(App[None]):
    def compose(self) -> ComposeResult:
        yield SafeTextArea("første andre tredje", id="area")


def test_alt_delete_deletes_the_word_to_the_right() -> None:
    """F1 names Alt+Delete; Textual binds it only from 8.2.7 on."""

    async def scenario() -> None:
        app = _Area()
        async with app.run_test() as pilot:
            area = app.query_one(SafeTextArea)
            area.focus()
            area.move_cursor((0, len("første ")))
            await pilot.press("alt+delete")
            await pilot.pause()
            assert area.text == "første  tredje"

    asyncio.run(scenario())
