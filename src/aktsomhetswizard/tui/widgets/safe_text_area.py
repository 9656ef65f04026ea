"""A TextArea and an Input that never send the author's control characters to the terminal.

Textual's TextArea and Input render their text as it is (textual 8.2.8): an ESC typed or pasted
into an answer reaches the terminal raw. These subclasses show every control character as its
Unicode "control picture" (ESC as "␛") when rendering; the text, and so the stored answer, is
left unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from rich.containers import Lines
from rich.segment import Segment
from rich.text import Text
from textual.strip import Strip
from textual.widgets import Input, TextArea

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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


SECTIONS_KEPT = 64


class _Paragraph(Text):
    """A line of the document as TextArea renders it (see ``SafeTextArea.get_line``)."""

    __slots__ = ["_sections"]

    _sections: dict[tuple[Any, ...], Lines]

    def divide(self, offsets: Any) -> Lines:
        """Speed (issue 6): TextArea renders a soft-wrapped row by dividing the whole line
        (paragraph) it belongs to at every wrap offset and keeping one piece, for each row
        shown: the 14 rows of a long answer divided its paragraphs 14 times over, on every move
        to another question and every keystroke. A line without styles (not the cursor's, not
        selected) and without tabs divides the same way every time, so the pieces are kept
        (they are not changed afterwards: TextArea only sets ``end`` to "" on them)."""
        text = self.plain
        if self._spans or "\t" in text:
            return super().divide(offsets)
        key = (text, tuple(offsets), self.style, self.justify, self.overflow)
        sections = self._sections
        found = sections.get(key)
        if found is None:
            found = super().divide(key[1])
            # Bounded: the paragraphs of about a screenful or two (typing in a long paragraph
            # makes a new one on every key).
            if len(sections) >= SECTIONS_KEPT or sum(len(k[0]) for k in sections) > 200_000:
                sections.clear()
            sections[key] = found
        return found


class SafeTextArea(TextArea):
    """TextArea whose rendering shows control characters visibly."""

    DEFAULT_CSS = """
    SafeTextArea {
        height: auto;
        min-height: 4;
        max-height: 16;
    }
    """

    _sections: dict[tuple[Any, ...], Lines] | None = None

    def get_line(self, line_index: int) -> Text:
        line = _Paragraph(self.document.get_line(line_index), end="", no_wrap=True)
        if self._sections is None:
            self._sections = {}
        line._sections = self._sections
        return line

    def render_line(self, y: int) -> Strip:
        return _safe_strip(super().render_line(y), self.size.width)

    def _on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        # Speed: posted on every keystroke (the cursor moves) and handled by no one; stopped
        # here rather than passed up through the six widgets above (each a message hop).
        event.stop()


class SafeInput(Input):
    """Input whose rendering shows control characters visibly (issue 5, case 10): Textual's
    Input, like TextArea, sends an ESC in its value to the terminal raw ("\x1b[2J" cleared
    the screen). The value itself, and so the stored answer, is left unchanged."""

    def render_line(self, y: int) -> Strip:
        return _safe_strip(super().render_line(y), self.size.width)
