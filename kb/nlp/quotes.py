"""Who said what: direct quotes in quote marks, and reported speech after a reporting verb.

Direct quotes are found on the characters first (pairs of straight or curly double quotes,
never across a line break; single marks in paragraphs that have no double ones), and only then
tied to the parse. A second opening mark while a quote is open means the first was stray, and a
closing mark with nothing open counts only when a verb of saying attributes the words before it:
narration between mismatched marks is no quote. The speaker: the reporting verb is the nearest
ancestor of the quoted words that is a verb of saying ("...," he said / X told Y that ... with
"..."), else one in the same sentence, else "according to X", else the verb before a colon
(X wrote: "..."). A quote with no attribution of its own continues the previous quote of the
same paragraph (or of the paragraph before, when that one was left open), or takes the speaker
of a verb of saying in the sentence just before it ("X said Y. "...."").

A paragraph that ends inside a quote (no closing mark) and a next paragraph that opens with a
mark are one quote over several paragraphs, with one speaker (the newspaper convention).

Speakers are entity keys from :class:`DocEntities`: the subject of the verb, its apposition
("said Maria Zakharova, a spokeswoman", "the mayor of X, NAME, wrote"), a he/she as the entity
pass resolved it (``resolve_references``: the subject before it, gender kept apart), or a bare
surname the tagger missed (a person named in full earlier).

Reported speech ("X said (that) CLAUSE") needs a named speaker and a clause of some length:
without quote marks the words are the writer's paraphrase, so an unnamed "officials said" or a
three-word clause is not worth a record.
"""
from __future__ import annotations

import bisect
import re

from spacy import parts_of_speech
from spacy.tokens import Doc, Token

from .docinfo import doc_text, sentences, tokens
from .index import DocEntities
from ..records import QuoteRec

# Lemmas of verbs that introduce someone's words, direct or reported.
REPORTING_VERBS = frozenset(
    """
    say tell state announce claim add insist warn stress note argue deny confirm explain
    write tweet post remark declare reply respond answer comment acknowledge admit allege assert
    report reveal repeat reiterate emphasise emphasize maintain contend testify concede predict
    promise vow pledge caution urge recall describe call quote conclude talk speak
    complain mention observe suggest estimate disclose indicate ask characterize characterise
    """.split()
)
# Reported speech without quote marks is only read after these: verbs whose clause is what
# the speaker asserted ("suggested", "indicated", "called" are too loose without quote marks).
INDIRECT_VERBS = frozenset(
    """
    say tell state announce claim add insist warn stress note argue deny confirm explain
    write tweet remark declare reply respond acknowledge admit allege assert report reveal
    reiterate emphasise emphasize maintain contend testify concede predict promise vow pledge
    """.split()
)
# A sentence with one of these introduces the quote that opens the next sentence ("X spoke to
# reporters. "..."."): the verbs of reported speech plus the verbs of talking.
_LEAD_IN_VERBS = INDIRECT_VERBS | {"speak", "talk"}
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_OPENERS = frozenset("“„«")
_CLOSERS = frozenset("”»")
_MARK_CHARS = " \t\"“”„«»'‘"  # blanks and quote marks before a paragraph's first quoted word
_MARKS = re.compile("[\"“”„«»\n]")
_MIN_INDIRECT_WORDS = 4  # "X said CLAUSE": fewer content words than this is not a claim
_MIN_UNATTRIBUTED_WORDS = 5  # quoted words with no verb of saying: shorter is a scare quote
_NO_SPEAKER_MIN_WORDS = 3  # a cue but no named speaker: "a 'significant development'"


# ---------------------------------------------------------------- quote marks on characters


def quote_spans(text: str) -> list[tuple[int, int, bool, bool]]:
    """(start, end, opened, closed) of the words between paired double quotes.

    ``opened``/``closed`` say whether a real mark stood at each end: a quote still open at a
    line break ends there (the news convention for a quote running on into the next paragraph),
    and a closing mark with nothing open closes a quote that began at the start of its line.
    """
    spans: list[tuple[int, int, bool, bool]] = []
    line_start = 0
    open_at: int | None = None
    n = len(text)
    for m in _MARKS.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n":
            if open_at is not None:
                spans.append((open_at, i, True, False))
                open_at = None
            line_start = i + 1
            continue
        if ch == '"':
            prev = text[i - 1] if i > line_start else " "
            nxt = text[i + 1] if i + 1 < n else " "
            opening_like = (prev.isspace() or prev in "([{—–-/:") and not nxt.isspace()
            closing_like = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
            if open_at is None:
                if closing_like and not opening_like and not _spans_in_line(spans, line_start):
                    spans.append((line_start, i, False, True))
                else:
                    open_at = i + 1
            elif opening_like and not closing_like and _has_closer_like(text, i + 1):
                # a second opener while one is open: the earlier mark was stray, and the words
                # between the two are narration ("called it a "disaster. The crowd left. "We ...")
                open_at = i + 1
            else:
                spans.append((open_at, i, True, True))
                open_at = None
        elif ch in _OPENERS:
            open_at = i + 1  # an opener while one is open: the earlier one was stray
        elif ch in _CLOSERS:
            if open_at is not None:
                spans.append((open_at, i, True, True))
                open_at = None
            elif not _spans_in_line(spans, line_start):
                spans.append((line_start, i, False, True))
    if open_at is not None:
        spans.append((open_at, n, True, False))
    spans.extend(_single_quote_spans(text))
    spans.sort()
    return spans


_DOUBLE_MARKS = frozenset('"“”„«»')


def _single_quote_spans(text: str) -> list[tuple[int, int, bool, bool]]:
    """Quotes in single marks (British style: 'We will not back down,' she said), read only in
    paragraphs with no double marks, where a single mark cannot be a quote inside a quote.

    An apostrophe looks like a closing mark, so a closer must follow punctuation or a word and
    precede a space, punctuation or the line end, and "workers' union" (s' before a lower-case
    word) is a possessive. A quote still open at the line end runs on, as with double marks."""
    spans: list[tuple[int, int, bool, bool]] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if _DOUBLE_MARKS.isdisjoint(line) and ("'" in line or "‘" in line):
            spans.extend(_single_in_line(line, start))
    return spans


def _single_in_line(line: str, offset: int) -> list[tuple[int, int, bool, bool]]:
    out = []
    open_at = None
    n = len(line)
    for i, ch in enumerate(line):
        if ch not in "'‘’":
            continue
        prev = line[i - 1] if i > 0 else " "
        nxt = line[i + 1] if i + 1 < n else " "
        if open_at is None:
            if ch == "‘" or (ch == "'" and (prev.isspace() or prev in "([—–:") and (nxt.isalnum() or nxt == "[")):
                open_at = i + 1
            continue
        if ch == "‘":
            open_at = i + 1  # a second opener: the first was stray
            continue
        if prev.isspace() or nxt.isalnum():
            continue  # "don't", "Johnson's", "'90s"
        rest = line[i + 1:i + 3]
        if prev == "s" and len(rest) == 2 and rest[0] == " " and rest[1].islower():
            continue  # "the workers' union"
        out.append((offset + open_at, offset + i, True, True))
        open_at = None
    if open_at is not None:
        out.append((offset + open_at, offset + n, True, False))
    return out


def _has_closer_like(text: str, start: int) -> bool:
    """Whether a straight mark that can close a quote follows on the same line."""
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    for m in re.finditer('"', text[start:end]):
        i = start + m.start()
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if not text[i - 1].isspace() and (nxt.isspace() or not nxt.isalnum()):
            return True
    return False


def _spans_in_line(spans: list[tuple[int, int, bool, bool]], line_start: int) -> bool:
    return bool(spans) and spans[-1][1] >= line_start


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding blanks and a trailing comma (American punctuation puts it inside)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


# ---------------------------------------------------------------- speakers


class _Speakers:
    """Resolves the token that names a speaker to an entity key."""

    def __init__(self, doc: Doc, ents: DocEntities):
        self.ents = ents
        persons = sorted(
            i for i, key in ents.by_token.items()
            if key in ents.entities and ents.entities[key].type == "PERSON"
        )
        self._person_tokens = persons

    def _key(self, tok: Token) -> str | None:
        keys = self.ents.keys_at(tok)
        return keys[0] if keys else None

    def type_of(self, key: str) -> str | None:
        rec = self.ents.entities.get(key)
        return rec.type if rec else None

    def last_person_before(self, i: int) -> str | None:
        pos = bisect.bisect_left(self._person_tokens, i)
        if pos == 0:
            return None
        return self.ents.by_token.get(self._person_tokens[pos - 1])

    def person_named(self, tok: Token) -> str | None:
        """The last person mentioned before ``tok`` whose name ends with its word ("Pelosi")."""
        word = tok.lower_
        pos = bisect.bisect_left(self._person_tokens, tok.i)
        for i in reversed(self._person_tokens[:pos]):
            key = self.ents.by_token[i]
            name = self.ents.entities[key].name.lower().split()
            if name and name[-1] == word:
                return key
        return None

    def resolve(self, tok: Token, deep: bool = False) -> str | None:
        """Entity key for a subject head: the head itself, its apposition or name parts, a
        he/she resolved to the last person named, or a non-person owner ("the ministry's
        spokesman"). ``deep`` also searches the whole phrase ("a tweet by Mike Pompeo")."""
        key = self._key(tok)
        if key:
            return key
        for c in tok.children:
            if c.dep_ == "appos":
                key = self._key(c) or next(
                    (k for g in c.children if g.dep_ in ("compound", "flat") for k in [self._key(g)] if k),
                    None,
                )
                if key:
                    return key
        for c in tok.children:  # "the mayor of Paris, Anne Hidalgo, wrote": the parser
            if c.dep_ == "prep" and c.lower_ == "of":  # hangs the name on the place
                for obj in c.children:
                    for a in obj.children:
                        if obj.dep_ == "pobj" and a.dep_ == "appos" and a.i > obj.i:
                            key = self._key(a)
                            if key and self.type_of(key) == "PERSON":
                                return key
        for c in tok.children:
            if c.dep_ in ("compound", "flat", "nmod") and c.i < tok.i:
                key = self._key(c)
                if key and self.ents.entities.get(key) and self.ents.entities[key].type == "PERSON":
                    return key
        if tok.pos_ == "PRON" and tok.lower_ in _PERSON_PRONOUNS:
            return self.last_person_before(tok.i)
        if tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.text[:1].isupper()):
            # a surname the tagger missed here (or took for a noun) but named in full before
            key = self.person_named(tok)
            if key:
                return key
        for c in tok.children:
            if c.dep_ == "poss":
                key = self._key(c)
                if key and self.ents.entities.get(key) and self.ents.entities[key].type != "PERSON":
                    return key
        if deep:  # a person named anywhere in the phrase, else an organisation
            found = {}
            owners = {t.i for c in tok.children if c.dep_ == "poss" for t in c.subtree}
            for t in tok.subtree:  # but not the owner: "Johnson's critics" are not Johnson
                key = self._key(t) if t.i != tok.i and t.i not in owners else None
                if key and key in self.ents.entities:
                    found.setdefault(self.ents.entities[key].type, key)
            return found.get("PERSON") or found.get("ORG")
        return None


def _subject(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The token naming who speaks through ``verb``; the flag says it is a passive agent."""
    agent = None
    passive = False
    for c in verb.children:
        if c.dep_ == "nsubj":
            return c, False
        if c.dep_ == "nsubjpass":
            passive = True
        if c.dep_ == "agent":
            agent = next((g for g in c.children if g.dep_ == "pobj"), None)
    if agent is not None:
        return agent, True
    if passive:  # "he was told ..." names the listener, not the speaker
        return None, False
    if depth < 3 and verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        return _subject(verb.head, depth + 1)
    if depth < 3 and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        return _subject(verb.head.head, depth + 1)  # "he ended by saying ...": the subject of "ended"
    return None, False


def _according_to(tokens) -> Token | None:
    """The object of "according to" among ``tokens``."""
    for t in tokens:
        if t.lower_ == "according":
            for c in t.children:
                if c.lower_ == "to":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return g
    return None


def _reported_clause(verb: Token) -> Token | None:
    """Head of what ``verb`` reports: its clausal complement, or the that-clause the parser
    hung on the noun of "said in a statement that ..."."""
    for c in verb.children:
        if c.dep_ == "ccomp":
            return c
    for c in verb.children:
        if c.dep_ == "prep" and c.i > verb.i:
            for obj in c.children:
                if obj.dep_ == "pobj":
                    for g in obj.children:
                        if g.dep_ in ("acl", "ccomp", "relcl") and any(
                            m.dep_ == "mark" and m.lower_ == "that" for m in g.children
                        ):
                            return g
    return None


def _bare_attribution(sent) -> bool:
    """'"...in two days!" Macron told the world on Thursday.': a sentence after a quote whose
    root is a verb of saying with a named subject and nothing said of its own (no clause it
    reports) only says who spoke the quote before it; with a clause ("Smith said the plan
    failed.") it is a statement of its own."""
    root = sent.root
    if not _is_reporting(root) or any(c.dep_ in {"ccomp", "xcomp", "parataxis"} for c in root.children):
        return False
    return any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in root.children)


def _cue_name(t: Token) -> str:
    return "according" if t.lower_ == "according" else t.lemma_.lower()


_VERB_OR_AUX = (int(parts_of_speech.VERB), int(parts_of_speech.AUX))  # pos_ looks its name up on each access


def _is_reporting(t: Token, verbs=REPORTING_VERBS) -> bool:
    return t.pos in _VERB_OR_AUX and t.lemma_.lower() in verbs


# ---------------------------------------------------------------- extraction


class _QuoteFinder:
    def __init__(self, doc: Doc, ents: DocEntities):
        self.doc = doc
        self.text = doc_text(doc)
        self.sents = sentences(doc)
        self.sent_starts = [s.start for s in self.sents]
        self.speakers = _Speakers(doc, ents)
        self.token_starts = [t.idx for t in tokens(doc)]

    def sentence_of(self, token_i: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, token_i) - 1)

    def token_at(self, char: int) -> int:
        """Index of the token covering (or first after) a character offset."""
        pos = bisect.bisect_right(self.token_starts, char) - 1
        return max(0, pos)

    def tokens_between(self, start: int, end: int) -> range:
        first = bisect.bisect_left(self.token_starts, start)
        last = bisect.bisect_left(self.token_starts, end)
        return range(first, last)

    # -- direct quotes

    def direct(self) -> list[QuoteRec]:
        out: list[QuoteRec] = []
        spans = []
        for s, e, opened, closed in quote_spans(self.text):
            s, e = _trim(self.text, s, e)
            if e > s and any(c.isalnum() for c in self.text[s:e]):
                spans.append((s, e, opened, closed))
        self.quoted_chars = [(s, e) for s, e, _, _ in spans]
        inside: set[int] = set()
        for s, e, _, _ in spans:
            inside.update(self.tokens_between(s, e))
        self.inside = inside
        prev: tuple[QuoteRec, int, bool] | None = None  # record, line start, left open
        for s, e, opened, closed in spans:
            toks = self.tokens_between(s, e)
            if not len(toks):
                continue
            line_start = self.text.rfind("\n", 0, s) + 1
            words = sum(1 for i in toks if not self.doc[i].is_punct)
            cue_tok, speaker = self.attribute(toks, s)
            cue = _cue_name(cue_tok) if cue_tok is not None else None
            if cue_tok is None and speaker is None and prev is not None:
                p_rec, p_line, p_open = prev
                same_line = p_line == line_start
                runs_on = p_open and self.text[line_start:s].strip(_MARK_CHARS) == "" and \
                    self.text[p_rec.end:line_start].count("\n") <= 3
                if (same_line or runs_on) and (p_rec.speaker_key or p_rec.cue):
                    speaker, cue = p_rec.speaker_key, p_rec.cue
            if cue_tok is None and speaker is None:
                verb = self.previous_sentence_speech(toks[0], line_start)
                if verb is not None:
                    speaker, cue = self.speaker_of(verb), _cue_name(verb)
            if not opened and cue_tok is None:
                # a closing mark with nothing open and no verb of saying: the words before it
                # are narration that a stray mark ends, not a quote whose opener was lost
                continue
            if speaker is None:
                need = _NO_SPEAKER_MIN_WORDS if cue else _MIN_UNATTRIBUTED_WORDS
                if words < need:
                    continue
            rec = QuoteRec(
                speaker_key=speaker,
                text=self.text[s:e],
                sentence_index=self.sentence_of(toks[0]),
                start=s,
                end=e,
                cue=cue,
            )
            out.append(rec)
            prev = (rec, line_start, not closed)
        return out

    def attribute(self, toks: range, start: int) -> tuple[Token | None, str | None]:
        doc = self.doc
        span = set(toks)
        # 1. the nearest verb of saying above the quoted words in the parse tree
        best: tuple[int, Token] | None = None
        for i in toks:
            t = doc[i]
            if t.head.i in span or t.head.i == t.i:
                continue
            depth, a = 0, t.head
            while depth < 8:
                if a.i not in self.inside and _is_reporting(a):
                    if best is None or depth < best[0]:
                        best = (depth, a)
                    break
                if a.head.i == a.i:
                    break
                a, depth = a.head, depth + 1
        if best is not None:
            verb = best[1]
            return verb, self.speaker_of(verb)
        # 2. a verb of saying in the sentence(s) the quote touches, nearest first
        first_s, last_s = self.sentence_of(toks[0]), self.sentence_of(toks[-1])
        cands = []
        for si in {first_s, last_s}:
            for t in self.sents[si]:
                if t.i not in self.inside and _is_reporting(t):
                    dist = toks[0] - t.i if t.i < toks[0] else t.i - toks[-1]
                    cands.append((dist, t))
        # "...blah." he said. -- split off as a sentence of its own
        if not cands and last_s + 1 < len(self.sents):
            nxt = self.sents[last_s + 1]
            last = doc[toks[-1]]
            gap = self.text[last.idx + len(last):nxt.start_char]
            if len(nxt) <= 12 and gap.count("\n") == 0 and (nxt[0].is_lower or _bare_attribution(nxt)):
                for t in nxt:
                    if t.i not in self.inside and _is_reporting(t):
                        cands.append((t.i - toks[-1], t))
        speakerless = None
        if cands:
            cands.sort(key=lambda c: c[0])
            for _, verb in cands:
                spk = self.speaker_of(verb)
                if spk:
                    return verb, spk
            speakerless = cands[0][1]
        # 3. according to X (also over a verb of saying with no speaker: "According to X, the
        # text, if written by Y, shows ...: "..."")
        sent_toks = [t for si in sorted({first_s, last_s}) for t in self.sents[si] if t.i not in span]
        obj = _according_to(sent_toks)
        if obj is not None:
            key = self.speakers.resolve(obj, deep=True)
            if key:
                return obj.head.head, key
        if speakerless is not None:
            return speakerless, None
        # 4. X wrote / praised Y: "..."
        window = max(0, start - 40)
        before = self.text[window:start].rstrip().rstrip('"“„«\'‘').rstrip()
        if before.endswith(":") and toks[0] > 1:
            colon = doc[self.token_at(window + len(before) - 1)]
            if colon.text == ":" and colon.i > 0:
                v = doc[colon.i - 1]
                while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
                    v = v.head
                if v.pos_ in ("VERB", "AUX") and v.i not in self.inside:
                    subj, _ = _subject(v)
                    key = self.speakers.resolve(subj) if subj is not None else None
                    if key and self.speakers.type_of(key) in ("PERSON", "ORG"):
                        return v, key
        return None, None

    def previous_sentence_speech(self, first_tok: int, line_start: int) -> Token | None:
        """X said Y. "Quote." -- a verb of saying with a named speaker in the sentence before,
        when the quote opens its sentence and both are in one paragraph."""
        si = self.sentence_of(first_tok)
        sent = self.sents[si]
        if si == 0 or self.text[sent.start_char:self.doc[first_tok].idx].strip(' "“„«') != "":
            return None
        prev = self.sents[si - 1]
        if prev.start_char < line_start:
            return None
        for t in prev:
            if t.i not in self.inside and _is_reporting(t, _LEAD_IN_VERBS) and self.speaker_of(t):
                return t
        return None

    def speaker_of(self, verb: Token) -> str | None:
        subj, passive = _subject(verb)
        if subj is None:
            return None
        return self.speakers.resolve(subj, deep=passive)

    # -- reported speech

    def indirect(self) -> list[QuoteRec]:
        out: list[QuoteRec] = []
        doc = self.doc
        for verb in tokens(doc):
            if verb.i in self.inside or not _is_reporting(verb, INDIRECT_VERBS):
                continue
            if any(c.dep_ == "neg" for c in verb.children):
                continue
            clause = _reported_clause(verb)
            if clause is None or clause.pos_ not in ("VERB", "AUX"):
                continue
            toks = list(clause.subtree)
            if toks[0].i < verb.i < toks[-1].i:  # a misattached opener: keep the clause's side
                toks = [t for t in toks if (t.i > verb.i) == (clause.i > verb.i)]
            first, last = toks[0], toks[-1]
            # "CLAUSE, X said": the clause before the verb must end at a comma
            if last.i < verb.i and (last.i + 1 >= len(doc) or doc[last.i + 1].text != ","):
                continue
            if first.dep_ == "mark" and first.lower_ in ("whether", "if"):
                continue
            while first.i < last.i and (first.is_punct or (first.dep_ == "mark" and first.lower_ == "that")
                                        or first.is_space):
                first = doc[first.i + 1]
            while last.i > first.i and (last.is_punct or last.is_space):
                last = doc[last.i - 1]
            start, end = self._clip_to_line(first.idx, last.idx + len(last), verb.idx)
            if self._overlaps_quote(start, end):
                continue
            words = len(self.text[start:end].split())
            if words < _MIN_INDIRECT_WORDS:
                continue
            speaker = self.speaker_of(verb)
            if speaker is None:
                continue
            out.append(QuoteRec(speaker, self.text[start:end], self.sentence_of(verb.i), start, end,
                                verb.lemma_.lower()))
        out.extend(self._according_clauses())
        return out

    def _according_clauses(self) -> list[QuoteRec]:
        """According to X, CLAUSE. / CLAUSE, according to X."""
        out = []
        doc = self.doc
        for t in tokens(doc):
            if t.lower_ != "according" or t.i in self.inside:
                continue
            obj = _according_to([t])
            if obj is None:
                continue
            head = t.head
            if head.pos_ not in ("VERB", "AUX") or head.i == t.i:
                continue
            phrase = list(t.subtree)
            clause = list(head.subtree)
            p0, p1 = phrase[0].i, phrase[-1].i
            c0, c1 = clause[0].i, clause[-1].i
            if p0 == c0:
                lo, hi = p1 + 1, c1
            elif p1 >= c1 - 1:
                lo, hi = c0, p0 - 1
            else:
                continue
            while lo <= hi and (doc[lo].is_punct or doc[lo].is_space):
                lo += 1
            while hi >= lo and (doc[hi].is_punct or doc[hi].is_space):
                hi -= 1
            if hi - lo + 1 < _MIN_INDIRECT_WORDS:
                continue
            start, end = self._clip_to_line(doc[lo].idx, doc[hi].idx + len(doc[hi]), t.idx)
            if len(self.text[start:end].split()) < _MIN_INDIRECT_WORDS or self._overlaps_quote(start, end):
                continue
            key = self.speakers.resolve(obj, deep=True)
            if key is None:
                continue
            out.append(QuoteRec(key, self.text[start:end], self.sentence_of(t.i), start, end, "according"))
        return out

    def _clip_to_line(self, start: int, end: int, at: int) -> tuple[int, int]:
        """Keep a reported clause inside the paragraph of its verb (parses run across lines)."""
        line_start = self.text.rfind("\n", 0, at) + 1
        line_end = self.text.find("\n", at)
        if line_end == -1:
            line_end = len(self.text)
        return _trim(self.text, max(start, line_start), min(end, line_end))

    def _overlaps_quote(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.quoted_chars)


def extract_quotes(doc: Doc, ents: DocEntities) -> list[QuoteRec]:
    """Direct and reported quotes of a parsed document, in text order."""
    finder = _QuoteFinder(doc, ents)
    quotes = finder.direct()
    seen = {(q.start, q.end) for q in quotes}
    for q in finder.indirect():
        if (q.start, q.end) not in seen:
            seen.add((q.start, q.end))
            quotes.append(q)
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes
