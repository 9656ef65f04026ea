"""A TextArea and an Input that never send the author's control characters to the terminal.

Textual's TextArea and Input render their text as it is: an ESC typed or pasted into an answer
reaches the terminal raw ("\x1b[2J" cleared the screen). These subclasses show every control
character as its Unicode "control picture" (ESC as "␛") in each rendered row (the public Line
API: ``render_line``); the text, and so the stored answer, is left unchanged.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input, TextArea
from textual.widgets.text_area import Selection

from ...textsafe import control_pictures, has_controls


def safe_strip(strip: Strip, width: int) -> Strip:
    """A rendered row with its control characters made visible, at most ``width`` cells."""
    if not any(has_controls(seg.text) for seg in strip):
        return strip
    segments = [Segment(control_pictures(seg.text), seg.style, seg.control) for seg in strip]
    return Strip(segments).crop(0, width)


class SafeTextArea(TextArea):
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
        # Textual binds Alt+Delete (the help's key for deleting the word to the right) from
        # 8.2.7 on; bound here too, so that it works on every Textual of the declared range.
        Binding("alt+delete", "delete_word_right", "Slett ordet til høyre", show=False,
                id="delete_word_right"),
    ]

    def action_cursor_document_start(self) -> None:
        self.move_cursor((0, 0))

    def action_cursor_document_end(self) -> None:
        self.move_cursor(self.document.end)

    def redo(self) -> None:
        """Textual 8.2.8 crashes on a redo that leaves the text shorter than where the cursor
        is (select all, type, undo, redo: the cursor is still past the new end when the area
        measures itself; docs/textual-upstream.md). The cursor goes to the start first; the
        redo then places it as it always does."""
        self.selection = Selection.cursor((0, 0))
        super().redo()

    def render_line(self, y: int) -> Strip:
        return safe_strip(super().render_line(y), self.size.width)

    def check_message_enabled(self, message: Message) -> bool:
        # SelectionChanged is posted on every keystroke and on every move to another question
        # (the cursor moves), and handled by no one: not posted at all.
        if isinstance(message, TextArea.SelectionChanged):
            return False
        return super().check_message_enabled(message)


class SafeInput(Input):
    """Input whose rendering shows control characters visibly (issue 5, case 10), as
    SafeTextArea. The value itself, and so the stored answer, is left unchanged."""

    def render_line(self, y: int) -> Strip:
        return safe_strip(super().render_line(y), self.size.width)
