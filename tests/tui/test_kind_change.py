"""Moving to a question of another kind (issue 6): the editor of each kind, once built, stays
mounted, stowed, and is re-pointed when its kind comes back. These tests pin that a stowed
editor never shows, takes the focus or writes anything, and that a re-pointed editor shows the
new question as a new editor would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, RadioButton, RadioSet, Select, Static, TextArea
from tui_helpers import goto, pane_lines, run_app, run_read_only, settle

from aktsomhetswizard import session as sessions
from aktsomhetswizard.tui.screens.wizard import WizardScreen
from aktsomhetswizard.tui.widgets.editors import (
    FollowUpEditor,
    LineEditor,
    LongTextEditor,
    QuestionEditor,
    RowTable,
    TableEditor,
    YesNoEditor,
)


def _shown(pilot: Pilot[Any]) -> QuestionEditor:
    """The one editor on screen (the others are stowed: no room, nothing focusable)."""
    screen = pilot.app.screen
    assert isinstance(screen, WizardScreen)
    editors = list(screen.query(QuestionEditor))
    shown = [e for e in editors if not e.stowed]
    assert len(shown) == 1, editors
    editor = shown[0]
    assert screen._editor() is editor
    assert editors[0] is editor  # first in the pane: "#answer" on the screen is its field
    assert editor.display and editor.region.height > 0
    chain = screen.focus_chain
    for other in editors:
        if other is not editor:
            assert not other.display or other.region.height == 0, other
            assert not any(w in chain for w in other.query("*")), other
    return editor


def test_long_short_long_shows_the_new_questions_and_reuses_the_editors(example: Path) -> None:
    session = sessions.load(example)
    session.answers["virksomhet.endringer"] = "Et langt svar om endringer i året. " * 20
    example.write_bytes(sessions.to_bytes(session))

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.merker")  # long text
        long_editor = _shown(pilot)
        assert isinstance(long_editor, LongTextEditor)
        area = long_editor.query_one("#answer", TextArea)
        await goto(pilot, "virksomhet.omsetning")  # number
        line_editor = _shown(pilot)
        assert isinstance(line_editor, LineEditor)
        assert long_editor.stowed and long_editor.is_attached  # kept, out of sight
        field = pilot.app.screen.query_one("#answer", Input)
        assert field.value == w.store.session.answer("virksomhet.omsetning")
        assert pilot.app.focused is field
        await goto(pilot, "virksomhet.endringer")  # long text again: the same editor
        assert _shown(pilot) is long_editor
        assert line_editor.stowed
        assert pilot.app.screen.query_one("#answer", TextArea) is area
        assert area.text == w.store.session.answer("virksomhet.endringer")
        assert pilot.app.focused is area
        assert area.cursor_location == (0, 0)  # an answer opens at its start (issue 15)
        # Laid out at the pane's width while stowed: loaded and wrapped at that width (at
        # width 0, the text would be one row per line until the area is shown again).
        assert area.size.width > 0
        assert area.wrapped_document.height > area.document.line_count
        assert area.virtual_size.height == area.wrapped_document.height
        await goto(pilot, "virksomhet.kontaktperson")  # short text: the line editor again
        assert _shown(pilot) is line_editor
        field = pilot.app.screen.query_one("#answer", Input)
        assert field.value == w.store.session.answer("virksomhet.kontaktperson")
        assert pilot.app.focused is field
        assert not w.store.dirty  # showing answers is not an edit
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)


def test_a_stowed_editor_writes_nothing(example: Path) -> None:
    """An edit not yet in the store goes to its question when the editor is stowed; nothing
    the stowed editor holds reaches another question, nor the file."""
    before = sessions.load(example)

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.merker")
        area = pilot.app.screen.query_one("#answer", TextArea)
        with area.prevent(TextArea.Changed):  # as if its Changed event were still queued
            area.insert("xy", area.document.end)
        await goto(pilot, "virksomhet.omsetning")
        merker = before.answer("virksomhet.merker")
        assert w.store.session.answer("virksomhet.merker") == merker + "xy"
        assert w.store.session.answer("virksomhet.omsetning") == before.answer(
            "virksomhet.omsetning")
        await pilot.press(*"12")
        await settle(pilot)
        await goto(pilot, "virksomhet.omfattet")  # yes/no: line and long editors stowed
        assert w.store.session.answer("virksomhet.omsetning") == before.answer(
            "virksomhet.omsetning") + "12"
        # The stowed editors still hold the last texts: writing them would be an edit.
        answers = dict(w.store.session.answers)
        await pilot.pause(0.1)
        await settle(pilot)
        assert w.store.session.answers == answers
        await goto(pilot, "virksomhet.endringer")
        assert w.store.session.answers == answers
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    saved = sessions.load(example)
    assert saved.answers["virksomhet.merker"] == before.answer("virksomhet.merker") + "xy"
    assert saved.answers["virksomhet.omsetning"] == before.answer("virksomhet.omsetning") + "12"
    assert saved.answers.get("virksomhet.endringer", "") == before.answers.get(
        "virksomhet.endringer", "")
    assert saved.answers.get("virksomhet.omfattet") == before.answers.get("virksomhet.omfattet")


def test_undo_after_a_change_of_kind_never_brings_back_another_answer(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.endringer")  # long text, empty in the example
        await pilot.press(*"mitt svar")
        await settle(pilot)
        await goto(pilot, "virksomhet.kontaktperson")  # another kind
        await goto(pilot, "virksomhet.merker")  # the long editor, re-pointed
        shown = w.store.session.answer("virksomhet.merker")
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        await settle(pilot)
        assert pilot.app.screen.query_one("#answer", TextArea).text == shown
        assert w.store.session.answer("virksomhet.merker") == shown
        assert w.store.session.answer("virksomhet.endringer") == "mitt svar"
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)


def test_yes_no_editor_is_re_pointed(example: Path) -> None:
    session = sessions.load(example)
    session.answers["virksomhet.omfattet"] = "Ja"
    session.answers["leverandorkjede.offentlig_sektor"] = "Kanskje"  # neither: shown, kept
    example.write_bytes(sessions.to_bytes(session))

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.omfattet")
        editor = _shown(pilot)
        assert isinstance(editor, YesNoEditor)
        assert pilot.app.screen.query_one("#yes", RadioButton).value
        assert not editor.query_one("#stored", Static).display
        await goto(pilot, "leverandorkjede.innsatsfaktorer")  # a table between
        await goto(pilot, "leverandorkjede.offentlig_sektor")
        # Neither button pressed: a new editor (a RadioSet never lets go of its pressed one).
        editor = _shown(pilot)
        assert isinstance(editor, YesNoEditor)
        assert editor.question.id == "leverandorkjede.offentlig_sektor"
        yes = pilot.app.screen.query_one("#yes", RadioButton)
        no = pilot.app.screen.query_one("#no", RadioButton)
        assert not yes.value and not no.value
        stored = editor.query_one("#stored", Static)
        assert stored.display and "Kanskje" in str(stored.render())
        assert isinstance(pilot.app.focused, RadioSet)
        await pilot.click("#no")
        await settle(pilot)
        assert w.store.session.answers["leverandorkjede.offentlig_sektor"] == "Nei"
        assert w.store.session.answers["virksomhet.omfattet"] == "Ja"
        assert no.value and not yes.value
        # Back to the first: "Ja" pressed again, and a click on "Nei" turns "Ja" off.
        await goto(pilot, "virksomhet.omfattet")
        assert _shown(pilot) is editor
        assert yes.value and not no.value
        assert not stored.display
        await pilot.click("#no")
        await settle(pilot)
        assert no.value and not yes.value
        assert w.store.session.answers["virksomhet.omfattet"] == "Nei"
        assert w.store.session.answers["leverandorkjede.offentlig_sektor"] == "Nei"
        await pilot.press("ctrl+q")

    run_app(scenario, path=example, size=(120, 40))
    saved = sessions.load(example)
    assert saved.answers["virksomhet.omfattet"] == "Nei"
    assert saved.answers["leverandorkjede.offentlig_sektor"] == "Nei"


def test_tables_are_kept_and_brought_up_to_date_on_each_visit(example: Path) -> None:
    """A table editor is kept when the author leaves (stowed: out of sight, nothing in it
    focusable) and re-pointed on the next visit, its rows brought up to date with the store
    (issue 16)."""

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.navn")
        await goto(pilot, "2.A.1")
        table_editor = _shown(pilot)
        assert isinstance(table_editor, TableEditor)
        assert isinstance(pilot.app.focused, RowTable)
        await goto(pilot, "2.A.2")
        assert table_editor.is_attached and not table_editor.display
        assert not any(table_editor in f.ancestors for f in w.focus_chain)
        w.store.add_row("priorities")
        w.store.set_cell("priorities", 1, "theme", "Arbeidstid")
        w.store.set_cell("priorities", 0, "geography", "Vietnam")
        await goto(pilot, "2.A.1")
        again = _shown(pilot)
        assert again is table_editor and again.display
        table = again.query_one(RowTable)
        assert table.row_count == 2 == len(w.store.rows("priorities"))
        assert "Vietnam" in str(table.get_row_at(0))
        assert "Arbeidstid" in str(table.get_row_at(1))
        assert again.query_one("#cell-geography", Input).value == "Vietnam"
        assert isinstance(pilot.app.focused, RowTable)
        await pilot.press("down")
        await settle(pilot)
        # An old free-text theme is kept as a choice of its own (issue 12).
        assert again.query_one("#cell-theme", Select).value == "Arbeidstid"
        assert again.query_one("#cell-geography", Input).value == ""
        await pilot.press("ctrl+q")

    run_app(scenario, path=example, size=(120, 40))


def test_follow_up_is_kept_and_follows_2a1(example: Path) -> None:
    """3.A.1 is kept when the author leaves (stowed) and brought up to date on the next
    visit: its rows follow 2.A.1, and the priority shown has its five fields (issue 16: five
    fields in all, not five per priority)."""

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "3.A.1")
        follow_up = _shown(pilot)
        assert isinstance(follow_up, FollowUpEditor)
        goal = follow_up.query_one("#cell-goal", TextArea)
        goal.focus()
        await pilot.press(*"Mål")
        await settle(pilot)
        assert w.store.rows("priorities")[0]["goal"] == "Mål"
        await goto(pilot, "3.B.1")
        assert follow_up.is_attached and not follow_up.display
        w.store.set_cell("priorities", 0, "theme", "Arbeidstid")
        w.store.add_row("priorities")
        w.store.set_cell("priorities", 1, "impact", "Lange dager")
        await goto(pilot, "3.A.1")
        again = _shown(pilot)
        assert again is follow_up and again.display
        table = again.query_one(RowTable)
        assert table.row_count == 2
        assert "Lange dager" in str(table.get_row_at(1))
        assert again.query_one("#cell-goal", TextArea).text == "Mål"
        assert "Arbeidstid" in str(again.query_one("#priority-facts", Static).render())
        assert len(again.query(TextArea)) == 5
        table.focus()
        await pilot.press("down")
        await settle(pilot)
        assert "Lange dager" in str(again.query_one("#priority-facts", Static).render())
        assert again.query_one("#cell-goal", TextArea).text == ""
        await pilot.press("ctrl+q")

    run_app(scenario, path=example, size=(120, 40))


def test_read_only_session_keeps_re_pointed_editors_read_only(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, "virksomhet.omfattet")
        await goto(pilot, "2.A.1")
        await goto(pilot, "leverandorkjede.offentlig_sektor")  # re-pointed
        assert pilot.app.screen.query_one("#answer", RadioSet).disabled
        await goto(pilot, "virksomhet.navn")
        await goto(pilot, "virksomhet.omfattet")
        assert pilot.app.screen.query_one("#answer", RadioSet).disabled
        await pilot.click("#no")
        await settle(pilot)
        assert pilot.app.screen.query_one("#na-check", Checkbox).disabled
        await pilot.press("ctrl+q")

    run_read_only(scenario, path=example)


def test_each_kind_shows_its_question_and_answer_after_the_move(example: Path) -> None:
    """What the author sees after each move to another kind (issue 6), the first time (each
    editor built on the way, the one-line editor first after a long text) and the second
    (each re-pointed): the new question's title and answer, nothing left of the one before.
    short -> short -> long -> long -> number -> number -> yes/no -> long -> short."""
    session = sessions.load(example)
    answers = {
        "forord": "Forordsvar. " + "Dette er en setning i et langt svar. " * 60,
        "virksomhet.navn": "Navnesvar AS",
        "virksomhet.adresse": "Adressesvar 1, 0001 Oslo",
        "virksomhet.merker": "Merkesvar. " + "Dette er en setning i et langt svar. " * 60,
        "virksomhet.struktur": "Struktursvar. " + "Dette er en setning i et langt svar. " * 60,
        "virksomhet.omsetning": "987 654 321",
        "virksomhet.ansatte": "4711",
        "virksomhet.omfattet": "Ja",
        "virksomhet.endringer": "Endringssvar. " + "Dette er en setning i et langt svar. " * 60,
        "virksomhet.kontaktperson": "Kontaktsvar, rådgiver",
    }
    session.answers.update(answers)
    example.write_bytes(sessions.to_bytes(session))

    def seen(qid: str) -> str:
        """What shows the answer on screen: its first words, or the yes/no's chosen mark."""
        return "▐●▌ Ja" if qid == "virksomhet.omfattet" else answers[qid][:20]

    async def scenario(pilot: Pilot[Any]) -> None:
        order = list(answers)
        w = await goto(pilot, order[0])  # long text; no one-line editor built yet
        assert not pilot.app.screen.query(LineEditor)
        for _ in range(2):
            await goto(pilot, order[0])
            for before, qid in zip(order, order[1:], strict=False):
                await pilot.press("ctrl+n")
                await settle(pilot)
                assert w.current == qid
                shown = "\n".join(pane_lines(pilot.app))
                assert w.bank[qid].text[:30] in shown, shown
                assert seen(qid) in shown, shown
                assert seen(before) not in shown, shown
        await pilot.press("ctrl+q")

    run_app(scenario, path=example, size=(120, 40))


def test_focus_never_lands_in_a_stowed_editor_after_a_dialog(example: Path) -> None:
    """Read-only: the one-line field is disabled, nothing in the shown editor can take the
    focus. Back from a dialog, the screen's auto-focus must not pick a field of a stowed
    editor (the long text's, out of sight)."""
    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, "virksomhet.merker")  # the long editor built, then stowed
        await goto(pilot, "virksomhet.navn")
        pilot.app.screen.set_focus(None)
        await pilot.press("f1")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, WizardScreen)
        focused = pilot.app.focused
        stowed = [e for e in screen.query(QuestionEditor) if e.stowed]
        assert stowed
        assert focused is None or not any(e in focused.ancestors for e in stowed), focused
        await pilot.press("ctrl+q")

    run_read_only(scenario, path=example)


def test_the_validation_line_is_updated_only_when_its_message_changes(
        example: Path, monkeypatch: Any) -> None:
    from aktsomhetswizard.tui.widgets.editors import FieldNote

    updates: list[str] = []
    update = FieldNote.update

    def counted(self: FieldNote, *args: Any, **kwargs: Any) -> None:
        updates.append(str(args[0]) if args else "")
        update(self, *args, **kwargs)

    monkeypatch.setattr(FieldNote, "update", counted)

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.ansatte")  # a number: "306" in the example
        field = pilot.app.screen.query_one("#answer", Input)
        assert pilot.app.focused is field
        updates.clear()
        await pilot.press(*"12")  # still a number: the line stays empty, untouched
        await settle(pilot)
        assert updates == []
        await pilot.press("x")  # not a number: the message
        await settle(pilot)
        assert len(updates) == 1 and "Skriv et tall" in updates[0]
        note = pilot.app.screen.query_one("#validation", FieldNote)
        assert "Skriv et tall" in str(note.render())
        await pilot.press("y")  # the same message: not updated again
        await settle(pilot)
        assert len(updates) == 1
        await pilot.press("backspace", "backspace")
        await settle(pilot)
        assert len(updates) == 2 and updates[1] == ""
        assert str(note.render()) == ""
        assert w.store.session.answer("virksomhet.ansatte").endswith("12")
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)


def test_fields_keep_their_width_whether_the_pane_scrolls_or_not(example: Path) -> None:
    """Room for the pane's scrollbar is kept: a text area that changed width with it wrapped
    its text again (one more frame) on a move from a question that scrolls to one that does
    not, or back."""
    session = sessions.load(example)
    session.answers["1.A.2"] = "Et langt svar. " * 200  # the pane scrolls
    session.answers["1.A.3"] = "Kort."  # it does not
    example.write_bytes(sessions.to_bytes(session))

    async def scenario(pilot: Pilot[Any]) -> None:
        await goto(pilot, "1.A.3")
        pane = pilot.app.screen.query_one("#pane")
        area = pilot.app.screen.query_one("#answer", TextArea)
        short_width = area.size.width
        assert pane.max_scroll_y == 0  # nothing to scroll
        await goto(pilot, "3.A.1")  # a tall question between: the long editor stowed
        assert pane.max_scroll_y > 0
        await goto(pilot, "1.A.2")
        assert pane.max_scroll_y > 0
        assert area.size.width == short_width
        await pilot.press("ctrl+q")

    run_app(scenario, path=example, size=(100, 30))


def _styles(widget: Any) -> tuple[str, dict[str, str]]:
    return widget.styles.css, {name: styles.css
                               for name, styles in widget._component_styles.items()}


def _styles_are_current(pilot: Pilot[Any], widget: Any) -> None:
    """The widget's styles (and its parts') are those a restyle from scratch gives."""
    shown = _styles(widget)
    pilot.app.stylesheet.update_nodes([widget], animate=False)
    assert shown == _styles(widget)


def test_a_stowed_field_has_its_current_styles_when_it_is_shown_again(example: Path) -> None:
    """The field of an editor being stowed loses the focus out of sight. Shown again, with the
    focus (a move) or without it (a question opened from the tree, the tree keeping the
    focus), its styles are those a restyle gives."""

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.merker")  # long text, its area focused
        long_editor = _shown(pilot)
        area = long_editor.query_one("#answer", TextArea)
        assert pilot.app.focused is area
        await goto(pilot, "virksomhet.omsetning")  # number: the area loses the focus, stowed
        assert long_editor.stowed
        await goto(pilot, "virksomhet.endringer")  # long text again, with the focus
        assert pilot.app.focused is area
        _styles_are_current(pilot, area)
        await goto(pilot, "virksomhet.omsetning")
        w.action_focus_tree()
        await settle(pilot)
        w.show_question("virksomhet.merker", focus=False)  # from the tree: no focus
        await settle(pilot)
        assert w.current == "virksomhet.merker" and pilot.app.focused is not area
        _styles_are_current(pilot, area)
        field = w.query_one(LineEditor).query_one(Input)
        await goto(pilot, "virksomhet.omsetning")
        assert pilot.app.focused is field
        _styles_are_current(pilot, field)

    run_app(scenario, path=example)
