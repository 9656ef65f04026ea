"""Issue 14, item 7: the monkey (tests/tui/monkey.py) types random keys at full speed across
every kind of question. After each burst: the app runs, the focus is on a live widget (or
none), and what the fields show is in the store; at the end Ctrl+Q ends the app and the file
reads back equal to the store. Seeded and short here; bench/monkey.py runs it longer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from monkey import disk_differs, run_monkey

EXAMPLE = Path(__file__).resolve().parents[2] / "sessions" / "eksempel-ks-2023.toml"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_monkey(tmp_path: Path, seed: int) -> None:
    path = tmp_path / "apekatt.toml"
    shutil.copyfile(EXAMPLE, path)
    report, store, code = run_monkey(path, seed, bursts_per_question=4, burst=6)
    assert report.problems == [], report.problems
    assert report.checks > 20
    assert store is not None
    assert code in (0, None)
    assert disk_differs(path, store) == []
