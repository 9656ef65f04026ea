"""The completeness report for reviewers, as Markdown or HTML.

``render_report(bank, session, result, warnings, fmt, file_label)`` is a stable entry point (the
wizard calls it from its command palette). The output is a pure function of its arguments: no
clock, no environment, so the same session always gives the same bytes.
"""

from __future__ import annotations

from typing import cast

from ..bank import Bank
from ..completeness import UNCONFIRMED_TITLE, Completeness, SectionResult
from ..labels import field_label, field_text, section_label
from ..law import LawVerdict, judge
from ..quality import QualityWarning
from ..session import Session
from ..status import (
    CSS_CLASS,
    LAW_CSS_CLASS,
    LAW_MARK,
    LAW_WORD,
    MARK,
)
from . import html as html_out
from . import markdown as md_out
from .doc import (
    Bar,
    Bars,
    Box,
    BulletList,
    Document,
    Heading,
    Inline,
    Para,
    Span,
    Style,
    Table,
    spans,
)

FORMATS = ("markdown", "html")


def _org(session: Session) -> str:
    return session.organisation.strip() or "(uten navn)"


def _ids(bank: Bank, ids: tuple[str, ...] | list[str]) -> Inline:
    out: Inline = []
    for n, qid in enumerate(ids):
        if n:
            out.append(Span("; "))
        out.append(Span(field_label(bank, qid)))
    return out or [Span("ingen", "muted")]


def _section_item(bank: Bank, sec: SectionResult) -> Inline:
    return [Span(f"{MARK[sec.status]} ", cast(Style, CSS_CLASS[sec.status])),
            Span(section_label(bank, sec.id), "strong"),
            Span(f" ({sec.answered} av {sec.expected})", "muted")]


def field_item(bank: Bank, item: str) -> Inline:
    """A field in a list: its readable label, and the question's text when that says more."""
    out: Inline = [Span(field_label(bank, item), "strong")]
    text = field_text(bank, item)
    if text:
        out += [Span(" – "), Span(text)]
    return out


def build_report(
    bank: Bank,
    session: Session,
    result: Completeness,
    warnings: list[QualityWarning],
    file_label: str,
    law: LawVerdict | None = None,
) -> Document:
    law = law if law is not None else judge(bank, session)
    org = _org(session)
    doc = Document(title=f"Kontrollrapport – {org} – {session.year}")
    doc.add(
        Heading(1, spans("Kontrollrapport for redegjørelsen")),
        Box("meta", [
            Para(spans(Span("Virksomhet: ", "strong"), org)),
            Para(spans(Span("Rapporteringsår: ", "strong"), str(session.year))),
            Para(spans(Span("Fil: ", "strong"), Span(file_label, "code"))),
            Para(spans(Span("Mal: ", "strong"), session.template,
                       Span(f" · sist endret {session.updated:%Y-%m-%d}", "muted"))),
        ]),
    )

    sections = [s for step in result.template_steps() for s in step.sections]
    empty = [s for s in sections if s.status == "empty"]
    partial = [s for s in sections if s.status == "partial"]
    extra_steps = [s for s in result.steps if s.scope != "template"]
    extra_answered = sum(s.answered for s in extra_steps)
    extra_expected = sum(s.expected for s in extra_steps)

    if result.complete:
        verdict = Span("Komplett", "ok")
    else:
        why = [f"{len(result.missing)} mangler"] if result.missing else []
        if result.unconfirmed:
            why.append(f"{len(result.unconfirmed)} ikke bekreftet")
        verdict = Span("Ikke komplett – " + ", ".join(why), "bad")
    summary: list[Inline] = [
        spans(Span("Utfylt: ", "strong"),
              f"{result.answered} av {result.expected} spørsmål og felt i malen "
              f"({result.percent} %)"),
        spans(Span("Status: ", "strong"), verdict),
        law_headline(law),
        spans(Span("Avsnitt: ", "strong"),
              f"{len(empty)} tomme, {len(partial)} delvis utfylte, "
              f"{len(sections) - len(empty) - len(partial)} komplette"),
        spans(Span("Ikke relevant: ", "strong"), str(len(result.not_applicable))),
        spans(Span("Advarsler: ", "strong"), str(len(warnings))),
        spans(Span("Signering og publisering: ", "strong"),
              f"{extra_answered} av {extra_expected} utfylt",
              Span(" (telles for seg)", "muted")),
    ]
    if result.unconfirmed:
        summary.insert(4, spans(Span(f"{UNCONFIRMED_TITLE}: ", "strong"),
                                str(len(result.unconfirmed))))
    doc.add(Box("summary", [Heading(2, spans("Sammendrag")), BulletList(summary)]))
    _law_section(doc, law)

    doc.add(Heading(2, spans("Fremdrift per trinn")))
    bars = []
    for step in result.steps:
        label: Inline = [Span(step.label)]
        if step.scope != "template":
            label.append(Span(" (telles for seg)", "muted"))
        bars.append(Bar(label, step.percent, f"{step.answered} av {step.expected}"))
    doc.add(Bars(bars))

    doc.add(Heading(2, spans("Tomme avsnitt")))
    doc.add(BulletList([_section_item(bank, s) for s in empty]) if empty
            else Para(spans(Span("Ingen tomme avsnitt.", "muted"))))
    doc.add(Heading(2, spans("Delvis utfylte avsnitt")))
    doc.add(BulletList([_section_item(bank, s) for s in partial]) if partial
            else Para(spans(Span("Ingen delvis utfylte avsnitt.", "muted"))))

    doc.add(Heading(2, spans(f"Mangler ({len(result.missing)})")))
    if not result.missing:
        doc.add(Para(spans(Span("Ingenting mangler i malen.", "ok"))))
    for sec in sections:
        if not sec.missing:
            continue
        doc.add(Heading(3, spans(section_label(bank, sec.id))))
        doc.add(BulletList([
            field_item(bank, item) for item in sec.missing
        ]))

    if result.unconfirmed:  # only sessions started from last year's have any
        doc.add(Heading(2, spans(f"{UNCONFIRMED_TITLE} ({len(result.unconfirmed)})")))
        doc.add(Para(spans(Span(
            "Svarene er tatt med fra forrige års økt og teller ikke som besvart før forfatteren "
            "har sett over og bekreftet dem i veiviseren.", "muted"))))
        doc.add(BulletList([
            [Span(f"{MARK['carried']} ", "carried"), *field_item(bank, qid)]
            for qid in result.unconfirmed
        ]))

    doc.add(Heading(2, spans(f"Ikke relevant ({len(result.not_applicable)})")))
    if result.not_applicable:
        rows = []
        for qid in result.not_applicable:
            rows.append([
                [Span(field_label(bank, qid), "strong")],
                [Span(bank[qid].text if qid in bank else "")],
                [Span(session.not_applicable.get(qid, ""))],
            ])
        doc.add(Table(["Spørsmål", "Spørsmålstekst", "Begrunnelse"], rows))
    else:
        doc.add(Para(spans(Span("Ingen svar er markert som ikke relevant.", "muted"))))

    doc.add(Heading(2, spans(f"Advarsler ({len(warnings)})")))
    if warnings:
        doc.add(Para(spans(Span(
            "Advarsler teller ikke som mangler, men gir feil ved «aktsomhet check --strict».",
            "muted"))))
        doc.add(BulletList(
            [[Span(field_label(bank, w.item), "strong"), Span(" – "), Span(w.message)]
             for w in warnings],
            cls="warnings",
        ))
    else:
        doc.add(Para(spans(Span("Ingen advarsler.", "muted"))))

    return doc


def _status(status: str) -> Span:
    """A law status as mark and word («◐ delvis»): it reads without colour."""
    return Span(f"{LAW_MARK[status]} {LAW_WORD[status]}", cast(Style, LAW_CSS_CLASS[status]))


def law_headline(law: LawVerdict) -> Inline:
    """«Åpenhetsloven: ikke oppfylt – §5 a oppfylt, b delvis, c mangler; formelle krav 2 av 6»."""
    out: Inline = [Span("Åpenhetsloven: ", "strong")]
    if not law.required:
        out.append(Span("ikke påkrevd (virksomheten er ikke omfattet)", "muted"))
        return out
    out.append(Span(f"{LAW_MARK['met']} oppfylt", "ok") if law.ok
               else Span(f"{LAW_MARK['missing']} ikke oppfylt", "bad"))
    out.append(Span(" – §5 "))
    for n, p in enumerate(law.points):
        if n:
            out.append(Span(", "))
        out.append(Span(f"{p.point} "))
        out.append(_status(p.status))
    met, counted = law.formal_count
    out.append(Span(f"; formelle krav: {met} av {counted} oppfylt"))
    return out


def _reasons(reasons: tuple[str, ...] | list[str]) -> Inline:
    out: Inline = []
    for n, reason in enumerate(reasons):
        if n:
            out.append(Span(" · "))
        out.append(Span(reason))
    return out or [Span("–", "muted")]


def _law_section(doc: Document, law: LawVerdict) -> None:
    """The law check with its reasons, right after the summary."""
    doc.add(Heading(2, spans("Åpenhetsloven")))
    if not law.required:
        doc.add(Para(spans(Span(
            "Virksomheten har svart at den ikke er omfattet av åpenhetsloven. Punktene i §5 og "
            "de formelle kravene er ikke vurdert.", "muted"))))
        return
    doc.add(Para(spans(Span(
        "Vurderingen leser svarene, ikke virkeligheten bak dem, og er ikke juridisk rådgivning. "
        "Reglene står i docs/law.md.", "muted"))))
    rows = []
    for p in law.points:
        rows.append([
            [Span(p.label, "strong"), Span(" – "), Span(p.title)],
            [_status(p.status)],
            _reasons(p.reasons),
        ])
    doc.add(Table(["Punkt", "Vurdering", "Begrunnelse"], rows, cls="law"))
    rows = []
    for f in law.formal:
        rows.append([
            [Span(f.label)],
            [_status(f.status)],
            _reasons([f.reason] if f.reason and f.status != "met" else []),
        ])
    doc.add(Table(["Formelt krav", "Vurdering", "Begrunnelse"], rows, cls="law"))


def render_report(
    bank: Bank,
    session: Session,
    result: Completeness,
    warnings: list[QualityWarning],
    fmt: str,
    file_label: str,
    law: LawVerdict | None = None,
) -> str:
    """The report as ``fmt`` ("markdown" or "html"). ``law`` (law.judge) is worked out when
    not given."""
    doc = build_report(bank, session, result, warnings, file_label, law)
    if fmt == "markdown":
        return md_out.render(doc)
    if fmt == "html":
        return html_out.render(doc)
    raise ValueError(f"ukjent format {fmt!r} (kjente: {', '.join(FORMATS)})")
