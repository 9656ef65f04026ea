"""Soft-wrapping of a TextArea's document, faster for the usual text (issue 6, speed).

Textual's WrappedDocument wraps each line with ``compute_wrap_offsets``, which handles tabs and
characters of any width, and cuts a line into its wrapped sections by building a rich Text of
it (rich scans it for control codes) and dividing that. Loading a 5,000-character answer wraps
it, and every cursor move asks for the sections of the cursor's line twice. For a line without
tabs whose every character is one cell wide (Norwegian prose), both are done here directly on
the string, with the same result (tests/tui/test_wrapping.py compares them); any other line
goes to Textual's code.
"""

from __future__ import annotations

import re
from itertools import pairwise

from rich.cells import get_character_cell_size
from textual._wrap import compute_wrap_offsets
from textual.document._wrapped_document import WrappedDocument
from textual.expand_tabs import get_tab_widths

_CHUNK = re.compile(r"\S+\s*|\s+")  # textual._wrap's chunks: a word and the space after it
# What rich's Text removes from a string (rich.control.strip_control_codes).
_RICH_REMOVES = re.compile("[\x07\x08\x0b\x0c\x0d]")

_one_cell: frozenset[str] | None = None


def one_cell_wide(line: str) -> bool:
    """Whether every character of ``line`` takes one cell (as rich measures it): printable
    Latin (with the Nordic letters), Greek and Cyrillic, and the usual punctuation."""
    global _one_cell
    if _one_cell is None:  # worked out once, from rich's own table
        candidates = [*range(0x20, 0x7F), *range(0xA0, 0x530), *range(0x2010, 0x2060)]
        _one_cell = frozenset(chr(c) for c in candidates
                              if get_character_cell_size(chr(c)) == 1)
    return _one_cell.issuperset(line)


def wrap_offsets(line: str, width: int, tab_width: int,
                 tab_sections: list[tuple[str, int]]) -> list[int]:
    """``compute_wrap_offsets(line, width, tab_width, precomputed_tab_sections=...)``."""
    if "\t" in line or not one_cell_wide(line):
        return compute_wrap_offsets(line, width, tab_size=tab_width,
                                    precomputed_tab_sections=tab_sections)
    offsets: list[int] = []
    append = offsets.append
    filled = 0  # cells used on the current row
    for match in _CHUNK.finditer(line):
        start, end = match.span()
        size = end - start
        if width - filled >= size:  # fits on this row
            filled += size
        elif size > width:  # longer than a row: folded, a row at a time
            for piece in range(start, end, width):
                if piece:
                    append(piece)
                filled = min(width, end - piece)
        elif filled and start:  # to the next row
            append(start)
            filled = size
    return offsets


class FastWrappedDocument(WrappedDocument):
    """WrappedDocument with the fast paths above (same results)."""

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        """WrappedDocument.wrap (textual 8.2.8), each line's offsets by ``wrap_offsets``."""
        self._width = width
        if tab_width:
            self._tab_width = tab_width
        new_wrap_offsets: list[list[int]] = []
        offset_to_line_info: list[tuple[int, int]] = []
        line_index_to_offsets: list[list[int]] = []
        line_tab_widths: list[list[int]] = []
        current_offset = 0
        tab_width = self._tab_width
        for line_index, line in enumerate(self.document.lines):
            tab_sections = get_tab_widths(line, tab_width)
            offsets = wrap_offsets(line, width, tab_width, tab_sections) if width else []
            line_tab_widths.append([w for _, w in tab_sections])
            new_wrap_offsets.append(offsets)
            ys: list[int] = []
            line_index_to_offsets.append(ys)
            for section_y_offset in range(len(offsets) + 1):
                offset_to_line_info.append((line_index, section_y_offset))
                ys.append(current_offset)
                current_offset += 1
        self._wrap_offsets = new_wrap_offsets
        self._offset_to_line_info = offset_to_line_info
        self._line_index_to_offsets = line_index_to_offsets
        self._tab_width_cache = line_tab_widths

    def get_sections(self, line_index: int) -> list[str]:
        line = self.document[line_index]
        if _RICH_REMOVES.search(line) is not None:
            return super().get_sections(line_index)
        offsets = self._wrap_offsets[line_index]
        bounds = [0, *offsets, len(line)]
        return [line[a:b] for a, b in pairwise(bounds)]

    @classmethod
    def taking_over(cls, document: WrappedDocument) -> FastWrappedDocument:
        """This document in place of ``document`` (its state taken over as it is)."""
        fast = cls.__new__(cls)
        fast.__dict__.update(document.__dict__)
        return fast
