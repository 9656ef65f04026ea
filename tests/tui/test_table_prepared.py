"""Issue 16: the editor of a table question near the one shown is built while the author reads
(WizardScreen._prepare_tables), so that the first move into 2.A.1 or 3.A.1 is as quick as a
later one. Such an editor must behave as one built on the visit: keys typed right after the
move land in it, and it shows the rows as they are when the author gets there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea
from tui_helpers import burst, goto, run_app, settle

from aktsomhetswizard.tui.widgets.editors import RowTable


def test_keys_typed_right_after_the_first_move_into_a_table_land_in_it(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "1.E.1")  # 2.A.1 is next: its editor is built meanwhile
        rows = len(w.store.rows("priorities"))
        burst(pilot, "ctrl+n", "ctrl+r", "Ny risiko fra tastaturet")
        await settle(pilot)
        assert w.current == "2.A.1"
        stored = w.store.rows("priorities")
        assert len(stored) == rows + 1
        assert stored[-1]["impact"] == "Ny risiko fra tastaturet"
        field = pilot.app.focused
        assert isinstance(field, TextArea) and field.id == "cell-impact"
        assert field.text == "Ny risiko fra tastaturet"
        assert field.region.height > 0  # on screen, not in a stowed editor
        table = pilot.app.screen.query_one("QuestionEditor.-shown RowTable", RowTable)
        assert table.row_count == rows + 1 and table.cursor_row == rows
        await pilot.press("ctrl+q")

    run_app(scenario, path=example, size=(100, 30))


def test_a_table_built_before_a_row_was_added_shows_the_row(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "2.A.3")  # 3.A.1 next: built now, with the rows of now
        await goto(pilot, "2.A.1")
        pilot.app.screen.query_one("QuestionEditor.-shown RowTable", RowTable).focus()
        burst(pilot, "ctrl+r", "Prioritet lagt til etterpå")
        await settle(pilot)
        for _ in range(3):
            await pilot.press("ctrl+n")
            await settle(pilot)
        assert w.current == "3.A.1"
        table = pilot.app.screen.query_one("QuestionEditor.-shown RowTable", RowTable)
        rows = w.store.rows("priorities")
        assert table.row_count == len(rows)
        assert "Prioritet lagt til etterpå" in " ".join(table.get_row_at(len(rows) - 1))
        assert table.region.height > 0
        await pilot.press("ctrl+q")

    run_app(scenario, path=example, size=(100, 30))
