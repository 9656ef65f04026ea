"""The wizard's footer (KeyBar): the screen's keys in one widget, working like Textual's Footer:
the keys follow the focus, a click presses the key, a disabled key is dim and rings the bell, a
key's tooltip shows on hover."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from tui_helpers import goto, run_app, settle, wizard

from aktsomhetswizard.tui.widgets.keybar import Key, KeyBar


def _bar(pilot: Pilot[Any]) -> KeyBar:
    return pilot.app.screen.query_one(KeyBar)


def _x_of(bar: KeyBar, description: str) -> int:
    """A cell inside the key with this description, as drawn."""
    bar.render()  # the spans as of now
    index = [k.description for k in bar.keys].index(description)
    start, end = bar._spans[index]
    return (start + end) // 2


def _line(bar: KeyBar) -> str:
    return "".join(segment.text for segment in bar.render_line(0))


def test_keys_are_the_screens_and_follow_the_focus(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        bar = _bar(pilot)
        await goto(pilot, "1.A.2")  # a long text
        assert ("ctrl+n", "Neste") in [(k.key, k.description) for k in bar.keys]
        assert "ctrl+r" not in [k.key for k in bar.keys]
        assert "^n Neste ^p Forrige" in _line(bar)
        await goto(pilot, "2.A.1")  # a table: its row keys come with the focus
        assert "ctrl+r" in [k.key for k in bar.keys]
        assert "Ny rad" in _line(bar)
        await goto(pilot, "1.A.2")
        assert "ctrl+r" not in [k.key for k in bar.keys]
        assert "Ny rad" not in _line(bar)

    run_app(scenario, path=example, size=(140, 30))


def test_the_same_keys_in_another_order_keep_their_places(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        bar = _bar(pilot)
        shown = bar.keys
        bar.keys = tuple(reversed(shown))
        assert bar.update_keys() is False  # nothing new: no repaint, no jump
        assert bar.keys == tuple(reversed(shown))
        bar.keys = shown[1:]
        assert bar.update_keys() is True
        assert set(bar.keys) == set(shown)

    run_app(scenario, path=example)


def test_a_click_on_a_key_presses_it(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "1.A.2")
        bar = _bar(pilot)
        await pilot.click(KeyBar, offset=(_x_of(bar, "Neste"), 0))
        await settle(pilot)
        assert w.current == "1.A.3"
        await pilot.click(KeyBar, offset=(_x_of(bar, "Forrige"), 0))
        await settle(pilot)
        assert w.current == "1.A.2"
        # Between two keys: nothing.
        start, _end = bar._spans[1]
        await pilot.click(KeyBar, offset=(start - 1, 0))
        await settle(pilot)
        assert w.current == "1.A.2"

    run_app(scenario, path=example)


def test_a_disabled_key_is_dim_and_rings_the_bell(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = wizard(pilot.app)  # type: ignore[arg-type]
        before = w.current
        bar = _bar(pilot)
        bar.keys = (Key("ctrl+n", "^n", "Neste", False, ""),
                    Key("ctrl+p", "^p", "Forrige", True, ""))
        bar.refresh()
        rang: list[bool] = []
        pilot.app.bell = lambda: rang.append(True)  # type: ignore[method-assign]
        await pilot.click(KeyBar, offset=(_x_of(bar, "Neste"), 0))
        await settle(pilot)
        assert rang == [True]
        assert w.current == before
        segments = list(bar.render_line(0))
        dim = [s.text for s in segments if s.style is not None and s.style.dim]
        assert "".join(dim).strip() == "^n Neste"

    run_app(scenario, path=example)


def test_hover_shows_the_keys_tooltip_and_highlights_it(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        bar = _bar(pilot)
        plain = list(bar.render_line(0))
        await pilot.hover(KeyBar, offset=(_x_of(bar, "Oversikt"), 0))
        await pilot.pause()
        assert bar.tooltip == "Kompletthet: hva som mangler"
        assert list(bar.render_line(0)) != plain  # the hovered key is drawn otherwise
        await pilot.hover(KeyBar, offset=(_x_of(bar, "Neste"), 0))
        await pilot.pause()
        assert bar.tooltip is None  # "Neste" has no tooltip

    run_app(scenario, path=example, size=(120, 30))


def test_the_apps_own_keys_stay_at_80_columns(example: Path) -> None:
    """Issue 15: at 80 columns, in a table's row form (the most keys), the footer keeps
    ^k, ^o, F1 and ^q, and the key that adds a row; it leaves out others to make room."""

    async def scenario(pilot: Pilot[Any]) -> None:
        bar = _bar(pilot)
        await goto(pilot, "2.A.1")
        pilot.app.screen.query_one("#cell-impact").focus()
        await settle(pilot)
        line = _line(bar)
        assert len(line.rstrip()) <= 80
        for shown in ("^k Gå til", "^o Oversikt", "f1 Hjelp", "^q Avslutt", "^r Ny rad"):
            assert shown in line, line

    run_app(scenario, path=example, size=(80, 24))
