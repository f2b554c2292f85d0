"""Weekdays and month names written without a year, anchored on the publication date the way
news is read: a bare weekday is the latest such day on or before publication, "last April" the
latest April before the month of publication, a month alone keeps month precision, and a year
in a background sentence stays a year."""
from __future__ import annotations

import datetime as dt

import pytest

from kb.nlp.dates import resolve_date, tense_of
from nlpkit import nlp_fixture

nlp = nlp_fixture()
SUNDAY = dt.date(2020, 1, 5)
THURSDAY = dt.date(2020, 1, 2)


def value(text, pub, tense=None):
    v = resolve_date(text, pub, tense=tense)
    return (v.iso, v.precision) if v else None


@pytest.mark.parametrize("text,pub,want", [
    ("Thursday", SUNDAY, ("2020-01-02", "day")),   # published Sunday: the Thursday just gone
    ("on Thursday", THURSDAY, ("2020-01-02", "day")),  # published on a Thursday: that day
    ("Saturday", SUNDAY, ("2020-01-04", "day")),
    ("Sunday", SUNDAY, ("2020-01-05", "day")),
    ("Monday", SUNDAY, ("2019-12-30", "day")),     # never a day after publication
])
def test_bare_weekday_is_the_latest_on_or_before_publication(text, pub, want):
    assert value(text, pub) == want


@pytest.mark.parametrize("text,want", [
    ("Last April", ("2019-04", "month")),   # the April before, across the new year
    ("last January", ("2019-01", "month")),  # the month of publication itself is "this January"
    ("last December", ("2019-12", "month")),
    ("next March", ("2020-03", "month")),
    ("next January", ("2021-01", "month")),
    ("this April", ("2020-04", "month")),
])
def test_last_and_next_month_name(text, want):
    assert value(text, SUNDAY) == want


@pytest.mark.parametrize("text,want", [
    ("in August", ("2019-08", "month")),
    ("late July", ("2019-07", "month")),
    ("early December", ("2019-12", "month")),
])
def test_month_alone_keeps_month_precision(text, want):
    assert value(text, SUNDAY) == want


def test_background_year_stays_a_year():
    assert value("In 2007", SUNDAY) == ("2007", "year")


def test_is_to_with_infinitive_is_future(nlp):
    doc = nlp("The bridge is to remain closed through October 14.")
    verb = next(t for t in doc if t.lemma_ == "remain")
    assert tense_of(verb) == "future"
    assert value("October 14", dt.date(2019, 9, 11), tense_of(verb)) == ("2019-10-14", "day")


def test_was_to_with_infinitive_is_not_future(nlp):
    doc = nlp("The bridge was to remain closed through October 14.")
    verb = next(t for t in doc if t.lemma_ == "remain")
    assert tense_of(verb) != "future"
