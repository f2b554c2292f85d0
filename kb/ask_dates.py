"""Time words of a question ("on 5 January 2020", "between March and May 2019", "last month") as
a range of ISO days, with a note saying how relative words were counted."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m and m.lower() != "may"})
MONTH_RE = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
YEAR_RE = r"((?:19|20)\d\d)"
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 5}
UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 31, "months": 31, "year": 366, "years": 366}


@dataclass
class DateRange:
    since: str | None = None  # first ISO day (or year/month prefix) the question allows
    until: str | None = None
    note: str | None = None
    spans: tuple[tuple[int, int], ...] = ()  # character spans of the question read as time words


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _year_for(month: int, ref: dt.date, day: int = 1) -> int:
    """A month named without a year: its latest occurrence not after the reference date."""
    return ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1


def read_dates(question: str, ref: dt.date, ref_note: str) -> DateRange:
    q = question.lower()
    spans: list[tuple[int, int]] = []

    def take(m: re.Match) -> None:
        spans.append(m.span())

    def out(since: dt.date | str | None, until: dt.date | str | None, note: str | None = None) -> DateRange:
        iso = lambda d: d.isoformat() if isinstance(d, dt.date) else d  # noqa: E731
        return DateRange(iso(since), iso(until), note, tuple(spans))

    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", q)
    if m:
        take(m)
        try:
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return out(None, None, f"{m[0]} is not a date")
        return out(day, day)
    m = re.search(rf"\bbetween\s+{MONTH_RE}(?:\s+{YEAR_RE})?\s+and\s+{MONTH_RE}(?:\s+{YEAR_RE})?", q)
    if m:
        take(m)
        m1, m2 = MONTHS[m[1]], MONTHS[m[3]]
        y2 = int(m[4]) if m[4] else (int(m[2]) if m[2] else _year_for(m2, ref))
        y1 = int(m[2]) if m[2] else (y2 if m1 <= m2 else y2 - 1)
        return out(dt.date(y1, m1, 1), _month_end(y2, m2))
    m = re.search(rf"\b(?:in\s+|during\s+)?the\s+(first|second|third|fourth|last|1st|2nd|3rd|4th)\s+week\s+of\s+{MONTH_RE}(?:\s+{YEAR_RE})?", q)
    if m:
        take(m)
        month = MONTHS[m[2]]
        year = int(m[3]) if m[3] else _year_for(month, ref)
        n = ORDINALS[m[1]]
        end = _month_end(year, month)
        if n == 5:
            return out(end - dt.timedelta(days=6), end)
        first = dt.date(year, month, 7 * (n - 1) + 1)
        return out(first, min(first + dt.timedelta(days=6), end))
    day_month = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_RE}(?:,?\s+{YEAR_RE})?", q)
    month_day = re.search(rf"\b{MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+{YEAR_RE})?", q)
    for m, d_i, m_i, y_i in ((day_month, 1, 2, 3), (month_day, 2, 1, 3)):
        if m:
            take(m)
            day, month = int(m[d_i]), MONTHS[m[m_i]]
            year = int(m[y_i]) if m[y_i] else _year_for(month, ref, day)
            try:
                d = dt.date(year, month, day)
            except ValueError:
                return out(None, None, f"{m[0]} is not a date")
            return out(d, d)
    m = re.search(rf"\b(in|since|after|from|before|until|till|during)?\s*{MONTH_RE}(?:\s+{YEAR_RE})?\b", q)
    if m and (m[1] or m[3]) and not (m[2] == "may" and not m[3] and m[1] not in {"in", "since", "during"}):
        take(m)
        month = MONTHS[m[2]]
        year = int(m[3]) if m[3] else _year_for(month, ref)
        first, last = dt.date(year, month, 1), _month_end(year, month)
        if m[1] in {"since", "after", "from"}:
            return out(first, None)
        if m[1] in {"before", "until", "till"}:
            return out(None, first - dt.timedelta(days=1))
        return out(first, last)
    m = re.search(rf"\b(since|after|from|before|until|till|in|during)?\s*{YEAR_RE}\b", q)
    if m:
        take(m)
        y = m[2]
        if m[1] in {"since", "from"}:
            return out(f"{y}-01-01", None)
        if m[1] == "after":
            return out(f"{int(y) + 1}-01-01", None)
        if m[1] in {"before"}:
            return out(None, f"{int(y) - 1}-12-31")
        if m[1] in {"until", "till"}:
            return out(None, f"{y}-12-31")
        return out(f"{y}-01-01", f"{y}-12-31")
    m = re.search(r"\b(yesterday|today)\b", q)
    if m:
        take(m)
        d = ref - dt.timedelta(days=1 if m[1] == "yesterday" else 0)
        return out(d, d, f"{m[1]}: {d.isoformat()}, {ref_note}")
    m = re.search(r"\b(?:in\s+)?(?:the\s+)?(last|past|this)\s+(?:(\d+)\s+)?(day|days|week|weeks|month|months|year|years)\b", q)
    if m:
        take(m)
        n = int(m[2]) if m[2] else 1
        days = UNITS[m[3]] * n
        since = ref - dt.timedelta(days=days)
        return out(since, ref, f"{m[0].strip()}: {since.isoformat()} to {ref.isoformat()}, {ref_note}")
    return out(None, None)


# a month named as a date ("October 1", "1 October", "in October"); "may" alone is a modal
YEARLESS_MONTH = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_RE}|{MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
                            rf"|(?:in|since|during|after|before|until)\s+{MONTH_RE}\b)", re.I)
RELATIVE = re.compile(r"\b(yesterday|today|(last|past|this)\s+(\d+\s+)?(day|week|month|year)s?)\b", re.I)


def reference_date(as_of: dt.date | None, newest: dt.date | None, question: str) -> tuple[dt.date, str]:
    """The day relative words count back from, and how it was chosen: ``--as-of``; else today;
    but a corpus whose newest dated article is older than the period asked about is read from
    that article's day (a knowledge base of old news has no 'now')."""
    if as_of:
        return as_of, f"counted back from --as-of {as_of.isoformat()}"
    today = dt.date.today()
    m = RELATIVE.search(question)
    if newest and newest < today and YEARLESS_MONTH.search(question) and not re.search(rf"\b{YEAR_RE}\b", question):
        # "on October 1": a month named without a year is its latest occurrence up to the
        # reference day; read from today, a corpus of 2019 news would be asked about October
        # of this year, of which it holds nothing; its latest occurrence the corpus can hold is
        # the one up to the newest article
        return newest, (f"a month without a year read up to the newest dated article ({newest.isoformat()}): "
                        f"the knowledge base holds nothing after it")
    if m and newest and newest < today:
        unit = (m[4] or m[1]).lower()
        n = int(m[3]) if m[3] else 1
        span = {"yesterday": 1, "today": 0, "day": 1, "week": 7, "month": 31, "year": 366}.get(unit, 31) * n
        if newest < today - dt.timedelta(days=span):
            return newest, (f"counted back from the newest dated article ({newest.isoformat()}): "
                            f"the knowledge base holds nothing after it")
    return today, f"counted back from today ({today.isoformat()})"
