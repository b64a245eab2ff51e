"""Quotes and attribution (INTERIM: the quotes issue fills this in).

    component "newsgraph_quotes"   sets Doc._.quotes: list[Quote]
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .doc_ext import ensure_extensions


class QuoteExtractor:
    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = []
        return doc


@Language.factory("newsgraph_quotes", assigns=["doc._.quotes"])
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    return QuoteExtractor(nlp, name)
