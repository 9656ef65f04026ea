"""Quality warnings: pure checks of a session's answers beyond completeness. No I/O, no UI.

Warnings are always reported; they fail `aktsomhet check` only with --strict.

Messages name the items, never quote the answers: a report about a report may be passed on, and
the answers may hold names and e-mail addresses.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from .bank import Bank, Kind
from .completeness import has_content, is_placeholder
from .session import Session

# A long-text answer shorter than this (characters, whitespace trimmed) is "very short".
SHORT_LONG_TEXT = 40
# Paragraphs shorter than this (characters, whitespace normalised) are not compared.
MIN_PARAGRAPH = 60
# Two paragraphs are "the same" when their words match this closely (difflib ratio), so that a
# quotation repeated with a word changed ("heter det at" / "heter det videre at") is found.
SAME_PARAGRAPH = 0.9

_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]{2,}$")
_URL = re.compile(r"^https?://[^\s/?#<>\"]+\.[^\s/?#<>\".]{2,}(:\d+)?([/?#][^\s<>\"]*)?$", re.I)
# Whole numbers and decimals; thousands grouped by space, no-break space, thin space or a dot
# ("1 137 092 000", "1.137.092.000"), a decimal comma or point, an optional sign.
_NUMBER = re.compile(
    r"^[+-]?(\d{1,3}([ \u00a0\u202f\u2009]\d{3})+|\d{1,3}(\.\d{3})+|\d+)([,.]\d+)?$"
)
_YEAR = re.compile(r"^\d{4}$")
_WORD = re.compile(r"\w+", re.UNICODE)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class QualityWarning:
    """One quality warning about an item (question id or table cell id)."""

    item: str
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"item": self.item, "code": self.code, "message": self.message}


def _texts(bank: Bank, session: Session) -> Iterator[tuple[str, Kind, str]]:
    """Every answer as (item id, kind, text), in template order; table cells are items."""
    for loc in bank.questions():
        q = loc.question
        if q.is_table:
            assert q.table is not None
            for n, row in enumerate(session.tables.get(q.table, []), start=1):
                for col in q.columns:
                    value = row.get(col.key, "")
                    if isinstance(value, str):
                        yield f"{q.id}[{n}].{col.key}", col.kind, value
            continue
        value = session.answers.get(q.id, "")
        yield q.id, q.kind, value


def number_ok(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


def email_ok(text: str) -> bool:
    return bool(_EMAIL.match(text.strip()))


def url_ok(text: str) -> bool:
    return bool(_URL.match(text.strip()))


def warnings(bank: Bank, session: Session) -> list[QualityWarning]:
    """Every warning, in template order of the item it concerns."""
    found: list[tuple[int, QualityWarning]] = []
    order: dict[str, int] = {}
    texts = list(_texts(bank, session))
    for i, (item, _, _) in enumerate(texts):
        order[item] = i
    for i, (item, kind, value) in enumerate(texts):
        w = _check_value(item, kind, value)
        if w is not None:
            found.append((i, w))
    for w in _duplicates(texts):
        found.append((order[w.item], w))
    for w in _priorities_without_measures(bank, session):
        cells = [i for key, i in order.items() if key.startswith(w.item + ".")]
        found.append((min(cells, default=len(texts)), w))
    found.sort(key=lambda pair: pair[0])
    return [w for _, w in found]


def _check_value(item: str, kind: Kind, value: str) -> QualityWarning | None:
    if is_placeholder(value):
        return QualityWarning(
            item, "placeholder", "Svaret er bare en plassholder og teller som ubesvart."
        )
    if not has_content(value):
        return None
    text = value.strip()
    if kind is Kind.LONG_TEXT and len(text) < SHORT_LONG_TEXT:
        return QualityWarning(
            item, "short",
            f"Svaret er svært kort (under {SHORT_LONG_TEXT} tegn) for et spørsmål som ber om "
            "en beskrivelse.",
        )
    if kind is Kind.EMAIL and not email_ok(text):
        return QualityWarning(item, "email", "Svaret ser ikke ut som en gyldig e-postadresse.")
    if kind is Kind.URL and not url_ok(text):
        return QualityWarning(
            item, "url", "Svaret ser ikke ut som en gyldig nettadresse (https://…)."
        )
    if kind is Kind.NUMBER and not number_ok(text):
        return QualityWarning(item, "number", "Svaret ser ikke ut som et tall.")
    if kind is Kind.YEAR and not _YEAR.match(text):
        return QualityWarning(item, "year", "Svaret ser ikke ut som et årstall.")
    if kind is Kind.YES_NO and text not in ("Ja", "Nei"):
        return QualityWarning(item, "yes_no", "Svaret skal være «Ja» eller «Nei».")
    return None


def paragraphs(text: str) -> list[str]:
    """The paragraphs of an answer (split at blank lines), whitespace normalised."""
    return [" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def _duplicates(texts: list[tuple[str, Kind, str]]) -> list[QualityWarning]:
    """A paragraph of an answer that (nearly) repeats a paragraph of an earlier answer.

    The warning is given on the later item and names the earlier one(s).
    """
    # (item, words, number of words, distinct words) of earlier paragraphs, and for speed their
    # (number of words, index) in order: only paragraphs of about the same length can match.
    seen: list[tuple[str, list[str], int, frozenset[str]]] = []
    by_length: list[tuple[int, int]] = []
    repeats: dict[str, list[str]] = {}
    for item, _, value in texts:
        if not has_content(value):
            continue
        mine: list[tuple[str, list[str], int, frozenset[str]]] = []
        for para in paragraphs(value):
            if len(para) < MIN_PARAGRAPH:
                continue
            words = _WORD.findall(para.casefold())
            n, distinct = len(words), frozenset(words)
            mine.append((item, words, n, distinct))
            # A window wider than _same's length test (0.82n … 1.22n words), in seen's order.
            lo = bisect_left(by_length, (n * 4 // 5, -1))
            hi = bisect_right(by_length, ((n * 5 + 3) // 4, len(seen)))
            for index in sorted(i for _, i in by_length[lo:hi]):
                other_item, other, m, other_distinct = seen[index]
                # Speed only: the first two tests reject what _same would reject anyway.
                if n + m and 2 * min(n, m) / (n + m) < SAME_PARAGRAPH:
                    continue
                if other_item == item or other_item in repeats.get(item, []):
                    continue
                if _could_be_same(words, distinct, other, other_distinct) and _same(words, other):
                    repeats.setdefault(item, []).append(other_item)
        for entry in mine:
            insort(by_length, (entry[2], len(seen)))
            seen.append(entry)
    return [
        QualityWarning(
            item, "duplicate",
            "Et avsnitt i svaret står også i " + _names(earlier) + ".",
        )
        for item, earlier in repeats.items()
    ]


def _could_be_same(a: list[str], set_a: frozenset[str], b: list[str],
                   set_b: frozenset[str]) -> bool:
    """A cheap upper bound of difflib's quick_ratio, so that most pairs never build a
    SequenceMatcher (speed only: it never rejects a pair that ``_same`` accepts). Every distinct
    word of one paragraph that the other lacks leaves at least one of its words unmatched."""
    total = len(a) + len(b)
    if not total:
        return True
    shared = len(set_a & set_b)
    matches = min(len(a) - len(set_a) + shared, len(b) - len(set_b) + shared)
    return 2.0 * matches / total >= SAME_PARAGRAPH


def _same(a: list[str], b: list[str]) -> bool:
    if a == b:
        return True
    shorter, longer = sorted((len(a), len(b)))
    if not shorter or 2 * shorter / (shorter + longer) < SAME_PARAGRAPH:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= SAME_PARAGRAPH and matcher.ratio() >= SAME_PARAGRAPH


def _names(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " og " + items[-1]


def _priorities_without_measures(bank: Bank, session: Session) -> list[QualityWarning]:
    """A priority of 2.A.1 with content but no measure (3.A.1 "measures") for it."""
    if "2.A.1" not in bank or "3.A.1" not in bank:
        return []
    source, follow = bank["2.A.1"], bank["3.A.1"]
    if source.table is None or follow.table != source.table:
        return []
    if "measures" not in {c.key for c in follow.columns}:
        return []
    found = []
    for n, row in enumerate(session.tables.get(source.table, []), start=1):
        has_priority = any(has_content(row.get(c.key, "")) for c in source.columns)
        if has_priority and not has_content(row.get("measures", "")):
            found.append(
                QualityWarning(
                    f"2.A.1[{n}]", "no_measure",
                    f"Prioritering {n} i 2.A.1 har ingen tiltak i 3.A.1.",
                )
            )
    return found
