"""Each plot kind in each format from the bundled samples, checked for what a reader sees: the
axis labels, legend and title words in the SVG, a real picture in the PNG, and an HTML page that
holds its data and fetches nothing."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from clikit import kb
from kb.plot import QUAD_NAMES, map_data, network_data, timeline_data
from kb.store.db import open_database, session_scope
from kb.store.queries import EventFilter

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
KINDS = ("timeline", "network", "map")

pytestmark = pytest.mark.slow

# words a reader needs on each kind of plot (axis labels, legend titles)
EXPECTED_WORDS = {
    "timeline": ["Events per month", "Events", "Month", "quad class"],
    "network": ["Who acts on whom", "country (node size: events)", "by quad class"],
    "map": ["Where events happened", "Longitude", "Latitude", "main event type", "events at the place"],
}


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('plots') / 'kb.sqlite'}"
    res = kb("ingest", str(SAMPLES), db=url)
    assert res.exit_code == 0, res.output
    return url


@pytest.fixture(scope="module")
def data(samples_db):
    with session_scope(open_database(samples_db)) as s:
        return {"timeline": timeline_data(s, EventFilter()), "network": network_data(s, EventFilter()),
                "map": map_data(s, EventFilter())}


def _plot(samples_db, tmp_path, kind, ext, *args):
    out = tmp_path / f"{kind}{ext}"
    res = kb("plot", kind, "-o", str(out), *args, db=samples_db)
    assert res.exit_code == 0, res.output
    return out


def _svg_words(svg: str) -> str:
    # matplotlib writes each text as a <text> element (svg.fonttype none); entities unescaped
    import html

    return " ".join(html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S))


@pytest.mark.parametrize("kind", KINDS)
def test_svg_has_the_title_axis_labels_and_legend(samples_db, tmp_path, data, kind):
    words = _svg_words(_plot(samples_db, tmp_path, kind, ".svg").read_text(encoding="utf-8"))
    for w in EXPECTED_WORDS[kind]:
        assert w in words, w
    if kind == "timeline":
        assert any(QUAD_NAMES[q] in words for q in (1, 2, 3, 4))
        assert any(p[:4] in words for p in data["timeline"].periods)  # years on the date axis
    elif kind == "network":
        for node in data["network"].nodes:
            assert node["name"] in words  # every actor is labelled
    else:
        assert data["map"].points[0]["name"] in words  # the busiest place is labelled
        assert data["map"].points[0]["type"] in words


@pytest.mark.parametrize("kind", KINDS)
def test_png_is_a_real_picture(samples_db, tmp_path, kind):
    import numpy as np
    from matplotlib.image import imread

    path = _plot(samples_db, tmp_path, kind, ".png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = imread(path)
    assert pixels.shape[0] > 500 and pixels.shape[1] > 1000
    # not blank: a good share of the pixels is drawn (not the white background); the samples'
    # timeline draws about 5% (4.97% once "hosted The Doris Day Show" stopped being a CONSULT)
    drawn = (pixels[..., :3] < 0.95).any(axis=-1).mean()
    assert drawn > 0.04, drawn
    assert len(np.unique(pixels.reshape(-1, pixels.shape[-1])[::7], axis=0)) > 20  # colours, not a flat fill


class _Fetches(HTMLParser):
    """Every resource the page would load: src, link href, CSS url() and @import."""

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.loads.append(attrs["href"])
        for key in ("href", "xlink:href"):
            if tag in ("image", "use", "script") and attrs.get(key):
                self.loads.append(attrs[key])


def external_loads(page: str) -> list[str]:
    parser = _Fetches()
    parser.feed(page)
    loads = [u for u in parser.loads if not u.startswith(("#", "data:"))]
    loads += re.findall(r"url\(\s*['\"]?(?!#|data:)([^)'\"]+)", page)
    loads += re.findall(r"@import", page)
    return loads


@pytest.mark.parametrize("kind", KINDS)
def test_html_is_self_contained_and_holds_the_data(samples_db, tmp_path, data, kind):
    page = _plot(samples_db, tmp_path, kind, ".html").read_text(encoding="utf-8")
    assert external_loads(page) == []
    assert "<svg" in page
    island = re.search(r'<script type="application/json" id="kb-data">(.*?)</script>', page, re.S)
    held = json.loads(island.group(1))
    if kind == "timeline":
        assert held["periods"] == data["timeline"].periods and held["series"] == data["timeline"].series
        assert f"<td>{data['timeline'].periods[0]}</td>" in page  # the table a reader sees
    elif kind == "network":
        assert [n["name"] for n in held["nodes"]] == [n["name"] for n in data["network"].nodes]
        assert sum(e["events"] for e in held["edges"]) == sum(e["events"] for e in data["network"].edges) > 0
    else:
        assert [(p["name"], p["events"]) for p in held["points"]] == \
            [(p["name"], p["events"]) for p in data["map"].points]
        assert len(held["points"]) > 0


def test_a_filter_narrows_the_picture(samples_db, data):
    with session_scope(open_database(samples_db)) as s:
        venezuela = timeline_data(s, EventFilter(country="VEN"))
        agree = timeline_data(s, EventFilter(type="AGREE"), by="type", period="week")
    assert 0 < venezuela.total < data["timeline"].total
    assert list(agree.series) == ["AGREE"] and all(p[5] == "W" for p in agree.periods)


def test_bad_output_names_are_one_line_errors(samples_db, tmp_path):
    res = kb("plot", "map", "-o", str(tmp_path / "map.jpg"), db=samples_db)
    assert res.exit_code == 1 and "must end in .png, .svg, .html" in res.output
    res = kb("plot", "map", "-o", str(tmp_path / "nowhere" / "map.png"), db=samples_db)
    assert res.exit_code == 1 and "no folder" in res.output
