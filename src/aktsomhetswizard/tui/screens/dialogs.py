"""Small typed modals: confirm, help, "the session is open elsewhere" and "the file changed on
disk"."""

from __future__ import annotations

from typing import Any, TypeVar

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...textsafe import visible

DialogResult = TypeVar("DialogResult")


class Dialog(ModalScreen[DialogResult]):
    """A box in the middle of the screen. The styles every dialog shares are here (not in
    wizard.tcss), parsed when a dialog is first shown rather than at every start (issue 6)."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    .dialog-screen {
        align: center middle;
    }

    .dialog {
        width: 80%;
        max-width: 90;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }

    .dialog-title {
        text-style: bold;
        margin-bottom: 1;
    }

    .dialog-message {
        margin-bottom: 1;
    }

    .dialog-hint {
        color: $text-muted;
        margin-bottom: 1;
    }

    .dialog-buttons {
        height: auto;
        margin-top: 1;
    }

    .dialog-buttons Button {
        margin-right: 2;
    }

    HelpScreen {
        align: center middle;
    }

    .help {
        width: 100%;
        max-width: 84;
        height: 90%;
        padding: 0 1;
    }

    .help VerticalScroll {
        height: 1fr;
    }

    /* Choices one under the other: three long Norwegian labels do not fit side by side
       at 80 columns. */
    .dialog-choices {
        height: auto;
        margin-top: 1;
    }

    .dialog-choices Button {
        width: 100%;
    }
    """


class ConfirmScreen(Dialog[bool]):
    """A question with two answers. Escape answers no."""

    BINDINGS = [Binding("escape", "answer(False)", "Avbryt", id="confirm_cancel")]

    def __init__(self, message: str, *, yes: str = "Ja", no: str = "Nei") -> None:
        super().__init__(classes="dialog-screen")
        self.message = message
        self.yes = yes
        self.no = no

    def compose(self) -> Any:
        with Vertical(classes="dialog"):
            yield Static(Content(visible(self.message)), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="primary", id="yes")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


LOCK_OPEN_READ_ONLY = "read_only"
LOCK_TAKE_OVER = "take_over"


class LockedScreen(Dialog[str | None]):
    """The session is open in another window or on another machine."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="locked_cancel")]

    def __init__(self, who: str) -> None:
        super().__init__(classes="dialog-screen")
        self.who = who

    def compose(self) -> Any:
        with Vertical(classes="dialog"):
            yield Static(
                Content.assemble("Økten er åpen et annet sted (", visible(self.who), ")."),
                classes="dialog-message",
            )
            yield Static(
                "Ta over bare hvis du vet at den andre er lukket; ellers kan tekst gå tapt.",
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Åpne skrivebeskyttet", variant="primary", id=LOCK_OPEN_READ_ONLY)
                yield Button("Ta over", variant="warning", id=LOCK_TAKE_OVER)
                yield Button("Avbryt", id="cancel")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


CONFLICT_OVERWRITE = "overwrite"
CONFLICT_COPY = "copy"
CONFLICT_CANCEL = "cancel"


class ConflictScreen(Dialog[str]):
    """The session file was changed by another program (or the session was taken over) since
    it was opened: nothing is saved into it until the author chooses. Answers one of
    CONFLICT_OVERWRITE, CONFLICT_COPY, CONFLICT_CANCEL (also Escape).

    ``taken_over`` (who holds the session now; "" when unknown) leaves out the overwrite: the
    save would be refused. ``quitting``: the author is leaving; overwrite and copy are followed
    by the quit.
    """

    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="conflict_cancel")]

    def __init__(self, *, taken_over: str | None = None, quitting: bool = False) -> None:
        super().__init__(classes="dialog-screen")
        self.taken_over = taken_over
        self.quitting = quitting

    def compose(self) -> Any:
        with Vertical(classes="dialog"):
            if self.taken_over is None:
                yield Static("Filen er endret utenfor programmet siden den ble åpnet.",
                             classes="dialog-message")
            else:
                yield Static(
                    Content.assemble(
                        "Økten er tatt over ",
                        f"av {visible(self.taken_over)}" if self.taken_over else "et annet sted",
                        ".",
                    ),
                    classes="dialog-message",
                )
            if self.quitting:
                hint = ("Svarene dine er ikke lagret i filen. Velg hvor de skal lagres før du "
                        "avslutter.")
            else:
                hint = ("Svarene dine er ikke lagret i filen, og de lagres ikke der før du "
                        "velger. Avbryt: skriv videre (Ctrl+S viser valgene igjen).")
            yield Static(hint, classes="dialog-hint")
            with Vertical(classes="dialog-choices"):
                if self.taken_over is None:
                    yield Button("Overskriv med mine svar", variant="warning",
                                 id=CONFLICT_OVERWRITE)
                yield Button("Lagre mine svar som kopi", variant="primary", id=CONFLICT_COPY)
                yield Button("Avbryt", id=CONFLICT_CANCEL)

    def on_mount(self) -> None:
        # The author may be typing when this opens: Enter must not overwrite anything.
        self.query_one(f"#{CONFLICT_CANCEL}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or CONFLICT_CANCEL)

    def action_cancel(self) -> None:
        self.dismiss(CONFLICT_CANCEL)


HELP = """\
Veiviseren fyller ut redegjørelsen spørsmål for spørsmål. Alt du skriver
lagres fortløpende: etter et kort opphold i skrivingen, når du går til et
annet spørsmål og når du avslutter.

Taster
  Ctrl+N          Neste spørsmål
  Ctrl+P          Forrige spørsmål
  Ctrl+G          Neste mangel (tomt eller delvis utfylt spørsmål)
  Ctrl+K          Gå til spørsmål etter nummer, og andre kommandoer
  Ctrl+O          Oversikt over kompletthet: hva som mangler (Enter går dit)
  Ctrl+T          Ikke relevant (med begrunnelse)
  Ctrl+S          Lagre nå
  Ctrl+Q, Ctrl+C  Lagre og avslutt
  F1              Denne hjelpen
  Tab, Shift+Tab  Flytt mellom feltene, treet og knappene
  Esc             Til treet: piltastene velger, Enter åpner
  ?  (i treet)    Denne hjelpen

Tabeller (2.A.1, produsenter, innsatsfaktorer)
  A eller Insert  Ny rad             Delete   Fjern raden
  Alt+Opp/Ned     Flytt raden        Enter    Rediger raden

Merker i treet
  ✓ komplett  ◐ delvis  ✗ tom  – ikke relevant
  ↻ overført fra forrige økt, ikke sett ennå

Et overført svar regnes som sett når du har vært innom spørsmålet og
går videre, eller når du endrer det.

Endrer et annet program filen mens økten er åpen, lagres ingenting i
den før du velger: overskriv med dine svar, lagre svarene som kopi ved
siden av, eller skriv videre uten å lagre (Ctrl+S viser valgene igjen).
"""


class HelpScreen(Dialog[None]):
    BINDINGS = [
        Binding("escape,f1,q", "close", "Lukk", id="help_close"),
    ]

    def compose(self) -> Any:
        with Vertical(classes="dialog help"):
            yield Static("Hjelp", classes="dialog-title")
            with VerticalScroll():
                yield Static(HELP, classes="help-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Lukk", id="close", variant="primary")

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
