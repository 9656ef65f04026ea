"""Sessions built for tests."""

from __future__ import annotations

from aktsomhetswizard import quality
from aktsomhetswizard.bank import Bank, Kind
from aktsomhetswizard.completeness import has_content
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
        Kind.DATE: f"27.06.{year + 1}",
    }
    for loc in bank.questions():
        q = loc.question
        if q.is_table:
            assert q.table is not None
            rows = s.tables.setdefault(q.table, [{}])
            for col in q.columns:
                if col.kind is Kind.CHOICE:
                    rows[0][col.key] = col.choices[0]
                    continue
                rows[0][col.key] = value.get(col.kind, f"Svar i {q.id} {col.key}, " * 3)
            continue
        if q.kind is Kind.CHOICE:
            s.answers[q.id] = q.choices[0]
        else:
            s.answers[q.id] = value.get(q.kind, f"Et utfyllende svar på spørsmål {q.id}. " * 2)
    # What the law check reads as more than text (law.py): a statement that meets it.
    s.answers.update({
        "signering.signert_av": "Kari Nordmann, styreleder\nOla Hansen, styremedlem\n"
                                "Per Berg, daglig leder",
        "signering.periode_fra": f"01.01.{year}",
        "signering.periode_til": f"31.12.{year}",
        # A group names its companies (law.py: names_a_company).
        "signering.konsern_selskaper": f"{organisation} (org.nr. 912 345 678) og dets "
                                        "datterselskaper Fullført Butikk AS og Fullført Nett AS",
    })
    return s


def duplicates_all_pairs(texts: list[tuple[str, Kind, str]]) -> list[tuple[str, str]]:
    """The duplicate check without its speed-ups: every paragraph compared with every earlier
    paragraph of another item. (item, the earlier items' names) for each item that repeats."""
    paras = [
        (item, these)
        for item, _, value in texts
        if has_content(value)
        for these in quality._long_paragraphs(value)
    ]
    repeats: dict[str, list[str]] = {}
    for i, (item, these) in enumerate(paras):
        for other_item, other in paras[:i]:
            if other_item != item and other_item not in repeats.get(item, []) and \
                    quality._same(these, other):
                repeats.setdefault(item, []).append(other_item)
    return [(item, quality._names(earlier)) for item, earlier in repeats.items()]
