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

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..records import Event, EventParty, Location, Mention
from .actors import actor_at
from .coref import resolve_reference
from .doc_ext import ensure_extensions
from .event_lexicon import EventLexicon, default_lexicon
from .event_rules import (
    SYMMETRIC,
    Trigger,
    clause_depth,
    dateline_end,
    entity_like,
    find_modality,
    find_parties,
    find_triggers,
    party_span,
)
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


class EventCoder:
    """Finds PLOVER events in a Doc (after newsgraph_actors and newsgraph_quotes)."""

    def __init__(self, nlp: Language, name: str, *, lexicon_paths: list[str] | None = None,
                 promises: bool = True) -> None:
        ensure_extensions()
        self.name = name
        self.lexicon_paths = list(lexicon_paths or [])
        self.promises = promises
        self.lexicon: EventLexicon = default_lexicon(tuple(self.lexicon_paths))

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = code_events(doc, self.lexicon, promises=self.promises)
        return doc


@Language.factory("newsgraph_events", default_config={"lexicon_paths": [], "promises": True},
                  assigns=["doc._.events"])
def make_event_coder(nlp: Language, name: str, lexicon_paths: list[str],
                     promises: bool) -> EventCoder:
    return EventCoder(nlp, name, lexicon_paths=lexicon_paths, promises=promises)


# ------------------------------------------------------------------ assembly

def _mention_for(doc: Doc, head: Token, start: int, end: int) -> Mention | None:
    m = actor_at(doc, head.idx, head.idx + len(head))
    if m is None:
        m = resolve_reference(doc, doc[start:end])
    if m is None and head.pos_ == "PRON":
        m = resolve_reference(doc, doc[head.i:head.i + 1])
    return m


def _party(doc: Doc, head: Token | None) -> EventParty | None:
    if head is None:
        return None
    s, e = party_span(head)
    span = doc[s:e]
    m = _mention_for(doc, head, s, e)
    if m is None:
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


def _quote_at(doc: Doc, start: int, end: int):
    for q in doc._.quotes or []:
        if q.start <= start and end <= q.end:
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


def code_events(doc: Doc, lex: EventLexicon, *, promises: bool = True) -> list[Event]:
    """All events in ``doc``, most prominent first (see the module docstring)."""
    article_id = doc._.ng_article_id or ""
    anchor = doc._.ng_date
    timexes = find_timex(doc)
    ranked: list[tuple[tuple, Event]] = []
    seen: set[str] = set()
    for si, sent in enumerate(doc.sents):
        triggers = find_triggers(sent, lex)
        trigger_words = {t.token.i for t in triggers}
        found = {t.token.i: (find_parties(t, lex), find_modality(t, lex)) for t in triggers}
        for trig in triggers:
            parties, mod = found[trig.token.i]
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
            promise = None
            # a statement of intent by the actor is a promise (AGREE) or a threat (THREATEN);
            # "X said it would ..." counts when X is the actor
            framed = any(h.i in trigger_words for h in trig.clause.ancestors)
            # ("pledged support" is itself the act of support, not a promise of one)
            if promises and mod.intended and not mod.negated and modality != "hypothetical" \
                    and not framed and trig.event not in _SPEECH_ACTS \
                    and (mod.reporter is None or (pairs and _same_actor(doc, mod.reporter,
                                                                        pairs[0][0]))):
                promise = ("THREATEN" if mod.unless else
                           "AGREE" if trig.event in _COOPERATIVE_ACTS or mod.pledged else
                           "THREATEN" if trig.event in _HOSTILE_ACTS else None)
            demand = None
            if mod.obliged and mod.reporter is not None and parties.actors and \
                    not _same_actor(doc, mod.reporter, parties.actors[0]):
                # "Russia says Israel must end attacks": a demand by the speaker
                demand = (mod.reporter, parties.actors[0])
            for pi, (a_tok, r_tok) in enumerate(pairs):
                actor, recipient = _party(doc, a_tok), _party(doc, r_tok)
                labels = [(trig.event, trig.mode, modality, mod.negated)]
                if promise is not None:
                    labels.insert(0, (promise, None, "asserted", False))
                elif mod.negated and trig.event in _COOPERATIVE_ACTS | {"AGREE"}:
                    # "will not lift the ban", "failed to reach agreement": a refusal
                    labels.insert(0, ("REJECT", None, modality, False))
                if demand is not None and pi == 0:
                    labels.insert(0, ("REQUEST", None, "asserted", False))
                for li, (event, mode, modal, negated) in enumerate(labels):
                    if event == "REQUEST" and demand is not None and li == 0 and pi == 0:
                        actor, recipient = _party(doc, demand[0]), _party(doc, demand[1])
                    else:
                        actor, recipient = _party(doc, a_tok), _party(doc, r_tok)
                    ev = _event(doc, article_id, anchor, sent, trig, event, mode, lex, actor,
                                recipient, tx, place, modal, negated,
                                quote.id if quote is not None else None)
                    if ev.id in seen:
                        continue
                    seen.add(ev.id)
                    has = (actor is not None) + (recipient is not None)
                    # prominence: main clause first, then events with both parties named
                    key = (si, depth + li * 0.1 + (0 if modal != "hypothetical" else 0.5)
                           + _MISSING_PARTY_COST * (2 - has), pi, t_start)
                    ranked.append((key, ev))
    ranked.sort(key=lambda kv: kv[0])
    return [ev for _, ev in ranked]


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
        date, precision, date_text = anchor, ("day" if anchor else None), None
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
    confidence = {"verb_object": 0.85, "phrasal": 0.8, "verb": 0.75, "noun": 0.6}[trig.kind]
    confidence += 0.05 * ((actor is not None) + (recipient is not None))
    return Event(
        id=Event.make_id(article_id, t_start, event, actor.text if actor else "",
                         recipient.text if recipient else ""),
        article_id=article_id, event=event, mode=mode, quad=lex.quad(event), actor=actor,
        recipient=recipient, date=date, date_precision=precision, location=location,
        sentence=sent.text, start=sent.start_char, end=sent.end_char, negated=negated,
        modality=modality, trigger=trig.text, trigger_start=t_start, trigger_end=t_end,
        intensity=intensity, quote_id=quote_id, date_text=date_text,
        confidence=round(min(confidence, 1.0), 2))
