"""The wizard: the navigation tree, the question pane and the header, on one SessionStore.

Saving (see docs in app.py): every edit is in the store at once; an autosave runs from a timer
one second after the last edit, when the author leaves a question, and on quit. Autosaves (the
timer, leaving a question) run on a worker thread, one at a time, so that typing never waits for
a save; their outcome is handled back here (``_save_finished``). Ctrl+S, quitting and signals save
synchronously (waiting for a save in flight first).

The file changed on disk by another program (or the session taken over): the first refused save
pauses autosaving and asks once (ConflictScreen): overwrite, save a copy beside it, or go on
editing unsaved (the header says so; Ctrl+S asks again). Nothing is written into the file until
the author chooses.

Carried-over answers (↻): a question counts as seen when the author leaves it after having had
it open, or as soon as they edit it.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Collapsible, Label, Static, Tree
from textual.widgets.tree import TreeNode
from textual.worker import Worker, WorkerState

from ... import session as sessions
from ... import settings
from ...bank import Located, Question
from ...completeness import Changes, Completeness, check, question_result, update
from ...labels import is_numbered, parse_path
from ...previous import Previous, load_previous
from ...saving import Saving, Told
from ...session import SaveError
from ...status import ANSWER_WORD
from ...status import MARK as STATUS_MARKS
from ...status import STYLE as STATUS_STYLES
from ...store import SessionStore
from ...textsafe import one_line, visible
from ..textual_compat import no_layout_for_virtual_size, scrollbars_in_the_layouts_frame
from ..widgets.editors import NotApplicable, QuestionEditor, TableEditor, make_editor
from ..widgets.header import SessionHeader
from ..widgets.keybar import KeyBar
from ..widgets.navtree import NavTree


class WizardHost(Protocol):
    """What the wizard asks of its app (WizardApp)."""

    def time_label(self, when: datetime) -> str: ...

    def collect_garbage(self) -> None: ...

    def action_help(self) -> None: ...

    def hold_keys(self) -> None: ...

    def release_keys(self) -> None: ...

# After an autosave, the header drops its "*" this many seconds later unless an edit came first
# (see WizardScreen._saved).
HEADER_AFTER_SAVE = 0.4
# Turns of the event loop a move gives the widgets it touched before the screen is refreshed
# (see WizardScreen._catch_up).
CATCH_UP_ROUNDS = 16

# The one status vocabulary (status.py): marks, words and colours, as the CLI and reports show them.
MARK = STATUS_MARKS
MARK_STYLE = STATUS_STYLES
STATUS_TEXT = ANSWER_WORD


def freeze_long_lived() -> None:
    """Speed: a full pass of Python's garbage collector walks every object; with the app, the
    bank, the session, the styles and the tree built (about 75,000 objects) one pass took
    60-130 ms, on the path of whichever keystroke it fell on. Those objects live as long as the
    session: frozen (gc.freeze), the collector leaves them alone (app.py freezes what the
    imports made; this adds what the start built). The question panes, built after this, stay
    collectable; ``WizardApp.close_store`` unfreezes everything."""
    gc.freeze()


def short_label(loc: Located) -> str:
    """A question in the tree: «2.A.2 Beskriv …», its short label from the bank («6.A ›
    Tilfeller av gjenoppretting», «Antall leverandører»), or its text (labels.py)."""
    q = loc.question
    if q.label:
        return one_line(q.label, 120)
    text = one_line(q.text, 120)
    return f"{q.id} {text}" if is_numbered(q.id) else text


def question_title(q: Question) -> Text:
    """The question above its editor: the template's number (or the bank's short label when
    the text does not start with it) in bold, then the whole text. Never an internal id."""
    title = Text()
    head = q.id if is_numbered(q.id) else q.label
    if head and not q.text.startswith(head):
        title.append(head, style="bold")
        title.append("  ")
    title.append(q.text)
    return title


def update_in_place(static: Static, content: Text | Content) -> None:
    """Show new content in a Static, with a layout of the screen only if its height changes.

    Speed (issue 6): Static.update lays out the whole screen (the new text may take more or
    fewer lines, and everything below moves). On a move to another question the title, the
    status line and the step often keep their height, and a hidden text (the guidance in a
    collapsed «Veiledning») takes no room: repainting the Static is then enough. Its height is
    measured as the layout measures it (Widget.get_content_height, at its width)."""
    hidden = any(not node.display for node in static.ancestors_with_self
                 if isinstance(node, Widget))
    width = static.content_size.width if static.is_mounted else 0
    if hidden or not width:
        # Hidden: measured when it is shown (showing it lays out). Not laid out yet: the
        # layout to come measures it.
        static.update(content, layout=not hidden)
        return
    parent = static.parent
    viewport = static.screen.size
    container = parent.size if isinstance(parent, Widget) else viewport
    before = static.get_content_height(container, viewport, width)
    static.update(content, layout=False)
    if static.get_content_height(container, viewport, width) != before:
        static.refresh(layout=True)


@no_layout_for_virtual_size  # the pane scrolls, not its texts (see textual_compat)
class PaneText(Static):
    """A text of the question pane (step, title, status, guidance), updated on every move.
    It holds no links (texts of the question bank and the status line, shown as rich Text or
    Content, never markup): Textual's work for links is left out (``auto_links`` off)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_reactive(PaneText.auto_links, False)


@scrollbars_in_the_layouts_frame  # see textual_compat
class QuestionPane(VerticalScroll):
    """The question pane: the step, the title, the status, the guidance and the editor,
    scrolled together.

    Speed (issue 16): its scrollbar is always there (``overflow-y: scroll`` in wizard.tcss). A
    table question is taller than the pane, a long answer is not: a scrollbar that came and
    went with them cost every move into or out of a table a second layout of the screen, and a
    second and third frame (the scrollbar placed, then painted)."""


class WizardScreen(Screen[None]):
    # The question's field takes the focus (not the tree, Textual's first focusable): the tree
    # is then painted once, rather than focused and again unfocused on the way to the question.
    # The shown editor's only (-shown): not a stowed editor's (see _switch_editor).
    AUTO_FOCUS = "QuestionEditor.-shown *"
    BINDINGS = [
        Binding("ctrl+n", "next_question", "Neste", id="next", priority=True),
        Binding("ctrl+p", "previous_question", "Forrige", id="previous", priority=True),
        Binding("ctrl+g", "next_gap", "Mangel", id="next_gap", priority=True),
        Binding("ctrl+k", "app.command_palette", "Gå til", id="goto", priority=True),
        Binding("ctrl+o", "completeness", "Oversikt", id="completeness", priority=True,
                tooltip="Kompletthet: hva som mangler"),
        # Confirms an answer carried over from last year (↻): shown while the question in view
        # holds one (check_action). Moving past it confirms nothing (issue 13).
        Binding("ctrl+l", "confirm", "Bekreft", id="confirm", priority=True,
                tooltip="Bekreft svaret som er overført fra i fjor"),
        Binding("ctrl+t", "not_applicable", "Ikke relevant", id="not_applicable",
                priority=True, show=False),
        # Saving is automatic; Ctrl+S is there for those who want it (help screen), and the
        # footer keeps its room for the keys that move.
        Binding("ctrl+s", "save", "Lagre", id="save", priority=True, show=False),
        Binding("f1", "help", "Hjelp", id="help", priority=True),
        # Only for a session started from last year's (check_action): last year's answer.
        Binding("f2", "previous_answer", "I fjor", id="previous_answer", priority=True),
        Binding("escape", "focus_tree", "Til treet", id="focus_tree", show=False),
        # The tree: hidden or shown, narrow or wide; remembered in the user's settings
        # (settings.py), not in the session (issue 15).
        Binding("f3", "toggle_tree", "Skjul/vis treet", id="toggle_tree", priority=True,
                show=False),
        Binding("f4", "widen_tree", "Bredere/smalere tre", id="widen_tree", priority=True,
                show=False),
    ]

    # Speed (issue 6): Textual repaints the whole screen when the focus moves (the reactive
    # ``focused`` repaints); the widgets that gain and lose focus repaint themselves (their
    # :focus styles), and so do the containers with :focus-within rules (restyled by
    # Screen._update_focus_styles). Moving to a question of another kind moves the focus.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, store: SessionStore, *, clock: Callable[[], datetime] | None = None,
                 blink: bool = True, saving: Saving | None = None,
                 start_item: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.start_item = start_item
        # When to save: decided there (saving.py), shown here.
        self.saving = saving if saving is not None else Saving(store)
        self.bank = store.bank
        self.clock = clock
        self.blink = blink
        self.order = self.bank.question_ids
        store.take_changes()
        self.result: Completeness = update(self.bank, store.session, None, Changes())
        self.current: str | None = None
        self.target: str | None = None  # the question asked for (current once it is shown)
        self._show_lock = asyncio.Lock()
        self._after_moves: list[Callable[[], None]] = []  # see when_moved
        self._tree_nodes: dict[str, TreeNode[str]] = {}
        self._tree_labels: dict[str, Text] = {}
        self._save_timer: Timer | None = None
        self._status_timer: Timer | None = None
        # Table question -> the rows whose own cells hold portal HTML (the status line says so),
        # found once and kept up to date by refresh_marks: not every row on every keystroke.
        self._html_rows: dict[str, set[int]] = {}
        # The conflict question is on screen (``_conflict_open``), or to be asked once the
        # question being opened is shown (``_conflict_pending``).
        self._conflict_open = False
        self._conflict_pending = False
        # The autosave running on a worker thread.
        self._saving: Worker[bool | SaveError] | None = None
        # The header's "Sist lagret …" text, kept between edits: a keystroke only adds the "*".
        self._saved_label: tuple[datetime, str] | None = None
        self._header_timer: Timer | None = None  # see _saved
        self._stowed_editors: list[QuestionEditor] = []  # see _switch_editor
        self._carried_marked: set[str] = set()  # questions shown with ↻ in the tree
        self._previous: Previous | None = None  # last year's session (issue 17), read once
        self._previous_read = False

    @property
    def _host(self) -> WizardHost:
        """The app, as the screen uses it (no import of the app: no import circle)."""
        return self.app  # type: ignore[return-value]

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> Any:
        yield SessionHeader(id="header")
        with Horizontal(id="body"):
            tree: NavTree = NavTree("Redegjørelse", id="nav")
            tree.show_root = False
            tree.guide_depth = 2
            # Speed: the nodes are added before the tree is mounted, where adding one does not
            # yet refresh the widget (80 refreshes and layouts requested otherwise).
            self._build_tree(tree)
            yield tree
            yield QuestionPane(id="pane")
        yield KeyBar()

    async def on_mount(self) -> None:
        self._refresh_header()
        self._settings = settings.load()
        self._apply_tree_settings()
        freeze_long_lived()
        start = self.store.session.position
        item = self.start_item
        if item is not None and parse_path(item)[0] in self.bank:
            start = parse_path(item)[0]  # `open --ved FELT`: that field's question
        else:
            item = None
        if start not in self.bank:
            start = self.order[0]
        assert start is not None
        # Speed: the first question is built here, before the screen's first layout and paint
        # (ScreenResume is handled after Mount), not in a worker afterwards: the screen is laid
        # out and painted once, with the question, rather than once without and again with it.
        self.target = start
        await self._show(start, focus=True, item=item)

    # -- tree ------------------------------------------------------------------------------

    def _question_status(self, qid: str) -> str:
        return self.result.by_question[qid].status

    def _question_label(self, loc: Located) -> Text:
        """"↻ ✗ 1.A.1 …": the carried-over mark (an answer from last year, not confirmed yet)
        beside the status, which counts it as not answered until it is confirmed."""
        qid = loc.question.id
        status = self._question_status(qid)
        label = Text()
        if self.store.session.is_unconfirmed(qid):
            self._carried_marked.add(qid)
            label.append(MARK["carried"], style=MARK_STYLE["carried"])
            label.append(" ")
        else:
            self._carried_marked.discard(qid)
        # An optional question never makes anything incomplete: its empty mark is quiet.
        quiet = status == "empty" and loc.question.optional
        label.append(MARK[status], style="dim" if quiet else MARK_STYLE[status])
        label.append(" ")
        label.append(short_label(loc))
        return label

    def _section_label(self, section_id: str, title: str) -> Text:
        sec = self.result.by_section[section_id]
        label = Text()
        label.append(MARK[sec.status], style=MARK_STYLE[sec.status])
        label.append(" ")
        label.append(f"{section_id} " if section_id[:1].isdigit() else "",
                     style="bold" if sec.status == "empty" else "")
        label.append(title, style="bold" if sec.status == "empty" else "")
        return label

    def _step_label(self, step_id: str) -> Text:
        step = next(s for s in self.result.steps if s.id == step_id)
        label = Text()
        label.append(f"{step.percent:3d} % ", style="green" if step.percent == 100 else "yellow")
        label.append(step.label, style="bold")
        return label

    def _build_tree(self, tree: NavTree) -> None:
        tree.clear()
        for step in self.bank.steps:
            step_node = tree.root.add(self._step_label(step.id), data=f"step:{step.id}",
                                      expand=True)
            self._tree_nodes[f"step:{step.id}"] = step_node
            for section in step.sections:
                sec_node = step_node.add(self._section_label(section.id, section.title),
                                         data=f"section:{section.id}", expand=True)
                self._tree_nodes[f"section:{section.id}"] = sec_node
                for q in section.questions:
                    loc = Located(step, section, q)
                    label = self._question_label(loc)
                    self._tree_labels[q.id] = label
                    self._tree_nodes[q.id] = sec_node.add_leaf(label, data=q.id)

    def refresh_status(self) -> None:
        """Recompute completeness and update the marks that changed."""
        self.store.take_changes()
        self._html_rows.clear()
        self.result = update(self.bank, self.store.session, None, Changes())
        self._refresh_marks()

    def refresh_marks(self) -> None:
        """After edits: completeness worked out again only where the edits may have changed it
        (completeness.update: a keystroke in a table of 100,000 rows counts its row again, not
        every row), and the marks that changed updated."""
        changes = self.store.take_changes()
        self.result = update(self.bank, self.store.session, self.result, changes)
        self._html_rows_changed(changes)
        self._refresh_marks()

    def _html_rows_changed(self, changes: Changes) -> None:
        from ...usertext import holds_html

        for qid in list(self._html_rows):
            q = self.bank[qid]
            table = q.table or ""
            if table not in changes.tables:
                continue
            indices = changes.tables[table]
            if indices is None:  # rows added, removed or moved: found again when asked
                del self._html_rows[qid]
                continue
            rows, found = self.store.rows(table), self._html_rows[qid]
            for index in indices:
                row = rows[index] if index < len(rows) else {}
                if any(isinstance(v := row.get(c.key, ""), str) and "<" in v and holds_html(v)
                       for c in q.columns):
                    found.add(index)
                else:
                    found.discard(index)

    def _refresh_marks(self) -> None:
        for step in self.bank.steps:
            # Speed: only labels that changed are set (each set_label repaints the tree).
            self._set_label(f"step:{step.id}", self._step_label(step.id))
            for section in step.sections:
                self._set_label(f"section:{section.id}",
                                self._section_label(section.id, section.title))
                for q in section.questions:
                    label = self._question_label(Located(step, section, q))
                    if label != self._tree_labels.get(q.id):
                        self._tree_labels[q.id] = label
                        self._tree_nodes[q.id].set_label(label)
        self._refresh_header()
        self._refresh_status_line()

    def _set_label(self, key: str, label: Text) -> None:
        if label != self._tree_labels.get(key):
            self._tree_labels[key] = label
            self._tree_nodes[key].set_label(label)

    def _refresh_header(self) -> None:
        if self._header_timer is not None:  # a refresh put off after a save: done now
            self._header_timer.stop()
            self._header_timer = None
        store = self.store
        said, error, unsaved = self.saving.status()
        if isinstance(said, datetime):
            if self._saved_label is None or self._saved_label[0] != said:
                self._saved_label = (said, "Sist lagret " + self._host.time_label(said))
            said = self._saved_label[1]
        self.query_one(SessionHeader).show(
            store.session.organisation, store.session.year, self.result.percent, said,
            store.read_only, error, unsaved=unsaved,
        )

    def _refresh_status_line(self) -> None:
        if self.current is None:
            return
        try:
            line = self.query_one("#q-status", Static)
        except Exception:
            return
        text = self._status_text(self.current)
        if text != getattr(line, "_aktsomhet_text", None):  # speed: no layout when unchanged
            line._aktsomhet_text = text  # type: ignore[attr-defined]
            update_in_place(line, text)

    def _status_text(self, qid: str) -> Text:
        status = self._question_status(qid)
        text = Text()
        unconfirmed = self.store.session.is_unconfirmed(qid)
        if unconfirmed:
            text.append(MARK["carried"] + " ", style=MARK_STYLE["carried"])
        text.append(MARK[status] + " ", style=MARK_STYLE[status])
        text.append(STATUS_TEXT[status])
        if unconfirmed:
            text.append(" · ")
            text.append("overført fra i fjor, ikke bekreftet", style=MARK_STYLE["carried"])
            if not self.store.read_only:
                text.append(" (Ctrl+L bekrefter)", style="dim")
        res = self.result.by_question[qid]
        if res.expected > 1 and status not in ("not_applicable", "carried"):
            text.append(f" ({res.answered} av {res.expected} felt)", style="dim")
        if res.optional:
            text.append(" · valgfritt", style="dim")
        if self._holds_html(qid):
            text.append(" · inneholder HTML fra portalen", style="yellow")
            text.append(" (Ctrl+K «Gjør om HTML til ren tekst»)", style="dim")
        previous = self.previous_session()
        if previous is not None and previous.session is not None:
            from .previous import comparison

            state = comparison(self.bank, previous.session, self.store.session,
                               self.bank[qid])
            if state == "same":
                text.append(" · uendret fra i fjor", style="dim")
            elif state == "changed":
                text.append(" · endret siden i fjor", style="dim")
            if state != "empty":
                text.append(" (F2 viser fjorårets svar)", style="dim")
        return text

    # -- last year's answers (issue 17) ----------------------------------------------------

    def previous_session(self) -> Previous | None:
        """The session this one was started from (``new --from``), read once; None when the
        session records none."""
        if not self._previous_read:
            self._previous_read = True
            self._previous = load_previous(self.store.session, self.store.path)
        return self._previous

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "previous_answer":
            return bool(self.store.session.started_from)
        if action == "confirm":
            qid = self.current
            return qid is not None and self.store.session.is_unconfirmed(qid) \
                and not self.store.read_only
        return True

    # -- confirming answers carried over from last year (issue 13) --------------------------

    def _holds_html(self, qid: str) -> bool:
        """The answer (or a cell of the question's own columns) holds portal HTML."""
        from ...usertext import holds_html

        q = self.bank[qid]
        if q.is_table and q.table is not None:
            found = self._html_rows.get(qid)
            if found is None:
                found = self._html_rows[qid] = {
                    n for n, row in enumerate(self.store.rows(q.table))
                    if any(isinstance(v := row.get(c.key, ""), str) and "<" in v
                           and holds_html(v) for c in q.columns)}
            return bool(found)
        value = self.store.session.answers.get(qid, "")
        return "<" in value and holds_html(value)

    def action_confirm(self) -> None:
        """The author confirms the carried-over answer in view: it counts from now on."""
        qid = self.current
        if qid is None or not self.store.confirm(qid):
            return
        self.schedule_autosave()
        self.refresh_status()
        self.refresh_bindings()
        self.app.notify(f"{qid}: svaret er bekreftet.", markup=False, timeout=3)

    def confirm_section(self, section_id: str | None = None) -> list[str]:
        """Confirm every carried-over answer of a section (the one in view by default)."""
        if section_id is None:
            if self.current is None:
                return []
            section_id = self.bank.locate(self.current).section.id
        done = self.store.confirm_section(section_id)
        if done:
            self.schedule_autosave()
            self.refresh_status()
            self.refresh_bindings()
        self.app.notify(
            f"{section_id}: {len(done)} svar bekreftet." if done
            else f"{section_id}: ingen overførte svar å bekrefte.", markup=False, timeout=4)
        return done

    def convert_html(self) -> bool:
        """Turn the portal's HTML in the answer in view (or in its table's cells) into plain
        text as people write it (usertext.portal_text). True when something was converted."""
        from ...usertext import holds_html, portal_text

        qid = self.current
        if qid is None or self.store.read_only:
            return False
        q = self.bank[qid]
        editor = self._editor()
        if editor is not None:
            editor.flush()
        changed = False
        if q.is_table and q.table is not None:
            for n, row in enumerate(self.store.rows(q.table)):
                for col in q.columns:
                    value = row.get(col.key, "")
                    if isinstance(value, str) and holds_html(value):
                        self.store.set_cell(q.table, n, col.key, portal_text(value))
                        changed = True
        else:
            value = self.store.session.answers.get(qid, "")
            if holds_html(value):
                self.store.set_answer(qid, portal_text(value))
                changed = True
        if not changed:
            self.app.notify("Svaret inneholder ikke HTML fra portalen.", markup=False)
            return False
        if editor is not None:
            editor.load(q)  # shows the text now stored
        self.schedule_autosave()
        self.refresh_status()
        self.app.notify("HTML-en er gjort om til ren tekst (avsnitt og lister).", markup=False)
        return True

    @work(exclusive=True, group="modal")
    async def action_previous_answer(self) -> None:
        from .previous import PreviousAnswerScreen

        previous = self.previous_session()
        if previous is None or self.current is None:
            return
        editor = self._editor()
        if editor is not None:
            editor.flush()  # what was typed a moment ago is shown too
        await self.app.push_screen_wait(
            PreviousAnswerScreen(self.bank, self.bank[self.current], previous,
                                 self.store.session))

    # -- the question pane -----------------------------------------------------------------

    def show_question(self, qid: str, *, focus: bool = True, item: str | None = None) -> None:
        """Open a question. Requests are served in order (a lock), so that fast key repeats
        never leave a half-built pane."""
        if qid not in self.bank:
            return
        self.target = qid
        self.run_worker(self._show(qid, focus=focus, item=item), group="show")

    async def _show(self, qid: str, *, focus: bool, item: str | None) -> None:
        async with self._show_lock:
            # Speed: one layout and one paint for the new pane, rather than one for each step
            # of taking the old pane down and building the new one.
            with self.app.batch_update():
                shown = self._shown_editor
                await self._show_now(qid, focus=focus, item=item)
                if self._shown_editor is not shown:  # another kind: the focus moves
                    await self._catch_up()
        if self.target == qid and self._after_moves:
            waiting, self._after_moves = self._after_moves, []
            for callback in waiting:
                callback()
        if self._conflict_pending:
            # Found by the save on leaving the previous question: asked once the new pane is
            # built (a modal pushed while its editor mounts breaks the editor's styles).
            self._conflict_pending = False
            self.call_after_refresh(self.ask_conflict)
        self.call_after_refresh(self._after_move, qid)

    def when_moved(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the question last asked for is shown and its field focused
        (at once when no move is under way)."""
        if any(w.node is self and w.group == "show" and not w.is_finished
               for w in self.app.workers):
            self._after_moves.append(callback)
        else:
            callback()

    _start_shown = False  # the first question was shown (the start)
    _reveal_pending = False  # a field was focused by its item: scroll it into view when laid out

    def _after_move(self, qid: str) -> None:
        """Once a question is shown and painted, while the author reads: the garbage of the
        move is collected (WizardApp.collect_garbage).

        Speed (issue 6): work taken off the next move. Not the collection after the first
        question is shown: that is the start, still going on (the screen's first frame)."""
        if self._reveal_pending:
            self._reveal_pending = False
            self.call_after_refresh(self._reveal_focus)
        if self.current != qid or self.target != qid or not self.is_current:
            return
        if self._start_shown:
            self._host.collect_garbage()
            self._prepare_tables(qid)
        self._start_shown = True

    # Questions either side of the one shown whose table editor is built before the author
    # gets there (see _prepare_tables).
    PREPARE_AROUND = 2

    def _prepare_tables(self, qid: str) -> None:
        """Speed (issue 16): the editor of a table question near the one shown (up to
        PREPARE_AROUND questions either side) is built now, while the author reads, if none
        can show it yet. Building one (the rows, the buttons, the row's form: about twenty
        widgets, a Select among them) took 110-150 ms, and its first showing three frames: a
        first move into 2.A.1 or 3.A.1 took 250-300 ms, where a later one is re-pointed and
        painted once. Built here, the first visit is a later one."""
        if not any(w.group == "prepare" and not w.is_finished for w in self.workers):
            self.run_worker(self._prepare_near(qid), group="prepare", exit_on_error=False)

    async def _prepare_near(self, qid: str) -> None:
        at = self.order.index(qid)
        near = sorted(range(max(0, at - self.PREPARE_AROUND),
                            min(len(self.order), at + self.PREPARE_AROUND + 1)),
                      key=lambda n: (abs(n - at), -n))
        for n in near:
            q = self.bank[self.order[n]]
            if not q.is_table:
                continue
            async with self._show_lock:
                if self.target != qid or self.current != qid or not self.is_current:
                    return  # the author moved on: prepared from there
                shown = self._editor()
                if any(e.reusable_for(q) for e in [*self._stowed_editors,
                                                   *([shown] if shown else [])]):
                    continue
                await self._build_stowed(q)
            if self._conflict_pending:  # found while the editor was built: asked now
                self._conflict_pending = False
                self.call_after_refresh(self.ask_conflict)
            await asyncio.sleep(0)  # a key typed meanwhile goes first

    async def _build_stowed(self, q: Question) -> None:
        """An editor for ``q``, mounted stowed after the editor shown. It is laid out once out
        of sight (height 0: its fields get their widths and wrap their texts), then taken out
        of the layout as a stowed table editor is: shown later, nothing in it changes size,
        and the move is laid out and painted once."""
        pane = self.query_one("#pane", VerticalScroll)
        editor = make_editor(q, self.store, blink=self.blink)
        editor.stowed = True  # nothing in it takes the focus (QuestionEditor.stow)
        editor.styles.height = 0
        await pane.mount(editor, before="#na")
        laid_out = asyncio.Event()
        self.call_after_refresh(laid_out.set)
        try:
            await asyncio.wait_for(laid_out.wait(), 0.5)
        except TimeoutError:
            pass  # not laid out (a dialog over the screen): measured when shown
        if not editor.STOW_IN_LAYOUT:
            editor.display = False
            editor.styles.height = None
        self._stowed_editors.append(editor)

    async def _catch_up(self) -> None:
        """Speed (issue 6): let the widgets that the move touched handle what it sent them
        (the focus moving from one field to another, their requests for a layout or a repaint)
        while the batch still holds the screen's refresh. The move is then laid out and painted
        once, rather than once when the first request reaches the screen and again for the rest
        (a change of kind moves the focus: a few more hops through the widgets' message
        queues). Each round gives every task that is ready one turn; with nothing pending a
        round costs microseconds. Only after a change of editor: a move between questions of
        one kind is painted once without it, and other work that happens to be pending (a
        test harness's) would only delay its frame."""
        for _ in range(CATCH_UP_ROUNDS):
            await asyncio.sleep(0)

    async def _show_now(self, qid: str, *, focus: bool, item: str | None) -> None:
        previous = self.current
        editor = self._editor()
        # The position first: the save on leaving the previous question records where the
        # author is going (resume lands there), not where they were.
        self.store.set_position(qid)
        # An edit whose Changed event is still queued goes to the question it was made in (the
        # editor is re-pointed or reloaded below), and so into the save on leaving.
        if editor is not None:
            editor.flush()
        na = self._not_applicable()
        if na is not None:
            na.flush()
        if previous is not None and previous != qid:
            self._leave(previous)
        self.current = qid
        loc = self.bank.locate(qid)
        q = loc.question
        pane = self.query_one("#pane", VerticalScroll)
        # Speed (issue 6): the pane's parts stay mounted from one question to the next and are
        # updated; the editor is re-pointed when it can show the new question (same kind), and
        # only replaced otherwise. Mounting, styling and focusing new widgets was most of the
        # cost of a move.
        if not self._pane_built:
            await self._build_pane(pane, qid)
        self._update_static("#q-step", Text(loc.step.label, style="dim"))
        self._update_static("#q-title", question_title(q))
        self._refresh_status_line()
        guidance = [t.strip() for t in (loc.step.guidance, loc.section.guidance, q.help)
                    if t.strip()]
        await self._show_guidance(pane, guidance)
        if editor is not None and editor.reusable_for(q):
            editor.load(q)
        else:
            editor = await self._switch_editor(pane, editor, q)
        na = self._not_applicable()
        if na is not None:
            na.load(qid)
        pane.scroll_home(animate=False, immediate=True)
        node = self._tree_nodes.get(qid)
        if node is not None:
            self.query_one(NavTree).show_node(node)
        if focus:
            if item and item != qid:
                editor.focus_item(item)
                # Once laid out (after the move's batch), the field is brought into view: a
                # gap is a field (issue 15). See _after_move.
                self._reveal_pending = True
            else:
                editor.focus_first()

    def _reveal_focus(self, attempts: int = 10) -> None:
        """Scroll the question pane so that the focused field (and its label above it) shows.
        A field of an editor just built has no place yet: asked again after the next refresh
        (a few times at most)."""
        focused = self.app.focused
        pane = self.query_one("#pane", VerticalScroll)
        if focused is None or pane not in focused.ancestors:
            return
        if not focused.region.area:  # not laid out yet
            if attempts > 0:
                self.call_after_refresh(self._reveal_focus, attempts - 1)
            return
        label = focused
        siblings = list(focused.parent.children) if focused.parent is not None else []
        at = siblings.index(focused) if focused in siblings else -1
        if at > 0 and isinstance(siblings[at - 1], Label):
            label = siblings[at - 1]
        region, view = focused.region, pane.region
        if view.y <= label.region.y and region.y + min(region.height, 3) <= view.bottom:
            return  # in view
        pane.scroll_to_widget(label, animate=False, top=True, immediate=True)
        # The fields above may still change height (a text area wraps its text once it has a
        # width): looked at again after the next refresh, until it stays in view.
        if attempts > 0:
            self.call_after_refresh(self._reveal_focus, attempts - 1)

    _pane_built = False
    # The editor shown, and the editors of other kinds kept mounted but stowed (see
    # _switch_editor), at most one per ``QuestionEditor.slot``.
    _shown_editor: QuestionEditor | None = None

    async def _switch_editor(self, pane: VerticalScroll, old: QuestionEditor | None,
                             q: Question) -> QuestionEditor:
        """Show ``q`` in an editor of its kind, in place of ``old`` (which cannot show it).

        Speed (issue 6): building an editor (mounting and styling its widgets, a text area
        wrapping its text at width 0, then at its width, then again for its scrollbar: two to
        four frames) was most of the cost of a move to a question of another kind. The editor
        of each simple kind (long text, one line, yes/no), once built, stays mounted: stowed
        (``QuestionEditor.stow``: out of sight, nothing in it focusable) while questions of
        other kinds are shown, and re-pointed (``load``) when its kind comes back. A change of
        kind is then a load and two style changes: one layout, one paint. Tables and 3.A.1
        are built on each visit (``QuestionEditor.slot``). A stowed editor has written what it
        holds into the store first (``flush`` in _show_now) and keeps pointing at its last
        question until it is loaded again. The shown editor is always the first editor in the
        pane, so that a query of the screen ("#answer", AUTO_FOCUS) finds its fields before the
        stowed ones."""
        stowed = self._stowed_editors
        kept = next((e for e in stowed if e.reusable_for(q)), None)
        if old is not None:
            focused = self.focused
            if focused is not None and old in focused.ancestors_with_self:
                # Speed: no stop on another widget (Textual would focus the next one) on the
                # way to the new editor.
                self.set_focus(None)
            if old.slot is None:  # not worth keeping (see QuestionEditor.slot)
                await old.remove()
            else:
                old.stow(True)
                for same in [e for e in stowed if e.slot == old.slot and e is not kept]:
                    stowed.remove(same)  # one per slot: the one just used is kept
                    await same.remove()
                stowed.append(old)
        first = next((c for c in pane.children if isinstance(c, QuestionEditor)), None)
        if old is not None:
            # A class for selectors only (AUTO_FOCUS): no restyle of the editor's widgets.
            old.set_class(False, "-shown", update=False)
        if kept is not None:
            stowed.remove(kept)
            if first is not None and first is not kept:
                pane.move_child(kept, before=first)
            kept.load(q)
            kept.stow(False)
            editor = kept
        else:
            editor = make_editor(q, self.store, blink=self.blink)
            editor.set_class(True, "-shown", update=False)
            await pane.mount(editor, before=first if first is not None else "#na")
        editor.set_class(True, "-shown", update=False)
        self._shown_editor = editor
        return editor

    async def _build_pane(self, pane: VerticalScroll, qid: str) -> None:
        """The parts of the question pane that every question has (mounted once)."""
        await pane.mount_all([
            PaneText("", classes="q-step", id="q-step"),
            PaneText("", classes="q-title", id="q-title"),
            PaneText("", id="q-status"),
            NotApplicable(qid, self.store, blink=self.blink, widget_id="na"),
        ])
        self._pane_built = True

    async def _show_guidance(self, pane: VerticalScroll, guidance: list[str]) -> None:
        """Step, section and question guidance, in one collapsed «Veiledning» (none shown when
        there is no guidance).

        Speed (issue 6): mounted the first time a question has guidance, then kept, hidden
        (``display = False``) for a question without: mounting it again (and awaiting that
        inside the move) cost a move into another step a second frame."""
        found = pane.query_children(Collapsible)
        box = found.first() if found else None
        if not guidance:
            if box is not None:
                box.display = False
            return
        # One text, the parts a blank line apart (as separate texts with a margin were).
        text = Content("\n\n").join(Content(t) for t in guidance)
        if box is None:
            static = PaneText(text, classes="guidance-text")
            static._aktsomhet_text = text  # type: ignore[attr-defined]
            box = Collapsible(static, title="Veiledning", collapsed=True, id="guidance")
            await pane.mount(box, after="#q-status")
            return
        box.collapsed = True
        self._update_static(box.query_one(".guidance-text", PaneText), text)
        box.display = True

    def _update_static(self, target: str | Static, content: Text | Content) -> None:
        """Update a Static of the pane when its content changed (each update costs a layout)."""
        static = self.query_one(target, Static) if isinstance(target, str) else target
        if content != getattr(static, "_aktsomhet_text", None):
            static._aktsomhet_text = content  # type: ignore[attr-defined]
            update_in_place(static, content)

    def _not_applicable(self) -> NotApplicable | None:
        try:
            return self.query_one("#na", NotApplicable)
        except Exception:
            return None

    def _leave(self, qid: str) -> None:
        """Leaving a question: save what is unsaved. Moving past a carried-over answer does not
        confirm it (issue 13): only an edit or the confirm key does."""
        self.save_in_background()

    def _editor(self) -> QuestionEditor | None:
        """The editor shown (others may be mounted, hidden: see _switch_editor)."""
        editor = self._shown_editor
        if editor is not None and editor.parent is None:  # removed with the screen
            return None
        return editor

    # -- edits -----------------------------------------------------------------------------

    def _edited(self, qid: str) -> None:
        """An edit (a keystroke). Speed: the marks (tree, header, status line) are recomputed
        only when this question's result changed (most keys change nothing there): the result
        of a question that is not a table depends on its own answer alone, so it is checked by
        itself here. (Tables may be shared by two questions, and a question another one's
        applying depends on (bank.is_gate: «Gjelder redegjørelsen et konsern?») changes that
        one's result too: both always recomputed.)"""
        # The edit confirmed a carried-over answer (SessionStore.set_answer): its ↻ goes.
        carried = qid in self._carried_marked and not self.store.session.is_unconfirmed(qid)
        self.schedule_autosave()
        question = self.bank[qid] if qid in self.bank else None
        if not carried and question is not None and not question.is_table \
                and not self.bank.is_gate(qid):
            now = question_result(self.bank, self.store.session, question)
            if now == self.result.by_question.get(qid):
                return  # a refresh already pending (an earlier change) still comes
        if self._status_timer is not None:
            self._status_timer.stop()
        self._status_timer = self.set_timer(0.15, self.refresh_marks)

    @on(QuestionEditor.AnswerChanged)
    def _answer_changed(self, event: QuestionEditor.AnswerChanged) -> None:
        event.stop()
        self._edited(event.question_id)

    @on(TableEditor.RowsChanged)
    def _rows_changed(self, event: TableEditor.RowsChanged) -> None:
        event.stop()
        self.refresh_marks()

    @on(TableEditor.RemoveRequested)
    def _remove_requested(self, event: TableEditor.RemoveRequested) -> None:
        """A row with text: removed once the author confirms."""
        event.stop()
        from .dialogs import ConfirmScreen

        editor, index = event.editor, event.index
        extra = " (også svarene i 3.A.1)" if editor.table == "priorities" else ""

        def answered(ok: bool | None) -> None:
            if ok and editor.is_attached:
                editor.remove_row(index)

        self.app.push_screen(
            ConfirmScreen(f"Fjerne rad {index + 1}? Teksten i raden{extra} blir slettet.",
                          yes="Fjern", no="Avbryt"),
            answered)

    @on(NotApplicable.Changed)
    def _na_changed(self, event: NotApplicable.Changed) -> None:
        event.stop()
        self._edited(event.question_id)

    @on(QuestionEditor.JumpRequested)
    def _jump(self, event: QuestionEditor.JumpRequested) -> None:
        event.stop()
        self.show_question(event.question_id)

    @on(Tree.NodeSelected, "#nav")
    def _node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        data = event.node.data or ""
        if data in self.bank:
            if data != self.current:
                self.show_question(data, focus=True)
            else:
                editor = self._editor()
                if editor is not None:
                    editor.focus_first()

    # -- saving (decided by saving.Saving; shown here) --------------------------------------

    @property
    def conflict(self) -> str | None:
        """The header's text while saving is paused (the file changed on disk), else None."""
        return self.saving.paused

    def schedule_autosave(self) -> None:
        """An edit: (re)start the autosave timer as the policy says.

        Speed: this runs on every keystroke. The header is refreshed only when its text may
        change (the first edit after a save adds the "*"); the timer is restarted, never more."""
        delay, header = self.saving.edited()
        if header:
            self._refresh_header()
        if delay is None:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(delay, self._autosave)

    def _stop_timer(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None

    def _autosave(self) -> None:
        self._save_timer = None
        self.save_in_background()

    def save_in_background(self) -> None:
        """Save if dirty, on a worker thread: the event loop (typing) never waits for it. One
        save at a time (the policy queues another). The outcome is shown in ``_save_finished``."""
        self._stop_timer()
        if not self.saving.start_background():
            return
        self._saving = self.run_worker(self.saving.save_in_thread, name="autosave",
                                       group="save", thread=True, exit_on_error=False)

    @on(Worker.StateChanged)
    def _save_finished(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._saving or not event.worker.is_finished:
            return
        event.stop()
        self._saving = None
        if event.state == WorkerState.CANCELLED:
            self.saving.background_cancelled()
            return  # the screen is going: quitting saves (and waits for this save)
        result = event.worker.result if event.state == WorkerState.SUCCESS else None
        told, again = self.saving.background_done(result)
        self.show_told(told)
        if again:
            self._saving = self.run_worker(self.saving.save_in_thread, name="autosave",
                                           group="save", thread=True, exit_on_error=False)

    def save_now(self, *, quiet: bool = False) -> bool:
        """Save if dirty, now, on this thread (after a save in flight on the worker thread).
        On failure: one line in a notification; the text stays, and the session stays dirty.
        Returns False only when a save failed (or saving is paused)."""
        self._stop_timer()
        told = self.saving.save_now(asked=not quiet)
        self.show_told(told)
        return told.ok

    def show_told(self, told: Told) -> None:
        """Show what the policy decided after a save or a choice."""
        if told.message is not None:
            self.app.notify(told.message, severity="error" if told.error else "information",
                            title=told.title or "", markup=False,
                            timeout=8 if told.error else (10 if told.title else 2))
        if told.header:
            self._refresh_header()
        elif told.header_later:
            # Speed, and calm: the "*" goes a moment later. An author typing on puts it back
            # with the next key, and the header's width would change twice (each change a
            # layout of the screen, on the path of a key); typing on, the header only gets the
            # new time (same width) with that key.
            if self._header_timer is None:
                self._header_timer = self.set_timer(HEADER_AFTER_SAVE, self._refresh_header)
        if told.ask:
            self.ask_conflict()

    @property
    def saved_position(self) -> str | None:
        """The position as last written to the file (for quitting: ``position_unsaved``)."""
        return self.store.saved_position

    def taken_over(self) -> str | None:
        """Who took the session over ("" when unknown), or None while the lock is ours."""
        return self.saving.taken_over()

    def pause_saving(self) -> None:
        """The file changed on disk (or the session was taken over): no more saves into it
        until the author chooses; the header says the session is not saved, and why."""
        self.saving.pause()
        self._stop_timer()
        self._refresh_header()

    def ask_conflict(self) -> None:
        """Show the choices for a file changed on disk (once: not while already shown)."""
        from .dialogs import ConflictScreen  # imported when needed (speed of the start)

        if self._conflict_open or isinstance(self.app.screen, ConflictScreen):
            return  # already asked (or asked by the quit)
        if self._show_lock.locked():  # a question is being opened: asked when it is (_show)
            self._conflict_pending = True
            return
        self._conflict_open = True
        self.app.push_screen(ConflictScreen(taken_over=self.taken_over()), self._conflict_answered)

    def _conflict_answered(self, choice: str | None) -> None:
        from .dialogs import CONFLICT_COPY, CONFLICT_OVERWRITE, CONFLICT_RELOAD

        self._conflict_open = False
        if choice == CONFLICT_OVERWRITE:
            self.overwrite()
        elif choice == CONFLICT_COPY:
            self.save_copy()
        elif choice == CONFLICT_RELOAD:
            self.reload_from_file()
        self._refresh_header()

    @work(group="reload")
    async def reload_from_file(self) -> None:
        """The author chose the file's version: their answers since the last save go to a
        copy beside the session first (nothing is lost), then the file is read again and the
        wizard shows what it holds. Saving goes on as usual."""
        async with self._show_lock:
            editor = self._editor()
            if editor is not None:
                editor.flush()
            na = self._not_applicable()
            if na is not None:
                na.flush()
            self._stop_timer()
            reloaded, told = self.saving.reload()
            for said in told:
                self.show_told(said)
            if not reloaded:
                return
            qid = self.current or self.order[0]
            self.saving.note_position(qid)
            if na is not None:
                na.load(qid)
            # Every editor is built again from the file's version.
            self.set_focus(None)
            for old in [*self._stowed_editors, *([editor] if editor is not None else [])]:
                await old.remove()
            self._stowed_editors.clear()
            self._shown_editor = None
            self.current = None
        self.show_question(qid)
        self.refresh_status()

    def overwrite(self) -> bool:
        """The author chose to write their answers over the other version of the file."""
        told = self.saving.overwrite()
        self.show_told(told)
        return told.ok

    def save_copy(self) -> Path | None:
        """Write the answers to a new file beside the session (the session file is left as
        the other program wrote it); say where in one line. Saving into the file stays paused."""
        path, told = self.saving.copy()
        self.show_told(told)
        return path

    def note_position(self) -> None:
        """The question asked for is where the author is, even if it is not shown yet."""
        qid = self.target or self.current
        if qid is not None and qid in self.bank:
            self.saving.note_position(qid)

    async def shown(self, limit: float = 1.0) -> None:
        """Wait (at most ``limit`` seconds) until no question is being opened: a modal pushed
        while an editor mounts breaks the editor's styles."""
        loop = asyncio.get_running_loop()
        end = loop.time() + limit
        while self._show_lock.locked() and loop.time() < end:
            await asyncio.sleep(0.02)

    def position_unsaved(self) -> bool:
        return self.saving.position_unsaved()

    # -- focus -----------------------------------------------------------------------------

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True,
                  from_app_focus: bool = False) -> None:
        """Textual's, except that a widget already removed is never focused (a focus asked for
        just before a rebuild removed the widget): the focus goes to a live one instead."""
        if widget is not None and not widget.is_attached:
            if self.focused is not None and self.focused.is_attached:
                return
            widget = self.focus_fallback()
        super().set_focus(widget, scroll_visible=scroll_visible, from_app_focus=from_app_focus)

    def focus_fallback(self) -> Widget | None:
        """Where the focus goes when the focused widget is gone: the shown editor's first
        field, else the tree."""
        editor = self._editor()
        if editor is not None and editor.is_attached:
            for widget in editor.query("*"):
                if widget.focusable and widget.is_attached:
                    return widget
        try:
            return self.query_one(NavTree)
        except Exception:
            return None

    # -- actions ---------------------------------------------------------------------------

    def _step(self, offset: int) -> None:
        base = self.target or self.current
        if base is None:
            return
        index = self.order.index(base) + offset
        if 0 <= index < len(self.order):
            # Keys typed right behind Ctrl+N/Ctrl+P go to the question it leads to (issue 16:
            # text typed at once went into the field being left while the move was under way).
            self._host.hold_keys()
            self.show_question(self.order[index])
            self.when_moved(self._host.release_keys)
        else:
            self.app.bell()

    def action_next_question(self) -> None:
        self._step(1)

    def action_previous_question(self) -> None:
        self._step(-1)

    def _item_place(self, item: str) -> tuple[int, int, int]:
        """Where an item stands in the template: (question, row, column), for ordering."""
        qid, row, key = parse_path(item)
        if qid not in self.bank:
            return (-1, 0, 0)
        keys = [c.key for c in self.bank[qid].columns]
        column = keys.index(key) if key in keys else -1
        return (self.order.index(qid), row or 0, column)

    def action_next_gap(self) -> None:
        """The next empty field after the one the author is in (issue 15: a gap is a field):
        the next empty field of this question first, then the next question's first."""
        self.refresh_status()
        # An answer carried over and not confirmed is a stop too (issue 13): the question.
        missing = [item for qid in self.order
                   for item in ((qid,) if self.result.by_question[qid].unconfirmed else ())
                   + self.result.by_question[qid].missing]
        if not missing:
            self.app.notify("Ingen mangler: alle spørsmålene er besvart og bekreftet.",
                            markup=False)
            return
        base = self.target or self.current
        editor = self._editor()
        here = editor.focused_item() if editor is not None and base == self.current else None
        if here is None and base in self.order:
            here = base
        start = self._item_place(here) if here is not None else (-1, 0, 0)
        after = [m for m in missing if self._item_place(m) > start]
        target = after[0] if after else missing[0]
        self.go_to_item(target)

    def action_save(self) -> None:
        self.save_now(quiet=False)

    def action_focus_tree(self) -> None:
        if self._settings.tree_hidden:  # Esc to a hidden tree: it is shown again
            self._change_tree(tree_hidden=False)
        self.query_one(NavTree).focus()

    # -- the tree's place: hidden or shown, narrow or wide (issue 15) ---------------------

    _settings = settings.Settings()

    def _apply_tree_settings(self) -> None:
        tree = self.query_one(NavTree)
        tree.display = not self._settings.tree_hidden
        tree.set_class(self._settings.tree_wide, "-wide")
        if tree.display:
            self.call_after_refresh(self._tree_follow)

    def _change_tree(self, **changes: bool) -> None:
        for name, value in changes.items():
            setattr(self._settings, name, value)
        settings.save(self._settings)  # not remembered when it cannot be written: no more
        self._apply_tree_settings()

    def action_toggle_tree(self) -> None:
        tree = self.query_one(NavTree)
        hiding = not self._settings.tree_hidden
        if hiding and tree.has_focus:
            editor = self._editor()
            if editor is not None:
                editor.focus_first()
        self._change_tree(tree_hidden=hiding)

    def action_widen_tree(self) -> None:
        self._change_tree(tree_wide=not self._settings.tree_wide, tree_hidden=False)

    def _tree_follow(self) -> None:
        """Keep the current question in view in the tree (after a resize, a new width)."""
        node = self._tree_nodes.get(self.current or "")
        tree = self.query_one(NavTree)
        if node is not None and tree.display:
            tree.show_node(node)

    def on_resize(self) -> None:
        self.call_after_refresh(self._tree_follow)

    def action_help(self) -> None:
        self._host.action_help()

    def action_not_applicable(self) -> None:
        try:
            self.query_one(NotApplicable).toggle()
        except Exception:
            pass

    @work(exclusive=True, group="modal")
    async def action_completeness(self) -> None:
        from ...quality import warnings as quality_warnings
        from .completeness import CompletenessScreen

        self.refresh_status()
        found = quality_warnings(self.bank, self.store.session)
        item = await self.app.push_screen_wait(
            CompletenessScreen(self.bank, self.store.session, self.result, found)
        )
        if item:
            self.go_to_item(item)

    # -- exports (the reports engineer's renderers) ----------------------------------------

    def _export(self, suffix: str, render: Callable[[], str], what: str) -> None:
        stem = self.store.path.name.removesuffix(".toml")
        target = self.store.path.with_name(f"{stem}-{suffix}.html")
        try:
            sessions.write_atomic(target, render().encode("utf-8"), backup=False,
                                  mode=sessions.public_mode())
        except Exception as exc:  # a failed export must never end the session
            self.app.notify(one_line(f"Kunne ikke skrive {what}: {exc}", 200),
                            severity="error", markup=False)
            return
        self.app.notify(one_line(f"{what[:1].upper()}{what[1:]} skrevet til {target}", 300),
                        markup=False, timeout=6)

    def action_export_statement(self) -> None:
        from ...render.statement import render_statement

        self._export("redegjorelse",
                     lambda: render_statement(self.bank, self.store.session, "html"),
                     "redegjørelsen")

    def action_export_report(self) -> None:
        from ...quality import warnings as quality_warnings
        from ...render.report import render_report

        def render() -> str:
            session = self.store.session
            return render_report(self.bank, session, check(self.bank, session),
                                 quality_warnings(self.bank, session), "html",
                                 self.store.path.name)

        self._export("rapport", render, "kompletthetsrapporten")

    def go_to_item(self, item: str) -> None:
        """Open the question of an item and focus its field, in view."""
        qid = item.partition("[")[0]
        if qid not in self.bank:
            return
        editor = self._editor()
        if qid == self.current == self.target and editor is not None and item != qid:
            # A field of the question shown: no need to show it again. What was typed in the
            # field being left goes into the store first (a table's form may show another row).
            editor.flush()
            editor.focus_item(item)
            self.call_after_refresh(self._reveal_focus)
            return
        self.show_question(qid, item=item)

    def go_to(self, qid: str) -> None:
        self.show_question(qid)

    def displayed(self, qid: str) -> str:
        """The tree label of a question, as shown (for tests)."""
        return self._tree_labels[qid].plain

    def plain(self, text: str) -> str:
        return visible(text)
