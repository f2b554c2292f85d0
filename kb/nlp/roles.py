"""Titles of people: "Russian Deputy Prime Minister Dmitry Chernyshenko", "Delcy Rodriguez, the
vice president", "the president of Venezuela, Nicolas Maduro", "Kremlin spokesman Dmitry Peskov".

A role is a title (lower-case words), the entity it is a title of (a country for "Russian", an
organisation for "Kremlin spokesman"), and whether it is a former one. People get the country of
their office; the caller passes ``ensure_country`` so that "Russian" can point at Russia even when
the text never names Russia itself.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable

from spacy.tokens import Doc, Token

from .docinfo import sentence_index_of, sentence_of, sentences
from ..gazetteer import Gazetteer
from .entities import COURTESY
from .index import DocEntities
from .words import NAMING_VERBS
from ..records import RoleRec

# Words that qualify a title without being one; kept in the title ("deputy prime minister").
QUALIFIERS = {"deputy", "vice", "acting", "interim", "first", "senior", "chief", "assistant",
              "associate", "executive", "general", "foreign", "defence", "defense", "interior",
              "finance", "economy", "justice", "health", "opposition", "regional", "state",
              "federal", "national", "supreme", "top", "lead", "co", "military"}
FORMER = {"former", "ex", "then", "late", "ousted", "deposed", "outgoing", "erstwhile"}


def _title_text(tokens) -> str:
    """Title words as written, lower case, hyphenated words kept whole: "secretary-general"."""
    out = ""
    for t in tokens:
        out += t.lower_ + (t.whitespace_ and " ")
    return out.strip().lstrip("-")  # "then-prime-minister" leaves "-prime-minister" behind "then"


def _person_spans(index: DocEntities, doc: Doc) -> list[tuple[str, int, int]]:
    """Contiguous runs of tokens that name one person: (key, start, end)."""
    runs: list[tuple[str, int, int]] = []
    i = 0
    n = len(doc)
    while i < n:
        key = index.by_token.get(i)
        if key and index.entities[key].type == "PERSON" and doc[i].pos_ != "PRON":
            j = i
            while j < n and index.by_token.get(j) == key:
                j += 1
            runs.append((key, i, j))
            i = j
        else:
            i += 1
    return runs


class RoleFinder:
    def __init__(self, doc: Doc, index: DocEntities, gaz: Gazetteer, ensure_country: Callable[[str], str]):
        self.doc = doc
        self.index = index
        self.gaz = gaz
        self.ensure_country = ensure_country
        self.sent_of = sentence_index_of(doc)

    def _title_at_end(self, words: list[str]) -> int:
        """Length of the longest title that the words end with (0 when none)."""
        for k in range(len(words)):
            got = self.gaz.title_match(words[k:])
            if got and got[1] == len(words) - k:
                return len(words) - k
        return 0

    def _portfolio(self, tok: Token, title_word: str) -> bool:
        """A word naming a minister's brief ("Emergencies Minister", "Emergency Situations
        Minister"): a noun before a ministerial title that names no entity or place."""
        return (self.gaz.titles().get(title_word) == "minister" and tok.pos_ in {"NOUN", "PROPN"}
                and tok.is_alpha and self.index.by_token.get(tok.i) is None and self.gaz.lookup(tok.text) is None
                and not self.gaz.is_demonym(tok.text) and tok.lower_ not in FORMER)

    def _field(self, tok: Token) -> bool:
        """A lower-case common noun compounded with the title: the field or kind of the post
        ("tour manager", "criminology professor", "campaign director"), part of the title; the
        name before it is then the body the post is at ("Birmingham City University criminology
        professor X")."""
        return (tok.pos_ == "NOUN" and tok.is_lower and tok.is_alpha and tok.dep_ == "compound"
                and self.index.by_token.get(tok.i) is None and tok.lower_ not in FORMER)

    def _of(self, tok: Token) -> str | None:
        """The entity a token before a title names: a demonym, a country, an organisation."""
        key = self.index.by_token.get(tok.i)
        if key:
            ent = self.index.entities[key]
            return key if ent.type != "PERSON" else None
        place = self.gaz.lookup(tok.text)
        if place and place.code and place.kind in {"demonym", "country", "variant"}:
            return self.ensure_country(place.code)
        return None

    def title_before(self, start: int) -> tuple[str, str | None, bool, int] | None:
        """Title words right before a name ("Russian Deputy Prime Minister Dmitry ...")."""
        doc = self.doc
        lo = start
        sent_start = sentence_of(doc[start]).start
        while lo > sent_start and start - lo < 8 and (
                doc[lo - 1].pos_ in {"PROPN", "NOUN", "ADJ", "ADV"} and not doc[lo - 1].is_punct
                or doc[lo - 1].text == "-" and lo - 1 > sent_start  # "Secretary-General"
                # "Secretary of State", "Minister of Defence", "Police and Crime Commissioner",
                # "Ambassador to Germany": a title-case title with "of", "and" or "to" in it
                or doc[lo - 1].lower_ in {"of", "and", "to"} and lo - 1 > sent_start and lo < start
                and doc[lo - 2].text[:1].isupper() and doc[lo].text[:1].isupper()):
            lo -= 1
        run = list(doc[lo:start])
        words = [t.lower_ for t in run]
        if run and run[-1].tag_ in ("NNS", "NNPS"):
            # "Senators A of Florida and B of Utah": a plural title before coordinated names
            low = run[-1].lemma_.lower()
            words[-1] = low[:-1] if low == run[-1].lower_ and low.endswith("s") else low  # "Senators": no lemma
        n = self._title_at_end(words)
        cut = len(run)
        if not n:
            # "Minister of Information NAME", "Ambassador to Germany NAME": a title, then "of"
            # and the portfolio (part of the title) or "to" and the post (not part of it)
            for p in range(len(run) - 2, 0, -1):
                if words[p] in {"of", "to"} and all(t.text[:1].isupper() for t in run[p + 1:]):
                    m = self._title_at_end(words[:p])
                    if m:
                        n, cut = (len(run) - p + m, len(run)) if words[p] == "of" else (m, p)
                        break
        if not n:
            return None
        run, words = run[:cut], words[:cut]
        k = len(run) - n
        while k > 0 and (words[k - 1] in QUALIFIERS or (words[k - 1].endswith("-") and k > 1)
                         or self._portfolio(run[k - 1], words[-1]) or self._field(run[k - 1])):
            k -= 1
        title = _title_text(run[k:])
        if words[-1] != run[-1].lower_:  # a plural title is each holder's title in the singular
            title = title[: len(title) - len(run[-1].text)] + words[-1]
        former = False
        of_key = None
        j = k - 1
        while j >= 0:
            w = words[j]
            if w in FORMER:
                former = True
            elif of_key is None and (key := self._of(run[j])):
                of_key = key
            elif run[j].tag_ == "POS":
                pass
            else:
                break
            j -= 1
        if j >= 0 and words[j] in FORMER:
            former = True
        if lo > 0 and doc[lo - 1].tag_ == "POS" and lo > 1 and of_key is None:
            of_key = self._of(doc[lo - 2])  # "Venezuela's President Maduro"
        return title, of_key, former, run[max(j + 1, 0)].i if run else start

    def title_in_phrase(self, head: Token) -> tuple[str, str | None, bool] | None:
        """A title phrase such as "the vice president" or "Venezuela's foreign minister" or
        "the president of Venezuela" headed by ``head``."""
        mods = [c for c in head.lefts if c.dep_ in {"compound", "amod", "poss", "nmod"}]
        words = [t.lower_ for t in mods if t.lower_ not in FORMER] + [head.lower_]
        words = [w for w in words if w not in {"'s", "’s"}]
        n = self._title_at_end(words)
        if not n:
            # "the secretary of state": the head alone is no title, the head with its "of" phrase is
            n = 1 if self._of_phrase_in_title(head, words[-1:]) else 0
        if not n:
            return None
        k = len(words) - n
        while k > 0 and words[k - 1] in QUALIFIERS:
            k -= 1
        title = " ".join(words[k:])
        former = any(t.lower_ in FORMER for t in head.lefts)
        of_key = None
        for c in mods:
            of_key = of_key or self._of(c)
        in_title = self._of_phrase_in_title(head, words[k:])
        if in_title:
            title = in_title[0]
        for prep in head.rights:
            if in_title and prep is in_title[1]:
                continue  # "of staff" belongs to the title, not to the body
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        of_key = of_key or self.index.by_token.get(obj.i) or self._of(obj)
            elif prep.dep_ == "prep" and prep.lower_ == "for":  # "the Attorney for the X District"
                for obj in prep.children:
                    key = self.index.by_token.get(obj.i) if obj.dep_ == "pobj" else None
                    if key and self.index.entities[key].type in {"ORG", "GPE", "LOC", "FAC"}:
                        of_key = key  # the body named after "for" is more precise than a country
        return title, of_key, former

    def _of_phrase_in_title(self, head: Token, words: list[str]) -> tuple[str, Token] | None:
        """"chief of staff", "secretary of justice": when the words of the head's "of" phrase
        complete a longer title the gazetteer knows, that title and the "of" token."""
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            tail = [t for t in self.doc[prep.i:prep.right_edge.i + 1]]
            longer = words + [t.lower_ for t in tail]
            for size in range(len(longer), len(words), -1):
                got = self.gaz.title_match(longer[:size])
                if got and got[1] == size and size > len(words) + 1:
                    return " ".join(longer[:size]), prep
        return None

    def title_before_comma(self, start: int) -> tuple[str, str | None, bool, Token] | None:
        """A title phrase that ends right before ", NAME": its head is the word before the comma
        or, for "the mayor of Paris, NAME", the noun that "of" hangs on."""
        doc = self.doc
        while start > 2 and doc[start - 1].lower_ in COURTESY:
            start -= 1  # "the general manager of X, Dr Ali Y": the courtesy title sits between
        if start < 2 or doc[start - 1].text != ",":
            return None
        tok = doc[start - 2]
        cands = [tok]
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i < tok.i:
            cands.append(tok.head.head)
        for head in cands:
            if head.pos_ not in {"NOUN", "PROPN"} or (self.index.by_token.get(head.i) and head is tok
                                                      and len(cands) == 1):
                continue
            got = self.title_in_phrase(head)
            if got:
                first = min([head] + [c for c in head.lefts], key=lambda t: t.i)
                return (*got, first)
        return None

    def predicate_titles(self, head: Token) -> list[tuple[str, str | None, bool, Token]]:
        """Titles a person takes as the subject of "be"/"become"/"remain"/"serve as"."""
        # "X, who is the secretary of state": the relative clause's "who" stands for the person
        rel = [c for c in head.children if c.dep_ == "relcl" and c.lemma_ in {"be", "become", "remain", "serve"}
               and any(g.dep_ == "nsubj" and g.lower_ in {"who", "that"} for g in c.children)]
        if not rel:
            # the parser hung the clause on a noun before the name ("disagreements with X who is
            # the secretary of state"): a "who" right after the name is still the name's
            i = head.i + 1 + (head.i + 1 < len(self.doc) and self.doc[head.i + 1].text == ",")
            who = self.doc[i] if i < len(self.doc) else None
            if who is not None and who.lower_ == "who" and who.dep_ == "nsubj" and who.head.dep_ == "relcl" \
                    and who.head.lemma_ in {"be", "become", "remain", "serve"}:
                rel = [who.head]
        if rel:
            verb = rel[0]
        elif head.dep_ not in {"nsubj", "nsubjpass"} or head.head.lemma_ not in {"be", "become", "remain", "serve"}:
            return []
        else:
            verb = head.head
        if any(c.dep_ == "neg" for c in verb.children):
            return []
        preds = [c for c in verb.children if c.dep_ in {"attr", "oprd"}]
        preds += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                  if g.dep_ == "pobj"]
        preds += [g for p in list(preds) for g in p.children if g.dep_ == "conj"]
        # "leader of the party and prime minister": the parser often joins the second title to
        # the object of "of"; a lower-case title there is the subject's too
        preds += [g for p in list(preds) for o in p.children if o.dep_ == "prep" and o.lower_ == "of"
                  for obj in o.children if obj.dep_ == "pobj" for g in obj.children
                  if g.dep_ == "conj" and g.is_lower]
        out = []
        for p in preds:
            # the small model tags a lower-case title with "of" after it as a proper noun at times
            if not (p.pos_ == "NOUN" or p.pos_ == "PROPN" and p.is_lower) or self.index.by_token.get(p.i):
                continue
            got = self.title_in_phrase(p)
            if got:
                title, of_key, former = got
                out.append((title, of_key, former or verb.tag_ == "VBD" and verb.lemma_ != "become", p))
        return out

    def counterparts(self, roles: list[RoleRec], add) -> None:
        """"X and his Greek and French counterparts, A and B": A and B hold X's title (of
        another country, which the sentence leaves to "respectively")."""
        doc = self.doc
        spans = _person_spans(self.index, doc)
        for key, s, e in spans:
            i = s - 1
            if i >= 0 and doc[i].text == ",":
                i -= 1
            if i < 0 or doc[i].lemma_.lower() != "counterpart":
                continue
            poss = [c for c in doc[i].children if c.dep_ == "poss"]
            owner = None
            if poss and poss[0].pos_ == "PRON":  # "his": the last titled person before it
                sent_start = sentence_of(doc[i]).start
                owner = next((k for k, ps, pe in reversed(spans) if sent_start <= ps < poss[0].i
                              and any(r.person_key == k for r in roles)), None)
            elif poss:
                owner = self.index.by_token.get(poss[0].i)
            titles = [r.title for r in roles if r.person_key == owner and not r.former]
            if not titles:
                continue
            # the names listed after it: this one and those coordinated with it
            listed = [(key, s, e)]
            for k2, s2, e2 in spans:
                if s2 > e and all(doc[j].text in {",", "and"} or self.index.by_token.get(j) is not None
                                  for j in range(e, s2)):
                    listed.append((k2, s2, e2))
                    e = e2
            # "his Greek, Cypriot and French counterparts, A, B and C": one nationality per name,
            # in order, which is what "respectively" spells out and a plain list implies
            nations = [t for t in doc[i].subtree if t.i < i and self.gaz.is_demonym(t.text)]
            codes = [p.code for t in nations for p in [self.gaz.lookup(t.text)] if p is not None]
            for n, (k2, s2, e2) in enumerate(listed):
                of_key = self.ensure_country(codes[n]) if len(codes) == len(listed) else None
                add(k2, titles[0], of_key, False, doc[i], doc[e2 - 1])

    def _shared_plural_title(self, key: str, s: int, e: int, title: str, former: bool, add) -> None:
        """"Senators Marco Rubio of Florida, Mike Lee of Utah and David Perdue": a plural title
        before a coordination of names is each one's; a place in an "of" phrase right after a
        name is whose title it is."""
        doc = self.doc

        def joined(t: Token) -> list[Token]:
            # its conjuncts, and those hung on its "of" place ("A of Florida, B of Utah": the
            # parser may hang B on Florida)
            return [c for c in t.children if c.dep_ == "conj"] + [
                c for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                for q in p.children if q.dep_ == "pobj" for c in q.children if c.dep_ == "conj"]

        stack = joined(doc[s:e].root)
        seen = set()
        while stack:
            t = stack.pop()
            if t.i in seen:
                continue
            seen.add(t.i)
            other = self.index.by_token.get(t.i)
            if other and other != key and self.index.entities[other].type == "PERSON":
                of_key = None
                for p in t.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        q = next((x for x in p.children if x.dep_ == "pobj"), None)
                        if q is not None and (k := self.index.by_token.get(q.i)) and self.index.entities[k].type == "GPE":
                            of_key = k
                add(other, title, of_key, former, doc[s - 1], t)
            stack += joined(t)

    def find(self) -> list[RoleRec]:
        roles: list[RoleRec] = []
        seen: set[tuple[str, str]] = set()

        def add(person: str, title: str, of_key: str | None, former: bool, first: Token, last: Token) -> None:
            if (person, title) in seen:
                return
            seen.add((person, title))
            roles.append(RoleRec(person_key=person, title=title, of_key=of_key,
                                 sentence_index=self.sent_of[first.i], start=first.idx,
                                 end=last.idx + len(last.text), former=former))

        for key, s, e in _person_spans(self.index, self.doc):
            found = self.title_before(s)
            if found:
                title, of_key, former, first = found
                if of_key is None and e + 1 < len(self.doc) and self.doc[e].lower_ == "of":
                    # "Crown Prince NAME of Saudi Arabia", "King NAME of Jordan": the country after
                    place = self.index.by_token.get(e + 1) or (
                        self.index.by_token.get(e + 2) if self.doc[e + 1].lower_ == "the" else None)
                    if place and self.index.entities[place].type == "GPE":
                        of_key = place
                add(key, title, of_key, former, self.doc[first], self.doc[e - 1])
                if s > 0 and self.doc[s - 1].tag_ in ("NNS", "NNPS"):
                    self._shared_plural_title(key, s, e, title, former, add)
                # "Former Trump adviser and retired general NAME": the title before "and" is the
                # person's too
                i = first - 1
                while i > 1 and self.doc[i].is_lower and (self.doc[i].pos_ in {"ADJ", "ADV"} or self.doc[i].dep_ == "amod"):
                    i -= 1  # "retired"
                if i > 1 and self.doc[i].lower_ == "and":
                    more = self.title_before(i)
                    if more:
                        add(key, more[0], more[1], more[2], self.doc[more[3]], self.doc[e - 1])
            head = self.doc[s:e].root
            # "the El Paso mayor, Dee Margo," / "the mayor of Paris, Anne Hidalgo," whatever the
            # parser made of the apposition
            got = self.title_before_comma(s)
            if got:
                title, of_key, former, first = got
                add(key, title, of_key, former, first, self.doc[e - 1])
            # "Johnson became leader of the Conservative Party", "X is a leading candidate"
            for title, of_key, former, phrase in self.predicate_titles(head):
                add(key, title, of_key, former, min(self.doc[s], phrase, key=lambda t: t.i),
                    max(self.doc[e - 1], phrase, key=lambda t: t.i))
            # "Delcy Rodriguez, the vice president" and "the vice president, Delcy Rodriguez"
            # "a Polish chef named Łukasz": the noun the naming participle hangs on is his post
            named = head.head.head if head.dep_ in ("oprd", "attr", "dobj") and head.head.dep_ == "acl" \
                and head.head.lemma_.lower() in NAMING_VERBS and head.head.head.pos_ == "NOUN" else None
            for other in [c for c in head.children if c.dep_ == "appos"] + ([head.head] if head.dep_ == "appos" else []) \
                    + ([named] if named is not None else []):
                if other.i in range(s, e) or self.index.by_token.get(other.i):
                    continue
                got = self.title_in_phrase(other)
                if got:
                    title, of_key, former = got
                    span = [t for t in other.subtree]
                    add(key, title, of_key, former, min(span[0], self.doc[s], key=lambda t: t.i),
                        max(span[-1], self.doc[e - 1], key=lambda t: t.i))
        self.counterparts(roles, add)
        return roles


def find_roles(doc: Doc, index: DocEntities, gaz: Gazetteer, ensure_country: Callable[[str], str]) -> list[RoleRec]:
    return RoleFinder(doc, index, gaz, ensure_country).find()


def dominant_country(index: DocEntities, doc: Doc) -> str | None:
    """The country a document is mostly about: named clearly more often than any other.

    In an article that means at least twice; in a one- or two-sentence item (a wire brief, a
    PLOVER record) the one country it names is all the evidence there is."""
    counts: Counter = Counter()
    for i, key in index.by_token.items():
        ent = index.entities[key]
        if ent.type == "GPE" and ent.country and ent.country not in {"IGO", "NGO"}:
            # count a multi-token name once
            if i == 0 or index.by_token.get(i - 1) != key:
                counts[ent.country] += 1
    if not counts:
        return None
    top = counts.most_common(2)
    # in a longer article one mention says where something happened, not whose officials are meant
    needed = 1 if len(sentences(doc)) <= 2 else 2
    if top[0][1] >= needed and (len(top) == 1 or top[0][1] > top[1][1]):
        return top[0][0]
    return None


def assign_person_countries(index: DocEntities, roles: list[RoleRec], fallback: str | None) -> None:
    """A person's country is the country of their office; a titled person with no stated country
    takes the country the document is about (news names the foreign official's nationality and
    leaves the home one implicit: "President Nicolas Maduro" in an article about Venezuela)."""
    titled: set[str] = set()
    for r in roles:
        titled.add(r.person_key)
        person = index.entities.get(r.person_key)
        if person is None or person.country or r.of_key is None:
            continue
        of = index.entities.get(r.of_key)
        if of is not None and of.country:
            # "U.N. Secretary-General Kofi Annan" acts for the UN: IGO, as CAMEO codes him
            person.country = of.country
    if fallback:
        for key in titled:
            person = index.entities[key]
            if person.country is None:
                person.country = fallback
                person.country_inferred = True


LEAD_VERBS = {"lead", "rule", "govern", "head", "run", "chair", "command"}


def find_tenures(doc: Doc, index: DocEntities, roles: list[RoleRec]) -> list[RoleRec]:
    """Years in office the text states: "Hugo Chavez, who led the country ... from 1999 until his
    death in 2013" -> leader of Venezuela, 1999-2013; "X served as president from 2001 to 2005".

    Runs after pronouns and "the country" are resolved, since that is how such clauses name
    what was led. The title is the one the document gives the person, else "leader".
    """
    from .dates import find_year_range

    sent_of = sentence_index_of(doc)
    titles = {}
    for r in roles:
        titles.setdefault(r.person_key, r.title)
    out = []
    for key, s, e in _person_spans(index, doc):
        head = doc[s:e].root
        for clause in [c for c in head.children if c.dep_ in {"relcl", "acl"}] + ([head.head] if head.dep_ == "nsubj" else []):
            if clause.pos_ not in {"VERB", "AUX"}:
                continue
            years = find_year_range(doc[clause.left_edge.i if clause.i > head.i else clause.i:clause.right_edge.i + 1].text)
            if years is None:
                continue
            lemma = clause.lemma_.lower()
            title, of_key = None, None
            if lemma in LEAD_VERBS:
                title = titles.get(key, "leader")
                obj = next((c for c in clause.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    of_key = index.by_token.get(obj.i)
            elif lemma == "serve":
                for prep in clause.children:
                    if prep.dep_ == "prep" and prep.lower_ == "as":
                        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                        if pobj is not None:
                            title = " ".join(t.lower_ for t in pobj.subtree if t.dep_ in {"compound", "amod"} or t == pobj)
                            ofp = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                            if ofp is not None:
                                o = next((c for c in ofp.children if c.dep_ == "pobj"), None)
                                of_key = index.by_token.get(o.i) if o is not None else None
            if title:
                last = clause.right_edge
                out.append(RoleRec(person_key=key, title=title, of_key=of_key, sentence_index=sent_of[s],
                                   start=doc[s].idx, end=last.idx + len(last.text), former=True,
                                   start_year=years[0], end_year=years[1]))
    return out
