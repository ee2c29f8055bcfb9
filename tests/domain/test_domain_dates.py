"""Dates as typed in forms, the import and the command line."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anaiss_desktop.domain.dates import MSG_FORMAT, age_on, format_fr, parse_date


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2020-02-29", date(2020, 2, 29)),
        ("1984-5-3", date(1984, 5, 3)),
        ("29/02/2020", date(2020, 2, 29)),
        ("3/5/1984", date(1984, 5, 3)),
        ("03.05.1984", date(1984, 5, 3)),
        ("03-05-1984", date(1984, 5, 3)),
        ("  12/11/1950 ", date(1950, 11, 12)),
    ],
)
def test_accepted_formats(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_empty_is_no_date(typed):
    assert parse_date(typed) is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2020", "31/02/2020 n'existe pas"),
        ("29/02/2021", "29/02/2021 n'existe pas"),
        ("2021-02-29", "29/02/2021 n'existe pas"),
        ("1/13/2020", "01/13/2020 n'existe pas"),
        ("00/01/2020", "00/01/2020 n'existe pas"),
    ],
)
def test_impossible_dates_are_named(typed, message):
    with pytest.raises(ValueError) as raised:
        parse_date(typed)
    assert str(raised.value) == message


@pytest.mark.parametrize("typed", ["12/11/50", "hier", "2020/02/01", "12/11-1950", "1950-11"])
def test_unknown_formats_say_which_are_expected(typed):
    with pytest.raises(ValueError) as raised:
        parse_date(typed)
    assert str(raised.value) == MSG_FORMAT


@given(st.dates(min_value=date(1000, 1, 1)))
def test_format_fr_round_trips(value):
    assert parse_date(format_fr(value)) == value
    assert parse_date(value.isoformat()) == value


def test_format_fr():
    assert format_fr(date(1984, 5, 3)) == "03/05/1984"
    assert format_fr(None) == ""


def test_age_on():
    birth = date(1984, 5, 3)
    assert age_on(birth, date(2024, 5, 2)) == 39
    assert age_on(birth, date(2024, 5, 3)) == 40
    assert age_on(birth, birth) == 0


def test_age_of_someone_born_on_29_february():
    birth = date(2000, 2, 29)
    assert age_on(birth, date(2001, 2, 28)) == 0
    assert age_on(birth, date(2001, 3, 1)) == 1
    assert age_on(birth, date(2004, 2, 29)) == 4


def test_age_before_birth_is_refused():
    with pytest.raises(ValueError):
        age_on(date(2000, 1, 1), date(1999, 12, 31))
