"""Helpers for the tests that run the installed `aktsomhet` in a real terminal (tmux)."""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
AKTSOMHET = Path(sys.executable).parent / "aktsomhet"


def require_tmux() -> str:
    """tmux's path. In CI (where .ci/run installs it) a missing tmux fails the test; on a
    developer's machine without tmux the test is skipped."""
    if TMUX is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing (.ci/run installs it)")
        pytest.skip("tmux is not installed")
    return TMUX


def wait_for(what: str, ok: Callable[[], bool], timeout: float = 20) -> None:
    """Poll until ``ok()`` holds; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ok():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def pid_alive(pid: int) -> bool:
    """True while the process runs (a zombie has ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status
