"""Issue 14, item 3: a dialog that opens uninvited (the file changed on disk, the session open
elsewhere) never takes the author's typing as a choice, and never loses it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, TextArea
from tui_helpers import change_elsewhere, goto, run_app, settle, wait_for, wizard

from aktsomhetswizard import lock as locks
from aktsomhetswizard import session as sessions
from aktsomhetswizard.tui.screens import dialogs
from aktsomhetswizard.tui.screens.dialogs import ConfirmScreen, ConflictScreen, LockedScreen

QID = "virksomhet.endringer"


pytestmark = pytest.mark.usefixtures("fast_autosave")


@pytest.fixture
def typing_never_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    """The author types on without a pause long enough to arm the dialog (no wall time in the
    test: only a key that moves between the choices arms it)."""
    monkeypatch.setattr(dialogs, "ARM_DELAY", 600.0)


async def quit_with_a_copy(pilot: Pilot[Any]) -> None:
    """Ctrl+Q with unsaved text and the file changed elsewhere: asked again, keep a copy."""
    await pilot.press("ctrl+q")
    await settle(pilot)
    await pilot.click("#copy")


def focused_label(pilot: Pilot[Any]) -> str:
    focused = pilot.app.focused
    assert isinstance(focused, Button)
    return str(focused.render())


async def conflict_open(pilot: Pilot[Any], path: Path) -> tuple[Any, bytes]:
    """Type, let it save, change the file elsewhere, type one more key: the dialog opens."""
    w = await goto(pilot, QID)
    await pilot.press(*"mine svar")
    await wait_for(pilot, lambda: not w.store.dirty)
    other = change_elsewhere(path)
    await pilot.press(" ")
    # Shown and laid out (a click finds its buttons where they are drawn).
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen)
                   and all(b.region.width > 0 for b in pilot.app.screen.query(Button))
                   and bool(pilot.app.screen.query(Button)))
    await pilot.pause()
    return w, other


def test_text_typed_as_the_dialog_opens_goes_on_into_the_answer(
        example: Path, typing_never_pauses: None) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w, other = await conflict_open(pilot, example)
        # The author did not look up: letters, space, Enter and backspace go on into the
        # answer; none of them chooses anything.
        await pilot.press(*"og mer", "enter", *"tekstx", "backspace", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictScreen)
        assert w.store.session.answers[QID] == "mine svar og mer\ntekst\n"
        assert example.read_bytes() == other  # nothing overwritten
        # The safe choice has the focus, marked without colour.
        assert focused_label(pilot) == "▶ Lagre mine svar som kopi ◀"
        others = [str(b.render()) for b in pilot.app.screen.query(Button)
                  if not b.has_focus]
        assert not any("▶" in label for label in others)
        # Moving to «Overskriv» and pressing Enter asks again, with «Avbryt» focused.
        await pilot.press("down", "down")
        await settle(pilot)
        assert focused_label(pilot) == "▶ Overskriv med mine svar ◀"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert focused_label(pilot) == "▶ Avbryt ◀"
        await pilot.press("enter")  # Avbryt
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictScreen)
        assert example.read_bytes() == other
        await pilot.press("escape")  # Avbryt: go on, unsaved
        await settle(pilot)
        assert isinstance(pilot.app.focused, TextArea)
        assert pilot.app.focused.text == "mine svar og mer\ntekst\n"
        assert example.read_bytes() == other
        await pilot.press("ctrl+q")  # asked again on quit: leave with a copy
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictScreen)
        await pilot.click("#copy")

    run_app(scenario, path=example)
    copies = list(example.parent.glob("*-redning-*.toml"))
    assert len(copies) == 1
    assert sessions.load(copies[0]).answers[QID] == "mine svar og mer\ntekst\n"
    assert sessions.load(example).answers["1.A.1"] == "Endret i et annet program"


def test_enter_picks_the_safe_choice_once_the_author_moved_to_it(
        example: Path, typing_never_pauses: None) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await conflict_open(pilot, example)
        await pilot.press("down", "up")  # a deliberate look at the choices
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ConflictScreen)
        await quit_with_a_copy(pilot)

    run_app(scenario, path=example)
    # Enter chose the copy (twice: once in the wizard, once on quitting).
    assert len(list(example.parent.glob("*-redning-*.toml"))) == 2


def test_load_the_changes_from_the_file(example: Path, typing_never_pauses: None) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w, other = await conflict_open(pilot, example)
        await pilot.click("#reload")
        await settle(pilot)
        await wait_for(pilot, lambda: w.current == QID and w.conflict is None)
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ConflictScreen)
        assert w.store.session.answers["1.A.1"] == "Endret i et annet program"
        assert w.store.session.answers[QID] == "mine svar"  # the file's version
        area = w.query_one("#answer", TextArea)
        assert area.text == "mine svar"
        assert not w.store.dirty
        # Saving goes on into the file.
        area.focus()
        await pilot.press("end", "!")
        await wait_for(pilot, lambda: not w.store.dirty)
        assert sessions.load(example).answers[QID] == "mine svar!"
        assert sessions.load(example).answers["1.A.1"] == "Endret i et annet program"
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    copies = list(example.parent.glob("*-redning-*.toml"))
    assert len(copies) == 1  # the author's unsaved version, kept
    assert sessions.load(copies[0]).answers[QID] == "mine svar "


def test_locked_dialog_enter_does_not_take_over(example: Path,
                                                typing_never_pauses: None) -> None:
    held = locks.acquire(example)
    try:
        async def scenario(pilot: Pilot[Any]) -> None:
            assert isinstance(pilot.app.screen, LockedScreen)
            assert focused_label(pilot) == "▶ Avbryt ◀"
            await pilot.press(*"hei", "enter", "space")  # typed at once: nothing chosen
            await settle(pilot)
            assert isinstance(pilot.app.screen, LockedScreen)
            await pilot.press("shift+tab")
            assert focused_label(pilot) == "▶ Ta over ◀"
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(pilot.app.screen, ConfirmScreen)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(pilot.app.screen, LockedScreen)
            assert held.held()
            await pilot.press("tab", "enter")  # Avbryt
            await settle(pilot)

        app = run_app(scenario, path=example)
        assert app.return_value == 0
        assert held.held()
    finally:
        held.release()


def test_taking_over_by_keys_asks_again_then_takes_over(example: Path) -> None:
    held = locks.acquire(example)
    try:
        async def scenario(pilot: Pilot[Any]) -> None:
            await pilot.press("shift+tab", "enter")
            await settle(pilot)
            assert isinstance(pilot.app.screen, ConfirmScreen)
            await pilot.press("shift+tab", "enter")  # «Ta over»
            await settle(pilot)
            w = wizard(pilot.app)  # type: ignore[arg-type]
            assert not w.store.read_only
            await pilot.press("ctrl+q")

        run_app(scenario, path=example)
        assert not held.held()
    finally:
        held.release()


def test_typing_after_a_pause_with_the_dialog_open_chooses_nothing(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tried in tmux: the dialog opened while the author paused; they typed on (« skrevet
    videre», Enter) and the space chose «Lagre som kopi». Space never chooses here, and once
    something was typed into the dialog, Enter waits for a key that moves between choices."""
    monkeypatch.setattr(dialogs, "ARM_DELAY", 0.0)  # the pause was long enough

    async def scenario(pilot: Pilot[Any]) -> None:
        w, other = await conflict_open(pilot, example)
        await pilot.press(*" skrevet videre", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictScreen)
        assert w.store.session.answers[QID] == "mine svar  skrevet videre\n"
        assert not list(example.parent.glob("*-redning-*.toml"))
        assert example.read_bytes() == other
        await pilot.press("down", "up", "enter")  # now a deliberate choice: the copy
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ConflictScreen)
        assert len(list(example.parent.glob("*-redning-*.toml"))) == 1
        await quit_with_a_copy(pilot)

    run_app(scenario, path=example)


def test_enter_on_the_default_after_a_look_without_typing(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "ARM_DELAY", 0.0)

    async def scenario(pilot: Pilot[Any]) -> None:
        await conflict_open(pilot, example)
        await pilot.press("enter")  # nothing typed since it opened: the default (a copy)
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ConflictScreen)
        assert len(list(example.parent.glob("*-redning-*.toml"))) == 1
        await quit_with_a_copy(pilot)

    run_app(scenario, path=example)
