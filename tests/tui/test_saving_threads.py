"""Autosaves run on a worker thread, never on the event loop (issue 6): typing never waits for
a save, an edit made during a save is saved next, quitting waits for a save in flight, and a
failure in the thread is told in the UI once."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea
from tui_helpers import goto, run_app, settle, wait_for

from aktsomhetswizard import saving as saving_mod
from aktsomhetswizard import session as sessions
from aktsomhetswizard import store as store_mod
from aktsomhetswizard.session import ConflictError, SaveError
from aktsomhetswizard.store import SessionStore
from aktsomhetswizard.tui.screens import wizard as wizard_mod
from aktsomhetswizard.tui.screens.dialogs import ConflictScreen
from aktsomhetswizard.tui.widgets.header import SessionHeader

QID = "virksomhet.endringer"
LIMIT = 10.0  # a liveness guard only (a deadlock fails the test instead of hanging it)


pytestmark = pytest.mark.usefixtures("fast_autosave")


class Saves:
    """Every SessionStore.save: on which thread, and what it returned or raised."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[bool, object]] = []  # (on the main thread, outcome)
        real = SessionStore.save

        def save(store: SessionStore, *args: Any, **kwargs: Any) -> bool:
            main = threading.current_thread() is threading.main_thread()
            try:
                wrote = real(store, *args, **kwargs)
            except SaveError as exc:
                self.calls.append((main, exc))
                raise
            self.calls.append((main, wrote))
            return wrote

        monkeypatch.setattr(SessionStore, "save", save)

    def on_main_thread(self) -> list[object]:
        return [outcome for main, outcome in self.calls if main]

    def in_threads(self) -> list[object]:
        return [outcome for main, outcome in self.calls if not main]


class Gate:
    """sessions.save held at its start until ``gate`` is set (a slow disk)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real = sessions.save
        self.entered = threading.Event()
        self.gate = threading.Event()
        self.running = 0
        self.most_at_once = 0
        self._count = threading.Lock()

        def save(*args: Any, **kwargs: Any) -> str:
            with self._count:
                self.running += 1
                self.most_at_once = max(self.most_at_once, self.running)
            try:
                self.entered.set()
                assert self.gate.wait(LIMIT), "the gated save was never released"
                return real(*args, **kwargs)
            finally:
                with self._count:
                    self.running -= 1

        monkeypatch.setattr(sessions, "save", save)


def area_text(pilot: Pilot[Any]) -> str:
    return pilot.app.screen.query_one("#answer", TextArea).text


def test_autosaves_run_on_a_worker_thread_never_on_the_event_loop(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saves = Saves(monkeypatch)

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, QID)
        for key in "abcdef":
            await pilot.press(key)
            await pilot.pause(0.1)  # the autosave timer fires between keys
        await wait_for(pilot, lambda: not w.store.dirty)
        await pilot.press("g", "ctrl+n")  # leaving the question saves too
        await settle(pilot)
        await wait_for(pilot, lambda: not w.store.dirty)
        assert len(saves.in_threads()) >= 2
        assert saves.on_main_thread() == []
        assert sessions.load(example).answers[QID] == "abcdefg"

    run_app(scenario, path=example)


def test_an_edit_during_a_save_in_flight_stays_dirty_and_is_saved_next(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = Gate(monkeypatch)
    seen: dict[str, Any] = {}

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, QID)
        await pilot.press("a")
        await wait_for(pilot, gate.entered.is_set)  # the autosave of "a" is under way
        # The event loop is free: keys are handled while the save waits for the disk.
        await pilot.press("b")
        await pilot.pause(0.3)  # the next autosave is asked for while the first still runs
        assert area_text(pilot) == "ab"
        assert w.store.dirty
        assert sessions.load(example).answers.get(QID, "") == ""  # nothing written yet
        gate.gate.set()
        await wait_for(pilot, lambda: not w.store.dirty)
        await settle(pilot)
        seen["file"] = sessions.load(example).answers[QID]

    run_app(scenario, path=example)
    assert seen["file"] == "ab"
    assert gate.most_at_once == 1


def test_quit_waits_for_the_save_in_flight_then_saves_the_rest(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = Gate(monkeypatch)

    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, QID)
        await pilot.press("x")
        await wait_for(pilot, gate.entered.is_set)
        await pilot.press("y")  # after the snapshot of the save in flight
        # The quit's own save waits (on the event loop) for the one in flight: the disk
        # "comes back" from another thread a moment later.
        threading.Timer(0.3, gate.gate.set).start()
        await pilot.press("ctrl+q")

    app = run_app(scenario, path=example)
    assert app.return_value == saving_mod.EXIT_OK
    assert gate.most_at_once == 1
    assert sessions.load(example).answers[QID] == "xy"


def test_a_save_error_in_the_thread_is_told_once(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saves = Saves(monkeypatch)

    def no_save(*args: Any, **kwargs: Any) -> str:
        raise SaveError("disken er full; filen er ikke endret")

    monkeypatch.setattr(sessions, "save", no_save)
    monkeypatch.setattr(store_mod, "_write_whole", lambda target, raw: False)
    notes: list[tuple[str, str]] = []

    async def scenario(pilot: Pilot[Any]) -> None:
        original = pilot.app.notify

        def notify(message: str, **kwargs: Any) -> None:
            notes.append((str(message), str(kwargs.get("severity", "information"))))
            original(message, **kwargs)

        pilot.app.notify = notify  # type: ignore[method-assign]
        w = await goto(pilot, QID)
        for key in "abc":
            await pilot.press(key)
            await pilot.pause(0.3)
        await wait_for(pilot, lambda: len(saves.in_threads()) >= 2)
        await settle(pilot)
        assert all(isinstance(outcome, SaveError) for outcome in saves.in_threads())
        assert saves.on_main_thread() == []
        errors = [n for n, severity in notes if severity == "error"]
        assert len(errors) == 1 and "disken er full" in errors[0]
        assert w.store.dirty
        assert area_text(pilot) == "abc"

    run_app(scenario, path=example)


def test_a_conflict_found_in_the_thread_asks_once(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saves = Saves(monkeypatch)
    asked: list[ConflictScreen] = []
    original_init = ConflictScreen.__init__

    def init(self: ConflictScreen, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        asked.append(self)

    monkeypatch.setattr(ConflictScreen, "__init__", init)

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, QID)
        other = sessions.load(example)
        other.answers["1.A.1"] = "Endret i et annet program"
        sessions.save(other, example)
        changed = example.read_bytes()
        await pilot.press("k")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen))
        await pilot.pause(0.3)  # no second question, however many autosaves were due
        await settle(pilot)
        assert len(asked) == 1
        conflicts = [o for o in saves.in_threads() if isinstance(o, ConflictError)]
        assert len(conflicts) == 1
        assert saves.on_main_thread() == []
        assert w.conflict is not None  # saving paused until the author chooses
        assert example.read_bytes() == changed

    run_app(scenario, path=example)


# -- the keystroke path ------------------------------------------------------------------------


def test_typing_recomputes_completeness_only_when_the_question_changes_status(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checks: list[int] = []
    # The wizard counts with completeness.update (only what the edits changed).
    real_update = wizard_mod.update

    def counted(*args: Any, **kwargs: Any) -> Any:
        checks.append(1)
        return real_update(*args, **kwargs)

    monkeypatch.setattr(wizard_mod, "update", counted)

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, QID)  # not answered in the example
        assert w.displayed(QID).startswith("✗")
        before = len(checks)
        await pilot.press("a")  # empty → answered: the marks change
        await pilot.pause(0.3)
        await settle(pilot)
        assert len(checks) == before + 1
        assert w.displayed(QID).startswith("✓")
        for key in "bcde":  # still answered: nothing to recompute
            await pilot.press(key)
            await pilot.pause(0.2)
        await settle(pilot)
        assert len(checks) == before + 1
        assert w.displayed(QID).startswith("✓")
        for _ in "abcde":  # emptied again: the mark goes back
            await pilot.press("backspace")
        await pilot.pause(0.3)
        await settle(pilot)
        assert len(checks) == before + 2
        assert w.displayed(QID).startswith("✗")

    run_app(scenario, path=example)


def test_header_marks_unsaved_edits_until_the_autosave(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(saving_mod, "AUTOSAVE_DELAY", 60.0)  # the test runs the autosave
    monkeypatch.setattr(saving_mod, "AUTOSAVE_MAX_WAIT", 120.0)

    def status(pilot: Pilot[Any]) -> str:
        return pilot.app.screen.query_one(SessionHeader).status_text

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, QID)
        assert not status(pilot).endswith("*")
        await pilot.press("a")
        await pilot.pause()
        assert w.store.dirty and status(pilot).endswith(" *")
        w.save_in_background()  # what the autosave timer does
        await wait_for(pilot, lambda: not w.store.dirty)
        await wait_for(pilot, lambda: not status(pilot).endswith("*"))  # a moment later
        assert "Sist lagret" in status(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert status(pilot).endswith(" *")

    run_app(scenario, path=example)


def test_typing_on_right_after_an_autosave_keeps_the_header_still(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The "*" is not dropped at once after an autosave: a key soon after would put it back
    (the header's width changing twice, each a layout of the screen). Typing on, the header
    keeps its "*"; once the author stops, it goes."""
    monkeypatch.setattr(wizard_mod, "HEADER_AFTER_SAVE", 5.0)
    shown: list[str] = []

    def status(pilot: Pilot[Any]) -> str:
        return pilot.app.screen.query_one(SessionHeader).status_text

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.merker")  # answered: no mark changes
        await pilot.press("a")
        await wait_for(pilot, lambda: not w.store.dirty)  # autosaved (fast_autosave)
        await settle(pilot)
        shown.append(status(pilot))
        await pilot.press("b")
        await pilot.pause()
        shown.append(status(pilot))
        await wait_for(pilot, lambda: not w.store.dirty)
        monkeypatch.setattr(wizard_mod, "HEADER_AFTER_SAVE", 0.05)
        await pilot.press("c")
        await wait_for(pilot, lambda: not w.store.dirty)
        await wait_for(pilot, lambda: not status(pilot).endswith("*"))

    run_app(scenario, path=example)
    assert all(text.endswith(" *") for text in shown)


def test_the_cursor_moving_is_not_passed_up_through_the_screen(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """TextArea.SelectionChanged (every keystroke) stops at the text area: no one above
    handles it, and each widget it bubbled through cost a message hop."""
    from aktsomhetswizard.tui.widgets.editors import LongTextEditor

    above: list[object] = []

    def arrived(self: Any, message: TextArea.SelectionChanged) -> None:
        above.append(message)

    monkeypatch.setattr(LongTextEditor, "on_text_area_selection_changed", arrived,
                        raising=False)

    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, QID)
        area = pilot.app.screen.query_one("#answer", TextArea)
        await pilot.press(*"abc")
        await settle(pilot)
        assert area_text(pilot) == "abc"
        assert area.selection.end == (0, 3)  # the cursor did move
        assert above == []

    run_app(scenario, path=example)


def test_long_lived_objects_are_frozen_while_the_wizard_is_open(example: Path) -> None:
    """The collector's full passes (on the path of a keystroke) leave the objects that live
    as long as the session alone while the wizard is open; closing gives them back."""
    import gc

    gc.unfreeze()
    frozen: dict[str, int] = {}

    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, QID)
        frozen["open"] = gc.get_freeze_count()

    run_app(scenario, path=example)  # closes the store at the end
    assert frozen["open"] > 1000
    assert gc.get_freeze_count() == 0
