"""What changed between two sessions (issue 17): last year's report and this year's.

Pure: ``diff_sessions(bank, old, new)`` gives a :class:`Diff`; render/diff.py writes it as text,
Markdown, HTML or JSON. Per question the status is "new" (answered only now), "removed"
(answered only before), "changed", "same", or "empty" (in neither). A table question is compared
row by row (rows matched by their first column's text, else by their place); 3.A.1 is compared
per priority, and gets its own view: last year's «Mål i rapporteringsåret» beside this year's
results.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from .bank import Bank, Column, Question
from .completeness import has_content
from .session import Session

Status = Literal["new", "removed", "changed", "same", "empty"]
STATUS_ORDER: tuple[Status, ...] = ("changed", "new", "removed", "same", "empty")


@dataclass(frozen=True)
class Word:
    """A run of the word diff: "equal", "insert" (only in the new text) or "delete"."""

    op: Literal["equal", "insert", "delete"]
    text: str


@dataclass
class Change:
    key: str  # "1.A.3", or "2.A.1 rad 2" for a table's row
    question: str  # the question's id
    label: str  # the question's text (a table row: the question's text too)
    status: Status
    old: str
    new: str
    words: list[Word] = field(default_factory=list)
    # Removed, and a fact of one reporting year (turnover, head count, the signature …):
    # `new --from` does not take it along, so its removal is expected, not an edit.
    year_bound: bool = False


@dataclass
class PriorityPair:
    """3.A.1's own view: one priority, last year's goal for the year beside this year's result."""

    number: int  # this year's place (or last year's, for a priority dropped)
    impact: str  # the priority's text (this year's, else last year's)
    old_impact: str
    last_year_goal: str  # last year's «Mål i rapporteringsåret»
    results: str  # this year's «Beskriv faktiske eller forventede resultater …»
    status: Status  # of the priority itself: new, removed, changed or same


@dataclass
class Diff:
    old_name: str
    new_name: str
    old: tuple[str, int]  # organisation, year
    new: tuple[str, int]
    changes: list[Change]
    priorities: list[PriorityPair]
    goal_label: str = "Mål i rapporteringsåret"
    results_label: str = "Beskriv faktiske eller forventede resultater av tiltaket beskrevet over"

    def count(self, status: Status) -> int:
        return sum(1 for c in self.changes if c.status == status)

    @property
    def differs(self) -> bool:
        return any(c.status in ("new", "removed", "changed") for c in self.changes)


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> list[Word]:
    """The word-level difference of two texts (difflib on words, spaces and punctuation)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[Word] = []

    def add(op: Literal["equal", "insert", "delete"], text: str) -> None:
        if not text:
            return
        if out and out[-1].op == op:
            out[-1] = Word(op, out[-1].text + text)
        else:
            out.append(Word(op, text))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", "".join(a[i1:i2]))
        else:
            add("delete", "".join(a[i1:i2]))
            add("insert", "".join(b[j1:j2]))
    return out


def _status(old: str, new: str) -> Status:
    o, n = has_content(old), has_content(new)
    if not o and not n:
        return "empty"
    if not o:
        return "new"
    if not n:
        return "removed"
    return "same" if old == new else "changed"


def _value(session: Session, q: Question) -> str:
    reason = session.not_applicable.get(q.id)
    if reason is not None and has_content(reason):
        return f"Ikke relevant: {reason.strip()}"
    value = session.answers.get(q.id, "")
    if not value and q.id in session.extra_answers:
        value = str(session.extra_answers[q.id])
    return value


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _plain(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", text)).split()).lower()


def _row_text(row: dict[str, Any], columns: tuple[Column, ...]) -> str:
    lines = []
    for col in columns:
        value = _cell(row.get(col.key, ""))
        if has_content(value):
            lines.append(f"{col.label}: {value.strip()}")
    return "\n".join(lines)


def shown_text(text: str) -> str:
    """A priority's text for a title: without the portal's HTML tags (display only)."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", text)).split())


def match_rows(old: list[dict[str, Any]], new: list[dict[str, Any]],
               key: str) -> list[tuple[int | None, int | None]]:
    """Pairs (old index, new index): rows with the same first-column text, then the rest by
    their place; a row without a partner stands alone."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for j, row in enumerate(new):
        want = _plain(_cell(row.get(key, "")))
        if not want:
            continue
        for i, other in enumerate(old):
            if i not in used and _plain(_cell(other.get(key, ""))) == want:
                pairs[j] = i
                used.add(i)
                break
    for j in range(len(new)):
        if j not in pairs and j < len(old) and j not in used and j not in pairs.values():
            pairs[j] = j
            used.add(j)
    out: list[tuple[int | None, int | None]] = [(pairs.get(j), j) for j in range(len(new))]
    out += [(i, None) for i in range(len(old)) if i not in used]
    return out


def _table_changes(bank: Bank, q: Question, old: Session, new: Session) -> list[Change]:
    assert q.table is not None
    old_rows, new_rows = old.tables.get(q.table, []), new.tables.get(q.table, [])
    first = bank.table_columns(q.table)[0].key
    changes = []
    for i, j in match_rows(old_rows, new_rows, first):
        a = _row_text(old_rows[i], q.columns) if i is not None else ""
        b = _row_text(new_rows[j], q.columns) if j is not None else ""
        status = _status(a, b)
        if status == "empty":
            continue
        place = (j if j is not None else i or 0) + 1
        changes.append(Change(f"{q.id} rad {place}", q.id, q.text, status, a, b,
                              word_diff(a, b) if status == "changed" else []))
    for reason_change in _na_change(q, old, new):
        changes.append(reason_change)
    if not changes:
        changes.append(Change(q.id, q.id, q.text, "empty", "", ""))
    return changes


def _na_change(q: Question, old: Session, new: Session) -> list[Change]:
    a = _value(old, q) if q.id in old.not_applicable else ""
    b = _value(new, q) if q.id in new.not_applicable else ""
    status = _status(a, b)
    if status == "empty":
        return []
    return [Change(q.id, q.id, q.text, status, a, b, word_diff(a, b) if status == "changed"
                   else [])]


def _priorities(bank: Bank, q: Question, old: Session, new: Session) -> list[PriorityPair]:
    assert q.table is not None
    source = bank[q.rows_from] if q.rows_from else None
    impact = source.columns[0].key if source else "impact"
    old_rows, new_rows = old.tables.get(q.table, []), new.tables.get(q.table, [])
    pairs = []
    for i, j in match_rows(old_rows, new_rows, impact):
        o = old_rows[i] if i is not None else {}
        n = new_rows[j] if j is not None else {}
        a, b = _cell(o.get(impact, "")), _cell(n.get(impact, ""))
        if not has_content(a) and not has_content(b):
            continue
        status = _status(a, b)
        if status == "changed" and _plain(a) == _plain(b):
            status = "same"
        pairs.append(PriorityPair(
            number=(j if j is not None else i or 0) + 1,
            impact=b if has_content(b) else a,
            old_impact=a,
            last_year_goal=_cell(o.get("year_goal", "")),
            results=_cell(n.get("results", "")),
            status=status,
        ))
    return pairs


def diff_sessions(bank: Bank, old: Session, new: Session, old_name: str = "",
                  new_name: str = "") -> Diff:
    changes: list[Change] = []
    priorities: list[PriorityPair] = []
    goal_label = results_label = ""
    for loc in bank.questions():
        q = loc.question
        if q.is_table:
            changes.extend(_table_changes(bank, q, old, new))
            if q.rows_from:
                priorities = _priorities(bank, q, old, new)
                labels = {c.key: c.label for c in q.columns}
                goal_label = labels.get("year_goal", "")
                results_label = labels.get("results", "")
            continue
        a, b = _value(old, q), _value(new, q)
        status = _status(a, b)
        changes.append(Change(q.id, q.id, q.text, status, a, b,
                              word_diff(a, b) if status == "changed" else []))
    year_bound = getattr(bank, "is_year_bound", None)
    if year_bound is not None:
        for change in changes:
            change.year_bound = change.status == "removed" and bool(year_bound(change.question))
    result = Diff(old_name, new_name, (old.organisation, old.year), (new.organisation, new.year),
                  changes, priorities)
    if goal_label:
        result.goal_label = goal_label
    if results_label:
        result.results_label = results_label
    return result
