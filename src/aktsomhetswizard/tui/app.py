"""The Textual app: the session picker and the wizard, built by one factory (``make_app``).

Saving: when to save is decided in one place beside the store (``aktsomhetswizard.saving``); the
wizard screen and this app show what it decides: the wizard its autosaves, conflicts and header,
the app quitting (Ctrl+Q, Ctrl+C) and the signals SIGHUP, SIGTERM and SIGINT (Textual installs no
handler of its own for them, textual #5140).
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.command import Command, CommandInput, CommandList, CommandPalette, Provider
from textual.screen import Screen
from textual.timer import Timer

from ..exitcodes import EXIT_OK, EXIT_SIGNAL, EXIT_UNUSABLE
from ..lock import LockedError
from ..saving import QUIT_AGAIN_WINDOW, QuitStep, Saving
from ..session import SessionError
from ..store import SessionStore
from ..textsafe import one_line, visible
from .screens.wizard import WizardScreen
from .textual_compat import has_pending_messages, stop_input_thread

# Speed (issue 6): what is imported by now (Textual, Rich, the bank's and the session's modules)
# lives as long as the process. Frozen, the garbage collector no longer walks through it at every
# full collection; one of those took ~25 ms of the wizard's start.
gc.freeze()
# While the app is open, the collector looks at new objects every GC_THRESHOLD allocations
# rather than every 700 (Python's default), and what a move to another question left behind is
# collected once the move is painted, while the author reads (``collect_garbage``). Speed (issue
# 6): the start allocates tens of thousands of objects that live on (widgets, styles, rendered
# lines), and the ~100 young collections it caused (~25 ms) found next to nothing to free; at
# the default pace, 40 moves to the next question ran about 360 young, 30 middle and 2 full
# collections inside the moves (a full one 28 ms): some 5 ms a move on average, and a stall on
# the move a full one fell on.
GC_THRESHOLD = 20_000
# Fewer new objects than this since the last collection: nothing worth collecting after a move.
IDLE_GC_MIN = 1_000
# Keys held while the palette acts on Enter (WizardApp.hold_keys) go on after at most this long,
# whatever happens to the palette.
HOLD_LIMIT = 2.0


def _question_commands() -> type[Provider]:
    from .commands import QuestionCommands

    return QuestionCommands


def _wizard_commands() -> type[Provider]:
    from .commands import WizardCommands

    return WizardCommands


class WizardPalette(CommandPalette):
    """Textual's command palette, dismissed once. Two quick Enters dismissed it twice: Textual's
    dismiss pops whatever screen is on top, so the second took the wizard away, and with no
    screen left the app crashed (ScreenStackError; found by bench/monkey.py).

    Enter runs the chosen command while the key is handled. Textual's palette runs it a few
    messages later, after the keys typed behind Enter: «4.A.1», Enter and the answer typed at
    once lost the answer into the closing palette."""

    BINDINGS = [Binding("enter", "choose", show=False, priority=True)]

    _aktsomhet_dismissed = False

    def action_choose(self) -> None:
        """Enter (a priority key: handled by the app as it arrives). The characters typed
        before it may still be on their way to the palette's field, so the choice is made in
        the field's turn (``call_later``: after them), and the keys typed behind Enter are
        held by the app meanwhile and then go where the command left the focus."""
        app = self.app
        if isinstance(app, WizardApp):
            app.hold_keys()
        self.query_one(CommandInput).call_later(self._choose)

    async def _choose(self) -> None:
        try:
            command = self._chosen_command() if self.is_attached else None
            if command is None:
                if self.is_attached:
                    # Nothing to run yet (several hits, none highlighted): what Enter does in
                    # Textual's palette (the first hit is highlighted).
                    await self.query_one(CommandInput).action_submit()
                return
            self.app.post_message(CommandPalette.Closed(option_selected=True))
            self.dismiss()
            command()
        finally:
            app = self.app
            if isinstance(app, WizardApp):
                wizard = app._wizard()
                if wizard is not None:  # a move asked for: the keys go where it leads
                    wizard.when_moved(app.release_keys)
                else:
                    app.release_keys()

    def _chosen_command(self) -> Callable[[], Any] | None:
        """A question whose number was typed whole, else the highlighted hit's command or the
        only hit's. The number comes first: when Enter follows it at once, the hits shown may
        still be those of what was typed before (the search runs in the background)."""
        typed = self.query_one(CommandInput).value.strip().lower()
        app = self.app
        wizard = app._wizard() if isinstance(app, WizardApp) else None
        if wizard is not None and typed:
            qid = next((q.question.id for q in wizard.bank.questions()
                        if q.question.id.lower() == typed), None)
            if qid is not None:
                return partial(wizard.go_to, qid)
        hits = self.query_one(CommandList)
        index = hits.highlighted
        if index is None and hits.option_count == 1:
            index = 0
        if index is not None:
            option = hits.get_option_at_index(index)
            if isinstance(option, Command):
                return option.hit.command
        return None

    def dismiss(self, result: None = None) -> AwaitComplete:
        if self._aktsomhet_dismissed or self.app.screen is not self:
            return AwaitComplete()
        self._aktsomhet_dismissed = True
        return super().dismiss(result)


class WizardApp(App[int]):
    CSS_PATH = "wizard.tcss"
    TITLE = "aktsomhet"
    COMMAND_PALETTE_BINDING = "ctrl+k"
    COMMAND_PALETTE_DISPLAY = "^k"
    COMMANDS = {_question_commands, _wizard_commands}  # imported when the palette opens
    BINDINGS = [
        Binding("ctrl+q", "quit", "Avslutt", id="quit", priority=True),
        Binding("ctrl+c", "quit", "Avslutt", id="quit_ctrl_c", priority=True, show=False),
        # Help and saving answer from any state: a dialog open, a worker running, the focus
        # anywhere (issue 14). The wizard's footer shows F1 from its own binding of the key.
        Binding("ctrl+s", "save", "Lagre", id="app_save", priority=True, show=False),
        Binding("f1", "help", "Hjelp", id="app_help", priority=True, show=False),
        Binding("ctrl+k", "command_palette", "Gå til", id="command_palette", priority=True,
                show=False),
    ]

    def __init__(
        self,
        path: Path | None = None,
        directory: Path | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        fixed_time: str | None = None,
        blink: bool = True,
        install_signals: bool = False,
        start_item: str | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        # A field to open at (`aktsomhet open NAVN --ved FELT`): its question, the field focused.
        self.start_item = start_item
        self.directory = directory
        self.clock = clock or datetime.now
        self.fixed_time = fixed_time
        self.blink = blink
        self.install_signals = install_signals
        self.store: SessionStore | None = None
        self.saving: Saving | None = None  # when the store is saved (saving.py)
        self.exit_message: str | None = None
        self._watchdog: threading.Timer | None = None
        self._gc_threshold: tuple[int, int, int] | None = None  # the usual one, while open
        self._held_keys: list[events.Key] | None = None  # see hold_keys
        self._hold_timer: Timer | None = None

    # -- time ------------------------------------------------------------------------------

    def time_label(self, when: datetime) -> str:
        """"14:03:22" today, "30.05.2024 12:00" otherwise (a fixed text in tests)."""
        if self.fixed_time is not None:
            return self.fixed_time
        local = when.astimezone()
        now = self.clock().astimezone()
        if local.date() == now.date():
            return local.strftime("%H:%M:%S")
        return local.strftime("%d.%m.%Y %H:%M")

    # -- start -----------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self._gc_threshold is None:
            self._gc_threshold = gc.get_threshold()
            gc.set_threshold(GC_THRESHOLD, *self._gc_threshold[1:])
        if self.install_signals:
            self._install_signal_handlers()
        if self.directory is not None:
            from .screens.picker import PickerScreen  # not needed by `aktsomhet open`

            self.push_screen(PickerScreen(self.directory))
        if self.path is not None:
            self.open_session(self.path)

    def collect_garbage(self) -> None:
        """Collect now what the collector would collect at its next turn (the oldest generation
        due, as Python picks it), if enough new objects are waiting. Called when a move is
        painted (WizardScreen), so that collections run between moves rather than in them."""
        if self._gc_threshold is None:
            return
        young, middle, old = gc.get_count()
        if young < IDLE_GC_MIN:
            return
        _, middle_threshold, old_threshold = self._gc_threshold
        generation = 0  # Python's rule: the oldest generation whose count passed its threshold
        if middle > middle_threshold:
            generation = 2 if old > old_threshold else 1
        gc.collect(generation)

    def on_unmount(self) -> None:
        """The app is leaving: the collector's usual pace."""
        if self._gc_threshold is not None:
            gc.set_threshold(*self._gc_threshold)
            self._gc_threshold = None

    # -- keys that work from any state -------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            if self._held_keys is not None:
                self._held_keys.append(event)
                return
            self.keep_focus_alive()
        await super().on_event(event)

    def hold_keys(self) -> None:
        """Keep the keys that arrive from now on until ``release_keys`` (at most HOLD_LIMIT
        seconds): typed behind a key whose effect is not done yet (Enter in the palette),
        they go where that key leaves the focus."""
        if self._held_keys is None:
            self._held_keys = []
            self._hold_timer = self.set_timer(HOLD_LIMIT, self.release_keys)

    def release_keys(self) -> None:
        """The held keys, in the order they were typed, go on as if they came now."""
        if self._hold_timer is not None:  # not left to cut a later hold short
            self._hold_timer.stop()
            self._hold_timer = None
        held, self._held_keys = self._held_keys, None
        for key in held or ():
            self.post_message(key)

    def keep_focus_alive(self) -> None:
        """The focused widget was removed (its focus was set a moment before a rebuild took it
        away): the focus moves to a live widget before a key is handled. A focus left on a
        removed widget cut the app's keys (Ctrl+Q, F1) off the key's path, and the keys typed
        went nowhere (issue 14)."""
        if not self.screen_stack:
            return
        screen = self.screen
        focused = screen.focused
        if focused is None or focused.is_attached:
            return
        screen.set_focus(None)
        fallback = getattr(screen, "focus_fallback", None)
        target = fallback() if fallback is not None else None
        if target is None:
            chain = screen.focus_chain
            target = chain[0] if chain else None
        if target is not None:
            screen.set_focus(target)

    def action_save(self) -> None:
        """Ctrl+S, from any screen: save the session open in the wizard now."""
        wizard = self._wizard()
        if wizard is not None:
            wizard.action_save()

    def action_help(self) -> None:
        """F1, from any screen: the help (F1 again closes it)."""
        from .screens.dialogs import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Any:
        # Textual's own commands are in English; the wizard's are in COMMANDS.
        yield SystemCommand("Avslutt", "Lagre og avslutt", self.action_quit)

    def action_command_palette(self) -> None:
        # Not while one is open or on its way, and without Textual's fixed id: a Ctrl+K just
        # after Escape pushed a palette while the closing one still held that id, and the app
        # crashed (DuplicateIds; found by bench/monkey.py).
        opening = any(isinstance(screen, CommandPalette) for screen in self.screen_stack)
        if self.use_command_palette and not opening and \
                not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                WizardPalette(placeholder="Spørsmålsnummer, tekst eller kommando …")
            )

    @work(exclusive=True, group="open")
    async def open_session(self, path: Path) -> None:
        """Open a session in the wizard: lock it, or ask what to do when it is open elsewhere."""
        try:
            store = SessionStore.open(path)
        except SessionError as exc:
            if isinstance(exc, LockedError):
                from .screens.dialogs import LOCK_OPEN_READ_ONLY, LOCK_TAKE_OVER, LockedScreen

                choice = await self.push_screen_wait(LockedScreen(exc.info.describe()))
                if choice is None:
                    if self.directory is None:
                        self.exit(EXIT_OK)
                    return
                try:
                    store = SessionStore.open(path, read_only=choice == LOCK_OPEN_READ_ONLY,
                                              takeover=choice == LOCK_TAKE_OVER)
                except SessionError as again:
                    self._cannot_open(again)
                    return
            else:
                self._cannot_open(exc)
                return
        self.store = store
        self.saving = Saving(store)
        await self.push_screen(
            WizardScreen(store, clock=self.clock, blink=self.blink, saving=self.saving,
                         start_item=self.start_item)
        )

    def _cannot_open(self, exc: Exception) -> None:
        message = one_line(str(exc), 300)
        if self.directory is None:
            self.exit_message = f"aktsomhet: {message}"
            self.exit(EXIT_UNUSABLE)
        else:
            self.notify(message, title="Kan ikke åpne økten", severity="error", markup=False)

    # -- quitting --------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Save, then quit; what to ask first is decided by Saving.quit: the save failed
        (leave with a rescue copy, or stay), the file changed on disk (overwrite, a copy, or
        stay), nothing can be written anywhere (stay, warned; a second quit soon after
        leaves)."""
        await self._settle(app_queue=False)  # keys typed just before Ctrl+C reach the store
        saving = self.saving
        if saving is None:
            self.exit(EXIT_OK)
            return
        wizard = self._wizard()
        if wizard is not None:
            await wizard.shown()  # a question being opened is built before any question here
            wizard.note_position()
        # The dialogs are imported when one is needed (speed of the start, issue 6).
        from .screens.dialogs import CONFLICT_CANCEL, ConflictScreen

        if isinstance(self.screen, ConflictScreen):
            # Asked again below, as the question before leaving.
            await self.screen.dismiss(CONFLICT_CANCEL)
        self._do(saving.quit())

    def _do(self, step: QuitStep) -> None:
        """Carry out what Saving decided for a quit."""
        from .screens.dialogs import ConfirmScreen, ConflictScreen

        saving = self.saving
        if step.action == "leave":
            if step.message:
                self.exit_message = step.message
            if step.code == EXIT_OK:
                self.close_store()
            self.exit(step.code)
        elif step.action == "ask_conflict" and saving is not None:
            wizard = self._wizard()
            if wizard is not None:
                wizard.pause_saving()
            self.push_screen(ConflictScreen(taken_over=saving.taken_over(), quitting=True),
                             self._conflict_on_quit)
        elif step.action == "ask_failed" and saving is not None:
            def answered(leave: bool | None) -> None:
                if leave and self.saving is not None:
                    self._do(self.saving.leave_unsaved())

            self.push_screen(
                ConfirmScreen(f"Kunne ikke lagre: {step.reason}\n\nAvslutte likevel? Det som "
                              "ikke er lagret, skrives til en redningskopi ved siden av økten.",
                              yes="Avslutt", no="Bli her"),
                answered,
            )
        elif step.action == "stay" and step.warning:
            self.notify(step.warning, title="Ikke lagret", severity="error", markup=False,
                        timeout=QUIT_AGAIN_WINDOW)

    def _wizard(self) -> WizardScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, WizardScreen):
                return screen
        return None

    def _conflict_on_quit(self, choice: str | None) -> None:
        """The author is quitting and the file changed on disk: overwrite, or a copy, then
        leave; "Avbryt" stays (saving stays paused)."""
        if self.saving is None:
            return
        step = self.saving.conflict_on_quit(choice or "")
        wizard = self._wizard()
        if wizard is not None:
            wizard._refresh_header()
        self._do(step)

    def close_store(self) -> Path | None:
        """Save what is unsaved and release the lock. Never raises; returns a rescue copy's path
        when the save failed and the text went there instead."""
        gc.unfreeze()  # frozen while the wizard was open (wizard.freeze_long_lived)
        if self.saving is None:
            return None
        return self.saving.close()

    # -- signals ---------------------------------------------------------------------------

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            try:
                loop.add_signal_handler(signum, self._on_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover
                pass

    def _on_signal(self, signum: int) -> None:
        """Save at once (should the loop never come back), then let the keys typed a moment
        before the signal reach the store, then save and exit (``_signalled``)."""
        if self.saving is not None:
            self.saving.save_quietly()

        async def finish() -> None:
            try:
                await self._settle()
            finally:
                self._signalled(signum)

        self._signal_task = asyncio.get_running_loop().create_task(finish())

    async def _settle(self, *, app_queue: bool = True, limit: float = 0.5) -> None:
        """Wait (at most ``limit`` seconds) until the terminal input already read and the
        messages it caused are handled: key events, then the editors' Changed messages, which
        write the text into the store. ``app_queue=False`` when called from the app's own
        message handler (a binding), whose queue cannot empty meanwhile."""
        loop = asyncio.get_running_loop()
        end = loop.time() + limit
        # After a signal, also give the terminal's input thread a moment (three quiet looks);
        # for a key binding, the keys before it are already in the widgets' queues, so when
        # those are empty now, nothing is pending and there is no wait at all.
        needed = 3 if app_queue else 1
        quiet = 0
        while True:
            try:
                nodes = list(self.screen.walk_children(with_self=True)) if self.screen_stack \
                    else []
                busy = any(has_pending_messages(node) for node in nodes)
                busy = busy or (app_queue and has_pending_messages(self))
            except Exception:
                busy = False
            quiet = 0 if busy else quiet + 1
            if quiet >= needed or loop.time() >= end:
                return
            await asyncio.sleep(0.02)

    def _signalled(self, signum: int) -> None:
        """Save synchronously, then exit. The terminal may be gone (SIGHUP): if shutting down
        hangs on it, a watchdog ends the process a few seconds later; the text is saved."""
        gc.unfreeze()
        if self.saving is not None:
            message = self.saving.signalled()
            if message is not None:
                self.exit_message = message
        code = EXIT_SIGNAL + signum
        if self.install_signals and self._watchdog is None:
            self._watchdog = threading.Timer(3.0, os._exit, args=(code,))
            self._watchdog.daemon = True
            self._watchdog.start()
        self.exit(code)


def make_app(
    path: Path | None = None,
    directory: Path | None = None,
    *,
    testing: bool = False,
    install_signals: bool = False,
    clock: Callable[[], datetime] | None = None,
    start_item: str | None = None,
) -> WizardApp:
    """The one app factory, for the CLI and the tests. ``testing`` stops the cursor blinking and
    shows a fixed time in the header, so that snapshots are stable."""
    return WizardApp(
        path,
        directory,
        clock=clock,
        fixed_time="12:00:00" if testing else None,
        blink=not testing,
        install_signals=install_signals,
        start_item=start_item,
    )


def _finish(app: WizardApp, code: int | None) -> int:
    app.close_store()
    if app._watchdog is not None:
        app._watchdog.cancel()
    message = app.exit_message or leaving_line(app.store)
    if message:
        print(message, file=sys.stderr)
    return code if isinstance(code, int) else EXIT_OK


def leaving_line(store: SessionStore | None) -> str:
    """The one line printed on leaving the wizard: what was saved where, and how complete it
    is. Empty when no session was opened."""
    if store is None:
        return ""
    from ..bank import BankError, load_bank
    from ..completeness import check

    where = visible(str(store.path), keep_newlines=False)
    try:
        result = check(load_bank(store.session.template), store.session)
    except BankError:
        completeness = ""
    else:
        missing = len(result.missing)
        completeness = (f" — {result.percent} % utfylt ({result.answered} av {result.expected}"
                        + (f", {missing} mangler)" if missing else ", komplett)"))
    if store.read_only:
        return f"Åpnet skrivebeskyttet, ikke lagret: {where}{completeness}"
    if store.dirty:
        return f"Ikke lagret: {where}{completeness}"
    return f"Lagret i {where}{completeness}"


def _run(app: WizardApp) -> int:
    try:
        code = app.run()
    finally:
        app.close_store()
        stop_input_thread(app)
    return _finish(app, code)


def run(path: Path, item: str | None = None) -> int:
    """Open the wizard on a session file (at a field: ``item``). Returns the exit code."""
    return _run(make_app(path=Path(path), install_signals=True, start_item=item))


def run_picker(directory: Path) -> int:
    """The session picker: open a session, or start a new one."""
    return _run(make_app(directory=Path(directory), install_signals=True))
