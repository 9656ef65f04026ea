"""The wizard's footer: the keys of the screen, in one widget.

It looks and works like Textual's compact Footer (the key, its description, a click presses the
key, a disabled key is dim and rings the bell, a key's tooltip shows on hover), but draws the
keys as one line of text. Speed (issue 6): Textual's Footer is a container with one widget per
key; each of those is styled, laid out, resized and painted on its own, and rebuilt whenever
the focus brings other keys. At the wizard's start that was about 30 ms of its first frame.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class Key(NamedTuple):
    """One key as the bar shows it."""

    key: str  # the key pressed when it is clicked
    display: str  # "^n"
    description: str
    enabled: bool
    tooltip: str


# Keys never left out for want of room (issue 15: at 80 columns the footer lost them): the
# app's own. When the keys do not fit, these go first, in this order; then any other key from
# the right.
ALWAYS = frozenset({"ctrl+k", "ctrl+o", "f1", "ctrl+q"})
DROP_FIRST = ("delete", "ctrl+t", "ctrl+g", "ctrl+p")


def fitting(keys: tuple[Key, ...], width: int) -> set[int]:
    """The indices of ``keys`` to show in ``width`` cells (a space after each key)."""
    sizes = [len(k.display) + (1 + len(k.description) if k.description else 0) + 1
             for k in keys]
    shown = set(range(len(keys)))
    order = [i for name in DROP_FIRST for i, k in enumerate(keys) if k.key == name]
    order += [i for i in reversed(range(len(keys)))
              if i not in order and keys[i].key not in ALWAYS]
    for index in order:
        if sum(sizes[i] for i in shown) - 1 <= width:
            break
        shown.discard(index)
    return shown


class KeyBar(Widget):
    """The screen's bindings that have ``show=True``, as "^n Neste ^p Forrige …"."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--hover"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 100%;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
        .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keybar--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.keys: tuple[Key, ...] = ()
        # Where each key is drawn: (start, end) cells, in the order of ``keys``.
        self._spans: list[tuple[int, int]] = []
        self._hover: int | None = None
        self._pending = False

    # -- which keys ------------------------------------------------------------------------

    def current_keys(self, screen: Screen[Any]) -> tuple[Key, ...]:
        """The bindings with show=True, one per action (the first), as Textual's Footer
        lists them."""
        keys: list[Key] = []
        actions: set[str] = set()
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            keys.append(Key(binding.key, self.app.get_key_display(binding),
                            binding.description, enabled, tooltip or binding.tooltip))
        return tuple(keys)

    def update_keys(self) -> bool:
        """Show the screen's keys now; True when they changed. The same keys in another
        order (focus changes the order in which Textual lists them) keep their places: a
        footer whose keys do not jump is calmer, and nothing needs painting."""
        self._pending = False
        if not self.is_attached:
            return False
        keys = self.current_keys(self.screen)
        if set(keys) == set(self.keys):
            return False
        self.keys = keys
        self._hover = None
        self.refresh()
        return True

    def on_mount(self) -> None:
        self.keys = self.current_keys(self.screen)
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        # Gathered: a move to another question changes the focus several times.
        if screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self.update_keys)

    # -- drawing ---------------------------------------------------------------------------

    def render(self) -> Text:
        # Partial styles: where a part has no background of its own (the usual themes), the
        # bar's shows, or the hover's.
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        description_style = self.get_component_rich_style("keybar--description", partial=True)
        hover_style = self.get_component_rich_style("keybar--hover", partial=True)
        dim = Style(dim=True)
        text = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int]] = []
        shown = fitting(self.keys, self.size.width) if self.size.width else set()
        for index, key in enumerate(self.keys):
            if index not in shown:
                spans.append((-1, -1))  # left out for want of room: never under the mouse
                continue
            start = text.cell_len
            text.append(key.display, key_style)
            if key.description:
                text.append(" " + key.description, description_style)
            end = text.cell_len
            if index == self._hover:
                text.stylize_before(hover_style, start, end)
            if not key.enabled:
                text.stylize(dim, start, end)
            spans.append((start, end))
            text.append(" ")  # the compact footer's margin between keys
        self._spans = spans
        return text

    def key_at(self, x: int) -> int | None:
        """The index of the key drawn at cell ``x`` (None between keys)."""
        for index, (start, end) in enumerate(self._spans):
            if start <= x < end:
                return index
        return None

    # -- the mouse -------------------------------------------------------------------------

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self.key_at(event.x)
        if index != self._hover:
            self._hover = index
            self.tooltip = None if index is None else (self.keys[index].tooltip or None)
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self.key_at(event.x)
        if index is None:
            return
        key = self.keys[index]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
