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
from typing import Any, Self

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.document._wrapped_document import WrappedDocument
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, TextArea

from .paint import use_fast_styles
from .scrollbar import FastScrollbars
from .wrapping import FastWrappedDocument

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


class _RowSettings:
    """What the rows of one paint of a SafeTextArea share, as TextArea._render_line works it
    out for each row."""

    __slots__ = ("plain", "scroll_y", "start", "end", "bracket", "suggestion", "base_style",
                 "line_style", "cursor_line_style", "cursor_line_padding", "width",
                 "size_width", "text_style", "padding_style", "cursor_text_style",
                 "cursor_padding_style", "cursor_style", "paragraphs")

    def __init__(self, area: SafeTextArea) -> None:
        self.plain = not (area.show_line_numbers or not area.soft_wrap or area._highlights)
        self.scroll_y = area.scroll_offset.y
        self.start, self.end = area.selection
        self.bracket = area._matching_bracket_location
        self.suggestion = area.suggestion
        theme = area._theme
        self.base_style = (theme.base_style if theme and theme.base_style is not None
                           else area.rich_style)
        self.line_style = theme.base_style if theme else None
        highlight = area.highlight_cursor_line and area._has_cursor
        self.cursor_line_style = theme.cursor_line_style if (theme and highlight) else None
        self.cursor_line_padding = (self.cursor_line_style if area.highlight_cursor_line
                                    else self.line_style)
        self.cursor_style = theme.cursor_style if (theme and area._draw_cursor) else None
        # Each paragraph's text with its room for the cursor (None: not plain), as rows ask.
        self.paragraphs: dict[int, str | None] = {}
        self.width = area.scrollable_content_region.size.width - area.gutter_width
        self.size_width = area.size.width
        # The styles of a plain row's two segments, its text and the padding to the width, as
        # TextArea._render_line styles them: the text in the cursor's line style on the rows
        # of the cursor's paragraph (a rich Text stylized with it, rendered: one segment in
        # the style worked out here), then the whole row under the base style
        # (Strip.apply_style: added only if the base style is not null).
        base = self.base_style
        cursor_line_style = self.cursor_line_style
        on_cursor_line: Style | None = None
        if cursor_line_style:
            probe = Text("x", end="")
            probe.stylize(cursor_line_style)
            (segment,) = probe.render(area.app.console)
            on_cursor_line = segment.style
        if base:
            self.text_style: Style | None = base
            self.padding_style: Style | None = base + self.line_style
            self.cursor_text_style: Style | None = base + on_cursor_line
            self.cursor_padding_style: Style | None = base + self.cursor_line_padding
        else:
            self.text_style, self.padding_style = None, self.line_style
            self.cursor_text_style = on_cursor_line
            self.cursor_padding_style = self.cursor_line_padding


class SafeTextArea(FastScrollbars, TextArea):
    """TextArea whose rendering shows control characters visibly."""

    DEFAULT_CSS = """
    SafeTextArea {
        height: auto;
        min-height: 4;
        max-height: 16;
    }
    """
    # An answer opens at its start (issue 15): Ctrl+End goes to its end, Ctrl+Home back (F1).
    BINDINGS = [
        Binding("ctrl+home", "cursor_document_start", "Til starten", show=False,
                id="text_start"),
        Binding("ctrl+end", "cursor_document_end", "Til slutten", show=False, id="text_end"),
    ]

    def action_cursor_document_start(self) -> None:
        self.move_cursor((0, 0))

    def action_cursor_document_end(self) -> None:
        self.move_cursor(self.document.end)

    # Speed (issue 6): the document is wrapped, and cut into its rows when the cursor moves,
    # by FastWrappedDocument (see wrapping.py): TextArea makes a WrappedDocument whenever a
    # text is loaded, taken over here.
    _wrapped: WrappedDocument

    @property
    def wrapped_document(self) -> WrappedDocument:
        return self._wrapped

    @wrapped_document.setter
    def wrapped_document(self, document: WrappedDocument) -> None:
        if type(document) is WrappedDocument:
            document = FastWrappedDocument.taking_over(document)
        self._wrapped = document

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_fast_styles(self)  # speed (issue 6): see paint.py

    # The settings every row of one paint shares (see _RowSettings), kept while painting.
    _painting = False
    _row_settings: _RowSettings | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        self._painting, self._row_settings = True, None
        try:
            return super().render_lines(crop)
        finally:
            self._painting, self._row_settings = False, None

    def render_line(self, y: int) -> Strip:
        """A plain row (see ``_plain_row``) straight away; any other row as TextArea renders
        it (through its cache of rows)."""
        strip = self._plain_row(y)
        if strip is None:
            strip = super().render_line(y)
        return _safe_strip(strip, self._settings().size_width)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        """Speed (issue 6): keeps the component styles (see ``keep_component_styles``)."""
        with keep_component_styles(self):
            return super().refresh(*regions, repaint=repaint, layout=layout,
                                   recompose=recompose)

    def _render_line(self, y: int) -> Strip:
        strip = self._plain_row(y)
        return super()._render_line(y) if strip is None else strip

    def _settings(self) -> _RowSettings:
        settings = self._row_settings
        if settings is None:
            settings = _RowSettings(self)
            if self._painting:  # nothing changes while a paint runs: kept for its rows
                self._row_settings = settings
        return settings

    def _plain_row(self, y: int) -> Strip | None:
        """Speed (issue 6): a row of a soft-wrapped plain text that neither the selection, a
        matching bracket nor a suggestion touches, rendered straight from the document as
        TextArea._render_line renders it (tests/tui/test_safe_text_area_rows.py compares the
        two on every row): one segment (styled as the cursor's line on the rows of the
        cursor's paragraph), padded to the width; on the cursor's own row, a rich Text of
        that row alone, styled as TextArea styles the whole paragraph (the cursor's line, the
        cursor).

        TextArea builds a rich Text of the whole paragraph for each row (rich scans the
        paragraph for control codes on the way in, again when it pads it, and again for each
        piece it divides it into), divides it at every wrap offset and keeps one piece: for
        the 14 rows of a long answer that was most of the cost of painting a question moved
        to. None: not such a row (TextArea renders it)."""
        settings = self._settings()
        if not settings.plain:
            return None
        wrapped = self.wrapped_document
        y_offset = y + settings.scroll_y
        rows = wrapped._offset_to_line_info
        if not 0 <= y_offset < len(rows):
            return None
        line_index, section = rows[y_offset]
        start, end = settings.start, settings.end
        if start != end and min(start[0], end[0]) <= line_index <= max(start[0], end[0]):
            return None
        bracket = settings.bracket
        if bracket is not None and bracket[0] == line_index:
            return None
        text = settings.paragraphs.get(line_index, "")
        if text == "":
            text = self.document.get_line(line_index)
            if "\t" in text or _RICH_REMOVES.search(text) is not None:
                text = None
            else:
                text += " "  # TextArea's room for the cursor at the end of the line
            settings.paragraphs[line_index] = text
        if text is None:
            return None
        offsets = wrapped.get_offsets(line_index)
        row_start = offsets[section - 1] if section else 0
        row_end = offsets[section] if section < len(offsets) else len(text)
        text = text[row_start:row_end]
        if not text:
            return None  # (a row holds at least its room for the cursor)
        width = settings.width
        cursor_line = line_index == end[0]
        if cursor_line and (settings.suggestion or row_start <= end[1] < row_end):
            # The cursor's own row (a matching bracket would style the cursor's place too).
            if settings.suggestion or bracket is not None:
                return None
            piece = Text(text, end="")
            if settings.cursor_line_style:
                piece.stylize(settings.cursor_line_style)
            if settings.cursor_style:
                column = end[1] - row_start
                piece.stylize(settings.cursor_style, column, column + 1)
            strip = Strip(piece.render(self.app.console), piece.cell_len)
            return strip.extend_cell_length(width, settings.cursor_line_padding).apply_style(
                settings.base_style)
        if cursor_line:
            text_style, padding_style = settings.cursor_text_style, settings.cursor_padding_style
        else:
            text_style, padding_style = settings.text_style, settings.padding_style
        cells = cell_len(text)
        if cells >= width:
            return Strip([Segment(text, text_style)], cells)
        return Strip([Segment(text, text_style), Segment(" " * (width - cells), padding_style)],
                     width)

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
