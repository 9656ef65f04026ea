"""A cheaper way through Textual's styling of a widget's rows (borders, padding), drawing the same.

Speed (issue 6): Textual puts every row a widget paints through ``StylesCache.render_line``: it
reads the border, outline, padding, hatch, tint and opacity rules again, builds the styles of the
border's edges and pads the row, for each row (about 0.05 ms a row, three Strips made on the
way). On a move between two long answers the answer's 16 rows, its scrollbar's 14 and the
title's are painted anew. The rows of a widget's content differ only in their content: what
comes before it (the left border, the left padding) and after it (the right padding and border)
is the same for each. ``FastStylesCache`` works that out once per paint of the widget, by
letting Textual render one content row around a marker segment, and puts each content row
between those parts. Borders, padding rows, and any style that changes the content's own
segments (tint, opacity, text opacity, hatch, outline) go Textual's own way: the marker
would not come out untouched, or the rule is checked before.

tests/tui/test_paint.py compares the rows with Textual's own for widgets with and without
borders, padding, tint, opacity and outline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.terminal_theme import TerminalTheme
from textual._ansi_theme import DEFAULT_TERMINAL_THEME
from textual._styles_cache import StylesCache
from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter
from textual.geometry import Region, Size, Spacing
from textual.strip import Strip
from textual.style import Style

if TYPE_CHECKING:
    from textual.css.styles import StylesBase
    from textual.widget import Widget

# A widget's content rows are put between these: (before, after, first row, end row, width
# of the widget, width of its content, the style of the padding of a shorter row).
_Frame = tuple[list[Segment], list[Segment], int, int, int, int, RichStyle]
_Label = tuple[Content, Color, Color, Style] | None


class FastStylesCache(StylesCache):
    """Textual's StylesCache (its cache of a widget's rendered rows and which of them are dirty
    is kept as it is), rendering each content row of a widget with plain styles with a list
    join and one Strip (see the module's docstring)."""

    # What the rows of a paint depend on besides their content (see _key); for that key the
    # frame (None: not worked out yet; False: none, Textual renders the rows) and the rows that
    # hold no content (borders, padding), as Textual rendered them.
    _key: tuple[Any, ...] | None = None
    _frame: _Frame | bool | None = None
    _fixed: dict[int, Strip] = {}
    _content_rows = range(0)
    # The last paint's rows when none was rendered, with what they depended on.
    _last: tuple[tuple[Any, ...], list[Strip]] | None = None
    # The rows of the paint running by the content row they hold (by identity: a widget that
    # gives the same Strip for rows that look the same has each painted once).
    _rows: dict[int, tuple[Strip, Strip]] = {}

    def render(
        self,
        styles: StylesBase,
        size: Size,
        base_background: Color,
        background: Color,
        render_content_line: Callable[[int], Strip],
        filters: Sequence[LineFilter],
        border_title: _Label,
        border_subtitle: _Label,
        content_size: Size | None = None,
        padding: Spacing | None = None,
        crop: Region | None = None,
        opacity: float = 1.0,
        ansi_theme: TerminalTheme = DEFAULT_TERMINAL_THEME,
        native_ansi: bool = False,
    ) -> list[Strip]:
        if content_size is None:
            content_size = size
        if padding is None:
            padding = styles.padding
        cache = self._cache
        if (size.width == self._width and not self._dirty_lines
                and all(y in cache for y in (crop or size.region).line_range)):
            # No row is rendered (all kept in Textual's cache, none dirty): the rows of the
            # last paint if it painted the same (no row of the cache changed since, as rows
            # are only put there by a paint and dirty ones taken out).
            last = (crop, size.width, background, *filters)
            if self._last is not None and self._last[0] == last:
                return list(self._last[1])
            strips = super().render(
                styles, size, base_background, background, render_content_line, filters,
                border_title, border_subtitle, content_size=content_size, padding=padding,
                crop=crop, opacity=opacity, ansi_theme=ansi_theme, native_ansi=native_ansi)
            self._last = (last, strips)
            return list(strips)
        self._last = None
        key = _key(styles, size, content_size, padding, base_background, background,
                   border_title, border_subtitle, opacity, ansi_theme, native_ansi)
        if key is None or key != self._key:
            # Styles changed since the last paint (a border's colour on focus, a new size):
            # worked out again. (They never change during one.)
            self._key, self._frame, self._fixed = key, None, {}
            gutter = styles.gutter
            self._content_rows = range(
                gutter.top, min(size.height - gutter.bottom, gutter.top + content_size.height))
        self._rows = {}
        try:
            return super().render(
                styles, size, base_background, background, render_content_line, filters,
                border_title, border_subtitle, content_size=content_size, padding=padding,
                crop=crop, opacity=opacity, ansi_theme=ansi_theme, native_ansi=native_ansi)
        finally:
            self._rows = {}

    def render_line(
        self,
        styles: StylesBase,
        y: int,
        size: Size,
        content_size: Size,
        padding: Spacing,
        base_background: Color,
        background: Color,
        render_content_line: Callable[[int], Strip],
        border_title: _Label,
        border_subtitle: _Label,
        opacity: float,
        ansi_theme: TerminalTheme,
        native_ansi: bool,
    ) -> Strip:
        if y not in self._content_rows:  # a border, padding or blank row: as last time
            fixed = self._fixed.get(y)
            if fixed is None:
                fixed = super().render_line(
                    styles, y, size, content_size, padding, base_background, background,
                    render_content_line, border_title, border_subtitle, opacity, ansi_theme,
                    native_ansi)
                if self._key is not None:
                    self._fixed[y] = fixed
            return fixed
        frame = self._frame
        if frame is None:
            frame = self._make_frame(
                styles, size, content_size, padding, base_background, background,
                border_title, border_subtitle, opacity, ansi_theme, native_ansi)
            if self._key is not None:
                self._frame = frame
        if frame is not False:
            assert isinstance(frame, tuple)
            before, after, first, end, width, content_width, inner = frame
            if first <= y < end:
                line = render_content_line(y - first)
                rows = self._rows
                done = rows.get(id(line))
                if done is not None and done[0] is line:  # the same row again (a scrollbar's)
                    return done[1]
                cells = line.cell_length
                strip: Strip | None = None
                if cells == content_width:
                    strip = Strip([*before, *line._segments, *after], width)
                elif cells < content_width:  # padded as Strip.adjust_cell_length pads it
                    strip = Strip([*before, *line._segments,
                                   Segment(" " * (content_width - cells), inner), *after], width)
                if strip is not None:  # (longer: Textual crops it)
                    rows[id(line)] = (line, strip)
                    return strip
        return super().render_line(
            styles, y, size, content_size, padding, base_background, background,
            render_content_line, border_title, border_subtitle, opacity, ansi_theme,
            native_ansi)

    def _make_frame(
        self,
        styles: StylesBase,
        size: Size,
        content_size: Size,
        padding: Spacing,
        base_background: Color,
        background: Color,
        border_title: _Label,
        border_subtitle: _Label,
        opacity: float,
        ansi_theme: TerminalTheme,
        native_ansi: bool,
    ) -> _Frame | bool:
        """What comes before and after each content row, or False when a row's content does
        not come out of Textual's styling as it went in."""
        if (opacity != 1.0 or styles.text_opacity != 1.0 or styles.tint.a
                or (styles.has_rule("hatch") and styles.hatch != "none")
                or any(edge for edge, _ in styles.outline)):
            return False
        content_width, content_height = content_size
        gutter = styles.gutter
        first = gutter.top
        end = min(size.height - gutter.bottom, first + content_height)
        if content_width <= 0 or first >= end:
            return False
        marker = Segment(" " * content_width, _MARKER)
        row = super().render_line(
            styles, first, size, content_size, padding, base_background, background,
            lambda _y: Strip([marker], content_width), border_title, border_subtitle,
            opacity, ansi_theme, native_ansi)
        segments = row._segments
        found = [index for index, segment in enumerate(segments) if segment is marker]
        if len(found) != 1:
            return False
        index = found[0]
        inner = self.get_inner_outer(base_background, background)[0].rich_style
        return (segments[:index], segments[index + 1:], first, end, size.width, content_width,
                inner)


_MARKER = RichStyle(meta={"aktsomhet.marker": True})


def _key(styles: StylesBase, *arguments: Any) -> tuple[Any, ...] | None:
    """Everything StylesCache.render_line reads besides a row's content and its place: its
    arguments and the rules it reads (the gutter is the padding and the border). None: not
    hashable (nothing kept from one paint to the next)."""
    hatch = styles.hatch if styles.has_rule("hatch") else None
    key = (*arguments, styles.border, styles.outline, styles.tint, styles.text_opacity, hatch,
           styles.border_title_align, styles.border_subtitle_align)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def use_fast_styles(widget: Widget) -> None:
    """Give a widget (at construction) the FastStylesCache."""
    widget._styles_cache = FastStylesCache()
