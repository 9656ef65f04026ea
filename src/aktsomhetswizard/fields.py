"""What a field of the wizard accepts and shows, by its kind: pure, no UI (issue 16: the core is
pure, the TUI is thin).

The wizard's editors ask this module what to say under a field (``problem``), what to show in
an empty one (``placeholder``), how a table shows a row (``row_cells``) and what a choice
offers (``choice_options``); the widgets only show it. Messages are in Norwegian; an empty field
is never an error: it is just unanswered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

from .bank import Column, Kind
from .dates import DATE_HINT, parse_date
from .textsafe import visible

YES = "Ja"
NO = "Nei"

# ---------------------------------------------------------------------------------------------
# What a one-line field accepts (the wizard checks as the author types)

_NUMBER = re.compile(r"^[-−]?\d{1,3}(?:[ \u00a0\u202f.]\d{3})*(?:,\d+)?$|^[-−]?\d+(?:[.,]\d+)?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


def _number(text: str) -> str | None:
    """A number as people write it: "1 137 092 000", "306", "12,5"."""
    return None if _NUMBER.match(text) else "Skriv et tall, for eksempel 1 137 092 000."


def _email(text: str) -> str | None:
    if _EMAIL.match(text):
        return None
    return "Skriv en e-postadresse, for eksempel navn@virksomhet.no."


def _url(text: str) -> str | None:
    parsed = urlparse(text)
    if parsed.scheme in ("http", "https") and "." in parsed.netloc and " " not in text:
        return None
    return "Skriv en fullstendig adresse, for eksempel https://www.eksempel.no/."


def _year(text: str) -> str | None:
    if text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2999:
        return None
    return "Skriv et årstall med fire sifre, for eksempel 2024."


def _date(text: str) -> str | None:
    """A real date: dd.mm.åååå (or ISO åååå-mm-dd)."""
    return None if parse_date(text) is not None else DATE_HINT


_RULES: dict[Kind, Callable[[str], str | None]] = {
    Kind.NUMBER: _number,
    Kind.EMAIL: _email,
    Kind.URL: _url,
    Kind.YEAR: _year,
    Kind.DATE: _date,
}

# The kinds whose one-line field is checked as the author types.
CHECKED = frozenset(_RULES)


def problem(kind: Kind, value: str) -> str | None:
    """What is wrong with ``value`` for a field of ``kind`` (the message shown under it), or
    None: fine, blank, or a kind with no form to check."""
    text = value.strip()
    rule = _RULES.get(kind)
    if not text or rule is None:
        return None
    return rule(text)


PLACEHOLDERS: dict[Kind, str] = {
    Kind.NUMBER: "For eksempel 1 137 092 000",
    Kind.EMAIL: "navn@virksomhet.no",
    Kind.URL: "https://",
    Kind.YEAR: "ÅÅÅÅ",
    Kind.DATE: "dd.mm.åååå",
}


def placeholder(kind: Kind) -> str:
    """What an empty one-line field of ``kind`` shows."""
    return PLACEHOLDERS.get(kind, "")


def cell_placeholder(col: Column) -> str:
    """A column's placeholder: a count is not a sum of money (issue 15: «Antall arbeidere»
    showed the revenue's «1 137 092 000»)."""
    if col.kind is Kind.NUMBER and col.label.lower().startswith("antall"):
        return "For eksempel 120"
    return placeholder(col.kind)


# ---------------------------------------------------------------------------------------------
# What is shown


def yes_no_stored(value: str) -> bool:
    """An answer to a yes/no question that is neither yes nor no (from the file): shown beside
    the buttons, never lost."""
    return bool(value) and value not in (YES, NO)


def choice_options(choices: tuple[str, ...], value: str) -> list[str]:
    """The options of a choice: a value that is not one of them (an old free-text answer) is
    offered too, so that it is shown and never lost."""
    if value and value not in choices:
        return [*choices, value]
    return list(choices)


def cell_text(value: Any) -> str:
    """A cell's value as text (a number written by hand in the file is shown as written)."""
    return value if isinstance(value, str) else str(value)


def shown_text(value: Any) -> str:
    """A cell as the table and the 3.A.1 summary show it: the portal's HTML as its text (issue
    13; the field that edits it holds the text as stored until the author converts it)."""
    from .usertext import portal_text

    return portal_text(cell_text(value))


def row_has_text(row: dict[str, Any]) -> bool:
    """A row that holds some text (removing it asks first)."""
    return any(isinstance(v, str) and v.strip() for v in row.values())


# ---------------------------------------------------------------------------------------------
# A table's rows as its table shows them (cut to the width there is when drawn)


def table_columns(columns: tuple[Column, ...]) -> list[tuple[str, int]]:
    """(label, weight) of a table's columns after «Nr.»: they share the width there is by their
    weights, a long text twice what another column gets."""
    return [(c.label, 2 if c.kind is Kind.LONG_TEXT else 1) for c in columns]


def column_widths(width: int, rows: int, weights: tuple[int, ...]) -> list[int]:
    """The cells of each column of a table of ``rows`` rows drawn in ``width`` cells: «Nr.»
    as wide as the largest number (with «▸» and a space), the others sharing the rest by their
    ``weights`` (a space between columns)."""
    number = max(3, len(str(rows))) + 2
    rest = max(0, width - number - len(weights))
    total = sum(weights) or 1
    widths = [rest * w // total for w in weights]
    if widths:
        widths[-1] += rest - sum(widths)
    return [number, *widths]


def row_cells(columns: tuple[Column, ...], row: dict[str, Any]) -> tuple[str, ...]:
    """The texts of a row's cells after «Nr.», in full."""
    return tuple(shown_text(row.get(c.key, "")) for c in columns)


def follow_up_columns(source: tuple[Column, ...]) -> list[tuple[str, int]]:
    """3.A.1's table: the priority (the first column of 2.A.1), and how much of its follow-up
    is filled in."""
    return [*([(source[0].label, 5)] if source else []), ("Utfylt", 1)]


def follow_up_cells(source: tuple[Column, ...], columns: tuple[Column, ...],
                    row: dict[str, Any]) -> tuple[str, ...]:
    """A row of 3.A.1's table: its priority, and «3 av 5» of the follow-up's fields filled."""
    shown = (shown_text(row.get(source[0].key, "")),) if source else ()
    filled = sum(1 for c in columns if cell_text(row.get(c.key, "")).strip())
    return (*shown, f"{filled} av {len(columns)}")


def row_facts(source: tuple[Column, ...], row: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, text) of each field of 2.A.1 for a priority, as 3.A.1 shows them above its
    follow-up: control characters visible, «(ikke utfylt)» for an empty one."""
    return [(col.label, visible(shown_text(row.get(col.key, ""))).strip() or "(ikke utfylt)")
            for col in source]
