"""Dates, counts and places of events."""
import datetime as dt

import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow
PUB = dt.date(2024, 11, 8)  # a Friday


def only(text, published=PUB):
    events, ents, _ = run(text, published)
    assert len(events) == 1, summary(events, ents)
    return events[0], ents


def test_weekday_resolves_against_publication():
    ev, _ = only("Russia and Venezuela signed agreements Thursday.")
    assert ev.date.iso == "2024-11-07"


def test_on_date_prep():
    ev, _ = only("Rebels attacked the town on March 3, 2021.")
    assert ev.date.iso == "2021-03-03"


def test_in_year():
    ev, _ = only("Russian troops invaded Ukraine in 2022.")
    assert ev.date.iso == "2022"


def test_date_modifier_of_event_noun():
    ev, _ = only("Voters went to the polls in the July 28 election.")
    assert ev.type == "ELECTION"
    assert ev.date.iso == "2024-07-28"


def test_no_date():
    ev, _ = only("Britain praised Jordan.")
    assert ev.date is None


def test_count_on_event_noun():
    ev, _ = only("The two countries signed 17 agreements on Thursday.")
    assert ev.count == 17


def test_location_in_phrase():
    ev, ents = only("Police arrested three journalists in Moscow.")
    assert names(ents, [ev.location_key]) == {"Moscow"}


def test_location_of_a_visit():
    ev, ents = only("A Kremlin official paid a visit to Caracas.")
    assert ev.type == "CONSULT"
    assert names(ents, [ev.location_key]) == {"Caracas"}
    assert "Caracas" not in names(ents, ev.recipients)


def test_event_during_a_visit_shares_date_and_place():
    events, ents, _ = run("Venezuela and Russia signed agreements Thursday during a visit by a Kremlin "
                          "official to Caracas.", PUB)
    by_type = {e.type: e for e in events}
    assert set(by_type) == {"SUPPORT", "CONSULT"}, summary(events, ents)
    assert by_type["CONSULT"].date.iso == "2024-11-07"
    assert names(ents, [by_type["SUPPORT"].location_key]) == {"Caracas"}


def test_location_in_a_nested_phrase():
    ev, ents = only("Demonstrators rallied in the northern city of Kirkuk.")
    assert names(ents, [ev.location_key]) == {"Kirkuk"}
