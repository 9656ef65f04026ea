"""One row per session as CSV (`aktsomhet check DIR --format csv`).

Cells are safe to open in a spreadsheet and to print in a terminal: control characters (and
newlines) are made visible, and a text cell that a spreadsheet would read as a formula
(starting with "=", "+", "-", "@", a tab or a carriage return) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from ..law import FORMAL_IDS
from ..textsafe import visible

# The law check's columns: the status of §5 a, b, c and of each formal point as in the JSON
# record ("met", "partial", "missing", "not_required"), and law_ok ("ja"/"nei", as "complete").
LAW_COLUMNS = ("law_a", "law_b", "law_c", "law_ok", *(f"formal_{k}" for k in FORMAL_IDS))
COLUMNS = (
    "file", "organisation", "year", "complete", "percent", "answered", "expected", "missing",
    "warnings", "empty_sections", "empty_section_labels", "error", "unconfirmed",
    *LAW_COLUMNS,
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str | int:
    """A cell value: numbers as they are; text made visible and guarded against formulas."""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, int):
        return value
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return visible(text, keep_newlines=False)


def row_of(record: Mapping[str, Any]) -> dict[str, str | int]:
    """A CSV row from a check record (render.data.check_record or error_record)."""
    if "error" in record:
        row: dict[str, str | int] = dict.fromkeys(COLUMNS, "")
        row["file"] = safe_cell(record["file"])
        row["error"] = safe_cell(record["error"])
        return row
    empty = [s["id"] for s in record["sections"] if s["status"] == "empty"]
    law = record.get("law")
    law_cells: dict[str, str | int] = dict.fromkeys(LAW_COLUMNS, "")
    if law is not None:
        for point in ("a", "b", "c"):
            law_cells[f"law_{point}"] = safe_cell(law["points"][point]["status"])
        law_cells["law_ok"] = safe_cell(bool(law["ok"]))
        for key, formal in law["formal"].items():
            law_cells[f"formal_{key}"] = safe_cell(formal["status"])
    return {
        "file": safe_cell(record["file"]),
        "organisation": safe_cell(record["organisation"]),
        "year": safe_cell(record["year"]),
        "complete": safe_cell(bool(record["complete"])),
        "percent": safe_cell(record["percent"]),
        "answered": safe_cell(record["answered"]),
        "expected": safe_cell(record["expected"]),
        "missing": len(record["missing"]),
        "warnings": len(record["warnings"]),
        "empty_sections": safe_cell(" ".join(empty)),
        # The sections as the template heads them (labels.py), beside their ids.
        "empty_section_labels": safe_cell(
            "; ".join(record.get("labels", {}).get(sid, sid) for sid in empty)
        ),
        "error": "",
        "unconfirmed": len(record.get("unconfirmed", ())),
        **law_cells,
    }


def render_csv(records: Iterable[Mapping[str, Any]]) -> str:
    return render_rows(row_of(record) for record in records)


def render_rows(rows: Iterable[Mapping[str, str | int]]) -> str:
    """The CSV text of rows made by ``row_of`` (a folder check makes them in its workers)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
