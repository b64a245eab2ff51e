"""Speaker labels and header lines: transcripts ("PENCE: ..."), headlines ("Pat Caddell:
Voters are worried"), a line that is only a name above a quoted paragraph, and transcripts
quoted whole, one turn a paragraph.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from ..records import Mention
from .actors import actor_at
from .doc_ext import doc_text
from .quote_marks import QuotedSpan
from .quote_speakers import Voice, resolve

__all__ = ["header_lines", "label_voices", "split_at_labels"]

_LINE = re.compile(r"[^\n]+")
_SENT_END = ".!?:;”\"'’»"


def named_in_doc(doc: Doc, label: str) -> Mention | None:
    """The person a capitals label names ("LAVROV" -> the Sergei Lavrov mentioned elsewhere)."""
    for m in doc._.ng_mentions or []:
        words = m.text.split()
        if m.actor.type == "PERSON" and words and (m.text.upper() == label
                                                   or words[-1].upper() == label):
            return m
    return None


_LABEL = re.compile(r"[\"“„«]?([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]+(?=\S)")


def label_voices(doc: Doc, lines: list[tuple[int, int]]) -> dict[int, tuple[Voice, int]]:
    """Transcript and headline labels: a line opening with 'NAME: ' gives the rest of the
    line to NAME ("PENCE: Well, look ...", "Pat Caddell: Voters are worried"). The name must
    be in capitals or be a known actor. Returns line index -> (voice, content start)."""
    out = {}
    for li, (a, b) in enumerate(lines):
        m = _LABEL.match(doc_text(doc), a, b)
        if m is None:
            continue
        name = m.group(1)
        mention = actor_at(doc, m.start(1), m.end(1))
        named = mention is not None and mention.actor.type in ("PERSON", "ORG") \
            and mention.end - mention.start >= 0.6 * len(name)
        place = mention is not None and mention.actor.type in ("GPE", "LOC", "FAC")
        if not (named or (name.isupper() and len(name) > 2 and not place)):
            continue
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None:
            continue
        colon = doc_text(doc).index(":", m.end(1))
        found = mention if named else (resolve(doc, span, span.root) or named_in_doc(doc, name))
        out[li] = (Voice(span, found, ":", colon, colon + 1), m.end())
    # a capitals label counts only when it recurs (a transcript), not a one-off "UPDATE:"
    caps = Counter(v.span.text for v, _ in out.values() if v.span.text.isupper())
    return {li: x for li, x in out.items()
            if not x[0].span.text.isupper() or caps[x[0].span.text] >= 2}


def header_lines(doc: Doc) -> list[tuple[int, int, Mention]]:
    """Speaker header lines: a line that is only a person's (or body's) name, followed by a
    topic line ending in ':' or a quoted paragraph."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(doc_text(doc)) if m.group().strip()]
    out = []
    text = doc_text(doc)
    for i, (a, b) in enumerate(lines):
        line = text[a:b].strip()
        if not line or len(line.split()) > 5 or line[-1] in _SENT_END:
            continue
        m = actor_at(doc, a, b)
        if m is None or m.actor.type not in ("PERSON", "ORG") or (m.end - m.start) < 0.6 * len(line):
            continue
        follow = [text[x:y].strip() for x, y in lines[i + 1:i + 3]]
        if any(f.endswith(":") or f[:1] in "\"“«„" for f in follow):
            out.append((a, b, m))
    return out


def split_at_labels(text: str, spans: list[QuotedSpan], lines, labels, line_of
                     ) -> list[QuotedSpan]:
    """A transcript quoted whole, one turn a paragraph ('"WALLACE: ...' / '"PENCE: ...',
    each paragraph reopening the quote by newswire convention), is one passage per turn,
    each starting after its speaker's label."""
    out = []
    for q in spans:
        first, last = line_of(q.start), line_of(max(q.start, q.end - 1))
        turns = [li for li in range(first, last + 1) if li in labels
                 and labels[li][1] >= q.start and labels[li][1] < q.end]
        if not turns or (len(turns) == 1 and first == last):
            out.append(q)
            continue
        if turns[0] != first:
            a, b = q.start, lines[turns[0] - 1][1]
            out.append(QuotedSpan(a, _rstrip(text, a, b), q.open_mark, None, True))
        for k, li in enumerate(turns):
            a = labels[li][1]
            b = lines[turns[k + 1] - 1][1] if k + 1 < len(turns) else q.end
            b = _rstrip(text, a, b)
            if text[b - 1:b] in "\"”»" and k + 1 < len(turns):
                b -= 1  # a turn that closes its own quote
            close = q.close_mark if k + 1 == len(turns) else None
            opener = text.rfind('"', lines[li][0], a) if k else q.open_mark
            out.append(QuotedSpan(a, b, opener if opener is not None and opener >= 0 else None,
                                  close, close is None))
    return out


def _rstrip(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1].isspace():
        b -= 1
    return b
