"""What the event detector sees of a candidate: a list of string features.

A candidate is one event the rules propose (a trigger, its type, parties and modality, in a
sentence of an article). Its features say what kind of rule found it, which word, in which
grammatical role, with what kind of parties, inside a quote or not: the things that tell a
real event ("Russia imposed sanctions on ...") from a word used in another sense ("the
sanctions debate"), a topic mention ("the Paris agreement") or an idiom.

Features are plain strings so the model (``kb/data/event_detector.json``) is readable data;
each is written ``name=value``, and ``T=<type>|...`` joins a feature with the event type.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..records import EventParty, Quote
from .event_lexicon import EventLexicon
from .event_rules import Modality, Trigger, clause_depth

__all__ = ["CandidateInfo", "candidate_features", "common_features", "party_class"]

_NAMED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_DETERMINERS = {"the", "a", "an", "no", "this", "that", "these", "those", "any", "every",
                "its", "his", "her", "their", "our", "my", "your"}


@dataclass(slots=True)
class CandidateInfo:
    """Everything the rules know about one candidate event."""

    trigger: Trigger
    event: str  # the candidate's type (may differ from the trigger's: a promise, a refusal)
    derived: str  # "" | promise | refusal | demand | speech
    modality: Modality
    modality_name: str  # the record's modality
    negated: bool
    sentence: Span
    sentence_index: int
    actor_token: Token | None
    recipient_token: Token | None
    actor: EventParty | None
    recipient: EventParty | None
    quote: Quote | None
    sense: int = 0  # 0: the word's first sense in the lexicon; 1, 2 ...: its other senses


def party_class(tok: Token | None, party: EventParty | None, lex: EventLexicon) -> str:
    """What a party is: none, a resolved or unresolved pronoun, a coded actor, a name, an
    actor noun ("protesters"), or a thing ("the message")."""
    if tok is None:
        return "none"
    coded = party is not None and bool(party.country or party.sector)
    if tok.pos_ == "PRON":
        return "pron-coded" if coded else "pron-res" if party and party.entity_id \
            else "pron-unres"
    if coded:
        return "coded"
    if party is not None and party.entity_id:
        return "entity"
    if tok.ent_type_ in _NAMED or tok.pos_ == "PROPN":
        return "named"
    if tok.lemma_.lower() in lex.actor_nouns:
        return "actor-noun"
    return "thing"


BAG_OF_WORDS = True

#: sectors by kind of actor: the state, politics, armed non-state groups, civil society
_SECTOR_GROUP = {
    "GOV": "state", "MIL": "state", "COP": "state", "JUD": "state", "LEG": "state",
    "SPY": "state", "ELI": "politics", "OPP": "politics", "PTY": "politics",
    "REB": "armed", "INS": "armed", "PRM": "armed", "UAF": "armed", "CRM": "armed",
    "TER": "armed", "IGO": "intl", "UNO": "intl", "NGO": "intl", "CVL": "civil",
    "REF": "civil", "EDU": "civil", "MED": "civil", "HLH": "civil", "BUS": "business",
    "LAB": "civil", "REL": "civil", "SOC": "civil", "AGR": "civil", "ENV": "civil",
}


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def candidate_features(c: CandidateInfo, lex: EventLexicon) -> list[str]:
    """The detector's features for one candidate (see the module docstring)."""
    trig, t = c.trigger, c.event
    tok = trig.token
    lemma = tok.lemma_.lower()
    kind = trig.kind
    out = [f"lem={lemma}", f"T={t}|lem={lemma}"]
    if kind == "verb_object" and len(trig.words) > 1:
        out.append(f"T={t}|vo={lemma}+{trig.words[1].lemma_.lower()}")
    if c.derived:
        out += [f"derived={c.derived}", f"T={t}|derived={c.derived}"]
    if trig.senses:  # an ambiguous word: which reading this candidate is
        out.append(f"T={t}|lem={lemma}|sense={c.sense}")
    # the trigger word's grammar: a main-clause verb reports; a noun subject or a compound
    # modifier ("attack ads") usually names a topic
    out += [f"dep={tok.dep_}", f"T={t}|dep={tok.dep_}", f"tag={tok.tag_}",
            f"T={t}|tag={tok.tag_}", f"depth={_bucket(clause_depth(trig.clause), (0, 1, 2, 3))}"]
    if tok.dep_ == "compound" or tok.dep_ == "amod":
        out.append(f"T={t}|modifies={tok.head.lemma_.lower()}")
    if kind == "noun":
        det = next((ch.lower_ for ch in tok.children if ch.dep_ in ("det", "poss")
                    and ch.lower_ in _DETERMINERS), "")
        has_poss = any(ch.dep_ == "poss" for ch in tok.children)
        out += [f"T={t}|det={det or '-'}", f"noun_poss={has_poss}",
                f"T={t}|plural={tok.tag_ in ('NNS', 'NNPS')}"]
        gov = trig.governor
        out.append(f"T={t}|gov={gov.lemma_.lower() if gov is not None else '-'}")
        out.append(f"light={trig.light}")
    else:
        objs = [ch for ch in tok.children if ch.dep_ in ("dobj", "obj", "dative")]
        if objs:
            o = objs[0]
            out.append(f"T={t}|lem={lemma}|obj={o.lemma_.lower()}")
            out.append(f"T={t}|obj_ent={o.ent_type_ or o.pos_}")
        else:
            out.append(f"T={t}|obj=none")
    head = tok.head
    if head.i != tok.i:
        out.append(f"T={t}|head={head.lemma_.lower()}")
    if c.modality.reporter is not None:
        out.append(f"T={t}|reported_by={c.modality.reporter.pos_}")
    # the words the trigger governs: "attack ads", "challenged him on immigration"
    for ch in tok.children:
        if ch.dep_ in ("dobj", "prep", "prt", "compound", "amod", "nsubj", "nsubjpass",
                       "agent", "xcomp", "ccomp"):
            out.append(f"T={t}|ch={ch.dep_}:{ch.lemma_.lower()}")
    if c.actor_token is not None:
        out.append(f"T={t}|subj={c.actor_token.lemma_.lower()}")
    return out + common_features(c, lex)


def common_features(c: CandidateInfo, lex: EventLexicon) -> list[str]:
    """Features of any candidate, whatever proposed it: its type, parties and sentence."""
    t = c.event
    out = [f"T={t}", f"T={t}|rule={c.trigger.kind}", f"rule={c.trigger.kind}",
           f"T={t}|mod={c.modality_name}"]
    if c.negated:
        out.append(f"T={t}|neg")
    a_cls = party_class(c.actor_token, c.actor, lex)
    r_cls = party_class(c.recipient_token, c.recipient, lex)
    out += [f"A={a_cls}", f"R={r_cls}", f"T={t}|A={a_cls}", f"T={t}|R={r_cls}",
            f"T={t}|AR={a_cls}+{r_cls}"]
    for role, party in (("A", c.actor), ("R", c.recipient)):
        if party is not None and party.sector:
            group = _SECTOR_GROUP.get(party.sector, "other")
            out += [f"{role}sec={party.sector}", f"T={t}|{role}sec={party.sector}",
                    f"{role}grp={group}", f"T={t}|{role}grp={group}"]
    if c.actor_token is not None:
        at = c.actor_token
        out.append(f"T={t}|Aent={at.ent_type_ or at.pos_}")
    # where the sentence stands and what it looks like
    sent = c.sentence
    text = sent.text.strip()
    inq = c.quote is not None
    out += [f"inquote={inq}", f"T={t}|inquote={inq}"]
    if inq and c.quote.speaker_entity_id:
        out.append(f"T={t}|quote_speaker")
    if c.sentence_index == 0:
        out += ["first_sentence", f"T={t}|first_sentence"]
    if text.endswith("?"):
        out.append("question")
    out.append(f"sent_len={_bucket(len(sent), (8, 15, 30, 50))}")
    lemmas = {w.lemma_.lower() for w in sent} | {w.lower_ for w in sent}
    if BAG_OF_WORDS:
        out += [f"T={t}|w={w.lemma_.lower()}" for w in sent
                if w.pos_ in ("NOUN", "VERB", "ADJ") and not w.is_stop]
    for name, words in lex.contexts.items():
        if lemmas & words:
            out += [f"ctx={name}", f"T={t}|ctx={name}"]
    return out
