"""The seed markup format: parse_marked_article, and how .txt/.md files choose it."""
from __future__ import annotations

import datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.ingest.readers import Article, parse_marked_article, read_path

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
SEED = FIXTURES / "russia-venezuela-deals-2024-11-08.txt"
CAPTION = "Venezuelan president Nicolas Maduro and Russian Deputy Prime Minister Dmitry Chernyshenko."


def test_seed_article_fields():
    article = parse_marked_article(SEED.read_text(encoding="utf-8"), str(SEED))
    assert article.title == "Russia Signs Security, Energy Deals With Venezuela"
    assert article.source == "AFP"
    assert article.published == datetime.date(2024, 11, 8)
    assert article.published_text == "November 08, 2024"
    assert article.url == (
        "https://www.themoscowtimes.com/2024/11/08/russia-signs-security-energy-deals-with-venezuela-a86944"
    )
    assert article.origin == str(SEED)


def test_seed_article_body_is_only_the_story():
    text = parse_marked_article(SEED.read_text(encoding="utf-8"), "seed").text
    assert "17 agreements" in text
    for unwanted in ("Kryazhev", "Related article", CAPTION, "Original url", "themoscowtimes",
                     "November 08, 2024", "By ", "**", "](", "#"):
        assert unwanted not in text, unwanted
    assert text.startswith("Venezuela and its most powerful ally Russia signed agreements Thursday")
    assert text.endswith("output has dropped to around one million barrels.")
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 9
    assert all(p.strip() == p and p for p in paragraphs)


def test_seed_file_is_read_as_marked():
    [article] = list(read_path(SEED))
    assert isinstance(article, Article)
    assert article.source == "AFP" and "Kryazhev" not in article.text
    assert article.warnings == []


def test_general_markers_in_another_article():
    text = (
        "# Floods *hit* the [coast](https://example.org/coast)\n\n"
        "By [Reuters](https://reuters.com)\n\n"
        "2023-05-02\n\n"
        "![](photo.jpg)\n\n"
        "Rescuers on a flooded street\n\n"
        "**Photo: Jane Roe**\n\n"
        "Heavy rain *flooded* the [old town](https://example.org/old-town) on Monday,\n"
        "officials said.\n\n"
        "**Read more:** [Earlier floods](https://example.org/earlier)\n\n"
        "A man wearing a hat\n\n"
        "__John Smith / AP__\n\n"
        "Dozens of homes were evacuated.\n\n"
        "---\n\n"
        "Original URL: <https://example.org/floods>\n"
    )
    article = parse_marked_article(text, "floods.md")
    assert article.title == "Floods hit the coast"
    assert article.source == "Reuters"
    assert article.published == datetime.date(2023, 5, 2)
    assert article.url == "https://example.org/floods"
    assert article.text == (
        "Heavy rain flooded the old town on Monday, officials said.\n\n"
        "Dozens of homes were evacuated."
    )


def test_credit_without_caption_keeps_long_paragraph():
    long_paragraph = "The ministry said the talks would continue next week in the capital. " * 6
    text = f"{long_paragraph}\n\n**Ivan Petrov / TASS**\n\nMore text."
    article = parse_marked_article(text, "x")
    assert article.text == f"{long_paragraph.strip()}\n\nMore text."


def test_bold_subheading_is_not_a_credit():
    article = parse_marked_article("Intro text.\n\n**What happens next**\n\nMore text.", "x")
    assert article.text == "Intro text.\n\nWhat happens next\n\nMore text."


def test_plain_byline_and_body_that_starts_with_by():
    article = parse_marked_article("By Jane Doe\n\nJanuary 4, 2019\n\nBy Tuesday the storm had passed.", "x")
    assert article.source == "Jane Doe"
    assert article.text == "By Tuesday the storm had passed."
    article = parse_marked_article("By Tuesday the storm had passed.\n\nIt rained.", "x")
    assert article.source is None
    assert article.text.startswith("By Tuesday")


def test_markdown_escapes_and_lists():
    article = parse_marked_article("Prices rose 5 \\* 2 times; see `code` and snake_case_name.\n\n- one\n- two", "x")
    assert article.text == "Prices rose 5 * 2 times; see code and snake_case_name.\n\n- one\n- two"


def test_plain_txt_keeps_markup_and_uses_heading(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("# A Heading\n\nMonday, March 15, 2021\n\nSome *starred* words [sic] stay.\n", encoding="utf-8")
    [article] = list(read_path(path))
    assert article.title == "A Heading"
    assert article.published == datetime.date(2021, 3, 15)
    assert article.text == "Some *starred* words [sic] stay."


def test_plain_txt_without_heading_is_all_body(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("First line.\nSecond line.\n\n\n\nNext paragraph.  \n", encoding="utf-8")
    [article] = list(read_path(path))
    assert article.title is None and article.published is None
    assert article.text == "First line.\nSecond line.\n\nNext paragraph."


def test_markdown_file_loses_markup(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Title\n\nA **bold** [link](http://x.org) here.\n\n## Sub\n\nEnd.\n", encoding="utf-8")
    [article] = list(read_path(path))
    assert article.title == "Title"
    assert article.text == "A bold link here.\n\nSub\n\nEnd."


def test_title_only_is_an_error(tmp_path):
    path = tmp_path / "t.md"
    path.write_text("# Only a title\n\nNovember 08, 2024\n", encoding="utf-8")
    [error] = list(read_path(path))
    assert not isinstance(error, Article)
    assert error.path == str(path) and "no article text" in str(error)


_MARKUP = st.sampled_from(
    ["# ", "**", "__", "*", "_", "[", "](", ")", "<", ">", "\n", "\n\n", "By ", "Original url:",
     "**Related article:** ", "/", "![", "`", "\\", "November 08, 2024", "---", "\r\n", "\ufeff"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=40), _MARKUP), max_size=30).map("".join))
def test_parse_marked_article_never_raises(text):
    article = parse_marked_article(text, "fuzz")
    assert isinstance(article, Article)
    assert isinstance(article.text, str)
    assert "\r" not in article.text
