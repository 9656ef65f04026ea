"""Moving from question to question (issue 6): the pane is updated in place and a long-text or
one-line editor is re-pointed at the next question of its kind. These tests pin that nothing of
the previous question stays on screen or leaks into the next one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Checkbox, Collapsible, Input, Static, TextArea
from tui_helpers import (
    burst,
    goto,
    pane_lines,
    run_app,
    run_read_only,
    settle,
    wizard,
)

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Kind
from aktsomhetswizard.tui.screens.wizard import NavTree, WizardScreen
from aktsomhetswizard.tui.widgets.editors import (
    LineEditor,
    LongTextEditor,
    NotApplicable,
    QuestionEditor,
)


def _text(pilot: Pilot[Any], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


def _shown_editors(pilot: Pilot[Any]) -> list[QuestionEditor]:
    """The editors that take room on screen. Editors of other kinds may stay mounted, stowed:
    out of sight (no room in the pane, or not displayed at all)."""
    editors = list(pilot.app.screen.query(QuestionEditor))
    for editor in editors:
        if editor.stowed:
            assert not editor.display or editor.region.height == 0, editor
    return [e for e in editors if not e.stowed and e.display and e.region.height > 0]


def _pane_shows(pilot: Pilot[Any], w: WizardScreen, qid: str) -> None:
    """The pane shows ``qid`` only: its title and status, one editor holding its answer."""
    q = w.bank[qid]
    # The title names the question as the template does: its number, else its text (issue 15).
    assert _text(pilot, "#q-title").startswith(qid if qid[:1].isdigit() else q.text[:20])
    # One editor shown (others may be mounted, stowed: test_stowed_editors_...), the first of
    # the pane's editors, so that "#answer" on the screen is its field.
    shown = _shown_editors(pilot)
    assert len(shown) == 1, shown
    assert pilot.app.screen.query(QuestionEditor).first() is shown[0]
    assert len(pilot.app.screen.query("#q-title")) == 1
    assert len(pilot.app.screen.query(NotApplicable)) == 1
    editor = shown[0]
    assert w._editor() is editor
    assert editor.question.id == qid
    answer = w.store.session.answer(qid)
    if q.kind is Kind.LONG_TEXT:
        assert pilot.app.screen.query_one("#answer", TextArea).text == answer
    elif isinstance(editor, LineEditor):
        assert pilot.app.screen.query_one("#answer", Input).value == answer
    assert pilot.app.screen.query_one(NotApplicable).question_id == qid
    tree = pilot.app.screen.query_one(NavTree)
    assert tree.cursor_node is not None and tree.cursor_node.data == qid


def test_long_text_editor_is_reused_and_shows_each_answer(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "1.A.2")
        first = pilot.app.screen.query_one(LongTextEditor)
        area = pilot.app.screen.query_one("#answer", TextArea)
        for _ in range(8):  # 1.A.3 … 1.E.1: long text all the way
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert w.bank[w.current or ""].kind is Kind.LONG_TEXT
            # The same widgets, re-pointed (no rebuild on a move between long answers).
            assert pilot.app.screen.query_one(LongTextEditor) is first
            assert pilot.app.screen.query_one("#answer", TextArea) is area
            _pane_shows(pilot, w, w.current or "")
            assert pilot.app.focused is area
            # Each answer opens at its top, the cursor at its start (issue 15).
            assert area.cursor_location == (0, 0) and area.scroll_y == 0
        assert w.current == "1.E.1"
        assert not w.store.dirty  # showing answers is not an edit
        await pilot.press("ctrl+q")

    app = run_app(scenario, path=example)
    assert app.return_value == 0


def test_undo_after_a_move_never_brings_back_the_previous_answer(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.endringer")  # empty in the example
        await pilot.press(*"mitt svar")
        await settle(pilot)
        await goto(pilot, "1.A.2")
        shown = w.store.session.answer("1.A.2")
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        await settle(pilot)
        assert pilot.app.screen.query_one("#answer", TextArea).text == shown
        assert w.store.session.answer("1.A.2") == shown
        assert w.store.session.answer("virksomhet.endringer") == "mitt svar"
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    saved = sessions.load(example)
    assert saved.answers["virksomhet.endringer"] == "mitt svar"


def test_text_typed_just_before_ctrl_n_stays_in_its_question(example: Path) -> None:
    before = sessions.load(example).answers.get("1.A.3", "")

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "1.A.2")
        original = w.store.session.answer("1.A.2")
        # The keys and the move in one go: no pause for the Changed events in between.
        await pilot.press("x", "y", "ctrl+n", "z")
        await settle(pilot)
        assert w.current == "1.A.3"
        # Typed where the cursor opens: at the start of each answer (issue 15).
        assert w.store.session.answer("1.A.2") == "xy" + original
        assert w.store.session.answer("1.A.3") == "z" + before
        assert pilot.app.screen.query_one("#answer", TextArea).text == "z" + before
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    saved = sessions.load(example)
    assert saved.answers["1.A.2"].startswith("xy")
    assert saved.answers["1.A.3"] == "z" + before


def test_an_edit_not_yet_handled_is_written_to_its_question_on_leaving(example: Path) -> None:
    """The editor is re-pointed at the next question: an edit whose Changed event has not been
    handled yet (here: held back) is written to the question it was made in first."""

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "1.A.2")
        original = w.store.session.answer("1.A.2")
        next_answer = w.store.session.answer("1.A.3")
        area = pilot.app.screen.query_one("#answer", TextArea)
        with area.prevent(TextArea.Changed):
            area.insert("xy", area.document.end)
        box = pilot.app.screen.query_one("#na-check", Checkbox)
        with box.prevent(Checkbox.Changed):
            box.value = True
        assert w.store.session.answer("1.A.2") == original  # not in the store yet
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert w.current == "1.A.3"
        assert w.store.session.answer("1.A.2") == original + "xy"
        assert "1.A.2" in w.store.session.not_applicable
        assert w.store.session.answer("1.A.3") == next_answer
        assert "1.A.3" not in w.store.session.not_applicable
        assert area.text == next_answer
        assert not box.value
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    saved = sessions.load(example)
    assert saved.answers["1.A.2"].endswith("xy")
    assert "1.A.2" in saved.not_applicable


def test_rapid_ctrl_n_ends_on_the_right_question(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = wizard(pilot.app)  # type: ignore[arg-type]
        assert w.current == "forord"
        # Every kind on the way: one-line, yes/no, tables (2.A.1, 3.A.1) and long text. The
        # keys come at once, as a terminal delivers a held key: none waits for a move to end.
        burst(pilot, *["ctrl+n"] * 35)
        await settle(pilot)
        await pilot.pause(0.05)
        await settle(pilot)
        target = w.order[35]
        assert w.current == target
        _pane_shows(pilot, w, target)
        burst(pilot, *["ctrl+p"] * 30)
        await settle(pilot)
        await pilot.pause(0.05)
        await settle(pilot)
        assert w.current == w.order[5]
        _pane_shows(pilot, w, w.order[5])
        assert not w.store.dirty
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)


def test_line_editor_reused_across_kinds_validates_for_the_new_kind(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "virksomhet.navn")
        editor = pilot.app.screen.query_one(LineEditor)
        await goto(pilot, "virksomhet.omsetning")  # short text → number: the same editor
        assert pilot.app.screen.query_one(LineEditor) is editor
        field = pilot.app.screen.query_one("#answer", Input)
        assert field.value == w.store.session.answer("virksomhet.omsetning")
        assert field.placeholder == "For eksempel 1 137 092 000"
        field.value = "mange"
        await settle(pilot)
        assert "Skriv et tall" in _text(pilot, "#validation")
        assert field.has_class("-invalid")
        await goto(pilot, "virksomhet.kontaktperson")  # a short text: no number check
        field = pilot.app.screen.query_one("#answer", Input)
        assert field.placeholder == ""
        assert _text(pilot, "#validation") == ""
        assert not field.has_class("-invalid")
        field.value = "mange"
        await settle(pilot)
        assert _text(pilot, "#validation") == ""
        assert w.store.session.answer("virksomhet.kontaktperson") == "mange"
        assert w.store.session.answer("virksomhet.omsetning") == "mange"
        await goto(pilot, "virksomhet.epost")
        field = pilot.app.screen.query_one("#answer", Input)
        assert field.value == w.store.session.answer("virksomhet.epost")
        assert field.cursor_position == len(field.value)
        assert "e-postadresse" not in _text(pilot, "#validation")
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)


def test_not_applicable_follows_the_question(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "3.B.2")
        na = pilot.app.screen.query_one(NotApplicable)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press(*"grunn")
        await settle(pilot)
        assert w.store.session.not_applicable["3.B.2"] == "grunn"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert w.current == "3.B.3"
        assert pilot.app.screen.query_one(NotApplicable) is na
        assert not pilot.app.screen.query_one("#na-check", Checkbox).value
        assert pilot.app.screen.query_one("#na-reason", TextArea).text == ""
        assert not na.has_class("-on")
        assert "3.B.3" not in w.store.session.not_applicable
        # Ctrl+T and the move in one go: the mark goes to the question it was made in.
        await pilot.press("ctrl+t", "ctrl+n")
        await settle(pilot)
        assert w.current == "3.B.4"
        assert "3.B.3" in w.store.session.not_applicable
        assert "3.B.4" not in w.store.session.not_applicable
        assert not pilot.app.screen.query_one("#na-check", Checkbox).value
        await pilot.press("ctrl+p", "ctrl+p")
        await settle(pilot)
        assert w.current == "3.B.2"
        assert pilot.app.screen.query_one("#na-check", Checkbox).value
        assert pilot.app.screen.query_one("#na-reason", TextArea).text == "grunn"
        assert na.has_class("-on")
        assert w.store.session.not_applicable["3.B.2"] == "grunn"
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
    saved = sessions.load(example)
    assert saved.not_applicable["3.B.2"] == "grunn"
    assert "3.B.3" in saved.not_applicable
    assert "3.B.4" not in saved.not_applicable


def test_guidance_and_status_are_the_new_questions(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "1.A.2")
        box = pilot.app.screen.query_one("#guidance", Collapsible)
        assert box.display
        box.collapsed = False
        await settle(pilot)
        await goto(pilot, "3.B.3")  # another step and section: other guidance, collapsed
        assert box.collapsed
        loc = w.bank.locate("3.B.3")
        wanted = [t.strip() for t in (loc.step.guidance, loc.section.guidance,
                                      loc.question.help) if t.strip()]
        assert len(wanted) > 1
        assert str(box.query_one(".guidance-text", Static).render()) == "\n\n".join(wanted)
        assert "Ikke besvart" in _text(pilot, "#q-status")
        await goto(pilot, "virksomhet.navn")  # no guidance at all: none shown
        # Kept mounted, not displayed (no room taken, nothing to focus).
        assert not [c for c in pilot.app.screen.query(Collapsible) if c.display]
        assert box.region.height == 0
        assert box.query_one("CollapsibleTitle") not in pilot.app.screen.focus_chain
        assert "Besvart" in _text(pilot, "#q-status")
        await goto(pilot, "1.A.2")  # and back
        box = pilot.app.screen.query_one("#guidance", Collapsible)
        assert box.display and box.region.height > 0
        assert box.collapsed
        loc = w.bank.locate("1.A.2")
        wanted = [t.strip() for t in (loc.step.guidance, loc.section.guidance,
                                      loc.question.help) if t.strip()]
        assert str(box.query_one(".guidance-text", Static).render()) == "\n\n".join(wanted)
        assert "Veiledning" in str(box.query_one("CollapsibleTitle").render())
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)


def test_tree_scrolls_only_when_the_cursor_leaves_the_view(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "1.A.2")
        tree = pilot.app.screen.query_one(NavTree)
        offsets = []
        for _ in range(12):
            await pilot.press("ctrl+n")
            await settle(pilot)
            node = tree.cursor_node
            assert node is not None and node.data == w.current
            top = round(tree.scroll_offset.y)
            assert top <= node.line < top + tree.scrollable_content_region.height
            offsets.append(top)
        # Tree.move_cursor alone scrolls one line per move once the cursor reaches the
        # bottom; here a move out of view scrolls a third of the height at once.
        assert len(set(offsets)) <= 3
        await pilot.press("ctrl+q")

    run_app(scenario, path=example, size=(90, 24))


def test_read_only_session_keeps_reused_editors_read_only(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = wizard(pilot.app)  # type: ignore[arg-type]
        await goto(pilot, "1.A.2")
        await pilot.press("ctrl+n")
        await settle(pilot)
        area = pilot.app.screen.query_one("#answer", TextArea)
        assert area.read_only
        area.focus()
        await pilot.press(*"abc")
        await goto(pilot, "virksomhet.navn")
        await goto(pilot, "virksomhet.adresse")
        assert pilot.app.screen.query_one("#answer", Input).disabled
        assert pilot.app.screen.query_one("#na-check", Checkbox).disabled
        assert not w.store.dirty
        await pilot.press("ctrl+q")

    run_read_only(scenario, path=example)


def test_a_move_between_long_answers_shows_the_next_answer_from_its_top(example: Path) -> None:
    """What the author sees after each move between long answers (issue 6): the new question's
    title, its answer from the first line, and nothing left of the answer before. Long answers
    (taller than the field), titles of different heights, another step on the way."""
    order = ("3.B.1", "3.B.2", "3.B.3", "3.B.4", "3.B.5", "3.B.6", "3.B.7", "3.B.8", "4.A.1")
    session = sessions.load(example)
    for n, qid in enumerate(order):
        session.answers[qid] = f"Svar {n}: " + "Dette er en setning i et langt svar. " * (60 + n)
    example.write_bytes(sessions.to_bytes(session))

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, order[0])
        for n, qid in enumerate(order[1:], start=1):
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert w.current == qid
            pane = pane_lines(pilot.app)
            shown = "\n".join(pane)
            assert any(line.startswith(f" {qid} ") for line in pane[:4]), shown  # the title
            rows = [i for i, line in enumerate(pane) if f"Svar {n}:" in line]
            assert len(rows) == 1, shown
            assert "▔" in pane[rows[0] - 1], shown  # the field's first row: at its top
            assert f"Svar {n - 1}:" not in shown
        await pilot.press("ctrl+q")

    run_app(scenario, path=example, size=(120, 40))


def test_leaving_a_question_without_editing_never_rewrites_its_answer(example: Path) -> None:
    """flush() writes only what was edited in the field: a text the widget shows differently
    from the store (here a line separator, which TextArea turns into a newline) is left as it
    is when the author only passes by."""

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "1.A.2")
        w.store.session.answers["1.A.3"] = "a\u2028b"  # as if read by an older version
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert w.current == "1.A.3"
        assert pilot.app.screen.query_one("#answer", TextArea).text != "a\u2028b"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert w.current == "1.B.1"
        assert w.store.session.answers["1.A.3"] == "a\u2028b"
        assert not w.store.dirty
        await pilot.press("ctrl+q")

    run_app(scenario, path=example)
