"""In the wizard, a question ruled out by an earlier answer is no gap (docs/question-bank.md,
«applies_if»): «Nei» to «Gjelder redegjørelsen et konsern?» takes the ✗ off «Hvilke selskaper i
konsernet …?» at once, «Ja» puts it back (Pilot)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from tui_helpers import goto, run_app, settle

from aktsomhetswizard import session as sessions

GROUP = "signering.konsern"
COMPANIES = "signering.konsern_selskaper"


def test_not_a_group_takes_the_gap_away(example: Path) -> None:
    s = sessions.load(example)
    s.answers[GROUP] = "Ja"
    s.answers.pop(COMPANIES, None)
    sessions.save(s, example, touch=False)

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, GROUP)
        assert w.displayed(COMPANIES).startswith("✗ ")
        before = w.result.scope_steps("apenhetsloven")[0].expected
        await pilot.click("#no")
        await settle(pilot)
        await pilot.pause(0.3)
        assert w.store.session.answers[GROUP] == "Nei"
        assert not w.displayed(COMPANIES).startswith("✗ ")
        assert w.result.scope_steps("apenhetsloven")[0].expected == before - 1
        await pilot.click("#yes")
        await settle(pilot)
        await pilot.pause(0.3)
        assert w.displayed(COMPANIES).startswith("✗ ")
        await pilot.press("ctrl+q")

    run_app(scenario, path=example, size=(120, 40))
