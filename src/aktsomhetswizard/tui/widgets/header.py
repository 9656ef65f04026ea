"""The wizard's header: organisation and year, progress and when the session was saved."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widget import Widget

from ...textsafe import one_line


class SessionHeader(Widget):
    """Organisation and year on the left; overall progress and when the session was last saved
    on the right.

    One widget drawing both parts (speed, issue 6: as a row of two Statics it was three widgets
    to style, lay out and paint at the start, and a new width of the right part cost a layout of
    the screen; here any change is a repaint of one line)."""

    DEFAULT_CSS = """
    SessionHeader {
        dock: top; height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: clip;
        background: $panel; color: $foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self._title = Text()
        self._status = Text()
        self._title_key: tuple[Any, ...] | None = None
        self._status_key: tuple[Any, ...] | None = None

    @property
    def title_text(self) -> str:
        """The left part as plain text (year and organisation)."""
        return self._title.plain

    @property
    def status_text(self) -> str:
        """The right part as plain text (progress, read-only, last saved)."""
        return self._status.plain

    def show(self, organisation: str, year: int, percent: int, saved: str, read_only: bool,
             error: bool = False, unsaved: bool = False) -> None:
        """``unsaved``: edits since the last save (a "*" after ``saved``). This runs after
        every save and when typing starts again after one: repainted only when a part
        changed."""
        changed = False
        title_key = (organisation, year)
        if title_key != self._title_key:
            self._title = Text(f"{year} · ")
            self._title.append(one_line(organisation, 60) or "(uten navn)")
            self._title_key = title_key
            changed = True
        status_key = (percent, saved, read_only, error, unsaved)
        if status_key != self._status_key:
            status = Text(f"{percent} % utfylt")
            if read_only:
                status.append(" · ")
                status.append("Skrivebeskyttet", style="bold yellow")
            status.append(" · ")
            status.append(saved, style="bold red" if error else "")
            if unsaved:
                status.append(" *")
            self._status = status
            self._status_key = status_key
            changed = True
        if changed:
            self.refresh()

    def render(self) -> Text:
        """"2023 · Organisation …      57 % utfylt · Sist lagret 12:00:00": the status in
        full, the title in the room left (its first line, wrapped at a word, as a Static of
        one line shows it), at least two cells between them."""
        width = self.content_size.width
        status = self._status
        room = max(0, width - status.cell_len - 2)
        title = self._title
        if title.cell_len > room:
            lines = list(title.wrap(self.app.console, room)) if room else []
            title = lines[0] if lines else Text()
            title.rstrip()
        line = title.copy()
        line.stylize("bold")
        line.append(" " * max(2, width - title.cell_len - status.cell_len))
        line.append_text(status)
        line.no_wrap = True
        line.overflow = "crop"
        line.end = ""
        return line
