"""The tests never write into the real home folder (conftest.own_home): a rescue copy that
cannot go beside the session goes to the test's own home, and so do the settings; programs a
test starts see the same folders."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from aktsomhetswizard import session as sessions
from aktsomhetswizard import settings
from aktsomhetswizard.store import SessionStore


def test_home_settings_and_temp_are_the_tests_own(own_home: Path, tmp_path: Path) -> None:
    assert Path.home() == own_home
    assert settings.settings_path() == tmp_path / "innstillinger.toml"
    assert Path(tempfile.gettempdir()).parent == own_home.parent
    assert os.environ["AKTSOMHET_SESSIONS"] == str(tmp_path / "sessions")
    seen = subprocess.run(
        [sys.executable, "-c",
         "import os, tempfile; from pathlib import Path; "
         "print(Path.home()); print(tempfile.gettempdir()); print(os.environ['XDG_CONFIG_HOME'])"],
        capture_output=True, text=True, check=True, timeout=60).stdout.splitlines()
    assert seen[0] == str(own_home)
    assert Path(seen[1]).parent == own_home.parent
    assert Path(seen[2]).is_relative_to(own_home)


def test_a_rescue_copy_that_cannot_go_beside_the_session_goes_to_the_tests_home(
        example: Path, own_home: Path) -> None:
    store = SessionStore.open(example)
    store.set_answer("1.A.1", "ikke tapt")
    moved = example.parent.with_name("borte")
    example.parent.rename(moved)
    try:
        rescued = store.close()
    finally:
        moved.rename(example.parent)
    assert rescued is not None and rescued.parent == own_home
    assert sessions.load(rescued).answers["1.A.1"] == "ikke tapt"
