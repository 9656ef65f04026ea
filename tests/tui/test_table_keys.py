"""Tables filled with the keyboard alone, typed fast (issue 14, item 1; issue 15, item 3).

Keys are posted to the app in one burst, as a terminal delivers what a person types quickly
(or `tmux send-keys`): nothing waits for the row form between two keys."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, TextArea
from tui_helpers import burst, goto, run_app, settle

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import load_bank
from aktsomhetswizard.tui.widgets.editors import RowTable, TableEditor
from aktsomhetswizard.usertext import portal_text


def assert_focus_alive(pilot: Pilot[Any]) -> None:
    focused = pilot.app.focused
    assert focused is None or focused.is_attached, f"focus on a removed widget: {focused!r}"


async def step(pilot: Pilot[Any], *keys: str) -> None:
    burst(pilot, *keys)
    await asyncio.wait_for(settle(pilot), 20)
    await pilot.pause(0.05)
    await asyncio.wait_for(settle(pilot), 20)
    assert_focus_alive(pilot)


async def quit_with_ctrl_q(pilot: Pilot[Any]) -> None:
    burst(pilot, "ctrl+q")
    for _ in range(100):
        if not pilot.app.is_running:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("Ctrl+Q did not end the app")


def in_table_editor(widget: Widget | None) -> bool:
    return widget is not None and any(isinstance(a, TableEditor) for a in widget.ancestors)


# Shift+Tab ×7 is the count of the report; the focus it ends on depends on the screen's
# size: 3 and 5 end on the table and on a button at 100×30.
@pytest.mark.parametrize("shift_tabs", [3, 5, 7])
def test_the_freeze_of_issue_14(example: Path, shift_tabs: int) -> None:
    """New row, type at once; Shift+Tab ×n; new row; Tab ×10; new row; type; Ctrl+Q: the
    focus is never on a removed field, Ctrl+Q answers, and the file holds what the store
    held."""
    held: list[list[dict[str, Any]]] = []

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "2.A.1")
        pilot.app.screen.query_one(RowTable).focus()
        await settle(pilot)
        await step(pilot, "insert", "Lange dager")
        await step(pilot, *["shift+tab"] * shift_tabs)
        await step(pilot, "insert")
        await step(pilot, *["tab"] * 10)
        await step(pilot, "insert", "Kina")
        held.append([dict(r) for r in w.store.rows("priorities")])
        await quit_with_ctrl_q(pilot)

    app = run_app(scenario, path=example, size=(100, 30))
    assert app.return_value == 0
    assert sessions.load(example).tables["priorities"] == held[0]


@pytest.mark.parametrize("shift_tabs", [3, 5, 7])
def test_new_row_and_type_at_once_keeps_every_key(example: Path, shift_tabs: int) -> None:
    """The same keys: each Insert pressed in the editor (the table, a button, a field) adds a
    row, empty, and the text typed right after it is that row's first cell, whole."""

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "2.A.1")
        pilot.app.screen.query_one(RowTable).focus()
        await settle(pilot)

        async def new_row(text: str) -> None:
            before = pilot.app.focused
            count = len(w.store.rows("priorities"))
            await step(pilot, "insert", text)
            rows = w.store.rows("priorities")
            if in_table_editor(before):
                assert len(rows) == count + 1
                assert rows[-1]["impact"] == text
                assert all(v == "" for k, v in rows[-1].items() if k != "impact")
            else:
                assert len(rows) == count

        await new_row("Lange dager")
        await step(pilot, *["shift+tab"] * shift_tabs)
        await new_row("")
        await step(pilot, *["tab"] * 10)
        await new_row("Kina")
        await quit_with_ctrl_q(pilot)

    run_app(scenario, path=example, size=(100, 30))
    rows = sessions.load(example).tables["priorities"]
    assert rows[1]["impact"] == "Lange dager"


def test_five_rows_typed_in_one_go_without_a_mouse(example: Path) -> None:
    """Issue 14's done-when: 2.A.1 filled with five rows, fast, with the keyboard alone
    (Ctrl+R adds the next row from inside the row form), then Ctrl+Q: all five in the file.
    Every key is posted at once, before any is handled."""
    # «Relatert tema» is a choice (issue 12): Enter opens it, Down n times picks the n-th. Its
    # list opens as an overlay, so the keys wait for it there; every other key is posted at
    # once.
    themes = next(c.choices for c in load_bank()["2.A.1"].columns if c.key == "theme")
    wanted = [(f"Risiko {n}, med ord æøå", themes[n - 1], f"Land {n}") for n in range(1, 6)]

    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, "2.A.1")
        pilot.app.screen.query_one(RowTable).focus()
        await settle(pilot)
        burst(pilot, "insert")
        for n, (impact, _theme, geography) in enumerate(wanted):
            burst(pilot, impact, "tab")
            await step(pilot, "enter")
            await step(pilot, *["down"] * (n + 1), "enter")
            burst(pilot, "tab", geography)
            if n < len(wanted) - 1:
                burst(pilot, "ctrl+r")
        await asyncio.wait_for(settle(pilot), 30)
        await quit_with_ctrl_q(pilot)

    run_app(scenario, path=example, size=(80, 24))
    rows = sessions.load(example).tables["priorities"]
    got = [(r["impact"], r["theme"], r["geography"]) for r in rows[1:]]
    assert got == wanted


def test_a_new_row_starts_empty_when_added_right_after_typing(example: Path) -> None:
    """Ctrl+R right after typing in the last field: the row just typed in keeps what was
    typed, and the new row starts empty (the edits of the field, still on their way, are not
    written into the new row)."""

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "2.A.1")
        pilot.app.screen.query_one(RowTable).focus()
        await settle(pilot)
        # «Relatert tema» is a choice (issue 12): Tab passes it by.
        burst(pilot, "insert", "Risiko", "tab", "tab", "Kina", "ctrl+r", "Neste")
        await asyncio.wait_for(settle(pilot), 30)
        rows = w.store.rows("priorities")
        assert (rows[1]["impact"], rows[1]["theme"], rows[1]["geography"]) == \
            ("Risiko", "", "Kina")
        assert (rows[2]["impact"], rows[2]["theme"], rows[2]["geography"]) == \
            ("Neste", "", "")
        await quit_with_ctrl_q(pilot)

    run_app(scenario, path=example, size=(80, 24))
    rows = sessions.load(example).tables["priorities"]
    assert rows[2]["geography"] == "" and rows[1]["geography"] == "Kina"


def test_a_count_has_no_revenue_placeholder(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, "leverandorkjede.produsenter")
        field = pilot.app.screen.query_one("#cell-workers", Input)
        assert field.placeholder == "For eksempel 120"
        assert "1 137 092 000" not in field.placeholder

    run_app(scenario, path=example)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_table_stays_in_view_while_a_row_is_edited(example: Path,
                                                        size: tuple[int, int]) -> None:
    """Issue 14/15: Tab through a row's fields; the table (its header and the row edited)
    and the focused field are in view at each stop."""

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "2.A.1")
        table = pilot.app.screen.query_one(RowTable)
        table.focus()
        await settle(pilot)
        # Row 1 of the example: a long «Prioritert negativ påvirkning/skade».
        burst(pilot, "enter")
        await settle(pilot)
        assert len(pilot.app.screen.query_one("#cell-impact", TextArea).text) > 1000
        pane = pilot.app.screen.query_one("#pane").scrollable_content_region
        for _ in range(3):
            focused = pilot.app.focused
            assert focused is not None and any(isinstance(a, TableEditor)
                                               for a in focused.ancestors)
            await pilot.pause(0.05)
            await settle(pilot)
            assert pane.contains_region(focused.region), (focused, focused.region, pane)
            assert table.region.y >= pane.y and table.region.bottom <= pane.bottom, \
                (table.region, pane)
            burst(pilot, "tab")
            await settle(pilot)
        assert len(w.store.rows("priorities")) == 1

    run_app(scenario, path=example, size=size)


def test_a_table_of_the_most_rows_a_session_holds_stays_usable(example: Path) -> None:
    """Issue 14, item 5: a table of 100,000 rows (session.MAX_ROWS) opens, its end is one key
    away and drawn, a row is edited, a new row past the limit is refused with a message (the
    file would not open again), and Ctrl+Q saves and ends the app."""
    from aktsomhetswizard.bank import load_bank
    from aktsomhetswizard.session import MAX_ROWS

    s = sessions.load(example)
    s.tables["priorities"] = [{"impact": f"Risiko {n + 1}", "theme": "Arbeidstid",
                               "geography": "Kina"} for n in range(MAX_ROWS)]
    example.write_bytes(sessions.to_bytes(s, load_bank()))
    notes: list[str] = []

    async def scenario(pilot: Pilot[Any]) -> None:
        app = pilot.app
        original = app.notify

        def notify(message: str, **kwargs: Any) -> None:
            notes.append(message)
            original(message, **kwargs)

        app.notify = notify  # type: ignore[method-assign]
        w = await goto(pilot, "2.A.1")
        table = app.screen.query_one(RowTable)
        assert table.row_count == MAX_ROWS
        table.focus()
        await step(pilot, "end")
        assert table.cursor_row == MAX_ROWS - 1
        drawn = "".join(table.render_line(y).text for y in range(table.size.height))
        assert f"Risiko {MAX_ROWS}" in drawn
        await step(pilot, "enter", " endret")
        assert w.store.rows("priorities")[-1]["impact"] == f"Risiko {MAX_ROWS} endret"
        await step(pilot, "ctrl+r", "x")
        assert len(w.store.rows("priorities")) == MAX_ROWS
        assert any("100 000 rader" in n for n in notes), notes
        await quit_with_ctrl_q(pilot)

    run_app(scenario, path=example, size=(100, 30))
    rows = sessions.load(example).tables["priorities"]
    assert len(rows) == MAX_ROWS
    assert rows[-1]["impact"] == f"Risiko {MAX_ROWS} endretx"


def test_three_priorities_and_their_3a1_fields_without_shift_tab(example: Path) -> None:
    """Issue 15's done-when, at 80x24: three rows in 2.A.1 and their 3.A.1 fields with the
    keyboard alone: Ctrl+R for the next row, Ctrl+N to 3.A.1, Enter into a priority's fields,
    Tab between them, Ctrl+Down to the next priority's first field; no Shift+Tab. Each
    question's keys are typed in one go."""
    fields = ("goal", "status", "year_goal", "measures", "results")

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "2.A.1")
        pilot.app.screen.query_one(RowTable).focus()
        await settle(pilot)
        # «Relatert tema» is a choice (issue 12): Tab passes it by.
        await step(pilot, "insert", "Risiko A", "tab", "tab", "Land A",
                   "ctrl+r", "Risiko B", "tab", "tab", "Land B",
                   "ctrl+r", "Risiko C", "tab", "tab", "Land C")
        while w.current != "3.A.1":
            await step(pilot, "ctrl+n")
        keys: list[str] = ["down", "enter"]  # priority 2 (the first is the example's)
        for name in "ABC":
            for n, key in enumerate(fields):
                keys += [f"{key} {name}", "tab" if n < len(fields) - 1 else "ctrl+down"]
        burst(pilot, *keys[:-1])
        await asyncio.wait_for(settle(pilot), 30)
        await quit_with_ctrl_q(pilot)

    run_app(scenario, path=example, size=(80, 24))
    rows = sessions.load(example).tables["priorities"]
    assert [(r["impact"], r["theme"], r["geography"]) for r in rows[1:]] == [
        ("Risiko A", "", "Land A"), ("Risiko B", "", "Land B"), ("Risiko C", "", "Land C")]
    for row, name in zip(rows[1:], "ABC", strict=True):
        assert [row[key] for key in fields] == [f"{key} {name}" for key in fields]
    assert not any(rows[0].get(key) for key in fields)



# -- text typed on the table (no letter is a command) ----------------------------------------


@pytest.mark.parametrize("on", ["table", "button"])
def test_text_typed_on_the_table_goes_into_the_selected_row(example: Path, on: str) -> None:
    """Typing right after landing on 2.A.1 (the focus on its table or one of its buttons):
    every character, «a» included, goes after the text of the selected row's first field;
    no row is added and nothing is dropped."""

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "2.A.1")
        # The example's cell holds portal HTML: the form shows it as text, and an edit keeps
        # the text (issue 13).
        before = portal_text(w.store.rows("priorities")[0]["impact"])
        target = (pilot.app.screen.query_one(RowTable) if on == "table"
                  else pilot.app.screen.query_one("#down"))
        target.focus()
        await settle(pilot)
        # Space presses a button: on a button the text starts with a letter.
        typed = " alle var enige" if on == "table" else "alle var enige"
        await step(pilot, typed)
        rows = w.store.rows("priorities")
        assert len(rows) == 1
        assert rows[0]["impact"] == before + typed
        assert isinstance(pilot.app.focused, TextArea)
        await quit_with_ctrl_q(pilot)

    run_app(scenario, path=example, size=(100, 30))
    assert sessions.load(example).tables["priorities"][0]["impact"].endswith("alle var enige")


def test_text_typed_on_an_empty_table_starts_its_first_row(example: Path) -> None:
    """The producers table is empty in the example: typing on it adds the first row and the
    text is that row's first field (the country), whole."""

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "leverandorkjede.produsenter")
        assert w.store.rows("producers") == []
        pilot.app.screen.query_one(RowTable).focus()
        await settle(pilot)
        await step(pilot, "Vietnam", "tab", "120")
        rows = w.store.rows("producers")
        assert len(rows) == 1
        assert rows[0]["country"] == "Vietnam"
        assert rows[0]["workers"] == "120"
        await quit_with_ctrl_q(pilot)

    run_app(scenario, path=example, size=(100, 30))
    assert sessions.load(example).tables["producers"][0]["country"] == "Vietnam"


def test_text_typed_on_3a1_goes_into_the_priority_goal(example: Path) -> None:
    """3.A.1's rows are 2.A.1's priorities: text typed on its table is the selected
    priority's first follow-up field («Overordnet mål»)."""

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "3.A.1")
        pilot.app.screen.query_one(RowTable).focus()
        await settle(pilot)
        await step(pilot, "Ingen lange dager")
        rows = w.store.rows("priorities")
        assert len(rows) == 1
        assert rows[0]["goal"] == "Ingen lange dager"
        await quit_with_ctrl_q(pilot)

    run_app(scenario, path=example, size=(100, 30))
    assert sessions.load(example).tables["priorities"][0]["goal"] == "Ingen lange dager"
