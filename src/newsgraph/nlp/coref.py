"""In-article reference resolution: pronouns, descriptions and surnames to named actors.

    resolve_reference(doc, span) -> Mention | None
        the named actor a span refers to: the span itself when it overlaps a mention,
        otherwise, for "he"/"she"/"they", "the minister", "the Belarusian leader", "the
        head of the republic's foreign ministry" ... the most recent compatible named
        mention before it.

Compatibility: "he"/"she" want a person (of that gender when the KB knows it); a title
("the minister", "the Belarusian leader") wants a person whose sector matches the title's
and whose country matches the title's country word; "they" wants a group or organisation.
When nothing in the article fits a title, the KB's holder of the office at the article date
is tried ("the Belarusian leader" -> the head of state of Belarus).
Surname-only mentions are already resolved by the actors component.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..kb.names import fold
from ..records import Mention
from .actors import actor_at, tagger_for

__all__ = ["resolve_reference"]

_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_PLURAL = {"they", "them", "their", "themselves"}
#: Person titles that say nothing about sector beyond "a person in authority".
_ANY_PERSON = {"leader", "head", "chief", "politician", "official", "man", "woman"}
_LOOKBACK = 4000  # characters: a reference rarely reaches further back


def _gender(doc: Doc, mention: Mention) -> str | None:
    tagger = _tagger(doc)
    if tagger is None or not mention.actor.key.startswith("kb:"):
        return None
    actor = tagger.kb.actors.get(mention.actor.key[3:])
    return actor.gender if actor else None


def _tagger(doc: Doc):
    return tagger_for(doc)


def resolve_reference(doc: Doc, span: Span) -> Mention | None:
    """The named mention ``span`` refers to (see the module docstring), or None."""
    own = actor_at(doc, span.start_char, span.end_char)
    if own is not None and (own.kind != "group" or not _is_title(span)):
        return own
    mentions = [m for m in doc._.ng_mentions or []
                if m.end <= span.start_char and span.start_char - m.end < _LOOKBACK]
    text = fold(span.text)
    words = text.split()
    if not words:
        return None
    if text in _MALE or text in _FEMALE:
        want = "m" if text in _MALE else "f"
        for m in reversed(mentions):
            if m.actor.type == "PERSON" and m.kind in ("name", "title"):
                g = _gender(doc, m)
                if g is None or g == want:
                    return m
        return None
    if text in _PLURAL:
        for m in reversed(mentions):
            if m.actor.type in ("ORG", "GROUP") or m.kind in ("metonym", "capital"):
                return m
        return None
    if words[0] not in ("the", "this", "that", "its", "his", "her"):
        return None
    # a definite description: code it as the actors component would
    sector, country = _describe(doc, span)
    if not sector and not (set(words) & _ANY_PERSON):
        return None
    for m in reversed(mentions):
        a = m.actor
        if a.type != "PERSON" or m.kind not in ("name", "title"):
            continue
        if sector and a.sector and a.sector != sector and not (set(words) & _ANY_PERSON):
            continue
        if country and a.country and a.country != country:
            continue
        return m
    return None


def _is_title(span: Span) -> bool:
    return fold(span.text).split()[:1] in (["the"], ["this"], ["that"])


def _describe(doc: Doc, span: Span) -> tuple[str, str]:
    """(sector, country) a description gives: "the Belarusian foreign minister" -> GOV, BLR."""
    tagger = _tagger(doc)
    if tagger is None:
        return "", ""
    kb = tagger.kb
    sector = country = ""
    words = [t.text for t in span]
    # longest sector noun inside the span
    for n in range(len(words), 0, -1):
        for i in range(0, len(words) - n + 1):
            hit = kb.noun(" ".join(words[i:i + n]))
            if hit and not sector:
                sector = hit[0]
    for t in span:
        code = kb.country_code(t.text)
        if code:
            country = code
            break
    return sector, country
