"""Closed-class English words the rule modules share: month and weekday names, number words,
multipliers, auxiliaries, negators and pronouns. One place, so that dates, quantities and events read "twelve" or
"won't" the same way; lower case, as the rules compare ``token.lower_``."""
from __future__ import annotations

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "weds": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# multipliers written after a number: "3 million", "2bn", "5 lakh"
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
               "trillion": 1e12, "tn": 1e12, "k": 1e3, "lakh": 1e5, "crore": 1e7}
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo"})  # "wo" is spaCy's token for "won't"
HAVE_AUXILIARIES = frozenset({"have", "has", "had", "'ve", "'d"})
MODAL_AUXILIARIES = frozenset({"can", "could", "may", "might", "must", "should", "would", "ca", "'d"})
FUTURE_AUX = FUTURE_AUXILIARIES
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "'d"})
OBLIGATION_AUX = frozenset({"must", "should"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
# "there is no evidence/proof/sign of X": the nouns whose absence, stated, denies a claim
EVIDENCE_NOUNS = frozenset({"evidence", "proof", "sign", "indication", "basis", "truth"})
CLAIM_NOUNS = frozenset({"claim", "allegation", "accusation", "assertion", "charge"})
CONDITION_MARKS = frozenset({"if", "unless", "lest", "until", "till", "before", "whether"})
# pronouns that stand for a thing or a clause, not for someone who acts
# people who act in someone else's name: "a spokesman for the ministry" speaks as the ministry
SPEAKS_FOR_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "envoy",
                              "negotiator", "lawyer", "attorney", "emissary"})
NON_PERSONAL_PRONOUNS = frozenset({"this", "that", "these", "those", "which", "what", "whatever", "something",
                                   "nothing", "anything", "everything"})
# counts of people or things written as words: number words and the round ones ("a dozen")
COUNT_WORDS = {**{k: v for k, v in NUMBER_WORDS.items() if v}, "dozen": 12, "hundred": 100}
# verbs whose subject stands in time or cause beside an event named by their object, not its doer:
# "his announcement followed two weeks of protests", "the ruling sparked protests", "the city saw
# clashes" -- the subject of "launched an attack" does the attack, theirs does not. ("cause" is not
# here: "the shooting caused the death of 50" asserts the deaths, and its subject is their setting)
SEQUENCE_VERBS = frozenset({"follow", "precede", "see", "witness", "mark", "spark", "trigger", "prompt",
                            "provoke", "fuel"})
# verbs of causing whose object is a happening they brought about: "the bill sparked protests"
# states that protests took place, as "protests broke out" does
CAUSE_VERBS = frozenset({"spark", "trigger", "prompt", "provoke", "ignite", "unleash", "cause"})
# verbs of prevention: the act in their "from" phrase is kept from happening ("prevent X from voting")
PREVENT_VERBS = frozenset({"prevent", "stop", "bar", "ban", "block", "keep", "deter", "prohibit", "discourage",
                           "restrain", "forbid", "exclude", "disqualify", "preclude"})
# verbs that put forward what someone says or thinks: their clause is content, not a happening
SAY_VERBS = frozenset({"say", "tell", "report", "claim", "believe", "think", "write", "add", "note", "state", "insist",
                       "argue", "suggest", "conclude", "deem", "describe", "suppose", "allege"})
# Nouns that make a capitalised phrase an organisation's name ("Center", "Office", "Media"): a
# name the tagger cut before the rest of its capitalised words goes on through them only when it
# holds one of these (kb.nlp.entities).
ORGANISATION_HEADS = frozenset({
    "agency", "alliance", "assembly", "association", "authority", "board", "bureau", "center", "centre",
    "coalition", "college", "commission", "committee", "company", "council", "court", "department",
    "federation", "foundation", "front", "fund", "group", "institute", "league", "media", "ministry",
    "movement", "network", "office", "organisation", "organization", "party", "press", "programme",
    "program", "radio", "school", "service", "society", "television", "tv", "union", "university",
})
# The last word of a body's name, never of a person's: a span the tagger calls a person that ends
# in one ("Quds Force", "the Revolutionary Guard", "Liberal Party") names an organisation. Words
# that are also surnames ("Court", "Service", "Press") are left out.
BODY_NAME_ENDS = frozenset({
    "force", "forces", "army", "guard", "guards", "corps", "brigade", "brigades", "militia", "regiment",
    "battalion", "party", "council", "committee", "ministry", "commission", "agency", "department",
    "movement", "union", "association", "federation", "foundation", "institute", "organisation",
    "organization", "authority", "coalition", "alliance",
})
# Common nouns for a kind of organisation that a name written right after them belongs to: "the
# news network RTHK", "the message board 8chan", "Iranian airline Mahan Air", "state news firm
# Saba" name organisations whatever the tagger said (kb.nlp.entities).
ORGANISATION_KIND_NOUNS = frozenset({
    "agency", "airline", "app", "bank", "board", "broadcaster", "carrier", "chain", "channel", "charity",
    "company", "daily", "firm", "forum", "group", "insurer", "magazine", "manufacturer", "militia",
    "network", "newspaper", "operator", "outlet", "platform", "publisher", "retailer", "site", "startup",
    "tabloid", "website",
})

# degree adverbs that strengthen the word they modify ("deeply unfair", "totally unacceptable"):
# VADER's booster words that news prints (vaderSentiment 3.3.2, BOOSTER_DICT), used by kb.nlp.valence
INTENSIFIERS = frozenset({"absolutely", "completely", "deeply", "entirely", "especially", "exceptionally",
                          "extremely", "fully", "greatly", "highly", "hugely", "incredibly", "particularly",
                          "really", "so", "strongly", "thoroughly", "totally", "truly", "utterly", "very",
                          "most", "more", "quite", "remarkably", "seriously", "gravely", "profoundly"})
# nouns for what someone decided, did or said: a verdict on one ("the decision was unfair") is a
# verdict on whoever made it, unlike one on a state of things ("the flood was terrible")
DEED_NOUNS = frozenset({"decision", "ruling", "judgment", "judgement", "verdict", "law", "bill", "legislation",
                        "policy", "plan", "proposal", "move", "measure", "order", "decree", "action", "act",
                        "step", "choice", "claim", "statement", "remark", "comment", "response", "handling",
                        "approach", "behaviour", "behavior", "conduct", "treatment", "attempt", "announcement",
                        "agreement", "deal", "appointment", "nomination", "reform", "strategy", "tactic",
                        "proclamation", "declaration", "demand", "request", "refusal", "idea", "initiative",
                        "notion", "suggestion", "stance", "position", "admission", "apology", "offer", "speech",
                        "disruption", "interference", "obstruction", "intervention", "rhetoric", "tweet",
                        "veto", "practice", "omission", "inaction", "failure", "mismanagement"})
# verbs of belief: "I understand he made the right decision", said in the first person, is the
# speaker's own verdict on the clause under it
BELIEF_VERBS = frozenset({"think", "believe", "understand", "feel", "know", "consider", "find", "hope"})

# a statement's overall valence (kb.nlp.valence.clause_valence, VADER's normalised sum in [-1, 1])
# at or below which it reproaches: "perpetuated the vicious cycle of addiction, despair and
# destruction" (-0.82), "a disappointing and counterproductive move" (-0.62) do; a statement that
# only names a bad thing, "the criminal investigation is in its early stages" (-0.53) or "carried
# out the attack" (-0.48), does not
REPROACH_VALENCE = -0.6
# negative words of mourning and sympathy: "a tragic loss", "we are saddened" grieve, they accuse nobody
GRIEF_WORDS = frozenset({"sad", "saddened", "sadness", "tragic", "tragedy", "grief", "grieve", "grieving", "mourn",
                         "mourning", "heartbroken", "heartbreaking", "devastated", "devastating", "loss", "pain",
                         "painful", "sorrow", "condolence", "sympathy", "tears", "cry", "die", "death", "dead",
                         "killed", "victim", "victims", "injured", "hurt", "suffering", "shock", "shocked"})

# nouns for a state's own authorities: "the government allowed ...", "authorities permitted ..."
STATE_BODIES = frozenset({"government", "authority", "authorities", "ministry", "regime", "junta", "administration",
                          "cabinet", "court", "parliament", "police", "army", "military", "state", "council",
                          "legislature", "congress", "senate", "president", "minister", "governor", "mayor"})

# verbs whose subject undergoes what their object names: "the town faced a terrible crisis",
# "she received threats" -- a statement of what befell a party judges nobody
BEFALL_VERBS = frozenset({"receive", "face", "suffer", "undergo", "endure", "sustain", "experience"})

# units of a span of time: "was extended by two weeks" measures, the "by" phrase names no doer
TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade"})

# participles that give a person's name to the noun they hang on: "a woman named X", "a chef called X"
NAMING_VERBS = frozenset({"name", "call"})
