"""Data for quote attribution: speech and belief verbs, channels, scare-quote markers.

Kept as plain module constants so users can read (and extend) them in one place. Lemmas are
spaCy lemmas (lower case). Each verb says which of its dependents carries the content:
``ccomp`` (a clause: "said that ..."), ``xcomp`` ("promised to ..."), ``dobj`` (a noun phrase:
"announced new sanctions").
"""

from __future__ import annotations

import re

__all__ = [
    "CLAUSE_VERBS",
    "XCOMP_VERBS",
    "DOBJ_VERBS",
    "PREP_CONTENT",
    "SPEECH_NOUNS",
    "PERSON_NOUNS",
    "SAY_VERBS",
    "HEARER_VERBS",
    "SCARE_MARKERS",
    "CHANNEL_PATTERNS",
    "is_cue_lemma",
]

#: Verbs of saying, writing, believing and showing that take a clause ("X said (that) C").
CLAUSE_VERBS = frozenset("""
say tell state add note stress emphasize emphasise warn claim argue believe think
announce explain insist assert declare write tweet post reply respond answer
acknowledge admit concede confirm deny reveal suggest indicate predict estimate
complain charge allege contend maintain observe remark recall report testify
repeat reiterate mention point_out hint signal caution worry fear hope expect
know feel agree disagree conclude find show demonstrate suspect assume guess
understand realize realise acknowledge boast brag joke quip muse shout yell scream
whisper tell ask wonder question doubt speculate imagine recount describe
promise pledge vow threaten vouch swear assure reassure inform notify advise
urge demand insist propose recommend order instruct tell say continue conclude
counter retort rebut object protest lament concede declare proclaim comment read
emphasize underscore underline highlight clarify specify assert affirm opine
theorize reckon figure posit contend claim allege accuse acknowledge announce
exclaim cry holler roar bellow thunder murmur mutter mumble sigh laugh chuckle snap sneer
scoff gush rave rant fume growl hiss plead beg implore interject chime confess volunteer
tease taunt marvel gripe grumble reflect relate reminisce elaborate summarize summarise
text email blog recollect intone sniff crack gloat exult lash
""".split())

#: Verbs whose content is an infinitive ("X promised to ...", "X urged Y to ...").
XCOMP_VERBS = frozenset("""
promise pledge vow threaten want plan intend hope expect refuse decline agree offer
urge ask call demand seek aim vote encourage push press tell order warn
propose try appear seem
""".split())

#: Verbs whose content can be a noun phrase object ("X announced new sanctions").
DOBJ_VERBS = frozenset("""
announce cite criticize criticise condemn praise deny mention propose reject support
oppose blast slam attack describe discuss question welcome defend dismiss endorse
denounce decry applaud hail laud tout champion decline promise pledge demand want
acknowledge admit confirm reveal predict estimate call_for raise address call
blame liken compare label brand chant sing rate rule admire lambast mock ridicule deride
""".split())

#: Verb + preposition pairs whose object is the content ("X called for C", "warned of C").
PREP_CONTENT = {
    "call": ("for",), "warn": ("of", "about", "against"), "talk": ("about",),
    "speak": ("about", "of"), "complain": ("about", "of"), "rail": ("against",),
    "argue": ("for", "against"), "push": ("for",), "worry": ("about",),
    "accuse": ("of",), "insist": ("on",), "comment": ("on",), "testify": ("about", "on"),
    "boast": ("about", "of"), "joke": ("about",), "write": ("about", "of"),
}

#: Every lemma that can be a cue.
_ALL = CLAUSE_VERBS | XCOMP_VERBS | DOBJ_VERBS | frozenset(PREP_CONTENT)


def is_cue_lemma(lemma: str) -> bool:
    return lemma.lower() in _ALL


#: The verbs of saying proper, preferred as the cue of a direct quote over other cue words
#: and the ones that put their speaker after them ('"...," said X').
SAY_VERBS = frozenset("""say tell add write ask continue explain note insist argue reply respond
recall tweet post declare warn state claim stress emphasize comment answer read
shout yell scream exclaim cry whisper mutter quip joke laugh snap sneer scoff gush plead
confess concede acknowledge admit remark observe muse marvel lament conclude counter retort
rebut""".split())

#: Cue verbs whose object is the one spoken to ("told reporters"), never the speaker.
HEARER_VERBS = frozenset("tell inform assure reassure remind notify advise brief".split())

#: Nouns for one person, not a body: "the minister", "the French politician" name someone
#: mentioned before; "the department", "the ministry" do not.
PERSON_NOUNS = frozenset("""
minister president premier chancellor prime secretary spokesman spokeswoman spokesperson
leader chief head official politician diplomat ambassador envoy senator lawmaker legislator
congressman congresswoman representative deputy chairman chairwoman chair governor mayor
general commander admiral colonel officer king queen prince princess emperor monarch pope
judge prosecutor lawyer attorney adviser advisor aide candidate nominee activist analyst
expert negotiator director manager executive founder owner economist professor scientist
researcher journalist reporter correspondent editor author writer man woman father mother
lecturer strategist campaigner dissident mufti imam cleric bishop patriarch rabbi sheikh
theologian historian scholar academic commentator columnist pastor priest coach player
doctor nurse teacher student victim witness survivor resident farmer worker singer actor
""".split())

#: Nouns naming a statement: "in a statement", "the spokesman's remarks".
SPEECH_NOUNS = frozenset("""
statement remark remarks comment comments interview speech address post tweet letter
message announcement claim claims
""".split())

#: Words right before a quoted phrase that make it a name or scare quote, not a statement.
SCARE_MARKERS = frozenset("""
so-called dubbed titled entitled named nicknamed termed branded labeled labelled
word words term phrase slogan hashtag motto operation newspaper magazine film book
song show program programme series album headline
""".split())

# days and months are not outlets ("told Tuesday" is a parse of "told ... on Tuesday")
_NOT_CHANNEL = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
                r"March|April|May|June|July|August|September|October|November|December)\b")

#: Where a statement was made; the first group, when present, completes the channel name.
CHANNEL_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:on|in|via)\s+(?:his|her|their|its|the)?\s*(?:official\s+)?Telegram\b", re.I),
     "Telegram"),
    (re.compile(r"\b(?:on|in|via)\s+(?:his|her|their|its|the)?\s*(?:official\s+)?Facebook\b", re.I),
     "Facebook"),
    (re.compile(r"\b(?:on|in|via)\s+(?:his|her|their|its|the)?\s*(?:official\s+)?Twitter\b|\btweet(?:ed|s)?\b",
                re.I), "Twitter"),
    (re.compile(r"\b(?:on|in|via)\s+(?:his|her|their|its|the)?\s*(?:official\s+)?(?:VKontakte|VK)\b"),
     "VKontakte"),
    (re.compile(r"\b(?:on|in|via)\s+(?:his|her|their|its|the)?\s*(?:official\s+)?Instagram\b", re.I),
     "Instagram"),
    (re.compile(r"\b(?:at|during)\s+(?:a|the|his|her|their)?\s*(?:joint\s+|news\s+|press\s+)*"
                r"(?:press|news)\s+(?:conference|briefing)\b", re.I), "press conference"),
    (re.compile(r"\b[Ii]n\s+an?\s+(?:exclusive\s+)?interview\s+(?:with|to|for)\s+"
                r"((?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z0-9][\w.'’-]*){0,3})"), "interview with {}"),
    (re.compile(r"\b(?:told|speaking to|on the air of)\s+(?!" + _NOT_CHANNEL + r")"
                r"((?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|TV|television|radio)){0,3})"),
     "{}"),
    (re.compile(r"\btold\s+(reporters|journalists|the press)\b", re.I), "{}"),
    (re.compile(r"\bin\s+an?\s+(?:official\s+|written\s+|joint\s+)?statement\b", re.I), "statement"),
    (re.compile(r"\bin\s+an?\s+(?:exclusive\s+)?interview\b", re.I), "interview"),
]
