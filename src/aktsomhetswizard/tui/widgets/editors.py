"""Editors for the question pane, one per kind of question, built by small factory functions.

Every editor writes to the SessionStore on each Changed event (the store only marks the session
dirty; saving is the screen's job), and then posts ``QuestionEditor.AnswerChanged`` so the screen
can update the statuses and schedule an autosave. Loading a value into a widget fires Changed
events too; the editors compare with the store first, so opening a question never marks the
session dirty.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any, ClassVar, Self
from urllib.parse import urlparse

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.document._document import Document
from textual.document._document_navigator import DocumentNavigator
from textual.dom import DOMNode
from textual.geometry import Region, Size
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
    TextArea,
)
from textual.widgets.text_area import Selection

from ...bank import Column, Kind, Question
from ...dates import DATE_HINT, parse_date
from ...store import SessionStore
from ...textsafe import one_line, visible
from .safe_text_area import SafeInput, SafeTextArea
from .wrapping import FastWrappedDocument

YES = "Ja"
NO = "Nei"

# ---------------------------------------------------------------------------------------------
# Validators (messages in Norwegian; an empty field is never an error: it is just unanswered)

_NUMBER = re.compile(r"^[-−]?\d{1,3}(?:[ \u00a0\u202f.]\d{3})*(?:,\d+)?$|^[-−]?\d+(?:[.,]\d+)?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


class NumberValidator(Validator):
    """A number as people write it: "1 137 092 000", "306", "12,5"."""

    def validate(self, value: str) -> ValidationResult:
        text = value.strip()
        if not text or _NUMBER.match(text):
            return self.success()
        return self.failure("Skriv et tall, for eksempel 1 137 092 000.")


class EmailValidator(Validator):
    def validate(self, value: str) -> ValidationResult:
        text = value.strip()
        if not text or _EMAIL.match(text):
            return self.success()
        return self.failure("Skriv en e-postadresse, for eksempel navn@virksomhet.no.")


class UrlValidator(Validator):
    def validate(self, value: str) -> ValidationResult:
        text = value.strip()
        if not text:
            return self.success()
        parsed = urlparse(text)
        if parsed.scheme in ("http", "https") and "." in parsed.netloc and " " not in text:
            return self.success()
        return self.failure("Skriv en fullstendig adresse, for eksempel https://www.eksempel.no/.")


class YearValidator(Validator):
    def validate(self, value: str) -> ValidationResult:
        text = value.strip()
        if not text:
            return self.success()
        if text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2999:
            return self.success()
        return self.failure("Skriv et årstall med fire sifre, for eksempel 2024.")


class DateValidator(Validator):
    """A real date: dd.mm.åååå (or ISO åååå-mm-dd)."""

    def validate(self, value: str) -> ValidationResult:
        text = value.strip()
        if not text or parse_date(text) is not None:
            return self.success()
        return self.failure(DATE_HINT)


VALIDATORS: dict[Kind, Callable[[], Validator]] = {
    Kind.NUMBER: NumberValidator,
    Kind.EMAIL: EmailValidator,
    Kind.URL: UrlValidator,
    Kind.YEAR: YearValidator,
    Kind.DATE: DateValidator,
}

PLACEHOLDERS: dict[Kind, str] = {
    Kind.NUMBER: "For eksempel 1 137 092 000",
    Kind.EMAIL: "navn@virksomhet.no",
    Kind.URL: "https://",
    Kind.YEAR: "ÅÅÅÅ",
    Kind.DATE: "dd.mm.åååå",
}


def literal(text: str) -> Content:
    """User text as content: never markup, control characters made visible."""
    return Content(visible(text))


# ---------------------------------------------------------------------------------------------
# Base class


class QuestionEditor(Vertical):
    """The editor of one question. Subclasses write to the store and call ``changed()``."""

    DEFAULT_CSS = """
    QuestionEditor { height: auto; }
    QuestionEditor .validation { color: $error; height: auto; }
    QuestionEditor .field-label { margin-top: 1; color: $text-muted; }
    """

    class AnswerChanged(Message):
        """The author changed the answer (already in the store)."""

        def __init__(self, editor: QuestionEditor) -> None:
            super().__init__()
            self.editor = editor
            # Taken now: an editor can be re-pointed at another question (``load``) before
            # this message is handled.
            self.question_id = editor.question.id

        @property
        def control(self) -> QuestionEditor:
            return self.editor

    class JumpRequested(Message):
        """The editor asks to go to another question (3.A.1 → 2.A.1)."""

        def __init__(self, editor: QuestionEditor, question_id: str) -> None:
            super().__init__()
            self.editor = editor
            self.question_id = question_id

        @property
        def control(self) -> QuestionEditor:
            return self.editor

    def __init__(self, question: Question, store: SessionStore, *, blink: bool = True) -> None:
        super().__init__(classes=f"editor editor-{question.kind.value}")
        self.question = question
        self.store = store
        self.blink = blink

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        """Speed (issue 6): when the editor's height changes (a short answer after a long
        one), the layout gives it a new virtual size, and Textual then asks for another layout
        of the whole screen, and so a second frame, for a size that does not scroll (the pane
        scrolls, not the editor)."""
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def changed(self) -> None:
        self.post_message(self.AnswerChanged(self))

    def set_answer(self, text: str) -> None:
        """Write the answer when it differs from the store (loading never marks dirty)."""
        if self.read_only or self.store.session.answers.get(self.question.id, "") == text:
            return
        self.store.set_answer(self.question.id, text)
        self.changed()

    # Speed (issue 6): moving to the next question re-points the editor on screen when it can
    # show the new question too, rather than building a new one (mounting, styling and focusing
    # new widgets is most of the cost of a move).

    def reusable_for(self, question: Question) -> bool:
        """Whether ``load(question)`` can show ``question`` in this editor."""
        return False

    @property
    def slot(self) -> object | None:
        """Speed (issue 6): an editor left for a question of another kind stays mounted,
        stowed, to be re-pointed when its kind comes back (WizardScreen._switch_editor); one
        per slot. None: not kept (removed on leaving)."""
        return type(self)

    stowed = False
    # How a stowed editor is hidden: True, kept in the layout (height 0); False, out of it
    # (``display = False``). See ``stow``.
    STOW_IN_LAYOUT: ClassVar[bool] = True

    def stow(self, stowed: bool) -> None:
        """Hide the editor (True) or show it again.

        An editor whose text area is re-pointed while hidden (the long text's) stays in the
        layout (``STOW_IN_LAYOUT``, the default): out of it, the area's size would be 0, the
        text loaded while hidden would be wrapped at width 0, then again at the area's width
        once shown, and again when its scrollbar comes (three frames).
        In the layout, the editor's height is 0 (an inline style: no restyle of its widgets):
        its widgets keep their places and sizes, clipped to nothing. The other kinds leave the
        layout (``display = False``): hidden, they cost the layout of later moves nothing.
        Either way none of their widgets can take the focus (``allow_focus_children``; not
        displayed: out of the focus chain)."""
        if stowed == self.stowed:
            return
        self.stowed = stowed
        if self.STOW_IN_LAYOUT:
            self.styles.height = 0 if stowed else None
        else:
            self.display = not stowed
        if not stowed and self.screen.focused is not None:
            # The focus stays where it is (the tree): restyled now. Otherwise it is on its way
            # to one of these fields (it left the previous editor: WizardScreen._switch_editor),
            # and restyles the field it lands on; the rest once the move is painted
            # (``restyle_put_off``, from WizardScreen._after_move).
            self.restyle_put_off()

    # Widgets of this editor whose restyle was put off while it was stowed (see put_off).
    _put_off: frozenset[DOMNode] = frozenset()

    def put_off(self, node: DOMNode) -> None:
        """Restyle ``node`` (a widget of this stowed editor) when the editor is shown again.

        Speed (issue 6): Textual restyles a widget whenever it gains or loses the focus (about
        3 ms for a text area); on every move to a question of another kind, the field of the
        editor being stowed loses it, out of sight (WizardApp.update_styles)."""
        self._put_off = self._put_off | {node}

    def restyled(self, node: DOMNode) -> None:
        """``node`` and the widgets in it were restyled: nothing of theirs is put off."""
        if self._put_off:
            self._put_off = frozenset(
                n for n in self._put_off if node not in n.ancestors_with_self)

    def restyle_put_off(self) -> None:
        """Restyle what was put off while the editor was stowed (and not restyled since)."""
        if self.stowed:
            return
        pending, self._put_off = self._put_off, frozenset()
        for node in pending:
            if node.is_attached:
                self.app.update_styles(node)

    def allow_focus_children(self) -> bool:
        return not self.stowed and super().allow_focus_children()

    def load(self, question: Question) -> None:
        """Show another question in this editor (only when ``reusable_for`` it)."""
        raise NotImplementedError

    def flush(self) -> None:
        """Write what the fields hold into the store if it is not there yet (an edit whose
        Changed event has not been handled yet), before the editor is re-pointed or removed."""

    def prepare(self, question: Question) -> None:
        """Get ready to be re-pointed at ``question`` (the next one), when that makes the move
        to it cheaper (see LongTextEditor). Nothing by default."""

    def focus_first(self) -> None:
        for widget in self.query("*"):
            if widget.focusable:
                focus_at_end(widget)
                return

    def focus_item(self, item: str) -> None:
        """Focus the field of an item id ("2.A.1[2].theme"); the first field otherwise."""
        self.focus_first()


def focus_at_end(widget: Widget) -> None:
    """Focus a field with the cursor after its text: the author goes on writing, and nothing
    typed replaces what is there (Textual's Input selects all on focus by default)."""
    if isinstance(widget, TextArea):
        widget.move_cursor(widget.document.end)
    widget.focus()


def text_area(text: str, *, blink: bool, read_only: bool,
              widget_id: str | None = None) -> SafeTextArea:
    area = SafeTextArea(
        text,
        soft_wrap=True,
        show_line_numbers=False,
        tab_behavior="focus",
        read_only=read_only,
        id=widget_id,
    )
    area.cursor_blink = blink
    return area


class AnswerArea(SafeTextArea):
    """The text area of a long-text question, re-pointed from one question to the next.

    Speed (issue 6): Textual's ScrollView refreshes its scrollbar on every layout of the screen
    (it compares the virtual size the layout gives it with its own, which a TextArea sets
    itself: never the same), and that refresh comes after the frame, so that every move to
    another question was painted twice. Here the scrollbar is brought up to date when the text
    is loaded (inside the move's batch, so in its one frame), and a layout that changes neither
    the area's size nor its text's height leaves it alone."""

    _sized: tuple[Any, ...] | None = None

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        key = (size, container_size, self.virtual_size)
        if key == self._sized:
            return False
        self._sized = key
        return super()._size_updated(size, virtual_size, container_size, layout)

    # Inside show_text: a layout asked for is noted, and done only if the area's height can
    # change (see show_text).
    _layout_put_off = False
    _layout_asked = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        if layout and self._layout_put_off:
            self._layout_asked = True
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    # An answer's text made ready to be shown: (text, wrap width, tab width, document,
    # wrapped document). See prepare.
    _prepared: tuple[str, int, int, Document, FastWrappedDocument] | None = None

    def prepare(self, text: str) -> None:
        """Make an answer about to be shown (the next question's) ready while the author reads
        this one: its document, wrapped at the area's width.

        Speed (issue 6): wrapping an answer of 5,000 characters is about a millisecond, on the
        way of the move to it. Used by ``show_text`` if the text and the width are still
        those; dropped otherwise. The document is the area's from then on (edits change it in
        place): it is handed over once, never shared."""
        width, tabs = self.wrap_width, self.indent_width
        if width <= 0:
            return
        document = Document(text)
        wrapped = FastWrappedDocument(document, width=width, tab_width=tabs)
        self._prepared = (text, width, tabs, document, wrapped)

    def _load_plain(self, text: str) -> None:
        """TextArea.load_text (textual 8.2.8) for a plain text, with the cursor at the start.

        Speed (issue 6): load_text wraps the new text twice (at width 0 with Textual's
        WrappedDocument, then at the area's width), and moves the cursor to the start before
        the text is wrapped: that move scrolls the area for it, works out the matching
        bracket, the cursor's place on the screen and its width. A move to the next question
        then moves the cursor again, to the end of the answer (``focus_at_end``), and does it
        all over. Here the text is wrapped once (or not at all: see ``prepare``) and the
        cursor is only set; tests/tui/test_move_cost.py compares the result with load_text's."""
        self.history.clear()
        width, tabs = self.wrap_width, self.indent_width
        prepared, self._prepared = self._prepared, None
        if prepared is not None and prepared[:3] == (text, width, tabs):
            document, wrapped = prepared[3], prepared[4]
        else:
            document = Document(text)
            wrapped = FastWrappedDocument(document, width=width, tab_width=tabs)
        self._highlight_query = None
        self.document = document
        self.wrapped_document = wrapped
        self.navigator = DocumentNavigator(wrapped)
        self._build_highlight_map()
        start = (0, 0)
        self.set_reactive(TextArea.selection, Selection.cursor(start))
        self._matching_bracket_location = self.find_matching_bracket(
            document.get_line(0)[:1], start)
        self.record_cursor_width()
        if self.has_focus:
            self.app.cursor_position = self.cursor_screen_offset
        self._line_cache.clear()
        self._refresh_size()
        self.update_suggestion()

    def show_text(self, text: str) -> None:
        """Load another answer: no Changed event (the text is the store's), and the undo
        history cleared (Ctrl+Z never brings back the previous question's text). The cursor
        is at the start of the text, as TextArea.load_text leaves it.

        Speed (issue 6): a new text has a new height (its virtual size), and Textual lays out
        the whole screen for it. The area's height follows its text only up to its max-height:
        when the text shown before was already taller than the rows the area shows, and the new
        one fills them too, the area keeps its height and no layout is needed."""
        shown = self.scrollable_content_region.height
        before = self.virtual_size.height
        self._layout_put_off, self._layout_asked = True, False
        try:
            if self.language is None and self.soft_wrap:
                self._load_plain(text)  # posts no Changed
            else:
                with self.prevent(TextArea.Changed):
                    self.load_text(text)
        finally:
            self._layout_put_off = False
        after = self.virtual_size.height
        same_height = shown > 0 and after >= shown and (before > shown or before == after)
        if self._layout_asked and not same_height:
            self.refresh(layout=True)
        sized = self._sized
        if sized is not None and sized[0] == self.outer_size:
            self._scroll_update(self.virtual_size)
            self._sized = (sized[0], sized[1], self.virtual_size)


def line_input(value: str, kind: Kind, *, blink: bool, read_only: bool,
               widget_id: str | None = None) -> Input:
    validator = VALIDATORS.get(kind)
    field = SafeInput(
        value,
        placeholder=PLACEHOLDERS.get(kind, ""),
        validators=[validator()] if validator else None,
        validate_on=["changed"] if validator else None,
        disabled=read_only,
        id=widget_id,
        select_on_focus=False,
    )
    field.cursor_blink = blink
    return field


def choice_select(value: str, choices: tuple[str, ...], *, read_only: bool,
                  widget_id: str | None = None) -> Select[str]:
    """A choice (a question's or a table column's): a value that is not one of the choices (an
    old free-text answer) is offered too, so that it is shown and never lost."""
    options: list[tuple[Any, str]] = [(Text(c), c) for c in choices]
    if value and value not in choices:
        options.append((Text(one_line(value, 60)), value))
    return Select(options, prompt="Velg …", allow_blank=True,
                  value=value if value else Select.NULL, id=widget_id, disabled=read_only)


# ---------------------------------------------------------------------------------------------
# Kinds


class LongTextEditor(QuestionEditor):
    def compose(self) -> Any:
        area = AnswerArea(
            self.store.session.answer(self.question.id),
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            read_only=self.read_only,
            id="answer",
        )
        area.cursor_blink = self.blink
        yield area

    def reusable_for(self, question: Question) -> bool:
        return question.kind is Kind.LONG_TEXT

    _shown = ""  # the text as loaded into the area (flush writes only what differs)

    def on_mount(self) -> None:
        self._shown = self.query_one("#answer", AnswerArea).text

    def load(self, question: Question) -> None:
        self.question = question
        area = self.query_one("#answer", AnswerArea)
        area.read_only = self.read_only
        area.show_text(self.store.session.answer(question.id))
        area.scroll_home(animate=False, immediate=True)
        self._shown = area.text

    def prepare(self, question: Question) -> None:
        if self.reusable_for(question):
            self.query_one("#answer", AnswerArea).prepare(self.store.session.answer(question.id))

    def flush(self) -> None:
        text = self.query_one("#answer", AnswerArea).text
        if text != self._shown:  # edited here: opening and leaving alone never writes
            self.set_answer(text)

    @on(SafeTextArea.Changed, "#answer")
    def _typed(self, event: SafeTextArea.Changed) -> None:
        event.stop()
        self.set_answer(event.text_area.text)


class FieldNote(Static):
    """A line under a field (the validation message).

    Speed (issue 6): when its height changes (the first layout, a message after none), the
    layout gives it a new virtual size, and Textual then asks for another layout of the whole
    screen, and so a second frame, for a size that does not scroll (as WizardScreen's
    PaneText)."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


LINE_KINDS = frozenset(
    {Kind.SHORT_TEXT, Kind.NUMBER, Kind.EMAIL, Kind.URL, Kind.YEAR, Kind.DATE}
)


class LineEditor(QuestionEditor):
    """short_text, number, email, url and year: one line, validated where it has a form."""

    STOW_IN_LAYOUT = False

    def compose(self) -> Any:
        value = self.store.session.answer(self.question.id)
        field = line_input(value, self.question.kind, blink=self.blink, read_only=self.read_only,
                           widget_id="answer")
        yield field
        yield FieldNote("", classes="validation", id="validation")
        if self._has_hint(self.question):
            # A number written by hand in the file (not text): kept as it is until replaced.
            extra = self.store.session.extra_answers.get(self.question.id)
            yield Static(Content(f"Lagret i filen: {one_line(str(extra), 60)}"), classes="hint")

    def _has_hint(self, question: Question) -> bool:
        session = self.store.session
        return not session.answer(question.id) and question.id in session.extra_answers

    def reusable_for(self, question: Question) -> bool:
        # The rare hint for a number kept from the file: such a question gets its own editor.
        return (question.kind in LINE_KINDS and not self._has_hint(question)
                and not self._has_hint(self.question))

    @property
    def slot(self) -> object | None:
        return None if self._has_hint(self.question) else LineEditor

    def load(self, question: Question) -> None:
        self.question = question
        field = self.query_one("#answer", Input)
        value = self.store.session.answer(question.id)
        validator = VALIDATORS.get(question.kind)
        field.validators = [validator()] if validator else []
        field.validate_on = {"changed"} if validator else {"blur", "changed", "submitted"}
        field.placeholder = PLACEHOLDERS.get(question.kind, "")
        field.disabled = self.read_only
        with field.prevent(Input.Changed):
            field.value = value
        field.cursor_position = len(value)
        # As a new field: no -valid/-invalid when empty, else validated. Speed (issue 6): the
        # classes are set only where they change (each change restyles the field): validate
        # sets them itself, and the same state as the last question's is no change at all.
        if value:
            self._show(field.validate(value))
        else:
            field.set_class(False, "-valid", "-invalid")
            self._show(None)
        self._shown = field.value

    def flush(self) -> None:
        value = self.query_one("#answer", Input).value
        if value != self._shown:  # edited here: opening and leaving alone never writes
            self.set_answer(value)

    _shown = ""  # the value as loaded into the field (flush writes only what differs)

    def on_mount(self) -> None:
        field = self.query_one("#answer", Input)
        self._shown = field.value
        if field.value:
            self._show(field.validate(field.value))

    _message = ""  # the validation message shown (the field's Static starts empty)

    def _show(self, result: ValidationResult | None) -> None:
        message = ""
        if result is not None and not result.is_valid:
            message = " ".join(result.failure_descriptions)
        # Speed (issue 6): updated only when it changes. Each update asks for a layout of the
        # screen: on every key typed in the field, on every move to a one-line question, and
        # a second frame when the editor is new.
        if message != self._message:
            self._message = message
            self.query_one("#validation", Static).update(Content(message))

    @on(Input.Changed, "#answer")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.set_answer(event.value)
        self._show(event.validation_result)

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._show(event.validation_result)


class YesNoEditor(QuestionEditor):
    STOW_IN_LAYOUT = False

    def compose(self) -> Any:
        value = self.store.session.answer(self.question.id)
        with RadioSet(id="answer", disabled=self.read_only):
            yield RadioButton(YES, value=value == YES, id="yes")
            yield RadioButton(NO, value=value == NO, id="no")
        stored = Static(self._stored(value), classes="validation", id="stored")
        stored.display = self._has_stored(value)
        yield stored

    @staticmethod
    def _has_stored(value: str) -> bool:
        """An answer in the file that is neither yes nor no: shown, never lost."""
        return bool(value) and value not in (YES, NO)

    @staticmethod
    def _stored(value: str) -> Content:
        if not YesNoEditor._has_stored(value):
            return Content("")
        return Content.assemble("Lagret svar: ", literal(one_line(value, 60)))

    def reusable_for(self, question: Question) -> bool:
        return question.kind is Kind.YES_NO

    def load(self, question: Question) -> None:
        """Show another yes/no question: the buttons set as a new editor would have them
        (no Changed event: the value is the store's)."""
        self.question = question
        value = self.store.session.answer(question.id)
        radio = self.query_one("#answer", RadioSet)
        radio.disabled = self.read_only
        yes, no = self.query_one("#yes", RadioButton), self.query_one("#no", RadioButton)
        with self.prevent(RadioButton.Changed, RadioSet.Changed):
            yes.value = value == YES
            no.value = value == NO
        # RadioSet keeps the button pressed to turn it off when another is pressed.
        radio._pressed_button = yes if yes.value else no if no.value else None
        stored = self.query_one("#stored", Static)
        stored.update(self._stored(value))
        stored.display = self._has_stored(value)

    @on(RadioSet.Changed, "#answer")
    def _picked(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.set_answer(YES if event.pressed.id == "yes" else NO)


class ChoiceEditor(QuestionEditor):
    @property
    def slot(self) -> object | None:
        return None  # not kept: cannot be re-pointed (no question of the bank is a choice)

    def compose(self) -> Any:
        value = self.store.session.answer(self.question.id)
        options: list[tuple[Any, str]] = [(Text(c), c) for c in self.question.choices]
        if value and value not in self.question.choices:
            options.append((Text(one_line(value, 60)), value))  # kept, never lost
        select: Select[str] = Select(
            options,
            prompt="Velg …",
            allow_blank=True,
            value=value if value else Select.NULL,
            id="answer",
            disabled=self.read_only,
        )
        yield select

    @on(Select.Changed, "#answer")
    def _picked(self, event: Select.Changed) -> None:
        event.stop()
        value = event.value
        self.set_answer(value if isinstance(value, str) else "")


# ---------------------------------------------------------------------------------------------
# Tables


class RowTable(DataTable[Any]):
    """The rows of a table question. Keys act only while the table has focus."""

    BINDINGS = [
        Binding("insert,a", "editor('add')", "Ny rad", id="row_add"),
        Binding("delete", "editor('remove')", "Fjern rad", id="row_remove"),
        Binding("alt+up", "editor('up')", "Flytt opp", id="row_up"),
        Binding("alt+down", "editor('down')", "Flytt ned", id="row_down"),
    ]

    def action_editor(self, what: str) -> None:
        editor = next((a for a in self.ancestors if isinstance(a, TableEditor)), None)
        if editor is not None:
            editor.row_action(what)


class TableEditor(QuestionEditor):
    """A table question with its own rows (2.A.1, producers, inputs): the rows in a DataTable,
    buttons to add, remove and move rows, and the selected row's fields below."""

    DEFAULT_CSS = """
    TableEditor RowTable { height: auto; max-height: 10; margin-bottom: 1; }
    TableEditor .row-buttons { height: auto; }
    TableEditor .row-buttons Button { min-width: 8; margin-right: 1; }
    TableEditor #row-form { height: auto; }
    TableEditor .row-title { text-style: bold; margin-top: 1; }
    """

    class RowsChanged(Message):
        """Rows were added, removed or moved (the store is already updated)."""

        def __init__(self, editor: TableEditor) -> None:
            super().__init__()
            self.editor = editor

        @property
        def control(self) -> TableEditor:
            return self.editor

    def __init__(self, question: Question, store: SessionStore, *, blink: bool = True) -> None:
        super().__init__(question, store, blink=blink)
        assert question.table is not None
        self.table = question.table
        self.columns: tuple[Column, ...] = question.columns
        self.current = 0
        self._form_row: int | None = None
        self._form_lock = asyncio.Lock()

    @property
    def rows(self) -> list[dict[str, Any]]:
        return self.store.rows(self.table)

    @property
    def slot(self) -> object | None:
        """Not kept: rebuilt on each visit. Measured (issue 6), a table kept hidden and
        reloaded on the next visit was no quicker than a new one (its rows and the row's
        fields are built again either way, and its text area wraps again once shown), and
        its widgets stay in the screen's tree."""
        return None

    def compose(self) -> Any:
        table = RowTable(cursor_type="row", zebra_stripes=True, id="rows")
        table.add_column("Nr.", key="nr")
        for col in self.columns:
            table.add_column(Text(col.label), key=col.key, width=18)
        yield table
        with Horizontal(classes="row-buttons"):
            yield Button("Ny rad", id="add", disabled=self.read_only)
            yield Button("Fjern", id="remove", disabled=self.read_only)
            yield Button("Opp", id="up", disabled=self.read_only)
            yield Button("Ned", id="down", disabled=self.read_only)
        yield Vertical(id="row-form")

    async def on_mount(self) -> None:
        await self.reload()

    def _cell(self, row: dict[str, Any], key: str) -> Text:
        value = row.get(key, "")
        return Text(one_line(value if isinstance(value, str) else str(value), 40))

    async def reload(self, select: int | None = None) -> None:
        table = self.query_one(RowTable)
        table.clear()
        for n, row in enumerate(self.rows, start=1):
            table.add_row(Text(str(n)), *(self._cell(row, c.key) for c in self.columns))
        if select is not None:
            self.current = select
        self.current = max(0, min(self.current, len(self.rows) - 1))
        if self.rows:
            table.move_cursor(row=self.current)
        await self.build_form(force=True)

    async def build_form(self, *, force: bool = False) -> None:
        """The fields of the current row. Serialised: the cursor moving while the form is being
        built must not mount the fields twice."""
        async with self._form_lock:
            if force or self._form_row != self.current or not self.rows:
                await self._build_form()

    async def _build_form(self) -> None:
        form = self.query_one("#row-form", Vertical)
        await form.remove_children()
        self._form_row = None
        if not self.rows:
            await form.mount(Static("Ingen rader ennå. Trykk «Ny rad» for å legge til en.",
                                    classes="hint"))
            return
        index = self.current
        row = self.rows[index]
        widgets: list[Widget] = [Static(Content(f"Rad {index + 1}"), classes="row-title")]
        for col in self.columns:
            label = col.label + (" (valgfritt)" if col.optional else "")
            widgets.append(Label(Content(label), classes="field-label"))
            value = row.get(col.key, "")
            value = value if isinstance(value, str) else str(value)
            if col.kind is Kind.LONG_TEXT:
                field: Widget = text_area(value, blink=self.blink, read_only=self.read_only,
                                          widget_id=f"cell-{col.key}")
            elif col.kind is Kind.CHOICE:
                field = choice_select(value, col.choices, read_only=self.read_only,
                                      widget_id=f"cell-{col.key}")
            else:
                field = line_input(value, col.kind, blink=self.blink, read_only=self.read_only,
                                   widget_id=f"cell-{col.key}")
            widgets.append(field)
        self._form_row = index
        await form.mount_all(widgets)

    def _write_cell(self, key: str, value: str) -> None:
        index = self._form_row
        if index is None or self.read_only or index >= len(self.rows):
            return
        row = self.rows[index]
        if key in row and row[key] == value:
            return
        if key not in row and value == "":
            return
        self.store.set_cell(self.table, index, key, value)
        table = self.query_one(RowTable)
        col = 1 + [c.key for c in self.columns].index(key)
        if index < table.row_count:
            table.update_cell_at(Coordinate(index, col), self._cell(row, key))
        self.changed()

    @on(SafeTextArea.Changed)
    def _area_changed(self, event: SafeTextArea.Changed) -> None:
        event.stop()
        wid = event.text_area.id or ""
        if wid.startswith("cell-"):
            self._write_cell(wid[5:], event.text_area.text)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        wid = event.input.id or ""
        if wid.startswith("cell-"):
            self._write_cell(wid[5:], event.value)

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        wid = event.select.id or ""
        if wid.startswith("cell-"):
            self._write_cell(wid[5:], event.value if isinstance(event.value, str) else "")

    @on(DataTable.RowHighlighted, "#rows")
    async def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.cursor_row != self._form_row and 0 <= event.cursor_row < len(self.rows):
            self.current = event.cursor_row
            await self.build_form()

    @on(DataTable.RowSelected, "#rows")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        form = self.query_one("#row-form")
        for widget in form.query("*"):
            if widget.focusable:
                focus_at_end(widget)
                return

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id:
            self.row_action(event.button.id)

    def row_action(self, what: str) -> None:
        if self.read_only:
            return
        # A removal may wait for a confirmation (a modal): its worker is in the group "modal".
        group = "modal" if what == "remove" else "rows"
        self.run_worker(self._row_action(what), exclusive=True, group=group)

    async def _row_action(self, what: str) -> None:
        rows = self.rows
        if what == "add":
            index = self.store.add_row(self.table)
            await self.reload(select=index)
            self.query_one("#row-form").query("Input, SafeTextArea").first().focus()
        elif what == "remove" and rows:
            index = self.current
            if any(isinstance(v, str) and v.strip() for v in rows[index].values()):
                from ..screens.dialogs import ConfirmScreen

                extra = " (også svarene i 3.A.1)" if self.table == "priorities" else ""
                ok = await self.app.push_screen_wait(
                    ConfirmScreen(f"Fjerne rad {index + 1}? Teksten i raden{extra} blir slettet.",
                                  yes="Fjern", no="Avbryt")
                )
                if not ok:
                    return
            self.store.remove_row(self.table, index)
            await self.reload(select=min(index, len(self.rows) - 1))
        elif what in ("up", "down") and rows:
            target = self.store.move_row(self.table, self.current, -1 if what == "up" else 1)
            await self.reload(select=target)
            self.query_one(RowTable).focus()
        else:
            return
        self.post_message(self.RowsChanged(self))
        self.changed()

    def focus_item(self, item: str) -> None:
        match = re.match(r"^[^\[]+\[(\d+)\]\.(\w+)$", item)
        if not match or not self.rows:
            self.focus_first()
            return
        index, key = int(match.group(1)) - 1, match.group(2)
        if 0 <= index < len(self.rows):
            self.run_worker(self._focus_cell(index, key), exclusive=True, group="rows")

    async def _focus_cell(self, index: int, key: str) -> None:
        self.current = index
        self.query_one(RowTable).move_cursor(row=index)
        await self.build_form(force=True)
        try:
            focus_at_end(self.query_one(f"#cell-{key}"))
        except Exception:
            self.focus_first()


class FollowUpEditor(QuestionEditor):
    """3.A.1: each priority of 2.A.1 (shown read-only) with the five fields of its follow-up."""

    DEFAULT_CSS = """
    FollowUpEditor .priority { height: auto; border: round $primary 50%; padding: 0 1;
                               margin-bottom: 1; }
    FollowUpEditor .priority-title { text-style: bold; }
    FollowUpEditor .priority-facts { color: $text-muted; height: auto; }
    """

    def __init__(self, question: Question, store: SessionStore, *, blink: bool = True) -> None:
        super().__init__(question, store, blink=blink)
        assert question.table is not None
        self.table = question.table
        source = store.bank[question.rows_from] if question.rows_from else question
        self.source_columns = source.columns

    @property
    def slot(self) -> object | None:
        """Not kept: rebuilt on each visit. Its rows follow 2.A.1, and its many text areas
        would weigh on every later move (kept widgets are not free: each one stays in the
        screen's tree)."""
        return None

    def compose(self) -> Any:
        rows = self.store.rows(self.table)
        if not rows:
            yield Static(
                "Ingen prioriteringer ennå. Legg dem til i 2.A.1 først; de vises her.",
                classes="hint",
            )
            yield Button("Gå til 2.A.1", id="goto-source")
            return
        for n, row in enumerate(rows):
            with Vertical(classes="priority"):
                yield Static(Content(f"Prioritering {n + 1}"), classes="priority-title")
                facts = []
                for col in self.source_columns:
                    value = row.get(col.key, "")
                    shown = visible(value if isinstance(value, str) else str(value)).strip()
                    facts.append(Content.assemble((f"{col.label}: ", "bold"),
                                                  shown or "(ikke utfylt)"))
                yield Static(Content("\n").join(facts), classes="priority-facts")
                for col in self.question.columns:
                    label = col.label + (" (valgfritt)" if col.optional else "")
                    yield Label(Content(label), classes="field-label")
                    value = row.get(col.key, "")
                    yield text_area(value if isinstance(value, str) else str(value),
                                    blink=self.blink, read_only=self.read_only,
                                    widget_id=f"p{n}-{col.key}")

    @on(Button.Pressed, "#goto-source")
    def _goto(self, event: Button.Pressed) -> None:
        event.stop()
        if self.question.rows_from:
            self.post_message(self.JumpRequested(self, self.question.rows_from))

    @on(SafeTextArea.Changed)
    def _typed(self, event: SafeTextArea.Changed) -> None:
        event.stop()
        match = re.match(r"^p(\d+)-(\w+)$", event.text_area.id or "")
        if not match or self.read_only:
            return
        index, key, value = int(match.group(1)), match.group(2), event.text_area.text
        rows = self.store.rows(self.table)
        if index >= len(rows):
            return
        row = rows[index]
        if row.get(key, "") == value:
            return
        self.store.set_cell(self.table, index, key, value)
        self.changed()

    def focus_item(self, item: str) -> None:
        match = re.match(r"^[^\[]+\[(\d+)\]\.(\w+)$", item)
        if match:
            try:
                focus_at_end(self.query_one(f"#p{int(match.group(1)) - 1}-{match.group(2)}"))
                return
            except Exception:
                pass
        self.focus_first()


# ---------------------------------------------------------------------------------------------
# Not applicable


class NotApplicable(Vertical):
    """"Ikke relevant" for one question, with the reason."""

    DEFAULT_CSS = """
    NotApplicable { height: auto; margin-top: 1; }
    NotApplicable #na-reason { display: none; }
    NotApplicable.-on #na-reason { display: block; }
    """

    class Changed(Message):
        def __init__(self, widget: NotApplicable) -> None:
            super().__init__()
            self.widget = widget
            self.question_id = widget.question_id  # now: the widget may be re-pointed (load)

        @property
        def control(self) -> NotApplicable:
            return self.widget

    def __init__(self, question_id: str, store: SessionStore, *, blink: bool = True,
                 widget_id: str | None = None) -> None:
        reason = store.session.not_applicable.get(question_id)
        super().__init__(classes="-on" if reason is not None else "", id=widget_id)
        self.question_id = question_id
        self.store = store
        self.blink = blink

    def compose(self) -> Any:
        reason = self.store.session.not_applicable.get(self.question_id)
        yield Checkbox("Ikke relevant", value=reason is not None, id="na-check",
                       disabled=self.store.read_only)
        if reason is not None:
            yield self._new_reason_field(reason)

    # Speed (issue 6): the reason's field is made when a question is first marked "Ikke
    # relevant" (or shown marked), not for every question: an Input, with its styles, was a
    # tenth of the work of the wizard's first frame. Once made it stays, hidden when not on.

    def _new_reason_field(self, reason: str) -> Input:
        field = SafeInput(reason, placeholder="Begrunnelse (hvorfor er dette ikke relevant?)",
                          id="na-reason", disabled=self.store.read_only, select_on_focus=False)
        field.cursor_blink = self.blink
        return field

    def reason_field(self, *, make: bool = False) -> Input | None:
        """The reason's field; with ``make``, made now if it is not there yet."""
        found = self.query_children("#na-reason")
        if found:
            return found.first(Input)
        if not make:
            return None
        field = self._new_reason_field("")
        self.mount(field)
        return field

    @property
    def is_on(self) -> bool:
        return self.question_id in self.store.session.not_applicable

    def load(self, question_id: str) -> None:
        """Show another question's choice (the widget stays on screen from one question to
        the next; see QuestionEditor.load)."""
        self.question_id = question_id
        reason = self.store.session.not_applicable.get(question_id)
        box = self.query_one("#na-check", Checkbox)
        field = self.reason_field(make=reason is not None)
        with self.prevent(Checkbox.Changed, Input.Changed):
            box.value = reason is not None
            if field is not None:
                field.value = reason or ""
        if field is not None:
            field.cursor_position = len(field.value)
        self.set_class(reason is not None, "-on")

    def flush(self) -> None:
        """Write a choice whose Changed event has not been handled yet (see load)."""
        self._sync()
        self._sync_reason()

    def toggle(self) -> None:
        if not self.store.read_only:
            box = self.query_one("#na-check", Checkbox)
            box.value = not box.value

    @on(Checkbox.Changed, "#na-check")
    def _checked(self, event: Checkbox.Changed) -> None:
        event.stop()
        # The box's value now, not the event's: the widget may show another question by now.
        self.set_class(self.query_one("#na-check", Checkbox).value, "-on")
        if self._sync():
            field = self.reason_field(make=True)
            if field is not None:
                field.focus()

    def _sync(self) -> bool:
        """The checkbox into the store; True if it was just turned on."""
        on_now = self.query_one("#na-check", Checkbox).value
        if self.store.read_only or on_now == self.is_on:
            return False
        field = self.reason_field()
        reason = field.value if field is not None else ""
        self.store.set_not_applicable(self.question_id, reason if on_now else None)
        self.post_message(self.Changed(self))
        return on_now

    @on(Input.Changed, "#na-reason")
    def _reason(self, event: Input.Changed) -> None:
        event.stop()
        self._sync_reason()

    def _sync_reason(self) -> None:
        field = self.reason_field()
        if self.store.read_only or not self.is_on or field is None:
            return
        value = field.value
        if self.store.session.not_applicable.get(self.question_id) == value:
            return
        self.store.set_not_applicable(self.question_id, value)
        self.post_message(self.Changed(self))


# ---------------------------------------------------------------------------------------------
# The factory


def make_long_text(q: Question, store: SessionStore, blink: bool) -> QuestionEditor:
    return LongTextEditor(q, store, blink=blink)


def make_line(q: Question, store: SessionStore, blink: bool) -> QuestionEditor:
    return LineEditor(q, store, blink=blink)


def make_yes_no(q: Question, store: SessionStore, blink: bool) -> QuestionEditor:
    return YesNoEditor(q, store, blink=blink)


def make_choice(q: Question, store: SessionStore, blink: bool) -> QuestionEditor:
    return ChoiceEditor(q, store, blink=blink)


def make_table(q: Question, store: SessionStore, blink: bool) -> QuestionEditor:
    if q.rows_from:
        return FollowUpEditor(q, store, blink=blink)
    return TableEditor(q, store, blink=blink)


FACTORIES: dict[Kind, Callable[[Question, SessionStore, bool], QuestionEditor]] = {
    Kind.LONG_TEXT: make_long_text,
    Kind.SHORT_TEXT: make_line,
    Kind.NUMBER: make_line,
    Kind.EMAIL: make_line,
    Kind.URL: make_line,
    Kind.YEAR: make_line,
    Kind.DATE: make_line,
    Kind.YES_NO: make_yes_no,
    Kind.CHOICE: make_choice,
    Kind.TABLE: make_table,
}


def make_editor(question: Question, store: SessionStore, *, blink: bool = True) -> QuestionEditor:
    return FACTORIES[question.kind](question, store, blink)
