"""The check result as plain data (the JSON contract of `aktsomhet check --format json`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..completeness import Completeness
from ..quality import QualityWarning
from ..session import Session


def check_record(
    path: Path | str, session: Session, result: Completeness, warnings: list[QualityWarning]
) -> dict[str, Any]:
    return {
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
        "warnings": [w.as_dict() for w in warnings],
    }


def error_record(path: Path | str, message: str) -> dict[str, Any]:
    return {"file": str(path), "error": message}
