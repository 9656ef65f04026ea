"""The overview (Ctrl+O, issue 15, item 7): what is missing first, by readable label; the
complete sections folded into one line that Enter unfolds; Enter on a gap lands on its field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import OptionList
from tui_helpers import run_app, settle, wizard

from aktsomhetswizard.tui.screens.completeness import FOLD_ID, CompletenessScreen


def _ids(options: OptionList) -> list[str]:
    return [o.id or "" for o in options.options]


def test_gaps_first_complete_sections_folded(example: Path) -> None:
    async def scenario(pilot: Pilot[Any]) -> None:
        w = wizard(pilot.app)  # type: ignore[arg-type]
        await pilot.press("ctrl+o")
        await settle(pilot)
        view = pilot.app.screen
        assert isinstance(view, CompletenessScreen)
        options = view.query_one(OptionList)
        ids = _ids(options)
        complete = [s.id for s in w.result.sections() if s.status == "complete"]
        gaps = [s.id for s in w.result.sections() if s.status != "complete"]
        assert complete and gaps
        # Every section with a gap is listed, before the folded line; no complete one is.
        fold = ids.index(FOLD_ID)
        assert all(f"section:{s}" in ids[:fold] for s in gaps)
        assert not any(f"section:{s}" in ids for s in complete)
        first_item = next(i for i, x in enumerate(ids) if x.startswith("item:"))
        assert first_item < fold and options.highlighted == first_item
        # Labels, not ids, in what the author reads.
        label = options.get_option(f"item:{w.result.missing[0]}").prompt
        assert "virksomhet.endringer" not in str(label)
        # Enter on the folded line unfolds the complete sections (after the gaps).
        options.highlighted = fold
        await pilot.press("enter")
        await settle(pilot)
        ids = _ids(options)
        assert all(f"section:{s}" in ids[ids.index(FOLD_ID):] for s in complete)
        await pilot.press("enter")  # and folds them again
        await settle(pilot)
        assert not any(f"section:{s}" in _ids(options) for s in complete)
        # Enter on a gap: the wizard, on that field.
        options.highlighted = ids.index("item:3.A.1[1].status")
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is w and w.current == "3.A.1"
        editor = w._editor()
        assert editor is not None and editor.focused_item() == "3.A.1[1].status"

    run_app(scenario, path=example, size=(80, 24))
