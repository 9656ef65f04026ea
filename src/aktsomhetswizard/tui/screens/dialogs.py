"""Small typed modals: confirm, help, "the session is open elsewhere" and "the file changed on
disk"."""

from __future__ import annotations

import time
from typing import Any, ClassVar, TypeVar

from textual import events, on
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Static, TextArea

from ...status import legend
from ...textsafe import visible

DialogResult = TypeVar("DialogResult")


def dismiss_once(screen: ModalScreen[Any], result: Any, dismiss: Any) -> AwaitComplete:
    """Textual's ``dismiss`` calls the screen's callback and pops whatever screen is on top:
    a second Enter typed before the first dismissal is done called the callback twice (a row
    removed twice) and popped the screen below (the wizard gone, found by the monkey test,
    issue 14). Once dismissed, or when not on top, a screen is not dismissed again."""
    if getattr(screen, "_aktsomhet_dismissed", False) or screen.app.screen is not screen:
        return AwaitComplete()
    screen._aktsomhet_dismissed = True  # type: ignore[attr-defined]
    done: AwaitComplete = dismiss(result)
    return done


class Dialog(ModalScreen[DialogResult]):
    """A box in the middle of the screen. The styles every dialog shares are here (not in
    wizard.tcss), parsed when a dialog is first shown rather than at every start (issue 6)."""

    def dismiss(self, result: DialogResult | None = None) -> AwaitComplete:
        return dismiss_once(self, result, super().dismiss)

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

    /* The focused choice is marked by «▶ … ◀» (ChoiceButton) and drawn reversed: seen also
       without colours (NO_COLOR). */
    .dialog ChoiceButton:focus {
        text-style: bold reverse;
    }
    """


class ChoiceButton(Button):
    """A dialog's button whose focus shows without colour: «▶ Avbryt ◀» while focused."""

    def render(self) -> Any:
        label = super().render()
        if self.has_focus and isinstance(label, Content):
            return Content.assemble("▶ ", label, " ◀")
        return label

    def on_focus(self) -> None:
        self.refresh(layout=True)

    def on_blur(self) -> None:
        self.refresh(layout=True)


# An uninvited dialog (UninvitedDialog) takes Enter as a choice only after a key that moves
# between its choices, or when it has been open this many seconds and nothing was typed into it:
# the author typing when it pops up does not choose anything.
ARM_DELAY = 1.0
_NAVIGATION = frozenset({"tab", "shift+tab", "up", "down", "left", "right", "home", "end"})


class UninvitedDialog(Dialog[DialogResult]):
    """A dialog that opens without being asked for (the file changed on disk, the session open
    elsewhere), perhaps while the author is typing. It waits for a deliberate choice:

    - the safe choice (``SAFE``) has the focus;
    - text typed into it goes on into the field the author was typing in (nothing is lost):
      letters and space always; Enter and backspace too, until the author shows they look at
      the dialog: a key that moves between the choices (arrows, Tab), or ``ARM_DELAY``
      seconds with the dialog open and nothing typed since it opened;
    - a choice that throws text away (``CONFIRM``: button id -> question) is never taken by
      Enter alone: it asks again, with «Avbryt» focused. A click is a deliberate choice.
    """

    BINDINGS = [
        Binding("down,right", "app.focus_next", "Neste valg", id="choice_next", show=False),
        Binding("up,left", "app.focus_previous", "Forrige valg", id="choice_previous",
                show=False),
    ]
    SAFE: ClassVar[str] = "cancel"
    CONFIRM: ClassVar[dict[str, tuple[str, str]]] = {}  # id -> (question, yes label)

    _beneath: Widget | None = None
    _opened_at = 0.0
    _navigated = False  # a key that moves between the choices was pressed
    _typed = False  # a key was typed into the dialog (and passed on) since it opened

    def on_mount(self) -> None:
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 and stack[-1] is self else None
        focused = below.focused if below is not None else None
        self._beneath = focused if isinstance(focused, (TextArea, Input)) else None
        self._opened_at = time.monotonic()
        self.query_one(f"#{self.SAFE}", Button).focus()

    @property
    def armed(self) -> bool:
        """Enter chooses: the author moved between the choices, or has left the dialog open
        a moment without typing into it."""
        return self._navigated or (
            not self._typed and time.monotonic() >= self._opened_at + ARM_DELAY)

    def on_key(self, event: events.Key) -> None:
        if event.key in _NAVIGATION:
            self._navigated = True
            return
        if not (event.is_printable or event.key in ("enter", "backspace")):
            return
        if event.is_printable or not self.armed:
            # Text: it goes where it was meant to go (space never presses a button here).
            event.stop()
            event.prevent_default()
            self._typed = True
            self._forward(event)
            return
        focused = self.focused
        if event.key == "enter" and isinstance(focused, Button) and focused.id in self.CONFIRM:
            event.stop()
            event.prevent_default()
            self._confirm(focused.id)

    def _forward(self, event: events.Key) -> None:
        """A key typed into the dialog, into the field beneath it (nothing when there is none,
        or it is read-only)."""
        target = self._beneath
        if target is None or not target.is_attached:
            return
        if isinstance(target, TextArea):
            if target.read_only:
                return
            if event.key == "enter":
                target.insert("\n")
            elif event.key == "backspace":
                target.action_delete_left()
            elif event.character is not None and event.is_printable:
                target.insert(event.character)
        elif isinstance(target, Input):
            if target.disabled:
                return
            if event.key == "backspace":
                target.action_delete_left()
            elif event.character is not None and event.is_printable:
                target.insert_text_at_cursor(event.character)

    def _confirm(self, choice: str) -> None:
        question, yes = self.CONFIRM[choice]

        def answered(sure: bool | None) -> None:
            if sure:
                self.dismiss(choice)  # type: ignore[arg-type]

        self.app.push_screen(ConfirmScreen(question, yes=yes, no="Avbryt"), answered)


class ConfirmScreen(Dialog[bool]):
    """A question with two answers. Escape answers no."""

    BINDINGS = [
        Binding("escape", "answer(False)", "Avbryt", id="confirm_cancel"),
        Binding("right,down", "app.focus_next", "Neste valg", id="confirm_next", show=False),
        Binding("left,up", "app.focus_previous", "Forrige valg", id="confirm_previous",
                show=False),
    ]

    def __init__(self, message: str, *, yes: str = "Ja", no: str = "Nei") -> None:
        super().__init__(classes="dialog-screen")
        self.message = message
        self.yes = yes
        self.no = no

    def compose(self) -> Any:
        with Vertical(classes="dialog"):
            yield Static(Content(visible(self.message)), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield ChoiceButton(self.yes, variant="primary", id="yes")
                yield ChoiceButton(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


LOCK_OPEN_READ_ONLY = "read_only"
LOCK_TAKE_OVER = "take_over"


class LockedScreen(UninvitedDialog[str | None]):
    """The session is open in another window or on another machine. «Avbryt» has the focus;
    taking over asks again."""

    SAFE = "cancel"
    CONFIRM = {LOCK_TAKE_OVER: (
        "Ta over økten? Er den fortsatt åpen et annet sted, kan tekst som skrives der gå "
        "tapt.", "Ta over")}
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
                yield ChoiceButton("Åpne skrivebeskyttet", variant="primary",
                                   id=LOCK_OPEN_READ_ONLY)
                yield ChoiceButton("Ta over", variant="warning", id=LOCK_TAKE_OVER)
                yield ChoiceButton("Avbryt", id="cancel")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


CONFLICT_OVERWRITE = "overwrite"
CONFLICT_COPY = "copy"
CONFLICT_RELOAD = "reload"
CONFLICT_CANCEL = "cancel"


class ConflictScreen(UninvitedDialog[str]):
    """The session file was changed by another program (or the session was taken over) since
    it was opened: nothing is saved into it until the author chooses. Answers one of
    CONFLICT_COPY (the default), CONFLICT_RELOAD, CONFLICT_OVERWRITE, CONFLICT_CANCEL (also
    Escape). Overwriting and loading the file's version ask again when chosen by a key.

    ``taken_over`` (who holds the session now; "" when unknown) leaves out the overwrite: the
    save would be refused. ``quitting``: the author is leaving; overwrite and copy are followed
    by the quit.
    """

    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="conflict_cancel")]
    SAFE = CONFLICT_COPY
    CONFIRM = {
        CONFLICT_OVERWRITE: ("Overskrive filen med dine svar? Endringene det andre programmet "
                             "gjorde, går tapt.", "Overskriv"),
        CONFLICT_RELOAD: ("Laste inn endringene fra filen? Dine svar siden sist lagret "
                          "lagres først som kopi ved siden av økten.", "Last inn"),
    }

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
                        "velger. Avbryt: skriv videre (Ctrl+S viser valgene igjen). Velg med "
                        "piltastene og Enter; det du skriver nå, går inn i svaret.")
            yield Static(hint, classes="dialog-hint")
            with Vertical(classes="dialog-choices"):
                yield ChoiceButton("Lagre mine svar som kopi", variant="primary",
                                   id=CONFLICT_COPY)
                if self.taken_over is None and not self.quitting:
                    yield ChoiceButton("Last inn endringene fra filen", id=CONFLICT_RELOAD)
                if self.taken_over is None:
                    yield ChoiceButton("Overskriv med mine svar", variant="warning",
                                       id=CONFLICT_OVERWRITE)
                yield ChoiceButton("Avbryt", id=CONFLICT_CANCEL)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or CONFLICT_CANCEL)

    def action_cancel(self) -> None:
        self.dismiss(CONFLICT_CANCEL)


HELP = f"""\
Veiviseren fyller ut redegjørelsen spørsmål for spørsmål. Alt du skriver
lagres fortløpende: etter et kort opphold i skrivingen, når du går til et
annet spørsmål og når du avslutter.

Taster
  Ctrl+N          Neste spørsmål
  Ctrl+P          Forrige spørsmål
  Ctrl+G          Neste mangel: det neste tomme feltet
  Ctrl+K          Gå til spørsmål etter nummer, og andre kommandoer
  Ctrl+O          Oversikt: det som mangler først (Enter går til feltet)
  Ctrl+T          Ikke relevant (med begrunnelse)
  Ctrl+L          Bekreft et svar som er overført fra i fjor (↻)
  Ctrl+S          Lagre nå
  Ctrl+Q, Ctrl+C  Lagre og avslutt
  F1              Denne hjelpen
  F2              Fjorårets svar ved siden av årets (økter startet fra i fjor)
  Tab, Shift+Tab  Flytt mellom feltene, treet og knappene
  Esc             Til treet: piltastene velger, Enter åpner
  ?  (i treet)    Denne hjelpen
  F3              Skjul eller vis treet
  F4              Bredere eller smalere tre

Skrive i et svar
  Et svar åpnes øverst, med markøren først i teksten.
  Ctrl+End, Ctrl+Home   Til slutten / starten av svaret
  Ctrl+Venstre/Høyre    Ett ord til venstre / høyre
  Home, End             Start / slutt av linjen
  PgUp, PgDn            En side opp / ned
  Shift+piltast         Merk tekst
  Ctrl+Shift+Venstre/Høyre  Merk ord for ord
  F7                    Merk alt
  F6                    Merk linjen
  Ctrl+Z                Angre
  Ctrl+Y                Gjør om
  Ctrl+X                Klipp ut
  Ctrl+V                Lim inn
  Ctrl+W                Slett ordet til venstre
  Alt+Delete            Slett ordet til høyre
  Ctrl+U                Slett til starten av linjen
  Kopier og lim inn med terminalens egne taster virker
  også (ofte Ctrl+Shift+C / Ctrl+Shift+V). Ctrl+C avslutter.

Tabeller (2.A.1, produsenter, innsatsfaktorer)
  Ctrl+R/Insert   Ny rad             Delete   Fjern raden
  Alt+Opp/Ned     Flytt raden        Enter    Rediger raden
  Skriver du i tabellen, kommer teksten i radens første felt.

Merker i treet og oversikten
  {legend()}
  ↻ = overført fra i fjor, ikke bekreftet: merket står foran statusen, og
      svaret teller ikke som besvart før det er bekreftet

Et overført svar er bekreftet når du endrer det, eller når du trykker
Ctrl+L på spørsmålet. Å bla forbi med Ctrl+N bekrefter ingenting.
Ctrl+K «Bekreft avsnittet» bekrefter alle overførte svar i avsnittet,
når du har sett over dem. Holder et svar HTML fra portalen, gjør
Ctrl+K «Gjør om HTML til ren tekst» det om til avsnitt og lister.

Endrer et annet program filen mens økten er åpen, lagres ingenting i
den før du velger: overskriv med dine svar, lagre svarene som kopi ved
siden av, eller skriv videre uten å lagre (Ctrl+S viser valgene igjen).
"""
HELP_SCROLL_HINT = "Piltastene, PgUp/PgDn og musehjulet ruller hjelpen · Esc lukker"


class HelpScreen(Dialog[None]):
    BINDINGS = [
        Binding("escape,f1,q", "close", "Lukk", id="help_close"),
    ]

    def compose(self) -> Any:
        with Vertical(classes="dialog help"):
            yield Static("Hjelp", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(HELP, classes="help-text")
            # The help is longer than a small terminal: it says that it scrolls.
            yield Static(HELP_SCROLL_HINT, id="help-hint", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Lukk", id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).focus()  # the arrow keys scroll it

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
