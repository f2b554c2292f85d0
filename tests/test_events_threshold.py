"""Listings show events at or above the documented confidence threshold; --min-confidence and
--all change it, JSON keeps each event's confidence."""
from __future__ import annotations

from pathlib import Path

import pytest

from clikit import kb, kb_json

from kb.nlp.events.confidence import DEFAULT_MIN_CONFIDENCE

SEED = Path(__file__).parent / "fixtures" / "readers" / "russia-venezuela-deals-2024-11-08.txt"


@pytest.fixture(scope="module")
def seeded(module_db_url):
    res = kb("ingest", str(SEED), db=module_db_url)
    assert res.exit_code == 0, res.output
    return module_db_url


def test_default_listing_holds_only_events_at_the_threshold(seeded):
    every = kb_json("events", "--all", db=seeded)
    shown = kb_json("events", db=seeded)
    assert all(e["confidence"] >= DEFAULT_MIN_CONFIDENCE for e in shown)
    assert {e["id"] for e in shown} == {e["id"] for e in every if e["confidence"] >= DEFAULT_MIN_CONFIDENCE}
    # the seed holds weaker events too, or this test could not fail
    assert len(every) > len(shown)


def test_min_confidence_option(seeded):
    every = kb_json("events", "--all", db=seeded)
    low = min(e["confidence"] for e in every)
    assert len(kb_json("events", "--min-confidence", str(low), db=seeded)) == len(every)
    assert kb_json("events", "--min-confidence", "1", db=seeded) == []


def test_min_confidence_out_of_range_is_one_line_error(seeded):
    res = kb("events", "--min-confidence", "2", db=seeded)
    assert res.exit_code != 0 and "--min-confidence" in res.output


def test_ask_uses_the_threshold_and_all(seeded):
    q = "agreements signed by Venezuela"
    every = kb_json("ask", q, "--all", db=seeded)["results"]
    shown = kb_json("ask", q, db=seeded)["results"]
    # an answer may also hold sentences the full-text search found; the threshold is for events
    events = [e for e in shown if e.get("kind", "event") == "event"]
    assert events and all(e["confidence"] >= DEFAULT_MIN_CONFIDENCE for e in events)
    assert len(every) >= len(shown)
