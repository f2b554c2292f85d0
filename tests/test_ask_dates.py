"""Time words of a question become a range of days; relative ones say what they counted from."""
from __future__ import annotations

import datetime as dt

import pytest

from kb.ask_dates import read_dates, reference_date

REF = dt.date(2020, 7, 12)


@pytest.mark.parametrize("question, since, until", [
    ("What happened on 2020-01-05?", "2020-01-05", "2020-01-05"),
    ("What happened on 5 January 2020?", "2020-01-05", "2020-01-05"),
    ("protests on January 5th, 2020", "2020-01-05", "2020-01-05"),
    ("protests between March and May 2019", "2019-03-01", "2019-05-31"),
    ("protests between November and February 2020", "2019-11-01", "2020-02-29"),
    ("attacks in the first week of June", "2020-06-01", "2020-06-07"),
    ("attacks in the last week of February 2019", "2019-02-22", "2019-02-28"),
    ("protests in London in March 2019", "2019-03-01", "2019-03-31"),
    ("deaths in 2019", "2019-01-01", "2019-12-31"),
    ("deaths since 2018", "2018-01-01", None),
    ("deaths before 2018", None, "2017-12-31"),
    # a month without a year is its latest occurrence up to the reference day
    ("protests in September", "2019-09-01", "2019-09-30"),
])
def test_dates_read_from_questions(question, since, until):
    got = read_dates(question, REF, "test")
    assert (got.since, got.until) == (since, until)


def test_words_that_look_like_months_are_not_dates():
    assert read_dates("How many people marched in London?", REF, "test").since is None
    assert read_dates("Sadiq Khan's message at the march", REF, "test").since is None
    assert read_dates("Who may resign?", REF, "test").since is None


def test_an_impossible_day_is_said_not_read():
    got = read_dates("What happened on 2020-02-30?", REF, "test")
    assert got.since is None and "not a date" in got.note


def test_last_month_counts_back_and_says_from_when():
    got = read_dates("events last month", REF, "counted back from --as-of 2020-07-12")
    assert (got.since, got.until) == ("2020-06-11", "2020-07-12")
    assert "--as-of 2020-07-12" in got.note


def test_an_old_corpus_is_read_from_its_newest_article():
    day, note = reference_date(None, dt.date(2019, 8, 8), "events last month")
    assert day == dt.date(2019, 8, 8) and "newest dated article" in note
    day, note = reference_date(dt.date(2019, 1, 1), dt.date(2019, 8, 8), "events last month")
    assert day == dt.date(2019, 1, 1) and "--as-of" in note
    # a question without relative words counts from today, whatever the corpus holds
    assert reference_date(None, dt.date(2019, 8, 8), "deaths in 2019")[0] == dt.date.today()


def test_a_month_without_a_year_is_read_up_to_the_newest_article():
    # nothing after the newest article can be asked about: "October 1" is the one before it
    day, note = reference_date(None, dt.date(2019, 10, 2), "How many were hurt in Lisbon on October 1?")
    assert day == dt.date(2019, 10, 2) and "newest dated article" in note
    got = read_dates("How many were hurt in Lisbon on October 1?", day, note)
    assert (got.since, got.until) == ("2019-10-01", "2019-10-01")
    # a year given, or no month at all: today, as before
    assert reference_date(None, dt.date(2019, 10, 2), "protests on October 1, 2019")[0] == dt.date.today()
    assert reference_date(None, dt.date(2019, 10, 2), "Who may resign?")[0] == dt.date.today()
