"""Scrollbars painted through FastStylesCache (issue 6, speed).

Textual makes a widget's scrollbars itself (``Widget.vertical_scrollbar``); the widgets of the
wizard that scroll (the answer's text area, the question pane, the navigation tree) make
``FastScrollBar`` instead, through ``FastScrollbars``. What they draw is Textual's
(tests/tui/test_scrollbar.py compares them for many sizes, positions and states).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.segment import Segment, Segments
from textual.containers import VerticalScroll
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget, _RenderCache

from .paint import use_fast_styles


class FastScrollBar(ScrollBar):
    """A ScrollBar whose rows are made straight from its segments and go through
    FastStylesCache."""

    def __init__(self, vertical: bool = True, name: str | None = None, *,
                 thickness: int = 1) -> None:
        super().__init__(vertical, name, thickness=thickness)
        use_fast_styles(self)

    def _render_content(self) -> None:
        """Speed (issue 6): the bar's rows made straight from ScrollBarRender's segments, as
        Textual's way through a Visual makes them (Visual.to_strips of a RichVisual: each
        segment under the widget's style, as _Styled applies it, the lines split and cropped
        to the width, at most the height); Textual's way for anything else."""
        strips = self._bar_rows()
        if strips is None:
            super()._render_content()
            return
        self._render_cache = _RenderCache(self.size, strips)
        self._dirty_regions.clear()

    def _bar_rows(self) -> list[Strip] | None:
        renderable = self.render()
        if (type(renderable) is not ScrollBarRender or self.auto_links
                or self.text_selection is not None
                or self.styles.content_align != ("left", "top")):
            return None
        width, height = self.size
        app = self.app
        options = app.console_options.update(highlight=False, width=width, height=height)
        rendered = list(renderable.__rich_console__(app.console, options.update_width(width)))
        if len(rendered) != 1 or not isinstance(rendered[0], Segments):
            return None
        bar = rendered[0]
        style = app.console.get_style(self.visual_style.rich_style)
        segments = list(bar.segments)
        if any(segment.control for segment in segments):
            return None
        add = style.__add__ if style else None
        adjust = Segment.adjust_line_length

        def row(line: list[Segment]) -> Strip:
            if add is not None:
                line = [Segment(text, add(segment_style), None)
                        for text, segment_style, _ in line]
            return Strip(adjust(line, width, pad=False))

        # Rows that look the same (most of a bar's) are made once, as one Strip:
        # FastStylesCache then styles it once, and a line filter filters it once.
        made: dict[tuple[Segment, ...], Strip] = {}
        strips: list[Strip] = []
        lines: list[tuple[Segment, ...]]
        if bar.new_lines:  # a vertical bar: one segment a row
            lines = [(segment,) for segment in segments[:height]]
        else:  # a horizontal bar: its rows end at new lines
            lines = []
            line: list[Segment] = []
            for segment in segments:
                if segment.text == "\n":
                    lines.append(tuple(line))
                    line = []
                elif "\n" in segment.text:
                    return None
                else:
                    line.append(segment)
            if line:
                lines.append(tuple(line))
            lines = lines[:height]
        for key in lines:
            strip = made.get(key)
            if strip is None:
                strip = made[key] = row(list(key))
            strips.append(strip)
        return strips


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
    """A VerticalScroll with FastScrollBars, painted through FastStylesCache (the question
    pane)."""

    def __init__(self, *children: Widget, **options: Any) -> None:
        super().__init__(*children, **options)
        use_fast_styles(self)
