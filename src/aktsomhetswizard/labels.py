"""What a person reads where a field is named: the template's numbers and titles, never the ids.

A *field path* names one thing to answer, as the check and the session file know it: a question
(``"2.A.2"``, ``"leverandorkjede.type_innkjop"``), a row of a table (``"2.A.1[2]"``) or one cell
(``"3.A.1[2].results"``). ``field_label`` turns any of them into what the template prints:

    2.A.2                                  -> 2.A.2
    3.A.1[2].results                       -> 3.A.1 › Prioritering 2 › Resultater …
    leverandorkjede.type_innkjop           -> Type innkjøp/ leverandørforhold
    6.A.tilfeller                          -> 6.A › Tilfeller av gjenoppretting

A question the template numbers is named by its number; one it does not number by its ``label``
in the question bank, or else its text. Rows are named by the question's ``row_label``
(«Prioritering»), else «Rad». Ids stay in JSON and CSV (with this label beside them); every
report and the wizard name fields through this module.
"""

from __future__ import annotations

import re

from .bank import Bank, Question

SEP = " › "
ROW = "Rad"
_NUMBERED = re.compile(r"\d+(?:\.[A-Z](?:\.\d+)?)?")
_PATH = re.compile(r"(?P<qid>[^\[\]]+)(?:\[(?P<row>\d+)\](?:\.(?P<key>\w+))?)?")


def parse_path(path: str) -> tuple[str, int | None, str | None]:
    """(question id, row number from 1 or None, column key or None). Unparsable text is taken
    as a question id."""
    match = _PATH.fullmatch(path)
    if match is None:
        return path, None, None
    row = match.group("row")
    return match.group("qid"), int(row) if row else None, match.group("key")


def is_numbered(qid: str) -> bool:
    """True for the template's own numbers: "2", "2.A", "2.A.1"."""
    return _NUMBERED.fullmatch(qid) is not None


def question_label(bank: Bank, qid: str) -> str:
    """The name of a question: its number, its bank label, or its text."""
    if qid not in bank:
        return qid
    q = bank[qid]
    if q.label:
        return q.label
    return qid if is_numbered(qid) else q.text


def row_label(question: Question, row: int) -> str:
    """«Prioritering 2», «Rad 2»: a table's row as a person names it (``row`` counts from 1)."""
    return f"{question.row_label or ROW} {row}"


def field_label(bank: Bank, path: str) -> str:
    """The readable name of any field path (see the module's docstring)."""
    qid, row, key = parse_path(path)
    if qid not in bank:
        return path
    q = bank[qid]
    label = question_label(bank, qid)
    if row is None:
        return label
    label += SEP + row_label(q, row)
    if key is not None:
        columns = (*q.columns, *bank.table_columns(q.table or ""))
        column = next((c.short_label for c in columns if c.key == key), key)
        label += SEP + column
    return label


def field_text(bank: Bank, path: str) -> str:
    """What to print beside ``field_label`` in a list: the question's text when the label does
    not already say it, «ingen rader» for a table without rows, else nothing."""
    qid, row, _key = parse_path(path)
    if qid not in bank:
        return ""
    q = bank[qid]
    if row is not None:
        return ""
    if q.is_table:
        return "ingen rader"
    return "" if q.text.startswith(question_label(bank, qid)) else q.text


def section_label(bank: Bank, section_id: str) -> str:
    """A section as the template heads it: «3.A Stanse, forebygge …», or its title alone
    where the template gives no number."""
    try:
        title = bank.section(section_id).title
    except KeyError:
        return section_id
    return f"{section_id} {title}" if is_numbered(section_id) else title
