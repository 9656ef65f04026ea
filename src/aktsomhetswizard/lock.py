"""One author at a time: a lock file beside the session, ``<name>.toml.lock``.

The lock file is created with O_CREAT|O_EXCL (mode 0600) and holds JSON
``{"pid": …, "host": …, "user": …, "since": "2024-05-30T10:00:00Z", "token": …}``.
A lock held by a live process is reported as LockedError (with ``.info``); a lock left by a
process that no longer runs on this host is stale and taken over silently. ``takeover``
replaces any lock with one's own; the previous holder notices (``SessionLock.held()`` turns
false) and no longer saves over the file.

Nothing here imports the TUI.
"""

from __future__ import annotations

import errno
import getpass
import json
import os
import secrets
import socket
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import fileread
from .session import SessionError, os_reason

LOCK_SUFFIX = ".lock"
FILE_MODE = 0o600


def lock_path(path: Path) -> Path:
    """``ks-2024.toml`` -> ``ks-2024.toml.lock``."""
    return path.with_name(path.name + LOCK_SUFFIX)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return str(os.getuid())


def _host() -> str:
    return socket.gethostname() or "localhost"


@dataclass(frozen=True)
class LockInfo:
    """Who holds a session: process id, host name, user name and since when (UTC)."""

    pid: int
    host: str
    user: str
    since: datetime

    @classmethod
    def mine(cls) -> LockInfo:
        return cls(os.getpid(), _host(), _user(), datetime.now(UTC).replace(microsecond=0))

    def to_json(self) -> bytes:
        data = {
            "pid": self.pid,
            "host": self.host,
            "user": self.user,
            "since": self.since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            # Tells two locks of one process apart (a takeover within the same second).
            "token": secrets.token_hex(8),
        }
        return (json.dumps(data, ensure_ascii=True) + "\n").encode("ascii")

    @classmethod
    def from_json(cls, raw: bytes) -> LockInfo | None:
        """None when the bytes are not a lock we understand."""
        try:
            data: Any = json.loads(raw.decode("utf-8"))
            pid, host, user = data["pid"], data["host"], data["user"]
            since = datetime.fromisoformat(str(data["since"]).replace("Z", "+00:00"))
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
            return None
        if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
            return None
        if not isinstance(host, str) or not isinstance(user, str):
            return None
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return cls(pid, host, user, since)

    @property
    def local_host(self) -> bool:
        return self.host == _host()

    def describe(self) -> str:
        """For the author, in one line: who, where, since when (local time)."""
        when = self.since.astimezone().strftime("%d.%m.%Y kl. %H:%M")
        where = "denne maskinen" if self.local_host else self.host
        return f"{self.user} (prosess {self.pid} på {where}) siden {when}"


class LockedError(SessionError):
    """The session is open elsewhere. ``info`` says who holds it and since when."""

    def __init__(self, path: Path, info: LockInfo) -> None:
        self.path = path
        self.info = info
        super().__init__(
            f"{path}: økten er allerede åpen hos {info.describe()}. "
            "Den kan åpnes skrivebeskyttet, eller tas over."
        )


def _alive(info: LockInfo) -> bool:
    """Whether the process holding a lock on this host still runs (and is the same process:
    a pid reused after a restart, by a process started after the lock, does not count)."""
    try:
        os.kill(info.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # runs, under another user
    except OSError:
        return True
    try:
        fields = Path(f"/proc/{info.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return True  # not Linux, or it ended this instant: assume it runs
    if fields[0] in ("Z", "X"):
        return False  # ended, not yet reaped by its parent
    started = _process_start(fields)
    if started is not None and started > info.since.timestamp() + 2:
        return False
    return True


def _process_start(fields: list[str]) -> float | None:
    """When a process started (seconds since the epoch), from the fields of /proc/PID/stat
    after the command name."""
    try:
        ticks = int(fields[19])
        boot = next(
            int(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


class SessionLock:
    """A held lock. ``release()`` removes the lock file only while it is still this one."""

    def __init__(self, session_path: Path, info: LockInfo, raw: bytes) -> None:
        self.session_path = session_path
        self.path = lock_path(session_path)
        self.info = info
        self._raw = raw
        self.released = False

    def held(self) -> bool:
        """True while the lock file is still ours (not released, not taken over)."""
        if self.released:
            return False
        try:
            return fileread.read_regular(self.path, 64 * 1024) == self._raw
        except OSError:
            return False

    def holder(self) -> LockInfo | None:
        """Who holds the lock now (after a takeover: the one who took it)."""
        return read_lock(self.session_path)

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        try:
            if fileread.read_regular(self.path, 64 * 1024) == self._raw:
                self.path.unlink()
        except OSError:
            pass

    def __enter__(self) -> SessionLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def read_lock(path: Path) -> LockInfo | None:
    """Who holds the session at ``path``, or None when nobody does."""
    try:
        raw = fileread.read_regular(lock_path(path), 64 * 1024)
    except OSError:
        return None
    return LockInfo.from_json(raw)


def _cannot(path: Path, exc: OSError) -> SessionError:
    return SessionError(f"{path}: kan ikke låse økten ({os_reason(exc)})")


def _create(path: Path, raw: bytes) -> bool:
    """Create the lock file with O_EXCL. False when it exists already."""
    target = lock_path(path)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    except FileExistsError:
        return False
    except OSError as exc:
        raise _cannot(path, exc) from None
    try:
        os.fchmod(fd, FILE_MODE)
        if os.write(fd, raw) != len(raw):
            raise OSError(errno.ENOSPC, "short write")
        os.fsync(fd)
    except OSError as exc:
        os.close(fd)
        target.unlink(missing_ok=True)
        raise _cannot(path, exc) from None
    os.close(fd)
    return True


# A lock file that cannot be read as a lock: being written this instant, or garbage. Garbage
# older than this is stale.
_UNREADABLE_GRACE = 5.0


def acquire(path: Path) -> SessionLock:
    """Lock the session at ``path`` for this process.

    Raises LockedError when a live process holds it (or a process on another host: that cannot
    be checked from here), SessionError when no lock file can be made.
    """
    path = Path(path)
    for _ in range(20):
        info = LockInfo.mine()
        raw = info.to_json()
        if _create(path, raw):
            return SessionLock(path, info, raw)
        target = lock_path(path)
        try:
            current = fileread.read_regular(target, 64 * 1024)
            age = datetime.now().timestamp() - target.stat().st_mtime
        except FileNotFoundError:
            continue  # released meanwhile: try again
        except OSError as exc:
            raise _cannot(path, exc) from None
        held = LockInfo.from_json(current)
        if held is None:
            if age < _UNREADABLE_GRACE:
                time.sleep(0.05)  # another process is writing it this instant
                continue
        elif not held.local_host or _alive(held):
            raise LockedError(path, held)
        # Stale: remove it, but only if it is still the same stale lock.
        try:
            if fileread.read_regular(target, 64 * 1024) == current:
                target.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise _cannot(path, exc) from None
    raise SessionError(f"{path}: kan ikke låse økten (låsen endres hele tiden)")


def takeover(path: Path) -> SessionLock:
    """Take the lock whoever holds it (the author chose to). The previous holder's
    ``held()`` turns false, and its store then refuses to save over the file."""
    path = Path(path)
    info = LockInfo.mine()
    raw = info.to_json()
    target = lock_path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _cannot(path, exc) from None
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            if os.write(fd, raw) != len(raw):
                raise OSError(errno.ENOSPC, "short write")
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _cannot(path, exc) from None
    return SessionLock(path, info, raw)
