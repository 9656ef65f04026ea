"""A TextArea and an Input that never send the author's control characters to the terminal.

Textual's TextArea and Input render their text as it is (textual 8.2.8): an ESC typed or pasted
into an answer reaches the terminal raw. These subclasses show every control character as its
Unicode "control picture" (ESC as "␛") when rendering; the text, and so the stored answer, is
left unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Self

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, TextArea

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What rich's Text removes from its text (rich.control.strip_control_codes).
_RICH_REMOVES = re.compile("[\x07\x08\x0b\x0c\x0d]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls and bidi overrides


def picture_controls(text: str) -> str:
    """Replace each control character by one visible character (same character count)."""
    if text.isascii() and text.isprintable():
        return text
    return _CONTROL.sub(_picture, text)


def _safe_strip(strip: Strip, width: int) -> Strip:
    if not any(_CONTROL.search(seg.text) for seg in strip):
        return strip
    segments = [Segment(picture_controls(seg.text), seg.style, seg.control) for seg in strip]
    return Strip(segments).crop(0, width)


@contextmanager
def keep_component_styles(widget: Widget) -> Iterator[None]:
    """Keep a widget's component styles (the Rich styles of its parts, such as a TextArea's
    cursor line or a Tree's guides) through a refresh.

    Speed (issue 6): Textual throws them away on every repaint, and a TextArea works all of
    them out again (TextAreaTheme.apply_css) each time it is painted, that is on every move to
    another question and every keystroke; a Tree, for each cursor move. A repaint does not
    change styles: a change of styles (a class, a pseudo-class such as :focus, the theme)
    goes through the stylesheet, which throws them away itself (Widget.notify_style_update)
    before the widget is painted again."""
    cache = widget._rich_style_cache
    widget._rich_style_cache = {}
    try:
        yield
    finally:
        if not widget._rich_style_cache:
            widget._rich_style_cache = cache


class SafeTextArea(TextArea):
    """TextArea whose rendering shows control characters visibly."""

    DEFAULT_CSS = """
    SafeTextArea {
        height: auto;
        min-height: 4;
        max-height: 16;
    }
    """

    def render_line(self, y: int) -> Strip:
        return _safe_strip(super().render_line(y), self.size.width)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        """Speed (issue 6): keeps the component styles (see ``keep_component_styles``)."""
        with keep_component_styles(self):
            return super().refresh(*regions, repaint=repaint, layout=layout,
                                   recompose=recompose)

    def _render_line(self, y: int) -> Strip:
        strip = self._plain_row(y)
        return super()._render_line(y) if strip is None else strip

    def _plain_row(self, y: int) -> Strip | None:
        """Speed (issue 6): a row of a soft-wrapped plain text that neither the cursor, the
        selection, a matching bracket nor a suggestion touches, rendered straight from the
        document as TextArea._render_line renders it (tests/tui/test_safe_text_area_rows.py
        compares the two on every row): one segment (styled as the cursor's line on the other
        rows of the cursor's paragraph), padded to the width.

        TextArea builds a rich Text of the whole paragraph for each row (rich scans the
        paragraph for control codes on the way in, again when it pads it, and again for each
        piece it divides it into), divides it at every wrap offset and keeps one piece: for
        the 14 rows of a long answer that was most of the cost of painting a question moved
        to. None: not such a row (TextArea renders it)."""
        if self.show_line_numbers or not self.soft_wrap or self._highlights:
            return None
        wrapped = self.wrapped_document
        y_offset = y + self.scroll_offset.y
        rows = wrapped._offset_to_line_info
        if not 0 <= y_offset < len(rows):
            return None
        line_index, section = rows[y_offset]
        start, end = self.selection
        if start != end and min(start[0], end[0]) <= line_index <= max(start[0], end[0]):
            return None
        bracket = self._matching_bracket_location
        if bracket is not None and bracket[0] == line_index:
            return None
        text = self.document.get_line(line_index)
        if "\t" in text or _RICH_REMOVES.search(text) is not None:
            return None
        text += " "  # TextArea's room for the cursor at the end of the line
        offsets = wrapped.get_offsets(line_index)
        bounds = [0, *offsets, len(text)]
        cursor_line = line_index == end[0]
        if cursor_line and (self.suggestion or bounds[section] <= end[1] < bounds[section + 1]):
            return None  # the cursor's own row
        text = text[bounds[section] : bounds[section + 1]]
        theme = self._theme
        base_style = (theme.base_style if theme and theme.base_style is not None
                      else self.rich_style)
        line_style = theme.base_style if theme else None
        strip = Strip([Segment(text)], cell_len(text))
        if cursor_line:
            highlight = self.highlight_cursor_line and self._has_cursor
            cursor_line_style = theme.cursor_line_style if (theme and highlight) else None
            if cursor_line_style:
                piece = Text(text, end="")
                piece.stylize(cursor_line_style)
                strip = Strip(piece.render(self.app.console), piece.cell_len)
            if self.highlight_cursor_line:
                line_style = cursor_line_style
        width = self.scrollable_content_region.size.width - self.gutter_width
        return strip.extend_cell_length(width, line_style).apply_style(base_style)

    def check_message_enabled(self, message: Message) -> bool:
        # Speed: SelectionChanged is posted on every keystroke and twice on every move to
        # another question (the cursor moves), and handled by no one: not posted at all
        # (stopped here before, it still cost a message hop each time).
        if isinstance(message, TextArea.SelectionChanged):
            return False
        return super().check_message_enabled(message)


class SafeInput(Input):
    """Input whose rendering shows control characters visibly (issue 5, case 10): Textual's
    Input, like TextArea, sends an ESC in its value to the terminal raw ("\x1b[2J" cleared
    the screen). The value itself, and so the stored answer, is left unchanged."""

    def render_line(self, y: int) -> Strip:
        return _safe_strip(super().render_line(y), self.size.width)
