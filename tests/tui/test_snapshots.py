"""Snapshots of the picker, the wizard and the completeness view on the example session, at
80×24 and 120×40. Regenerate with `pytest tests/tui/test_snapshots.py --snapshot-update` and look
at the SVGs (tests/tui/__snapshots__/) before committing them."""

from __future__ import annotations

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


async def _settled(pilot: Pilot[Any]) -> None:
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_picker(snap_compare: Any, example: Path, here: Path, size: tuple[int, int]) -> None:
    app = make_app(directory=Path("sessions"), testing=True)
    assert snap_compare(app, terminal_size=size, run_before=_settled)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_wizard(snap_compare: Any, example: Path, here: Path, size: tuple[int, int]) -> None:
    async def at_2a1(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.screen.go_to("2.A.1")  # type: ignore[attr-defined]
        await settle(pilot)

    app = make_app(path=example, testing=True)
    assert snap_compare(app, terminal_size=size, run_before=at_2a1)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_completeness_view(snap_compare: Any, example: Path, here: Path,
                           size: tuple[int, int]) -> None:
    async def open_view(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)

    app = make_app(path=example, testing=True)
    assert snap_compare(app, terminal_size=size, run_before=open_view)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_table_row_being_edited(snap_compare: Any, example: Path, here: Path,
                                size: tuple[int, int]) -> None:
    """2.A.1 with a second row being filled in: the table, the row's form under it, the
    footer with the app's own keys (issues 14 and 15)."""

    async def new_row(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.screen.go_to("2.A.1")  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("insert", *"Lange arbeidsdager hos underleverandør", "tab")
        # «Relatert tema» is a choice (issue 12): the second of the principle areas.
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        await pilot.press("tab", *"Kina")  # typing last, as before: the header's «*» shows
        await settle(pilot)

    app = make_app(path=example, testing=True)
    assert snap_compare(app, terminal_size=size, run_before=new_row)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_follow_up_3a1(snap_compare: Any, example: Path, here: Path,
                       size: tuple[int, int]) -> None:
    """3.A.1: the priorities, and the first one's facts and fields."""

    async def at_3a1(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.screen.go_to("3.A.1")  # type: ignore[attr-defined]
        await settle(pilot)

    app = make_app(path=example, testing=True)
    assert snap_compare(app, terminal_size=size, run_before=at_3a1)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_tree_wide_deep_in_the_template(snap_compare: Any, example: Path, here: Path,
                                        size: tuple[int, int]) -> None:
    """The tree widened (F4) on a question near the end: it is in view, its titles are whole
    where they fit, and no horizontal scrollbar shows (issue 15)."""

    async def widened(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.screen.go_to("6.A.tilfeller")  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)

    app = make_app(path=example, testing=True)
    assert snap_compare(app, terminal_size=size, run_before=widened)
