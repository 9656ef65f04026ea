"""Realistic sessions for the benchmarks, made from the example by random edits.

Every file is written by the program's own writer (``session.to_bytes``), so it has the contract's
layout, and is about the example's size (12–13 KB): answers are reworded (sentences reordered,
some words replaced), some are dropped, blanked or made placeholders, some questions are marked not
applicable, and table rows are added or removed. The same seed gives the same files.

Generated folders are cached in the system's temp folder (``aktsomhet-bench-*``), keyed by the
seed, the count and the example's bytes, because writing 10,000 files takes a minute; they are
never committed.
"""

from __future__ import annotations

import copy
import hashlib
import os
import random
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import load_bank
from aktsomhetswizard.session import Session

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"
ORGS = ["Nordlys Handel AS", "Fjord & Fjell Import", "Bergmann Tekstil AS", "Kystkraft Mat AS",
        "Vestlandske Møbler", "Søndre Bygg og Anlegg", "Trøndelag Elektro AS", "Polarsirkel Sko"]
PLACEHOLDERS = ["TBD", "-", "xxx", "kommer", "n/a"]


def _reword(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    """The same text, edited: sentences of a paragraph reordered, about one word in twelve
    replaced by another word of the example."""
    out = []
    for para in text.split("\n\n"):
        sentences = para.split(". ")
        if len(sentences) > 1 and rng.random() < 0.5:
            rng.shuffle(sentences)
        words = ". ".join(sentences).split(" ")
        for i in range(len(words)):
            if rng.random() < 0.08:
                words[i] = rng.choice(vocabulary)
        out.append(" ".join(words))
    return "\n\n".join(out)


def vary(example: Session, n: int, seed: int = 0) -> Session:
    """The n-th varied copy of the example (deterministic for a given seed)."""
    rng = random.Random(seed * 1_000_003 + n)
    bank = load_bank(example.template)
    s = copy.deepcopy(example)
    vocabulary = sorted({w for v in example.answers.values() for w in v.split() if w.isalpha()})
    s.organisation = f"{rng.choice(ORGS)} {n}"
    s.year = rng.choice([2022, 2023, 2024])
    for qid in list(s.answers):
        roll = rng.random()
        if roll < 0.05:
            del s.answers[qid]
        elif roll < 0.08:
            s.answers[qid] = rng.choice(PLACEHOLDERS)
        elif roll < 0.7:
            s.answers[qid] = _reword(s.answers[qid], rng, vocabulary)
    # Answer some questions the example leaves open, mark a few not applicable.
    donors = [v for v in example.answers.values() if len(v) > 200]
    for loc in bank.questions():
        q = loc.question
        if q.is_table or q.id in s.answers:
            continue
        roll = rng.random()
        if roll < 0.12 and donors:
            s.answers[q.id] = _reword(rng.choice(donors), rng, vocabulary)[: rng.randint(80, 600)]
        elif roll < 0.2:
            s.not_applicable[q.id] = "Ikke relevant for vår virksomhet i rapporteringsåret."
    for name, rows in s.tables.items():
        if rows and rng.random() < 0.5:
            extra = copy.deepcopy(rng.choice(rows))
            for key, value in extra.items():
                if isinstance(value, str):
                    extra[key] = _reword(value, rng, vocabulary)
            rows.append(extra)
        elif len(rows) > 1 and rng.random() < 0.3:
            rows.pop(rng.randrange(len(rows)))
        if name == "priorities" and rows and rng.random() < 0.2:
            rows[-1]["measures"] = ""
    return s


def _write_range(args: tuple[str, int, int, int]) -> None:
    folder, start, stop, seed = args
    example = sessions.load(EXAMPLE)
    for n in range(start, stop):
        raw = sessions.to_bytes(vary(example, n, seed))
        Path(folder, f"okt-{n:05d}.toml").write_bytes(raw)


def generate(folder: Path, count: int, seed: int = 0, workers: int | None = None) -> None:
    """Write ``count`` varied sessions into ``folder`` (which must exist)."""
    workers = workers or os.cpu_count() or 1
    if count < 200 or workers < 2:
        _write_range((str(folder), 0, count, seed))
        return
    step = -(-count // (workers * 4))
    jobs = [(str(folder), a, min(a + step, count), seed) for a in range(0, count, step)]
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_write_range, jobs))


def cached_folder(count: int, seed: int = 0, fresh: bool = False) -> Path:
    """A folder of ``count`` generated sessions, made once and reused."""
    key = hashlib.sha256(EXAMPLE.read_bytes() + f"{count}:{seed}:2".encode()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / f"aktsomhet-bench-{count}-{key}"
    done = folder / ".complete"
    if fresh and folder.exists():
        shutil.rmtree(folder)
    if done.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    tmp = Path(tempfile.mkdtemp(prefix=f"aktsomhet-bench-{count}-", dir=folder.parent))
    generate(tmp, count, seed)
    (tmp / ".complete").write_text("ok\n")
    os.replace(tmp, folder)
    return folder
