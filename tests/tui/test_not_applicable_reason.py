"""The not-applicable reason is a field of several lines (issue 15, item 6)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea
from tui_helpers import goto, run_app, settle

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import load_bank
from aktsomhetswizard.completeness import check
from aktsomhetswizard.render.report import render_report


def test_reason_of_several_lines(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.endringer")
        await pilot.press("ctrl+t")
        await settle(pilot)
        field = pilot.app.focused
        assert isinstance(field, TextArea) and field.id == "na-reason"
        await pilot.press(*"Ingen endringer i år.", "enter", *"Neste linje.")
        await settle(pilot)
        assert field.text == "Ingen endringer i år.\nNeste linje."
        assert field.size.height >= 2  # both lines shown, wrapped
        assert field.soft_wrap and not field.show_horizontal_scrollbar
        await goto(pilot, "forord")
        await goto(pilot, "virksomhet.endringer")
        reason = pilot.app.screen.query_one("#na-reason", TextArea)
        assert reason.text == "Ingen endringer i år.\nNeste linje."
        assert w.result.by_question["virksomhet.endringer"].status == "not_applicable"
        await pilot.press("ctrl+q")

    run_app(scenario, path=example, size=(80, 24))
    s = sessions.load(example)
    assert s.not_applicable["virksomhet.endringer"] == "Ingen endringer i år.\nNeste linje."
    bank = load_bank()
    html = render_report(bank, s, check(bank, s), [], "html", "x")
    assert "Ingen endringer i år.<br>\nNeste linje." in html
