"""What runs inside the fresh processes that bench/run.py measures (one probe per process).

    python bench/probes.py first-frame minimal|wizard SESSION WIDTH HEIGHT
    python bench/probes.py wizard-ops NEXT_SESSION KEYS_SESSION PRESSES PACE_MS [PHASE]
    python bench/probes.py moves SESSION PACE_MS [LIMIT]
    python bench/probes.py autosave SESSION RUNS

Each prints one line of JSON on stdout. Times are wall-clock seconds (``time.time()``) where the
parent compares them with the moment it started the process, otherwise milliseconds.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any


def _emit(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


# ---------------------------------------------------------------------------------------------
# The baseline app of issue 6: Header, Tree, TextArea, Static and Footer.


def minimal_app() -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static, TextArea, Tree

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            tree: Tree[None] = Tree("Redegjørelse")
            tree.root.expand()
            yield tree
            yield TextArea("")
            yield Static("")
            yield Footer()

    return Minimal()


def wizard_app(path: Path) -> Any:
    from aktsomhetswizard.tui.app import make_app

    return make_app(path=path)


def _wizard_screen_shown(app: Any) -> bool:
    """The wizard screen is up, and its question pane holds the question's editor."""
    from aktsomhetswizard.tui.screens.wizard import WizardScreen

    screen = app.screen
    if not (isinstance(screen, WizardScreen) and screen.is_mounted):
        return False
    return _settled(app) and bool(screen.query("QuestionEditor"))


def _settled(app: Any) -> bool:
    """No question is being opened (the wizard opens questions in a worker of group "show")."""
    screen = app.screen
    if getattr(screen, "current", None) != getattr(screen, "target", None):
        return False
    return not any(w.group == "show" and not w.is_finished for w in app.workers)


# ---------------------------------------------------------------------------------------------
# First frame


def first_frame(kind: str, session: str, width: int, height: int) -> None:
    """Start the app headless; report when its first frame is painted. For the wizard that is
    the first frame of the wizard screen with the session's question shown."""
    from textual import events
    from textual._context import message_hook

    app = minimal_app() if kind == "minimal" else wizard_app(Path(session))
    ready: dict[str, float] = {}

    def hook(message: Any) -> None:
        if "ready" not in ready and isinstance(message, events.Ready):
            ready["ready"] = time.time()

    message_hook.set(hook)
    from textual.screen import Screen

    paint = Screen._compositor_refresh

    def timed_paint(screen: Any) -> None:
        paint(screen)
        ready["painted"] = time.time()
        if kind == "wizard" and "first_wizard_paint" not in ready:
            if type(screen).__name__ == "WizardScreen":
                ready["first_wizard_paint"] = ready["painted"]

    Screen._compositor_refresh = timed_paint  # type: ignore[method-assign,assignment]

    async def pilot_run(pilot: Any) -> None:
        deadline = time.time() + 60
        while time.time() < deadline:
            if "ready" in ready and (kind == "minimal" or _wizard_screen_shown(app)):
                break
            await asyncio.sleep(0.001)
        # Let pending messages run and paint what is dirty; the frame is the last paint (so
        # Pilot's own idle wait does not count).
        await pilot.pause()
        ready["frame"] = ready.get("painted", time.time())
        app.exit()

    app.run(headless=True, size=(width, height), auto_pilot=pilot_run)
    _emit({"ready": ready.get("ready"), "frame": ready.get("frame"),
           "first_wizard_paint": ready.get("first_wizard_paint")})


# ---------------------------------------------------------------------------------------------
# Next question, keystrokes and autosave inside the wizard


def _record_saves() -> list[dict[str, Any]]:
    """Wrap SessionStore.save to note when each save ran, how long, and on which thread."""
    from aktsomhetswizard.store import SessionStore

    saves: list[dict[str, Any]] = []
    original = SessionStore.save

    def save(self: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            end = time.perf_counter()
            saves.append({"start": start, "end": end, "ms": (end - start) * 1000,
                          "main_thread": threading.current_thread() is threading.main_thread()})

    SessionStore.save = save
    return saves


async def _open(app: Any, pilot: Any) -> None:
    deadline = time.time() + 60
    while not _wizard_screen_shown(app):
        if time.time() > deadline:
            raise RuntimeError("the wizard screen did not open")
        await pilot.pause(0.01)
    await pilot.pause()


class _Busy:
    """How long the event loop worked (rather than waited in select) and when the screen was
    last painted. Pilot's own waits (it sleeps in 20 ms steps until the app is idle) are idle
    time, so ``busy`` is the work a key caused: its handlers, what they started, the layout
    and the painting."""

    def __init__(self) -> None:
        from textual.screen import Screen

        self.idle = 0.0
        self.painted = 0.0
        # The longest stretch the event loop worked without looking for input (a keystroke
        # arriving then waits that long): time from one select() to the next.
        self.longest = 0.0
        self._returned = time.perf_counter()
        selector = asyncio.get_running_loop()._selector  # type: ignore[attr-defined]
        select = selector.select

        def timed_select(timeout: float | None = None) -> Any:
            start = time.perf_counter()
            self.longest = max(self.longest, start - self._returned)
            try:
                return select(timeout)
            finally:
                self._returned = time.perf_counter()
                self.idle += self._returned - start

        selector.select = timed_select
        paint = Screen._compositor_refresh

        def timed_paint(screen: Any) -> None:
            paint(screen)
            self.painted = time.perf_counter()

        Screen._compositor_refresh = timed_paint  # type: ignore[method-assign,assignment]


async def _press(pilot: Any, busy: _Busy, key: str) -> tuple[float, float]:
    """One key: (CPU ms of the event loop's thread, ms from the key to the last frame it
    caused). The CPU time is the work the key caused (handlers, what they started, layout and
    painting) plus Pilot's small overhead; unlike wall time it does not grow when other
    processes share the cores."""
    start, cpu = time.perf_counter(), time.thread_time()
    await pilot.press(key)
    while not _settled(pilot.app):
        await asyncio.sleep(0.0005)
    await pilot.pause()
    work = time.thread_time() - cpu
    frame = busy.painted - start if busy.painted > start else float("nan")
    return work * 1000, frame * 1000


async def _type_into(app: Any, pilot: Any, busy: _Busy, presses: int, pace: float,
                     saves: list[dict[str, Any]]) -> dict[str, Any]:
    """Type ``presses`` characters at the end of the longest TextArea of the screen."""
    from textual.widgets import TextArea

    areas = sorted(app.screen.query(TextArea), key=lambda a: len(a.text))
    if not areas or len(areas[-1].text) < 1000:
        raise RuntimeError("no editor holds the long answer")
    area = areas[-1]
    area.focus()
    area.move_cursor(area.document.end)
    await pilot.pause()
    length = len(area.text)
    saves.clear()
    work, frame, windows = [], [], []
    busy.longest = 0.0
    for _ in range(presses):
        await asyncio.sleep(pace)
        start = time.perf_counter()
        w, f = await _press(pilot, busy, "x")
        work.append(w)
        frame.append(f)
        windows.append((start, time.perf_counter()))
    stall = busy.longest * 1000
    return {"work": work, "frame": frame, "windows": windows, "stall": stall,
            "typed": len(area.text) - length, "length": length}


def wizard_ops(next_session: str, keys_session: str, presses: int, pace_ms: float,
               phase: str = "all") -> None:
    """``phase``: "next", "keys", "keys-minimal" or "all". run.py runs each phase in a fresh
    process, so that one app's leftovers (and the garbage collector's work on them) do not
    weigh on the next."""
    from aktsomhetswizard.tui.app import make_app

    saves = _record_saves()
    out: dict[str, Any] = {}
    pace = pace_ms / 1000

    async def next_questions() -> None:
        app = make_app(path=Path(next_session), testing=True)  # testing: no cursor blink
        async with app.run_test(size=(120, 40)) as pilot:
            busy = _Busy()
            await _open(app, pilot)
            screen = app.screen
            first = screen.current
            work, frame = [], []
            for _ in range(presses):
                await asyncio.sleep(pace)
                w, f = await _press(pilot, busy, "ctrl+n")
                work.append(w)
                frame.append(f)
            order = screen.bank.question_ids
            out["next_question"] = {"work": work, "frame": frame,
                                    "moved": order.index(screen.current) - order.index(first)}
            app.exit()

    async def keystrokes() -> None:
        app = make_app(path=Path(keys_session), testing=True)
        async with app.run_test(size=(120, 40)) as pilot:
            busy = _Busy()
            await _open(app, pilot)
            typed = await _type_into(app, pilot, busy, presses, pace, saves)
            last = typed["windows"][-1][1]
            deadline = time.perf_counter() + 5  # wait for the autosave after typing
            while not any(s["start"] > last for s in saves) and time.perf_counter() < deadline:
                await pilot.pause(0.05)
            # A save overlapping a keystroke's time: on the event loop's thread, the key waited
            # for it; on a worker thread, it only shared the interpreter meanwhile.
            overlapping = [s for s in saves for a, b in typed["windows"]
                           if s["start"] < b and s["end"] > a]
            typed["saves_inside_a_keystroke"] = sum(1 for s in overlapping if s["main_thread"])
            typed["thread_saves_during_a_keystroke"] = sum(
                1 for s in overlapping if not s["main_thread"])
            typed["saves_while_typing"] = [s for s in saves if s["start"] <= last]
            typed["autosave_after_typing"] = [s for s in saves if s["start"] > last]
            out["keystroke"] = typed
            app.exit()

    async def keystrokes_minimal() -> None:
        """The same typing in the baseline app's TextArea holding the same text."""
        from textual.widgets import TextArea

        from aktsomhetswizard import session as sessions

        text = max(sessions.load(Path(keys_session)).answers.values(), key=len)
        app = minimal_app()
        async with app.run_test(size=(120, 40)) as pilot:
            busy = _Busy()
            area = app.query_one(TextArea)
            area.cursor_blink = False
            area.load_text(text)
            await pilot.pause()
            out["keystroke_minimal"] = await _type_into(app, pilot, busy, presses, pace, [])
            app.exit()

    if phase in ("all", "next"):
        asyncio.run(next_questions())
    if phase in ("all", "keys"):
        asyncio.run(keystrokes())
    if phase in ("all", "keys-minimal"):
        asyncio.run(keystrokes_minimal())
    for part in ("keystroke", "keystroke_minimal"):
        if part not in out:
            continue
        out[part].pop("windows", None)
        for key in ("saves_while_typing", "autosave_after_typing"):
            if key in out[part]:
                out[part][key] = [{"ms": s["ms"], "main_thread": s["main_thread"]}
                                  for s in out[part][key]]
    _emit(out)


def moves(session: str, pace_ms: float, limit: int = 0) -> None:
    """Every move between neighbouring questions: from the first question to the last with
    Ctrl+N, then back to the first with Ctrl+P (``limit``: only the first LIMIT questions),
    each timed from the key to the last frame it caused (see ``_press``)."""
    from aktsomhetswizard.tui.app import make_app

    records: list[dict[str, Any]] = []

    async def walk() -> None:
        app = make_app(path=Path(session), testing=True)  # testing: no cursor blink
        async with app.run_test(size=(120, 40)) as pilot:
            busy = _Busy()
            await _open(app, pilot)
            screen = app.screen
            order = list(screen.bank.question_ids)
            if limit:
                order = order[:limit]
            if screen.current != order[0]:
                screen.go_to(order[0])
                while not (_settled(app) and screen.current == order[0]):
                    await pilot.pause(0.01)
                await pilot.pause(0.3)
            for key, stop in (("ctrl+n", order[-1]), ("ctrl+p", order[0])):
                while screen.current != stop:
                    before = screen.current
                    await asyncio.sleep(pace_ms / 1000)
                    work, frame = await _press(pilot, busy, key)
                    if screen.current == before:
                        raise RuntimeError(f"{key} did not move from {before}")
                    records.append({"from": before, "to": screen.current, "frame": frame,
                                    "work": work})
            app.exit()

    asyncio.run(walk())
    _emit({"moves": records})


def autosave(session: str, runs: int) -> None:
    """store.save() of a session, each after one edit (so that it really writes)."""
    from aktsomhetswizard.store import SessionStore

    path = Path(session)
    store = SessionStore.open(path)
    qid = next(iter(store.session.answers))
    base = store.session.answers[qid]
    times = []
    for n in range(runs):
        store.set_answer(qid, base + f" {n}")
        start = time.perf_counter()
        wrote = store.save()
        times.append((time.perf_counter() - start) * 1000)
        assert wrote
    close = getattr(store, "close", None)
    if close is not None:
        close()
    _emit({"save_ms": times, "bytes": path.stat().st_size,
           "median": statistics.median(times)})


def main(argv: list[str]) -> None:
    what = argv[0]
    if what == "first-frame":
        first_frame(argv[1], argv[2], int(argv[3]), int(argv[4]))
    elif what == "wizard-ops":
        wizard_ops(argv[1], argv[2], int(argv[3]), float(argv[4]),
                   argv[5] if len(argv) > 5 else "all")
    elif what == "moves":
        moves(argv[1], float(argv[2]), int(argv[3]) if len(argv) > 3 else 0)
    elif what == "autosave":
        autosave(argv[1], int(argv[2]))
    else:
        raise SystemExit(f"unknown probe {what!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
