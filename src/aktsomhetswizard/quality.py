"""Quality warnings: pure checks of a session's answers beyond completeness. No I/O, no UI.

Warnings are always reported; they fail `aktsomhet check` only with --strict.

Messages name the items, never quote the answers: a report about a report may be passed on, and
the answers may hold names and e-mail addresses.
"""

from __future__ import annotations

import re
import string
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from itertools import count, repeat
from weakref import WeakKeyDictionary

from .bank import Bank, Kind
from .completeness import has_content, is_placeholder
from .dates import DATE_HINT, parse_date
from .session import Session
from .usertext import holds_html

# A long-text answer shorter than this (characters, whitespace trimmed) is "very short".
SHORT_LONG_TEXT = 40
# Paragraphs shorter than this (characters, whitespace normalised) are not compared.
MIN_PARAGRAPH = 60
# Two paragraphs are "the same" when their words match this closely (2·LCS/(n+m), see _same), so
# that a quotation repeated with a word changed ("heter det at" / "heter det videre at") is found.
SAME_PARAGRAPH = 0.9
# The duplicate check stays linear in the number of paragraphs (issue 14: 3,000 rows of 2.A.1
# that say nearly the same took minutes): a paragraph is compared with at most
# DUPLICATE_LOOKS earlier paragraphs that share a rare word with it, each word remembers at most
# DUPLICATE_POSTINGS paragraphs, and a warning names at most DUPLICATE_NAMED earlier answers.
# Below these numbers (every ordinary report) the result is that of comparing every pair.
DUPLICATE_LOOKS = 64
DUPLICATE_POSTINGS = 256
DUPLICATE_NAMED = 5

_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]{2,}$")
_URL = re.compile(r"^https?://[^\s/?#<>\"]+\.[^\s/?#<>\".]{2,}(:\d+)?([/?#][^\s<>\"]*)?$", re.I)
# Whole numbers and decimals; thousands grouped by space, no-break space, thin space or a dot
# ("1 137 092 000", "1.137.092.000"), a decimal comma or point, an optional sign.
_NUMBER = re.compile(
    r"^[+-]?(\d{1,3}([ \u00a0\u202f\u2009]\d{3})+|\d{1,3}(\.\d{3})+|\d+)([,.]\d+)?$"
)
_YEAR = re.compile(r"^\d{4}$")
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
    answers = session.answers
    tables = session.tables
    for qid, kind, table, columns in _text_plan(bank):
        if table is None:
            yield qid, kind, answers.get(qid, "")
            continue
        for n, row in enumerate(tables.get(table, ()), start=1):
            for key, column_kind in columns:
                value = row.get(key, "")
                if isinstance(value, str):
                    yield f"{qid}[{n}].{key}", column_kind, value


_TextPlan = tuple[tuple[str, Kind, "str | None", tuple[tuple[str, Kind], ...]], ...]
_text_plans: WeakKeyDictionary[Bank, _TextPlan] = WeakKeyDictionary()


def _text_plan(bank: Bank) -> _TextPlan:
    """Each question as (id, kind, its table or None, the table's (column, kind)), in template
    order: what ``_texts`` needs of the bank, worked out once per bank."""
    plan = _text_plans.get(bank)
    if plan is None:
        plan = _text_plans[bank] = tuple(
            (q.id, q.kind, q.table if q.is_table else None,
             tuple((c.key, c.kind) for c in q.columns) if q.is_table else ())
            for q in (loc.question for loc in bank.questions())
        )
    return plan


def number_ok(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


def email_ok(text: str) -> bool:
    return bool(_EMAIL.match(text.strip()))


def url_ok(text: str) -> bool:
    return bool(_URL.match(text.strip()))


def warnings(bank: Bank, session: Session) -> list[QualityWarning]:
    """Every warning, in template order of the item it concerns."""
    found: list[tuple[int, QualityWarning]] = []
    texts = list(_texts(bank, session))
    long: list[tuple[str, str]] = []  # (item, text) of answers with content, long enough
    for i, (item, kind, value) in enumerate(texts):
        if not value or value.isspace():
            continue
        if is_placeholder(value):
            found.append((i, QualityWarning(item, "placeholder", _PLACEHOLDER)))
            continue
        # Not blank, not a placeholder: has_content(value) holds.
        if "<" in value and holds_html(value):
            found.append((i, QualityWarning(item, "html", _HTML)))
        if len(value) >= MIN_PARAGRAPH:
            long.append((item, value))
        w = _check_content(item, kind, value)
        if w is not None:
            found.append((i, w))
    repeated = _repeated_paragraphs(long) if len(long) > 1 else []
    missing_measures = _priorities_without_measures(bank, session)
    if repeated or missing_measures:
        order = {item: i for i, (item, _, _) in enumerate(texts)}
        for w in repeated:
            found.append((order[w.item], w))
        if missing_measures:
            # The first cell of each row ("2.A.1[3]" for "2.A.1[3].impact"): one pass, not
            # one pass per warning (that was quadratic in the rows).
            first_cell: dict[str, int] = {}
            for key, i in order.items():
                row = key[: key.find("]") + 1]
                if row and row not in first_cell:
                    first_cell[row] = i
            for w in missing_measures:
                found.append((first_cell.get(w.item, len(texts)), w))
    found.sort(key=lambda pair: pair[0])
    return [w for _, w in found]


_PLACEHOLDER = "Svaret er bare en plassholder og teller som ubesvart."
_HTML = ("Svaret inneholder HTML fra portalen (avsnitt og lister som <p>, <ul>, <li>). Det vises "
         "som tekst i redegjørelsen; i veiviseren kan du gjøre det om til ren tekst.")


def _check_content(item: str, kind: Kind, value: str) -> QualityWarning | None:
    """The warning about an answer that has content (``has_content``), or None."""
    text = value.strip()
    if kind is Kind.LONG_TEXT:
        if len(text) < SHORT_LONG_TEXT:
            return QualityWarning(
                item, "short",
                f"Svaret er svært kort (under {SHORT_LONG_TEXT} tegn) for et spørsmål som ber "
                "om en beskrivelse.",
            )
        return None
    if kind is Kind.SHORT_TEXT:
        return None
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
    if kind is Kind.DATE and parse_date(text) is None:
        return QualityWarning(item, "date", "Svaret er ikke en gyldig dato. " + DATE_HINT)
    if kind is Kind.YES_NO and text not in ("Ja", "Nei"):
        return QualityWarning(item, "yes_no", "Svaret skal være «Ja» eller «Nei».")
    return None


# What is stripped from the ends of a word: punctuation, quotes, brackets, dashes.
_EDGES = "".join(sorted(set(string.punctuation) | set("«»“”‘’‚„–—…•·§°")))


def words(text: str) -> list[str]:
    """The words of a paragraph as the duplicate check compares them: split at whitespace,
    casefolded, punctuation stripped from their ends ("Ansvar." and "ansvar" are one word;
    "e-post" stays one word). Only C loops (map, filter): a folder check splits every paragraph
    of every answer."""
    return _stripped(text.casefold().split())


def _stripped(pieces: list[str]) -> list[str]:
    return list(filter(None, map(str.strip, pieces, repeat(_EDGES))))


def _long_paragraphs(text: str) -> Iterator[list[str]]:
    """The words (``words``) of each paragraph of ``text`` that is at least MIN_PARAGRAPH
    characters long once its whitespace is normalised and it is casefolded."""
    if len(text) < MIN_PARAGRAPH:  # normalising only shortens (casefolding never does)
        return
    for para in _PARAGRAPH_BREAK.split(text.casefold()):
        if len(para) < MIN_PARAGRAPH:  # normalised, it is no longer than it is now
            continue
        pieces = para.split()
        if sum(map(len, pieces)) + len(pieces) - 1 >= MIN_PARAGRAPH:
            yield list(filter(None, map(str.strip, pieces, repeat(_EDGES))))


def _duplicates(texts: list[tuple[str, Kind, str]]) -> list[QualityWarning]:
    """A paragraph of an answer that (nearly) repeats a paragraph of an earlier answer.

    The warning is given on the later item and names the earlier one(s). The result is that of
    comparing every paragraph with every earlier paragraph of another item by ``_same`` (see
    ``_repeated_paragraphs``)."""
    return _repeated_paragraphs([
        (item, value) for item, _, value in texts
        if len(value) >= MIN_PARAGRAPH and has_content(value)
    ])


def _repeated_paragraphs(texts: list[tuple[str, str]]) -> list[QualityWarning]:
    """``_duplicates`` of the answers (item, text) that have content (``has_content``), in
    order.

    For speed (a folder check does this for every file), pairs that cannot be the same are never
    looked at: prefix filtering (``_prefix``) gives the few earlier paragraphs worth a look, and
    two cheap bounds reject most of those before the words are compared.

    Words are compared as numbers, one per word, in one fixed order: the order in which this
    process first saw them (any fixed order gives the same result; rare words first gives few
    candidates, and a word seen late is mostly a rare one). The pieces of text between spaces
    are looked up as they are written (``_piece_numbers``: "Ansvar." and "(ansvar" give the
    number of "ansvar"), so that a piece seen before is neither casefolded, stripped nor looked
    up twice: in a folder check most pieces have been seen before. Both dictionaries are new
    when they grow large, never cleared: a call under way keeps the numbers it started with.
    """
    global _word_numbers, _piece_numbers
    if len(_piece_numbers) > _MAX_WORD_NUMBERS:
        _word_numbers, _piece_numbers = {}, {}
    word_numbers, piece_numbers = _word_numbers, _piece_numbers
    known = piece_numbers.__getitem__
    paras: list[tuple[str, list[int]]] = []  # every long paragraph, in order: (item, words)
    for item, value in texts:
        for cut in _long_paragraph_pieces(value):
            try:
                numbers = list(map(known, cut))
            except KeyError:  # a piece this process has not seen before
                numbers = _number_pieces(cut, piece_numbers, word_numbers)
            paras.append((item, numbers))
    if len(paras) < 2:
        return []
    postings: dict[int, list[int]] = {}  # word -> the paragraphs with it in their prefix
    distincts: list[frozenset[int]] = []
    repeats: dict[str, list[str]] = {}
    for index, (item, these) in enumerate(paras):
        distinct = frozenset(these)
        if _NO_WORD in distinct:  # pieces of punctuation only are no word
            these = [w for w in these if w != _NO_WORD]
            paras[index] = (item, these)
            distinct = distinct - {_NO_WORD}
        distincts.append(distinct)
        n = len(these)
        candidates: set[int] | None = None
        for word in sorted(distinct)[-_prefix(n):]:  # the latest seen: mostly the rarest
            found = postings.get(word)
            if found is None:
                postings[word] = [index]
                continue
            if candidates is None:
                candidates = set(found)
            else:
                candidates.update(found)
            if len(found) < DUPLICATE_POSTINGS:
                found.append(index)
        if candidates is None:
            continue
        looks = 0
        for other_index in sorted(candidates):
            other_item, other = paras[other_index]
            if other_item == item or other_item in repeats.get(item, ()):
                continue
            if looks >= DUPLICATE_LOOKS or len(repeats.get(item, ())) > DUPLICATE_NAMED:
                break
            looks += 1
            m = len(other)
            # These two reject only what _same would reject anyway.
            if 2 * min(n, m) / (n + m) < SAME_PARAGRAPH:
                continue
            if not _could_be_same(n, len(distinct), m, len(distincts[other_index]),
                                  len(distinct & distincts[other_index])):
                continue
            if _same(these, other):
                repeats.setdefault(item, []).append(other_item)
    return [
        QualityWarning(
            item, "duplicate",
            "Et avsnitt i svaret står også i "
            + (_names(earlier) if len(earlier) <= DUPLICATE_NAMED
               else ", ".join(earlier[:DUPLICATE_NAMED]) + " og flere") + ".",
        )
        for item, earlier in repeats.items()
    ]


def _long_paragraph_pieces(text: str) -> Iterator[list[str]]:
    """The pieces between whitespace (as written: not casefolded, not stripped) of each
    paragraph of ``text`` that ``_long_paragraphs`` gives the words of, in the same order.

    Casefolding maps each character on its own and never makes or takes whitespace
    (tests/test_check_shortcuts.py checks every character), so the pieces of the casefolded
    text are the casefolded pieces; only the length of a paragraph can grow by casefolding."""
    if len(text) < MIN_PARAGRAPH:  # as _long_paragraphs
        return
    for para in _PARAGRAPH_BREAK.split(text):
        pieces = para.split()
        # Normalised, it is at least a character a piece and a space between: often enough.
        # Casefolding never shortens, so the length as written is enough when it is enough.
        if 2 * len(pieces) - 1 >= MIN_PARAGRAPH or (
            sum(map(len, pieces)) + len(pieces) - 1 >= MIN_PARAGRAPH
        ) or (
            len(para.casefold()) >= MIN_PARAGRAPH  # else it stays short
            and sum(map(len, map(str.casefold, pieces))) + len(pieces) - 1 >= MIN_PARAGRAPH
        ):
            yield pieces


def _number_pieces(pieces: list[str], numbers: dict[str, int],
                   words: dict[str, int]) -> list[int]:
    """The number of each piece's word (``_NO_WORD`` for punctuation only), numbering the words
    and pieces not seen before."""
    out = []
    for piece in pieces:
        number = numbers.get(piece)
        if number is None:
            word = piece.casefold().strip(_EDGES)
            number = numbers[piece] = (
                words.setdefault(word, next(_next_number)) if word else _NO_WORD
            )
        out.append(number)
    return out


_MISSING_AT_MOST = (2 - 2 * SAME_PARAGRAPH) / (2 - SAME_PARAGRAPH)  # see _prefix

# Numbers for words (see _repeated_paragraphs): word -> number, piece -> its word's number, the
# next number to give. A process that checks many files keeps them (each a few tens of MB at
# most: both are new ones past _MAX_WORD_NUMBERS pieces).
_word_numbers: dict[str, int] = {}
_piece_numbers: dict[str, int] = {}
_next_number = count()
_NO_WORD = -1
_MAX_WORD_NUMBERS = 300_000


def _prefix(n: int) -> int:
    """The length of a paragraph's prefix (of ``n`` words) for prefix filtering.

    Any pair ``_same`` accepts passes the length test (m ≥ r·n/(2−r), r = SAME_PARAGRAPH) and
    ``_could_be_same`` (n − distinct + shared ≥ r/2·(n+m)); together: at most
    k = ⌊n·(2−2r)/(2−r)⌋ of this paragraph's distinct words are missing from the other, so they
    share at least distinct − k words, and (the prefix filtering principle: two sets sharing t
    elements share one among the first |set| − t + 1 of each, in any one fixed order) the first
    k + 1 distinct words of each in the same order share a word."""
    return int(n * _MISSING_AT_MOST + 1e-9) + 1


def _could_be_same(n: int, distinct_n: int, m: int, distinct_m: int, shared: int) -> bool:
    """A cheap upper bound of ``_same``'s measure for paragraphs of ``n`` and ``m`` words
    (``distinct_n``, ``distinct_m`` distinct, ``shared`` in both), so that most pairs are never
    compared word by word; it never rejects a pair that ``_same`` accepts. The common
    subsequence is at most the words both have, counted with repeats, and every distinct word
    of one paragraph that the other lacks leaves at least one of its words out of that."""
    matches = min(n - distinct_n + shared, m - distinct_m + shared)
    return 2.0 * matches / (n + m) >= SAME_PARAGRAPH


def _same(a: Sequence[Hashable], b: Sequence[Hashable]) -> bool:
    """The words of two paragraphs match closely: 2·LCS/(n+m) ≥ SAME_PARAGRAPH, where LCS is
    the number of words of the longest common subsequence (the words both have, in the same
    order)."""
    if a == b:
        return True
    shorter, longer = sorted((len(a), len(b)))
    if not shorter or 2 * shorter / (shorter + longer) < SAME_PARAGRAPH:
        return False
    return 2 * common_subsequence(a, b) / (len(a) + len(b)) >= SAME_PARAGRAPH


def common_subsequence(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """The length of the longest common subsequence of two word lists (or of any two sequences
    of hashable items: the duplicate check compares numbers for words), bit-parallel (Allison
    and Dix 1986; Hyyrö 2004): one row of the dynamic programme is the bits of one integer, so
    the work is len(b) integer operations on len(a)-bit numbers, not len(a)·len(b) steps."""
    if not a or not b:
        return 0
    masks: dict[Hashable, int] = {}
    for i, word in enumerate(a):
        masks[word] = masks.get(word, 0) | (1 << i)
    full = (1 << len(a)) - 1
    row = full
    for mask in map(masks.get, b, repeat(0)):
        match = row & mask
        row = ((row + match) | (row - match)) & full
    return len(a) - row.bit_count()


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


# ---------------------------------------------------------------------------------------------
# Substance: is an answer more than a token? (the law check, law.py, asks this of the answers
# that carry §5 a, b and c)

# Answers that say only that there is nothing: "Ingen.", "Ingen funn", "Ikke aktuelt".
_NOTHING = frozenset({
    "ingen", "nei", "ingenting", "intet", "ingen funn", "ingen avvik", "ingen tiltak",
    "ingen risiko", "ingen kjente", "ingen kjente funn", "ingen negative konsekvenser",
    "ikke aktuelt", "ikke relevant", "ikke funnet", "ingen kommentar", "ingen endringer",
    "ingenting å rapportere", "ingenting funnet", "ikke avdekket", "ingen avdekket",
    "none", "nothing",
})
# An answer that only points elsewhere: "Se nettside", "Vi viser til vår policy på www…".
_REFERENCE = re.compile(
    r"^(se|jf|jfr|vi viser til|viser til|henviser til|vi henviser til|les mer|"
    r"se mer|mer informasjon)\b", re.I,
)
# No answer that says only «ingen» (``thin``'s "nothing") has more words than this.
_NOTHING_WORDS = max(4, *(len(n.split()) for n in _NOTHING))
_REFERENCE_MAX = 120  # a longer answer that starts "Se …" says more than where to look
_THIN_MAX = 2000  # an answer this long is substantive (unless a placeholder)
_LETTER = re.compile(r"[^\W_]")
_BARE_EDGES = _EDGES + " "

THIN_REASONS = {
    "empty": "er ikke besvart",
    "placeholder": "er bare en plassholder",
    "nothing": "sier bare «ingen»",
    "reference": "viser bare til en nettside eller et annet dokument",
    "short": "er svært kort",
}


def thin(text: object, min_chars: int = SHORT_LONG_TEXT, min_words: int = 5) -> str | None:
    """Why an answer is no substantive answer (a key of THIN_REASONS), or None when it is one:
    not blank, not a placeholder, not only «ingen», not only a pointer elsewhere, and at least
    ``min_chars`` characters and ``min_words`` words."""
    if not isinstance(text, str) or not text or text.isspace():
        return "empty"
    if is_placeholder(text):
        return "placeholder"
    if len(text) > _THIN_MAX and _LETTER.search(text):
        return None  # far longer than any «ingen» or pointer; not copied (speed)
    pieces = text.split()  # the words of ``flat`` too (speed: split once)
    count = len(pieces)
    if count > _NOTHING_WORDS and pieces[0].casefold().strip(_EDGES) and (
        pieces[-1].casefold().strip(_EDGES)
    ):
        # Neither end is punctuation only: ``bare`` below keeps every word, more than an answer
        # that says only «ingen» has. Past _REFERENCE_MAX only "short" is left to ask (speed:
        # most answers; the whole text is neither joined nor casefolded).
        size = sum(map(len, pieces)) + count - 1  # len(flat)
        if size > _REFERENCE_MAX:
            return "short" if size < min_chars or count < min_words else None
    flat = " ".join(pieces)
    bare = flat.casefold().strip(_BARE_EDGES)
    if bare in _NOTHING or (bare.startswith(("ingen ", "ingenting ")) and len(bare.split()) <= 4):
        return "nothing"
    if len(flat) <= _REFERENCE_MAX and _REFERENCE.match(bare):
        return "reference"
    if len(flat) < min_chars or len(pieces) < min_words:
        return "short"
    return None
