"""The monkey test, longer (issue 14, item 7): many seeds, more keys per question, on the example
and on a session with many table rows. Not a test (CI runs tests/tui/test_monkey.py, short);
run it before a release or after a change of the editors:

    .venv/bin/python bench/monkey.py                  # 20 seeds (a few minutes)
    .venv/bin/python bench/monkey.py --seeds 100 --bursts 12 --burst 8

Prints each seed's outcome; exits 1 when any seed found a problem (the seed reproduces it with
tests/tui/monkey.py's run_monkey)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "tui"))

from monkey import disk_differs, run_monkey  # noqa: E402

from aktsomhetswizard import session as sessions  # noqa: E402

EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"


def many_rows(folder: Path, rows: int) -> Path:
    s = sessions.load(EXAMPLE)
    s.tables["priorities"] = [
        {"impact": f"Risiko {n}", "theme": "Arbeidsforhold", "geography": "Asia"}
        for n in range(rows)
    ]
    path = folder / "mange-rader.toml"
    sessions.save(s, path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first", type=int, default=1000)
    parser.add_argument("--bursts", type=int, default=8, help="bursts per question")
    parser.add_argument("--burst", type=int, default=8, help="keys per burst")
    parser.add_argument("--rows", type=int, default=200, help="rows of 2.A.1 in the second file")
    args = parser.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory(prefix="aktsomhet-monkey-") as tmp:
        folder = Path(tmp)
        for seed in range(args.first, args.first + args.seeds):
            for source in ("example", "rows"):
                path = folder / f"{source}-{seed}.toml"
                if source == "example":
                    shutil.copyfile(EXAMPLE, path)
                else:
                    many_rows(folder, args.rows).rename(path)
                start = time.perf_counter()
                report, store, code = run_monkey(path, seed, bursts_per_question=args.bursts,
                                                 burst=args.burst)
                problems = list(report.problems)
                if store is not None and not problems:
                    problems += [f"file differs from the store: {d}"
                                 for d in disk_differs(path, store)]
                status = "ok" if not problems else "PROBLEM"
                failed += bool(problems)
                print(f"seed {seed} {source}: {status} ({report.keys} keys, {report.checks} "
                      f"checks, exit {code}{', ended early' if report.ended_early else ''}, "
                      f"{time.perf_counter() - start:.1f} s)")
                for problem in problems:
                    print(f"    {problem[:500]}")
    print(f"{failed} of {2 * args.seeds} runs found a problem")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
