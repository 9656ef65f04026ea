"""Issue 16, item 5: the autosave policy lives in one module beside the store (saving.py), knows
no widget, and the TUI's modules import one another without a circle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from aktsomhetswizard import saving as saving_mod
from aktsomhetswizard import session as sessions
from aktsomhetswizard.saving import Saving
from aktsomhetswizard.session import SaveError
from aktsomhetswizard.store import SessionStore

SRC = Path(__file__).resolve().parent.parent / "src" / "aktsomhetswizard"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def opened(example: Path) -> SessionStore:
    store = SessionStore.open(example)
    yield store
    store.close()


def test_debounce_restarts_until_the_max_wait(opened: SessionStore) -> None:
    clock = Clock()
    saving = Saving(opened, monotonic=clock)
    opened.set_answer("forord", "a")
    assert saving.edited() == (saving_mod.AUTOSAVE_DELAY, True)  # the "*" comes
    clock.now += 0.5
    assert saving.edited() == (saving_mod.AUTOSAVE_DELAY, False)  # restarted
    clock.now += saving_mod.AUTOSAVE_MAX_WAIT
    assert saving.edited() == (None, False)  # kept: the save comes within the max wait
    assert saving.start_background()
    assert not saving.start_background()  # one at a time: the second follows the first
    assert saving.save_in_thread() is True
    told, again = saving.background_done(True)
    assert told.header_later and not again  # nothing dirty any more: no second save


def test_a_second_save_follows_one_in_flight(opened: SessionStore) -> None:
    saving = Saving(opened)
    opened.set_answer("forord", "a")
    assert saving.start_background()
    opened.set_answer("forord", "ab")  # typed while it runs
    assert not saving.start_background()
    saving.save_in_thread()
    opened.set_answer("forord", "abc")
    told, again = saving.background_done(True)
    assert again  # the one asked for meanwhile starts now
    assert saving.save_in_thread() is True
    saving.background_done(True)
    assert sessions.load(opened.path).answers["forord"] == "abc"


def test_conflict_pauses_until_the_author_chooses(opened: SessionStore) -> None:
    saving = Saving(opened)
    other = sessions.load(opened.path)
    other.answers["1.A.1"] = "annet"
    sessions.save(other, opened.path)
    on_disk = opened.path.read_bytes()
    opened.set_answer("forord", "mitt")
    told = saving.save_now(asked=False)
    assert told.ask and not told.ok
    assert saving.paused == saving_mod.CHANGED_ON_DISK
    assert saving.edited() == (None, True)  # no timer while paused
    assert not saving.start_background()
    assert saving.save_now(asked=True).ask  # Ctrl+S asks again
    assert opened.path.read_bytes() == on_disk
    assert saving.quit().action == "ask_conflict"
    assert opened.path.read_bytes() == on_disk
    reloaded, told_all = saving.reload()
    assert reloaded and saving.paused is None
    assert opened.session.answers["1.A.1"] == "annet"
    copies = list(opened.path.parent.glob("*-redning-*.toml"))
    assert [sessions.load(c).answers["forord"] for c in copies] == ["mitt"]


def test_quit_when_nothing_can_be_written_stays_then_leaves(
        opened: SessionStore, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    saving = Saving(opened, monotonic=clock)

    def no_save(*args: object, **kwargs: object) -> str:
        raise SaveError("disken er full")

    monkeypatch.setattr(sessions, "save", no_save)
    monkeypatch.setattr(SessionStore, "rescue", lambda self: None)
    opened.set_answer("forord", "tapt?")
    step = saving.quit()
    assert step.action == "ask_failed" and "disken er full" in (step.reason or "")
    assert saving.leave_unsaved().action == "stay"
    clock.now += 1
    step = saving.quit()  # soon after: leave, warned
    assert step.action == "leave" and step.code == saving_mod.EXIT_UNSAVED
    clock.now += saving_mod.QUIT_AGAIN_WINDOW


def test_saving_knows_no_widget() -> None:
    done = subprocess.run(
        [sys.executable, "-c",
         "import sys, aktsomhetswizard.saving; print('textual' in sys.modules)"],
        capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def _imports(path: Path) -> set[str]:
    """The aktsomhetswizard.tui modules a module imports, anywhere in it (also inside
    functions and under TYPE_CHECKING)."""
    package = "aktsomhetswizard." + ".".join(path.relative_to(SRC).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {n for n in found if n.startswith("aktsomhetswizard.tui")}


def test_no_import_circle_in_the_tui() -> None:
    modules = {
        "aktsomhetswizard." + ".".join(p.relative_to(SRC).with_suffix("").parts): p
        for p in (SRC / "tui").rglob("*.py") if p.name != "__init__.py"
    }
    graph = {name: {m for m in _imports(path) if m in modules and m != name}
             for name, path in modules.items()}

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            here = todo.pop()
            for nxt in graph[here]:
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    circles = sorted(name for name in graph if reaches(name, name))
    assert circles == []
