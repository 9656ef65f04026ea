"""Shared fixtures. Each test gets its own sessions folder; the example is copied in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aktsomhetswizard.bank import Bank, load_bank

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's settings (settings.py) in the test's own folder, never the real ones."""
    path = tmp_path / "innstillinger.toml"
    monkeypatch.setenv("AKTSOMHET_SETTINGS", str(path))
    return path


@pytest.fixture
def bank() -> Bank:
    return load_bank()


@pytest.fixture
def sessions_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    monkeypatch.setenv("AKTSOMHET_SESSIONS", str(folder))
    return folder


@pytest.fixture
def example(sessions_dir: Path) -> Path:
    """A copy of the example session in the test's own sessions folder."""
    target = sessions_dir / EXAMPLE.name
    shutil.copyfile(EXAMPLE, target)
    return target
