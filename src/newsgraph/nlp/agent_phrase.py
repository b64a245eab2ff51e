"""Reading an agent phrase on the parse: its head noun, what qualifies it, what modifies it.

The agent lexicon (``kb/agents.py``) knows words; this module decides what they do in a
phrase. For an agent noun found in a document (the phrase matcher's span, e.g. "forces"):

1. the phrase around it: modifiers to the left that hang on it in the parse (adjectives,
   compounds, possessives, hyphenated words: "Ankara's Cankaya district administration"),
   and complements to the right ("of the Syrian parliament", "in Darfur", "based in X");
2. its sector: the noun's own, or, for a generic head, that of the word that qualifies it
   (the nearest agent noun, qualifying adjective, people or KB body before it, else its
   "of"/"for" complement: "army spokesman" MIL, "members of Hamas" REB, "member of the
   Syrian parliament" LEG); a generic armed head maps its qualifier through ``armed_map``
   ("government forces" MIL, "opposition forces" REB, "Karen guerrillas" REB);
3. modifiers from the nearest outwards ("former army chief": army -> MIL, former -> ELI;
   "anti-government armed groups": armed -> UAF, anti-government -> REB);
4. its country: a country word, place or KB actor in the phrase, never one inside
   "anti-X", "pro-X" or "X-backed" ("pro-Russian separatists" are not Russia's).

Without a parse (a blank pipeline) the phrase is what adjacency gives: the same rules on
the tokens next to the noun.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..kb.agents import ARMED_SECTORS, Agent, AgentLexicon
from ..kb.names import fold

__all__ = ["PhraseContext", "Reading", "read_phrase", "apply_modifiers", "hyphen_words",
           "phrase_start", "complement_tokens"]

#: Dependencies by which a word to the left belongs to a noun's phrase.
_LEFT_DEPS = frozenset(("compound", "amod", "nmod", "poss", "case", "npadvmod", "advmod",
                        "punct", "conj", "cc", "dep"))
#: Prepositions whose object qualifies a generic head ("member of", "spokesman for").
_QUALIFYING_PREPS = frozenset(("of", "for", "at", "with", "from", "in"))
#: Participles whose place gives a group its country ("refugees fleeing Liberia").
_LOCATING_VERBS = frozenset(("base", "live", "flee", "operate", "station", "deploy",
                             "locate", "reside", "work", "fight", "hold"))


@dataclass
class PhraseContext:
    """What a document offers the reader: the lexicon, the agent-noun spans, and which
    tokens name a country or a known actor."""

    lex: AgentLexicon
    nouns: list[Span]
    countries: dict[int, str]  # token -> country code (country words, places, bodies)
    actors: dict[int, tuple[str, str, str]] = field(default_factory=dict)
    # token -> (country, sector, type) of a KB actor mention (type PERSON|ORG|GPE)
    words: dict[int, str] = field(default_factory=dict)  # token -> its hyphenated word
    foreign: set[int] = field(default_factory=set)  # tokens whose country never applies
    places: dict[int, str] = field(default_factory=dict)  # token -> country, of places
    _index: dict[int, Span] | None = field(default=None, repr=False)
    _indexed: list[Span] | None = field(default=None, repr=False)
    _size: int = field(default=0, repr=False)

    def noun_at(self, i: int) -> Span | None:
        """The agent-noun span holding token ``i``, or None."""
        index = self._index
        if index is None or self._indexed is not self.nouns or len(self.nouns) != self._size:
            index = {k: n for n in self.nouns for k in range(n.start, n.end)}
            self._index, self._indexed, self._size = index, self.nouns, len(self.nouns)
        return index.get(i)


@dataclass(slots=True)
class Reading:
    sector: str = ""
    sector2: str = ""
    country: str = ""
    qualifier: str = ""  # what the sector came from: qualifier|complement
    end: int | None = None  # end of a qualifying complement ("member of the parliament")


def hyphen_words(doc: Doc, lex: AgentLexicon) -> tuple[dict[int, str], set[int]]:
    """Each token of a hyphenated word ("anti - government", "Iranian - backed",
    "U.S.-backed") mapped to the whole word in lower case, and the tokens whose country
    never codes the phrase: after a foreign prefix (anti-, pro-) or before a foreign
    suffix (-backed, -funded)."""
    words: dict[int, str] = {}
    foreign: set[int] = set()
    texts = [t.text for t in doc]
    if not any("-" in t or "–" in t for t in texts):
        return words, foreign
    glued = [not t.whitespace_ for t in doc]
    i = 0
    n = len(doc)
    while i < n:
        j = i
        # extend while the next token is "-" glued to both sides
        while j + 2 < n and texts[j + 1] in ("-", "–") and glued[j] and glued[j + 1]:
            j += 2
        if j > i:
            parts = [texts[k] for k in range(i, j + 1, 2)]
            text = "-".join(parts).lower()
            for k in range(i, j + 1):
                words[k] = text
            _foreign_parts(list(range(i, j + 1, 2)), [fold(p) for p in parts], lex, foreign)
            i = j + 1
            continue
        text = texts[i]
        if "-" in text[1:-1]:
            words[i] = text.lower()
            parts = [fold(p) for p in text.split("-")]
            if parts and (parts[0] in lex.foreign_prefixes or parts[-1] in lex.hyphen_foreign):
                foreign.add(i)
        i += 1
    return words, foreign


def _foreign_parts(idx: list[int], parts: list[str], lex: AgentLexicon, foreign: set[int]
                   ) -> None:
    if parts[0] in lex.foreign_prefixes:
        foreign.update(idx[1:])
    if parts[-1] in lex.hyphen_foreign:
        foreign.update(idx[:-1])


def phrase_start(doc: Doc, head: Token, start: int) -> int:
    """The first token of the phrase whose head noun is ``head`` and whose words before
    ``start`` hang on it in the parse (``start`` when there is no parse)."""
    if not doc.has_annotation("DEP"):
        return start
    i = start
    while i > 0:
        t = doc[i - 1]
        if t.dep_ not in _LEFT_DEPS or t.is_sent_end or t.text in (",", ";", ":", "(", ")"):
            break
        if t.dep_ in ("prep", "pobj", "appos") or t.pos_ in ("VERB", "AUX", "PRON"):
            break
        # the word's head chain must reach the phrase without leaving it
        h, steps, inside = t, 0, False
        while steps < 6 and h.head.i != h.i:
            h = h.head
            steps += 1
            if i <= h.i <= head.i:
                inside = True
                break
            if h.i < i - 4 or h.i > head.i or h.dep_ not in _LEFT_DEPS:
                break  # the chain leaves the phrase
        if not inside:
            break
        i -= 1
    return i


def complement_tokens(doc: Doc, head: Token, limit: int = 12) -> list[Token]:
    """Tokens of the head's prepositional complements and locating participles ("of the
    Syrian parliament", "in Darfur", "based in Trinidad", "fleeing the war in Liberia"),
    not through a clause, at most ``limit`` tokens to the right."""
    if not doc.has_annotation("DEP"):
        return []
    out: list[Token] = []
    stack = [c for c in head.children if c.i > head.i and (
        c.dep_ == "prep" or (c.dep_ == "acl" and c.lemma_.lower() in _LOCATING_VERBS))]
    while stack:
        tok = stack.pop()
        if tok.i - head.i > limit:
            continue
        out.append(tok)
        for child in tok.children:
            if child.dep_ in ("prep", "pobj", "compound", "amod", "nmod", "det", "poss",
                              "case", "flat", "punct", "conj", "cc", "appos", "dobj") and \
                    child.i > head.i:
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _qualifying_complement(doc: Doc, head: Token, ctx: PhraseContext
                           ) -> tuple[str, str, str, int] | None:
    """(sector, sector2, country, end) of a generic head's "of/for/at" object: an agent
    noun or a KB body there ("member of the Syrian parliament", "spokesman for Hamas");
    ``end`` is the token after the word that gave the sector."""
    if not doc.has_annotation("DEP"):
        # no parse: "head of X" read by adjacency
        j = head.i + 1
        if j < len(doc) and doc[j].lower_ in _QUALIFYING_PREPS:
            j += 1
            while j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
                j += 1
            return _sector_at(doc, j, ctx, head.i)
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in _QUALIFYING_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            # the object, then the words that qualify it ("of the company's board")
            for tok in [obj, *sorted((t for t in obj.subtree if t.i < obj.i),
                                     key=lambda t: -t.i)]:
                hit = _sector_at(doc, tok.i, ctx, head.i)
                if hit is not None:
                    return hit
    return None


def _sector_at(doc: Doc, i: int, ctx: PhraseContext, head_i: int
               ) -> tuple[str, str, str, int] | None:
    if i >= len(doc):
        return None
    if i in ctx.actors:
        country, sector, typ = ctx.actors[i]
        if sector and typ != "PERSON":
            end = i + 1
            while end < len(doc) and ctx.actors.get(end) == ctx.actors[i]:
                end += 1
            return sector, "", country, end
    noun = ctx.noun_at(i)
    if noun is not None and noun.start > head_i:
        agent = ctx.lex.lookup(noun.text)
        if agent is not None and agent.sector:
            country = next((ctx.countries[k] for k in range(noun.start - 3, noun.end)
                            if k in ctx.countries and k > head_i and k not in ctx.foreign), "")
            return agent.sector, agent.sector2, country, noun.end
    return None


def _qualifier(doc: Doc, noun: Span, start: int, ctx: PhraseContext
               ) -> tuple[str, str, bool] | None:
    """(sector, sector2, is_people) of the nearest word before ``noun`` (within the phrase
    from ``start``) that qualifies it: an agent noun, a qualifying adjective, a people, or a
    KB body or metonym."""
    k = noun.start - 1
    while k >= start:
        tok = doc[k]
        if k in ctx.actors:
            country, sector, typ = ctx.actors[k]
            if sector and typ != "PERSON":
                return sector, "", False
        other = ctx.noun_at(k)
        if other is not None and other.end <= noun.start:
            agent = ctx.lex.lookup(other.text)
            if agent is not None and (agent.sector or agent.people is not None):
                return agent.sector, agent.sector2, agent.people is not None
            k = other.start - 1
            continue
        word = ctx.words.get(k, tok.lower_)
        q = ctx.lex.qualifiers.get(fold(word)) or ctx.lex.qualifiers.get(fold(tok.text))
        if q:
            return q, "", False
        # two-word qualifiers ("human rights official")
        if k > start and ctx.lex.qualifiers.get(fold(f"{doc[k - 1].text} {tok.text}")):
            return ctx.lex.qualifiers[fold(f"{doc[k - 1].text} {tok.text}")], "", False
        k -= 1
    return None


def apply_modifiers(doc: Doc, start: int, end: int, sector: str, sector2: str,
                    ctx: PhraseContext) -> tuple[str, str]:
    """(sector, sector2) after the modifiers among tokens [start, end), nearest to ``end``
    first ("former army chief": army -> MIL, then former -> ELI). A common noun between a
    modifier and the head ends the search: "former rival New Jersey Gov." is a governor
    and a former rival."""
    lex = ctx.lex
    seen_words: set[str] = set()
    for k in range(end - 1, start - 1, -1):
        if doc[k].pos_ == "NOUN" and ctx.noun_at(k) is None and k not in ctx.words and \
                k not in ctx.actors and lex.modifier(doc[k].lower_) is None:
            break
        word = ctx.words.get(k, doc[k].lower_)
        if word in seen_words:
            continue
        seen_words.add(word)
        mod = lex.modifier(word)
        if mod is None:
            continue
        other = ctx.noun_at(k)
        if other is not None and other.end - other.start > 1 and other.end <= end:
            continue  # a word inside another agent phrase ("opposition party leader")
        applied = mod.apply(sector, sector2)
        if applied is not None:
            sector, sector2 = applied
    return sector, sector2


def _people_country(doc: Doc, noun: Span, start: int, ctx: PhraseContext) -> str:
    """The home country of the people qualifying ``noun`` ("Karen guerrillas": MMR), ""
    when it lives in several states."""
    for k in range(noun.start - 1, start - 1, -1):
        other = ctx.noun_at(k)
        agent = ctx.lex.lookup(other.text) if other is not None else None
        if agent is not None and agent.people is not None:
            return agent.people
    return ""


def read_phrase(doc: Doc, noun: Span, start: int, end: int, ctx: PhraseContext) -> Reading:
    """Sector (with second code) and country of the agent phrase ``doc[start:end]`` whose
    head is the agent noun ``noun`` (see module docstring)."""
    lex = ctx.lex
    agent = lex.lookup(noun.text)
    reading = Reading()
    if agent is None:
        return reading
    head = noun[-1]
    if "of" in [t.lower_ for t in noun[1:]]:  # "member of parliament": head before "of"
        head = noun[[t.lower_ for t in noun].index("of") - 1]
    sector, sector2 = agent.sector, agent.sector2
    qualified = None
    if agent.generic or agent.person_head or agent.armed:
        qualified = _qualifier(doc, noun, start, ctx)
        if qualified is None and agent.generic and noun.end - noun.start == 1:
            comp = _qualifying_complement(doc, head, ctx)
            if comp is not None:
                qualified = (comp[0], comp[1], False)
                if comp[2] and not reading.country:
                    reading.country = comp[2]
                reading.end = comp[3]
        if qualified is not None:
            q_sector, q_sector2, is_people = qualified
            if is_people and not reading.country:
                reading.country = _people_country(doc, noun, start, ctx)
            if agent.armed:
                key = "PEOPLE" if is_people else q_sector
                mapped = lex.armed_map.get(key)
                if mapped and agent.sector not in ("PRM",):
                    sector, sector2 = mapped, ""
            elif agent.generic and q_sector and not is_people:
                sector, sector2 = q_sector, q_sector2
            elif agent.generic and is_people and q_sector == "REL":
                sector, sector2 = "REL", ""
            elif agent.generic and is_people and sector == "GOV":
                # "Yoruba leaders", "Kurdish leaders": leaders of a people, not of a state
                sector, sector2 = "ELI", ""
            reading.qualifier = "qualifier"
        if agent.person_head and any(ctx.actors.get(k, ("", "", ""))[2] == "PERSON"
                                     or doc[k].ent_type_ == "PERSON"
                                     for k in range(start, noun.start)):
            sector, sector2 = agent.person_head, ""
    if agent.people is not None:
        if agent.qualifier_only:
            return Reading()
        reading.country = reading.country or agent.people
    sector, sector2 = apply_modifiers(doc, start, noun.start, sector, sector2, ctx)
    # the country
    country = reading.country
    for k in range(start, end):
        if k in ctx.countries and k not in ctx.foreign:
            country = ctx.countries[k]
            break
    if not country:
        for t in complement_tokens(doc, head):
            if t.i in ctx.countries and t.i not in ctx.foreign:
                country = ctx.countries[t.i]
                break
    if not country:  # a KB person or body in the phrase ("Bush administration")
        country = next((ctx.actors[k][0] for k in range(start, end)
                        if k in ctx.actors and ctx.actors[k][0] and k not in ctx.foreign), "")
    if agent.needs_country and not country and not (
            qualified and qualified[0] in ARMED_SECTORS):
        return Reading(country=country)
    if agent.people is not None and not country:
        country = agent.people
    if not country:  # "Karen guerrillas": a people with one home country
        country = _people_country(doc, noun, start, ctx)
    reading.sector, reading.sector2, reading.country = sector, sector2, country
    return reading


def is_agent(agent: Agent | None) -> bool:
    """True for a lexicon entry that can head an agent phrase."""
    return agent is not None and not agent.qualifier_only
