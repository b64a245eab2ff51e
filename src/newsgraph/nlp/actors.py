"""Actor mentions: every span naming a political actor, resolved and coded (country, sector).

INTERIM VERSION (the spine): turns spaCy's named entities into mentions keyed by their
normalised text. The actors issue replaces the internals with the knowledge base, name
variants and context coding; the interface below stays:

    component "newsgraph_actors"   sets Doc._.ng_mentions: list[Mention] sorted by start
    actor_at(doc, start, end)      the mention overlapping a character span, or None
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Actor, Mention
from .doc_ext import ensure_extensions

_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


class ActorTagger:
    def __init__(self, nlp: Language, name: str, *, kb_paths: list[str] | None = None) -> None:
        ensure_extensions()
        self.name = name
        self.kb_paths = list(kb_paths or [])

    def __call__(self, doc: Doc) -> Doc:
        mentions = []
        for ent in doc.ents:
            if ent.label_ not in _TYPES:
                continue
            key = f"name:{ent.label_}:{ent.text.lower()}"
            actor = Actor(key=key, name=ent.text, type=ent.label_)
            mentions.append(Mention(ent.start_char, ent.end_char, ent.text, actor))
        doc._.ng_mentions = mentions
        return doc


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
