"""Arbitrary text into the parsers that take user input: they return, or refuse in the
documented way, and never raise anything else."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = settings(max_examples=50, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# pieces of the seed markup, Markdown, HTML, dates and SQL, so that examples hit the branches
MARKUP = ["# ", "## ", "**", "__", "*", "_", "[", "](", ")", "<", ">", "![x](y)", "By [AFP](#)", "By Jane Doe",
          "**Photo: Reuters**", "**A / B / TASS**", "**Related article:** [x](https://y)", "Original url:",
          "<https://example.org/a>", "---", "> ", "- ", "1. ", "\\*", "`", "~~", "\n", "\n\n", "\r\n", " ", "\t",
          "November 08, 2024", "2024-02-30", "Friday, January 4, 2019", "Published: 2024-11-08", "\ufeff", "\x00",
          "\u200b", "\ud800", "Café", "Мадуро", "北京", "🙂", "'; DROP TABLE events; --", "%", "\\", "{", "}",
          '"text": ', "<p>", "</p>", "<script>", "<nav>", "<div class='share'>", "</div>", "&amp;", "&#0;"]
markupish = st.lists(st.sampled_from(MARKUP) | st.text(max_size=12), max_size=30).map("".join)
any_text = st.one_of(st.text(max_size=300), markupish)


@SETTINGS
@given(any_text)
def test_parse_marked_article_never_raises(text):
    from kb.ingest.seed_format import Article, parse_marked_article, parse_plain_article

    for parse in (parse_marked_article, parse_plain_article):
        article = parse(text, "x.md")
        assert isinstance(article, Article) and isinstance(article.text, str)
        assert article.published is None or isinstance(article.published, dt.date)
        if article.published is not None:
            assert article.published_text  # a date is only ever read from text that is kept


@SETTINGS
@given(st.binary(max_size=400) | markupish.map(lambda s: s.encode("utf-8", "surrogatepass")),
       st.sampled_from([".txt", ".md", ".jsonl", ".csv", ".html", ""]))
def test_any_file_gives_articles_or_named_errors(content, suffix):
    """Whatever the bytes, reading gives Articles ready to store, or InputErrors naming the file."""
    from kb.errors import InputError
    from kb.ingest.readers import Article, read_path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(content)
        for item in read_path(path):
            if isinstance(item, InputError):
                assert str(item).startswith(str(path)) and "\n" not in str(item)
                continue
            assert isinstance(item, Article) and item.text.strip()
            assert item.language in ("en", "other", "und")
            for value in (item.text, item.title, item.url, item.source, item.published_text):
                if value is not None:
                    value.encode("utf-8")  # no lone surrogates
                    assert "\x00" not in value
            assert item.published_text is None or len(item.published_text) <= 128


dates_text = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(["on", "last", "next", "Monday", "March", "2024", "1e9", "99999999999", "days", "ago",
                              "years", "-", "/", "'", "\x00", "\ud800", "31", "0", "Q3", "1990s", "mid-", "early"]),
             max_size=8).map(" ".join),
)


@SETTINGS
@given(dates_text, st.one_of(st.none(), st.dates()), st.sampled_from([None, "past", "future", "present"]))
def test_date_resolution_never_raises(text, published, tense):
    from kb.ingest.seed_format import parse_date
    from kb.nlp.dates import resolve_date
    from kb.records import DateValue

    value = resolve_date(text, published, tense=tense)
    assert value is None or isinstance(value, DateValue)
    day = parse_date(text)
    assert day is None or isinstance(day, dt.date)


@pytest.fixture(scope="module")
def question_db(tmp_path_factory):
    """A small SQLite knowledge base: the seed article and two Wikinews articles."""
    from clikit import kb
    from kb.store.db import open_database
    from tests_data import seed_article, wikinews_sample

    url = f"sqlite:///{tmp_path_factory.mktemp('ask') / 'kb.sqlite'}"
    res = kb("ingest", str(seed_article()), str(wikinews_sample()), db=url)
    assert res.exit_code == 0, res.output
    engine = open_database(url)
    with engine.connect() as conn:  # real names for the questions to find
        assert conn.exec_driver_sql("SELECT count(*) FROM entities").scalar() > 10
    yield engine
    engine.dispose()


QUESTION_WORDS = ["who", "what", "when", "where", "how", "many", "did", "is", "the", "president", "of", "in", "by",
                  "with", "between", "and", "since", "before", "last", "week", "month", "year", "2024", "1999",
                  "November", "agreements", "signed", "met", "said", "say", "about", "protests", "Venezuela",
                  "Russia", "Dmitry", "Chernyshenko", "Maduro", "Moscow", "Caracas", "US", "WHO", "people",
                  "which", "?", "'", "’s", "%", "_", "\\", "'; DROP TABLE events; --", "Пу́тин", "🙂", "\u202e"]
questions = st.one_of(st.text(max_size=200),
                      st.lists(st.sampled_from(QUESTION_WORDS), max_size=14).map(" ".join))


@SETTINGS
@given(questions)
def test_question_understanding_raises_only_question_not_understood(question_db, question):
    from kb.ask import QuestionNotUnderstood, understand
    from kb.errors import KBError
    from kb.store.db import session_scope

    with session_scope(question_db) as s:
        try:
            u = understand(s, question)
        except (QuestionNotUnderstood, KBError):
            return
    assert u.kind in {"events", "entity", "quotes", "people", "role_holder", "count", "when", "where"}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questions)
def test_answering_raises_only_question_not_understood(question_db, question):
    from kb.ask import answer
    from kb.errors import KBError
    from kb.store.db import session_scope

    with session_scope(question_db) as s:
        try:
            result = answer(s, question, limit=3)
        except KBError:
            return
    assert isinstance(result["results"], list)
