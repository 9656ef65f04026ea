"""The finished statement (redegjørelse) as Markdown or HTML, in the template's order.

``render_statement(bank, session, fmt)`` is a stable entry point (the wizard calls it from its
command palette). It shows its gaps and its state (issue 13): every question of the template
appears, an unanswered one as «Ikke besvart»; each priority of 2.A.1 appears in 3.A with its five
fields; a statement that is incomplete, holds answers carried over from last year and not
confirmed, or is not signed opens with an «UTKAST» banner that says why; a signature block ends
it. The template's guidance stays out. Answers are shown as people write them (paragraphs,
lists; portal HTML as its text: usertext.py). The output depends on the session only.
"""

from __future__ import annotations

import re
from typing import Any

from ..bank import Bank, Column, Kind, Question, Section, Step
from ..completeness import Completeness, applies, check, has_content, holds_answer
from ..law import is_required
from ..session import Session
from ..usertext import portal_text
from . import html as html_out
from . import markdown as md_out
from .doc import Block, Box, Document, Facts, Heading, Para, Span, Table, UserText, spans

FORMATS = ("markdown", "html")
TEMPLATE_NAME = "Aktsomhetsvurderinger for bærekraftig forretningspraksis"
NOT_ANSWERED = "Ikke besvart"
MISSING = NOT_ANSWERED  # the name this mark had before issue 13
DRAFT = "UTKAST"
_NUMBERED = re.compile(r"^\d+\.[A-Z]+\.\d+$")

# Signed and dated: the questions of the signing step that say who signed and when.
SIGNED_BY = "signering.signert_av"
SIGNED_ON = "signering.dato"


def _cell_text(value: object) -> str:
    """A stored value as text; portal HTML as its text (usertext.portal_text)."""
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    if isinstance(value, int | float):
        return str(value)
    return portal_text(value) if isinstance(value, str) else ""


def _not_answered() -> Para:
    return Para(spans(Span(NOT_ANSWERED, "bad")), cls="missing")


def _question_title(q: Question) -> list[Span]:
    if _NUMBERED.match(q.id):
        return [Span(q.id + " ", "num"), Span(q.text)]
    return [Span(q.text)]


def _not_applicable(session: Session, q: Question) -> Para | None:
    reason = session.not_applicable.get(q.id)
    if reason is None or not has_content(reason):
        return None
    return Para([Span("Ikke relevant: " + reason.strip(), "em")], cls="na")


def _fields(columns: tuple[Column, ...], row: dict[str, Any]) -> list[Block]:
    """One row's fields as blocks: long text under its label, short text as label: value;
    an empty field that must be answered reads «Ikke besvart»."""
    blocks: list[Block] = []
    for col in columns:
        value = _cell_text(row.get(col.key, ""))
        filled = has_content(value)
        if not filled and col.optional:
            continue
        if col.kind is Kind.LONG_TEXT:
            blocks.append(Para(spans(Span(col.label, "strong")), cls="label"))
            blocks.append(UserText(value, "answer") if filled else _not_answered())
        else:
            fact = ([Span(col.label, "strong")],
                    [Span(value.strip())] if filled else [Span(NOT_ANSWERED, "bad")])
            if blocks and isinstance(blocks[-1], Facts):
                blocks[-1] = Facts(blocks[-1].rows + [fact])
            else:
                blocks.append(Facts([fact]))
    return blocks


def _row_title(q: Question, n: int) -> str:
    return f"{q.row_label or 'Rad'} {n}"


def _table(session: Session, q: Question) -> list[Block]:
    """A table question: a table of its rows, or (when a column holds long text, as 2.A.1's
    «Prioritert negativ påvirkning/skade» does) one box per row, so that the text keeps its
    paragraphs and lists."""
    assert q.table is not None
    rows = [r for r in session.tables.get(q.table, [])
            if any(has_content(_cell_text(r.get(c.key, ""))) for c in q.columns)]
    if not rows:
        return [_not_answered()]
    if any(c.kind is Kind.LONG_TEXT for c in q.columns):
        return [Box("priority", [Heading(4, spans(_row_title(q, n))), *_fields(q.columns, row)])
                for n, row in enumerate(rows, start=1)]
    out_rows = []
    for row in rows:
        cells = []
        for col in q.columns:
            value = _cell_text(row.get(col.key, ""))
            if has_content(value):
                cells.append([Span(value)])
            elif not col.optional:
                cells.append([Span(NOT_ANSWERED, "bad")])
            else:
                cells.append([Span("")])
        out_rows.append(cells)
    return [Table([c.label for c in q.columns], out_rows)]


def _priorities(bank: Bank, session: Session, q: Question) -> list[Block]:
    """3.A.1: every priority of 2.A.1, each with its five fields, answered or not."""
    assert q.table is not None
    source = bank[q.rows_from] if q.rows_from and q.rows_from in bank else None
    blocks: list[Block] = []
    rows = session.tables.get(q.table, [])
    for n, row in enumerate(rows, start=1):
        if source is not None and not any(
            has_content(_cell_text(row.get(c.key, ""))) for c in (*source.columns, *q.columns)
        ):
            continue  # a row with nothing in it at all
        title = _row_title(source if source is not None else q, n)
        inner: list[Block] = [Heading(4, spans(title))]
        if source is not None:  # the priority, as 2.A.1 states it
            facts = [
                ([Span(col.label, "strong")], [Span(value.strip())])
                for col in source.columns
                if has_content(value := _cell_text(row.get(col.key, "")))
            ]
            if facts:
                inner.append(Facts(facts))
        inner += _fields(q.columns, row)
        blocks.append(Box("priority", inner))
    if not blocks:
        blocks.append(_not_answered())
    return blocks


def _question(bank: Bank, session: Session, section: Section, q: Question) -> list[Block]:
    if not applies(bank, session, q.id):
        return []  # ruled out by an earlier answer («not a group»): no gap, nothing to show
    title = _question_title(q)
    single = len(section.questions) == 1 and q.text == section.title
    head: list[Block] = [] if single else [Heading(4, title)]
    na = _not_applicable(session, q)
    if na is not None:
        return head + [na]
    if q.is_table:
        if q.optional and not any(
            has_content(_cell_text(r.get(c.key, "")))
            for r in session.tables.get(q.table or "", []) for c in q.columns
        ):
            return []
        body = _priorities(bank, session, q) if q.rows_from else _table(session, q)
        return head + body
    value = _cell_text(session.answers.get(q.id, ""))
    if not has_content(value) and q.id in session.extra_answers:
        value = _cell_text(session.extra_answers[q.id])
    number = [Span(q.id + " ", "num")] if _NUMBERED.match(q.id) else []
    if not has_content(value):
        if q.optional:
            return []  # an optional question (the foreword) left out is no gap
        if q.kind is Kind.LONG_TEXT:
            return head + [_not_answered()]
        return [Facts([([*number, Span(q.text, "strong")], [Span(NOT_ANSWERED, "bad")])])]
    if q.kind is Kind.LONG_TEXT:
        return head + [UserText(value, "answer")]
    return [Facts([([*number, Span(q.text, "strong")], [Span(value.strip())])])]


def _step(bank: Bank, session: Session, step: Step) -> list[Block]:
    """A step of the template: every section and question, in order. The template's guidance
    (the coaching under the headings) is not part of the published statement."""
    blocks: list[Block] = []
    for section in step.sections:
        body: list[Block] = []
        for q in section.questions:
            for block in _question(bank, session, section, q):
                if isinstance(block, Facts) and body and isinstance(body[-1], Facts):
                    body[-1] = Facts(body[-1].rows + block.rows)
                else:
                    body.append(block)
        if not body:
            continue
        title = [Span(section.id + " ", "num"), Span(section.title)] if _section_numbered(
            section) else [Span(section.title)]
        blocks.append(Heading(3, title, anchor=f"avsnitt-{section.id}"))
        blocks.extend(body)
    if not blocks:
        return []
    return [Heading(2, spans(step.label), anchor=f"trinn-{step.id}"), *blocks]


def _answer(bank: Bank, session: Session, qid: str) -> str:
    """The answer to a question of the signing step, when it counts (not unconfirmed)."""
    if qid not in bank or not holds_answer(session, bank[qid]):
        return ""
    return _cell_text(session.answers.get(qid, "")).strip()


def is_signed(bank: Bank, session: Session) -> bool:
    """Signed and dated (by the board and the general manager): who signed and the date are
    answered and confirmed."""
    present = [qid for qid in (SIGNED_BY, SIGNED_ON) if qid in bank]
    return bool(present) and all(_answer(bank, session, qid) for qid in present)


def signing_applies(bank: Bank, session: Session) -> bool:
    """The signing questions apply (not ruled out: an organisation not subject to the Act)."""
    present = [qid for qid in (SIGNED_BY, SIGNED_ON) if qid in bank]
    return any(applies(bank, session, qid) for qid in present)


def _signature(bank: Bank, session: Session) -> list[Block]:
    """The signature block at the end: who signed and in which role, the date, the period, and
    the other points of the signing step (where it is published, the §6 contact), each
    «Ikke besvart» until answered (and confirmed)."""
    blocks: list[Block] = []
    for step in bank.steps:
        if step.scope == "template":
            continue
        # A question ruled out by an earlier answer (the group's companies when it is no group;
        # the whole step when the organisation is not subject to the Act) is no gap: shown
        # only when it holds an answer.
        rows = [
            ([Span(q.text, "strong")],
             [Span(value)] if (value := _answer(bank, session, q.id))
             else [Span(NOT_ANSWERED, "bad")])
            for sec in step.sections for q in sec.questions
            if applies(bank, session, q.id) or _answer(bank, session, q.id)
        ]
        if rows:
            blocks.append(Box("signing", [
                Heading(2, spans(step.label), anchor=f"trinn-{step.id}"), Facts(rows)]))
    return blocks


def draft_reasons(bank: Bank, session: Session, result: Completeness | None = None) -> list[str]:
    """Why the statement is a draft (empty: complete, confirmed and signed)."""
    result = result if result is not None else check(bank, session)
    reasons = []
    if result.missing:
        reasons.append(f"{len(result.missing)} svar i malen mangler")
    if result.unconfirmed:
        n = len(result.unconfirmed)
        reasons.append(f"{n} svar er overført fra i fjor og ikke bekreftet")
    if signing_applies(bank, session) and not is_signed(bank, session):
        reasons.append("redegjørelsen er ikke signert og datert av styret og daglig leder")
    return reasons


def draft_text(reasons: list[str]) -> str:
    return "Redegjørelsen er ikke ferdig: " + "; ".join(reasons) + "."


def _section_numbered(section: Section) -> bool:
    return bool(re.match(r"^\d+\.[A-Z]+$", section.id))


def build_statement(bank: Bank, session: Session, show_missing: bool = True) -> Document:
    """The statement. Every question of the template appears, an unanswered one as «Ikke
    besvart» (``show_missing`` is kept for callers of the old signature: the gaps are always
    shown now). A statement that is incomplete, unconfirmed or unsigned opens with «UTKAST»."""
    org = session.organisation.strip() or "(uten navn)"
    # Not subject to the Act (law.is_required): not titled as a statement under åpenhetsloven.
    if is_required(session):
        name = "Redegjørelse for aktsomhetsvurderinger"
        lead = f"{TEMPLATE_NAME}. Redegjørelse etter åpenhetsloven § 4 og § 5, etter Etisk " \
            "handel Norges mal."
    else:
        name = "Rapport om aktsomhetsvurderinger"
        lead = f"{TEMPLATE_NAME}. Rapport etter Etisk handel Norges mal. Virksomheten er ikke " \
            "omfattet av åpenhetsloven."
    doc = Document(title=f"{name} {session.year} – {org}")
    doc.add(Heading(1, spans(name)))
    reasons = draft_reasons(bank, session)
    if reasons:  # at the top, under the title: on screen, in print and in Markdown
        doc.add(Box("draft", [Para(spans(Span(f"{DRAFT}:", "strong"), " ",
                                         draft_text(reasons)))]))
    doc.add(
        Para(spans(Span(org, "strong"), f" · rapporteringsår {session.year}")),
        Para(spans(Span(lead, "muted"))),
    )
    for step in bank.steps:
        if step.scope == "template":
            doc.add(*_step(bank, session, step))
    doc.add(*_signature(bank, session))
    return doc


def render_statement(bank: Bank, session: Session, fmt: str, show_missing: bool = True) -> str:
    """The statement as ``fmt`` ("markdown" or "html")."""
    doc = build_statement(bank, session, show_missing)
    if fmt == "markdown":
        return md_out.render(doc)
    if fmt == "html":
        return html_out.render(doc)
    raise ValueError(f"ukjent format {fmt!r} (kjente: {', '.join(FORMATS)})")
