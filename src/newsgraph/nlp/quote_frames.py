"""Attribution frames from the dependency parse: cue verb, speaker phrase, content span.

A frame is one act of saying/believing found in a sentence, e.g. "X said that C" (cue "said",
speaker X, content C), "according to X, C", "X urged Y to C", "X announced C". Frames give
reported speech directly and give direct quotes their speaker and cue.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .doc_ext import doc_text
from .quote_lexicon import (
    CLAUSE_VERBS,
    DOBJ_VERBS,
    HEARER_VERBS,
    PREP_CONTENT,
    SAY_VERBS,
    SPEECH_NOUNS,
    XCOMP_VERBS,
    is_cue_lemma,
)

__all__ = ["Frame", "find_frames", "fix_speaker", "speaker_phrase", "subject_of", "time_word"]

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_NP_RIGHT = ("compound", "flat", "prep", "pobj", "poss", "nmod", "amod", "nummod", "case")
_CONTENT_TRIM = " \t\n,;:.-–—"
#: Verbs of an attribution tail ("..., he said.") that the parser may hang under the content.
_TAIL_VERBS = frozenset("say add tell write note explain claim insist argue warn stress state "
                        "believe think".split())


@dataclass(slots=True)
class Frame:
    cue: Token  # the head word of the cue
    cue_start: int
    cue_end: int
    speaker: Span | None
    speaker_head: Token | None
    content_start: int | None  # None: the content is elsewhere (a direct quote nearby)
    content_end: int | None
    how: str  # ccomp|xcomp|dobj|prep|parataxis|according|colon


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ == "prt":
            return f"{lemma}_{c.lower_}"
    return lemma


def speaker_phrase(tok: Token) -> Span:
    """The noun phrase headed by ``tok``: its left modifiers and name/"of" parts, no appositions."""
    doc = tok.doc
    left = tok.left_edge.i
    right = tok.i
    for c in tok.rights:
        if c.dep_ in _NP_RIGHT and not any(t.text == "," for t in doc[right + 1:c.i]):
            right = max(right, c.right_edge.i)
        else:
            break
    # a leading comma-separated part ("Meanwhile, ...") is not part of the phrase, nor is
    # anything before a quotation mark (the parser may hang the end of a quote on the
    # speaker: '... unacceptable,” Guterres' spokesman')
    for i in range(tok.i - 1, left - 1, -1):
        if doc[i].text in (",", "(", "—", "–") or doc[i].is_quote:
            left = i + 1
            break
    return doc[left:right + 1]


def subject_of(verb: Token) -> Token | None:
    """The speaker head of a cue verb: its subject, the passive agent, or the governing verb's."""
    seen = 0
    v: Token | None = verb
    while v is not None and seen < 4:
        subjects = [c for c in v.children if c.dep_ == "nsubj"]
        if len(subjects) > 1:
            # two subjects are a parse error: '"My reaction, that was outrageous," Obama's
            # former strategist said' (one from inside the quote: never the speaker), "North
            # Korea's army chief of staff Pak Jong Chon said" (a title and the name after
            # it); the one nearest before the verb is the speaker
            outside = [c for c in subjects if not _in_quotes(c)] or subjects
            before = [c for c in outside if c.i < v.i]
            return before[-1] if before else outside[0]
        for c in v.children:
            if c.dep_ in ("nsubj", "csubj"):
                # "X, who said ...": the relative pronoun stands for the noun it modifies
                if c.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                    return v.head
                return c
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
        for c in v.children:
            if c.dep_ == "nsubjpass" and c.pos_ in ("PROPN", "PRON", "NOUN") and c.lower_ not in ("it",):
                return None  # "X was told that": X is the hearer, not the speaker
        if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
            if v.head.dep_ == "appos" and v.head.head.pos_ == "PROPN":
                return v.head.head  # "Nigel Farage, a key Brexit figure, joked ..."
            if v.head.dep_ == "dobj" and v.head.lemma_.lower() in SPEECH_NOUNS \
                    and v.head.head is not v.head:
                issuer = subject_of(v.head.head)  # "It issued a statement saying ..."
                if issuer is not None:
                    return issuer
            return v.head  # "a statement saying ...", "the letter urging ..."
        if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head is not v.head:
            v = v.head.head  # "responded ... by saying ...", "despite admitting ..."
            seen += 1
            continue
        if v.dep_ == "conj" and _outside_relative(v):
            v = _outer_verb(v.head)
            seen += 1
            continue
        if v.dep_ in ("conj", "xcomp", "advcl") and v.head is not v:
            v = v.head
            seen += 1
            continue
        return None
    return None


def _in_quotes(tok: Token) -> bool:
    """Is the token between quotation marks within its sentence (an odd number before it)?"""
    sent = tok.sent
    return sum(1 for t in tok.doc[sent.start:tok.i] if t.is_quote) % 2 == 1


_WH = frozenset("who which that whom whose".split())


def _outside_relative(conj: Token) -> bool:
    """'The EU did not recognise the election, in which Lukashenko claimed 80 percent, and
    has called for a new vote': the parser hangs "called" on the relative clause's verb,
    but a conjunct after ", and" that closes a relative clause with a subject of its own
    continues the main clause (a relative clause on "who"/"which" keeps its conjuncts:
    'the man who founded it and has led it since')."""
    head = conj.head
    if head.dep_ != "relcl" or head.head is head:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _WH for c in head.children):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        return False
    cc = [c for c in conj.lefts if c.dep_ == "cc"] or \
        [c for c in head.children if c.dep_ == "cc" and c.i < conj.i]
    return bool(cc) and cc[-1].i > 0 and conj.doc[cc[-1].i - 1].text == ","


def _outer_verb(relcl: Token) -> Token:
    """The verb of the clause a relative clause sits in."""
    t = relcl.head
    while t.pos_ not in ("VERB", "AUX") and t.head is not t:
        t = t.head
    return t


def _span_chars(doc: Doc, a: int, b: int) -> tuple[int, int] | None:
    """Character span of tokens [a, b] trimmed of edge punctuation/space; None if empty."""
    if a > b:
        return None
    s, e = doc[a].idx, doc[b].idx + len(doc[b].text)
    text = doc_text(doc)
    while s < e and text[s] in _CONTENT_TRIM:
        s += 1
    while e > s and text[e - 1] in _CONTENT_TRIM:
        e -= 1
    return (s, e) if e > s else None


def _frame(doc: Doc, cue: Token, subj: Token | None, content: tuple[int, int] | None,
           how: str) -> Frame:
    speaker = speaker_phrase(subj) if subj is not None else None
    cue_end = cue.idx + len(cue.text)
    for c in cue.children:  # "pointed out", "called for"
        if c.dep_ == "prt" and c.i == cue.i + 1:
            cue_end = c.idx + len(c.text)
    return Frame(cue, cue.idx, cue_end, speaker, subj,
                 content[0] if content else None, content[1] if content else None, how)


def _content_of(doc: Doc, cue: Token, lemma: str) -> tuple[tuple[int, int] | None, str]:
    kids = list(cue.children)
    for c in kids:
        if c.dep_ == "ccomp" and lemma in CLAUSE_VERBS | XCOMP_VERBS | DOBJ_VERBS:
            # "said (that) C": the clause with its complementiser
            a = min(c.left_edge.i, *(k.i for k in kids if k.dep_ == "mark" and k.i < c.i)) \
                if any(k.dep_ == "mark" and k.i < c.i for k in kids) else c.left_edge.i
            return _span_chars(doc, a, c.right_edge.i), "ccomp"
    base = lemma.split("_")[0]
    if lemma in XCOMP_VERBS or base in XCOMP_VERBS:
        for c in kids:
            if c.dep_ == "xcomp" and any(t.dep_ == "aux" and t.lower_ == "to" for t in c.children):
                objs = [k for k in kids if k.dep_ == "dobj" and k.i < c.i]
                a = objs[0].left_edge.i if objs else c.left_edge.i
                return _span_chars(doc, a, c.right_edge.i), "xcomp"
    if base in PREP_CONTENT:
        for c in kids:
            if c.dep_ == "prep" and c.lower_ in PREP_CONTENT[base]:
                objs = [k for k in kids if k.dep_ == "dobj" and k.i < c.i]
                a = objs[0].left_edge.i if objs else c.i + 1
                if c.right_edge.i > c.i:
                    return _span_chars(doc, a, c.right_edge.i), "prep"
    if lemma in DOBJ_VERBS or base in DOBJ_VERBS:
        for c in kids:
            if c.dep_ == "dobj" and c.right_edge.i > c.left_edge.i:
                b = c.right_edge.i
                for k in kids:  # "called the plan a disaster": object + predicate
                    if k.dep_ in ("oprd", "xcomp") and k.i > c.i:
                        b = max(b, k.right_edge.i)
                return _span_chars(doc, c.left_edge.i, b), "dobj"
    own_subject = any(k.dep_ in ("nsubj", "nsubjpass") for k in kids)
    short_tail = (cue.dep_ in ("advcl", "ccomp") and cue.head.i < cue.i and lemma in _TAIL_VERBS
                  and cue.right_edge.i - cue.left_edge.i <= 6)
    if lemma in CLAUSE_VERBS and own_subject and (cue.dep_ == "parataxis" or short_tail):
        # "The plan, he said, will fail." / "The plan will fail, he said."
        sent = cue.sent
        sub_a, sub_b = cue.left_edge.i, cue.right_edge.i
        if sub_b >= sent.end - 2:
            return _span_chars(doc, sent.start, sub_a - 1), "parataxis"
        if sub_a <= sent.start + 1:
            return _span_chars(doc, sub_b + 1, sent.end - 1), "parataxis"
        return _span_chars(doc, sent.start, sent.end - 1), "parataxis"
    return None, ""


def _according(doc: Doc, tok: Token) -> Frame | None:
    """'according to X, C' (or 'C, according to X'): X is the speaker, the rest the content."""
    to = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if to is None or to.lower_ != "to":
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent = tok.sent
    phrase_a = tok.i
    phrase_b = max(pobj.right_edge.i, to.i)
    if phrase_a <= sent.start + 1:
        content = _span_chars(doc, phrase_b + 1, sent.end - 1)
    else:
        content = _span_chars(doc, sent.start, phrase_a - 1)
    # "according to a speech Mrs. Clinton delivered": the author of the document speaks
    author = next((subject_of(c) for c in pobj.children if c.dep_ == "relcl"), None)
    if author is not None and author.pos_ in ("PROPN", "PRON", "NOUN") \
            and author.lower_ not in ("which", "that", "it"):
        pobj = author
    f = _frame(doc, tok, pobj, content, "according")
    f.cue_end = to.idx + len(to.text)
    return f


def find_frames(doc: Doc) -> list[Frame]:
    """Every attribution frame in ``doc``, in text order."""
    frames: list[Frame] = []
    for tok in doc:
        if tok.lower_ == "according":
            f = _according(doc, tok)
            if f is not None:
                frames.append(f)
            continue
        put_it = tok.lemma_ == "put" and any(c.dep_ == "dobj" and c.lower_ == "it"
                                             for c in tok.children)  # "as X put it"
        if not put_it and (tok.pos_ != "VERB" or not is_cue_lemma(_lemma(tok).split("_")[0])
                           and not is_cue_lemma(_lemma(tok))):
            continue
        lemma = _lemma(tok)
        subj = subject_of(tok)
        content, how = _content_of(doc, tok, lemma)
        if content is None:
            frames.append(_frame(doc, tok, subj, None, ""))
            continue
        if subj is None and how not in ("ccomp", "parataxis"):
            continue
        frames.append(_frame(doc, tok, subj, content, how))
    return frames


# ---------------------------------------------------------------- speaker repair

_NOT_SPEAKER_ENTS = frozenset({"DATE", "TIME"})
_TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today
yesterday morning afternoon evening night week month year""".split())


def time_word(tok: Token) -> bool:
    """ "Monday", "Thursday morning": when, never who."""
    return tok.ent_type_ in _NOT_SPEAKER_ENTS or tok.lower_ in _TIME_WORDS


_RUN_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM"})


def _after_cue(doc: Doc, f: Frame, inside_quote) -> Token | None:
    """The speaker of an inverted attribution, right after the cue: 'said Ellis', 'said
    international relations expert Soli Ozel of ...', 'said the ministry'. The head is the
    last name of the noun run (a title before a name), else its last noun."""
    i = f.cue.i + 1
    while i < len(doc) and doc[i].dep_ == "prt":
        i += 1
    run: list[Token] = []
    while i < len(doc) and len(run) < 10 and not inside_quote(doc[i].idx) and (
            doc[i].pos_ in _RUN_POS or doc[i].text in ("-", ".", "'s", "’s")):
        run.append(doc[i])
        i += 1
    names = [t for t in run if t.pos_ == "PROPN"]
    nouns = [t for t in run if t.pos_ == "NOUN"]
    prev = doc[f.cue.i - 1] if f.cue.i > 0 else None
    # a common noun after the cue is its speaker only in a tail after the quote ('...,"
    # said the ministry'); elsewhere it is the object ("Claiming the criticism ...")
    tail = prev is not None and (prev.is_quote or prev.text in (",", "—", "–"))
    head = names[-1] if names else nouns[-1] if nouns and tail else None
    if head is None or time_word(head) or any(time_word(t) for t in run[:1]):
        return None
    return head


def fix_speaker(doc: Doc, f: Frame, inside_quote) -> None:
    """Repair a speaker the parse got wrong around a quotation: a subject taken from inside
    the quote ("... mode,” said X") or a time phrase ("said Thursday morning"). Use the noun
    phrase right after the cue (the inverted order of news quotes), else the first name
    between the quote and the cue. A cue that takes a hearer ("told reporters") is never
    followed by its speaker."""
    sp = f.speaker
    lemma = f.cue.lemma_.lower()
    hearer = lemma in HEARER_VERBS
    if sp is None and not hearer and lemma in SAY_VERBS:
        head = _after_cue(doc, f, inside_quote)  # "Said Ellis: ...", '..., said X.'
        if head is not None:
            f.speaker, f.speaker_head = _run_phrase(doc, f, head), head
        return
    if sp is None or not (inside_quote(sp.start_char) or
                          (f.speaker_head is not None and (f.speaker_head.ent_type_ in _NOT_SPEAKER_ENTS
                                                           or f.speaker_head.lower_ in _TIME_WORDS))):
        return
    f.speaker, f.speaker_head = None, None
    i = f.cue.i + 1
    if i < len(doc) and not hearer and not inside_quote(doc[i].idx):
        if doc[i].pos_ == "PRON" and not time_word(doc[i]):
            f.speaker, f.speaker_head = speaker_phrase(doc[i]), doc[i]
            return
        head = _after_cue(doc, f, inside_quote)
        if head is not None:
            f.speaker, f.speaker_head = _run_phrase(doc, f, head), head
            return
    sent = f.cue.sent
    for m in doc._.ng_mentions or []:
        if sent.start_char <= m.start < f.cue_start and not inside_quote(m.start) \
                and m.actor.type in ("PERSON", "ORG", "NORP"):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                f.speaker, f.speaker_head = span, span.root
                return


def _run_phrase(doc: Doc, f: Frame, head: Token) -> Span:
    """The words from just after the cue to the speaker's head."""
    start = f.cue.i + 1
    while start < head.i and doc[start].dep_ == "prt":
        start += 1
    return doc[start:head.i + 1]
