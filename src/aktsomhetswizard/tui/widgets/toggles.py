"""A checkbox and a radio button whose state reads without colour (issue 15, item 6).

Textual draws a toggle the same way on and off (▐X▌, ▐●▌) and tells the two apart by colour
only: with NO_COLOR or on a monochrome terminal, «Ja» and «Nei», «Ikke relevant» on and off
look alike. These draw a different mark for each state (public API: ``BUTTON_INNER``, the
mark Textual draws, set per widget as its value changes)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.widgets import Checkbox, RadioButton

from ...status import YES_MARK


class MarkedCheckbox(Checkbox):
    """✓ when on, an empty box when off."""

    ON: ClassVar[str] = YES_MARK
    OFF: ClassVar[str] = " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.ON if self.value else self.OFF
        super().watch_value()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.BUTTON_INNER = self.ON if self.value else self.OFF


class MarkedRadioButton(RadioButton):
    """● when chosen, ○ when not."""

    ON: ClassVar[str] = "●"
    OFF: ClassVar[str] = "○"

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.ON if self.value else self.OFF
        super().watch_value()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.BUTTON_INNER = self.ON if self.value else self.OFF
