"""The overview of a folder of reports (`aktsomhet check FOLDER --format html|markdown`): one
self-contained page with a row per report (progress, the verdicts on åpenhetsloven §5, what is
missing) and, below, each report's details (the reviewers' report of report.py, one level down).

A pure function of its arguments, like report.py: the same files give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from ..bank import Bank
from ..completeness import Completeness
from ..labels import field_label
from ..law import LawVerdict, judge
from ..quality import QualityWarning
from ..session import Session
from ..status import LAW_CSS_CLASS, LAW_MARK, LAW_WORD, MARK, YES_MARK
from . import html as html_out
from . import markdown as md_out
from .doc import Block, Box, Document, Heading, Inline, Para, Span, Style, Table, spans
from .report import build_report

# How many missing fields the overview names in its row; the details list them all.
MISSING_SHOWN = 3


@dataclass(frozen=True)
class Checked:
    """One file of the folder, checked: ``error`` is set when it cannot be read."""

    file_label: str
    session: Session | None = None
    bank: Bank | None = None
    result: Completeness | None = None
    warnings: tuple[QualityWarning, ...] = ()
    error: str = ""


def _anchor(n: int) -> str:
    return f"rapport-{n}"


def _demoted(block: Block, by: int) -> Block:
    """A block of a report with its headings ``by`` levels down (h2 -> h3 …)."""
    if isinstance(block, Heading):
        return Heading(min(block.level + by, 6), block.text, block.anchor)
    if isinstance(block, Box):
        return Box(block.cls, [_demoted(b, by) for b in block.blocks])
    return block


def _name(c: Checked) -> str:
    if c.session is None:
        return c.file_label
    org = c.session.organisation.strip() or "(uten navn)"
    return f"{org} – {c.session.year}"


def _law_cells(law: LawVerdict) -> list[Inline]:
    """§5 a, b, c as the law check judges them (law.py), and the formal points met."""
    cells: list[Inline] = []
    for p in law.points:
        cells.append([Span(f"{LAW_MARK[p.status]} {LAW_WORD[p.status]}",
                           cast(Style, LAW_CSS_CLASS[p.status]))])
    if not law.required:
        cells.append([Span(f"{LAW_MARK['not_required']} {LAW_WORD['not_required']}", "muted")])
        return cells
    ok, total = law.formal_count
    cells.append([Span(f"{ok} av {total}", "ok" if ok == total else "bad")])
    return cells


def _missing_cell(bank: Bank, result: Completeness, anchor: str) -> Inline:
    if not result.missing:
        return [Span(f"{YES_MARK} ingenting", "ok")]
    out: Inline = [Span(f"{len(result.missing)}: ", "bad")]
    for n, item in enumerate(result.missing[:MISSING_SHOWN]):
        if n:
            out.append(Span("; "))
        out.append(Span(field_label(bank, item)))
    rest = len(result.missing) - MISSING_SHOWN
    if rest > 0:
        out.append(Span(f" og {rest} til", "muted"))
    out.append(Span(" – "))
    out.append(Span("se detaljene", "plain", href=f"#{anchor}"))
    return out


def build_folder(checked: Sequence[Checked], folder_label: str) -> Document:
    readable = [c for c in checked if c.error == ""]
    complete = sum(1 for c in readable if c.result is not None and c.result.complete)
    doc = Document(title=f"Kontrolloversikt – {folder_label}", cls="wide")
    doc.add(
        Heading(1, spans("Kontrolloversikt over redegjørelsene")),
        Box("meta", [
            Para(spans(Span("Mappe: ", "strong"), Span(folder_label, "code"))),
            Para(spans(Span("Rapporter: ", "strong"),
                       f"{len(checked)} – {complete} komplette, "
                       f"{len(readable) - complete} ikke komplette"
                       + (f", {len(checked) - len(readable)} kan ikke leses"
                          if len(readable) < len(checked) else ""))),
        ]),
    )

    rows: list[list[Inline]] = []
    laws: dict[int, LawVerdict] = {}
    for n, c in enumerate(checked, start=1):
        anchor = _anchor(n)
        name: Inline = [Span(_name(c), "strong", href=f"#{anchor}")]
        if c.session is not None:
            name += [Span("\n"), Span(c.file_label, "muted")]
        if c.error or c.session is None or c.bank is None or c.result is None:
            rows.append([name, [Span(f"{MARK['empty']} kan ikke leses", "bad")],
                         [], [], [], [], [Span(c.error)]])
            continue
        law = laws[n] = judge(c.bank, c.session)
        r = c.result
        progress: Inline = [Span(f"{r.percent} %", "strong"),
                            Span(f" ({r.answered} av {r.expected})", "muted")]
        if r.complete:
            progress += [Span("\n"), Span(f"{MARK['complete']} komplett", "ok")]
        rows.append([name, progress, *_law_cells(law), _missing_cell(c.bank, r, anchor)])
    doc.add(Heading(2, spans("Rapportene"), anchor="oversikt"))
    doc.add(Table(["Rapport", "Utfylt", "§5 a", "§5 b", "§5 c", "Formelle krav", "Mangler"],
                  rows, cls="folder"))
    doc.add(Para(spans(Span(
        "§5 a–c: åpenhetsloven §5, vurdert etter innhold (oppfylt, delvis, mangler; "
        "begrunnelsene står i detaljene, reglene i docs/law.md). Formelle krav: signatur, dato, "
        "periode, publisering, informasjonskrav (§6), konsern og årsberetning. Alt telles for "
        "seg, utenfor malens utfylling.", "muted"))))

    for n, c in enumerate(checked, start=1):
        doc.add(Heading(2, spans(_name(c)), anchor=_anchor(n)))
        doc.add(Para([Span("↑ Til oversikten", "muted", href="#oversikt")], cls="nav"))
        if c.error or c.session is None or c.bank is None or c.result is None:
            doc.add(Para(spans(Span("Filen kan ikke leses: ", "bad"), c.error)))
            continue
        report = build_report(c.bank, c.session, c.result, list(c.warnings), c.file_label,
                              laws.get(n))
        blocks = [b for b in report.blocks
                  if not (isinstance(b, Heading) and b.level == 1)]
        doc.add(Box("report", [_demoted(b, 1) for b in blocks]))
    return doc


def render_folder(checked: Sequence[Checked], fmt: str, folder_label: str) -> str:
    doc = build_folder(checked, folder_label)
    if fmt == "markdown":
        return md_out.render(doc)
    if fmt == "html":
        return html_out.render(doc)
    raise ValueError(f"ukjent format {fmt!r}")
