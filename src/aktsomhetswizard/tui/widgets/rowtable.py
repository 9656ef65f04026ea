"""The rows of a table question, drawn through Textual's Line API (``ScrollView.render_line``):
only the rows in view are drawn, one plain line each, so that a table of 100,000 rows opens and
scrolls as quickly as one of ten (issue 14, item 5) and a move to a table question does not pay
for rendering every cell through Rich (issue 16: DataTable was most of such a move).

The columns share the width there is (issue 15: at 80 columns DataTable's fixed widths cut
every column to a few letters). The cursor's row is marked with «▸» as well as by colour, so
that it reads without colour too."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...fields import column_widths
from ...textsafe import one_line


def fit(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells: cut with «…», or padded."""
    if width <= 0:
        return ""
    if text.isascii() and text.isprintable():  # one cell a character
        if len(text) > width:
            return text[:width - 1] + "…"
        return text.ljust(width)
    text = text[:2 * width + 2]  # no character takes more than two cells
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class RowList(ScrollView, can_focus=True):
    """Rows of texts under a header line; a cursor row, moved with the arrow keys, Page
    Up/Down, Home/End or the mouse; Enter selects it.

    ``rows`` is the list the widget draws from (the caller's, shared: change it, then call
    ``rows_changed``). Each row is a tuple of one-line texts, one per column after «Nr.»."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Opp", show=False),
        Binding("down", "cursor(1)", "Ned", show=False),
        Binding("pageup", "page(-1)", "Side opp", show=False),
        Binding("pagedown", "page(1)", "Side ned", show=False),
        Binding("home", "to(0)", "Første", show=False),
        Binding("end", "to(-1)", "Siste", show=False),
        Binding("enter", "select", "Rediger rad", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "rowlist--header", "rowlist--cursor", "rowlist--odd",
    }

    DEFAULT_CSS = """
    RowList { width: 1fr; height: auto; max-height: 12; overflow-x: hidden;
              background: $surface; }
    RowList > .rowlist--header { text-style: bold; background: $panel; }
    RowList > .rowlist--odd { background: $boost; }
    RowList > .rowlist--cursor { background: $secondary 30%; text-style: bold; }
    RowList:focus > .rowlist--cursor { background: $accent; color: $text; text-style: bold; }
    """

    class RowMessage(Message):
        """A message about the row at ``cursor_row``."""

        def __init__(self, row_list: RowList, cursor_row: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.cursor_row = cursor_row

        @property
        def control(self) -> RowList:
            return self.row_list

    class RowHighlighted(RowMessage):
        """The cursor moved to another row."""

    class RowSelected(RowMessage):
        """Enter (or a click on the cursor's row): edit this row."""

    def __init__(self, labels: Sequence[str], weights: Sequence[int] | None = None, *,
                 id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self.labels = tuple(labels)
        self.weights = tuple(weights) if weights is not None else (1,) * len(self.labels)
        self.rows: list[tuple[str, ...]] = []
        self._cursor = 0

    # -- data -------------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    def get_row_at(self, index: int) -> list[str]:
        """The texts of row ``index`` as drawn (its number first), uncut."""
        return [str(index + 1), *(one_line(v, 10_000) for v in self.rows[index])]

    def set_rows(self, rows: list[tuple[str, ...]]) -> None:
        self.rows = rows
        self.rows_changed()

    def rows_changed(self) -> None:
        """Rows were added or removed (or changed) in ``rows``: draw again."""
        # No width of its own (the rows are cut to the widget's): a new size of the widget
        # (shown again, the terminal resized) is no new virtual size, and no second layout.
        self.virtual_size = Size(0, len(self.rows) + 1)
        self._cursor = max(0, min(self._cursor, len(self.rows) - 1))
        self.refresh(layout=True)

    def row_changed(self, index: int) -> None:
        """Row ``index`` of ``rows`` changed: draw it again if it is in view."""
        y = index + 1 - round(self.scroll_y)
        if 0 < y < self.size.height:
            self.refresh_line(y)

    # -- cursor ---------------------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        if not self.rows:
            return
        row = max(0, min(row, len(self.rows) - 1))
        moved = row != self._cursor
        self._cursor = row
        self._scroll_to_cursor()
        self.refresh()
        if moved:
            self.post_message(self.RowHighlighted(self, row))

    def _shown_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_y)
        shown = self._shown_rows()
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True)
        elif self._cursor >= top + shown:
            self.scroll_to(y=self._cursor - shown + 1, animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        self.move_cursor(self._cursor + step)

    def action_page(self, step: int) -> None:
        self.move_cursor(self._cursor + step * self._shown_rows())

    def action_to(self, where: int) -> None:
        self.move_cursor(0 if where == 0 else len(self.rows) - 1)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.RowSelected(self, self._cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = round(self.scroll_y) + offset.y - 1
        if 0 <= row < len(self.rows):
            if row == self._cursor:
                self.action_select()
            else:
                self.move_cursor(row)

    # -- drawing ----------------------------------------------------------------------------------

    def _line(self, cells: Sequence[str], widths: list[int], style: Style) -> list[Segment]:
        text = " ".join(fit(c, w) for c, w in zip(cells, widths, strict=False))
        return [Segment(text, style)]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        widths = column_widths(width, len(self.rows), self.weights)
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("rowlist--header")
            cells: list[str] = [" Nr.", *self.labels]
            return Strip(self._line(cells, widths, style)).adjust_cell_length(width, style)
        index = round(self.scroll_y) + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, base)
        if index == self._cursor:
            style = base + self.get_component_rich_style("rowlist--cursor")
            mark = "▸"
        else:
            style = base + (self.get_component_rich_style("rowlist--odd") if index % 2 else
                            Style())
            mark = " "
        cells = [f"{mark}{index + 1}", *(one_line(v[:width + 50], width)
                                          for v in self.rows[index])]
        return Strip(self._line(cells, widths, style)).adjust_cell_length(width, style)


__all__ = ["RowList", "fit"]


