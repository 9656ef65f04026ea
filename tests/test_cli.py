"""The `aktsomhet` command: exit codes, JSON contract, names and files refused cleanly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from factories import complete_session

from aktsomhetswizard import session as sessions
from aktsomhetswizard.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_example_json(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    code, out, err = run(capsys, "check", str(example), "--format", "json")
    assert code == 1, err
    data = json.loads(out)
    assert set(data) == {
        "file",
        "organisation",
        "year",
        "template",
        "complete",
        "answered",
        "expected",
        "percent",
        "sections",
        "missing",
        "not_applicable",
        "unconfirmed",
        "warnings",
        "labels",
        "law",
    }
    # Ids stay; every id has its readable label beside it (issue 15, item 1).
    assert data["labels"]["3.A.1[1].goal"] == "3.A.1 › Prioritering 1 › Overordnet mål"
    assert data["labels"]["6.A.tilfeller"] == "6.A › Tilfeller av gjenoppretting"
    assert data["labels"]["virksomhet"] == "Nøkkelinformasjon om virksomheten"
    ids = {s["id"] for s in data["sections"]} | set(data["missing"])
    ids |= {w["item"] for w in data["warnings"]}
    assert ids <= set(data["labels"])
    # The law verdict (issue 12): §5 c and the signature not met, with reasons.
    law = data["law"]
    assert law["required"] is True and law["ok"] is False
    assert law["points"]["c"]["status"] == "partial"
    assert "3.A.1: prioritering 1 har verken tiltak eller resultater" in law["points"]["c"][
        "reasons"]
    assert law["formal"]["signature"]["status"] == "missing"
    assert data["organisation"] == "KS - Kommunesektorens organisasjon"
    assert data["year"] == 2023 and data["complete"] is False
    assert data["percent"] == data["answered"] * 100 // data["expected"]
    status = {s["id"]: s["status"] for s in data["sections"]}
    # 6.B.1 is unanswered in KS' report (the «Kontaktinformasjon» after it is the template's footer)
    empty = ("3.A", "4.A", "6.A", "6.B")
    assert [k for k in empty if status[k] == "empty"] == list(empty)
    assert [k for k in ("2.A", "3.B", "5.A") if status[k] == "partial"] == ["2.A", "3.B", "5.A"]
    assert all(status[k] == "complete" for k in ("1.A", "1.B", "1.C", "1.D", "1.E"))
    assert data["missing"][0] == "virksomhet.endringer"
    assert "3.A.1[1].goal" in data["missing"]


def test_check_text_names_empty_sections_first(
    capsys: pytest.CaptureFixture[str], example: Path
) -> None:
    code, out, _ = run(capsys, "check", str(example))
    assert code == 1
    empty_at = out.index("Tomme avsnitt")
    assert empty_at < out.index("Delvis utfylte avsnitt") < out.index("Trinn")
    assert "3.A" in out[empty_at : out.index("Delvis utfylte avsnitt")]


def _complete(folder: Path) -> Path:
    from aktsomhetswizard.bank import load_bank

    path = folder / "ferdig.toml"
    sessions.save(complete_session(load_bank()), path)
    return path


def test_exit_codes(capsys: pytest.CaptureFixture[str], sessions_dir: Path, example: Path) -> None:
    done = _complete(sessions_dir)
    assert run(capsys, "check", str(done))[0] == 0
    assert run(capsys, "check", str(example))[0] == 1
    broken = sessions_dir / "broken.toml"
    broken.write_text("[session\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(broken))
    assert code == 2
    assert err.count("\n") == 1 and "broken.toml" in err and "linje 1, kolonne 9" in err
    assert "Traceback" not in err
    # Several files: the worst exit code wins.
    assert run(capsys, "check", str(done), str(example))[0] == 1
    assert run(capsys, "check", str(done), str(broken), "--format", "json")[0] == 2


def test_strict_fails_on_warnings(capsys: pytest.CaptureFixture[str], sessions_dir: Path) -> None:
    done = _complete(sessions_dir)
    s = sessions.load(done)
    s.answers["forord"] = "TBD"  # optional, so still complete, but a placeholder
    sessions.save(s, done)
    assert run(capsys, "check", str(done))[0] == 0
    code, out, _ = run(capsys, "check", str(done), "--strict", "--format", "json")
    assert code == 1
    assert any(w["item"] == "forord" for w in json.loads(out)["warnings"])


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ('[session]\nformat = 2\ntemplate = "etisk-handel-2023"\nyear = 2024\n', "format 2"),
        ('[answers]\n"1.A.1" = "x"\n', "[session]"),
        (
            '[session]\nformat = 1\nyear = 2024\norganisation = "X"\n[answers]\n"1.A.2" = 5\n',
            "1.A.2",
        ),
        ('[session]\nformat = 1\nyear = "2024"\norganisation = "X"\n', "year"),
        ("\xff\xfe garbage", "UTF-8"),
    ],
)
def test_unusable_files_exit_2_and_stay_untouched(
    capsys: pytest.CaptureFixture[str], sessions_dir: Path, content: str, needle: str
) -> None:
    path = sessions_dir / "bad.toml"
    path.write_bytes(
        content.encode("latin-1") if content.startswith("\xff") else content.encode("utf-8")
    )
    before = path.read_bytes()
    code, _, err = run(capsys, "check", str(path))
    assert code == 2
    assert needle in err and "bad.toml" in err
    assert err.strip().count("\n") == 0
    code, _, err = run(capsys, "open", str(path))
    assert code == 2 and needle in err
    assert path.read_bytes() == before


def test_missing_file(capsys: pytest.CaptureFixture[str], sessions_dir: Path) -> None:
    code, _, err = run(capsys, "check", str(sessions_dir / "nope.toml"))
    assert code == 2 and "finnes ikke" in err


@pytest.mark.parametrize(
    "name",
    [
        "../x",
        "/etc/x",
        "",
        " ",
        "a/b",
        "..",
        ".skjult",
        "x" * 101,
        "navn med mellomrom",
        "a\x1b[2Jb",
    ],
)
def test_odd_names_are_refused_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], sessions_dir: Path, tmp_path: Path, name: str
) -> None:
    before = sorted(tmp_path.rglob("*"))
    code, _, err = run(capsys, "new", name, "--org", "X", "--year", "2024", "--no-open")
    assert code == 2
    assert "navn" in err.lower()
    assert "\x1b" not in err
    assert sorted(tmp_path.rglob("*")) == before
    assert not Path("/etc/x.toml").exists()


def test_new_then_list(capsys: pytest.CaptureFixture[str], sessions_dir: Path) -> None:
    code, out, err = run(capsys, "new", "ks-2024", "--org", "KS", "--year", "2024", "--no-open")
    assert code == 0, err
    path = sessions_dir / "ks-2024.toml"
    s = sessions.load(path)
    assert (s.organisation, s.year, s.answers) == ("KS", 2024, {})
    assert path.stat().st_mode & 0o777 == 0o600
    # Not twice.
    code, _, err = run(capsys, "new", "ks-2024", "--org", "KS", "--year", "2024", "--no-open")
    assert code == 2 and "finnes allerede" in err
    code, out, _ = run(capsys, "list")
    assert code == 0
    line = next(ln for ln in out.splitlines() if ln.startswith("ks-2024"))
    assert "KS" in line and "2024" in line and "0 %" in line


@pytest.mark.parametrize("year", ["1999", "tjue", "3000"])
def test_new_refuses_bad_year(
    capsys: pytest.CaptureFixture[str], sessions_dir: Path, year: str
) -> None:
    code, _, err = run(capsys, "new", "x", "--org", "X", "--year", year, "--no-open")
    assert code == 2
    assert not (sessions_dir / "x.toml").exists()


def test_new_from_last_year_marks_carried_over(
    capsys: pytest.CaptureFixture[str], sessions_dir: Path, example: Path
) -> None:
    code, _, err = run(
        capsys,
        "new",
        "ks-2024",
        "--org",
        "KS - Kommunesektorens organisasjon",
        "--year",
        "2024",
        "--from",
        example.stem,
        "--no-open",
    )
    assert code == 0, err
    assert "advarsel" not in err  # the same organisation: no warning
    new = sessions.load(sessions_dir / "ks-2024.toml")
    old = sessions.load(example)
    assert new.answers["1.A.1"] == old.answers["1.A.1"] and new.tables == old.tables
    assert "virksomhet.omsetning" not in new.answers  # a fact of 2023 (issue 13)
    assert new.year == 2024
    assert "1.A.1" in new.carried_over and "2.A.1" in new.carried_over
    assert "4.A.1" not in new.carried_over  # empty last year: nothing to carry


def test_questions_json_lists_the_bank(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "questions", "--format", "json")
    assert code == 0
    data = json.loads(out)
    ids = [q["id"] for step in data for sec in step["sections"] for q in sec["questions"]]
    assert ids[:2] == ["forord", "virksomhet.navn"] and "3.A.1" in ids
    code, out, _ = run(capsys, "questions")
    assert code == 0 and "1.A.1" in out and "Lenke til offentlig tilgjengelig policy" in out


def test_python_m_and_console_script(example: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "aktsomhetswizard", "check", str(example), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["year"] == 2023


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert "feil" in capsys.readouterr().err
    assert main(["--help"]) == 0
    assert "aktsomhet" in capsys.readouterr().out


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--help"]) == 0
    flat = " ".join(capsys.readouterr().out.split())
    assert "Exit-kode: 0 når malen er komplett og åpenhetsloven er oppfylt" in flat
    assert "2 når en fil ikke kan brukes" in flat
