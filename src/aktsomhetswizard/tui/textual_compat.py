"""The one module of the wizard that touches Textual's private API (issue 16).

Everything else in ``src/`` builds on Textual's public API; tests/tui/test_private_api.py fails
if another module imports a private Textual module or names a private Textual attribute.

Each patch here is a small, named piece:

- it says what Textual does and why the wizard needs something else (docs/textual-upstream.md
  has the upstream problem, so that the piece can go when Textual fixes it);
- at import, it checks that what it touches is there, with the signature it expects
  (``_matches``); when it is not (another Textual), it does nothing and the wizard runs on
  Textual's own behaviour, only slower or less guarded;
- ``AKTSOMHET_TEXTUAL_COMPAT=0`` in the environment turns every piece off (Textual's own
  behaviour throughout), to measure what each one buys.

To add a piece: a function that checks with ``_matches`` (or ``_has``) and does its work only
when the check passes, plus a line in ``ACTIVE`` naming it, and a section in the doc.
"""

from __future__ import annotations

import codecs
import inspect
import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from textual.message_pump import MessagePump
from textual.scroll_view import ScrollView
from textual.widget import Widget

W = TypeVar("W", bound=type[Widget])

ENABLED = os.environ.get("AKTSOMHET_TEXTUAL_COMPAT", "1") != "0"


def _has(owner: object, name: str) -> bool:
    return hasattr(owner, name)


def _matches(owner: type, name: str, parameters: tuple[str, ...]) -> bool:
    """Whether ``owner.name`` is a function taking exactly ``parameters`` (names, in order)."""
    function = inspect.getattr_static(owner, name, None)
    if not callable(function):
        return False
    try:
        found = tuple(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return False
    return found == parameters


# ---------------------------------------------------------------------------------------------
# 1. Widget._size_updated: a second layout, and a second frame, on every move (see the doc).

_SIZE_UPDATED = ("self", "size", "virtual_size", "container_size", "layout")
SIZE_UPDATED = ENABLED and all(
    _matches(cls, "_size_updated", _SIZE_UPDATED) for cls in (Widget, ScrollView)
) and _has(Widget, "_scroll_update")


def no_layout_for_virtual_size(cls: W) -> W:
    """Class decorator for a widget that does not scroll (a text of the question pane, an
    editor in the scrolling pane): a new virtual size given to it by a layout asks for no
    further layout of the screen.

    Textual's layout gives each widget its size and virtual size; a widget whose virtual size
    changed (a title on three lines after one on two) sets it through a reactive that lays out
    the whole screen again, and so paints a second frame, although nothing depends on the
    virtual size of a widget that does not scroll."""
    if not SIZE_UPDATED:
        return cls
    original: Callable[..., bool] = cls._size_updated

    def _size_updated(self: Widget, size: Any, virtual_size: Any, container_size: Any,
                      layout: bool = True) -> bool:
        return bool(original(self, size, virtual_size, container_size, False))

    cls._size_updated = _size_updated  # type: ignore[method-assign]
    return cls


def _drop_scrollbar_repaints(widget: Widget) -> None:
    """The scrollbars of ``widget`` were brought up to date by a layout whose frame repaints the
    widget's whole region (its geometry changed: Textual marks that region for the frame),
    scrollbars included: the repaint each of them asked for would draw the same again, in one
    more frame after it. Without the private flag (another Textual): nothing is dropped."""
    for name in ("_vertical_scrollbar", "_horizontal_scrollbar"):
        bar = widget.__dict__.get(name)
        if bar is not None and bar.__dict__.get("_repaint_required") is True:
            bar.__dict__["_repaint_required"] = False


def steady_scrollbars(cls: W) -> W:
    """Class decorator for a ScrollView that sets its own virtual size (a Tree, a TextArea, the
    rows of a table): a layout that changes neither its size, nor its container's, nor its own
    virtual size leaves its scrollbars alone; one that gives it a new size (shown again, or
    grown) draws its scrollbars in the layout's own frame.

    Textual's ScrollView compares the virtual size the layout gives it with its own (which such
    a widget sets itself, so they never match), and so refreshes its scrollbars, and repaints
    them after the frame, on every layout of the screen: on every move to another question."""
    if not SIZE_UPDATED or not issubclass(cls, ScrollView):
        return cls
    original: Callable[..., bool] = cls._size_updated

    def _size_updated(self: Widget, size: Any, virtual_size: Any, container_size: Any,
                      layout: bool = True) -> bool:
        key = (size, container_size, self.virtual_size)
        if self.__dict__.get("_aktsomhet_sized") == key:
            return False
        self.__dict__["_aktsomhet_sized"] = key
        resized = size != self.outer_size
        changed = bool(original(self, size, virtual_size, container_size, layout))
        if changed and resized:
            _drop_scrollbar_repaints(self)
        return changed

    cls._size_updated = _size_updated  # type: ignore[method-assign]
    return cls


def scrollbars_follow_now(widget: Widget) -> None:
    """After a widget of ``steady_scrollbars`` changed its own virtual size (a text area loaded
    another answer), bring its scrollbars up to date now, inside the move's batch, so that the
    move is painted in one frame (the layout to come then finds nothing to do for them)."""
    if not SIZE_UPDATED:
        return
    sized = widget.__dict__.get("_aktsomhet_sized")
    if sized is not None and sized[0] == widget.outer_size:
        widget._scroll_update(widget.virtual_size)
        widget.__dict__["_aktsomhet_sized"] = (sized[0], sized[1], widget.virtual_size)


def scrollbars_in_the_layouts_frame(cls: W) -> W:
    """Class decorator for a scrolling container whose scrollbar is always placed (``overflow-y:
    scroll``: the question pane): a new virtual size given to it by a layout (a table question
    taller than the long answer shown before) asks for no second layout, and its scrollbars,
    brought up to date by that layout, are drawn in the layout's own frame.

    Textual sets a container's new virtual size through a reactive that lays out the whole screen
    again (the layout that just measured it gives the same result when the scrollbar stays
    where it is), and its scrollbars, updated during the layout, ask for a repaint of their
    own, which comes as one more frame after it. That layout's frame already repaints the whole
    container (its geometry changed: Textual marks its region for the frame), scrollbars
    included: their own repaint draws the same again."""
    if not SIZE_UPDATED:
        return cls
    original: Callable[..., bool] = cls._size_updated

    def _size_updated(self: Widget, size: Any, virtual_size: Any, container_size: Any,
                      layout: bool = True) -> bool:
        changed = bool(original(self, size, virtual_size, container_size, False))
        if changed:
            _drop_scrollbar_repaints(self)
        return changed

    cls._size_updated = _size_updated  # type: ignore[method-assign]
    return cls


# ---------------------------------------------------------------------------------------------
# 2. Pending messages: has a widget's queue something not handled yet? (quitting, signals)

PENDING = ENABLED and _has(MessagePump, "_message_queue")


def has_pending_messages(node: MessagePump) -> bool:
    """Whether ``node`` has messages waiting in its queue (a key typed just before Ctrl+Q, the
    Changed event it caused). Textual has no public way to ask. Without the private queue:
    False (the caller waits no longer than one look)."""
    if not PENDING:
        return False
    queue = getattr(node, "_message_queue", None)
    empty: Callable[[], bool] | None = getattr(queue, "empty", None)
    return empty is not None and not empty()


# ---------------------------------------------------------------------------------------------
# 3. The terminal's input thread after a failed shutdown (textual: the driver's exit_event)


def stop_input_thread(app: Any) -> None:
    """Make sure Textual's terminal input thread ends. When the terminal goes away while the
    program quits (an SSH connection dropping just after Ctrl+Q), Textual's driver fails on
    writing to it before it tells that thread to stop; the thread then spins on the dead
    terminal, and the process, waiting for it, never ends (tests/e2e/test_signals.py)."""
    driver = getattr(app, "_driver", None) if ENABLED else None
    event = getattr(driver, "exit_event", None)
    if isinstance(event, threading.Event):
        event.set()


# ---------------------------------------------------------------------------------------------
# 4. Bytes from the terminal that are not UTF-8 (issue 14)
#
# Textual's Linux driver decodes the terminal's input with a strict UTF-8 decoder, made in
# LinuxDriver.run_input_thread from the name ``getincrementaldecoder`` of its module
# (``from codecs import getincrementaldecoder``). One byte that is not UTF-8 (ø typed in a Latin-1
# terminal: 0xF8) raises UnicodeDecodeError in the input thread, which ends: the keyboard is dead
# and later keys go to the shell. Textual has no public way to choose the decoder's errors. The
# piece gives that module a getincrementaldecoder whose decoders replace such bytes by U+FFFD.


def _lenient_getincrementaldecoder(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    factory = codecs.getincrementaldecoder(encoding)

    def make(errors: str = "replace") -> codecs.IncrementalDecoder:
        return factory(errors="replace")

    return make


def _lenient_input() -> bool:
    try:
        from textual.drivers import linux_driver
    except Exception:  # not on a POSIX terminal (Windows): another driver, not patched
        return False
    if getattr(linux_driver, "getincrementaldecoder", None) is not codecs.getincrementaldecoder:
        return False  # another Textual: it decodes some other way
    if not _matches(linux_driver.LinuxDriver, "run_input_thread", ("self",)):
        return False
    linux_driver.getincrementaldecoder = _lenient_getincrementaldecoder  # type: ignore[assignment]
    return True


LENIENT_INPUT = ENABLED and _lenient_input()


# Which pieces are on in this process (for the bench and the tests).
ACTIVE: dict[str, bool] = {
    "size_updated": SIZE_UPDATED,
    "pending_messages": PENDING,
    "stop_input_thread": ENABLED,
    "lenient_input": LENIENT_INPUT,
}
