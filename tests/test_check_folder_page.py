"""`aktsomhet check FOLDER --format html|markdown` (issue 15, item 8): one self-contained page,
a row per report (progress, §5 verdicts, what is missing), then each report's details."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from factories import complete_session
from test_reports import parse_html

from aktsomhetswizard import session as sessions
from aktsomhetswizard.bank import load_bank

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "sessions" / "eksempel-ks-2023.toml"
AKTSOMHET = Path(sys.executable).parent / "aktsomhet"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "rapporter"
    d.mkdir()
    shutil.copyfile(EXAMPLE, d / "a-ks.toml")
    done = complete_session(load_bank(), organisation="Fullført <b>AS</b> [/]")
    sessions.save(done, d / "b-fullfort.toml", touch=False)
    (d / "c-odelagt.toml").write_text("[session\n", encoding="utf-8")
    return d


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(AKTSOMHET), "check", *args], capture_output=True, text=True,
                          timeout=120)


def test_folder_as_one_html_page(folder: Path) -> None:
    done = _check(str(folder), "--format", "html")
    assert done.returncode == 2  # one file cannot be read
    assert "c-odelagt.toml" in done.stderr
    html = done.stdout
    parsed = parse_html(html)
    assert parsed.errors == [] and parsed.stack == []
    tags = [t for t, _ in parsed.tags]
    assert tags.count("html") == 1 and "script" not in tags and "img" not in tags
    # Self-contained: the only links are within the page, and each lands on a heading there.
    hrefs = [dict(a)["href"] for t, a in parsed.tags if t == "a"]
    ids = {dict(a)["id"] for _t, a in parsed.tags if "id" in dict(a)}
    assert hrefs and all(h.startswith("#") and h[1:] in ids for h in hrefs)
    assert all("src" not in dict(a) for _t, a in parsed.tags) and "url(" not in html
    # One row per report, in the overview's table.
    table = html[html.index('<table class="folder">'):]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr>.*?</tr>", table, re.S)[1:]
    assert len(rows) == 3
    ks, full, broken = rows
    assert "KS - Kommunesektorens organisasjon – 2023" in ks and "55 %" in ks
    # The law check's verdicts (issue 12): §5 a met, b and c partial (its 2.A.3 names no
    # human-rights or labour finding: the audit's rule); one formal point of seven.
    assert ks.count("✓ oppfylt") == 1 and ks.count("◐ delvis") == 2 and "1 av 7" in ks
    assert "Vesentlige organisatoriske endringer" in ks and "og 21 til" in ks
    assert "Fullført &lt;b&gt;AS&lt;/b&gt; [/] – 2023" in full and "100 %" in full
    assert "✓ ingenting" in full and full.count("✓ oppfylt") == 3 and "7 av 7" in full
    assert "kan ikke leses" in broken and "ugyldig TOML" in broken
    # Below, each report's details: its summary and its list of what is missing.
    assert html.count("<h3>Sammendrag</h3>") == 2
    assert html.count('<h2 id="rapport-') == 3
    assert "<strong>3.A.1 › Prioritering 1 › Resultater</strong>" in html
    assert "leverandorkjede." not in html and "3.A.1[1]" not in html


def test_folder_as_markdown_and_the_exit_code(folder: Path) -> None:
    (folder / "c-odelagt.toml").unlink()
    done = _check(str(folder), "--format", "markdown")
    assert done.returncode == 1, done.stderr  # the example is incomplete
    md = done.stdout
    assert md.startswith("# Kontrolloversikt over redegjørelsene\n")
    overview = md[md.index("## Rapportene"):md.index("\n## KS")]
    assert overview.count("\n| **") == 2  # a row per report
    assert "## KS - Kommunesektorens organisasjon – 2023" in md
    assert "Til oversikten" not in md  # HTML-only navigation
    only_complete = _check(str(folder / "b-fullfort.toml"), str(folder / "b-fullfort.toml"),
                           "--format", "markdown")
    assert only_complete.returncode == 0, only_complete.stderr
