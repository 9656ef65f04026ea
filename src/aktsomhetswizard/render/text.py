"""The check result as readable terminal text (rich). User text is shown with its control
characters made visible and is never read as markup."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.text import Text

from ..bank import Bank
from ..completeness import Completeness, SectionResult
from ..quality import QualityWarning
from ..session import Session
from ..textsafe import one_line

STATUS_LABEL = {"complete": "komplett", "partial": "delvis", "empty": "tom"}
STATUS_MARK = {"complete": "✓", "partial": "◐", "empty": "✗", "not_applicable": "–"}
STATUS_STYLE = {"complete": "green", "partial": "yellow", "empty": "bold red"}


def bar(percent: int, width: int = 20) -> str:
    filled = round(percent * width / 100)
    return "█" * filled + "░" * (width - filled)


def item_label(bank: Bank, item: str) -> str:
    """The question text (or column label) of an item id such as "2.A.1[1].theme"."""
    qid, _, rest = item.partition("[")
    if qid not in bank:
        return ""
    q = bank[qid]
    if rest and "." in rest:
        key = rest.split(".", 1)[1]
        for col in q.columns:
            if col.key == key:
                n = rest.split("]", 1)[0]
                return f"{col.label} (rad {n})"
    return q.text


def render_check(
    console: Console,
    path: Path | str,
    session: Session,
    bank: Bank,
    result: Completeness,
    warnings: list[QualityWarning],
) -> None:
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


def _section_line(s: SectionResult) -> Text:
    line = Text(f"  {STATUS_MARK[s.status]} {s.id:<16} ", style=STATUS_STYLE[s.status])
    line.append(s.title, style="default")
    line.append(f"  ({s.answered}/{s.expected})", style="dim")
    return line
