"""Shared fixtures. Each test gets its own sessions folder; the example is copied in."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from aktsomhetswizard.bank import Bank, load_bank

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"


@pytest.fixture(autouse=True)
def own_home(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> Path:
    """Nothing a test runs writes into the real home folder or the shared temporary folder:
    the home folder (where a rescue copy goes when the session's folder cannot be written),
    the XDG folders, the temporary folder (the rescue copy's last resort) and the sessions
    folder's default all point into this test's own folders. Set in the environment, so the
    programs a test starts (subprocesses, tmux) inherit them."""
    home = tmp_path_factory.mktemp("home")  # beside tmp_path: tests that list it see no more
    temp = tmp_path_factory.mktemp("tmp")
    monkeypatch.setenv("HOME", str(home))
    for name, folder in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                         ("XDG_STATE_HOME", ".local/state"), ("XDG_CACHE_HOME", ".cache")):
        monkeypatch.setenv(name, str(home / folder))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    # Not created: a test that wants a sessions folder asks for sessions_dir (the same path).
    monkeypatch.setenv("AKTSOMHET_SESSIONS", str(tmp_path / "sessions"))
    return home


@pytest.fixture(autouse=True)
def own_settings(own_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
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
