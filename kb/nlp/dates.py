"""Turn the words of a date mention into a calendar value, anchored on the article's publication date.

News text names dates relative to the day it was written ("Thursday", "last month", "July 28"),
so a date is only meaningful together with the publication date and, for bare weekdays and
month-days, the tense of the verb it hangs on ("met on Monday" is behind us, "will meet on Monday"
ahead). ``resolve_date`` reads the common forms with regular expressions and falls back to
``dateparser`` for the rest; it never guesses a finer precision than the words give, and returns
None for what is not one point or span in time ("this week", "the 1990s", "recent years", "6am").

Precision is "day", "month" or "year"; ranges ("from 1999 until 2013") carry ``end_iso``.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re

from ..records import DateValue
from .words import FUTURE_AUXILIARIES, HAVE_AUXILIARIES, MONTHS, NUMBER_WORDS, WEEKDAYS

__all__ = ["resolve_date", "tense_of", "find_year_range", "anaphoric_day", "shift_day"]

MIN_YEAR, MAX_YEAR = 1000, 2100  # a bare number outside this is not read as a year
_MAX_TEXT = 120  # longer "date" texts are sentences, not dates

_MONTHS = MONTHS
_WEEKDAYS = WEEKDAYS
_NUMBERS = {"a": 1, "an": 1, **{w: n for w, n in NUMBER_WORDS.items() if 1 <= n <= 12}}


def _alt(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_M = rf"(?:{_alt(_MONTHS)})"
_WD = rf"(?:{_alt(_WEEKDAYS)})"
_Y = r"\d{4}"
_D = r"\d{1,2}"

# --- normalisation -------------------------------------------------------------------------------
_N = rf"(?:\d{{1,3}}|{_alt(_NUMBERS)})"
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2019": "'",
                         ",": " ", "(": " ", ")": " ", "\u00a0": " "})
_ABBR_DOT = re.compile(r"(?<=[a-z])\.")  # "sept." -> "sept", "a.m." -> "am"; keeps "08.11.2024"
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_HYPHEN_WS = re.compile(r"\s*-\s*")
_WS = re.compile(r"\s+")
_CLOCK = re.compile(
    r"(?:\bat\s+|\baround\s+|\babout\s+)?"
    r"(?:\b\d{1,2}(?::\d{2}){0,2}\s*(?:am|pm)\b|\b\d{1,2}:\d{2}(?::\d{2})?\b|\bnoon\b|\bmidnight\b|\bmidday\b)"
    r"(?:\s+(?:est|edt|cst|cdt|pst|pdt|gmt|utc|bst|cet|cest|et|pt|local time))?"
)
# "shortly before midnight Wednesday", "just after noon on Friday": an adverb of degree that
# narrows "before"/"after" says nothing of the day; it goes with the preposition it modifies
_LEAD = re.compile(
    rf"^(?:(?:shortly|just|soon|right|immediately|moments|minutes|hours) (?=before\b|after\b)|on|in(?! {_N} (?:day|week|month|year)s?\b)|at|by|since|until|till|before|after|during|"
    r"around|about|circa|approximately|as of|as early as|as late as|as recently as|"
    r"as far back as|of|for|starting|beginning|through|throughout|sometime|some time|the|"
    r"earlier|later|early|late|mid-|mid|middle of|end of|start of|beginning of|"
    r"first half of|second half of|first week of|morning of|afternoon of|evening of|night of)\b\s*(?=\S)"
)
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[t ]\d{2}:\d{2}.*$")
_TIME_OF_DAY = re.compile(r"(?<=\S) (?:morning|afternoon|evening|night)$")

# --- fast-path patterns (on normalised text) ----------------------------------------------------
_RE_REL_DAY = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1,
    "day before yesterday": -2, "the day before yesterday": -2,
    "day after tomorrow": 2, "the day after tomorrow": 2,
}
_RE_WEEK = re.compile(
    r"^(?:(?:last|this|next|past|previous|coming|following|current|same|that|this past|"
    r"this coming) )?"
    r"(?:week|weekend|weeks|weekends)$"
)
_RE_REL_UNIT = re.compile(r"^(last|this|next|current|coming) (month|year)$")
_RE_AGO = re.compile(rf"^({_N}) (day|week|month|year)s? ago$")
_RE_IN = re.compile(rf"^in ({_N}) (day|week|month|year)s?(?: time)?$")
_RE_WEEKDAY = re.compile(rf"^(?:(last|this past|this coming|this|next|past|coming) )?({_WD})$")
_RE_SEASON = re.compile(
    r"^(?:(?:spring|summer|autumn|fall)|q[1-4]|(?:first|second|third|fourth|1st|2nd|3rd|4th) "
    r"quarter)(?: of)? (\d{4})$"
)
_RE_MD = re.compile(rf"^(?:{_WD} )?({_M}) ({_D})(?: ({_Y}|'\d{{2}}))?$")
_RE_DM = re.compile(rf"^(?:{_WD} )?(?:the )?({_D}) (?:of )?({_M})(?: ({_Y}|'\d{{2}}))?$")
_RE_MY = re.compile(rf"^({_M})(?: of)? ({_Y}|'\d{{2}})$")
_RE_MY_DASH = re.compile(rf"^({_M})-({_Y})$")
_RE_MONTH = re.compile(rf"^({_M})$")
_RE_WHICH_MONTH = re.compile(rf"^(last|this past|past|this|this coming|coming|next) ({_M})$")
_RE_YEAR = re.compile(r"^(\d{1,6})$")
_RE_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_RE_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RE_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")  # 11/08/2024, 08.11.2024
_RE_DECADE = re.compile(r"^(?:\d{4}|'?\d0)'?s$")
# a length of time, not a point in it: "25-year", "30 years", "two days", "six-month-long"
_RE_DURATION = re.compile(
    rf"\b{_N}[- ](?:day|week|month|year|decade|century|centurie|hour|minute)s?\b(?! ago)"
)
_RE_ONLY_NUM = re.compile(r"^[\d\s/.:'-]*$")
_RANGE_SPLIT = re.compile(r"(?:\s*-\s*|\s+(?:to|until|till|through|thru|and|up to)\s+)")
_RE_YEAR_SPAN = re.compile(
    r"^(from |between )?(\d{4})(?:-| (to|until|till|through|thru|and) )(\d{4}|\d{2})$"
)
_RANGE_PREFIX = re.compile(r"^(?:from|between)\s+")
_DAY_CUE = re.compile(rf"\b(?:{_WD}|yesterday|today|tonight|tomorrow|ago)\b|\b\d{{1,2}}\b")
_MONTH_CUE = re.compile(rf"\b{_M}\b")
_YEAR_CUE = re.compile(r"\b\d{4}\b")
_ANY_CUE = re.compile(rf"\b(?:{_M}|{_WD}|yesterday|today|tonight|tomorrow|ago)\b|\d")

_NONE = object()  # "understood, and not a point in time": do not try the fallback
_PREC_RANK = {"year": 0, "month": 1, "day": 2}


def _normalise(text: str) -> str:
    s = text.strip().lower().translate(_DASHES)
    s = _ISO_DATETIME.sub(r"\1", s)
    s = _ABBR_DOT.sub("", s)
    s = _ORDINAL.sub(r"\1", s)
    s = _CLOCK.sub(" ", s)
    s = _HYPHEN_WS.sub("-", s)
    s = _WS.sub(" ", s).strip(" .;:[]\"'-")
    if s.endswith("'s") and not s[-3:-2].isdigit():  # "Thursday's"; "1990's" stays a decade
        s = s[:-2]
    return s


def _strip_lead(s: str) -> str:
    while True:
        t = _LEAD.sub("", s, count=1)
        if t == s:
            return s
        s = t


def _year(tok: str | None) -> int | None:
    """A written year, or None when the token is not a plausible one."""
    if tok is None:
        return None
    if tok.startswith("'"):
        n = int(tok[1:])
        return 2000 + n if n < 50 else 1900 + n
    n = int(tok)
    return n if MIN_YEAR <= n <= MAX_YEAR else None


def _day_value(d: _dt.date, text: str) -> DateValue:
    return DateValue(f"{d.year:04d}-{d.month:02d}-{d.day:02d}", "day", text)


def _month_value(y: int, m: int, text: str) -> DateValue:
    return DateValue(f"{y:04d}-{m:02d}", "month", text)


def _year_value(y: int, text: str) -> DateValue:
    return DateValue(f"{y:04d}", "year", text)


def _date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _shift(pub: _dt.date, days: int) -> _dt.date | None:
    try:
        return pub + _dt.timedelta(days=days)
    except OverflowError:
        return None


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _anchor_month_day(m: int, d: int, pub: _dt.date, future: bool) -> _dt.date | None:
    """The year for a month-day: the latest on/before publication, or the first on/after it."""
    if _date(2000, m, d) is None:  # not a day of any year (February 30); 2000 is a leap year
        return None
    step = 1 if future else -1
    for k in range(5):  # four years reach a February 29
        c = _date(pub.year + step * k, m, d)
        if c is not None and (c >= pub if future else c <= pub):
            return c
    return None


def _anchor_month(m: int, pub: _dt.date, future: bool) -> int:
    if future:
        return pub.year if m >= pub.month else pub.year + 1
    return pub.year if m <= pub.month else pub.year - 1


def _weekday(which: str | None, wd: int, pub: _dt.date, future: bool) -> _dt.date | None:
    delta = wd - pub.weekday()
    if which in ("next", "coming", "this coming"):  # the coming one, never the publication day itself
        return _shift(pub, delta if delta > 0 else delta + 7)
    if which in ("last", "past", "this past"):
        return _shift(pub, delta if delta < 0 else delta - 7)
    if delta == 0:
        # A wire story dated Friday that says "on Friday" means that Friday: a day a week back or
        # ahead is written "last Friday" / "next Friday" or with its date.
        return pub
    if future:
        return _shift(pub, delta if delta > 0 else delta + 7)
    return _shift(pub, delta if delta < 0 else delta - 7)


def _count(tok: str) -> int:
    return _NUMBERS[tok] if tok in _NUMBERS else int(tok)


def _relative(s: str, pub: _dt.date | None, future: bool, text: str):
    """Forms that need the publication date. Returns a DateValue, _NONE, or None (not matched)."""
    if s in _RE_REL_DAY:
        d = _shift(pub, _RE_REL_DAY[s]) if pub else None
        return _day_value(d, text) if d else _NONE
    if _RE_WEEK.match(s):
        return _NONE
    if m := _RE_REL_UNIT.match(s):
        if pub is None:
            return _NONE
        k = {"last": -1, "next": 1, "coming": 1}.get(m[1], 0)
        if m[2] == "year":
            y = pub.year + k
            return _year_value(y, text) if 1 <= y <= 9999 else _NONE
        y, mo = _add_months(pub.year, pub.month, k)
        return _month_value(y, mo, text) if 1 <= y <= 9999 else _NONE
    if (m := _RE_AGO.match(s)) or (m := _RE_IN.match(s)):
        if pub is None:
            return _NONE
        n = _count(m[1]) * (-1 if s.endswith("ago") else 1)
        unit = m[2]
        if unit in ("day", "week"):
            d = _shift(pub, n * (7 if unit == "week" else 1)) if abs(n) < 4000 else None
            return _day_value(d, text) if d else _NONE
        if unit == "month":
            y, mo = _add_months(pub.year, pub.month, n)
            return _month_value(y, mo, text) if 1 <= y <= 9999 else _NONE
        y = pub.year + n
        return _year_value(y, text) if 1 <= y <= 9999 else _NONE
    if m := _RE_WHICH_MONTH.match(s):  # "last April": the latest April before this month
        if pub is None:
            return _NONE
        mo = _MONTHS[m[2]]
        if m[1] in ("last", "past", "this past"):
            y = pub.year if mo < pub.month else pub.year - 1
        elif m[1] in ("next", "coming", "this coming"):
            y = pub.year if mo > pub.month else pub.year + 1
        else:
            y = pub.year
        return _month_value(y, mo, text) if 1 <= y <= 9999 else _NONE
    if m := _RE_WEEKDAY.match(s):
        if pub is None:
            return _NONE
        d = _weekday(m[1], _WEEKDAYS[m[2]], pub, future)
        return _day_value(d, text) if d else _NONE
    return None


def _absolute_parts(s: str):
    """(year, month, day) of an absolute form, any part None when not written; _NONE when the
    form is recognised but not a date (impossible, implausible, decade); None when not matched."""
    if m := _RE_MD.match(s):
        y = _year(m[3])
        if m[3] and y is None:
            return _NONE
        return y, _MONTHS[m[1]], int(m[2])
    if m := _RE_DM.match(s):
        y = _year(m[3])
        if m[3] and y is None:
            return _NONE
        return y, _MONTHS[m[2]], int(m[1])
    if (m := _RE_MY.match(s)) or (m := _RE_MY_DASH.match(s)):
        y = _year(m[2])
        return (y, _MONTHS[m[1]], None) if y else _NONE
    if m := _RE_MONTH.match(s):
        return None, _MONTHS[m[1]], None
    if m := _RE_YEAR.match(s):
        y = _year(m[1]) if len(m[1]) == 4 else None
        return (y, None, None) if y else _NONE
    if m := _RE_ISO.match(s):
        y = _year(m[1])
        return (y, int(m[2]), int(m[3])) if y else _NONE
    if m := _RE_ISO_MONTH.match(s):
        y, mo = _year(m[1]), int(m[2])
        if mo > int(m[1]) % 100:  # "2019-20", "2009-11": a span of years, not a month
            return None
        return (y, mo, None) if y and 1 <= mo <= 12 else _NONE
    if m := _RE_NUMERIC.match(s):
        y = _year(m[4])
        a, b = int(m[1]), int(m[3])
        if y is None:
            return _NONE
        if m[2] == ".":  # European 08.11.2024
            return y, b, a
        if a > 12 >= b:  # 29/09/2020
            return y, b, a
        return y, a, b  # US order, as in English-language wires: 11/08/2024
    if m := _RE_SEASON.match(s):  # "summer of 2024", "Q3 2024": the year is all that is sure
        y = _year(m[1])
        return (y, None, None) if y else _NONE
    if _RE_DECADE.match(s):
        return _NONE
    return None


def _point(s: str, pub: _dt.date | None, future: bool, text: str):
    """A single date from normalised, lead-stripped text: DateValue, _NONE or None (not matched)."""
    r = _relative(s, pub, future, text)
    if r is not None:
        return r
    parts = _absolute_parts(s)
    if parts is None or parts is _NONE:
        return parts
    y, m, d = parts
    if d is not None:
        if y is not None:
            day = _date(y, m, d)
        elif pub is not None:
            day = _anchor_month_day(m, d, pub, future)
        else:
            return _NONE
        return _day_value(day, text) if day else _NONE
    if m is not None:
        if y is None:
            if pub is None:
                return _NONE
            y = _anchor_month(m, pub, future)
            if not 1 <= y <= 9999:
                return _NONE
        return _month_value(y, m, text)
    return _year_value(y, text)


def _truncate(iso: str, precision: str) -> str:
    return iso[: {"year": 4, "month": 7, "day": 10}[precision]]


def _range(s: str, pub: _dt.date | None, future: bool, text: str):
    """'from 1999 until 2013', '1999-2013', '2019-20', 'January to March 2024', 'July 28-30'."""
    if m := _RE_YEAR_SPAN.match(s):  # the common case, without trying every split
        if m[3] != "and" or s.startswith("between "):
            y1 = int(m[2])
            y2 = int(m[4]) if len(m[4]) == 4 else y1 // 100 * 100 + int(m[4])
            return _year_range(_year(m[2]), y2, text) or _NONE
    between = s.startswith("between ")
    body = _RANGE_PREFIX.sub("", s, count=1)
    for sep in _RANGE_SPLIT.finditer(body):
        if sep.group().strip() == "and" and not between:
            continue
        a, b = body[: sep.start()].strip(), body[sep.end():].strip()
        if not a or not b:
            continue
        r = _range_parts(_strip_lead(a), _strip_lead(b), pub, future, text)
        if r is not None:
            return r
    return None


def _range_parts(a: str, b: str, pub, future, text):
    pa, pb = _absolute_parts(a), _absolute_parts(b)
    # "2019-20": a two-digit end year in the start year's century
    if isinstance(pa, tuple) and pa[1] is None and re.fullmatch(r"\d{2}", b):
        y2 = pa[0] // 100 * 100 + int(b)
        return _year_range(pa[0], y2, text) if y2 > pa[0] else None
    # "July 28-30" / "28-30 July 2024": a bare day borrows month and year from the other side
    if isinstance(pa, tuple) and pa[2] is not None and re.fullmatch(_D, b):
        pb = (pa[0], pa[1], int(b))
    elif isinstance(pb, tuple) and pb[2] is not None and re.fullmatch(_D, a):
        pa = (pb[0], pb[1], int(a))
    if not (isinstance(pa, tuple) and isinstance(pb, tuple)):
        # relative ends ("from last year to next year") resolve on their own
        va, vb = _point(a, pub, future, a), _point(b, pub, future, b)
        if isinstance(va, DateValue) and isinstance(vb, DateValue):
            return _join(va, vb, text)
        return None
    (ya, ma, da), (yb, mb, db) = pa, pb
    if ya is None and yb is not None:  # "January to March 2024"
        ya = yb if (ma, da or 0) <= (mb or 13, db or 0) else yb - 1
    if ya is not None and yb is None and mb is not None:  # "March 2023 to June"
        yb = ya if (mb, db or 0) >= (ma or 0, da or 0) else ya + 1
    if ya is None:  # neither side has a year: anchor the start, the end follows it
        if pub is None or ma is None:
            return _NONE
        if da is not None:
            start = _anchor_month_day(ma, da, pub, future)
            if start is None:
                return None
            ya = start.year
        else:
            ya = _anchor_month(ma, pub, future)
        yb = ya if (mb, db or 0) >= (ma, da or 0) else ya + 1
    va = _point(_fmt_parts(ya, ma, da), None, False, a)
    vb = _point(_fmt_parts(yb, mb, db), None, False, b)
    if isinstance(va, DateValue) and isinstance(vb, DateValue):
        return _join(va, vb, text)
    return _NONE


def _fmt_parts(y, m, d) -> str:
    if d is not None and m is not None:
        return f"{y:04d}-{m:02d}-{d:02d}"
    if m is not None:
        return f"{_month_name(m)} {y:04d}"
    return f"{y:04d}"


def _month_name(m: int) -> str:
    return ("january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december")[m - 1]


def _join(va: DateValue, vb: DateValue, text: str):
    prec = min(va.precision, vb.precision, key=_PREC_RANK.__getitem__)
    a, b = _truncate(va.iso, prec), _truncate(vb.iso, prec)
    if a >= b:
        return None
    return DateValue(a, prec, text, b)


def _year_range(y1: int | None, y2: int | None, text: str):
    if y1 is None or y2 is None or not MIN_YEAR <= y2 <= MAX_YEAR or y1 >= y2:
        return None
    return DateValue(f"{y1:04d}", "year", text, f"{y2:04d}")


# --- fallback -----------------------------------------------------------------------------------
_PROBE_BASES = (_dt.datetime(2001, 6, 15), _dt.datetime(2017, 2, 10))


def _dateparser(text: str, s: str, pub: _dt.date | None, future: bool) -> DateValue | None:
    """dateparser for what the patterns do not cover, held to the precision the words carry.

    Without a publication date it is asked twice from two far-apart bases, and only an answer that
    does not move with the base (an absolute date) is taken.
    """
    if (not _ANY_CUE.search(s) or _RE_ONLY_NUM.match(s) or _RE_DURATION.search(s)
            or len(s) > _MAX_TEXT):
        return None
    written_years = {int(y) for y in _YEAR_CUE.findall(s)}
    if any(not MIN_YEAR <= y <= MAX_YEAR for y in written_years):
        return None
    evidence = ("day" if _DAY_CUE.search(s) else "month" if _MONTH_CUE.search(s)
                else "year" if _YEAR_CUE.search(s) else None)
    if evidence is None:
        return None
    try:
        bases = _PROBE_BASES if pub is None else (_dt.datetime(pub.year, pub.month, pub.day),)
        found = set()
        for base in bases:
            dd = _parse_with_dateparser(s, base, future)
            if dd is None:
                return None
            found.add(dd)
    except Exception:  # dateparser raises on odd input and extreme bases; that is "no date"
        return None
    if len(found) != 1:
        return None
    (d, period), = found
    prec = {"day": "day", "time": "day", "month": "month", "year": "year"}.get(period)
    if prec is None:  # week, quarter: not a point
        return None
    prec = min(prec, evidence, key=_PREC_RANK.__getitem__)
    # dateparser reads years into stray numbers ("July 28-30" -> 1930): the year must be written,
    # or be next to the publication year for a relative phrase
    if written_years:
        if d.year not in written_years:
            return None
    elif pub is None or abs(d.year - pub.year) > 1:
        return None
    return DateValue(_truncate(f"{d.year:04d}-{d.month:02d}-{d.day:02d}", prec), prec, text)


def _parse_with_dateparser(s: str, base: _dt.datetime, future: bool):
    from dateparser.date import DateDataParser  # slow to import: only when the patterns fail

    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "future" if future else "past",
        "STRICT_PARSING": False,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(s)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period


def load_dateparser() -> None:
    """Import dateparser and build its time-zone patterns now (about a second, once per process,
    otherwise spent in the first document whose date the patterns leave to it): for a worker
    process that loads the pipeline before it is given articles."""
    _parse_with_dateparser("the third of March", _dt.datetime(2000, 1, 1), False)


# --- entry points -------------------------------------------------------------------------------
@functools.lru_cache(maxsize=65536)
def _resolve(text: str, published: _dt.date | None, tense: str | None) -> DateValue | None:
    if len(text) > _MAX_TEXT:
        return None
    future = tense == "future"
    s = _normalise(text)
    if not s:
        return None
    r = _point(_strip_lead(s), published, future, text)
    if r is None:
        t = _TIME_OF_DAY.sub("", s)  # "Thursday night", "tomorrow morning"
        if t != s:
            r = _point(_strip_lead(t), published, future, text)
    if r is None:
        r = _range(_strip_lead_keep_range(s), published, future, text)
    if isinstance(r, DateValue):
        return r
    if r is _NONE:
        return None
    if span := find_year_range(text):  # "from 1999 until his death in 2013"
        return DateValue(f"{span[0]:04d}", "year", text, f"{span[1]:04d}")
    return _dateparser(text, _strip_lead(s), published, future)


def _strip_lead_keep_range(s: str) -> str:
    """Strip leading filler words but keep "from"/"between", which say how to split a range."""
    m = re.search(r"\b(?:from|between)\s", s)
    if m and not _strip_lead(s[: m.start()]).strip():
        return s[m.start():]
    return _strip_lead(s)


def resolve_date(text: str, published: _dt.date | None, *, tense: str | None = None) -> DateValue | None:
    """The date that ``text`` names in an article published on ``published``.

    ``tense`` ("past", "future" or None, see :func:`tense_of`) decides which way a bare weekday or
    month-day points; None reads like past, which is what news mostly reports. A weekday that is
    the publication weekday is the publication day whatever the tense ("last"/"next" move it a
    week). Without a publication date only absolute dates resolve. Returns None for anything that
    is not a single day, month, year or span of them; never raises.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    if isinstance(published, _dt.datetime):
        published = published.date()
    elif not isinstance(published, _dt.date):
        published = None
    tense = tense.lower() if isinstance(tense, str) else None
    return _resolve(text, published, tense if tense in ("past", "future") else None)


_YEAR_RANGE_PATTERNS = (
    # "from 1999 until his death from cancer in 2013", "from January 1999 to 2013"
    re.compile(r"\bfrom\s+(?:[a-z]+\s+){0,2}?(\d{4})\b(?:(?!\b\d{4}\b).){0,80}?"
               r"\b(?:until|till|to|through|thru|up to)\b(?:(?!\b\d{4}\b).){0,60}?\b(\d{4})\b",
               re.I | re.S),
    # "between 2001 and 2005"
    re.compile(r"\bbetween\s+(?:[a-z]+\s+){0,2}?(\d{4})\s+and\s+(?:[a-z]+\s+){0,2}?(\d{4})\b", re.I),
    # "1999-2013", "1999 - 2013", "1999–2013", "2019-20", "2019/20"; not a date "2009-11-05"
    re.compile(r"(?<![\d/-])(\d{4})\s*[-\u2013\u2014/]\s*(\d{4}|\d{2})(?![\d/-])"),
    # "1999 to 2013", "1999 until 2013"
    re.compile(r"(?<!\d)(\d{4})\s+(?:to|until|till|through|thru)\s+(\d{4})(?!\d)", re.I),
)


def find_year_range(text: str) -> tuple[int, int] | None:
    """The first span of years written in ``text``: (start, end) with start < end, both plausible."""
    if not isinstance(text, str):
        return None
    for pat in _YEAR_RANGE_PATTERNS:
        for m in pat.finditer(text):
            y1 = int(m[1])
            y2 = int(m[2]) if len(m[2]) == 4 else y1 // 100 * 100 + int(m[2])
            if MIN_YEAR <= y1 < y2 <= MAX_YEAR:
                return y1, y2
    return None


# --- days told relative to the story's own time ------------------------------------------------
# "the following day", "that day", "the day before": anaphora to the time the narrative is at,
# not to the day of writing; the caller resolves them against that reference date
_RE_ANAPHORIC_DAY = re.compile(
    r"^(?:on |by |in |during )?(?:the )?(?:(following|next|same|previous|preceding) day|(that) day|"
    r"day (before|after)|(following|next) morning|(that) (?:morning|afternoon|evening|night))$"
)
_ANAPHORIC_SHIFT = {"following": 1, "next": 1, "after": 1, "same": 0, "that": 0, "previous": -1,
                    "preceding": -1, "before": -1}


def anaphoric_day(text: str) -> int | None:
    """Days from the reference date that ``text`` names ("the following day" -> 1, "that day" -> 0,
    "the day before" -> -1), or None when it is not such a phrase."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    m = _RE_ANAPHORIC_DAY.match(_WS.sub(" ", text.strip().lower()).strip(" .,"))
    if m is None:
        return None
    word = next(g for g in m.groups() if g)
    return _ANAPHORIC_SHIFT[word]


def shift_day(ref: DateValue, days: int, text: str) -> DateValue | None:
    """``ref`` moved by ``days``: only a day-precision reference can move; a month or year one
    stays itself for "that day" and gives nothing finer than it for others."""
    if ref.precision != "day":
        return DateValue(ref.iso, ref.precision, text) if days == 0 else None
    d = _shift(_dt.date.fromisoformat(ref.iso), days)
    return _day_value(d, text) if d else None


# --- tense --------------------------------------------------------------------------------------
_FUTURE_AUX = FUTURE_AUXILIARIES
_FUTURE_HEADS = {"plan", "expect", "intend", "schedule", "set", "due", "slate", "aim", "prepare",
                 "poise"}
_HAVE = HAVE_AUXILIARIES


def tense_of(token) -> str | None:
    """"future", "past" or None for the verb (or event noun) a date hangs on.

    Future: an auxiliary will/shall, "going to", or a to-infinitive under a verb of planning
    ("expected to meet", "plans to visit"), or "is scheduled for". Past: a past-tense verb, a
    past participle with have ("has resigned") or with no auxiliary ("talks held Thursday"), or a
    past-tense auxiliary ("did not meet", "was held"). An event noun takes the tense of its verb.
    """
    if token is None:
        return None
    tok = token
    for _ in range(4):  # "attend the summit": a noun takes its governing verb's tense
        if tok.lower_ == "due":  # "due out in May", "due for release on Monday"
            return "future"
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            break
        if tok.head is tok:
            return None
        tok = tok.head
    else:
        return None
    if not (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
        return None
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if "to" in words and tok.dep_ in ("xcomp", "ccomp", "advcl", "acl"):
        head = tok.head
        if head.lemma_.lower() in _FUTURE_HEADS or head.lower_ in ("going", "due"):
            return "future"
    if "to" in words and tok.head.lemma_ == "be" and tok.dep_ in ("xcomp", "ccomp") and \
            not any(a.tag_ == "VBD" for a in tok.head.children if a.dep_ in ("aux", "auxpass")) and \
            tok.head.tag_ in ("VBZ", "VBP"):
        return "future"  # "Parliament is to remain closed through October 14"
    if tok.lower_ == "going" and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
                                     for c in tok.children):
        return "future"
    if any(a.tag_ == "VBD" for a in auxes):
        return "past"  # "did not meet", "was held", "were meeting", "had met"
    if tok.lemma_.lower() in _FUTURE_HEADS and tok.tag_ == "VBN" and auxes:
        return "future"  # "is scheduled for Monday", "has been set for July 28"
    if tok.tag_ == "VBN" and (words & _HAVE or not auxes):
        return "past"  # "has resigned", "had met", "the talks held Thursday"
    if tok.tag_ == "VBD":
        return "past"
    return None
