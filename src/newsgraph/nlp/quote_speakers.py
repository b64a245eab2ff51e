"""Who a quote's speaker phrase names: pronouns, descriptions and appositions.

    resolve_speaker(doc, span, head, inside_quote) -> Mention | None

The general resolver (:func:`.coref.resolve_reference`) takes the most recent compatible
mention. A speaker is found differently, and these rules say how:

- **a pronoun** ("he said") names the person the text is about, not the last name it
  happened to print: looking back sentence by sentence, the first person who is the
  subject of a clause wins over people who appear as objects, possessors or prepositional
  phrases ('Thomas Countryman, who held Palmer's post, ...', "he" is Countryman); a subject
  that is the same pronoun carries its own referent on; names inside quoted words never
  count (the speaker does not refer to someone he mentions in his own quote);
- **a definite description** of one person ("the French politician", "the former foreign
  minister") is coded by the actors component as a group; as a speaker it names the person
  described, when one is found, before it falls back to the group;
- **"it"** names the organisation that was the subject just before ("The UNHCR shares
  that concern. It issued a statement saying ...");
- **an apposition** ("Guterres' spokesman, Stephane Dujarric, told reporters"): the named
  person is the speaker, not the description.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..records import Actor, Mention
from .actors import actor_at, tagger_for
from .coref import resolve_reference
from .quote_lexicon import PERSON_NOUNS

__all__ = ["Voice", "apposed_name", "inside_quote", "resolve", "resolve_speaker",
           "set_quote_extents"]

@dataclass(slots=True)
class Voice:
    """A speaker as found in the text, before it becomes a Quote's fields."""

    span: Span | None
    mention: Mention | None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    channel: str | None = None


_EXTENTS = ("newsgraph", "quote_extents", None, None)


def inside_quote(doc: Doc, pos: int) -> bool:
    """Is ``pos`` inside a quoted passage (marks included)? Set by :func:`set_quote_extents`."""
    return any(a <= pos < b for a, b in doc.user_data.get(_EXTENTS, ()))


def set_quote_extents(doc: Doc, extents: list[tuple[int, int]]) -> None:
    """Remember where the quoted passages of ``doc`` are (marks included), and forget the
    speakers an earlier extraction found."""
    doc.user_data[_EXTENTS] = extents
    doc.user_data.pop(_EXTRA, None)


def resolve(doc: Doc, span: Span | None, head: Token | None) -> Mention | None:
    """:func:`resolve_speaker` with the quoted passages set by :func:`set_quote_extents`."""
    return resolve_speaker(doc, span, head, lambda pos: inside_quote(doc, pos))


_MALE = frozenset({"he", "him"})
_FEMALE = frozenset({"she", "her"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Sentences looked back through for a pronoun's person.
_MAX_SENTENCES = 6
_DEFINITE = frozenset({"the", "this", "that"})
#: Words of a description that are not part of the office's name.
_NOT_ROLE = frozenset("former ex then current new top senior veteran longtime late".split())
#: Person nouns that say nothing about sector ("the politician", "the official").
_ANY_PERSON = frozenset("leader head chief politician official man woman".split())


def _gender(doc: Doc, m: Mention) -> str | None:
    tagger = tagger_for(doc)
    if tagger is None or not m.actor.key.startswith("kb:"):
        return None
    actor = tagger.kb.actors.get(m.actor.key[3:])
    return actor.gender if actor else None


def _head_dep(doc: Doc, m: Mention) -> str:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return ""
    t = span.root
    while t.dep_ in ("compound", "flat") and t.head is not t:
        t = t.head
    return t.dep_


def _is_subject(doc: Doc, m: Mention) -> bool:
    """Is the mention (the phrase around its head) the subject of its clause?"""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    t = span.root
    # climb name parts and appositions to the phrase head ("spokesman, Stephane Dujarric")
    while t.dep_ in ("compound", "flat", "appos") and t.head is not t:
        t = t.head
    return t.dep_ in _SUBJECT_DEPS


def _pronoun(doc: Doc, span: Span, inside_quote: Callable[[int], bool],
             depth: int = 0) -> Mention | None:
    word = span.text.lower()
    want = "m" if word in _MALE else "f" if word in _FEMALE else None
    if want is None:
        return None
    known = sorted([*(doc._.ng_mentions or []), *doc.user_data.get(_EXTRA, [])],
                   key=lambda m: m.start)
    before = [m for m in known
              if m.end <= span.start_char and m.kind in ("name", "title")
              and not inside_quote(m.start)]
    people = [m for m in before if m.actor.type == "PERSON" and not _dubious(m)
              and _gender(doc, m) in (None, want)]
    if not people:
        # NER calls some people by one name an organisation ("BSP supremo Mayawati"); with
        # no person named at all, such a name as a clause subject is the one meant
        people = [m for m in before if m.actor.type == "ORG" and m.actor.key.startswith("name:")
                  and len(m.text.split()) == 1 and not m.text.isupper()]
    if not people:
        return None
    words = _MALE if want == "m" else _FEMALE
    sent = span.sent
    for _ in range(_MAX_SENTENCES):
        # the last subject before the pronoun: a person named, or the same pronoun again,
        # which carries the person on ('Hassett ... emphasized ... He said ... "...," he said')
        subjects: list[tuple[int, Mention | Token]] = [
            (m.start, m) for m in people
            if sent.start_char <= m.start < sent.end_char and _is_subject(doc, m)]
        if depth < 3:
            subjects += [(t.idx, t) for t in sent if t.i < span.start and t.lower_ in words
                         and t.dep_ in _SUBJECT_DEPS and not inside_quote(t.idx)]
        if not subjects and not any(t.dep_ in _SUBJECT_DEPS for t in sent):
            # no subject parsed at all ('Like Lutnick, Kevin Hassett, director of ...,
            # emphasized ...'): the first person named outside a prepositional phrase
            subjects = [(m.start, m) for m in people
                        if sent.start_char <= m.start < sent.end_char
                        and _head_dep(doc, m) not in ("pobj", "poss", "dobj")][:1]
        if subjects:
            _, last = max(subjects, key=lambda x: x[0])
            if isinstance(last, Token):
                return _pronoun(doc, doc[last.i:last.i + 1], inside_quote, depth + 1)
            return last
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return None


def _it(doc: Doc, head: Token, inside_quote: Callable[[int], bool]) -> Mention | None:
    """'It issued a statement saying ...': the organisation that was the subject of the
    sentence before (or of this one, before the pronoun)."""
    sent = head.sent
    for _ in range(2):
        orgs = [m for m in doc._.ng_mentions or []
                if sent.start_char <= m.start < min(sent.end_char, head.idx)
                and m.actor.type == "ORG" and not inside_quote(m.start)]
        for m in reversed(orgs):
            if _is_subject(doc, m):
                return m
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return None


def apposed_name(head: Token) -> Token | None:
    """The proper name in apposition to a common-noun head ("spokesman, Stephane Dujarric")."""
    if head.pos_ == "PROPN":
        return None
    for c in head.rights:
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            return c
    return None


def _kb_actor(doc: Doc, m: Mention):
    tagger = tagger_for(doc)
    if tagger is None or not m.actor.key.startswith("kb:"):
        return None
    return tagger.kb.actors.get(m.actor.key[3:])


def _has(doc: Doc, m: Mention, country: str, sector: str) -> bool:
    """Does the person fit a description's country and sector, in any office held (the
    former foreign minister of France is French whatever he does now)?"""
    kb = _kb_actor(doc, m)
    pairs = {(m.actor.country, m.actor.sector)}
    if kb is not None:
        pairs |= {(o.country, o.sector) for o in kb.offices}
    return any((not country or c == country) and (not sector or not s or s == sector)
               for c, s in pairs)


def _uncoded(m: Mention) -> bool:
    return not m.actor.country and not m.actor.sector and m.actor.key.startswith("name:")


def _dubious(m: Mention) -> bool:
    """A one-word name outside the KB that NER called a person: often not one ("Brexit")."""
    return m.actor.key.startswith("name:") and len(m.actor.name.split()) == 1


def _description(doc: Doc, span: Span, head: Token,
                 inside_quote: Callable[[int], bool]) -> Mention | None:
    """'the former French foreign minister', 'the politician': the last person named before
    who fits the description's country and sector."""
    words = span.text.lower().split()
    # "Obama's former campaign strategist" is definite too, and is not Obama
    owner = next((t for t in span if t.dep_ == "poss" and t.pos_ == "PROPN" and t.i < head.i),
                 None)
    if not words or (words[0] not in _DEFINITE and owner is None) \
            or head.tag_ in ("NNS", "NNPS") or head.lower_ not in PERSON_NOUNS:
        return None
    not_owner = actor_at(doc, owner.idx, owner.idx + len(owner.text)) if owner is not None else None
    tagger = tagger_for(doc)
    country = sector = ""
    if tagger is not None:
        kb = tagger.kb
        for t in span:
            country = country or kb.country_code(t.text) or ""
        hit = kb.noun(head.text) or (kb.noun(doc[head.i - 1:head.i + 1].text)
                                     if head.i > span.start else None)
        if hit and head.lower_ not in _ANY_PERSON:
            sector = hit[0]
    people = [m for m in doc._.ng_mentions or []
              if m.end <= span.start_char and m.actor.type == "PERSON"
              and m.kind in ("name", "title") and not inside_quote(m.start) and not _dubious(m)
              and not (not_owner is not None and m.actor.key == not_owner.actor.key)]
    # people the KB or the context coded come first; one nothing is known about may still
    # be the one described ("the Ghanaian theologian" after "Apostle Opoku Onyinah")
    fits = [m for m in reversed(people) if _has(doc, m, country, sector)] + \
        [m for m in reversed(people) if _uncoded(m) and (country or sector)]
    # "the former foreign minister": one who held that office comes before others who fit
    role = " ".join(t.lower_ for t in span if t.pos_ in ("NOUN", "PROPN", "ADJ")
                    and t.i <= head.i and t.lower_ not in _NOT_ROLE
                    and not (tagger is not None and tagger.kb.country_code(t.text)))
    for m in fits:
        kb = _kb_actor(doc, m)
        if kb is not None and role and any(role in o.role.lower() for o in kb.offices):
            return m
    return fits[0] if fits else None


def resolve_speaker(doc: Doc, span: Span | None, head: Token | None,
                    inside_quote: Callable[[int], bool]) -> Mention | None:
    """The actor a speaker phrase names (see the module docstring); ``inside_quote`` says
    whether a character offset lies inside a quoted passage."""
    if span is None:
        return None
    if head is not None:
        name = apposed_name(head)
        if name is not None:
            m = actor_at(doc, name.idx, name.idx + len(name.text))
            if m is not None and m.actor.type == "PERSON":
                return m
        own = actor_at(doc, head.idx, head.idx + len(head.text))
        if own is None or own.kind == "group":
            described = _description(doc, span, head, inside_quote)
            if described is not None:
                return described
        if own is not None:
            return own
        if head.lower_ in _MALE | _FEMALE:
            found = _pronoun(doc, doc[head.i:head.i + 1], inside_quote)
            if found is not None:
                return found
        if head.lower_ == "it":
            return _it(doc, head, inside_quote)
    found = resolve_reference(doc, span)
    if found is None and head is not None and (span.start != head.i or span.end != head.i + 1):
        found = resolve_reference(doc, doc[head.i:head.i + 1])
    if found is None and head is not None and head.pos_ == "PROPN":
        found = _leader_by_surname(doc, head)
    return found


#: Offices whose holders the news names by surname alone ("Lukashenko said").
_LEADER_ROLES = ("president", "prime minister", "chancellor", "premier", "king", "queen",
                 "emir", "supreme leader", "crown prince")
_EXTRA = ("newsgraph", "speaker_mentions", None, None)


def _leader_by_surname(doc: Doc, head: Token) -> Mention | None:
    """A speaker named by a bare surname the actors component left unresolved: in a text
    that never names the person's country a surname alone is more often somebody else's
    ("Wallace" the anchor), but a head of state or government speaking is named so
    everywhere ('"We will not allow this," Lukashenko said'). The surname must belong to
    one KB person only, who held such an office at the article date (undated: the office
    held last). The person found is remembered for pronouns later in the text."""
    tagger = tagger_for(doc)
    if tagger is None or head.ent_type_ not in ("PERSON", "") or not head.is_title:
        return None
    kb = tagger.kb
    cands = [c for c in kb.candidates(head.text)
             if c.actor.type == "PERSON" and c.kind in ("name", "surname")]
    if len({c.actor.id for c in cands}) != 1 or not cands[0].actor.offices:
        return None
    actor = cands[0].actor
    date = doc._.ng_date if isinstance(doc._.ng_date, str) and doc._.ng_date else None
    office = kb.office(actor, date) if date else kb.last_office(actor)
    if office is None or not office.role.lower().startswith(_LEADER_ROLES):
        return None
    country, sector = kb.code(actor, date)
    found = Mention(head.idx, head.idx + len(head.text), head.text,
                    Actor(key=actor.key, name=actor.name, type="PERSON", country=country,
                          sector=sector, wikidata=actor.wikidata), "name",
                    doc._.ng_article_id or "")
    doc.user_data.setdefault(_EXTRA, []).append(found)
    return found
