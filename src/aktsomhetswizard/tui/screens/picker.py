"""The session picker (``aktsomhet`` without arguments) and the "new session" form."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, DataTable, Footer, Input, Label, Select, Static

from ... import session as sessions
from ...bank import BankError, load_bank
from ...completeness import check
from ...session import SessionError
from ...textsafe import one_line, visible
from ..widgets.safe_text_area import SafeInput
from .dialogs import Dialog


@dataclass
class Entry:
    path: Path
    name: str
    organisation: str = ""
    year: int | None = None
    percent: int | None = None
    changed: datetime | None = None
    error: str | None = None


def scan(directory: Path) -> list[Entry]:
    """The sessions in a folder; a file that cannot be read is listed with its reason."""
    entries: list[Entry] = []
    if not directory.is_dir():
        return entries
    for path in sorted(directory.glob("*" + sessions.SUFFIX)):
        name = path.name[: -len(sessions.SUFFIX)]
        try:
            s = sessions.load(path)
            result = check(load_bank(s.template), s)
        except (SessionError, BankError, OSError) as exc:
            reason = str(exc)
            prefix = f"{path}: "
            if reason.startswith(prefix):
                reason = reason[len(prefix):]
            entries.append(Entry(path, name, error=reason))
            continue
        entries.append(Entry(path, name, s.organisation, s.year, result.percent, s.updated))
    return entries


def shown_path(directory: Path) -> str:
    """The folder as the author knows it: relative to the working folder when inside it."""
    try:
        return str(directory.resolve().relative_to(Path.cwd().resolve())) or "."
    except (ValueError, OSError):
        return str(directory)


def slug(organisation: str, year: str) -> str:
    """A suggested session name: "KS - Kommunesektorens organisasjon", 2024 -> "ks-...-2024"."""
    text = organisation.lower()
    for a, b in (("æ", "ae"), ("ø", "o"), ("å", "a")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:40].strip("-")
    parts = [p for p in (text, year.strip()) if p]
    return "-".join(parts)


class PickerScreen(Screen[None]):
    SCOPED_CSS = False  # its styles, parsed when it is first shown (not in wizard.tcss)
    DEFAULT_CSS = """
    #picker {
        height: 1fr;
        padding: 0 1;
    }

    #picker-title {
        height: 1;
        margin-bottom: 1;
    }

    #sessions {
        height: 1fr;
    }

    #picker-detail {
        height: auto;
        margin-top: 1;
    }

    #picker-buttons {
        height: auto;
        margin-top: 1;
    }

    #picker-buttons Button {
        margin-right: 2;
    }
    """
    BINDINGS = [
        Binding("n", "new", "Ny økt", id="picker_new"),
        Binding("enter", "open", "Åpne", id="picker_open", show=True),
        Binding("f5", "reload", "Oppdater", id="picker_reload"),
    ]

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.directory = directory
        self.entries: list[Entry] = []

    def compose(self) -> Any:
        with Vertical(id="picker"):
            yield Static(Content.assemble(("Økter i ", "bold"),
                                          (visible(shown_path(self.directory)), "bold")),
                         id="picker-title")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="sessions")
            yield Static("", id="picker-detail")
            with Horizontal(id="picker-buttons"):
                yield Button("Åpne", id="open", variant="primary")
                yield Button("Ny økt", id="new")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear(columns=True)
        table.add_columns("Økt", "Virksomhet", "År", "Utfylt", "Sist endret")
        self.entries = scan(self.directory)
        for e in self.entries:
            if e.error is not None:
                table.add_row(Text(one_line(e.name, 30)), Text("kan ikke leses", style="red"),
                              Text(""), Text(""), Text(""))
                continue
            changed = self.app.time_label(e.changed) if e.changed else ""  # type: ignore[attr-defined]
            table.add_row(
                Text(one_line(e.name, 30)),
                Text(one_line(e.organisation, 36) or "(uten navn)"),
                Text(str(e.year)),
                Text(f"{e.percent} %"),
                Text(changed),
            )
        if not self.entries:
            self.query_one("#picker-detail", Static).update(
                "Ingen økter her ennå. Trykk «Ny økt» (N) for å begynne."
            )
        table.focus()

    def selected(self) -> Entry | None:
        table = self.query_one("#sessions", DataTable)
        if not self.entries or table.cursor_row < 0 or table.cursor_row >= len(self.entries):
            return None
        return self.entries[table.cursor_row]

    @on(DataTable.RowHighlighted, "#sessions")
    def _highlighted(self) -> None:
        entry = self.selected()
        detail = self.query_one("#picker-detail", Static)
        if entry is None:
            return
        if entry.error is not None:
            detail.update(Content.assemble(("Kan ikke leses: ", "bold $error"),
                                           one_line(entry.error, 300)))
        else:
            detail.update(Content(one_line(str(entry.path), 300)))

    @on(DataTable.RowSelected, "#sessions")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    @on(Button.Pressed, "#open")
    def _open_pressed(self) -> None:
        self.action_open()

    @on(Button.Pressed, "#new")
    def _new_pressed(self) -> None:
        self.action_new()

    def action_open(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if entry.error is not None:
            self.app.notify(one_line(f"{entry.name} kan ikke leses: {entry.error}", 300),
                            severity="error", markup=False)
            return
        self.app.open_session(entry.path)  # type: ignore[attr-defined]

    def action_new(self) -> None:
        readable = [e for e in self.entries if e.error is None]

        def created(path: Path | None) -> None:
            if path is not None:
                self.reload()
                self.app.open_session(path)  # type: ignore[attr-defined]

        self.app.push_screen(NewSessionScreen(self.directory, readable), created)

    def action_reload(self) -> None:
        self.reload()


def year_range() -> tuple[int, int]:
    return 2000, datetime.now().year + 1


class ReportYear(Validator):
    def validate(self, value: str) -> ValidationResult:
        low, high = year_range()
        text = value.strip()
        if text.isdigit() and low <= int(text) <= high:
            return self.success()
        return self.failure(f"Rapporteringsåret må være et årstall mellom {low} og {high}.")


class Required(Validator):
    def validate(self, value: str) -> ValidationResult:
        return self.success() if value.strip() else self.failure("Skriv navnet på virksomheten.")


class SessionName(Validator):
    def validate(self, value: str) -> ValidationResult:
        try:
            sessions.check_name(value.strip())
        except SessionError as exc:
            return self.failure(str(exc))
        return self.success()


class NewSessionScreen(Dialog[Path | None]):
    """Organisation, year (validated), file name, and optionally last year's session."""

    DEFAULT_CSS = """
    .new-session {
        height: 100%;
        max-height: 26;
        padding: 0 2;
    }

    .new-session VerticalScroll {
        height: 1fr;
    }

    .new-session Label {
        margin-top: 1;
        color: $text-muted;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Avbryt", id="new_cancel")]

    def __init__(self, directory: Path, previous: list[Entry]) -> None:
        super().__init__(classes="dialog-screen")
        self.directory = directory
        self.previous = previous
        self._name_touched = False

    def compose(self) -> Any:
        with Vertical(classes="dialog new-session"):
            yield Static("Ny økt", classes="dialog-title")
            with VerticalScroll():
                yield Label("Virksomhet")
                yield SafeInput(placeholder="Navnet på virksomheten", id="org",
                                validators=[Required()], compact=True)
                yield Label("Rapporteringsår")
                yield Input(str(datetime.now().year - 1), id="year", validators=[ReportYear()],
                            max_length=4, compact=True)
                yield Label("Navn på økten (filnavn)")
                yield Input(placeholder="for eksempel virksomhet-2024", id="name",
                            validators=[SessionName()], compact=True)
                yield Label("Start fra en tidligere økt (fjorårets svar tas med)")
                options: list[tuple[Any, str]] = [
                    (Text(f"{one_line(e.organisation, 30)} {e.year} ({one_line(e.name, 30)})"),
                     str(e.path))
                    for e in self.previous
                ]
                yield Select(options, prompt="Tom økt", allow_blank=True, id="from", compact=True)
                yield Static("", id="new-error", classes="validation")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Opprett", variant="primary", id="create")
                yield Button("Avbryt", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#org", Input).focus()

    @on(Input.Changed, "#org")
    @on(Input.Changed, "#year")
    def _suggest(self) -> None:
        if self._name_touched:
            return
        name = self.query_one("#name", Input)
        name.value = slug(self.query_one("#org", Input).value,
                          self.query_one("#year", Input).value)
        self._name_touched = False

    @on(Input.Changed, "#name")
    def _name_changed(self, event: Input.Changed) -> None:
        org = self.query_one("#org", Input).value
        year = self.query_one("#year", Input).value
        self._name_touched = event.value != slug(org, year)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.create()

    @on(Button.Pressed, "#create")
    def _create_pressed(self) -> None:
        self.create()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _error(self, message: str) -> None:
        self.query_one("#new-error", Static).update(Content(visible(message)))

    _confirmed_other: tuple[str, str] | None = None  # (source, organisation) the author accepted

    def _ask_other_organisation(self, source: str, theirs: str, ours: str) -> None:
        """Last year's session is another organisation's (issue 13): ask before taking its
        answers along."""
        from .dialogs import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._confirmed_other = (source, ours)
                self.create()
            else:
                self.query_one("#from", Select).focus()

        self.app.push_screen(ConfirmScreen(
            f"Økten du starter fra, er til «{one_line(theirs, 80)}», ikke «{one_line(ours, 80)}».\n"
            "Svarene tas med som ikke bekreftet, og må ses over ett for ett. Fortsette?",
            yes="Ja, ta dem med", no="Nei"), answered)

    def create(self) -> None:
        """Validate every field again, then write the new session and dismiss with its path."""
        for wid in ("org", "year", "name"):
            field = self.query_one(f"#{wid}", Input)
            result = field.validate(field.value)
            if result is not None and not result.is_valid:
                self._error(" ".join(result.failure_descriptions))
                field.focus()
                return
        org = self.query_one("#org", Input).value.strip()
        year = int(self.query_one("#year", Input).value.strip())
        name = self.query_one("#name", Input).value.strip()
        source = self.query_one("#from", Select).value
        try:
            path = sessions.session_path(name, self.directory)
            if path.exists():
                self._error(f"Det finnes allerede en økt med navnet «{name}».")
                self.query_one("#name", Input).focus()
                return
            if isinstance(source, str):
                previous = sessions.load(Path(source))
                if not sessions.same_organisation(previous.organisation, org) and \
                        self._confirmed_other != (source, org):
                    self._ask_other_organisation(source, previous.organisation, org)
                    return
                session = sessions.start_from(previous, org, year)
                from ...previous import reference

                session.started_from = reference(Path(source), path)
            else:
                session = sessions.Session(organisation=org, year=year)
            self.directory.mkdir(parents=True, exist_ok=True)
            sessions.save(session, path, touch=False)
        except (SessionError, OSError) as exc:
            self._error(one_line(str(exc), 300))
            return
        self.dismiss(path)
