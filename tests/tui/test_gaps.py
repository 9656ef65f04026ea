"""A gap is a field (issue 15, item 2): Ctrl+G and the overview land on the empty field itself,
scrolled into view; Ctrl+G inside 3.A.1 goes to its own next empty field before leaving it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widget import Widget
from tui_helpers import goto, run_app, settle, wizard

from aktsomhetswizard import session as sessions

FIELDS = ("goal", "status", "year_goal", "measures", "results")


def _three_priorities(path: Path) -> None:
    """2.A.1 with three priorities; 3.A.1 filled for the first two, the third's «status» and
    «results» empty."""
    s = sessions.load(path)
    rows = []
    for n in range(3):
        row = {"impact": f"Påvirkning {n + 1}", "theme": "Tema", "geography": "Norge"}
        row |= {key: f"Svar {key} {n + 1} " + "langt " * 30 for key in FIELDS}
        rows.append(row)
    rows[2]["status"] = ""
    rows[2]["results"] = ""
    s.tables["priorities"] = rows
    sessions.save(s, path, touch=False)


def _item(w: Any) -> str | None:
    editor = w._editor()
    return None if editor is None else editor.focused_item()


def _in_view(widget: Widget) -> bool:
    pane = widget.screen.query_one("#pane")
    region, view = widget.region, pane.region
    return region.height > 0 and view.y <= region.y and region.y < view.bottom


def _on_field(pilot: Pilot[Any], w: Any, item: str) -> None:
    """The author is on ``item`` of 3.A.1 (e.g. "3.A.1[3].results"): its field has the focus,
    and it is in view."""
    focused = pilot.app.focused
    assert w.current == "3.A.1"
    assert focused is not None and focused.id == "cell-" + item.rpartition(".")[2]
    assert _item(w) == item
    assert _in_view(focused), (focused.region, w.query_one("#pane").region)


def test_ctrl_g_lands_on_each_empty_field_of_3a1(example: Path) -> None:
    _three_priorities(example)

    async def scenario(pilot: Pilot[Any]) -> None:
        w = wizard(pilot.app)  # type: ignore[arg-type]
        await goto(pilot, "2.A.3")
        await pilot.press("ctrl+g")
        await settle(pilot)
        _on_field(pilot, w, "3.A.1[3].status")
        await pilot.press("ctrl+g")  # the same question's next empty field, not past it
        await settle(pilot)
        _on_field(pilot, w, "3.A.1[3].results")
        await pilot.press("ctrl+g")  # then on to the next question with a gap
        await settle(pilot)
        assert w.current == "3.B.3"

    run_app(scenario, path=example, size=(80, 24))


def test_overview_lands_on_the_empty_field(example: Path) -> None:
    _three_priorities(example)

    async def scenario(pilot: Pilot[Any]) -> None:
        w = wizard(pilot.app)  # type: ignore[arg-type]
        await pilot.press("ctrl+o")
        await settle(pilot)
        pilot.app.screen.dismiss("3.A.1[3].results")
        await settle(pilot)
        _on_field(pilot, w, "3.A.1[3].results")

    run_app(scenario, path=example, size=(80, 24))


def test_open_at_a_field(example: Path) -> None:
    """`aktsomhet open NAVN --ved 3.A.1[3].results`: the wizard opens on that empty field."""
    import asyncio

    from aktsomhetswizard.tui.app import make_app

    _three_priorities(example)
    app = make_app(path=example, testing=True, start_item="3.A.1[3].results")

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            w = wizard(app)
            assert w.current == "3.A.1"
            assert _item(w) == "3.A.1[3].results"
            focused = app.focused
            assert focused is not None and _in_view(focused)
        app.close_store()

    asyncio.run(main())
