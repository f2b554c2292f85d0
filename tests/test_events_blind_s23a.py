"""Event senses and participants the rules missed on eight news articles annotated blind (issue 13,
Wikinews rows 4, 19, 35, 43, 44, 46, 76, 90): a court throwing a case out, a legislature passing a
bill, regret and apology, "attacked the proclamation" and "questioned his authority" as criticism,
the doer of a reduced passive ("raped by X"), "had her home searched", the one who oversees a
summit, "attended a summit", and protests a bill "sparked". Every sentence is invented."""
import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow


def by_type(text):
    events, ents, _ = run(text)
    return {e.type: e for e in events}, events, ents


def test_case_thrown_out_of_court_is_a_rejection():
    # a court dismissing a case: REJECT, as "dismissed the lawsuit" (PLOVER REJECT: all rejections)
    got, events, ents = by_type("The case against Ivan Petrov was thrown out of court for lack of evidence.")
    assert "REJECT" in got, summary(events, ents)


def test_throwing_out_rubbish_is_no_event():
    got, events, ents = by_type("Ivan Petrov threw out the old newspapers on Monday.")
    assert not events, summary(events, ents)


def test_legislature_passing_a_bill_supports_it():
    # PLOVER SUPPORT: "express support for, commend, approve policy"
    got, events, ents = by_type("The Senate of Ruritania passed the bill on Tuesday.")
    assert "SUPPORT" in got and got["SUPPORT"].actors, summary(events, ents)


@pytest.mark.parametrize("text", ["Time passed slowly in the village.", "Marta Silva passed the ball to Ivan Petrov."])
def test_other_senses_of_pass_are_no_support(text):
    got, events, ents = by_type(text)
    assert "SUPPORT" not in got, summary(events, ents)


@pytest.mark.parametrize("text", [
    'Bishop Jorge Ruiz said, "I am sorry for every wound inflicted by the church."',
    "Jorge Ruiz said he regretted the deaths of the miners.",
])
def test_regret_and_apology_concede(text):
    # PLOVER CONCEDE: "expressions of regret or remorse for an action or situation"
    got, events, ents = by_type(text)
    assert "CONCEDE" in got, summary(events, ents)
    assert "Jorge Ruiz" in names(ents, got["CONCEDE"].actors)


def test_sorry_without_an_object_of_regret_is_no_event():
    got, events, ents = by_type("Jorge Ruiz said the weather was a sorry sight.")
    assert "CONCEDE" not in got, summary(events, ents)


def test_attacking_a_proclamation_is_criticism_not_violence():
    # issue 13, kind 6: "attacked the plans" is an ACCUSE
    got, events, ents = by_type("Marta Silva attacked the proclamation of the islands as Ruritanian territory.")
    assert "ACCUSE" in got and "ASSAULT" not in got, summary(events, ents)
    assert "Marta Silva" in names(ents, got["ACCUSE"].actors)


def test_questioning_authority_is_criticism():
    # PLOVER ACCUSE: "express disapprovals, objections"
    got, events, ents = by_type("Marta Silva questioned his authority to close the museum.")
    assert "ACCUSE" in got, summary(events, ents)
    assert "Marta Silva" in names(ents, got["ACCUSE"].actors)


def test_reduced_passive_names_its_doer_in_the_by_phrase():
    # "X, attacked by Y": the reduced relative is a passive; Y does the act
    got, events, ents = by_type("Marta Silva, attacked by Ivan Petrov in March, has recovered.")
    assert "ASSAULT" in got, summary(events, ents)
    assert names(ents, got["ASSAULT"].actors) == {"Ivan Petrov"}


def test_had_her_home_searched_is_a_search_of_her_home():
    # PLOVER COERCE seize: "execute search"; "have X searched" is a passive in all but form: the
    # subject of the small clause is searched, not the searcher
    got, events, ents = by_type("Marta Silva had her home and computer searched.")
    assert "COERCE" in got, summary(events, ents)
    assert "Marta Silva" not in names(ents, got["COERCE"].actors)


def test_summit_overseen_by_someone_has_them_as_participant():
    # the one who runs a meeting takes part in it, as "talks hosted by X" (PLOVER CONSULT)
    got, events, ents = by_type("In May, bishops attended a summit in Rome, overseen by Marta Silva.")
    assert "CONSULT" in got, summary(events, ents)
    assert "Marta Silva" in names(ents, got["CONSULT"].actors)
    assert got["CONSULT"].confidence >= 0.6


def test_protests_a_bill_sparked_took_place():
    # the object of a verb of causing is a happening the sentence states, as "protests broke out"
    events, ents, _ = run("The new law has sparked controversy and protests.")
    protest = [e for e in events if e.type == "PROTEST"]
    assert protest and protest[0].confidence >= 0.6, summary(events, ents)


def test_protests_a_bill_could_spark_are_not_stated():
    events, ents, _ = run("Critics fear the new law will spark protests.")
    assert all(e.confidence < 0.6 for e in events), [(e.type, e.confidence) for e in events]


def test_a_duty_given_is_no_act_done():
    # "a unit tasked with investigating": the unit's job described, no investigation reported
    got, events, ents = by_type("Ivan Petrov worked for an elite unit tasked with investigating organised crime.")
    assert "ACCUSE" not in got, summary(events, ents)


def test_a_law_about_a_kind_of_act_tells_no_act():
    # as "the fine for breaking the law": a code "for sentencing" sentences nobody
    got, events, ents = by_type("The party prepared amendments to the penal code for sentencing fraudsters to 30 years.")
    assert "SANCTION" not in got, summary(events, ents)


@pytest.mark.parametrize("text", [
    "An appeal by Marta Silva and the prosecutors secured a new trial.",
    "Marta Silva lodged an appeal against the verdict on Monday.",
])
def test_a_legal_appeal_rejects_the_verdict(text):
    # as the verb row "appealed the verdict": REJECT (PLOVER: all rejections)
    got, events, ents = by_type(text)
    assert "REJECT" in got and got["REJECT"].confidence >= 0.6, summary(events, ents)
    assert "Marta Silva" in names(ents, got["REJECT"].actors)


def test_an_appeal_for_calm_is_no_rejection():
    got, events, ents = by_type("The appeal by Mayor Marta Silva for calm went unheeded.")
    assert "REJECT" not in got, summary(events, ents)


def test_first_person_in_a_later_sentence_of_a_quotation_is_the_speaker():
    # issue 13, kind 9: a quotation running over several sentences keeps its speaker
    got, events, ents = by_type('Bishop Jorge Ruiz said, "I am deeply shocked by what I saw in the film. '
                                'The suffering is great. I urge Ruritania to open an inquiry."')
    assert "REQUEST" in got, summary(events, ents)
    assert "Jorge Ruiz" in names(ents, got["REQUEST"].actors)


def test_reduced_passive_describing_a_thing_names_no_doer():
    # "the plan, rejected by X": a description of the plan, background to the clause's own news
    events, ents, _ = run("The plan, rejected by Ivan Petrov in March, was later revived by the council.")
    assert not any("Ivan Petrov" in names(ents, e.actors) for e in events if e.confidence >= 0.6), summary(events, ents)
