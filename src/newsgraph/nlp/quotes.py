"""Quotes and attribution: who said what, direct and reported, with resolved speakers.

    component "newsgraph_quotes"   sets Doc._.quotes: list[Quote] (sorted by start)

How it works, in order:
1. quoted passages are found by their marks, paragraph by paragraph (:mod:`.quote_marks`),
   so unbalanced marks damage at most one paragraph and quotes may run across paragraphs;
   a transcript quoted whole is cut into one passage per labelled turn ("PENCE: ...");
2. attribution frames (cue verb, speaker phrase, content) come from the dependency parse
   (:mod:`.quote_frames`, lexicon in :mod:`.quote_lexicon`);
3. each quoted passage that reads as a statement (not a scare quote or title) takes the
   nearest frame in its sentence(s), the attribution opening the sentence after it, or a
   cue sentence ending in ":" before it; a passage with none takes the voice of a
   neighbouring quote with only its attribution between them, of the narration just
   before it, of the previous paragraph's quote when it opens its paragraph, or of a
   speaker header line above it;
4. frames with their own content become reported speech (indirect), or mixed quotes when
   their content embeds a quoted fragment;
5. speakers resolve to actors (:mod:`.quote_speakers`: pronouns by salience, descriptions,
   appositions, leaders named by surname); ``speaker_text`` keeps the words as written;
6. the fragments of one statement become one quote with ``spans`` (:mod:`.quote_merge`).
"""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..records import Quote
from .actors import actor_at
from .doc_ext import doc_text, ensure_extensions
from .quote_frames import Frame, find_frames, fix_speaker, speaker_phrase, subject_of, time_word
from .quote_labels import header_lines, label_voices, split_at_labels
from .quote_lexicon import CHANNEL_PATTERNS, CLAUSE_VERBS, SAY_VERBS, SCARE_MARKERS
from .quote_marks import QuotedSpan, find_quoted_spans
from .quote_merge import attribution_gap, merge_statements
from .quote_speakers import Voice, apposed_name, inside_quote, resolve, set_quote_extents

__all__ = ["QuoteExtractor", "extract_quotes", "make_quote_extractor"]

_LINE = re.compile(r"[^\n]+")
_SENT_END = ".!?:;”\"'’»"


class QuoteExtractor:
    """Find direct, mixed and reported quotes with their speakers.

    Options: ``min_words`` (a quoted passage shorter than this, with no verb, is a scare
    quote unless a reported-speech clause embeds it); ``indirect`` (also report reported
    speech; set False for direct quotes only).
    """

    def __init__(self, nlp: Language, name: str, *, min_words: int = 4,
                 indirect: bool = True) -> None:
        ensure_extensions()
        self.name = name
        self.min_words = min_words
        self.indirect = indirect

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(doc, min_words=self.min_words, indirect=self.indirect)
        return doc


@Language.factory("newsgraph_quotes", default_config={"min_words": 4, "indirect": True},
                  assigns=["doc._.quotes"])
def make_quote_extractor(nlp: Language, name: str, min_words: int,
                         indirect: bool) -> QuoteExtractor:
    return QuoteExtractor(nlp, name, min_words=min_words, indirect=indirect)


# ---------------------------------------------------------------- helpers

def _channel(doc: Doc, sent_start: int, sent_end: int, content: tuple[int, int]) -> str | None:
    """Where the statement was made, from the sentence outside the content."""
    text = doc_text(doc)
    a, b = content
    outside = text[sent_start:max(sent_start, min(a, sent_end))] + " \n " + \
        text[min(max(b, sent_start), sent_end):sent_end]
    for pattern, template in CHANNEL_PATTERNS:
        m = pattern.search(outside)
        if m:
            return template.format(*[g.strip() for g in m.groups() if g]) if "{}" in template else template
    return None


def _voice(doc: Doc, frame: Frame, content: tuple[int, int]) -> Voice:
    sent = frame.cue.sent
    lo = min(sent.start_char, content[0])
    hi = max(sent.end_char, content[1])
    return Voice(frame.speaker, resolve(doc, frame.speaker, frame.speaker_head),
                  doc_text(doc)[frame.cue_start:frame.cue_end], frame.cue_start, frame.cue_end,
                  _channel(doc, lo, hi, content))


def _words(doc: Doc, a: int, b: int) -> list[Token]:
    span = doc.char_span(a, b, alignment_mode="expand")
    return [t for t in span if t.is_alpha] if span is not None else []


def _is_name(doc: Doc, q: QuotedSpan) -> bool:
    """A scare quote, name or title: 'so-called "collective West"', "Operation Sea Breeze"."""
    words = _words(doc, q.start, q.end)
    if not words:
        return True
    mark = q.open_mark if q.open_mark is not None else q.start
    before = doc_text(doc)[max(0, mark - 30):mark].split()
    prev = before[-1].lower().strip(",:") if before else ""
    if prev in SCARE_MARKERS or prev.endswith("so-called"):
        return True
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in words)
    content_words = [t for t in words if not t.is_stop]
    ends_sentence = doc_text(doc)[q.start:q.end].rstrip()[-1:] in ".!?,"
    # a title may hold a verb when every content word is capitalised ("Fear the Walking
    # Dead"); a one-word capitalised passage with a verb is speech ("Thanks")
    title = len(content_words) >= 2 or not has_verb
    return (len(words) <= 8 and bool(content_words) and not ends_sentence and title
            and all(t.text[:1].isupper() for t in content_words))


def _is_statement(doc: Doc, q: QuotedSpan, min_words: int) -> bool:
    """Long enough or with a verb, and not a name (see :func:`_is_name`)."""
    if _is_name(doc, q):
        return False
    words = _words(doc, q.start, q.end)
    return len(words) >= min_words or any(t.pos_ in ("VERB", "AUX") for t in words)


_DASH_NAME = re.compile(r"[^\S\n]*[―—–-]+[^\S\n]*([^\n]{2,60}?)[^\S\n.]*$", re.M)


def _dash_speaker(doc: Doc, q: QuotedSpan) -> Voice | None:
    """'“...” ― Name' (a name after a dash closing the quote's line)."""
    if q.close_mark is None:
        return None
    m = _DASH_NAME.match(doc_text(doc), q.close_mark + 1)
    if m is None or len(m.group(1).split()) > 8 or not m.group(1)[:1].isupper():
        return None
    span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    if span is None:
        return None
    return Voice(span, resolve(doc, span, span.root), m.group().strip()[:1], m.start(), m.start(1))


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_MARK_CHARS = frozenset('"\'“”‘’«»„')
def _cut_unclosed(doc: Doc, spans: list[QuotedSpan], frames: list[Frame]) -> None:
    """A quote whose closing mark is missing ends before its own attribution
    ('"The plan will fail, he said. Then ...' ends at "fail")."""
    text = doc_text(doc)
    for q in spans:
        if q.close_mark is not None:
            continue
        for f in frames:
            if not (q.start < f.cue_start < q.end and f.speaker is not None
                    and f.cue.lemma_.lower() in SAY_VERBS and f.speaker.start_char > q.start):
                continue
            cut = min(f.speaker.start_char, f.cue_start)
            if len(text[q.start:cut].split()) < 3 or text[q.start:cut].rstrip()[-1:] not in ",.!?":
                continue
            end = cut
            while end > q.start and text[end - 1] in " \t,":
                end -= 1
            q.end = end
            break


_PERSONAL = frozenset("i we you he she they".split())


def _reporting_frame(frame: Frame, frames: list[Frame]) -> Frame:
    """The say-verb a fragment's cue is reported under, if any: in 'The governor said
    Democrats are to blame for "he said this"', the fragment is the governor's words, not
    the Democrats' ("blame" sits inside what "said" reports)."""
    for f in frames:
        if f is not frame and f.speaker is not None and f.cue.lemma_.lower() in SAY_VERBS \
                and f.cue.is_ancestor(frame.cue):
            return f
    return frame


def _agentive(doc: Doc, f: Frame) -> bool:
    """Can the frame's speaker speak: a named or resolvable actor, or a personal pronoun?"""
    h = f.speaker_head
    if h is None:
        return False
    if h.lower_ in _PERSONAL or h.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    # "Guterres' spokesman, Stephane Dujarric": a description with a name in apposition
    return actor_at(doc, f.speaker.start_char, f.speaker.end_char) is not None \
        or apposed_name(h) is not None


def _attribution_after(doc: Doc, q: QuotedSpan, sents: list[Span]) -> Span | None:
    """The sentence right after a quote when it carries the attribution: '“...?” Clinton
    said.' (the parser ends the sentence at the mark) or '“...,” she said, ...'."""
    if q.close_mark is None or not sents:
        return None
    after = sents[-1].end
    if after >= len(doc):
        return None
    nxt = doc[after].sent
    gap = doc_text(doc)[q.close_mark + 1:nxt.start_char]
    if "\n" in gap or len(gap.strip()) > 2 or len(nxt) > 25:
        return None
    return nxt


_TAIL_GAP = re.compile(r"[\s,”\"'’»]*(?:[\w.'’-]+\s+){0,5}$")


def _tail(doc: Doc, f: Frame, hi: int) -> bool:
    """Is the frame the attribution right after a quote ('...,” she said', '...," said
    the ministry'): only the closing marks and at most a short subject between?"""
    text = doc_text(doc)
    if f.cue_start < hi or f.cue_start - hi > 80 or text[:hi].rstrip()[-1:] not in ",?!—–-":
        return False  # a quote ending with a full stop ended its sentence
    gap = text[hi:f.cue_start]
    return "\n" not in gap and _TAIL_GAP.match(gap) is not None \
        and (f.speaker is None or f.speaker.start_char >= hi)


def _same_sentence(doc: Doc, a: int, b: int) -> bool:
    sa = doc.char_span(a, a + 1, alignment_mode="expand")
    sb = doc.char_span(b, b + 1, alignment_mode="expand")
    return sa is not None and sb is not None and sa.sent.start == sb.sent.start


def _opens_with(sent: Span, f: Frame) -> bool:
    """Does the frame's attribution open ``sent`` ('Clinton said.', 'said X, ...'), rather
    than sit later in a sentence of its own?"""
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words or not sent.start <= f.cue.i < sent.end:
        return False
    first = words[0].i
    # the subject with its appositions ("Scott's niece, state Del. Marcia Price (D),")
    # runs up to the cue
    end = max(f.speaker.end, f.speaker_head.right_edge.i + 1) if f.speaker is not None \
        and f.speaker_head is not None and f.speaker_head.right_edge.i < f.cue.i else \
        (f.speaker.end if f.speaker is not None else 0)
    return f.cue.i - first <= 1 or (f.speaker is not None and f.speaker.start <= first + 1
                                    and f.cue.i - end <= 2)


def _sentences_between(doc: Doc, a: int, b: int) -> list[Span]:
    return [s for s in doc.sents if s.start_char < b and a < s.end_char]


def _colon_sentence(doc: Doc, q: QuotedSpan) -> Span | None:
    """The sentence that ends with ':' right before the quote ("Caddell continued:")."""
    start = q.open_mark if q.open_mark is not None else q.start
    i = start - 1
    text = doc_text(doc)
    while i >= 0 and text[i].isspace():
        i -= 1
    if i < 0 or text[i] != ":":
        return None
    tok = doc.char_span(i, i + 1, alignment_mode="expand")
    return tok.sent if tok is not None else None


def _embedded(doc: Doc, q: QuotedSpan) -> bool:
    """A quoted fragment inside narration ('would like to have "very close relations"')."""
    if q.open_mark is None:
        return False
    text = doc_text(doc)
    i = q.open_mark - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] == "\n" or not (text[i].isalnum() or text[i] in "-’'"):
        return False
    span = doc.char_span(i, i + 1, alignment_mode="expand")
    if span is None:
        return False
    prev = span[-1]
    return not (prev.pos_ == "VERB" and prev.lemma_.lower() in CLAUSE_VERBS)


# ---------------------------------------------------------------- extraction

def extract_quotes(doc: Doc, *, min_words: int = 4, indirect: bool = True) -> list[Quote]:
    """All quotes in ``doc`` (see the module docstring for the rules)."""
    text = doc_text(doc)
    article_id = doc._.ng_article_id or ""
    spans = find_quoted_spans(text)
    frames = find_frames(doc)
    _cut_unclosed(doc, spans, frames)
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
    line_starts = [a for a, _ in lines]

    def line_of(pos: int) -> int:
        return max(0, bisect.bisect_right(line_starts, pos) - 1)

    labels = label_voices(doc, lines)
    spans = split_at_labels(text, spans, lines, labels, line_of)

    # marks-inclusive extents of quoted passages, to keep cues outside quotes
    extents = [(q.open_mark if q.open_mark is not None else q.start,
                (q.close_mark + 1) if q.close_mark is not None else q.end) for q in spans]

    set_quote_extents(doc, extents)

    def in_quote(pos: int) -> bool:
        return any(a <= pos < b for a, b in extents)

    frames = [f for f in frames if not in_quote(f.cue_start)]
    for f in frames:
        fix_speaker(doc, f, in_quote)
    headers = header_lines(doc)
    out: dict[tuple[int, int], tuple[Quote, int]] = {}  # (start, end) -> (quote, line index)
    voice_by_line: dict[int, Voice] = {}  # the last attributed voice in each line

    def add(start: int, end: int, kind: str, v: Voice | None) -> Quote:
        m = v.mention if v else None
        span = v.span if v else None
        q = Quote(
            id=Quote.make_id(article_id, start, end), article_id=article_id,
            speaker_entity_id=m.actor.entity_id if m else None,
            speaker=m.actor.name if m else None,
            speaker_text=span.text if span is not None else (m.text if m else None),
            cue=v.cue if v else None, content=text[start:end], start=start, end=end, kind=kind,
            speaker_start=span.start_char if span is not None else (m.start if m else None),
            speaker_end=span.end_char if span is not None else (m.end if m else None),
            cue_start=v.cue_start if v else None, cue_end=v.cue_end if v else None,
            channel=v.channel if v else None,
            country=m.actor.country if m else "", sector=m.actor.sector if m else "")
        out[(start, end)] = (q, line_of(start))
        if v is not None and (span is not None or m is not None):
            voice_by_line[line_of(start)] = v
        return q

    # 1. quoted passages
    used_frames: set[int] = set()
    direct: list[tuple[QuotedSpan, Voice | None, bool]] = []
    fragments = [q for q in spans if not _is_name(doc, q)]  # what makes reported speech mixed
    for qi, q in enumerate(spans):
        if _is_name(doc, q):
            continue
        statement = _is_statement(doc, q, min_words)
        dash = _dash_speaker(doc, q) if statement else None
        if dash is not None:
            direct.append((q, dash, False))
            continue
        lo, hi = extents[qi]
        sents = _sentences_between(doc, lo, hi)
        nxt = _attribution_after(doc, q, sents)
        # a frame serves one passage, except the fragments inside its own content
        # ('According to X, Christians ought to "A" and allow God to "B"')
        cands = [f for f in frames if (f.cue_start not in used_frames or (
            f.content_start is not None and f.content_start <= q.start
            and q.end <= f.content_end)) and (
            any(s.start_char <= f.cue_start < s.end_char for s in sents)
            # the sentence after counts when it opens with an attribution by someone who
            # can speak ('Story continues below advertisement' is page furniture)
            or (nxt is not None and _opens_with(nxt, f) and _agentive(doc, f)))]
        if nxt is not None:
            sents.append(nxt)
        # a frame whose own content lies outside the quote belongs to another statement,
        # unless it is the quote's attribution tail ('...,” she said several months later,
        # and ...': the parser may give "said" the next clause as its content)
        cands = [f for f in cands if f.content_start is None or f.how == "parataxis"
                 or (f.content_start < hi and lo < f.content_end) or _tail(doc, f, hi)]
        # nor does a cue past a paragraph break (the parser may run a sentence across one)
        cands = [f for f in cands if not _BLANK_LINE.search(
            text[hi:f.cue_start] if f.cue_start >= hi else text[f.cue_end:lo])]
        if not statement:
            # a short fragment ('called it "a disgrace"') is a quote only inside a
            # sentence that reports someone's words; otherwise it is a scare quote
            cands = [f for f in cands if f.speaker is not None]
            frame = min(cands, key=lambda f: (not _agentive(doc, f), abs(f.cue_start - lo)),
                        default=None)
            if frame is not None:
                frame = _reporting_frame(frame, frames)
                direct.append((q, _voice(doc, frame, (q.start, q.end)), True))
            continue
        if not cands:
            cs = _colon_sentence(doc, q)
            if cs is not None:
                cands = [f for f in frames if cs.start_char <= f.cue_start < cs.end_char]
        frame = min(cands, key=lambda f: (f.cue.lemma_.lower() not in SAY_VERBS, f.speaker is None,
                                          not _agentive(doc, f),
                                          min(abs(f.cue_start - hi), abs(f.cue_end - lo))),
                    default=None)
        if frame is not None and frame.cue.lemma_.lower() not in SAY_VERBS:
            frame = _reporting_frame(frame, frames)
        if frame is not None and frame.cue.lemma_.lower() not in SAY_VERBS and not _agentive(doc, frame):
            frame = None  # "All this fear ...": a cue word whose subject cannot speak
        v = _voice(doc, frame, (q.start, q.end)) if frame is not None else None
        if frame is not None:
            used_frames.add(frame.cue_start)
        direct.append((q, v, _embedded(doc, q)))

    # 2. reported speech: frames with their own content
    taken: list[tuple[int, int]] = []
    if indirect:
        for f in frames:
            if f.content_start is None or f.cue_start in used_frames and f.how != "ccomp":
                continue
            a, b = _within_paragraph(text, f.content_start, f.content_end, f.cue_start)
            inner = [(q, emb) for q, _, emb in direct if a <= q.start and q.end <= b]
            quoted = sum(q.end - q.start for q, _ in inner)
            if quoted >= 0.6 * (b - a):
                continue  # the frame of a direct quote
            if any(a < q.end and q.start < b and not (a <= q.start and q.end <= b)
                   for q, _, _ in direct):
                continue  # straddles a quote boundary: a parse error more often than not
            if len(_words(doc, a, b)) < 2:
                continue
            kind = "mixed" if inner or any(a <= q.start and q.end <= b for q in fragments) \
                else "indirect"
            add(a, b, kind, _voice(doc, f, (a, b)))
            taken.append((a, b))

    # 3. direct quotes not absorbed by a reported-speech clause, with inherited voices
    direct.sort(key=lambda x: x[0].start)
    for i, (q, v, emb) in enumerate(direct):
        if any(a <= q.start and q.end <= b for a, b in taken):
            continue
        if len(_words(doc, q.start, q.end)) < min_words and v is None:
            continue  # a short fragment with no speaker: a scare quote after all
        ln = line_of(q.start)
        if ln in labels and (v is None or (v.span is None and v.mention is None)
                             or labels[ln][1] == q.start):
            v = labels[ln][0]  # a transcript turn: the label names the speaker
        if v is None or (v.span is None and v.mention is None):
            v = (_sentence_subject(doc, q, in_quote) if emb else None) \
                or _inherit(doc, direct, i, ln, line_of, voice_by_line, headers, q, lines,
                           frames) \
                or _sentence_subject(doc, q, in_quote) or v
        add(q.start, q.end, "mixed" if emb else "direct", v)

    # 4. labelled lines with no quotation marks of their own
    for li, (voice, start) in labels.items():
        end = lines[li][1]
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start < 10 or any(start < q.end and q.start < end for q, _ in out.values()):
            continue
        add(start, end, "direct" if voice.span.text.isupper() else "indirect", voice)

    found = [q for q, _ in sorted(out.values(), key=lambda x: (x[0].start, x[0].end))]
    return merge_statements(found, doc)


def _within_paragraph(text: str, a: int, b: int, cue: int) -> tuple[int, int]:
    """Content [a, b) clipped to the paragraph of its cue: the parser sometimes runs a
    sentence across a blank line, and the other paragraph is not this statement."""
    breaks = list(_BLANK_LINE.finditer(text, a, b))
    for m in breaks:
        if m.end() <= cue:
            a = m.end()
        elif m.start() >= cue:
            b = m.start()
            break
    while a < b and (text[a].isspace() or text[a] in _MARK_CHARS):
        a += 1
    return a, b


def _inherit(doc: Doc, direct, i: int, ln: int, line_of, voice_by_line: dict[int, Voice],
             headers, q: QuotedSpan, lines, frames: list[Frame]) -> Voice | None:
    """The voice of an unattributed quote: its paragraph neighbours, the previous paragraph
    when it opens its own, or the speaker header above it."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(direct):
            other, v, _ = direct[j]
            # only a neighbour with nothing but its attribution between: in text without
            # paragraph breaks a whole article is one line
            a, b = (other, q) if j < i else (q, other)
            if line_of(other.start) == ln and v is not None and (v.span is not None or v.mention) \
                    and (_same_sentence(doc, a.end - 1, b.start)
                         or attribution_gap(doc, a.end, b.start, v.cue_start, v.cue_end)):
                return Voice(v.span, v.mention, v.cue, v.cue_start, v.cue_end, v.channel)
    text = doc_text(doc)
    start = q.open_mark if q.open_mark is not None else q.start
    # '..., Schiff said. "The other factor ..."': the voice of the sentence just before
    # (the parser may run that sentence on into the quote's)
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    prev = None
    if first is not None and first.sent.start > 0:
        prev = doc[first.sent.start - 1].sent
        lo = max(prev.start_char, lines[ln][0])
        for f in reversed(frames):
            if lo <= f.cue_start < start and _agentive(doc, f) \
                    and not inside_quote(doc, f.cue_start):
                return _voice(doc, f, (q.start, q.end))
    above = [h for h in headers if h[1] <= start]
    if above:
        a, b, m = above[-1]
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        return Voice(span, m)
    opens_line = q.open_mark is not None and text[lines[ln][0]:q.open_mark].strip() == ""
    if opens_line and ln - 1 in voice_by_line:
        return voice_by_line[ln - 1]
    if prev is not None and prev.start_char >= lines[ln][0]:
        # '"...," she added. Years ago she left her homeland. "My house ..."': a quote
        # after narration about a person, in the same paragraph, is that person's
        subj = _person_subject(doc, prev)
        if subj is not None:
            return subj
    return None


def _person_subject(doc: Doc, sent: Span) -> Voice | None:
    """The main clause's subject of ``sent`` when it names (or stands for) a person."""
    root = sent.root
    subj = subject_of(root)
    if subj is None or inside_quote(doc, subj.idx) or subj.pos_ not in ("PROPN", "PRON"):
        return None
    phrase = speaker_phrase(subj)
    m = resolve(doc, phrase, subj)
    if m is None or m.actor.type != "PERSON":
        return None
    return Voice(phrase, m)


def _sentence_subject(doc: Doc, q: QuotedSpan, in_quote) -> Voice | None:
    """The subject of the quote's sentence, outside the quote (narration around a fragment)."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.sent.root
    if in_quote(root.idx):
        return None
    subj = subject_of(root)
    if subj is None or in_quote(subj.idx) or time_word(subj) \
            or subj.pos_ not in ("PROPN", "NOUN", "PRON") \
            or subj.lower_ in ("it", "this", "that", "there", "what", "which"):
        return None
    phrase = speaker_phrase(subj)
    return Voice(phrase, resolve(doc, phrase, subj))
