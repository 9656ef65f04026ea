"""Issue 14, item 5 (the check path): a folder check as JSON or CSV writes each record as it is
made (memory flat in the number of files), byte for byte what it wrote before; sessions beyond
the documented limits are refused with one line."""

from __future__ import annotations

import io
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aktsomhetswizard import batch, cli, limits
from aktsomhetswizard import session as sessions

EXAMPLE = Path(__file__).resolve().parent.parent / "sessions" / "eksempel-ks-2023.toml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "mappe"
    d.mkdir()
    for n in range(6):
        shutil.copyfile(EXAMPLE, d / f"s{n}.toml")
    (d / "s3.toml").write_text("ikke toml [", encoding="utf-8")
    return d


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_each_record_is_written_before_the_next_file_is_checked(
        folder: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    real = batch.check_many
    written_before: list[int] = []

    def watched(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for item in real(*args, **kwargs):
            written_before.append(len(out.getvalue()))
            yield item

    monkeypatch.setattr(batch, "check_many", watched)
    assert cli.main(["check", str(folder), "--format", fmt]) == 2
    # Every record after the first found the ones before it already written.
    assert all(b > a for a, b in zip(written_before, written_before[1:], strict=False))
    text = out.getvalue()
    if fmt == "json":
        records = json.loads(text)
        assert [Path(r["file"]).name for r in records] == [f"s{n}.toml" for n in range(6)]
        assert "error" in records[3]
    else:
        assert text.count("\r\n") == 7  # the header and six rows


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_streamed_output_equals_the_whole_text(folder: Path, fmt: str, tmp_path: Path,
                                               capsysbinary: pytest.CaptureFixture[bytes]
                                               ) -> None:
    from aktsomhetswizard.batch import check_many, json_element, json_list
    from aktsomhetswizard.render.csvout import render_rows, row_of

    shape = json_element if fmt == "json" else row_of
    made = [rec for _p, (rec, _c, _e) in check_many(sorted(folder.glob("*.toml")), shape=shape)]
    whole = json_list(made) + "\n" if fmt == "json" else render_rows(made)
    assert cli.main(["check", str(folder), "--format", fmt]) == 2
    assert capsysbinary.readouterr().out == whole.encode("utf-8")
    target = tmp_path / f"ut.{fmt}"
    assert cli.main(["check", str(folder), "--format", fmt, "-o", str(target)]) == 2
    assert target.read_bytes() == whole.encode("utf-8")
    assert not list(tmp_path.glob(".ut.*.tmp"))


def test_too_many_rows_are_refused_in_one_line(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    s = sessions.Session("X", 2024)
    s.tables["priorities"] = [{"impact": f"r{n}"} for n in range(4)]
    path = tmp_path / "rader.toml"
    sessions.save(s, path)  # (a file written within the limit, read under a lower one)
    monkeypatch.setattr(limits, "MAX_ROWS", 3)
    with pytest.raises(sessions.SessionError, match="har 4 rader; høyst 3 leses"):
        sessions.load(path)


def test_a_too_long_answer_is_refused_in_one_line(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    s = sessions.Session("X", 2024)
    s.answers["forord"] = "x" * 11
    path = tmp_path / "lang.toml"
    sessions.save(s, path)
    monkeypatch.setattr(limits, "MAX_ANSWER_CHARS", 10)
    with pytest.raises(sessions.SessionError, match="forord er 11 tegn; høyst 10 leses"):
        sessions.load(path)


@pytest.mark.parametrize("limit", ["MAX_ANSWER_CHARS", "MAX_ROWS", "MAX_FILE_BYTES"])
def test_what_would_not_open_is_not_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          limit: str) -> None:
    """Anything saved opens again: a save past a limit is refused with one line, and the file
    on disk stays as it was (the author is never locked out of their own text)."""
    s = sessions.Session("X", 2024)
    s.answers["forord"] = "x" * 11
    s.tables["priorities"] = [{"impact": f"r{n}"} for n in range(4)]
    path = tmp_path / "grense.toml"
    sessions.save(s, path)
    before = path.read_bytes()
    monkeypatch.setattr(limits, limit, {"MAX_ANSWER_CHARS": 10, "MAX_ROWS": 3,
                                        "MAX_FILE_BYTES": 100}[limit])
    with pytest.raises(sessions.SaveError, match="ville ikke kunne åpnes igjen") as caught:
        sessions.save(s, path)
    assert "\n" not in str(caught.value) and "xxxxxxxxxxx" not in str(caught.value)
    assert path.read_bytes() == before
