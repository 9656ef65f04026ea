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
from ..law import LawCheck, check_law
from ..quality import QualityWarning
from ..session import Session
from ..status import MARK, NO_STYLE, STYLE, WORD
from ..status import verdict as yes_no
from ..textsafe import one_line

STATUS_LABEL = WORD
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
    law: LawCheck | None = None,
) -> None:
    law = law if law is not None else check_law(bank, session)
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

    console.print(Text("\nÅpenhetsloven (telles for seg):", style="bold"))
    for p in law.points:
        mark, _word, style = yes_no(p.covered)
        line = Text(f"  §5 {p.point}  ")
        line.append(f"{mark} dekket" if p.covered else f"{mark} ikke dekket", style=style)
        if p.covered:
            line.append(f" ({len(p.carrying)} av {len(p.questions)} spørsmål besvart)", style="dim")
        console.print(line)
    ok, total = law.formal_count
    line = Text(f"  Formelle krav: {ok} av {total} oppfylt")
    absent = [f.label for f in law.formal if not f.ok]
    if absent:
        line.append(" – mangler: " + "; ".join(absent), style=NO_STYLE)
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


def _section_line(bank: Bank, s: SectionResult) -> Text:
    line = Text(f"  {MARK[s.status]} ", style=STATUS_STYLE[s.status])
    line.append(section_label(bank, s.id), style="default")
    line.append(f"  ({s.answered}/{s.expected})", style="dim")
    return line


def _path_cell(path: str, width: int = 60) -> str:
    """A file name on one line; a long path keeps its end (the file's own name)."""
    flat = one_line(path)
    return flat if len(flat) <= width else "…" + flat[-(width - 1):]
