"""`aktsomhet diff` (issue 17): what changed from last year's session to this year's."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import Bank
from aktsomhetswizard.diff import diff_sessions, word_diff
from aktsomhetswizard.render.diff import render_diff
from aktsomhetswizard.session import Session

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"


def _edited(bank: Bank) -> tuple[Session, Session, dict[str, str]]:
    """The example, a session started from it, and that session edited. Returns the edits as
    key -> the status the diff must give."""
    old = sessions.load(EXAMPLE)
    new = sessions.start_from(old, old.organisation, 2024)
    new.answers["1.A.3"] = new.answers["1.A.3"].replace("Landsstyret", "Hovedstyret")
    new.answers["4.A.1"] = "Direktøren for organisasjon og økonomi har ansvaret."
    del new.answers["3.B.6"]
    new.not_applicable["6.A.tilfeller"] = "Ingen tilfeller i 2024."
    new.tables["priorities"][0]["theme"] = "Klima"
    new.tables["priorities"][0]["results"] = "Flyreisene gikk ned 20 %."
    new.tables.setdefault("producers", []).append(
        {"country": "Norge", "workers": "12", "producers": "1", "comment": ""})
    edits = {
        "1.A.3": "changed",
        "4.A.1": "new",
        "3.B.6": "removed",
        "6.A.tilfeller": "new",
        "2.A.1 rad 1": "changed",  # the theme
        "3.A.1 rad 1": "new",  # results: the first of the priority's own fields
        "leverandorkjede.produsenter rad 1": "new",
    }
    return old, new, edits


def test_diff_shows_exactly_the_edits(bank: Bank) -> None:
    old, new, edits = _edited(bank)
    started = sessions.start_from(old, old.organisation, 2024)
    # What start_from leaves behind on purpose (facts of one year): removed, not an edit.
    not_carried = {q for q in old.answers if q not in started.answers}
    if "inputs" in old.tables and "inputs" not in started.tables:
        not_carried.add("leverandorkjede.innsatsfaktorer rad 1")
    d = diff_sessions(bank, old, new, "i-fjor", "i-år")
    differing = {c.key: c.status for c in d.changes if c.status not in ("same", "empty")}
    assert differing == edits | {k: "removed" for k in not_carried}
    # What was left behind as a fact of one year is said to be so; the edits are not.
    for c in d.changes:
        assert c.year_bound == (c.key in not_carried and bank.is_year_bound(c.question)), c.key
    assert any(c.year_bound for c in d.changes) == bool(not_carried)
    if any(c.year_bound for c in d.changes):
        assert "gjelder ett rapporteringsår" in render_diff(d, "text")
    assert d.differs
    change = next(c for c in d.changes if c.key == "1.A.3")
    assert [(w.op, w.text) for w in change.words if w.op != "equal"] == [
        ("delete", "Landsstyret"), ("insert", "Hovedstyret")]
    # 3.A.1's own view: last year's goal for the year beside this year's result.
    assert len(d.priorities) == 1
    p = d.priorities[0]
    assert p.results == "Flyreisene gikk ned 20 %." and p.last_year_goal == ""
    assert p.status == "same"


def test_no_difference(bank: Bank) -> None:
    old = sessions.load(EXAMPLE)
    d = diff_sessions(bank, old, copy.deepcopy(old))
    assert not d.differs
    assert {c.status for c in d.changes} <= {"same", "empty"}
    assert "Ingen endringer." in render_diff(d, "text")


def test_word_diff() -> None:
    ops = word_diff("Vi har tre fabrikker i Tyrkia.", "Vi har fire fabrikker i Tyrkia og Portugal.")
    assert "".join(w.text for w in ops if w.op != "insert") == "Vi har tre fabrikker i Tyrkia."
    assert "".join(w.text for w in ops if w.op != "delete") == \
        "Vi har fire fabrikker i Tyrkia og Portugal."
    assert ("delete", "tre") in [(w.op, w.text) for w in ops]


def test_priority_goals_beside_results(bank: Bank) -> None:
    old = sessions.load(EXAMPLE)
    old.tables["priorities"][0]["year_goal"] = "Ny reisepolicy vedtatt"
    new = sessions.start_from(old, old.organisation, 2024)
    new.tables["priorities"][0]["results"] = "Vedtatt i mars."
    new.tables["priorities"].append({"impact": "Ny risiko", "theme": "", "geography": "",
                                     "results": "Kartlagt."})
    d = diff_sessions(bank, old, new)
    assert [(p.number, p.status, p.last_year_goal, p.results) for p in d.priorities] == [
        (1, "same", "Ny reisepolicy vedtatt", "Vedtatt i mars."),
        (2, "new", "", "Kartlagt."),
    ]
    text = render_diff(d, "text")
    view = text[text.index("3.A.1: fjorårets mål"):]
    assert view.index("Ny reisepolicy vedtatt") < view.index("Vedtatt i mars.")
    html = render_diff(d, "html")
    assert "Ny reisepolicy vedtatt</td><td>Vedtatt i mars.</td>" in html


def test_formats(bank: Bank) -> None:
    old, new, _ = _edited(bank)
    d = diff_sessions(bank, old, new, "i-fjor", "i-år")
    text = render_diff(d, "text")
    assert "[-Landsstyret-]{+Hovedstyret+}" in text
    md = render_diff(d, "markdown")
    assert "~~Landsstyret~~ **Hovedstyret**" in md or "~~Landsstyret~~**Hovedstyret**" in md
    html = render_diff(d, "html")
    assert "<del>Landsstyret</del>" in html and "<ins>Hovedstyret</ins>" in html
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
    assert "http" not in html.split("<main>")[0].replace("http-equiv", "")  # nothing fetched
    data = json.loads(render_diff(d, "json"))
    assert data["differs"] is True and data["counts"]["changed"] == 2
    assert {c["key"] for c in data["changes"] if c["status"] == "new"} >= {"4.A.1"}


HOSTILE = "<script>alert(1)</script> **fet** [x](javascript:1) \x1b[31mrød\x1b[0m \u202eomvendt"


def test_user_text_is_escaped(bank: Bank) -> None:
    old = sessions.load(EXAMPLE)
    new = copy.deepcopy(old)
    new.answers["1.A.3"] = HOSTILE
    new.answers["4.A.1"] = HOSTILE
    new.tables["priorities"][0]["results"] = HOSTILE
    d = diff_sessions(bank, old, new)
    for fmt in ("text", "markdown", "html", "json"):
        out = render_diff(d, fmt)
        assert "\x1b" not in out and "\u202e" not in out, fmt
    html = render_diff(d, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = render_diff(d, "markdown")
    assert "<script>" not in md and "&lt;script&gt;" in md and "\\[x\\]" in md
    assert "\\x1b[31m" in render_diff(d, "text")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aktsomhetswizard", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def test_cli(tmp_path: Path, bank: Bank) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    old, new, _ = _edited(bank)
    sessions.save(old, folder / "i-fjor.toml")
    sessions.save(new, folder / "i-aar.toml")
    r = _run("diff", "i-fjor", "i-aar", "--dir", str(folder), cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert "[-Landsstyret-]{+Hovedstyret+}" in r.stdout
    same = _run("diff", "i-fjor", str(folder / "i-fjor.toml"), "--dir", str(folder), cwd=tmp_path)
    assert same.returncode == 0 and "Ingen endringer." in same.stdout
    out = tmp_path / "endringer.html"
    r = _run("diff", "i-fjor", "i-aar", "--dir", str(folder), "-o", str(out), cwd=tmp_path)
    assert r.returncode == 1 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    missing = _run("diff", "i-fjor", "finnes-ikke", "--dir", str(folder), cwd=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    before = (folder / "i-aar.toml").read_bytes()
    guard = _run("diff", "i-fjor", "i-aar", "--dir", str(folder),
                 "-o", str(folder / "i-aar.toml"), cwd=tmp_path)
    assert guard.returncode == 2 and (folder / "i-aar.toml").read_bytes() == before


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_cli_formats(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "a.toml").write_bytes(EXAMPLE.read_bytes())
    r = _run("diff", "a", "a", "--format", fmt, "--dir", str(folder), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    if fmt == "json":
        assert json.loads(r.stdout)["differs"] is False


def test_terminal_colours_keep_the_text(bank: Bank) -> None:
    from aktsomhetswizard.render.diff import colour_text

    old, new, _ = _edited(bank)
    new.answers["1.B.1"] = "[bold]ikke markup[/] \x1b[31m"
    plain = render_diff(diff_sessions(bank, old, new), "text")
    coloured = colour_text(plain)
    assert coloured.plain == plain and "\x1b" not in plain
    styled = {plain[s.start:s.end]: str(s.style) for s in coloured.spans}
    assert styled["[-Landsstyret-]"] == "red strike"
    assert styled["{+Hovedstyret+}"] == "green bold"
