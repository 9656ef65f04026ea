"""Only tui/textual_compat.py touches Textual's private API (issue 16).

Every other module of src/ that uses Textual must build on its public API: no import of a
private Textual module (``textual._x``, ``textual.document._x``, ``textual.widgets._x``) or of
a private name from a public one, and no use of a private name that Textual defines (an
attribute read or set, a method overridden, a ``getattr`` by name). The private names are read
from the installed Textual's own source (see ``violations`` for what counts).
"""

from __future__ import annotations

import ast
import inspect
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "aktsomhetswizard"
COMPAT = SRC / "tui" / "textual_compat.py"


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _class_names(node: ast.ClassDef) -> list[tuple[int, str, bool]]:
    """The names a class body defines: (line, name, is a method)."""
    out: list[tuple[int, str, bool]] = []
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.append((item.lineno, item.name, True))
        elif isinstance(item, ast.Assign):
            out += [(item.lineno, t.id, False) for t in item.targets if isinstance(t, ast.Name)]
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            out.append((item.lineno, item.target.id, False))
    return out


@cache
def textual_private_names() -> tuple[frozenset[str], frozenset[str]]:
    """Textual's private names: every one its source defines or uses as an attribute, and
    those of them that are methods of its classes."""
    import textual

    names: set[str] = set()
    methods: set[str] = set()
    root = Path(textual.__file__).parent
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _private(node.attr):
                names.add(node.attr)
            elif isinstance(node, ast.ClassDef):
                for _, name, method in _class_names(node):
                    if _private(name):
                        names.add(name)
                        if method:
                            methods.add(name)
    return frozenset(names), frozenset(methods)


def _private_module(module: str) -> bool:
    parts = module.split(".")
    return parts[0] == "textual" and any(_private(p) for p in parts[1:])


def violations(source: str, private: tuple[frozenset[str], frozenset[str]]) -> list[str]:
    """What in ``source`` imports or names Textual's private API (line: what).

    Reading or setting a private attribute of Textual's counts unless this module defines that
    name itself (a widget's own ``self._title``: its own state, named as Textual names
    something of its own elsewhere). Overrides are found by ``overrides``."""
    names, _ = private
    tree = ast.parse(source)
    uses_textual = False
    modules: set[str] = set()  # names bound to modules that are not Textual's (os, sys …)
    own: set[str] = set()  # the private names this module defines itself
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "textual":
            uses_textual = True
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "textual":
                    uses_textual = True
                else:
                    modules.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ClassDef):
            own.update(name for _, name, _ in _class_names(node))
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            own.add(node.attr)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {a.name}" for a in node.names
                      if _private_module(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if _private_module(node.module):
                found.append(f"{node.lineno}: from {node.module} import …")
            elif node.module.split(".")[0] == "textual":
                found += [f"{node.lineno}: from {node.module} import {a.name}"
                          for a in node.names if _private(a.name)]
        if not uses_textual:
            continue
        if isinstance(node, ast.Attribute) and node.attr in names and node.attr not in own:
            if not (isinstance(node.value, ast.Name) and node.value.id in modules):
                found.append(f"{node.lineno}: .{node.attr}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
              and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
              and node.args[1].value in names and node.args[1].value not in own):
            found.append(f"{node.lineno}: {node.func.id}(…, {node.args[1].value!r})")
    return found


def overrides(cls: type) -> list[str]:
    """The private methods of Textual's classes that ``cls`` defines itself (an override of
    ``_size_updated``, ``_on_resize`` …), except those textual_compat put there."""
    found = []
    for name, value in vars(cls).items():
        if not _private(name) or not (inspect.isfunction(value)
                                      or isinstance(value, (property, staticmethod,
                                                            classmethod))):
            continue  # (Textual's own class machinery sets data of its own on each subclass)
        if getattr(value, "__module__", None) == "aktsomhetswizard.tui.textual_compat":
            continue
        for base in cls.__mro__[1:]:
            if base.__module__.split(".")[0] == "textual" and name in vars(base):
                found.append(f"{cls.__qualname__}.{name} (overrides {base.__qualname__}'s)")
                break
    return found


def _modules() -> list[str]:
    return sorted(
        ".".join(("aktsomhetswizard", *path.relative_to(SRC).with_suffix("").parts))
        .removesuffix(".__init__")
        for path in SRC.rglob("*.py") if path != COMPAT)


def test_no_class_overrides_a_private_method_of_textual() -> None:
    import importlib

    bad: list[str] = []
    for name in _modules():
        if name.endswith("__main__"):
            continue
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name:
                bad += overrides(cls)
    assert not bad, bad


def test_the_override_check_finds_an_override() -> None:
    from textual.widget import Widget
    from textual.widgets import Tree

    from aktsomhetswizard.tui.textual_compat import no_layout_for_virtual_size

    class Sized(Widget):
        def _size_updated(self, *args: object) -> bool:
            return False

    class Resized(Tree[str]):
        async def _on_resize(self, event: object) -> None: ...

    class Fine(Widget):
        _our_own = 1

        def _selected(self) -> None: ...  # TreeNode's name, not Widget's

    assert overrides(Sized) and overrides(Resized)
    assert not overrides(Fine)
    assert not overrides(no_layout_for_virtual_size(type("Decorated", (Widget,), {})))


def test_only_textual_compat_touches_textuals_private_api() -> None:
    private = textual_private_names()
    assert {"_size_updated", "_on_resize", "_render_line"} <= private[1]
    assert {"_compositor", "_message_queue", "_driver"} <= private[0]
    bad: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if path == COMPAT:
            continue
        found = violations(path.read_text(encoding="utf-8"), private)
        if found:
            bad[str(path.relative_to(SRC))] = found
    assert not bad, bad


def test_textual_compat_is_the_module_that_does() -> None:
    """The check sees what the compat module does (so it would see it anywhere else)."""
    assert violations(COMPAT.read_text(encoding="utf-8"), textual_private_names())


@pytest.mark.parametrize("source", [
    "from textual._wrap import compute_wrap_offsets",
    "import textual._compositor",
    "from textual.document._document import Document",
    "from textual.widgets._tree import TOGGLE_STYLE",
    "from textual.widget import _RenderCache",
    "from textual.widget import Widget\ndef f(w: Widget):\n    return w._compositor",
    "from textual.app import App\ndef f(app: App):\n    return getattr(app, '_driver', None)",
    "from textual.widget import Widget\ndef f(w: Widget):\n    w._nodes._clear()",
])
def test_the_check_finds_private_uses(source: str) -> None:
    assert violations(source, textual_private_names())


@pytest.mark.parametrize("source", [
    "from textual.widgets import TextArea\nfrom textual.widgets.text_area import Document",
    "from textual.widget import Widget\nclass A(Widget):\n    _our_own_thing = 1",
    "x = object()\ny = x._size_updated",  # not a module that uses Textual
    "import os\nfrom textual.app import App\nos._exit(1)",  # not Textual's
    "from textual.widget import Widget\nclass A(Widget):\n"
    "    def __init__(self):\n        self._title = 1\n    def f(self):\n"
    "        return self._title",  # its own state
])
def test_the_check_leaves_public_uses(source: str) -> None:
    assert not violations(source, textual_private_names())
