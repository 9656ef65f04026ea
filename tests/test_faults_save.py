"""Issue 5, cases 1, 2 and 12: a save that fails at any point leaves the previous file as it
was, leaves no temporary file, says so in one line (never quoting the text), and the store keeps
the text and stays dirty. The previous version is kept as one backup, readable by its owner only.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from aktsomhetswizard import session as sessions
from aktsomhetswizard import sessionformat
from aktsomhetswizard.session import ConflictError, SaveError
from aktsomhetswizard.store import SessionStore

SECRET = "Hemmelig svar om leverandøren Ærlig & Co, kontakt ola@eksempel.no"


def _oserror(code: int) -> Callable[..., object]:
    def boom(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code))

    return boom


def _listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.fixture
def store(example: Path) -> SessionStore:
    st = SessionStore.open(example)
    yield st
    if st.lock is not None:
        st.lock.release()


def _fault_cases() -> list[tuple[str, str, Callable[..., object]]]:
    return [
        ("disk full on write", "write", _oserror(errno.ENOSPC)),
        ("fsync fails", "fsync", _oserror(errno.EIO)),
        ("rename refused", "replace", _oserror(errno.EACCES)),
        ("chmod refused", "fchmod", _oserror(errno.EPERM)),
    ]


@pytest.mark.parametrize(("what", "name", "fault"), _fault_cases(),
                         ids=[c[0] for c in _fault_cases()])
def test_failure_at_each_point_leaves_previous_file(
    store: SessionStore, example: Path, monkeypatch: pytest.MonkeyPatch,
    what: str, name: str, fault: Callable[..., object],
) -> None:
    before = example.read_bytes()
    listing = _listing(example.parent)
    store.set_answer("1.A.1", SECRET)
    monkeypatch.setattr(os, name, fault)
    with pytest.raises(SaveError) as info:
        store.save()
    monkeypatch.undo()
    message = str(info.value)
    assert "\n" not in message
    assert example.name in message
    assert SECRET not in message and "ola@eksempel.no" not in message
    assert example.read_bytes() == before
    # No temporary file is left (a backup of the unchanged file may exist).
    left = _listing(example.parent) - listing - {example.name + ".bak", example.name + ".lock"}
    assert left == set(), left
    assert not [p for p in example.parent.iterdir() if p.name.endswith(".tmp")]
    assert store.dirty
    assert store.session.answers["1.A.1"] == SECRET
    assert store.last_error == message
    assert "filen er ikke endret" in message and "Errno" not in message  # in words
    # With the fault gone the same store saves the text.
    assert store.save() is True
    assert sessions.load(example).answers["1.A.1"] == SECRET
    assert not store.dirty


def test_folder_not_writable(store: SessionStore, example: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, where chmod does not stop writes: refuse the temporary file instead.
    before = example.read_bytes()
    store.set_answer("1.A.1", SECRET)
    monkeypatch.setattr(tempfile, "mkstemp", _oserror(errno.EACCES))
    with pytest.raises(SaveError) as info:
        store.save()
    assert "ingen tilgang" in str(info.value)
    assert SECRET not in str(info.value)
    assert example.read_bytes() == before
    assert store.dirty and store.session.answers["1.A.1"] == SECRET


def test_target_is_a_directory(tmp_path: Path) -> None:
    """The session path turns out to be a folder: nothing in it changes, nothing is left."""
    folder = tmp_path / "s"
    folder.mkdir()
    target = folder / "ks.toml"
    target.mkdir()
    (target / "inside.txt").write_text("x")
    session = sessions.Session("KS", 2024, answers={"1.A.1": SECRET})
    with pytest.raises(SaveError) as info:
        sessions.save(session, target)
    assert SECRET not in str(info.value) and "\n" not in str(info.value)
    assert target.is_dir() and _listing(target) == {"inside.txt"}
    assert _listing(folder) == {"ks.toml"}


def test_lone_surrogate(store: SessionStore, example: Path) -> None:
    before = example.read_bytes()
    listing = _listing(example.parent)
    store.set_answer("1.A.2", "før \ud800 etter " + SECRET)
    with pytest.raises(SaveError) as info:
        store.save()
    message = str(info.value)
    assert "\n" not in message and example.name in message
    assert "1.A.2" in message  # where to look
    assert SECRET not in message
    assert example.read_bytes() == before
    assert _listing(example.parent) - listing <= {example.name + ".lock"}
    assert store.dirty and store.session.answers["1.A.2"].endswith(SECRET)


def test_verification_failure_writes_nothing(store: SessionStore, example: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """If the serialiser ever drops or changes text, the read-back check stops the save."""
    before = example.read_bytes()
    real = sessionformat._dump
    monkeypatch.setattr(sessionformat, "_dump", lambda doc: real(doc).replace(SECRET, "noe annet"))
    store.set_answer("1.A.1", SECRET)
    with pytest.raises(SaveError):
        store.save()
    assert example.read_bytes() == before
    assert store.dirty


def test_interrupt_mid_write_leaves_no_temp(example: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    before = example.read_bytes()
    listing = _listing(example.parent)

    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    session = sessions.load(example)
    session.answers["1.A.1"] = SECRET
    with pytest.raises(KeyboardInterrupt):
        sessions.save(session, example)
    monkeypatch.undo()
    assert example.read_bytes() == before
    assert _listing(example.parent) == listing


def test_nan_and_carriage_return_in_unknown_keys_still_save(tmp_path: Path) -> None:
    """Values the program does not know must never make every save fail (the read-back check
    compared nan != nan, and tomli-w turned "\\r\\n" into "\\n")."""
    path = tmp_path / "ks.toml"
    path.write_bytes(
        b'x = nan\n[session]\nformat = 1\norganisation = "KS"\nyear = 2024\n'
        b'note = "a\\r\\nb\\rc"\n[answers]\n"1.A.1" = "svar"\n[egen]\nverdi = nan\n'
        b'tekst = "linje\\r\\nlinje"\n'
    )
    store = SessionStore.open(path)
    try:
        store.set_answer("1.A.1", "nytt svar")
        assert store.save() is True
    finally:
        store.close()
    back = sessions.load(path)
    assert back.extra_header["note"] == "a\r\nb\rc"
    assert back.extra["egen"]["tekst"] == "linje\r\nlinje"
    assert back.extra["x"] != back.extra["x"]  # still nan


# ---------------------------------------------------------------------------------------------
# Backup (case 2)


def test_backup_is_the_version_before_this_sitting(example: Path) -> None:
    original = example.read_bytes()
    store = SessionStore.open(example)
    store.set_answer("1.A.1", "første")
    store.save()
    bak = example.with_name(example.name + ".bak")
    assert bak.read_bytes() == original
    store.set_answer("1.A.1", "andre")
    store.save()
    # Autosaves later in the same sitting do not push the original out.
    assert bak.read_bytes() == original
    store.close()
    store = SessionStore.open(example)
    store.set_answer("1.A.1", "tredje")
    store.save()
    store.close()
    assert sessions.load(bak).answers["1.A.1"] == "andre"
    assert sorted(p.name for p in example.parent.iterdir()) == sorted([bak.name, example.name])


def test_backup_without_hard_links(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = example.read_bytes()
    monkeypatch.setattr(os, "link", _oserror(errno.EPERM))
    session = sessions.load(example)
    session.answers["1.A.1"] = "nytt"
    sessions.save(session, example)
    assert example.with_name(example.name + ".bak").read_bytes() == original


def test_save_refuses_a_file_changed_on_disk(example: Path) -> None:
    store = SessionStore.open(example)
    try:
        store.set_answer("1.A.1", SECRET)
        changed = example.read_bytes().replace(b"KS er", b"KS var", 1)
        example.write_bytes(changed)
        with pytest.raises(ConflictError) as info:
            store.save()
        assert SECRET not in str(info.value) and "\n" not in str(info.value)
        assert example.read_bytes() == changed
        assert store.dirty
        # The author chooses to overwrite.
        assert store.overwrite() is True
        assert sessions.load(example).answers["1.A.1"] == SECRET
    finally:
        store.close()


# ---------------------------------------------------------------------------------------------
# Privacy (case 12)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_are_owner_only_whatever_the_umask(example: Path) -> None:
    os.chmod(example, 0o644)  # as if copied in by hand
    old = os.umask(0)
    try:
        store = SessionStore.open(example)
        lock = example.with_name(example.name + ".lock")
        assert _mode(lock) == 0o600
        store.set_answer("1.A.1", "x")
        store.save()
        assert _mode(example) == 0o600
        assert _mode(example.with_name(example.name + ".bak")) == 0o600
        store.close()
        new = example.parent / "ny.toml"
        sessions.create(new, "Org", 2024)
        assert _mode(new) == 0o600
    finally:
        os.umask(old)


def test_rescue_copy_when_the_final_save_fails(store: SessionStore, example: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """close() (the signal path) never loses the text: when the file cannot be written, a
    rescue copy is."""
    before = example.read_bytes()
    store.set_answer("1.A.1", SECRET)
    example.write_bytes(before + b"\n")  # changed on disk: the save is refused
    rescued = store.close()
    assert rescued is not None and rescued.parent == example.parent
    assert _mode(rescued) == 0o600
    assert sessions.load(rescued).answers["1.A.1"] == SECRET
    assert example.read_bytes() == before + b"\n"
    assert not example.with_name(example.name + ".lock").exists()


def test_rescue_copy_of_a_lone_surrogate(store: SessionStore, example: Path) -> None:
    store.set_answer("1.A.1", "tekst \ud800 " + SECRET)
    rescued = store.close()
    assert rescued is not None
    assert SECRET in sessions.load(rescued).answers["1.A.1"]


@pytest.mark.parametrize("argv", [
    ["export", "{example}", "--format", "html", "-o", "{out}"],
    ["export", "{example}", "--format", "markdown", "-o", "{out}"],
    ["check", "{example}", "--format", "json", "-o", "{out}"],
    ["check", "{example}", "--format", "html", "-o", "{out}"],
])
def test_export_files_follow_the_umask(example: Path, tmp_path: Path, argv: list[str],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Exports are published (issue 13): created as the user's umask says, like any new file;
    an author who keeps them private sets umask 077."""
    from aktsomhetswizard import cli

    for mask, mode in ((0o077, 0o600), (0o022, 0o644)):
        out = tmp_path / f"ut-{mask:o}.fil"
        old = os.umask(mask)
        try:
            cli.main([a.format(example=example, out=out) for a in argv])
        finally:
            os.umask(old)
        capsys.readouterr()
        assert out.exists() and _mode(out) == mode


def test_a_linked_session_stays_linked(tmp_path: Path, example: Path) -> None:
    real = tmp_path / "synkronisert" / "ks.toml"
    real.parent.mkdir()
    real.write_bytes(example.read_bytes())
    link = example.parent / "ks.toml"
    link.symlink_to(real)
    store = SessionStore.open(link)
    store.set_answer("1.A.1", "via lenken")
    store.save()
    store.close()
    assert link.is_symlink()
    assert sessions.load(real).answers["1.A.1"] == "via lenken"


def test_full_disk_writes_part_and_the_rescue_copy_goes_elsewhere(
        store: SessionStore, example: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A really full disk: os.write writes what fits and returns the count, then raises
    ENOSPC. Found by hand on a 40 kB tmpfs: the rescue copy was cut at 8 kB and reported
    as saved. Now a cut copy is removed and the next place (the home folder) is used."""
    real_write = os.write
    left = {"bytes": 5000}
    folder = str(example.parent)

    def full_disk(fd: int, data: bytes) -> int:
        if not os.readlink(f"/proc/self/fd/{fd}").startswith(folder):
            return real_write(fd, data)
        if left["bytes"] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = min(len(data), left["bytes"])
        left["bytes"] -= n
        return real_write(fd, bytes(data[:n]))

    home = tmp_path / "hjem"
    home.mkdir()
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: home))
    before = example.read_bytes()
    listing = _listing(example.parent)
    store.set_answer("1.A.2", SECRET * 500)
    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(SaveError) as info:
        store.save()
    assert "disken er full" in str(info.value)
    rescued = store.close()
    monkeypatch.undo()
    assert example.read_bytes() == before
    assert _listing(example.parent) - listing <= {example.name + ".bak"}
    assert rescued is not None and rescued.parent == home
    assert sessions.load(rescued).answers["1.A.2"] == SECRET * 500
