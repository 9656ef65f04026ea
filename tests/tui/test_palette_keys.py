"""Ctrl+K, a question's number, Enter and the answer typed at once (issue 14's promise: no key
typed right after a key that changes the screen is lost). Textual's palette runs the chosen
command a few messages after Enter, behind the keys typed after it: those went into the closing
palette and were lost."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_helpers import burst, run_app, settle, wizard

from aktsomhetswizard import session as sessions


async def typed_at_once(pilot: Pilot[Any], *keys: str) -> None:
    burst(pilot, *keys)
    for _ in range(3):
        await asyncio.wait_for(settle(pilot), 20)
        await pilot.pause(0.1)


@pytest.mark.parametrize("qid", ["4.A.1", "1.A.2"])
def test_an_answer_typed_right_after_the_palette_goes_into_the_question(
        example: Path, qid: str) -> None:
    """4.A.1 is empty in the example; 1.A.2 has an answer (the text goes into it, kept)."""
    before = sessions.load(example).answers.get(qid, "")

    async def scenario(pilot: Pilot[Any]) -> None:
        await typed_at_once(pilot, "ctrl+k", qid, "enter", "Skrevet med en gang")
        w = wizard(pilot.app)  # type: ignore[arg-type]
        assert w.current == qid
        answer = w.store.session.answers.get(qid, "")
        assert "Skrevet med en gang" in answer
        assert len(answer) == len(before) + len("Skrevet med en gang")

    run_app(scenario, path=example, size=(100, 30))


def test_a_row_typed_right_after_the_palette_goes_into_the_table(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await typed_at_once(pilot, "ctrl+k", "leverandorkjede.produsenter", "enter", "Vietnam")
        w = wizard(pilot.app)  # type: ignore[arg-type]
        assert w.current == "leverandorkjede.produsenter"
        assert [r["country"] for r in w.store.rows("producers")] == ["Vietnam"]

    run_app(scenario, path=example, size=(100, 30))


def test_the_palette_still_finds_a_question_by_its_words(example: Path) -> None:
    """Not a number: Enter takes the highlighted hit once the search has found it."""

    async def scenario(pilot: Pilot[Any]) -> None:
        await typed_at_once(pilot, "ctrl+k", "klimagass")
        await typed_at_once(pilot, "enter")
        w = wizard(pilot.app)  # type: ignore[arg-type]
        assert w.current == "3.B.2"

    run_app(scenario, path=example, size=(100, 30))
