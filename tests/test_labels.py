"""Template numbers and titles where a person reads (issue 15, item 1): one function names any
field path; the reports and the terminal text show those names, never the internal ids."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from aktsomhetswizard.bank import Bank, load_bank
from aktsomhetswizard.labels import field_label, field_text, parse_path, section_label

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"
# What an internal id looks like: a dotted lower-case word, or a path with [n].
INTERNAL = re.compile(r"[a-z_]+\.[a-z_]+|\w\[\d+\]")


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@pytest.mark.parametrize(
    "path, label",
    [
        ("2.A.2", "2.A.2"),
        ("2.A.1[2].geography", "2.A.1 › Prioritering 2 › Geografi"),
        ("3.A.1[2].results", "3.A.1 › Prioritering 2 › Resultater"),
        ("3.A.1[3].measures", "3.A.1 › Prioritering 3 › Tiltak og begrunnelse"),
        ("2.A.1[1]", "2.A.1 › Prioritering 1"),
        ("leverandorkjede.type_innkjop", "Type innkjøp/ leverandørforhold"),
        ("leverandorkjede.innsatsfaktorer[1].input",
         "Viktigste innsatsfaktorer/råvarer › Rad 1 › Innsatsfaktor/råvare"),
        ("6.A.tilfeller", "6.A › Tilfeller av gjenoppretting"),
        ("ukjent.felt", "ukjent.felt"),
    ],
)
def test_field_label(bank: Bank, path: str, label: str) -> None:
    assert field_label(bank, path) == label


def test_every_question_and_cell_has_a_readable_label(bank: Bank) -> None:
    for loc in bank.questions():
        q = loc.question
        paths = [q.id]
        if q.is_table:
            paths += [f"{q.id}[1]"] + [f"{q.id}[1].{c.key}" for c in q.columns]
        for path in paths:
            label = field_label(bank, path)
            assert not INTERNAL.search(label), (path, label)
            assert len(label) <= 80, (path, label)
        assert not INTERNAL.search(section_label(bank, loc.section.id))


def test_text_beside_label(bank: Bank) -> None:
    assert field_text(bank, "4.A.2").startswith("Beskriv hvordan dere sannsynliggjør")
    assert field_text(bank, "leverandorkjede.type_innkjop") == ""  # the label says it
    assert field_text(bank, "leverandorkjede.produsenter") == "ingen rader"
    assert parse_path("3.A.1[12].results") == ("3.A.1", 12, "results")


def test_terminal_check_names_fields_not_ids() -> None:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "aktsomhet"), "check", str(EXAMPLE)],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 1, done.stderr
    body = done.stdout.split("\n", 1)[1]  # the first line names the file
    assert not INTERNAL.search(body), INTERNAL.search(body)
    assert "  ✗ 3.A.1 › Prioritering 1 › Resultater\n" in body
    assert "  ✗ 6.A › Tilfeller av gjenoppretting  Beskriv eventuelle tilfeller" in body
    assert "  ◐ Informasjon om leverandørkjeden  (2/8)" in body
