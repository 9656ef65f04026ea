"""One set of exit codes (issue 16): exitcodes.py defines them, every command uses those."""

from __future__ import annotations

import ast
from pathlib import Path

from aktsomhetswizard import exitcodes

SRC = Path(__file__).resolve().parent.parent / "src" / "aktsomhetswizard"


def test_only_exitcodes_defines_exit_codes() -> None:
    defined: list[str] = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "exitcodes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AnnAssign) else [])
            defined += [f"{path.relative_to(SRC)}:{node.lineno} {t.id}" for t in targets
                        if isinstance(t, ast.Name) and t.id.startswith("EXIT_")]
    assert not defined, defined


def test_the_codes() -> None:
    assert (exitcodes.EXIT_OK, exitcodes.EXIT_MISSING, exitcodes.EXIT_UNSAVED,
            exitcodes.EXIT_UNUSABLE, exitcodes.EXIT_USAGE) == (0, 1, 1, 2, 2)
