"""The session file changed on disk while the wizard is open, quitting when nothing can be
written anywhere, and the position saved for resuming (issues 3 and 5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Static, TextArea
from tui_helpers import change_elsewhere, goto, run_app, settle, wait_for, wizard

from aktsomhetswizard import lock as locks
from aktsomhetswizard import saving as saving_mod
from aktsomhetswizard import session as sessions
from aktsomhetswizard import store as store_mod
from aktsomhetswizard.session import SaveError
from aktsomhetswizard.tui.screens import dialogs
from aktsomhetswizard.tui.screens.dialogs import ConfirmScreen, ConflictScreen
from aktsomhetswizard.tui.widgets.header import SessionHeader

CHANGED = "Ikke lagret: filen er endret utenfor programmet"
QID = "virksomhet.endringer"


pytestmark = pytest.mark.usefixtures("fast_autosave")


@pytest.fixture
def slow_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    """The author moves on within the autosave delay: the save on leaving writes the edit."""
    monkeypatch.setattr(saving_mod, "AUTOSAVE_DELAY", 60.0)
    monkeypatch.setattr(saving_mod, "AUTOSAVE_MAX_WAIT", 120.0)


@pytest.fixture
def dialogs_made(monkeypatch: pytest.MonkeyPatch) -> list[ConflictScreen]:
    """Every ConflictScreen created (to count how often the author is asked)."""
    made: list[ConflictScreen] = []
    original = ConflictScreen.__init__

    def init(self: ConflictScreen, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(ConflictScreen, "__init__", init)
    return made


def record_notes(app: Any) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    original = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        notes.append((str(message), str(kwargs.get("severity", "information"))))
        original(message, **kwargs)

    app.notify = notify
    return notes


def header(pilot: Pilot[Any]) -> str:
    return wizard(pilot.app).query_one(SessionHeader).status_text  # type: ignore[arg-type]


def buttons(pilot: Pilot[Any]) -> list[str]:
    return [str(b.label) for b in pilot.app.screen.query(Button)]


# -- the file changed on disk -----------------------------------------------------------------


def test_changed_file_asks_once_then_cancel_keeps_editing_then_overwrite(
        example: Path, dialogs_made: list[ConflictScreen]) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        notes = record_notes(pilot.app)
        w = await goto(pilot, QID)
        await pilot.press(*"mine svar")
        await wait_for(pilot, lambda: not w.store.dirty)  # autosaved: all is well so far
        other = change_elsewhere(example)

        # One key: the question opens a moment after the last key (keys typed after it go to
        # the dialog, not into the answer).
        await pilot.press(" ")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen))
        messages = [str(s.render()) for s in pilot.app.screen.query(Static)]
        assert "Filen er endret utenfor programmet siden den ble åpnet." in messages
        assert buttons(pilot) == ["Lagre mine svar som kopi", "Last inn endringene fra filen",
                                  "Overskriv med mine svar", "Avbryt"]
        assert example.read_bytes() == other

        # Avbryt: back to the editor, saving paused, the header says so.
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ConflictScreen)
        assert CHANGED in header(pilot)
        assert isinstance(pilot.app.focused, TextArea)
        for key in "!?":  # more edits, more autosave timers, leaving the question: no more asking
            await pilot.press(key)
            await pilot.pause(0.3)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert len(dialogs_made) == 1
        assert not [n for n in notes if n[1] == "error"]
        assert not isinstance(pilot.app.screen, ConflictScreen)
        assert example.read_bytes() == other  # never silently overwritten
        assert w.store.dirty
        assert w.store.session.answers[QID] == "mine svar !?"
        assert pilot.app.screen.query_one("#answer", TextArea).text == "mine svar !?"

        # Ctrl+S asks again; this time the author overwrites.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictScreen)
        assert len(dialogs_made) == 2
        await pilot.click("#overwrite")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ConflictScreen)
        assert sessions.load(example).answers[QID] == "mine svar !?"
        assert not w.store.dirty
        assert "Ikke lagret" not in header(pilot)
        # Autosaving is back (the answer opened again at its start when the author came back).
        await pilot.press("end", ".")
        await wait_for(pilot, lambda: not w.store.dirty)
        assert sessions.load(example).answers[QID] == "mine svar !?."
        await pilot.press("ctrl+q")

    app = run_app(scenario, path=example)
    assert app.return_value == saving_mod.EXIT_OK


def test_changed_file_copy_beside_the_session(example: Path) -> None:
    seen: dict[str, Any] = {}

    async def scenario(pilot: Pilot[Any]) -> None:
        notes = record_notes(pilot.app)
        w = await goto(pilot, QID)
        other = change_elsewhere(example)
        await pilot.press("k")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen))
        await pilot.click("#copy")
        await settle(pilot)
        copies = sorted(example.parent.glob("*-redning-*.toml"))
        assert len(copies) == 1
        assert sessions.load(copies[0]).answers[QID] == "k"
        said = [n for n, _ in notes if str(copies[0]) in n]
        assert len(said) == 1 and "\n" not in said[0]
        assert example.read_bytes() == other
        # Still not saved into the session file: paused, and the header says so.
        assert CHANGED in header(pilot)
        assert w.store.dirty
        seen["other"] = other

    run_app(scenario, path=example)
    assert example.read_bytes() == seen["other"]


def test_quit_with_changed_file_asks_and_can_stay_or_leave_with_a_copy(
        example: Path, slow_autosave: None) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, QID)
        other = change_elsewhere(example)
        await pilot.press(*"ved avslutning")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictScreen) and pilot.app.screen.quitting
        await pilot.press("escape")  # Avbryt: stay
        await settle(pilot)
        assert pilot.app.return_value is None
        assert wizard(pilot.app) is w  # type: ignore[arg-type]
        assert CHANGED in header(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ConflictScreen) and screen.quitting
        assert example.read_bytes() == other
        await pilot.click("#copy")
        await settle(pilot)

    app = run_app(scenario, path=example)
    assert app.return_value == saving_mod.EXIT_UNSAVED
    copies = sorted(example.parent.glob("*-redning-*.toml"))
    assert len(copies) == 1
    assert sessions.load(copies[0]).answers[QID] == "ved avslutning"
    assert app.exit_message is not None and str(copies[0]) in app.exit_message
    assert sessions.load(example).answers.get(QID, "") != "ved avslutning"
    assert not locks.lock_path(example).exists()


def test_changed_file_found_on_leaving_a_question(example: Path, slow_autosave: None,
                                                  dialogs_made: list[ConflictScreen]) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, QID)
        other = change_elsewhere(example)
        await pilot.press(*"på vei", "ctrl+n")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert w.current != QID  # the move went ahead
        await pilot.press("ctrl+p", "ctrl+n")
        await settle(pilot)
        assert len(dialogs_made) == 1
        assert example.read_bytes() == other
        assert w.store.session.answers[QID] == "på vei"

    run_app(scenario, path=example)


def test_changed_file_found_by_a_quick_move_then_quit(example: Path,
                                                      slow_autosave: None) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, QID)
        other = change_elsewhere(example)
        await pilot.press(*"fort", "ctrl+n", "ctrl+q")
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        asking = [s for s in pilot.app.screen_stack if isinstance(s, ConflictScreen)]
        assert len(asking) == 1 and asking[0] is pilot.app.screen
        assert example.read_bytes() == other
        await pilot.press("escape")
        await settle(pilot)
        assert not any(isinstance(s, ConflictScreen) for s in pilot.app.screen_stack)
        assert CHANGED in header(pilot)

    app = run_app(scenario, path=example)
    assert app.return_value is None


def test_taken_over_offers_no_overwrite(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, QID)
        before = example.read_bytes()
        locks.takeover(example)  # another window takes the session over
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen))
        messages = " ".join(str(s.render()) for s in pilot.app.screen.query(Static))
        assert "Økten er tatt over" in messages
        assert buttons(pilot) == ["Lagre mine svar som kopi", "Avbryt"]
        await pilot.press("escape")
        await settle(pilot)
        assert "Ikke lagret: økten er tatt over" in header(pilot)
        assert example.read_bytes() == before

    run_app(scenario, path=example)


# -- quitting when nothing can be written anywhere ---------------------------------------------


def fail_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_save(*args: Any, **kwargs: Any) -> str:
        raise SaveError("disken er full; filen er ikke endret")

    monkeypatch.setattr(sessions, "save", no_save)
    monkeypatch.setattr(store_mod, "_write_whole", lambda target, raw: False)


def test_quit_when_nothing_can_be_written_stays_open_then_second_quit_leaves(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = example.read_bytes()
    fail_everywhere(monkeypatch)

    async def scenario(pilot: Pilot[Any]) -> None:
        notes = record_notes(pilot.app)
        await goto(pilot, QID)
        await pilot.press(*"bare her")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.click("#yes")  # "Avslutt": the rescue copy cannot be written either
        await settle(pilot)
        assert pilot.app.return_value is None  # still open
        assert pilot.app.screen.query_one("#answer", TextArea).text == "bare her"
        warnings = [n for n, severity in notes if severity == "error"
                    and n == saving_mod.NOWHERE_WARNING]
        assert warnings and "\n" not in warnings[-1]
        assert locks.lock_path(example).exists()  # still ours while open
        await pilot.press("ctrl+q")  # the second request soon after: leave, warned
        await settle(pilot)

    app = run_app(scenario, path=example)
    assert app.return_value == saving_mod.EXIT_UNSAVED
    assert app.exit_message is not None and "uten å lagre" in app.exit_message
    assert example.read_bytes() == before
    assert not locks.lock_path(example).exists()


def test_quit_again_after_the_window_asks_again(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fail_everywhere(monkeypatch)
    monkeypatch.setattr(saving_mod, "QUIT_AGAIN_WINDOW", 0.0)

    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, QID)
        await pilot.press(*"x")
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        assert pilot.app.return_value is None
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)  # asked again, not gone
        assert pilot.app.return_value is None
        await pilot.click("#no")
        await settle(pilot)

    app = run_app(scenario, path=example)
    assert app.return_value is None  # the scenario ended; the app never chose to quit


# -- the position saved for resuming ---------------------------------------------------------


def test_position_saved_is_the_question_the_author_went_to(example: Path,
                                                          slow_autosave: None) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, QID)
        await pilot.press(*"endret")
        await goto(pilot, "4.A.2")  # leaving saves; the author is now at 4.A.2
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    saved = sessions.load(example)
    assert saved.answers[QID] == "endret"
    assert saved.position == "4.A.2"


def test_position_when_quitting_right_after_moving(example: Path, slow_autosave: None) -> None:
    bank_order: list[str] = []

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, QID)
        bank_order.extend(w.order)
        await pilot.press(*"raskt", "ctrl+n", "ctrl+n", "ctrl+q")

    run_app(scenario, path=example)
    saved = sessions.load(example)
    assert saved.answers[QID] == "raskt"
    assert saved.position == bank_order[bank_order.index(QID) + 2]


def test_moving_without_an_edit_leaves_the_file_identical(example: Path) -> None:
    before = example.read_bytes()

    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, QID)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+g", "ctrl+p")
        await settle(pilot)
        await pilot.press("ctrl+q")

    app = run_app(scenario, path=example)
    assert app.return_value == saving_mod.EXIT_OK
    assert example.read_bytes() == before


def test_conflict_dialog_fits_80x24(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        pilot.app.push_screen(dialogs.ConflictScreen())
        await settle(pilot)
        for button in pilot.app.screen.query(Button):
            region = button.region
            assert region.height > 0 and region.right <= 80 and region.bottom <= 24
            assert str(button.label) in str(button.render())  # not cut short

    run_app(scenario, path=example, size=(80, 24))


def test_a_failing_autosave_is_told_once_not_at_every_edit(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fail_everywhere(monkeypatch)

    async def scenario(pilot: Pilot[Any]) -> None:
        notes = record_notes(pilot.app)
        w = await goto(pilot, QID)
        for key in "abc":
            await pilot.press(key)
            await pilot.pause(0.3)  # each key: an autosave that fails the same way
        told = [n for n, severity in notes if severity == "error"]
        assert len(told) == 1 and "disken er full" in told[0]
        assert "Ikke lagret" in header(pilot)
        assert w.store.session.answers[QID] == "abc"
        await pilot.press("ctrl+s")  # asked for: always told
        await settle(pilot)
        assert len([n for n, severity in notes if severity == "error"]) == 2

    run_app(scenario, path=example)
