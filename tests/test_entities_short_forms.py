"""Names the text writes in a short or borrowed form: a short form before its bracketed expansion,
a bracket inside a tagged span, a storm referred back to by its name alone, a platform something
is posted on, a capitalised word closing a title ("Secretary of State"). Invented sentences, real
model."""
from __future__ import annotations

from kb.gazetteer import Gazetteer
from kb.nlp.entities import find_entities
from kb.nlp.extract import analyse
from nlpkit import nlp_fixture

nlp = nlp_fixture()


def entities(nlp, text):
    index, _, _ = find_entities(nlp(text), Gazetteer.load())
    return {e.name: e for e in index.entities.values()}


def test_short_form_before_its_bracketed_expansion_is_one_organisation(nlp):
    names = entities(nlp, "Jon Ames wrestled for the WWE (World Wrestling Entertainment) and for AEW "
                          "(All Elite Wrestling) later. WWE said it was sad. He signed to AEW.")
    assert names["World Wrestling Entertainment"].aliases == ["WWE"]
    assert names["All Elite Wrestling"].aliases == ["AEW"]
    assert "WWE" not in names and "AEW" not in names


def test_short_form_the_tagger_missed_before_the_expansion(nlp):
    names = entities(nlp, "Dan Berg wrestled for PWF (Pacific Wrestling Federation) for years. PWF said he was loved.")
    assert names["Pacific Wrestling Federation"].aliases == ["PWF"]
    assert "PWF" not in names


def test_expansion_before_brackets_is_cut_at_the_bracket(nlp):
    names = entities(nlp, "In an advisory issued at noon the Atlantic Storm Office (ASO) reported that the "
                          "storm had strengthened. The ASO also warned of floods.")
    assert "Atlantic Storm Office" in names
    assert not any("(" in n for n in names)


def test_storm_named_again_by_its_name_alone(nlp):
    names = entities(nlp, "The storm known as Hurricane Corvin reached the coast on Sunday. Corvin then "
                          "weakened, and Corvin's winds dropped.")
    assert set(names) == {"Hurricane Corvin"}
    assert "Corvin" in names["Hurricane Corvin"].aliases


def test_a_person_with_the_storms_surname_stays_a_person(nlp):
    names = entities(nlp, "Hurricane Corvin hit the coast. Mayor Ellen Corvin said the town was ready.")
    assert names["Ellen Corvin"].type == "PERSON"
    assert names["Hurricane Corvin"].type == "EVENT"


def test_what_something_is_posted_on_is_an_organisation(nlp):
    names = entities(nlp, "The minister posted a message on Twitter blaming Sweden for the attacks. "
                          "Anna Lund said it was false.")
    assert names["Twitter"].type == "ORG"
    assert names["Anna Lund"].type == "PERSON"


def test_sanctions_on_a_person_keep_the_person(nlp):
    names = entities(nlp, "The union imposed sanctions on Vladimir Ostrov. Ostrov denied wrongdoing.")
    assert names["Vladimir Ostrov"].type == "PERSON"


def test_word_closing_a_title_is_no_organisation_and_the_title_gives_the_country(nlp):
    ex = analyse(nlp("US Secretary of State Mark Pollard posted a message."), None)
    names = {e.key: e for e in ex.entities}
    assert {e.name for e in ex.entities} == {"United States", "Mark Pollard"}
    pollard = next(e for e in ex.entities if e.name == "Mark Pollard")
    assert pollard.country == "USA"
    assert {(r.title, names[r.of_key].name) for r in ex.roles} == {("secretary of state", "United States")}


def test_ministry_named_with_of_stays_an_organisation(nlp):
    names = entities(nlp, "The Ministry of Defence said the Secretary of Defense would visit.")
    assert names["Ministry of Defence"].type == "ORG"
    assert "Defense" not in names


def test_name_used_to_qualify_nouns_is_no_person(nlp):
    names = entities(nlp, "Voters backed the Brexit movement. Parliament rejected a no deal Brexit, and the "
                          "Brexit vote split the country.")
    assert names["Brexit"].type == "EVENT"


def test_surname_used_as_modifier_stays_with_its_person(nlp):
    names = entities(nlp, "Donald Trump spoke. The Trump campaign and the Trump administration disagreed.")
    assert names["Donald Trump"].type == "PERSON"
    assert "Trump" not in names


def test_plural_of_a_group_name_is_the_same_group(nlp):
    names = entities(nlp, "The Yemen-based Houthi movement claimed the attack. Iran helps the Houthis, officials said.")
    assert sum(1 for n in names if n.startswith("Houthi")) == 1
    assert next(e for n, e in names.items() if n.startswith("Houthi")).type != "PERSON"
    names = entities(nlp, "Republican senators met. Several Republicans broke ranks.")
    assert len([n for n in names if n.startswith("Republican")]) == 1


def test_organisation_named_with_and_without_its_country_is_one(nlp):
    names = entities(nlp, "The Supreme Court of the United Kingdom ruled today. The Supreme Court said the order was void.")
    court = names["Supreme Court of the United Kingdom"]
    assert court.aliases == ["Supreme Court"] and court.country == "GBR"
    names = entities(nlp, "Today United States General Services Administration administrator Emily Ward sent a "
                          "letter. The General Services Administration has acted before.")
    assert "General Services Administration" in names["United States General Services Administration"].aliases
    assert "General Services Administration" not in names


def test_two_courts_of_different_places_stay_two(nlp):
    # the short name could be either: it stays apart (the tagger's "The Supreme Court of" + "Norway"
    # takes its place back too)
    names = entities(nlp, "The Supreme Court of Norway ruled on Monday. The Supreme Court of Sweden disagreed "
                          "on Tuesday. The Supreme Court then adjourned.")
    assert {"Supreme Court of Norway", "Supreme Court of Sweden", "Supreme Court"} <= set(names)


def test_name_before_a_word_for_land_is_a_place(nlp):
    names = entities(nlp, "The drones struck the Khurais oil field before dawn.")
    assert names["Khurais"].type == "LOC"
    names = entities(nlp, "The Sandy Point area has not suffered as much.")
    assert names["Sandy Point"].type == "LOC"


def test_name_beside_a_kin_noun_is_a_person(nlp):
    names = entities(nlp, "According to his wife, Amanda, Huber succumbed to a disorder.")
    assert names["Amanda"].type == "PERSON"


def test_shouted_words_are_no_names(nlp):
    names = entities(nlp, '"I WON THIS ELECTION, BY A LOT!" he wrote. NATO and the EU reacted.')
    assert "LOT" not in names
    assert names["NATO"].type == "ORG"


def test_regnal_number_is_no_surname(nlp):
    names = entities(nlp, "Queen Elizabeth II suspended parliament on Tuesday.")
    assert "II" not in names["Elizabeth II"].aliases


def test_what_a_quotation_is_written_on_is_an_organisation(nlp):
    names = entities(nlp, 'President Trump has yet to concede, saying earlier, "I WON THIS ELECTION, BY A LOT!" on Twitter.')
    assert names["Twitter"].type == "ORG"
    assert "LOT" not in names


def test_name_and_the_same_name_with_a_kind_word_are_one_organisation(nlp):
    names = entities(nlp, "Party members chose the new Conservative leader. The Conservative Party met.")
    assert names["Conservative Party"].aliases == ["Conservative"]
    names = entities(nlp, "NBC News called the race. By NBC reckoning he won.")
    assert set(names) == {"NBC News"}


def test_based_in_a_country_gives_the_organisation_its_country(nlp):
    names = entities(nlp, "The Yemen-based Houthi movement claimed responsibility.")
    assert names["Houthi"].country == "YEM"


def test_storm_keeps_its_full_name(nlp):
    names = entities(nlp, "Hurricane Corvin reached the coast. Corvin weakened. Corvin then turned north.")
    assert set(names) == {"Hurricane Corvin"}


def test_lower_case_phrase_and_time_zone_name_are_no_entities(nlp):
    names = entities(nlp, '"Thai Raksa Chart party complies with the royal command," the party said.')
    assert "royal command" not in names
    names = entities(nlp, "It came at 10 a.m. Central European Time (0800 UTC) on April 4.")
    assert names == {}


def test_hyphenated_then_title_has_no_leading_hyphen(nlp):
    ex = analyse(nlp("A coup removed then-prime-minister Thaksin Shinawatra in 2006."), None)
    assert ex.roles and all(not r.title.startswith("-") for r in ex.roles)


def test_person_the_actor_book_lacks_takes_the_country_the_text_gives(nlp):
    ex = analyse(nlp("US professional wrestler Jon Hubbard died on Saturday aged 41."), None)
    assert next(e for e in ex.entities if e.name == "Jon Hubbard").country == "USA"
    ex = analyse(nlp("Norwegian businessman Lars Lunde bought the firm."), None)
    assert next(e for e in ex.entities if e.name == "Lars Lunde").country == "NOR"


def test_venue_the_tagger_once_took_for_a_person_is_one_place(nlp):
    names = entities(nlp, "Andrea Zamp, the head chef of New York City's Cipriani Dolci restaurant, was found dead. "
                          "Fernando Dallo, the general manager of Cipriani Dolci, said so. Zamp worked at Cipriani "
                          "Dolci in Manhattan.")
    assert [n for n in names if n == "Cipriani Dolci"] == ["Cipriani Dolci"]
    assert names["Cipriani Dolci"].type != "PERSON"


def test_military_spokesperson_of_a_group_takes_the_groups_country(nlp):
    ex = analyse(nlp("The Yemen-based Houthi movement claimed the attacks on Saudi Arabia. Saudi Arabia condemned "
                     "it. Speaking in Yemen, Houthi military spokesperson Yahya Sarea said ten drones were used. "
                     "Saudi Arabia said it would respond."), None)
    sarea = next(e for e in ex.entities if e.name == "Yahya Sarea")
    assert sarea.country == "YEM"  # the group's, not the article's main country


def test_name_ending_in_a_structure_word_is_a_facility(nlp):
    names = entities(nlp, "He stood near the Lindgren Monument. He worked at Norrvik Central Terminal for years.")
    assert names["Lindgren Monument"].type == "FAC"
    assert names["Norrvik Central Terminal"].type == "FAC"


def test_head_word_alone_is_the_one_organisation_named_with_it(nlp):
    names = entities(nlp, "The Judiciary Committee met. The Committee will vote on Friday.")
    assert names["Judiciary Committee"].aliases == ["Committee"]
    assert "Committee" not in names


def test_head_word_shared_by_two_organisations_is_left_alone(nlp):
    names = entities(nlp, "The Finance Committee and the Ethics Committee met. The Committee will vote on Friday.")
    assert "Finance Committee" in names and "Ethics Committee" in names
    assert names["Finance Committee"].aliases == [] and names["Ethics Committee"].aliases == []


def test_a_name_an_editor_put_in_brackets_is_the_person_named_before(nlp):
    # "I urge [Brandt] to ...": the bracket stands for a person the quote leaves unnamed; the
    # tagger leaves it unlabelled, so the event of the quote had no recipient
    text = ('Mayor Helmut Brandt spoke on Monday. Councillor Maria Lopez told reporters: '
            '"I really urge [Brandt], if he can not govern the city, to please step down."')
    ex = analyse(nlp(text), None)
    names = {e.key: e.name for e in ex.entities}
    requests = [e for e in ex.events if e.type == "REQUEST"]
    assert len(requests) == 1, [(e.type, e.trigger) for e in ex.events]
    assert {names[k] for k in requests[0].recipients} == {"Helmut Brandt"}


def test_a_bracketed_name_of_nobody_named_before_is_not_given_to_someone_else(nlp):
    text = 'Mayor Helmut Brandt spoke on Monday. Maria Lopez said: "I urge [Carter] to resign."'
    ex = analyse(nlp(text), None)
    brandt = next(e for e in ex.entities if e.name == "Helmut Brandt")
    assert not any(m.entity_key == brandt.key and "Carter" in m.text for m in ex.mentions)
