"""Who a quote's speaker phrase names: pronouns, descriptions and appositions.

    resolve_speaker(doc, span, head, inside_quote) -> Mention | None

The general resolver (:func:`.coref.resolve_reference`) takes the most recent compatible
mention. A speaker is found differently, and these rules say how:

- **a pronoun** ("he said") names the person the text is about, not the last name it
  happened to print: looking back sentence by sentence, the first person who is the
  subject of a clause (or the speaker of an earlier quote) wins over people who appear as
  objects, possessors or prepositional phrases ('Thomas Countryman, who held Palmer's
  post, ...', "he" is Countryman), and names inside quoted words never count (the speaker
  does not refer to someone he mentions in his own quote);
- **a definite description** of one person ("the French politician", "the former foreign
  minister") is coded by the actors component as a group; as a speaker it names the person
  described, when one is found, before it falls back to the group;
- **an apposition** ("Guterres' spokesman, Stephane Dujarric, told reporters"): the named
  person is the speaker, not the description.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..records import Mention
from .actors import actor_at, tagger_for
from .coref import resolve_reference

__all__ = ["resolve_speaker", "apposed_name"]

_MALE = frozenset({"he", "him"})
_FEMALE = frozenset({"she", "her"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Sentences looked back through for a pronoun's person.
_MAX_SENTENCES = 6
_DEFINITE = frozenset({"the", "this", "that"})


def _gender(doc: Doc, m: Mention) -> str | None:
    tagger = tagger_for(doc)
    if tagger is None or not m.actor.key.startswith("kb:"):
        return None
    actor = tagger.kb.actors.get(m.actor.key[3:])
    return actor.gender if actor else None


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
             speakers: dict[int, Mention]) -> Mention | None:
    word = span.text.lower()
    want = "m" if word in _MALE else "f" if word in _FEMALE else None
    if want is None:
        return None
    people = [m for m in doc._.ng_mentions or []
              if m.end <= span.start_char and m.actor.type == "PERSON"
              and m.kind in ("name", "title") and not inside_quote(m.start)
              and _gender(doc, m) in (None, want)]
    if not people:
        return None
    sent = span.sent
    seen = 0
    while seen < _MAX_SENTENCES:
        here = [m for m in people if sent.start_char <= m.start < sent.end_char]
        said = [speakers[sent.start]] if sent.start in speakers else []
        for m in reversed(here):
            if _is_subject(doc, m):
                return m
        if said and _gender(doc, said[0]) in (None, want):
            return said[0]
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
        seen += 1
    return None


def apposed_name(head: Token) -> Token | None:
    """The proper name in apposition to a common-noun head ("spokesman, Stephane Dujarric")."""
    if head.pos_ == "PROPN":
        return None
    for c in head.rights:
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            return c
    return None


def _description(doc: Doc, span: Span, own: Mention) -> Mention | None:
    """A definite singular description coded as a group: the person it describes, if any."""
    words = span.text.lower().split()
    if own.kind != "group" or not words or words[0] not in _DEFINITE or span.root.tag_ in ("NNS", "NNPS"):
        return None
    found = resolve_reference(doc, span)
    return found if found is not None and found.actor.type == "PERSON" else None


def resolve_speaker(doc: Doc, span: Span | None, head: Token | None,
                    inside_quote: Callable[[int], bool],
                    speakers: dict[int, Mention] | None = None) -> Mention | None:
    """The actor a speaker phrase names (see the module docstring).

    ``speakers`` maps a sentence's first token to the speaker resolved for a quote cued in
    it, so a later "he" can take the last person quoted.
    """
    if span is None:
        return None
    if head is not None:
        name = apposed_name(head)
        if name is not None:
            m = actor_at(doc, name.idx, name.idx + len(name.text))
            if m is not None and m.actor.type == "PERSON":
                return m
        own = actor_at(doc, head.idx, head.idx + len(head.text))
        if own is not None:
            return _description(doc, span, own) or own
        if head.lower_ in _MALE | _FEMALE:
            found = _pronoun(doc, doc[head.i:head.i + 1], inside_quote, speakers or {})
            if found is not None:
                return found
    found = resolve_reference(doc, span)
    if found is None and head is not None and (span.start != head.i or span.end != head.i + 1):
        found = resolve_reference(doc, doc[head.i:head.i + 1])
    return found
