"""Reading a file that someone else may have put there: only a regular file, never more than a
limit. No UI.

A FIFO named ``x.toml`` blocks a plain ``open()`` until a writer comes (forever), and a link to
``/dev/zero`` reads without end. Every file the program reads as data (sessions, the document
to import, lock files, an output file it checks) is opened here: without blocking, checked to
be a regular file (following a symbolic link to one), and read up to ``limit`` bytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .limits import MAX_FILE_BYTES, describe_mb

__all__ = ["MAX_FILE_BYTES", "NotRegularFile", "TooLarge", "describe_mb", "read_regular"]


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket (or a link to one): not read."""


class TooLarge(OSError):
    """The file is larger than the limit: not read."""


def read_regular(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Raises FileNotFoundError,
    IsADirectoryError, NotRegularFile, TooLarge or another OSError; never blocks on a FIFO
    or a device."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"{path}: not a regular file")
        if info.st_size > limit:
            raise TooLarge(f"{path}: larger than {limit} bytes")
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while being read
                raise TooLarge(f"{path}: larger than {limit} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)
