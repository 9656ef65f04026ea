"""completeness.update (the wizard's count after each edit: only the rows that changed are
counted again) gives exactly check(bank, session), whatever the edits: random edits through the
store (cells, rows added, removed and moved, answers, «ikke relevant», confirmations), compared
after each."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Bank
from aktsomhetswizard.completeness import Changes, check, update
from aktsomhetswizard.store import SessionStore

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"
VALUES = ["", "Tekst", "-", "TBD", "Risiko for tvangsarbeid", "  ", "Menneskerettigheter"]


def _store(tmp_path: Path, carried: bool) -> SessionStore:
    path = tmp_path / "okt.toml"
    shutil.copyfile(EXAMPLE, path)
    if carried:  # next year's, started from the example: everything to confirm
        new = sessions.start_from(sessions.load(path), "Neste AS", 2024)
        sessions.save(new, path, touch=False)
    return SessionStore.open(path)


@pytest.mark.parametrize("seed", range(6))
def test_update_is_check(bank: Bank, tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    store = _store(tmp_path, carried=seed % 2 == 1)
    try:
        store.take_changes()
        result = update(bank, store.session, None, Changes())
        assert result == check(bank, store.session)
        tables = bank.table_names
        for step in range(150):
            table = rng.choice(tables)
            rows = store.rows(table)
            what = rng.random()
            if what < 0.5 and rows:
                key = rng.choice([c.key for c in bank.table_columns(table)])
                store.set_cell(table, rng.randrange(len(rows)), key, rng.choice(VALUES))
            elif what < 0.6:
                store.add_row(table, rng.randrange(len(rows) + 1))
            elif what < 0.65 and rows:
                store.remove_row(table, rng.randrange(len(rows)))
            elif what < 0.7 and len(rows) > 1:
                store.move_row(table, rng.randrange(len(rows)), rng.choice((-1, 1)))
            elif what < 0.8:
                qid = rng.choice(bank.question_ids)
                store.set_not_applicable(qid, rng.choice([None, "Ikke relevant for oss", ""]))
            elif what < 0.9:
                store.confirm(rng.choice(bank.question_ids))
            else:
                qid = rng.choice(["signering.konsern", "virksomhet.omfattet", "1.A.2"])
                store.set_answer(qid, rng.choice(["Ja", "Nei", "", "Svar"]))
            result = update(bank, store.session, result, store.take_changes())
            assert result == check(bank, store.session), (seed, step)
    finally:
        store.close()


def test_a_cell_edit_counts_its_row_again(bank: Bank, tmp_path: Path) -> None:
    """The point of it: after one cell of a long table changes, the result follows."""
    store = _store(tmp_path, carried=False)
    try:
        for _ in range(200):
            store.add_row("priorities")
        store.take_changes()
        result = update(bank, store.session, None, Changes())
        before = result.by_question["2.A.1"]
        store.set_cell("priorities", 150, "impact", "Tvangsarbeid i bomullsproduksjonen")
        changes = store.take_changes()
        assert changes == Changes({"priorities": {150}}, answers=False)
        result = update(bank, store.session, result, changes)
        assert result.by_question["2.A.1"].answered == before.answered + 1
        assert "2.A.1[151].impact" not in result.missing
        assert result == check(bank, store.session)
        # Typing on in the same cell changes nothing of the count: the result is kept.
        store.set_cell("priorities", 150, "impact", "Tvangsarbeid i bomullsproduksjonen i Kina")
        assert update(bank, store.session, result, store.take_changes()) is result
    finally:
        store.close()
