"""A session: the author's answers for one report (the model; no files, no format).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .bank import DEFAULT_TEMPLATE, load_bank
from .textsafe import normalise_newlines


class SessionError(Exception):
    """A session file cannot be used. The message names the file; it never quotes answers."""


class SaveError(SessionError):
    """A save failed; the previous file is untouched."""


class ConflictError(SaveError):
    """The file changed on disk since it was read; it is not overwritten."""


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class Session:
    """One report being written. ``tables`` holds the arrays of tables (priorities, producers…)."""

    organisation: str
    year: int
    template: str = DEFAULT_TEMPLATE
    created: datetime = field(default_factory=now)
    updated: datetime = field(default_factory=now)
    answers: dict[str, str] = field(default_factory=dict)
    not_applicable: dict[str, str] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Where the author was (question id), and the questions whose answers were carried over
    # from last year's session and are not confirmed yet (``is_unconfirmed``). Both live in
    # [session].
    position: str | None = None
    carried_over: list[str] = field(default_factory=list)
    # The session this one was started from (``new --from``): its file, relative to this
    # session's folder when it lies there or below, else absolute. The wizard reads last year's
    # answers from it (issue 17). Lives in [session].
    started_from: str | None = None
    # What the program does not know, kept untouched: keys of [session], of [answers] whose
    # value is not text, and top-level keys.
    extra_header: dict[str, Any] = field(default_factory=dict)
    extra_answers: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def answer(self, question_id: str) -> str:
        return self.answers.get(question_id, "")

    def rows(self, table: str) -> list[dict[str, Any]]:
        return self.tables.setdefault(table, [])

    @property
    def priorities(self) -> list[dict[str, Any]]:
        return self.rows("priorities")

    # Carried over means "to confirm": an answer taken along from last year's session
    # (``start_from``) is listed in ``carried_over`` until the author edits it or confirms it
    # with an explicit key; until then it does not count as answered (completeness.py).

    def is_unconfirmed(self, question_id: str) -> bool:
        """The question's answer was carried over from last year and is not confirmed yet."""
        return question_id in self.carried_over

    def confirm(self, question_id: str) -> bool:
        """The author confirms (or has edited) a carried-over answer. True when it was one."""
        if question_id in self.carried_over:
            self.carried_over = [q for q in self.carried_over if q != question_id]
            return True
        return False


def same_organisation(a: str, b: str) -> bool:
    """Two names of an organisation are the same one (case, spaces and punctuation aside)."""

    def words(name: str) -> list[str]:
        return "".join(ch if ch.isalnum() else " " for ch in name.casefold()).split()

    short, long = sorted((words(a), words(b)), key=len)
    # "KS" and "KS - Kommunesektorens organisasjon" are one organisation.
    return bool(short) and long[: len(short)] == short


NAME_QUESTION = "virksomhet.navn"


def start_from(previous: Session, organisation: str, year: int) -> Session:
    """A new session that starts from last year's answers.

    Facts of one reporting year (questions marked ``year_bound`` in the bank: turnover, head
    count, the signature, dates …) are not taken along. «Navn på virksomheten» is the
    organisation given, in place of last year's. Every question that holds something is listed
    in ``carried_over``: unconfirmed until the author edits or confirms it (the name too: the
    program filled it in, the author has not looked at it yet)."""
    bank = load_bank(previous.template)
    bound = {q for q in bank.question_ids if bank.is_year_bound(q)}
    new = Session(organisation=normalise_newlines(organisation), year=year,
                  template=previous.template)
    new.answers = {k: v for k, v in previous.answers.items() if k not in bound}
    new.extra_answers = {k: v for k, v in previous.extra_answers.items() if k not in bound}
    new.not_applicable = {k: v for k, v in previous.not_applicable.items() if k not in bound}
    # Columns of a year-bound table question are left out of the rows (a year-bound question
    # that holds the rows takes them all).
    dropped: dict[str, set[str]] = {}
    for qid in bound:
        q = bank[qid]
        if q.table is not None:
            dropped.setdefault(q.table, set()).update(c.key for c in q.columns)
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, rows in previous.tables.items():
        owner = bank.table_owner(name)
        if owner is not None and owner.id in bound:
            continue
        keep = [{k: v for k, v in r.items() if k not in dropped.get(name, ())} for r in rows]
        if keep:
            tables[name] = keep
    new.tables = tables
    name = normalise_newlines(organisation).strip()
    if name and NAME_QUESTION in bank:
        new.answers[NAME_QUESTION] = name
        new.not_applicable.pop(NAME_QUESTION, None)
    carried: list[str] = []
    for loc in bank.questions():
        q = loc.question
        if q.id in bound:
            continue
        has = (
            q.id in new.answers
            or q.id in new.extra_answers
            or q.id in new.not_applicable
            or bool(q.table and new.tables.get(q.table))
        )
        if has:
            carried.append(q.id)
    new.carried_over = carried
    return new
