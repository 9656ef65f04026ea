"""A checkbox and a radio button whose state reads without colour (issue 15, item 6).

Textual draws a toggle the same way on and off (▐X▌, ▐●▌) and tells the two apart by colour
only: with NO_COLOR or on a monochrome terminal, «Ja» and «Nei», «Ikke relevant» on and off
look alike. These draw a different mark for each state (public API: ``BUTTON_INNER``, the
mark Textual draws, set per widget as its value changes)."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from textual.widgets import Checkbox, RadioButton

from ...status import YES_MARK


class Marked:
    """For a Checkbox or a RadioButton: the mark drawn follows the value (``ON`` / ``OFF``)."""

    ON: ClassVar[str]
    OFF: ClassVar[str]
    BUTTON_INNER: str
    value: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.BUTTON_INNER = self.ON if self.value else self.OFF

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.ON if self.value else self.OFF
        cast(Any, super()).watch_value()


class MarkedCheckbox(Marked, Checkbox):
    """✓ when on, an empty box when off."""

    ON = YES_MARK
    OFF = " "


class MarkedRadioButton(Marked, RadioButton):
    """● when chosen, ○ when not."""

    ON = "●"
    OFF = "○"
