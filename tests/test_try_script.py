"""./scripts/try (issue 15, item 9): installs only when needed, opens a fresh copy of the example
(never the tracked file); .gitignore keeps users' sessions, backups and locks out of git.

The script runs for real in a copy of the parts it uses, with a stand-in .venv whose `python`
and `aktsomhet` write down how they were called (no real install in the test)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "sessions/eksempel-ks-2023.toml"


def _checkout(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    (repo / "sessions").mkdir()
    shutil.copy2(ROOT / "scripts" / "try", repo / "scripts" / "try")
    shutil.copy2(ROOT / "pyproject.toml", repo / "pyproject.toml")
    shutil.copy2(ROOT / EXAMPLE, repo / EXAMPLE)
    bin_dir = repo / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    log = repo / "calls.log"
    (bin_dir / "python").write_text(f'#!/bin/sh\necho "python $*" >> {log}\n')
    # The stand-in program: writes down its arguments and the file it would open.
    (bin_dir / "aktsomhet").write_text(
        f'#!/bin/sh\necho "aktsomhet $*" >> {log}\n'
        f'while [ $# -gt 0 ]; do [ "$1" = --dir ] && ls "$2" >> {log}; shift; done\n'
    )
    for name in ("python", "aktsomhet"):
        (bin_dir / name).chmod(0o755)
    return repo


def _run(repo: Path, tmp_path: Path) -> list[str]:
    log = repo / "calls.log"
    log.unlink(missing_ok=True)
    env = dict(os.environ, TMPDIR=str(tmp_path))
    env.pop("AKTSOMHET_REINSTALL", None)
    done = subprocess.run([str(repo / "scripts" / "try")], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    return log.read_text().splitlines()


def test_installs_only_when_needed(tmp_path: Path) -> None:
    repo = _checkout(tmp_path)
    first = _run(repo, tmp_path)  # no stamp yet: installs
    assert any(line.startswith("python -m pip install -q -e .") for line in first)
    second = _run(repo, tmp_path)  # nothing changed: no install
    assert not any(line.startswith("python") for line in second), second
    with (repo / "pyproject.toml").open("a") as f:
        f.write("\n# changed\n")
    third = _run(repo, tmp_path)
    assert any(line.startswith("python -m pip install") for line in third)
    stamp = (repo / ".venv" / ".installed-from").read_text().strip()
    assert stamp == hashlib.sha256((repo / "pyproject.toml").read_bytes()).hexdigest()


def test_opens_a_fresh_copy_never_the_tracked_file(tmp_path: Path) -> None:
    repo = _checkout(tmp_path)
    runs = [_run(repo, tmp_path), _run(repo, tmp_path)]
    folders = []
    for calls in runs:
        opened = next(line for line in calls if line.startswith("aktsomhet "))
        args = opened.split()
        assert args[1:3] == ["open", "eksempel"]
        folder = Path(args[args.index("--dir") + 1])
        assert folder.parent == tmp_path and folder != repo / "sessions"
        assert calls[calls.index(opened) + 1] == "eksempel.toml"  # the only file there
        assert (folder / "eksempel.toml").read_bytes() == (ROOT / EXAMPLE).read_bytes()
        folders.append(folder)
    assert folders[0] != folders[1]  # a fresh copy each time


def test_gitignore_keeps_users_files_out() -> None:
    def ignored(path: str) -> bool:
        done = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", "--no-index", path],
                              capture_output=True)
        assert done.returncode in (0, 1), done.stderr
        return done.returncode == 0

    for path in ("sessions/min-rapport.toml", f"{EXAMPLE}.lock", f"{EXAMPLE}.bak",
                 "andre/okt.toml.bak", "andre/okt.toml.lock", "andre/okt-redning-1-2.json",
                 "sessions/eksempel-ks-2023-redning-20261202-1200-123.toml"):
        assert ignored(path), path
    for path in (EXAMPLE, "questions/1-forankring.toml", "pyproject.toml"):
        assert not ignored(path), path
