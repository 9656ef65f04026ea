"""User text is data: helpers that make it safe to show, never markup and never escapes.

The stored text is never changed by these functions; they build what is shown.
"""

from __future__ import annotations

import re

# Line breaks that editors and browsers treat as a new line. They are turned into "\n" once, on the
# way in (see docs/session-format.md), so that what is stored is what the editor shows.
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]")
_LINE_BREAK_CHARS = "\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"

# Everything a terminal may act on: C0 controls but tab and newline, DEL, C1 controls, and the
# bidirectional overrides that reorder what is shown.
# Also lone surrogates: the bytes of a file name that are not UTF-8 (Python's surrogateescape:
# byte 0xF8 is U+DCF8), which a terminal would get raw (C.UTF-8) or which would fail to print.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_CONTROL_ALL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def normalise_newlines(text: str) -> str:
    """"\\r\\n", a lone "\\r", U+2028/U+2029, vertical tab, form feed and NEL become "\\n"."""
    # Speed: a substring test is a memchr over the text, the regular expression a step per
    # character; most texts hold none of these (a folder check asks it of every answer). Written
    # out: a generator over _LINE_BREAK_CHARS cost three times as much.
    if (
        "\r" not in text and "\u2028" not in text and "\u2029" not in text
        and "\x0b" not in text and "\x0c" not in text and "\x1c" not in text
        and "\x1d" not in text and "\x1e" not in text and "\x85" not in text
    ):
        return text
    return _LINE_BREAKS.sub("\n", text)


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): as that byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """Show control characters as "\\x1b"-style escapes so that no terminal acts on them.

    Newlines and tabs stay (unless ``keep_newlines`` is false: then they are escaped too, for
    one-line contexts such as a CSV cell or a table of sessions).
    """
    pattern = _CONTROL if keep_newlines else _CONTROL_ALL
    if text.isascii() and text.isprintable():
        return text
    return pattern.sub(_escape, text)


def one_line(text: str, width: int | None = None) -> str:
    """A single visible line: newlines become spaces, controls are escaped, long text is cut."""
    flat = " ".join(visible(text).split())
    if width is not None and len(flat) > width:
        return flat[: max(width - 1, 0)] + "…"
    return flat


# What the wizard's text fields show as a picture (textual's TextArea and Input draw their text
# as it is): C0 controls but tab and newline, DEL, C1 controls, the bidirectional overrides.
_PICTURED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls and bidi overrides


def has_controls(text: str) -> bool:
    """``text`` holds a character that ``control_pictures`` replaces."""
    return not (text.isascii() and text.isprintable()) and _PICTURED.search(text) is not None


def control_pictures(text: str) -> str:
    """Replace each control character by one visible character, its Unicode "control
    picture" (ESC as "␛"): the same number of characters, so that what a text field shows
    keeps its columns. The text itself (the stored answer) is left as it is."""
    if text.isascii() and text.isprintable():
        return text
    return _PICTURED.sub(_picture, text)


# What json.dumps(ensure_ascii=False) leaves raw but a terminal may act on: DEL, the C1 controls
# (U+009B is CSI) and the bidirectional overrides. Inside a JSON string "\u009b" is the same text.
# Lone surrogates too: they stand for bytes of a file name that are not UTF-8 (see _json_char).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _json_char(match: re.Match[str]) -> str:
    """A character as JSON spells it safely. A lone surrogate (the stand-in for a byte of a file
    name that is not UTF-8, U+DCF8 for 0xF8) is no character: as a "\\udcf8" escape a reader
    gets a string that cannot be written as UTF-8. It is written as the text output shows it,
    the four characters \\xf8 (in JSON "\\\\xf8"): valid UTF-8, and the name recognisable."""
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:
        return "\\\\" + _escape(match)[1:]
    return f"\\u{code:04x}"


def json_safe(text: str) -> str:
    """JSON text (from json.dumps, ensure_ascii=False) with the characters a terminal could act
    on written as \\u escapes (the data is the same; only its spelling changes), and lone
    surrogates, which no UTF-8 text can hold, as the text output shows them («bad\\xf8name»)."""
    return _JSON_UNSAFE.sub(_json_char, text)
