"""Pilot tests of the wizard on a copy of the example session (tests/conftest.py: `example`)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea
from tui_helpers import goto, palette, run_app, settle, wizard

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Kind, Question
from aktsomhetswizard.store import SessionStore
from aktsomhetswizard.tui.screens.completeness import CompletenessScreen
from aktsomhetswizard.tui.screens.dialogs import ConfirmScreen
from aktsomhetswizard.tui.widgets.editors import (
    NotApplicable,
    RowTable,
    make_editor,
)
from aktsomhetswizard.tui.widgets.header import SessionHeader


def load(path: Path) -> sessions.Session:
    return sessions.load(path)


# -- saving ---------------------------------------------------------------------------------


def test_open_and_quit_without_edit_leaves_file_identical(example: Path) -> None:
    before = example.read_bytes()

    async def scenario(pilot: Pilot[Any]) -> None:
        w = wizard(pilot.app)  # type: ignore[arg-type]
        # Walk through questions of every kind: loading values into widgets is not an edit.
        for qid in ("virksomhet.omsetning", "virksomhet.omfattet", "2.A.1", "3.A.1",
                    "leverandorkjede.produsenter", "1.A.1"):
            await goto(pilot, qid)
        assert not w.store.dirty
        await pilot.press("ctrl+q")

    app = run_app(scenario, path=example)
    assert app.return_value == 0
    assert example.read_bytes() == before


def test_edit_then_ctrl_q_is_in_file(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, "virksomhet.endringer")
        await pilot.press(*"Ny eier", "enter", *"linje to")
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    assert load(example).answers["virksomhet.endringer"] == "Ny eier\nlinje to"


def test_ctrl_c_saves_and_quits_from_an_input(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, "virksomhet.ansatte")
        assert isinstance(pilot.app.focused, Input)
        await pilot.press("1")
        await pilot.press("ctrl+c")

    app = run_app(scenario, path=example)
    assert app.return_value == 0
    assert load(example).answers["virksomhet.ansatte"] == "3061"


def test_autosave_after_a_pause_and_on_leaving(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.endringer")
        await pilot.press(*"abc")
        assert w.store.dirty
        # The text is in the store at once, before any save.
        assert w.store.session.answers["virksomhet.endringer"] == "abc"
        deadline = asyncio.get_running_loop().time() + 5
        while w.store.dirty and asyncio.get_running_loop().time() < deadline:
            await pilot.pause(0.1)
        assert not w.store.dirty
        assert load(example).answers["virksomhet.endringer"] == "abc"
        # Leaving a question saves at once.
        await pilot.press("x", "ctrl+n")
        await settle(pilot)
        assert load(example).answers["virksomhet.endringer"] == "abcx"

    run_app(scenario, path=example)


def test_save_error_keeps_text_and_dirty(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.endringer")
        await pilot.press(*"viktig tekst")
        # Someone else changes the file on disk: the save must refuse, not overwrite.
        example.write_bytes(example.read_bytes() + b"\n")
        await pilot.press("ctrl+s")
        await settle(pilot)
        # The author is asked what to do (tests/tui/test_conflicts.py); Escape: keep editing.
        assert type(pilot.app.screen).__name__ == "ConflictScreen"
        await pilot.press("escape")
        await settle(pilot)
        assert w.store.dirty
        area = pilot.app.screen.query_one("#answer", TextArea)
        assert area.text == "viktig tekst"
        header = pilot.app.screen.query_one(SessionHeader).status_text
        assert "Ikke lagret" in header

    run_app(scenario, path=example)


# -- kinds ----------------------------------------------------------------------------------


def test_answer_line_kinds_with_validation(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.omsetning")
        field = pilot.app.screen.query_one("#answer", Input)
        field.value = ""
        await pilot.press(*"1 137 092 000")
        await settle(pilot)
        assert str(pilot.app.screen.query_one("#validation", Static).render()) == ""
        await pilot.press(*"x")
        await settle(pilot)
        assert "Skriv et tall" in str(pilot.app.screen.query_one("#validation", Static).render())
        # Never lose the author's text, even when it does not validate.
        assert w.store.session.answers["virksomhet.omsetning"] == "1 137 092 000x"

        await goto(pilot, "virksomhet.epost")
        pilot.app.screen.query_one("#answer", Input).value = "ikke-epost"
        await settle(pilot)
        assert "e-postadresse" in str(pilot.app.screen.query_one("#validation", Static).render())

        await goto(pilot, "1.A.1")
        pilot.app.screen.query_one("#answer", Input).value = "https://www.eksempel.no/policy"
        await settle(pilot)
        assert str(pilot.app.screen.query_one("#validation", Static).render()) == ""

        await goto(pilot, "virksomhet.navn")
        pilot.app.screen.query_one("#answer", Input).value = "Test AS"
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    s = load(example)
    assert s.answers["virksomhet.omsetning"] == "1 137 092 000x"
    assert s.answers["virksomhet.epost"] == "ikke-epost"
    assert s.answers["1.A.1"] == "https://www.eksempel.no/policy"
    assert s.answers["virksomhet.navn"] == "Test AS"


def test_yes_no_with_keyboard_and_mouse(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "leverandorkjede.offentlig_sektor")
        # Focus is on the radio set: Enter picks the highlighted button ("Ja").
        await pilot.press("enter")
        await settle(pilot)
        assert w.store.session.answers["leverandorkjede.offentlig_sektor"] == "Ja"
        await pilot.click("#no")
        await settle(pilot)
        assert w.store.session.answers["leverandorkjede.offentlig_sektor"] == "Nei"
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    assert load(example).answers["leverandorkjede.offentlig_sektor"] == "Nei"


class EditorHarness(App[None]):
    """One editor for a question the shipped bank does not have (choice, year)."""

    def __init__(self, question: Question, store: SessionStore) -> None:
        super().__init__()
        self.question = question
        self.store = store

    def compose(self) -> Any:
        yield make_editor(self.question, self.store, blink=False)


def test_choice_and_year_editors(example: Path) -> None:
    store = SessionStore.open(example)
    choice = Question(id="x.valg", text="Velg", kind=Kind.CHOICE, choices=("Én", "To"))
    year = Question(id="x.aar", text="År", kind=Kind.YEAR)

    async def main() -> None:
        app = EditorHarness(choice, store)
        async with app.run_test() as pilot:
            await pilot.pause()
            assert not store.dirty
            app.screen.query_one(Select).value = "To"
            await pilot.pause()
            assert store.session.answers["x.valg"] == "To"
        app = EditorHarness(year, store)
        async with app.run_test() as pilot:
            await pilot.pause()
            app.screen.query_one(Input).focus()
            await pilot.press(*"20x4")
            await pilot.pause()
            assert "årstall" in str(app.screen.query_one("#validation", Static).render())
            await pilot.press("backspace", "backspace", *"24")
            await pilot.pause()
            assert str(app.screen.query_one("#validation", Static).render()) == ""
            assert store.session.answers["x.aar"] == "2024"

    asyncio.run(main())
    getattr(store, "close", lambda: None)()


def test_next_and_previous_keys_work_inside_a_text_area(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "1.A.2")
        assert isinstance(pilot.app.focused, TextArea)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert w.current == "1.A.3"
        assert isinstance(pilot.app.focused, TextArea)
        await pilot.press("ctrl+p", "ctrl+p")
        await settle(pilot)
        assert w.current == "1.A.1"

    run_app(scenario, path=example)


# -- tables ---------------------------------------------------------------------------------


def test_priorities_add_edit_reorder_remove_and_3a1(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "2.A.1")
        store = w.store
        assert len(store.rows("priorities")) == 1
        table = pilot.app.screen.query_one(RowTable)
        table.focus()
        await pilot.press("insert")
        await settle(pilot)
        assert len(store.rows("priorities")) == 2
        # The new row's first field has focus: type the impact, then the theme.
        assert isinstance(pilot.app.focused, TextArea)
        await pilot.press(*"Lange dager")
        # «Relatert tema» is a choice of Etisk handel Norge's principle areas (issue 12).
        theme = pilot.app.screen.query_one("#cell-theme", Select)
        theme.value = "Arbeidstakerrettigheter / anstendig arbeid"
        pilot.app.screen.query_one("#cell-geography", Input).value = "Kina"
        await settle(pilot)
        rows = store.rows("priorities")
        assert rows[1]["impact"] == "Lange dager"
        assert rows[1]["theme"] == "Arbeidstakerrettigheter / anstendig arbeid"
        # Move it up: it becomes priority 1.
        table.focus()
        await pilot.press("alt+up")
        await settle(pilot)
        assert store.rows("priorities")[0]["theme"] == "Arbeidstakerrettigheter / anstendig arbeid"
        # 3.A.1 shows it first, with its five fields.
        await goto(pilot, "3.A.1")
        assert pilot.app.screen.query_one("#rows", RowTable).row_count == 2
        facts = str(pilot.app.screen.query_one("#priority-facts", Static).render())
        assert "Lange dager" in facts and "Kina" in facts
        assert len(pilot.app.screen.query("FollowUpEditor TextArea")) == 5
        pilot.app.screen.query_one("FollowUpEditor #cell-goal", TextArea).focus()
        await pilot.press(*"Kortere")
        await settle(pilot)
        assert store.rows("priorities")[0]["goal"] == "Kortere"
        # Back to 2.A.1: remove the second row (has text: asks first).
        await goto(pilot, "2.A.1")
        table = pilot.app.screen.query_one(RowTable)
        table.focus()
        await pilot.press("down", "delete")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.click("#yes")
        await settle(pilot)
        assert len(store.rows("priorities")) == 1
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    rows = load(example).tables["priorities"]
    assert [r["theme"] for r in rows] == ["Arbeidstakerrettigheter / anstendig arbeid"]
    assert rows[0]["goal"] == "Kortere"


def test_table_remove_can_be_cancelled(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "2.A.1")
        pilot.app.screen.query_one(RowTable).focus()
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert len(w.store.rows("priorities")) == 1
        assert not w.store.dirty

    run_app(scenario, path=example)


# -- not applicable, navigation, completeness -----------------------------------------------


def test_not_applicable_with_reason(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.endringer")
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(pilot.app.focused, TextArea)  # several lines (issue 15)
        assert pilot.app.focused.id == "na-reason"
        await pilot.press(*"Ingen endringer")
        await settle(pilot)
        await pilot.pause(0.3)
        assert w.result.by_question["virksomhet.endringer"].status == "not_applicable"
        assert w.displayed("virksomhet.endringer").startswith("–")
        # Another question: marked, then unmarked again.
        await goto(pilot, "3.B.3")
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "3.B.3" in w.store.session.not_applicable
        pilot.app.screen.query_one(NotApplicable).toggle()
        await settle(pilot)
        assert "3.B.3" not in w.store.session.not_applicable
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    s = load(example)
    assert s.not_applicable["virksomhet.endringer"] == "Ingen endringer"
    assert "3.B.3" not in s.not_applicable


def test_next_gap(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = wizard(pilot.app)  # type: ignore[arg-type]
        assert w.current == "forord"
        await pilot.press("ctrl+g")
        await settle(pilot)
        first = w.current
        assert first == "virksomhet.endringer"
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert w.current == "leverandorkjede.innkjopsmodell"
        # Answer it: the next gap skips it from then on.
        await goto(pilot, "virksomhet.endringer")
        await pilot.press(*"Ingen")
        await goto(pilot, "forord")
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert w.current == "leverandorkjede.innkjopsmodell"

    run_app(scenario, path=example)


def test_completeness_view_jumps_to_missing_item(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = wizard(pilot.app)  # type: ignore[arg-type]
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CompletenessScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is w
        assert w.current == "virksomhet.endringer"
        # A table cell: 3.A.1's first missing field gets the focus.
        await pilot.press("ctrl+o")
        await settle(pilot)
        view = pilot.app.screen
        assert isinstance(view, CompletenessScreen)
        view.dismiss("3.A.1[1].status")
        await settle(pilot)
        assert w.current == "3.A.1"
        assert pilot.app.focused is not None and pilot.app.focused.id == "cell-status"
        assert "Prioritering 1" in str(pilot.app.screen.query_one("#row-title", Static).render())

    run_app(scenario, path=example)


def test_resume_lands_on_the_last_question(example: Path) -> None:
    async def first(pilot: Pilot[Any]) -> None:
        await goto(pilot, "4.A.2")
        await pilot.press(*"Vi måler")
        await pilot.press("ctrl+q")

    run_app(first, path=example)
    assert load(example).position == "4.A.2"

    async def second(pilot: Pilot[Any]) -> None:
        w = wizard(pilot.app)  # type: ignore[arg-type]
        assert w.current == "4.A.2"
        assert isinstance(pilot.app.focused, TextArea)
        assert pilot.app.focused.text == "Vi måler"
        # A long answer opens at the top, the cursor at its start (issue 15); Ctrl+End goes to
        # its end, to write on.
        assert pilot.app.focused.cursor_location == (0, 0)
        await pilot.press("ctrl+end", "!")
        assert pilot.app.focused.text == "Vi måler!"
        # A one-line field: typing adds, it does not replace the selected answer.
        await goto(pilot, "virksomhet.ansatte")
        await pilot.press("0")
        assert pilot.app.screen.query_one("#answer", Input).value == "3060"

    run_app(second, path=example)


def test_command_palette_and_help(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = wizard(pilot.app)  # type: ignore[arg-type]
        await palette(pilot, "4.A.1")
        assert w.current == "4.A.1"
        await pilot.press("f1")
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await settle(pilot)
        wizard(pilot.app)  # type: ignore[arg-type]

        # Esc puts the focus in the tree; "?" there opens the help too.
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.focused is pilot.app.screen.query_one("#nav")
        await pilot.press("question_mark")
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await settle(pilot)
        # The exports of the command palette write beside the session.
        w.action_export_statement()
        w.action_export_report()
        statement = example.with_name("eksempel-ks-2023-redegjorelse.html")
        report = example.with_name("eksempel-ks-2023-rapport.html")
        assert "KS - Kommunesektorens organisasjon" in statement.read_text(encoding="utf-8")
        assert report.read_text(encoding="utf-8").lstrip().startswith("<")

    run_app(scenario, path=example)


# -- start from last year's session (via the picker) ----------------------------------------


def test_picker_new_session_from_previous_marks_carried_over(example: Path,
                                                             sessions_dir: Path) -> None:
    (sessions_dir / "ødelagt.toml").write_text("[session\n", encoding="utf-8")

    async def scenario(pilot: Pilot[Any]) -> None:
        picker = pilot.app.screen
        table = picker.query_one("#sessions")
        rendered = [str(c) for row in table._data.values() for c in row.values()]  # type: ignore[attr-defined]
        assert "kan ikke leses" in rendered
        assert "KS - Kommunesektorens organisasjon" in rendered
        await pilot.press("down")  # the broken file: its one-line reason below the list
        await settle(pilot)
        detail = str(picker.query_one("#picker-detail", Static).render())
        assert detail.startswith("Kan ikke leses: ") and "TOML" in detail
        await pilot.press("enter")  # opening it only tells why not
        await settle(pilot)
        assert pilot.app.screen is picker
        await pilot.press("up")
        await pilot.press("n")
        await settle(pilot)
        dialog = pilot.app.screen
        dialog.query_one("#org", Input).value = "KS"
        dialog.query_one("#year", Input).value = "1999"
        await settle(pilot)
        await pilot.click("#create")
        await settle(pilot)
        assert "mellom 2000" in str(dialog.query_one("#new-error", Static).render())
        dialog.query_one("#year", Input).value = "2024"
        dialog.query_one("#from", Select).value = str(example)
        await settle(pilot)
        assert dialog.query_one("#name", Input).value == "ks-2024"
        await pilot.click("#create")
        await settle(pilot)
        w = wizard(pilot.app)  # type: ignore[arg-type]
        assert w.store.path == sessions_dir / "ks-2024.toml"
        assert w.displayed("forord").startswith("↻")
        # A fact of 2023, left behind (issue 13): empty, not carried.
        assert w.displayed("virksomhet.endringer").startswith("✗")
        assert "virksomhet.omsetning" not in w.store.session.answers
        # Looking at forord and leaving it confirms nothing (issue 13).
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.pause(0.3)
        assert w.displayed("forord").startswith("↻")
        assert "forord" in w.store.session.carried_over
        await pilot.press("ctrl+q")

    run_app(scenario, directory=sessions_dir)
    s = load(sessions_dir / "ks-2024.toml")
    assert s.year == 2024 and s.organisation == "KS"
    assert "forord" in s.carried_over and "1.A.1" in s.carried_over
    assert s.answers["1.A.1"] == load(example).answers["1.A.1"]


def test_picker_opens_a_session(example: Path, sessions_dir: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")
        await settle(pilot)
        assert wizard(pilot.app).store.path == example  # type: ignore[arg-type]

    run_app(scenario, directory=sessions_dir)


# -- hostile text ---------------------------------------------------------------------------

HOSTILE = [
    "[bold]",
    "[/]",
    "[@click=app.quit]x[/]",
    "[link=https://x]y[/link]",
    "C:\\mappe\\",
    "før\x1b[2Jetter",
]


def test_hostile_text_is_shown_literally(example: Path) -> None:
    s = sessions.load(example)
    s.organisation = "[@click=app.quit]Org[/] \x1b]0;tittel\x07"
    s.answers["virksomhet.navn"] = HOSTILE[2] + "\x1b[2J"
    s.answers["virksomhet.endringer"] = "\n".join(HOSTILE)
    s.tables["priorities"][0]["theme"] = "[/]\x1b[31mrød"
    s.not_applicable["3.B.3"] = "[bold]ikke[/bold]"
    sessions.save(s, example, touch=False)
    before = example.read_bytes()

    async def scenario(pilot: Pilot[Any]) -> None:
        app = pilot.app
        w = wizard(app)  # type: ignore[arg-type]
        title = app.screen.query_one(SessionHeader).title_text
        assert "[@click=app.quit]Org[/]" in title
        assert "\x1b" not in title and "\\x1b" in title
        await goto(pilot, "virksomhet.navn")
        field = app.screen.query_one("#answer", Input)
        assert field.value == HOSTILE[2] + "\x1b[2J"
        shown = "".join(field.render_line(y).text for y in range(field.size.height))
        assert "\x1b" not in shown and "[@click=app.quit]x[/]␛[2J" in shown
        await goto(pilot, "virksomhet.endringer")
        area = app.screen.query_one("#answer", TextArea)
        assert area.text == "\n".join(HOSTILE)  # stored text unchanged in the editor
        # What the TextArea sends to the terminal holds no raw escape.
        lines = [area.render_line(y).text for y in range(area.size.height)]
        assert not any("\x1b" in line for line in lines)
        assert any("[@click=app.quit]x[/]" in line for line in lines)
        await goto(pilot, "3.A.1")
        facts = str(app.screen.query_one(".priority-facts", Static).render())
        assert "[/]\\x1b[31mrød" in facts
        await goto(pilot, "2.A.1")
        table = app.screen.query_one(RowTable)
        cells = [c for n in range(table.row_count) for c in table.get_row_at(n)]
        assert "[/]\\x1b[31mrød" in cells
        drawn = "".join(table.render_line(y).text for y in range(table.size.height))
        assert "\x1b" not in drawn and "[/]\\x1b" in drawn
        await goto(pilot, "3.B.3")
        assert app.screen.query_one("#na-reason", TextArea).text == "[bold]ikke[/bold]"
        # Type markup into an answer: stored literally, and the app is still running.
        await goto(pilot, "4.A.1")
        await pilot.press(*"[@click=app.quit]x[/]", "\\")
        await settle(pilot)
        assert w.store.session.answers["4.A.1"] == "[@click=app.quit]x[/]\\"
        assert app.is_running
        # The marks follow the typing.
        assert w.displayed("virksomhet.navn").startswith("✓")
        await goto(pilot, "virksomhet.navn")
        app.screen.query_one("#answer", Input).value = ""
        await settle(pilot)
        await pilot.pause(0.3)
        assert w.displayed("virksomhet.navn").startswith("✗")

    app = run_app(scenario, path=example)
    assert app.return_value in (None, 0)
    assert example.read_bytes() != before  # the typed answer was saved on close
    assert load(example).answers["4.A.1"] == "[@click=app.quit]x[/]\\"


# -- locking: open elsewhere ----------------------------------------------------------------


def test_locked_session_opens_read_only(example: Path) -> None:
    from aktsomhetswizard import lock

    held = lock.acquire(example)  # "another window" (this process) has it open
    before = example.read_bytes()
    try:
        async def scenario(pilot: Pilot[Any]) -> None:
            from aktsomhetswizard.tui.screens.dialogs import LockedScreen

            assert isinstance(pilot.app.screen, LockedScreen)
            text = " ".join(str(s.render()) for s in pilot.app.screen.query(Static))
            assert "Økten er åpen et annet sted" in text
            await pilot.click("#read_only")
            await settle(pilot)
            w = wizard(pilot.app)  # type: ignore[arg-type]
            assert w.store.read_only
            assert "Skrivebeskyttet" in pilot.app.screen.query_one(SessionHeader).status_text
            await goto(pilot, "virksomhet.endringer")
            area = pilot.app.screen.query_one("#answer", TextArea)
            area.focus()
            await pilot.press(*"abc")
            await settle(pilot)
            assert area.text == ""
            assert "virksomhet.endringer" not in w.store.session.answers
            await pilot.press("ctrl+q")

        app = run_app(scenario, path=example)
        assert app.return_value == 0
        assert example.read_bytes() == before
    finally:
        held.release()


def test_locked_session_taken_over(example: Path) -> None:
    from aktsomhetswizard import lock

    held = lock.acquire(example)
    try:
        async def scenario(pilot: Pilot[Any]) -> None:
            await pilot.click("#take_over")
            await settle(pilot)
            w = await goto(pilot, "virksomhet.endringer")
            assert not w.store.read_only
            await pilot.press(*"overtatt")
            await pilot.press("ctrl+q")

        run_app(scenario, path=example)
        assert not held.held()
        assert load(example).answers["virksomhet.endringer"] == "overtatt"
    finally:
        held.release()


def test_number_written_by_hand_is_shown_and_kept(example: Path) -> None:
    raw = example.read_text(encoding="utf-8").replace(
        '"virksomhet.ansatte" = "306"', '"virksomhet.ansatte" = 306')
    example.write_text(raw, encoding="utf-8")
    before = example.read_bytes()

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.ansatte")
        hints = [str(h.render()) for h in pilot.app.screen.query(".hint")]
        assert "Lagret i filen: 306" in hints
        assert w.result.by_question["virksomhet.ansatte"].status == "complete"
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    assert example.read_bytes() == before
