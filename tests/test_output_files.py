"""Issue 13, items 5 and 6: files the author publishes are readable (the user's umask), and
`-o` never overwrites a session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from aktsomhetswizard import session as sessions
from aktsomhetswizard.cli import main


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv", [
    ("export", "eksempel-ks-2023", "--format", "html"),
    ("export", "eksempel-ks-2023", "--format", "markdown"),
    ("check", "eksempel-ks-2023.toml", "--format", "json"),
    ("check", "eksempel-ks-2023.toml", "--format", "html"),
    ("check", "eksempel-ks-2023.toml"),
])
def test_exports_follow_the_umask(capsys: pytest.CaptureFixture[str], example: Path,
                                  tmp_path: Path, umask: None, argv: tuple[str, ...]) -> None:
    argv = tuple(str(example) if a == "eksempel-ks-2023.toml" else a for a in argv)
    out = tmp_path / "ut" / "fil.txt"
    out.parent.mkdir()
    code, _, err = run(capsys, *argv, "-o", str(out))
    assert code in (0, 1), err
    assert out.stat().st_mode & 0o777 == 0o644
    os.umask(0o027)
    out.unlink()
    run(capsys, *argv, "-o", str(out))
    assert out.stat().st_mode & 0o777 == 0o640


def test_sessions_and_backups_stay_private(capsys: pytest.CaptureFixture[str], example: Path,
                                           umask: None) -> None:
    code, _, err = run(capsys, "new", "ny", "--org", "KS", "--year", "2024", "--from",
                       example.stem, "--no-open")
    assert code == 0, err
    path = example.with_name("ny.toml")
    assert path.stat().st_mode & 0o777 == 0o600
    s = sessions.load(path)
    s.confirm("1.A.1")
    sessions.save(s, path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert sessions.backup_path(path).stat().st_mode & 0o777 == 0o600


def test_o_refuses_a_session_file_elsewhere(capsys: pytest.CaptureFixture[str], example: Path,
                                            tmp_path: Path) -> None:
    other = tmp_path / "annen" / "fjorarets.toml"
    other.parent.mkdir()
    shutil.copyfile(example, other)
    before = other.read_bytes()
    for argv in (("export", example.stem), ("check", str(example), "--format", "json")):
        code, out, err = run(capsys, *argv, "-o", str(other))
        assert code == 2
        assert len(err.strip().splitlines()) == 1 and "økt" in err
        assert other.read_bytes() == before
    # A *.toml that is not a session may be written.
    plain = tmp_path / "annen" / "notat.toml"
    plain.write_text('tittel = "ikke en økt"\n', encoding="utf-8")
    code, _, err = run(capsys, "export", example.stem, "--format", "markdown", "-o", str(plain))
    assert code == 0, err
    assert "Redegjørelse" in plain.read_text("utf-8")


def test_o_refuses_files_in_the_sessions_folder(capsys: pytest.CaptureFixture[str],
                                                example: Path, sessions_dir: Path) -> None:
    bak = sessions_dir / "eksempel-ks-2023.toml.bak"
    bak.write_bytes(b"backup")
    broken = sessions_dir / "halv.toml"
    broken.write_bytes(b"[session\n")
    for target in (bak, broken, sessions_dir / "ny.toml"):
        code, _, err = run(capsys, "export", example.stem, "-o", str(target))
        assert code == 2, target
        assert len(err.strip().splitlines()) == 1 and "øktmappen" in err
    assert bak.read_bytes() == b"backup" and broken.read_bytes() == b"[session\n"
    assert not (sessions_dir / "ny.toml").exists()
    # Beside the folder, a new file is fine.
    code, _, err = run(capsys, "export", example.stem, "-o", str(sessions_dir.parent / "r.md"))
    assert code == 0, err
