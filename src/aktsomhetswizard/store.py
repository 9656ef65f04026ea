"""An open session being edited: the model, its file and when to save. No UI.

The wizard edits answers only through a SessionStore, so that every change marks the session
dirty and every save goes through ``session.save`` (atomic, verified, conflict-checked).
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from . import session as sessions
from .bank import Bank, load_bank
from .session import SaveError, Session
from .textsafe import normalise_newlines


class SessionStore:
    def __init__(self, path: Path, session: Session, digest: str | None,
                 read_only: bool = False) -> None:
        self.path = path
        self.session = session
        self.bank: Bank = load_bank(session.template)
        self.digest = digest
        self.read_only = read_only
        self.dirty = False
        self.last_saved: datetime | None = None
        self.last_error: str | None = None
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: Path) -> SessionStore:
        loaded = sessions.read(path)
        return cls(path, loaded.session, loaded.digest)

    # -- edits -----------------------------------------------------------------------------

    def _changed(self) -> None:
        self.dirty = True

    def set_answer(self, question_id: str, text: str) -> None:
        text = normalise_newlines(text)
        with self._lock:
            if self.session.answers.get(question_id, "") == text:
                return
            if text:
                self.session.answers[question_id] = text
            else:
                self.session.answers.pop(question_id, None)
            self._changed()

    def set_not_applicable(self, question_id: str, reason: str | None) -> None:
        """``None`` removes the mark; a text (even empty) sets it."""
        with self._lock:
            current = self.session.not_applicable.get(question_id)
            new = None if reason is None else normalise_newlines(reason)
            if current == new:
                return
            if new is None:
                self.session.not_applicable.pop(question_id, None)
            else:
                self.session.not_applicable[question_id] = new
            self._changed()

    def rows(self, table: str) -> list[dict[str, Any]]:
        return self.session.tables.get(table, [])

    def add_row(self, table: str, index: int | None = None) -> int:
        with self._lock:
            rows = self.session.rows(table)
            row = {c.key: "" for c in self.bank.table_columns(table)}
            at = len(rows) if index is None else max(0, min(index, len(rows)))
            rows.insert(at, row)
            self._changed()
            return at

    def set_cell(self, table: str, index: int, key: str, value: str) -> None:
        value = normalise_newlines(value)
        with self._lock:
            row = self.session.rows(table)[index]
            if row.get(key, "") == value and key in row:
                return
            row[key] = value
            self._changed()

    def remove_row(self, table: str, index: int) -> dict[str, Any]:
        with self._lock:
            rows = self.session.rows(table)
            row = rows.pop(index)
            if not rows:
                self.session.tables.pop(table, None)
            self._changed()
            return row

    def move_row(self, table: str, index: int, offset: int) -> int:
        with self._lock:
            rows = self.session.rows(table)
            target = index + offset
            if not 0 <= target < len(rows) or target == index:
                return index
            rows.insert(target, rows.pop(index))
            self._changed()
            return target

    def set_position(self, question_id: str) -> None:
        """Where the author is; saved with the next save, but never a reason to save."""
        self.session.position = question_id

    def mark_seen(self, question_id: str) -> None:
        """The author has looked at a carried-over answer."""
        with self._lock:
            if question_id in self.session.carried_over:
                self.session.carried_over.remove(question_id)
                self._changed()

    # -- saving ----------------------------------------------------------------------------

    def save(self, *, force: bool = False) -> bool:
        """Save when there is something to save. Returns True when a file was written.

        Raises SaveError (the file on disk is then untouched, and the session stays dirty).
        """
        with self._lock:
            if self.read_only or not (self.dirty or force):
                return False
            try:
                self.digest = sessions.save(self.session, self.path, expect_digest=self.digest)
            except SaveError as exc:
                self.last_error = str(exc)
                raise
            self.dirty = False
            self.last_error = None
            self.last_saved = sessions.now()
            return True
