"""Sentence boundaries at paragraph and line breaks, set before the parser runs.

spaCy's parser decides sentence boundaries from syntax and often runs one sentence across
a blank line: a headline and the dateline paragraph below it ("Putin offers help\\n\\nMOSCOW,
Aug. 16 - ...") become one sentence whose subject is "MOSCOW". News text puts a sentence
break at every paragraph break, and at a line break unless the line is wrapped mid-sentence
(a lower-case word before it and a lower-case word after it). The parser keeps boundaries
set before it runs.

    component "newsgraph_paragraphs"   (first in the pipeline, before the parser)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["mark_paragraphs"]


def _wrapped(prev: str, nxt: str) -> bool:
    """A line broken inside a sentence: "... the\\nEuropean" is not, "the\\nbudget" is."""
    return prev[-1:].isalpha() and prev[-1:].islower() and nxt[:1].islower()


@Language.component("newsgraph_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Mark the first word after a paragraph or line break as a sentence start."""
    for i in range(1, len(doc) - 1):
        tok = doc[i]
        if not tok.is_space or "\n" not in tok.text:
            continue
        prev, nxt = doc[i - 1], doc[i + 1]
        if nxt.is_space:
            continue
        if "\n\n" in tok.text.replace(" ", "").replace("\r", "") or \
                not _wrapped(prev.text, nxt.text):
            nxt.is_sent_start = True
    return doc
