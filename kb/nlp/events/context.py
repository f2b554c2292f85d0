"""What the event rules share over one document (:class:`_Context`) and the draft event they build (:class:`_Draft`)."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from spacy import parts_of_speech
from spacy.tokens import Doc, Span, Token

from .. import plover, valence, words
from ..words import STATE_BODIES
from ..docinfo import doc_text, ents as doc_ents, sentence_of
from ...gazetteer import Gazetteer
from ..index import DocEntities
from ...records import DateValue, EntityRec
from .parse import _NAMED_SKIP, _PARTITIVE, _PASS_SUBJ, _PLACE_TYPES, _POS, _SUBJ, _TERRITORY, _ethnic, _governor, _is_to_infinitive, _modifier, _np_head, _np_preps, _pobjs, _uniq, _verb_bases, complement, conj_children, objects, member_phrases, particle_as_prep, quoted_spans, subject_tokens, interview_span
from .places import _place_phrase

# _POS by the numbers of the part-of-speech tags
_POS_OF = {int(getattr(parts_of_speech, name)): value for name, value in _POS.items()}
# verbs of undergoing: their object befell the subject ("the town faced a terrible crisis")
_UNDERGO = words.BEFALL_VERBS | {"get", "have", "see"}

# first-person pronouns: inside a quotation they stand for the speaker or the speaker's side
_FIRST_PERSON = frozenset({"we", "us", "our", "i", "me", "my"})


@dataclass
class _Draft:
    category: str
    mode: str | None
    anchor: Token  # where the arguments hang (the verb, or the noun of a noun event)
    trigger: Token  # the word shown as the trigger
    entry: plover.LexEntry
    sentence_index: int
    nouns: list[Token] = field(default_factory=list)  # event nouns absorbed (objects of light verbs)
    wrappers: list[Token] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    location_key: str | None = None
    date: DateValue | None = None
    count: int | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    intent: bool = False
    obligation: bool = False  # "X must resign": demanded, not done
    conditional: bool = False  # an if/unless clause hangs on it: an offer or a threat
    possible: bool = False  # could/might/may, or "would" outside reported speech: no commitment
    question: bool = False  # it stands in a question: asked about, not reported
    talked_of: bool = False  # a gerund subject of a modal clause: "executing him would ..."
    scheduled: bool = False  # an announced happening kept only with a date after publication ("the election is set for March 24")
    merged: int = 0  # triggers of the same happening joined into this one in its sentence
    weak: bool = False  # a noun that needs a date, count or participant to stand on its own
    families: set[str] = field(default_factory=set)
    groups: set = field(default_factory=set)  # keys that stand for a group of a country
    local_actor: bool = False  # the actor is the country of the place (see _local_actor)
    tokens: set[int] = field(default_factory=set)  # every token this event is made of
    happening: bool = False  # a noun the sentence asserts happened: "protests broke out", "during a visit"
    asserted: bool = True  # False: a noun for a thing an act is about ("the agreement is void")
    quoted: bool = False  # the trigger stands inside quotation marks: the words of a speaker
    reported: bool = False  # the content clause of a verb of saying or thinking
    date_inherited: bool = False  # the date is the reporting verb's ("X said on Friday he may ...")
    date_from_story: bool = False  # the date is the story's time where the event is told (ref_date)
    trigger_p: float | None = None  # the trained trigger classifier's P(event), when it ran (confidence.py)
    ref_date: DateValue | None = None  # the story's time where the event is told, for one with no date
    ref_place: str | None = None  # the scene the story is set in there, for a physical act with no place
    extra_mentions: list["_Draft"] = field(default_factory=list)


def _previous_subject_noun(tok: Token) -> Token | None:
    """The common noun that is the subject of the sentence before ``tok``'s, which an "it" that
    opens no noun of its own sentence takes up ("The state of emergency ended. The cabinet had
    voted to lift it.")."""
    sent = tok.sent
    if sent.start == 0:
        return None
    prev = tok.doc[sent.start - 1].sent
    return next((c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None)


def _it_antecedent(tok: Token) -> Token | None:
    """The noun "it" takes up within its sentence: the nearest singular common noun before it
    that is no time word ("asked for X's resignation Monday night, and X tendered it": the
    resignation, not the night)."""
    for t in reversed(list(tok.sent[: tok.i - tok.sent.start])):
        if t.pos_ == "NOUN" and t.tag_ == "NN" and t.dep_ not in ("npadvmod", "tmod", "compound") \
                and t.ent_type_ not in ("DATE", "TIME"):
            return t
    return None


# nouns whose "for" + gerund phrase names a kind of act a rule is about, not an act done
_GENERIC_ACT_NOUNS = frozenset({"fine", "penalty", "punishment", "reward", "bounty", "incentive", "rule",
                                "law", "procedure", "requirement", "guideline", "licence", "license", "permit",
                                # "amendments to the penal code for sentencing ...": a law about a kind of act
                                "code", "amendment", "bill", "legislation", "regulation", "provision"})
# words of a duty given ("a unit tasked with investigating crime", "the office responsible for
# arresting suspects"): the act is the holder's job, described, not one done
_DUTY_WORDS = frozenset({"task", "entrust", "responsible", "mandate", "empower", "authorize", "authorise"})


def _saying_verb(v: Token, steps: int) -> Token | None:
    """The verb of saying whose reported clause holds ``v``, climbing at most eight heads (``steps``
    already taken): "we" in '"... and we warn X", the spokesman said' gives "said"."""
    while v.head != v and steps < 8:
        if v.dep_ in ("ccomp", "parataxis") and v.head.lemma_.lower() in words.SAY_VERBS:
            return v.head
        v, steps = v.head, steps + 1
    return None


class _Context:
    """What the rules share over one document: entity lookups, DATE spans, the chosen lexicon rows."""

    def __init__(self, doc: Doc, ents: DocEntities, published: _dt.date | None):
        self.doc = doc
        self.ents = ents
        self.published = published
        self.lex = plover.lexicon()
        self.cats = plover.categories()
        self.date_span: dict[int, Span] = {}
        for ent in doc_ents(doc):
            # a TIME entity often holds the day ("the night of June 21", "4:42 on Saturday"); a bare
            # clock time or duration resolves to no date, so it adds nothing
            if ent.label_ in ("DATE", "TIME"):
                for t in ent:
                    self.date_span[t.i] = ent
        self.chosen: dict[int, plover.LexEntry] = {}  # token index -> lexicon row, current sentence
        self.verdict_targets: dict[int, list[str]] = {}  # verb of saying -> the party its verdict is on
        self.ref_date: DateValue | None = None  # the story's time so far (see places._follow_story)
        self.scene: str | None = None  # the place the story's physical happenings are at so far
        self.quotes = quoted_spans(doc_text(doc))
        if (qa := interview_span(doc_text(doc))) is not None:
            self.quotes.append(qa)  # an interview's questions and answers are its speakers' words
        self.agents = plover.agent_nouns()
        self.titles = Gazetteer.load().titles()

    def in_quote(self, tok: Token) -> bool:
        return any(a <= tok.idx < b for a, b in self.quotes)

    def capable(self, tok: Token, depth: int = 0) -> bool:
        """Whether a doer's phrase names someone who can act politically (PLOVER manual, actors):
        a named person, group or country, a personal pronoun, a title, or a common noun of
        agent_nouns.tsv; "an assembly of ministers", "Turkish officials" through their modifiers."""
        tok = _np_head(tok)
        if self.ents.keys_at(tok) or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.pos_ in ("PROPN", "NUM"):
            return True
        if tok.pos_ == "PRON":
            return tok.lower_ not in words.NON_PERSONAL_PRONOUNS
        low = tok.lemma_.lower()
        if low in self.agents or tok.lower_ in self.agents or low in self.titles or tok.lower_ in self.titles:
            return True
        if depth >= 2:
            return False
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod", "poss") and (self.ents.keys_at(c) or c.ent_type_ in ("NORP", "GPE", "ORG")):
                return True
            if c.dep_ == "conj" and self.capable(c, depth + 1):
                return True
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                if any(self.capable(p, depth + 1) for p in c.children if p.dep_ == "pobj"):
                    return True
        return False

    # ---- lexicon ---------------------------------------------------------------------------
    def entry_for(self, tok: Token) -> plover.LexEntry | None:
        pos = _POS_OF.get(tok.pos)  # the tag's number: pos_ looks its name up on each access
        if pos is None:
            return None
        entries = self.lex.get((tok.lemma_.lower(), pos))
        if not entries and pos == "NOUN":
            entries = self.lex.get((tok.lower_, pos))
        if not entries and pos == "VERB":
            for base in _verb_bases(tok):  # the lemmatizer's "staged" -> "stag"
                entries = self.lex.get((base, pos))
                if entries:
                    break
        if not entries:
            return None
        if pos == "NOUN" and (tok.dep_ == "compound" or tok.ent_type_ in _NAMED_SKIP):
            return None
        if pos == "VERB" and tok.dep_ in ("amod", "compound"):
            # a verb the parser hangs on a noun as its modifier names no act: "the president elect"
            # (a title: the election is over), as "the accused" below names people
            return None
        if pos == "VERB" and tok.dep_ == "pcomp" and tok.head.lower_ == "for" \
                and tok.head.head.lemma_.lower() in _GENERIC_ACT_NOUNS \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "poss") for c in tok.children):
            # "the fine for breaking the law", "a reward for capturing him": a rule about a kind
            # of act, none done ("charges for killing two soldiers" still tells a killing)
            return None
        if pos == "VERB" and tok.dep_ == "pcomp" and tok.head.lower_ in ("with", "for") \
                and tok.head.head.lemma_.lower() in _DUTY_WORDS \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "poss") for c in tok.children):
            return None
        if pos == "VERB" and tok.tag_ == "VBN" and any(c.dep_ == "det" for c in tok.children):
            return None  # a participle used as a noun names people, not a deed: "the accused", "the wounded"
        for e in entries:
            if all(self.need_ok(tok, n) for n in e.needs):
                return e
        return None

    def need_ok(self, tok: Token, need: plover.Need) -> bool:
        k = need.kind
        if k == "obj":
            # a personal pronoun as passive subject ("he was released in 2018") is left out of
            # objects() (most pronouns name nothing), so it counts only where a row lists it
            pron = [c for c in tok.children if c.dep_ == "nsubjpass" and c.pos_ == "PRON"]
            return any(self.words_match(o, need.words) for o in objects(tok)) or any(
                c.lemma_.lower() in need.words for c in pron)
        if k == "subj":
            return any(self.words_match(s, need.words) for s in subject_tokens(tok))
        if k == "party":
            # the one let or made to act: an object, or the subject of the complement the parser
            # makes of "allowed [journalists to enter]"
            cands = list(objects(tok)) + [s for c in tok.children if c.dep_ in ("ccomp", "xcomp")
                                          and (c.tag_ == "VB" or _is_to_infinitive(c)) for s in subject_tokens(c)]
            return any(self.words_match(o, need.words) for o in cands)
        if k == "mod":
            return any(c.dep_ in ("compound", "amod", "nmod") and
                       (c.lemma_.lower() in need.words or c.lower_ in need.words) for c in tok.children)
        if k == "prep":
            # "called for the bill to be dropped": the parser makes "for" the mark of the clause
            return any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in need.words for c in tok.children) or any(
                c.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ in need.words and m.i < c.i
                                                     for m in c.children) for c in tok.children) or any(
                # PP attachment: "charged the suspect in the shooting with murder" hangs "with" on
                # the nearest noun before it, inside the object or inside a phrase of the verb's
                # after the object; the verb's own preposition comes last there
                d.dep_ == "prep" and d.lower_ in need.words and d.i > o.i and d.i == max(
                    x.i for x in o.subtree if x.dep_ == "prep")
                for o in self._attachment_sites(tok) for d in o.subtree if d is not o)
        if k in ("pobj", "xpobj"):
            # xpobj: also on a to-infinitive complement, which the parser gives a clause-final
            # phrase of the verb's ("voted to leave the union in a referendum")
            heads = [tok] + ([c for c in tok.children if c.dep_ == "xcomp"] if k == "xpobj" else [])
            # a passive's "by" phrase is the parser's agent ("was defeated by a rival candidate")
            preps = [c for h in heads for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ == need.prep]
            if any(self.words_match(p, need.words) for c in preps for p in c.children if p.dep_ in ("pobj", "pcomp")):
                return True
            # "described the ruling as [disgraceful]": the verdict the words carry
            return need.valence is not None and any(
                valence.meets(valence.phrase_valence(p), need.valence)
                for c in preps for p in c.children if p.dep_ in ("pobj", "pcomp", "amod", "acomp")) \
                and self.named_verdict(tok)
        if k == "prt":
            # the tagger reads the particle as an adverb now and then ("stepped down on July 24")
            # and a particle before a preposition as a preposition of its own ("pulled out of Iran")
            particle = particle_as_prep(tok)
            return any(c.dep_ in ("prt", "advmod") and c.i == tok.i + 1 and c.lower_ in need.words
                       for c in tok.children) or any(c.dep_ == "prt" and c.lower_ in need.words for c in tok.children) \
                or particle is not None and particle.lower_ in need.words
        if k == "xcomp":
            x = [c for c in tok.children if c.dep_ == "xcomp"]
            return bool(x) and (not need.words or any(c.lemma_.lower() in need.words for c in x))
        if k == "owncomp":
            # "warned Iran that it would impose sanctions", "we warn X that our targets will grow":
            # the content is an act the speaker announces for itself, which makes the warning a threat
            comp = complement(tok)
            if comp is None or not any(a.dep_ == "aux" and a.lower_ in ("will", "would", "shall", "'ll")
                                       for a in comp.children):
                return False
            speaker = {k for s in subject_tokens(tok) for k in self.ents.keys_at(_np_head(s))}
            for s in subject_tokens(comp):
                h = _np_head(s)
                owners = [h] + [c for c in h.children if c.dep_ == "poss"]
                if any(o.lower_ in ("we", "i", "our", "my") for o in owners):
                    return True
                if speaker and any(speaker & set(self.ents.keys_at(o)) for o in owners):
                    return True
            return False
        if k == "othercomp":
            comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            if comp is None or not any(a.dep_ == "aux" and a.lower_ in ("will", "would", "'ll") for a in comp.children):
                return False
            speaker = {k for s in subject_tokens(tok) for k in self.ents.keys_at(_np_head(s))}
            subs = [_np_head(s) for s in subject_tokens(comp)]
            return bool(subs) and all(self.ents.keys_at(s) and not speaker & set(self.ents.keys_at(s))
                                      and s.pos_ != "PRON" for s in subs)
        if k == "anyobj":
            return bool(objects(tok))
        if k == "pred":  # a predicate complement: "found [guilty]", "called X [a political ploy]"
            # the active "found X guilty" parses as a small clause whose head is the adjective;
            # "an act [of barbarity]" names its sense in the of phrase; "null and void": a conjunct
            preds = [c for c in tok.children if c.dep_ in ("oprd", "acomp") or c.dep_ in ("ccomp", "xcomp") and c.pos_ == "ADJ"]
            # 'called a virtual debate "a waste of time"': the parser makes the name given an
            # apposition of the object
            preds += [a for o in objects(tok) for a in o.children if a.dep_ == "appos" and a.i > o.i]
            preds += [x for c in preds for x in c.children if x.dep_ == "conj"]
            if not need.words and need.valence is None:
                # any predicate but a date: "they are called [nationals]", not "called [Thursday] on"
                return any(c.ent_type_ not in ("DATE", "TIME") for c in preds)
            if any(self.words_match(c, need.words) or any(p.lemma_.lower() in need.words for p in _pobjs(c, ("of",)))
                   for c in preds):
                return True
            # "called the debate [a waste of time]": the verdict the name given carries
            return need.valence is not None and any(
                valence.meets(valence.phrase_valence(c), need.valence) for c in preds) and self.named_verdict(
                tok, [s for c in preds for s in c.children if s.dep_ == "nsubj"])
        if k == "noprep":
            return not any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in need.words for c in tok.children)
        if k == "comppred":
            # "said [the ruling was unwelcome and inappropriate]": the content clause is a copula
            # and its predicate is the speaker's verdict (the clause may be the copula itself, or
            # a verb whose acomp/attr carries the predicate)
            for c in tok.children:
                if c.dep_ != "ccomp" or c.lemma_.lower() != "be":
                    continue
                preds = [p for p in c.children if p.dep_ in ("acomp", "attr")]
                preds += [x for p in preds for x in p.children if x.dep_ == "conj"]
                if any(self.words_match(p, need.words) for p in preds):
                    return True
            return need.valence is not None and self.verdict(tok, need.valence)
        if k == "neg":
            return any(c.dep_ == "neg" for t in [tok] + [c for c in tok.children if c.dep_ in ("oprd", "acomp")]
                       for c in t.children)
        if k == "advcl":
            return any(c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in need.words for c in tok.children)
        if k == "comp":
            return complement(tok) is not None
        if k == "nocomp":
            return complement(tok) is None and not any(c.dep_ == "ccomp" for c in tok.children)
        if k == "noobj":
            return not any(c.dep_ == "dobj" for c in tok.children)
        if k == "ownobj":
            # "the league suspended its season": the object's only owner is a possessive pronoun
            # (its, their, his, her, our, my), so the act falls on the doer's own doings; "suspended
            # the airline's permit" names another owner, whom the act restricts
            return any(any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in o.children) for o in objects(tok))
        return False

    @staticmethod
    def _attachment_sites(tok: Token) -> list[Token]:
        """Phrases of a verb a later preposition of the verb's may be hung on by the parser: its
        objects, and the prepositional phrases that follow an object ("charged [the suspect] [in
        the shooting] with murder")."""
        objs = objects(tok)
        if not objs:
            return []
        first = min(o.i for o in objs)
        return objs + [c for c in tok.children if c.dep_ == "prep" and c.i > first]

    def verdict(self, tok: Token, threshold: float) -> bool:
        """'X said [the court showed a shocking ignorance]', '[Y made the right decision]', '[the
        ruling was unfair]', '[she was in awe of the bravery of the crews]': the content clause of
        a verb of saying passes a verdict (kb.nlp.valence: at most / at least ``threshold``) on a
        party the text names, which makes the saying an accusation or praise of that party
        (PLOVER ACCUSE: criticize, denigrate responsible parties; SUPPORT: commend an actor or
        action). The verdict is the copula's predicate, or the adjective of the object of a verb
        that is no event of its own ("showed [a shocking] ignorance", "made [the right] decision";
        a verb of undergoing says what befell its subject). The
        party is the clause's subject when it can act (a name, an agent noun) and is not the
        speaker; else the owner of its subject ("the governor's plan", "the claims by X"); else,
        when the subject is the speaker, the party the predicate's of/for/with phrase names ("in
        awe of the crews"). A deed (a clause, a gerund, a noun of words.DEED_NOUNS: "the decision
        was unfair", "criminalizing it is unfair") counts as its doer's. A state of things ("the
        flood was terrible") is nobody's deed: no event. Records the party's keys in
        ``self.verdict_targets`` for the event's recipient."""
        clauses = [c for c in tok.children if c.dep_ == "ccomp"]
        if not clauses:
            return False
        # 'X said, "I understand he made the right decision"': the speaker's own belief is the
        # verdict (the speaker's keys are looked up only where a verdict word is found)
        believed = [x for c in clauses if c.lemma_.lower() in words.BELIEF_VERBS
                    for x in c.children if x.dep_ == "ccomp"]
        speaker: set[str] | None = None
        for c in clauses + believed:
            if any(m.dep_ == "mark" and m.lower_ in words.CONDITION_MARKS for m in c.children):
                continue
            lemma = c.lemma_.lower()
            if lemma == "be":
                preds = [p for p in c.children if p.dep_ in ("acomp", "attr")]
                preds += [q for p in c.children if p.dep_ == "prep" and p.lower_ in ("in", "of")
                          for q in p.children if q.dep_ == "pobj"]  # "in awe of", "of the view"
                transitive = False
            elif c.pos_ == "VERB" and lemma not in _UNDERGO and lemma not in words.BELIEF_VERBS:
                # the verdict is the object's adjective ("showed [a shocking] ignorance", "made
                # [the right] decision"): a negative noun alone more often names what is there
                # or happened ("poses a threat", "carried out the attack") than judges its doer
                preds = [a for o in c.children if o.dep_ == "dobj"
                         for a in o.children if a.dep_ == "amod" and a.pos_ == "ADJ"]
                transitive = True
            else:
                continue
            if not preds:
                continue
            negated = any(a.dep_ == "neg" for a in c.children)
            if not any(valence.meets(valence.phrase_valence(p, negated), threshold) for p in preds):
                continue
            if transitive and ((e := self.entry_for(c)) is not None and e.category is not None or any(
                    (oe := self.entry_for(p.head)) is not None and oe.category is not None for p in preds)):
                continue  # the clause's verb or its object is an event of its own: a deed told
            if speaker is None:
                speaker = {k for s in subject_tokens(tok) for k in self.np_keys(s)}
            if c in believed and not any(s.lower_ in ("i", "we") or speaker and set(self.np_keys(s)) <= speaker
                                         for s in subject_tokens(c.head)):
                continue  # someone else's belief ("X said Y thinks ..."), not the speaker's
            target = self._verdict_target(c, preds, speaker, first_person=c in believed)
            # '"He is irreplaceable," X said of Y': "of" after the verb of saying names whom the
            # words are about, whatever the pronoun inside them was resolved to
            about = [k for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj" and self.capable(o) for k in self.np_keys(o)]
            if target is not None and about:
                target = [k for k in about if k not in speaker]
            if target is not None:
                self.verdict_targets[tok.i] = target
                return True
        return threshold < 0 and self._reproach(tok, clauses)

    def _reproach(self, tok: Token, clauses: list[Token]) -> bool:
        """'X said, "BIPA ignores the realities that face our communities"', 'Y said the doctor
        "perpetuated a vicious cycle of addiction and despair"': a named speaker whose words carry
        a strong reproach (words.REPROACH_VALENCE or below) of no party the clause names as its
        subject still criticizes (PLOVER ACCUSE: criticize, condemn, denounce): the story's doings
        are its object. Only the writer's report of a named speaker (not "he", not an official
        nobody names), only a statement with no event of its own inside (a reported attack is
        that attack, not a reproach), never grief ("a tragic loss", words.GRIEF_WORDS) nor a
        condition."""
        speakers = subject_tokens(tok)
        if not speakers or not all(s.pos_ == "PROPN" or s.ent_type_ in ("PERSON", "ORG", "GPE") for s in
                                   (_np_head(x) for x in speakers)):
            return False
        speaker = {k for s in speakers for k in self.np_keys(s)}
        if not speaker:
            return False
        for c in clauses:
            if any(m.dep_ == "mark" and m.lower_ in words.CONDITION_MARKS for m in c.children):
                continue
            toks = list(c.subtree)
            # a reported act ("said police attacked the crowd") is that act, told: no reproach
            if any(t.pos_ == "VERB" and t is not tok and (e := self.entry_for(t)) is not None
                   and e.category is not None for t in toks):
                continue
            if any(t.lemma_.lower() in words.GRIEF_WORDS or t.lower_ in words.GRIEF_WORDS for t in toks):
                continue
            if any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("i", "we") for t in toks):
                continue  # "we are not prepared to risk ...": the speaker's own stance, told
            # the words for doers ("the attacker", "the party": VADER reads a party as a feast)
            # name someone; the words left judge
            judging = [t for t in toks if t.lemma_.lower() not in self.agents and t.lower_ not in self.agents]
            target = self._reproached(c, speaker)
            if target is not None and valence.clause_valence(judging) <= words.REPROACH_VALENCE:
                self.verdict_targets[tok.i] = target
                return True
        return False

    def _reproached(self, clause: Token, speaker: set[str]) -> list[str] | None:
        """Whom a reproach in ``clause`` is about: its subject when that is a party other than the
        speaker ("the doctor perpetuated ..."), nobody named ([]) when it is a deed, a named thing
        ("BIPA ignores ...") or "it"/"this"/"that" (the story's doings); None when it is a state of
        things ("the weather was terrible") or the speaker ("we are angry"), which reproach no one.
        ``speaker``: the speaker's entity keys."""
        if clause.lemma_.lower() in words.BEFALL_VERBS:  # not "have": "FEMA has a role"
            return None  # "the institute faces a terrible crisis": what befalls a party judges nobody
        for s in (x for x in clause.children if x.dep_ in ("nsubj", "nsubjpass", "csubj")):
            if s.dep_ == "csubj" or s.tag_ == "VBG":
                return []
            head = _np_head(s)
            if head.lower_ in ("i", "we", "me", "us"):
                return None
            if head.pos_ == "PRON":
                return [] if head.lower_ in ("it", "this", "that") else None
            keys = [k for k in self.np_keys(s) if k not in speaker]
            if self.capable(s):
                return keys if keys or head.pos_ == "PROPN" else []
            if head.lemma_.lower() in words.DEED_NOUNS or self.deed(head):
                return self._owner_keys(head, speaker)
            return None
        return None

    def deed(self, head: Token) -> bool:
        """A noun for something done, decided or said (words.DEED_NOUNS), or an event noun of the
        lexicon ("the attack", "the debate"): a verdict on it is a verdict on its doer."""
        if head.lemma_.lower() in words.DEED_NOUNS:
            return True
        e = self.entry_for(head) if head.pos_ == "NOUN" else None
        return e is not None and e.category is not None

    def named_verdict(self, tok: Token, small: list[Token] = ()) -> bool:
        """'X called Y [a liar]', 'X described the ruling as [disgraceful]': a speaker who can act
        names the verdict's object, and the object is a party, a party's thing or a deed (see
        :meth:`verdict`); 'the UN called the crisis the worst in years' judges a state of things,
        'sections deemed dangerous' names no speaker. ``small``: the subject of a small clause the
        parser made of the predicate ("considered [it inappropriate for X to run]"). Records the
        party for the recipient."""
        if not any(self.capable(s) for s in subject_tokens(tok)):
            return False
        for o in list(objects(tok)) + list(small) + [c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "PRON"]:
            head = _np_head(o)
            if self.capable(o):
                self.verdict_targets[tok.i] = self.np_keys(o)
                return True
            okeys = self._owner_keys(head)
            if okeys or self.deed(head) or head.lower_ in ("it", "this", "that"):
                self.verdict_targets[tok.i] = okeys
                return True
        return False

    def _owner_keys(self, head: Token, leave_out: set[str] = frozenset()) -> list[str]:
        """The keys of the parties that own a noun ("the governor's plan", "the claims by X"),
        those in ``leave_out`` (the speaker) aside."""
        owners = [c for c in head.children if c.dep_ == "poss"] + _pobjs(head, ("of", "by"))
        return [k for o in owners if self.capable(o) for k in self.np_keys(o) if k not in leave_out]

    def _verdict_target(self, clause: Token, preds: list[Token], speaker: set[str],
                        first_person: bool = False) -> list[str] | None:
        """The keys of the party a verdict in ``clause`` is about ([] for a deed with no named
        doer), None when it is about no party (see :meth:`verdict`). ``first_person``: the clause
        is what the speaker says "I" believe, so a "he" or "she" in it is someone else."""
        for s in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")):
            if s.dep_ == "csubj" or s.tag_ == "VBG":
                return []  # "criminalizing this is unfair": a deed
            head = _np_head(s)
            keys = self.np_keys(s)
            if first_person and s.lower_ in ("he", "she", "they"):
                return [k for k in keys if k not in speaker]
            own = s.lower_ in ("i", "we") or bool(speaker and keys and set(keys) <= speaker)
            if not own and self.capable(s) and s.pos_ != "PRON" or not own and s.pos_ == "PRON" and keys:
                return [k for k in keys if k not in speaker]
            okeys = self._owner_keys(head, speaker)
            if okeys:
                return okeys
            if not own and head.lemma_.lower() in words.DEED_NOUNS:
                return []
            if own:  # "I am proud of them", "she was in awe of the bravery of the crews"
                found = [t for p in preds for t in p.subtree if t.dep_ == "pobj"
                         and t.head.lower_ in ("of", "for", "with", "by", "to") and self.capable(t)]
                if found:
                    return [k for t in found for k in self.np_keys(t) if k not in speaker]
        return None

    def words_match(self, tok: Token, words: frozenset[str]) -> bool:
        if "@ent" in words and (tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or self.ents.keys_at(tok)):
            return True
        if "@agent" in words and (tok.lemma_.lower() in self.agents or tok.lower_ in self.agents):
            return True  # a common noun for people who can act: "journalists", "observers", "refugees"
        if "@state" in words and (tok.ent_type_ in ("GPE", "NORP") or any(
                self.country(k) and self.ents.get(k).type in ("GPE", "NORP") for k in self.ents.keys_at(tok))
                or tok.lemma_.lower() in STATE_BODIES):
            return True  # a state or its authorities: "Israel allowed the import of cement"
        if "@event" in words and tok.pos_ == "NOUN" and (e := self.entry_for(tok)) is not None and e.category:
            return True  # an act of the lexicon: "allowed the rally", "permitted gatherings"
        if tok.lemma_.lower() in words or tok.lower_ in words:
            return True
        if tok.lower_ == "it":
            # "asked for his resignation, and he tendered it": the pronoun's noun decides the sense,
            # one before it in its sentence or the previous sentence's subject ("The state of
            # emergency ended ... the cabinet voted to lift it")
            antes = [a for a in (_it_antecedent(tok), _previous_subject_noun(tok)) if a is not None]
            if antes:
                return any(a.lemma_.lower() in words for a in antes)
        return any(c.dep_ in ("compound", "amod", "nmod") and (c.lemma_.lower() in words or c.lower_ in words)
                   for c in tok.children)

    # ---- entities --------------------------------------------------------------------------
    def np_keys(self, tok: Token, depth: int = 0, conj: bool = True) -> list[str]:
        """Entities an argument noun phrase stands for (see the module docstring for the order)."""
        tok = _np_head(tok)
        keys = list(self.ents.keys_at(tok))
        if not keys and tok.pos_ == "NOUN":
            keys = self.named_by_participle(tok)
        if not keys and depth == 0 and (holder := self.title_holder(tok)):
            return holder + (self.np_keys_conj(tok, depth) if conj else [])
        if depth < 3 and _ethnic(tok):
            # "ethnic Albanians": a people, coded by the country they live in, which the phrase
            # or the clause names ("ethnic Albanian guerrillas operating in Macedonia", "killed
            # three ethnic Albanians in southern Serbia") or else the sentence is about ("...
            # near Macedonia's border, Macedonian officials said"); failing all, by nationality
            home = self.home_of(tok) or self.home_of(_governor(tok), clause=True) or self.story_home(tok)
            if home:
                return home + (self.np_keys_conj(tok, depth) if conj else [])
        if keys and depth < 3 and self.is_group_word(tok, keys):
            # "the Albanians of southern Serbia", "Kurds in Iraq": a people of a country
            home = self.home_of(tok)
            if home:
                keys = home
        if depth < 3 and not self.has_country(keys) and not self.is_person(keys):
            # "Israeli soldiers", "Iraqi Kurds" (a name with no country), "Vietnamese-led forces"
            named = bool(keys)  # a name with no country: only a country can add to it
            for c in tok.children:
                if _modifier(c):  # "US and British forces": a coordinated modifier is one too
                    more = self.np_keys(c, depth + 1, conj=c.dep_ in ("amod", "compound", "nmod"))
                    keys += [k for k in more if self.country(k)] if named else more
            if not self.has_country(keys) and not tok.pos_ == "PROPN":
                # "leaders of X", "forces in X", "doctors from X"; a count or part looks through
                # its "of" to the whole coordination ("scores of Liberian and Sierra Leonean
                # refugees"), and so do plural office-holders and agents ("the energy ministers of
                # Israel, Greece and Cyprus" are one of each country's)
                whole = tok.lemma_.lower() in _PARTITIVE or tok.pos_ == "NUM" or tok.tag_ == "NNS" and (
                    tok.lemma_.lower() in self.titles or tok.lemma_.lower() in self.agents)
                for c in _np_preps(tok):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            keys += self.np_keys(p, depth + 1, conj=whole and c.lower_ == "of")
            if self.has_country(keys):
                # "Iraqi Kurds", "Moslem forces in Bosnia": a people word with no country of its
                # own is that country's group, one party, not two
                keys = [k for k in keys if self.country(k) or not self.is_norp(k)]
        if not keys and depth < 3 and (tok.tag_ == "NNS" or tok.pos_ == "PRON"):
            # "several accomplices, including X", "all, including X", "allies such as X": the
            # group is told by the members it names
            keys = [k for c in member_phrases(tok) for p in c.children if p.dep_ == "pobj"
                    for k in self.np_keys(p, depth + 1)]
        if not keys and tok.pos_ == "PRON" and depth < 3:
            keys = self.pronoun_fallback(tok, depth)
        if conj:
            keys += self.np_keys_conj(tok, depth)
        if depth == 0 and tok.pos_ == "PROPN":
            keys += self.buried_conjuncts(tok)
        if depth == 0 and tok.pos_ == "NOUN" and not any(self.is_person([k]) for k in keys):
            keys += self.misattached_name(tok)
        return _uniq(keys)

    def buried_conjuncts(self, tok: Token) -> list[str]:
        """'US President Donald Trump and Turkish President Recep Tayyip Erdogan spoke': the parser
        may make the second name the head and bury the first, with the "and", inside its title
        ("President" -> appos "Trump" -> cc "and"): the people named in a coordinated
        apposition inside the name's modifiers are parties beside it."""
        out: list[str] = []
        for c in tok.children:
            if c.dep_ != "compound" or c.i > tok.i:
                continue
            sub = list(c.subtree)
            if not any(t.dep_ == "cc" and t.lower_ == "and" for t in sub):
                continue
            for t in sub:
                if t.dep_ in ("appos", "conj"):
                    out += [k for k in self.ents.keys_at(_np_head(t)) if self.is_person([k])]
        return out

    def title_holder(self, tok: Token) -> list[str]:
        """'United States Senator from Vermont Bernie Sanders endorsed ...': the parser makes the
        title the head and hangs the holder's name in its "from" phrase; the person named there
        holds the title and is the party (the country before the title is the holder's, no party
        of its own)."""
        if tok.lemma_.lower() not in self.titles and tok.lower_ not in self.titles:
            return []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "from":
                for p in c.children:
                    if p.dep_ == "pobj":
                        people = [k for t in p.subtree for k in self.ents.keys_at(t) if self.is_person([k])]
                        if people:
                            return _uniq(people)
        return []

    def misattached_name(self, tok: Token) -> list[str]:
        """"The delegate to the House of Representatives, Jane Roe, said": the parser hangs the
        name on the nearest noun, the organisation; a person's name is no apposition to an
        organisation or a place, so it names the person noun the phrase is about."""
        out: list[str] = []
        for c in tok.children:
            if c.dep_ != "prep":
                continue
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                for t in p.subtree:
                    if t.dep_ != "appos" or t.head.dep_ not in ("pobj", "appos"):
                        continue
                    name = self.ents.keys_at(_np_head(t))
                    owner = self.ents.keys_at(_np_head(t.head))
                    if self.is_person(list(name)) and owner and not self.is_person(list(owner)):
                        out += list(name)
        return out

    def named_by_participle(self, tok: Token) -> list[str]:
        """'a woman named Heather Heyer', 'a man called X': the noun introduces the person its
        naming participle gives (the name is the participle's predicate, not a second party)."""
        return [k for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in words.NAMING_VERBS
                for p in c.children if p.dep_ in ("oprd", "attr", "dobj", "xcomp")
                for k in self.ents.keys_at(_np_head(p))]

    def np_keys_conj(self, tok: Token, depth: int) -> list[str]:
        """Keys of every conjunct (and apposition) below ``tok``, however deep the chain: walked
        with a stack in the order a recursive walk would take, never by recursion (a coordination
        of a thousand names chains a thousand deep)."""
        out: list[str] = []
        stack = list(reversed(conj_children(tok)))
        while stack:
            c = stack.pop()
            if self.describes_person(c):
                continue
            out += self.np_keys(c, depth, conj=False)
            stack += reversed(conj_children(c))
        return out

    def describes_person(self, tok: Token) -> bool:
        """'Jane Roe, fiancée of John Doe', 'Jane Roe, a rapporteur for the UN': a common noun in
        apposition to a named person describes that person; the names inside the description
        are no second party."""
        return tok.dep_ == "appos" and tok.pos_ == "NOUN" and self.is_person(self.ents.keys_at(_np_head(tok.head)))

    def speaker_body(self, subs: list[Token]) -> list[str]:
        """The organisation or country named in a speaking person's phrase ("Houthi military
        spokesperson X", "X, a spokesman for the ministry")."""
        out: list[str] = []
        for s in subs:
            for t in s.subtree:
                for k in self.ents.keys_at(t):
                    ent = self.ents.entities.get(k)
                    if ent is not None and ent.type in ("ORG", "GPE", "NORP"):
                        out.append(k)
        return _uniq(out)

    def story_home(self, tok: Token) -> list[str]:
        """The country a sentence is about: named at least twice in it, more than any other."""
        counts: dict[str, int] = {}
        last = None
        for t in sentence_of(tok):
            key = self.ents.by_token.get(t.i)
            if key is not None and key != last and self.is_people_key(key):
                code = self.country(key)
                if code and code not in ("IGO", "NGO"):
                    counts[code] = counts.get(code, 0) + 1
            last = key
        top = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
        if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
            return [self.country_key(top[0][0])]
        return []

    def home_of(self, tok: Token | None, clause: bool = False) -> list[str]:
        """The country a group's phrase places it in ("of/in/based in X"), or with ``clause``
        the country of the place a clause happens in."""
        if tok is None:
            return []
        if clause:
            key = _place_phrase(self, [tok], False)
            code = self.country(key) if key else None
        else:
            code = next((self.country(k) for c in _np_preps(tok)
                         for p in c.children if p.dep_ == "pobj"
                         for k in self.place_keys(p, 1) if self.country(k)), None)
        if not code or code in ("IGO", "NGO"):
            return []
        return [self.country_key(code)]

    def country(self, key: str) -> str | None:
        ent = self.ents.entities.get(key)
        return ent.country if ent is not None else None

    def has_country(self, keys: list[str]) -> bool:
        return any(self.country(k) for k in keys)

    def is_people_key(self, key: str) -> bool:
        ent = self.ents.entities.get(key)
        return ent is not None and ent.type in ("NORP", "GPE", "LOC")

    def is_norp(self, key: str) -> bool:
        ent = self.ents.entities.get(key)
        return ent is not None and ent.type == "NORP"

    def is_person(self, keys: list[str]) -> bool:
        return bool(keys) and all(
            (e := self.ents.entities.get(k)) is not None and e.type == "PERSON" for k in keys)

    def is_group_word(self, tok: Token, keys: list[str]) -> bool:
        """'Albanians', 'Kurds': a word for a people that stands for a country, not its name."""
        if tok.ent_type_ != "NORP" and tok.tag_ not in ("NNPS", "NNS"):
            return False
        ent = self.ents.entities.get(keys[0])
        return ent is not None and ent.type in _PLACE_TYPES | {"NORP"} and \
            tok.lower_.rstrip("s") not in ent.name.lower()

    def is_group_np(self, tok: Token) -> bool:
        """A noun phrase for people of a country, not the country or its government by name:
        "Croatian extremists", "scores of Liberian refugees", "the Albanians"."""
        tok = _np_head(tok)
        if tok.lemma_.lower() in _PARTITIVE or tok.pos_ == "NUM":
            inner = _pobjs(tok, ("of",))
            tok = inner[0] if inner else tok
        keys = self.ents.keys_at(tok)
        if keys:
            return self.is_group_word(tok, keys)
        return tok.pos_ == "NOUN" and not any(c.dep_ == "poss" for c in tok.children)

    def _quotation_start(self, tok: Token) -> Token | None:
        """The first word of the quotation ``tok`` stands in (None outside one), found by walking
        back from ``tok`` rather than through the document from its start."""
        span = next(((a, b) for a, b in self.quotes if a <= tok.idx < b), None)
        if span is None:
            return None
        doc, first, i = tok.doc, None, tok.i
        while i >= 0 and doc[i].idx >= span[0]:
            if not doc[i].is_punct:
                first = doc[i]
            i -= 1
        return first

    def pronoun_fallback(self, tok: Token, depth: int = 0) -> list[str]:
        """A pronoun the entity pass left unresolved: the subject of the clause that governs it
        ("Hugo Chavez, who led ... until his death"), or for a subject pronoun in reported speech,
        the speaker ("Syria says it will ..."). A possessive stands where its noun phrase does:
        "Bosnian Serbs said their forces had withdrawn" climbs like a subject pronoun."""
        np = tok.head if tok.dep_ == "poss" and tok.head.pos_ in ("NOUN", "PROPN") else tok
        v = np.head
        steps = 0
        while v.pos_ not in ("VERB", "AUX") and v.head != v and steps < 6:
            v, steps = v.head, steps + 1
        if tok.lower_ in _FIRST_PERSON and self.in_quote(tok):
            # '"... and we warn X", the spokesman said': the speaker's side, whatever clause of
            # the quotation the pronoun sits in
            said = _saying_verb(v, steps)
            if said is None and depth == 0:
                # a quotation running over several sentences ('X said, "I am shocked. [...] I am
                # sorry for ..."'): the speaker is the one its first sentence gives
                first = self._quotation_start(tok)
                if first is not None and first.sent.start != tok.sent.start:
                    said = _saying_verb(first, 0)
            if said is not None:
                return _uniq(k for s in subject_tokens(said) for k in self.np_keys(s, depth + 1))
        if np.dep_ in _SUBJ + _PASS_SUBJ:
            while v.dep_ in ("ccomp", "xcomp", "conj", "advcl") and v.head != v:
                v = v.head
                subs = [s for s in subject_tokens(v) if s != np]
                if subs:
                    keys = _uniq(k for s in subs for k in self.np_keys(s, depth + 1))
                    if tok.lower_ in ("it", "its") and self.is_person(keys):
                        # "the group's spokesman X said it had carried out ...": "it" is no
                        # person, but the body the speaker speaks for, named in his phrase
                        body = self.speaker_body(subs)
                        keys = body or keys
                    return keys
            return []
        subs = [s for s in subject_tokens(v) if s != np and s.pos_ != "PRON"]
        if not subs and v.dep_ == "relcl":
            subs = [v.head]
        return _uniq(k for s in subs for k in self.np_keys(s, depth + 1))

    def place_keys(self, tok: Token, depth: int = 0) -> list[str]:
        keys = [k for k in self.ents.keys_at(tok) if self.is_place(k)]
        if keys or depth >= 3:
            return keys
        children = list(tok.children)
        if tok.lemma_.lower() in _TERRITORY:
            # "the border city of El Paso": the place it names, before its modifiers ("U.S.")
            children.sort(key=lambda c: not (c.dep_ == "prep" and c.lower_ == "of"))
        for c in children:
            if c.dep_ in ("compound", "poss", "appos", "nmod") or (c.dep_ == "prep" and c.lower_ in ("of", "in", "at")):
                for p in ([c] if c.dep_ != "prep" else [p for p in c.children if p.dep_ == "pobj"]):
                    keys = self.place_keys(p, depth + 1)
                    if keys:
                        return keys
        for c in tok.children:  # "the Iraqi city": the country, when nothing nearer is named
            if c.dep_ == "amod" and _modifier(c) and tok.lemma_.lower() in _TERRITORY:
                keys = [k for k in self.ents.keys_at(c) if self.is_place(k)]
                if keys:
                    return keys
        return []

    def country_key(self, code: str) -> str:
        """The document's entity for a country, added under the key the entity pass would give
        it (as :func:`kb.nlp.extract.apply_target_conventions` does) when the text only names
        one of its places."""
        name = Gazetteer.load().country_name(code) or code
        for key, ent in self.ents.entities.items():
            if ent.country == code and ent.type == "GPE" and ent.name == name:
                return key
        key = f"c-{code}"
        self.ents.entities.setdefault(key, EntityRec(key=key, name=name, type="GPE", country=code))
        return key

    def named_places(self, tok: Token) -> set[str]:
        """Places a phrase names outright ("Kyrgyzstan", "Caracas and Moscow"), as against a country
        reached through a modifier ("the US-led war", "Serbian forces")."""
        out = set()
        for t in tok.subtree:
            if t.dep_ not in ("amod", "compound", "nmod", "npadvmod", "poss") or \
                    self.ents.keys_at(t.head) == self.ents.keys_at(t):  # a word inside a name
                out |= {k for k in self.ents.keys_at(t) if self.is_place(k)}
        return out

    def is_place(self, key: str) -> bool:
        ent = self.ents.entities.get(key)
        return ent is not None and ent.type in _PLACE_TYPES
