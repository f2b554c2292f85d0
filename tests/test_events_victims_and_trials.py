"""A killing's victims die: the annotation conventions code the attack as ASSAULT and the deaths
it caused as a DEATH of their own (PLOVER's DEATH extension, any cause). And the court's acts
the PLOVER manual names: bringing to trial is ACCUSE, acquittals and admissions are CONCEDE.
Every sentence is invented."""
import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow


def test_a_named_victim_of_a_killing_has_a_death_of_his_own():
    events, ents, _ = run("Gunmen killed the lawyer Omar Saleh in Zinjibar on Monday.")
    deaths = [e for e in events if e.type == "DEATH"]
    assert len(deaths) == 1 and names(ents, deaths[0].actors) == {"Omar Saleh"}, summary(events, ents)
    assert [e.type for e in events if e.type != "DEATH"] == ["ASSAULT"], summary(events, ents)


def test_a_person_introduced_by_named_is_the_victim():
    events, ents, _ = run("A gunman killed a woman named Lena Hart and injured nineteen others.")
    attack = [e for e in events if e.type == "ASSAULT"]
    deaths = [e for e in events if e.type == "DEATH"]
    assert attack and names(ents, attack[0].recipients) == {"Lena Hart"}, summary(events, ents)
    # the nineteen were injured, not killed: the death has no count
    assert len(deaths) == 1 and deaths[0].count is None, summary(events, ents)
    assert names(ents, deaths[0].actors) == {"Lena Hart"}, summary(events, ents)


def test_a_killing_not_done_has_no_death():
    events, ents, _ = run("The rebels did not kill Omar Saleh.")
    assert not [e for e in events if e.type == "DEATH"], summary(events, ents)


def test_a_killing_with_neither_victim_nor_toll_has_no_death():
    events, ents, _ = run("Soldiers killed civilians in the north of Dorvik.")
    assert not [e for e in events if e.type == "DEATH"], summary(events, ents)


def test_an_accident_in_a_place_kills_no_one_as_a_doer():
    # the place inside the accident's phrase is where it happened: a DEATH, no ASSAULT by it
    events, ents, _ = run("The accident in Salaheddin district killed eleven on Saturday.")
    assert [(e.type, e.count) for e in events] == [("DEATH", 11)], summary(events, ents)
    assert names(ents, [events[0].location_key]) == {"Salaheddin"}, summary(events, ents)


def test_a_country_that_plans_an_act_stays_its_doer():
    events, ents, _ = run("Brazil announced plans to impose sanctions on Peru.")
    assert [e.type for e in events] == ["THREATEN"], summary(events, ents)
    assert names(ents, events[0].actors) == {"Brazil"}, summary(events, ents)


def test_people_who_lost_their_lives_died():
    events, ents, _ = run("By Sunday, 81 people had lost their lives in the outbreak.")
    assert [(e.type, e.count) for e in events] == [("DEATH", 81)], summary(events, ents)
    events, ents, _ = run("Peru lost the match on Sunday.")
    assert events == [], summary(events, ents)


def test_being_tried_is_being_brought_to_trial():
    events, ents, _ = run("Omar Saleh was tried for murder in 2015.")
    assert [e.type for e in events] == ["ACCUSE"], summary(events, ents)
    assert names(ents, events[0].recipients) == {"Omar Saleh"}, summary(events, ents)
    # trying to do something is an attempt, and the attempt's act the event
    events, ents, _ = run("Omar Saleh tried to leave the country.")
    assert "ACCUSE" not in [e.type for e in events], summary(events, ents)


def test_an_acquittal_concedes():
    events, ents, _ = run("A court in Dorvik acquitted Omar Saleh on Friday.")
    assert [e.type for e in events] == ["CONCEDE"], summary(events, ents)
    assert names(ents, events[0].recipients) == {"Omar Saleh"}, summary(events, ents)


@pytest.mark.parametrize("text", [
    "Omar Saleh confessed to the robbery.",
    "Omar Saleh admitted responsibility for the failure.",
])
def test_confessing_and_admitting_fault_concede(text):
    events, ents, _ = run(text)
    assert [e.type for e in events] == ["CONCEDE"], summary(events, ents)
    assert names(ents, events[0].actors) == {"Omar Saleh"}, summary(events, ents)


def test_admitting_to_hospital_is_no_concession():
    events, ents, _ = run("Omar Saleh was admitted to hospital on Monday.")
    assert "CONCEDE" not in [e.type for e in events], summary(events, ents)


def test_a_pronoun_undergoing_a_passive_is_its_party():
    # "He was convicted" names the one "he" stands for: a conviction of its own, not a second
    # mention of another person's
    events, ents, _ = run("Karl Weiss was convicted of fraud in 2004. Omar Saleh was charged with theft. "
                          "He was convicted in 2006.")
    got = sorted(tuple(sorted(names(ents, e.recipients))) for e in events if e.type == "SANCTION")
    assert got == [("Karl Weiss",), ("Omar Saleh",)], summary(events, ents)


def test_a_named_thing_in_the_doers_own_phrase_stays_the_doer():
    # only a place in the doer's prepositional phrase is a setting; "website GitHub" (tagged as a
    # place, as the small model does in a whole article) names the doer. The parse is the model's.
    import datetime as dt

    from spacy.tokens import Doc, Span

    from eventkit import build_entities, nlp
    from kb.nlp.events import extract_events

    words = ["On", "Friday", ",", "sharing", "website", "GitHub", "blocked", "the", "public", "access", "."]
    heads = [6, 0, 6, 4, 6, 4, 6, 9, 9, 6, 6]
    deps = ["prep", "pobj", "punct", "compound", "nsubj", "appos", "ROOT", "det", "amod", "dobj", "punct"]
    pos = ["ADP", "PROPN", "PUNCT", "NOUN", "NOUN", "PROPN", "VERB", "DET", "ADJ", "NOUN", "PUNCT"]
    tags = ["IN", "NNP", ",", "NN", "NN", "NNP", "VBD", "DT", "JJ", "NN", "."]
    lemmas = ["on", "Friday", ",", "sharing", "website", "GitHub", "block", "the", "public", "access", "."]
    doc = Doc(nlp().vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
              sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, 1, 2, "DATE"), Span(doc, 5, 6, "GPE")]
    ents = build_entities(doc)
    events = extract_events(doc, ents, dt.date(2024, 11, 8))
    assert [e.type for e in events] == ["COERCE"], summary(events, ents)


@pytest.mark.parametrize("text", [
    "The United States expressed its support for the project.",
    "In his victory speech, Omar Saleh stressed his support for the movement.",
    "The minister voiced support for Ukraine on Monday.",
    "Omar Saleh tweeted praise for the people who ran towards danger.",
])
def test_support_said_with_a_light_verb_is_support(text):
    # PLOVER SUPPORT: verbal support, praise, endorsement; the verb only carries the noun
    events, ents, _ = run(text)
    assert [e.type for e in events] == ["SUPPORT"], summary(events, ents)


def test_a_light_verb_with_another_object_is_no_support():
    events, ents, _ = run("The United States expressed its views on the project.")
    assert events == [], summary(events, ents)


@pytest.mark.parametrize("text", [
    "On Thursday, the Dorvik Conservative Party netted an additional 66 seats, totaling 365 seats.",
    "The Labour Party lost 42 seats in Thursday's vote.",
    "Party leader Anna Berg was defeated in Dorvik East by a rival candidate.",
])
def test_seats_won_or_lost_and_a_candidate_beaten_are_an_election(text):
    events, ents, _ = run(text)
    assert "ELECTION" in [e.type for e in events], summary(events, ents)


@pytest.mark.parametrize("text", [
    "The company gained market share last year.",
    "The team lost the match on Sunday.",
    "The army defeated the rebels in the north.",
])
def test_gains_losses_and_defeats_of_other_things_are_no_election(text):
    events, ents, _ = run(text)
    assert "ELECTION" not in [e.type for e in events], summary(events, ents)


def test_a_name_the_parser_hung_on_a_fronted_phrase_is_the_subject():
    # the model's parse of "On Friday in Dorvik, Omar Saleh, a lawyer, was sentenced by a court":
    # "Saleh" is a conjunct of "Dorvik" and the passive has no subject
    import datetime as dt

    from spacy.tokens import Doc, Span

    from eventkit import build_entities, nlp
    from kb.nlp.events import extract_events

    words = ["On", "Friday", "in", "Dorvik", ",", "Omar", "Saleh", ",", "a", "lawyer", ",", "was", "sentenced",
             "by", "a", "court", "."]
    heads = [12, 0, 1, 2, 3, 6, 3, 6, 9, 6, 12, 12, 12, 12, 15, 13, 12]
    deps = ["prep", "pobj", "prep", "pobj", "punct", "compound", "conj", "punct", "det", "appos", "punct",
            "auxpass", "ROOT", "agent", "det", "pobj", "punct"]
    pos = ["ADP", "PROPN", "ADP", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "AUX",
           "VERB", "ADP", "DET", "NOUN", "PUNCT"]
    tags = ["IN", "NNP", "IN", "NNP", ",", "NNP", "NNP", ",", "DT", "NN", ",", "VBD", "VBN", "IN", "DT", "NN", "."]
    lemmas = ["on", "Friday", "in", "Dorvik", ",", "Omar", "Saleh", ",", "a", "lawyer", ",", "be", "sentence",
              "by", "a", "court", "."]
    doc = Doc(nlp().vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
              sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, 1, 2, "DATE"), Span(doc, 3, 4, "GPE"), Span(doc, 5, 7, "PERSON")]
    ents = build_entities(doc)
    events = extract_events(doc, ents, dt.date(2024, 11, 8))
    sanctions = [e for e in events if e.type == "SANCTION"]
    assert sanctions and names(ents, sanctions[0].recipients) == {"Omar Saleh"}, summary(events, ents)


def test_a_group_is_told_by_the_members_its_including_phrase_names():
    events, ents, _ = run("Several accomplices, including the cleric Omar Saleh, were tried by the same court.")
    assert [e.type for e in events] == ["ACCUSE"], summary(events, ents)
    assert names(ents, events[0].recipients) == {"Omar Saleh"}, summary(events, ents)
    events, ents, _ = run("All, including Omar Saleh, were acquitted.")
    assert [e.type for e in events] == ["CONCEDE"], summary(events, ents)
    assert names(ents, events[0].recipients) == {"Omar Saleh"}, summary(events, ents)


def test_executing_a_plan_kills_no_one():
    events, ents, _ = run("On Monday the government of Dorvik executed a planned shutdown of public services.")
    assert not [e for e in events if e.type in ("ASSAULT", "DEATH")], summary(events, ents)
    events, ents, _ = run("Dorvik executed 37 prisoners on Tuesday.")
    assert sorted(e.type for e in events) == ["ASSAULT", "DEATH"], summary(events, ents)


def test_a_violation_a_court_finds_is_its_accusation():
    # PLOVER ACCUSE covers a judicial finding of wrongdoing; the violation itself is what the
    # finding says, not a REJECT reported by the writer
    events, ents, _ = run("The judge determined Omar Saleh had lied and violated the deal.")
    assert [e.type for e in events] == ["ACCUSE"], summary(events, ents)
    assert names(ents, events[0].recipients) == {"Omar Saleh"}, summary(events, ents)


def test_an_act_after_a_clause_that_tells_no_event_is_no_background():
    # "since he was pardoned" is background to an event, but "made a speech" is none: the
    # pardon is the sentence's act; after "protests began" it stays background
    events, ents, _ = run("Omar Saleh made a public speech since he was pardoned by Anna Berg.")
    assert [e.type for e in events] == ["CONCEDE"], summary(events, ents)
    events, ents, _ = run("The protests began after the Dorvik government proposed an amendment to the law.")
    assert [e.type for e in events] == ["PROTEST"], summary(events, ents)


def test_a_group_is_told_by_the_members_its_such_as_phrase_names():
    events, ents, _ = run("Peru has been encouraging allies such as Chile to restrict the airline's flights.")
    reqs = [e for e in events if e.type == "REQUEST"]
    assert reqs and names(ents, reqs[0].recipients) == {"Chile"}, summary(events, ents)


def test_an_emergency_ended_lifted_or_extended_is_a_measure_eased_or_kept():
    # PLOVER CONCEDE: ease or lift restrictions; keeping a state of emergency in force coerces
    events, ents, _ = run("On Sunday, the state of emergency over the outbreak ended in Dorvik.")
    assert [e.type for e in events] == ["CONCEDE"], summary(events, ents)
    events, ents, _ = run("The state of emergency ended in Dorvik on Sunday. The cabinet had voted to lift it on "
                          "Saturday.")
    assert [e.type for e in events].count("CONCEDE") == 2, summary(events, ents)
    events, ents, _ = run("On December 14, the state of emergency was extended by two weeks.")
    assert [e.type for e in events] == ["COERCE"], summary(events, ents)


def test_a_meeting_that_ended_is_no_concession():
    events, ents, _ = run("The meeting ended on Monday.")
    assert "CONCEDE" not in [e.type for e in events], summary(events, ents)
