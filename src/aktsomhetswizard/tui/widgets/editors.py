"""Editors for the question pane, one per kind of question, built by small factory functions.

Every editor writes to the SessionStore on each Changed event (the store only marks the session
dirty; saving is the screen's job), and then posts ``QuestionEditor.AnswerChanged`` so the screen
can update the statuses and schedule an autosave. Loading a value into a widget fires Changed
events too; the editors compare with the store first, so opening a question never marks the
session dirty.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any, ClassVar, Generic, Self, TypeVar, cast

from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
    TextArea,
)

from ... import fields, limits
from ...bank import Column, Kind, Question
from ...fields import NO, YES, cell_text, shown_text
from ...labels import parse_path
from ...store import SessionStore
from ...textsafe import one_line
from ..textual_compat import (
    no_layout_for_virtual_size,
    scrollbars_follow_now,
    steady_scrollbars,
)
from .rowtable import RowList
from .safe_text_area import SafeInput, SafeTextArea
from .toggles import MarkedCheckbox, MarkedRadioButton


class KindValidator(Validator):
    """The check of ``fields.problem`` for a kind, as Textual's Validator."""

    def __init__(self, kind: Kind) -> None:
        super().__init__()
        self.kind = kind

    def validate(self, value: str) -> ValidationResult:
        problem = fields.problem(self.kind, value)
        return self.success() if problem is None else self.failure(problem)


def validators(kind: Kind) -> list[Validator] | None:
    """The validators of a one-line field of ``kind`` (None: not checked)."""
    return [KindValidator(kind)] if kind in fields.CHECKED else None


_W = TypeVar("_W", bound=Widget)


class Posted(Message, Generic[_W]):
    """A message of an editor's (or NotApplicable's): ``editor`` is the widget that posted it,
    and its ``control``, so that ``@on(..., selector)`` works."""

    def __init__(self, editor: _W) -> None:
        super().__init__()
        self.editor = editor

    @property
    def control(self) -> _W:
        return self.editor


# ---------------------------------------------------------------------------------------------
# Base class


@no_layout_for_virtual_size  # the pane scrolls, not the editor (see textual_compat)
class QuestionEditor(Vertical):
    """The editor of one question. Subclasses write to the store and call ``changed()``."""

    DEFAULT_CSS = """
    QuestionEditor { height: auto; }
    QuestionEditor .validation { color: $error; height: auto; }
    QuestionEditor .field-label { margin-top: 1; color: $text-muted; width: 100%; }
    """

    class AnswerChanged(Posted["QuestionEditor"]):
        """The author changed the answer (already in the store)."""

        def __init__(self, editor: QuestionEditor) -> None:
            super().__init__(editor)
            # Taken now: an editor can be re-pointed at another question (``load``) before
            # this message is handled.
            self.question_id = editor.question.id

    class JumpRequested(Posted["QuestionEditor"]):
        """The editor asks to go to another question (3.A.1 → 2.A.1)."""

        def __init__(self, editor: QuestionEditor, question_id: str) -> None:
            super().__init__(editor)
            self.question_id = question_id

    def __init__(self, question: Question, store: SessionStore, *, blink: bool = True) -> None:
        super().__init__(classes=f"editor editor-{question.kind.value}")
        self.question = question
        self.store = store
        self.blink = blink

    @property
    def read_only(self) -> bool:
        return self.store.read_only

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

    def allow_focus_children(self) -> bool:
        return not self.stowed and super().allow_focus_children()

    def load(self, question: Question) -> None:
        """Show another question in this editor (only when ``reusable_for`` it)."""
        raise NotImplementedError

    def flush(self) -> None:
        """Write what the fields hold into the store if it is not there yet (an edit whose
        Changed event has not been handled yet), before the editor is re-pointed or removed."""

    def focus_first(self) -> None:
        for widget in self.query("*"):
            if widget.focusable:
                focus_field(widget)
                return

    def focus_item(self, item: str) -> None:
        """Focus the field of an item id ("2.A.1[2].theme"); the first field otherwise."""
        self.focus_first()

    def focused_item(self) -> str | None:
        """The item id of the field that has the focus ("3.A.1[3].results"), the question's id
        for an editor of one field, None when the focus is not in this editor."""
        focused = self.app.focused
        if focused is None or self not in focused.ancestors:
            return None
        return self.question.id


def focus_field(widget: Widget) -> None:
    """Focus a field. A text area opens at the top, the cursor at the start: a long answer is
    read from its beginning (issue 15). A one-line field keeps its cursor after the text, and
    nothing typed replaces what is there (Inputs are made with select_on_focus=False)."""
    if isinstance(widget, TextArea):
        widget.move_cursor((0, 0))
        widget.scroll_home(animate=False)
    widget.focus()


def text_area(text: str, *, blink: bool, read_only: bool, widget_id: str | None = None,
              cls: type[SafeTextArea] = SafeTextArea, **options: Any) -> SafeTextArea:
    """A text field: wrapped, Tab moves on (never a tab character typed)."""
    area = cls(text, soft_wrap=True, show_line_numbers=False, tab_behavior="focus",
               read_only=read_only, id=widget_id, **options)
    area.cursor_blink = blink
    return area


@steady_scrollbars  # see textual_compat
class AnswerArea(SafeTextArea):
    """The text area of a long-text question, re-pointed from one question to the next."""

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
            with self.prevent(TextArea.Changed):
                self.load_text(text)
        finally:
            self._layout_put_off = False
        after = self.virtual_size.height
        same_height = shown > 0 and after >= shown and (before > shown or before == after)
        if self._layout_asked and not same_height:
            self.refresh(layout=True)
        scrollbars_follow_now(self)


def line_input(value: str, kind: Kind, *, blink: bool, read_only: bool,
               widget_id: str | None = None, placeholder: str | None = None,
               cls: type[SafeInput] = SafeInput, **options: Any) -> SafeInput:
    """A one-line field, checked as the author types where its kind has a form."""
    checks = validators(kind)
    field = cls(
        value,
        placeholder=fields.placeholder(kind) if placeholder is None else placeholder,
        validators=checks,
        validate_on=["changed"] if checks else None,
        disabled=read_only,
        id=widget_id,
        select_on_focus=False,
        **options,
    )
    field.cursor_blink = blink
    return field


def choice_options(choices: tuple[str, ...], value: str) -> list[tuple[Any, str]]:
    """The options of a Select (``fields.choice_options``), each shown as text, never markup."""
    return [(Text(v if v in choices else one_line(v, 60)), v)
            for v in fields.choice_options(choices, value)]


# ---------------------------------------------------------------------------------------------
# Kinds


class LongTextEditor(QuestionEditor):
    """A long answer. An answer that holds the portal's HTML is shown as its text (issue 13:
    paragraphs and "- " items, never tags); the file keeps the HTML until the author edits the
    text shown (which is then stored) or converts it (the palette's «Gjør om HTML til ren
    tekst»). Opening and leaving it alone writes nothing."""

    def shown_answer(self, question: Question) -> str:
        return shown_text(self.store.session.answer(question.id))

    def compose(self) -> Any:
        yield text_area(self.shown_answer(self.question), blink=self.blink,
                        read_only=self.read_only, widget_id="answer", cls=AnswerArea)

    def reusable_for(self, question: Question) -> bool:
        return question.kind is Kind.LONG_TEXT

    _shown = ""  # the text as loaded into the area (flush writes only what differs)

    def on_mount(self) -> None:
        self._shown = self.query_one("#answer", AnswerArea).text

    def load(self, question: Question) -> None:
        self.question = question
        area = self.query_one("#answer", AnswerArea)
        area.read_only = self.read_only
        area.show_text(self.shown_answer(question))
        area.scroll_home(animate=False, immediate=True)
        self._shown = area.text

    def flush(self) -> None:
        text = self.query_one("#answer", AnswerArea).text
        if text != self._shown:  # edited here: opening and leaving alone never writes
            self.set_answer(text)

    @on(SafeTextArea.Changed, "#answer")
    def _typed(self, event: SafeTextArea.Changed) -> None:
        event.stop()
        self.set_answer(event.text_area.text)


@no_layout_for_virtual_size  # see textual_compat
class FieldNote(Static):
    """A line under a field (the validation message)."""


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
        checks = validators(question.kind)
        field.validators = checks or []
        field.validate_on = {"changed"} if checks else {"blur", "changed", "submitted"}
        field.placeholder = fields.placeholder(question.kind)
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
        if event.value != event.input.value:
            # Older than the field's text: typed before the editor was re-pointed at another
            # question (flush wrote it to its own question). Its value must not be written to
            # the question shown now (issue 14, found by the monkey test); a later Changed
            # carries the text as it is.
            return
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
            yield MarkedRadioButton(YES, value=value == YES, id="yes")
            yield MarkedRadioButton(NO, value=value == NO, id="no")
        stored = Static(self._stored(value), classes="validation", id="stored")
        stored.display = fields.yes_no_stored(value)
        yield stored

    @staticmethod
    def _stored(value: str) -> Content:
        if not fields.yes_no_stored(value):
            return Content("")
        return Content.assemble("Lagret svar: ", one_line(value, 60))

    def reusable_for(self, question: Question) -> bool:
        """A yes/no question; not an unanswered one while a button is pressed here (a RadioSet
        never lets go of its pressed button: a new editor shows none pressed)."""
        if question.kind is not Kind.YES_NO:
            return False
        value = self.store.session.answer(question.id)
        if value in (YES, NO):
            return True
        radios = self.query_children("#answer")
        return not radios or radios.first(RadioSet).pressed_button is None

    def load(self, question: Question) -> None:
        """Show another yes/no question: the buttons set as a new editor would have them
        (no Changed event: the value is the store's)."""
        self.question = question
        value = self.store.session.answer(question.id)
        radio = self.query_one("#answer", RadioSet)
        radio.disabled = self.read_only
        yes, no = self.query_one("#yes", RadioButton), self.query_one("#no", RadioButton)
        want = yes if value == YES else no if value == NO else None
        if want is not None and not want.value:
            other = no if want is yes else yes
            with self.prevent(RadioButton.Changed, RadioSet.Changed):
                other.value = False
            # The set hears of this one (and so notes it as its pressed button), but says
            # nothing: the value is the store's.
            with self.prevent(RadioSet.Changed):
                want.value = True
        stored = self.query_one("#stored", Static)
        stored.update(self._stored(value))
        stored.display = fields.yes_no_stored(value)

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
        select: Select[str] = Select(
            choice_options(self.question.choices, value),  # an old value kept, never lost
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


# Keys that add a row from anywhere in a table editor (the row form's fields included). No
# letter is a command: a letter typed on the table or a button goes into the row (route_key).
ADD_ROW_KEYS = frozenset({"ctrl+r", "insert"})


class TableKeys:
    """For the widgets of a rows editor (the table, its buttons, the row form's fields): every
    key they receive goes through ``RowsEditor.route_key`` first (issue 14: keys typed while
    the focus moves land where the focus went, in order)."""

    def on_key(self, event: events.Key) -> None:
        widget = cast(Widget, self)
        focused = widget.screen.focused
        if focused is not None and focused is not widget and widget in focused.ancestors:
            return  # a key of a widget inside this one (a Select's open list): its own
        editor = next((a for a in widget.ancestors if isinstance(a, RowsEditor)), None)
        if editor is not None:
            editor.route_key(widget, event)


@steady_scrollbars  # see textual_compat
class RowTable(TableKeys, RowList):
    """The rows of a table question (only the rows in view are drawn: see rowtable.py)."""

    BINDINGS = [
        Binding("delete", "editor('remove')", "Fjern rad", id="row_remove"),
        Binding("alt+up", "editor('up')", "Flytt opp", id="row_up", show=False),
        Binding("alt+down", "editor('down')", "Flytt ned", id="row_down", show=False),
    ]

    def action_editor(self, what: str) -> None:
        editor = next((a for a in self.ancestors if isinstance(a, TableEditor)), None)
        if editor is not None:
            editor.row_action(what)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "editor":  # 3.A.1's rows come from 2.A.1: no row keys there
            return any(isinstance(a, TableEditor) for a in self.ancestors)
        return super().check_action(action, parameters)


class RowButton(TableKeys, Button):
    """A button of a table editor (Ny rad, Fjern, Opp, Ned)."""


class CellInput(TableKeys, SafeInput):
    """A one-line field of the row form."""


@steady_scrollbars  # see textual_compat
class CellArea(TableKeys, SafeTextArea):
    """A text field of the row form."""


class CellSelect(TableKeys, Select[str]):
    """A choice of the row form (2.A.1's «Relatert tema», issue 12): its keys are routed as the
    other fields' are, so that keys typed after a Tab land in the next field. The keys of its
    open list (focused inside it) are the list's own (TableKeys)."""


# The table's cursor keys (RowList's bindings), acted on when the key arrives.
TABLE_MOVES: dict[str, Callable[[RowList], None]] = {
    "up": lambda t: t.action_cursor(-1), "down": lambda t: t.action_cursor(1),
    "pageup": lambda t: t.action_page(-1), "pagedown": lambda t: t.action_page(1),
    "home": lambda t: t.action_to(0), "end": lambda t: t.action_to(-1),
}


class RowsEditor(QuestionEditor):
    """A question whose answer is rows of fields: the rows in a table (RowTable: it draws
    only the rows in view), and the fields of the row the table's cursor is on in a form
    below.

    Issue 14: the form is built once, with the editor, and re-pointed at the row the cursor is
    on (``show_row``: synchronous, nothing mounted or removed), so that the focus never lands
    on a removed field, and a new row's fields start empty. Keys typed while the focus moves
    (a new row, then its text at once) are routed by ``route_key``: a key that reaches one of
    the editor's widgets after the focus left it goes on to the focused one.

    Issue 16: the editor stays mounted when the author leaves the question (stowed, one per
    table and kind: ``slot``) and is re-pointed on the next visit (``load``): the table's rows
    are updated in place where they differ from the store."""

    DEFAULT_CSS = """
    RowsEditor RowTable { height: auto; max-height: 12; }
    RowsEditor #row-form { height: auto; }
    RowsEditor .row-title { text-style: bold; margin-top: 1; }
    RowsEditor #row-form.-empty .row-field { display: none; }
    RowsEditor #row-form #row-hint { display: none; }
    RowsEditor #row-form.-empty #row-hint { display: block; }
    RowsEditor CellArea { min-height: 3; }
    """

    STOW_IN_LAYOUT = False
    HINT = ""

    def __init__(self, question: Question, store: SessionStore, *, blink: bool = True) -> None:
        super().__init__(question, store, blink=blink)
        assert question.table is not None
        self.table = question.table
        # The fields of a row, in the form.
        self.columns: tuple[Column, ...] = question.columns
        self.current = 0
        self._form_row: int | None = None
        # The values the table shows, row by row (compared with the store on a new visit).
        self._shown: list[tuple[str, ...]] = []
        # A choice column's value outside its choices, offered while its row is shown.
        self._choice_extra: dict[str, str] = {}

    @property
    def rows(self) -> list[dict[str, Any]]:
        return self.store.rows(self.table)

    @property
    def slot(self) -> object | None:
        return (type(self), self.table)

    def reusable_for(self, question: Question) -> bool:
        return (editor_class(question) is type(self) and question.table == self.table
                and question.columns == self.columns)

    # -- what the table shows (subclasses) -----------------------------------------------------

    def table_columns(self) -> list[tuple[str, int]]:
        """(label, weight) of the table's columns after «Nr.»: they share the width there is
        by their weights."""
        return fields.table_columns(self.columns)

    def table_values(self, row: dict[str, Any]) -> tuple[str, ...]:
        """The texts of a row's cells after «Nr.», in full (cut when shown)."""
        return fields.row_cells(self.columns, row)

    # -- building -----------------------------------------------------------------------------

    def compose_table(self) -> Any:
        columns = self.table_columns()
        yield RowTable([label for label, _ in columns], [weight for _, weight in columns],
                       id="rows")

    def compose_form(self) -> Any:
        yield Static(self.HINT, classes="hint", id="row-hint")
        yield Static("", classes="row-title row-field", id="row-title")
        yield from self.compose_row_extra()
        for col in self.columns:
            label = col.label + (" (valgfritt)" if col.optional else "")
            yield Label(Content(label), classes="field-label row-field")
            yield self.make_field(col)

    def compose_row_extra(self) -> Any:
        """Widgets of the form between the row's title and its fields."""
        return ()

    def make_field(self, col: Column) -> Widget:
        if col.kind is Kind.LONG_TEXT:
            return text_area("", blink=self.blink, read_only=self.read_only,
                             widget_id=f"cell-{col.key}", cls=CellArea, classes="row-field")
        if col.kind is Kind.CHOICE:  # 2.A.1's «Relatert tema» (issue 12)
            return CellSelect(choice_options(col.choices, ""), prompt="Velg …",
                              allow_blank=True, id=f"cell-{col.key}", classes="row-field",
                              disabled=self.read_only)
        return line_input("", col.kind, blink=self.blink, read_only=self.read_only,
                          widget_id=f"cell-{col.key}", cls=CellInput, compact=True,
                          placeholder=fields.cell_placeholder(col), classes="row-field")

    def on_mount(self) -> None:
        self.reload()

    def _fields(self) -> list[tuple[Column, Widget]]:
        return [(c, self.query_one(f"#cell-{c.key}")) for c in self.columns]

    @staticmethod
    def _field_value(field: Widget) -> str:
        if isinstance(field, TextArea):
            return field.text
        if isinstance(field, Input):
            return field.value
        if isinstance(field, Select):
            value = field.value
            return value if isinstance(value, str) else ""
        return ""

    # -- the rows in the table ----------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """Fill the table from the store (all rows) and show the current row in the form."""
        self._shown = [self.table_values(r) for r in self.rows]
        self.query_one(RowTable).set_rows(self._shown)  # drawn from this very list
        if select is not None:
            self.current = select
        self._form_row = None
        self._select(self.current)

    def _sync_rows(self) -> None:
        """Bring the table up to date with the store, in place: only the cells that differ."""
        rows = self.rows
        shown = self._shown
        count = len(shown)
        for n, row in enumerate(rows[:count]):
            if shown[n] != (values := self.table_values(row)):
                shown[n] = values
        shown[len(rows):] = []
        shown.extend(self.table_values(row) for row in rows[count:])
        self.query_one(RowTable).rows_changed()

    def _update_row(self, index: int) -> None:
        """Show row ``index`` of the store in the table (its cells may have changed)."""
        values = self.table_values(self.rows[index])
        if self._shown[index] != values:
            self._shown[index] = values
            self.query_one(RowTable).row_changed(index)

    def _select(self, index: int) -> None:
        """Put the table's cursor on row ``index`` (clamped) and show that row in the form."""
        rows = self.rows
        self.current = max(0, min(index, len(rows) - 1))
        if rows:
            self.query_one(RowTable).move_cursor(self.current)
        self.show_row(self.current if rows else None)

    # -- the row form ---------------------------------------------------------------------------

    def show_row(self, index: int | None) -> None:
        """Show row ``index`` in the form (None: no rows). What the form holds for the row
        shown before is written into the store first (``flush``)."""
        self.flush()
        form = self.query_one("#row-form", Vertical)
        rows = self.rows
        if index is None or not 0 <= index < len(rows):
            self._form_row = None
            form.set_class(True, "-empty")
            return
        self._form_row = index
        row = rows[index]
        self.query_one("#row-title", Static).update(Content(self.row_title(index)))
        self.show_row_extra(row)
        self._shown_as_text = {}
        for col, field in self._fields():
            value = cell_text(row.get(col.key, ""))
            if isinstance(field, TextArea):
                text = shown_text(value)
                if text != value:  # the portal's HTML, shown as its text (issue 13)
                    self._shown_as_text[col.key] = value = text
                if field.text != value:
                    with field.prevent(TextArea.Changed):
                        field.load_text(value)
                field.read_only = self.read_only
            elif isinstance(field, Input):
                if field.value != value:
                    with field.prevent(Input.Changed):
                        field.value = value
                    field.cursor_position = len(value)
                if value:
                    field.validate(value)
                else:
                    field.set_class(False, "-valid", "-invalid")
            elif isinstance(field, Select):
                with field.prevent(Select.Changed):
                    # An old free-text value is offered beside the choices while it is shown.
                    extra = value if value and value not in col.choices else ""
                    if self._choice_extra.get(col.key, "") != extra:
                        field.set_options(choice_options(col.choices, extra))
                        self._choice_extra[col.key] = extra
                    field.value = value if value else Select.NULL
        form.set_class(False, "-empty")

    def row_title(self, index: int) -> str:
        return f"Rad {index + 1}"

    def show_row_extra(self, row: dict[str, Any]) -> None:
        """Show a row in the widgets of ``compose_row_extra``."""

    def flush(self) -> None:
        """Write what the form holds into the row it shows, where it differs from the store
        (an edit whose Changed event has not been handled yet)."""
        if self._form_row is None:
            return
        for col, field in self._fields():
            self._write_cell(col.key, self._field_value(field))

    # Fields of the row shown that hold the portal's HTML shown as its text (issue 13): the text
    # shown, by column key. Left alone, such a field writes nothing; an edit stores its text.
    _shown_as_text: dict[str, str] = {}

    def _write_cell(self, key: str, value: str) -> None:
        index = self._form_row
        if index is None or self.read_only or index >= len(self.rows):
            return
        row = self.rows[index]
        if row.get(key, "") == value and (key in row or value == ""):
            return
        if self._shown_as_text.get(key) == value:
            return  # as shown: not edited
        self._shown_as_text.pop(key, None)
        self.store.set_cell(self.table, index, key, value)
        self._update_row(index)
        self.changed()

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Select.Changed)
    def _cell_changed(self, event: TextArea.Changed | Input.Changed | Select.Changed) -> None:
        event.stop()
        # The field's value now, not the event's: the form may show another row by now (the
        # row it was typed in got it from ``flush``), and the event's value is not that row's.
        wid = event.control.id or ""
        if wid.startswith("cell-"):
            self._write_cell(wid[5:], self._field_value(event.control))

    @on(RowList.RowHighlighted, "#rows")
    def _row_highlighted(self, event: RowList.RowHighlighted) -> None:
        event.stop()
        self._follow_cursor()

    def _follow_cursor(self) -> None:
        """Show the row the table's cursor is on now in the form (RowHighlighted may come
        after the keys typed behind the key that moved the cursor: see route_key)."""
        index = self.query_one(RowTable).cursor_row
        if index != self._form_row and 0 <= index < len(self.rows):
            self.current = index
            self.show_row(index)

    @on(RowList.RowSelected, "#rows")
    def _row_selected(self, event: RowList.RowSelected) -> None:
        event.stop()
        self._focus_field(None)

    def _focus_field(self, key: str | None) -> None:
        """Focus a field of the form (the first one without ``key``), at once: keys already
        typed after the one that brought the author here follow it (``route_key``)."""
        if self._form_row is None:
            return
        fields = self._fields()
        if not fields:
            return
        field = next((f for c, f in fields if c.key == key), fields[0][1])
        if isinstance(field, TextArea):
            field.move_cursor(field.document.end)
        self.screen.set_focus(field)

    def focused_item(self) -> str | None:
        focused = self.app.focused
        if focused is None or self not in focused.ancestors:
            return None
        match = re.match(r"^cell-(\w+)$", focused.id or "")
        if match is None or self._form_row is None:
            return self.question.id
        return f"{self.question.id}[{self._form_row + 1}].{match.group(1)}"

    # -- keys -------------------------------------------------------------------------------------

    def route_key(self, widget: Widget, event: events.Key) -> None:
        """A key that reached ``widget`` (one of this editor's), before the widget acts on it.

        A terminal delivers what is typed quickly in one go, and Textual hands each key to the
        widget focused when the key is read: the keys typed after «new row» reach the table,
        those typed after Tab the field left. Such a key (the focus is elsewhere now) goes on
        to the focused widget, in order; nothing is dropped or typed into the wrong row.
        Tab and Shift+Tab move the focus when the key arrives (not once it has gone up to the
        screen's binding, after the keys typed behind it)."""
        focused = self.screen.focused
        if focused is not None and focused is not widget and focused.is_attached:
            forwarded = copy.copy(event)
            event.stop()
            event.prevent_default()
            focused.post_message(forwarded)
            return
        if self.handle_row_key(widget, event):
            event.stop()
            event.prevent_default()
        elif (isinstance(widget, (RowTable, RowButton)) and event.is_printable
              and event.character and (event.key != "space" or isinstance(widget, RowTable))):
            # Text typed on the table or a button is the row's: it goes into the selected
            # row's first text field, after what is there (a new row when there is none).
            # Nothing typed is dropped, and no letter is a command.
            forwarded = copy.copy(event)  # before stop(): the copy is acted on
            event.stop()
            event.prevent_default()
            self.type_into_row(forwarded)
        elif isinstance(widget, RowTable) and event.key in TABLE_MOVES:
            # The cursor moves now, not once the key has gone up to the binding: "down",
            # Enter and text typed at once go to the row below.
            event.stop()
            event.prevent_default()
            TABLE_MOVES[event.key](widget)
            self._follow_cursor()
        elif event.key == "enter" and isinstance(widget, RowTable):
            # Into the row's form now: what is typed next is the row's (as after Tab).
            event.stop()
            event.prevent_default()
            self._focus_field(None)
        elif event.key in ("ctrl+down", "ctrl+up") and self.rows:
            # The next (previous) row, from the table or from inside the form (then into
            # that row's first field, as after a new row).
            event.stop()
            event.prevent_default()
            self._select(self.current + (1 if event.key == "ctrl+down" else -1))
            if not isinstance(widget, RowTable):
                self._focus_field(None)
        elif event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            if event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()

    def handle_row_key(self, widget: Widget, event: events.Key) -> bool:
        """Act on a key of the editor's own (True: handled)."""
        return False

    def action_noop(self) -> None:
        """A key of the bindings that was handled when it arrived (route_key)."""

    def type_into_row(self, event: events.Key) -> None:
        """A character typed on the table or a button: into the selected row's first text
        field, the cursor after its text (``add_row_for_typing`` makes a row when there is
        none)."""
        if not self.rows and not self.add_row_for_typing():
            return
        if self._form_row is None:
            self._select(self.current)
        text_field = next((c.key for c, f in self._fields()
                           if isinstance(f, (Input, TextArea))), None)
        self._focus_field(text_field)
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            focused.post_message(event)

    def add_row_for_typing(self) -> bool:
        """A row for what is typed on an empty table (False: there can be none here)."""
        self.notify(self.HINT, severity="warning")
        return False

    # -- visits -------------------------------------------------------------------------------

    def load(self, question: Question) -> None:
        self.question = question
        self._sync_rows()
        self._form_row = None
        self._select(self.current)

    def focus_first(self) -> None:
        self.query_one(RowTable).focus()

    def focus_item(self, item: str) -> None:
        _question, row, key = parse_path(item)
        if row is None or key is None or not 0 < row <= len(self.rows):
            self.focus_first()
            return
        self._select(row - 1)
        self._focus_field(key)


class TableEditor(RowsEditor):
    """A table question with its own rows (2.A.1, producers, inputs): the rows, buttons to
    add, remove and move rows, and the selected row's fields below."""

    BINDINGS = [
        Binding("ctrl+r,insert", "add_row", "Ny rad", id="table_add_row"),
        # Handled when the key arrives (route_key); listed for the help and the footer.
        Binding("ctrl+down", "noop", "Neste rad", id="table_next_row", show=False),
        Binding("ctrl+up", "noop", "Forrige rad", id="table_previous_row", show=False),
    ]

    DEFAULT_CSS = """
    TableEditor .row-buttons { height: auto; }
    TableEditor #row-form .field-label { margin-top: 0; }
    TableEditor #row-form .row-title { margin-top: 0; }
    TableEditor CellArea { max-height: 6; }  /* the table stays in view (issue 15) */
    TableEditor .row-buttons Button { min-width: 8; margin-right: 1; }
    """

    HINT = "Ingen rader ennå. Trykk «Ny rad» (Ctrl+R) for å legge til en."

    class RowsChanged(Posted["TableEditor"]):
        """Rows were added, removed or moved (the store is already updated)."""

    class RemoveRequested(Posted["TableEditor"]):
        """The author asked to remove a row that has text: the screen asks first, then calls
        ``remove_row(index)`` (issue 16.5: the editor pushes no dialog itself)."""

        def __init__(self, editor: TableEditor, index: int) -> None:
            super().__init__(editor)
            self.index = index


    def compose(self) -> Any:
        yield from self.compose_table()
        with Horizontal(classes="row-buttons"):
            yield RowButton("Ny rad", id="add", disabled=self.read_only, compact=True)
            yield RowButton("Fjern", id="remove", disabled=self.read_only, compact=True)
            yield RowButton("Opp", id="up", disabled=self.read_only, compact=True)
            yield RowButton("Ned", id="down", disabled=self.read_only, compact=True)
        with Vertical(id="row-form", classes="-empty"):
            yield from self.compose_form()

    def handle_row_key(self, widget: Widget, event: events.Key) -> bool:
        if event.key in ADD_ROW_KEYS:
            self.add_row()
            return True
        return False

    def add_row_for_typing(self) -> bool:
        if self.read_only:
            return False
        self.add_row()
        return bool(self.rows)

    def action_add_row(self) -> None:
        self.add_row()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id:
            self.row_action(event.button.id)

    def row_action(self, what: str) -> None:
        if self.read_only:
            return
        if what == "add":
            self.add_row()
        elif what == "remove" and self.rows:
            self.flush()
            index = self.current
            if fields.row_has_text(self.rows[index]):
                self.post_message(self.RemoveRequested(self, index))
            else:
                self.remove_row(index)
        elif what in ("up", "down") and self.rows:
            self.move_row(-1 if what == "up" else 1)

    def add_row(self) -> None:
        """A new, empty row at the end, shown in the form, its first field focused. Not past
        the rows a session file may hold (limits.rows_full): the file would not open again."""
        if self.read_only:
            return
        full = limits.rows_full(len(self.rows))
        if full is not None:
            self.notify(full, severity="warning")
            return
        self.flush()
        index = self.store.add_row(self.table)
        self._shown.insert(index, self.table_values(self.rows[index]))
        self.query_one(RowTable).rows_changed()
        self._select(index)
        self._focus_field(None)
        self.post_message(self.RowsChanged(self))
        self.changed()

    def remove_row(self, index: int) -> None:
        if self.read_only or not 0 <= index < len(self.rows):
            return
        self.flush()
        self._form_row = None  # the form's values belong to the row removed
        self.store.remove_row(self.table, index)
        table = self.query_one(RowTable)
        del self._shown[index]
        table.rows_changed()
        self._select(min(index, len(self.rows) - 1))
        if not self.rows:
            table.focus()
        self.post_message(self.RowsChanged(self))
        self.changed()

    def move_row(self, offset: int) -> None:
        self.flush()
        index = self.current
        target = self.store.move_row(self.table, index, offset)
        if target == index:
            return
        self._update_row(index)
        self._update_row(target)
        self._form_row = target  # the form shows the same row, at its new place
        self._select(target)
        self.query_one(RowTable).focus()
        self.post_message(self.RowsChanged(self))
        self.changed()


class FollowUpEditor(RowsEditor):
    """3.A.1: the priorities of 2.A.1 in a table (with how many of their fields are filled),
    and the selected priority's facts (read-only) and the five fields of its follow-up below.

    Issue 16: five fields for the priority shown rather than five per priority (with 50
    priorities, 250 text areas took seconds to build on each visit)."""

    DEFAULT_CSS = """
    FollowUpEditor .priority-facts { color: $text-muted; height: auto; }
    FollowUpEditor #goto-source { margin-top: 1; display: none; }
    FollowUpEditor #row-form.-empty #goto-source { display: block; }
    """

    HINT = "Ingen prioriteringer ennå. Legg dem til i 2.A.1 først; de vises her."

    BINDINGS = [
        # Handled when the key arrives (route_key); listed in the footer.
        Binding("ctrl+down", "noop", "Neste prioritering", id="follow_up_next_row"),
        Binding("ctrl+up", "noop", "Forrige", id="follow_up_previous_row", show=False),
    ]

    def __init__(self, question: Question, store: SessionStore, *, blink: bool = True) -> None:
        super().__init__(question, store, blink=blink)
        source = store.bank[question.rows_from] if question.rows_from else question
        self.source_columns = source.columns


    def table_columns(self) -> list[tuple[str, int]]:
        return fields.follow_up_columns(self.source_columns)

    def table_values(self, row: dict[str, Any]) -> tuple[str, ...]:
        return fields.follow_up_cells(self.source_columns, self.columns, row)

    def compose(self) -> Any:
        yield from self.compose_table()
        with Vertical(id="row-form", classes="-empty"):
            yield from self.compose_form()
            yield Button("Gå til 2.A.1", id="goto-source")

    def compose_row_extra(self) -> Any:
        yield Static("", classes="priority-facts row-field", id="priority-facts")

    def row_title(self, index: int) -> str:
        return f"Prioritering {index + 1}"

    def show_row_extra(self, row: dict[str, Any]) -> None:
        facts = [Content.assemble((f"{label}: ", "bold"), text)
                 for label, text in fields.row_facts(self.source_columns, row)]
        self.query_one("#priority-facts", Static).update(Content("\n").join(facts))

    @on(Button.Pressed, "#goto-source")
    def _goto(self, event: Button.Pressed) -> None:
        event.stop()
        if self.question.rows_from:
            self.post_message(self.JumpRequested(self, self.question.rows_from))


# ---------------------------------------------------------------------------------------------
# Not applicable


class NotApplicable(Vertical):
    """"Ikke relevant" for one question, with the reason."""

    DEFAULT_CSS = """
    NotApplicable { height: auto; margin-top: 1; }
    NotApplicable #na-reason { display: none; }
    NotApplicable.-on #na-reason { display: block; }
    """

    class Changed(Posted["NotApplicable"]):
        def __init__(self, widget: NotApplicable) -> None:
            super().__init__(widget)
            self.question_id = widget.question_id  # now: the widget may be re-pointed (load)

    def __init__(self, question_id: str, store: SessionStore, *, blink: bool = True,
                 widget_id: str | None = None) -> None:
        reason = store.session.not_applicable.get(question_id)
        super().__init__(classes="-on" if reason is not None else "", id=widget_id)
        self.question_id = question_id
        self.store = store
        self.blink = blink

    def compose(self) -> Any:
        reason = self.store.session.not_applicable.get(self.question_id)
        yield MarkedCheckbox("Ikke relevant", value=reason is not None, id="na-check",
                       disabled=self.store.read_only)
        if reason is not None:
            yield self._new_reason_field(reason)

    # Speed (issue 6): the reason's field is made when a question is first marked "Ikke
    # relevant" (or shown marked), not for every question: an Input, with its styles, was a
    # tenth of the work of the wizard's first frame. Once made it stays, hidden when not on.

    def _new_reason_field(self, reason: str) -> SafeTextArea:
        """The reason: several lines, wrapped (issue 15), never a line that scrolls sideways."""
        field = text_area(reason, blink=self.blink, read_only=self.store.read_only,
                          widget_id="na-reason")
        field.placeholder = "Begrunnelse (hvorfor er dette ikke relevant?)"
        field.styles.max_height = 8
        return field

    def reason_field(self, *, make: bool = False) -> SafeTextArea | None:
        """The reason's field; with ``make``, made now if it is not there yet."""
        found = self.query_children("#na-reason")
        if found:
            return found.first(SafeTextArea)
        if not make:
            return None
        field = self._new_reason_field("")
        self.mount(field)
        return field

    def load(self, question_id: str) -> None:
        """Show another question's choice (the widget stays on screen from one question to
        the next; see QuestionEditor.load)."""
        self.question_id = question_id
        reason = self.store.session.not_applicable.get(question_id)
        box = self.query_one("#na-check", Checkbox)
        field = self.reason_field(make=reason is not None)
        with self.prevent(Checkbox.Changed, TextArea.Changed):
            box.value = reason is not None
            if field is not None and field.text != (reason or ""):
                field.load_text(reason or "")
        self.set_class(reason is not None, "-on")

    def flush(self) -> None:
        """Write a choice whose Changed event has not been handled yet (see load)."""
        self._sync()

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
        """The checkbox and the reason into the store; True if the mark was just turned on."""
        if self.store.read_only:
            return False
        before = self.store.session.not_applicable.get(self.question_id)
        field = self.reason_field()
        reason = field.text if field is not None else before or ""
        now = reason if self.query_one("#na-check", Checkbox).value else None
        if now == before:
            return False
        self.store.set_not_applicable(self.question_id, now)
        self.post_message(self.Changed(self))
        return before is None

    @on(TextArea.Changed, "#na-reason")
    def _reason(self, event: TextArea.Changed) -> None:
        event.stop()
        self._sync()


# ---------------------------------------------------------------------------------------------
# The factory


EDITORS: dict[Kind, type[QuestionEditor]] = {
    Kind.LONG_TEXT: LongTextEditor,
    **dict.fromkeys(LINE_KINDS, LineEditor),
    Kind.YES_NO: YesNoEditor,
    Kind.CHOICE: ChoiceEditor,
    Kind.TABLE: TableEditor,
}


def editor_class(question: Question) -> type[QuestionEditor]:
    """The editor of a question's kind (3.A.1, whose rows are 2.A.1's, its own)."""
    editor = EDITORS[question.kind]
    return FollowUpEditor if editor is TableEditor and question.rows_from else editor


def make_editor(question: Question, store: SessionStore, *, blink: bool = True) -> QuestionEditor:
    return editor_class(question)(question, store, blink=blink)
