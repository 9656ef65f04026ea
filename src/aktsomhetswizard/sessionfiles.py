"""Session files on disk: their names and folders, reading them, and saving them
atomically (with a backup, noticing a change made elsewhere). The format itself is
in ``sessionformat``.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import fileread
from .bank import DEFAULT_TEMPLATE
from .sessionformat import _fail, parse_bytes, to_bytes
from .sessionmodel import ConflictError, SaveError, Session, SessionError, now
from .textsafe import normalise_newlines

SUFFIX = ".toml"
BACKUP_SUFFIX = ".toml.bak"
FILE_MODE = 0o600
_NAME = re.compile(r"^[0-9A-Za-zÆØÅæøåÄÖÜäöü][0-9A-Za-zÆØÅæøåÄÖÜäöü._-]{0,99}$")


# ---------------------------------------------------------------------------------------------
# Names and folders


def sessions_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """``--dir``, else $AKTSOMHET_SESSIONS, else ./sessions."""
    if option:
        return Path(option)
    env = os.environ.get("AKTSOMHET_SESSIONS")
    return Path(env) if env else Path.cwd() / "sessions"


def check_name(name: str) -> str:
    """A session name is a plain file name. Returns it without ".toml"; raises SessionError."""
    stem = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    if not stem.strip():
        raise SessionError("Navnet på økten kan ikke være tomt.")
    if "/" in stem or "\\" in stem or stem in (".", "..") or ".." in stem:
        raise SessionError(
            f"Ugyldig navn på økten: {stem!r}. Bruk et enkelt filnavn uten mapper, "
            "for eksempel «ks-2024»."
        )
    if not _NAME.fullmatch(stem) or stem.endswith("."):
        raise SessionError(
            f"Ugyldig navn på økten: {stem!r}. Bruk bokstaver, tall, «-», «_» og «.», "
            "høyst 100 tegn, og begynn med en bokstav eller et tall."
        )
    return stem


def session_path(name: str, directory: Path) -> Path:
    return directory / (check_name(name) + SUFFIX)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name[: -len(SUFFIX)] + BACKUP_SUFFIX if path.name.endswith(
        SUFFIX) else path.name + ".bak")


# ---------------------------------------------------------------------------------------------
# Loading


@dataclass
class Loaded:
    session: Session
    digest: str  # sha256 of the bytes read, to notice a change on disk before saving


def _read_bytes(path: Path) -> bytes:
    """The file's bytes: only a regular file (a FIFO or a device named *.toml would hang the
    program or fill its memory), at most fileread.MAX_FILE_BYTES."""
    try:
        return fileread.read_regular(path, fileread.MAX_FILE_BYTES)
    except FileNotFoundError:
        raise _fail(path, "finnes ikke") from None
    except IsADirectoryError:
        raise _fail(path, "er en mappe, ikke en øktfil") from None
    except fileread.NotRegularFile:
        raise _fail(path, "er ikke en vanlig fil (en FIFO, en enhet eller en lenke til en); "
                          "den leses ikke") from None
    except fileread.TooLarge:
        raise _fail(path, f"er større enn {fileread.describe_mb(fileread.MAX_FILE_BYTES)}; "
                          "den leses ikke") from None
    except OSError as exc:
        raise _fail(path, f"kan ikke leses ({exc.strerror or os_reason(exc)})") from None


def read(path: Path) -> Loaded:
    """Read and validate one session file, with the digest of its bytes (to notice a change
    on disk before saving). Raises SessionError with one clear line."""
    raw = _read_bytes(path)
    return Loaded(parse_bytes(raw, path), hashlib.sha256(raw).hexdigest())


def load(path: Path) -> Session:
    """Read and validate one session file (no digest: for checking, not for saving)."""
    return parse_bytes(_read_bytes(path), path)


_REASONS = {
    errno.ENOSPC: "disken er full",
    errno.EDQUOT: "diskkvoten er brukt opp",
    errno.EACCES: "ingen tilgang til mappen eller filen",
    errno.EPERM: "ingen tilgang til mappen eller filen",
    errno.EROFS: "filsystemet er skrivebeskyttet",
    errno.EIO: "skrivefeil på disken",
    errno.EISDIR: "det finnes en mappe med det navnet",
    errno.ENOENT: "mappen finnes ikke",
    errno.ENAMETOOLONG: "navnet er for langt",
}


def os_reason(exc: OSError) -> str:
    """Why an OS call failed, in one short phrase for the author (no file contents)."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(fileread.read_regular(path, fileread.MAX_FILE_BYTES)).hexdigest()
    except FileNotFoundError:
        return None
    except OSError:
        return "unreadable"  # not what was read (a FIFO or a device put there): a conflict


def public_mode() -> int:
    """The mode of a file the author publishes (an export, a report): what the user's umask
    gives a new file (0644 under umask 022). Sessions, backups and locks stay 0600."""
    mask = os.umask(0o077)  # read it back (the CLI is one thread: nothing else creates files)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, raw: bytes, *, backup: bool = True, mode: int = FILE_MODE) -> None:
    """Write ``raw`` to ``path`` so that a failure at any point leaves the old file as it was.

    The bytes go to a temporary file in the same folder (``mode``, 0600 unless an export asks
    for ``public_mode()``), which is flushed, fsynced
    and renamed over the old file; then the folder is fsynced. The previous version is kept as
    one backup beside the file (a hard link, so the switch stays atomic).
    """
    if path.is_symlink():
        # A session linked in from elsewhere (a synced folder): write the file it points to,
        # rather than replacing the link by a file of its own.
        path = Path(os.path.realpath(path))
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        try:
            os.fchmod(fd, mode)
            view = memoryview(raw)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if backup and path.is_file():  # a regular file (never a FIFO put there)
            bak = backup_path(path)
            fd_b, bak_tmp = tempfile.mkstemp(prefix=f".{bak.name}.", suffix=".tmp", dir=folder)
            os.close(fd_b)
            os.unlink(bak_tmp)
            try:
                try:
                    os.link(path, bak_tmp)
                    # The old file may have been readable by others (copied in by hand);
                    # the backup holds the same names and e-mails, so it is the owner's only.
                    os.chmod(bak_tmp, FILE_MODE)
                except OSError:
                    Path(bak_tmp).unlink(missing_ok=True)
                    # No hard links here (some network and FAT file systems): copy instead.
                    with open(bak_tmp, "xb") as out, open(path, "rb") as src:
                        os.fchmod(out.fileno(), FILE_MODE)
                        shutil.copyfileobj(src, out)
                        out.flush()
                        os.fsync(out.fileno())
                os.replace(bak_tmp, bak)
            except OSError:
                # The backup is a courtesy; the save itself must still go through.
                Path(bak_tmp).unlink(missing_ok=True)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def save(session: Session, path: Path, *, expect_digest: str | None = None,
         touch: bool = True, backup: bool = True) -> str:
    """Save atomically; returns the digest of the bytes written.

    ``expect_digest`` is the digest of the file as it was read: if the file on disk has changed
    since, ConflictError is raised and nothing is written. ``touch`` sets ``updated`` to now.
    ``backup`` keeps the file being replaced as ``<name>.toml.bak``.
    """
    previous = session.updated
    if touch:
        session.updated = now()
    try:
        try:
            raw = to_bytes(session)
        except SaveError as exc:
            raise SaveError(f"{path}: {exc}") from None
        if expect_digest is not None:
            current = file_digest(path)
            if current is not None and current != expect_digest:
                raise ConflictError(
                    f"{path}: filen er endret av et annet program siden den ble åpnet; "
                    "den er ikke overskrevet"
                )
        try:
            write_atomic(path, raw, backup=backup)
        except OSError as exc:
            raise SaveError(f"{path}: {os_reason(exc)}; filen er ikke endret") from None
    except BaseException:
        session.updated = previous
        raise
    return hashlib.sha256(raw).hexdigest()


def create(path: Path, organisation: str, year: int, template: str = DEFAULT_TEMPLATE) -> Session:
    """Write a new, empty session; refuses to overwrite an existing file."""
    if path.exists():
        raise SessionError(f"{path}: finnes allerede")
    session = Session(organisation=normalise_newlines(organisation), year=year, template=template)
    path.parent.mkdir(parents=True, exist_ok=True)
    save(session, path, touch=False)
    return session
