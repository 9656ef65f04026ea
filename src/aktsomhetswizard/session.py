"""Sessions: the author's answers as TOML, loaded strictly and saved atomically.

One import point for three modules (issue 16): ``sessionmodel`` (the Session and its
errors), ``sessionformat`` (TOML <-> Session, the contract in ``docs/session-format.md``)
and ``sessionfiles`` (names, folders, reading, atomic saving). Nothing here imports the TUI.
"""

from __future__ import annotations

from .limits import MAX_ANSWER_CHARS, MAX_ROWS
from .sessionfiles import (
    BACKUP_SUFFIX,
    FILE_MODE,
    SUFFIX,
    Loaded,
    backup_path,
    check_name,
    create,
    file_digest,
    load,
    os_reason,
    public_mode,
    read,
    save,
    session_path,
    sessions_dir,
    write_atomic,
)
from .sessionformat import (
    _KNOWN_HEADER,
    FORMAT,
    parse_bytes,
    parse_session,
    to_bytes,
    to_document,
)
from .sessionmodel import (
    NAME_QUESTION,
    ConflictError,
    SaveError,
    Session,
    SessionError,
    now,
    same_organisation,
    start_from,
)

__all__ = [
    "BACKUP_SUFFIX",
    "ConflictError",
    "FILE_MODE",
    "FORMAT",
    "Loaded",
    "MAX_ANSWER_CHARS",
    "MAX_ROWS",
    "NAME_QUESTION",
    "SUFFIX",
    "SaveError",
    "Session",
    "SessionError",
    "_KNOWN_HEADER",
    "backup_path",
    "check_name",
    "create",
    "file_digest",
    "load",
    "now",
    "os_reason",
    "parse_bytes",
    "parse_session",
    "public_mode",
    "read",
    "same_organisation",
    "save",
    "session_path",
    "sessions_dir",
    "start_from",
    "to_bytes",
    "to_document",
    "write_atomic",
]
