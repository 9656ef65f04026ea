"""What a session may hold, in one place (the core; no UI). Pure.

A session file is read only within these limits (issue 14: beyond them it is refused with one
line, rather than checked or shown for minutes). So that an author can never lock themselves
out of their own text, the same limits hold on the way out:

- the wizard's fields refuse an edit that would make an answer, a reason or a cell longer than
  ``MAX_ANSWER_CHARS`` (``edit_too_long``, told by ``too_long``; the text already there
  stays), and a table does not
  grow past ``MAX_ROWS`` (``rows_full``);
- a save that would give a file the reader refuses (``problem``: a text too long, too many
  rows; or more than ``MAX_FILE_BYTES`` once written) is refused with one line, and the file on
  disk stays as it was (sessionformat.to_bytes).

Anything the wizard saves, the wizard and `aktsomhet check` open. docs/session-format.md
(«Grenser») documents the limits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

MAX_ROWS = 100_000  # rows of one table
MAX_ANSWER_CHARS = 5_000_000  # characters of one answer, reason or cell
MAX_FILE_BYTES = 64 * 1024 * 1024  # the largest session file read (100,000 rows: about 15 MB)


def _n(number: int) -> str:
    """5 000 000, as Norwegian groups digits."""
    return f"{number:,}".replace(",", " ")


def describe_mb(limit: int) -> str:
    """"64 MB" (for messages)."""
    return f"{limit // (1024 * 1024)} MB"


def too_long() -> str:
    """What the wizard says when it refuses an edit past the limit (one message)."""
    return (f"Et svar kan ha høyst {_n(MAX_ANSWER_CHARS)} tegn, og dette ville blitt lengre: "
            "det som ble skrevet eller limt inn, er ikke tatt med. Teksten som står der, er "
            "beholdt.")


def edit_too_long(length: int, removed: int, inserted: int) -> bool:
    """An edit of a text of ``length`` characters that replaces ``removed`` of them by
    ``inserted`` new ones goes past MAX_ANSWER_CHARS. An edit that does not make the text
    longer is never refused (an author can always shorten a text)."""
    return inserted > removed and length - removed + inserted > MAX_ANSWER_CHARS


def rows_full(rows: int) -> str | None:
    """Why a table of ``rows`` rows may not grow (None: it may)."""
    if rows < MAX_ROWS:
        return None
    return f"Tabellen har {_n(rows)} rader, så mange som en økt kan ha."


def problem(answers: Mapping[str, Any], not_applicable: Mapping[str, Any],
            tables: Mapping[str, Iterable[Mapping[str, Any]]]) -> str | None:
    """Why a session holding these texts and rows would not be read (None: it would). The
    words name the place, never quote the text."""
    for table, rows in tables.items():
        count = len(rows) if isinstance(rows, list) else sum(1 for _ in rows)
        if count > MAX_ROWS:
            return f"tabellen «{table}» har {count} rader; høyst {MAX_ROWS} leses"
    for where, texts in (("svaret på", answers), ("begrunnelsen for", not_applicable)):
        for qid, text in texts.items():
            if isinstance(text, str) and len(text) > MAX_ANSWER_CHARS:
                return f"{where} {qid} er {len(text)} tegn; høyst {MAX_ANSWER_CHARS} leses"
    for table, rows in tables.items():
        for n, row in enumerate(rows, start=1):
            for key, value in row.items():
                if isinstance(value, str) and len(value) > MAX_ANSWER_CHARS:
                    return (f"{table}[{n}].{key} er {len(value)} tegn; høyst "
                            f"{MAX_ANSWER_CHARS} leses")
    return None


def file_too_large(size: int) -> str | None:
    """Why a file of ``size`` bytes would not be read (None: it would)."""
    if size <= MAX_FILE_BYTES:
        return None
    return f"er større enn {describe_mb(MAX_FILE_BYTES)}"
