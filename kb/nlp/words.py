"""Closed-class English words the NLP rules share: auxiliaries, negators, number words, months,
pronouns. One place, so a rule reads "words.FUTURE_AUX" rather than its own copy of a list."""
from __future__ import annotations

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "'d"})
OBLIGATION_AUX = frozenset({"must", "should"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
CONDITION_MARKS = frozenset({"if", "unless", "lest", "until", "till", "before", "whether"})
# pronouns that stand for a thing or a clause, not for someone who acts
NON_PERSONAL_PRONOUNS = frozenset({"this", "that", "these", "those", "which", "what", "whatever", "something",
                                   "nothing", "anything", "everything"})
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12,
                "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
                "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
          "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
          "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
          "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
