"""The check result as readable terminal text (rich). User text is shown with its control
characters made visible and is never read as markup."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from ..bank import Bank
from ..completeness import STATUS_MARK, Completeness, SectionResult, item_label
from ..law import STATUS_WORD as LAW_WORD
from ..law import LawVerdict, judge
from ..quality import QualityWarning
from ..session import Session
from ..textsafe import one_line

STATUS_LABEL = {"complete": "komplett", "partial": "delvis", "empty": "tom"}
STATUS_STYLE = {"complete": "green", "partial": "yellow", "empty": "bold red"}


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
    else:
        verdict.append(f"mangler {len(result.missing)}", style="bold red")
    console.print(verdict)
    render_law(console, law)

    sections = [s for step in result.template_steps() for s in step.sections]
    for status, label in (("empty", "Tomme avsnitt"), ("partial", "Delvis utfylte avsnitt")):
        chosen = [s for s in sections if s.status == status]
        if chosen:
            console.print(Text(f"\n{label}:", style=STATUS_STYLE[status]))
            for s in chosen:
                console.print(_section_line(s))

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
            line = Text(f"  {item:<22} ", style="red")
            line.append(one_line(item_label(bank, item), 70), style="default")
            console.print(line)
    if result.not_applicable:
        console.print(Text("\nIkke relevant:", style="bold"))
        for qid in result.not_applicable:
            line = Text(f"  {qid:<22} ")
            line.append(one_line(session.not_applicable.get(qid, ""), 70))
            console.print(line)
    if warnings:
        console.print(Text("\nAdvarsler:", style="bold yellow"))
        for w in warnings:
            line = Text(f"  {w.item:<22} ", style="yellow")
            line.append(w.message, style="default")
            console.print(line)



LAW_STYLE = {"met": "green", "partial": "yellow", "missing": "bold red", "not_required": "dim"}


def render_law(console: Console, law: LawVerdict) -> None:
    """The law check's verdict with its reasons (the headline, beside the completeness)."""
    head = Text("Åpenhetsloven: ")
    if not law.required:
        head.append("ikke påkrevd (virksomheten er ikke omfattet)", style="dim")
        console.print(head)
        return
    head.append("oppfylt" if law.ok else "ikke oppfylt",
                style="bold green" if law.ok else "bold red")
    console.print(head)
    for p in law.points:
        line = Text(f"  {p.label}  ")
        line.append(LAW_WORD[p.status], style=LAW_STYLE[p.status])
        console.print(line)
        for reason in p.reasons:
            console.print(Text(f"        – {reason}"))
    met, counted = law.formal_count
    console.print(Text(f"  Formelle krav: {met} av {counted} oppfylt"))
    for f in law.formal:
        if f.status in ("met", "not_required"):
            continue
        line = Text("    ")
        line.append(LAW_WORD[f.status], style=LAW_STYLE[f.status])
        line.append(f"  {f.label}: {f.reason}")
        console.print(line)


def render_table(records: Sequence[Mapping[str, Any]]) -> str:
    """One line per session (for several files): file, organisation, year, percent, empty
    sections. User text is made visible and kept on one line."""
    header = ("Fil", "Virksomhet", "År", "Utfylt", "Advarsler", "Tomme avsnitt")
    rows: list[tuple[str, ...]] = []
    for r in records:
        if "error" in r:
            rows.append((_path_cell(str(r["file"])), "(kan ikke brukes)", "", "", "", ""))
            continue
        empty = " ".join(s["id"] for s in r["sections"] if s["status"] == "empty")
        rows.append((
            _path_cell(str(r["file"])),
            one_line(str(r["organisation"]), 40) or "(uten navn)",
            str(r["year"]),
            f"{r['percent']} %",
            str(len(r["warnings"])),
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


def _section_line(s: SectionResult) -> Text:
    line = Text(f"  {STATUS_MARK[s.status]} {s.id:<16} ", style=STATUS_STYLE[s.status])
    line.append(s.title, style="default")
    line.append(f"  ({s.answered}/{s.expected})", style="dim")
    return line


def _path_cell(path: str, width: int = 60) -> str:
    """A file name on one line; a long path keeps its end (the file's own name)."""
    flat = one_line(path)
    return flat if len(flat) <= width else "…" + flat[-(width - 1):]
