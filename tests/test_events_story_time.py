"""The story's own time and place for events that name none, days told relative to it, and the
setting, count and place phrases of issue 13. Every sentence here is invented."""
import datetime as dt
import json

import pytest
from eventkit import names, run, summary

from kb.nlp.dates import anaphoric_day, resolve_date, shift_day

pytestmark = pytest.mark.slow
PUB = dt.date(2024, 11, 8)  # a Friday


def of_type(events, ents, kind, trigger=None):
    found = [e for e in events if e.type == kind and (trigger is None or e.trigger == trigger)]
    assert found, summary(events, ents)
    return found[0]


# ---- dates.py: anaphoric days ------------------------------------------------------------------
def test_anaphoric_day_offsets():
    assert anaphoric_day("the following day") == 1
    assert anaphoric_day("the next day") == 1
    assert anaphoric_day("that day") == 0
    assert anaphoric_day("the same day") == 0
    assert anaphoric_day("the day before") == -1
    assert anaphoric_day("Thursday") is None
    assert anaphoric_day("the following week") is None


def test_anaphoric_day_is_not_read_against_publication():
    # "the following day" follows the story's day, not the day of writing
    assert resolve_date("the following day", PUB) is None


def test_shift_day_keeps_coarse_references_coarse():
    day = resolve_date("Tuesday", PUB)
    assert shift_day(day, 1, "the next day").iso == "2024-11-06"
    month = resolve_date("in August", PUB)
    assert shift_day(month, 0, "that day").iso == month.iso
    assert shift_day(month, 1, "the next day") is None


# ---- the story's time ---------------------------------------------------------------------------
def test_undated_physical_event_takes_the_story_time():
    events, ents, _ = run("A warehouse caught fire on Monday in Tirana. Rescuers recovered twelve survivors from the ruins.", PUB)
    ev = of_type(events, ents, "AID")
    assert ev.date is not None and ev.date.iso == "2024-11-04"
    assert ev.date_from_story  # stored as date_precision 'story', never as a stated day


def test_story_time_carries_over_a_dateless_sentence():
    events, ents, _ = run("Ministers met in Lima on Tuesday. The talks were long. "
                          "Peru expelled two Chilean diplomats.", PUB)
    ev = of_type(events, ents, "SANCTION")
    assert ev.date is not None and ev.date.iso == "2024-11-05"


def test_present_tense_statement_keeps_no_story_date():
    # a denial in the present is made now, not on the day the story was at
    events, ents, _ = run("Rebels attacked a convoy on Monday. The government denies the rebels' claims.", PUB)
    ev = of_type(events, ents, "REJECT")
    assert ev.date is None


def test_future_event_keeps_no_story_date():
    events, ents, _ = run("Rebels attacked a convoy on Monday. Chile will send aid to Peru.", PUB)
    ev = of_type(events, ents, "AGREE")
    assert ev.date is None


def test_own_date_wins_over_story_time():
    events, ents, _ = run("Ministers met in Lima on Tuesday. Police arrested two protesters on Wednesday.", PUB)
    ev = of_type(events, ents, "COERCE")
    assert ev.date.iso == "2024-11-06" and not ev.date_from_story


def test_the_following_day_is_the_day_after_the_story_time():
    events, ents, _ = run("Ministers of Peru and Chile met in Lima on Tuesday. "
                          "The following day, Bolivia condemned the meeting.", PUB)
    ev = of_type(events, ents, "ACCUSE")
    assert ev.date.iso == "2024-11-06"


def test_release_issued_the_following_day():
    events, ents, _ = run("Ministers of Peru and Chile met in Lima on Tuesday. In a statement issued the "
                          "following day, the Bolivian Ministry of Foreign Affairs condemned the meeting.", PUB)
    ev = of_type(events, ents, "ACCUSE")
    assert ev.date.iso == "2024-11-06"


# ---- setting phrases ----------------------------------------------------------------------------
def test_part_of_day_in_a_time_phrase():
    # "Saturday morning": the day that modifies the part of the day
    events, ents, _ = run("On Saturday morning, a gunman shot shoppers at a mall in Lima.", PUB)
    ev = of_type(events, ents, "ASSAULT")
    assert ev.date.iso == "2024-11-02"


def test_date_of_the_occasion_an_event_is_in():
    events, ents, _ = run("Students protested in Lima during Monday's session of parliament.", PUB)
    ev = of_type(events, ents, "PROTEST")
    assert ev.date.iso == "2024-11-04"


# ---- places -------------------------------------------------------------------------------------
def test_undated_physical_event_takes_the_story_scene():
    events, ents, _ = run("A warehouse collapsed on Monday in Tirana. Rescuers recovered twelve survivors.", PUB)
    ev = of_type(events, ents, "AID")
    assert names(ents, [ev.location_key]) == {"Tirana"}


def test_statement_takes_no_scene():
    # a statement is made wherever its speaker is, not at the scene of the story
    events, ents, _ = run("Gunmen attacked a bus in Kabul on Monday. Iran condemned the attack.", PUB)
    ev = of_type(events, ents, "ACCUSE")
    assert ev.location_key is None


def test_place_after_a_nominal_participle_object():
    events, ents, _ = run("Police arrested the accused in the neighbourhood of Tirana.", PUB)
    ev = of_type(events, ents, "COERCE")
    assert names(ents, [ev.location_key]) == {"Tirana"}


# ---- counts -------------------------------------------------------------------------------------
def test_count_of_people_rescued():
    events, ents, _ = run("Rescuers recovered at least ten survivors from the rubble in Tirana.", PUB)
    ev = of_type(events, ents, "AID")
    assert ev.count == 10


# ---- kinds found reading unseen Wikinews articles -------------------------------------------------
def test_flashback_month_does_not_move_the_story_time():
    # "Last month, ..." is background: the next sentences are back at the story's day
    events, ents, _ = run("On Wednesday, the German government said Peru had poisoned a diplomat. "
                          "Last month, the diplomat was airlifted to Berlin. "
                          "Angela Merkel demanded an explanation from Peru.", PUB)
    ev = of_type(events, ents, "REQUEST", "demanded")
    assert ev.date.iso == "2024-11-06"


def test_flashback_keeps_its_own_coarse_date():
    events, ents, _ = run("Rebels attacked a convoy in Lima on Monday. "
                          "Earlier this year, an earthquake in Peru caused eleven deaths.", PUB)
    ev = of_type(events, ents, "DEATH")
    assert ev.date.iso == "2024"


def test_past_perfect_is_before_the_story_time():
    events, ents, _ = run("Rebels attacked a convoy in Lima on Monday. Peru had condemned the rebels.", PUB)
    assert of_type(events, ents, "ACCUSE").date is None
    events, ents, _ = run("Rebels attacked a convoy in Lima on Monday. Peru condemned the rebels.", PUB)
    assert of_type(events, ents, "ACCUSE").date.iso == "2024-11-04"


def test_present_perfect_shared_by_a_conjoined_verb():
    events, ents, _ = run("A bus overturned in Lima on Sunday. Police have opened a case against the driver "
                          "and detained him for questioning.", PUB)
    ev = of_type(events, ents, "COERCE")
    assert ev.date is None


def test_date_inside_an_event_subject():
    events, ents, _ = run("A road accident on a highway on Thursday killed five children.", PUB)
    ev = of_type(events, ents, "DEATH")
    assert ev.date.iso == "2024-11-07" and ev.count == 5


def test_numeral_subject_of_died_is_the_count():
    events, ents, _ = run("A bus overturned in Lima on Sunday. At least seven, including four children, died.", PUB)
    ev = of_type(events, ents, "DEATH")
    assert ev.count == 7


def test_conjoined_verb_shares_the_time_adjunct():
    events, ents, _ = run("The man was driving a truck in Lima on the night of June 21 and struck a group "
                          "of motorcycles, killing seven riders.", PUB)
    ev = of_type(events, ents, "ASSAULT")
    assert ev.date.iso == "2024-06-21"


def test_date_attached_to_an_adjective_complement_is_the_verbs():
    # (a plea is no event since the conflict rules; a court's finding is a SANCTION)
    events, ents, _ = run("The court found the law unconstitutional on Tuesday.", PUB)
    assert events, summary(events, ents)
    assert events[0].date is not None and events[0].date.iso == "2024-11-05"


def test_election_takes_no_scene():
    events, ents, _ = run("Protesters marched in London on Saturday. In 2016, Britain held a referendum.", PUB)
    ev = of_type(events, ents, "ELECTION")
    assert ev.location_key is None and ev.date.iso == "2016"


def test_said_by_a_main_clause_of_estimating():
    # the story's day comes from the happening under "estimates indicate", not only the root
    events, ents, _ = run("Estimates indicate one million people marched in London on Saturday. "
                          "Police arrested twenty protesters.", PUB)
    ev = of_type(events, ents, "COERCE")
    assert ev.date.iso == "2024-11-02"


def test_no_merge_in_a_sentence_across_dates():
    events, _, _ = run("Rebels shelled the town on Monday and attacked it again on Tuesday.", PUB)
    assert sorted(e.date.iso for e in events if e.type == "ASSAULT") == ["2024-11-04", "2024-11-05"]


# ---- second reading: own times, reported content, numbers ----------------------------------------
def test_time_adverb_is_a_time_of_its_own():
    events, ents, _ = run("Rebels attacked a convoy in Lima on Monday. Peru recently condemned the rebels.", PUB)
    assert of_type(events, ents, "ACCUSE").date is None


def test_flashback_without_a_day_takes_neither_story_time_nor_scene():
    events, ents, _ = run("Rebels attacked a convoy in Lima on Monday. Last week a car bombing killed five.", PUB)
    ev = of_type(events, ents, "DEATH")
    assert ev.date is None and ev.location_key is None


def test_reported_content_is_not_on_the_story_line():
    events, ents, _ = run("Ministers of Peru and Chile met in Lima on Monday. "
                          "Witnesses said Bolivia expelled two Chilean diplomats.", PUB)
    ev = of_type(events, ents, "SANCTION")
    assert ev.date is None


def test_part_of_day_as_an_adverb():
    events, ents, _ = run("A fire yesterday afternoon killed five girls at an escape room in Warsaw.", PUB)
    ev = of_type(events, ents, "DEATH")
    assert ev.date.iso == "2024-11-07" and ev.count == 5


def test_hyphenated_number_word_is_one_count():
    events, ents, _ = run("Sixty-six people or more were injured yesterday.", PUB)
    ev = of_type(events, ents, "ASSAULT")
    assert ev.count == 66


def test_passive_victims_are_the_count():
    events, ents, _ = run("Around twenty soldiers were injured in Lima on Monday.", PUB)
    ev = of_type(events, ents, "ASSAULT")
    assert ev.count == 20


def test_two_counts_of_one_act_in_a_sentence_stay_one_event():
    # killed and injured are one attack on two groups of victims: the first count stays
    events, ents, _ = run("A gunman killed 22 people and injured 24 others at a store in Lima on Saturday.", PUB)
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert len(attacks) == 1 and attacks[0].count == 22, summary(events, ents)


def test_story_date_is_stored_and_listed_as_story(tmp_path, sqlite_url):
    # what an analyst sees: the date marked as the story's, apart from dates the text states
    from clikit import kb, kb_json
    article = tmp_path / "fire.jsonl"
    article.write_text(json.dumps({"url": "https://example.org/fire", "title": "Warehouse fire", "published": "2024-11-08",
                                   "text": "A warehouse caught fire on Monday in Tirana. Rescuers recovered twelve "
                                           "survivors from the ruins."}) + "\n", encoding="utf-8")
    assert kb("ingest", str(article), "--quiet", db=sqlite_url).exit_code == 0
    events = kb_json("events", "--all", db=sqlite_url)
    rescue = [e for e in events if e["type"] == "AID"]
    assert rescue and rescue[0]["date"] == "2024-11-04" and rescue[0]["date_precision"] == "story", events
    fire = [e for e in events if e["date_precision"] == "day"]
    assert all(e["type"] != "AID" for e in fire)
