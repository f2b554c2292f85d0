"""A cluster ingest cuts its input into chunks (line ranges of JSON-lines files, record ranges
of CSV files, groups of one-article files) read on the workers: read chunk by chunk, the input
must give exactly what the readers give for the whole files, with the same line numbers in
every message. No spaCy and no cluster here: the cutting and reading alone."""
from __future__ import annotations

import json

import pytest

from kb.errors import InputError
from kb.ingest.cluster import Chunk, plan_chunks, read_payload
from kb.ingest.readers import iter_articles

LIMIT = 1_000_000


def as_rows(items) -> list:
    out = []
    for item in items:
        if isinstance(item, InputError):
            out.append(("error", str(item)))
        else:
            out.append((item.origin, item.text, item.title, item.url, item.published, item.source,
                        tuple(item.warnings), item.language))
    return out


def chunked(paths, size: int) -> list:
    items = []
    for chunk in plan_chunks(paths, size, LIMIT):
        if isinstance(chunk, InputError):
            items.append(chunk)
        else:
            items.extend(read_payload(chunk.payload(LIMIT)))
    return items


def story(i: int) -> str:
    return f"Officials in Lima said on Monday that {i + 2} new schools would open. The plan was welcomed."


@pytest.fixture
def inputs(tmp_path):
    jsonl = tmp_path / "news.jsonl"
    lines = ["\ufeff" + json.dumps({"text": story(0), "url": "https://e.org/0", "date": "2024-01-02"})]
    for i in range(1, 9):
        lines.append(json.dumps({"text": story(i), "title": f"Story {i}"}))
        if i == 3:
            lines.append("")  # blank lines are skipped but still counted
            lines.append("{not json")
        if i == 6:
            lines.append("   ")
    jsonl.write_bytes(("\r\n".join(lines) + "\n\n\n").encode("utf-8"))
    csvf = tmp_path / "news.csv"
    rows = ['\n', 'title,text,date\n']
    for i in range(7):
        text = story(i).replace(". ", ".\n\n", 1) if i % 2 else story(i)  # a record over several lines
        rows.append(f'"T{i}","{text}",2023-05-0{i + 1}\n')
        if i == 2:
            rows.append('"only two",fields\n')
        if i == 4:
            rows.append('\n')
    csvf.write_bytes("".join(rows).encode("cp1252"))
    folder = tmp_path / "txt"
    folder.mkdir()
    for i in range(5):
        (folder / f"a{i}.txt").write_text(f"Title {i}\n\n{story(i)}", encoding="utf-8")
    (folder / "empty.md").write_text("   ", encoding="utf-8")
    return [str(jsonl), str(csvf), str(folder)]


@pytest.mark.parametrize("size", [1, 2, 3, 50])
def test_chunks_read_as_the_whole_files(inputs, size):
    whole = as_rows(iter_articles(inputs))
    assert len([r for r in whole if r[0] != "error"]) == 9 + 7 + 5
    assert as_rows(chunked(inputs, size)) == whole


def test_line_ranges_cover_the_file_without_overlap(inputs):
    for path in inputs[:2]:
        chunks = [c for c in plan_chunks([path], 2, LIMIT) if isinstance(c, Chunk)]
        assert len(chunks) > 2
        ends = [(c.start, c.end) for c in chunks]
        assert all(a[1] == b[0] for a, b in zip(ends, ends[1:]))
        with open(path, "rb") as fh:
            size = len(fh.read())
        assert ends[-1][1] == size and sum(c.articles for c in chunks) in (9 + 1, 7 + 1)


def test_unclosed_quote_and_bad_files_are_reported_as_a_plain_ingest_does(tmp_path):
    broken = tmp_path / "broken.csv"
    broken.write_text('text,url\n"one story of Lima",u1\n"two stories,u2\nthree,u3\n', encoding="utf-8")
    header_only = tmp_path / "header.csv"
    header_only.write_text("text,url\n\n", encoding="utf-8")
    no_text = tmp_path / "notext.csv"
    no_text.write_text("body,url\nx,y\n", encoding="utf-8")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    odd = tmp_path / "notes.doc"
    odd.write_text("x", encoding="utf-8")
    paths = [str(p) for p in (broken, header_only, no_text, empty, odd, tmp_path / "missing.jsonl")]
    whole = as_rows(iter_articles(paths))
    assert sum(1 for r in whole if r[0] == "error") == 6
    for size in (1, 2):
        # files that cannot be opened are reported while planning, before the grouped ones
        assert sorted(as_rows(chunked(paths, size)), key=repr) == sorted(whole, key=repr)


def test_standard_input_is_refused_by_name(tmp_path):
    [item] = list(plan_chunks(["-"], 4, LIMIT))
    assert isinstance(item, InputError) and "standard input" in str(item)


def test_a_file_without_a_suffix_is_sniffed_as_the_readers_do(tmp_path):
    piped = tmp_path / "news"
    piped.write_text("\n".join(json.dumps({"text": story(i)}) for i in range(5)) + "\n", encoding="utf-8")
    plain = tmp_path / "note"
    plain.write_text(story(9), encoding="utf-8")
    paths = [str(piped), str(plain)]
    assert [c.kind for c in plan_chunks(paths, 2, LIMIT)] == ["jsonl", "jsonl", "jsonl", "files"]
    assert as_rows(chunked(paths, 2)) == as_rows(iter_articles(paths))
