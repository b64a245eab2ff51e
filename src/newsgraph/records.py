"""The record types: newsgraph's output contract, in one place.

Every stage produces these typed objects; JSON, DuckDB rows and HTML exist only at the
edges (store/, cli/, web/). Field names are fixed once released: add fields, never rename.
Offsets are character offsets into the article's cleaned ``text`` (or, for ``newsgraph
code``, into the text as given).

Identifiers are content hashes (:func:`stable_id`) so that re-running any stage yields the
same ids and re-ingesting is idempotent.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any

__all__ = [
    "Actor",
    "Article",
    "Entity",
    "Event",
    "EventParty",
    "Location",
    "Mention",
    "Passage",
    "PassageOccurrence",
    "Quote",
    "Story",
    "QUADS",
    "MODALITIES",
    "normalise_text",
    "stable_id",
    "to_dict",
]

#: PLOVER quad classes.
QUADS = ("verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict")
#: Event modalities.
MODALITIES = ("asserted", "intended", "hypothetical", "reported")


def stable_id(prefix: str, *parts: object, length: int = 16) -> str:
    """A short deterministic id: ``prefix`` + the first ``length`` hex digits of a SHA-1.

    >>> stable_id("a", "hello")[:2]
    'a_'
    """
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{h[:length]}"


_WS = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


def normalise_text(text: str) -> str:
    """The normal form used for article identity: NFKC, unified quotes, folded space, lower case."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _WS.sub(" ", text).strip().lower()


def to_dict(record: Any) -> dict[str, Any]:
    """A record as a plain JSON-ready dict (nested records included)."""
    return asdict(record)


@dataclass(slots=True)
class Article:
    id: str
    source: str
    title: str | None
    text: str
    published: str | None = None  # YYYY-MM-DD (day 01 / month 01 when less precise)
    published_precision: str | None = None  # day|month|year|None
    dateline_place: str | None = None
    agencies: list[str] = field(default_factory=list)
    author: str | None = None
    removed: list[str] = field(default_factory=list)
    story_id: str | None = None
    # additions beyond the first contract
    sources: list[str] = field(default_factory=list)  # every file/url this text came from
    url: str | None = None
    outlet: str | None = None  # publisher / source field when the input gives one
    dateline_month: int | None = None
    dateline_day: int | None = None

    @staticmethod
    def make_id(text: str) -> str:
        return stable_id("a", normalise_text(text))


@dataclass(slots=True)
class Actor:
    """What one mention resolves to inside an article, before corpus-level linking.

    ``key`` is stable across articles for the same real actor: ``kb:<kb id>`` for actors in
    the knowledge base, otherwise ``name:<TYPE>:<normalised name>``. The entity id is derived
    from it, so mentions, quotes and events can carry entity ids from the start; the link
    stage may later merge keys (spelling variants) and rewrite ids.
    """

    key: str
    name: str
    type: str = "PERSON"  # PERSON|ORG|GPE|NORP|...
    country: str = ""
    sector: str = ""
    wikidata: str | None = None

    @property
    def entity_id(self) -> str:
        return stable_id("e", self.key)

    @property
    def cameo(self) -> str:
        return f"{self.country}{self.sector}"


@dataclass(slots=True)
class Mention:
    """One span of text naming (or, with ``kind`` != 'name', referring to) an actor."""

    start: int
    end: int
    text: str
    actor: Actor
    kind: str = "name"  # name|title|pronoun|metonym|demonym
    article_id: str = ""

    @property
    def entity_id(self) -> str:
        return self.actor.entity_id


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    country: str = ""
    sector: str = ""
    wikidata: str | None = None
    article_ids: list[str] = field(default_factory=list)
    mentions: int = 0
    key: str = ""


@dataclass(slots=True)
class Quote:
    id: str
    article_id: str
    speaker_entity_id: str | None
    speaker: str | None  # canonical name of the resolved speaker
    speaker_text: str | None  # as written (may be "he", "the minister")
    cue: str | None
    content: str
    start: int  # content span
    end: int
    kind: str  # direct|indirect|mixed
    cluster_id: str | None = None
    # additions
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    channel: str | None = None  # "Telegram", "ONT TV", ...
    country: str = ""
    sector: str = ""
    sources: int = 1  # articles reporting this statement (after linking)
    # the fragments of one statement ('"A," he said, "B."'), [{start, end}] in text order;
    # one span for an unbroken quote. start/end above cover them all.
    spans: list[dict[str, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.spans:
            self.spans = [{"start": self.start, "end": self.end}]

    @staticmethod
    def make_id(article_id: str, start: int, end: int) -> str:
        return stable_id("q", article_id, start, end)

    def contains(self, start: int, end: int) -> bool:
        """Is the text [start, end) inside one of the quoted fragments (not the narration
        between them, e.g. the cue clause of '"A," he said after the talks, "B."')?"""
        return any(s["start"] <= start and end <= s["end"] for s in self.spans)


@dataclass(slots=True)
class EventParty:
    entity_id: str | None
    text: str
    name: str | None = None
    country: str = ""
    sector: str = ""
    start: int | None = None
    end: int | None = None

    @property
    def cameo(self) -> str:
        return f"{self.country}{self.sector}"


@dataclass(slots=True)
class Location:
    name: str
    country: str = ""


@dataclass(slots=True)
class Event:
    id: str
    article_id: str
    event: str  # PLOVER type
    mode: str | None
    quad: str
    actor: EventParty | None
    recipient: EventParty | None
    date: str | None
    date_precision: str | None
    location: Location | None
    sentence: str
    start: int  # sentence span
    end: int
    negated: bool = False
    modality: str = "asserted"
    cluster_id: str | None = None
    sources: int = 1
    # additions
    trigger: str = ""  # the words that carry the event ("imposed sanctions")
    trigger_start: int | None = None
    trigger_end: int | None = None
    intensity: float = 0.0  # -10 (most hostile) .. +10 (most cooperative), Goldstein-like
    quote_id: str | None = None  # when the event exists only inside a statement
    date_text: str | None = None
    confidence: float = 1.0  # probability that this is a real event (the detector's score)
    #: a coded political actor takes part (actor or recipient has a country or sector);
    #: listings, exports and ``newsgraph code`` show complete events unless asked for all
    complete: bool = True
    why: str = ""  # the rule that proposed the event and the detector's score

    @staticmethod
    def make_id(article_id: str, start: int, event: str, actor: str, recipient: str) -> str:
        return stable_id("v", article_id, start, event, actor, recipient)


@dataclass(slots=True)
class Story:
    id: str
    title: str | None
    article_ids: list[str] = field(default_factory=list)
    first_date: str | None = None
    last_date: str | None = None


@dataclass(slots=True)
class PassageOccurrence:
    article_id: str
    start: int
    end: int


@dataclass(slots=True)
class Passage:
    id: str
    text: str
    occurrences: list[PassageOccurrence] = field(default_factory=list)


def field_names(cls: type) -> list[str]:
    """Field names of a record class, in declaration order."""
    return [f.name for f in fields(cls)]
