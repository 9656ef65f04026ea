"""A keystroke in a cell of a table of 100,000 rows (session.MAX_ROWS), with Pilot: the key's
handling (``pilot.press``, which also waits for the screen) and the count of the marks that it
sets off 0.15 s later (``WizardScreen.refresh_marks``), each timed apart.

    python bench/table_keystroke.py [--rows N] [--no-save]

``--no-save`` leaves the autosave out (it writes the whole file, about 10 MB, in a thread, and
the thread competes with the event loop for the interpreter). Prints one JSON line (ms).
Compare with the example's one-row table (``--rows 1``): Pilot's own wait for the screen is in
every figure. Timings, not a test: the machine is shared."""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "tui"))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()

    from textual.pilot import Pilot
    from tui_helpers import goto, run_app, settle

    from aktsomhetswizard import session as sessions
    from aktsomhetswizard.bank import load_bank
    from aktsomhetswizard.tui.widgets.editors import RowTable

    folder = Path(tempfile.mkdtemp(prefix="bench-keystroke-"))
    path = folder / "stor.toml"
    s = sessions.load(ROOT / "sessions" / "eksempel-ks-2023.toml")
    s.tables["priorities"] = [{"impact": f"Risiko {n + 1}", "theme": "Arbeidstid",
                               "geography": "Kina"} for n in range(args.rows)]
    path.write_bytes(sessions.to_bytes(s, load_bank()))
    keys: list[float] = []
    marks: list[float] = []

    async def scenario(pilot: Pilot[Any]) -> None:
        w = await goto(pilot, "2.A.1")
        if args.no_save:
            w.store.save = lambda **_: False  # type: ignore[method-assign]
        original = w.refresh_marks

        def timed() -> None:
            start = time.perf_counter()
            original()
            marks.append((time.perf_counter() - start) * 1000)

        w.refresh_marks = timed  # type: ignore[method-assign]
        pilot.app.screen.query_one(RowTable).focus()
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("enter")  # the last row's form, its first field
        await settle(pilot)
        await pilot.pause(1.0)
        marks.clear()
        for ch in "abcdefghijkl":
            start = time.perf_counter()
            await pilot.press(ch)
            keys.append((time.perf_counter() - start) * 1000)
            await pilot.pause(0.5)
        await pilot.press("ctrl+q")

    run_app(scenario, path=path, size=(100, 30))
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps({
        "rows": args.rows, "save": not args.no_save,
        "key_median_ms": round(statistics.median(keys), 1), "key_max_ms": round(max(keys), 1),
        "marks_median_ms": round(statistics.median(marks), 1) if marks else None,
        "marks_max_ms": round(max(marks), 1) if marks else None,
    }))


if __name__ == "__main__":
    main()
