"""Dates as the author writes them: «27.06.2024» (dd.mm.åååå, also d.m.åååå), ISO «2024-06-27»,
or written out as a statement does, «27. juni 2024».
Pure; used by the quality check, the law check and the wizard's validator (bank kind "date")."""

from __future__ import annotations

import re
from datetime import date

_NORWEGIAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# «20. juni 2025», as a statement writes it (an imported report keeps it so).
_MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "desember")
_WRITTEN = re.compile(r"^(\d{1,2})\.?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})$", re.I)

DATE_HINT = "Skriv en dato som dd.mm.åååå, for eksempel 27.06.2024."


def parse_date(text: str) -> date | None:
    """The date written in ``text`` (whitespace around it ignored), or None when it is not a
    real date in one of the two forms («31.02.2024» is None)."""
    text = text.strip()
    match = _NORWEGIAN.match(text)
    written = _WRITTEN.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    elif written:
        day, year = int(written.group(1)), int(written.group(3))
        month = _MONTHS.index(written.group(2).lower()) + 1
    else:
        match = _ISO.match(text)
        if not match:
            return None
        year, month, day = (int(g) for g in match.groups())
    if not 1900 <= year <= 2999:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def format_date(value: date) -> str:
    """A date as the reports write it: dd.mm.åååå."""
    return f"{value.day:02d}.{value.month:02d}.{value.year}"
