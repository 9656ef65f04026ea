"""Issue 14, item 6: the session picker lists a FIFO or a link to a device named *.toml as
unusable, and goes on (it used to hang on opening it)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from tui_helpers import run_app

from aktsomhetswizard.tui.screens.picker import PickerScreen

EXAMPLE = Path(__file__).resolve().parents[2] / "sessions" / "eksempel-ks-2023.toml"


def test_picker_lists_a_fifo_and_a_device_as_unusable(tmp_path: Path) -> None:
    shutil.copyfile(EXAMPLE, tmp_path / "god.toml")
    os.mkfifo(tmp_path / "x.toml")
    os.symlink("/dev/zero", tmp_path / "null.toml")
    seen: dict[str, bool] = {}

    async def scenario(pilot: Pilot[Any]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, PickerScreen)
        seen.update({e.name: e.error is None for e in screen.entries})
        await pilot.press("ctrl+q")

    run_app(scenario, directory=tmp_path)
    assert seen == {"god": True, "x": False, "null": False}
