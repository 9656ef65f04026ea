"""textual_compat (issue 16): each piece checks what it touches at import and, when Textual is not
what it expects (or the pieces are turned off), leaves Textual's own behaviour in place; the
wizard works either way."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from textual.scroll_view import ScrollView
from textual.widget import Widget


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=120)


def test_the_pieces_are_on_with_this_textual() -> None:
    from aktsomhetswizard.tui import textual_compat

    assert all(textual_compat.ACTIVE.values()), textual_compat.ACTIVE
    from aktsomhetswizard.tui.widgets.navtree import NavTree

    assert NavTree._size_updated is not ScrollView._size_updated


def test_a_changed_signature_leaves_textuals_own() -> None:
    """Textual's _size_updated with another signature: nothing is patched."""
    done = _run("""
        from textual.widget import Widget
        def changed(self, size, virtual_size, container_size, layout=True, extra=None):
            return False
        Widget._size_updated = changed
        from aktsomhetswizard.tui import textual_compat as compat
        assert not compat.SIZE_UPDATED and not compat.ACTIVE["size_updated"]
        class Text(Widget):
            pass
        assert compat.no_layout_for_virtual_size(Text)._size_updated is changed
        assert compat.scrollbars_in_the_layouts_frame(Text)._size_updated is changed
        print("ok")
    """)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_turned_off_the_wizard_runs_on_textuals_own_behaviour(example: Path) -> None:
    """AKTSOMHET_TEXTUAL_COMPAT=0: every piece off; the wizard opens, moves, keeps what is
    typed and saves it on quit."""
    done = _run(f"""
        import asyncio
        from pathlib import Path
        from textual.scroll_view import ScrollView
        from aktsomhetswizard import session as sessions
        from aktsomhetswizard.tui import textual_compat as compat
        from aktsomhetswizard.tui.app import make_app
        from aktsomhetswizard.tui.widgets.navtree import NavTree
        assert not any(compat.ACTIVE.values())
        assert NavTree._size_updated is ScrollView._size_updated
        path = Path({str(example)!r})

        async def main():
            app = make_app(path=path, testing=True)
            async with app.run_test(size=(100, 30)) as pilot:
                for _ in range(100):
                    await pilot.pause(0.02)
                    if getattr(app.screen, "current", None):
                        break
                screen = app.screen
                first = screen.current
                await pilot.press("ctrl+n")
                await pilot.pause(0.2)
                assert screen.current != first
                qid = next(q for q in screen.order
                           if screen.bank[q].kind.value == "long_text" and q != first)
                screen.go_to(qid)
                for _ in range(100):
                    await pilot.pause(0.02)
                    if screen.current == qid:
                        break
                assert screen.current == qid
                before = screen.store.session.answers.get(qid, "")
                screen.query_one("#answer").focus()
                await pilot.press("x", "y", "z")
                await pilot.pause(0.1)
                await pilot.press("ctrl+q")
            return qid, before

        qid, before = asyncio.run(main())
        # A long answer opens at its start: the keys land there.
        assert sessions.load(path).answers[qid] == "xyz" + before
        print("ok")
    """, AKTSOMHET_TEXTUAL_COMPAT="0")
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stderr


def test_matches_checks_names_in_order() -> None:
    from aktsomhetswizard.tui.textual_compat import _matches

    assert _matches(Widget, "_size_updated",
                    ("self", "size", "virtual_size", "container_size", "layout"))
    assert not _matches(Widget, "_size_updated", ("self", "size", "virtual_size"))
    assert not _matches(Widget, "no_such_method", ("self",))
