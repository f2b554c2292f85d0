"""Numbers and what they count: "17 agreements", "more than three million barrels", "$50,000".

Candidates are spaCy's CARDINAL / QUANTITY / MONEY / PERCENT entities, plus number tokens the
tagger left outside any entity when they modify a noun ("nummod"). Values are read from digits
and number words alike ("1.5 billion", "three million", "a dozen", "5m"); the unit is the currency
(ISO code), "percent", the measure word of a QUANTITY, or the noun a CARDINAL counts.

Left out on purpose: dates and years (a DATE entity, or a bare four-digit 1500-2099 number with
no currency or percent), ordinals, vague plurals ("dozens", "hundreds of thousands"), and numbers
inside names ("Boeing 737", "G20"). One pass over the entities and one over the tokens, no
per-token parsing beyond a dictionary look-up.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from .docinfo import doc_text, ents, sentences, tokens
from ..records import QuantityRec
from .words import NUMBER_WORDS, SCALE_WORDS

NUMERIC_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})

_SMALL = NUMBER_WORDS
_BIG = SCALE_WORDS
_SUFFIXED = re.compile(r"^(\d+(?:[.,]\d+)*)(k|m|mn|bn|b|tn)$", re.I)
_VAGUE = frozenset({"dozens", "hundreds", "thousands", "millions", "billions", "trillions", "tens",
                    "scores", "several", "few", "many", "numerous", "countless", "lakhs", "crores"})
_RANGE = frozenset({"to", "and", "or", "-", "–", "—", "/"})
_SKIP_WORDS = frozenset({
    "more", "than", "over", "about", "around", "nearly", "almost", "at", "least", "most", "up",
    "some", "approximately", "roughly", "fewer", "less", "as", "many", "much", "just", "only",
    "under", "below", "above", "between", "from", "of", "the", "estimated", "an", "a", "another",
    "exactly", "close", "by", "additional", "further", "extra", "upwards", "plus",
})
_CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR", "₽": "RUB", "₩": "KRW", "₺": "TRY", "₦": "NGN",
    "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "cdn$": "CAD",
    "r$": "BRL", "cad": "CAD", "aud": "AUD", "chf": "CHF", "cny": "CNY", "rmb": "CNY", "jpy": "JPY",
}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR",
    "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "won": "KRW", "lira": "TRY",
    "naira": "NGN", "rand": "ZAR", "franc": "CHF", "francs": "CHF",
}
# "Canadian dollars", "Hong Kong dollars": the dollar is not American
_DOLLAR_COUNTRY = {"canadian": "CAD", "australian": "AUD", "hong": "HKD", "singapore": "SGD",
                   "new": "NZD", "zealand": "NZD", "taiwan": "TWD", "taiwanese": "TWD",
                   "us": "USD", "u.s.": "USD", "american": "USD"}
_CURRENCY_PREFIXED = re.compile(r"^([A-Za-z]{0,3}\$|[€£¥₹₽])(\d+(?:[.,]\d+)*)$")
_YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
# "two-thirds", "three quarters": fractions, not counts
_FRACTIONS = frozenset({"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths",
                        "sixth", "sixths", "tenth", "tenths"})


def _word_value(tok: Token) -> tuple[str, float] | None:
    """("num", v) for a number, ("mul", m) for "hundred"/"dozen", ("big", m) for "million" and
    the like, None for anything else."""
    low = tok.lower_
    if low in _SMALL:
        return "num", float(_SMALL[low])
    if low in ("hundred", "dozen"):
        return "mul", 100.0 if low == "hundred" else 12.0
    if low in _BIG:
        if low in ("m", "b", "k"):  # only glued to a number: "5m", "10k"
            prev = tok.doc[tok.i - 1] if tok.i > 0 else None
            if prev is None or not prev.like_num or prev.idx + len(prev) != tok.idx:
                return None
        return "big", _BIG[low]
    m = _SUFFIXED.match(tok.text)
    if m:
        return "num", float(m.group(1).replace(",", "")) * _BIG[m.group(2).lower()]
    text = tok.text
    m = _CURRENCY_PREFIXED.match(text)
    if m:
        text = m.group(2)
    text = text.replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return "num", float(text)
    return None


def parse_value(tokens: list[Token]) -> tuple[float, int, int] | None:
    """Value of the first number in ``tokens`` with the indices of its first and last token.

    "more than three million" -> 3e6, "twenty-five" -> 25, "a dozen" -> 12; a range takes its
    lower end, scaled like the upper one when only that carries the multiplier ("between
    US$300 and 400 billion" -> 3e11). Vague plurals ("dozens") give None."""
    total = current = 0.0
    seen = has_big = False
    prev_kind = ""
    first = last = -1
    rest: list[Token] = []
    for k, tok in enumerate(tokens):
        low = tok.lower_
        wv = _word_value(tok)
        if not seen:
            if low in _VAGUE:
                return None
            if wv is None:
                continue
        if wv is None:
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            nxt_word = nxt is not None and nxt.lower_ in _SMALL
            if low == "-" and prev_kind == "num" and nxt_word and current >= 20:
                continue  # twenty-five
            if low == "and" and prev_kind in ("mul", "big") and nxt_word:
                continue  # one hundred and twenty
            if low in _RANGE:
                rest = tokens[k + 1:]
            break
        kind, val = wv
        if kind == "num":
            if prev_kind == "num" and not (20 <= current % 100 and current % 10 == 0 and val < 10):
                break  # two numbers in a row: the first is the value
            current += val
        elif kind == "mul":
            current = (current or 1.0) * val
        else:
            if prev_kind == "big" and val <= total:
                break
            total += (current or 1.0) * val
            current = 0.0
            has_big = True
        prev_kind = kind
        if first < 0:
            first = tok.i
        last = tok.i
        seen = True
    if not seen:
        return None
    value = total + current
    if rest and not has_big:
        upper = parse_value(rest)
        if upper is not None:
            for t in rest[: upper[2] - rest[0].i + 1]:
                wv = _word_value(t)
                if wv and wv[0] == "big":
                    value *= wv[1]
                    break
    return value, first, last


class _Sentences:
    def __init__(self, doc: Doc):
        self.starts = [s.start for s in sentences(doc)]

    def index(self, token_i: int) -> int:
        return max(0, bisect.bisect_right(self.starts, token_i) - 1)


def _currency(tokens: list[Token], before: Token | None) -> str | None:
    cands = ([before] if before is not None else []) + tokens
    for tok in cands:
        low = tok.lower_
        if low in _CURRENCY_SYMBOLS:
            return _CURRENCY_SYMBOLS[low]
        m = _CURRENCY_PREFIXED.match(tok.text)
        if m:
            return _CURRENCY_SYMBOLS.get(m.group(1).lower(), "USD")
    for tok in tokens:
        low = tok.lower_
        if low in _CURRENCY_WORDS:
            code = _CURRENCY_WORDS[low]
            if low.startswith("dollar"):
                for prev in tokens[: tokens.index(tok)]:
                    code = _DOLLAR_COUNTRY.get(prev.lower_, code)
            return code
    words = [t for t in tokens if t.is_alpha and _word_value(t) is None and t.lower_ not in _SKIP_WORDS]
    return words[-1].lower_ if words else None


def _counted_noun(last_num: Token, span_end: int) -> Token | None:
    """The noun a number counts: its head ("17 agreements"), or what it is "of"."""
    tok = last_num
    # climb out of the number phrase ("three" -> "million" -> "barrels")
    for _ in range(3):
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.i > tok.i:
            if head.pos_ in ("NOUN", "PROPN") and _word_value(head) is None:
                return head
            if head.pos_ == "NUM" or _word_value(head) is not None:
                tok = head
                continue
        break
    # "six of the murders", "one of the few countries"
    for c in last_num.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN"):
                    return g
    # the tagger sometimes hangs the noun after the number on something else
    if span_end < len(last_num.doc):
        nxt = last_num.doc[span_end]
        if nxt.pos_ == "NOUN" and nxt.tag_ in ("NNS", "NN") and nxt.head.i != last_num.i and \
                nxt.dep_ in ("nsubj", "dobj", "pobj", "conj", "appos", "attr"):
            return nxt
    return None


def _unit_text(noun: Token) -> str:
    return noun.text if noun.pos_ == "PROPN" else noun.lower_


def _is_countable(noun: Token) -> bool:
    """A noun a number can count; a singular proper noun after it is a model ("737 Max")."""
    if noun.lower_ in _FRACTIONS:
        return False
    return noun.pos_ == "NOUN" or noun.tag_ == "NNPS"


def extract_quantities(doc: Doc) -> list[QuantityRec]:
    """Quantities of a parsed document, in text order."""
    sents = _Sentences(doc)
    out: list[QuantityRec] = []
    covered: set[int] = set()
    text = doc_text(doc)  # spaCy builds doc.text anew on every access

    def add(value: float, unit: str | None, lo: int, hi: int) -> None:
        start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
        out.append(QuantityRec(value=value, unit=unit, text=text[start:end],
                               sentence_index=sents.index(lo), start=start, end=end))
        covered.update(range(lo, hi + 1))

    for ent in ents(doc):
        if ent.label_ not in NUMERIC_LABELS:
            continue
        rec = _from_entity(doc, ent)
        if rec is not None:
            add(*rec)

    for tok in tokens(doc):
        if tok.i in covered or tok.ent_type_ or not (tok.like_num or _CURRENCY_PREFIXED.match(tok.text)):
            continue
        if _CURRENCY_PREFIXED.match(tok.text):
            parsed = parse_value([tok])
            if parsed:
                add(parsed[0], _currency([tok], None), tok.i, tok.i)
            continue
        if tok.dep_ != "nummod" or tok.head.pos_ not in ("NOUN", "PROPN") or tok.head.i < tok.i:
            continue
        if _YEAR.match(tok.text) or tok.head.ent_type_ in ("DATE", "TIME"):
            continue
        toks = [t for t in doc[tok.left_edge.i: tok.i + 1] if t.i not in covered and not t.ent_type_]
        parsed = parse_value(toks)
        if parsed is None:
            continue
        value, lo, hi = parsed
        noun = tok.head
        if not _is_countable(noun) and noun.lower_ not in _CURRENCY_WORDS:
            continue
        if noun.lower_ in ("percent", "%", "pct"):
            unit = "percent"
        elif noun.lower_ in _CURRENCY_WORDS:
            unit = _CURRENCY_WORDS[noun.lower_]
        else:
            unit = _unit_text(noun)
        hi = noun.i if noun.i - hi <= 3 else hi
        add(value, unit, lo, hi)
    out.sort(key=lambda q: (q.start, q.end))
    return out


def _from_entity(doc: Doc, ent: Span) -> tuple[float, str | None, int, int] | None:
    toks = list(ent)
    label = ent.label_
    parsed = parse_value(toks)
    if parsed is None:
        return None
    value, first, last = parsed
    lo, hi = ent.start, last
    for j in range(last + 1, ent.end):  # the entity runs on past a comma: "US$5 million, C$"
        if doc[j].is_punct and doc[j].text != "%" or doc[j].lower_ in _RANGE or doc[j].lower_ in _SKIP_WORDS:
            break
        hi = j
    before = doc[ent.start - 1] if ent.start > 0 else None
    if label == "MONEY":
        unit = _currency(toks, before)
        if before is not None and before.lower_ in _CURRENCY_SYMBOLS:
            lo = before.i
        # "5m euros": the word after the entity names the money
        if unit is None or unit not in _CURRENCY_SYMBOLS.values():
            after = doc[ent.end] if ent.end < len(doc) else None
            if after is not None and after.lower_ in _CURRENCY_WORDS:
                unit, hi = _CURRENCY_WORDS[after.lower_], after.i
        return value, unit, lo, hi
    if label == "PERCENT":
        return value, "percent", lo, hi
    num_text = doc[first].text
    if label == "CARDINAL":
        if _YEAR.match(num_text) and first == last:
            return None
        if before is not None and before.lower_ in _CURRENCY_SYMBOLS:
            return value, _CURRENCY_SYMBOLS[before.lower_], before.i, hi
        end = ent.end
        # "5m euros": a multiplier or currency word the tagger left out of the entity
        if end < len(doc) and doc[end].lower_ in ("m", "bn", "mn", "k", "b") and \
                doc[end].idx == doc[end - 1].idx + len(doc[end - 1]):
            value *= _BIG[doc[end].lower_]
            hi, end = end, end + 1
        if end < len(doc) and doc[end].lower_ in _CURRENCY_WORDS and doc[end].pos_ == "NOUN":
            return value, _CURRENCY_WORDS[doc[end].lower_], lo, end
        if end < len(doc) and doc[end].lower_ in ("percent", "%", "pct"):
            return value, "percent", lo, end
        if end + 1 < len(doc) and doc[end].lower_ == "per" and doc[end + 1].lower_ == "cent":
            return value, "percent", lo, end + 1
        if doc[first].lower_ == "one" and first == last and doc[first].dep_ != "nummod":
            return None  # "one of the few countries", "no one": a pronoun, not a count
        noun = _counted_noun(doc[last], hi + 1)
        if noun is None and ent.root.i != last:
            noun = _counted_noun(ent.root, hi + 1)
        if noun is None:
            if before is not None and before.lower_ == "the":
                return None  # "the 707": a name
            return value, None, lo, hi
        if not _is_countable(noun) and noun.lower_ not in _CURRENCY_WORDS:
            return None
        if noun.lower_ in _CURRENCY_WORDS:
            unit = _CURRENCY_WORDS[noun.lower_]
        else:
            unit = _unit_text(noun)
        if noun.i > hi and noun.i - hi <= 3:
            hi = noun.i
        return value, unit, lo, hi
    # QUANTITY: the measure word inside the entity ("eight metres", "one million barrels")
    after_num = [t for t in toks if t.i > last and t.is_alpha and t.lower_ not in _SKIP_WORDS]
    unit = _unit_text(after_num[0]) if after_num else None
    return value, unit, lo, hi
