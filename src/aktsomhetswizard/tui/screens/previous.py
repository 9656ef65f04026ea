"""Last year's answer beside this year's (issue 17): F2 in the wizard, for a session started
from last year's (`new --from`). Read-only: nothing here edits the session."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from ...bank import Bank, Question
from ...diff import word_diff
from ...previous import Previous, previous_answer
from ...session import Session
from ...textsafe import visible
from .dialogs import Dialog


def answer_text(bank: Bank, session: Session, q: Question) -> str:
    """A question's answer as one text: a table question's rows as "Label: value" lines."""
    if not q.is_table:
        return previous_answer(session, q.id)
    assert q.table is not None
    reason = session.not_applicable.get(q.id)
    if reason is not None and reason.strip():
        return f"Ikke relevant: {reason.strip()}"
    blocks = []
    for n, row in enumerate(session.tables.get(q.table, []), start=1):
        lines = [f"{c.label}: {str(row.get(c.key, '')).strip()}" for c in q.columns
                 if str(row.get(c.key, "")).strip()]
        if lines:
            blocks.append(f"Rad {n}\n" + "\n".join(lines))
    return "\n\n".join(blocks)


def comparison(bank: Bank, previous: Session, current: Session, q: Question) -> str:
    """"same", "changed", "new" (nothing last year) or "removed" (nothing now)."""
    old, new = answer_text(bank, previous, q), answer_text(bank, current, q)
    if not old.strip() and not new.strip():
        return "empty"
    if not old.strip():
        return "new"
    if not new.strip():
        return "removed"
    return "same" if old.strip() == new.strip() else "changed"


COMPARISON_TEXT = {
    "same": "Uendret fra i fjor",
    "changed": "Endret siden i fjor",
    "new": "Ikke besvart i fjor",
    "removed": "Besvart i fjor, tomt nå",
    "empty": "Tomt både i fjor og nå",
}


def _shown(text: str) -> Text:
    if not text.strip():
        return Text("(tomt)", style="italic dim")
    return Text(visible(text))  # user text: plain Text, control characters made visible


def marked(old: str, new: str) -> tuple[Text, Text]:
    """Both texts, with what was taken out of last year's struck through and what is new this
    year highlighted (a word-level diff). Plain Text: nothing in the texts is markup."""
    if not old.strip() or not new.strip():
        return _shown(old), _shown(new)
    left, right = Text(), Text()
    for w in word_diff(old, new):
        shown = visible(w.text)
        if w.op == "equal":
            left.append(shown)
            right.append(shown)
        elif w.op == "delete":
            left.append(shown, style="strike red")
        else:
            right.append(shown, style="bold green")
    return left, right


class PreviousAnswerScreen(Dialog[None]):
    """Two read-only columns: last year's answer and the current one."""

    DEFAULT_CSS = """
    .previous {
        width: 95%;
        max-width: 160;
        height: 90%;
    }
    .previous-columns {
        height: 1fr;
    }
    .previous-column {
        width: 1fr;
        height: 1fr;
        border: round $primary;
        padding: 0 1;
    }
    .previous-head {
        text-style: bold;
        margin-bottom: 1;
    }
    """
    BINDINGS = [
        Binding("escape,f2,q", "close", "Lukk", id="previous_close"),
    ]

    def __init__(self, bank: Bank, q: Question, previous: Previous, current: Session) -> None:
        super().__init__()
        self.bank = bank
        self.question = q
        self.previous = previous
        self.current = current

    def compose(self) -> Any:
        q = self.question
        prev = self.previous.session
        with Vertical(classes="dialog previous"):
            title = Text()
            title.append(f"{q.id}  ", style="bold")
            title.append(q.text)
            yield Static(title, classes="dialog-title", markup=False)
            if prev is None:
                yield Static(Text("Fjorårets svar kan ikke vises: " + visible(
                    self.previous.problem)), classes="dialog-message", markup=False)
            else:
                state = comparison(self.bank, prev, self.current, q)
                old_text, new_text = marked(answer_text(self.bank, prev, q),
                                            answer_text(self.bank, self.current, q))
                note = COMPARISON_TEXT[state]
                if self.current.is_unconfirmed(q.id):
                    note += " · overført og ikke bekreftet ennå"
                yield Static(Text(note, style="bold"), classes="dialog-hint", markup=False)
                with Horizontal(classes="previous-columns"):
                    with VerticalScroll(classes="previous-column", id="previous-old"):
                        yield Static(f"I fjor ({prev.year})", classes="previous-head",
                                     markup=False)
                        yield Static(old_text, markup=False, id="previous-old-text")
                    with VerticalScroll(classes="previous-column", id="previous-new"):
                        yield Static(f"Nå ({self.current.year})", classes="previous-head",
                                     markup=False)
                        yield Static(new_text, markup=False, id="previous-new-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Lukk", id="close", variant="primary")

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
