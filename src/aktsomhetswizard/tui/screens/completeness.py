"""The completeness view: the same result as `aktsomhet check`, each missing item selectable."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...bank import Bank
from ...completeness import STATUS_MARK, Completeness, item_label
from ...quality import QualityWarning
from ...session import Session
from ...textsafe import one_line

MARK = STATUS_MARK
STYLE = {"complete": "green", "partial": "yellow", "empty": "bold red",
         "not_applicable": "dim"}


def law_lines(bank: Bank, session: Session) -> list[Text]:
    """The law check's verdict: §5 a/b/c and the formal points, each with its reasons."""
    from ...law import STATUS_WORD, judge

    verdict = judge(bank, session)
    mark = {"met": ("✓ ", "green"), "partial": ("◐ ", "yellow"), "missing": ("✗ ", "bold red"),
            "not_required": ("– ", "dim")}
    lines = [Text("Åpenhetsloven", style="bold")]
    for p in verdict.points:
        symbol, style = mark[p.status]
        line = Text("  ")
        line.append(symbol, style=style)
        line.append(f"{p.label}  {STATUS_WORD[p.status]}", style=style)
        lines.append(line)
        for reason in p.reasons if p.status != "not_required" else ():
            lines.append(Text(f"      – {reason}"))
    for f in verdict.formal:
        symbol, style = mark[f.status]
        line = Text("  ")
        line.append(symbol, style=style)
        line.append(f"{f.label}  {STATUS_WORD[f.status]}")
        if f.reason and f.status not in ("met", "not_required"):
            line.append(f" – {f.reason}", style="default")
        lines.append(line)
    return lines


class CompletenessScreen(ModalScreen[str | None]):
    """Dismisses with the item id to jump to (e.g. "3.A.1[1].goal"), or None."""

    SCOPED_CSS = False  # its styles, parsed when it is first shown (not in wizard.tcss)
    DEFAULT_CSS = """
    CompletenessScreen {
        align: center middle;
    }

    #completeness {
        width: 100%;
        height: 1fr;
        padding: 0 1;
        background: $surface;
    }

    #completeness-head {
        height: 1;
        text-style: bold;
    }

    #completeness-list {
        height: 1fr;
    }

    #completeness-hint {
        height: 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("escape,ctrl+o", "close", "Lukk", id="completeness_close"),
    ]

    def __init__(self, bank: Bank, session: Session, result: Completeness,
                 warnings: list[QualityWarning]) -> None:
        super().__init__()
        self.bank = bank
        self.session = session
        self.result = result
        self.warnings = warnings

    def compose(self) -> Any:
        r = self.result
        with Vertical(id="completeness"):
            head = Text(f"Kompletthet: {r.answered} av {r.expected} ({r.percent} %) ")
            if r.complete:
                head.append("komplett", style="bold green")
            else:
                head.append(f"mangler {len(r.missing)}", style="bold red")
            yield Static(head, id="completeness-head")
            yield OptionList(*self._options(), id="completeness-list")
            yield Static("Enter: gå til det som mangler  ·  Esc: lukk", id="completeness-hint")
        yield Footer()

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = []
        for step in self.result.steps:
            title = Text(f"{step.percent:3d} %  ", style="bold")
            title.append(step.label, style="bold")
            if step.scope != "template":
                title.append(" (telles for seg)", style="dim")
            options.append(Option(title, disabled=True))
            for sec in step.sections:
                line = Text("  ")
                line.append(f"{MARK[sec.status]} {sec.id} ", style=STYLE[sec.status])
                line.append(sec.title)
                line.append(f"  {sec.answered}/{sec.expected}", style="dim")
                options.append(Option(line, id=f"section:{sec.id}"))
                for item in sec.missing:
                    entry = Text("      ")
                    entry.append(f"✗ {item}  ", style="red")
                    entry.append(one_line(item_label(self.bank, item), 200))
                    options.append(Option(entry, id=f"item:{item}"))
                for qid in sec.not_applicable:
                    entry = Text("      ")
                    entry.append(f"– {qid}  ikke relevant: ", style="dim")
                    entry.append(one_line(self.session.not_applicable.get(qid, ""), 200))
                    options.append(Option(entry, id=f"item:{qid}"))
        if self.warnings:
            options.append(None)
            options.append(Option(Text("Advarsler", style="bold yellow"), disabled=True))
            for n, w in enumerate(self.warnings):
                entry = Text("  ")
                entry.append(f"! {w.item}  ", style="yellow")
                entry.append(w.message)
                options.append(Option(entry, id=f"warn{n}:{w.item}"))
        law = law_lines(self.bank, self.session)
        if law:
            options.append(None)
            options.extend(Option(line, disabled=True) for line in law)
        return options

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        first = next((i for i, o in enumerate(options.options)
                      if o.id and o.id.startswith("item:")), None)
        if first is not None:
            options.highlighted = first
        options.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        oid = event.option.id or ""
        kind, _, item = oid.partition(":")
        if kind == "section":
            result = self.result.by_section.get(item)
            if result is not None and result.missing:
                self.dismiss(result.missing[0])
            else:
                self.dismiss(self.bank.section(item).questions[0].id)
        elif item:
            self.dismiss(item)

    def action_close(self) -> None:
        self.dismiss(None)

