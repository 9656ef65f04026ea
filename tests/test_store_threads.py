"""SessionStore saves from a worker thread (issue 6): a save writes a snapshot taken when it
started, edits go on meanwhile and stay dirty, one save runs at a time, and closing waits for a
save in flight."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aktsomhetswizard import session as sessions
from aktsomhetswizard.session import SaveError
from aktsomhetswizard.store import SessionStore

QID = "virksomhet.endringer"
LIMIT = 10.0  # a liveness guard only: a deadlock fails the test instead of hanging it


class GatedSave:
    """sessions.save, held at its start until ``release`` (as a slow disk would); counts how
    many run at once."""

    def __init__(self) -> None:
        self.real = sessions.save
        self.entered = threading.Event()
        self.gate = threading.Event()
        self.running = 0
        self.most_at_once = 0
        self.calls = 0
        self._count = threading.Lock()

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        with self._count:
            self.running += 1
            self.calls += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            self.entered.set()
            assert self.gate.wait(LIMIT), "the gated save was never released"
            return self.real(*args, **kwargs)
        finally:
            with self._count:
                self.running -= 1


@pytest.fixture
def gated(monkeypatch: pytest.MonkeyPatch) -> GatedSave:
    gate = GatedSave()
    monkeypatch.setattr(sessions, "save", gate)
    return gate


@pytest.fixture
def store(example: Path) -> Iterator[SessionStore]:
    opened = SessionStore.open(example)
    yield opened
    if opened.lock is not None:
        opened.lock.release()


def in_thread(target: Any) -> tuple[threading.Thread, dict[str, Any]]:
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["result"] = target()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            out["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


def test_an_edit_during_a_save_stays_dirty_and_is_saved_next(
        store: SessionStore, example: Path, gated: GatedSave) -> None:
    store.set_answer(QID, "first")
    thread, out = in_thread(store.save)
    assert gated.entered.wait(LIMIT)
    # The save is under way (holding its snapshot): the author types on, without waiting.
    editor, _ = in_thread(lambda: store.set_answer(QID, "first and second"))
    editor.join(LIMIT)
    assert not editor.is_alive(), "an edit waited for a save"
    gated.gate.set()
    thread.join(LIMIT)
    assert out == {"result": True}
    # The file holds the snapshot; the later edit is still unsaved.
    assert sessions.load(example).answers[QID] == "first"
    assert store.dirty
    assert store.session.answers[QID] == "first and second"
    assert store.save() is True
    assert not store.dirty
    assert sessions.load(example).answers[QID] == "first and second"


def test_a_save_without_edits_meanwhile_leaves_the_store_clean(
        store: SessionStore, example: Path, gated: GatedSave) -> None:
    store.set_answer(QID, "only this")
    gated.gate.set()
    thread, out = in_thread(store.save)
    thread.join(LIMIT)
    assert out == {"result": True}
    assert not store.dirty
    assert store.save() is False  # nothing left to write
    assert gated.calls == 1


def test_one_save_at_a_time(store: SessionStore, example: Path, gated: GatedSave) -> None:
    store.set_answer(QID, "a")
    first, out1 = in_thread(store.save)
    assert gated.entered.wait(LIMIT)
    store.set_answer(QID, "ab")
    second, out2 = in_thread(store.save)  # waits for the first, then writes "ab"
    gated.gate.set()
    first.join(LIMIT)
    second.join(LIMIT)
    assert out1 == {"result": True} and out2 == {"result": True}
    assert gated.most_at_once == 1
    assert gated.calls == 2
    assert sessions.load(example).answers[QID] == "ab"
    assert not store.dirty


def test_close_waits_for_a_save_in_flight_then_saves_the_rest(
        store: SessionStore, example: Path, gated: GatedSave) -> None:
    store.set_answer(QID, "in flight")
    saving, out = in_thread(store.save)
    assert gated.entered.wait(LIMIT)
    store.set_answer(QID, "in flight, then more")
    closing, closed = in_thread(store.close)
    gated.gate.set()
    saving.join(LIMIT)
    closing.join(LIMIT)
    assert not closing.is_alive()
    assert out == {"result": True}
    assert closed == {"result": None}  # saved, not rescued
    assert gated.most_at_once == 1
    assert sessions.load(example).answers[QID] == "in flight, then more"
    assert store.lock is not None and not store.lock.held()


def test_a_failed_save_in_a_thread_keeps_the_text_and_the_error(
        store: SessionStore, example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = example.read_bytes()

    def full(*args: Any, **kwargs: Any) -> str:
        raise SaveError("disken er full; filen er ikke endret")

    monkeypatch.setattr(sessions, "save", full)
    store.set_answer(QID, "viktig")
    thread, out = in_thread(store.save)
    thread.join(LIMIT)
    assert isinstance(out.get("error"), SaveError)
    assert store.dirty
    assert store.last_error is not None and "disken er full" in store.last_error
    assert example.read_bytes() == before


def test_the_saved_file_is_the_snapshot_not_a_half_edited_session(
        store: SessionStore, example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Edits that land while the file is being serialised do not reach that file (the save
    works on its own copy of the answers, the rows and the marks)."""
    real = sessions.save
    row = store.add_row("priorities")

    def edit_meanwhile(session: sessions.Session, *args: Any, **kwargs: Any) -> str:
        store.set_answer(QID, "later")
        store.set_not_applicable("1.A.1", "later")
        store.set_cell("priorities", row, "theme", "later")
        return real(session, *args, **kwargs)

    monkeypatch.setattr(sessions, "save", edit_meanwhile)
    store.set_answer(QID, "now")
    assert store.save() is True
    on_disk = sessions.load(example)
    assert on_disk.answers[QID] == "now"
    assert on_disk.not_applicable.get("1.A.1") != "later"
    assert all(r.get("theme") != "later" for r in on_disk.tables.get("priorities", []))
    assert store.dirty
    monkeypatch.setattr(sessions, "save", real)
    assert store.save() is True
    on_disk = sessions.load(example)
    assert on_disk.answers[QID] == "later"
    assert on_disk.not_applicable["1.A.1"] == "later"
    assert on_disk.tables["priorities"][row]["theme"] == "later"
