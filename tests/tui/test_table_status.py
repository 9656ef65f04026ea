"""The wizard's marks after an edit in a table follow the edit (counted incrementally:
completeness.update and the rows holding portal HTML, kept up to date row by row): the field
count in the status line, the tree's mark, and the note about portal HTML (Pilot)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static
from tui_helpers import goto, run_app, settle

from aktsomhetswizard import session as sessions
from aktsomhetswizard.tui.widgets.editors import RowTable


def test_marks_follow_a_cell_edit(example: Path) -> None:
    s = sessions.load(example)
    s.tables["priorities"] = [{"impact": "Lange arbeidsdager hos leverandører",
                               "theme": "Arbeidstakerrettigheter / anstendig arbeid",
                               "geography": "Kina"}]
    sessions.save(s, example, touch=False)

    def status(pilot: Pilot[Any]) -> str:
        return str(pilot.app.screen.query_one("#q-status", Static).render())

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "2.A.1")
        assert "(3 av 3 felt)" in status(pilot) and "HTML" not in status(pilot)
        assert w.displayed("2.A.1").startswith("✓ ")
        pilot.app.screen.query_one(RowTable).focus()
        await settle(pilot)
        await pilot.press("insert", *"<p>Tvangsarbeid</p>")
        await settle(pilot)
        await pilot.pause(0.4)
        assert "(4 av 6 felt)" in status(pilot)
        assert "inneholder HTML fra portalen" in status(pilot)
        assert w.displayed("2.A.1").startswith("◐ ")
        assert w.result.by_question["2.A.1"].missing == ("2.A.1[2].theme", "2.A.1[2].geography")
        for _ in range(len("<p>Tvangsarbeid</p>")):
            await pilot.press("backspace")
        await pilot.press(*"Tvangsarbeid")
        await settle(pilot)
        await pilot.pause(0.4)
        assert "HTML" not in status(pilot) and "(4 av 6 felt)" in status(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)

    run_app(scenario, path=example, size=(100, 30))
    assert sessions.load(example).tables["priorities"][1]["impact"] == "Tvangsarbeid"
