"""The texts of the question pane (step, title, status, guidance)."""

from __future__ import annotations

from typing import Any

from textual.geometry import Size
from textual.widgets import Static

from .paint import use_fast_styles


class PaneText(Static):
    """A text of the question pane (step, title, status, guidance), updated on every move.

    Speed (issue 6): when its height changes (a title on three lines after one on two), the
    layout gives it a new virtual size, and Textual then asks for another layout of the whole
    screen, and so a second frame, for a size that does not scroll: nothing depends on it.

    Painting it is cheaper than a Static's, drawing the same (tests/tui/test_panetext.py): its
    rows go through FastStylesCache (paint.py), and it holds no links (texts of the question
    bank and the status line, shown as rich Text or Content, never markup), so Textual's work
    for links (the link style worked out from the widget's colours, each row searched for
    links on each render) is left out (``auto_links`` off)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_fast_styles(self)
        self.set_reactive(PaneText.auto_links, False)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)
