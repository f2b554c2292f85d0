"""Conflict-side categories on news the rules were not written for (issue 13): senses of trigger
words that name no political act, court procedure coded by the PLOVER manual, and statements
carried by a participle or a clause the parser marks oddly. Every sentence is invented."""
import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow


def types(text):
    events, ents, _ = run(text)
    return [e.type for e in events], events, ents


# ---- a trigger word in a sense that names no act --------------------------------------------
@pytest.mark.parametrize("text", [
    "A security camera captured his arrival at the station.",  # recording, not taking prisoners
    "Footage captured two groups pushing each other outside the stadium.",
    "Access to the archive is restricted to members of the committee.",  # "limited to"
    "Unlike the accused, the witness was tested for alcohol.",  # a participle as a noun: people
    "The wounded were taken to a hospital in the capital.",
])
def test_a_word_in_a_sense_that_names_no_act_makes_no_event(text):
    got, events, ents = types(text)
    assert got == [], summary(events, ents)


def test_capturing_people_is_still_an_arrest():
    got, events, ents = types("Police captured the two suspects near the border on Monday.")
    assert got == ["COERCE"], summary(events, ents)


def test_restricting_something_is_still_coercion():
    got, events, ents = types("The government restricted access to the internet in the province.")
    assert got == ["COERCE"], summary(events, ents)


# ---- court procedure (manual, SANCTION mode convict) -----------------------------------------
def test_found_guilty_is_a_conviction():
    # "instances where an entity is discussed as being found guilty"
    events, ents, _ = run("A jury found the former mayor guilty of bribery on Friday.")
    assert [(e.type, e.mode) for e in events] == [("SANCTION", "convict")], summary(events, ents)


def test_a_sentence_handed_down_is_a_conviction():
    # "... and sentenced or sanctioned via court-order": a sentence, not a charge
    events, ents, _ = run("The court sentenced the smuggler to ten years in prison.")
    assert [(e.type, e.mode) for e in events] == [("SANCTION", "convict")], summary(events, ents)


@pytest.mark.parametrize("text", [
    "The driver pleaded not guilty to all charges.",  # a plea answers a charge: nobody is asked anything
    "The smuggler pleaded guilty on Tuesday.",
    "His lawyers said they would appeal.",  # an appeal to a higher court with nothing named
])
def test_pleas_and_bare_court_appeals_are_no_requests(text):
    got, events, ents = types(text)
    assert "REQUEST" not in got, summary(events, ents)


def test_appealing_a_verdict_rejects_it():
    got, events, ents = types("The lawyers of the former mayor appealed the verdict.")
    assert got == ["REJECT"], summary(events, ents)


def test_appealing_for_something_is_still_a_request():
    got, events, ents = types("The Red Cross appealed for calm in the city.")
    assert got == ["REQUEST"], summary(events, ents)


# ---- requests the parser hides ---------------------------------------------------------------
def test_encouraging_someone_to_act_is_a_request():
    # manual, REQUEST: appeal to or urge another actor to do something
    events, ents, _ = run("Germany encouraged Iran to release the detained sailors.")
    assert [e.type for e in events] == ["REQUEST"], summary(events, ents)
    assert names(ents, events[0].actors) == {"Germany"} and names(ents, events[0].recipients) == {"Iran"}


def test_call_for_a_clause_is_a_request():
    # the parser hangs "for" on the clause as its mark: "called for [the bill to be dropped]"
    got, events, ents = types("Church leaders in Egypt called for the bill to be dropped.")
    assert got == ["REQUEST"], summary(events, ents)


def test_a_participle_after_a_verb_that_is_no_event_carries_the_event():
    # "addressed reporters, calling for ...": the participle is the only act the sentence tells
    events, ents, _ = run("Angela Merkel addressed reporters in Berlin, calling for new elections in the spring.")
    assert [e.type for e in events] == ["REQUEST"], summary(events, ents)
    assert names(ents, events[0].actors) == {"Angela Merkel"}


def test_a_letter_asking_for_something_is_a_request_of_its_writer():
    # issue 13, kind 2: whoever "wrote to X asking Y" is the actor, X the recipient
    events, ents, _ = run("The French ambassador wrote to the Iranian government asking it to free the prisoners.")
    assert [e.type for e in events] == ["REQUEST"], summary(events, ents)
    assert names(ents, events[0].actors) == {"France"} and names(ents, events[0].recipients) == {"Iran"}


def test_a_participle_that_restates_a_coded_act_is_still_not_a_second_event():
    got, events, ents = types("Thousands of farmers marched in Delhi on Sunday, demanding higher prices.")
    assert got == ["PROTEST"], summary(events, ents)


# ---- statements whose act lies in a noun or in what a speaker says ---------------------------
def test_condemnation_coming_from_parties_is_their_accusation():
    # issue 13, kind 5: "statements of condemnation have come from A, B and C"
    events, ents, _ = run("Statements of condemnation have come from France, Germany and Italy.")
    assert [e.type for e in events] == ["ACCUSE"], summary(events, ents)
    assert names(ents, events[0].actors) == {"France", "Germany", "Italy"}


def test_a_noun_that_comes_from_nowhere_named_has_no_doer_from_it():
    events, ents, _ = run("Criticism came quickly after the vote.")
    assert all(not e.actors for e in events), summary(events, ents)


def test_saying_an_unnamed_party_should_act_is_a_request():
    # "X said Y must Z" is a REQUEST even when Y is a group the text does not name
    events, ents, _ = run("Rouhani said foreign powers should leave the region.")
    assert [e.type for e in events] == ["REQUEST"], summary(events, ents)
    assert names(ents, events[0].actors) == {"Rouhani"}


def test_saying_we_must_act_is_no_request():
    got, events, ents = types("Rouhani said we must defend the region.")
    assert "REQUEST" not in got, summary(events, ents)


def test_saying_another_party_broke_a_truce_is_an_accusation_of_it():
    # issue 13, kind 3: the violation is reported content; the speaker's act is ACCUSE
    events, ents, _ = run("Russia said Ukraine violated the ceasefire on Sunday.")
    assert [e.type for e in events] == ["ACCUSE"], summary(events, ents)
    assert names(ents, events[0].actors) == {"Russia"} and names(ents, events[0].recipients) == {"Ukraine"}


def test_a_motion_claiming_a_violation_accuses_for_its_filers():
    events, ents, _ = run("Germany filed a motion claiming the decree violated the treaty.")
    assert "REJECT" not in [e.type for e in events], summary(events, ents)
    assert [e.type for e in events] == ["ACCUSE"] and names(ents, events[0].actors) == {"Germany"}


def test_a_violation_the_writer_or_a_news_outlet_reports_stays_a_rejection():
    got, events, ents = types("Ukraine violated the ceasefire.")
    assert got == ["REJECT"], summary(events, ents)
    got, events, ents = types("Reuters reported that Ukraine violated the ceasefire.")
    assert got == ["REJECT"], summary(events, ents)


def test_a_sentencing_to_come_is_a_timetable_not_a_threat():
    # THREATEN is a coercive warning by someone; "is to be sentenced" is the court's schedule
    got, events, ents = types("The newspaper reported the smuggler is to be sentenced in June.")
    assert got == [], summary(events, ents)


def test_an_appeal_in_court_is_no_request_but_an_appeal_for_help_is():
    got, events, ents = types("An appeal by the victim and the prosecutors secured a new trial.")
    assert "REQUEST" not in got, summary(events, ents)
    got, events, ents = types("The United Nations issued an appeal for aid to the flood victims.")
    assert got == ["REQUEST"], summary(events, ents)


def test_the_crime_a_court_sentences_for_is_no_second_event():
    # the crime is what the conviction is about, like the topic of a statement
    events, ents, _ = run("Mohammed Waseem was sentenced for her murder to life in prison by a court in Multan.")
    assert [e.type for e in events] == ["SANCTION"], summary(events, ents)
    assert names(ents, events[0].recipients) == {"Mohammed Waseem"}


def test_the_owner_of_a_killing_is_its_victim_unless_an_of_phrase_names_one():
    events, ents, _ = run("Vladimir Putin ordered Khashoggi's killing.")
    assert [e.type for e in events] == ["ASSAULT"], summary(events, ents)
    assert names(ents, events[0].recipients) == {"Khashoggi"} and "Khashoggi" not in names(ents, events[0].actors)
    events, ents, _ = run("France condemned Russia's killing of the journalist.")
    assert names(ents, events[0].recipients) == {"Russia"}, summary(events, ents)


def test_a_crowd_that_disperses_by_itself_is_not_coerced():
    got, events, ents = types("The protesters dispersed when night fell.")
    assert got == [], summary(events, ents)
    got, events, ents = types("Police dispersed the protesters with tear gas.")
    assert got == ["COERCE"], summary(events, ents)


def test_a_military_operation_is_an_assault_and_a_rescue_operation_is_not():
    got, events, ents = types("Turkey launched a military operation in northern Syria on Wednesday.")
    assert got == ["ASSAULT"], summary(events, ents)
    got, events, ents = types("The rescue operation was completed on Friday.")
    assert got == [], summary(events, ents)


# ---- criticism and denial by their shape -----------------------------------------------------
@pytest.mark.parametrize("text", [
    "Greece called the deal illegal.",
    "Cengiz called the admission a political maneuver.",
    "The minister called the attack an act of barbarity.",  # the sense lies in the "of" phrase
])
def test_calling_something_by_a_damning_name_is_criticism(text):
    got, events, ents = types(text)
    assert got == ["ACCUSE"], summary(events, ents)


def test_calling_something_by_a_kind_name_is_no_criticism():
    got, events, ents = types("The mayor called the festival a great success.")
    assert "ACCUSE" not in got, summary(events, ents)


def test_denying_a_claim_or_that_something_is_so_is_a_plain_rejection():
    # "deny" with a content clause or a claim as object has no other sense: listed with confidence
    from kb.nlp.events.confidence import DEFAULT_MIN_CONFIDENCE
    for text in ("Russia denies the two explosions are related.",
                 "Saudi Arabia denied all claims that the journalist was killed."):
        events, ents, _ = run(text)
        listed = [e for e in events if e.confidence >= DEFAULT_MIN_CONFIDENCE]
        assert [e.type for e in listed] == ["REJECT"], summary(events, ents)
        assert listed[0].confidence >= DEFAULT_MIN_CONFIDENCE + 0.1


# ---- acts named by a verb and its object or particle -----------------------------------------
@pytest.mark.parametrize("text,want", [
    ("Iran launched missiles at American bases in Iraq.", "ASSAULT"),  # the weapon makes the attack
    ("The Justice Department unsealed further charges against the banker.", "ACCUSE"),
    ("Prosecutors brought charges against the former mayor.", "ACCUSE"),
    ("Police pressed charges against two protesters.", "ACCUSE"),
    ("Trump lashed out at the mayor on Twitter.", "ACCUSE"),
    ("The senator hit out at the new tax law.", "ACCUSE"),
    ("The opposition claimed widespread voter fraud.", "ACCUSE"),  # not "claimed victory"
])
def test_an_object_or_particle_that_makes_the_act(text, want):
    got, events, ents = types(text)
    assert got == [want], summary(events, ents)


@pytest.mark.parametrize("text", [
    "The company launched a new phone in March.",
    "The mayor claimed victory on Sunday night.",
    "The storm hit the coast on Monday.",
])
def test_the_same_verbs_with_other_objects_are_no_conflict(text):
    got, events, ents = types(text)
    assert not set(got) & {"ASSAULT", "ACCUSE"}, summary(events, ents)


def test_encouraging_someone_to_act_is_listed():
    # with a to-infinitive "encourage" has only the appeal sense ("encouraged by the results" has none)
    from kb.nlp.events.confidence import DEFAULT_MIN_CONFIDENCE
    events, ents, _ = run("The United States has been encouraging Germany to restrict the airline's flights.")
    assert [e.type for e in events if e.confidence >= DEFAULT_MIN_CONFIDENCE] == ["REQUEST"], summary(events, ents)


# ---- warnings (issue 13, kind 6) --------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "We warn the Saudis that our targets will keep expanding.",  # the speaker's own act to come
    "Germany warned that it would respond firmly.",
])
def test_warning_of_ones_own_act_to_come_is_a_threat(text):
    got, events, ents = types(text)
    assert got == ["THREATEN"], summary(events, ents)


@pytest.mark.parametrize("text", [
    "The economist warned that prices would rise.",
    "The United Nations warned Syria that the crisis will worsen.",  # a forecast, nobody's act
])
def test_warning_of_what_others_or_things_will_do_is_no_event(text):
    got, events, ents = types(text)
    assert got == [], summary(events, ents)


def test_a_charge_keeps_its_with_when_the_parser_hangs_it_on_the_object():
    # PP attachment: "with" goes to the nearest noun ("the robbery"), not to "charged"
    got, events, ents = types("Prosecutors charged the driver in the robbery with armed assault, officials said.")
    assert "ACCUSE" in got, summary(events, ents)


def test_a_price_charged_is_no_accusation():
    got, events, ents = types("The hotel charged guests a fee for parking near the beach.")
    assert "ACCUSE" not in got, summary(events, ents)


@pytest.mark.parametrize("text", [
    "Federal prosecutors charged the man in the stabbing with attempted murder, they said Friday.",
    "City prosecutors charged the driver in the collision with manslaughter, officials said Tuesday.",
])
def test_charged_with_hung_on_the_noun_of_an_earlier_phrase_is_still_a_charge(text):
    # the parser hangs "with X" on the noun of "in the stabbing"; PP attachment, not the sense,
    # decides that: "charge ... with" is the ACCUSE (formal accusation) sense of the manual
    got, events, ents = types(text)
    assert "ACCUSE" in got, summary(events, ents)


@pytest.mark.parametrize("text", [
    "A man appeared in court in Lyon on Monday, charged with one count of murder.",
    "The driver was charged with two counts of manslaughter on Tuesday.",
])
def test_the_crime_counted_in_a_charge_is_its_topic_not_an_attack(text):
    # as for "convicted of murder": the crime is what the accusation is about, whether or not
    # it is counted ("one count of murder"); no second ASSAULT comes from the charge sheet
    got, events, ents = types(text)
    assert "ACCUSE" in got and "ASSAULT" not in got, summary(events, ents)
