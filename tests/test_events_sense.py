"""Which sense a trigger has, from the PLOVER manual's category definitions: a doer who can act
politically, the categories the manual gives regret, convictions and warnings, and the objects
that make or break a sense. Every sentence is invented."""
import pytest

from eventkit import names, run, summary

from kb.nlp.events.confidence import DEFAULT_MIN_CONFIDENCE

pytestmark = pytest.mark.slow


def types(text):
    events, ents, _ = run(text)
    return [e.type for e in events], events, ents


@pytest.mark.parametrize("text", [
    "The new budget will meet the fiscal rules.",  # a thing cannot meet anyone: no CONSULT
    "The old building was evacuated on Monday.",  # a building is no force withdrawing: no RETREAT
    "A valid licence allowed him to buy a rifle.",  # a licence grants nothing politically: no CONCEDE
])
def test_a_doer_that_cannot_act_politically_makes_no_event(text):
    got, events, ents = types(text)
    assert got == [], summary(events, ents)


def test_a_killing_by_a_thing_is_a_death():
    # "the crash killed seven": no attacker, so DEATH, not ASSAULT
    got, events, ents = types("The crash killed seven passengers.")
    assert got == ["DEATH"], summary(events, ents)


def test_an_apology_is_a_concession():
    # manual, CONCEDE: "expressions of regret or remorse ... should be coded as CONCEDE"
    got, events, ents = types("The minister apologised to the families of the victims.")
    assert got == ["CONCEDE"], summary(events, ents)


def test_holding_in_contempt_by_a_vote_is_the_sanction_voted():
    # a legislature's finding of contempt is a formal penalty (SANCTION, as a court's "convict");
    # "voted to X" is the act X, done by the vote (the vote is how the body acts), not an election
    events, ents, _ = run("The Dorvik Assembly voted to hold Mayor Anna Berg in contempt on Tuesday.")
    assert [(e.type, e.mode, e.trigger) for e in events] == [("SANCTION", "convict", "hold")], summary(events, ents)
    assert names(ents, events[0].recipients) == {"Anna Berg"}
    events, ents, _ = run("The Dorvik Assembly held a debate on the budget on Tuesday.")
    assert "SANCTION" not in [e.type for e in events], summary(events, ents)
    # a vote on anything but a penalty is still the vote: "voted to leave" in a referendum
    events, ents, _ = run("Dorvik voted on June 3 to leave the Tamsin Union in a referendum.")
    assert "ELECTION" in [e.type for e in events], summary(events, ents)


def test_running_or_competing_for_an_office_is_an_election():
    # the ELECTION extension type: an election contested; "run" only for an office
    events, ents, _ = run("Anna Berg competed for the leadership against Tomas Lund.")
    assert [(e.type, e.trigger) for e in events] == [("ELECTION", "competed")], summary(events, ents)
    events, ents, _ = run("Anna Berg ran for mayor of Dorvik.")
    assert [e.type for e in events] == ["ELECTION"], summary(events, ents)
    events, ents, _ = run("Anna Berg ran for the bus.")
    assert "ELECTION" not in [e.type for e in events], summary(events, ents)


def test_tendering_a_resignation_is_a_retreat_and_it_takes_up_its_noun():
    # "tendered it": the object pronoun stands for the resignation named before it (not for the
    # time word between them); a tender for a contract is no resignation
    events, ents, _ = run("The mayor asked for Anna Berg's resignation on Monday night, and Berg tendered it the next morning.")
    assert ("RETREAT", "tendered") in [(e.type, e.trigger) for e in events], summary(events, ents)
    events, ents, _ = run("The city put the contract out to tender, and Anna Berg submitted it.")
    assert "RETREAT" not in [e.type for e in events], summary(events, ents)


def test_a_conviction_is_a_sanction():
    # manual, SANCTION mode convict: "find an entity ... guilty ... in a court of law"
    events, ents, _ = run("The court convicted the former mayor of fraud.")
    assert [(e.type, e.mode) for e in events] == [("SANCTION", "convict")], summary(events, ents)


def test_warned_that_is_no_event_but_warned_someone_not_to_is_a_request():
    got, events, ents = types("The economist warned that prices would rise.")
    assert got == [], summary(events, ents)
    got, events, ents = types("France warned Iran not to enrich more uranium.")
    assert got == ["REQUEST"], summary(events, ents)
    assert names(ents, events[0].actors) == {"France"} and names(ents, events[0].recipients) == {"Iran"}


def test_attacking_a_plan_is_an_accusation():
    got, events, ents = types("The opposition attacked the government's plans.")
    assert got == ["ACCUSE"], summary(events, ents)


def test_questioning_a_decision_is_an_accusation():
    got, events, ents = types("The senator questioned the decision.")
    assert got == ["ACCUSE"], summary(events, ents)


def test_claiming_responsibility_makes_the_claimant_the_attacker():
    events, ents, _ = run("Hamas claimed responsibility for the bombing.")
    assert [e.type for e in events] == ["ASSAULT"], summary(events, ents)
    assert names(ents, events[0].actors) == {"Hamas"}


def test_ordered_to_remain_in_custody_is_coercion_by_the_one_who_ordered():
    events, ents, _ = run("Judge Anna Berg ordered the suspect remain in custody.")
    assert [e.type for e in events] == ["COERCE"], summary(events, ents)
    assert names(ents, events[0].actors) == {"Anna Berg"}


def test_gathering_to_discuss_is_a_meeting():
    got, events, ents = types("The foreign ministers of Egypt and Jordan gathered in Cairo to discuss the crisis.")
    assert got == ["CONSULT"], summary(events, ents)


def test_the_parties_of_a_denounced_agreement_are_its_recipients():
    # "denounced the memoranda of understanding between X and Y": through the bare "of" noun
    events, ents, _ = run("Egypt denounced the memoranda of understanding between Turkey and Iraq.")
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert accuse and names(ents, accuse[0].recipients) == {"Turkey", "Iraq"}, summary(events, ents)


def test_a_dated_background_clause_is_a_happening_of_its_own():
    events, ents, _ = run("Smith became party leader after Jones stepped down on July 24.")
    assert "RETREAT" in [e.type for e in events], summary(events, ents)


def test_an_agreement_named_as_a_topic_is_below_the_listing_threshold():
    events, ents, _ = run("Greece said the agreement between Turkey and Libya is void.")
    assert all(e.confidence < DEFAULT_MIN_CONFIDENCE for e in events if e.type == "SUPPORT"), summary(events, ents)


def test_a_speakers_quoted_words_are_below_the_listing_threshold():
    # reported speech content is no event of the writer's report (issue 13, kind 3)
    events, ents, _ = run('The mayor said: "We are ready to help the city of Rome."')
    assert events and all(e.confidence < DEFAULT_MIN_CONFIDENCE for e in events), summary(events, ents)


def test_an_event_without_a_date_takes_its_reporting_verbs_date():
    # "X said on Friday he may ...": the statement's day dates what it announces
    events, ents, _ = run("France said on Friday it would impose sanctions on Iran.")
    assert events and events[0].date is not None and events[0].date.iso == "2024-11-08", summary(events, ents)


def test_protests_that_broke_out_are_listed():
    # a happening verb asserts the noun's event as a verb would
    events, ents, _ = run("Widespread protests broke out in Caracas.")
    assert [e.type for e in events] == ["PROTEST"]
    assert events[0].confidence >= DEFAULT_MIN_CONFIDENCE, summary(events, ents)


def test_a_subject_hung_on_the_subordinator_is_still_the_subject():
    # "after Theresa May stepped down": the tagger attaches the name to "after"
    events, ents, _ = run("Smith became party leader after Anna Berg stepped down on July 24.")
    retreat = [e for e in events if e.type == "RETREAT"]
    assert retreat and names(ents, retreat[0].actors) == {"Anna Berg"}, summary(events, ents)


def test_a_first_person_speech_act_inside_a_quote_is_the_speakers_event():
    # issue 13: reported content is no event "unless the speech act itself is one"
    events, ents, _ = run('Anna Berg said: "We reject the proposal of the government."')
    rejects = [e for e in events if e.type == "REJECT"]
    assert rejects and rejects[0].confidence >= DEFAULT_MIN_CONFIDENCE, summary(events, ents)


@pytest.mark.parametrize("text, category", [
    ("The interior minister briefed President Anna Berg on the rescue.", "CONSULT"),  # a briefing is a meeting
    ("Rescuers recovered ten survivors from the rubble.", "AID"),  # manual: rescues are AID
    ("Armed police searched a second apartment block.", "COERCE"),  # manual: search/raid
    ("The police attributed the attack to Anna Berg.", "ACCUSE"),  # allege
])
def test_rows_taken_from_the_manual(text, category):
    got, events, ents = types(text)
    assert category in got, summary(events, ents)


@pytest.mark.parametrize("text", [
    "The two senators suspended their campaigns.",  # their own campaigns: restricts no one
    "The search was suspended on Tuesday because of the cold.",  # an activity paused, no party
    "The federation suspended its season after the floods.",
])
def test_suspending_an_activity_of_ones_own_is_no_coercion(text):
    got, events, ents = types(text)
    assert "COERCE" not in got, summary(events, ents)


def test_suspending_anothers_permit_or_ones_aid_is_still_an_event():
    got, events, ents = types("Germany suspended the airline's permit.")
    assert got == ["COERCE"], summary(events, ents)
    got, events, ents = types("Germany suspended its aid to Iraq.")
    assert got == ["SANCTION"], summary(events, ents)


def test_a_vote_to_do_something_is_what_is_voted_for_not_an_election():
    got, events, ents = types("The parliament voted to impose sanctions on Russia.")
    assert got == ["SANCTION"], summary(events, ents)
    got, events, ents = types("The assembly voted to hold the minister in contempt.")
    assert "ELECTION" not in got, summary(events, ents)
    got, events, ents = types("Voters in Ohio voted on Tuesday.")
    assert got == ["ELECTION"], summary(events, ents)
    # a vote in a referendum is the referendum, whatever it decided
    got, events, ents = types("Britain voted in a referendum on Thursday to leave the union.")
    assert got == ["ELECTION"], summary(events, ents)


def test_accepting_responsibility_is_a_concession():
    # an admission of fault yields to the accusation, as an apology does (CONCEDE)
    got, events, ents = types("The minister accepted responsibility for the failures.")
    assert got == ["CONCEDE"], summary(events, ents)
    got, events, ents = types("Iran accepted the offer of talks.")
    assert "CONCEDE" not in got, summary(events, ents)


@pytest.mark.parametrize("text, kind", [
    ("On Friday, the Ruritanian telecom regulator blocked access to Twitter and Facebook.", "COERCE"),
    ("The hosting company Codehub blocked public access to the repository on Friday.", "COERCE"),
    ("Protesters blocked access to the parliament building on Monday.", "PROTEST"),
    ("Farmers blocked the main highway with tractors on Monday.", "PROTEST"),
])
def test_blocking_access_is_censorship_unless_protesters_blockade(text, kind):
    # PLOVER PROTEST obstruct: blockades by protesters; COERCE censor/restrict: an authority or a
    # company cutting off access to a website, a service or content
    events, ents, _ = run(text)
    assert [e.type for e in events] == [kind], summary(events, ents)


@pytest.mark.parametrize("text, recipient", [
    ("Israel allowed opposition leader Ivan Petrov to leave the country.", {"Ivan Petrov"}),
    ("Israel allowed journalists to enter the prison on Monday.", set()),
    ("Israel allowed aid trucks into Gaza on Monday.", {"Gaza"}),
])
def test_letting_a_party_act_concedes(text, recipient):
    # PLOVER CONCEDE: "allow access", release, ease restrictions -- someone is let do something
    events, ents, _ = run(text)
    assert [e.type for e in events] == ["CONCEDE"], summary(events, ents)
    assert names(ents, events[0].recipients) == recipient, summary(events, ents)


@pytest.mark.parametrize("text", [
    "The video platform allows videos to be licensed under a free license.",
    "Since 1900, abortions were only allowed if a doctor determined the mother was at risk.",
    "The new rules allow the budget to grow by two percent.",
])
def test_allowing_a_thing_is_no_concession(text):
    events, ents, _ = run(text)
    assert "CONCEDE" not in [e.type for e in events], summary(events, ents)


@pytest.mark.parametrize("text", [
    'Archbishop Ivan Petrov said, "People must know that bishops are at the service of the people."',
    'Archbishop Ivan Petrov said, "Everyone should respect the law."',
])
def test_a_maxim_for_everyone_is_no_request(text):
    # PLOVER REQUEST asks a party to act; "people must know" asks nobody in particular
    events, ents, _ = run(text)
    assert "REQUEST" not in [e.type for e in events], summary(events, ents)


def test_an_obligation_put_on_a_party_is_still_a_request():
    events, ents, _ = run("Archbishop Ivan Petrov said the bishops must report every case to the police.")
    assert [e.type for e in events] == ["REQUEST"], summary(events, ents)


def test_allowing_an_act_such_as_a_rally_eases_a_restriction():
    events, ents, _ = run("Israel allowed the rally to go ahead on Friday.")
    assert [e.type for e in events] == ["CONCEDE"], summary(events, ents)


@pytest.mark.parametrize("text", [
    "The Democratic and Republican Parties use primary elections to select their nominees.",
    "Senators face elections every six years.",
])
def test_elections_in_general_are_no_election_held(text):
    events, ents, _ = run(text)
    assert "ELECTION" not in [e.type for e in events], summary(events, ents)


def test_elections_held_on_a_day_are_an_election():
    events, ents, _ = run("Elections were held in Iraq on Sunday.")
    assert [e.type for e in events] == ["ELECTION"], summary(events, ents)


def test_a_state_easing_a_restriction_concedes_whatever_it_lets_happen():
    # PLOVER CONCEDE: "ease or lift restrictions" -- a state letting a thing happen concedes too
    events, ents, _ = run("Israel allowed the import of cement into Gaza on Monday.")
    assert [e.type for e in events] == ["CONCEDE"], summary(events, ents)


@pytest.mark.parametrize("text", [
    "The rally was visited by several tens of thousands of people.",
    "The festival was visited by thousands of people on Sunday.",
])
def test_visiting_an_event_is_no_consultation(text):
    # PLOVER CONSULT: visits between parties; attending a rally or a festival is no such visit (an
    # official's visit to a hospital or a disaster site stays one: test_events_tolls)
    events, ents, _ = run(text)
    assert "CONSULT" not in [e.type for e in events], summary(events, ents)


def test_visiting_a_country_or_a_leader_is_still_a_consultation():
    events, ents, _ = run("Marta Silva visited Vladimir Putin in Moscow on Monday.")
    assert [e.type for e in events] == ["CONSULT"], summary(events, ents)
