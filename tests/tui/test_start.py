"""The wizard's start (issue 6, first frame): what the first frame holds, and what is left out.

The screen's first layout and paint happen when it handles ScreenResume; the message hook below
looks at the screen at that moment."""

from __future__ import annotations

import asyncio
import gc
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual._context import active_message_pump
from textual.message import Message
from textual.worker import Worker
from tui_helpers import goto, run_app, settle, wizard

from aktsomhetswizard.tui.app import GC_THRESHOLD, IDLE_GC_MIN, make_app
from aktsomhetswizard.tui.screens.wizard import NavTree, WizardScreen
from aktsomhetswizard.tui.widgets.editors import QuestionEditor
from aktsomhetswizard.tui.widgets.keybar import KeyBar

# Modules the first frame does not need; each is imported when it is used.
NOT_AT_START = (
    "aktsomhetswizard.tui.screens.picker",
    "aktsomhetswizard.tui.screens.completeness",
    "aktsomhetswizard.tui.commands",
    "aktsomhetswizard.tui.screens.dialogs",  # only when a dialog is asked for
    "importlib.resources",  # the bank's files are read from the package's folder
    "aktsomhetswizard.quality",
    "aktsomhetswizard.render",
)


def test_importing_the_app_leaves_out_what_the_first_frame_does_not_need() -> None:
    done = subprocess.run(
        [sys.executable, "-c",
         "import json, sys\nimport aktsomhetswizard.tui.app\n"
         "print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    modules = set(json.loads(done.stdout.splitlines()[-1]))
    assert "aktsomhetswizard.tui.screens.wizard" in modules  # the probe sees the import
    loaded = sorted(m for m in modules if m.startswith(NOT_AT_START))
    assert loaded == []


def _first_layout(example: Path) -> dict[str, Any]:
    """Start the wizard on the example; note what its screen holds when it handles its first
    ScreenResume (its first layout and paint), then what it holds once settled."""
    app = make_app(path=example, testing=True)
    seen: dict[str, Any] = {"threshold_before": gc.get_threshold(), "show_workers": set()}

    def hook(message: Message) -> None:
        if isinstance(message, Worker.StateChanged) and message.worker.group == "show":
            seen["show_workers"].add(message.worker)
        screen = active_message_pump.get(None)  # the node handling the message
        if (isinstance(message, events.ScreenResume) and isinstance(screen, WizardScreen)
                and "editors" not in seen):
            seen["editors"] = len(screen.query(QuestionEditor))
            seen["current"] = screen.current
            seen["footer_keys"] = len(screen.query_one(KeyBar).keys)
            seen["focused"] = screen.focused
            seen["threshold_starting"] = gc.get_threshold()

    async def main() -> None:
        async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
            await settle(pilot)
            screen = wizard(app)
            seen["position"] = screen.store.session.position
            focused = screen.focused
            seen["settled_in_editor"] = focused is not None and any(
                isinstance(node, QuestionEditor) for node in focused.ancestors)
            seen["threshold_open"] = gc.get_threshold()
        seen["threshold_after"] = gc.get_threshold()
        app.close_store()

    asyncio.run(main())
    return seen


def test_first_layout_holds_the_question_its_field_focused_and_the_footer_keys(
        example: Path) -> None:
    seen = _first_layout(example)
    assert seen["position"]  # the example stopped at a question
    # The question is built before the screen is first laid out, not in a worker after it.
    assert seen["editors"] == 1
    assert not seen["show_workers"]
    assert seen["current"] == seen["position"]
    # The footer's keys are composed with it, not after the first refresh.
    assert seen["footer_keys"] > 0
    # Focus goes to the question's field, never to the tree first.
    assert not isinstance(seen["focused"], NavTree)
    assert seen["settled_in_editor"]


def test_gc_threshold_is_raised_while_open_and_back_after(example: Path) -> None:
    seen = _first_layout(example)
    assert seen["threshold_starting"][0] == GC_THRESHOLD
    assert seen["threshold_open"][0] == GC_THRESHOLD
    assert seen["threshold_open"][1:] == seen["threshold_before"][1:]
    assert seen["threshold_after"] == seen["threshold_before"]


def test_garbage_is_collected_after_each_move_not_at_start(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The collection the collector would make at its next turn runs once a move is painted
    (not inside it), the generation chosen as Python chooses it; none after the start's
    question (the first frame), none when little is waiting."""
    happened: list[str] = []
    counts: list[tuple[int, int, int]] = []

    def collect(generation: int = 2) -> int:
        happened.append(f"collect {generation}")
        return 0

    monkeypatch.setattr(gc, "collect", collect)
    real_count = gc.get_count
    monkeypatch.setattr(gc, "get_count", lambda: counts.pop(0) if counts else real_count())
    paint = WizardScreen._compositor_refresh

    def painted(self: WizardScreen) -> None:
        happened.append("paint")
        paint(self)

    monkeypatch.setattr(WizardScreen, "_compositor_refresh", painted)

    async def scenario(pilot: Any) -> None:
        await pilot.pause()
        assert not any(h.startswith("collect") for h in happened)  # the start
        app = pilot.app
        default = app._gc_threshold
        assert default is not None and gc.get_threshold()[0] == GC_THRESHOLD
        for count, expected in [
            ((IDLE_GC_MIN - 1, 0, 0), []),
            ((IDLE_GC_MIN, 0, 0), ["collect 0"]),
            ((5000, default[1], 0), ["collect 0"]),
            ((5000, default[1] + 1, default[2]), ["collect 1"]),
            ((5000, default[1] + 1, default[2] + 1), ["collect 2"]),
        ]:
            happened.clear()
            counts[:] = [count]
            await pilot.press("ctrl+n")
            await settle(pilot)
            await pilot.pause()
            assert [h for h in happened if h != "paint"] == expected, (count, happened)
            if expected:
                assert happened.index(expected[0]) > happened.index("paint")

    run_app(scenario, path=example)


def test_reason_field_is_made_when_a_question_is_marked_not_relevant(example: Path) -> None:
    """The first frame has no reason field (speed); marking the question makes it and puts
    the cursor in it; the reason typed is the question's; the field then stays, emptied for
    a question that is not marked, filled for one that is."""
    from textual.widgets import TextArea

    from aktsomhetswizard.tui.widgets.editors import NotApplicable

    async def scenario(pilot: Any) -> None:
        w = await goto(pilot, "3.B.2")
        na = w.query_one(NotApplicable)
        assert "3.B.2" not in w.store.session.not_applicable
        assert na.reason_field() is None
        await pilot.press("ctrl+t")
        await settle(pilot)
        field = na.reason_field()
        assert field is not None and pilot.app.focused is field
        await pilot.press(*"egen grunn")
        await settle(pilot)
        assert w.store.session.not_applicable["3.B.2"] == "egen grunn"
        await goto(pilot, "3.B.3")
        assert na.reason_field() is field and field.text == ""
        assert not field.display or not na.has_class("-on")
        await goto(pilot, "3.B.2")
        assert w.query_one("#na-reason", TextArea).text == "egen grunn"

    run_app(scenario, path=example, size=(120, 40))
