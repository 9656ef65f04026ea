"""Issue 13 in the wizard: carried over means "to confirm" (Pilot).

A session started from last year's shows ↻ beside the status (which counts the answer as not
answered); Ctrl+L confirms the question in view, the command palette a whole section; moving
past a question with Ctrl+N confirms nothing; Ctrl+G and the overview stop at unconfirmed
answers; the portal's HTML is shown as text and can be converted.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static
from tui_helpers import goto, palette, run_app, settle, wizard

from aktsomhetswizard import session as sessions
from aktsomhetswizard.tui.widgets.keybar import KeyBar
from aktsomhetswizard.usertext import portal_text


def _next_year(example: Path) -> Path:
    path = example.with_name("nordlys-2024.toml")
    new = sessions.start_from(sessions.load(example), "Nordlys Sport AS", 2024)
    sessions.save(new, path, touch=False)
    return path


def _keys(pilot: Pilot[Any]) -> list[str]:
    return [k.key for k in pilot.app.screen.query_one(KeyBar).keys]


def test_confirm_key_and_marks(example: Path) -> None:
    path = _next_year(example)

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "1.A.1")
        # Both marks: carried over, and the status that counts it as not answered.
        assert w.displayed("1.A.1").startswith("↻ ✗ ")
        assert w.displayed("3.A.1").startswith("↻ ✗ ")  # empty and carried: still ✗
        assert w.displayed("virksomhet.omsetning").startswith("✗ ")  # left behind
        assert w.result.percent == 0
        assert "overført fra i fjor, ikke bekreftet" in str(
            w.query_one("#q-status", Static).render())
        assert "ctrl+l" in _keys(pilot)
        # Ctrl+N past 1.A.1 and back confirms nothing.
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert w.current == "1.A.1" and w.store.session.is_unconfirmed("1.A.1")
        assert w.displayed("1.A.1").startswith("↻ ✗ ")
        # The key confirms it: it counts now.
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert w.displayed("1.A.1").startswith("✓ ")
        assert not w.store.session.is_unconfirmed("1.A.1")
        assert w.result.answered == 1
        assert "ctrl+l" not in _keys(pilot)  # nothing left to confirm here
        # 3.A.1 confirmed is still empty: ✗.
        await goto(pilot, "3.A.1")
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert w.displayed("3.A.1").startswith("✗ ")
        # Typing confirms too.
        await goto(pilot, "1.A.2")
        await pilot.press("end", "x")
        await settle(pilot)
        await pilot.pause(0.3)
        assert not w.store.session.is_unconfirmed("1.A.2")
        assert w.displayed("1.A.2").startswith("✓ ")
        await pilot.press("ctrl+q")
        await settle(pilot)

    run_app(scenario, path=path)
    saved = sessions.load(path)
    assert "1.A.1" not in saved.carried_over and "1.A.2" not in saved.carried_over
    assert "1.A.3" in saved.carried_over


def test_next_gap_and_overview_stop_at_unconfirmed(example: Path) -> None:
    path = _next_year(example)
    s = sessions.load(path)
    # Everything of 1.A answered and confirmed but 1.A.3, which is carried over.
    s.carried_over = [q for q in s.carried_over if q not in ("1.A.1", "1.A.2")]
    sessions.save(s, path)

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "1.A.2")
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert w.current == "1.A.3"  # not missing, but not confirmed
        await pilot.press("ctrl+o")
        await settle(pilot)
        overview = pilot.app.screen
        assert type(overview).__name__ == "CompletenessScreen"
        from textual.widgets import OptionList

        options = overview.query_one(OptionList)
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(options.get_option("item:1.A.3").prompt)
        shown = console.export_text()
        assert "↻ 1.A.3" in shown and "ikke bekreftet" in shown
        assert "ikke bekreftet" in str(overview.query_one("#completeness-head", Static).render())
        await pilot.press("escape")
        await settle(pilot)

    run_app(scenario, path=path)


def test_palette_confirms_a_section(example: Path) -> None:
    path = _next_year(example)

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "1.B.2")
        await palette(pilot, "Bekreft avsnittet")
        for qid in ("1.B.1", "1.B.2", "1.B.3"):
            assert not w.store.session.is_unconfirmed(qid), qid
            assert w.displayed(qid).startswith("✓ "), qid
        assert w.store.session.is_unconfirmed("1.C.1")  # another section: untouched
        assert w.result.by_section["1.B"].status == "complete"

    run_app(scenario, path=path)


def test_portal_html_shown_as_text_and_converted(example: Path) -> None:
    raw = sessions.load(example).tables["priorities"][0]["impact"]

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "3.A.1")
        facts = str(w.query_one("#priority-facts", Static).render())
        assert "Er reisen nødvendig?" in facts and "<p>" not in facts and "<li>" not in facts
        w = await goto(pilot, "2.A.1")
        status = str(w.query_one("#q-status", Static).render())
        assert "inneholder HTML fra portalen" in status
        await palette(pilot, "Gjør om HTML")
        impact = w.store.session.tables["priorities"][0]["impact"]
        assert impact == portal_text(raw) and "<p>" not in impact
        assert "inneholder HTML" not in str(w.query_one("#q-status", Static).render())
        await pilot.press("ctrl+q")
        await settle(pilot)

    run_app(scenario, path=example)
    assert "<p>" not in sessions.load(example).tables["priorities"][0]["impact"]


def test_picker_asks_before_taking_another_organisations_answers(example: Path,
                                                                 sessions_dir: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        await pilot.press("n")
        await settle(pilot)
        dialog = pilot.app.screen
        dialog.query_one("#org", Input).value = "Nordlys Sport AS"
        dialog.query_one("#year", Input).value = "2024"
        dialog.query_one("#from", Select).value = str(example)
        await settle(pilot)
        await pilot.click("#create")
        await settle(pilot)
        confirm = pilot.app.screen
        assert type(confirm).__name__ == "ConfirmScreen"
        assert "KS - Kommunesektorens organisasjon" in confirm.message
        await pilot.press("escape")  # no
        await settle(pilot)
        assert pilot.app.screen is dialog
        assert not list(sessions_dir.glob("nordlys*"))
        await pilot.click("#create")
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        w = wizard(pilot.app)  # type: ignore[arg-type]
        assert w.store.session.answers["virksomhet.navn"] == "Nordlys Sport AS"
        assert w.store.session.is_unconfirmed("1.A.1")
        assert "virksomhet.omsetning" not in w.store.session.answers
        await pilot.press("ctrl+q")
        await settle(pilot)

    run_app(scenario, directory=sessions_dir)


def test_long_answer_with_portal_html_is_shown_as_text(example: Path) -> None:
    s = sessions.load(example)
    s.answers["1.A.2"] = "<p>Vi følger loven.</p> <ul><li>- Punkt en</li><li>Punkt to</li></ul>"
    sessions.save(s, example)
    stored = s.answers["1.A.2"]

    async def scenario(pilot: Pilot[Any]) -> None:
        from aktsomhetswizard.tui.widgets.editors import AnswerArea

        w = await goto(pilot, "1.A.2")
        area = w.query_one("#answer", AnswerArea)
        assert area.text == "Vi følger loven.\n\n- Punkt en\n- Punkt to"
        # Looking and leaving writes nothing: the file keeps the HTML.
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert w.store.session.answers["1.A.2"] == stored
        await goto(pilot, "1.A.2")
        area = w.query_one("#answer", AnswerArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.press("!")
        await settle(pilot)
        assert w.store.session.answers["1.A.2"] == "Vi følger loven.\n\n- Punkt en\n- Punkt to!"

    run_app(scenario, path=example)


def test_table_cell_with_portal_html_is_shown_as_text(example: Path) -> None:
    raw = sessions.load(example).tables["priorities"][0]["impact"]

    async def scenario(pilot: Pilot[Any]) -> None:
        from textual.widgets import TextArea

        w = await goto(pilot, "2.A.1")
        field = w.query_one("#cell-impact", TextArea)
        assert field.text == portal_text(raw) and "<p>" not in field.text
        await pilot.press("ctrl+n")  # leaving it alone writes nothing
        await settle(pilot)
        assert w.store.session.tables["priorities"][0]["impact"] == raw
        w = await goto(pilot, "2.A.1")
        field = w.query_one("#cell-impact", TextArea)
        field.focus()
        field.move_cursor(field.document.end)
        await pilot.press("!")
        await settle(pilot)
        assert w.store.session.tables["priorities"][0]["impact"] == portal_text(raw) + "!"

    run_app(scenario, path=example)
    assert sessions.load(example).tables["priorities"][0]["impact"] == portal_text(raw) + "!"
