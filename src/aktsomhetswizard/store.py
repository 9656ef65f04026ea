"""An open session being edited: the model, its file and when to save. No UI.

The wizard edits answers only through a SessionStore, so that every change marks the session
dirty and every save goes through ``session.save`` (atomic, verified, conflict-checked).

Threads: a save may run on a worker thread while the author goes on typing (the wizard's
autosave). Two locks, always taken in this order:
- ``_save_lock``: one save at a time (held for the whole save: serialising and writing);
- ``_lock``: the session model (edits, and the snapshot a save takes; held only briefly).
An edit takes only ``_lock``, so typing never waits for a save. A save takes a snapshot of the
session under ``_lock`` (the answers are immutable strings: copying the dicts is enough), then
serialises and writes the snapshot without it. Each edit bumps a generation counter; a save
marks clean only the generation it wrote, so an edit made while a save is in flight keeps the
session dirty and is written by the next save.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
import threading
from datetime import datetime
from glob import escape as glob_escape
from pathlib import Path
from typing import Any

from . import lock as locks
from . import session as sessions
from .bank import Bank, load_bank
from .completeness import Changes
from .session import ConflictError, SaveError, Session
from .textsafe import normalise_newlines


class SessionStore:
    def __init__(self, path: Path, session: Session, digest: str | None,
                 read_only: bool = False) -> None:
        self.path = path
        self.session = session
        self.bank: Bank = load_bank(session.template)
        self.digest = digest
        self.read_only = read_only
        # Every change bumps _generation; _saved_generation is the one the file holds.
        self._generation = 0
        self._saved_generation = 0
        # The position as last written to the file (``position`` is never a reason to save).
        self.saved_position = session.position
        self.last_saved: datetime | None = None
        self.last_error: str | None = None
        # The file lock (lock.py) while the session is open for writing; None when read-only.
        self.lock: locks.SessionLock | None = None
        # The first save of this opening keeps the file as it was as <name>.toml.bak; later
        # (auto)saves leave that backup alone, so it stays the version from before this sitting.
        self._backed_up = False
        self._lock = threading.RLock()
        self._save_lock = threading.RLock()
        # What changed since the wizard last counted (take_changes; completeness.update):
        # table -> the rows whose cells changed, or None (rows added, removed, moved).
        self._changes = Changes()

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, takeover: bool = False) -> SessionStore:
        """Open a session for editing: lock it, then read it.

        Raises ``lock.LockedError`` (a SessionError, with ``.info``) when another live process
        holds the session; open it again with ``read_only=True`` or ``takeover=True``. Raises
        SessionError when the file cannot be used; nothing is then locked or written.
        """
        path = Path(path)
        held: locks.SessionLock | None = None
        if not read_only:
            if not path.exists():
                sessions.read(path)  # the clear "finnes ikke" error, before any lock file
            held = locks.takeover(path) if takeover else locks.acquire(path)
        try:
            loaded = sessions.read(path)
            store = cls(path, loaded.session, loaded.digest, read_only=read_only)
        except BaseException:
            if held is not None:
                held.release()
            raise
        store.lock = held
        if held is not None:
            _remove_stale_temporaries(path)
        return store

    # -- edits -----------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Something changed since the last save that succeeded (or since it was read)."""
        return self._generation != self._saved_generation

    def _changed(self) -> None:
        self._generation += 1

    def _rows_changed(self, table: str, index: int | None) -> None:
        """Note for take_changes: a row's cells changed (``index``), or the rows (None)."""
        tables = self._changes.tables
        if index is None:
            tables[table] = None
            return
        seen = tables.get(table, set())
        if seen is not None:
            seen.add(index)
            tables[table] = seen

    def _question_changed(self, question_id: str) -> None:
        """A question was answered, marked or confirmed: its table (if it is a table
        question), or every table (if another question's applying depends on it), is counted
        again as a whole."""
        self._changes.answers = True
        if self.bank.is_gate(question_id):
            for table in self.bank.table_names:
                self._changes.tables[table] = None
        elif question_id in self.bank and self.bank[question_id].table is not None:
            self._changes.tables[self.bank[question_id].table or ""] = None

    def take_changes(self) -> Changes:
        """What changed since the last call (completeness.update), and forget it."""
        with self._lock:
            changes, self._changes = self._changes, Changes()
            return changes

    def set_answer(self, question_id: str, text: str) -> None:
        """An edit: also confirms an answer carried over from last year."""
        text = normalise_newlines(text)
        with self._lock:
            if self.session.answers.get(question_id, "") == text:
                return
            if text:
                self.session.answers[question_id] = text
            else:
                self.session.answers.pop(question_id, None)
            self.session.confirm(question_id)
            self._question_changed(question_id)
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
            self.session.confirm(question_id)
            self._question_changed(question_id)
            self._changed()

    def rows(self, table: str) -> list[dict[str, Any]]:
        return self.session.tables.get(table, [])

    def add_row(self, table: str, index: int | None = None) -> int:
        with self._lock:
            rows = self.session.rows(table)
            row = {c.key: "" for c in self.bank.table_columns(table)}
            at = len(rows) if index is None else max(0, min(index, len(rows)))
            rows.insert(at, row)
            self._confirm_table(table)
            self._rows_changed(table, None)
            self._changed()
            return at

    def set_cell(self, table: str, index: int, key: str, value: str) -> None:
        value = normalise_newlines(value)
        with self._lock:
            row = self.session.rows(table)[index]
            if row.get(key, "") == value and key in row:
                return
            row[key] = value
            owner = self.bank.column_question(table, key)
            if owner is not None and self.session.confirm(owner.id):
                self._rows_changed(table, None)  # no longer carried over: counted afresh
            self._rows_changed(table, index)
            self._changed()

    def remove_row(self, table: str, index: int) -> dict[str, Any]:
        with self._lock:
            rows = self.session.rows(table)
            row = rows.pop(index)
            if not rows:
                self.session.tables.pop(table, None)
            self._confirm_table(table)
            self._rows_changed(table, None)
            self._changed()
            return row

    def move_row(self, table: str, index: int, offset: int) -> int:
        with self._lock:
            rows = self.session.rows(table)
            target = index + offset
            if not 0 <= target < len(rows) or target == index:
                return index
            rows.insert(target, rows.pop(index))
            self._confirm_table(table)
            self._rows_changed(table, None)
            self._changed()
            return target

    def set_position(self, question_id: str) -> None:
        """Where the author is; saved with the next save, but never a reason to save."""
        self.session.position = question_id

    def _confirm_table(self, table: str) -> None:
        """Rows added, removed or moved: an edit of the question that holds the rows."""
        owner = self.bank.table_owner(table)
        if owner is not None:
            self.session.confirm(owner.id)

    def confirm(self, question_id: str) -> bool:
        """The author confirms an answer carried over from last year (an explicit key in the
        wizard; moving past it confirms nothing). True when there was one to confirm."""
        with self._lock:
            if self.read_only or not self.session.confirm(question_id):
                return False
            self._question_changed(question_id)
            self._changed()
            return True

    def confirm_section(self, section_id: str) -> list[str]:
        """Confirm every carried-over answer of a section; returns the ids confirmed."""
        done = [q.id for q in self.bank.section(section_id).questions if self.confirm(q.id)]
        return done

    # -- saving ----------------------------------------------------------------------------

    def save(self, *, force: bool = False) -> bool:
        """Save when there is something to save. Returns True when a file was written.

        Thread-safe: one save at a time (a save asked for while another runs waits for it,
        then writes what is still unsaved). Raises SaveError (the file on disk is then
        untouched, and the session stays dirty).
        """
        with self._save_lock:
            with self._lock:
                if self.read_only or not (self.dirty or force):
                    return False
                snapshot, generation = _snapshot(self.session), self._generation
                expect = self.digest
            return self._write(snapshot, generation, expect_digest=expect)

    def overwrite(self) -> bool:
        """Save even though the file changed on disk since it was read (the author chose to
        overwrite the other version). Still refused when another process took the lock."""
        with self._save_lock:
            with self._lock:
                if self.read_only:
                    return False
                snapshot, generation = _snapshot(self.session), self._generation
            return self._write(snapshot, generation, expect_digest=None)

    def _write(self, snapshot: Session, generation: int, *, expect_digest: str | None) -> bool:
        """Write ``snapshot`` (taken at ``generation``). Called with ``_save_lock`` held and
        ``_lock`` not needed: edits go on meanwhile; the result is recorded under ``_lock``."""
        try:
            if self.lock is not None and not self.lock.held():
                holder = self.lock.holder()
                who = f" av {holder.describe()}" if holder else ""
                raise ConflictError(
                    f"{self.path}: økten er tatt over{who}; den er ikke overskrevet"
                )
            digest = sessions.save(
                snapshot, self.path, expect_digest=expect_digest,
                backup=not self._backed_up,
            )
        except SaveError as exc:
            with self._lock:
                self.last_error = str(exc)
            raise
        with self._lock:
            self.digest = digest
            self._backed_up = True
            # Saves run one at a time, so generations written only grow.
            self._saved_generation = generation
            self.session.updated = snapshot.updated
            self.saved_position = snapshot.position
            self.last_error = None
            self.last_saved = sessions.now()
        return True

    def reload(self) -> None:
        """Read the session file again and take its version (the author chose to load the
        changes another program made): what was unsaved here is dropped, so write a rescue
        copy first. Raises SessionError when the file cannot be used (nothing changes then)."""
        with self._save_lock:
            loaded = sessions.read(self.path)
            with self._lock:
                self.session = loaded.session
                self.digest = loaded.digest
                self._generation += 1
                self._saved_generation = self._generation
                self.saved_position = loaded.session.position
                self.last_error = None

    def close(self) -> Path | None:
        """The session is ending, whatever happens: save what is unsaved, release the lock.

        Never raises. Waits for a save in flight (on another thread), then saves the rest.
        When the save fails (disk full, the file changed on disk, the lock was taken over …)
        the text is written to a rescue copy beside the session (or in the home or temporary
        folder) and that path is returned; otherwise None. For a quit the author can still
        cancel, call ``save()`` first and show its SaveError.
        """
        with self._save_lock, self._lock:
            rescued: Path | None = None
            if self.dirty and not self.read_only:
                try:
                    self.save()
                except SaveError:
                    rescued = self.rescue()
            if self.lock is not None:
                self.lock.release()
            return rescued

    def rescue(self) -> Path | None:
        """Write the session to a new file that cannot clash with anything: in the session's
        folder, else the home folder, else the temporary folder. Returns its path (None when
        nothing could be written anywhere). Never raises; never touches the session file."""
        with self._lock:
            session = _snapshot(self.session)
        stamp = sessions.now().strftime("%Y%m%d-%H%M%S")
        stem = self.path.name.removesuffix(sessions.SUFFIX)
        try:
            raw, suffix = sessions.to_bytes(session), sessions.SUFFIX
        except Exception:
            try:
                raw, suffix = sessions.to_bytes(_sanitised(session)), sessions.SUFFIX
            except Exception:
                raw, suffix = _as_json(session), ".json"
        base = f"{stem}-redning-{stamp}-{os.getpid()}"
        folders = [self.path.parent, Path.home(), Path(tempfile.gettempdir())]
        for folder in folders:
            # A second copy within the same second gets its own name in the same folder.
            names = (base + (f"-{n}" if n > 1 else "") + suffix for n in range(1, 100))
            target = next((folder / name for name in names
                           if not os.path.lexists(folder / name)), None)
            if target is None or not _write_whole(target, raw):
                continue
            with self._lock:
                self.last_error = (
                    f"{self.path}: kunne ikke lagre; teksten er lagret i {target}"
                )
            return target
        return None


def _snapshot(session: Session) -> Session:
    """A copy of the session that later edits do not change: its own dicts and lists (the
    texts in them are immutable strings, shared). Cheap: no text is copied."""
    clone = copy.copy(session)
    clone.answers = dict(session.answers)
    clone.not_applicable = dict(session.not_applicable)
    clone.tables = {name: [dict(row) for row in rows] for name, rows in session.tables.items()}
    clone.carried_over = list(session.carried_over)
    clone.extra_header = dict(session.extra_header)
    clone.extra_answers = dict(session.extra_answers)
    clone.extra = dict(session.extra)
    return clone


def _write_whole(target: Path, raw: bytes) -> bool:
    """Write a new file and read it back. On a full disk os.write writes part and returns the
    count: a rescue copy cut short would look saved. Anything less than all of it is removed."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except Exception:
        return False
    try:
        try:
            view = memoryview(raw)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if target.read_bytes() == raw:
            return True
    except Exception:
        pass
    try:
        target.unlink()
    except OSError:
        pass
    return False


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files of saves that never finished (the program was killed with -9 while
    writing). Called with the lock held, so no other save of this session is under way."""
    for tmp in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
        try:
            tmp.unlink()
        except OSError:
            pass


def _sanitised(session: Session) -> Session:
    """A copy in which text that cannot be UTF-8 (lone surrogates) is replaced by U+FFFD."""

    def fix(value: Any) -> Any:
        if isinstance(value, str):
            return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        if isinstance(value, dict):
            return {fix(k): fix(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        return value

    clone = copy.copy(session)
    for name in ("organisation", "answers", "not_applicable", "tables", "extra_header",
                 "extra_answers", "extra", "carried_over", "position"):
        setattr(clone, name, fix(getattr(session, name)))
    return clone


def _as_json(session: Session) -> bytes:
    """The last resort: the author's text as JSON (always writable: lone surrogates become
    \\ud800 escapes)."""
    data = {
        "organisation": session.organisation,
        "year": session.year,
        "answers": session.answers,
        "not_applicable": session.not_applicable,
        "tables": session.tables,
    }
    return json.dumps(data, ensure_ascii=True, indent=2, default=str).encode("ascii")
