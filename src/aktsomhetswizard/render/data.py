"""The check result as plain data (the JSON contract of `aktsomhet check --format json`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import repeat
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from ..bank import Bank
from ..completeness import Completeness
from ..labels import field_label, section_label
from ..law import LawVerdict
from ..quality import QualityWarning
from ..session import Session
from ..textsafe import json_safe


def check_record(
    path: Path | str,
    session: Session,
    result: Completeness,
    warnings: list[QualityWarning],
    bank: Bank | None = None,
    law: LawVerdict | None = None,
) -> dict[str, Any]:
    """The record of one checked file. With the bank, every id in it (sections, missing items,
    not applicable, warnings) gets its readable label in ``labels`` (labels.py), beside it.
    ``law`` (law.judge) gives the key "law"."""
    record: dict[str, Any] = {
        "file": str(path),
        "organisation": session.organisation,
        "year": session.year,
        "template": session.template,
        "complete": result.complete,
        "answered": result.answered,
        "expected": result.expected,
        "percent": result.percent,
        "sections": [
            {"id": s.id, "title": s.title, "status": s.status, "missing": list(s.missing)}
            for step in result.template_steps()
            for s in step.sections
        ],
        "missing": list(result.missing),
        "not_applicable": list(result.not_applicable),
        "unconfirmed": list(result.unconfirmed),
        "warnings": [w.as_dict() for w in warnings],
    }
    if bank is not None:
        sections, fields = _labels_of(bank)
        names: dict[str, str] = {}
        for sec in result.sections():
            name = sections.get(sec.id)
            if name is None:
                name = sections[sec.id] = section_label(bank, sec.id)
            names[sec.id] = name
        for item in (*result.missing, *result.unconfirmed, *result.not_applicable,
                     *(w.item for w in warnings)):
            name = fields.get(item)
            if name is None:
                name = field_label(bank, item)
                if len(fields) < _LABELS_KEPT:
                    fields[item] = name
            names[item] = name
        record["labels"] = names
    if law is not None:
        record["law"] = law.to_dict()
    return record


# Labels of sections and fields (labels.py) as worked out before, per bank: a folder check names
# the same fields in file after file. Rows make field paths without end: the cache stops growing
# at _LABELS_KEPT.
_labels: WeakKeyDictionary[Bank, tuple[dict[str, str], dict[str, str]]] = WeakKeyDictionary()
_LABELS_KEPT = 20_000


def _labels_of(bank: Bank) -> tuple[dict[str, str], dict[str, str]]:
    found = _labels.get(bank)
    if found is None:
        found = _labels[bank] = ({}, {})
    return found


def error_record(path: Path | str, message: str) -> dict[str, Any]:
    return {"file": str(path), "error": message}


def to_json(value: Any, newline: str = "\n") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text three times as fast:
    with an indent, json encodes in pure Python, one generator step per token; here the strings
    are encoded by json's own C function and the rest is joined in one pass (a list of strings
    in one join). Anything but str, int, bool, None, lists and dicts with string keys goes to
    json.dumps itself. ``newline`` starts every new line (``"\n  "``: the whole text indented
    by two more spaces, as an element of an indented list)."""
    out: list[str] = []
    _dump(value, newline, out, encode_basestring, _plain)
    return "".join(out)


def to_json_safe(value: Any, newline: str = "\n") -> str:
    """``textsafe.json_safe(to_json(value, newline))``, quicker: each string is made safe on its
    own, once per process (``_safe``), rather than the whole text searched (a folder check
    writes the same labels, titles and messages in every record)."""
    out: list[str] = []
    _dump(value, newline, out, _safe, json_safe)
    return "".join(out)


def _plain(text: str) -> str:
    return text


# Strings of records as JSON, terminal-safe (``_safe``): at most _SAFE_KEPT, of at most
# _SAFE_LONGEST characters (a folder's file names and organisations are new in every record).
_safe_strings: dict[str, str] = {}
_SAFE_KEPT = 50_000
_SAFE_LONGEST = 500


def _safe(text: str) -> str:
    """``json_safe(encode_basestring(text))``. json_safe changes single characters that
    encode_basestring leaves as they are, and none of JSON's own: made safe one string at a
    time, a text is what json_safe makes of it whole."""
    found = _safe_strings.get(text)
    if found is None:
        found = json_safe(encode_basestring(text))
        if len(text) <= _SAFE_LONGEST and len(_safe_strings) < _SAFE_KEPT:
            _safe_strings[text] = found
    return found


def _dump(value: Any, newline: str, out: list[str], enc: Callable[[str], str],
          other: Callable[[str], str]) -> None:
    """``value`` as JSON into ``out``: strings by ``enc``, what json.dumps writes (floats,
    dicts with other keys) made safe by ``other``."""
    if isinstance(value, str):
        out.append(enc(value))
    elif isinstance(value, dict) and all(map(isinstance, value, repeat(str))):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        comma = "," + inner
        sep = "{" + inner
        for key, item in value.items():
            out.append(sep + enc(key) + ": ")
            sep = comma
            kind = type(item)
            if kind is str:
                out.append(enc(item))
            elif kind is int:
                out.append(int.__repr__(item))
            elif kind is bool:
                out.append("true" if item else "false")
            else:
                _dump(item, inner, out, enc, other)
        out.append(newline + "}")
    elif isinstance(value, list):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        if isinstance(value[0], str):
            try:  # a list of strings (most lists of a record), in one join
                out.append("[" + inner + ("," + inner).join(map(enc, value)) + newline + "]")
                return
            except TypeError:  # not all strings
                pass
        comma = "," + inner
        sep = "[" + inner
        for item in value:
            out.append(sep)
            _dump(item, inner, out, enc, other)
            sep = comma
        out.append(newline + "]")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif value is None:
        out.append("null")
    elif type(value) is int:
        out.append(int.__repr__(value))
    else:
        out.append(other(json.dumps(value, ensure_ascii=False, indent=2).replace("\n", newline)))
