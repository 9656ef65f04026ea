"""Last year's session of a session started with `new --from` (issue 17): where it is recorded
(``Session.started_from``) and how it is read back. Core code: no Textual."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import session as sessions
from .session import Session, SessionError


def reference(source: Path, new_path: Path) -> str:
    """How a new session names the session it was started from: relative to its own folder
    when the source lies there or below (the pair can move together), else absolute."""
    folder = new_path.parent.resolve()
    target = source.resolve()
    try:
        return target.relative_to(folder).as_posix()
    except ValueError:
        return str(target)


@dataclass
class Previous:
    """Last year's session as read for the wizard: the session, or why it cannot be read."""

    session: Session | None
    path: Path | None
    problem: str = ""


def load_previous(session: Session, path: Path) -> Previous | None:
    """The session ``session`` (stored at ``path``) was started from; None when it records none.
    Never raises for a missing or broken file: the problem is told, in Norwegian."""
    ref = session.started_from
    if not ref:
        return None
    source = Path(ref)
    if not source.is_absolute():
        source = path.parent / source
    if not source.exists():
        return Previous(None, source, f"fjorårets økt finnes ikke lenger ({ref})")
    try:
        if os.path.samefile(source, path):
            return Previous(None, source, "økten er oppgitt som sin egen fjorårsøkt")
        return Previous(sessions.load(source), source)
    except (SessionError, OSError) as exc:
        return Previous(None, source, f"fjorårets økt kan ikke leses ({exc})")


def previous_answer(previous: Session, question_id: str) -> str:
    """Last year's answer to a question that is not a table (empty when there was none)."""
    reason = previous.not_applicable.get(question_id)
    if reason is not None and reason.strip():
        return f"Ikke relevant: {reason.strip()}"
    return previous.answers.get(question_id, "")
