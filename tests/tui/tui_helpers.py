"""Helpers for the wizard's Pilot tests (no pytest-asyncio: each test runs its own loop)."""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

from textual import events
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


def count_frames(monkeypatch: Any) -> list[str]:
    """Record every paint of a screen (its class name) from now on."""
    from textual.screen import Screen

    frames: list[str] = []
    paint = Screen._compositor_refresh

    def counted(screen: Screen[Any]) -> None:
        frames.append(type(screen).__name__)
        paint(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", counted)
    return frames


async def frames_per_key(pilot: Pilot[Any], frames: list[str], key: str, times: int) -> list[int]:
    """Press ``key`` ``times`` times; how many frames each press painted (``frames`` from
    count_frames)."""
    per_key = []
    for _ in range(times):
        frames.clear()
        await pilot.press(key)
        await settle(pilot)
        await pilot.pause(0.05)
        per_key.append(len(frames))
    return per_key


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
