"""Negated, hypothetical and announced events, and how PLOVER codes announcements."""
import pytest

from eventkit import run, summary

pytestmark = pytest.mark.slow


def only(text):
    events, ents, _ = run(text)
    assert len(events) == 1, summary(events, ents)
    return events[0]


def test_negation_is_kept_on_the_event():
    ev = only("Israel did not attack Iran.")
    assert (ev.type, ev.negated) == ("ASSAULT", True)


def test_announced_aid_is_agree():
    ev = only("The United States will send humanitarian aid to Syria.")
    assert ev.type == "AGREE"
    assert ev.future


def test_announced_coercion_is_threaten():
    ev = only("The government announced that it is prepared to impose martial law.")
    assert (ev.type, ev.mode) == ("THREATEN", "martial-law")
    assert ev.hypothetical


def test_plans_to_sanction_is_threaten():
    ev = only("Greece plans to impose restrictions on imports.")
    assert ev.type == "THREATEN"


def test_will_not_accept_is_reject():
    ev = only("Syria says it will not accept any more refugees.")
    assert ev.type == "REJECT"


def test_refused_to_is_reject_not_negation():
    ev = only("Pakistan refused to send troops to Iraq.")
    assert (ev.type, ev.negated) == ("REJECT", False)


def test_would_is_hypothetical():
    ev = only("The rebels said they would meet the mediator.")
    assert ev.type == "AGREE"
    assert ev.hypothetical


def test_failed_to_negates():
    ev = only("The army failed to capture the town.")
    assert ev.type == "ASSAULT"
    assert ev.negated


def test_conditional_threat():
    ev = only("Nigeria will withdraw its peacekeepers from Chad unless a ceasefire is arranged.")
    assert ev.type == "THREATEN"


def test_confidence_is_lower_for_hypothetical_and_bare_nouns():
    done = only("Britain praised Jordan.")
    maybe = only("Britain said it would praise Jordan.")  # a bare "would praise" is no event
    assert 0 <= maybe.confidence < done.confidence <= 1
    events, _, _ = run("Widespread protests broke out.")
    assert events[0].confidence < done.confidence


def test_upcoming_election_is_not_an_election_event():
    events, ents, _ = run("The opposition will take part in the upcoming election.")
    assert "ELECTION" not in {e.type for e in events}, summary(events, ents)


@pytest.mark.parametrize("text", ["Russia could try to seize the port.",
                                  "The council would consider expelling the envoy."])
def test_a_modal_scopes_over_the_complement_of_its_verb(text):
    # the open complement has no modal of its own: "could try to seize" seizes nothing yet
    events, ents, _ = run(text)
    assert events and all(e.hypothetical for e in events), summary(events, ents)


@pytest.mark.parametrize("text", [
    "The governor announced he would resign leadership of the party.",
    "The prime minister will resign next week.",
])
def test_an_announced_resignation_is_the_retreat(text):
    # the office-holder's own word that he leaves is the resignation (PLOVER dev: "will resign" RETREAT)
    events, ents, _ = run(text)
    assert [e.type for e in events] == ["RETREAT"], summary(events, ents)


@pytest.mark.parametrize("text", [
    "The minister said he would resign if the bill failed.",  # a condition: an offer
    "The president agreed to resign.",  # an agreement to resign is AGREE
])
def test_a_conditional_or_agreed_resignation_stays_agree(text):
    events, ents, _ = run(text)
    assert [e.type for e in events] == ["AGREE"], summary(events, ents)
