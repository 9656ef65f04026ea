"""Helpers for the wizard's Pilot tests (no pytest-asyncio: each test runs its own loop)."""

from __future__ import annotations

import asyncio
import html
import re
import unicodedata
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import ModalScreen

from aktsomhetswizard.tui.app import WizardApp, make_app
from aktsomhetswizard.tui.screens.wizard import WizardScreen


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until workers (opening a question) and pending messages are done. Workers that
    wait for a modal (a confirmation, the completeness view, "open elsewhere") are not waited
    for; nothing is cancelled (polling, with a deadline)."""
    loop = asyncio.get_running_loop()
    for _ in range(3):
        deadline = loop.time() + 5
        while loop.time() < deadline:
            if isinstance(pilot.app.screen, ModalScreen):
                break
            busy = [w for w in pilot.app.workers if not w.is_finished and w.group != "modal"]
            if not busy:
                break
            await asyncio.sleep(0.01)
        await pilot.pause()


_SVG_TEXT = re.compile(r'<text class="[^"]*" x="([0-9.]+)" y="[0-9.]+" textLength="([0-9.]+)" '
                       r'clip-path="url\(#[^)]*-line-([0-9]+)\)">(.*?)</text>')


def screen_lines(app: App[Any]) -> list[str]:
    """What the terminal shows now, as text: one string per row, without colours. Read from
    Textual's public screenshot (an SVG of the screen), where each run of text stands at its
    row and column."""
    runs: dict[int, list[tuple[int, str]]] = {}
    for match in _SVG_TEXT.finditer(app.export_screenshot()):
        x, length, row = float(match[1]), float(match[2]), int(match[3])
        text = html.unescape(match[4]).replace("\xa0", " ")
        cell = length / len(text)  # the SVG's width of one character
        runs.setdefault(row, []).append((round(x / cell), text))
    lines = []
    for row in range(app.size.height):
        line = ""
        for column, text in sorted(runs.get(row, [])):
            line += " " * max(0, column - cell_len(line)) + text
        lines.append(line.rstrip())
    return lines


def pane_lines(app: App[Any]) -> list[str]:
    """The rows of the question's pane as the terminal shows them: right of the tree's edge."""
    return [line.partition("▕")[2] for line in screen_lines(app)]


async def wait_for(pilot: Pilot[Any], condition: Callable[[], bool],
                   limit: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds; fail after ``limit`` seconds (a liveness
    guard only: a deadlock fails the test instead of hanging it)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + limit
    while not condition() and loop.time() < end:
        await pilot.pause(0.02)
    assert condition()


def change_elsewhere(path: Path) -> bytes:
    """Another program edits an answer through session.save; returns the bytes it wrote."""
    from aktsomhetswizard import session as sessions

    other = sessions.load(path)
    other.answers["1.A.1"] = "Endret i et annet program"
    sessions.save(other, path)
    return path.read_bytes()


async def palette(pilot: Pilot[Any], text: str) -> None:
    """Ctrl+K, type ``text``, give the search its time, Enter: the first match is run."""
    await pilot.press("ctrl+k")
    await settle(pilot)
    await pilot.press(*text)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await settle(pilot)


def wizard(app: WizardApp) -> WizardScreen:
    screen = app.screen
    assert isinstance(screen, WizardScreen), f"expected the wizard, got {screen!r}"
    return screen


async def goto(pilot: Pilot[Any], qid: str) -> WizardScreen:
    screen = wizard(pilot.app)  # type: ignore[arg-type]
    screen.go_to(qid)
    await settle(pilot)
    assert screen.current == qid
    return screen


def run_app(
    scenario: Callable[[Pilot[Any]], Awaitable[None]],
    *,
    path: Path | None = None,
    directory: Path | None = None,
    size: tuple[int, int] = (90, 30),
) -> WizardApp:
    """Run a scenario against a fresh app; return the app (after it stopped)."""
    app = make_app(path=path, directory=directory, testing=True)

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await scenario(pilot)
        app.close_store()

    asyncio.run(main())
    return app


def run(coro: Coroutine[Any, Any, Any]) -> Any:
    return asyncio.run(coro)


def run_read_only(
    scenario: Callable[[Pilot[Any]], Awaitable[None]],
    *,
    path: Path,
    size: tuple[int, int] = (90, 30),
) -> WizardApp:
    """Run a scenario in a session open elsewhere (its lock held by this process), opened
    read-only from the "open elsewhere" question; the file must be unchanged after."""
    from aktsomhetswizard import lock

    held = lock.acquire(path)
    before = path.read_bytes()
    try:
        async def read_only(pilot: Pilot[Any]) -> None:
            await pilot.click("#read_only")
            await settle(pilot)
            await scenario(pilot)

        app = run_app(read_only, path=path, size=size)
        assert path.read_bytes() == before
        return app
    finally:
        held.release()


# Keys with a name (anything else is typed character by character).
KEY_NAMES = {"tab", "shift+tab", "enter", "escape", "insert", "delete", "up", "down", "ctrl+r",
             "ctrl+q", "ctrl+n", "ctrl+p", "ctrl+j", "backspace", "end", "home", "pageup",
             "pagedown", "ctrl+down", "ctrl+up", "ctrl+k"}
CHAR_NAMES = {" ": "space", "-": "minus", ",": "comma", ".": "full_stop"}


def burst(pilot: Pilot[Any], *keys: str) -> None:
    """Post ``keys`` to the app at once (a key name, or a text typed character by character),
    as a terminal delivers them: nothing waits for one key to be handled before the next."""
    for item in keys:
        if item in KEY_NAMES:
            pilot.app.post_message(events.Key(item, "\t" if item == "tab" else None))
            continue
        for ch in item:
            name = CHAR_NAMES.get(ch) or (ch if ch.isalnum() else unicodedata.name(ch).lower())
            pilot.app.post_message(events.Key(name, ch))
