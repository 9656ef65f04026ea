"""The completeness view (Ctrl+O): the same result as `aktsomhet check`, each missing field
selectable (Enter lands on the field itself).

What is missing comes first, section by section under its step; the complete sections are
folded into one line that Enter unfolds (issue 15, item 7). Fields are named as the template
names them (labels.py), with the marks and words of status.py. A line that wraps keeps its
indent (rich Padding)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text
from textual import on
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...bank import Bank
from ...completeness import Completeness, SectionResult
from ...labels import field_label, field_text, section_label
from ...quality import QualityWarning
from ...session import Session
from ...status import LAW_MARK, LAW_STYLE, LAW_WORD, MARK, STYLE, WORD
from ...textsafe import one_line
from .dialogs import dismiss_once

FOLD_ID = "fold:complete"


# The option list's own room around a line: the view's padding, the list's border and
# scrollbar, an option's padding (what the list leaves of the screen's width for the text).
FRAME = 8


def hanging(indent: int, head: Text, body: Text, width: int, console: Console) -> Text:
    """``head`` (a mark, a percentage) after ``indent`` cells, then ``body``, whose wrapped
    lines start under its first letter. Wrapped here, at ``width``, as plain Text: a rich grid
    per option made the view take a second to open."""
    lead = indent + head.cell_len
    lines = body.wrap(console, max(10, width - lead))
    out = Text(" " * indent)
    out.append_text(head)
    pad = "\n" + " " * lead
    for n, line in enumerate(lines):
        if n:
            out.append(pad)
        out.append_text(line)
    return out


def law_lines(bank: Bank, session: Session) -> list[Text]:
    """The law check's verdict (law.py): §5 a/b/c and the formal points, each with its reasons.
    Every line but the first starts with its two-cell head (a mark, or the indent of a reason),
    which the caller hangs the rest of the line from."""
    from ...law import judge

    result = judge(bank, session)
    lines = [Text("Åpenhetsloven (telles for seg)", style="bold")]
    if not result.required:
        line = Text(f"{LAW_MARK['not_required']} ", style=LAW_STYLE["not_required"])
        line.append("ikke påkrevd: virksomheten er ikke omfattet av åpenhetsloven")
        return [*lines, line]
    for p in result.points:
        line = Text(f"{LAW_MARK[p.status]} ", style=LAW_STYLE[p.status])
        line.append(f"{p.label} {LAW_WORD[p.status]}: ", style=LAW_STYLE[p.status])
        line.append(one_line(p.title, 200))
        lines.append(line)
        for reason in p.reasons:
            lines.append(Text(f"  – {reason}"))
    for f in result.formal:
        line = Text(f"{LAW_MARK[f.status]} ", style=LAW_STYLE[f.status])
        line.append(f"{LAW_WORD[f.status]}: ", style=LAW_STYLE[f.status])
        line.append(f.label)
        if f.reason and f.status != "met":
            line.append(f" – {f.reason}", style="dim")
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

    def dismiss(self, result: str | None = None) -> AwaitComplete:
        return dismiss_once(self, result, super().dismiss)

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
            elif r.missing:
                head.append(f"mangler {len(r.missing)}", style="bold red")
            if r.unconfirmed:
                head.append((", " if r.missing else "")
                            + f"{len(r.unconfirmed)} overført fra i fjor, ikke bekreftet",
                            style="bold cyan")
            yield Static(head, id="completeness-head")
            yield OptionList(*self._options(), id="completeness-list")
            yield Static("Enter: gå til det som mangler  ·  Esc: lukk", id="completeness-hint")
        yield Footer()

    _unfolded = False  # the complete sections shown (Enter on the folded line)
    _width = 0  # the width the options were wrapped at

    def _hang(self, indent: int, head: Text, body: Text) -> Text:
        return hanging(indent, head, body, self._width, self.app.console)

    def _rebuild(self, keep: str | None = None) -> None:
        options = self.query_one(OptionList)
        if keep is None and options.highlighted is not None:
            keep = options.get_option_at_index(options.highlighted).id
        options.clear_options()
        options.add_options(self._options())
        at = next((i for i, o in enumerate(options.options) if keep and o.id == keep), None)
        if at is not None:
            options.highlighted = at

    def on_resize(self) -> None:
        """Wrapped again at the new width (each line keeps its indent)."""
        if self.app.size.width - FRAME != self._width:
            self._width = self.app.size.width - FRAME
            self._rebuild()

    def _options(self) -> list[Option | None]:
        self._width = self.app.size.width - FRAME
        options: list[Option | None] = []
        bank = self.bank
        complete: list[SectionResult] = []
        for step in self.result.steps:
            gaps = [sec for sec in step.sections if sec.status != "complete"]
            complete.extend(sec for sec in step.sections if sec.status == "complete")
            if not gaps:
                continue
            title = Text(step.label, style="bold")
            if step.scope != "template":
                title.append(" (telles for seg)", style="dim")
            options.append(Option(self._hang(0, Text(f"{step.percent:3d} %  ", style="bold"),
                                          title), disabled=True))
            for sec in gaps:
                options.append(self._section_option(sec, 2))
                for item in sec.missing:
                    entry = Text(one_line(field_label(bank, item), 200), style="bold")
                    text = field_text(bank, item)
                    if text:
                        entry.append("  ")
                        entry.append(one_line(text, 300), style="not bold")
                    head = Text(f"{MARK['empty']} ", style=STYLE["empty"])
                    options.append(Option(self._hang(6, head, entry), id=f"item:{item}"))
                for qid in sec.unconfirmed:  # issue 13: counts only once confirmed
                    entry = Text(one_line(field_label(bank, qid), 200), style="bold")
                    entry.append("  overført fra i fjor, ikke bekreftet", style="cyan")
                    head = Text("↻ ", style="bold cyan")
                    options.append(Option(self._hang(6, head, entry), id=f"item:{qid}"))
                for qid in sec.not_applicable:
                    entry = Text(one_line(field_label(bank, qid), 200), style="bold")
                    entry.append(f"  {WORD['not_applicable']}: ", style="dim")
                    entry.append(one_line(self.session.not_applicable.get(qid, ""), 300))
                    head = Text(f"{MARK['not_applicable']} ", style=STYLE["not_applicable"])
                    options.append(Option(self._hang(6, head, entry), id=f"item:{qid}"))
        if not options:
            options.append(Option(Text(f"{MARK['complete']} Ingenting mangler i malen.",
                                       style=STYLE["complete"]), disabled=True))
        if complete:
            options.append(None)
            fold = Text("▾ " if self._unfolded else "▸ ", style="bold")
            fold.append(f"{MARK['complete']} Komplette avsnitt ({len(complete)})",
                        style=STYLE["complete"])
            fold.append("  Enter: " + ("skjul" if self._unfolded else "vis"), style="dim")
            options.append(Option(fold, id=FOLD_ID))
            if self._unfolded:
                options.extend(self._section_option(sec, 2) for sec in complete)
        if self.warnings:
            options.append(None)
            options.append(Option(Text("Advarsler", style="bold yellow"), disabled=True))
            for n, w in enumerate(self.warnings):
                entry = Text(one_line(field_label(bank, w.item), 200), style="bold")
                entry.append("  ")
                entry.append(w.message, style="not bold")
                options.append(Option(self._hang(2, Text("! ", style="yellow"), entry),
                                      id=f"warn{n}:{w.item}"))
        law = law_lines(self.bank, self.session)
        if law:
            options.append(None)
            options.append(Option(law[0], disabled=True))
            options.extend(Option(self._hang(2, line[:2], line[2:]), disabled=True)
                           for line in law[1:])
        return options

    def _section_option(self, sec: SectionResult, indent: int) -> Option:
        line = Text(section_label(self.bank, sec.id),
                    style="bold" if sec.status == "empty" else "")
        line.append(f"  {sec.answered}/{sec.expected}", style="dim")
        head = Text(f"{MARK[sec.status]} ", style=STYLE[sec.status])
        return Option(self._hang(indent, head, line), id=f"section:{sec.id}")

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
        if oid == FOLD_ID:
            self._unfolded = not self._unfolded
            self._rebuild(FOLD_ID)
            return
        kind, _, item = oid.partition(":")
        if kind == "section":
            result = self.result.by_section.get(item)
            if result is not None and (result.missing or result.unconfirmed):
                self.dismiss(min(
                    (*result.missing, *result.unconfirmed),
                    key=lambda i: self.bank.question_ids.index(i.partition("[")[0]),
                ))
            else:
                self.dismiss(self.bank.section(item).questions[0].id)
        elif item:
            self.dismiss(item)

    def action_close(self) -> None:
        self.dismiss(None)

