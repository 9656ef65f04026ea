"""Reading TOML, in one place: session files and question files.

Session files are TOML 1.0 (docs/session-format.md); a file that needs TOML 1.1 is refused with
one clear message, like any broken file (issue 5). Two parsers give that result:

- rtoml (Rust) reads first, where it is installed: the example's 13 KB in 0.2 ms against the
  standard library's 1.6 ms; ``aktsomhet check MAPPE`` reads thousands of files, and parsing was
  the largest part of checking one. But rtoml reads TOML 1.1, which is TOML 1.0 and a little
  more: newlines and trailing commas in inline tables, ``\\e`` and ``\\xHH`` escapes, times
  without seconds. So its result counts only when the text cannot hold any of these
  (``may_need_toml_11``).
- tomllib decides everything else: what rtoml refuses or fails on, and every text that might
  use TOML 1.1. Every error, and its wording ("… (at line L, column C)"), is tomllib's.

Both give the same values (tested on the benchmark's 10,000 sessions, on generated sessions and on
generated TOML). Without rtoml (a platform without its wheel), tomllib does the whole job.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tomllib import TOMLDecodeError

_fast: Callable[[str], dict[str, Any]] | None
try:
    from rtoml import loads as _fast
except ImportError:  # pragma: no cover - rtoml is installed where it has a wheel
    _fast = None

__all__ = ["TOMLDecodeError", "loads"]


def loads(text: str) -> dict[str, Any]:
    """The TOML 1.0 document ``text``: rtoml's result where that is sure to be tomllib's, else
    tomllib's (result or error: TOMLDecodeError, or RecursionError for absurd nesting)."""
    if _fast is not None and not may_need_toml_11(text):
        try:
            data = _fast(text)
        except Exception:  # noqa: BLE001 - tomllib decides, and words the error
            data = None
        if data is not None:
            _standard_time_zones(data)
            return data
    import tomllib

    return tomllib.loads(text)


def may_need_toml_11(text: str) -> bool:
    """False only when ``text`` surely uses nothing that TOML 1.1 added: no "{" (inline tables
    over lines, trailing commas), no "\\e" or "\\x" (escapes), and no "HH:MM" without ":SS"
    after it (times without seconds). Text in strings counts too: a false alarm only costs
    speed. Substring searches, not a regular expression: this runs on every file read."""
    if "{" in text or ("\\" in text and ("\\e" in text or "\\x" in text)):
        return True
    find = text.find
    colon = find(":")
    while colon != -1:
        if text[colon - 2:colon].isdigit() and text[colon + 1:colon + 3].isdigit() and (
            colon < 3 or not (text[colon - 3].isdigit() or text[colon - 3] == ":")
        ) and not (text[colon + 3:colon + 4] == ":" and text[colon + 4:colon + 6].isdigit()):
            return True  # HH:MM, not the MM:SS of an HH:MM:SS, and no seconds after it
        colon = find(":", colon + 1)
    return False


def _standard_time_zones(node: dict[str, Any] | list[Any]) -> None:
    """rtoml gives date-times its own time-zone class, which cannot be copied or pickled; put
    the standard library's in its place (as tomllib gives: ``timezone.utc`` for "Z")."""
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in items:
        if type(value) is str:  # most values: skipped first, for speed
            continue
        if isinstance(value, dict | list):
            _standard_time_zones(value)
        elif isinstance(value, datetime) and value.tzinfo is not None:
            offset = value.utcoffset()
            zone = UTC if not offset else timezone(offset)
            node[key] = value.replace(tzinfo=zone)  # type: ignore[index]


def __getattr__(name: str) -> Any:
    # TOMLDecodeError without importing tomllib up front (16 ms; most runs never need it).
    if name == "TOMLDecodeError":
        import tomllib

        return tomllib.TOMLDecodeError
    raise AttributeError(name)
