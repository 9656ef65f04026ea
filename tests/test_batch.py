"""Checking many files at once gives exactly what checking them one by one gives, and the speed
shortcuts of the check path change no result."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aktsomhetswizard import batch, cli, quality
from aktsomhetswizard import session as sessions
from aktsomhetswizard.render.csvout import render_csv
from aktsomhetswizard.render.data import to_json
from aktsomhetswizard.textsafe import json_safe

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"


def _folder(tmp_path: Path, count: int = 12) -> Path:
    """A small folder of varied sessions, with an unreadable one and a placeholder answer."""
    folder = tmp_path / "many"
    folder.mkdir()
    example = sessions.load(EXAMPLE)
    rng = random.Random(7)
    for n in range(count):
        s = sessions.load(EXAMPLE)
        s.organisation = f"Virksomhet {n}" if n != 3 else "Virksomhet \x1b]52;c;eA==\x07 «3»"
        for qid in list(s.answers):
            if rng.random() < 0.15:
                del s.answers[qid]
        if n % 4 == 1:
            s.answers["1.A.2"] = "TBD"
        if n % 5 == 2:
            s.answers["4.A.1"] = example.answers.get("1.A.2", "")  # a repeated answer
        (folder / f"okt-{n:02d}.toml").write_bytes(sessions.to_bytes(s))
    (folder / "okt-99-broken.toml").write_text("[session\n", encoding="utf-8")
    return folder


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_parallel_outcomes_equal_sequential(tmp_path: Path) -> None:
    paths = sorted(_folder(tmp_path).glob("*.toml"))
    for strict in (False, True):
        one = list(batch.check_many(paths, strict=strict, workers=1))
        two = list(batch.check_many(paths, strict=strict, workers=2, parallel_min=2))
        assert two == one
        assert [p for p, _ in one] == paths
    codes = {outcome[1] for _, outcome in one}
    assert codes >= {batch.EXIT_MISSING, batch.EXIT_UNUSABLE}  # the folder tests something


@pytest.mark.parametrize("fmt", ["json", "csv", "text"])
def test_check_folder_output_is_the_same_in_parallel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    folder = _folder(tmp_path)
    monkeypatch.setattr(batch, "PARALLEL_MIN", 10_000)
    monkeypatch.setattr(batch, "cores", lambda: 1)
    sequential = _run(capsys, "check", str(folder), "--format", fmt)
    monkeypatch.setattr(batch, "PARALLEL_MIN", 2)
    monkeypatch.setattr(batch, "cores", lambda: 2)
    parallel = _run(capsys, "check", str(folder), "--format", fmt)
    assert parallel == sequential
    assert sequential[0] == batch.EXIT_UNUSABLE
    assert "okt-99-broken.toml" in sequential[2]


def test_folder_records_equal_single_file_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder path (batch) and the one-file path of cmd_check give the same record."""
    folder = _folder(tmp_path, count=4)
    monkeypatch.setattr(batch, "PARALLEL_MIN", 2)
    monkeypatch.setattr(batch, "cores", lambda: 2)
    _, out, _ = _run(capsys, "check", str(folder), "--format", "json")
    many = json.loads(out)
    paths = sorted(folder.glob("*.toml"))
    assert [r["file"] for r in many] == [str(p) for p in paths]
    for path, record in zip(paths, many, strict=True):
        _, one, _ = _run(capsys, "check", str(path), "--format", "json")
        assert json.loads(one) == record


@pytest.mark.parametrize("workers", [1, 2])
def test_folder_output_is_the_plain_rendering_of_the_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    workers: int,
) -> None:
    """The workers shape each record (JSON text, CSV row); what the parent writes is exactly
    what rendering the whole list at once writes."""
    monkeypatch.setattr(batch, "cores", lambda: workers)
    monkeypatch.setattr(batch, "PARALLEL_MIN", 2)
    folder = _folder(tmp_path)
    records = [batch.check_file(p)[0] for p in sorted(folder.glob("*.toml"))]
    _, out, _ = _run(capsys, "check", str(folder), "--format", "json")
    assert out == json_safe(json.dumps(records, ensure_ascii=False, indent=2)) + "\n"
    assert "\x1b" not in out and "\\u001b]52" in out
    _, out, _ = _run(capsys, "check", str(folder), "--format", "csv")
    assert out == render_csv(records)
    assert batch.json_list([]) == json.dumps([], indent=2)


def test_chunks_cover_every_file() -> None:
    for count in (2, 47, 48, 1000, 10_000):
        size = batch.chunk_size(count, 2)
        assert size >= 1
        chunks = [list(range(count))[i:i + size] for i in range(0, count, size)]
        assert sum(chunks, []) == list(range(count))


def test_duplicates_found_with_the_shortcut(tmp_path: Path) -> None:
    shutil.copyfile(EXAMPLE, tmp_path / "a.toml")
    s = sessions.load(tmp_path / "a.toml")
    text = s.answers["1.A.2"]
    s.answers["4.A.1"] = text.replace("KS", "Vi", 1)
    from aktsomhetswizard.bank import load_bank

    found = [w for w in quality.warnings(load_bank(), s) if w.code == "duplicate"]
    assert any(w.item == "4.A.1" and "1.A.2" in w.message for w in found)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)
    | st.dictionaries(st.integers(), inner, max_size=2),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(_json_values)
def test_to_json_writes_what_json_dumps_writes(value: object) -> None:
    assert to_json(value) == json.dumps(value, ensure_ascii=False, indent=2)
