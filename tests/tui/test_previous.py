"""Last year's answer beside this year's in the wizard (issue 17, item 3): F2, for a session
started from last year's (`new --from`), and the status line of a carried answer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static
from tui_helpers import goto, run_app, settle, wizard

from aktsomhetswizard import session as sessions
from aktsomhetswizard.tui.screens.previous import PreviousAnswerScreen

HOSTILE = "[bold]ikke markup[/] \x1b[31m [@click=app.quit]x[/]"


def _start(tmp_path: Path, example: Path) -> Path:
    """`aktsomhet new ks-2024 --from` the example, as a user does it."""
    folder = example.parent
    r = subprocess.run([sys.executable, "-m", "aktsomhetswizard", "new", "ks-2024",
                        "--org", "KS - Kommunesektorens organisasjon", "--year", "2024",
                        "--from", example.stem, "--no-open", "--dir", str(folder)],
                       capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    path = folder / "ks-2024.toml"
    assert sessions.load(path).started_from == example.name  # recorded, relative
    return path


def _status(pilot: Pilot[Any]) -> str:
    return str(pilot.app.screen.query_one("#q-status", Static).render())


def test_f2_shows_last_years_answer_beside_the_current(tmp_path: Path, example: Path) -> None:
    path = _start(tmp_path, example)
    old = sessions.load(example)
    seen: dict[str, Any] = {}

    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, "1.A.3")
        # Carried and still unchanged: the status line says so (i13's words for carried and
        # not confirmed, then ours for unchanged since last year).
        status = _status(pilot)
        assert "overført fra i fjor, ikke bekreftet" in status
        assert "uendret fra i fjor" in status and "endret siden" not in status
        await pilot.press("f2")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, PreviousAnswerScreen)
        seen["old"] = str(screen.query_one("#previous-old-text", Static).render())
        seen["new"] = str(screen.query_one("#previous-new-text", Static).render())
        seen["hint"] = str(screen.query_one(".dialog-hint", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        w = wizard(pilot.app)  # type: ignore[arg-type]
        # An edit: the status says it changed; last year's text stays as it was.
        w.store.set_answer("1.A.3", old.answers["1.A.3"] + " Endret i år.")
        w.refresh_status()
        await settle(pilot)
        assert "endret siden i fjor" in _status(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, PreviousAnswerScreen)
        seen["old2"] = str(screen.query_one("#previous-old-text", Static).render())
        new2 = screen.query_one("#previous-new-text", Static).render()
        seen["new2"] = str(new2)
        seen["marked"] = [new2.plain[s.start:s.end] for s in new2.spans  # type: ignore[union-attr]
                          if s.style]
        await pilot.press("f2")  # F2 closes it again
        await settle(pilot)
        assert not isinstance(pilot.app.screen, PreviousAnswerScreen)
        await pilot.press("ctrl+q")

    run_app(scenario, path=path, size=(120, 40))
    assert seen["old"] == seen["new"] == old.answers["1.A.3"]
    assert "Uendret fra i fjor" in seen["hint"] and "ikke bekreftet" in seen["hint"]
    assert seen["old2"] == old.answers["1.A.3"]
    assert seen["new2"] == old.answers["1.A.3"] + " Endret i år."
    assert seen["marked"] == [" Endret i år."]  # what is new this year is marked
    assert sessions.load(example).answers == old.answers  # last year's file is only read


def _f2_shows(path: Path, selector: str) -> str:
    """Open ``path`` at 1.A.3, press F2: the text of ``selector`` in what opens; then close
    it and quit (the program ends normally)."""
    seen: dict[str, str] = {}

    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, "1.A.3")
        await pilot.press("f2")
        await settle(pilot)
        seen["text"] = str(pilot.app.screen.query_one(selector, Static).render())
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+q")

    app = run_app(scenario, path=path, size=(120, 40))
    assert app.return_code in (0, None)
    return seen["text"]


def test_user_text_in_the_view_is_not_markup(tmp_path: Path, example: Path) -> None:
    data = sessions.load(example)
    data.answers["1.A.3"] = HOSTILE
    sessions.save(data, example)
    path = _start(tmp_path, example)
    shown = _f2_shows(path, "#previous-old-text")
    assert shown == HOSTILE.replace("\x1b", "\\x1b")


def test_no_key_without_last_years_session(tmp_path: Path, example: Path) -> None:
    seen: dict[str, Any] = {}

    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, "1.A.3")
        w = wizard(pilot.app)  # type: ignore[arg-type]
        seen["allowed"] = w.check_action("previous_answer", ())
        await pilot.press("f2")
        await settle(pilot)
        seen["modal"] = isinstance(pilot.app.screen, PreviousAnswerScreen)
        seen["status"] = _status(pilot)
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    assert seen["allowed"] is False and seen["modal"] is False
    assert "i fjor" not in seen["status"]


def test_last_years_session_gone(tmp_path: Path, example: Path) -> None:
    path = _start(tmp_path, example)
    example.unlink()
    assert "finnes ikke lenger" in _f2_shows(path, ".dialog-message")


def test_help_names_each_function_key_once() -> None:
    """F2 is last year's answer; the help must not give the same key two jobs."""
    import re

    from aktsomhetswizard.tui.screens.dialogs import HELP

    keys = re.findall(r"^  (F\d+)\s", HELP, flags=re.MULTILINE)
    assert "F2" in keys and len(keys) == len(set(keys)), keys
