"""The NLP pass over one document: a spaCy ``Doc`` in, an :class:`Extraction` of plain data out."""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from typing import Iterable, Iterator

from spacy.tokens import Doc

from .actors import ActorBook, assign_actor_countries, assign_sectors
from ..limits import max_article_chars

from .docinfo import doc_text, sentence_index_of, sentences as sentences_of
from .entities import find_entities, resolve_head_noun_references, resolve_references, resolve_title_references
from .events import extract_events
from ..gazetteer import Gazetteer
from .index import DocEntities
from .limits import DocumentFailed, guarded, max_seconds
from .quantities import extract_quantities
from .quotes import extract_quotes
from .roles import assign_person_countries, dominant_country, find_roles, find_tenures
from ..records import EntityRec, Extraction, MentionRec, SentenceRec


def _country_maker(index: DocEntities, gaz: Gazetteer):
    def ensure_country(code: str) -> str:
        name = gaz.country_name(code) or code
        for key, ent in index.entities.items():
            if ent.country == code and ent.type == "GPE" and ent.name == name:
                return key
        key = f"c-{code}"
        index.entities[key] = EntityRec(key=key, name=name, type="GPE", country=code)
        return key

    return ensure_country


NO_TARGET = {"ELECTION", "DEATH"}
# With no target named, protest is against the protesters' own government, and coercion or a
# concession (martial law, arrests, lifting a curfew) is the government's towards its own people.
DOMESTIC_BY_DEFAULT = {"PROTEST", "COERCE", "CONCEDE"}


_FIRST_PERSON = {"i", "we"}


def speak_for_quoted_first_person(doc: Doc, events, quotes) -> None:
    """'"I thank John for his service," wrote the president': an act in the first person inside
    quoted words is the speaker's (PLOVER codes the source who acts), so an event with no actor
    whose trigger's subject is "I" or "we" takes the quote's speaker."""
    spans = [(q.start, q.end, q.speaker_key) for q in quotes if q.speaker_key]
    for ev in events:
        if ev.actors:
            continue
        speaker = next((k for a, b, k in spans if a <= ev.start < b), None)
        if speaker is None:
            continue
        span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and tok.dep_ in ("xcomp", "conj") and tok.head.pos_ in ("VERB", "AUX"):
            subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]  # "I offered to resign"
        if any(s.lower_ in _FIRST_PERSON for s in subjects):
            ev.actors = [speaker]
            ev.recipients = [k for k in ev.recipients if k != speaker]


def apply_target_conventions(events, index: DocEntities, ensure_country) -> None:
    """Event-data coding conventions for events whose text names no recipient.

    As in CAMEO/PLOVER coding, an action taken *in* a country with no other target is coded
    against that country ("Serbia lifted a curfew in Montenegro": target Montenegro), a
    protest with no named target is against the protesters' own government ("Young Algerians
    blocked roads": Algeria), and coercion or a concession with none is a government's towards
    its own people ("Iraq's government imposed martial law": Iraq). The recipient added this way is the country entity, never the
    city, and the event's confidence drops a little since the target was inferred.
    """
    for ev in events:
        if ev.type in NO_TARGET or ev.recipients:
            continue
        code = None
        if ev.location_key is not None:
            loc = index.entities.get(ev.location_key)
            code = loc.country if loc is not None else None
        if code is None and ev.type in DOMESTIC_BY_DEFAULT:
            codes = {index.entities[a].country for a in ev.actors if a in index.entities}
            codes.discard(None)
            code = codes.pop() if len(codes) == 1 else None
        actor_codes = [index.entities[a].country for a in ev.actors if a in index.entities]
        if len(ev.actors) > 1 and code in actor_codes:
            continue  # a joint action of several parties, one of them at home: no target to add
        if code and code not in {"IGO", "NGO"}:
            ev.recipients = [ensure_country(code)]
            ev.confidence = round(max(0.0, ev.confidence - 0.05), 3)


def analyse(doc: Doc, published: dt.date | None, gaz: Gazetteer | None = None,
            book: ActorBook | None = None) -> Extraction:
    """Everything the knowledge base keeps about one parsed document."""
    gaz = gaz or Gazetteer.load()
    book = book or ActorBook.builtin()
    index, mentions, _ = find_entities(doc, gaz)
    ensure_country = _country_maker(index, gaz)
    roles = find_roles(doc, index, gaz, ensure_country)
    home = dominant_country(index, doc)
    # the office the text states first ("Syria's foreign minister"), then the actor book, and
    # only then the guess that a titled person belongs to the country the article is about
    assign_person_countries(index, roles, None)
    assign_actor_countries(doc, index, book, published)
    assign_person_countries(index, roles, home)
    roles = [
        dataclasses.replace(r, of_key=ensure_country(index.entities[r.person_key].country))
        if r.of_key is None and index.entities[r.person_key].country
        and gaz.titles().get(r.title.split()[-1]) in {"head_of_state", "head_of_government", "minister"}
        else r
        for r in roles
    ]
    sent_of = sentence_index_of(doc)
    text = doc_text(doc)  # spaCy joins every token's text anew on each access: once per document
    for key, first, last in resolve_references(doc, index, ensure_country):
        mentions.append(MentionRec(key, sent_of[first.i], first.idx, last.idx + len(last.text),
                                   text[first.idx:last.idx + len(last.text)]))
    for key, first, last in [*resolve_title_references(doc, index, roles, gaz), *resolve_head_noun_references(doc, index)]:
        mentions.append(MentionRec(key, sent_of[first.i], first.idx, last.idx + len(last.text),
                                   text[first.idx:last.idx + len(last.text)]))
    roles += find_tenures(doc, index, roles)
    events = extract_events(doc, index, published)
    apply_target_conventions(events, index, ensure_country)
    assign_sectors(doc, index, events, roles, book, published, home)
    quotes = extract_quotes(doc, index)
    speak_for_quoted_first_person(doc, events, quotes)
    quantities = extract_quantities(doc)

    # keep entities the text names or that a fact points at
    used = {m.entity_key for m in mentions}
    used |= {r.of_key for r in roles if r.of_key}
    for ev in events:
        used |= set(ev.actors) | set(ev.recipients) | ({ev.location_key} if ev.location_key else set())
    used |= {q.speaker_key for q in quotes if q.speaker_key}
    entities = [e for k, e in index.entities.items() if k in used]
    # a sentence's text is the document's between its bounds (Span.text would join its tokens)
    sentences = [SentenceRec(i, s.start_char, s.end_char, text[s.start_char:s.end_char])
                 for i, s in enumerate(sentences_of(doc))]
    mentions.sort(key=lambda m: (m.start, m.end))
    return Extraction(sentences=sentences, entities=entities, mentions=mentions, roles=roles,
                      events=events, quotes=quotes, quantities=quantities)


class Extractor:
    """Owns the spaCy pipeline; parses texts in batches and analyses each ``Doc``."""

    def __init__(self, nlp=None, actors=None):
        """``actors``: the user's own :class:`~kb.nlp.actors.Actor` entries, added to the built-in book."""
        if nlp is None:
            from .model import load_pipeline

            nlp = load_pipeline()
        # the readers refuse what is over KB_MAX_ARTICLE_CHARS; spaCy must accept the rest
        nlp.max_length = max(nlp.max_length, max_article_chars() + 1)
        self.nlp = nlp
        self.gaz = Gazetteer.load()
        self.book = ActorBook.builtin().extended(actors or [])

    def analyse_text(self, text: str, published: dt.date | None = None) -> Extraction:
        return analyse(self.nlp(text), published, self.gaz, self.book)

    def pipe_guarded(self, items: Iterable[tuple[str, dt.date | None]], batch_size: int = 32,
                     seconds: float | None = None) -> Iterator[Extraction | DocumentFailed]:
        """Like ``pipe``, but each document under the limits of kb.nlp.limits: one that takes
        too long or breaks a rule comes back as a DocumentFailed, and the others as usual. A
        batch is parsed together (spaCy is faster so) under the batch's time; should that fail,
        its documents are parsed one by one, each under its own."""
        seconds = max_seconds() if seconds is None else seconds
        it = iter(items)
        while batch := list(itertools.islice(it, max(1, batch_size))):
            docs = guarded(lambda: list(self.nlp.pipe([t for t, _ in batch], batch_size=len(batch))),
                           seconds * len(batch))
            for i, (text, published) in enumerate(batch):
                if isinstance(docs, DocumentFailed):
                    yield guarded(lambda: analyse(self.nlp(text), published, self.gaz, self.book), seconds)
                else:
                    yield guarded(lambda: analyse(docs[i], published, self.gaz, self.book), seconds)

    def pipe(self, items: Iterable[tuple[str, dt.date | None]], batch_size: int = 32,
             n_process: int = 1) -> Iterator[Extraction]:
        """Analyse (text, published) pairs in order, letting spaCy batch the parse."""
        pairs = ((text, published) for text, published in items)
        for doc, published in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
            yield analyse(doc, published, self.gaz, self.book)
