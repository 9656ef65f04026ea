"""When an open session is saved: the autosave policy, in one place beside the store. No UI.

The wizard's screen and app only show what this decides (issue 16, item 5):
- every keystroke reaches the SessionStore at once (it only marks the session dirty);
- a save runs AUTOSAVE_DELAY seconds after the last edit (``edited`` says when; the screen keeps
  the timer), but never more than AUTOSAVE_MAX_WAIT after the first unsaved edit while the author
  types on; also when the author leaves a question. Those saves run on a worker thread
  (``start_background`` / ``save_in_thread`` / ``background_done``), one at a time: one asked for
  while another runs follows it. Ctrl+S, quitting, signals and ``close`` save on the calling
  thread, after a save in flight (SessionStore runs one save at a time);
- a session opened and left without an edit is not rewritten (store.save() is a no-op then);
  the position (where the author is) is saved on quit only when this sitting already wrote the
  file (``position_unsaved``);
- the file changed on disk by another program (or the session taken over): the first refused
  save pauses saving (``paused`` holds the header's text) and the author is asked once; nothing
  is written into the file until they choose: overwrite, a copy beside it, load the file's
  version (their answers go to a copy first), or go on unsaved (Ctrl+S asks again);
- quitting (``quit``): save; when the save fails, the author is asked (a rescue copy is made if
  they leave); when nothing can be written anywhere, the app stays open with a warning, and a
  second quit within QUIT_AGAIN_WINDOW seconds leaves;
- SIGHUP (the terminal closed), SIGTERM and SIGINT: ``save_quietly`` at once, then ``close``
  (Textual installs no handler of its own for them, textual #5140).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .exitcodes import EXIT_OK, EXIT_UNSAVED
from .session import ConflictError, SaveError, SessionError
from .store import SessionStore
from .textsafe import one_line, visible

AUTOSAVE_DELAY = 1.0
# While the author keeps typing, the debounce does not wait for a pause longer than this: after
# kill -9 at most about this many seconds of typing are lost (issue 5, case 3).
AUTOSAVE_MAX_WAIT = 2.0

# A quit that could neither save nor write a rescue copy keeps the app open with a warning; a
# second quit within this many seconds leaves anyway.
QUIT_AGAIN_WINDOW = 10.0
NOWHERE_WARNING = ("Ikke lagret, og ingen kopi kunne skrives noe sted. Kopier teksten ut, "
                   "eller trykk Ctrl+Q igjen for å avslutte uten å lagre.")
CHANGED_ON_DISK = "Ikke lagret: filen er endret utenfor programmet"
TAKEN_OVER = "Ikke lagret: økten er tatt over"


@dataclass(frozen=True)
class Told:
    """What the screen shows after a save or a choice: the conflict question (``ask``), a
    notification (``message``, an error when ``error``), and the header now (``header``) or a
    moment later (``header_later``: the "*" after an autosave goes calmly). ``ok``: saved, or
    nothing to save."""

    ok: bool = True
    ask: bool = False
    message: str | None = None
    error: bool = False
    header: bool = False
    header_later: bool = False
    title: str | None = None


@dataclass(frozen=True)
class QuitStep:
    """What quitting does next: ``leave`` with ``code`` (and ``message`` printed after the
    app), ``ask_conflict`` (overwrite, a copy, or stay), ``ask_failed`` (leave anyway with a
    rescue copy, or stay; ``reason``), or ``stay`` with ``warning``."""

    action: str
    code: int = EXIT_OK
    message: str | None = None
    reason: str | None = None
    warning: str | None = None


class Saving:
    """The saving of one open session (see the module's docstring)."""

    def __init__(self, store: SessionStore, *,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self._monotonic = monotonic
        self.paused: str | None = None  # the header's text while saving is paused
        self.closed = False
        self._error_told: str | None = None
        self._pending = False  # a debounce timer is running
        self._unsaved_since = 0.0  # when the first edit the pending save covers was made
        self._running = False  # a save on a worker thread
        self._again = False  # another asked for meanwhile
        self._nowhere_warned: float | None = None

    # -- the debounce ------------------------------------------------------------------------

    def edited(self) -> tuple[float | None, bool]:
        """An edit (a keystroke; cheap). Returns (start the timer anew with this delay, or None
        to leave the timer as it is; whether the header should be refreshed: the first edit
        after a save adds its "*", and a paused session says so)."""
        if self.store.read_only:
            return None, False
        if self.paused is not None:
            return None, True
        now = self._monotonic()
        if self._pending:
            if now - self._unsaved_since >= AUTOSAVE_MAX_WAIT - AUTOSAVE_DELAY:
                return None, False  # the pending save comes within the max wait
            return AUTOSAVE_DELAY, False
        self._pending = True
        self._unsaved_since = now
        return AUTOSAVE_DELAY, True

    def start_background(self) -> bool:
        """The timer went off or the author left a question: whether a save should start on a
        worker thread now (``save_in_thread``). Never two at once: asked for while one runs,
        another follows it (``background_done``)."""
        self._pending = False
        if self.store.read_only or self.paused is not None or self.closed:
            return False
        if self._running:
            self._again = True
            return False
        if not self.store.dirty:
            return False
        self._again = False
        self._running = True
        return True

    def save_in_thread(self) -> bool | SaveError:
        """Runs on the worker thread: the outcome is returned, never raised."""
        try:
            return self.store.save()
        except SaveError as exc:
            return exc
        except Exception as exc:  # a bug must not end the session: the text stays in memory
            return SaveError(f"{self.store.path}: uventet feil ({type(exc).__name__})")

    def background_done(self, result: bool | SaveError | None) -> tuple[Told, bool]:
        """The worker's save ended (``None``: it failed without an outcome). Returns what to
        tell, and whether to start another background save now."""
        self._running = False
        if result is None:
            result = SaveError(f"{self.store.path}: lagringen feilet")
        told = self._tell(result, asked=False)
        again, self._again = self._again, False
        return told, again and self.start_background()

    def background_cancelled(self) -> None:
        """The worker was cancelled (the screen is going: quitting saves)."""
        self._running = False

    # -- saving now ------------------------------------------------------------------------

    def save_now(self, *, asked: bool) -> Told:
        """Save on this thread (after a save in flight). ``asked``: the author asked (Ctrl+S):
        always told, and asked again about a conflict."""
        self._pending = False
        if self.paused is not None:
            return Told(ok=False, ask=asked)
        outcome: bool | SaveError
        try:
            outcome = self.store.save()
        except SaveError as exc:
            outcome = exc
        return self._tell(outcome, asked=asked)

    def save_quietly(self) -> None:
        """Save if anything is unsaved; never raises (a signal: the loop may not come back)."""
        if self.store.read_only or self.closed:
            return
        try:
            self.store.save()
        except Exception:
            pass  # close() makes a rescue copy

    def _tell(self, outcome: bool | SaveError, *, asked: bool) -> Told:
        if isinstance(outcome, ConflictError):
            self.pause()
            return Told(ok=False, ask=True, header=True)
        if isinstance(outcome, SaveError):
            # Said once: autosaves that fail again the same way (a full disk) leave it to the
            # header ("Ikke lagret!"); Ctrl+S always says it.
            message = one_line(f"Kunne ikke lagre: {outcome}", 200)
            tell = asked or message != self._error_told
            self._error_told = message
            return Told(ok=False, message=message if tell else None, error=True, header=True,
                        title="Ikke lagret")
        wrote = outcome
        self._error_told = None
        if wrote and not asked and not self.store.dirty:
            return Told(header_later=True)
        said: str | None = None
        if asked:
            said = "Lagret." if wrote else "Ingen endringer å lagre."
        return Told(header=wrote or asked, message=said)

    # -- the header ------------------------------------------------------------------------

    def status(self) -> tuple[str | datetime, bool, bool]:
        """What the header says about saving: (the pause's text, "Ikke lagret!", or when the
        file was last saved; whether that is an error; whether edits are unsaved)."""
        store = self.store
        if self.paused is not None:
            return self.paused, True, False
        if store.last_error is not None:
            return "Ikke lagret!", True, False
        return store.last_saved or store.session.updated, False, store.dirty

    # -- the file changed on disk ----------------------------------------------------------

    def taken_over(self) -> str | None:
        """Who took the session over ("" when unknown), or None while the lock is ours."""
        lock = self.store.lock
        if lock is None or lock.held():
            return None
        holder = lock.holder()
        return holder.describe() if holder else ""

    def pause(self) -> None:
        """No more saves into the file until the author chooses."""
        self.paused = TAKEN_OVER if self.taken_over() is not None else CHANGED_ON_DISK
        self._pending = False

    def overwrite(self) -> Told:
        """The author chose to write their answers over the other version of the file."""
        try:
            self.store.overwrite()
        except SaveError as exc:
            if isinstance(exc, ConflictError):
                self.pause()
            return Told(ok=False, message=one_line(f"Kunne ikke lagre: {exc}", 200),
                        error=True, header=True, title="Ikke lagret")
        self.paused = None
        return Told(header=True, message="Lagret: svarene dine er skrevet over den andre "
                                         "versjonen av filen.")

    def copy(self) -> tuple[Path | None, Told]:
        """Write the answers to a new file beside the session (the session file is left as the
        other program wrote it). Saving into the file stays paused."""
        path = self.store.rescue()
        if path is None:
            return None, Told(ok=False, error=True, title="Ikke lagret", message=(
                "Kunne ikke skrive en kopi noe sted (ved siden av økten, i hjemmemappen eller i "
                "den midlertidige mappen)."))
        where = visible(str(path.absolute()))
        return path, Told(title="Kopi lagret",
                          message=one_line(f"Svarene dine er lagret som kopi: {where}", 300))

    def reload(self) -> tuple[bool, list[Told]]:
        """The author chose the file's version: what is unsaved here goes to a copy first
        (nothing is lost), then the file is read again. Returns (reloaded, what to tell)."""
        told: list[Told] = []
        if self.store.dirty:
            path, said = self.copy()
            told.append(said)
            if path is None:
                return False, told
        try:
            self.store.reload()
        except SessionError as exc:
            told.append(Told(ok=False, error=True, title="Ikke lastet inn",
                             message=one_line(f"Kunne ikke lese filen: {exc}", 200)))
            return False, told
        self.paused = None
        self._error_told = None
        told.append(Told(header=True, message="Endringene fra filen er lastet inn."))
        return True, told

    # -- the position ----------------------------------------------------------------------

    def note_position(self, question_id: str) -> None:
        """Where the author is (saved with the next save, never a reason to save)."""
        self.store.set_position(question_id)

    def position_unsaved(self) -> bool:
        """This sitting has already rewritten the file (an edit was saved), but the author has
        moved on since without editing: the file says they were elsewhere. Quitting then saves
        the position too; a sitting without any edit never writes (the file stays as it was)."""
        store = self.store
        return (store.last_saved is not None and not store.dirty and not store.read_only
                and self.paused is None and store.session.position != store.saved_position)

    # -- quitting --------------------------------------------------------------------------

    def quit(self) -> QuitStep:
        """The author quits (Ctrl+Q, Ctrl+C): save, then leave; or what to ask first."""
        store = self.store
        if store.read_only or self.closed:
            return QuitStep("leave")
        if self.position_unsaved():
            try:  # where the author stopped; not worth a question when it fails
                store.save(force=True)
            except SaveError:
                pass
        if self._nowhere_warned is not None and \
                self._monotonic() - self._nowhere_warned < QUIT_AGAIN_WINDOW:
            return self.leave_unsaved(again=True)
        self._nowhere_warned = None
        try:
            store.save()
        except ConflictError:
            self.pause()
            return QuitStep("ask_conflict")
        except SaveError as exc:
            return QuitStep("ask_failed", reason=one_line(str(exc), 200))
        return QuitStep("leave")

    def leave_unsaved(self, *, again: bool = False) -> QuitStep:
        """Quit although the session could not be saved into its file: the text goes to a
        rescue copy first. When not even that can be written, stay with a warning (the author
        can copy the text out); ``again`` (a second quit soon after) leaves anyway."""
        store = self.store
        if self.closed:
            return QuitStep("leave", code=EXIT_UNSAVED)
        if again:
            try:  # the disk may have room again
                store.save()
            except SaveError:
                pass
        if not store.dirty:
            return QuitStep("leave")
        rescued = store.rescue()
        if rescued is None and not again:
            self._nowhere_warned = self._monotonic()
            return QuitStep("stay", warning=NOWHERE_WARNING)
        # Saved in the copy (or not at all, the author was warned): only the lock is left.
        self.closed = True
        if store.lock is not None:
            store.lock.release()
        if rescued is not None:
            message = f"Teksten er lagret i {visible(str(rescued.absolute()))}"
        else:
            message = ("aktsomhet: avsluttet uten å lagre; endringene siden sist lagret er "
                       "ikke skrevet noe sted")
        return QuitStep("leave", code=EXIT_UNSAVED, message=message)

    def conflict_on_quit(self, choice: str) -> QuitStep:
        """Quitting with the file changed on disk: "overwrite", "copy" (then leave), or
        anything else: stay (saving stays paused)."""
        if choice == "overwrite":
            told = self.overwrite()
            if told.ok:
                return QuitStep("leave")
            return QuitStep("stay", warning=told.message)
        if choice == "copy":
            return self.leave_unsaved()
        return QuitStep("stay")

    def close(self) -> Path | None:
        """The session is ending, whatever happens: save what is unsaved and release the lock.
        Never raises; returns a rescue copy's path when the save failed and the text went
        there instead."""
        if self.closed:
            return None
        self.closed = True
        try:
            return self.store.close()
        except Exception:
            return None

    def signalled(self) -> str | None:
        """A signal ends the program: close, and what to print after (or None)."""
        store = self.store
        closing = not self.closed
        rescued = self.close()
        if rescued is not None:
            return f"Teksten er lagret i {visible(str(rescued.absolute()))}"
        if closing and store.dirty and not store.read_only:
            return ("aktsomhet: kunne ikke lagre, og ingen kopi kunne skrives; endringene "
                    "siden sist lagret er tapt")
        return None
