"""What a field accepts and shows (aktsomhetswizard.fields): the rules behind the wizard's
validation messages, placeholders and table rows, tested without the TUI (issue 16)."""

from __future__ import annotations

import pytest

from aktsomhetswizard import fields
from aktsomhetswizard.bank import Column, Kind
from aktsomhetswizard.dates import DATE_HINT

_HTML = "<p>Først</p><ul><li>én</li><li>to</li></ul>"


@pytest.mark.parametrize(
    "kind, value",
    [
        (Kind.NUMBER, "1 137 092 000"), (Kind.NUMBER, "306"), (Kind.NUMBER, "12,5"),
        (Kind.NUMBER, "−5"), (Kind.NUMBER, "1.137.092"), (Kind.NUMBER, " 42 "),
        (Kind.EMAIL, "navn@virksomhet.no"),
        (Kind.URL, "https://www.eksempel.no/"), (Kind.URL, "http://eksempel.no"),
        (Kind.YEAR, "2024"), (Kind.YEAR, "1900"),
        (Kind.DATE, "27.06.2024"), (Kind.DATE, "2024-06-27"),
        # Blank is unanswered, never wrong; a kind without a form is never checked.
        (Kind.NUMBER, ""), (Kind.EMAIL, "   "), (Kind.SHORT_TEXT, "[/] \x1b abc"),
        (Kind.LONG_TEXT, "abc"), (Kind.YES_NO, "kanskje"),
    ],
)
def test_accepted(kind: Kind, value: str) -> None:
    assert fields.problem(kind, value) is None


@pytest.mark.parametrize(
    "kind, value, message",
    [
        (Kind.NUMBER, "mange", "Skriv et tall, for eksempel 1 137 092 000."),
        (Kind.NUMBER, "12 34", "Skriv et tall, for eksempel 1 137 092 000."),
        (Kind.EMAIL, "navn@virksomhet", "Skriv en e-postadresse, for eksempel navn@virksomhet.no."),
        (Kind.EMAIL, "navn virksomhet.no", "Skriv en e-postadresse, for eksempel "
                                           "navn@virksomhet.no."),
        (Kind.URL, "www.eksempel.no", "Skriv en fullstendig adresse, for eksempel "
                                      "https://www.eksempel.no/."),
        (Kind.URL, "https://eksempel", "Skriv en fullstendig adresse, for eksempel "
                                       "https://www.eksempel.no/."),
        (Kind.URL, "https://eks empel.no", "Skriv en fullstendig adresse, for eksempel "
                                           "https://www.eksempel.no/."),
        (Kind.YEAR, "1899", "Skriv et årstall med fire sifre, for eksempel 2024."),
        (Kind.YEAR, "24", "Skriv et årstall med fire sifre, for eksempel 2024."),
        (Kind.DATE, "31.02.2024", DATE_HINT),
        (Kind.DATE, "i fjor", DATE_HINT),
    ],
)
def test_problem_message(kind: Kind, value: str, message: str) -> None:
    assert fields.problem(kind, value) == message


def test_checked_kinds_have_placeholders() -> None:
    assert fields.CHECKED == {Kind.NUMBER, Kind.EMAIL, Kind.URL, Kind.YEAR, Kind.DATE}
    assert all(fields.placeholder(kind) for kind in fields.CHECKED)
    assert fields.placeholder(Kind.SHORT_TEXT) == ""


def test_cell_placeholder_of_a_count_is_not_money() -> None:
    count = Column(key="workers", label="Antall arbeidere", kind=Kind.NUMBER)
    money = Column(key="revenue", label="Omsetning", kind=Kind.NUMBER)
    assert fields.cell_placeholder(count) == "For eksempel 120"
    assert fields.cell_placeholder(money) == fields.placeholder(Kind.NUMBER)


def test_yes_no_stored() -> None:
    assert not fields.yes_no_stored("")
    assert not fields.yes_no_stored(fields.YES)
    assert not fields.yes_no_stored(fields.NO)
    assert fields.yes_no_stored("ja, delvis")


def test_choice_options_keep_an_old_value() -> None:
    choices = ("Arbeidstid", "Lønn")
    assert fields.choice_options(choices, "") == ["Arbeidstid", "Lønn"]
    assert fields.choice_options(choices, "Lønn") == ["Arbeidstid", "Lønn"]
    assert fields.choice_options(choices, "Fritt skrevet") == ["Arbeidstid", "Lønn",
                                                               "Fritt skrevet"]


def test_cells_as_the_table_shows_them() -> None:
    columns = (Column(key="theme", label="Tema", kind=Kind.LONG_TEXT),
               Column(key="count", label="Antall", kind=Kind.NUMBER))
    assert fields.table_columns(columns) == [("Tema", 2), ("Antall", 1)]
    row = {"theme": _HTML, "count": 12}
    assert fields.row_cells(columns, row) == ("Først\n\n- én\n- to", "12")
    assert fields.row_cells(columns, {}) == ("", "")


def test_follow_up_rows() -> None:
    source = (Column(key="theme", label="Prioritering"), Column(key="where", label="Hvor"))
    columns = (Column(key="measures", label="Tiltak"), Column(key="results", label="Resultater"))
    assert fields.follow_up_columns(source) == [("Prioritering", 5), ("Utfylt", 1)]
    assert fields.follow_up_columns(()) == [("Utfylt", 1)]
    row = {"theme": "Lønn", "where": "Vietnam\x1b[2J", "measures": "Revisjon", "results": " "}
    assert fields.follow_up_cells(source, columns, row) == ("Lønn", "1 av 2")
    assert fields.follow_up_cells((), columns, {}) == ("0 av 2",)
    assert fields.row_facts(source, row) == [("Prioritering", "Lønn"),
                                             ("Hvor", "Vietnam\\x1b[2J")]
    assert fields.row_facts(source, {}) == [("Prioritering", "(ikke utfylt)"),
                                            ("Hvor", "(ikke utfylt)")]


def test_row_has_text() -> None:
    assert not fields.row_has_text({})
    assert not fields.row_has_text({"a": "", "b": "  \n", "c": 0})
    assert fields.row_has_text({"a": "", "b": "x"})


def test_column_widths() -> None:
    # «Nr.» (5 cells: «▸», three digits, a space), then 80 - 5 - 2 spaces shared 2:1.
    assert fields.column_widths(80, 12, (2, 1)) == [5, 48, 25]
    assert fields.column_widths(80, 12_345, (1,)) == [7, 72]  # a wider number
    assert sum(fields.column_widths(61, 3, (5, 1))) + 2 == 61  # every cell used
    assert fields.column_widths(3, 3, (1, 1)) == [5, 0, 0]  # no room: nothing negative
