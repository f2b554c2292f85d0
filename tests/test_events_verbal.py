"""The cooperative and verbal side on news the rules were not written for: talks, condolences,
challenges, finite verbs the parser joins to an infinitive, and named acts told in a background
phrase. Every sentence is invented."""
import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow


def one(text, category):
    events, ents, _ = run(text)
    got = [e for e in events if e.type == category]
    assert len(got) == 1, summary(events, ents)
    return got[0], ents


# ---- CONSULT: "spoke with X" (manual: meetings, talks, telephone calls) ------------------------
def test_speaking_with_a_named_party_is_a_consultation():
    e, ents = one("Helmut Brandt spoke with Maria Lopez about the dispute on Tuesday.", "CONSULT")
    assert names(ents, e.actors) == {"Helmut Brandt"} and names(ents, e.recipients) == {"Maria Lopez"}


def test_speaking_with_reporters_is_no_consultation():
    events, ents, _ = run("The mayor spoke with reporters outside the hall.")
    assert "CONSULT" not in [e.type for e in events], summary(events, ents)


# ---- SUPPORT: condolences and sympathy (manual: praise, endorse; CAMEO 05) ----------------------
@pytest.mark.parametrize("text", [
    "Helmut Brandt offered his condolences to the families of the victims.",
    "Helmut Brandt expressed his deepest sympathy to the family.",
    'Helmut Brandt gave his "deepest sympathies" to the family.',  # quoted words, the writer's report
])
def test_condolences_are_support(text):
    events, ents, _ = run(text)
    got = [(e.type, sorted(names(ents, e.actors))) for e in events]
    assert got == [("SUPPORT", ["Helmut Brandt"])], summary(events, ents)


def test_an_offer_of_something_else_is_still_an_offer():
    events, ents, _ = run("Helmut Brandt offered to mediate between the two sides.")
    assert [e.type for e in events] == ["AGREE"], summary(events, ents)


# ---- REJECT: challenging the constitutionality of a decision ------------------------------------
def test_challenging_the_constitutionality_of_a_candidacy_is_a_rejection():
    events, ents, _ = run("The opposition party challenged the constitutionality of her candidacy.")
    assert [e.type for e in events] == ["REJECT"], summary(events, ents)


# ---- a finite verb the parser joined to an infinitive ------------------------------------------
def test_a_past_tense_verb_after_an_infinitive_is_its_own_event():
    # "urged X [to reconsider] and spoke with Y": "spoke" cannot continue the infinitive
    events, ents, _ = run("Helmut Brandt urged the embassy to reconsider and spoke with Maria Lopez about the case.")
    got = {(e.type, tuple(sorted(names(ents, e.actors))), tuple(sorted(names(ents, e.recipients)))) for e in events}
    assert ("CONSULT", ("Helmut Brandt",), ("Maria Lopez",)) in got, summary(events, ents)
    assert "REQUEST" in {g[0] for g in got}, summary(events, ents)


def test_an_infinitive_joined_to_an_infinitive_stays_in_the_complement():
    events, ents, _ = run("Helmut Brandt urged Maria Lopez to resign and leave the country.")
    assert [e.type for e in events] == ["REQUEST"], summary(events, ents)


# ---- a named act told in a background phrase ----------------------------------------------------
def test_a_resignation_of_a_named_person_in_a_background_phrase_is_an_event():
    e, ents = one("The post has stood vacant following the resignation of Carlos Ortega over the scandal.",
                  "RETREAT")
    assert names(ents, e.actors) == {"Carlos Ortega"}
    assert e.confidence >= 0.6


def test_background_fighting_with_no_named_party_stays_circumstance():
    events, ents, _ = run("After two days of fighting, the rebels withdrew from the town.")
    assert [e.type for e in events] == ["RETREAT"], summary(events, ents)


# ---- REQUEST: whom a participle's request is addressed to --------------------------------------
def test_a_request_written_to_someone_is_addressed_to_them():
    # "wrote to X, asking ...": the one written to is the one asked
    e, ents = one("Helmut Brandt wrote to the Ministry of Justice asking it to release the prisoners.", "REQUEST")
    assert names(ents, e.actors) == {"Helmut Brandt"} and names(ents, e.recipients) == {"Ministry of Justice"}


def test_joining_calls_that_ask_someone_is_a_request_of_them():
    # "joined the calls by officials asking X to ...": the participle restates the calls
    events, ents, _ = run("On Monday, Helmut Brandt joined the calls by German officials asking Russia to release the prisoners.")
    got = [(e.type, sorted(names(ents, e.actors)), sorted(names(ents, e.recipients))) for e in events]
    assert got == [("REQUEST", ["Helmut Brandt"], ["Russia"])], summary(events, ents)


# ---- ELECTION: an election the calendar fixes ---------------------------------------------------
def test_an_election_scheduled_for_a_coming_day_is_recorded_with_that_day():
    events, ents, _ = run("The election is scheduled for December 24.")  # published 2024-11-08
    assert [(e.type, e.date.iso) for e in events] == [("ELECTION", "2024-12-24")], summary(events, ents)
    assert events[0].confidence >= 0.6


@pytest.mark.parametrize("text", [
    "The country plans to hold elections.",  # no day fixes it
    "Voters will elect a new parliament.",
    "Opposition leaders said an election could be held in December.",  # only possible
])
def test_an_election_no_day_fixes_is_no_event(text):
    events, ents, _ = run(text)
    assert "ELECTION" not in [e.type for e in events], summary(events, ents)


# ---- an event noun the sentence asserts through the verb it is the doer of ----------------------
@pytest.mark.parametrize("text", [
    "Since the scandal broke, protests filled the streets of Lima daily.",
    "Protests swept the capital on Sunday.",
])
def test_unrest_that_takes_over_a_place_has_happened(text):
    events, ents, _ = run(text)
    got = [e for e in events if e.type == "PROTEST"]
    assert len(got) == 1 and got[0].confidence >= 0.6, summary(events, ents)


def test_the_place_unrest_takes_over_is_its_location():
    events, ents, _ = run("Protests filled the streets of Lima daily.")
    assert [e.type for e in events] == ["PROTEST"], summary(events, ents)
    assert ents.get(events[0].location_key).name == "Lima"


def test_a_coup_in_a_complement_clause_lends_no_subject():
    # the parser makes "curfew" the subject of "toppled": only a main clause's verb asserts its doer
    events, ents, _ = run("The president shortened by one hour the curfew imposed after a coup toppled the government.")
    assert not any(e.type == "COERCE" and e.confidence >= 0.6 for e in events), summary(events, ents)


def test_a_coup_that_removed_someone_happened_then_and_struck_them():
    e, ents = one("A military coup removed President Ahmed Salem in 2006.", "ASSAULT")
    assert names(ents, e.recipients) == {"Ahmed Salem"} and e.date.iso == "2006"
    assert e.confidence >= 0.6


def test_a_happening_verb_object_is_not_struck():
    # "the shooting followed four other shootings": those are no victims of it
    events, ents, _ = run("The shooting in Dayton followed four other shootings in Ohio.")
    assert all(not e.recipients for e in events if e.type == "ASSAULT"), summary(events, ents)


# ---- ACCUSE: disagreeing with someone (manual: ACCUSE 'disapprove') ------------------------------
def test_disagreeing_with_someone_is_disapproval():
    e, ents = one("Helmut Brandt disagreed strongly with many of the minister's proposals.", "ACCUSE")
    assert names(ents, e.actors) == {"Helmut Brandt"}


def test_disagreeing_on_terms_is_no_accusation():
    events, ents, _ = run("The two sides disagreed on the terms.")
    assert "ACCUSE" not in [e.type for e in events], summary(events, ents)


# ---- a first-person act inside quoted words is the speaker's -------------------------------------
def test_a_quoted_first_person_act_is_the_speakers(nlp):
    import datetime as dt

    from kb.nlp.extract import analyse

    text = ('"I disagreed strongly with many of his suggestions, and I thank Tom Keller very much for his '
            'service," wrote Helmut Brandt on Tuesday.')
    ex = analyse(nlp(text), dt.date(2024, 11, 8))
    got = {(ev.type, tuple(sorted(ex.entity(k).name for k in ev.actors))) for ev in ex.events}
    assert ("SUPPORT", ("Helmut Brandt",)) in got and ("ACCUSE", ("Helmut Brandt",)) in got, got


def test_a_quoted_third_person_act_keeps_its_own_doer(nlp):
    import datetime as dt

    from kb.nlp.extract import analyse

    text = '"Tom Keller praised the minister for his work," said Helmut Brandt.'
    ex = analyse(nlp(text), dt.date(2024, 11, 8))
    assert ex.events
    for ev in ex.events:
        assert "Helmut Brandt" not in {ex.entity(k).name for k in ev.actors}, ev


# ---- "X has been the target of <act>": X undergoes an act the copula asserts --------------------
def test_the_subject_of_sanctions_is_the_one_sanctioned():
    e, ents = one("Nordwind Air has been the subject of United States sanctions since 2011.", "SANCTION")
    assert "Nordwind Air" in names(ents, e.recipients) and e.date.iso == "2011" and e.confidence >= 0.6


def test_the_subject_of_talks_as_a_topic_is_no_undergoer():
    events, ents, _ = run("The subject of the talks was trade.")
    assert all(not e.recipients for e in events), summary(events, ents)


# ---- REQUEST: hoping another party will act (CAMEO 02, appeal) ---------------------------------
def test_hoping_another_party_will_act_is_a_request_of_them():
    e, ents = one("Helmut Brandt said he hopes that Maria Lopez will come back and face the court.", "REQUEST")
    assert names(ents, e.actors) == {"Helmut Brandt"} and names(ents, e.recipients) == {"Maria Lopez"}


@pytest.mark.parametrize("text", [
    "Helmut Brandt hopes the economy will recover.",  # no party asked
    "Helmut Brandt hopes that he will win.",  # his own hope for himself
])
def test_hoping_for_a_state_or_for_oneself_is_no_request(text):
    events, ents, _ = run(text)
    assert "REQUEST" not in [e.type for e in events], summary(events, ents)


def test_saying_a_claim_has_no_evidence_rejects_it():
    # PLOVER REJECT covers all rejections: "there is no evidence to support X's claims" said by
    # a speaker rejects X's claims; "no evidence of foul play" rejects no one's claim
    events, ents, _ = run("The Dorvik election board said there is no evidence to support Anna Berg's claims of fraud.")
    rej = [e for e in events if e.type == "REJECT"]
    assert len(rej) == 1 and names(ents, rej[0].recipients) == {"Anna Berg"}, summary(events, ents)
    events, ents, _ = run("Police in Dorvik said there was no evidence of foul play.")
    assert "REJECT" not in [e.type for e in events], summary(events, ents)
