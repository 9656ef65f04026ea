"""The file side of `aktsomhet import`: read the document, make the new session's file. The
parsing is in importer.py (pure)."""

from __future__ import annotations

from pathlib import Path

from . import fileread
from . import session as sessions
from .importer import ImportResult


class ImportFileError(Exception):
    """A document that cannot be read: one clear line."""


def read_document(path: Path) -> str:
    try:
        raw = fileread.read_regular(path)
    except FileNotFoundError:
        raise ImportFileError(f"{path}: finnes ikke") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path}: er en mappe") from None
    except fileread.NotRegularFile:
        raise ImportFileError(f"{path}: er ikke en vanlig fil; den leses ikke") from None
    except fileread.TooLarge:
        raise ImportFileError(
            f"{path}: er større enn {fileread.describe_mb(fileread.MAX_FILE_BYTES)}") from None
    except OSError as exc:
        raise ImportFileError(f"{path}: kan ikke leses ({exc.strerror or exc})") from None
    if raw.startswith(b"%PDF"):
        raise ImportFileError(
            f"{path}: er en PDF; gjør den om til tekst først (med overskriftene) og les inn "
            "tekstfilen")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportFileError(f"{path}: er ikke tekst i UTF-8") from None


def write_session(result: ImportResult, path: Path) -> None:
    """Save the imported session as a new file; never over an existing one."""
    if path.exists():
        raise ImportFileError(f"{path}: finnes allerede; velg et annet navn (ingenting er endret)")
    path.parent.mkdir(parents=True, exist_ok=True)
    sessions.save(result.session, path, touch=False, backup=False)
