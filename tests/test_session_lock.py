"""Issue 5, case 4: one author at a time. A second opening gets a clear warning (who, since
when) and opens read-only unless the author takes over; a stale lock from a dead process is
recognised; a file changed on disk since it was read is never silently overwritten."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from aktsomhetswizard import lock as locks
from aktsomhetswizard import session as sessions
from aktsomhetswizard.lock import LockedError, LockInfo
from aktsomhetswizard.session import ConflictError, SessionError
from aktsomhetswizard.store import SessionStore


def _lockfile(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _write_lock(path: Path, pid: int, host: str | None = None,
                since: datetime | None = None) -> None:
    info = LockInfo(pid, host or socket.gethostname(), "kari",
                    since or datetime.now(UTC).replace(microsecond=0))
    _lockfile(path).write_bytes(info.to_json())


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_lock_file_contents_and_mode(example: Path) -> None:
    held = locks.acquire(example)
    lf = _lockfile(example)
    assert stat.S_IMODE(lf.stat().st_mode) == 0o600
    data = json.loads(lf.read_text())
    assert data["pid"] == os.getpid()
    assert data["host"] == socket.gethostname()
    assert data["user"]
    assert data["since"].endswith("Z")
    held.release()
    assert not lf.exists()


def test_second_acquire_is_refused_with_who_and_since(example: Path) -> None:
    held = locks.acquire(example)
    try:
        with pytest.raises(LockedError) as info:
            locks.acquire(example)
        err = info.value
        assert isinstance(err, SessionError)
        assert err.info.pid == os.getpid()
        assert err.info.host == socket.gethostname()
        assert err.info.since == held.info.since
        msg = str(err)
        assert "\n" not in msg and example.name in msg and str(os.getpid()) in msg
    finally:
        held.release()


def test_live_process_holds(example: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _write_lock(example, sleeper.pid)
        with pytest.raises(LockedError) as info:
            locks.acquire(example)
        assert info.value.info.pid == sleeper.pid
        assert info.value.info.user == "kari"
        assert "kari" in str(info.value)
    finally:
        sleeper.kill()
        sleeper.wait()


def test_stale_lock_of_dead_process_is_taken_over(example: Path) -> None:
    _write_lock(example, _dead_pid())
    held = locks.acquire(example)
    assert held.info.pid == os.getpid()
    assert json.loads(_lockfile(example).read_text())["pid"] == os.getpid()
    held.release()


def test_pid_reused_after_the_lock_was_taken_is_stale(example: Path) -> None:
    # Our own process started long after this lock's "since": the pid was reused.
    _write_lock(example, os.getpid(), since=datetime.now(UTC) - timedelta(days=3650))
    held = locks.acquire(example)
    held.release()


def test_garbage_lock_file_is_stale_when_old(example: Path) -> None:
    lf = _lockfile(example)
    lf.write_bytes(b"\x00not json")
    old = time.time() - 3600
    os.utime(lf, (old, old))
    locks.acquire(example).release()


def test_lock_from_another_host_is_not_guessed_at(example: Path) -> None:
    _write_lock(example, _dead_pid(), host="en-annen-maskin")
    with pytest.raises(LockedError) as info:
        locks.acquire(example)
    assert "en-annen-maskin" in str(info.value)


def test_takeover_and_release_only_removes_own_lock(example: Path) -> None:
    first = locks.acquire(example)
    second = locks.takeover(example)
    assert not first.held() and second.held()
    first.release()
    assert _lockfile(example).exists()
    assert first.holder() == second.info
    second.release()
    assert not _lockfile(example).exists()


# ---------------------------------------------------------------------------------------------
# The store


def test_store_open_twice(example: Path) -> None:
    first = SessionStore.open(example)  # without keywords, as before
    try:
        with pytest.raises(LockedError):
            SessionStore.open(example)
        ro = SessionStore.open(example, read_only=True)
        assert ro.lock is None and ro.read_only
        ro.set_answer("1.A.1", "endret i et skrivebeskyttet vindu")
        assert ro.save() is False
        assert ro.close() is None
    finally:
        first.close()
    assert not _lockfile(example).exists()


def test_takeover_stops_the_first_window_from_saving(example: Path) -> None:
    first = SessionStore.open(example)
    second = SessionStore.open(example, takeover=True)
    second.set_answer("1.A.1", "fra det andre vinduet")
    second.save()
    after_second = example.read_bytes()
    first.set_answer("1.A.1", "fra det første vinduet")
    with pytest.raises(ConflictError) as info:
        first.save()
    assert "tatt over" in str(info.value)
    assert example.read_bytes() == after_second
    # The first window's text is not lost: closing writes a rescue copy.
    rescued = first.close()
    assert rescued is not None
    assert sessions.load(rescued).answers["1.A.1"] == "fra det første vinduet"
    assert _lockfile(example).exists()  # still the second window's
    second.close()
    assert not _lockfile(example).exists()
    assert sessions.load(example).answers["1.A.1"] == "fra det andre vinduet"


def test_file_changed_on_disk_is_not_overwritten(example: Path) -> None:
    store = SessionStore.open(example)
    try:
        store.set_answer("1.A.1", "mitt svar")
        edited = example.read_bytes().replace(b'"1.A.2"', b'"1.A.9"', 1)
        example.write_bytes(edited)  # someone edits the file in another editor
        with pytest.raises(ConflictError):
            store.save()
        assert example.read_bytes() == edited
        assert store.dirty
    finally:
        store.close()
    assert example.read_bytes() == edited


def test_unusable_file_leaves_no_lock(sessions_dir: Path) -> None:
    broken = sessions_dir / "brukket.toml"
    broken.write_text("[session\n")
    with pytest.raises(SessionError):
        SessionStore.open(broken)
    with pytest.raises(SessionError):
        SessionStore.open(sessions_dir / "finnes-ikke.toml")
    assert sorted(p.name for p in sessions_dir.iterdir()) == ["brukket.toml"]


def test_close_without_edit_writes_nothing(example: Path) -> None:
    before = example.read_bytes()
    mtime = example.stat().st_mtime_ns
    store = SessionStore.open(example)
    store.set_position("2.A.1")  # moving around is not an edit
    assert store.close() is None
    assert example.read_bytes() == before
    assert example.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in example.parent.iterdir()) == [example.name]


def test_a_second_program_and_kill_9(example: Path) -> None:
    """Two terminals: the second is told who holds the session; after the first is killed
    with -9 its lock is stale and the session opens normally."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from aktsomhetswizard.store import SessionStore\n"
        "s = SessionStore.open(Path(sys.argv[1]))\n"
        "print('klar', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(example)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "klar"
        with pytest.raises(LockedError) as info:
            SessionStore.open(example)
        assert info.value.info.pid == proc.pid
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    store = SessionStore.open(example)
    assert store.lock is not None and store.lock.held()
    store.close()


def test_lock_that_cannot_be_made(example: Path) -> None:
    _lockfile(example).mkdir()  # something in the way
    with pytest.raises(SessionError) as info:
        SessionStore.open(example)
    assert "\n" not in str(info.value) and "kan ikke låse" in str(info.value)
    assert "Errno" not in str(info.value)
