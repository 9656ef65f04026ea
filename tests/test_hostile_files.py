"""Issue 14, item 6: files that are not what they claim (a FIFO or a link to /dev/zero named
*.toml, a file over the size limit), names that are not UTF-8 or hold escape sequences, and
hostile arguments. Run as a user would: the installed command, in a fresh process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aktsomhetswizard import fileread
from aktsomhetswizard import session as sessions

AKTSOMHET = Path(sys.executable).parent / "aktsomhet"
EXAMPLE = Path(__file__).resolve().parent.parent / "sessions" / "eksempel-ks-2023.toml"
ESC_NAME = "esc\x1b]52;c;aGVpCg==\x07"
BYTE_NAME = os.fsdecode(b"bad\xf8name")  # not UTF-8: a lone surrogate in Python
RAW = (b"\x1b", b"\xf8", b"\x07", b"Traceback")


def run(*args: str, cwd: Path, locale: str = "C.UTF-8", strict: bool = False,
        sessions_dir: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LC_ALL": locale, "COLUMNS": "120"}
    if strict:  # what a UTF-8 locale such as nb_NO.UTF-8 gives stdout: strict encoding
        env["PYTHONIOENCODING"] = "utf-8:strict"
    if sessions_dir is not None:
        env["AKTSOMHET_SESSIONS"] = str(sessions_dir)
    return subprocess.run([str(AKTSOMHET), *args], capture_output=True, cwd=cwd, env=env,
                          timeout=60)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two good sessions, a FIFO and a link to /dev/zero named *.toml, and good sessions with
    hostile names."""
    d = tmp_path / "okter"
    d.mkdir()
    shutil.copyfile(EXAMPLE, d / "god1.toml")
    shutil.copyfile(EXAMPLE, d / "god2.toml")
    os.mkfifo(d / "x.toml")
    os.symlink("/dev/zero", d / "null.toml")
    shutil.copyfile(EXAMPLE, d / f"{ESC_NAME}.toml")
    shutil.copyfile(EXAMPLE, d / f"{BYTE_NAME}.toml")
    return d


def assert_clean(done: subprocess.CompletedProcess[bytes]) -> None:
    for stream in (done.stdout, done.stderr):
        for raw in RAW:
            assert raw not in stream, (raw, stream[-2000:])


@pytest.mark.parametrize("strict", [False, True])
def test_folder_check_goes_on_past_a_fifo_and_a_device(folder: Path, strict: bool) -> None:
    for fmt in ("csv", "json", "text"):
        done = run("check", str(folder), "--format", fmt, cwd=folder.parent, strict=strict)
        assert done.returncode == 2, done.stderr
        assert_clean(done)
        err = done.stderr.decode()
        assert err.count("er ikke en vanlig fil") == 2
        out = done.stdout.decode()
        assert "god1.toml" in out and "god2.toml" in out
        # Every format shows the byte as the text does, «bad\xf8name» (JSON spells the
        # backslash «\\»): never a lone surrogate, which no UTF-8 text can hold
        assert ("bad\\\\xf8name" if fmt == "json" else "bad\\xf8name") in out
        assert "udcf8" not in out
    records = json.loads(run("check", str(folder), "--format", "json",
                             cwd=folder.parent).stdout)
    by_name = {Path(r["file"]).name: r for r in records}
    assert len(records) == 6
    assert by_name["god1.toml"]["percent"] > 0
    assert "er ikke en vanlig fil" in by_name["x.toml"]["error"]
    assert "er ikke en vanlig fil" in by_name["null.toml"]["error"]


@pytest.mark.parametrize("name", ["x.toml", "null.toml"])
def test_one_unusable_file_exit_2_one_line(folder: Path, name: str) -> None:
    for command in (["check", str(folder / name)], ["open", str(folder / name)],
                    ["export", str(folder / name)]):
        done = run(*command, cwd=folder.parent)
        assert done.returncode == 2
        lines = done.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and "er ikke en vanlig fil" in lines[0], lines
        assert done.stdout == b""


@pytest.mark.parametrize("strict", [False, True])
def test_list_shows_every_name_escaped(folder: Path, strict: bool) -> None:
    done = run("list", cwd=folder.parent, strict=strict, sessions_dir=folder)
    assert done.returncode == 0, done.stderr
    assert_clean(done)
    out = done.stdout.decode()
    assert "bad\\xf8name" in out and "esc\\x1b]52;c;aGVpCg==\\x07" in out
    assert out.count("(kan ikke leses)") == 2


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown", "html"])
def test_a_file_named_with_bytes_that_are_not_utf8(folder: Path, fmt: str) -> None:
    for name in (BYTE_NAME, ESC_NAME):
        done = run("check", str(folder / f"{name}.toml"), "--format", fmt, cwd=folder.parent,
                   strict=True)
        assert done.returncode == 1, done.stderr  # the example has gaps
        assert_clean(done)


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "stor.toml"
    with open(big, "wb") as out:  # sparse: nothing is written, the size is what counts
        out.truncate(fileread.MAX_FILE_BYTES + 1)
    done = run("check", str(big), cwd=tmp_path)
    assert done.returncode == 2
    assert "er større enn 64 MB" in done.stderr.decode()


def test_read_regular_refuses_what_grows_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_bytes(b"x" * 100)
    assert fileread.read_regular(path, 100) == b"x" * 100
    with pytest.raises(fileread.TooLarge):
        fileread.read_regular(path, 99)


def test_names_are_matched_whole(tmp_path: Path) -> None:
    for bad in ("abc\n", "abc\n\n", "a\x1b[2J", "abc\r"):
        done = run("new", bad, "--org", "X", "--year", "2024", "--no-open", cwd=tmp_path,
                   sessions_dir=tmp_path)
        assert done.returncode == 2
        assert_clean(done)
        assert list(tmp_path.iterdir()) == []
    with pytest.raises(sessions.SessionError):
        sessions.check_name("abc\n")


def test_usage_errors_do_not_echo_arguments_raw(tmp_path: Path) -> None:
    hostile = "b\x1b]52;c;aGVpCg==\x07"
    for args in (["open", "a", hostile], ["check", "x", f"--{hostile}"],
                 ["check", "--format", hostile, "x"], [hostile]):
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 2
        assert_clean(done)



def test_json_names_are_utf_8(folder: Path) -> None:
    """`check --format json` of a folder and of one file whose name is not UTF-8: valid UTF-8
    JSON, and the name as the text output shows it (a lone surrogate would be invalid UTF-8
    when written out again by whoever reads the JSON)."""
    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for k, v in value.items() for s in (k, *strings(v))]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    for target in (folder, folder / f"{BYTE_NAME}.toml"):
        done = run("check", str(target), "--format", "json", cwd=folder.parent)
        assert done.returncode in (1, 2), done.stderr
        data = json.loads(done.stdout.decode("utf-8"))  # strict: not UTF-8 would raise
        for text in strings(data):
            text.encode("utf-8")  # no lone surrogate anywhere
        records = data if isinstance(data, list) else [data]
        names = [Path(r["file"]).name for r in records]
        assert "bad\\xf8name.toml" in names, names
