"""Moves to and from the table questions (issue 16), timed as bench/probes.py times a move:
from the key to the last frame it caused, with the CPU time of the event loop's thread.

    python bench/table_moves.py make SESSION ROWS        # the example with ROWS priorities
    python bench/table_moves.py run SESSION ROUNDS        # one JSON line: ms per move

The session has ROWS rows in 2.A.1 and their five fields in 3.A.1 (a few hundred characters a
cell). A round walks 1.E.1 → … → 3.B.1 with Ctrl+N and back with Ctrl+P (16 moves, half of
them into or out of 2.A.1 / 3.A.1), at a typist's pace. Run the old and the new program in turns
(``PYTHONPATH=old/src``), several times: the machine is shared."""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

WORDS = ("leverandør arbeidstid lønn helse sikkerhet miljø utslipp kjemikalier barnearbeid "
         "tvangsarbeid fagforening rettigheter kontroll revisjon opplæring").split()


def text(n: int, length: int) -> str:
    out, i = [], n
    while sum(len(w) + 1 for w in out) < length:
        out.append(WORDS[i % len(WORDS)])
        i = i * 7 + 3
    return " ".join(out).capitalize() + "."


def make(path: str, rows: int) -> None:
    from aktsomhetswizard import session as sessions
    from aktsomhetswizard.bank import load_bank

    root = Path(__file__).resolve().parent.parent
    bank = load_bank()
    s = sessions.load(root / "sessions" / "eksempel-ks-2023.toml")
    keys = [c.key for c in bank.table_columns("priorities")]
    s.tables["priorities"] = [
        {k: text(n * 11 + j, 60 if k in ("theme", "geography") else 400)
         for j, k in enumerate(keys)}
        for n in range(rows)]
    Path(path).write_bytes(sessions.to_bytes(s, bank))


def run(path: str, rounds: int) -> None:
    from probes import _Busy, _open, _press

    from aktsomhetswizard.tui.app import make_app

    async def main() -> dict[str, Any]:
        app = make_app(path=Path(path), testing=True)
        moves: dict[str, list[tuple[float, float]]] = {}
        async with app.run_test(size=(120, 40)) as pilot:
            busy = _Busy()
            await _open(app, pilot)
            screen = app.screen
            screen.go_to("1.E.1")  # type: ignore[attr-defined]
            await pilot.pause(0.5)
            order = screen.bank.question_ids  # type: ignore[attr-defined]
            for _ in range(rounds):
                for key, stop in (("ctrl+n", "3.B.1"), ("ctrl+p", "1.E.1")):
                    while screen.current != stop:  # type: ignore[attr-defined]
                        before = screen.current  # type: ignore[attr-defined]
                        await asyncio.sleep(0.06)
                        work, frame = await _press(pilot, busy, key)
                        after = screen.current  # type: ignore[attr-defined]
                        assert order.index(after) != order.index(before)
                        moves.setdefault(f"{before}>{after}", []).append((work, frame))
            app.exit()
        return {k: [list(x) for x in v] for k, v in moves.items()}

    moves = asyncio.run(main())
    table = ("2.A.1", "3.A.1")
    frames_t = [f for k, v in moves.items() if any(t in k for t in table) for _, f in v]
    frames_o = [f for k, v in moves.items() if not any(t in k for t in table) for _, f in v]
    work_t = [w for k, v in moves.items() if any(t in k for t in table) for w, _ in v]

    def p95(xs: list[float]) -> float:
        return sorted(xs)[max(0, int(round(0.95 * len(xs))) - 1)]

    print(json.dumps({
        "table_moves": {"n": len(frames_t), "median": statistics.median(frames_t),
                        "p95": p95(frames_t), "max": max(frames_t),
                        "cpu_median": statistics.median(work_t)},
        "other_moves": {"n": len(frames_o), "median": statistics.median(frames_o),
                        "p95": p95(frames_o)},
        "per_move": {k: round(statistics.median(f for _, f in v), 1) for k, v in moves.items()},
        "when": time.strftime("%H:%M:%S"),
    }))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]))
    else:
        run(sys.argv[2], int(sys.argv[3]))
