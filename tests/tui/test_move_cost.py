"""What a move to the next question costs (issue 6, speed), pinned by what it does rather than
by time: messages no one handles are not posted at all, and the screen is laid out only when a
size changes (what is then on screen is what a full layout gives)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.message_pump import MessagePump
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static, TextArea, Tree
from tui_helpers import goto, run_app, settle

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Kind, load_bank
from aktsomhetswizard.tui.screens.wizard import NavTree, PaneText, update_in_place
from aktsomhetswizard.tui.widgets.editors import AnswerArea


def test_cursor_moves_post_no_message_no_one_handles(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """TextArea.SelectionChanged (every keystroke, twice on every move) and
    Tree.NodeHighlighted (every move) are not queued; the cursors still move, and a node
    chosen in the tree still opens its question."""
    queued: list[Message] = []
    post = MessagePump.post_message

    def recording(self: MessagePump, message: Message) -> bool:
        posted = post(self, message)
        if posted:
            queued.append(message)
        return posted

    monkeypatch.setattr(MessagePump, "post_message", recording)

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "1.A.2")
        queued.clear()
        for _ in range(3):
            await pilot.press("ctrl+n")
            await settle(pilot)
        area = pilot.app.screen.query_one("#answer", TextArea)
        await pilot.press("x", "left", "left")
        await settle(pilot)
        tree = pilot.app.screen.query_one(NavTree)
        assert w.current == "1.B.2"
        assert tree.cursor_node is not None and tree.cursor_node.data == "1.B.2"
        # The answer opens with the cursor at its start (issue 15): "x" goes there.
        assert area.text.startswith("x") and area.selection.end == (0, 0)
        kinds = {type(m) for m in queued}
        assert TextArea.SelectionChanged not in kinds
        assert Tree.NodeHighlighted not in kinds
        assert TextArea.Changed in kinds  # the recording does see messages
        # The tree still tells its choices: Enter on a node opens that question.
        tree.focus()
        await settle(pilot)
        tree.move_cursor(w._tree_nodes["1.C.1"])
        await pilot.press("enter")
        await settle(pilot)
        assert w.current == "1.C.1"

    run_app(scenario, path=example)


# ---------------------------------------------------------------------------------------------
# A layout of the screen only when a size changes

LONG = "\n\n".join(" ".join(f"ord{p}x{i} i et langt svar" for i in range(60)) for p in range(4))


class _Pane(App[None]):
    """A title, a hidden text and a long-text area above a line, as in the question pane."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="pane"):
            yield PaneText("Én linje", id="title")
            with Vertical(id="box"):
                yield PaneText("skjult", id="hidden")
            area = AnswerArea(LONG, soft_wrap=True, id="answer")
            area.cursor_blink = False
            yield area
            yield Static("under", id="below")

    def on_mount(self) -> None:
        self.query_one("#box").display = False


def _count_layouts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    layouts: list[int] = []
    layout = Screen._refresh_layout

    def counting(self: Screen[Any], *args: Any, **kwargs: Any) -> None:
        layouts.append(1)
        layout(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counting)
    return layouts


async def _laid_out_again_is_the_same(app: App[Any], pilot: Any) -> None:
    """What is on screen is what a full layout gives: the regions and the painted rows."""
    screen = app.screen
    compositor = screen._compositor
    regions = {w: geometry.region for w, geometry in compositor.full_map.items()}
    rows = [strip.text for strip in compositor.render_strips()]
    screen.refresh(layout=True)
    await pilot.pause()
    assert regions == {w: geometry.region for w, geometry in compositor.full_map.items()}
    assert rows == [strip.text for strip in compositor.render_strips()]


def test_texts_and_answers_of_the_same_height_need_no_layout(
        monkeypatch: pytest.MonkeyPatch) -> None:
    layouts = _count_layouts(monkeypatch)

    async def scenario() -> None:
        app = _Pane()
        async with app.run_test(size=(60, 30)) as pilot:
            await pilot.pause()
            title = app.query_one("#title", PaneText)
            area = app.query_one("#answer", AnswerArea)
            below = app.query_one("#below", Static)
            assert area.virtual_size.height > area.scrollable_content_region.height
            await _laid_out_again_is_the_same(app, pilot)  # the start's layouts all done
            await pilot.pause()
            top = below.region.y

            async def step(change: Any) -> int:
                layouts.clear()
                change()
                await pilot.pause()
                await _laid_out_again_is_the_same(app, pilot)
                return len(layouts) - 1  # the one _laid_out_again_is_the_same asked for

            # The same height: repainted only, and shown.
            assert await step(lambda: update_in_place(title, Text("En annen linje"))) == 0
            assert "En annen linje" in title.render_line(0).text
            assert await step(lambda: update_in_place(
                app.query_one("#hidden", PaneText), Text("\n".join(["lang"] * 9)))) == 0
            assert await step(lambda: area.show_text(LONG.replace("ord", "ORD"))) == 0
            assert below.region.y == top
            assert "ORD" in "".join(area.render_line(y).text for y in range(3))
            # Another height: laid out, and what is below moves.
            assert await step(lambda: update_in_place(title, Text("to\nlinjer"))) >= 1
            assert below.region.y == top + 1
            assert await step(lambda: area.show_text("kort")) >= 1
            assert below.region.y < top
            short = below.region.y  # no scrollbar from here on: only the area's height moves
            assert await step(lambda: area.show_text("\n".join("en to tre fire fem".split()))) >= 1
            assert below.region.y > short
            assert await step(lambda: area.show_text("\n".join("seks sju åtte ni ti".split()))) == 0
            five = below.region.y
            assert await step(lambda: area.show_text("elleve\ntolv\ntretten")) >= 1
            assert below.region.y == five - 2  # shorter, no scrollbar before or after
            assert await step(lambda: area.show_text(LONG)) >= 1
            assert below.region.y == top + 1
            # The hidden text, once shown, takes the room its new text needs.
            app.query_one("#box").display = True
            await pilot.pause()
            assert app.query_one("#hidden", PaneText).size.height == 9
            await _laid_out_again_is_the_same(app, pilot)

    asyncio.run(scenario())


def test_moving_between_long_answers_shows_what_a_full_layout_shows(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the wizard: long answers (taller than the area) one after the other; after each move
    the screen is the one a full layout gives, and a layout ran only when the title's height
    changed."""
    session = sessions.load(example)
    bank = load_bank()
    order = [q for q in bank.question_ids if bank[q].kind is Kind.LONG_TEXT][:12]
    for n, qid in enumerate(order):
        session.answers[qid] = LONG.replace("ord", f"q{n}ord")
    session.position = order[0]
    example.write_bytes(sessions.to_bytes(session))
    layouts = _count_layouts(monkeypatch)

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, order[0])
        title = pilot.app.screen.query_one("#q-title", PaneText)
        skipped = 0
        for n, qid in enumerate(order[1:], 1):
            height = title.size.height
            layouts.clear()
            w.go_to(qid)
            await settle(pilot)
            laid_out = bool(layouts)
            if title.size.height != height:
                assert laid_out
            skipped += not laid_out
            area = pilot.app.screen.query_one("#answer", AnswerArea)
            assert f"q{n}ord" in area.text
            await _laid_out_again_is_the_same(pilot.app, pilot)
        assert skipped > 0

    run_app(scenario, path=example)


def test_a_move_between_long_answers_puts_the_cursor_at_the_end_in_view(example: Path) -> None:
    """After a move to another long answer the area has the focus, its cursor is at the end of
    the text, where the author goes on writing, and that end is in view."""
    session = sessions.load(example)
    bank = load_bank()
    order = [q for q in bank.question_ids if bank[q].kind is Kind.LONG_TEXT][:4]
    for n, qid in enumerate(order):
        session.answers[qid] = LONG.replace("ord", f"q{n}ord")
    example.write_bytes(sessions.to_bytes(session))
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, order[0])
        for qid in order[1:]:
            w.go_to(qid)
            await settle(pilot)
            area = pilot.app.screen.query_one("#answer", AnswerArea)
            assert area.has_focus and area.selection.end == (0, 0)  # at the top (issue 15)
            row = area.wrapped_document.location_to_offset((0, 0)).y
            top = area.scroll_offset.y
            assert top <= row < top + area.scrollable_content_region.height

    run_app(scenario, path=example)
