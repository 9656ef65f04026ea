"""`aktsomhet check` stays light: what it imports, and the shipped bank's fast path.

The check path never imports textual; it imports rich only for text output, and it never builds
pydantic models (the shipped question bank is built without them, see aktsomhetswizard.bank).
Each check runs in a fresh interpreter, so that what other tests imported does not count.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from aktsomhetswizard import bank as banks
from aktsomhetswizard.bank import BankError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"

_PROBE = """
import contextlib, io, json, sys
from aktsomhetswizard import cli
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = cli.main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules), "out": out.getvalue()}))
"""


def _modules_after(*argv: str) -> tuple[set[str], int, str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.stdout, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    return set(report["modules"]), report["code"], report["out"]


def _top(modules: set[str]) -> set[str]:
    return {m.split(".", 1)[0] for m in modules}


@pytest.mark.parametrize("target", ["file", "folder"])
def test_check_json_imports_neither_textual_nor_rich(tmp_path: Path, target: str) -> None:
    if target == "file":
        arg = str(EXAMPLE)
    else:
        for n in range(3):
            (tmp_path / f"s{n}.toml").write_bytes(EXAMPLE.read_bytes())
        arg = str(tmp_path)
    modules, code, out = _modules_after("check", arg, "--format", "json")
    assert code in (0, 1)
    json.loads(out)  # the check really ran and printed its JSON
    assert "textual" not in _top(modules)
    assert "rich" not in _top(modules)
    # Building pydantic models costs more than the whole check; the shipped bank needs none.
    assert "pydantic.main" not in modules
    # Files are read with rtoml (aktsomhetswizard.tomlread); tomllib only words errors.
    assert "rtoml" in _top(modules) and "tomllib" not in modules


def test_check_text_imports_rich_but_not_textual() -> None:
    modules, code, out = _modules_after("check", str(EXAMPLE))
    assert code in (0, 1)
    assert out.strip()
    assert "rich" in _top(modules)  # the probe does see what the check imports
    assert "textual" not in _top(modules)


# -- the shipped bank's fast path -------------------------------------------------------------


def _shipped() -> list[tuple[str, str]]:
    root = resources.files("aktsomhetswizard.questions")
    return sorted(
        (p.name, p.read_text("utf-8")) for p in root.iterdir() if p.name.endswith(".toml")
    )


def test_shipped_bank_validates_and_fast_path_builds_the_same_bank() -> None:
    """The shipped files are built without pydantic at run time; this proves that is safe:
    every shipped file passes full validation, and both paths give equal steps."""
    shipped = _shipped()
    assert shipped
    for name, text in shipped:
        validated = banks.load_step_file(f"questions/{name}", text)
        fast = banks._load_shipped_step_file(f"questions/{name}", text)
        assert fast == validated, name
    assert banks.load_bank().steps == tuple(
        banks.load_step_file(name, text) for name, text in shipped
    )


def test_fast_path_falls_back_to_the_clear_error() -> None:
    """A shipped file that does not fit the types gives the validating path's message."""
    name, text = next((n, t) for n, t in _shipped() if 'kind = "long_text"' in t)
    broken = text.replace('kind = "long_text"', 'kind = "essay"', 1)
    with pytest.raises(BankError) as info:
        banks._load_shipped_step_file(f"questions/{name}", broken)
    assert name in str(info.value) and "kind" in str(info.value)
    unknown = text.replace("[step]\n", '[step]\ncolour = "blå"\n', 1)
    with pytest.raises(BankError, match="colour"):
        banks._load_shipped_step_file(f"questions/{name}", unknown)


def test_model_dump_matches_the_documented_shape() -> None:
    q = banks.load_bank()["2.A.1"]
    dumped = q.model_dump(exclude_defaults=True, mode="json")
    assert dumped["kind"] == "table" and dumped["table"] == "priorities"
    assert [c["key"] for c in dumped["columns"]][:1] == ["impact"]
    assert "optional" not in dumped  # a default
    json.dumps(dumped)
