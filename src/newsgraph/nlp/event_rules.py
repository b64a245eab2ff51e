"""Rule-based event finding over a dependency parse: triggers, parties and modality.

Three steps, each a plain function over spaCy tokens so they can be tested alone:

1. :func:`find_triggers` - words that report an event, typed by the lexicon: verbs ("met"),
   verb + object ("lifted sanctions"), verb + particle ("called on"), nouns ("talks",
   "air strikes"), with the light verb that governs a noun ("held talks").
2. :func:`find_parties` - actor and recipient heads: subject / passive "by" agent / possessive /
   "by" phrase for the actor; object, dative, passive subject, prepositional object
   ("with", "to", "against", "on" ...) and "between X and Y" for the recipient. Subjects are
   inherited through xcomp/conj/participles ("is ready to provide", "arrived and met").
3. :func:`find_modality` - negated, hypothetical ("if ..."), reported (complement of a
   reporting verb) and intended ("will", "plans to", "is ready to").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .event_lexicon import EventLexicon

__all__ = ["Trigger", "Parties", "Modality", "find_triggers", "find_parties", "find_modality",
           "party_span", "clause_depth", "entity_like", "dateline_end", "subject_of"]

_VERB_POS = {"VERB"}
_NOUN_POS = {"NOUN", "PROPN"}
_SUBJ = {"nsubj", "csubj"}
_OBJ = {"dobj", "obj"}
_NON_PARTY = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_RELATIVE = {"who", "which", "that", "whom", "whose"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_HYPO_AUX = {"would", "could", "might", "'d"}
_COND_MARKS = {"if", "unless", "whether"}
# event types between equals: "X and Y met" is one event between X and Y
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE", "SUPPORT"}


@dataclass(slots=True)
class Trigger:
    token: Token  # the word that carries the event (verb or noun)
    event: str
    mode: str | None
    kind: str  # verb|verb_object|phrasal|noun
    words: list[Token] = field(default_factory=list)  # all trigger words, for the span
    governor: Token | None = None  # the verb a noun trigger hangs from ("held" talks)
    light: bool = False  # the governor lends its subject to the noun
    senses: list[tuple[str, str | None]] = field(default_factory=list)  # other readings
    inverse: bool = False  # the subject is acted upon, "from X" acts ("came under fire")

    @property
    def clause(self) -> Token:
        """The verb whose clause holds the event."""
        if self.kind == "noun" and self.governor is not None:
            return self.governor
        return self.token

    @property
    def span(self) -> tuple[int, int]:
        toks = self.words or [self.token]
        return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)

    @property
    def text(self) -> str:
        toks = sorted(self.words or [self.token], key=lambda t: t.i)
        return " ".join(t.text for t in toks)


@dataclass(slots=True)
class Parties:
    actors: list[Token] = field(default_factory=list)  # heads, one per coordinated actor
    recipients: list[Token] = field(default_factory=list)


# ------------------------------------------------------------------ triggers

def _objects(verb: Token) -> list[Token]:
    """The nouns a verb acts on: direct object, passive subject, prepositional objects."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ in _OBJ or c.dep_ in ("nsubjpass", "dative", "attr", "oprd"):
            out.append(c)
        elif c.dep_ == "prep" or c.dep_ == "prt":
            out.extend(g for g in c.children if g.dep_ == "pobj")
    # "lifted all sanctions and restrictions", "imposed new sanctions on ..."
    for o in list(out):
        out.extend(o.conjuncts)
        # "a $1.5 billion loan", "352 million euros": quantities are compounds of the noun
        out.extend(g for g in o.children if g.dep_ in ("compound", "nmod") and g.pos_ == "NOUN")
        if o.dep_ == "pobj" and o.head.lower_ == "of":  # "millions of dollars"
            pass
        for g in o.children:  # "tons of aid"
            if g.dep_ == "prep" and g.lower_ == "of":
                out.extend(p for p in g.children if p.dep_ == "pobj")
    return out


def _direct_objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in _OBJ or c.dep_ in ("nsubjpass", "dative",
                                                                    "ccomp", "xcomp")]


#: prepositions through which a verb still governs an event noun ("took part in talks",
#: "went on strike", "resorted to force"); "over", "about", "after" ... introduce a cause
_LIGHT_PREPS = {"in", "into", "on", "to", "at", "with", "for", "of", "by", "under"}


def _light_governor(noun: Token) -> Token | None:
    """The verb a noun trigger depends on: "held [talks]", "took part in [talks]"."""
    tok = noun
    for _ in range(4):
        if tok.dep_ == "prep" and tok.lower_ not in _LIGHT_PREPS:
            return None  # "sanctions over the crackdown": a cause, not the verb's own act
        if tok.dep_ in ("dobj", "obj", "pobj", "prep", "attr", "oprd", "nsubjpass", "nsubj",
                        "dative", "npadvmod", "appos", "conj", "compound") and tok.head.i != tok.i:
            tok = tok.head
            if tok.pos_ in _VERB_POS or tok.pos_ == "AUX":
                return tok
        else:
            return None
    return None


def find_triggers(sent: Span, lex: EventLexicon) -> list[Trigger]:
    """Event triggers in one sentence, each word used by at most one trigger."""
    found: list[Trigger] = []
    used: set[int] = set()
    # verbs first: verb + object and phrasal entries consume their object/particle
    for tok in sent:
        if tok.pos_ not in _VERB_POS:
            continue
        lemma = tok.lemma_.lower()
        trig = None
        for c in tok.children:
            if c.dep_ == "prep" and not any(g.dep_ == "pobj" and g.ent_type_ not in _NON_PARTY
                                            for g in c.children):
                continue  # "called him on Tuesday" is not "called on"
            if c.dep_ in ("prt", "prep", "dobj", "oprd", "acomp", "ccomp") and \
                    (lemma, c.lower_) in lex.phrasal:
                event, mode = lex.phrasal[(lemma, c.lower_)]
                key = ("phrasal", lemma, c.lower_)
                trig = Trigger(tok, event, mode, "phrasal", [tok, c],
                               senses=lex.senses.get(key, []), inverse=key in lex.inverse)
                break
        if trig is None:
            light = lex.in_frame("light", lemma)
            for o in _objects(tok):
                if light and any((o.lemma_.lower(), c.lemma_.lower()) in lex.noun_compounds
                                 for c in o.children):
                    continue  # "made a telephone call": the noun phrase says what happened
                key = (lemma, o.lemma_.lower())
                if key not in lex.verb_objects and o.dep_ == "dobj" and \
                        (lemma, "@actor") in lex.verb_objects and \
                        (o.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or o.pos_ == "PROPN"):
                    key = (lemma, "@actor")
                if key in lex.verb_objects:
                    event, mode = lex.verb_objects[key]
                    skey = ("verb_object", *key)
                    senses, inverse = lex.senses.get(skey, []), skey in lex.inverse
                    if key[1] == "@actor":  # "called Merkel": the object stays the recipient
                        trig = Trigger(tok, event, mode, "verb_object", [tok], senses=senses,
                                       inverse=inverse)
                        break
                    for c in o.children:  # "provide military assistance": the noun's mode
                        sub = lex.noun_compounds.get((o.lemma_.lower(), c.lemma_.lower()))
                        if sub is not None and sub[0] == event:
                            mode = sub[1]
                    trig = Trigger(tok, event, mode, "verb_object", [tok, o], senses=senses,
                                   inverse=inverse)
                    used.add(o.i)
                    break
        if trig is None and lemma in lex.verbs:
            if lemma in lex.verbs_need_object and not _direct_objects(tok) and not any(
                    c.dep_ == "prep" and c.lower_ in ("to", "with", "on", "against")
                    for c in tok.children):
                continue
            event, mode = lex.verbs[lemma]
            trig = Trigger(tok, event, mode, "verb", [tok],
                           senses=lex.senses.get(("verb", lemma), []))
        if trig is not None:
            found.append(trig)
            used.update(t.i for t in trig.words)
    verb_types = {(t.token.i, t.event) for t in found}
    for tok in sent:
        if tok.pos_ not in _NOUN_POS or tok.i in used:
            continue
        if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART",
                             "LAW", "EVENT") and tok.pos_ == "PROPN":
            continue  # "Summit Bank", "the Minsk Agreement" as a name
        lemma = tok.lemma_.lower()
        label = None
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod") and (lemma, c.lemma_.lower()) in lex.noun_compounds:
                label = lex.noun_compounds[(lemma, c.lemma_.lower())]
                break
        governor = _light_governor(tok)
        if label is None and governor is not None:
            label = lex.noun_with_verb.get((lemma, governor.lemma_.lower()))
        consumed = None
        if label is None and lemma in lex.nominalizations:  # "the suspension of aid"
            verb = lex.nominalizations[lemma]
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for o in c.children:
                        if o.dep_ == "pobj" and (verb, o.lemma_.lower()) in lex.verb_objects:
                            label = lex.verb_objects[(verb, o.lemma_.lower())]
                            consumed = o
        senses = []
        if label is None and lemma in lex.nouns:
            needs = lex.noun_needs_verb.get(lemma)
            if needs is not None and (governor is None or governor.lemma_.lower() not in needs):
                continue
            label = lex.nouns[lemma]
            senses = lex.senses.get(("noun", lemma), [])
        if label is None:
            continue
        if governor is not None and (governor.i, label[0]) in verb_types:
            continue  # "protested ... in protests": already the verb's event
        event, mode = label
        light = governor is not None and (
            governor.lemma_.lower() in lex.frames.get("light", set())
            or (not any(t.token.i == governor.i for t in found)
                and tok.dep_ not in ("nsubj", "nsubjpass")))
        words = [tok] if consumed is None else [tok, consumed]
        if consumed is not None:
            used.add(consumed.i)
        found.append(Trigger(tok, event, mode, "noun", words, governor, light, senses))
    for t in found:  # "sent troops to the peacekeeping mission" is aid, not a build-up
        if t.event == "MOBILIZE":
            for d in t.token.subtree:
                label = lex.aid_purposes.get(d.lemma_.lower())
                if label is not None:
                    t.event, t.mode = label
                    break
    return _drop_directives(found, lex)


def _drop_directives(found: list[Trigger], lex: EventLexicon) -> list[Trigger]:
    """Drop "ordered"/"approved" when what they govern is itself an event.

    "The court ordered the release of X" reports a release, by the court; the noun then
    takes its actor from the directive verb as from a light verb.
    """
    by_token = {t.token.i: t for t in found}
    dropped: set[int] = set()
    for t in found:
        if t.kind != "verb" or not lex.in_frame("directive", t.token.lemma_.lower()):
            continue
        inner = [by_token[c.i] for c in t.token.children
                 if c.i in by_token and c.dep_ in ("dobj", "xcomp", "ccomp", "oprd")]
        if inner:
            dropped.add(t.token.i)
            for n in inner:
                if n.kind == "noun":
                    n.light = True
    return [t for t in found if t.token.i not in dropped]


# ------------------------------------------------------------------ parties

def _content_head(tok: Token) -> Token:
    """Skip "some of", "the head of" style wrappers only for numbers/quantifiers."""
    if tok.like_num or tok.lower_ in ("some", "many", "all", "most", "several", "both",
                                      "each", "one", "thousands", "hundreds", "dozens"):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
    return tok


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a verb, inherited through control and coordination."""
    if depth > 5:
        return None
    for c in verb.children:
        if c.dep_ not in _SUBJ:
            continue
        if c.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return verb.head
        if c.lower_ == "there":
            continue
        if c.i <= dateline_end(c.sent):  # "MINSK -- Lukashenko said": not the dateline
            alt = _past_dateline(c)
            if alt is not None:
                return alt
            continue
        head = _content_head(c)  # "thousands of protesters"
        if head.ent_type_ not in _NON_PARTY or head.pos_ == "PRON":
            return head
    for c in verb.children:
        if c.dep_ == "agent":  # passive: "by the EU"
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        # a by-agent the parser hung on a coordinated object ("imposed on X, Y and 13
        # other officials by the European Union")
        for t in verb.subtree:
            if t.i > verb.i and t.dep_ == "prep" and t.lower_ == "by":
                for p in t.children:
                    if p.dep_ == "pobj" and p.ent_type_ in _ENTITY_TYPES:
                        return p
    if verb.dep_ == "relcl" and not any(c.dep_ == "nsubjpass" for c in verb.children):
        return verb.head
    for c in verb.lefts:  # a name the parser left as a modifier: "USAID(advmod) announced"
        if c.dep_ in ("advmod", "npadvmod", "dep", "nmod") and c.i > dateline_end(c.sent) \
                and (c.ent_type_ in _ENTITY_TYPES or c.pos_ == "PROPN"
                     or (c.is_upper and len(c.text) > 1)):
            return c
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in _OBJ:
        return subject_of(verb.head.head, depth + 1)  # "passed a resolution criticizing X"
    if verb.dep_ in ("xcomp", "conj", "acomp", "advcl", "pcomp", "prep", "ccomp") \
            and verb.head.i != verb.i:
        if verb.dep_ == "ccomp" and any(c.dep_ == "mark" for c in verb.children):
            return None
        head = verb.head
        if verb.dep_ == "pcomp" or head.dep_ == "prep":
            head = head.head if head.dep_ == "prep" else head
        if head.pos_ in _NOUN_POS and verb.dep_ == "pcomp":
            # "their strategy of attacking him", "abandoned the plan of invading": the
            # noun's owner acts, else the subject of the verb the noun is the object of
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner
            if head.dep_ in _OBJ and head.head.pos_ in ("VERB", "AUX"):
                return subject_of(head.head, depth + 1)
            return None
        # object control: "urged Minsk to release" - the controller is the object
        if verb.dep_ == "xcomp":
            objs = [c for c in head.children if c.dep_ in _OBJ
                    and (c.pos_ in ("PROPN", "PRON") or c.ent_type_ in _ENTITY_TYPES)]
            objs += [p for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                     for p in c.children
                     if p.dep_ == "pobj" and p.ent_type_ not in _NON_PARTY]  # "called on X to"
            if objs and head.lemma_ not in ("promise",):
                return objs[0]
        return subject_of(head, depth + 1)
    return None


def _between(tok: Token) -> list[Token]:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("between", "among"):
            for p in c.children:
                if p.dep_ == "pobj":
                    return [p, *p.conjuncts]
    return []


def _prep_objects(tok: Token, lex: EventLexicon, skip: set[int]) -> list[Token]:
    """Objects of the recipient prepositions under ``tok``, in the lexicon's order."""
    by_prep: dict[str, Token] = {}
    for c in tok.children:
        if c.dep_ in ("prep", "prt") and c.lower_ in lex.recipient_preps:
            for p in c.children:
                if p.dep_ == "pobj" and p.i not in skip and p.ent_type_ not in _NON_PARTY:
                    by_prep.setdefault(c.lower_, p)
    return [by_prep[p] for p in lex.recipient_preps if p in by_prep]


def _is_party(tok: Token | None) -> bool:
    return tok is not None and tok.ent_type_ not in _NON_PARTY and tok.pos_ in (
        "NOUN", "PROPN", "PRON", "NUM", "X")


_ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_PREFERRED_PREPS = {"with", "to", "against", "on", "upon", "toward", "towards"}


def _entity_like(tok: Token, lex: EventLexicon) -> bool:
    """A word that names or stands for an actor (not a thing or an abstraction)."""
    if tok.ent_type_ in _ENTITY_TYPES or tok.pos_ in ("PROPN", "PRON"):
        return True
    if tok.lemma_.lower() in lex.actor_nouns:
        return True
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "poss") and c.ent_type_ in _ENTITY_TYPES:
            return True
        if c.dep_ == "prep" and c.lower_ in ("of", "by") and any(
                p.ent_type_ in _ENTITY_TYPES or p.pos_ == "PROPN" for p in c.children):
            return True
    return False


def _direct(tok: Token, trig: Trigger) -> bool:
    """Whether a party hangs directly off the event's words ("met X", "talks with X")."""
    heads = {trig.token.i, trig.clause.i}
    if tok.head.i in heads:
        return True
    return tok.head.dep_ in ("prep", "dative") and tok.head.lower_ in ("with", "to") \
        and tok.head.head.i in heads


def _named(tok: Token) -> bool:
    """A name, or a noun phrase with a name in it ("the OPCW visit", "Russia's plan")."""
    return tok.pos_ == "PROPN" or tok.ent_type_ in _ENTITY_TYPES or any(
        c.dep_ in ("compound", "poss", "amod") and c.ent_type_ in _ENTITY_TYPES
        for c in tok.children)


def _recipient_candidates(tok: Token, lex: EventLexicon, skip: set[int],
                          level: int = 0) -> list[tuple[tuple, Token]]:
    """(rank, token) for every recipient candidate under ``tok``; lower rank is better.

    An actor-like word beats a thing ("returned the artifacts to Peru" -> Peru); among
    actor-like words an indirect object beats "to/with/against/on" beats the direct object.
    Candidates inside a complement ("refused to send troops to Iraq", "demanded that the
    minister resign") rank after the verb's own.
    """
    out: list[tuple[tuple, Token]] = []
    for c in tok.children:
        if c.i in skip:
            if c.dep_ == "prep":  # "called on the EU": the particle's object
                out += [((level, 0.5, g.i), g) for g in c.children if g.dep_ == "pobj"]
            if c.dep_ in ("ccomp", "oprd", "acomp", "xcomp"):  # "found X guilty"
                out += [((level, 2, g.i), g) for g in c.children if g.dep_ in _SUBJ]
            continue
        if c.dep_ == "dative" and c.pos_ != "ADP":
            out.append(((level, 0, c.i), c))
        elif c.dep_ in _OBJ or c.dep_ == "nsubjpass":
            out.append(((level, 2, c.i), c))
            # "closed all borders with Kurdistan": the thing's own recipient phrase
            out += [((level, 2.5, i), t) for (_, _, i), t in
                    _prep_candidates(c, lex, skip)]
            for a in c.children:  # "lifted restrictions imposed on Olmert"
                if a.dep_ == "acl" and a.tag_ == "VBN":
                    out += [((level, 2.5, i), t) for (_, _, i), t in
                            _prep_candidates(a, lex, skip)]
        elif c.dep_ in ("prep", "dative", "prt") and c.lower_ in lex.recipient_preps:
            out += [((level, pref, i), t) for (_, pref, i), t in
                    _prep_candidates(tok, lex, skip, only=c)]
        elif c.dep_ == "acl" and c.tag_ == "VBN":  # "sanctions imposed on India"
            out += [((level, 2.5, i), t) for (_, _, i), t in _prep_candidates(c, lex, skip)]
        elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("until", "unless")
                                       for m in c.children):
            # "will not end the strike until the authorities ...": the other side
            out += [((1, 3, g.i), g) for g in c.children if g.dep_ in _SUBJ]
        elif c.dep_ in ("ccomp", "acl") and level == 0:  # "demanded that the minister apologize"
            subj = next((g for g in c.children if g.dep_ in _SUBJ), None)
            if subj is not None:
                out.append(((1, 2, subj.i), subj))
    return out


def _prep_candidates(tok: Token, lex: EventLexicon, skip: set[int],
                     only: Token | None = None) -> list[tuple[tuple, Token]]:
    out = []
    for c in ([only] if only is not None else tok.children):
        if c.dep_ not in ("prep", "dative", "prt") or c.lower_ not in lex.recipient_preps:
            continue
        pref = 1 if c.lower_ in _PREFERRED_PREPS else 3
        for p in c.children:
            if p.dep_ == "pobj" and p.i not in skip:
                p = _content_head(p)  # "against hundreds of banks"
                if p.ent_type_ not in _NON_PARTY:
                    out.append(((0, pref, p.i), p))
    return out


def _best_recipient(cands: list[tuple[tuple, Token]], lex: EventLexicon) -> Token | None:
    ranked = []
    for (level, pref, i), t in cands:
        t = _content_head(t)
        if not _is_party(t):
            continue
        ranked.append(((0 if _entity_like(t, lex) else 1, level, pref, i), t))
    return min(ranked, key=lambda r: r[0])[1] if ranked else None


_SEPARATORS = {"--", "-", "\u2013", "\u2014", ":"}


def dateline_end(sent: Span) -> int:
    """Index of the separator ending a dateline, or -1.

    "KABUL (Pajhwok): ...", "MINSK, February 22 (Interfax) – ...", "Vilnius (AFP) – ...":
    a place name (upper case, or a proper noun followed by an agency in brackets or a
    date) and a dash or colon, with no verb before it.
    """
    first = sent[0]
    if not (first.is_upper and len(first.text) > 2) and first.pos_ != "PROPN":
        return -1
    for t in sent[1:12]:
        if t.pos_ in ("VERB", "AUX") or t.lower_ in ("the", "a", "an"):
            return -1
        # a hyphen inside a word ("two-volume") does not end a dateline
        if t.text in _SEPARATORS and (t.text != "-" or t.nbor(-1).whitespace_):
            before = sent.doc[sent.start:t.i]
            if first.is_upper or any(x.text == "(" for x in before) or any(
                    x.ent_type_ == "DATE" for x in before):
                return t.i
            return -1
    return -1


def _past_dateline(tok: Token | None) -> Token | None:
    """The subject the parser hung off a dateline word, or None if only the dateline."""
    if tok is None:
        return None
    end = dateline_end(tok.sent)
    if end < 0 or tok.i > end:
        return tok
    for t in tok.subtree:  # the top-most noun after the separator
        if t.i > end and t.pos_ in _NOUN_POS and t.head.i <= end:
            return t
    return None


def _inverse_parties(trig: Trigger) -> Parties:
    """"X came under fire from Y", "X drew criticism from Y": Y acts on X."""
    recipient = subject_of(trig.clause)
    actor = None
    for w in trig.words or [trig.token]:
        for c in w.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by", "among"):
                actor = next((p for p in c.children if p.dep_ == "pobj"), None)
                if actor is not None:
                    break
        if actor is not None:
            break
    actor = _content_head(actor) if _is_party(actor) else None
    recipient = _content_head(recipient) if _is_party(recipient) else None
    return Parties(_conjuncts(actor), _conjuncts(recipient))


def find_parties(trig: Trigger, lex: EventLexicon) -> Parties:
    """Actor and recipient head tokens for one trigger (conjuncts listed separately)."""
    if trig.inverse:
        return _inverse_parties(trig)
    skip = {t.i for t in trig.words}
    actor: Token | None = None
    recipient: Token | None = None
    tok = trig.token
    cands: list[tuple[tuple, Token]] = []
    patient = None
    if trig.kind == "noun":
        while tok.dep_ == "compound" and tok.head.pos_ in _NOUN_POS:
            tok = tok.head  # "a mediation effort between ...", "peace talks with ..."
        for c in tok.children:
            if c.dep_ == "poss" and tok.lemma_.lower() in lex.patient_nouns:
                patient = c  # "the tanker's release": the tanker is released
            elif c.dep_ == "poss":
                actor = c
            elif c.dep_ == "prep" and c.lower_ == "by":
                actor = next((p for p in c.children if p.dep_ == "pobj"), actor)
        if actor is None:
            for c in tok.children:  # "EU sanctions", "Russian air strikes"
                if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ("GPE", "NORP", "ORG"):
                    actor = c
                    skip.add(c.i)
        cands += _recipient_candidates(tok, lex, skip | {c.i for c in tok.children
                                                         if c.dep_ in _OBJ})
        gov = trig.governor
        if gov is not None and trig.light:
            if (actor is None or actor.pos_ == "PRON") and tok.dep_ not in ("nsubj", "nsubjpass"):
                actor = subject_of(gov) or actor
            if tok.dep_ == "nsubjpass" and actor is None:
                actor = subject_of(gov)  # "talks were held by ..."
            gov_cands = [(r, t) for r, t in _recipient_candidates(gov, lex, skip | {tok.i}, 1)
                         if tok not in t.subtree]
            cands += gov_cands
        pair = _between(tok) or (_between(gov) if gov is not None else [])
        if patient is not None:
            cands.append(((0, 0, patient.i), patient))
        for o in trig.words[1:]:  # "a suspension of air links with 21 countries"
            cands += _recipient_candidates(o, lex, skip)
    else:
        actor = subject_of(tok)
        if actor is not None and _reduced_passive(tok, actor):
            # "Kingston man arrested on weapons charges": a headline's bare participle is
            # passive, its subject the one acted upon
            cands.append(((0, 0, actor.i), actor))
            actor = None
        cands += _recipient_candidates(tok, lex, skip)
        for o in trig.words[1:]:  # "imposed sanctions on X": preps of the object
            cands += _recipient_candidates(o, lex, skip)
        for c in tok.children:  # "refused to send troops to Iraq"
            if c.dep_ == "xcomp":
                cands += _recipient_candidates(c, lex, skip, 1)
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.i not in skip:
            cands.append(((0, 2, tok.head.i), tok.head))  # "troops sent by Russia"
        pair = _between(tok)
    recipient = _best_recipient(cands, lex)
    if recipient is None:  # "accepted the demands by protesters": who made them
        for o in trig.words[1:]:
            for c in o.children:
                agent = c if c.dep_ == "poss" else next(
                    (p for p in c.children if p.dep_ == "pobj"),
                    None) if c.dep_ == "prep" and c.lower_ == "by" else None
                if agent is not None and agent.pos_ != "PRON" and _entity_like(agent, lex):
                    recipient = agent
    if recipient is None and trig.kind == "verb_object" and len(trig.words) > 1 and \
            trig.event in ("REJECT", "ACCUSE", "SUPPORT") and \
            not lex.in_frame("light", trig.token.lemma_.lower()):
        # "boycotted the meeting": what was rejected (but in "expressed concern" or "voiced
        # support" the noun is the act itself, not what it is about)
        recipient = trig.words[1]
    if recipient is None and trig.kind == "verb_object" and len(trig.words) > 1 and \
            _entity_like(trig.words[1], lex):
        recipient = trig.words[1]  # "expelled two diplomats": the object is the recipient
    clause = trig.clause
    if (recipient is None or not _entity_like(recipient, lex)) and \
            clause.dep_ in ("xcomp", "advcl") and clause.head.pos_ == "VERB":
        # "called the president on Saturday to express support": the head's object
        outer = [(r, t) for r, t in _recipient_candidates(clause.head, lex, skip | {tok.i})
                 if clause.i not in {x.i for x in t.ancestors} and t.i != clause.i]
        best = _best_recipient(outer, lex)
        if best is not None and _entity_like(best, lex) and (actor is None
                                                              or best.i != actor.i):
            recipient = best  # "sent experts to Saudi Arabia to investigate ..."
    if recipient is not None and recipient.lower_ in _RELATIVE and tok.dep_ == "relcl":
        recipient = tok.head
    if pair:
        if actor is None:
            actor, recipient = pair[0], pair[1] if len(pair) > 1 else recipient
        elif recipient is None:
            recipient = pair[0]
    actor = _past_dateline(actor)
    actor = _content_head(actor) if _is_party(actor) else None
    recipient = _content_head(recipient) if _is_party(recipient) else None
    if actor is not None and recipient is not None and actor.i == recipient.i:
        recipient = None
    if actor is not None and actor.pos_ == "NOUN" and actor.lemma_.lower() in lex.nouns:
        inner = _between(actor)  # "the summit between the EU and Turkey failed to ..."
        if inner:
            actor = inner[0]
            recipient = inner[1] if len(inner) > 1 else recipient
    if recipient is not None and recipient.dep_ == "pobj" and not _entity_like(recipient, lex):
        # "arrested on drug charges", "released on Twitter": a thing in a prepositional
        # phrase is a circumstance, not who is acted upon ("condemned the decision" keeps
        # its direct object)
        recipient = None
    if recipient is not None and recipient.pos_ == "NOUN" and not _entity_like(recipient, lex):
        # a recipient is who is acted upon: "mocked his tough talk" acts on its owner (a
        # thing with no owner stays: PLOVER codes "condemned the bombing" with its target)
        owner = next((c for c in recipient.children if c.dep_ == "poss"
                      and (c.pos_ == "PRON" and c.lower_ not in ("its", "my", "our", "your")
                           or _entity_like(c, lex))), None)
        if owner is not None and (actor is None or owner.i != actor.i):
            recipient = owner
    actors = _conjuncts(actor)
    recipients = _conjuncts(recipient)
    if trig.event in SYMMETRIC and len(actors) > 1 and (
            recipient is None or not _named(recipient) or not _direct(recipient, trig)):
        # "the United States and South Korea failed to reach agreement on a deal"
        return Parties(actors[:1], actors[1:])
    if pair and len(pair) > 1 and actors and actors[0].i == pair[0].i:
        recipients = [p for p in pair[1:]] or recipients
        actors = [pair[0]]
    return Parties(actors, recipients)


def _reduced_passive(verb: Token, subject: Token) -> bool:
    """A bare past participle with a subject and no auxiliary or object: headline passive."""
    return verb.tag_ == "VBN" and subject.head.i == verb.i and subject.dep_ == "nsubj" \
        and not any(c.dep_ in ("aux", "auxpass", "dobj", "obj") for c in verb.children) \
        and verb.dep_ == "ROOT"


def _conjuncts(tok: Token | None) -> list[Token]:
    if tok is None:
        return []
    for c in tok.lefts:  # "President X and President Y": X parsed as a modifier of Y
        if c.dep_ in ("nmod", "compound") and any(g.dep_ == "cc" for g in c.children):
            return [c, tok]
    return [tok, *[c for c in tok.conjuncts if _is_party(c) and c.i > tok.i]][:4]


_SPAN_DEPS = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case",
              "flat", "punct", "predet", "prep", "pobj", "cc"}
# "Government of Guatemala", "teachers from Denver", "police in the Gaza Strip"
_SPAN_PREPS = {"of", "from", "in", "at", "by"}  # "a request by President X" names X


def party_span(tok: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``tok`` (no clauses, no conjuncts).

    Keeps determiners, adjectives, compounds, possessives and "of" phrases ("Government of
    Guatemala"); drops relative clauses, appositions and coordinated phrases.
    """
    keep = [tok]

    def walk(t: Token) -> None:
        for c in t.children:
            if c.dep_ in ("conj", "relcl", "acl", "appos", "advcl", "cc"):
                continue
            if c.dep_ in ("nmod", "compound") and any(g.dep_ == "cc" for g in c.children):
                continue  # a coordinated name the parser hung here
            if c.dep_ == "prep" and not (c.lower_ in _SPAN_PREPS and t.pos_ in _NOUN_POS
                                         and not any(p.ent_type_ in _NON_PARTY
                                                     for p in c.children)):
                continue
            if c.dep_ == "punct" and c.i > tok.i:
                continue
            if c.dep_ in _SPAN_DEPS or c.dep_ == "pobj":
                keep.append(c)
                walk(c)

    walk(tok)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    doc = tok.doc
    # a phrase never runs across a line break ("... The American Mirror\nA veterans group")
    for i in range(tok.i - 1, start - 1, -1):
        if "\n" in doc[i].whitespace_ or doc[i].is_space:
            start = i + 1
            break
    for i in range(tok.i, end - 1):
        if "\n" in doc[i].whitespace_ or doc[i + 1].is_space:
            end = i + 1
            break
    while start < tok.i and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end - 1 > tok.i and (doc[end - 1].is_punct or doc[end - 1].dep_ == "case"):
        end -= 1
    return start, end


# ------------------------------------------------------------------ modality

def _chain(tok: Token, limit: int = 8) -> list[Token]:
    """The token and its heads up to the root."""
    out = [tok]
    while tok.head.i != tok.i and len(out) < limit:
        tok = tok.head
        out.append(tok)
    return out


def clause_depth(tok: Token) -> int:
    return len(_chain(tok, 30)) - 1


@dataclass(slots=True)
class Modality:
    negated: bool = False
    modality: str = "asserted"
    reporter: Token | None = None  # the reporting verb's subject ("X said ...")
    intended: bool = False  # future or planned, whatever the modality says first
    obliged: bool = False  # "X must end attacks": someone demands it
    pledged: bool = False  # intended through "offered to", "is ready to", "promised"
    unless: bool = False  # "will withdraw unless ...": a conditional threat


def find_modality(trig: Trigger, lex: EventLexicon) -> Modality:
    """Negation and modality of one trigger from the words that govern it."""
    out = Modality()
    clause = trig.clause
    toks = [trig.token, clause] if clause.i != trig.token.i else [clause]
    for t in toks:
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never",)):
                out.negated = True
            if c.dep_ == "det" and c.lower_ == "no":
                out.negated = True
    hypothetical = reported = False
    out.unless = any(g.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless"
                                               for m in g.children) for g in clause.children)
    # "promised a loan", "offered assistance": the verb makes the act a pledge
    intended = trig.kind == "verb_object" and lex.in_frame("intending", trig.token.lemma_.lower())
    out.pledged = intended
    chain = _chain(clause)
    for i, t in enumerate(chain):
        lemma = t.lemma_.lower()
        kids = list(t.children)
        if any(c.dep_ == "mark" and c.lower_ in _COND_MARKS for c in kids):
            hypothetical = True
        if any(c.dep_ == "aux" and c.lower_ in _HYPO_AUX for c in kids) and any(
                g.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _COND_MARKS
                                          for m in g.children) for g in kids):
            hypothetical = True
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in kids) and i <= 1:
            intended = True
        if i <= 1 and any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in kids):
            out.obliged = True
        if i > 0:
            prev = chain[i - 1]
            if prev.dep_ in ("xcomp", "acomp", "ccomp", "advcl", "prep", "pcomp", "dobj",
                             "pobj", "conj") and lex.in_frame("negating", lemma) \
                    and prev.dep_ == "xcomp":
                out.negated = True
            if prev.dep_ in ("xcomp", "acomp") and lex.in_frame("intending", lemma):
                intended = True
                out.pledged = out.pledged or lex.in_frame("pledging", lemma)
            if prev.dep_ == "xcomp" and lemma == "be":  # "is to visit"
                intended = True
            if prev.dep_ in ("xcomp", "ccomp", "dobj") and i == 1 and \
                    lex.in_frame("requesting", lemma):
                hypothetical = True  # asked for, not done
            if prev.dep_ in ("ccomp", "xcomp", "dobj") and lex.in_frame("reporting", lemma):
                reported = True
                out.reporter = out.reporter or subject_of(t)
        if i == 0 and any(c.dep_ == "aux" and c.lower_ in _HYPO_AUX for c in kids) and \
                t.dep_ == "ccomp":
            intended = True
    if hypothetical:
        out.modality = "hypothetical"
    elif reported:
        out.modality = "reported"
    elif intended:
        out.modality = "intended"
    out.intended = intended
    return out


def entity_like(tok: Token, lex: EventLexicon) -> bool:
    """Public alias of the actor test used for recipients."""
    return _entity_like(tok, lex)
