"""Any text the author types comes back equal after a save and a load (issue 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aktsomhetswizard import session as sessions
from aktsomhetswizard.textsafe import normalise_newlines

# Any Unicode text but lone surrogates (which cannot be stored as UTF-8: a save refuses them).
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=("Cs",)),
        st.sampled_from(list('æøåÆØÅ\t"\'\\"""\n\x1b\x00\x7f\x9b\u2028[]{}=#')),
    ),
    max_size=300,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=TEXT, org=TEXT, cell=TEXT, reason=TEXT, key=TEXT)
def test_any_text_round_trips(
    tmp_path_factory: pytest.TempPathFactory,
    answer: str,
    org: str,
    cell: str,
    reason: str,
    key: str,
) -> None:
    folder = tmp_path_factory.mktemp("rt")
    s = sessions.Session(organisation=org, year=2024)
    s.answers["1.A.2"] = answer
    s.answers["ukjent." + key] = answer  # an id the bank does not know
    s.not_applicable["6.A.1"] = reason
    s.priorities.append({"impact": cell, "theme": answer, "geography": "", "extra": cell})
    path = folder / "s.toml"
    sessions.save(s, path)
    back = sessions.load(path)
    assert back.organisation == normalise_newlines(org)
    assert back.answers["1.A.2"] == normalise_newlines(answer)
    assert back.answers["ukjent." + key] == normalise_newlines(answer)
    assert back.not_applicable["6.A.1"] == normalise_newlines(reason)
    assert back.priorities == [
        {
            "impact": normalise_newlines(cell),
            "theme": normalise_newlines(answer),
            "geography": "",
            "extra": cell,
        }
    ]
    # Once loaded (line endings normalised), saving again without an edit gives the same bytes.
    sessions.save(back, path, touch=False)
    raw = path.read_bytes()
    sessions.save(sessions.load(path), path, touch=False)
    assert path.read_bytes() == raw


@settings(max_examples=4, deadline=None)
@given(chunk=TEXT.filter(bool), times=st.integers(min_value=1_000, max_value=5_000))
def test_very_long_text_round_trips(
    tmp_path_factory: pytest.TempPathFactory, chunk: str, times: int
) -> None:
    folder = tmp_path_factory.mktemp("long")
    text = (chunk * times)[:100_000]
    s = sessions.Session(organisation="X", year=2024, answers={"1.A.2": text})
    sessions.save(s, folder / "s.toml")
    assert sessions.load(folder / "s.toml").answers["1.A.2"] == normalise_newlines(text)


def test_text_without_odd_line_breaks_is_kept_exactly(tmp_path: Path) -> None:
    text = 'Linje 1\n\tæøå "sitat" \\ C:\\mappe\\\n\x1b[2J slutt\\'
    s = sessions.Session(organisation="X", year=2024, answers={"1.A.2": text})
    sessions.save(s, tmp_path / "s.toml")
    assert sessions.load(tmp_path / "s.toml").answers["1.A.2"] == text


def test_long_text_is_written_as_typed(tmp_path: Path) -> None:
    """Text over several lines is a literal string: quotes and backslashes are not escaped."""
    text = 'Det heter at "KS-Holding AS\' eierskap" C:\\mappe\\fil\nAndre linje'
    odd = "Linje 1\nmed \x1b[2J i seg"  # a literal string cannot hold ESC: escaped instead
    s = sessions.Session(organisation="X", year=2024, answers={"1.A.2": text, "1.A.3": odd})
    sessions.save(s, tmp_path / "s.toml")
    raw = (tmp_path / "s.toml").read_text(encoding="utf-8")
    assert f"\"1.A.2\" = '''\n{text}'''" in raw
    assert '"1.A.3" = """' in raw and "\\u001b[2J" in raw
    back = sessions.load(tmp_path / "s.toml")
    assert back.answers == {"1.A.2": text, "1.A.3": odd}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab æ–\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85\t")))
def test_newlines_normalised_as_the_expression_says(text: str) -> None:
    from aktsomhetswizard import textsafe

    assert normalise_newlines(text) == textsafe._LINE_BREAKS.sub("\n", text)
    assert not any(ch in normalise_newlines(text) for ch in "\r\u2028\u2029\x0b\x0c\x85")
