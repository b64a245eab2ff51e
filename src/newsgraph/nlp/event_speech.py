"""Speech acts: what a quoted statement does to the actor it speaks of.

A statement is itself an event when what it says is one (GUIDELINES of events_real:
criticising X is ACCUSE, urging X is REQUEST, praising X is SUPPORT): '"That man is a
disgrace," Tester said of Grassley' reports no "criticise" verb, yet Tester accuses
Grassley. The quotes component (:mod:`newsgraph.nlp.quotes`) finds who said what; this
module proposes, for each sentence of a statement, the speech acts it might be:

- ACCUSE / SUPPORT when the statement speaks of an actor with a clear polarity (negative /
  positive words, scored with VADER's lexicon);
- REQUEST when it asks for something (should, must, need to, an imperative);
- THREATEN when it announces harm (will, would + a hostile word);
- REJECT when it refuses (never, won't, reject, no ...).

Each proposal is only a candidate: the event detector decides which are real from the
features listed here (polarity, the target's kind, the speaker's kind ...). The speaker is
the actor; the recipient is the actor the statement names or refers to ("he", "the
president"), else none.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..records import Mention, Quote
from .actors import actor_at
from .coref import resolve_reference
from .event_lexicon import EventLexicon

__all__ = ["SpeechAct", "speech_acts", "SPEECH_TYPES", "polarity"]

SPEECH_TYPES = ("ACCUSE", "SUPPORT", "REQUEST", "THREATEN", "REJECT")
_TARGET_TYPES = {"PERSON", "ORG", "GPE", "NORP", "GROUP"}
_PRONOUNS = {"he", "she", "they", "him", "her", "them", "his", "their"}
#: VADER compound score under/over which a statement counts as negative/positive
_POLAR = 0.2


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def polarity(text: str) -> float:
    """VADER's compound polarity of ``text``, -1 (most negative) .. +1 (most positive)."""
    return float(_analyzer().polarity_scores(text)["compound"])


def _valence_counts(part: Span) -> tuple[int, int]:
    """How many clearly negative and clearly positive words (VADER valence) ``part`` has."""
    lexicon = _analyzer().lexicon
    neg = pos = 0
    for t in part:
        v = lexicon.get(t.lower_, lexicon.get(t.lemma_.lower(), 0.0))
        if v <= -1.0:
            neg += 1
        elif v >= 1.0:
            pos += 1
    return neg, pos


def _target_clause(target: Token, part: Span) -> Span:
    """The clause a target sits in, within the statement ("He is a disgrace")."""
    head = target
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    lo = max(min(t.i for t in head.subtree), part.start)
    hi = min(max(t.i for t in head.subtree) + 1, part.end)
    return part.doc[lo:hi] if hi > lo else part


def _count(n: int) -> str:
    return str(min(n, 2))


@dataclass(slots=True)
class SpeechAct:
    """One sentence of a statement and what it might do."""

    sentence: Span
    sentence_index: int
    trigger: Token  # the cue verb when in this sentence, else the statement's main word
    quote: Quote
    speaker: Mention | None
    target: Token | None  # head of the recipient phrase
    target_mention: Mention | None
    types: list[str]  # the acts proposed
    features: list[str]  # what the detector sees, beyond the common features


def _bucket(x: float) -> str:
    for edge, name in ((-0.6, "vneg"), (-_POLAR, "neg"), (_POLAR, "neutral"), (0.6, "pos")):
        if x < edge:
            return name
    return "vpos"


def _target(doc: Doc, part: Span, speaker: Mention | None) -> tuple[Token | None,
                                                                    Mention | None]:
    """The actor a statement speaks of: whom it is about (a person who is the subject of
    its clause: "He is a disgrace") before whom it mentions; people before bodies; a coded
    name before an uncoded one and a resolved pronoun."""
    skey = speaker.actor.key if speaker is not None else None
    best: tuple[tuple, Token, Mention] | None = None
    for tok in part:
        if tok.is_punct or tok.is_space:
            continue
        m = actor_at(doc, tok.idx, tok.idx + len(tok))
        if m is None and tok.lower_ in _PRONOUNS:
            m = resolve_reference(doc, part.doc[tok.i:tok.i + 1])
        if m is None or m.actor.key == skey or m.actor.type not in _TARGET_TYPES:
            continue
        if tok.dep_ == "amod" or (m.actor.type == "NORP" and tok.pos_ == "ADJ"):
            continue  # "American voters": a demonym describes, it is not the target
        if tok.pos_ != "PRON":  # the head of the name, not its first word
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            tok = span.root if span is not None else tok
        coded = bool(m.actor.country or m.actor.sector) and tok.pos_ != "PRON"
        rank = (tok.dep_ not in ("nsubj", "nsubjpass"), m.actor.type != "PERSON",
                0 if coded else 1 if tok.pos_ != "PRON" else 2)
        if best is None or rank < best[0]:
            best = (rank, tok, m)
    return (best[1], best[2]) if best else (None, None)


def _main_word(part: Span) -> Token:
    for tok in part:
        if tok.dep_ == "ROOT" and tok.pos_ in ("VERB", "AUX"):
            return tok
    verbs = [t for t in part if t.pos_ in ("VERB", "AUX")]
    return verbs[0] if verbs else part[0]


def _fragments(doc: Doc, q: Quote, sent: Span) -> list[Span]:
    """The quoted words of ``q`` inside ``sent`` (not the narration between fragments)."""
    out = []
    for frag in q.spans:
        lo, hi = max(sent.start_char, frag["start"]), min(sent.end_char, frag["end"])
        if hi - lo < 3:
            continue
        part = doc.char_span(lo, hi, alignment_mode="contract")
        if part is not None and len(part) > 0:
            out.append(part)
    return out


def speech_acts(doc: Doc, lex: EventLexicon) -> list[SpeechAct]:
    """The speech acts the statements of ``doc`` might be (see the module docstring)."""
    quotes = [q for q in doc._.quotes or [] if q.speaker_text]
    if not quotes:
        return []
    sents = list(doc.sents)
    cues = lex.frames.get("speech_request", set())
    threats = lex.frames.get("speech_threat", set())
    refusals = lex.frames.get("speech_refusal", set())
    out: list[SpeechAct] = []
    for q in quotes:
        speaker = None
        if q.speaker_start is not None and q.speaker_end is not None:
            speaker = actor_at(doc, q.speaker_start, q.speaker_end)
            if speaker is None:
                span = doc.char_span(q.speaker_start, q.speaker_end, alignment_mode="expand")
                if span is not None:
                    speaker = resolve_reference(doc, span)
        for si, sent in enumerate(sents):
            parts = _fragments(doc, q, sent)
            if not parts:
                continue
            part = max(parts, key=len)  # the main fragment gives the target and main word
            cue_here = q.cue_start is not None and sent.start_char <= q.cue_start < sent.end_char
            trigger = doc.char_span(q.cue_start, q.cue_end or q.cue_start + 1,
                                    alignment_mode="expand")[0] if cue_here else _main_word(part)
            target, target_m = _target(doc, part, speaker)
            said = " ".join(p.text for p in parts)
            pol = polarity(said)
            lemmas = {t.lemma_.lower() for p in parts for t in p} | \
                {t.lower_ for p in parts for t in p}
            request = bool(lemmas & cues) or (part[0].tag_ == "VB" and part[0].dep_ == "ROOT") \
                or any(t.lemma_ == "have" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to"
                       for t in part)  # "we have to stop him"
            threat = bool(lemmas & threats)
            refusal = bool(lemmas & refusals) or any(t.dep_ == "neg" for p in parts for t in p)
            types = []
            # a statement about an actor may praise or criticise it whatever the lexicon's
            # polarity says ("He's sharp."): both are proposed, the detector weighs them
            if pol <= -_POLAR or target is not None:
                types.append("ACCUSE")
            if pol >= _POLAR or target is not None:
                types.append("SUPPORT")
            if request:
                types.append("REQUEST")
            if threat:
                types.append("THREATEN")
            if refusal:
                types.append("REJECT")
            if not types:
                continue
            neg, posw = map(sum, zip(*(_valence_counts(p) for p in parts), strict=True))
            feats = [f"sp_pol={_bucket(pol)}", f"sp_kind={q.kind}",
                     f"sp_negw={_count(neg)}", f"sp_posw={_count(posw)}",
                     f"sp_len={'short' if len(part) < 8 else 'mid' if len(part) < 25 else 'long'}",
                     f"sp_cue_here={cue_here}", f"sp_request={request}",
                     f"sp_threat={threat}", f"sp_refusal={refusal}",
                     f"sp_you={'you' in lemmas}", f"sp_first={bool(lemmas & {'i', 'we'})}",
                     f"sp_question={said.rstrip().endswith('?')}"]
            if target is not None:
                clause = _target_clause(target, part)
                feats += [f"sp_tpol={_bucket(polarity(clause.text))}",
                          f"sp_trole={target.dep_}",
                          f"sp_tcopula={any(t.lemma_ == 'be' for t in clause)}"]
            out.append(SpeechAct(sent, si, trigger, q, speaker, target, target_m, types,
                                 feats))
    return out
