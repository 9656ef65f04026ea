"""The completeness report for reviewers, as Markdown or HTML.

``render_report(bank, session, result, warnings, fmt, file_label)`` is a stable entry point (the
wizard calls it from its command palette). The output is a pure function of its arguments: no
clock, no environment, so the same session always gives the same bytes.
"""

from __future__ import annotations

from ..bank import Bank
from ..completeness import Completeness, SectionResult, item_label
from ..law import STATUS_WORD as LAW_WORD
from ..law import LawVerdict, judge
from ..quality import QualityWarning
from ..session import Session
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
    Table,
    spans,
)

FORMATS = ("markdown", "html")
STATUS_WORD = {"complete": "komplett", "partial": "delvis utfylt", "empty": "tomt"}


def _org(session: Session) -> str:
    return session.organisation.strip() or "(uten navn)"


def _ids(ids: tuple[str, ...] | list[str]) -> Inline:
    out: Inline = []
    for n, qid in enumerate(ids):
        if n:
            out.append(Span(", "))
        out.append(Span(qid, "code"))
    return out or [Span("ingen", "muted")]


def _section_item(sec: SectionResult) -> Inline:
    return [Span(sec.id, "code"), Span(" "), Span(sec.title, "strong"),
            Span(f" ({sec.answered} av {sec.expected})", "muted")]


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

    verdict = (Span("Komplett", "ok") if result.complete
               else Span(f"Ikke komplett – {len(result.missing)} mangler", "bad"))
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
    doc.add(BulletList([_section_item(s) for s in empty]) if empty
            else Para(spans(Span("Ingen tomme avsnitt.", "muted"))))
    doc.add(Heading(2, spans("Delvis utfylte avsnitt")))
    doc.add(BulletList([_section_item(s) for s in partial]) if partial
            else Para(spans(Span("Ingen delvis utfylte avsnitt.", "muted"))))

    doc.add(Heading(2, spans(f"Mangler ({len(result.missing)})")))
    if not result.missing:
        doc.add(Para(spans(Span("Ingenting mangler i malen.", "ok"))))
    for sec in sections:
        if not sec.missing:
            continue
        doc.add(Heading(3, spans(Span(sec.id, "code"), " ", sec.title)))
        doc.add(BulletList([
            [Span(item, "code"), Span(" – "), Span(_missing_label(bank, item))]
            for item in sec.missing
        ]))

    doc.add(Heading(2, spans(f"Ikke relevant ({len(result.not_applicable)})")))
    if result.not_applicable:
        rows = []
        for qid in result.not_applicable:
            rows.append([
                [Span(qid, "code")],
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
            [[Span(w.item, "code"), Span(" – "), Span(w.message)] for w in warnings],
            cls="warnings",
        ))
    else:
        doc.add(Para(spans(Span("Ingen advarsler.", "muted"))))

    return doc


_STATUS_STYLE = {"met": "ok", "partial": "bad", "missing": "bad", "not_required": "muted"}


def _status(status: str) -> Span:
    return Span(LAW_WORD[status], _STATUS_STYLE[status])  # type: ignore[arg-type]


def law_headline(law: LawVerdict) -> Inline:
    """«Åpenhetsloven: ikke oppfylt – §5 a oppfylt, b delvis, c mangler; formelle krav 2 av 6»."""
    out: Inline = [Span("Åpenhetsloven: ", "strong")]
    if not law.required:
        out.append(Span("ikke påkrevd (virksomheten er ikke omfattet)", "muted"))
        return out
    out.append(Span("oppfylt", "ok") if law.ok else Span("ikke oppfylt", "bad"))
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


def _missing_label(bank: Bank, item: str) -> str:
    return item_label(bank, item)


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
