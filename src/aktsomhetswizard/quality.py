"""Quality warnings: pure checks of a session's answers beyond completeness. No I/O, no UI.

Warnings are always reported; they fail `aktsomhet check` only with --strict.
"""

from __future__ import annotations

from dataclasses import dataclass

from .bank import Bank
from .completeness import is_placeholder
from .session import Session


@dataclass(frozen=True)
class QualityWarning:
    """One quality warning about an item (question id or table cell id)."""

    item: str
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"item": self.item, "code": self.code, "message": self.message}


def warnings(bank: Bank, session: Session) -> list[QualityWarning]:
    """Every warning, in template order."""
    found: list[QualityWarning] = []
    for loc in bank.questions():
        q = loc.question
        if q.is_table:
            assert q.table is not None
            for n, row in enumerate(session.tables.get(q.table, []), start=1):
                for col in q.columns:
                    value = row.get(col.key, "")
                    if isinstance(value, str) and is_placeholder(value):
                        found.append(_placeholder(f"{q.id}[{n}].{col.key}"))
            continue
        value = session.answers.get(q.id, "")
        if is_placeholder(value):
            found.append(_placeholder(q.id))
    return found


def _placeholder(item: str) -> QualityWarning:
    return QualityWarning(
        item, "placeholder", "Svaret er bare en plassholder og teller som ubesvart."
    )
