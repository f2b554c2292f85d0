"""Choosing someone for a post on one's side (a running mate, a nominee, a successor) is an
endorsement (PLOVER SUPPORT: endorse, back); choosing a thing for a role is not. Every sentence
is invented."""
import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text", [
    "Senator Ann Wells picked Tom Reyes as her running mate.",
    "Senator Ann Wells announced Tom Reyes as her choice for running mate.",
])
def test_choosing_a_running_mate_is_support(text):
    events, ents, _ = run(text)
    assert [e.type for e in events] == ["SUPPORT"], summary(events, ents)
    assert [n for n in names(ents, events[0].recipients) if n.endswith("Reyes")], summary(events, ents)


def test_choosing_a_place_for_a_role_is_no_endorsement():
    events, ents, _ = run("The council picked the old stadium as the venue.")
    assert events == [], summary(events, ents)
