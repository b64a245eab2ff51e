"""In-article reference resolution: pronouns, descriptions and surnames to named actors.

INTERIM VERSION (the spine). The actors issue owns the real implementation; the interface:

    resolve_reference(doc, span) -> Mention | None
        the named actor a span refers to: the span itself when it overlaps a mention,
        otherwise, for "he"/"she"/"they", "the minister", "the Belarusian leader" ... the most
        recent compatible mention before it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..records import Mention
from .actors import actor_at

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}


def resolve_reference(doc: Doc, span: Span) -> Mention | None:
    own = actor_at(doc, span.start_char, span.end_char)
    if own is not None:
        return own
    if span.text.lower() in _PERSON_PRONOUNS:
        before = [m for m in doc._.ng_mentions or []
                  if m.end <= span.start_char and m.actor.type == "PERSON"]
        return before[-1] if before else None
    return None
