"""Completeness: a pure function of (bank, session). No I/O, no UI.

An *item* is one thing that must be answered: a question, or one cell of a table question
("2.A.1[1].theme", "3.A.1[1].goal"). Items are counted per section, step and report.

Carried over means "to confirm": a question whose answer was taken along from last year's
session and is not confirmed yet (``Session.is_unconfirmed``) counts as not answered — in the
percentage, in the sections' status, and in whatever asks ``holds_answer`` (the law check).
Its result is ``unconfirmed`` (status "empty", nothing answered); the items that held content
are listed as unconfirmed rather than missing, the ones that were empty stay missing.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from itertools import chain
from typing import Literal
from weakref import WeakKeyDictionary

from .bank import Bank, Question, Section, Step
from .session import Session

Status = Literal["complete", "partial", "empty"]
QuestionStatus = Literal["complete", "partial", "empty", "not_applicable"]

# The heading under which reports list the answers carried over and not confirmed.
UNCONFIRMED_TITLE = "Overført fra i fjor – ikke bekreftet"

# Answers that hold no content. Anything without a letter or digit ("-", "--", "–", "...", "?")
# is a placeholder too.
PLACEHOLDERS = frozenset(
    {
        "tbd", "tba", "todo", "to do", "x", "xx", "xxx", "xxxx", "n/a", "na", "n.a.", "n.a",
        "ikke utfylt", "fylles ut", "fylles inn", "kommer", "kommer senere", "lorem ipsum",
        "placeholder", "foo", "test",
    }
)
# A letter or digit: a word character other than "_".
_HAS_CONTENT = re.compile(r"[^\W_]", re.UNICODE)
# No placeholder has more words than this (a longer answer is never one; checked first, for speed).
_PLACEHOLDER_WORDS = max(len(p.split()) for p in PLACEHOLDERS)
_MORE_WORDS = re.compile(r"(?<!\S)\S+(?:\s+\S+){" + str(_PLACEHOLDER_WORDS) + "}")


def is_placeholder(text: str) -> bool:
    """True for text that looks filled in but holds nothing ("-", "TBD", "xxx", "n/a" …).

    Speed: every check asks this of every answer, some of 100,000 characters; nothing here
    copies a long text (no strip, no split of the whole)."""
    if not _HAS_CONTENT.search(text):
        return bool(text) and not text.isspace()  # only punctuation and the like
    if _MORE_WORDS.search(text):
        return False
    words = " ".join(text.lower().split())
    return words in PLACEHOLDERS or words.rstrip(".!:") in PLACEHOLDERS


def has_content(value: object) -> bool:
    """An answer counts when it holds real content."""
    if type(value) is str:  # nearly every value: asked first, for speed
        return bool(value) and not value.isspace() and not is_placeholder(value)
    if isinstance(value, bool):
        return True
    if isinstance(value, int | float):
        return True
    if not isinstance(value, str):
        return False
    return bool(value) and not value.isspace() and not is_placeholder(value)


@dataclass(frozen=True)
class QuestionResult:
    id: str
    status: QuestionStatus
    answered: int
    expected: int
    missing: tuple[str, ...]
    optional: bool
    # Carried over from last year with something in it, and not confirmed yet: counts as not
    # answered (status "empty") until the author confirms it.
    unconfirmed: bool = False


@dataclass(frozen=True)
class SectionResult:
    id: str
    title: str
    step_id: str
    status: Status
    answered: int
    expected: int
    missing: tuple[str, ...]
    not_applicable: tuple[str, ...]
    questions: tuple[QuestionResult, ...]
    unconfirmed: tuple[str, ...] = ()  # question ids (QuestionResult.unconfirmed)


@dataclass(frozen=True)
class StepResult:
    id: str
    number: str
    title: str
    scope: str
    answered: int
    expected: int
    sections: tuple[SectionResult, ...]

    @property
    def percent(self) -> int:
        return percent(self.answered, self.expected)

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Completeness:
    """The template's completeness (scope "template"); other scopes are counted apart."""

    steps: tuple[StepResult, ...]
    answered: int
    expected: int
    missing: tuple[str, ...]
    not_applicable: tuple[str, ...]
    by_question: dict[str, QuestionResult] = field(repr=False)
    by_section: dict[str, SectionResult] = field(repr=False)
    # Questions of the template carried over from last year and not confirmed yet.
    unconfirmed: tuple[str, ...] = ()

    @property
    def percent(self) -> int:
        return percent(self.answered, self.expected)

    @property
    def complete(self) -> bool:
        """Nothing missing, and nothing carried over from last year left to confirm."""
        return not self.missing and not self.unconfirmed

    def template_steps(self) -> tuple[StepResult, ...]:
        return tuple(s for s in self.steps if s.scope == "template")

    def scope_steps(self, scope: str) -> tuple[StepResult, ...]:
        return tuple(s for s in self.steps if s.scope == scope)

    def sections(self) -> list[SectionResult]:
        return [sec for step in self.steps for sec in step.sections]


def percent(answered: int, expected: int) -> int:
    """Whole percent, rounded down so that 100 means complete."""
    if expected == 0:
        return 100
    return answered * 100 // expected


def _na(session: Session, qid: str) -> bool | None:
    """True: not applicable with a reason; False: listed without a reason; None: not listed."""
    if qid not in session.not_applicable:
        return None
    return has_content(session.not_applicable[qid])


def applies(bank: Bank, session: Session, question_id: str) -> bool:
    """The question applies: no earlier answer rules it out (bank.AppliesIf: «Hvilke selskaper
    i konsernet …?» does not apply when the statement is not a group's; the signing step does
    not when the organisation is not subject to the Act). An earlier question that is
    unanswered, or carried over and not confirmed, rules nothing out; one marked «ikke
    relevant» does."""
    for condition in bank.conditions(question_id):
        gate = condition.question
        if _na(session, gate):
            return False
        if session.carried_over and session.is_unconfirmed(gate):
            continue
        value = session.answers.get(gate)
        if isinstance(value, str) and has_content(value) and value.strip() != condition.answer:
            return False
    return True


def _does_not_apply(q: Question) -> QuestionResult:
    """The result of a question that an earlier answer rules out: nothing expected, no gap."""
    return QuestionResult(q.id, "not_applicable", 0, 0, (), q.optional)


def _question(bank: Bank, session: Session, q: Question) -> tuple[QuestionResult, bool]:
    """The items of one question. Returns the result and whether it is not applicable."""
    if bank.conditional and not applies(bank, session, q.id):
        return _does_not_apply(q), False
    na = _na(session, q.id)
    if na:
        return QuestionResult(q.id, "not_applicable", 1, 1, (), q.optional), True
    if q.is_table:
        assert q.table is not None
        rows = session.tables.get(q.table, [])
        if not rows:
            expected = 0 if q.optional else 1
            return QuestionResult(q.id, "empty", 0, expected, (q.id,) * expected, q.optional), False
        answered = expected = 0
        filled_any = False
        missing: list[str] = []
        for n, row in enumerate(rows, start=1):
            for col in q.columns:
                filled = has_content(row.get(col.key, ""))
                filled_any = filled_any or filled
                if col.optional or q.optional:
                    continue
                expected += 1
                if filled:
                    answered += 1
                else:
                    missing.append(f"{q.id}[{n}].{col.key}")
        if not missing:
            status: QuestionStatus = "complete"
        else:
            status = "partial" if filled_any else "empty"
        return QuestionResult(q.id, status, answered, expected, tuple(missing), q.optional), False
    filled = has_content(session.answers.get(q.id, "")) or q.id in session.extra_answers
    if q.optional:
        return QuestionResult(q.id, "complete" if filled else "empty", 0, 0, (), True), False
    return (
        QuestionResult(
            q.id,
            "complete" if filled else "empty",
            int(filled),
            1,
            () if filled else (q.id,),
            False,
        ),
        False,
    )


def _unconfirmed(res: QuestionResult) -> QuestionResult:
    """The result of a question carried over and not confirmed, from what its content gives:
    nothing answered; what held content is unconfirmed, what was empty stays missing. A
    question that held nothing (3.A.1 with empty fields) has nothing to confirm: unchanged."""
    if res.status == "empty" or res.unconfirmed:
        return res
    if res.status == "not_applicable":
        expected = 0 if res.optional else 1
        return QuestionResult(res.id, "empty", 0, expected, (), res.optional, True)
    return QuestionResult(res.id, "empty", 0, res.expected, res.missing, res.optional, True)


def holds_answer(session: Session, q: Question) -> bool:
    """The question holds an answer that counts: content (a table question: a row with content
    in the question's own columns), not an answer carried over from last year and not yet
    confirmed, not marked «ikke relevant» (with a reason). The one place that decides it for
    everything that asks "is this answered?" beyond the counting above (the statement's
    signature block)."""
    if session.carried_over and session.is_unconfirmed(q.id):
        return False
    if _na(session, q.id):  # marked «ikke relevant» with a reason: text kept under it is none
        return False
    if q.is_table:
        assert q.table is not None
        return any(
            has_content(row.get(col.key, ""))
            for row in session.tables.get(q.table, [])
            for col in q.columns
        )
    return has_content(session.answers.get(q.id, "")) or q.id in session.extra_answers


def check(bank: Bank, session: Session,
          given: dict[str, QuestionResult] | None = None) -> Completeness:
    """The completeness of a session against its bank.

    The same as working out ``_question`` for every question and summing per section, step and
    report (tests/test_completeness.py holds that reference), but quicker: a folder check runs
    this for every file. What depends only on the bank is worked out once (``_plan``), and a
    question that is not a table has one of three results that never change (answered, not,
    not applicable): those are made once and shared (they are frozen).

    ``given``: results already known (``update``: the tables whose rows did not change), taken
    as they are instead of being worked out again."""
    answers = session.answers
    extra_answers = session.extra_answers
    not_applicable = session.not_applicable
    by_question: dict[str, QuestionResult] = {}
    by_section: dict[str, SectionResult] = {}
    steps: list[StepResult] = []
    total_answered = total_expected = 0
    missing_all: list[str] = []
    na_all: list[str] = []
    unconfirmed_all: list[str] = []
    carried = set(session.carried_over) if session.carried_over else None
    conditional = bank.conditional
    for step, in_template, section_plans in _plan(bank):
        sections: list[SectionResult] = []
        s_answered = s_expected = 0
        for section, question_plans in section_plans:
            results: list[QuestionResult] = []
            na_ids: list[str] = []
            missing: list[str] = []
            unconfirmed: list[str] = []
            answered = expected = 0
            partial = False
            for q, fixed, not_relevant in question_plans:
                qid = q.id
                if given is not None and qid in given:
                    res = given[qid]
                    if res.unconfirmed:
                        unconfirmed.append(qid)
                    elif res.status == "not_applicable" and res.answered:
                        na_ids.append(qid)  # marked «ikke relevant» (a ruled-out one is 0/0)
                elif conditional and not applies(bank, session, qid):
                    res = _does_not_apply(q)  # ruled out by an earlier answer: 0/0, no gap
                else:
                    if qid in not_applicable and has_content(not_applicable[qid]):
                        res = not_relevant
                        na_ids.append(qid)
                    elif fixed is not None:  # not a table: answered or not
                        value = answers.get(qid)
                        if (value is not None and has_content(value)) or qid in extra_answers:
                            res = fixed[0]
                        else:
                            res = fixed[1]
                    else:
                        res = _question(bank, session, q)[0]
                    if carried is not None and qid in carried:
                        res = _unconfirmed(res)
                        if res.unconfirmed:
                            unconfirmed.append(qid)
                            if na_ids and na_ids[-1] == qid:
                                na_ids.pop()
                if res.status == "partial" and not res.optional:
                    partial = True
                results.append(res)
                by_question[qid] = res
                answered += res.answered
                expected += res.expected
                if res.missing:
                    missing.extend(res.missing)
            if answered >= expected:
                status: Status = "complete"
            elif answered or partial:
                status = "partial"
            else:
                status = "empty"
            sec = SectionResult(
                section.id, section.title, step.id, status, answered, expected, tuple(missing),
                tuple(na_ids), tuple(results), tuple(unconfirmed),
            )
            sections.append(sec)
            by_section[section.id] = sec
            s_answered += answered
            s_expected += expected
            if in_template:
                missing_all.extend(missing)
                na_all.extend(na_ids)
                unconfirmed_all.extend(unconfirmed)
        steps.append(
            StepResult(
                step.id, step.number, step.title, step.scope, s_answered, s_expected,
                tuple(sections),
            )
        )
        if in_template:
            total_answered += s_answered
            total_expected += s_expected
    return Completeness(
        tuple(steps),
        total_answered,
        total_expected,
        tuple(missing_all),
        tuple(na_all),
        by_question,
        by_section,
        tuple(unconfirmed_all),
    )


# ---------------------------------------------------------------------------------------------
# Incremental: after an edit in the wizard, only what changed is worked out again


@dataclass
class _Tally:
    """What each row of one table question gives (its missing items, whether anything is
    filled in it), so that an edit of one row is counted again alone; and the result they
    give, kept while no row's count changes (typing on in a filled cell)."""

    missing: list[tuple[str, ...]]
    filled: list[bool]
    result: QuestionResult | None = None


@dataclass
class Changes:
    """What changed since the last count (SessionStore.take_changes): ``tables`` maps a
    table to the indices of the rows whose cells changed, or to None for rows added, removed or
    moved (or its question marked or confirmed); ``answers``: an answer, a mark «ikke
    relevant» or a confirmation changed."""

    tables: dict[str, set[int] | None] = field(default_factory=dict)
    answers: bool = False


# The tallies of each session (by identity: a Session compares by value and has no hash),
# dropped with the session.
_tallies: dict[int, dict[str, _Tally]] = {}
_NONE: tuple[str, ...] = ()


def _tallies_of(session: Session) -> dict[str, _Tally]:
    key = id(session)
    found = _tallies.get(key)
    if found is None:
        found = _tallies[key] = {}
        weakref.finalize(session, _tallies.pop, key, None)
    return found


def _row_items(q: Question, n: int, row: dict[str, object]) -> tuple[tuple[str, ...], bool]:
    """(the missing items, anything filled) of row ``n`` (1-based) of table question ``q``,
    as ``_question`` counts them."""
    missing: list[str] | None = None
    filled_any = False
    for col in q.columns:
        filled = has_content(row.get(col.key, ""))
        filled_any = filled_any or filled
        if col.optional or q.optional or filled:
            continue
        if missing is None:
            missing = []
        missing.append(f"{q.id}[{n}].{col.key}")
    return (tuple(missing) if missing else _NONE), filled_any


def _tallied(bank: Bank, session: Session, q: Question, rows_changed: set[int] | None
             ) -> QuestionResult | None:
    """The result of table question ``q`` from its tally, the changed rows counted again
    (``None``: every row). None when the tally cannot give it (marked «ikke relevant», ruled
    out, carried over: ``question_result`` then works it out)."""
    if (_na(session, q.id) or (session.carried_over and session.is_unconfirmed(q.id))
            or (bank.conditional and not applies(bank, session, q.id))):
        return None
    assert q.table is not None
    rows = session.tables.get(q.table, [])
    if not rows:
        _tallies_of(session).pop(q.id, None)
        return None
    tallies = _tallies_of(session)
    tally = tallies.get(q.id)
    if tally is None or rows_changed is None or len(tally.missing) != len(rows):
        tally = _Tally([], [])
        for n, row in enumerate(rows, start=1):
            items, filled = _row_items(q, n, row)
            tally.missing.append(items)
            tally.filled.append(filled)
        tallies[q.id] = tally
    else:
        same = True
        for index in rows_changed:
            if 0 <= index < len(rows):
                now = _row_items(q, index + 1, rows[index])
                if now != (tally.missing[index], tally.filled[index]):
                    tally.missing[index], tally.filled[index] = now
                    same = False
        if same and tally.result is not None:
            return tally.result  # the same object: nothing of it changed
    missing = tuple(chain.from_iterable(tally.missing))
    required = 0 if q.optional else sum(not c.optional for c in q.columns)
    expected = required * len(rows)
    if not missing:
        status: QuestionStatus = "complete"
    else:
        status = "partial" if any(tally.filled) else "empty"
    tally.result = QuestionResult(q.id, status, expected - len(missing), expected, missing,
                                  q.optional)
    return tally.result


def update(bank: Bank, session: Session, previous: Completeness | None,
           changes: Changes) -> Completeness:
    """``check(bank, session)``, worked out again only where it may have changed (the wizard,
    after each edit: a keystroke in a table of 100,000 rows counts one row again, not all of
    them). ``previous`` is the result before the edits and ``changes`` says what changed since
    (SessionStore.take_changes); a table not in ``changes`` keeps its previous results.
    Questions that are not tables are cheap, and worked out again when an answer changed. When
    nothing of the result changed (typing on in a filled cell), ``previous`` itself is
    returned. ``previous=None``: everything is worked out (and the tallies are made afresh).
    The result is always ``check(bank, session)`` (tests/test_completeness_update.py)."""
    given: dict[str, QuestionResult] = {}
    same = previous is not None and not changes.answers
    for table in bank.table_names:
        for q in bank.table_questions(table):
            old = previous.by_question.get(q.id) if previous is not None else None
            if old is not None and table not in changes.tables:
                given[q.id] = old
                continue
            rows = None if previous is None else changes.tables.get(table)
            res = _tallied(bank, session, q, rows)
            if res is not None:
                given[q.id] = res
            same = same and res is not None and res is old
    if same and previous is not None:
        return previous
    return check(bank, session, given)


_QuestionPlan = tuple[Question, tuple[QuestionResult, QuestionResult] | None, QuestionResult]
"""(question, its results when answered and when not, its result when not applicable); the
pair is None for a table question, whose result depends on its rows."""

_Plan = tuple[tuple[Step, bool, tuple[tuple[Section, tuple[_QuestionPlan, ...]], ...]], ...]
_plans: WeakKeyDictionary[Bank, _Plan] = WeakKeyDictionary()


def _plan(bank: Bank) -> _Plan:
    """What ``check`` needs of a bank, worked out once per bank."""
    plan = _plans.get(bank)
    if plan is not None:
        return plan
    steps = []
    for step in bank.steps:
        sections = []
        for section in step.sections:
            questions: list[_QuestionPlan] = []
            for q in section.questions:
                not_relevant = QuestionResult(q.id, "not_applicable", 1, 1, (), q.optional)
                if q.is_table:
                    questions.append((q, None, not_relevant))
                elif q.optional:
                    questions.append((q, (
                        QuestionResult(q.id, "complete", 0, 0, (), True),
                        QuestionResult(q.id, "empty", 0, 0, (), True),
                    ), not_relevant))
                else:
                    questions.append((q, (
                        QuestionResult(q.id, "complete", 1, 1, (), False),
                        QuestionResult(q.id, "empty", 0, 1, (q.id,), False),
                    ), not_relevant))
            sections.append((section, tuple(questions)))
        steps.append((step, step.scope == "template", tuple(sections)))
    plan = _plans[bank] = tuple(steps)
    return plan


def question_result(bank: Bank, session: Session, question: Question) -> QuestionResult:
    """The result of one question alone (what ``check`` gives for it): a question's result
    depends only on its own answer, mark and rows (and whether it is an unconfirmed answer
    carried over). Cheap enough to run on every keystroke."""
    res = _question(bank, session, question)[0]
    if res.expected == 0 and res.status == "not_applicable" and not res.answered:
        return res  # ruled out by an earlier answer
    if session.carried_over and session.is_unconfirmed(question.id):
        res = _unconfirmed(res)
    return res
