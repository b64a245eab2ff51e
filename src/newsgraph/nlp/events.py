"""PLOVER event coding: who did what to whom, when and where, in one spaCy component.

    component "newsgraph_events"   sets Doc._.events: list[Event], most prominent first

The rules live in :mod:`newsgraph.nlp.event_rules` (triggers, parties, modality), the words in
``kb/data/events.yaml`` (:mod:`newsgraph.nlp.event_lexicon`), dates in
:mod:`newsgraph.nlp.timex`. This module turns their findings into :class:`Event` records:

- one event per actor/recipient pair; coordinated actors of a symmetric event ("Putin and
  Lukashenko met") give one event between them (actor = first named), not two;
- a statement of intent by the actor itself ("X said it would free the prisoners") is also
  coded as the promise it is: AGREE for cooperative acts, THREATEN for hostile ones, listed
  before the promised event (which keeps modality "intended"/"reported");
- a negated act of cooperation ("did not recognise", "will not lift the ban", "failed to
  reach agreement") is kept with ``negated=True`` and preceded by a REJECT by the same actor;
- "X says Y must ..." adds a REQUEST by X to Y;
- modality: "hypothetical" under "if"/"unless" with would/could, and for acts someone only
  asks for ("urged X to release"); "reported" for the complement of a reporting verb or an
  event inside a quote (``doc._.quotes``; the quote's id is kept); "intended" for "will",
  "plans to", "is ready to", "offered"; otherwise "asserted";
- ranking ("most prominent first"): sentence order, then clause depth (main clause first),
  a missing actor or recipient counting as one level deeper;
- date: the temporal expression attached to the event's clause, else the sentence's only
  one, else the publication date; place: "in/at" + a place attached to the event, else one
  elsewhere in the sentence, else the dateline.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..records import Actor, Event, EventParty, Location, Mention, Quote
from .actors import actor_at, tagger_for
from .coref import resolve_reference
from .doc_ext import ensure_extensions
from .event_detect import EventDetector, default_detector
from .event_features import CandidateInfo, candidate_features, common_features
from .event_lexicon import EventLexicon, default_lexicon
from .event_rules import (
    SYMMETRIC,
    Modality,
    Trigger,
    clause_depth,
    dateline_end,
    entity_like,
    find_modality,
    find_parties,
    find_triggers,
    party_span,
)
from .event_speech import speech_acts
from .quote_speakers import resolve as resolve_subject
from .timex import Timex, find_timex

__all__ = ["EventCoder", "code_events", "make_event_coder"]

_COOPERATIVE_ACTS = {"CONCEDE", "COOPERATE", "AID", "RETREAT", "CONSULT", "SUPPORT"}
_HOSTILE_ACTS = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "REJECT"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
#: verbal acts complete in the saying: no separate promise is coded for them
_SPEECH_ACTS = {"SUPPORT", "AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
#: how many clause levels a missing actor or recipient is worth when ranking events
_MISSING_PARTY_COST = 1.0
_THIRD_PERSON = {"it", "they", "he", "she", "we"}
#: clause levels one unit of detector confidence is worth when ranking events
RANK_BY_CONFIDENCE = 1.0


class EventCoder:
    """Finds PLOVER events in a Doc (after newsgraph_actors and newsgraph_quotes).

    ``detector``: path of a detector model ("" = the shipped one, "none" = no detector:
    every candidate the rules propose is kept); ``floor``: drop candidates under this
    probability (default: the detector's own floor); ``keep_features``: leave each kept
    event's detector features in ``doc._.ng_event_features`` (for training).
    """

    def __init__(self, nlp: Language, name: str, *, lexicon_paths: list[str] | None = None,
                 promises: bool = True, detector: str = "", floor: float | None = None,
                 keep_features: bool = False) -> None:
        ensure_extensions()
        self.name = name
        self.lexicon_paths = list(lexicon_paths or [])
        self.promises = promises
        self.lexicon: EventLexicon = default_lexicon(tuple(self.lexicon_paths))
        self.detector: EventDetector | None = None if detector == "none" else \
            default_detector(detector or None)
        self.floor = floor
        self.keep_features = keep_features

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = code_events(doc, self.lexicon, promises=self.promises,
                                   detector=self.detector, floor=self.floor,
                                   keep_features=self.keep_features)
        return doc


@Language.factory("newsgraph_events",
                  default_config={"lexicon_paths": [], "promises": True, "detector": "",
                                  "floor": None, "keep_features": False},
                  assigns=["doc._.events"])
def make_event_coder(nlp: Language, name: str, lexicon_paths: list[str], promises: bool,
                     detector: str, floor: float | None, keep_features: bool) -> EventCoder:
    return EventCoder(nlp, name, lexicon_paths=lexicon_paths, promises=promises,
                      detector=detector, floor=floor, keep_features=keep_features)


# ------------------------------------------------------------------ assembly

def _mention_for(doc: Doc, head: Token, start: int, end: int) -> Mention | None:
    for c in head.children:  # "his Belarusian counterpart Vladimir Makei": the name
        if c.dep_ == "appos" and c.i > head.i:
            m = actor_at(doc, c.idx, c.idx + len(c))
            if m is not None and m.actor.type == "PERSON":
                return m
    m = actor_at(doc, head.idx, head.idx + len(head))
    if m is None and head.pos_ == "PRON" and head.dep_ in ("nsubj", "nsubjpass"):
        # "He criticised ...": the person the text is about (the last one who was the
        # subject of a clause), as for a quote's speaker, not the last name printed
        m = resolve_subject(doc, doc[head.i:head.i + 1], head)
    if m is None:
        m = resolve_reference(doc, doc[start:end])
    if m is None and head.pos_ == "PRON":
        m = resolve_reference(doc, doc[head.i:head.i + 1])
    return m


_PRONOUN_WORDS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them"}
_FIRST_SINGULAR = {"i", "me", "my", "myself"}
_FIRST_PLURAL = {"we", "us", "our", "ourselves"}
#: sectors whose holder's "we" means their state's government
_STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}


def _speaker_party(doc: Doc, head: Token, quote: Quote, text: str, start: int,
                   end: int) -> EventParty | None:
    """First person inside a quote is its speaker: "I" the speaker, "we" the speaker's
    government when the speaker holds a state office, else the speaker (or their group)."""
    m = actor_at(doc, quote.speaker_start, quote.speaker_end) \
        if quote.speaker_start is not None else None
    if m is None:
        if not quote.speaker_entity_id:
            return None
        return EventParty(entity_id=quote.speaker_entity_id, text=text, name=quote.speaker,
                          country=quote.country, sector=quote.sector, start=start, end=end)
    a = m.actor
    if head.lower_ in _FIRST_PLURAL and a.type == "PERSON" and a.country and \
            a.sector in _STATE_SECTORS:
        tagger = tagger_for(doc)
        name = f"{a.country}: government"
        if tagger is not None and a.country in tagger.kb.countries:
            name = f"{tagger.kb.countries[a.country].name}: government"
        gov = Actor(key=f"kb:country:{a.country}:GOV", name=name, type="GPE",
                    country=a.country, sector="GOV")
        return EventParty(entity_id=gov.entity_id, text=text, name=gov.name,
                          country=gov.country, sector=gov.sector, start=start, end=end)
    return EventParty(entity_id=a.entity_id, text=text, name=a.name, country=a.country,
                      sector=a.sector, start=start, end=end)


def _party(doc: Doc, head: Token | None, quote: Quote | None = None) -> EventParty | None:
    """The party headed by ``head``: its span, and the actor it names or refers to.

    A pronoun that refers to nothing the article names is no party at all (an event with
    "it" as its actor says nothing about who acted); first person inside a quote is the
    quote's speaker.
    """
    if head is None:
        return None
    s, e = party_span(head)
    span = doc[s:e]
    if quote is not None and head.lower_ in _FIRST_SINGULAR | _FIRST_PLURAL and \
            quote.contains(head.idx, head.idx + len(head)):
        return _speaker_party(doc, head, quote, span.text, span.start_char, span.end_char)
    m = _mention_for(doc, head, s, e)
    if m is None:
        if head.pos_ == "PRON":
            return None
        return EventParty(entity_id=None, text=span.text, start=span.start_char,
                          end=span.end_char)
    a = m.actor
    return EventParty(entity_id=a.entity_id, text=span.text, name=a.name, country=a.country,
                      sector=a.sector, start=span.start_char, end=span.end_char)


def _attach_verb(tok: Token) -> Token:
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _pick_timex(trig: Trigger, sent: Span, timexes: list[Timex]) -> Timex | None:
    dateline = dateline_end(sent)
    cut = sent.doc[dateline].idx if dateline >= 0 else sent.start_char
    # the dateline's date is the publication date, not the event's
    inside = [t for t in timexes if max(sent.start_char, cut) <= t.start < sent.end_char
              and t.date]
    if not inside:
        return None
    clause = trig.clause
    for t in inside:
        span = sent.doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        if _attach_verb(span.root).i == clause.i or span.root.head.i == trig.token.i:
            return t
    return inside[0] if len(inside) == 1 else None


def _pick_place(trig: Trigger, sent: Span, party_spans: list[tuple[int, int]]) -> Span | None:
    places = []
    for ent in sent.ents:
        # a one-word ORG after "in" is a capital used as a metonym ("in Brussels")
        if ent.label_ not in _PLACE_LABELS and not (ent.label_ == "ORG" and len(ent) == 1
                                                    and ent[0].pos_ == "PROPN"):
            continue
        prev = ent.doc[ent.start - 1] if ent.start > 0 else None
        if prev is None or prev.lower_ not in ("in", "at"):
            continue
        attached = prev.head.i in (trig.clause.i, trig.token.i)
        places.append((not attached, ent.start, ent))
    if not places:
        return None
    return sorted(places, key=lambda p: (p[0], p[1]))[0][2]


def _adopt_inner_recipient(trig: Trigger, parties, found: dict, lex: EventLexicon) -> None:
    """"agreed to lift the ban on British beef": the framing event takes the inner recipient."""
    if parties.recipients and entity_like(parties.recipients[0], lex):
        return
    for c in trig.token.children:
        if c.dep_ in ("xcomp", "ccomp") and c.i in found:
            inner = found[c.i][0]
            if inner.recipients and entity_like(inner.recipients[0], lex):
                parties.recipients[:] = list(inner.recipients)
                return


def _attached_place(trig: Trigger) -> Token | None:
    """A place named by "in/into/at" on the event's own words ("deployed troops in X")."""
    heads = [*trig.words, trig.clause]
    heads += [c for c in trig.token.children if c.dep_ in ("xcomp", "dobj")]
    for head in heads:
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "into", "at", "across", "inside"):
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    if p.ent_type_ in _PLACE_LABELS:
                        return p
                    for g in p.children:  # "in parts of Kashmir"
                        if g.dep_ == "prep" and g.lower_ == "of":
                            for q in g.children:
                                if q.dep_ == "pobj" and q.ent_type_ in _PLACE_LABELS:
                                    return p
    return None


def _place_modifier(doc: Doc, tok: Token) -> bool:
    """A city or region modifying an event noun names the event, it does not act."""
    if tok.dep_ not in ("compound", "nmod", "amod"):
        return False
    m = actor_at(doc, tok.idx, tok.idx + len(tok))
    return m is not None and m.actor.key.startswith("place:")


def _quote_at(doc: Doc, start: int, end: int):
    """The quote whose words hold [start, end) (not the narration between its fragments)."""
    for q in doc._.quotes or []:
        if q.contains(start, end):
            return q
    return None


def _same_actor(doc: Doc, a: Token | None, b: Token | None) -> bool:
    if a is None or b is None:
        return False
    if a.i == b.i or a.pos_ == "PRON" or b.pos_ == "PRON":
        return True
    ma = _mention_for(doc, a, *party_span(a))
    mb = _mention_for(doc, b, *party_span(b))
    return ma is not None and mb is not None and ma.actor.key == mb.actor.key


@dataclass(slots=True)
class _Candidate:
    event: Event
    info: CandidateInfo
    rule: str
    rank: tuple
    features: list[str]


def _rule_id(trig: Trigger, derived: str) -> str:
    """A readable name for the rule that proposed an event ("verb_object:impose+sanction")."""
    words = sorted(trig.words or [trig.token], key=lambda t: t.i)
    rule = f"{trig.kind}:" + "+".join(t.lemma_.lower() for t in words)
    return f"{derived}<{rule}>" if derived else rule


def code_events(doc: Doc, lex: EventLexicon, *, promises: bool = True,
                detector: EventDetector | None = None, floor: float | None = None,
                keep_features: bool = False) -> list[Event]:
    """All events in ``doc``, most prominent first (see the module docstring).

    Each candidate the rules propose is scored by ``detector`` (its probability of being a
    real event becomes the event's ``confidence``, and ``why`` names the rule and the
    score); candidates under ``floor`` (default: the detector's own) are dropped. Without a
    detector every candidate is kept with the rule's prior confidence.
    """
    cands = _candidates(doc, lex, promises=promises)
    floor = (detector.floor if detector is not None else 0.0) if floor is None else floor
    for c in cands:
        if detector is not None:
            c.event.confidence = round(detector.score(c.features), 3)
        c.event.why = f"{c.rule} p={c.event.confidence:.2f}"
    if detector is not None:
        cands = _one_reading(cands)
    features: dict[str, list[str]] = {}
    kept: list[tuple[tuple, Event]] = []
    best: dict[tuple, tuple[float, int]] = {}
    for c in cands:
        ev = c.event
        if ev.confidence < floor:
            continue
        if keep_features:
            features[ev.id] = c.features
        # one act once: the same type between the same parties in one sentence is one event
        # however many of its words the rules matched ("attacked ... the attack")
        key = (ev.start, ev.event, _party_key(ev.actor), _party_key(ev.recipient), ev.negated)
        prev = best.get(key)
        if prev is not None:
            if prev[0] >= ev.confidence:
                continue
            kept[prev[1]] = (kept[prev[1]][0], None)  # type: ignore[assignment]
        best[key] = (ev.confidence, len(kept))
        kept.append((c.rank, ev))
    if keep_features:
        doc._.ng_event_features = features
    kept = [kv for kv in kept if kv[1] is not None]
    # prominence: sentence order, then the rules' clause rank, lowered by how sure the
    # detector is (a likely event in a subordinate clause outranks a doubtful main verb)
    kept.sort(key=lambda kv: (kv[0][0], kv[0][1] - RANK_BY_CONFIDENCE * kv[1].confidence,
                              *kv[0][2:]))
    return [ev for _, ev in kept]


def _one_reading(cands: list[_Candidate]) -> list[_Candidate]:
    """A word means one thing in a sentence: of the senses the lexicon gives an ambiguous
    trigger ("attacked": ASSAULT or ACCUSE), and of praise or criticism for one statement,
    only the reading the detector believes most is kept."""
    best: dict[tuple, float] = {}

    def key(c: _Candidate) -> tuple | None:
        info = c.info
        if info.derived == "speech":
            if c.event.event not in ("ACCUSE", "SUPPORT"):
                return None
            return ("speech", info.trigger.token.i, info.sentence.start)
        if info.derived or not info.trigger.senses:
            return None
        return ("sense", info.trigger.token.i, _party_key(c.event.actor),
                _party_key(c.event.recipient))

    for c in cands:
        k = key(c)
        if k is not None and c.event.confidence > best.get(k, -1.0):
            best[k] = c.event.confidence
    return [c for c in cands if (k := key(c)) is None or c.event.confidence >= best[k]]


def _party_key(p: EventParty | None) -> str:
    if p is None:
        return ""
    return p.entity_id or p.text.lower()


def _candidates(doc: Doc, lex: EventLexicon, *, promises: bool) -> list[_Candidate]:
    """Every event the rules propose, with its features and its prominence rank."""
    article_id = doc._.ng_article_id or ""
    anchor = doc._.ng_date
    timexes = find_timex(doc)
    out: list[_Candidate] = []
    seen: set[str] = set()
    for si, sent in enumerate(doc.sents):
        triggers = find_triggers(sent, lex)
        trigger_words = {t.token.i for t in triggers}
        found = {t.token.i: (find_parties(t, lex), find_modality(t, lex)) for t in triggers}
        for trig in triggers:
            parties, mod = found[trig.token.i]
            if trig.kind == "noun":  # "the Paris agreement", "Minsk talks": where, not who
                parties.actors[:] = [a for a in parties.actors if not _place_modifier(doc, a)]
            _adopt_inner_recipient(trig, parties, found, lex)
            if mod.reporter is not None and parties.actors and \
                    parties.actors[0].lower_ in _THIRD_PERSON and mod.reporter.pos_ != "PRON":
                # "X said it would ...": the pronoun is the speaker
                parties.actors[0] = mod.reporter
            place_tok = _attached_place(trig)
            if place_tok is not None and place_tok.i > trig.token.i and (
                    (trig.event not in ("PROTEST", "CONSULT", "ACCUSE")
                     and (not parties.recipients
                          or not entity_like(parties.recipients[0], lex)))
                    or (trig.event == "CONSULT" and not parties.recipients)):
                # "sought refuge in Bangladesh", "deployed troops in X": the place stands
                # for its country or region when no actor receives the act
                parties.recipients[:] = [place_tok]
            if not parties.actors and place_tok is not None and parties.recipients and \
                    lex.quad(trig.event) == "material-conflict" and \
                    any(c.dep_ == "nsubjpass" for c in trig.clause.children):
                # "X was arrested in Rwanda": with no agent named, the state where it happened
                parties.actors.append(place_tok)
            pairs = _pairs(trig, parties)
            depth = clause_depth(trig.clause) + (0 if trig.kind != "noun" or trig.light else 1)
            tx = _pick_timex(trig, sent, timexes)
            spans = [party_span(t) for t in parties.actors + parties.recipients]
            char_spans = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in spans]
            place = _pick_place(trig, sent, char_spans)
            t_start, t_end = trig.span
            quote = _quote_at(doc, t_start, t_end)
            if quote is not None and quote.cue_start is not None and any(
                    t.token.idx == quote.cue_start for t in triggers):
                quote = None  # "refused to allow ...": the "quote" is the refusal's complement
            modality = "reported" if quote is not None and mod.modality == "asserted" \
                else mod.modality
            demand = None
            if mod.obliged and mod.reporter is not None and parties.actors and \
                    not _same_actor(doc, mod.reporter, parties.actors[0]):
                # "Russia says Israel must end attacks": a demand by the speaker
                demand = (mod.reporter, parties.actors[0])
            # a word with several senses ("attack": ASSAULT or ACCUSE) proposes each
            for sense, (kind, mode0) in enumerate([(trig.event, trig.mode), *trig.senses]):
                promise = None
                # a statement of intent by the actor is a promise (AGREE) or a threat
                # (THREATEN); "X said it would ..." counts when X is the actor
                framed = any(h.i in trigger_words for h in trig.clause.ancestors)
                # ("pledged support" is itself the act of support, not a promise of one)
                if promises and mod.intended and not mod.negated and \
                        modality != "hypothetical" and not framed and \
                        kind not in _SPEECH_ACTS and (mod.reporter is None or (
                            pairs and _same_actor(doc, mod.reporter, pairs[0][0]))):
                    promise = ("THREATEN" if mod.unless else
                               "AGREE" if kind in _COOPERATIVE_ACTS or mod.pledged else
                               "THREATEN" if kind in _HOSTILE_ACTS else None)
                for pi, (a_tok, r_tok) in enumerate(pairs):
                    labels = [(kind, mode0, modality, mod.negated, "")]
                    if promise is not None:
                        labels.insert(0, (promise, None, "asserted", False, "promise"))
                    elif mod.negated and kind in _COOPERATIVE_ACTS | {"AGREE"}:
                        # "will not lift the ban", "failed to reach agreement": a refusal
                        labels.insert(0, ("REJECT", None, modality, False, "refusal"))
                    if demand is not None and pi == 0 and sense == 0:
                        labels.insert(0, ("REQUEST", None, "asserted", False, "demand"))
                    for li, (event, mode, modal, negated, derived) in enumerate(labels):
                        at, rt = demand if derived == "demand" else (a_tok, r_tok)
                        actor, recipient = _party(doc, at, quote), _party(doc, rt, quote)
                        ev = _event(doc, article_id, anchor, sent, trig, event, mode, lex,
                                    actor, recipient, tx, place, modal, negated,
                                    quote.id if quote is not None else None)
                        if ev.id in seen:
                            continue
                        seen.add(ev.id)
                        info = CandidateInfo(trig, event, derived, mod, modal, negated, sent,
                                             si, at, rt, actor, recipient, quote, sense)
                        has = (actor is not None) + (recipient is not None)
                        # prominence: main clause first, then events with both parties named
                        rank = (si, depth + li * 0.1 + (0 if modal != "hypothetical" else 0.5)
                                + _MISSING_PARTY_COST * (2 - has) + sense * 0.01, pi, t_start)
                        out.append(_Candidate(ev, info, _rule_id(trig, derived), rank,
                                              candidate_features(info, lex)))
    out += _speech_candidates(doc, lex, timexes, seen)
    return out


def _mention_party(doc: Doc, m: Mention | None, tok: Token | None) -> EventParty | None:
    if m is None:
        return None
    a = m.actor
    if tok is not None:
        s, e = party_span(tok)
        text, start, end = doc[s:e].text, doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
    else:
        text, start, end = m.text, m.start, m.end
    return EventParty(entity_id=a.entity_id, text=text, name=a.name, country=a.country,
                      sector=a.sector, start=start, end=end)


def _speech_candidates(doc: Doc, lex: EventLexicon, timexes: list[Timex],
                       seen: set[str]) -> list[_Candidate]:
    """Statements that are acts (event_speech.py): the speaker is the actor."""
    article_id = doc._.ng_article_id or ""
    out: list[_Candidate] = []
    for act in speech_acts(doc, lex):
        q = act.quote
        speaker_tok = None
        if act.speaker is not None:
            span = doc.char_span(act.speaker.start, act.speaker.end, alignment_mode="expand")
            speaker_tok = span.root if span is not None else None
        actor = None
        if act.speaker is not None:
            a = act.speaker.actor
            actor = EventParty(entity_id=a.entity_id, text=q.speaker_text or act.speaker.text,
                               name=a.name, country=a.country, sector=a.sector,
                               start=q.speaker_start, end=q.speaker_end)
        elif q.speaker_text and q.speaker_text.lower() not in _PRONOUN_WORDS:
            actor = EventParty(entity_id=None, text=q.speaker_text, start=q.speaker_start,
                               end=q.speaker_end)
        recipient = _mention_party(doc, act.target_mention, act.target)
        for event in act.types:
            trig = Trigger(act.trigger, event, None, "speech", [act.trigger])
            tx = _pick_timex(trig, act.sentence, timexes)
            ev = _event(doc, article_id, doc._.ng_date, act.sentence, trig, event, None, lex,
                        actor, recipient, tx, None, "asserted", False, q.id)
            if ev.id in seen:
                continue
            seen.add(ev.id)
            info = CandidateInfo(trig, event, "speech", Modality(), ev.modality, False,
                                 act.sentence, act.sentence_index, speaker_tok, act.target,
                                 actor, recipient, q)
            feats = common_features(info, lex) + act.features + \
                [f"T={event}|{f}" for f in act.features]
            rank = (act.sentence_index, 5.0 + _MISSING_PARTY_COST
                    * (2 - (actor is not None) - (recipient is not None)), 0, act.trigger.idx)
            out.append(_Candidate(ev, info, f"speech:{act.trigger.lemma_.lower()}", rank,
                                  feats))
    return out


def _pairs(trig: Trigger, parties) -> list[tuple[Token | None, Token | None]]:
    actors, recips = parties.actors, parties.recipients
    if not actors and not recips:
        return [(None, None)]
    if not recips and len(actors) > 1 and trig.event in SYMMETRIC:
        # "Putin and Lukashenko met": one event between them, the first named as actor
        return [(actors[0], a) for a in actors[1:]]
    return [(a, r) for a in (actors or [None]) for r in (recips or [None])][:8]


def _event(doc: Doc, article_id: str, anchor: str | None, sent: Span, trig: Trigger,
           event: str, mode: str | None, lex: EventLexicon, actor: EventParty | None,
           recipient: EventParty | None, tx: Timex | None, place: Span | None,
           modality: str, negated: bool, quote_id: str | None) -> Event:
    t_start, t_end = trig.span
    if tx is not None:
        date, precision, date_text = tx.date, tx.precision, tx.text
    else:
        # no time expression of its own: the article's date, as precise as the article's
        date, precision, date_text = anchor, (
            (doc._.ng_date_precision or "day") if anchor else None), None
    location = None
    if place is not None:
        m = actor_at(doc, place.start_char, place.end_char)
        country = m.actor.country if m is not None and m.actor.type in ("GPE", "LOC", "FAC") \
            else ""
        location = Location(place.text, country)
    elif doc._.ng_dateline:
        location = Location(doc._.ng_dateline, "")
    intensity = lex.intensity(event, mode)
    if negated:
        intensity = 0.0
    elif modality in ("intended", "hypothetical"):
        intensity = round(intensity / 2, 2)
    # the rule's prior, kept when no detector scores the candidate
    confidence = {"verb_object": 0.85, "phrasal": 0.8, "verb": 0.75, "noun": 0.6,
                  "speech": 0.5}[trig.kind]
    confidence += 0.05 * ((actor is not None) + (recipient is not None))
    return Event(
        id=Event.make_id(article_id, t_start, event, actor.text if actor else "",
                         recipient.text if recipient else ""),
        article_id=article_id, event=event, mode=mode, quad=lex.quad(event), actor=actor,
        recipient=recipient, date=date, date_precision=precision, location=location,
        sentence=sent.text, start=sent.start_char, end=sent.end_char, negated=negated,
        modality=modality, trigger=trig.text, trigger_start=t_start, trigger_end=t_end,
        intensity=intensity, quote_id=quote_id, date_text=date_text,
        confidence=round(min(confidence, 1.0), 2), complete=_coded(actor) or _coded(recipient))


def _coded(p: EventParty | None) -> bool:
    """A party coded as an actor (a country or a sector): what makes an event usable."""
    return p is not None and bool(p.country or p.sector)
