"""Pardons and commutations, candidates ending their campaigns, and displeasure voiced (issue 13,
kind 5: events the rules missed on the tune articles). Each rule follows the PLOVER manual:
"formal pardons, acquittals, and amnesties of arrested persons should be coded as CONCEDE";
RETREAT "also covers resignations", and a candidate leaving a race withdraws from it;
ACCUSE covers criticism and "express disapproval". Every sentence is invented."""
import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow


def by_type(text):
    events, ents, _ = run(text)
    return {e.type: e for e in events}, events, ents


@pytest.mark.parametrize("text", [
    "On Tuesday, Governor Marta Silva issued four pardons and two commutations.",
    "Governor Marta Silva granted clemency to Ivan Petrov on Friday.",
])
def test_pardons_and_clemency_named_as_nouns_concede(text):
    got, events, ents = by_type(text)
    assert "CONCEDE" in got, summary(events, ents)
    assert "Marta Silva" in names(ents, got["CONCEDE"].actors)


def test_commuting_a_sentence_concedes_to_the_prisoner():
    got, events, ents = by_type("Governor Marta Silva commuted the sentence of Ivan Petrov on Friday.")
    assert "CONCEDE" in got, summary(events, ents)
    assert "Ivan Petrov" in names(ents, got["CONCEDE"].recipients)


def test_commuting_to_work_is_no_event():
    got, events, ents = by_type("Ivan Petrov commuted to work by train every day.")
    assert "CONCEDE" not in got, summary(events, ents)


@pytest.mark.parametrize("text", [
    "Senator Ivan Petrov suspended his presidential campaign on Wednesday.",
    "Senator Ivan Petrov ended his presidential bid on Wednesday.",
])
def test_a_candidate_ending_a_campaign_retreats(text):
    got, events, ents = by_type(text)
    assert "RETREAT" in got, summary(events, ents)
    assert "Ivan Petrov" in names(ents, got["RETREAT"].actors)


@pytest.mark.parametrize("text", [
    "The football league suspended its season on Wednesday.",
    "The festival ended its run on Sunday.",
])
def test_ending_a_season_or_a_run_is_no_retreat(text):
    got, events, ents = by_type(text)
    assert "RETREAT" not in got, summary(events, ents)


@pytest.mark.parametrize("noun", ["outrage", "disappointment", "dismay"])
def test_expressing_displeasure_accuses(noun):
    got, events, ents = by_type(f"Senator Marta Silva expressed {noun} at the court's decision.")
    assert "ACCUSE" in got, summary(events, ents)
    assert "Marta Silva" in names(ents, got["ACCUSE"].actors)


def test_expressing_condolences_stays_support():
    got, events, ents = by_type("Senator Marta Silva expressed condolences to the families of the miners.")
    assert "SUPPORT" in got and "ACCUSE" not in got, summary(events, ents)


@pytest.mark.parametrize("text, kind", [
    ("Ivan Petrov pleaded guilty to fraud charges on Monday.", "CONCEDE"),
    ("In 1990, Ivan Petrov pled guilty to securities fraud.", "CONCEDE"),
    ("Ivan Petrov pleaded not guilty to fraud charges on Monday.", "REJECT"),
    ("Ivan Petrov pleaded innocent to fraud charges on Monday.", "REJECT"),
])
def test_a_plea_admits_or_denies_the_charge(text, kind):
    # a guilty plea admits the wrong (a concession, as the manual's admissions and apologies are);
    # a plea of not guilty or innocent rejects the accusation
    got, events, ents = by_type(text)
    assert list(got) == [kind], summary(events, ents)
    assert "Ivan Petrov" in names(ents, got[kind].actors)
