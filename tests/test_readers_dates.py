"""parse_date: real dates only, never a guess."""
from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.ingest.readers import parse_date

D = datetime.date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("November 08, 2024", D(2024, 11, 8)),
        ("2019-01-04", D(2019, 1, 4)),
        ("Friday, January 4, 2019", D(2019, 1, 4)),
        ("Friday, January 4, 2019\u00a0", D(2019, 1, 4)),
        ("2024-11-08T10:00:00Z", D(2024, 11, 8)),
        ("2024-11-08T23:30:00-05:00", D(2024, 11, 8)),  # the date as written, not shifted
        ("2024-11-08 10:00", D(2024, 11, 8)),
        ("Nov. 8, 2024", D(2024, 11, 8)),
        ("Sept 30, 2020", D(2020, 9, 30)),
        ("4 January 2019", D(2019, 1, 4)),
        ("4th of July 1976", D(1976, 7, 4)),
        ("Fri, 08 Nov 2024 10:00:00 GMT", D(2024, 11, 8)),
        ("November 8, 2024 at 10:30 a.m. EST", D(2024, 11, 8)),
        ("2024/02/29", D(2024, 2, 29)),
    ],
)
def test_dates_read(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["2024-02-30", "2023-02-29", "2024-13-01", "0000-01-01", "February 30, 2024", "2019", "January 2019",
     "01/04/2019", "yesterday", "", "   ", "Smarch 3, 2020", "November 08, 2024 and more words",
     "2024-11-08T25:00:00Z", "20241108"],
)
def test_not_dates(text):
    assert parse_date(text) is None


def test_non_string_is_none():
    assert parse_date(None) is None  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(max_size=120),
    st.from_regex(r"\A[A-Za-z]{0,9},? ?\d{0,3} ?[A-Za-z]{0,9}\.? ?\d{0,2},? ?\d{0,5}(T\d\d:\d\d)?\Z"),
    st.from_regex(r"\A\d{1,5}-\d{1,3}-\d{1,3}\Z"),
))
def test_parse_date_never_raises(text):
    result = parse_date(text)
    assert result is None or isinstance(result, datetime.date)
