"""Anything the wizard saves, the wizard and `aktsomhet check` open (limits.py): a field refuses
an edit that would make its text longer than a session may hold, with one Norwegian message;
the text already there stays, and the file opens again (Pilot). The limit is lowered for the
test (the real one is 5 000 000 characters): the editors and the reader ask limits.py for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_helpers import goto, run_app, settle

from aktsomhetswizard import limits
from aktsomhetswizard import session as sessions
from aktsomhetswizard.cli import main
from aktsomhetswizard.tui.widgets.editors import RowTable

LIMIT = 2000  # above every answer of the example (the longest: 1,660 characters)


TOLD: list[str] = []


def _told(pilot: Pilot[Any]) -> str:
    """What the author was told since the last call (the app's notifications)."""
    out = " ".join(TOLD)
    TOLD.clear()
    return out


async def _paste(pilot: Pilot[Any], text: str) -> None:
    """A paste as the terminal sends it: to the app, which gives it to the focused field."""
    pilot.app.post_message(events.Paste(text))
    await settle(pilot)
    await pilot.pause(0.2)


def test_paste_past_the_limit_is_refused_and_the_file_opens(
        example: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(limits, "MAX_ANSWER_CHARS", LIMIT)
    assert sessions.load(example)  # the example opens under the lowered limit

    async def scenario(pilot: Pilot[Any]) -> None:
        notify = pilot.app.notify

        def record(message: str, **kwargs: Any) -> None:
            TOLD.append(message)
            notify(message, **kwargs)

        monkeypatch.setattr(pilot.app, "notify", record)
        # A long answer: typed text stays, the paste that would pass the limit is refused.
        w = await goto(pilot, "4.A.1")
        area = pilot.app.focused
        assert isinstance(area, TextArea)
        await pilot.press(*"Ansvar")
        await _paste(pilot, "x" * LIMIT)
        assert area.text == "Ansvar"
        assert _told(pilot) == ("Et svar kan ha høyst 2 000 tegn, og dette ville blitt lengre: "
                                "det som ble skrevet eller limt inn, er ikke tatt med. Teksten "
                                "som står der, er beholdt.")
        # What fits is taken, up to the last character; one more key is refused.
        await _paste(pilot, "y" * (LIMIT - len("Ansvar")))
        assert len(area.text) == LIMIT
        await pilot.press("z")
        await settle(pilot)
        assert len(area.text) == LIMIT and "z" not in area.text
        # Shortening is always allowed.
        await pilot.press("backspace")
        await settle(pilot)
        assert len(area.text) == LIMIT - 1
        # A one-line field (Input's max_length, the same message).
        await goto(pilot, "virksomhet.kontaktperson")
        field = pilot.app.focused
        assert isinstance(field, Input)
        before = field.value
        await pilot.pause(3.1)  # (told at most every 3 seconds)
        await _paste(pilot, "n" * (LIMIT + 1))
        assert field.value == before
        assert "Et svar kan ha høyst 2 000 tegn" in _told(pilot)
        # A cell of a table row's form.
        await goto(pilot, "2.A.1")
        pilot.app.screen.query_one(RowTable).focus()
        await settle(pilot)
        await pilot.press("insert", *"Risiko")
        await settle(pilot)
        cell = pilot.app.focused
        assert isinstance(cell, TextArea | Input)
        await pilot.pause(3.1)
        await _paste(pilot, "r" * LIMIT)
        assert (cell.text if isinstance(cell, TextArea) else cell.value) == "Risiko"
        assert "Et svar kan ha høyst 2 000 tegn" in _told(pilot)
        assert w.store.session.answers["4.A.1"].startswith("Ansvar")
        await pilot.press("ctrl+q")
        await settle(pilot)

    run_app(scenario, path=example, size=(100, 30))
    saved = sessions.load(example)  # opens again
    assert len(saved.answers["4.A.1"]) == LIMIT - 1
    assert saved.tables["priorities"][-1]["impact"] == "Risiko"
    assert main(["check", str(example)]) in (0, 1)  # not 2: the file can be used
    capsys.readouterr()
