"""Never lose a word, as a state machine: random edits through the SessionStore, saves that
sometimes fail half way (disk full), files changed behind its back; after every step what is on
disk is exactly the last save that succeeded, and closing the store puts every word somewhere."""

from __future__ import annotations

import copy
import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import load_bank
from aktsomhetswizard.session import SaveError
from aktsomhetswizard.store import SessionStore

BANK = load_bank()
IDS = [loc.question.id for loc in BANK.questions() if not loc.question.is_table][:12]
COLUMNS = [c.key for c in BANK.table_columns("priorities")]
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)) | st.sampled_from(
    list("æøå\n\r\t\\\"'[]\x1b\u2028")), max_size=40)

_real_write = os.write


def _view(s: sessions.Session) -> dict[str, Any]:
    return {"answers": dict(s.answers), "na": dict(s.not_applicable),
            "rows": copy.deepcopy(s.tables.get("priorities", []))}


class StoreMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="aktsomhet-state-"))
        self.path = self.folder / "s.toml"
        sessions.create(self.path, "Org", 2024)
        self.store = SessionStore.open(self.path)
        self.saved = _view(self.store.session)  # what the file on disk holds
        self.author = self.saved  # what the author last saved
        self.disk = self.path.read_bytes()
        self.failing = False
        self.conflict = False
        os.write = self._write  # type: ignore[assignment]

    def _write(self, fd: int, data: Any) -> int:
        if self.failing:
            raise OSError(errno.ENOSPC, "No space left on device")
        return _real_write(fd, data)

    @rule(qid=st.sampled_from(IDS), text=TEXT)
    def answer(self, qid: str, text: str) -> None:
        self.store.set_answer(qid, text)

    @rule(qid=st.sampled_from(IDS), reason=st.none() | TEXT)
    def not_applicable(self, qid: str, reason: str | None) -> None:
        self.store.set_not_applicable(qid, reason)

    @rule()
    def add_row(self) -> None:
        self.store.add_row("priorities")

    @precondition(lambda self: bool(self.store.rows("priorities")))
    @rule(data=st.data(), key=st.sampled_from(COLUMNS), text=TEXT)
    def cell(self, data: st.DataObject, key: str, text: str) -> None:
        n = len(self.store.rows("priorities"))
        self.store.set_cell("priorities", data.draw(st.integers(0, n - 1)), key, text)

    @precondition(lambda self: bool(self.store.rows("priorities")))
    @rule(data=st.data())
    def remove_or_move(self, data: st.DataObject) -> None:
        n = len(self.store.rows("priorities"))
        i = data.draw(st.integers(0, n - 1))
        if data.draw(st.booleans()):
            self.store.remove_row("priorities", i)
        else:
            self.store.move_row("priorities", i, data.draw(st.sampled_from([-1, 1])))

    @rule(fail=st.booleans())
    def save(self, fail: bool) -> None:
        self.failing = fail
        try:
            wrote = self.store.save()
        except SaveError:
            assert fail or (self.conflict and self.store.dirty)
            assert self.store.dirty
        else:
            if wrote:
                self.saved = self.author = _view(self.store.session)
                self.disk = self.path.read_bytes()
        finally:
            self.failing = False

    @rule(text=TEXT)
    def changed_behind_its_back(self, text: str) -> None:
        """Another program rewrites the file: the store must not save over it silently."""
        other = sessions.load(self.path)
        other.answers["1.A.1"] = "annet program " + text
        sessions.save(other, self.path, backup=False)
        self.disk = self.path.read_bytes()
        self.saved = _view(sessions.load(self.path))
        self.conflict = True

    @precondition(lambda self: self.conflict)
    @rule()
    def overwrite(self) -> None:
        """The author chose to overwrite the other program's version."""
        assert self.store.overwrite()
        self.saved = self.author = _view(self.store.session)
        self.disk = self.path.read_bytes()
        self.conflict = False

    @invariant()
    def disk_is_the_last_good_save(self) -> None:
        assert self.path.read_bytes() == self.disk
        assert _view(sessions.load(self.path)) == self.saved
        assert not [p for p in self.folder.iterdir() if p.name.endswith(".tmp")]

    @invariant()
    def clean_means_saved(self) -> None:
        if not self.store.dirty:
            assert _view(self.store.session) == self.author

    def teardown(self) -> None:
        os.write = _real_write  # type: ignore[assignment]
        try:
            final = _view(self.store.session)
            dirty = self.store.dirty
            rescued = self.store.close()
            if dirty:  # every unsaved word is in the file, or in a rescue copy
                kept = sessions.load(rescued if rescued is not None else self.path)
                assert _view(kept) == final
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


StoreMachine.TestCase.settings = settings(
    max_examples=50, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_store_never_loses_a_word = StoreMachine.TestCase
