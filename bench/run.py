"""The benchmarks of issue 6: each figure beside a baseline measured in the same run.

    .venv/bin/python bench/run.py            # everything, this machine's figures (3–4 minutes)
    .venv/bin/python bench/run.py --quick    # a smoke run with tiny sizes (seconds; CI)
    .venv/bin/python bench/run.py --only cold,folder

Prints a table and writes bench/results/latest.json (``--out`` elsewhere). Every figure is the
median of several runs; baselines and figures are measured alternately, so that a busy moment on
the machine weighs on both. See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"
RESULTS = BENCH / "results" / "latest.json"
PY = sys.executable

sys.path.insert(0, str(BENCH))

# ---------------------------------------------------------------------------------------------
# Running and timing processes


def run_timed(cmd: Sequence[str], *, cwd: Path | None = None, capture: bool = False,
              ok: tuple[int, ...] = (0, 1), extra_env: dict[str, str] | None = None,
              cpu: list[float] | None = None) -> tuple[float, int, str, float]:
    """Run a command to its end. Returns (wall seconds, peak RSS in KiB, stdout, start time);
    ``cpu`` gets the CPU seconds (user and system) of the process and the children it waited
    for (a folder check's workers)."""
    env = {**os.environ, **(extra_env or {})}
    env.pop("TEXTUAL", None)  # no devtools
    # Bytecode caches as an installed package has them (pip compiles at install); this
    # workplace sets PYTHONDONTWRITEBYTECODE, which would compile our modules on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start_wall = time.time()
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd), cwd=cwd, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    out_b = proc.stdout.read() if capture and proc.stdout else b""
    err_b = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if cpu is not None:
        cpu.append(usage.ru_utime + usage.ru_stime)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        raise RuntimeError(
            f"{' '.join(cmd)} ended with {proc.returncode}:\n{err_b.decode(errors='replace')}"
        )
    return elapsed, usage.ru_maxrss, out_b.decode(), start_wall


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by nearest rank: the smallest sample that at least q %
    of the samples are at or below."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def alternate(runs: int, *measures: Callable[[], float]) -> list[list[float]]:
    """Run each measure ``runs`` times, taking turns; returns the samples of each."""
    samples: list[list[float]] = [[] for _ in measures]
    for _ in range(runs):
        for i, measure in enumerate(measures):
            samples[i].append(measure())
    return samples


def aktsomhet() -> list[str]:
    """The installed command beside this Python, else ``python -m aktsomhetswizard``."""
    script = Path(PY).parent / "aktsomhet"
    return [str(script)] if script.exists() else [PY, "-m", "aktsomhetswizard"]


# ---------------------------------------------------------------------------------------------
# Results


def result(
    key: str, title: str, value: float | None, unit: str, *, baseline: float | None = None,
    baseline_title: str | None = None, max_ratio: float | None = None,
    max_value: float | None = None, samples: Sequence[float] = (),
    baseline_samples: Sequence[float] = (), note: str = "",
) -> dict[str, Any]:
    ratio = value / baseline if value is not None and baseline else None
    met: bool | None = None
    if value is not None:
        if max_ratio is not None and ratio is not None:
            met = ratio <= max_ratio
        elif max_value is not None:
            met = value <= max_value
    return {
        "id": key, "title": title, "value": value, "unit": unit,
        "baseline": baseline, "baseline_title": baseline_title, "ratio": ratio,
        "goal": ({"max_ratio": max_ratio} if max_ratio is not None else
                 {"max": max_value, "unit": unit} if max_value is not None else None),
        "met": met, "samples": list(samples), "baseline_samples": list(baseline_samples),
        "note": note,
    }


def not_measured(key: str, title: str, unit: str, why: str, **goal: float) -> dict[str, Any]:
    r = result(key, title, None, unit, **goal)  # type: ignore[arg-type]
    r["note"] = f"not measured: {why}"
    return r


def show(r: dict[str, Any]) -> None:
    unit = r["unit"]
    if r["value"] is None:
        print(f"  {r['title']:<52} {r['note']}")
        return
    fmt = (lambda v: f"{v:9.1f} {unit}") if unit in ("ms", "MiB") else (
        lambda v: f"{v:9.2f} {unit}")
    line = f"  {r['title']:<52} {fmt(r['value'])}"
    if r["baseline"] is not None:
        line += f"   baseline {fmt(r['baseline'])}   ratio {r['ratio']:5.2f}"
    goal = r["goal"]
    if goal and "max_ratio" in goal:
        line += f"   goal ≤ {goal['max_ratio']:.2f}×"
    elif goal:
        line += f"   goal ≤ {goal['max']:g} {unit}"
    if r["met"] is not None:
        line += "   met" if r["met"] else "   NOT MET"
    print(line)
    if r["note"]:
        print(f"  {'':<52} ({r['note']})")


# ---------------------------------------------------------------------------------------------
# 1. `aktsomhet check FILE --format json`, a cold process


def bench_cold(runs: int, warm: bool = True) -> list[dict[str, Any]]:
    base_cmd = [PY, "-c", "import tomllib, pydantic"]
    json_cmd = [*aktsomhet(), "check", str(EXAMPLE), "--format", "json"]
    text_cmd = [*aktsomhet(), "check", str(EXAMPLE)]
    for cmd in (base_cmd, json_cmd, text_cmd) if warm else ():  # disk cache and .pyc files
        run_timed(cmd)
    base, js, text = alternate(
        runs, *(lambda c=c: run_timed(c)[0] * 1000 for c in (base_cmd, json_cmd, text_cmd))
    )
    b = median(base)
    return [
        result("cold_check_json", "aktsomhet check FILE --format json (cold)", median(js), "ms",
               baseline=b, baseline_title='python -c "import tomllib, pydantic"',
               max_ratio=1.5, samples=js, baseline_samples=base),
        result("cold_check_text", "aktsomhet check FILE (text, cold; no goal)", median(text),
               "ms", baseline=b, baseline_title='python -c "import tomllib, pydantic"',
               samples=text, baseline_samples=base),
    ]


# ---------------------------------------------------------------------------------------------
# 2. A folder of many sessions

_TOML_LOOP = """
import sys, tomllib
from pathlib import Path
for p in sorted(Path(sys.argv[1]).glob("*.toml")):
    with open(p, "rb") as f:
        tomllib.load(f)
"""


def bench_folder(count: int, runs: int, fresh: bool) -> list[dict[str, Any]]:
    import gen

    if count >= 1000:
        print(f"  (sessions: {count} files, made once and cached in the temp folder)",
              flush=True)
        folder = gen.cached_folder(count, fresh=fresh)
    else:
        folder = Path(tempfile.mkdtemp(prefix="aktsomhet-bench-small-"))
        gen.generate(folder, count)
    try:
        files = sorted(folder.glob("*.toml"))
        size = sum(f.stat().st_size for f in files) / len(files) / 1024
        base_cmd = [PY, "-c", _TOML_LOOP, str(folder)]
        json_cmd = [*aktsomhet(), "check", str(folder), "--format", "json"]
        csv_cmd = [*aktsomhet(), "check", str(folder), "--format", "csv"]
        run_timed(base_cmd)  # the files into the page cache
        cpus: list[list[float]] = [[], [], []]
        base, js, csv = alternate(
            runs, *(lambda c=c, t=t: run_timed(c, cpu=t)[0] * 1000
                    for c, t in zip((base_cmd, json_cmd, csv_cmd), cpus, strict=True))
        )
    finally:
        if count < 1000:
            shutil.rmtree(folder, ignore_errors=True)
    b = median(base)
    from aktsomhetswizard.batch import PARALLEL_MIN, cores

    # The check runs one worker process per core it may use (batch.py), the baseline one process:
    # the CPU seconds of each (all its processes) say what a file costs on one core.
    workers = cores() if count >= PARALLEL_MIN and cores() > 1 else 1
    base_cpu, json_cpu, csv_cpu = (median(t) for t in cpus)
    used = f"{workers} worker processes" if workers > 1 else "one process"
    note = (f"{count} files, {size:.1f} KiB on average; {os.cpu_count()} cores, the check in "
            f"{used}; CPU (all processes, "
            f"median): baseline {base_cpu:.1f} s, json {json_cpu:.1f} s "
            f"({json_cpu / base_cpu:.2f}x), csv {csv_cpu:.1f} s ({csv_cpu / base_cpu:.2f}x)")
    title = f"check DIR ({count} sessions) --format"
    return [
        result("folder_check_json", f"{title} json", median(js) / 1000, "s", baseline=b / 1000,
               baseline_title="a bare loop of tomllib.load over the same files", max_ratio=1.3,
               samples=[v / 1000 for v in js], baseline_samples=[v / 1000 for v in base],
               note=note),
        result("folder_check_csv", f"{title} csv", median(csv) / 1000, "s", baseline=b / 1000,
               baseline_title="a bare loop of tomllib.load over the same files", max_ratio=1.3,
               samples=[v / 1000 for v in csv], baseline_samples=[v / 1000 for v in base],
               note=note),
    ]


# ---------------------------------------------------------------------------------------------
# 3. The wizard's first frame


def _wizard_missing() -> str | None:
    try:
        __import__("aktsomhetswizard.tui.app")
        from aktsomhetswizard.tui.app import make_app  # noqa: F401
    except ImportError as exc:
        return f"the wizard is not there yet ({exc})"
    return None


def _first_frame(kind: str, session: Path) -> tuple[float, float, float | None]:
    """(ms to the frame, peak RSS in MiB, ms to the first paint of the wizard screen)."""
    _, rss, out, start = run_timed(
        [PY, str(BENCH / "probes.py"), "first-frame", kind, str(session), "120", "40"],
        capture=True, cwd=session.parent, ok=(0,),
    )
    data = json.loads(out.strip().splitlines()[-1])
    first = data.get("first_wizard_paint")
    return ((data["frame"] - start) * 1000, rss / 1024,
            None if first is None else (first - start) * 1000)


def bench_first_frame(runs: int, warm: bool = True) -> list[dict[str, Any]]:
    why = _wizard_missing()
    if why:
        return [not_measured("first_frame_time", "wizard: first frame (headless)", "ms", why,
                             max_ratio=1.3),
                not_measured("first_frame_memory", "wizard: peak memory at first frame", "MiB",
                             why, max_ratio=1.5)]
    work = Path(tempfile.mkdtemp(prefix="aktsomhet-bench-frame-"))
    try:
        session = work / EXAMPLE.name
        shutil.copyfile(EXAMPLE, session)
        if warm:  # .pyc files and the disk cache
            _first_frame("minimal", session)
            _first_frame("wizard", session)
        mins: list[tuple[float, float, float | None]] = []
        wiz: list[tuple[float, float, float | None]] = []
        for _ in range(runs):
            mins.append(_first_frame("minimal", session))
            wiz.append(_first_frame("wizard", session))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base_t, wiz_t = [m[0] for m in mins], [w[0] for w in wiz]
    base_m, wiz_m = [m[1] for m in mins], [w[1] for w in wiz]
    title = "a minimal Textual app (Header, Tree, TextArea, Static, Footer)"
    return [
        result("first_frame_time", "wizard: first frame on the example (headless)",
               median(wiz_t), "ms", baseline=median(base_t), baseline_title=title,
               max_ratio=1.3, samples=wiz_t, baseline_samples=base_t,
               note="from starting the process to the wizard screen painted with its question, "
                    "120×40; the wizard screen's very first paint came at "
                    f"{median([w[2] for w in wiz if w[2] is not None]):.0f} ms"),
        result("first_frame_memory", "wizard: peak memory (ru_maxrss)", median(wiz_m), "MiB",
               baseline=median(base_m), baseline_title=title, max_ratio=1.5,
               samples=wiz_m, baseline_samples=base_m),
    ]


# ---------------------------------------------------------------------------------------------
# 4. Inside the wizard


def _long_text(rng: Any, words: list[str], length: int) -> str:
    """Distinct prose of about ``length`` characters: sentences of the example's words."""
    paras: list[str] = []
    total = 0
    while total < length:
        sentences = []
        for _ in range(rng.randint(3, 7)):
            n = rng.randint(8, 22)
            s = " ".join(rng.choice(words) for _ in range(n))
            sentences.append(s[:1].upper() + s[1:] + ".")
        para = " ".join(sentences)
        paras.append(para)
        total += len(para) + 2
    return "\n\n".join(paras)[:length].rstrip() + "."


def make_sessions(folder: Path, answers: int, answer_len: int, long_len: int) -> tuple[Path, Path]:
    """Two sessions: ``answers`` answers of ``answer_len`` characters (the next-question and
    autosave session), and the example with one answer of ``long_len`` characters, opened at
    that question (the keystroke session)."""
    import random

    from aktsomhetswizard import session as sessions
    from aktsomhetswizard.bank import Kind, load_bank

    rng = random.Random(6)
    bank = load_bank()
    example = sessions.load(EXAMPLE)
    words = sorted({w.strip(".,:;()«»\"").lower() for v in example.answers.values()
                    for w in v.split()} - {""})
    big = sessions.Session(organisation="Stor Virksomhet AS", year=2024)
    texts = [loc.question for loc in bank.questions() if not loc.question.is_table]
    # Long answers where long answers are written: the long-text questions, then the long-text
    # cells of the priorities table (2.A.1/3.A.1), then, if need be, the other questions.
    long_q = [q for q in texts if q.kind is Kind.LONG_TEXT]
    others = [q for q in texts if q.kind is not Kind.LONG_TEXT]
    n = 0
    for q in long_q:
        if n < answers:
            big.answers[q.id] = _long_text(rng, words, answer_len)
            n += 1
    cols = [c.key for c in bank.table_columns("priorities") if c.kind is Kind.LONG_TEXT]
    rows: list[dict[str, Any]] = []
    while n < answers and cols and len(rows) < 10:
        row: dict[str, Any] = {}
        for key in cols:
            if n < answers:
                row[key] = _long_text(rng, words, answer_len)
                n += 1
        rows.append(row)
    if rows:
        big.tables["priorities"] = rows
    for q in others:
        if n < answers:
            big.answers[q.id] = _long_text(rng, words, answer_len)
            n += 1
    big.position = texts[0].id
    next_path = folder / "stor.toml"
    next_path.write_bytes(sessions.to_bytes(big))

    long = sessions.load(EXAMPLE)
    target = next(q for q in texts if q.kind is Kind.LONG_TEXT and q.id in long.answers)
    long.answers[target.id] = _long_text(rng, words, long_len)
    long.position = target.id
    keys_path = folder / "lang.toml"
    keys_path.write_bytes(sessions.to_bytes(long))
    return next_path, keys_path


TABLE_QUESTIONS = ("leverandorkjede.produsenter", "leverandorkjede.innsatsfaktorer", "2.A.1",
                   "3.A.1")


def _walk(session: Path, work: Path, pace: str, limit: int, compat: bool) -> list[dict[str, Any]]:
    """Every move between neighbouring questions of ``session`` (bench/probes.py moves), in a
    fresh process; ``compat``: textual_compat's pieces on (as shipped) or off."""
    _, _, text, _ = run_timed(
        [PY, str(BENCH / "probes.py"), "moves", str(session), pace, str(limit)],
        capture=True, cwd=work, ok=(0,),
        extra_env={"AKTSOMHET_TEXTUAL_COMPAT": "1" if compat else "0"})
    moves: list[dict[str, Any]] = json.loads(text.strip().splitlines()[-1])["moves"]
    return moves


def _moves_results(key: str, what: str, moves: list[dict[str, Any]]) -> list[dict[str, Any]]:
    frames = [m["frame"] for m in moves]
    tables = [m for m in moves if m["from"] in TABLE_QUESTIONS or m["to"] in TABLE_QUESTIONS]
    table = [m["frame"] for m in tables]
    slowest = sorted(moves, key=lambda m: m["frame"], reverse=True)[:3]
    note = (f"{len(frames)} moves (every question, Ctrl+N to the last and Ctrl+P back); "
            f"median {median(frames):.1f}, p95 {percentile(frames, 95):.1f}, p90 "
            f"{percentile(frames, 90):.1f}, slowest {max(frames):.1f} ms; CPU per move "
            f"{median([m['work'] for m in moves]):.1f} ms (median); slowest: "
            + ", ".join(f"{m['from']}→{m['to']} {m['frame']:.0f} ms" for m in slowest))
    out = [
        result(f"{key}_median", f"wizard: every move, median ({what})", median(frames), "ms",
               max_value=50, samples=frames, note=note),
        result(f"{key}_p95", f"wizard: every move, 95th percentile ({what})",
               percentile(frames, 95), "ms", max_value=100, samples=frames),
    ]
    if tables:
        # The tail a person feels (issue 16): the moves into or out of a table question, apart,
        # so that a good whole-session percentile does not hide them.
        by_move: dict[str, list[float]] = {}
        for m in tables:
            by_move.setdefault(f"{m['from']}→{m['to']}", []).append(m["frame"])
        worst = max(tables, key=lambda m: m["frame"])
        per_move = ", ".join(f"{name} {median(v):.0f}/{max(v):.0f}"
                             for name, v in sorted(by_move.items(),
                                                   key=lambda kv: -median(kv[1]))[:6])
        out += [
            result(f"{key}_table_p95", "  of them into or out of a table: 95th percentile",
                   percentile(table, 95), "ms", max_value=100, samples=table,
                   note=f"{len(table)} moves, median {median(table):.1f} ms; slowest moves "
                        f"(median/slowest ms): {per_move}"),
            result(f"{key}_table_worst", f"  of them into or out of a table: the slowest "
                   f"({worst['from']}→{worst['to']})", worst["frame"], "ms", max_value=100,
                   samples=table),
        ]
    return out


def bench_wizard_ops(quick: bool, runs: int, compare_compat: bool = False) -> list[dict[str, Any]]:
    answers, answer_len, long_len, presses, rows = (60, 5000, 100_000, 40, 50)
    if quick:
        answers, answer_len, long_len, presses, rows = (4, 200, 2000, 3, 3)
    rounds = 1 if quick else 2
    pace, limit = ("0", 6) if quick else ("60", 0)
    work = Path(tempfile.mkdtemp(prefix="aktsomhet-bench-ops-"))
    out: list[dict[str, Any]] = []
    try:
        next_path, keys_path = make_sessions(work, answers, answer_len, long_len)
        tables_path = work / "tabeller.toml"
        import table_moves

        table_moves.make(str(tables_path), rows)
        size_kb = next_path.stat().st_size / 1024
        # Autosave, measured directly on the store (a copy per run).
        save_times: list[float] = []
        for _ in range(max(1, runs // 2)):
            copy = work / "lagre.toml"
            shutil.copyfile(next_path, copy)
            _, _, text, _ = run_timed(
                [PY, str(BENCH / "probes.py"), "autosave", str(copy), "5" if quick else "15"],
                capture=True, cwd=work, ok=(0,),
            )
            save_times.extend(json.loads(text.strip().splitlines()[-1])["save_ms"])
        out.append(result("autosave_ms", f"store.save() of a {size_kb:.0f} KiB session",
                          median(save_times), "ms", max_value=50, samples=save_times))
        why = _wizard_missing()
        if why:
            out += [not_measured("moves_long_p95", "wizard: every move", "ms", why,
                                 max_value=100),
                    not_measured("keystroke_p95", "wizard: keystroke", "ms", why,
                                 max_ratio=1.2)]
            return out
        # Every move, in each session; rounds (and, with --compare-compat, textual_compat
        # turned off) in turns, each walk in a fresh process.
        walks: dict[tuple[str, bool], list[dict[str, Any]]] = {}
        sessions_ = (("long", next_path), ("tables", tables_path))
        for _ in range(rounds):
            for name, path in sessions_:
                for compat in ((True, False) if compare_compat else (True,)):
                    walks.setdefault((name, compat), []).extend(
                        _walk(path, work, pace, limit, compat))
        # Keystrokes: the wizard and the minimal app's TextArea in turns.
        data: dict[str, Any] = {"keystroke": {}, "keystroke_minimal": {}}
        for _ in range(rounds):
            for phase in ("keys", "keys-minimal"):  # each in a fresh process
                _, _, text, _ = run_timed(
                    [PY, str(BENCH / "probes.py"), "wizard-ops", str(next_path),
                     str(keys_path), str(presses), "0" if quick else "60", phase],
                    capture=True, cwd=work, ok=(0,),
                )
                for part, values in json.loads(text.strip().splitlines()[-1]).items():
                    merged = data[part]
                    for k, v in values.items():
                        if isinstance(v, list):
                            merged.setdefault(k, []).extend(v)
                        elif k == "stall":  # the longest of all rounds
                            merged[k] = max(merged.get(k, 0), v)
                        elif k == "length":
                            merged[k] = v
                        else:  # counts: summed over the rounds
                            merged[k] = merged.get(k, 0) + v
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out += _moves_results("moves_long", f"{answers} answers of {answer_len} chars",
                          walks[("long", True)])
    out += _moves_results("moves_tables", f"the example with {rows} rows in 2.A.1/3.A.1",
                          walks[("tables", True)])
    if compare_compat:
        for name, _ in sessions_:
            on = [m["frame"] for m in walks[(name, True)]]
            off = [m["frame"] for m in walks[(name, False)]]
            for stat, fn in (("median", median), ("p95", lambda v: percentile(v, 95))):
                out.append(result(
                    f"compat_{name}_{stat}",
                    f"moves ({name}), {stat}: textual_compat on / off", fn(on), "ms",
                    baseline=fn(off), baseline_title="AKTSOMHET_TEXTUAL_COMPAT=0",
                    samples=on, baseline_samples=off,
                    note=(f"per move, on minus off: {fn(on) - fn(off):+.1f} ms "
                          "(the same walks, in turns)") if stat == "median" else ""))
    ks, km = data["keystroke"], data["keystroke_minimal"]
    typing, after = ks["saves_while_typing"], ks["autosave_after_typing"]
    out.append(result(
        "keystroke_p95", f"wizard: keystroke in a {ks['length']:,}-char answer, 95th percentile",
        percentile(ks["frame"], 95), "ms", max_ratio=1.2,
        baseline=percentile(km["frame"], 95),
        baseline_title="the minimal app's TextArea with the same text, same run",
        samples=ks["frame"], baseline_samples=km["frame"],
        note=f"key → frame painted; {len(ks['frame'])} keys, {ks['typed']} typed; median "
             f"{median(ks['frame']):.1f} ms (minimal app {median(km['frame']):.1f}); slowest "
             f"{max(ks['frame']):.1f} ms; CPU per key {median(ks['work']):.1f} ms (minimal "
             f"{median(km['work']):.1f}); event loop busy at most {ks['stall']:.1f} ms at a "
             f"time while typing; saves on the event loop inside a keystroke: "
             f"{ks['saves_inside_a_keystroke']} (on a worker thread during one: "
             f"{ks.get('thread_saves_during_a_keystroke', 0)}); saves while typing: "
             f"{len(typing)}, on the event loop: {sum(s['main_thread'] for s in typing)}; "
             f"autosave after typing: "
             + (", ".join(f"{s['ms']:.1f} ms" for s in after) or "none")))
    return out


# ---------------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions: dict[str, str | None] = {}
    for name in ("textual", "pydantic", "rich"):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:  # pragma: no cover
            versions[name] = None
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gib": mem,
        "system": platform.platform(), "python": platform.python_version(), **versions,
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


GROUPS = ("cold", "folder", "frame", "wizard")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one or two runs")
    parser.add_argument("--runs", type=int, help="runs per figure (medians)")
    parser.add_argument("--files", type=int, help="sessions in the folder (default 10000)")
    parser.add_argument("--only", help="comma-separated: " + ",".join(GROUPS))
    parser.add_argument("--fresh", action="store_true", help="regenerate the folder of sessions")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON")
    parser.add_argument("--compare-compat", action="store_true",
                        help="also walk the questions with textual_compat off "
                             "(AKTSOMHET_TEXTUAL_COMPAT=0), in turns")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else set(GROUPS)
    unknown = only - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s): {', '.join(sorted(unknown))}")
    quick = args.quick
    runs = args.runs or (2 if quick else 15)
    started = time.time()
    print(f"aktsomhet benchmarks{' (quick)' if quick else ''}, {runs} runs each", flush=True)
    results: list[dict[str, Any]] = []
    host = machine()
    steps = [
        ("cold", "1. cold check", lambda: bench_cold(runs, warm=not quick)),
        ("folder", "2. a folder of sessions",
         lambda: bench_folder(args.files or (20 if quick else 10_000),
                              1 if quick else max(3, runs // 5), args.fresh)),
        ("frame", "3. the wizard's first frame",
         lambda: bench_first_frame(1 if quick else max(5, runs // 2), warm=not quick)),
        ("wizard", "4. inside the wizard",
         lambda: bench_wizard_ops(quick, runs, args.compare_compat)),
    ]
    for group, heading, fn in steps:
        if group not in only:
            continue
        print(heading, flush=True)
        for r in fn():
            show(r)
            results.append(r)
    host["load_average_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    report = {
        "when": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "quick": quick,
        "runs": runs,
        "seconds": round(time.time() - started, 1),
        "machine": host,
        "results": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, args.out)
    failed = [r["id"] for r in results if r["met"] is False]
    print(f"written to {args.out}; goals not met: {', '.join(failed) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
