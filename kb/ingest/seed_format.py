"""One article as text: the seed markup format, plain text and Markdown, and publication dates.

The seed format is what a "save article as Markdown" tool produces (see
``tests/fixtures/readers/russia-venezuela-deals-2024-11-08.txt``)::

    # Title
    By [Source](...)
    November 08, 2024
    <photo caption>
    **Photographer / AGENCY**            <- bold credit: dropped with the caption above it
    body paragraphs ...
    **Related article:** [...](...)      <- dropped
    Original url:
    <https://...>                        <- becomes Article.url

Nothing here reads files, prints or raises on bad text: every function takes a string and
returns what it could make of it.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

__all__ = [
    "Article",
    "looks_marked",
    "normalise_text",
    "parse_date",
    "parse_marked_article",
    "parse_plain_article",
    "split_dateline",
    "strip_markdown",
]


@dataclass
class Article:
    text: str  # body text only, as will be stored and analysed
    title: str | None = None
    url: str | None = None
    published: datetime.date | None = None
    published_text: str | None = None  # the raw date words/string as given
    source: str | None = None  # byline / outlet
    origin: str = ""  # "path" or "path:LINE" (record position) for messages
    warnings: list[str] = field(default_factory=list)  # e.g. "not UTF-8; decoded as Windows-1252"
    # "en", "other" (not English: store the text, extract nothing) or "und" (too short to tell);
    # set by the readers (kb.ingest.language), None when the text has not been looked at
    language: str | None = field(default=None, compare=False)
    authors: str | None = None  # names as the page gives them, "; "-separated (web pages)
    fetched_at: datetime.datetime | None = None  # when it was fetched over HTTP (UTC)


# --------------------------------------------------------------------------------------------
# Dates

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?"
_TIME = (
    r"(?:,?\s*(?:at\s+)?(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d(?:\.\d+)?)?"
    r"(?:\s*[ap]\.?m\.?)?(?:\s*(?:z|utc|gmt|[a-z]{2,5}|[+-]\d{2}:?\d{2}))?)?"
)
_ISO_DATE = re.compile(
    r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"
    r"(?:[t ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?\s*(?:z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)
_MONTH_FIRST = re.compile(
    _WEEKDAY + r"([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + _TIME, re.IGNORECASE
)
_DAY_FIRST = re.compile(
    _WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})" + _TIME,
    re.IGNORECASE,
)


def _make_date(year: str, month: int | None, day: str) -> datetime.date | None:
    if month is None:
        return None
    try:
        return datetime.date(int(year), month, int(day))
    except ValueError:  # 2024-02-30, year 0000, month 13
        return None


def parse_date(text: str) -> datetime.date | None:
    """The calendar date that ``text`` names, or None.

    Reads ISO dates and timestamps ("2019-01-04", "2024-11-08T10:00:00Z"), "November 08, 2024",
    "Nov. 8, 2024", "Friday, January 4, 2019", "4 January 2019" and RFC 2822 stamps
    ("Fri, 08 Nov 2024 10:00:00 GMT"). The whole text must be the date: a day, a month and a year.
    Anything partial ("2019", "January 2019"), ambiguous ("01/04/2019") or impossible
    ("2024-02-30") gives None: a date is never guessed. A timestamp's date is taken as written,
    without shifting it to another time zone.
    """
    if not isinstance(text, str) or len(text) > 200:
        return None
    s = " ".join(text.split()).strip(" *_")
    if not s or len(s) > 80:
        return None
    m = _ISO_DATE.fullmatch(s)
    if m:
        return _make_date(m.group(1), int(m.group(3)), m.group(4))
    m = _MONTH_FIRST.fullmatch(s)
    if m:
        return _make_date(m.group(3), _MONTHS.get(m.group(1).lower()), m.group(2))
    m = _DAY_FIRST.fullmatch(s)
    if m:
        return _make_date(m.group(3), _MONTHS.get(m.group(2).lower()), m.group(1))
    return None


_FOUR_DIGITS = re.compile(r"\d{4}")
_DATE_PREFIX = re.compile(r"^(?:published|posted|updated|date|dated)\s*(?:on)?\s*:?\s*", re.IGNORECASE)


def _date_line(line: str) -> datetime.date | None:
    """The date of a stand-alone date line such as "November 08, 2024" or "Published: 2024-11-08"."""
    if len(line) > 100 or not _FOUR_DIGITS.search(line):
        return None
    return parse_date(_DATE_PREFIX.sub("", strip_markdown(line)))


# --------------------------------------------------------------------------------------------
# Text clean-up

_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """Line ends to LF, no trailing spaces, at most one blank line in a row, no outer blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip("\n").lstrip("\ufeff")


def split_dateline(text: str) -> tuple[str, str | None]:
    """Take a stand-alone date line off the front of a normalised body.

    Returns (rest, date line) when the first paragraph is a single line holding only a date
    (Wikinews texts start "Friday, January 4, 2019"), else (text, None).
    """
    first, sep, rest = text.partition("\n\n")
    if "\n" in first or not first.strip() or _date_line(first) is None:
        return text, None
    return rest.strip("\n"), first.strip()


_ESCAPABLE = "\\`*_{}[]()#+-.!>~|<"
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|<])")
# Every pattern below stops at the next opening delimiter, so a long paragraph full of unmatched
# marks costs linear time, not quadratic.
_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\([^()\n]*\)")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")
_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>", re.IGNORECASE)
_STRONG = re.compile(r"(?:\*\*(?=\S)((?:[^*\n]|\*(?!\*))*?\S)\*\*|__(?=\S)((?:[^_\n]|_(?!_))*?\S)__)")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^\n*]*?[^\s*])\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])([^\n_]*?[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)((?:[^~\n]|~(?!~))*?\S)~~")
_CODE = re.compile(r"`([^`\n]+)`")
_MARKUP_CHARS = re.compile(r"[\\`*_\[<~!]")
_PLACEHOLDER_BASE = 0xE000  # Unicode private use area, stands in for escaped characters
_PLACEHOLDERS = re.compile("[\uE000-\uE01F]")
_TO_PLACEHOLDER = {ch: chr(_PLACEHOLDER_BASE + i) for i, ch in enumerate(_ESCAPABLE)}
_FROM_PLACEHOLDER = str.maketrans({v: k for k, v in _TO_PLACEHOLDER.items()})


def strip_markdown(text: str) -> str:
    """Inline Markdown to plain words: links keep their text, emphasis and code marks go.

    Backslash escapes ("\\*") are honoured: the escaped character stays, unformatted.
    """
    if not _MARKUP_CHARS.search(text):
        return text
    use_placeholders = not _PLACEHOLDERS.search(text)
    if use_placeholders:
        text = _ESCAPE.sub(lambda m: _TO_PLACEHOLDER[m.group(1)], text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    for _ in range(3):  # nested emphasis: ***both***, **_mixed_**
        before = text
        text = _STRONG.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
        text = _EM_STAR.sub(r"\1", text)
        text = _EM_UNDER.sub(r"\1", text)
        text = _STRIKE.sub(r"\1", text)
        if text == before:
            break
    if use_placeholders:
        return text.translate(_FROM_PLACEHOLDER)
    return _ESCAPE.sub(r"\1", text)


# --------------------------------------------------------------------------------------------
# The seed markup

_HEADING = re.compile(r"^(#{1,6})[ \t]+(\S.*)$")
_BYLINE = re.compile(r"^\s*(?:\*\*|__)?by\s*(?:\*\*|__)?\s*:?\s+(.{1,120}?)\s*$", re.IGNORECASE)
_BYLINE_LINK = re.compile(r"^\s*by\s+\[[^\]\n]+\]\([^)\n]*\)\s*$", re.IGNORECASE | re.MULTILINE)
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?=\S)(.+?)(?<=\S)(?:\*\*|__)\s*$")
_CREDIT_WORDS = re.compile(r"\b(?:photo|photos|photograph|credit|getty|reuters)\b", re.IGNORECASE)
_CREDIT_AGENCIES = re.compile(r"\b(?:AP|AFP)\b")
_RELATED = re.compile(
    r"^\s*(?:\*\*|__)?\s*(?:related(?:\s+(?:article|articles|story|stories|content|reading))?|"
    r"read\s+(?:more|also)|see\s+also|also\s+read|more\s+on\s+this)\s*:?\s*(?:\*\*|__)?\s*:?",
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"^\s*(?:\*\*|__)?\s*(?:original|source|canonical)\s+(?:url|link|address)\s*:?\s*(?:\*\*|__)?\s*:?\s*(.*)$",
    re.IGNORECASE,
)
_URL_IN_ANGLES = re.compile(r"<\s*([a-z][a-z0-9+.-]*:[^>\s]+)\s*>", re.IGNORECASE)
_URL_IN_LINK = re.compile(r"\[[^\]\n]*\]\(\s*([a-z][a-z0-9+.-]*:[^)\s]+)[^)]*\)", re.IGNORECASE)
_BARE_URL = re.compile(r"((?:https?|ftp)://\S+)", re.IGNORECASE)
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_IMAGE_ONLY = re.compile(r"^\s*(?:!\[[^\]\n]*\]\([^)\n]*\)\s*)+$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE_MARK = re.compile(r"^\s*>\s?")

_CAPTION_MAX_CHARS = 300  # a "short paragraph" that a photo credit line can follow
_HEADER_BLOCKS = 4  # byline and date are looked for only this near the top


def looks_marked(text: str) -> bool:
    """True when text carries the seed markup (a linked byline, photo credits, an original url…)."""
    for line in text.split("\n"):
        line = line.strip()
        if not line or len(line) > 2000:
            continue
        if (
            _BYLINE_LINK.match(line)
            or _is_credit(line)
            or _is_related(line)
            or (_FOOTER.match(line) is not None and line.lstrip("*_ ").lower().startswith("original"))
        ):
            return True
    return False


def _is_credit(block: str) -> bool:
    """A whole-line bold photo credit: "**Alexandr Kryazhev / POOL / TASS**", "**Photo: Reuters**"."""
    if "\n" in block or len(block) > 300:
        return False
    m = _BOLD_LINE.match(block)
    if not m:
        return False
    inner = m.group(1)
    if "**" in inner or len(inner) > 200:  # "**Related article:** [x](y)" is two bold runs
        return False
    return "/" in inner or bool(_CREDIT_WORDS.search(inner)) or bool(_CREDIT_AGENCIES.search(inner))


def _is_related(block: str) -> bool:
    if "\n" in block or len(block) > 2000:
        return False
    m = _RELATED.match(block)
    if not m:
        return False
    stripped = block.lstrip()
    bold_label = stripped.startswith(("**", "__"))
    return bold_label or "](" in block or bool(_BARE_URL.search(block[m.end():]))


def _url_from(text: str) -> str | None:
    for pattern in (_URL_IN_ANGLES, _URL_IN_LINK, _BARE_URL):
        m = pattern.search(text)
        if m:
            return m.group(1).rstrip(".,;")
    return None


def _byline_source(block: str) -> str | None:
    """"By [AFP](#)" -> "AFP"; "By Jane Doe, Reuters" -> "Jane Doe, Reuters"; else None."""
    if "\n" in block or len(block) > 200:
        return None
    m = _BYLINE.match(block)
    if not m:
        return None
    raw = m.group(1)
    if raw.rstrip("*_ ").endswith((".", "!", "?", ":", ";")):  # "By Tuesday the storm had passed."
        return None
    name = strip_markdown(raw).strip(" *_|,-—")
    if not name or len(name) > 100 or not (name[0].isupper() or name[0].isdigit()):
        return None
    return name


def _blocks(lines: list[str]) -> list[str]:
    """Blank-line separated blocks, each with its lines joined by "\\n"."""
    blocks: list[str] = []
    current: list[str] = []
    for line in lines:
        line = line.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def _paragraph_text(block: str) -> str:
    """One Markdown block as plain text: soft line breaks become spaces, list items keep theirs."""
    lines = [_QUOTE_MARK.sub("", line) for line in block.split("\n")]
    lines = [line.strip() for line in lines if line.strip()]
    heading = _HEADING.match(lines[0]) if len(lines) == 1 else None
    if heading:
        lines = [_heading_text(heading)]
    if len(lines) > 1 and all(_LIST_ITEM.match(line) for line in lines):
        text = "\n".join(lines)
    else:
        text = " ".join(lines)
    return " ".join(strip_markdown(text).split(" ")).strip()


def _heading_text(m: re.Match[str]) -> str:
    """ "## Sub ##" -> "Sub": the heading words without closing hashes."""
    text = m.group(2).rstrip()
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1] in " \t"):
        text = closed.rstrip()
    return text


def _take_title(lines: list[str]) -> tuple[str | None, list[str]]:
    """The "# Heading" on the first non-blank line, and the lines after it."""
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        m = _HEADING.match(line)
        if m and len(m.group(1)) == 1 and _heading_text(m):
            return strip_markdown(_heading_text(m)).strip() or None, lines[i + 1:]
        return None, lines
    return None, lines


def parse_marked_article(text: str, origin: str) -> Article:
    """Read one article in the seed markup (or any Markdown article) into an Article.

    Recognised anywhere in the text: a first-line "# Title"; near the top a byline
    ("By [AFP](#)", "By Jane Doe") and a date line; photo captions (a short paragraph) followed
    by a bold credit line, both dropped; "**Related article:** [...](...)" lines, images and
    rules, dropped; an "Original url:" footer whose address becomes the url. Body paragraphs lose
    their Markdown (link text kept) and are joined with a blank line. Never raises; text with
    none of the markers becomes a body (and maybe a title) with its Markdown removed.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    article = Article(text="", origin=origin)
    title, lines = _take_title(normalise_text(text).split("\n"))
    article.title = title

    body: list[str] = []
    last_body_block = -1  # index (into blocks) of the block that produced body[-1]
    expect_url = False
    blocks = _blocks(lines)
    for index, block in enumerate(blocks):
        near_top = index < _HEADER_BLOCKS and len(body) <= 1

        if expect_url:
            expect_url = False
            url = _url_from(block) if "\n" not in block and len(block) < 4000 else None
            if url and len(block.strip()) <= len(url) + 4:
                article.url = article.url or url
                continue

        footer = _FOOTER.match(block) if "\n" not in block and len(block) < 4000 else None
        if footer:
            url = _url_from(footer.group(1))
            if url:
                article.url = article.url or url
            elif not footer.group(1).strip():
                expect_url = True
            if url or expect_url:
                continue

        if _is_credit(block):
            if body and last_body_block == index - 1 and len(body[-1]) <= _CAPTION_MAX_CHARS:
                body.pop()  # the photo caption just above the credit
            last_body_block = -1
            continue

        if _is_related(block) or _RULE.match(block) or _IMAGE_ONLY.match(block):
            continue

        if near_top and article.source is None and not body:
            source = _byline_source(block)
            if source:
                article.source = source
                continue

        if near_top and article.published_text is None and "\n" not in block:
            date = _date_line(block)
            if date is not None:
                article.published = date
                article.published_text = strip_markdown(block).strip()
                continue

        paragraph = _paragraph_text(block)
        if paragraph:
            body.append(paragraph)
            last_body_block = index

    article.text = "\n\n".join(body)
    return article


def parse_plain_article(text: str, origin: str) -> Article:
    """Plain text: all of it is the body, but a first-line "# Heading" becomes the title and a
    stand-alone date line at the top becomes the publication date."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    title, lines = _take_title(normalise_text(text).split("\n"))
    body, date_text = split_dateline("\n".join(lines).strip("\n"))
    article = Article(text=body, title=title, origin=origin)
    if date_text is not None:
        article.published = _date_line(date_text)
        article.published_text = date_text
    return article
