"""Sessions built for tests."""

from __future__ import annotations

from aktsomhetswizard.bank import Bank, Kind
from aktsomhetswizard.session import Session


def complete_session(bank: Bank, organisation: str = "Fullført AS", year: int = 2023) -> Session:
    """Every question answered, each with its own text (so no paragraph repeats)."""
    s = Session(organisation=organisation, year=year)
    value = {
        Kind.NUMBER: "12",
        Kind.EMAIL: "post@eksempel.no",
        Kind.URL: "https://eksempel.no",
        Kind.YEAR: "2023",
        Kind.YES_NO: "Ja",
    }
    for loc in bank.questions():
        q = loc.question
        if q.is_table:
            assert q.table is not None
            rows = s.tables.setdefault(q.table, [{}])
            for col in q.columns:
                rows[0][col.key] = value.get(col.kind, f"Svar i {q.id} {col.key}, " * 3)
            continue
        if q.kind is Kind.CHOICE:
            s.answers[q.id] = q.choices[0]
        else:
            s.answers[q.id] = value.get(q.kind, f"Et utfyllende svar på spørsmål {q.id}. " * 2)
    return s
