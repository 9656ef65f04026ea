"""`aktsomhet check` with several files and the report formats; `aktsomhet export`."""

from __future__ import annotations

import csv
import io
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from factories import complete_session

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Bank
from aktsomhetswizard.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path, bank: Bank, example: Path) -> Path:
    d = tmp_path / "many"
    d.mkdir()
    sessions.save(complete_session(bank), d / "a-komplett.toml", touch=False)
    (d / "b-eksempel.toml").write_bytes(example.read_bytes())
    return d


def test_complete_session_is_complete(
    bank: Bank, capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, err = run(capsys, "check", str(folder / "a-komplett.toml"), "--strict")
    assert code == 0, out + err


def test_dir_exit_codes_are_the_worst(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    assert run(capsys, "check", str(folder / "a-komplett.toml"))[0] == 0
    code, out, _ = run(capsys, "check", str(folder))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["Fil", "Virksomhet", "År"]
    assert "a-komplett.toml" in lines[2] and "100 %" in lines[2]
    assert "b-eksempel.toml" in lines[3] and "55 %" in lines[3] and "3.A 4.A 6.A 6.B" in lines[3]
    assert len(lines) == 4
    (folder / "c-odelagt.toml").write_text("[session\nformat = 1\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(folder))
    assert code == 2
    assert "c-odelagt.toml" in err and "Traceback" not in err
    assert "(kan ikke brukes)" in out.splitlines()[4]


def test_dir_csv_and_json(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, _ = run(capsys, "check", str(folder), "--format", "csv")
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(Path(r["file"]).name, r["percent"], r["empty_sections"]) for r in rows] == [
        ("a-komplett.toml", "100", ""),
        ("b-eksempel.toml", "55", "3.A 4.A 6.A 6.B"),
    ]
    assert rows[1]["organisation"] == "KS - Kommunesektorens organisasjon"
    code, out, _ = run(capsys, "check", str(folder), "--format", "json")
    data = json.loads(out)
    assert isinstance(data, list) and [d["percent"] for d in data] == [100, 55]


def _law_folder(folder: Path, bank: Bank) -> Path:
    """The folder plus a complete template whose law check fails (the manager alone signed)
    and one that is not subject to the Act."""
    s = complete_session(bank, organisation="Bare daglig leder AS")
    s.answers["signering.signert_av"] = "Per Dahl, daglig leder"
    sessions.save(s, folder / "c-daglig-leder.toml", touch=False)
    s = complete_session(bank, organisation="Ikke omfattet AS")
    s.answers["virksomhet.omfattet"] = "Nei"
    s.answers["signering.signert_av"] = ""
    sessions.save(s, folder / "d-ikke-omfattet.toml", touch=False)
    return folder


@pytest.mark.parametrize("parallel", [False, True])
def test_dir_carries_the_law_verdicts(
    capsys: pytest.CaptureFixture[str], folder: Path, bank: Bank, parallel: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`check DIR --format csv/json`: each file's law verdict; the exit code follows it."""
    if parallel:
        monkeypatch.setattr("aktsomhetswizard.batch.PARALLEL_MIN", 2)
    _law_folder(folder, bank)
    code, out, _ = run(capsys, "check", str(folder), "--format", "csv")
    assert code == 1
    rows = {Path(r["file"]).name: r for r in csv.DictReader(io.StringIO(out))}
    cols = ["complete", "law_a", "law_b", "law_c", "law_ok", "formal_signature", "formal_date",
            "formal_period", "formal_publication", "formal_contact", "formal_group",
            "formal_annual_report"]
    assert [rows["a-komplett.toml"][c] for c in cols] == ["ja", *["met"] * 3, "ja",
                                                          *["met"] * 7]
    ks = rows["b-eksempel.toml"]
    assert (ks["law_c"], ks["law_ok"], ks["formal_signature"]) == ("partial", "nei", "missing")
    manager = rows["c-daglig-leder.toml"]
    assert (manager["complete"], manager["law_ok"], manager["formal_signature"]) == (
        "ja", "nei", "missing")
    assert {rows["d-ikke-omfattet.toml"][c] for c in cols[1:]} - {"ja"} == {"not_required"}
    code, out, _ = run(capsys, "check", str(folder), "--format", "json")
    laws = {Path(d["file"]).name: d["law"] for d in json.loads(out)}
    assert laws["c-daglig-leder.toml"]["formal"]["signature"]["reason"].startswith(
        "«Signert av»: bare daglig leder har signert; daglig leder alene er ikke nok")
    assert laws["d-ikke-omfattet.toml"]["required"] is False
    # The exit code: 0 only when complete and the law check is ok (or not required).
    assert run(capsys, "check", str(folder / "a-komplett.toml"))[0] == 0
    assert run(capsys, "check", str(folder / "d-ikke-omfattet.toml"))[0] == 0
    code, out, _ = run(capsys, "check", str(folder / "c-daglig-leder.toml"))
    assert code == 1
    flat = " ".join(out.split())  # the terminal text wraps
    assert "Åpenhetsloven: ✗ ikke oppfylt" in flat and "daglig leder alene er ikke nok" in flat
    assert run(capsys, "check", str(folder / "a-komplett.toml"),
               str(folder / "c-daglig-leder.toml"), "--format", "json")[0] == 1


def test_report_formats_on_a_folder_give_one_page(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    """Issue 15: a folder as html is one overview page (tests/test_check_folder_page.py)."""
    code, out, err = run(capsys, "check", str(folder), "--format", "html")
    assert code in (1, 2) and out.count("<html") == 1 and "Kontrolloversikt" in out


@pytest.mark.parametrize("fmt", ["html", "markdown", "text", "json", "csv"])
def test_check_output_file(
    capsys: pytest.CaptureFixture[str], example: Path, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"rapport.{fmt}"
    code, out, _ = run(capsys, "check", str(example), "--format", fmt, "-o", str(target))
    assert code == 1 and out == ""
    assert stat.S_IMODE(target.stat().st_mode) == sessions.public_mode()  # issue 13
    text = target.read_text(encoding="utf-8")
    assert "KS - Kommunesektorens organisasjon" in text
    assert "\x1b" not in text
    assert not list(tmp_path.glob(".*.tmp")) and not list(tmp_path.glob("*.bak"))


def test_check_report_to_stdout(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    code, out, _ = run(capsys, "check", str(example), "--format", "markdown", "-o", "-")
    assert code == 1 and out.startswith("# Kontrollrapport for redegjørelsen")


def test_export(capsys: pytest.CaptureFixture[str], example: Path, tmp_path: Path) -> None:
    code, out, err = run(capsys, "export", str(example))
    assert code == 0 and out.startswith("# Redegjørelse for aktsomhetsvurderinger")
    assert "Mangler" not in out and "24 svar mangler" in err
    target = tmp_path / "redegjorelse.html"
    code, out, err = run(capsys, "export", str(example), "-o", str(target), "--show-missing")
    assert code == 0 and out == ""
    assert stat.S_IMODE(target.stat().st_mode) == sessions.public_mode()  # issue 13
    html_text = target.read_text(encoding="utf-8")
    assert html_text.startswith("<!DOCTYPE html>") and "Ikke besvart" in html_text
    assert "UTKAST" in html_text and "UTKAST" in err  # incomplete and unsigned (issue 13)
    # Writing again replaces the file; no backup is left beside it.
    assert run(capsys, "export", str(example), "-o", str(target), "--format", "markdown")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Redegjørelse")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["redegjorelse.html", "sessions"]


def test_export_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], example: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "export", str(example), "-o", str(tmp_path / "nei" / "x.md"))
    assert code == 2 and err.startswith("aktsomhet: ") and err.count("\n") == 1
    code, _, err = run(capsys, "export", str(tmp_path / "finnes-ikke.toml"))
    assert code == 2 and "Traceback" not in err


def test_report_paths_do_not_load_textual(example: Path, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from aktsomhetswizard.cli import main\n"
        f"main(['check', {str(example)!r}, '--format', 'html', '-o', {str(tmp_path / 'r')!r}])\n"
        f"main(['export', {str(example)!r}, '-o', {str(tmp_path / 's.html')!r}])\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_output_never_replaces_a_session(
    capsys: pytest.CaptureFixture[str], example: Path, folder: Path
) -> None:
    before = example.read_bytes()
    code, out, err = run(capsys, "export", str(example), "-o", str(example))
    assert code == 2 and "økten som leses" in err
    code, out, err = run(capsys, "check", str(example), "--format", "html", "-o", str(example))
    assert code == 2 and "økten som leses" in err
    assert example.read_bytes() == before
    target = folder / "b-eksempel.toml"
    code, _, err = run(capsys, "check", str(folder), "--format", "csv", "-o", str(target))
    assert code == 2 and target.read_bytes() == before
