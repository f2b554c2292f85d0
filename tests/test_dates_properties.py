"""Properties of resolve_date / find_year_range over arbitrary text and publication dates."""
from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kb.nlp.dates import MAX_YEAR, MIN_YEAR, find_year_range, resolve_date
from kb.records import DateValue

_FORMAT = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}

_WORDS = [
    "on", "in", "the", "from", "until", "to", "between", "and", "last", "next", "this", "past",
    "early", "late", "mid-", "of", "ago", "days", "day", "weeks", "months", "month", "year",
    "years", "yesterday", "today", "tomorrow", "night", "morning", "at", "am", "pm", "'s", "s",
    "Monday", "Thursday", "Fri.", "July", "Sept.", "February", "Nov", "December", "May",
    "2013", "1999", "2024", "0999", "2101", "1990s", "28", "29", "30", "31", "0", "12", "6am",
    "10:30", "-", "\u2013", ",", ".", "/", "2020-09-29", "2019-20", "11/08/2024", "08.11.2024",
    "Q3", "summer", "two", "a",
]

datey_text = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=7).map(" ".join)
any_text = st.one_of(st.text(max_size=60), datey_text)
published = st.one_of(st.none(), st.dates())
tense = st.sampled_from([None, "past", "future", "present"])

SETTINGS = settings(max_examples=400, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _check_value(v: DateValue) -> None:
    assert isinstance(v, DateValue)
    assert v.precision in _FORMAT
    for iso in (v.iso, v.end_iso):
        if iso is None:
            continue
        assert re.fullmatch(_FORMAT[v.precision], iso), v
        y, m, d = (list(map(int, iso.split("-"))) + [1, 1])[:3]
        dt.date(y, m, d)  # parses
    if v.end_iso is not None:
        assert v.iso < v.end_iso, v


@SETTINGS
@given(any_text, published, tense)
def test_resolve_never_raises_and_is_well_formed(text, pub, tn):
    v = resolve_date(text, pub, tense=tn)
    if v is not None:
        _check_value(v)
        assert v.text == text


@SETTINGS
@given(st.dates(min_value=dt.date(MIN_YEAR, 1, 1), max_value=dt.date(MAX_YEAR, 12, 31)),
       published, tense)
def test_iso_dates_round_trip(day, pub, tn):
    for text in (day.isoformat(), f"{day:%B} {day.day}, {day.year}", f"{day.day} {day:%B} {day.year}"):
        v = resolve_date(text, pub, tense=tn)
        assert v == DateValue(day.isoformat(), "day", text)


@SETTINGS
@given(st.integers(min_value=-50, max_value=5000), published)
def test_bare_numbers_are_years_only_when_plausible(n, pub):
    v = resolve_date(str(n), pub)
    if len(str(n)) == 4 and MIN_YEAR <= n <= MAX_YEAR:
        assert v == DateValue(str(n), "year", str(n))
    else:
        assert v is None


@SETTINGS
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
       tense)
def test_weekdays_stay_within_a_week_on_the_side_of_the_tense(pub, name, tn):
    v = resolve_date(name, pub, tense=tn)
    assert v is not None and v.precision == "day"
    day = dt.date.fromisoformat(v.iso)
    assert day.strftime("%A") == name
    delta = (day - pub).days
    if tn == "future":
        assert 0 <= delta <= 6
    else:
        assert -6 <= delta <= 0


@SETTINGS
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2000, 12, 31)),  # any month-day
       tense)
@example(dt.date(2100, 4, 1), dt.date(2000, 2, 29), "past")  # 2096-02-29: more than four years back
def test_month_days_fall_on_the_side_of_the_tense(pub, md, tn):
    text = f"{md:%B} {md.day}"
    v = resolve_date(text, pub, tense=tn)
    if v is None:  # only a February 29 whose leap year is out of reach
        assert (md.month, md.day) == (2, 29)
        return
    day = dt.date.fromisoformat(v.iso)
    assert (day.month, day.day) == (md.month, md.day)
    # the nearest such day on the tense's side: none falls between it and the publication date
    # (a February 29 may be eight years away: 2100 is no leap year)
    if tn == "future":
        assert pub <= day
        between = [_month_day(y, md) for y in range(pub.year, day.year)]
        assert not [d for d in between if d and pub <= d < day]
    else:
        assert day <= pub
        between = [_month_day(y, md) for y in range(day.year + 1, pub.year + 1)]
        assert not [d for d in between if d and day < d <= pub]


def _month_day(year: int, md: dt.date) -> dt.date | None:
    try:
        return dt.date(year, md.month, md.day)
    except ValueError:
        return None


@SETTINGS
@given(any_text)
def test_find_year_range_never_raises_and_is_ordered(text):
    r = find_year_range(text)
    if r is not None:
        a, b = r
        assert MIN_YEAR <= a < b <= MAX_YEAR


@SETTINGS
@given(st.integers(MIN_YEAR, MAX_YEAR - 1), st.integers(1, 150),
       st.sampled_from(["from {} until {}", "from {} to {}", "between {} and {}", "{}-{}", "{} to {}"]))
def test_year_ranges_round_trip(a, span, form):
    b = min(a + span, MAX_YEAR)
    text = form.format(a, b)
    assert find_year_range(text) == (a, b)
    assert resolve_date(text, None) == DateValue(f"{a:04d}", "year", text, f"{b:04d}")
