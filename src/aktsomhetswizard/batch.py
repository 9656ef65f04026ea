"""Checking many session files: the same records as checking them one by one, on every core
when there are enough files for that to pay.

A reviewer may check the reports of all ~9,000 enterprises under åpenhetsloven at once
(`aktsomhet check MAPPE --format json`). Each file is read, validated, checked and turned into
its JSON record (``render.data``) in a worker process, and there also put in the shape the output
needs (``shape``: the record's JSON text, or its CSV row), so that the parent only writes what
comes back, in the order of the files. Below ``PARALLEL_MIN`` files, or on one core, everything
runs in this process: starting workers costs more than it saves.

No UI here; nothing imports textual or rich.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .exitcodes import EXIT_MISSING, EXIT_OK, EXIT_UNUSABLE

# Fewer files than this are checked in this process. A worker pool starts in about 10–20 ms
# (fork) and one file takes about 5 ms, so from a few dozen files on, two cores pay.
PARALLEL_MIN = 48

Outcome = tuple[Any, int, "str | None"]
"""(record, exit code, error message or None) of one file; the record as ``shape`` made it."""

Shape = Callable[[dict[str, Any]], Any]
"""What a worker makes of a record before sending it back (a module-level function)."""


def check_file(path: Path, strict: bool = False, shape: Shape | None = None) -> Outcome:
    """Check one file: its JSON record (or ``shape(record)``), its exit code, and the error to
    show (or None)."""
    record, code, error = _check_file(path, strict)
    return (record if shape is None else shape(record)), code, error


def json_element(record: dict[str, Any]) -> str:
    """A record as one element of the JSON list that `check DIR --format json` prints: exactly
    what ``json.dumps(records, indent=2)`` writes for it (see ``json_list``), terminal-safe."""
    from .render.data import to_json_safe

    return "  " + to_json_safe(record, "\n  ")


def json_list(elements: Sequence[str]) -> str:
    """The JSON list of records from their ``json_element`` texts."""
    return "[\n" + ",\n".join(elements) + "\n]" if elements else "[]"


def _check_file(path: Path, strict: bool) -> tuple[dict[str, Any], int, str | None]:
    from .bank import BankError, load_bank
    from .completeness import check
    from .law import judge
    from .quality import warnings
    from .render.data import check_record, error_record
    from .session import SessionError, load

    try:
        session = load(path)
        bank = load_bank(session.template)
    except (SessionError, BankError) as exc:
        return error_record(path, str(exc)), EXIT_UNUSABLE, str(exc)
    result = check(bank, session)
    found = warnings(bank, session)
    law = judge(bank, session)
    code = exit_code(result.complete, law.ok, bool(found), strict)
    return check_record(path, session, result, found, bank, law), code, None


def exit_code(complete: bool, law_ok: bool, warned: bool, strict: bool) -> int:
    """0 only when the template is complete and the law check is ok (or not required), and,
    with --strict, there is no warning; else 1."""
    if complete and law_ok and not (strict and warned):
        return EXIT_OK
    return EXIT_MISSING


def _check_chunk(paths: list[Path], strict: bool, shape: Shape | None) -> list[Outcome]:
    return [check_file(p, strict, shape) for p in paths]


def _quiet_worker() -> None:
    # Ctrl+C reaches the whole process group: the parent stops the pool and reports once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def chunk_size(count: int, workers: int) -> int:
    """Files per task: small enough to keep every worker busy to the end (a chunk of 64 files is
    about half a second of work), large enough that the round trips do not count."""
    return max(8, min(64, count // (workers * 8) or 1))


def check_many(
    paths: Sequence[Path], *, strict: bool = False, workers: int | None = None,
    parallel_min: int | None = None, shape: Shape | None = None,
) -> Iterator[tuple[Path, Outcome]]:
    """Each path with its outcome, in the order given. Uses ``workers`` processes (default: one
    per core) when there are at least ``parallel_min`` files (default ``PARALLEL_MIN``).
    ``shape`` (a module-level function) turns each record into what the output needs, in the
    worker: ``json_element``, ``render.csvout.row_of``."""
    paths = list(paths)
    workers = cores() if workers is None else workers
    threshold = PARALLEL_MIN if parallel_min is None else parallel_min
    if workers < 2 or len(paths) < max(threshold, 2):
        for path in paths:
            yield path, check_file(path, strict, shape)
        return
    yield from _parallel(paths, strict, workers, shape)


def _parallel(paths: list[Path], strict: bool, workers: int,
              shape: Shape | None) -> Iterator[tuple[Path, Outcome]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .bank import load_bank

    load_bank()  # parsed once here; forked workers share it
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    size = chunk_size(len(paths), workers)
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_quiet_worker)
    try:
        done = pool.map(_check_chunk, chunks, [strict] * len(chunks), [shape] * len(chunks))
        for chunk, outcomes in zip(chunks, done, strict=True):
            yield from zip(chunk, outcomes, strict=True)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
