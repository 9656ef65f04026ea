"""The benchmarks run (quick mode, tiny sizes) and write valid JSON. No timing is asserted:
benchmarks are not tests; this only keeps bench/run.py from rotting."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_runs_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "latest.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(out)],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["quick"] is True
    assert report["machine"]["cores"]
    ids = {r["id"] for r in report["results"]}
    assert {"cold_check_json", "folder_check_json", "first_frame_time", "first_frame_memory",
            "autosave_ms", "moves_long_median", "moves_long_p95", "moves_tables_median",
            "moves_tables_p95", "keystroke_p95"} <= ids
    for r in report["results"]:
        assert set(r) >= {"id", "title", "value", "unit", "baseline", "ratio", "goal", "met"}
        if r["value"] is not None:
            assert r["value"] > 0
            if r["baseline"] is not None:
                assert r["ratio"] is not None
    assert "cold_check_json" in done.stdout  or "check FILE" in done.stdout
