"""Actor mentions: every span naming a political actor, resolved and coded (country, sector).

    component "newsgraph_actors"   sets Doc._.ng_mentions: list[Mention] sorted by start
    actor_at(doc, start, end)      the mention overlapping a character span, or None

How a document is read (all steps linear in its length):

1. KB names: one PhraseMatcher over every KB alias, surname, demonym and metonym
   (lower case; ASCII-folded forms added), so KB names are found even where NER misses or
   mislabels them ("Makei" as a place). Surname-only hits resolve to the person named
   earlier in the article, else to the KB person in office at the article date.
2. NER names (PERSON/ORG/GPE/NORP/LOC/FAC) the KB did not cover: looked up by normal form
   (transliteration variants, then skeleton + fuzzy ratio); otherwise kept as a named actor
   ``name:<TYPE>:<normal form>`` unless junk (web furniture, sentence-initial common words).
3. Article-internal names: a surname (or first name + patronymic) of a person named in full
   earlier is that person, whatever NER says.
4. Context: a person or organisation without a KB office at the date is coded from the
   words before it ("Belarusian opposition leader X", "press secretary of the Russian
   President X", "the head of the republic's foreign ministry X"; "the republic" is the
   article's country: the one with most votes from country, person and body mentions,
   the dateline counting two) or an apposition ("X, the Russian foreign minister,").
5. Groups: sector nouns with their country ("Belarusian riot police", "Russia's ambassador",
   "trade unions in Denmark") become mentions of kind "group", key ``group:<CC>:<SECTOR>``,
   named "Belarus: police". In an article clearly about one country, unqualified groups
   belong to it. Definite titles ("the minister", "the Belarusian leader") become mentions
   of kind "title" of the latest fitting person named before them, else, for government
   offices, of the KB's holder of the office at the article date.

An undated text codes KB people by their latest office (see ``KnowledgeBase.code``).

Actor keys: ``kb:<id>`` for KB people and organisations, ``kb:country:<ISO3>`` for a
country (``kb:country:RUS:GOV`` for its government: "the Kremlin", "Moscow said"),
``name:<TYPE>:<normal form>`` for names outside the KB, ``group:<CC>:<SECTOR>`` for groups,
``place:<CC>:<name>`` for gazetteer places (places.yaml: cities, regions, provinces). A place
is a mention of kind "place" with its country and no sector: it locates, it does not act;
as a modifier it gives the phrase its country ("Shanghai authorities": CHN GOV, one group
mention) and it votes for the article's country like a country name does.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from spacy.attrs import IS_ALPHA, IS_STOP, IS_TITLE, LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans, registry

from ..kb import KbActor, KnowledgeBase, load_kb
from ..kb.agents import Agent, AgentLexicon
from ..kb.names import HONORIFICS, fold, normal_form
from ..records import Actor, Mention
from .agent_phrase import (
    PhraseContext,
    apply_modifiers,
    complement_tokens,
    hyphen_words,
    phrase_start,
    read_phrase,
)
from .doc_ext import doc_text, ensure_extensions

__all__ = ["ActorTagger", "actor_at", "make_actor_tagger", "Coding", "code_span"]

_NER_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
#: Entities whose words are not actors even when one is a sector noun ("Shark Tank").
_NOT_GROUP_ENTS = {"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE", "DATE", "TIME",
                   "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "PERCENT"}
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_LOCATIVE = {"in", "to", "from", "at", "near", "into", "across", "outside", "inside", "via",
             "toward", "towards", "through", "around", "visited", "visit", "visiting",
             "within", "throughout", "along", "between", "off", "beyond", "onto"}
_REPUBLIC = {"the republic", "the country", "the nation", "the state"}
_INITIAL = re.compile(r"^[A-Z]\.?$")
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ichna|ich)$", re.IGNORECASE)
#: Nouns for a person or unit whose sector comes from the noun before them
#: ("intelligence officer" -> SPY, "army accountant" -> MIL).
_GENERIC_HEADS = {"officer", "officers", "official", "officials", "spokesman", "spokeswoman",
                  "spokesperson", "member", "members", "head", "chief", "employee",
                  "employees", "staff", "representative", "representatives", "accountant",
                  "leader", "leaders", "agency", "unit", "units", "source", "sources",
                  "department", "ministry", "office", "service", "committee", "directorate"}
#: "Somalia-based", "Kurdish-led": a place or people before the hyphen modifies the group.
_HYPHEN_MODIFIERS = {"based", "led", "backed", "run", "born", "controlled", "held"}
#: Words that make a country's name its government ("Palestinian Authority").
_GOVERNMENT_WORDS = frozenset(("authority", "authorities", "government", "administration",
                               "regime", "cabinet", "junta", "presidency"))
#: Sectors of state offices: a KB person holding one is not recoded by a role word.
_OFFICES = frozenset(("GOV", "MIL", "LEG", "JUD", "COP", "SPY"))
_STOP_CONTEXT = {"said", "says", "told", "and", "or", "but", "while", "when", "that", "who",
                 "which", "as", "after", "before", "with", "by", "for", "on", "against"}


@dataclass(slots=True)
class Coding:
    """What the words around an actor say about it."""

    country: str = ""
    sector: str = ""
    sector2: str = ""
    start: int | None = None  # first token of the context phrase
    end: int | None = None


@dataclass(slots=True)
class _Found:
    span: Span
    actor: Actor
    kind: str
    kb: KbActor | None = None
    coding: Coding = field(default_factory=Coding)


class ActorTagger:
    """Finds, resolves and codes actor mentions (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, *, kb_paths: list[str] | None = None) -> None:
        ensure_extensions()
        self.name = name
        self.kb_paths = list(kb_paths or [])
        self.kb: KnowledgeBase = load_kb(self.kb_paths)
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.names.add("KB", list(nlp.tokenizer.pipe(self.kb.patterns())))
        self.tokenizer = nlp.tokenizer
        self.nouns = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.nouns.add("SECTOR", list(nlp.tokenizer.pipe(list(self.kb.agents.patterns()))))

    def name_spans(self, doc: Doc) -> list[Span]:
        """Spans matching a KB form, also where the text has diacritics the KB spelling
        lacks ("Khürelsükh" for Khurelsukh): those are matched on an accent-free copy of
        the same length, so character offsets carry over."""
        spans = [doc[s:e] for _, s, e in self.names(doc)]
        text = doc_text(doc)
        if text.isascii():
            return spans
        plain = _same_length_ascii(text)
        if plain == text:
            return spans
        copy = self.tokenizer(plain)
        for _, s, e in self.names(copy):
            span = doc.char_span(copy[s].idx, copy[e - 1].idx + len(copy[e - 1]))
            if span is not None:
                spans.append(span)
        return spans

    def __call__(self, doc: Doc) -> Doc:
        _TAGGERS[id(doc.vocab)] = self
        doc._.ng_mentions = find_mentions(doc, self)
        return doc


#: The tagger that last ran on a vocab, for coref's KB look-ups (Docs hold no objects).
_TAGGERS: dict[int, ActorTagger] = {}


def tagger_for(doc: Doc) -> ActorTagger | None:
    return _TAGGERS.get(id(doc.vocab))


@registry.misc("newsgraph.actor_kb.v1")
def actor_kb(kb_paths: list[str]) -> KnowledgeBase:
    """The KB as a registry reference, for configs that want the object itself:
    ``[components.x.kb] @misc = "newsgraph.actor_kb.v1"`` with ``kb_paths = [...]``."""
    return load_kb(kb_paths)


@Language.factory("newsgraph_actors", default_config={"kb_paths": []},
                  assigns=["doc._.ng_mentions"])
def make_actor_tagger(nlp: Language, name: str, kb_paths: list[str]) -> ActorTagger:
    return ActorTagger(nlp, name, kb_paths=kb_paths)


def actor_at(doc: Doc, start: int, end: int) -> Mention | None:
    """The mention overlapping the character span [start, end), the longest if several."""
    best = None
    for m in doc._.ng_mentions or []:
        if m.start < end and start < m.end and (best is None or m.end - m.start > best.end - best.start):
            best = m
    return best


# ---------------------------------------------------------------- helpers

def _same_length_ascii(text: str) -> str:
    """Each accented Latin letter replaced by its base letter, one character for one."""
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch)[:1]
        out.append(base if base.isascii() and base.isalpha() else ch)
    return "".join(out)


def _sent_start(doc: Doc, i: int) -> bool:
    if i == 0:
        return True
    prev = doc[i - 1].text
    if prev in (".", "!", "?", "\n", "\n\n", '"', "“", "”", ":") or prev.isspace():
        return True
    if doc.has_annotation("SENT_START"):
        return bool(doc[i].is_sent_start)
    return False


def _capitalised(span: Span) -> bool:
    return any(t.text[:1].isupper() for t in span)


def _kb_actor(kb: KnowledgeBase, actor: KbActor, date: str | None, sector: str | None = None
              ) -> Actor:
    if actor.type == "GPE":
        sec = sector or ""
        key = f"kb:{actor.id}" + (f":{sec}" if sec else "")
        # "the Kremlin", "Moscow said": the state's government, named apart from the
        # country itself ("Russia: government" beside "Russia")
        name = _group_name(kb, actor.country, sec) if sec else actor.name
        return Actor(key=key, name=name, type="GPE", country=actor.country, sector=sec,
                     wikidata=None if sec else actor.wikidata)
    country, sec = kb.code(actor, date)
    return Actor(key=actor.key, name=actor.name, type=actor.type, country=country, sector=sec,
                 wikidata=actor.wikidata)


def _trim(span: Span) -> Span:
    """Drop leading determiners/honorifics and a trailing possessive from an entity span."""
    doc, s, e = span.doc, span.start, span.end
    person = span.label_ == "PERSON"
    while e - s > 1 and (doc[s].lower_ in ("the", "a", "an") or
                         (person and fold(doc[s].text) in HONORIFICS)):
        s += 1
    while e - s > 1 and doc[e - 1].text in ("'s", "’s", "'", "’"):
        e -= 1
    return doc[s:e]


def _national_namesake(doc: Doc, span: Span, names: list, kb: KnowledgeBase) -> bool:
    """An international body's name right after a country word, inside one NER name
    ("Ethiopian Human Rights Council", "Kenyan Red Cross"): a national body, not the
    international one."""
    if span.start == 0 or not all(c.actor.type == "ORG" and (
            c.actor.country in kb.codes or c.actor.country in ("IGO", "NGO", "IMG"))
            for c in names):
        return False
    prev = doc[span.start - 1]
    if not prev.is_title or not kb.country_code(prev.text):
        return False
    ent = next((e for e in _ents(doc) if e.start <= prev.i and span.end <= e.end), None)
    return ent is not None or prev.ent_type_ == ""


def _lowered_name(span: Span, kb: KnowledgeBase) -> bool:
    """A body's several-word name written with an everyday word in lower case after a
    capitalised one ("Russia today", "European common market"): words, not the name.
    Agent nouns may be lower case ("Israeli army", "Turkish police")."""
    if len(span) < 2 or span.text.islower() or span.text.isupper() or not span[0].is_title:
        return False
    lowered = [t for t in span[1:] if t.is_alpha and t.is_lower and not t.is_stop]
    if not lowered or all(kb.agents.lookup(t.text) is not None for t in lowered):
        return False
    cands = kb.candidates(span.text)
    return bool(cands) and all(c.actor.type == "ORG" for c in cands)


def _inside_body(span: Span) -> bool:
    """True when NER puts ``span`` inside a longer name of a body or place."""
    ent = next((e for e in _ents(span.doc) if e.start <= span.start and span.end <= e.end),
               None)
    return ent is not None and ent.label_ in ("ORG", "FAC", "GPE", "LOC", "WORK_OF_ART") \
        and len(_trim(ent)) > len(span)


def label_org(ent: Span) -> bool:
    """NER calls the span an organisation (or a facility, which names bodies too)."""
    return ent.label_ in ("ORG", "FAC")


def _inside_longer_name(span: Span) -> bool:
    """True when NER puts ``span`` inside a longer PERSON name."""
    t = span[0]
    if t.ent_type_ != "PERSON":
        return False
    ent = next((e for e in _ents(span.doc) if e.start <= span.start < e.end), None)
    return ent is not None and len(_trim(ent)) > len(span)


_NAME_LABELS = ("ORG", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT")
#: honorifics that say a person's gender (KB genders are "m" / "f")
_TITLE_GENDER = {"mr": "m", "mr.": "m", "mister": "m", "sir": "m", "lord": "m",
                 "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "madam": "f",
                 "lady": "f", "dame": "f"}


def _inside_org_name(span: Span) -> bool:
    """True when NER puts ``span`` inside a longer name of a body, law or work whose other
    words are capitalised: "USA" of "Priorities USA", "America" of "America First Action"
    name an organisation, not the country."""
    ent = next((e for e in _ents(span.doc) if e.start <= span.start and span.end <= e.end
                and e.label_ in _NAME_LABELS), None)
    if ent is None or len(_trim(ent)) <= len(span):
        return False
    others = [t for t in _trim(ent) if not (span.start <= t.i < span.end) and t.is_alpha]
    return bool(others) and all(t.text[:1].isupper() for t in others)


def _common_word_opening(span: Span, cands: list) -> bool:
    """A one-word organisation name (``cands``: its KB candidates) opening a sentence where
    the tagger reads a common word ("Shell fragments hit", not "Shell said")."""
    # a phrase alone (no sentence to read it in) or an acronym is left to the KB
    return len(span) == 1 and _sent_start(span.doc, span.start) and \
        not span.text.isupper() and len(span[0].sent) >= 4 and \
        span[0].pos_ not in ("PROPN", "") and all(c.actor.type == "ORG" for c in cands)


def _junk(span: Span, kb: KnowledgeBase) -> bool:
    words = [t for t in span if t.is_alpha]
    if not words:
        return True
    cands = kb.candidates(span.text) if len(words) == 1 else []
    if cands and not _common_word_opening(span, cands):
        return False  # a KB word ("Belarusian", "Kremlin") is never junk
    junk = sum(1 for t in words if t.lower_ in kb.junk)
    if junk and junk * 2 >= len(words):
        return True
    if len(words) == 1 and _sent_start(span.doc, span.start):
        t = words[0]
        # a lone capitalised word opening a sentence that is not a proper noun
        if t.is_stop or (t.pos_ and t.pos_ not in ("PROPN", "")) or t.lower_ in kb.nouns:
            return True
    return span.text.islower()


# ---------------------------------------------------------------- context coding

def code_span(doc: Doc, start: int, end: int, tagger: ActorTagger,
              country_spans: dict[int, str], home: str, noun_spans: list[Span],
              ctx: PhraseContext | None = None) -> Coding:
    """Country and sector from the words before tokens [start, end) and an apposition."""
    coding = Coding()
    # left window: back to a clause boundary, at most 10 tokens
    i = start
    while i > 0 and start - i < 10:
        t = doc[i - 1]
        if t.is_punct and t.text not in ("-", "'s", "’s") or t.lower_ in _STOP_CONTEXT:
            break
        if (t.pos_ in ("VERB", "AUX", "PRON", "NUM") or t.like_num) and not (
                t.dep_ == "amod" or tagger.kb.agents.modifier(t.lower_)):
            break  # a clause; but "ousted President X", "Jordan's visiting King X" go on
        if t.pos_ == "ADP" and t.lower_ != "of":
            break  # "worry about Hillary Clinton": not a title
        if _sent_start(doc, i) and i != start:
            break
        i -= 1
    left = (i, start)
    right = _apposition(doc, end, country_spans, noun_spans)
    for lo, hi in [w for w in (left, right) if w]:
        nouns = [n for n in noun_spans if lo <= n.start and n.end <= hi
                 and not (len(n) == 1 and n[0].dep_ == "amod")]
        if nouns and not coding.sector and ctx is not None:
            head = _head_noun(nouns, doc)
            reading = read_phrase(doc, head, lo, head.end, ctx)
            coding.sector, coding.sector2 = reading.sector, reading.sector2
            coding.start, coding.end = lo, hi
        if not coding.country:
            for k in range(lo, hi):
                if k in country_spans and (ctx is None or k not in ctx.foreign):
                    coding.country = country_spans[k]
                    break
            window = doc[lo:hi].text.lower()
            if not coding.country and home and any(r in window for r in _REPUBLIC):
                coding.country = home
            if not coding.country and ctx is not None:  # "Mrs. Obama's chief of staff"
                coding.country = next((ctx.actors[k][0] for k in range(lo, hi)
                                       if k in ctx.actors and ctx.actors[k][0]), "")
    if ctx is not None and not coding.sector and doc.has_annotation("DEP"):
        # "A member of the Syrian parliament, Mohammed Mamoun, ...": the name stands in
        # apposition to the phrase before it
        root = doc[start:end].root
        noun = ctx.noun_at(root.head.i) if root.dep_ == "appos" and root.head.i < start \
            else None
        if noun is not None:
            lo = phrase_start(doc, noun[-1], noun.start)
            reading = read_phrase(doc, noun, lo, start, ctx)
            coding.sector, coding.sector2 = reading.sector, reading.sector2
            coding.country = coding.country or reading.country
    if ctx is not None and not coding.sector:
        title = _title_word(doc, start, ctx)
        if title:  # "Justice Clarence Thomas", "Speaker Paul Ryan", "former Rep. X"
            coding.sector, coding.sector2 = apply_modifiers(doc, left[0], start - 1, title,
                                                            "", ctx)
            coding.start, coding.end = start - 1, start
    if not coding.country and end + 1 < len(doc) and doc[end].lower_ == "of" and \
            (end + 1) in country_spans:
        coding.country = country_spans[end + 1]  # "King Hassan of Morocco"
    if ctx is not None and not coding.sector:
        # "CNN's Dana Bash", "Robert Gordon of Northwestern University", "Patricia Moran of
        # Cheyenne": a person known by the body or place they belong to
        hit = _affiliation(doc, left, end, ctx)
        if hit is not None:
            coding.sector = coding.sector or hit[0]
            coding.country = coding.country or hit[1]
    return coding


def _apposition(doc: Doc, end: int, country_spans: dict[int, str], noun_spans: list[Span]
                ) -> tuple[int, int] | None:
    """The apposition after a name ("X, the Russian foreign minister,", "X, Mrs. Obama's
    chief of staff,"): up to the next comma, with an agent noun or a determiner or country
    word first, and no verb."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    j = end + 1
    while j < len(doc) and j - end < 12 and doc[j].text not in (",", ".", ";", ")", "(", '"'):
        j += 1
    if j <= end + 1:
        return None
    window = doc[end + 1:j]
    if any(t.pos_ in ("VERB", "AUX") or t.lower_ in ("who", "which", "that", "whose")
           for t in window):
        return None
    if window[0].lower_ in ("the", "a", "an") or (end + 1) in country_spans or \
            any(end + 1 <= n.start and n.end <= j for n in noun_spans):
        return end + 1, j
    return None


def _title_word(doc: Doc, start: int, ctx: PhraseContext) -> str:
    """The sector a title right before a name gives ("Justice", "Speaker", "Chair"):
    words that are titles only before a name."""
    if start == 0:
        return ""
    return ctx.lex.titles.get(fold(doc[start - 1].text), "")


def _affiliation(doc: Doc, left: tuple[int, int], end: int, ctx: PhraseContext
                 ) -> tuple[str, str] | None:
    """(sector, country) of the body a person outside the KB is named with: a KB body
    before the name ("CNN's Dana Bash"), or a body or place after "of"/"from"/"at"."""
    for k in range(left[1] - 1, left[0] - 1, -1):
        if k in ctx.actors:
            country, sector, typ = ctx.actors[k]
            if typ == "ORG" and sector:
                return sector, country
    if end + 1 >= len(doc) or doc[end].lower_ not in ("of", "from", "at", "with"):
        return None
    j = end + 1
    if doc[j].lower_ == "the" and j + 1 < len(doc):
        j += 1
    if j in ctx.actors:
        country, sector, typ = ctx.actors[j]
        if typ == "ORG":
            return sector, country
    ent = next((e for e in _ents(doc) if e.start <= j < e.end), None)
    if ent is not None and ent.label_ in ("ORG", "FAC"):
        kind = ctx.lex.name_kind([t.text for t in ent])
        if not kind:
            inner = [n for n in ctx.nouns if ent.start <= n.start and n.end <= ent.end]
            kind = read_phrase(doc, inner[-1], ent.start, ent.end, ctx).sector if inner else ""
        country = next((ctx.countries[k] for k in range(ent.start, ent.end)
                        if k in ctx.countries), "")
        return (kind, country) if kind or country else None
    if j in ctx.places:  # "Patricia Moran of Cheyenne": a resident
        return "CVL", ctx.places[j]
    return None


def _head_noun(nouns: list[Span], doc: Doc) -> Span:
    """The head of a run of agent nouns: in "X of Y" X, in a compound its last noun
    ("press secretary of the Russian President": press secretary; "Russian army troops":
    troops; the words before it qualify it)."""
    nouns = sorted(nouns, key=lambda s: s.start)
    compound = [nouns[0]]
    for n in nouns[1:]:
        between = doc[compound[-1].end:n.start]
        if n.start == compound[-1].end or all(t.text in ("-", "'s", "’s") for t in between):
            compound.append(n)
        else:
            break
    return compound[-1]


def _head_sector(nouns: list[Span], doc: Doc, lex: AgentLexicon) -> tuple[str, str]:
    """(sector, sector2) of a run of agent nouns read without a document context: the
    head's own, else (a generic head) the nearest noun before it with a sector."""
    head = _head_noun(nouns, doc)
    agent = lex.lookup(head.text)
    if agent is not None and agent.sector and not agent.generic:
        return agent.sector, agent.sector2
    for n in sorted((n for n in nouns if n.end <= head.start), key=lambda s: -s.start):
        hit = lex.lookup(n.text)
        if hit is not None and hit.sector:
            return hit.sector, hit.sector2
    return (agent.sector, agent.sector2) if agent is not None else ("", "")


def _actor_tokens(found: list[_Found]) -> dict[int, tuple[str, str, str]]:
    """Token -> (country, sector, type) of the KB actors and the people found so far, for
    phrases they qualify ("Hamas spokesman", "UN peacekeepers", "Bush administration",
    "the Clinton campaign")."""
    out: dict[int, tuple[str, str, str]] = {}
    for f in found:
        if f.kb is None and f.actor.type not in ("GPE", "PERSON"):
            continue
        # a place or a country's people before a noun gives it a country, not a sector
        sector = "" if f.actor.type == "GPE" and f.actor.sector == "CVL" else f.actor.sector
        for k in range(f.span.start, f.span.end):
            out[k] = (f.actor.country, sector, f.actor.type)
    return out


# ---------------------------------------------------------------- the finder

def _ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents`` (spaCy builds the tuple anew on every access), cached while
    ``find_mentions`` runs on the doc."""
    cached = _ENTS.get(id(doc))
    return cached if cached is not None else tuple(doc.ents)


_ENTS: dict[int, tuple[Span, ...]] = {}


def _flags(doc: Doc) -> tuple[list[bool], list[bool], list[int]]:
    """Per token, read in one C-level pass (building Token objects is the slow part):
    title case; a capitalised word that is no stop word; the lower-case form's hash."""
    cached = _FLAGS.get(id(doc))
    if cached is not None:
        return cached
    arr = doc.to_array([IS_TITLE, IS_ALPHA, IS_STOP, LOWER]).tolist() if len(doc) else []
    titled = [bool(r[0]) for r in arr]
    cap = [bool(r[0] and r[1] and not r[2]) for r in arr]
    flags = (titled, cap, [r[3] for r in arr])
    if id(doc) in _ENTS:
        _FLAGS[id(doc)] = flags
    return flags


_FLAGS: dict[int, tuple[list[bool], list[bool], list[int]]] = {}


def find_mentions(doc: Doc, tagger: ActorTagger) -> list[Mention]:
    _ENTS[id(doc)] = tuple(doc.ents)
    try:
        return _find_mentions(doc, tagger)
    finally:
        _ENTS.pop(id(doc), None)
        _FLAGS.pop(id(doc), None)


def _find_mentions(doc: Doc, tagger: ActorTagger) -> list[Mention]:
    kb = tagger.kb
    date = doc._.ng_date if isinstance(doc._.ng_date, str) and doc._.ng_date else None
    found: list[_Found] = []
    taken = [False] * len(doc)

    def free(span: Span) -> bool:
        return not any(taken[span.start:span.end])

    def take(f: _Found) -> None:
        for k in range(f.span.start, f.span.end):
            taken[k] = True
        found.append(f)

    noun_spans = filter_spans([doc[s:e] for _, s, e in tagger.nouns(doc)])
    noun_starts = {n.start for n in noun_spans}
    noun_ends = {n.end for n in noun_spans}

    # 1. KB names (longest first)
    # "Russia today" is not the broadcaster Russia Today: a body's name written with an
    # everyday word in lower case is words (the shorter names inside it still count)
    kb_spans = filter_spans([s for s in tagger.name_spans(doc)
                             if not _lowered_name(s, kb)])
    surname_only: list[tuple[Span, list]] = []
    country_spans: dict[int, str] = {}  # token -> country code, for context coding
    counts: dict[str, int] = {}
    home_hint: list[str] = []
    demonyms: list[_Found] = []
    for span in kb_spans:
        if not _capitalised(span) or span[0].ent_type_ in _NOT_NAMES:
            continue
        cands = kb.candidates(span.text)
        if not cands and span.start and fold(doc[span.start - 1].text) in HONORIFICS:
            # a surname that is an everyday word names the person after a title: "Mrs May"
            cands = kb.candidates(f"{doc[span.start - 1].text} {span.text}")
        names = [c for c in cands if c.kind == "name"]
        places = [c for c in cands if c.kind in ("demonym", "metonym", "capital")]
        if names and len(span) == 1 and _inside_longer_name(span) and \
                not any(c.actor.type == "PERSON" for c in names):
            continue  # a body's or country's name inside a person's: "Taylor Swift"
        if names and _common_word_opening(span, cands):
            continue  # "Shell fragments hit the building": a word, not the company
        if names and _national_namesake(doc, span, names, kb):
            continue  # "Ethiopian Human Rights Council" is not the UN's
        if cands and all(c.actor.type == "PERSON" for c in cands) and _inside_body(span):
            continue  # "Sun" of "the Las Vegas Sun" is nobody's surname here
        if names and all(c.actor.type == "PERSON" for c in names):
            if _inside_longer_name(span):
                continue  # "Pavel" of "Pavel Zhurov" is not the KB's Petr Pavel
            if len(span) == 1:
                # a one-word alias ("Abbas") is a surname: a person named in full in this
                # article comes first (step 3)
                surname_only.append((span, cands))
                continue
        if names and all(c.actor.type == "GPE" for c in names) and _inside_org_name(span):
            for k in range(span.start, span.end):  # it still says where the body is from
                country_spans[k] = names[0].actor.country
            continue
        if names and all(c.actor.type == "GPE" for c in names):
            # a country's name that also names a place elsewhere ("Georgia", the US state):
            # the place where the text says so ("Atlanta, Georgia")
            f = _place_not_country(doc, span, kb, counts, country_spans)
            if f is not None:
                demonyms.append(f)
                continue
        if names:
            best = _pick(kb, names, date, counts)
            inner = [n for n in noun_spans if span.start <= n.start and n.end <= span.end]
            # a country named by its government ("Palestinian Authority") is that government
            # (not "United States", "People's Republic": words of the country's own name)
            sector = _head_sector(inner, doc, kb.agents)[0] if best.actor.type == "GPE" and \
                inner and fold(inner[-1].text) in _GOVERNMENT_WORDS else None
            f = _Found(span, _kb_actor(kb, best.actor, date, sector), "name", best.actor)
            if best.actor.type == "GPE":
                counts[best.actor.country] = counts.get(best.actor.country, 0) + 1
                for k in range(span.start, span.end):
                    country_spans[k] = best.actor.country
            elif best.actor.type == "ORG" and best.actor.country:
                for k in range(span.start, span.end):
                    country_spans.setdefault(k, best.actor.country)
            take(f)
        elif places:
            # a demonym two states share ("Congolese"): the one the article names more,
            # else the more populous
            c = min(places, key=lambda p: (-counts.get(p.actor.country, 0),
                                           -kb.population.get(p.actor.country, 0)))
            code = c.actor.country
            counts[code] = counts.get(code, 0) + 1
            for k in range(span.start, span.end):
                country_spans[k] = code
            sector = c.sector or ""
            if c.kind in ("capital", "metonym") and not sector:
                namesake = _namesake(doc, span, kb, code)
                if namesake is not None:  # "Paris, Texas", "Tripoli, Lebanon"
                    for k in range(span.start, span.end):
                        country_spans[k] = namesake.country
                    counts[code] -= 1
                    counts[namesake.country] = counts.get(namesake.country, 0) + 1
                    demonyms.append(_Found(span, Actor(
                        key=namesake.key, name=namesake.name, type="GPE",
                        country=namesake.country, sector="" if _dateline(doc, span) else "CVL"),
                        "place"))
                    continue
            if c.kind in ("capital", "metonym") and not sector:
                # a capital that acts or is acted upon as subject or object ("Moscow said",
                # "sanctions hit Moscow") is its government; elsewhere, and any other city
                # standing for its country, its people (CVL, as PLOVER codes cities); as a
                # dateline ("MINSK, Feb 25") a place only
                dateline = _dateline(doc, span)
                sector = "" if dateline else "GOV" if c.kind == "capital" and \
                    _argument(span) else "CVL"
                if dateline and not home_hint:
                    home_hint.append(code)
            if c.kind == "demonym" and _people_word(span, noun_spans):
                # "Palestinians", "a Nigerian": the country's people, not its state
                sector = "CVL"
            actor = _kb_actor(kb, c.actor, date, sector)
            if sector == "CVL" and c.kind == "demonym":
                # "Palestinians": the country's civilians, the group "residents" joins
                actor = Actor(key=_group_key(doc, code, "CVL"),
                              name=_group_name(kb, code, "CVL"), type="GROUP", country=code,
                              sector="CVL")
            elif sector == "CVL":
                # a city standing for its people ("gathered in Minsk"): the city itself
                actor = Actor(key=f"place:{code}:{fold(span.text)}", name=span.text.title()
                              if span.text.isupper() else span.text, type="GPE",
                              country=code, sector="CVL")
            f = _Found(span, actor, c.kind, c.actor)
            if c.kind == "demonym":
                demonyms.append(f)  # kept unless it only modifies a coded phrase
            else:
                take(f)
        elif cands:
            surname_only.append((span, cands))
        else:
            f = _place(doc, span, kb, counts, country_spans)
            if f is not None:
                demonyms.append(f)  # like a country word: dropped where it only modifies
    # 1b. places the phrase matcher does not hold (GeoNames' cities, US states and counties)
    for span in _place_candidates(doc, kb, taken, demonyms):
        f = _place(doc, span, kb, counts, country_spans)
        if f is not None:
            demonyms.append(f)
    # 2. NER names the KB did not cover
    patronymics: list[Span] = []
    for ent in _ents(doc):
        if ent.label_ not in _NER_TYPES:
            continue
        span = _trim(ent)
        inside = [d for d in demonyms if d.span.start < span.end and span.start < d.span.end]
        if inside and not (label_org(ent) and all(span.start <= d.span.start and
                                                  d.span.end <= span.end and
                                                  len(d.span) < len(span) for d in inside)):
            continue  # a country word or place, not a name of its own
        if not free(span) or _junk(span, kb):
            continue
        if inside:  # "The American Legion", "Nigerian Union of Teachers": the body's name
            demonyms = [d for d in demonyms if d not in inside]
        if any(s.start == span.start and s.end == span.end for s, _ in surname_only):
            continue  # a KB surname: resolved in step 3
        if any(n.start <= span.start and span.end <= n.end for n in noun_spans):
            continue  # "Defense Minister", "Parliament": a sector noun, coded as a group
        if any(span.start <= s.start and s.end <= span.end for s, _ in surname_only):
            # a KB surname inside a longer name ("Anna Putin") is not the KB person
            surname_only = [(s, c) for s, c in surname_only
                            if not (span.start <= s.start and s.end <= span.end)]
        hits = kb.lookup(span.text, date)
        if not hits and ent.label_ == "PERSON" and len(span) >= 3:
            # "Paul D. Ryan", "George W. Bush": the KB writes names without the initial
            plain = [t.text for t in span[1:-1] if not _INITIAL.match(t.text)]
            if len(plain) < len(span) - 2:
                hits = kb.lookup(" ".join([span[0].text, *plain, span[-1].text]), date)
        cands = [c for c in hits if c.kind == "name"]
        if not cands and hits and len(span) == 1 and ent.label_ == "PERSON":
            surname_only.append((span, hits))  # a spelling variant of a KB surname
            continue
        if cands:
            best = _pick(kb, cands, date, counts)
            take(_Found(span, _kb_actor(kb, best.actor, date), "name", best.actor))
            continue
        if ent.label_ == "PERSON" and len(span) == 2 and _PATRONYMIC.search(span[1].text):
            patronymics.append(span)  # "Vladimir Vladimirovich": resolved in step 3
            continue
        label = ent.label_ if ent.label_ != "FAC" else "ORG"
        # people are keyed by the transliteration-aware form (variants share a key);
        # organisations and places by the plain folded form
        nf = normal_form(span.text) if label == "PERSON" else fold(span.text)
        if not nf:
            continue
        actor = Actor(key=f"name:{label}:{nf}", name=span.text, type=label)
        take(_Found(span, actor, "name"))

    # 2b. names NER missed that say what kind of body they are ("Syrian Observatory for
    # Human Rights", "Las Vegas Sun")
    for span in _kind_names(doc, kb, taken, demonyms, noun_spans):
        demonyms = [d for d in demonyms if not (span.start <= d.span.start and
                                                d.span.end <= span.end)]
        take(_Found(span, Actor(key=f"name:ORG:{fold(span.text)}", name=span.text,
                                type="ORG"), "name"))
    # 3. surnames and address forms of people named in full in this article
    people: dict[str, _Found] = {}
    for f in sorted(found, key=lambda f: f.span.start):
        if f.actor.type == "PERSON" and len(f.span) >= 2:
            last, first = normal_form(f.span[-1].text), normal_form(f.span[0].text)
            if len(last) >= 2:
                people.setdefault(last, f)
            if len(first) >= 2:
                people.setdefault("first:" + first, f)
    first_names = Counter(k for k in people if k.startswith("first:"))
    for f in found:
        # a lone surname (NER may call it ORG: "Tikhanovskaya") or a first name used alone
        # ("Hillary") of a person named in full in this article is that person
        if f.kb is None and len(f.span) == 1 and f.actor.key.startswith("name:"):
            nf = normal_form(f.span.text)
            full = people.get(nf)
            if full is None and f.actor.type == "PERSON" and first_names["first:" + nf] == 1:
                full = people.get("first:" + nf)
            if full is not None and full is not f:
                f.actor, f.kb = full.actor, full.kb
    for span, cands in surname_only:
        if not free(span):
            continue
        # "Mr. Clinton" is not Hillary Clinton: a gendered title rules out the other gender
        want = _TITLE_GENDER.get(fold(doc[span.start - 1].text)) if span.start else None
        full = people.get(normal_form(span.text))
        if full is not None and (want is None or full.kb is None
                                 or full.kb.gender in (None, want)):
            take(_Found(span, full.actor, "name", full.kb))
            continue
        sur = [c for c in cands if c.kind in ("surname", "name") and c.actor.type == "PERSON"
               and (want is None or c.actor.gender in (None, want))]
        sur = list({c.actor.id: c for c in sorted(sur, key=lambda c: c.kind != "name")}.values())
        if not sur or (_sent_start(doc, span.start) and not span[0].ent_type_
                       and span[0].pos_ not in ("PROPN", "")):
            continue  # a sentence-initial capital that NER and the tagger do not call a name
        explicit = [c for c in sur if c.kind == "name"]  # a listed one-word alias wins
        title = fold(doc[span.start - 1].text) if span.start else ""
        titled = title in HONORIFICS
        if titled and len(sur) > 1:
            # "President Assad": the namesake who held an office of that title
            fitting = [c for c in sur if any(fold(o.role).startswith(title)
                                             for o in c.actor.offices)]
            sur = fitting or sur
        active = [c for c in (explicit or sur) if kb.office(c.actor, date)]
        pick = active if len(active) == 1 else explicit if len(explicit) == 1 else \
            sur if len(sur) == 1 else []
        if not pick and titled and not active and len({c.actor.country for c in sur}) == 1:
            # namesakes who held the title in turn (the Assads): the latest to hold it
            pick = [max(sur, key=lambda c: max((o.end or "9999") for o in c.actor.offices
                                               if (o.start or "") <= (date or "9999")))]
        if pick and len(doc) > 30 and not counts.get(pick[0].actor.country) and not titled:
            # a bare surname of someone whose country the article never mentions is more
            # likely somebody else ("WALLACE" the TV host, "Rasmussen" the pollster); a
            # short phrase has no context to judge by
            pick = []
        if pick:
            take(_Found(span, _kb_actor(kb, pick[0].actor, date), "name", pick[0].actor))
        elif len(sur) > 1 and len({kb.code(c.actor, date)[0] for c in sur}) == 1 and \
                span[0].ent_type_ == "PERSON":
            # "Bush", "Clinton": which namesake is unknown, their country is not
            country = kb.code(sur[0].actor, date)[0]
            take(_Found(span, Actor(key=f"name:PERSON:{normal_form(span.text)}",
                                    name=span.text, type="PERSON", country=country), "name"))
    for span in patronymics:  # an address form of nobody named here: a name of its own
        first = people.get("first:" + normal_form(span[0].text))
        if first is None and free(span):
            actor = Actor(key=f"name:PERSON:{normal_form(span.text)}", name=span.text)
            take(_Found(span, actor, "name"))
    if people:
        for tok in doc:
            if taken[tok.i] or not tok.is_title or not tok.is_alpha:
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and _PATRONYMIC.search(nxt.text) and nxt.is_title:
                full = people.get("first:" + normal_form(tok.text))
                if full is not None and free(doc[tok.i:tok.i + 2]):
                    take(_Found(doc[tok.i:tok.i + 2], full.actor, "name", full.kb))
                    continue
            full = people.get(normal_form(tok.text))
            if full is not None and full.span.start != tok.i:
                take(_Found(doc[tok.i:tok.i + 1], full.actor, "name", full.kb))

    home, strong_home = _home_country(doc, kb, counts, home_hint, found)
    for tok in doc:  # "Western governments": a bloc word gives the group its code
        code = kb.blocs.get(tok.text)
        if code and tok.i + 1 in noun_starts and tok.i not in country_spans:
            country_spans[tok.i] = code
    words, foreign = hyphen_words(doc, kb.agents)
    ctx = PhraseContext(kb.agents, noun_spans, country_spans, _actor_tokens(found), words,
                        foreign, {k: f.actor.country for f in demonyms if f.kind == "place"
                                  for k in range(f.span.start, f.span.end)})

    # 4. context coding
    used_context: set[int] = set()
    coded: dict[str, Coding] = {}
    for f in sorted(found, key=lambda f: f.span.start):
        if f.actor.type not in ("PERSON", "ORG") or f.kind != "name":
            continue
        needs = f.kb is None or not f.actor.sector or f.actor.sector == "ELI"
        coding = code_span(doc, f.span.start, f.span.end, tagger, country_spans, home,
                           noun_spans, ctx)
        titled = f.span.start in noun_ends
        if f.kb is not None and coding.end is not None and not titled and f.actor.sector:
            coding = Coding()  # a KB person is recoded only by a title right before the name
        if coding.start is not None:
            used_context.update(range(coding.start, coding.end or coding.start))
        if f.kb is None and f.actor.type == "ORG":
            name = _name_coding(doc, f.span, ctx)
            coding.sector = name.sector or coding.sector
            coding.sector2 = name.sector2 if name.sector else coding.sector2
            coding.country = name.country or coding.country
        f.coding = coding
        if not needs and f.kb is not None and f.kb.type == "PERSON" and titled and \
                coding.sector and (coding.sector == "ELI" or f.actor.sector not in _OFFICES):
            # "former President X", "ousted leader X": the text says the office is over;
            # "presidential candidate X" of a person the KB knows in no office then
            needs = True
        if not needs and date is None and f.kb is not None and f.kb.type == "PERSON" and \
                coding.sector and coding.sector != f.actor.sector and \
                any(o.sector == coding.sector for o in f.kb.offices):
            # undated, the KB can only guess the role; a title before the name that fits
            # one of the person's offices says it ("Prime Minister Mateusz Morawiecki")
            needs = True
        if needs and (coding.sector or coding.country):
            prev = coded.get(f.actor.key)
            if prev is None or (coding.sector and not prev.sector):
                coded[f.actor.key] = coding
    for f in found:  # every mention of a context-coded actor shares the coding
        c = coded.get(f.actor.key)
        if c is not None:
            f.actor = Actor(key=f.actor.key, name=f.actor.name, type=f.actor.type,
                            country=c.country or f.actor.country,
                            sector=c.sector or f.actor.sector, wikidata=f.actor.wikidata)

    # 5. groups: sector nouns with their country
    for n in noun_spans:
        if not free(n):
            # "Nigerian army chief": the KB took "Nigerian army"; the rest ("chief") is a
            # head of its own, qualified by the body
            k = n.start
            while k < n.end and taken[k]:
                k += 1
            if k == n.start or k >= n.end or not free(doc[k:n.end]) or \
                    kb.agents.lookup(doc[k:n.end].text) is None:
                continue
            n = doc[k:n.end]
            ctx.nouns = [m for m in ctx.nouns if not (m.start < n.end and n.start < m.end)]
            ctx.nouns.append(n)
        if n.start in used_context or _modifier_only(n, noun_spans) or \
                n[0].ent_type_ in _NOT_GROUP_ENTS or any(
                    d.kind == "place" and d.span.start < n.end and n.start < d.span.end
                    for d in demonyms):
            continue  # (a word of a place's name is no group: "West Bank")
        coding = _group_coding(doc, n, noun_spans, country_spans, home, kb, ctx)
        if not coding.sector:
            continue
        start = coding.start if coding.start is not None else n.start
        span = doc[start:coding.end or n.end]
        if not free(span):
            # a name the KB found before the noun ("US and British forces", "NATO
            # troops"): the group starts after it; a coordinated country name is coded
            # as the group it belongs to
            first_free = next((k for k in range(n.start, span.start - 1, -1)
                               if k == span.start or taken[k - 1]), n.start)
            for f in found:
                if f.kind == "name" and f.actor.type == "GPE" and span.start <= f.span.start \
                        and f.span.end <= first_free and not f.actor.sector and \
                        doc[f.span.end:f.span.end + 1].text.lower() in ("and", "or", ","):
                    f.actor = Actor(key=_group_key(doc, f.actor.country, coding.sector),
                                    name=_group_name(kb, f.actor.country, coding.sector),
                                    type="GROUP", country=f.actor.country,
                                    sector=coding.sector)
                    f.kind = "group"
                    coding.country = country_spans.get(first_free, coding.country) \
                        if first_free in country_spans else next(
                            (country_spans[k] for k in range(first_free, n.start)
                             if k in country_spans), coding.country)
            span = doc[first_free:coding.end or n.end] if free(
                doc[first_free:coding.end or n.end]) else n
        while span.start < n.start and (doc[span.start].lower_ in ("and", "or", "&", "'s",
                                                                    "’s") or
                                        doc[span.start].is_punct):
            span = doc[span.start + 1:span.end]  # "and British forces" -> "British forces"
        person = _title_antecedent(doc, span, coding, found, kb, date)
        if person is None and (coding.country or strong_home) and coding.sector == "GOV":
            # "the Russian president" with nobody named before: the KB's office holder
            person = _title_holder(doc, span, coding.country or home, kb, date)
        if person is not None:  # "the minister", "the Belarusian leader"
            g = _Found(span, person.actor, "title", person.kb, coding)
            take(g)
            used_context.update(range(span.start, span.end))
            continue
        for first, country in _coordinated(doc, span, n, country_spans):
            # "Hungarian and Romanian officials", "US and British forces": one group each
            other = Coding(country, coding.sector, coding.sector2, first.start, first.end)
            take(_Found(first, Actor(key=_group_key(doc, country, coding.sector),
                                     name=_group_name(kb, country, coding.sector),
                                     type="GROUP", country=country, sector=coding.sector),
                        "group", None, other))
            used_context.update(range(first.start, first.end))
            span = doc[first.end:span.end]
            while span.start < n.start and doc[span.start].lower_ in ("and", "or", ",", "&"):
                span = doc[span.start + 1:span.end]
            coding.country = country_spans.get(span.start, coding.country)
        actor = Actor(key=_group_key(doc, coding.country, coding.sector),
                      name=_group_name(kb, coding.country, coding.sector), type="GROUP",
                      country=coding.country, sector=coding.sector)
        g = _Found(span, actor, "group", None, coding)
        take(g)
        used_context.update(range(span.start, span.end))

    # unqualified groups and titled people ("riot police", "Interior Minister X") in an
    # article clearly about one country belong to it, as event coders assume
    if strong_home:
        for f in found:
            a = f.actor
            if a.country or not a.sector or f.kb is not None or f.kind not in ("group", "name"):
                continue
            group = f.kind == "group"
            f.actor = Actor(key=_group_key(doc, home, a.sector) if group else a.key,
                            name=_group_name(kb, home, a.sector) if group else a.name,
                            type=a.type, country=home, sector=a.sector, wikidata=a.wikidata)

    # peoples named by a country's demonym: "ethnic Albanians in south Serbia" live in
    # Serbia, "Bosnian Serbs" in Bosnia
    demonyms = _peoples(doc, demonyms, ctx, kb)
    # demonyms that only modify a coded phrase are not separate mentions
    out = list(found)
    for f in demonyms:
        if f.span.start not in used_context and free(f.span):
            out.append(f)
    _correct_ents(doc, out, kb)
    mentions = [Mention(f.span.start_char, f.span.end_char, f.span.text, f.actor, f.kind,
                        doc._.ng_article_id or "") for f in out]
    mentions.sort(key=lambda m: (m.start, m.end))
    for f in out:  # a KB person's office may carry a second code (defence minister: MIL)
        if f.kb is not None and f.kb.type in ("PERSON", "ORG") and not f.coding.sector2 \
                and f.actor.sector != "ELI":
            f.coding.sector2 = kb.sector2(f.kb, date)
    # the second sector code (defence minister: GOV + MIL), JSON-safe, for `newsgraph actors`
    doc.user_data["ng_sector2"] = {f"{f.span.start_char}:{f.span.end_char}": f.coding.sector2
                                   for f in out if f.coding.sector2}
    return mentions


#: Singular nouns for one person in office; "the <title>" refers back to a named person.
#: Offices one person holds at a time in a country.
_UNIQUE_TITLES = {"president", "prime minister", "premier", "chancellor", "king", "queen",
                  "foreign minister", "defence minister", "defense minister", "head of state"}
#: Titles the KB can name the holder of, by the start of the office's role.
_HOLDER_TITLES = {"president": "president", "leader": "leader", "prime minister":
                  "prime minister", "premier": "prime minister", "chancellor": "chancellor",
                  "foreign minister": "foreign minister", "defence minister": "defence minister",
                  "defense minister": "defence minister", "king": "king"}


def _title_holder(doc: Doc, span: Span, country: str, kb: KnowledgeBase, date: str | None
                  ) -> _Found | None:
    """ "the Belarusian leader" with nobody named before it: who led Belarus at the date."""
    if span.start == 0 and doc[0].lower_ != "the":
        return None
    if doc[max(span.start - 1, 0)].lower_ != "the" and doc[span.start].lower_ != "the":
        return None
    if span[-1].tag_ in ("NNS", "NNPS"):
        return None  # "the Russian ministers" are several people
    title = fold(span[-1].text) if len(span) else ""
    two = fold(span[-2:].text) if len(span) >= 2 else ""
    key = _HOLDER_TITLES.get(two) or _HOLDER_TITLES.get(title)
    if not key:
        return None
    actor = kb.holder(country, key, date)
    if actor is None:
        return None
    return _Found(span, _kb_actor(kb, actor, date), "title", actor)


_PERSON_TITLES = {"president", "minister", "prime minister", "foreign minister", "leader",
                  "chancellor", "premier", "spokesman", "spokeswoman", "ambassador",
                  "head of state", "secretary", "press secretary", "defence minister",
                  "defense minister", "diplomat", "envoy", "senator", "governor", "mayor",
                  "opposition leader", "king", "queen", "judge", "prosecutor", "general",
                  "commander", "head"}


def _title_antecedent(doc: Doc, span: Span, coding: Coding, found: list[_Found],
                      kb: KnowledgeBase, date: str | None) -> _Found | None:
    """The person a definite title ("the minister", "the Belarusian leader") names: the
    latest named person before it whose office has that title, else whose sector is the
    title's; a person of unknown sector only for a vague title ("the leader")."""
    if span.start == 0 or doc[span.start - 1].lower_ not in ("the", "this"):
        if doc[span.start].lower_ not in ("the", "this"):
            return None
    if span[-1].tag_ in ("NNS", "NNPS"):
        return None  # "the ministers" are several people
    words = [t.lower_ for t in span if t.lower_ not in ("the", "this")]
    head = " ".join(words)
    title = next((t for t in sorted(_PERSON_TITLES, key=len, reverse=True)
                  if head.endswith(t)), None)
    if title is None:
        return None
    best: tuple[int, int, _Found] | None = None
    for f in found:
        if f.span.start >= span.start or f.actor.type != "PERSON" or f.kind != "name":
            continue
        if coding.country and f.actor.country and f.actor.country != coding.country:
            continue
        office = kb.office(f.kb, date) if f.kb is not None else None
        if office is not None and fold(office.role).startswith(title.split()[-1]):
            rank = 2  # "the president" after a president
        elif title in _UNIQUE_TITLES:
            continue  # "the president" is not any official: the holder is tried next
        elif f.actor.sector and f.actor.sector == (coding.sector or "GOV"):
            rank = 1
        elif not f.actor.sector and title in ("leader", "head"):
            rank = 0
        else:
            continue
        if best is None or (rank, f.span.start) > best[:2]:
            best = (rank, f.span.start, f)
    return best[2] if best else None


_PERSON_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ant", "ants", "ent", "ents",
                    "man", "men", "ian", "ians")


def _modifier_only(noun: Span, nouns: list[Span]) -> bool:
    """A sector word that only modifies a thing: "the official result", "a criminal case",
    "the Belsat television channel" (but "army accountant" is a person of the army)."""
    last = noun[-1]
    if last.dep_ == "amod":
        return True
    if last.dep_ in ("compound", "nmod", "poss") and last.head.i >= noun.end:
        head = last.head
        if any(n.start <= head.i < n.end for n in nouns):
            return True  # it qualifies the agent noun it hangs on ("army spokesman")
        return not (head.lower_ in _GENERIC_HEADS or head.lower_.endswith(_PERSON_SUFFIXES))
    if not noun.doc.has_annotation("DEP") and any(n.start == noun.end for n in nouns):
        return True  # no parse: a noun right before another qualifies it
    return False


def _group_name(kb: KnowledgeBase, country: str, sector: str) -> str:
    """A group's canonical name: "Belarus: police", "the West: government", "civilians"
    (no country)."""
    label = re.split(r"[,(]", kb.sectors.get(sector, sector))[0].strip()
    place = kb.countries[country].name if country in kb.countries else \
        kb.codes.get(country, country)
    return f"{place}: {label}" if place else label


def _group_key(doc: Doc, country: str, sector: str) -> str:
    """``group:<CC>:<SECTOR>``; a group without a country is keyed per article
    (``group::<SECTOR>:<article id>``): "people" or "governments" in two unrelated articles
    are not one actor, so the corpus-wide entities never merge them."""
    if country or not doc._.ng_article_id:
        return f"group:{country}:{sector}"
    return f"group::{sector}:{doc._.ng_article_id}"


_PHRASE_DEPS = frozenset(("prep", "pobj", "compound", "amod", "nmod", "appos", "det", "poss",
                          "flat", "case", "punct"))


def _phrase_tokens(root: Token, limit: int = 16) -> list[Token]:
    """Tokens reachable from ``root`` through prepositions, modifiers and names only (not
    through a clause), at most ``limit`` tokens to the right of it."""
    out: list[Token] = []
    stack = [root]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in _PHRASE_DEPS and child.i > root.i and child.i - root.i <= limit:
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _group_coding(doc: Doc, noun: Span, nouns: list[Span], country_spans: dict[int, str],
                  home: str, kb: KnowledgeBase, ctx: PhraseContext) -> Coding:
    """Extend an agent noun over the words that modify it and code the group (the phrase
    is read by ``agent_phrase.read_phrase``)."""
    start, end = noun.start, noun.end
    # left: adjectives, other agent nouns, country words, possessives, modifiers
    while start > 0:
        t = doc[start - 1]
        if start - 1 in country_spans or t.text == "-" or start - 1 in ctx.words or \
                (t.text in ("'s", "’s") and start >= 2 and (start - 2 in country_spans
                                                             or doc[start - 2].is_title)) or \
                (t.lower_ in _HYPHEN_MODIFIERS and start >= 2 and doc[start - 2].text == "-") or \
                _ends_at(ctx, start) or kb.agents.modifier(t.lower_) or \
                (t.pos_ == "ADJ" and t.lower_ not in _STOP_CONTEXT) or \
                (t.is_title and t.pos_ == "PROPN"):
            before = _ends_at(ctx, start)
            start = before.start if before is not None else start - 1
        else:
            break
    # the parse may reach further ("Ankara's Cankaya district administration")
    start = min(start, phrase_start(doc, noun[-1], noun.start))
    while start < noun.start and (doc[start].is_punct or doc[start].text.startswith("-")
                                  or doc[start].lower_ in ("old", "year", "and", "or")):
        start += 1  # "38-year-old former teacher": the age is not part of the group
    # right: "of Belarus", "in Denmark", "from Poland" give the country
    if end + 1 < len(doc) and doc[end].lower_ in ("of", "in", "from"):
        j = end + 1
        if doc[j].lower_ == "the" and j + 1 < len(doc):
            j += 1
        if j in country_spans and j not in ctx.foreign:
            k = j
            while k < len(doc) and country_spans.get(k) == country_spans[j]:
                k += 1
            end = k
    reading = read_phrase(doc, noun, start, end, ctx)
    if reading.end is not None and reading.end > end:
        end = reading.end  # "a member of the Syrian parliament": one actor
    country = reading.country
    if not country and home and end + 1 < len(doc) and doc[end].lower_ in ("of", "in") \
            and doc[end + 1:end + 3].text.lower() in ("the republic", "the country"):
        country = home
    return Coding(country, reading.sector, reading.sector2, start, end)


def _ends_at(ctx: PhraseContext, i: int) -> Span | None:
    """The agent noun that ends right before token ``i``, or None."""
    n = ctx.noun_at(i - 1) if i else None
    return n if n is not None and n.end == i else None


def _name_coding(doc: Doc, span: Span, ctx: PhraseContext) -> Coding:
    """Sector and country of an organisation outside the KB from its name: kind words
    ("Acme Holdings Ltd" BUS, "Central Bank of X" GOV, "League for Human Rights" SOC), else
    the agent noun heading the name (before "of"/"for": "University of X" EDU, "Nigerian
    Union of Teachers" LAB); the country from a country word or place in the name."""
    lex = ctx.lex
    sector = sector2 = ""
    kind = lex.name_kind([t.text for t in span])
    if kind:
        sector = kind
        inner = [n for n in ctx.nouns if span.start <= n.start and n.end <= span.end]
        agent = lex.lookup(inner[-1].text) if inner else None
        if agent is not None and agent.sector == kind:
            sector2 = agent.sector2  # "National News Agency": GOV, second code JRN
    else:
        inner = [n for n in ctx.nouns if span.start <= n.start and n.end <= span.end]
        cut = next((t.i for t in span[1:] if t.lower_ in ("of", "for", "on", "against")),
                   span.end)
        head_part = [n for n in inner if n.end <= cut] or inner
        if head_part:
            reading = read_phrase(doc, head_part[-1], span.start, span.end, ctx)
            sector, sector2 = reading.sector, reading.sector2
            entry = (lex.lookup(head_part[-1].text) or Agent("")).entry
            if sector in ("CVL", "REF") or entry in ("union", "state", "people"):
                # "European Community", "National Union for the Total Independence of
                # Angola": such words do not say what kind of body a name is (a trade
                # union's name says so: "Union of Teachers", "Workers' Union")
                sector = sector2 = ""
            if not sector:  # a generic head ("Committee for X"): what qualifies it after
                tail = [n for n in inner if n.start >= cut]
                hit = _head_sector(tail, doc, lex) if tail else ("", "")
                sector, sector2 = hit
    country = next((ctx.countries[k] for k in range(span.start, span.end)
                    if k in ctx.countries and k not in ctx.foreign), "")
    return Coding(country, sector, sector2, span.start, span.end)


def _dateline(doc: Doc, span: Span) -> bool:
    """A place opening the text or a line, followed by a comma or dash ("MINSK, Feb 25")."""
    return span.end < len(doc) and doc[span.end].text in (",", "(", "-", "–") and \
        (span.start <= 1 or "\n" in doc[span.start - 1].text_with_ws)


def _peoples(doc: Doc, demonyms: list[_Found], ctx: PhraseContext, kb: KnowledgeBase
             ) -> list[_Found]:
    """Demonyms naming a people rather than its state's citizens: after "ethnic" the
    people lives where the phrase says ("ethnic Albanians in south Serbia": SRB CVL; no
    country when it does not say), after another country's adjective in that country
    ("Bosnian Serbs": BIH CVL, one mention)."""
    out: list[_Found] = []
    drop: set[int] = set()
    by_start = {f.span.start: f for f in demonyms}
    for f in demonyms:
        if f.kind != "demonym" or f.actor.sector != "CVL" or id(f) in drop:
            out.append(f)
            continue
        start = f.span.start
        if start and doc[start - 1].lower_ == "ethnic":
            country = next((ctx.countries[t.i] for t in complement_tokens(doc, f.span[-1])
                            if t.i in ctx.countries and t.i not in ctx.foreign), "")
            span = doc[start - 1:f.span.end]
        else:
            prev = by_start.get(start - 1) if start else None
            prev = prev or next((d for d in demonyms if d.span.end == start), None)
            if prev is None or prev.kind != "demonym" or prev.actor.country == f.actor.country:
                out.append(f)
                continue
            country, span = prev.actor.country, doc[prev.span.start:f.span.end]
            drop.add(id(prev))
        actor = Actor(key=_group_key(doc, country, "CVL"),
                      name=_group_name(kb, country, "CVL"), type="GROUP", country=country,
                      sector="CVL")
        out.append(_Found(span, actor, "group", None, Coding(country, "CVL", "", span.start,
                                                            span.end)))
    return [f for f in out if id(f) not in drop]


def _coordinated(doc: Doc, span: Span, noun: Span, country_spans: dict[int, str]
                 ) -> list[tuple[Span, str]]:
    """Country words coordinated before a group noun, all but the last ("Hungarian" of
    "Hungarian and Romanian officials"), with their countries; [] when there are none."""
    if not doc.has_annotation("DEP"):
        return []
    out: list[tuple[Span, str]] = []
    k = span.start
    while k < noun.start:
        code = country_spans.get(k)
        if code is None:
            k += 1
            continue
        e = k
        while e < noun.start and country_spans.get(e) == code:
            e += 1
        nxt = doc[e].lower_ if e < noun.start else ""
        later = [country_spans[j] for j in range(e + 1, noun.start) if j in country_spans]
        if nxt in ("and", "or", ",", "&") and later and later[0] != code:
            out.append((doc[k:e], code))
        k = e
    return out


def _argument(span: Span) -> bool:
    """The span is a subject or direct object (or a phrase on its own): it acts or is
    acted upon, rather than locating something."""
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT", "agent", "appos"):
        return not (root.dep_ == "ROOT" and len(span.doc) > len(span) + 2
                    and root.pos_ not in ("PROPN", "NOUN"))
    if root.dep_ == "conj":
        return _argument(root.head.doc[root.head.i:root.head.i + 1])
    return not span.doc.has_annotation("DEP")


def _people_word(span: Span, nouns: list[Span]) -> bool:
    """A demonym used as a noun for people ("Palestinians protested", "a Nigerian was
    killed"), not as an adjective before another word."""
    last = span[-1]
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text in ("-", "–") and \
            not doc[span.end - 1].whitespace_:
        return False  # "Saudi-led", "Iranian-backed"
    if last.tag_ in ("NNS", "NNPS") or (last.text.endswith("s") and last.tag_ == ""):
        return True
    if not span.doc.has_annotation("DEP"):
        return False
    if last.dep_ in ("amod", "compound", "nmod", "poss") and last.head.i > last.i:
        return False
    return last.pos_ in ("NOUN", "PROPN") and not any(n.start == span.end for n in nouns)


def _namesake(doc: Doc, span: Span, kb: KnowledgeBase, country: str):
    """A gazetteer namesake of a capital in the country or US state written after it
    ("Paris, Texas", "Tripoli, Lebanon"), or None."""
    after = _after_comma(doc, span, kb)
    if after is None or after[0] == country:
        return None
    places = [p for p in kb.places_for(span.text) if p.country == after[0]]
    return kb.gazetteer.resolve(places, after=after) if places else None


_NAME_LINKS = frozenset(("of", "for", "and", "the", "on", "de", "&"))


def _kind_names(doc: Doc, kb: KnowledgeBase, taken: list[bool], demonyms: list[_Found],
                nouns: list[Span]) -> list[Span]:
    """Runs of capitalised words (joined by "of", "for", "and" ...) that no step found and
    whose words give a body's kind (``AgentLexicon.name_kind``): names NER missed. A
    country word or place may open the run; nothing else found may be inside it."""
    placed = {k for d in demonyms for k in range(d.span.start, d.span.end)}
    out: list[Span] = []
    n = len(doc)
    _, cap, lower = _flags(doc)
    links = {doc.vocab.strings[w] for w in _NAME_LINKS}
    link = [x in links for x in lower]
    i = 0
    while i < n:
        if taken[i] or not cap[i] or (i and cap[i - 1] and not taken[i - 1]
                                      and not _sent_start(doc, i)):
            i += 1
            continue
        j = i + 1
        while j < n and not taken[j] and (cap[j] or (link[j] and j + 1 < n and cap[j + 1])):
            j += 1
        span = doc[i:j]
        opening = next((d.span.end for d in demonyms if d.span.start == i), i + 1)
        inner_places = [k for k in range(opening, j) if k in placed]
        if len(span) >= 2 and span[-1].is_title and not inner_places and \
                not any(e.label_ in ("PERSON", "WORK_OF_ART", "LAW", "EVENT") and
                        e.start <= j - 1 < e.end for e in _ents(doc)) and \
                kb.agents.name_kind([w.text for w in span]) and not _junk(span, kb) and \
                not any(n.start <= opening and n.end >= j for n in nouns if n.end == j) and \
                not any(n.start == opening and n.end == j for n in nouns):
            out.append(span)  # (an agent noun written with capitals is a group's business)
        i = j
    return out


def _named_place(doc: Doc, span: Span, kb: KnowledgeBase) -> bool:
    """ "the town of Gorazde", "the city of Cizre": a place noun and "of" before the name."""
    return span.start >= 2 and doc[span.start - 1].lower_ == "of" and \
        fold(doc[span.start - 2].text) in kb.agents.place_nouns


def _after_comma(doc: Doc, span: Span, kb: KnowledgeBase) -> tuple[str, str] | None:
    """(country, US state code) written after a place name: "Paris, Texas", "Tripoli,
    Lebanon"; None when nothing is."""
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    for n in (3, 2, 1):
        nxt = doc[span.end + 1:span.end + 1 + n]
        if len(nxt) != n or not nxt[0].is_title:
            continue
        state = kb.gazetteer.us_state(nxt.text)
        if state:
            return "USA", state
        code = kb.country_code(nxt.text)
        if code:
            return code, ""
    return None


def _place_candidates(doc: Doc, kb: KnowledgeBase, taken: list[bool],
                      found: list[_Found]) -> list[Span]:
    """Spans that may name a GeoNames place: NER places, and runs of capitalised proper
    nouns (up to four words) the gazetteer knows, longest first, not overlapping what the
    KB already found."""
    used = [False] * len(doc)
    for f in found:
        for k in range(f.span.start, f.span.end):
            used[k] = True

    def free(s: int, e: int) -> bool:
        return not any(taken[s:e]) and not any(used[s:e])

    out: list[Span] = []
    for ent in _ents(doc):
        if ent.label_ in ("GPE", "LOC", "FAC"):
            span = _trim(ent)
            if free(span.start, span.end) and kb.places_for(span.text):
                out.append(span)
                for k in range(span.start, span.end):
                    used[k] = True
    titled, cap, lower = _flags(doc)
    joiners = {doc.vocab.strings[w] for w in ("al", "el", "de", "of")}
    joiner = [x in joiners for x in lower]
    i = 0
    while i < len(doc):
        if not cap[i] or not free(i, i + 1) or (
                doc[i].ent_type_ in ("PERSON", "ORG", "NORP", "DATE") and
                not _named_place(doc, doc[i:i + 1], kb)):
            i += 1  # (NER's other names are not places, unless "the town of X" says so)
            continue
        hit = None
        for n in (4, 3, 2, 1):
            if i + n > len(doc) or not all(titled[k] or joiner[k] for k in range(i, i + n)) \
                    or not free(i, i + n):
                continue
            span = doc[i:i + n]
            if kb.places_for(span.text) and not kb.candidates(span.text):
                hit = span
                break
        if hit is None:
            i += 1
            continue
        out.append(hit)
        for k in range(hit.start, hit.end):
            used[k] = True
        i = hit.end
    return out


def _place(doc: Doc, span: Span, kb: KnowledgeBase, counts: dict[str, int],
           country_spans: dict[int, str]) -> _Found | None:
    """A gazetteer place below country level ("Shanghai", "Rakhine", "Cizre"): its tokens
    code their country for the phrase around them ("Shanghai authorities": CHN GOV) and the
    place is a mention of kind "place" (key ``place:<CC>:<name>``). A place acting or acted
    upon is its people: the country with sector CVL, as PLOVER codes cities; as a dateline
    it only locates (no sector). Inside a longer NER name it only lends its country
    ("Shanghai Electric"); inside a person's name nothing ("Mary" the city is not "Mary
    Smith"), but a several-word place NER takes for a person is the place ("Bocharov
    Ruchei"). A name several places share is decided by what follows it ("Paris, Texas"),
    the countries the article names, then population."""
    places = kb.places_for(span.text)
    if not places:
        return None
    ent = next((e for e in _ents(doc) if e.start <= span.start and span.end <= e.end), None)
    prev = doc[span.start - 1].lower_ if span.start else ""
    if ent is not None and ent.label_ == "PERSON" and (len(_trim(ent)) > len(span) or (
            len(span) == 1 and not (places[0].curated and (prev in _LOCATIVE or
                                                           len(doc) <= 2)))):
        # a several-word gazetteer name NER calls a person is the place; a one-word one
        # only after a locative word or as the whole phrase ("villagers in Rakhine")
        return None
    curated = places[0].curated
    if not curated and ent is not None and len(_trim(ent)) > len(span):
        return None  # a GeoNames name inside a longer name ("Baltic Fleet") is not a place
    after = _after_comma(doc, span, kb)
    if not curated and len(span) == 1 and places[0].population < 100_000 and \
            prev not in _LOCATIVE and after is None and len(doc) > 3 and \
            not _named_place(doc, span, kb):
        return None  # a small town's one-word name is more often a word ("Time", "Fleet")
    if ent is None or ent.label_ not in ("GPE", "LOC", "FAC"):
        # "Hope", "Reading", "Split": a place named by an everyday word is a place only
        # where NER says so or after a locative word
        everyday = len(span) == 1 and (span[0].lower_ in kb.common_words or span[0].is_stop
                                       or (not curated and span[0].pos_ not in ("PROPN", "")))
        if everyday and prev not in _LOCATIVE and not _named_place(doc, span, kb):
            return None
        if not curated and prev not in _LOCATIVE and len(doc) > 3 and \
                _after_comma(doc, span, kb) is None and not _named_place(doc, span, kb):
            return None  # GeoNames' long list: only where the words say it is a place
    place = kb.gazetteer.resolve(places, after=after, votes=counts)
    if place is None:
        return None
    for k in range(span.start, span.end):
        country_spans.setdefault(k, place.country)
    if ent is not None and len(_trim(ent)) > len(span) and ent.label_ in ("ORG", "FAC"):
        return None
    counts[place.country] = counts.get(place.country, 0) + 1
    sector = "" if _dateline(doc, span) else "CVL"
    actor = Actor(key=place.key, name=place.name, type="GPE", country=place.country,
                  sector=sector)
    return _Found(span, actor, "place")


def _place_not_country(doc: Doc, span: Span, kb: KnowledgeBase, counts: dict[str, int],
                       country_spans: dict[int, str]) -> _Found | None:
    """A country's name used for a namesake place, where the text says so: after a place
    of that other country and a comma ("Atlanta, Georgia")."""
    if span.start < 2 or doc[span.start - 1].text != ",":
        return None
    country = kb.country_code(span.text)
    others = [p for p in kb.places_for(span.text) if p.country != country]
    if not others:
        return None
    before = doc[span.start - 2]
    k = span.start - 2
    while k > 0 and doc[k - 1].is_title:
        k -= 1
    lead = doc[k:span.start - 1]
    if not before.is_title or not any(p.country == others[0].country
                                      for p in kb.places_for(lead.text)):
        return None
    place = others[0]
    for t in range(span.start, span.end):
        country_spans[t] = place.country
    counts[place.country] = counts.get(place.country, 0) + 1
    actor = Actor(key=place.key, name=place.name, type="GPE", country=place.country,
                  sector="CVL")
    return _Found(span, actor, "place")


def _pick(kb: KnowledgeBase, cands: list, date: str | None, counts: dict[str, int]):
    """Among KB candidates for one name: in office at the date, in a country the article
    talks about, exact spelling."""

    def score(c) -> tuple:
        office = kb.office(c.actor, date) if c.actor.type == "PERSON" else None
        country = office.country if office else c.actor.country
        return (-(office is not None), -counts.get(country, 0), -c.score)

    return min(cands, key=score)


def _home_country(doc: Doc, kb: KnowledgeBase, counts: dict[str, int], hint: list[str],
                  found: list[_Found]) -> tuple[str, bool]:
    """The country an article is about, and whether that is clear.

    Every mention of a country (name, adjective, capital) and of a KB person or body
    counts one; the dateline's country counts two more (a dateline says where the reporter
    is, not always what the story is about: "VILNIUS (AFP) - Belarusian opposition ...").
    Clear: at least two votes and half of them.
    """
    votes = Counter(counts)
    for f in found:
        if f.kb is not None and f.kb.type in ("PERSON", "ORG") and len(f.actor.country) == 3 \
                and f.actor.country in kb.countries:
            votes[f.actor.country] += 1
    place = None
    if doc._.ng_dateline:
        place = kb.place_country(doc._.ng_dateline) or None
    place = place or (hint[0] if hint else None)
    if place:
        votes[place] += 2
    if not votes:
        return "", False
    code, n = votes.most_common(1)[0]
    return code, n >= 2 and n * 2 >= sum(votes.values())


def _correct_ents(doc: Doc, found: list[_Found], kb: KnowledgeBase) -> None:
    """Make ``doc.ents`` agree with the KB (a person NER called a place becomes PERSON);
    drop junk entities ("Load More Related Articles")."""
    spans = []
    for f in found:
        if f.kind == "name" and f.actor.type in ("PERSON", "ORG", "GPE"):
            spans.append(Span(doc, f.span.start, f.span.end, label=f.actor.type))
        elif f.kind in ("capital", "demonym", "place"):
            label = "NORP" if f.kind == "demonym" else "GPE"
            spans.append(Span(doc, f.span.start, f.span.end, label=label))
    covered = [f.span for f in found]
    keep = [e for e in doc.ents if not any(s.start < e.end and e.start < s.end for s in spans)
            and not (e.label_ in _NER_TYPES and _junk(_trim(e), kb)
                     and not any(c.start < e.end and e.start < c.end for c in covered))]
    try:
        doc.ents = filter_spans(spans + keep)
    except ValueError:  # a conflict spaCy refuses: keep NER's own entities
        pass
