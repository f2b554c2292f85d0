"""The entity pass: spaCy's named entities, cleaned, typed and grouped into one entity per thing.

Inside one document "Maduro", "Nicolas Maduro" and a mis-typed "Maduro" (ORG) become one person;
"U.S." and "The United States" one country; "Venezuelan" in "Venezuelan president" is a mention of
Venezuela. Context repairs the tagger's labels and spans: a time zone or "anti-X" is no entity,
"X Avenue" is a facility, "X, <state>" and "X region" are places, "the Western District" takes
back its "of Texas", "A and <country>" is two places, an organisation in a list of people is a
person, a bracketed acronym stands for its organisation everywhere, a one-letter misspelling of
a place joins it and a bare title ("the Queen") joins its one holder. Short and borrowed forms
join what they stand for: "WWE (World Wrestling Entertainment)", "Dorian" after "Hurricane
Dorian", "Houthis" beside "Houthi", "NBC" beside "NBC News", "Supreme Court" beside "Supreme
Court of the United Kingdom", "the Committee" beside its one committee. A word closing a title
("Secretary of State"), shouted capitals and lower-case phrases are no names; what something is
posted on is an organisation, a name before "oil field"/"area" a place. A name before "district"
or "province", or after "in" when GeoNames knows the town, is a place; one in apposition to "the
<title>" or after a lower-case title is a person's; one after a noun for a kind of organisation
("the news network X") is an organisation's; a cut organisation name goes on through its
capitalised words and a given name cut off after a title is taken back. Country codes come from
the gazetteer (``data/reference``). The result is a
:class:`DocEntities` that later passes (roles, events, quotes) ask which entity a token stands for.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .docinfo import doc_text, ents, sentence_index_of, span_text, token_texts, tokens
from ..gazetteer import Gazetteer, Place
from ..text import normalize_name
from .index import DocEntities
from .words import BODY_NAME_ENDS, MONTHS, ORGANISATION_HEADS, ORGANISATION_KIND_NOUNS, WEEKDAYS
from ..records import EntityRec, MentionRec

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"}
# Words that precede a name inside spaCy's span but are not part of it.
TITLE_MODIFIERS = {"deputy", "vice", "acting", "former", "interim", "first", "senior", "ex", "then",
                   "late", "prime", "chief", "general", "foreign", "defence", "defense", "interior",
                   "finance", "opposition", "president-elect"}
COURTESY = {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "prof", "professor", "mr.", "mrs.", "ms.", "dr."}
# "/" and "|" join photo credits; a bracket opens an aside or a short form ("National Hurricane
# Center (NHC" came as one span), which is a name of its own, never part of the one before it.
SPLITTERS = {"/", "|", "·", "(", ")"}
# Time zones the tagger takes for organisations ("1639 UTC"): not things that act.
TIME_ZONES = frozenset({"UTC", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST",
                        "CET", "CEST", "EET", "EEST", "MSK", "IST", "JST", "AEST", "AEDT", "NZDT", "NZST"})
# A name ending in one of these is a street or a structure, whatever the tagger said ("Karl Marx
# Avenue" is not a person).
STREET_WORDS = frozenset({"Avenue", "Street", "Road", "Boulevard", "Square", "Lane", "Highway",
                          "Prospekt", "Bridge", "Drive", "Plaza", "Embankment",
                          # structures: "Washington Monument", "Grand Central Terminal"
                          "Monument", "Terminal", "Airport", "Stadium", "Arena", "Mall", "Tower", "Memorial",
                          "Cathedral", "Mosque", "Synagogue", "Temple",
                          # institutions housed in one building: "John Radcliffe Hospital"
                          "Hospital", "Clinic", "Prison", "Hotel"})
# A word after a one-word name that makes it a territory: "Chelyabinsk region", "X's governor".
TERRITORY_WORDS = frozenset({"region", "regional", "province", "provincial", "oblast", "county", "governor",
                             "governorate", "prefecture", "municipality"})
# Lower-case heads that make the name before them an administrative area, for any tagger label
# ("the Tsuen Wan district", "Maidan Wardak province", "the X provincial council"); "governor" and
# "regional" are left to the one-word ORG rule, since they also follow organisations' names.
TERRITORY_NOUNS = frozenset({"district", "province", "provincial", "oblast", "county", "governorate",
                             "prefecture", "municipality", "township", "borough", "canton"})
# Prepositions of place: a town the gazetteer of cities knows, as their object, is that town
# ("an attack in Ghazni"), not a person or an organisation of the same name.
LOCATIVE_PREPS = frozenset({"in", "near", "outside", "around"})
# Last words of administrative names that go on with "of PLACE".
ADMIN_WORDS = frozenset({"District", "Province", "Region", "County", "Municipality", "Prefecture", "Governorate",
                         "Court", "University", "Ministry", "Department", "Council", "Assembly", "Embassy"})
GEOGRAPHIC_NOUNS = frozenset({"sea", "ocean", "river", "gulf", "bay", "lake", "island", "islands", "coast",
                              "mountains", "north", "south", "east", "west", "city", "state", "region"})
# Words for saying or posting something, which "on X" after them makes X a medium ("posted a
# message on Twitter", "said on Facebook", "his account on Weibo").
MEDIUM_HEADS = frozenset({"post", "message", "write", "say", "tweet", "comment", "announce", "statement",
                          "video", "share", "publish", "appear", "broadcast", "stream", "account", "page",
                          "respond", "reply", "letter", "photo", "picture", "upload", "note", "thread",
                          "claim", "declare", "warn", "report", "livestream", "story", "update", "call"})
# Common nouns for a stretch of land that a name before them ("the X oil field", "the X area")
# makes a named place, whatever the tagger said.
PLACE_HEADS = frozenset({"area", "field", "oilfield", "vicinity", "neighbourhood", "neighborhood", "valley",
                         "peninsula", "desert", "basin", "plain", "plateau", "archipelago", "gorge"})
# facilities whose "at/near X" names a place: "the plant at X", "a base near Y"
SITE_NOUNS = frozenset({"plant", "facility", "refinery", "field", "oilfield", "base", "airbase", "terminal",
                        "port", "camp", "mine", "factory", "depot", "complex", "airport", "reactor", "station"})
# built structures whose name stands before them: "the EastMed pipeline", "the Kerch bridge"
WORKS_NOUNS = frozenset({"pipeline", "railway", "railroad", "bridge", "dam", "canal", "highway", "motorway",
                         "tunnel", "airport", "port", "stadium", "refinery", "reactor"})
# Kin nouns: the name in apposition to one ("his wife, Amanda,") is a person.
KIN_NOUNS = frozenset({"wife", "husband", "son", "daughter", "mother", "father", "brother", "sister",
                       "partner", "widow", "widower", "fiancee", "fiancée", "fiance", "fiancé", "child",
                       "children", "grandson", "granddaughter", "niece", "nephew", "cousin", "uncle", "aunt"})
# Last words of organisation names that only say what kind of body it is: the name without
# them is the same body ("Labour" / "Labour Party").
ORG_KIND_WORDS = ("Party", "News", "Movement", "movement", "Group", "Inc.", "Inc", "Corporation", "Network",
                  "Agency", "Foundation", "Organization", "Organisation",
                  # airlines: "Mahan" beside "Mahan Air"
                  "Air", "Airlines", "Airways")
_SPACED_KIND_WORDS = tuple(" " + w for w in ORG_KIND_WORDS)  # what a short name's full form ends with
ROMAN_NUMERALS = frozenset({"II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
                            "XV", "XVI"})
_WEB_NAME = re.compile(r"^[A-Z][A-Za-z0-9-]*\.(?:com|org|net|info|io|news|ru|ua|fr|de|uk|co\.uk)$")
_WEB_NAME_IN_TEXT = re.compile(r"(?<![\w.-])[A-Z][A-Za-z0-9-]*\.(?:co\.uk|com|org|net|info|io|news|ru|ua|fr|de|uk)(?![\w-])")


@dataclass
class _Cluster:
    key: str
    type: str
    surfaces: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans [start, end)
    place: Place | None = None
    canonical: str | None = None  # fixed name (countries, organisations known to the gazetteer)
    country: str | None = None
    tokens: set[str] = field(default_factory=set)  # normalised name words, for person matching
    last_seen: int = -1
    label_votes: Counter = field(default_factory=Counter)
    titles: set[str] = field(default_factory=set)  # title words written before the name

    def add(self, start: int, end: int, surface: str, label: str) -> None:
        self.mentions.append((start, end))
        self.surfaces.append(surface)
        self.last_seen = max(self.last_seen, start)
        self.label_votes[label] += 1


def _clean_span(doc: Doc, span: Span, gaz: Gazetteer, label: str, alnum: bool = False) -> list[tuple[int, int]]:
    """Token ranges of the name(s) inside an entity span: no determiner, possessive, line breaks,
    photo-credit slashes or (for people) titles."""
    pieces: list[tuple[int, int]] = []
    start = span.start
    toks = tokens(doc)  # indexed as the Doc would be, without a new Token each time
    for tok in toks[span.start:span.end]:
        if tok.text in SPLITTERS or "\n" in tok.text:
            if tok.i > start:
                pieces.append((start, tok.i))
            start = tok.i + 1
    if span.end > start:
        pieces.append((start, span.end))
    out = []
    for s, e in pieces:
        while s < e and (toks[s].lower_ in {"the", "a", "an"} or toks[s].is_punct or toks[s].is_space):
            s += 1
        while e > s and (toks[e - 1].tag_ == "POS" or toks[e - 1].is_punct or toks[e - 1].is_space
                         or toks[e - 1].lower_ in {"'s", "’s"}):
            e -= 1
        if label == "PERSON":
            s = _skip_title(doc, s, e, gaz)
        # a name has a word of letters; "8chan" after "the message board" (``alnum``) is one too
        if s < e and any(t.is_alpha or alnum and any(ch.isalpha() for ch in t.text) for t in toks[s:e]):
            out.append((s, e))
    return out


def _skip_title(doc: Doc, s: int, e: int, gaz: Gazetteer) -> int:
    """Move past leading titles, courtesy words and nationality words inside a PERSON span."""
    while s < e - 1:
        low = doc[s].lower_
        if low in COURTESY or low in TITLE_MODIFIERS or gaz.is_demonym(doc[s].text):
            s += 1
            continue
        got = gaz.title_match(token_texts(doc)[s:e - 1])
        if got:
            s += got[1]
            continue
        break
    return s


# Verbs of putting something on a platform, after which "to X" names the platform ("posted a
# photo to Twitter", "uploaded it to YouTube"); "sent a letter to X" names a person, so "to" only
# counts after these.
UPLOAD_VERBS = frozenset({"post", "upload", "tweet", "share", "publish", "livestream", "stream"})


def _posted_to(tok: Token) -> bool:
    # "to" hangs on the verb or on what was posted ("posted a photo to Twitter")
    return tok.head.lower_ == "to" and any(a.lemma_.lower() in UPLOAD_VERBS for a in list(tok.head.ancestors)[:2])


def _known_town(name: str) -> bool:
    """Whether GeoNames (kb.places) has a populated place whose own name is exactly ``name``."""
    from ..places import PlaceIndex

    return any(p.feature_class == "P" and own and normalize_name(p.name) == normalize_name(name)
               for p, own in PlaceIndex.load().candidates(name))


def _person_words(text: str) -> set[str]:
    return {w for w in normalize_name(text).split() if len(w) > 1}


class EntityPass:
    """Builds the entities of one document. Use :func:`find_entities`."""

    def __init__(self, doc: Doc, gaz: Gazetteer):
        self.doc = doc
        self.gaz = gaz
        self.clusters: list[_Cluster] = []
        self.by_name: dict[tuple[str, str], _Cluster] = {}  # (group, normalised name) -> cluster
        self.by_token: dict[int, _Cluster] = {}
        self.acronyms: dict[str, _Cluster] = {}  # "FSB" -> the organisation it abbreviated
        self.sure_places: set[int] = set()  # tokens of names the context shows are places
        self.span_titles: dict[tuple[int, int], set[str]] = {}
        self.bare_titles: list[tuple[int, int]] = []  # "the Queen": a title standing for a name

    def _tagged_ents(self) -> tuple[Span, ...]:
        """The tagger's entities, made once per document (docinfo.ents): the relabelling asks
        once per entity."""
        return ents(self.doc)

    def _new(self, type_: str) -> _Cluster:
        c = _Cluster(key=f"e{len(self.clusters)}", type=type_)
        self.clusters.append(c)
        return c

    def _cluster_for(self, group: str, name: str, type_: str) -> _Cluster:
        k = (group, name)
        if k not in self.by_name:
            self.by_name[k] = self._new(type_)
        return self.by_name[k]

    def country_cluster(self, code: str) -> _Cluster:
        c = self._cluster_for("country", code, "GPE")
        c.canonical = c.canonical or self.gaz.country_name(code) or code
        c.country = code
        return c

    def _mark(self, c: _Cluster, s: int, e: int, label: str) -> None:
        c.add(s, e, span_text(self.doc, s, e), label)
        for i in range(s, e):
            self.by_token[i] = c

    def _split_coordinated(self, pieces: list[tuple[int, int]], label: str) -> list[tuple[int, int]]:
        """"the sea between Crete and Cyprus" tagged as one name: two places when a side of the
        "and" is a country the gazetteer knows (and the whole is not, as "Trinidad and Tobago")."""
        if label not in {"ORG", "GPE", "LOC"}:
            return pieces
        out = []
        for s, e in pieces:
            ands = [t.i for t in self.doc[s:e] if t.lower_ == "and" and s < t.i < e - 1]
            if len(ands) == 1 and self.gaz.lookup(self.doc[s:e].text) is None:
                a, b = (s, ands[0]), (ands[0] + 1, e)
                sides = [self.gaz.lookup(self.doc[x:y].text) for x, y in (a, b)]
                if any(p is not None and p.kind in {"country", "variant"} for p in sides) and \
                        all(t.text[:1].isupper() for x, y in (a, b) for t in self.doc[x:y] if t.is_alpha):
                    out += [a, b]
                    if label == "ORG" and e - s == 3:
                        # "between Crete and Cyprus": a one-word name paired with a country is a place
                        self.sure_places.update(range(s, e))
                    continue
            out.append((s, e))
        return out

    def _with_of_place(self, ent: Span, label: str) -> Span:
        """"the Western District" + "of Texas": an administrative name the tagger cut before
        "of PLACE" takes the place back ("Western District of Texas")."""
        doc = self.doc
        if label in {"LOC", "ORG", "FAC"} and len(ent) > 2 and ent[-1].lower_ == "of" and ent[-2].text in ADMIN_WORDS:
            # the tagger stopped after the "of" ("The Supreme Court of" + "Norway")
            nxt = next((e for e in ents(doc) if e.start == ent.end and e.label_ == "GPE"), None)
            return Span(doc, ent.start, nxt.end, label=ent.label_) if nxt is not None else ent
        if label not in {"LOC", "ORG", "FAC"} or ent[-1].text not in ADMIN_WORDS or ent.end + 1 >= len(doc) \
                or doc[ent.end].lower_ != "of":
            return ent
        nxt = next((e for e in ents(doc) if e.start == ent.end + 1 and e.label_ == "GPE"), None)
        return Span(doc, ent.start, nxt.end, label=ent.label_) if nxt is not None else ent

    def _common_acronym_of_place(self, ent: Span, label: str) -> tuple[Span, str]:
        """"the EEZ of Cyprus" after "exclusive economic zone (EEZ)": an abbreviation the text
        spelt out in lower case is a common noun, so "X of COUNTRY" names only the country."""
        doc = self.doc
        toks = [t for t in ent if t.lower_ != "the"]
        if len(toks) < 3 or toks[1].lower_ != "of" or not toks[0].is_upper or len(toks[0].text) < 2:
            return ent, label
        m = re.search(r"[a-z]+\s*\(\s*" + re.escape(toks[0].text) + r"\s*\)", doc_text(doc))
        place = self.gaz.lookup(doc[toks[2].i:ent.end].text)
        if m is None or place is None or place.kind not in {"country", "variant"}:
            return ent, label
        return Span(doc, toks[2].i, ent.end, label="GPE"), "GPE"

    def _past_connector(self, ent: Span) -> Span:
        """"Operation Fast and" + "Furious": a name the tagger cut right after "and", "of" or
        "for" goes on through the capitalised words that follow, which no other name claims."""
        doc = self.doc
        if len(ent) < 2 or ent[-1].lower_ not in ("and", "of", "for", "&"):
            return ent
        end = ent.end
        while end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha and not doc[end].ent_type_:
            end += 1
        return Span(doc, ent.start, end, label=ent.label_) if end > ent.end else ent

    def _org_name_goes_on(self, ent: Span, label: str) -> Span:
        """"the Puerto Rico Center" + "for Investigative Journalism", "the Office of the UN" +
        "High Commissioner for Human Rights", "Abu Dhabi" + "Media": an organisation's name the
        tagger cut before the rest of its capitalised words goes on through them (and through
        "for", "of", "and", "the" between them), when the whole holds a word for a kind of body
        and no other name claims the words. A capitalised word before a person's name is left
        out: it opens a title ("Acme Center Director Ann Berg")."""
        doc = self.doc
        if label != "ORG":
            return ent

        def capital(i: int) -> bool:
            t = doc[i]
            return t.is_alpha and t.text[:1].isupper() and not t.ent_type_ and not t.is_sent_start

        j = end = ent.end
        while j < len(doc):
            if capital(j):
                j += 1
                end = j
            elif doc[j].lower_ in {"for", "of", "and", "the"} and j + 1 < len(doc) and (
                    capital(j + 1) or doc[j + 1].lower_ == "the" and j + 2 < len(doc) and capital(j + 2)):
                j += 1
            else:
                break
        if end == ent.end or (end < len(doc) and doc[end].ent_type_ == "PERSON"):
            return ent
        if not {t.lower_ for t in doc[ent.start:end]} & ORGANISATION_HEADS:
            return ent
        return Span(doc, ent.start, end, label=ent.label_)

    def _org_name_starts_earlier(self, ent: Span, label: str) -> Span:
        """"the House Oversight and Reform Committee" tagged as "Reform Committee": capitalised
        words before an organisation's name that the parser hangs on the same phrase (through an
        "and" or "of" between them) are the start of the name; a word another name claims, or a
        lower-case word, ends it."""
        doc = self.doc
        if label != "ORG" or not {t.lower_ for t in ent} & ORGANISATION_HEADS:
            return ent  # only a body's name ("... Committee"); "MP Tanya Davies" tagged ORG is a person
        inside = set(range(ent.start, ent.end))

        def capital(i: int) -> bool:
            t = doc[i]
            return t.is_alpha and t.text[:1].isupper() and not t.ent_type_ and not self.gaz.title_match([t.text])

        j = ent.start - 1
        begin = ent.start
        while j >= 0:
            t = doc[j]
            if capital(j) and (t.head.i in inside or t.head.i in range(j + 1, ent.start)):
                begin = j
                inside.add(j)
            elif t.lower_ in {"and", "of"} and j > 0 and capital(j - 1) and t.head.i in range(j - 1, ent.end):
                inside.add(j)
            else:
                break
            j -= 1
        if begin == ent.start or doc[begin].lower_ in {"and", "of"}:
            return ent
        return Span(doc, begin, ent.end, label=ent.label_)

    def _after_kind_noun(self, start: int) -> bool:
        """Whether the word right before a name is a lower-case noun for a kind of organisation
        ("the news network RTHK", "the message board 8chan"): apposition of a common noun and a
        name says what the name is."""
        if start == 0:
            return False
        prev = tokens(self.doc)[start - 1]
        # the word list first: few words are in it, and the other tests cost as much each
        return prev.lower_ in ORGANISATION_KIND_NOUNS and prev.is_lower and prev.pos_ == "NOUN" \
            and not prev.ent_type_

    def _names_after_kind_nouns(self) -> None:
        """"the news network RTHK withdrew": capitalised words no name claims, right after a noun
        for a kind of organisation, are that organisation's name."""
        doc = self.doc
        for tok in tokens(doc):
            if tok.i in self.by_token or not self._after_kind_noun(tok.i):
                continue
            j = tok.i
            while j < len(doc) and j not in self.by_token and not doc[j].ent_type_ and doc[j].pos_ == "PROPN" \
                    and (doc[j].is_title or doc[j].is_upper or doc[j].text[:1].isdigit()):
                j += 1
            if j > tok.i and not (j - tok.i == 1 and self.gaz.title_match([tok.text])):
                name = doc[tok.i:j].text
                c = self._cluster_for("org", normalize_name(name), "ORG")
                self._mark(c, tok.i, j, "ORG")

    def _given_name_before(self, ent: Span, label: str) -> Span:
        """"Superintendent Yolanda" + "Yu Hoi-kwan": a person's name the tagger began one word
        late, after a title, takes back the capitalised word between the title and the name
        (a given name), when that word is no title, courtesy, nationality or place."""
        doc = self.doc
        i = ent.start - 1
        if label != "PERSON" or i < 1:
            return ent
        tok, before = doc[i], doc[i - 1]
        if not ((tok.pos_ == "PROPN" or tok.tag_ == "NNP") and tok.is_alpha and tok.is_title and not tok.ent_type_) \
                or tok.is_sent_start:
            return ent
        if tok.lower_ in COURTESY or tok.lower_ in TITLE_MODIFIERS or self.gaz.title_match([tok.text]) \
                or self.gaz.is_demonym(tok.text) or self.gaz.lookup(tok.text) is not None:
            return ent
        if self.gaz.given_name_gender(tok.text) is not None:
            return Span(doc, i, ent.end, label=ent.label_)  # "Mayor of London Sadiq Khan": a given name
        got = self.gaz.title_match([before.text])
        if not got or before.ent_type_:
            return ent
        return Span(doc, i, ent.end, label=ent.label_)

    def _place_before_a_name(self, ent: Span, label: str) -> tuple[Span, str]:
        """"Senator from Vermont Bernie Sanders" tagged as one name: after "from" or "of" that
        hangs on a title, a place the gazetteer knows followed by two or more capitalised words
        is the place the office is from and then the holder's name; the name is kept."""
        doc = self.doc
        if label not in {"ORG", "PERSON", "GPE"} or len(ent) < 3 or ent.start < 2:
            return ent, label
        prep = doc[ent.start - 1]
        if prep.lower_ not in {"from", "of"} or not self.gaz.title_match([doc[ent.start - 2].text]):
            return ent, label
        for cut in range(ent.end - 2, ent.start, -1):
            place = self.gaz.lookup(doc[ent.start:cut].text)
            if place is not None and place.kind in {"country", "variant", "region", "city", "capital"} \
                    and all(t.is_alpha and t.text[:1].isupper() for t in doc[cut:ent.end]):
                return Span(doc, cut, ent.end, label="PERSON"), "PERSON"
        return ent, label

    def _relabel(self, ent: Span, label: str) -> str | None:
        """The label the context gives a span the tagger labelled ``label``; None drops it."""
        doc = self.doc
        text = ent.text.strip()
        if text in TIME_ZONES:
            return None
        if label == "NORP" and text.lower().startswith(("anti-", "pro-")):
            return None  # "anti-Muslim": an attitude, not a group's name
        if self._inside_title(ent) or self._shouted(ent):
            return None
        if label == "ORG" and (whole := self.gaz.title_match(token_texts(doc)[ent.start:ent.end])) and whole[1] == len(ent):
            return None  # "naming a new National Security Advisor": a title, not a body
        if label != "PERSON" and len(ent) <= 3 and self._opens_title(ent):
            return None
        if len(ent) == 1 and ent[0].tag_ == "VB" and ent[0].dep_ == "ROOT":
            return None  # '"Imagine just being able to ..."': a verb in the imperative, no name
        if label == "PERSON" and len(ent) == 1 and len(text) > 2 and text.isupper() and text.isalpha() \
                and self.gaz.lookup(text) is None:
            return "ORG"  # "MAGA", "CEDAW": a name in capitals is an acronym, not a person's name
        if label == "NORP" and len(ent) > 1 and ent[-1].tag_ == "NNP" and not self.gaz.is_demonym(ent[-1].text):
            return "ORG"  # "Saudi Aramco": a nationality word before a name is part of a company's name
        if not any(ch.isupper() for ch in text):
            return None  # "the royal command": a name has a capital somewhere
        if label in {"PERSON", "ORG"} and len(ent) > 1 and ent[-1].lower_ in BODY_NAME_ENDS and ent[-1].text[:1].isupper():
            # "Soleimani and his Quds Force": a name ending in a body's head word is a body's,
            # whatever the tagger said or a list of people beside it suggests
            return "ORG"
        if len(ent) > 1 and ent[-1].text == "Time" and label != "PERSON":
            return None  # "Central European Time": a time zone, like "UTC"
        root = ent.root
        if label in {"ORG", "GPE", "NORP"} and len(ent) <= 2 and root.dep_ == "appos" and root.head.lemma_.lower() in KIN_NOUNS:
            return "PERSON"  # "his wife, Amanda,"
        if label in {"EVENT", "ORG", "PERSON", "GPE", "NORP"} and root.dep_ == "compound" and root.head.i >= ent.end \
                and (root.head.lemma_.lower() in WORKS_NOUNS or root.head.lower_ in WORKS_NOUNS):
            return "FAC"  # "the EastMed gas pipeline", "the Hallsberg railway": a built structure's name
        if label in {"ORG", "PERSON"} and len(ent) == 1 and root.dep_ in {"appos", "compound"} \
                and root.head.lemma_.lower() in GEOGRAPHIC_NOUNS and root.head.is_lower:
            self.sure_places.update(range(ent.start, ent.end))
            return "LOC"  # "our biggest island Crete", "the river Volga": a landform's name
        if label in {"ORG", "PERSON", "NORP"} and root.dep_ in {"compound", "amod", "nmod"} and root.head.i >= ent.end \
                and root.head.is_lower and root.head.lemma_.lower() in PLACE_HEADS:
            self.sure_places.update(range(ent.start, ent.end))
            return "LOC"  # "the Khurais oil field", "the Sandy Point area"
        last = ent[-1]
        if last.text in STREET_WORDS and len(ent) > 1:
            return "FAC"
        if len(ent) == 1 and label in {"LOC", "GPE"} and text.lower() in GEOGRAPHIC_NOUNS:
            return None  # "the Law of the Sea": a capitalised common noun, no place's name
        titled = all(t.text[:1].isupper() for t in ent if t.is_alpha)
        # "Allen, Texas", "Chippewa Falls, Wisconsin": a name followed by its state or country
        if ent.end + 1 < len(doc) and doc[ent.end].text == "," and titled and len(ent) <= 3 \
                and label in {"PERSON", "ORG", "GPE", "LOC", "NORP"}:
            nxt = doc[ent.end + 1]
            nxt_ent = next((e for e in self._tagged_ents() if e.start == nxt.i), None)
            place = self.gaz.lookup(nxt_ent.text) if nxt_ent is not None else None
            # a state or province (one the gazetteer knows, or a place it does not know at all):
            # never a country, since "Trump, Mexico and Canada" lists three parties
            region = place.kind == "region" if place is not None else (
                nxt_ent is not None and nxt_ent.label_ == "GPE")
            after = doc[nxt_ent.end] if nxt_ent is not None and nxt_ent.end < len(doc) else None
            if region and self.gaz.lookup(text) is None and (after is None or after.tag_ != "POS"):
                self.sure_places.update(range(ent.start, ent.end))
                return "GPE"
        if label == "ORG" and len(ent) == 1 and ent.end < len(doc):
            nxt = doc[ent.end]
            if nxt.tag_ == "POS" and ent.end + 1 < len(doc):
                nxt = doc[ent.end + 1]
            if nxt.lower_ in TERRITORY_WORDS:
                self.sure_places.update(range(ent.start, ent.end))
                return "GPE"
        if label in {"PERSON", "ORG", "NORP"} and len(ent) <= 3 and titled and ent.end < len(doc) \
                and doc[ent.end].lower_ in TERRITORY_NOUNS and doc[ent.end].is_lower \
                and ent.root.dep_ in {"compound", "nmod", "amod"} and ent.root.head.i >= ent.end:
            # "the Tsuen Wan district", "Maidan Wardak province", "the X provincial council": a
            # name that a lower-case word for an administrative area follows as its head (or that
            # modifies "provincial") names that area; people do not come in districts
            self.sure_places.update(range(ent.start, ent.end))
            return "GPE"
        if label == "ORG" and titled and 2 <= len(ent) <= 3 and all(t.pos_ == "PROPN" and not t.is_upper
                                                                     and self.gaz.lookup(t.text) is None for t in ent) \
                and self._after_lower_case_title(ent):
            return "PERSON"  # "chief constable Piers Hadley": a title written in lower case names a person next
        if label in {"ORG", "LOC", "FAC"} and titled and 2 <= len(ent) <= 4 and self._person_predicate(ent):
            return "PERSON"  # "Crystal Munoz was convicted of ...": only people are convicted, pardoned, born
        if label in {"ORG", "PERSON"} and titled and len(ent) <= 3 and self._named_in_apposition_to_title(ent):
            return "PERSON"  # "Ana Ruiz Olmos, the Secretary of Labour": a name a title stands beside is a person's
        if label in {"ORG", "PERSON"} and titled and len(ent) <= 3 and self._locative_town(ent):
            self.sure_places.update(range(ent.start, ent.end))
            return "GPE"
        if label == "ORG" and titled and all(t.pos_ == "PROPN" or not t.is_alpha for t in ent):
            # one of a list of people: "A, B and C" where the tagger took B for an organisation
            near = [ent.root.head] + [c for c in ent.root.children if c.dep_ == "conj"]
            if ent.root.dep_ == "conj" or any(c.dep_ == "conj" for c in ent.root.children):
                if any(t.ent_type_ == "PERSON" and t.i not in range(ent.start, ent.end) for t in near):
                    return "PERSON"
        return label

    def _person_predicate(self, ent: Span) -> bool:
        """A name, unknown to the gazetteer and made of proper nouns only, that is the subject of a
        verb only people undergo or do ("was convicted", "was pardoned", "was born", "pleaded",
        "testified", "resigned"): the tagger's organisation or place is a person."""
        if not all(t.pos_ == "PROPN" and t.is_alpha for t in ent) or self.gaz.lookup(ent.text.strip()) is not None:
            return False
        root = ent.root
        if root.dep_ not in ("nsubj", "nsubjpass"):
            return False
        verb = root.head
        return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in PERSON_PREDICATES

    def _after_lower_case_title(self, ent: Span) -> bool:
        """"the county's chief constable Piers Hadley", "actor Ned Pollard": a title the
        gazetteer knows, written in lower case right before a name, describes the person named
        (an organisation's name is not introduced by an office)."""
        doc = self.doc
        toks, words = tokens(doc), token_texts(doc)
        for back in range(1, 4):
            lo = ent.start - back
            if lo < 0 or not all(t.is_lower and t.is_alpha for t in toks[lo:ent.start]):
                break
            got = self.gaz.title_match(words[lo:ent.start])
            if got and got[1] == back:
                return True
        return False

    def _named_in_apposition_to_title(self, ent: Span) -> bool:
        """"NAME, the Secretary of Justice", "the police chief, NAME": a name in apposition to a
        noun phrase headed by a title the gazetteer knows is a person's name, whatever label the
        tagger gave it (it often calls a double surname an organisation). Only a phrase with an
        article counts: "X, the Y" states what X is, where a bare "Court Commissioner" may start
        an organisation's name."""
        root = ent.root
        others = [c for c in root.children if c.dep_ == "appos" and c.i >= ent.end]
        if root.dep_ == "appos" and root.head.i < ent.start:
            others.append(root.head)
        for other in others:
            if not any(c.dep_ == "det" and c.lower_ in {"the", "a", "an"} for c in other.children):
                continue
            if other.ent_type_ and other.ent_type_ != "PERSON":
                continue  # "X, the United Nations": another name, not a title
            words = token_texts(self.doc)[other.i:other.right_edge.i + 1]
            if self.gaz.title_match(words):  # "Secretary", "Secretary of State", "chief constable"
                return True
        return False

    def _locative_town(self, ent: Span) -> bool:
        """"an assault in Ghazni": a name the tagger called a person or an organisation that is
        the object of a preposition of place, and that the cities gazetteer (GeoNames) knows under
        exactly that name, is the town. A name that a title or a courtesy word stands before, or
        that is the subject of anything, keeps the tagger's reading."""
        root = ent.root
        if root.dep_ != "pobj" or root.head.lower_ not in LOCATIVE_PREPS or self.gaz.lookup(ent.text) is not None:
            return False
        if ent.start > 0 and (self.doc[ent.start - 1].lower_ in COURTESY or self.gaz.title_match([self.doc[ent.start - 1].text])):
            return False
        return _known_town(ent.text)

    def _shouted(self, ent: Span) -> bool:
        """"I WON THIS ELECTION, BY A LOT!": a word in a run of capitals is shouting, not a name
        (unless the gazetteer knows it: "NATO")."""
        doc = self.doc
        if not all(t.is_upper or not t.is_alpha for t in ent) or self.gaz.lookup(ent.text) is not None:
            return False
        near = list(doc[max(ent.start - 4, 0):ent.start]) + list(doc[ent.end:ent.end + 4])
        caps = [t for t in near if t.is_alpha and len(t.text) > 1 and t.is_upper and not t.ent_type_]
        return len(caps) >= 2

    def _opens_title(self, ent: Span) -> bool:
        """"Commerce Secretary Wilbur Ross", "Interior Minister X": a capitalised word that opens
        a title the gazetteer knows, right before a person's name, is the title's first word."""
        doc = self.doc
        words = token_texts(doc)
        for ahead in range(1, 4):
            hi = ent.end + ahead
            if hi > len(words):
                break
            got = self.gaz.title_match(words[ent.start:hi])
            if got and got[1] == hi - ent.start and hi < len(words) and doc[hi].ent_type_ == "PERSON":
                return True
        return False

    def _inside_title(self, ent: Span) -> bool:
        """"Secretary of State", "Minister of Defence": a capitalised word that closes a title
        the gazetteer knows is part of that title, not an organisation (the role pass reads the
        whole title and the person then gets the title's country)."""
        words = token_texts(self.doc)
        for back in range(1, 4):
            lo = ent.start - back
            if lo < 0 or not words[lo][:1].isupper():
                continue  # "of" inside the title
            got = self.gaz.title_match(words[lo:ent.end])
            if got and got[1] == ent.end - lo:
                return True
        return False

    def run(self) -> None:
        people: list[tuple[int, int, str]] = []
        for ent in self._tagged_ents():
            if ent.label_ not in KEPT_LABELS and not (ent.label_ in {"WORK_OF_ART", "PRODUCT"}
                                                      and self._after_kind_noun(ent.start)):
                continue
            if self._after_kind_noun(ent.start) and ent[0].is_alpha | ent[0].text[:1].isdigit():
                label = "ORG"  # "state news firm Saba", "Iranian airline Mahan Air", "message board 8chan"
            else:
                label = self._relabel(ent, ent.label_)
            if label is None:
                continue
            ent = self._with_of_place(ent, label)
            ent = self._past_connector(ent)
            ent = self._org_name_goes_on(ent, label)
            ent = self._org_name_starts_earlier(ent, label)
            ent = self._given_name_before(ent, label)
            ent, label = self._place_before_a_name(ent, label)
            if label == "ORG":
                ent, label = self._common_acronym_of_place(ent, label)
            if label == "PERSON":
                # the small model often calls a country or a nationality a person ("Sri Lanka",
                # "Ugandan"); a name the gazetteer knows as a place is one
                place = self.gaz.lookup(ent.text.strip())
                if place is not None and place.kind not in {"igo", "ngo", "seat"}:
                    label = "NORP" if place.kind == "demonym" else "GPE"
            if label == "PERSON" and self._group_of_people(ent.start, ent.end):
                continue
            kind_named = label == "ORG" and self._after_kind_noun(ent.start)
            for s, e in self._split_coordinated(_clean_span(self.doc, ent, self.gaz, label, kind_named), label):
                if self._acronym(s, e):
                    continue
                if label == "PERSON":
                    first = max(ent.start - 1, 0)  # the title may sit just outside the span
                    titles = {t.lower_ for t in self.doc[first:s] if t.is_alpha and t.lower_ not in {"the", "a", "an"}
                              and (t.i >= ent.start or self.gaz.title_match([t.text]))}
                    if e - s == 1 and self.gaz.title_match([self.doc[s].text]) and not titles:
                        self.bare_titles.append((s, e))
                        continue
                    self.span_titles[(s, e)] = titles
                    people.append((s, e, label))
                else:
                    self._place_or_org(s, e, label, people)
        self._people(people)
        self._shared_surname()
        self._surname_spellings()
        self._titles_as_names()
        self._late_acronyms()
        self._acronym_first()
        self._short_event_names()
        self._places_to_post()
        self._missed_names()
        self._names_after_kind_nouns()
        self._bracketed_names()
        self._untagged_surnames()
        self._web_names()
        self._merge_misspelt_places()
        self._places_with_initials()
        self._compass_variants()
        self._names_used_as_modifiers()
        self._plural_names()
        self._org_countries()
        self._sites_at_places()
        self._orgs_named_as_places()
        self._same_name_as_a_thing()
        self._head_word_alone()
        self._named_with_a_kind_word()
        self._country_qualified_orgs()

    def _titles_as_names(self) -> None:
        """"the Queen" after (or before) "Queen Elizabeth II": a bare title tagged as a person is
        the one person the text gives that title; with none or several it is no name at all."""
        for s, e in self.bare_titles:
            word = self.doc[s].lower_
            holders = [c for c in self.clusters if c.type == "PERSON" and word in c.titles]
            if len(holders) == 1:
                self._mark(holders[0], s, e, "PERSON")

    def _web_names(self) -> None:
        """A site named by its address ("Znak.com") is an organisation the tagger often misses."""
        # searched in the text, not token by token: walking every token of a long article costs
        # more than the rest of this pass
        for m in _WEB_NAME_IN_TEXT.finditer(doc_text(self.doc)):
            span = self.doc.char_span(m.start(), m.end())
            if span is None or len(span) != 1:
                continue
            tok = span[0]
            if tok.i not in self.by_token and _WEB_NAME.match(tok.text):
                c = self._cluster_for("org", normalize_name(tok.text), "ORG")
                self._mark(c, tok.i, tok.i + 1, "ORG")

    def _merge(self, a: _Cluster, b: _Cluster) -> None:
        """Move every mention of ``a`` to ``b``."""
        for (ms, me), surface in zip(a.mentions, a.surfaces):
            b.mentions.append((ms, me))
            b.surfaces.append(surface)
            for i in range(ms, me):
                self.by_token[i] = b
        a.mentions, a.surfaces = [], []

    def _late_acronyms(self) -> None:
        """"the Federal Security Service (FSB)" where the tagger left "(FSB)" out but tagged a
        later "FSB" on its own: the short form is the same organisation throughout."""
        doc = self.doc
        words = token_texts(doc)  # a new Token per word asked about: this looks at every word
        for tok in tokens(doc):
            if not (0 < tok.i < len(words) - 1 and words[tok.i - 1] == "(" and words[tok.i + 1] == ")"):
                continue
            owner = self.by_token.get(tok.i - 2)
            short = tok.text.replace(".", "")
            if owner is None or owner.type != "ORG" or not short.isupper() or len(short) < 2:
                continue
            start = min((m[0] for m in owner.mentions if m[1] == tok.i - 1), default=None)
            if start is None or not words[start][:1] == short[0]:
                continue
            self.acronyms.setdefault(short, owner)
            known = self.gaz.lookup(tok.text)
            if known is not None and known.kind in {"igo", "ngo"} and owner.country is None:
                # "the International Labor Office (ILO)": the short form the gazetteer knows
                # names the organisation and its code
                owner.canonical, owner.country, owner.place = known.canonical, known.code, known
            other = self.by_token.get(tok.i)
            if other is None:
                self._mark(owner, tok.i, tok.i + 1, "ORG")
        for c in self.clusters:
            target = self.acronyms.get(c.surfaces[0].replace(".", "")) if c.mentions else None
            if target is not None and target is not c and all(x.replace(".", "") == c.surfaces[0].replace(".", "")
                                                             for x in c.surfaces):
                self._merge(c, target)

    def _acronym_first(self) -> None:
        """"WWE (World Wrestling Entertainment)": the short form written first with its expansion
        in brackets after it is one organisation, named by the expansion."""
        doc = self.doc
        words = token_texts(doc)
        for tok in tokens(doc):
            if not (0 < tok.i < len(words) - 2 and words[tok.i] == "("):
                continue
            short = self.by_token.get(tok.i - 1)
            full = self.by_token.get(tok.i + 1)
            if full is None or short is full or full.type != "ORG":
                continue
            letters = words[tok.i - 1].replace(".", "")
            if not (letters.isupper() and len(letters) >= 2) or short is not None and any(
                    s.replace(".", "") != letters for s in short.surfaces):
                continue
            start, end = min(((m[0], m[1]) for m in full.mentions if m[0] == tok.i + 1), default=(None, None))
            if start is None or end >= len(words) or words[end] != ")":
                continue
            initials = "".join(w[0] for w in words[start:end] if w[:1].isupper())
            if initials[:1] != letters[0] or not set(letters) <= set(initials):
                continue
            if short is None:
                self._mark(full, tok.i - 1, tok.i, "ORG")
            self.acronyms.setdefault(letters, full)
            # the short form's other mentions, which the tagger may have made a cluster of
            for c in self.clusters:
                if c is not full and c.mentions and all(x.replace(".", "") == letters for x in c.surfaces):
                    self._merge(c, full)

    def _short_event_names(self) -> None:
        """"Dorian" after "Hurricane Dorian": a storm, an operation or a war named once in full is
        referred back to by its last word, which the tagger then calls a person or a group."""
        events = [c for c in self.clusters if c.type == "EVENT" and c.mentions]
        for c in self.clusters:
            if c.type == "EVENT" or not c.mentions or c.place is not None or len(set(c.surfaces)) != 1 \
                    or len(c.surfaces[0].split()) != 1:
                continue
            word = c.surfaces[0]
            owners = [ev for ev in events if any(len(x.split()) > 1 and x.split()[-1] == word for x in ev.surfaces)]
            if len(owners) == 1:
                owner = owners[0]
                owner.canonical = owner.canonical or max(owner.surfaces, key=lambda x: (len(x.split()), len(x)))
                self._merge(c, owner)

    def _places_to_post(self) -> None:
        """"posted a message on Twitter", "wrote on Instagram": a one-word name that only ever
        appears as the place something is posted or said is a platform (an organisation),
        whatever the tagger said; people are not where words are put."""
        for c in self.clusters:
            if c.type != "PERSON" or not c.mentions or len(set(c.surfaces)) != 1 or len(c.surfaces[0].split()) != 1:
                continue
            toks = [self.doc[s] for s, e in c.mentions]
            # "on" hangs on the verb of saying or on a word of the quote it closes; look up a little
            # ('"...!" on Twitter': right after a quotation, "on X" says where it was written)
            if all(t.dep_ == "pobj" and (t.head.lower_ == "on" or _posted_to(t)) and (any(
                    a.lemma_.lower() in MEDIUM_HEADS for a in list(t.head.ancestors)[:3])
                    or t.head.i > 0 and self.doc[t.head.i - 1].text in {'"', "”", "'"}) for t in toks):
                c.type = "ORG"
                c.label_votes = Counter({"ORG": len(toks)})

    def _names_used_as_modifiers(self) -> None:
        """"the Brexit deadline", "his Brexit strategy", "a no-deal Brexit": a one-word name the
        tagger called a person that the text mostly uses to qualify a common noun, or with "a",
        is the name of a happening or a thing; people are named, not used as adjectives. A name
        written once is left alone: one "the Smith family" tells nothing."""
        for c in self.clusters:
            if c.type != "PERSON" or len(c.mentions) < 2 or len(set(c.surfaces)) != 1 \
                    or len(c.surfaces[0].split()) != 1 or c.titles:
                continue
            modifying = 0
            for s, e in c.mentions:
                tok = self.doc[s]
                head = tok.head
                if tok.dep_ == "compound" and head.pos_ == "NOUN" and head.is_lower or \
                        any(ch.dep_ == "det" and ch.lower_ in {"a", "an"} for ch in tok.children):
                    modifying += 1
            if modifying * 2 > len(c.mentions):
                c.type = "EVENT"
                c.label_votes = Counter({"EVENT": len(c.mentions)})

    def _plural_names(self) -> None:
        """"Republicans" beside "Republican", "the Houthis" beside "Houthi": a name that is another
        name plus a plural "s" is the same group (the tagger types the plural as people)."""
        singles = {}
        for c in self.clusters:
            if c.mentions and c.type in {"NORP", "ORG"} and c.place is None:
                for x in set(c.surfaces):
                    singles.setdefault(x, c)
        for c in self.clusters:
            if not c.mentions or c.place is not None or c.type not in {"NORP", "ORG", "PERSON"}:
                continue
            if c.type == "PERSON" and any(len(x.split()) > 1 for x in c.surfaces):
                continue
            targets = {id(t): t for x in set(c.surfaces) if x.endswith("s") and len(x) > 4
                       for t in [singles.get(x[:-1])] if t is not None and t is not c}
            if len(targets) == 1 and all(x.endswith("s") for x in c.surfaces):
                self._merge(c, next(iter(targets.values())))

    def _head_word_alone(self) -> None:
        """"the Court" after "the Supreme Court", "the Committee" after "the Judiciary Committee":
        an organisation's head noun alone, capitalised, refers back to the one organisation whose
        name ends in it; with several such organisations it is left as it was."""
        orgs = [c for c in self.clusters if c.mentions and c.type == "ORG"]
        for c in orgs:
            if len(set(c.surfaces)) != 1 or len(c.surfaces[0].split()) != 1 or c.place is not None \
                    or not c.surfaces[0].istitle():
                continue
            word = c.surfaces[0]
            # the head is the last word, or the last before "of" ("Court of Session")
            owners = [o for o in orgs if o is not c and o.mentions and any(
                len(x.split()) > 1 and word in {x.split()[-1], x.split(" of ")[0].split()[-1]} for x in o.surfaces)]
            if len(owners) == 1:
                self._merge(c, owners[0])

    def _orgs_named_as_places(self) -> None:
        """"a meet on Crete" (tagged ORG) beside "the island Crete": a one-word name the text
        uses elsewhere as a place is that place, not an organisation of the same name."""
        places = {}
        for c in self.clusters:
            if c.type in {"GPE", "LOC"} and c.mentions:
                for x in set(c.surfaces):
                    places.setdefault(normalize_name(x), c)
        for c in self.clusters:
            if c.type != "ORG" or not c.mentions or c.canonical or c.place:
                continue
            names = {normalize_name(x) for x in c.surfaces}
            if len(names) == 1 and len(next(iter(names)).split()) == 1 and next(iter(names)) in places:
                self._merge(c, places[next(iter(names))])

    def _sites_at_places(self) -> None:
        """"the processing plant at Abqaiq", "a base near Kandahar": what a plant, field or base is
        at is a place, though the tagger took the name for an organisation."""
        for c in self.clusters:
            if c.type != "ORG" or not c.mentions or c.canonical or c.place:
                continue
            for s, e in c.mentions:
                root = self.doc[s:e].root
                prep = root.head
                if root.dep_ == "pobj" and prep.lower_ in ("at", "near", "outside") \
                        and prep.head.lemma_.lower() in SITE_NOUNS:
                    c.type = "GPE"
                    c.label_votes["GPE"] += len(c.mentions) + sum(c.label_votes.values())
                    break

    def _same_name_as_a_thing(self) -> None:
        """"the general manager of Cipriani Dolci" beside "worked at Cipriani Dolci": a full name
        the tagger took once for a person and once for a place or an organisation is one thing;
        the non-person reading wins, since a person is not written identically to a venue."""
        others = {}
        for c in self.clusters:
            if c.mentions and c.type in {"FAC", "ORG", "GPE", "LOC"}:
                for x in set(c.surfaces):
                    if len(x.split()) > 1:
                        others.setdefault(normalize_name(x), c)
        for c in self.clusters:
            if c.type != "PERSON" or not c.mentions or c.titles:
                continue
            full = {normalize_name(x) for x in c.surfaces if len(x.split()) > 1}
            targets = {id(others[n]): others[n] for n in full if n in others}
            if len(targets) == 1 and len(full) == 1:
                self._merge(c, next(iter(targets.values())))

    def _named_with_a_kind_word(self) -> None:
        """"Conservative" beside "Conservative Party", "NBC" beside "NBC News", "Houthi" beside
        "Houthi movement": a name that another organisation's name only adds a word for a kind of
        organisation to is that organisation, shortened."""
        orgs = [c for c in self.clusters if c.mentions and c.type == "ORG" and c.place is None]
        # a one-word "person" with no title is often the short form too ("Mahan's director")
        for short in [c for c in self.clusters if c.mentions and c.place is None and (
                c.type in {"ORG", "NORP"} or c.type == "PERSON" and not c.titles and len(set(c.surfaces)) == 1
                and len(c.surfaces[0].split()) == 1)]:
            name = self._name(short)
            fulls = [o for o in orgs if o is not short and o.mentions and any(
                x.strip().endswith(_SPACED_KIND_WORDS) and
                x.strip().rsplit(" ", 1)[0] == name for x in o.surfaces)]
            if len(fulls) == 1:
                full = fulls[0]
                full.type = "ORG"
                # the organisation keeps its full name however often the short one is used
                # ("Mahan" five times beside one "Mahan Air" is still Mahan Air)
                full.canonical = full.canonical or max(
                    (x.strip() for x in full.surfaces if x.strip().rsplit(" ", 1)[0] == name), key=len)
                self._merge(short, full)

    def _country_qualified_orgs(self) -> None:
        """"Supreme Court" beside "Supreme Court of the United Kingdom", "General Services
        Administration" beside "United States General Services Administration": an organisation
        named once with its country and then without it is one organisation."""
        orgs = [c for c in self.clusters if c.mentions and c.type == "ORG" and c.place is None]
        for short in orgs:
            name = normalize_name(self._name(short))
            longer = []
            for full in orgs:
                if full is short or not full.mentions:
                    continue
                fname = normalize_name(self._name(full))
                rest = None
                if fname.startswith(name + " of "):
                    rest = fname[len(name) + 4:]
                elif fname.endswith(" " + name):
                    rest = fname[:-len(name) - 1]
                if rest is None:
                    continue
                place = self.gaz.lookup(rest, case_sensitive=False)
                if place is not None and place.kind in {"country", "variant", "demonym"}:
                    longer.append((full, place.code))
            if len(longer) == 1:
                full, code = longer[0]
                full.country = full.country or code
                self._merge(short, full)

    def _shared_surname(self) -> None:
        """"Richard and Lisa Parry": a lone given name joined by "and" to a full name shares its
        surname (a couple, siblings), when it is no one else's name in the text."""
        doc = self.doc
        for c in [c for c in self.clusters if c.type == "PERSON" and len(c.tokens) == 1 and not c.canonical]:
            if any(e - s != 1 for s, e in c.mentions):
                continue
            for s, e in c.mentions:
                if e + 2 >= len(doc) or doc[e].lower_ != "and":
                    continue
                nxt = self.by_token.get(e + 1)
                if nxt is None or nxt is c or nxt.type != "PERSON" or (e + 1, e + 3) not in nxt.mentions:
                    continue
                surname = doc[e + 2].text
                c.canonical = f"{doc[s].text} {surname}"
                break

    def _surname_spellings(self) -> None:
        """"Saree said" after "Yahya Sarea": a one-word name one vowel away from a person's
        surname is that surname spelt another way (transliterations vary in their vowels)."""
        vowels = set("aeiouy")
        people = [c for c in self.clusters if c.type == "PERSON" and len(c.tokens) > 1 and c.mentions]
        for a in [c for c in self.clusters if c.type in {"PERSON", "ORG"} and c.mentions and not c.canonical
                  and not c.place and all(e - s == 1 for s, e in c.mentions)]:
            word = normalize_name(a.surfaces[0])
            if len(word) < 5 or a in people:
                continue
            owners = []
            for b in people:
                for w in b.tokens:
                    diff = [(x, y) for x, y in zip(word, w) if x != y]
                    if len(w) == len(word) and len(diff) == 1 and word[:2] == w[:2] and set(diff[0]) <= vowels:
                        owners.append(b)
            if len(owners) == 1:
                self._merge(a, owners[0])

    def _compass_variants(self) -> None:
        """"the Eastern Mediterranean" beside "East Mediterranean gas fields": a region named with
        "East" or "Eastern" (West, North, South) is one region."""
        forms = {"eastern": "east", "western": "west", "northern": "north", "southern": "south"}

        def key(name: str) -> str:
            words = normalize_name(name).split()
            return " ".join([forms.get(words[0], words[0])] + words[1:]) if words else ""
        seen: dict[str, _Cluster] = {}
        for c in sorted((c for c in self.clusters if c.type == "LOC" and c.mentions and not c.canonical),
                        key=lambda c: -len(c.mentions)):
            k = key(c.surfaces[0])
            if k.split()[0] not in forms.values() or len(k.split()) < 2:
                continue
            if k in seen:
                self._merge(c, seen[k])
            else:
                seen[k] = c

    def _places_with_initials(self) -> None:
        """"Washington" beside "Washington D.C.": a place name and the same name followed by the
        initials of its state or district are one place."""
        places = [c for c in self.clusters if c.type in {"GPE", "LOC"} and c.mentions]
        for a in places:
            for b in places:
                if a is b or not a.mentions or not b.mentions:
                    continue
                na, nb = a.surfaces[0].strip(), b.surfaces[0].strip()
                rest = nb[len(na):].strip(" ,") if nb.startswith(na + " ") or nb.startswith(na + ",") else None
                if rest and re.fullmatch(r"(?:[A-Z]\.){2,3}", rest):
                    self._merge(a, b)

    def _merge_misspelt_places(self) -> None:
        """One letter apart in a long place name ("Magnitigorsk" beside "Magnitogorsk") is a typo:
        the rarer spelling joins the commoner."""
        places = [c for c in self.clusters if c.type in {"GPE", "LOC", "FAC"} and c.mentions
                  and not c.canonical]
        for a in places:
            for b in places:
                if a is b or not a.mentions or not b.mentions or len(b.mentions) < len(a.mentions):
                    continue
                na, nb = a.surfaces[0], b.surfaces[0]
                if len(na) >= 8 and len(na) == len(nb) and sum(x != y for x, y in zip(na, nb)) == 1 \
                        and na[0] == nb[0]:
                    self._merge(a, b)

    def _missed_names(self) -> None:
        """Short forms the tagger often leaves out ("U.N.", "NATO", "U.S." as a modifier) but the
        gazetteer knows as one organisation or country."""
        for tok in tokens(self.doc):
            if tok.i in self.by_token or not (tok.is_upper or "." in tok.text) or len(tok.text) < 2:
                continue
            if tok.text.replace(".", "") in self.acronyms:  # "the FSB" after "... Service (FSB)"
                owner = self.acronyms[tok.text.replace(".", "")]
                self._mark(owner, tok.i, tok.i + 1, owner.type)
                continue
            place = self.gaz.lookup(tok.text)
            if place is None:
                continue
            if place.kind in {"igo", "ngo"}:
                c = self._cluster_for("org", normalize_name(place.canonical), "ORG")
                c.canonical, c.country, c.place = place.canonical, place.code, place
                self._mark(c, tok.i, tok.i + 1, "ORG")
            elif place.kind in {"country", "variant"}:
                self._mark(self.country_cluster(place.code), tok.i, tok.i + 1, "GPE")

    def _bracketed_names(self) -> None:
        """"I urge [Lam] to step down": a name an editor put in square brackets inside a quote
        stands for someone the quote leaves unnamed; the tagger rarely labels it, so a bracketed
        run of capitalised words that are all name words of one person named in the text is that
        person."""
        doc = self.doc
        people = [c for c in self.clusters if c.type == "PERSON" and c.mentions]
        for tok in tokens(doc):
            if tok.text != "[":
                continue
            end = next((t.i for t in doc[tok.i + 1:tok.i + 5] if t.text == "]"), None)
            if end is None or end == tok.i + 1:
                continue
            inner = doc[tok.i + 1:end]
            if any(t.i in self.by_token or not t.text[:1].isupper() for t in inner):
                continue
            words = _person_words(inner.text)
            match = self._match_person(words, people, tok.i) if words else None
            if match is not None:
                self._mark(match, tok.i + 1, end, "PERSON")

    def _untagged_surnames(self) -> None:
        """"Quirin denied the charge": the tagger now and then leaves a lone surname unlabelled. A
        capitalised proper noun standing alone (no proper noun beside it), unknown to the gazetteer,
        that is the surname of exactly one person named in full before it, is that person."""
        doc = self.doc
        surnames: dict[str, list[_Cluster]] = {}
        for c in self.clusters:
            if c.type != "PERSON" or not c.mentions:
                continue
            full = {normalize_name(x).split()[-1] for x in c.surfaces if len(normalize_name(x).split()) > 1}
            for w in full:
                surnames.setdefault(w, []).append(c)
        if not surnames:
            return
        for tok in tokens(doc):
            if tok.i in self.by_token or tok.pos_ != "PROPN" or not tok.is_alpha or not tok.is_title or len(tok.text) < 3:
                continue
            if any(0 <= j < len(doc) and (doc[j].pos_ == "PROPN" or doc[j].i in self.by_token) and doc[j].is_alpha
                   and not _time_word(doc[j]) for j in (tok.i - 1, tok.i + 1)):
                continue  # part of a longer name ("Later on Tuesday Mitsotakis met": a day is no part of it)
            owners = surnames.get(normalize_name(tok.text), [])
            if len(owners) != 1 or min(m[0] for m in owners[0].mentions) > tok.i:
                continue
            if self.gaz.lookup(tok.text) is not None or self.gaz.is_demonym(tok.text):
                continue
            self._mark(owners[0], tok.i, tok.i + 1, "PERSON")

    def _group_of_people(self, s: int, e: int) -> bool:
        """"Bosnian Serbs", "Serbs": a nationality, not a person; the first nationality word
        names the country."""
        words = token_texts(self.doc)[s:e]
        if all(self.gaz.is_demonym(w) or self.gaz.is_demonym(w.rstrip("s")) for w in words):
            place = self.gaz.lookup(words[0]) or self.gaz.lookup(words[0].rstrip("s"))
            if place is not None:
                self._mark(self.country_cluster(place.code), s, e, "GPE")
                return True
        return False

    def _acronym(self, s: int, e: int) -> bool:
        """"Nigerian Union of Teachers (NUT)": the bracketed short form is the same organisation."""
        doc = self.doc
        if e - s != 1 or s < 2 or e >= len(doc) or doc[s - 1].text != "(" or doc[e].text != ")":
            return False
        short = doc[s].text.replace(".", "")
        owner = self.by_token.get(s - 2)
        if owner is None or not short.isupper() or owner.type not in {"ORG", "FAC", "GPE", "NORP", "EVENT"}:
            return False
        start = min(m[0] for m in owner.mentions if m[1] == s - 1) if any(m[1] == s - 1 for m in owner.mentions) else None
        if start is None:
            return False
        initials = "".join(t.text[0] for t in doc[start:s - 1] if t.text[:1].isupper())
        if not initials or short[0] != initials[0] or not set(short) <= set(initials.upper()) | set("ABCDEFGHIJKLMNOPQRSTUVWXYZ") - set():
            return False
        if short[0] != initials[0]:
            return False
        self._mark(owner, s, e, owner.type)
        self.acronyms[short] = owner
        return True

    def _org_countries(self) -> None:
        """An organisation named after a country or nationality belongs to it ("Nigerian Union
        of Teachers", "Montenegro Municipality Association"); so does one a country word
        modifies ("the US Congress", "Israel's Knesset")."""
        for c in self.clusters:
            if c.type not in {"ORG", "FAC"} or c.country or not c.mentions:
                continue
            for s, e in c.mentions:
                code = None
                # "Baghdad University Medical School": Iraq; "Puerto Rico Center for ...", "Abu
                # Dhabi Media": a place of two or three words inside the name counts as well
                for n in (3, 2, 1):
                    for i in range(s, e - n + 1):
                        place = self.gaz.lookup(self.doc[i:i + n].text)
                        if place is not None and place.kind in {"country", "variant", "demonym", "capital", "city"}:
                            code = place.code
                            break
                    if code:
                        break
                if code is None and s > 2 and self.doc[s - 1].lower_ == "based" and self.doc[s - 2].text == "-":
                    # "the Yemen-based Houthi movement", "a London-based charity"
                    other = self.by_token.get(s - 3)
                    place = self.gaz.lookup(self.doc[s - 3].text)
                    code = other.country if other is not None and other.type == "GPE" else (
                        place.code if place is not None and place.kind not in {"igo", "ngo"} else None)
                if code is None and s > 0:
                    prev = self.doc[s - 1]
                    if prev.tag_ == "POS" and s > 1:
                        prev = self.doc[s - 2]
                    other = self.by_token.get(prev.i)
                    if other is not None and other.type == "GPE" and other.country and prev.head.i in range(s, e):
                        code = other.country
                if code:
                    c.country = code
                    break

    def _place_or_org(self, s: int, e: int, label: str, people: list) -> None:
        text = self.doc[s:e].text
        if e - s == 1 and text.replace(".", "") in self.acronyms:
            owner = self.acronyms[text.replace(".", "")]
            self._mark(owner, s, e, owner.type)
            return
        place = self.gaz.lookup(text)
        if place is None and label == "NORP" and text.endswith("s"):
            place = self.gaz.lookup(text[:-1])  # "Venezuelans"
        if place is not None and place.kind in {"country", "variant", "demonym"}:
            if place.kind == "demonym" and label not in {"NORP", "GPE", "ORG"}:
                # the whole span is the nationality word: "Hong Konger's rights" tagged ORG is a
                # mention of Hong Kong as much as "Venezuelan" is of Venezuela
                place = None
            else:
                self._mark(self.country_cluster(place.code), s, e, "GPE")
                return
        if place is not None and place.kind in {"igo", "ngo"}:
            c = self._cluster_for("org", normalize_name(place.canonical), "ORG")
            c.canonical, c.country, c.place = place.canonical, place.code, place
            self._mark(c, s, e, "ORG")
            return
        if place is not None and place.kind in {"city", "capital", "region"} and label == "LOC":
            label = "GPE"  # a city the gazetteer knows is a political place, not a landform
        # at most two words, a hyphenated one counting once ("al-Assad" is three tokens)
        if label in {"ORG", "NORP", "GPE", "LOC"} and place is None and len(text.split()) <= 2 and s not in self.sure_places:
            # spaCy sometimes types a person's surname as ORG or LOC ("leftist Maduro's claim",
            # "where Soleimani was arriving"); decide once every person is known.
            people.append((s, e, label))
            return
        group = "place" if label in {"GPE", "LOC", "FAC"} else "org" if label == "ORG" else label.lower()
        c = self._cluster_for(group, normalize_name(text), label)
        if place is not None:
            c.place, c.country = place, place.code
        self._mark(c, s, e, label)

    def _people(self, spans: list[tuple[int, int, str]]) -> None:
        # Longer names first, so a surname mentioned before the full name still finds it.
        ordered = sorted(spans, key=lambda x: (-(x[1] - x[0]) if x[2] == "PERSON" else 0, x[0]))
        person_clusters: list[_Cluster] = []
        for s, e, label in ordered:
            text = self.doc[s:e].text
            words = _person_words(text)
            if not words:
                continue
            match = self._match_person(words, person_clusters, s)
            if match is None and label != "PERSON":
                # not a known person: it was an organisation or a place after all
                group = "place" if label in {"GPE", "LOC", "FAC"} else "org" if label == "ORG" else label.lower()
                c = self._cluster_for(group, normalize_name(text), label)
                self._mark(c, s, e, label)
                continue
            if match is None:
                match = self._new("PERSON")
                person_clusters.append(match)
            match.tokens |= words
            match.titles |= self.span_titles.get((s, e), set())
            self._mark(match, s, e, "PERSON")

    @staticmethod
    def _match_person(words: set[str], clusters: list[_Cluster], at: int) -> _Cluster | None:
        """A name joins a person whose name words contain all of its words; a lone surname that
        fits several people goes to the one named most recently before it."""
        cands = [c for c in clusters if words <= c.tokens or (len(c.tokens) > 1 and c.tokens <= words)]
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        before = [c for c in cands if any(m[0] < at for m in c.mentions)]
        pool = before or cands
        return max(pool, key=lambda c: max((m[0] for m in c.mentions if m[0] < at), default=-1))

    def _is_name(self, c: _Cluster, surface: str) -> bool:
        """Whether a surface form is another name of the entity, not a word standing for it."""
        if self.gaz.is_demonym(surface) or self.gaz.is_demonym(surface.rstrip("s")):
            return False
        if c.country and c.type == "GPE" and c.canonical:  # a country: only its names
            place = self.gaz.lookup(surface)
            return place is not None and place.kind in {"country", "variant"}
        return True

    def _name(self, c: _Cluster) -> str:
        if c.canonical:
            return c.canonical
        names = [s.strip() for s in c.surfaces]
        if c.type == "PERSON":
            return max(names, key=lambda n: (len(n.split()), len(n), -names.index(n)))
        short = {k for k, v in self.acronyms.items() if v is c}
        counts = Counter(n for n in names if n.replace(".", "") not in short) or Counter(names)
        return max(counts, key=lambda n: (counts[n], len(n)))

    def to_index(self) -> tuple[DocEntities, list[MentionRec]]:
        sent_of = sentence_index_of(self.doc)
        toks, text = tokens(self.doc), doc_text(self.doc)
        index = DocEntities()
        mentions: list[MentionRec] = []
        for c in self.clusters:
            if not c.mentions:
                continue
            if c.type != "PERSON" and not c.place and c.label_votes:
                c.type = c.label_votes.most_common(1)[0][0]
            name = self._name(c)
            aliases = sorted({s for s in c.surfaces if s != name and self._is_name(c, s)})
            if c.type == "PERSON":
                # the surname alone is how news refers back to a person
                last = name.split()[-1]
                if len(name.split()) > 1 and last in ROMAN_NUMERALS:
                    last = name.split()[-2] if len(name.split()) > 2 else name  # "Elizabeth II" is no "II"
                    aliases = [a for a in aliases if a not in ROMAN_NUMERALS]
                if len(name.split()) > 1 and last not in aliases and last != name:
                    aliases.append(last)
            index.entities[c.key] = EntityRec(key=c.key, name=name, type=c.type, country=c.country,
                                              aliases=aliases)
            for s, e in sorted(c.mentions):
                # the span's bounds and text from the token list and the document's text: a
                # Span per mention made a Token per word and joined their texts
                first, last = toks[s], toks[e - 1]
                start, end = first.idx, last.idx + len(last.text)
                mentions.append(MentionRec(c.key, sent_of[s], start, end, text[start:end]))
        index.by_token = {i: c.key for i, c in self.by_token.items() if c.key in index.entities}
        mentions.sort(key=lambda m: m.start)
        return index, mentions




# verbs whose subject is a person: "X was convicted", "X was born", "X pleaded guilty"
PERSON_PREDICATES = frozenset({"convict", "sentence", "pardon", "bear", "marry", "plead", "testify", "resign",
                               "die", "commute", "indict", "acquit", "jail", "imprison", "execute"})


def _time_word(tok: Token) -> bool:
    """A day or month name, or a token the tagger put in a date or time."""
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in WEEKDAYS or tok.lower_ in MONTHS


def find_entities(doc: Doc, gaz: Gazetteer | None = None) -> tuple[DocEntities, list[MentionRec], EntityPass]:
    """Entities and mentions of a parsed document."""
    p = EntityPass(doc, gaz or Gazetteer.load())
    p.run()
    index, mentions = p.to_index()
    return index, mentions, p


# -- references that are not names ------------------------------------------------------------

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
COUNTRY_NOUNS = {"country", "nation", "state"}


def _conjoined_owner(pron: Token, index: DocEntities) -> str | None:
    """'X and his team', 'Y and her family': a possessive in a noun phrase coordinated with a named
    person is that person's, whatever the clause's subject is (the nearest conjunct binds it)."""
    if pron.dep_ != "poss" or pron.head.dep_ != "conj":
        return None
    first = pron.head.head
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    key = index.by_token.get(first.i)
    if key and index.entities[key].type == "PERSON" and first.pos_ != "PRON" and first.i < pron.i:
        return key
    return None


def _clause_subject(pron: Token, index: DocEntities) -> str | None:
    """The person a pronoun most likely stands for when its sentence names one as the subject of
    a verb above it: in "X told Y that his country ...", "his" is X, not the nearer Y."""
    for anc in pron.ancestors:
        if anc.pos_ not in {"VERB", "AUX"}:
            continue
        for child in anc.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.i < pron.i and child.i != pron.i:
                key = index.by_token.get(child.i)
                if key and index.entities[key].type == "PERSON" and child.pos_ != "PRON":
                    return key
    return None


# Closed-class words that tell a person's grammatical gender: courtesy titles before the name and
# gendered nouns in apposition ("Anna Berg, the chairwoman"), and the pronouns themselves.
_MALE_WORDS = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "chairman", "spokesman",
                         "congressman", "businessman", "father", "son", "brother", "husband",
                         "man", "boy", "grandfather", "uncle", "nephew", "gentleman", "boyfriend", "actor", "dad"})
_FEMALE_WORDS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess",
                           "chairwoman", "spokeswoman", "congresswoman", "businesswoman", "mother",
                           "daughter", "sister", "wife",
                           "woman", "girl", "grandmother", "aunt", "niece", "widow", "girlfriend", "actress", "mum", "mom"})
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}


def _unnamed_antecedent(pron: Token, want: str, index: DocEntities) -> bool:
    """A subject pronoun whose nearest candidate is an unnamed person of its gender, the subject
    of a clause in its own sentence before it or in the sentence before ("one of their daughters,
    aged 17, escaped and phoned 911. She did not know ..."): it stands for that person, whom the
    index does not hold, so it is left unresolved rather than given to a name further back."""
    if pron.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    nouns = _FEMALE_WORDS if want == "f" else _MALE_WORDS  # the nouns among them: pos NOUN below
    sent = pron.sent
    span = list(pron.doc[sent.start:pron.i])
    if sent.start > 0:
        span = list(pron.doc[sent.start - 1].sent) + span
    for t in span:
        if index.by_token.get(t.i) is not None:
            continue
        # the parser may hang "one of their daughters" on the "after" before it, not as a subject
        if t.dep_ in {"nsubj", "nsubjpass"} and t.lemma_.lower() in nouns and t.pos_ == "NOUN" or t.lower_ == "one" and any(
                p.lemma_.lower() in nouns and p.pos_ == "NOUN" for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj"):
            # a name after it in the span is the nearer candidate
            if not any(index.by_token.get(x.i) and index.entities[index.by_token[x.i]].type == "PERSON"
                       for x in span if x.i > t.i):
                return True
    return False


def _gender_cue(tok: Token) -> str | None:
    """The gender a word next to a name gives it: "Mrs Berg", "Berg, the chairwoman"."""
    low = tok.lower_
    return "m" if low in _MALE_WORDS else "f" if low in _FEMALE_WORDS else None


def _name_gender(name_tok: Token, given: str | None = None) -> str | None:
    """The gender a mention shows: a courtesy title or a gendered noun beside it, else the
    person's given name when it is nearly always one gender's (``given``: the name's first word)."""
    prev = name_tok.doc[name_tok.i - 1] if name_tok.i > 0 else None
    if prev is not None and (g := _gender_cue(prev)):
        return g
    for c in name_tok.children:
        if c.dep_ == "appos" and (g := _gender_cue(c)):
            return g
    if name_tok.dep_ == "appos" and (g := _gender_cue(name_tok.head)):
        return g
    return Gazetteer.load().given_name_gender(given) if given else None


def _surname_of(tok: Token, index: DocEntities) -> str | None:
    """The one person whose last name is this capitalised word the tagger did not mark."""
    if not tok.text[:1].isupper() or tok.pos_ not in {"PROPN", "NOUN"}:
        return None
    keys = [k for k, e in index.entities.items()
            if e.type == "PERSON" and len(e.name.split()) > 1 and e.name.split()[-1] == tok.text]
    return keys[0] if len(keys) == 1 else None


def _previous_subject(pron: Token, index: DocEntities) -> str | None:
    """The person who is the main subject of the sentence before a subject pronoun's: centering
    prefers it over a person named later in that sentence ("A criticised B. She said ..." is A)."""
    sent = pron.sent
    if pron.dep_ not in {"nsubj", "nsubjpass"} or sent.start == 0:
        return None
    if any(t.dep_ in {"nsubj", "nsubjpass"} and t.i < pron.i and index.by_token.get(t.i)
           and index.entities[index.by_token[t.i]].type == "PERSON" for t in sent if t.i != pron.i):
        return None  # the sentence names its own subject first: the clause rule decides
    prev = pron.doc[sent.start - 1].sent
    root = prev.root
    # the subject first; when it is no person ("a jury convicted X", "the government labeled X
    # a terrorist"), the object, next in the centering order of grammatical roles
    for deps in ({"nsubj", "nsubjpass"}, {"dobj"}):
        for c in root.children:
            if c.dep_ not in deps:
                continue
            key = index.by_token.get(c.i) or _surname_of(c, index)
            if key and index.entities[key].type == "PERSON":
                return key
            for g in c.children:  # "the mayor, Anna Berg, ..."
                key = index.by_token.get(g.i) if g.dep_ == "appos" else None
                if key and index.entities[key].type == "PERSON":
                    return key
            if c.dep_ != "dobj" and c.pos_ == "PRON":
                return None  # "He said ...": the subject is a person told of before, centred already
    return None


PLURAL_PRONOUNS = frozenset({"they", "their", "them"})
_GROUP_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _coordination(head: Token, index: DocEntities) -> list[str]:
    """The entities a coordination of names stands for ("A and B", "A and his counterparts, B, C
    and D"), when it names at least two, or one with its own people ("A and his team"); else nothing."""
    keys: list[str] = []
    owned = False  # "Biden and his team": one party with its own people stands for that party
    stack = [head]
    while stack:
        t = stack.pop()
        key = index.by_token.get(t.i)
        if key and index.entities[key].type in _GROUP_TYPES and key not in keys:
            keys.append(key)
        elif key is None and t is not head and t.pos_ == "NOUN":
            owned = owned or any(c.dep_ == "poss" and c.pos_ == "PRON" and index.by_token.get(c.i) == head_key
                                 for c in t.children for head_key in [index.by_token.get(head.i)] if head_key)
        stack += [c for c in t.children if c.dep_ in ("conj", "appos")]
    return keys if len(keys) >= 2 or len(keys) == 1 and owned else []


def _plural_antecedent(pron: Token, index: DocEntities) -> list[str]:
    """'The House held Ross and Barr in contempt, citing their refusal': "they"/"their" is the
    nearest group of two or more named parties before it in its sentence; failing that, the
    latest such group that was a sentence's subject, up to three sentences back ("A and B met
    in Cairo. C joined as an observer. They concluded ...")."""
    sent = pron.sent
    heads = [t for t in pron.doc[sent.start:pron.i] if t.head.i == t.i or t.head.dep_ not in ("conj", "appos")
             and t.dep_ not in ("conj", "appos")]
    for t in reversed(heads):
        group = _coordination(t, index)
        if group:
            return group
    prev = sent
    for _ in range(3):
        if prev.start == 0:
            break
        prev = pron.doc[prev.start - 1].sent
        for t in prev:
            if t.dep_ in ("nsubj", "nsubjpass") and t.head == prev.root:
                group = _coordination(t, index)
                if group:
                    return group
    return []


def resolve_references(doc: Doc, index: DocEntities, ensure_country) -> list[tuple[str, Token, Token]]:
    """Point pronouns and definite descriptions at entities named before them.

    "his"/"he" -> the person of the clause or, for a subject pronoun, the subject of the sentence
    before (centering), else the last person named, passing over anyone whose gender is known to
    differ (from "Mrs"/"Mr", "spokeswoman", or an earlier pronoun); "his country" -> that person's country; "the two
    countries" -> the last two countries named; "the country" -> the last country named; "its"
    -> the last country or organisation. Returns (key, first token, last token) for each
    reference so that it can be stored as a mention. ``ensure_country(code)`` returns the key of
    the country entity, creating it when the text never names the country.
    """
    refs: list[tuple[str, Token, Token]] = []
    last_person: str | None = None
    recent_people: list[str] = []  # most recent last
    gender: dict[str, str] = {}
    countries: list[str] = []  # most recent last
    salience: dict[str, int] = {}
    last_nonperson: str | None = None
    for tok in tokens(doc):
        key = index.by_token.get(tok.i)
        if key is not None:
            ent = index.entities[key]
            if ent.type == "PERSON":
                last_person = key
                if key in recent_people:
                    recent_people.remove(key)
                recent_people.append(key)
                names = ent.name.split()
                if key not in gender and (g := _name_gender(tok, names[0] if len(names) > 1 else None)):
                    gender[key] = g
            elif ent.type == "GPE" and ent.country and ent.country not in {"IGO", "NGO"} and \
                    normalize_name(ent.name) == normalize_name(Gazetteer.load().country_name(ent.country) or ""):
                if key in countries:
                    countries.remove(key)
                countries.append(key)
                if tok.i == 0 or index.by_token.get(tok.i - 1) != key:
                    # subjects are what a text is about: they weigh more when "the country" is read
                    salience[key] = salience.get(key, 0) + (2 if tok.dep_ in {"nsubj", "nsubjpass"} or
                                                            tok.head.dep_ in {"nsubj", "nsubjpass"} else 1)
                last_nonperson = key
            elif ent.type in {"ORG", "GPE"}:
                last_nonperson = key
            continue
        low = tok.lower_
        if tok.pos_ == "PRON" and low in PERSON_PRONOUNS and last_person:
            want = _PRONOUN_GENDER[low]
            if _unnamed_antecedent(tok, want, index):
                continue
            # candidates in order of preference; a person whose gender is known and differs
            # from the pronoun's is passed over ("Anna Berg met Peter Hansen. She said ...")
            near = [_conjoined_owner(tok, index), _clause_subject(tok, index), _previous_subject(tok, index), last_person]
            person = next((c for c in near if c and gender.get(c) == want), None) or next(
                (c for c in near + recent_people[::-1] if c and gender.get(c, want) == want), None)
            if person is None:
                continue
            gender.setdefault(person, want)  # the pronoun tells us, for the next one
            index.by_token[tok.i] = person
            refs.append((person, tok, tok))
            last_person = person
        elif tok.pos_ == "PRON" and low == "its" and last_nonperson:
            index.by_token[tok.i] = last_nonperson
        elif tok.pos_ == "PRON" and low in PLURAL_PRONOUNS and tok.i not in index.group_by_token:
            group = _plural_antecedent(tok, index)
            if group:
                index.group_by_token[tok.i] = group
        elif tok.lemma_ in COUNTRY_NOUNS and tok.pos_ == "NOUN":
            dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "poss", "nummod"}}
            first = min([tok] + [c for c in tok.children if c.dep_ in {"det", "poss", "nummod"}], key=lambda t: t.i)
            if "two" in dets and tok.tag_ == "NNS" and len(countries) >= 2:
                index.group_by_token[tok.i] = countries[-2:]
            elif dets & {"his", "her"} and last_person:
                code = index.entities[last_person].country
                if code and code not in {"IGO", "NGO"}:
                    ck = ensure_country(code)
                    index.by_token[tok.i] = ck
                    refs.append((ck, first, tok))
            elif dets == {"the"} and tok.tag_ == "NN" and countries:
                # the most talked-about country so far, the latest on a tie
                best = max(countries, key=lambda k: (salience.get(k, 0), countries.index(k)))
                index.by_token[tok.i] = best
                refs.append((best, first, tok))
    return refs


def resolve_head_noun_references(doc: Doc, index: DocEntities) -> list[tuple[str, Token, Token]]:
    """"the embassy" after "the US Embassy", "the committee" after "the Oversight Committee": a
    bare definite noun (no other modifier) that is the head word of exactly one organisation
    named before it refers back to it (news names an organisation once, then by what it is).
    Several such organisations, or none, leave it alone. Returns (key, first, last) like
    :func:`resolve_references`."""
    first_seen: dict[str, int] = {}
    for i, key in sorted(index.by_token.items()):
        first_seen.setdefault(key, i)
    heads: dict[str, set[str]] = {}
    for key, ent in index.entities.items():
        if ent.type != "ORG":
            continue
        for name in [ent.name, *ent.aliases]:
            words = name.split(" of ")[0].split()
            if len(name.split()) > 1 and words:
                heads.setdefault(words[-1].lower(), set()).add(key)
    if not heads:
        return []
    refs = []
    for tok in tokens(doc):
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not tok.is_lower or tok.i in index.by_token or tok.lower_ not in heads:
            continue
        kids = list(tok.lefts)
        if len(kids) != 1 or kids[0].dep_ != "det" or kids[0].lower_ != "the":
            continue
        owners = {k for k in heads[tok.lower_] if first_seen.get(k, len(doc)) < tok.i}
        if len(owners) != 1:
            continue
        key = owners.pop()
        index.by_token[tok.i] = key
        refs.append((key, kids[0], tok))
    return refs


def resolve_title_references(doc: Doc, index: DocEntities, roles, gaz: Gazetteer) -> list[tuple[str, Token, Token]]:
    """"the chancellor", "the foreign minister": a definite title with no name after it stands
    for the one person the text has given that title before (news names the holder once, then
    refers back by office). Several holders, or none yet, leave it alone. Returns (key, first,
    last) like :func:`resolve_references`."""
    holders: dict[str, list[tuple[int, str]]] = {}
    for r in roles:
        if not r.former:
            holders.setdefault(r.title, []).append((r.start, r.person_key))
    if not holders:
        return []
    refs = []
    for tok in tokens(doc):
        if tok.pos_ != "NOUN" or not tok.is_lower or tok.i in index.by_token:
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
            continue  # "the chancellor Anna Berg": the name is there, the role pass reads it
        mods = [c for c in tok.lefts if c.dep_ in {"amod", "compound"} and c.is_lower]
        words = [t.lower_ for t in mods] + [tok.lower_]
        title = None
        for k in range(len(words)):  # the longest known title the phrase ends with
            got = gaz.title_match(words[k:])
            if got and got[1] == len(words) - k:
                title = " ".join(words[k:])
                break
        if title is None:
            continue
        people = {key for start, key in holders.get(title, []) if start < tok.idx}
        if len(people) != 1:
            continue
        key = people.pop()
        first = min([tok] + mods, key=lambda t: t.i)
        for t in mods + [tok]:
            index.by_token[t.i] = key
        refs.append((key, first, tok))
    return refs
