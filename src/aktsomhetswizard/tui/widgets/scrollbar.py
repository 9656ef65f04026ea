"""Scrollbars painted through FastStylesCache (issue 6, speed).

Textual makes a widget's scrollbars itself (``Widget.vertical_scrollbar``); the widgets of the
wizard that scroll (the answer's text area, the question pane, the navigation tree) make
``FastScrollBar`` instead, through ``FastScrollbars``. What they draw is Textual's
(tests/tui/test_scrollbar.py compares them for many sizes, positions and states).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.containers import VerticalScroll
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from .paint import use_fast_styles


class FastScrollBar(ScrollBar):
    """A ScrollBar whose rows go through FastStylesCache."""

    def __init__(self, vertical: bool = True, name: str | None = None, *,
                 thickness: int = 1) -> None:
        super().__init__(vertical, name, thickness=thickness)
        use_fast_styles(self)
        self._same_rows: dict[tuple[Segment, ...], Strip] = {}

    def render_line(self, y: int) -> Strip:
        """Textual's row; rows that look the same (most of a scrollbar's) as one Strip, which
        FastStylesCache then styles once (and a line filter filters once)."""
        strip = super().render_line(y)
        segments = strip._segments
        if any(segment.control for segment in segments):
            return strip
        rows = self._same_rows
        if len(rows) > 64:
            rows.clear()
        return rows.setdefault(tuple(segments), strip)


# A mixin of Widgets (typed as one; at run time a plain class, so that it brings no CSS type
# name, default CSS or class attributes of a Widget into the widgets it is mixed into).
if TYPE_CHECKING:
    from textual.widget import Widget as _MixinBase
else:
    _MixinBase = object


class FastScrollbars(_MixinBase):
    """A mixin for a scrolling widget (put before its Textual class): its scrollbars are
    FastScrollBars, made as Textual's ``Widget.vertical_scrollbar`` and
    ``horizontal_scrollbar`` make theirs."""

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        if self._vertical_scrollbar is None:
            scroll_bar = FastScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)
            self._vertical_scrollbar = scroll_bar
            scroll_bar.display = False
            self.app._start_widget(self, scroll_bar)
        return self._vertical_scrollbar

    @property
    def horizontal_scrollbar(self) -> ScrollBar:
        if self._horizontal_scrollbar is None:
            scroll_bar = FastScrollBar(
                vertical=False, name="horizontal", thickness=self.scrollbar_size_horizontal)
            self._horizontal_scrollbar = scroll_bar
            scroll_bar.display = False
            self.app._start_widget(self, scroll_bar)
        return self._horizontal_scrollbar


class FastVerticalScroll(FastScrollbars, VerticalScroll):
    """A VerticalScroll with FastScrollBars (the question pane)."""
