"""PLOVER event coding (INTERIM: the events issue fills this in).

    component "newsgraph_events"   sets Doc._.events: list[Event], most prominent first
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .doc_ext import ensure_extensions


class EventCoder:
    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = []
        return doc


@Language.factory("newsgraph_events", assigns=["doc._.events"])
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    return EventCoder(nlp, name)
