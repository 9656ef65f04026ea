"""Issue 14, item 2: the focus is never left on a removed widget, and quitting, help and saving
answer from any state (a dialog open, a worker waiting on it, the focus anywhere)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_helpers import goto, run_app, settle, wizard

from aktsomhetswizard import saving as saving_mod
from aktsomhetswizard import session as sessions
from aktsomhetswizard.tui.screens.completeness import CompletenessScreen
from aktsomhetswizard.tui.screens.dialogs import ConfirmScreen, HelpScreen

QID = "virksomhet.endringer"


async def focus_then_remove(pilot: Pilot[Any]) -> None:
    """A field is focused and removed at once (as a rebuild of a form does while the focus is
    on its way there): Textual sets the focus a moment later, on the widget going away."""
    pane = pilot.app.screen.query_one("#pane")
    doomed = Input(id="doomed")
    await pane.mount(doomed)
    doomed.focus()
    doomed.remove()


def test_focus_on_a_removed_widget_moves_to_a_live_one_and_keys_work(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, QID)
        await pilot.pause()
        await focus_then_remove(pilot)
        await settle(pilot)
        await pilot.press(*"lever")
        await settle(pilot)
        focused = pilot.app.focused
        assert focused is not None and focused.is_attached
        assert w.store.session.answers.get(QID, "").endswith("lever")
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("f1")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("ctrl+q")

    app = run_app(scenario, path=example)
    assert app.return_value == 0
    assert sessions.load(example).answers[QID].endswith("lever")


def test_ctrl_s_saves_and_f1_helps_while_a_dialog_is_open(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No autosave meanwhile (a slow machine): the save is Ctrl+S's.
    monkeypatch.setattr(saving_mod, "AUTOSAVE_DELAY", 600.0)
    monkeypatch.setattr(saving_mod, "AUTOSAVE_MAX_WAIT", 1200.0)

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, QID)
        await pilot.press(*"fra dialog")
        await pilot.press("ctrl+o")  # the overview: a modal, awaited by a worker
        await settle(pilot)
        assert isinstance(pilot.app.screen, CompletenessScreen)
        assert w.store.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not w.store.dirty
        assert sessions.load(example).answers[QID] == "fra dialog"
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CompletenessScreen)
        await pilot.press("ctrl+q")

    app = run_app(scenario, path=example)
    assert app.return_value == 0


def test_ctrl_q_quits_from_a_confirmation_awaited_by_a_worker(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, "2.A.1")
        w = wizard(pilot.app)  # type: ignore[arg-type]
        table = w.query_one("#rows")
        table.focus()
        await settle(pilot)
        await pilot.press("delete")  # the row holds text: "Fjerne rad 1?"
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("ctrl+c")

    before = sessions.load(example).tables
    app = run_app(scenario, path=example)
    assert app.return_value == 0
    assert sessions.load(example).tables == before


def test_text_typed_into_a_field_is_there_after_focus_was_lost(example: Path) -> None:
    """After the focus fell on a removed widget, the next keys reach a field (the text area
    of the question) rather than nowhere."""
    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, QID)
        await pilot.press(*"x")
        await focus_then_remove(pilot)
        await settle(pilot)
        await pilot.press(*"abc")
        await settle(pilot)
        assert isinstance(pilot.app.focused, TextArea)
        assert pilot.app.focused.text.endswith("abc")
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    assert sessions.load(example).answers[QID].endswith("abc")


def test_two_quick_enters_in_the_overview_leave_the_wizard_there(example: Path) -> None:
    """Found by the monkey test: the second Enter, typed before the first one's dismissal was
    done, dismissed again and popped the wizard (a blank screen)."""
    from textual import events

    from aktsomhetswizard.tui.screens.wizard import WizardScreen

    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, QID)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CompletenessScreen)
        for _ in range(2):  # at full speed: no wait between them
            pilot.app.post_message(events.Key("enter", "\r"))
        await settle(pilot)
        await settle(pilot)
        assert isinstance(pilot.app.screen, WizardScreen)
        await pilot.press(*"ok")
        await pilot.press("ctrl+q")

    app = run_app(scenario, path=example)
    assert app.return_value == 0


def test_a_dialog_answers_its_question_once(example: Path) -> None:
    answers: list[bool | None] = []

    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, QID)
        dialog = ConfirmScreen("Sikker?", yes="Ja", no="Nei")
        pilot.app.push_screen(dialog, answers.append)
        await settle(pilot)
        dialog.dismiss(True)
        dialog.dismiss(True)  # the second Enter
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ConfirmScreen)
        wizard(pilot.app)  # type: ignore[arg-type]  # still there
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    assert answers == [True]


def test_keys_typed_just_before_a_move_stay_in_their_own_question(example: Path) -> None:
    """Found by the monkey test: a letter typed into a one-line answer just before Ctrl+P
    (a question of the same editor, re-pointed) wrote the old field's text into the question
    moved to."""
    from textual import events

    before = sessions.load(example).answers

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.epost")
        assert isinstance(pilot.app.focused, Input)
        for key, char in (("x", "x"), ("ctrl+p", None)):  # at full speed
            pilot.app.post_message(events.Key(key, char))
        await settle(pilot)
        await settle(pilot)
        assert w.current == "virksomhet.kontaktperson"
        answers = w.store.session.answers
        assert answers["virksomhet.kontaktperson"] == before["virksomhet.kontaktperson"]
        assert answers["virksomhet.epost"] == before["virksomhet.epost"] + "x"
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    after = sessions.load(example).answers
    assert after["virksomhet.kontaktperson"] == before["virksomhet.kontaktperson"]
    assert after["virksomhet.epost"] == before["virksomhet.epost"] + "x"


def test_two_quick_ctrl_k_open_one_palette(example: Path) -> None:
    """Found by bench/monkey.py: a Ctrl+K while a palette was opening or closing pushed one
    with the id the other still held, and the app crashed (DuplicateIds). (This sequence did
    not hit the moment on the old code every time; it guards the keys around it.)"""
    from textual import events
    from textual.command import CommandPalette

    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, QID)
        for key in ("ctrl+k", "ctrl+k", "escape", "ctrl+k", "escape", "ctrl+k"):
            pilot.app.post_message(events.Key(key, "\x1b" if key == "escape" else None))
        await settle(pilot)
        assert pilot.app.is_running
        assert sum(isinstance(s, CommandPalette) for s in pilot.app.screen_stack) <= 1
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+q")

    app = run_app(scenario, path=example)
    assert app.return_value == 0


def test_two_quick_enters_in_the_palette_leave_the_wizard_there(example: Path) -> None:
    """Found by bench/monkey.py: Textual's palette, dismissed by two quick Enters, popped the
    wizard too, and the app crashed with no screen left."""
    from textual import events

    from aktsomhetswizard.tui.app import WizardPalette
    from aktsomhetswizard.tui.screens.wizard import WizardScreen

    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, QID)
        await pilot.press("ctrl+k")
        await settle(pilot)
        assert isinstance(pilot.app.screen, WizardPalette)
        await pilot.press(*"1.A.1")
        await pilot.pause(0.5)
        for _ in range(3):  # at full speed
            pilot.app.post_message(events.Key("enter", "\r"))
        await settle(pilot)
        await settle(pilot)
        assert pilot.app.is_running
        assert isinstance(pilot.app.screen, WizardScreen)
        await pilot.press("ctrl+q")

    app = run_app(scenario, path=example)
    assert app.return_value == 0
