"""The user's own settings of the wizard: a small TOML file of preferences, not of any report.

Where: ``$AKTSOMHET_SETTINGS`` (a file), else ``$XDG_CONFIG_HOME/aktsomhet/innstillinger.toml``,
else ``~/.config/aktsomhet/innstillinger.toml``.

Why not the session file: a session is the report, shared between authors and years; how wide
one person likes the tree is theirs, and toggling it must not change (or dirty) the report.

Today it holds the tree's two settings (issue 15, item 5):

    tree_hidden = false     # F3 hides the tree
    tree_wide = false       # F4 widens it

A file that cannot be read or holds something else is ignored (the defaults apply); a setting
that cannot be written is not remembered, and nothing else happens: preferences never stand in
the author's way.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path

FILE_NAME = "innstillinger.toml"
MAX_BYTES = 64 * 1024


@dataclass
class Settings:
    tree_hidden: bool = False
    tree_wide: bool = False


def settings_path() -> Path:
    explicit = os.environ.get("AKTSOMHET_SETTINGS")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "aktsomhet" / FILE_NAME


def load(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return Settings()
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Settings()
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in data.items() if k in known and isinstance(v, bool)})


def save(settings: Settings, path: Path | None = None) -> bool:
    """Write the settings (atomically); False when they could not be written."""
    from .session import write_atomic

    path = path or settings_path()
    text = "".join(f"{k} = {'true' if v else 'false'}\n" for k, v in asdict(settings).items())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"), backup=False)
    except OSError:
        return False
    return True
