"""One quote per statement: the fragments of one attribution become one record.

News splits a statement around its cue (``"We will not allow this," he said, "and we never
will."``) or runs it on after the cue's sentence (``"...," said X. "..."``). Extraction
finds each quoted passage on its own; this step joins consecutive passages that are one
attribution, as a reader (and PolNeAR's annotators) would count them:

- both carry the same voice: the same cue at the same offset and the same speaker (a passage
  without a cue of its own inherits its neighbour's voice during extraction);
- they sit in one paragraph (a line of the text): a new paragraph opened with a fresh
  quotation mark is a new statement, even when its speaker is inherited; a quote the
  newswire convention leaves open at a paragraph end is already one passage;
- nothing but the cue's own sentence lies between them: ``"A," he said, "B."`` and
  ``"A," said X, who chairs the panel. "B."`` join; ``"A." He then left. "B."`` does not;
  quoted fragments inside one reported sentence join too ('called him a "liar" who is
  "utterly amoral"').

The joined record keeps the first fragment's speaker and cue; ``spans`` lists the fragments,
``content`` joins their texts with " ... ", and ``start``/``end`` cover the whole.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..records import Quote
from .doc_ext import doc_text

__all__ = ["merge_statements", "attribution_gap", "JOINER"]

#: Between the fragments of one statement in ``Quote.content``.
JOINER = " ... "

_FILLER = re.compile(r"[\s\"'“”„«»‘’,;:.!?…—–-]*")


def _same_voice(a: Quote, b: Quote) -> bool:
    if a.cue_start is None or a.cue_start != b.cue_start:
        return False
    if a.speaker_entity_id or b.speaker_entity_id:
        return a.speaker_entity_id == b.speaker_entity_id
    return a.speaker_start is not None and (a.speaker_start, a.speaker_end) == \
        (b.speaker_start, b.speaker_end)


def _same_speaker(a: Quote, b: Quote) -> bool:
    """The same cue, or one fragment has no cue of its own and the same speaker ('"A,"
    Jordan said, and still "B"'); two cues are two attributions ('..., he said, adding
    that "B"')."""
    if a.cue_start is not None and b.cue_start is not None:
        return _same_voice(a, b)
    if a.speaker_entity_id and b.speaker_entity_id:
        return a.speaker_entity_id == b.speaker_entity_id
    return bool(a.speaker_text) and (a.speaker_text or "").lower() == (b.speaker_text or "").lower()


def _sentence(doc: Doc, pos: int) -> int:
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span.sent.start if span is not None else -1


def attribution_gap(doc: Doc, end: int, start: int, cue_start: int | None,
                    cue_end: int | None) -> bool:
    """Does the text between two quoted passages ([end, start)) hold nothing but marks and
    the cue's own sentence, within one paragraph? Then the two share that attribution."""
    text = doc_text(doc)
    gap = text[end:start]
    if "\n" in gap:
        return False
    if _FILLER.fullmatch(gap):
        return True  # '"A." "B."': adjacent passages
    if cue_start is None or not (end <= cue_start < start):
        return False  # words between, and they are not the attribution
    # the attribution clause may end its sentence ('"A," said X. "B."') but no other
    # sentence may lie between it and either passage
    cue = doc.char_span(cue_start, cue_end or cue_start + 1, alignment_mode="expand")
    if cue is None:
        return False
    sent = cue.sent
    before = text[end:max(end, min(start, sent.start_char))]
    after = text[min(start, max(end, sent.end_char)):start]
    return bool(_FILLER.fullmatch(before)) and bool(_FILLER.fullmatch(after))


def _joinable(doc: Doc, a: Quote, b: Quote) -> bool:
    if "\n" in doc_text(doc)[a.end:b.start]:
        return False
    if "mixed" in (a.kind, b.kind) and _sentence(doc, a.end - 1) == _sentence(doc, b.start) \
            and _same_speaker(a, b):
        return True  # 'called him a "liar" who is "utterly amoral"': one reported sentence
    return _same_voice(a, b) and attribution_gap(doc, a.end, b.start, a.cue_start, a.cue_end)


def _join(text: str, parts: list[Quote]) -> Quote:
    first = parts[0]
    if len(parts) == 1:
        return first
    start, end = first.start, parts[-1].end
    kind = "direct" if all(p.kind == "direct" for p in parts) else "mixed"
    channel = next((p.channel for p in parts if p.channel), None)
    return Quote(
        id=Quote.make_id(first.article_id, start, end), article_id=first.article_id,
        speaker_entity_id=first.speaker_entity_id, speaker=first.speaker,
        speaker_text=first.speaker_text, cue=first.cue,
        content=JOINER.join(text[p.start:p.end] for p in parts), start=start, end=end,
        kind=kind, speaker_start=first.speaker_start, speaker_end=first.speaker_end,
        cue_start=first.cue_start, cue_end=first.cue_end, channel=channel,
        country=first.country, sector=first.sector,
        spans=[{"start": p.start, "end": p.end} for p in parts])


def merge_statements(quotes: list[Quote], doc: Doc) -> list[Quote]:
    """Join consecutive fragments of one statement (see the module docstring).

    Reported speech (kind "indirect") is never a fragment and does not separate two: in
    '"A," said X, speaking of the polls. "B."' the clause on "speaking" stays a quote of its
    own and A and B still join. ``quotes`` must be sorted by start; the result is too.
    """
    text = doc_text(doc)
    out: list[Quote] = [q for q in quotes if q.kind == "indirect"]
    group: list[Quote] = []
    for q in quotes:
        if q.kind == "indirect":
            continue
        prev = group[-1] if group else None
        if prev is not None and prev.end <= q.start and _joinable(doc, prev, q):
            group.append(q)
            continue
        if group:
            out.append(_join(text, group))
        group = [q]
    if group:
        out.append(_join(text, group))
    return _drop_nested(sorted(out, key=lambda q: (q.start, q.end)))


def _drop_nested(quotes: list[Quote]) -> list[Quote]:
    """'Trump said he thought that drugs were a "very big factor"': the belief reported
    inside one's own statement is part of it, not a second statement of the same person
    (another speaker's reported words inside a statement stay: "X said Y believes ...")."""
    out = []
    for q in quotes:
        inside = q.kind != "direct" and q.speaker_entity_id is not None and any(
            r is not q and r.kind != "direct" and r.start <= q.start and q.end <= r.end
            and (r.start, r.end) != (q.start, q.end)
            and r.speaker_entity_id == q.speaker_entity_id
            and q.cue_start is not None and r.start <= q.cue_start < r.end
            for r in quotes)
        if not inside:
            out.append(q)
    return out
