"""Snapshots of the picker, the wizard and the completeness view on the example session, at
80×24 and 120×40. Regenerate with `pytest tests/tui/test_snapshots.py --snapshot-update` and look
at the SVGs (tests/tui/__snapshots__/) before committing them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_helpers import settle

from aktsomhetswizard.tui.app import make_app

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def here(sessions_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The picker shows the folder relative to the working folder: make it "sessions"."""
    monkeypatch.chdir(sessions_dir.parent)
    return sessions_dir


def _at(qid: str | None, *keys: tuple[str, ...]) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """What runs before the snapshot: the app settled, then at ``qid`` (when given), then each
    group of keys pressed, the app settled after each group."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        if qid is not None:
            pilot.app.screen.go_to(qid)  # type: ignore[attr-defined]
            await settle(pilot)
        for group in keys:
            await pilot.press(*group)
            await settle(pilot)

    return run_before


def _wizard(snap_compare: Any, example: Path, size: tuple[int, int],
            run_before: Callable[[Pilot[Any]], Awaitable[None]]) -> bool:
    app = make_app(path=example, testing=True)
    return bool(snap_compare(app, terminal_size=size, run_before=run_before))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_picker(snap_compare: Any, example: Path, here: Path, size: tuple[int, int]) -> None:
    app = make_app(directory=Path("sessions"), testing=True)
    assert snap_compare(app, terminal_size=size, run_before=_at(None))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_wizard(snap_compare: Any, example: Path, here: Path, size: tuple[int, int]) -> None:
    assert _wizard(snap_compare, example, size, _at("2.A.1"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_completeness_view(snap_compare: Any, example: Path, here: Path,
                           size: tuple[int, int]) -> None:
    assert _wizard(snap_compare, example, size, _at(None, ("ctrl+o",)))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_table_row_being_edited(snap_compare: Any, example: Path, here: Path,
                                size: tuple[int, int]) -> None:
    """2.A.1 with a second row being filled in: the table, the row's form under it, the
    footer with the app's own keys (issues 14 and 15). «Relatert tema» is a choice (issue 12):
    the second of the principle areas. Typing last, as before: the header's «*» shows."""
    assert _wizard(snap_compare, example, size, _at(
        "2.A.1", ("insert", *"Lange arbeidsdager hos underleverandør", "tab"), ("enter",),
        ("down", "down", "enter"), ("tab", *"Kina")))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_follow_up_3a1(snap_compare: Any, example: Path, here: Path,
                       size: tuple[int, int]) -> None:
    """3.A.1: the priorities, and the first one's facts and fields."""
    assert _wizard(snap_compare, example, size, _at("3.A.1"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_tree_wide_deep_in_the_template(snap_compare: Any, example: Path, here: Path,
                                        size: tuple[int, int]) -> None:
    """The tree widened (F4) on a question near the end: it is in view, its titles are whole
    where they fit, and no horizontal scrollbar shows (issue 15)."""
    assert _wizard(snap_compare, example, size, _at("6.A.tilfeller", ("f4",)))
