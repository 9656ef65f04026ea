"""The check result as readable terminal text (rich). User text is shown with its control
characters made visible and is never read as markup."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from ..bank import Bank
from ..completeness import UNCONFIRMED_TITLE, Completeness, SectionResult
from ..labels import field_label, field_text, section_label
from ..law import LawVerdict, judge
from ..quality import QualityWarning
from ..session import Session
from ..status import LAW_MARK, LAW_STYLE, LAW_WORD, MARK, STYLE
from ..textsafe import one_line

STATUS_STYLE = STYLE


def bar(percent: int, width: int = 20) -> str:
    filled = round(percent * width / 100)
    return "█" * filled + "░" * (width - filled)


def render_check(
    console: Console,
    path: Path | str,
    session: Session,
    bank: Bank,
    result: Completeness,
    warnings: list[QualityWarning],
    law: LawVerdict | None = None,
) -> None:
    law = law if law is not None else judge(bank, session)
    head = Text()
    head.append(one_line(str(path)), style="bold")
    head.append(" — ")
    head.append(one_line(session.organisation) or "(uten navn)")
    head.append(f", rapporteringsår {session.year}")
    console.print(head)
    verdict = Text(f"Utfylt: {result.answered} av {result.expected} ({result.percent} %) ")
    if result.complete:
        verdict.append("komplett", style="bold green")
    elif result.missing:
        verdict.append(f"mangler {len(result.missing)}", style="bold red")
    if result.unconfirmed:
        if result.missing:
            verdict.append(", ")
        verdict.append(f"{len(result.unconfirmed)} ikke bekreftet", style="bold yellow")
    console.print(verdict)
    render_law(console, law)

    sections = [s for step in result.template_steps() for s in step.sections]
    for status, label in (("empty", "Tomme avsnitt"), ("partial", "Delvis utfylte avsnitt")):
        chosen = [s for s in sections if s.status == status]
        if chosen:
            console.print(Text(f"\n{label}:", style=STATUS_STYLE[status]))
            for s in chosen:
                console.print(_section_line(bank, s))

    console.print(Text("\nTrinn:", style="bold"))
    for step in result.steps:
        line = Text(f"  {bar(step.percent)} {step.percent:3d} %  ")
        line.append(step.label)
        if step.scope != "template":
            line.append(" (telles for seg)", style="dim")
        console.print(line)

    if result.missing:
        console.print(Text("\nMangler:", style="bold"))
        for item in result.missing:
            line = Text(f"  {MARK['empty']} ", style=STYLE["empty"])
            line.append(one_line(field_label(bank, item)), style="bold")
            text = field_text(bank, item)
            if text:
                line.append("  ")
                line.append(one_line(text, 70), style="dim")
            console.print(line)
    if result.unconfirmed:
        console.print(Text(f"\n{UNCONFIRMED_TITLE} ({len(result.unconfirmed)}):",
                           style="bold yellow"))
        for qid in result.unconfirmed:
            line = Text(f"  {MARK['carried']} ", style=STYLE["carried"])
            line.append(one_line(field_label(bank, qid)), style="bold")
            text = field_text(bank, qid)
            if text:
                line.append("  ")
                line.append(one_line(text, 70), style="dim")
            console.print(line)
    if result.not_applicable:
        console.print(Text("\nIkke relevant:", style="bold"))
        for qid in result.not_applicable:
            line = Text(f"  {MARK['not_applicable']} ")
            line.append(one_line(field_label(bank, qid)), style="bold")
            line.append(": ")
            line.append(one_line(session.not_applicable.get(qid, ""), 70))
            console.print(line)
    if warnings:
        console.print(Text("\nAdvarsler:", style="bold yellow"))
        for w in warnings:
            line = Text("  ! ", style="yellow")
            line.append(one_line(field_label(bank, w.item)), style="bold")
            line.append("  ")
            line.append(w.message, style="default")
            console.print(line)



def render_law(console: Console, law: LawVerdict) -> None:
    """The law check's verdict with its reasons (the headline, beside the completeness)."""
    head = Text("Åpenhetsloven: ")
    if not law.required:
        head.append("ikke påkrevd (virksomheten er ikke omfattet)", style="dim")
        console.print(head)
        return
    head.append(f"{LAW_MARK['met']} oppfylt" if law.ok else f"{LAW_MARK['missing']} ikke oppfylt",
                style="bold green" if law.ok else "bold red")
    console.print(head)
    for p in law.points:
        line = Text(f"  {p.label}  ")
        line.append(f"{LAW_MARK[p.status]} {LAW_WORD[p.status]}", style=LAW_STYLE[p.status])
        console.print(line)
        for reason in p.reasons:
            console.print(Text(f"        – {reason}"))
    met, counted = law.formal_count
    console.print(Text(f"  Formelle krav: {met} av {counted} oppfylt"))
    for f in law.formal:
        if f.status in ("met", "not_required"):
            continue
        line = Text("    ")
        line.append(f"{LAW_MARK[f.status]} {LAW_WORD[f.status]}", style=LAW_STYLE[f.status])
        line.append(f"  {f.label}: {f.reason}")
        console.print(line)


def render_table(records: Sequence[Mapping[str, Any]]) -> str:
    """One line per session (for several files): file, organisation, year, percent, empty
    sections. User text is made visible and kept on one line."""
    header = ("Fil", "Virksomhet", "År", "Utfylt", "Advarsler", "Åpenhetsloven", "Tomme avsnitt")
    rows: list[tuple[str, ...]] = []
    for r in records:
        if "error" in r:
            rows.append((_path_cell(str(r["file"])), "(kan ikke brukes)", "", "", "", "", ""))
            continue
        empty = " ".join(s["id"] for s in r["sections"] if s["status"] == "empty")
        rows.append((
            _path_cell(str(r["file"])),
            one_line(str(r["organisation"]), 40) or "(uten navn)",
            str(r["year"]),
            f"{r['percent']} %",
            str(len(r["warnings"])),
            _law_cell(r.get("law")),
            empty or "–",
        ))
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [c.rjust(w) if i in (3, 4) else c.ljust(w)
                 for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def _law_cell(law: Mapping[str, Any] | None) -> str:
    """The law verdict of a record in a word: «✓ oppfylt», «✗ ikke oppfylt», «– ikke påkrevd»."""
    if law is None:
        return ""
    if not law["required"]:
        return f"{LAW_MARK['not_required']} {LAW_WORD['not_required']}"
    return f"{LAW_MARK['met']} oppfylt" if law["ok"] else f"{LAW_MARK['missing']} ikke oppfylt"


def _section_line(bank: Bank, s: SectionResult) -> Text:
    line = Text(f"  {MARK[s.status]} ", style=STATUS_STYLE[s.status])
    line.append(section_label(bank, s.id), style="default")
    line.append(f"  ({s.answered}/{s.expected})", style="dim")
    return line


def _path_cell(path: str, width: int = 60) -> str:
    """A file name on one line; a long path keeps its end (the file's own name)."""
    flat = one_line(path)
    return flat if len(flat) <= width else "…" + flat[-(width - 1):]
