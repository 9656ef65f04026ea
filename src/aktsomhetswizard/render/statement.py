"""The finished statement (redegjørelse) as Markdown or HTML, in the template's order.

``render_statement(bank, session, fmt, show_missing=False)`` is a stable entry point (the wizard
calls it from its command palette). Empty answers are left out, or shown as "Mangler" with
``show_missing``. The output depends on the session only: no clock, no environment.
"""

from __future__ import annotations

import re

from ..bank import Bank, Kind, Question, Section, Step
from ..completeness import has_content
from ..law import is_required
from ..session import Session
from . import html as html_out
from . import markdown as md_out
from .doc import Block, Box, Document, Facts, Heading, Para, Span, Table, UserText, spans

FORMATS = ("markdown", "html")
TEMPLATE_NAME = "Aktsomhetsvurderinger for bærekraftig forretningspraksis"
MISSING = "Mangler"
_NUMBERED = re.compile(r"^\d+\.[A-Z]+\.\d+$")


def _cell_text(value: object) -> str:
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    if isinstance(value, int | float):
        return str(value)
    return value if isinstance(value, str) else ""


def _missing() -> Para:
    return Para(spans(Span(MISSING, "bad")), cls="missing")


def _question_title(q: Question) -> list[Span]:
    if _NUMBERED.match(q.id):
        return [Span(q.id + " ", "num"), Span(q.text)]
    return [Span(q.text)]


def _not_applicable(session: Session, q: Question) -> Para | None:
    reason = session.not_applicable.get(q.id)
    if reason is None or not has_content(reason):
        return None
    return Para([Span("Ikke relevant: " + reason.strip(), "em")], cls="na")


def _table(session: Session, q: Question, show_missing: bool) -> list[Block]:
    assert q.table is not None
    rows = []
    for row in session.tables.get(q.table, []):
        values = [_cell_text(row.get(c.key, "")) for c in q.columns]
        if not any(has_content(v) for v in values):
            continue
        cells = []
        for col, value in zip(q.columns, values, strict=True):
            if has_content(value):
                cells.append([Span(value)])
            elif show_missing and not col.optional:
                cells.append([Span(MISSING, "bad")])
            else:
                cells.append([Span("")])
        rows.append(cells)
    if not rows:
        return [_missing()] if show_missing else []
    return [Table([c.label for c in q.columns], rows)]


def _priorities(bank: Bank, session: Session, q: Question, show_missing: bool) -> list[Block]:
    """3.A.1: one block per priority of 2.A.1, with the five fields of the priority."""
    assert q.table is not None
    source = bank[q.rows_from] if q.rows_from and q.rows_from in bank else None
    blocks: list[Block] = []
    for n, row in enumerate(session.tables.get(q.table, []), start=1):
        own = [_cell_text(row.get(c.key, "")) for c in q.columns]
        if not any(has_content(v) for v in own) and not show_missing:
            continue
        inner: list[Block] = [Heading(4, spans(f"Prioritering {n}"))]
        if source is not None:
            facts = [
                ([Span(col.label, "strong")], [Span(value)])
                for col in source.columns
                if has_content(value := _cell_text(row.get(col.key, "")))
            ]
            if facts:
                inner.append(Facts(facts))
        for col, value in zip(q.columns, own, strict=True):
            label = Para(spans(Span(col.label, "strong")), cls="label")
            if has_content(value):
                inner += [label, UserText(value, "answer")]
            elif show_missing and not col.optional:
                inner += [label, _missing()]
        blocks.append(Box("priority", inner))
    if not blocks and show_missing:
        blocks.append(_missing())
    return blocks


def _question(bank: Bank, session: Session, section: Section, q: Question,
              show_missing: bool) -> list[Block]:
    title = _question_title(q)
    single = len(section.questions) == 1 and q.text == section.title
    head: list[Block] = [] if single else [Heading(4, title)]
    na = _not_applicable(session, q)
    if q.is_table:
        body = (_priorities(bank, session, q, show_missing) if q.rows_from
                else _table(session, q, show_missing))
        if na is not None:
            body = [na]
        if not body:
            return []
        return head + body
    value = session.answers.get(q.id, "")
    if not has_content(value):
        if na is not None:
            return head + [na]
        if not show_missing or q.optional:
            return []
        if q.kind is Kind.LONG_TEXT:
            return head + [_missing()]
        label = q.text
        number = [Span(q.id + " ", "num")] if _NUMBERED.match(q.id) else []
        return [Facts([([*number, Span(label, "strong")], [Span(MISSING, "bad")])])]
    if q.kind is Kind.LONG_TEXT:
        return head + [UserText(value, "answer")]
    label = q.text
    number = [Span(q.id + " ", "num")] if _NUMBERED.match(q.id) else []
    return [Facts([([*number, Span(label, "strong")], [Span(value.strip())])])]


def _step(bank: Bank, session: Session, step: Step, show_missing: bool) -> list[Block]:
    blocks: list[Block] = []
    for section in step.sections:
        body: list[Block] = []
        for q in section.questions:
            for block in _question(bank, session, section, q, show_missing):
                if isinstance(block, Facts) and body and isinstance(body[-1], Facts):
                    body[-1] = Facts(body[-1].rows + block.rows)
                else:
                    body.append(block)
        if not body:
            continue
        title = [Span(section.id + " ", "num"), Span(section.title)] if _section_numbered(
            section) else [Span(section.title)]
        blocks.append(Heading(3, title, anchor=f"avsnitt-{section.id}"))
        if section.guidance:
            blocks.append(Para(spans(section.guidance), cls="guidance"))
        blocks.extend(body)
    if not blocks:
        return []
    head: list[Block] = [Heading(2, spans(step.label), anchor=f"trinn-{step.id}")]
    if step.guidance and step.scope == "template":
        head.append(Para(spans(step.guidance), cls="guidance"))
    if step.scope != "template":
        return [Box("signing", head + blocks)]
    return head + blocks


def _section_numbered(section: Section) -> bool:
    return bool(re.match(r"^\d+\.[A-Z]+$", section.id))


def build_statement(bank: Bank, session: Session, show_missing: bool = False) -> Document:
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
    doc.add(
        Heading(1, spans(name)),
        Para(spans(Span(org, "strong"), f" · rapporteringsår {session.year}")),
        Para(spans(Span(lead, "muted"))),
    )
    # The template's steps first, in the bank's order; the signing part (åpenhetsloven) last.
    for step in [s for s in bank.steps if s.scope == "template"] + [
        s for s in bank.steps if s.scope != "template"
    ]:
        doc.add(*_step(bank, session, step, show_missing))
    return doc


def render_statement(bank: Bank, session: Session, fmt: str, show_missing: bool = False) -> str:
    """The statement as ``fmt`` ("markdown" or "html")."""
    doc = build_statement(bank, session, show_missing)
    if fmt == "markdown":
        return md_out.render(doc)
    if fmt == "html":
        return html_out.render(doc)
    raise ValueError(f"ukjent format {fmt!r} (kjente: {', '.join(FORMATS)})")
