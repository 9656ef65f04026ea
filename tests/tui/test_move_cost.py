"""What a move to the next question costs (issue 6, speed), pinned by what it does rather than
by time: messages no one handles are not posted at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.message_pump import MessagePump
from textual.pilot import Pilot
from textual.widgets import TextArea, Tree
from tui_helpers import goto, run_app, settle

from aktsomhetswizard.tui.screens.wizard import NavTree


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
        assert area.text.endswith("x") and area.selection.end[1] == len(
            area.document.get_line(area.selection.end[0])) - 2
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
