"""Stories: articles that report the same news story, grouped into one cluster.

:func:`similarity` scores two texts in [0, 1] (1 = the same story) from three cheap signals:

- lexical overlap: cosine of sublinear term weights over content words (stop words dropped,
  light stemming), weighted by IDF when a corpus is at hand;
- named-entity overlap: cosine over capitalised names (people, places, bodies) and numbers,
  the words that pin a story down;
- date proximity, when both dates are known: articles weeks apart are rarely one story.

:func:`same_story` is the one decision rule (a threshold on the score), used both by
:func:`cluster_stories` and by the SemEval scorer.

:func:`cluster_stories` is near-linear: MinHash LSH (datasketch) over each article's
content-word set proposes candidate pairs (articles that share a passage are candidates too),
each candidate is scored, and pairs that pass :func:`same_story` are merged in order of
score. A merge must also pass an average-linkage check on a bounded sample of the two
clusters, so one bridging article cannot chain two different stories together.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import pyarrow as pa

from ..records import Story, stable_id
from ..store.duckdb import Store

__all__ = [
    "THRESHOLD",
    "Clustering",
    "Item",
    "cluster_articles",
    "cluster_stories",
    "features",
    "same_story",
    "similarity",
]

#: Score at or above which two articles are one story (set a priori; see the evaluation
#: in docs/QUALITY.md for how it fares on SemEval-2022 Task 8).
THRESHOLD = 0.30
#: Weights of the lexical and the entity signal (they sum to 1).
W_LEXICAL = 0.5
W_ENTITY = 0.5
#: Days after which the date factor halves the score.
DATE_HALF_LIFE = 14.0
#: Corpus size from which IDF weights count fully (below, they are shrunk towards 1).
IDF_MIN_DOCS = 20
#: Share of the shorter article two articles must have word for word to be reprints of one
#: story (a reused background paragraph is less than this).
REPRINT_SHARE = 0.5
#: How many members of each cluster the anti-chaining check compares.
LINK_SAMPLE = 5

_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # a plain set; no model is loaded

    extra = {"said", "says", "say", "told", "according", "also", "would", "could", "year",
             "years", "new", "one", "two", "mr", "mrs", "ms", "monday", "tuesday", "wednesday",
             "thursday", "friday", "saturday", "sunday", "week", "day", "time", "people"}
    return frozenset(STOP_WORDS) | extra


STOP = _stop_words()


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """A deliberately light stemmer: plural and verb endings only."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: len(word) - len(suffix)] + keep
    return word


@dataclass(slots=True)
class Features:
    """What :func:`similarity` needs from one text (computed once per article)."""

    terms: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)


_OPENERS = "\"'“‘«([ \t"


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the token at ``start`` opens a sentence (or a line)."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in ".!?\n\r"


def features(text: str) -> Features:
    """Content-word and name counts of ``text``."""
    terms: list[str] = []
    names: list[str] = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        low = tok.lower()
        if tok[0].isdigit():
            if len(tok) >= 2:  # "5-2", "2020", "1.5": numbers name a story's facts
                names.append(low)
            continue
        if len(low) < 3 or low in STOP:
            continue
        terms.append(_stem(low))
        # a capitalised word is a name unless it only starts a sentence
        if tok[0].isupper() and not _starts_sentence(text, m.start()):
            names.append(low)
    return Features(Counter(terms), Counter(names))


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _weights(counts: Counter, idf: Mapping[str, float] | None) -> dict[str, float]:
    return {k: (1.0 + math.log(v)) * (idf.get(k, 1.0) if idf else 1.0)
            for k, v in counts.items()}


def _date_factor(d1: str | None, d2: str | None) -> float:
    try:
        days = abs((date.fromisoformat(d1[:10]) - date.fromisoformat(d2[:10])).days)  # type: ignore[index]
    except (TypeError, ValueError):
        return 1.0
    return 0.5 ** (max(0, days - 2) / DATE_HALF_LIFE)


def feature_similarity(f1: Features, f2: Features, date1: str | None = None,
                       date2: str | None = None, idf: Mapping[str, float] | None = None,
                       ) -> float:
    """:func:`similarity` on precomputed :class:`Features`."""
    lexical = _cosine(_weights(f1.terms, idf), _weights(f2.terms, idf))
    names = _cosine(_weights(f1.names, idf), _weights(f2.names, idf))
    score = W_LEXICAL * lexical + W_ENTITY * names
    return max(0.0, min(1.0, score * _date_factor(date1, date2)))


def similarity(text1: str, text2: str, date1: str | None = None,
               date2: str | None = None) -> float:
    """How much two texts report the same story, in [0, 1] (1 = the same story).

    >>> a = "Putin met Lukashenko in Sochi on Monday to discuss a loan."
    >>> b = "Lukashenko and Putin held talks in Sochi about the Russian loan."
    >>> c = "Ethiopia rejected Sudan's proposal on the Nile dam."
    >>> similarity(a, b) > similarity(a, c)
    True
    """
    return feature_similarity(features(text1), features(text2), date1, date2)


# ---------------------------------------------------------------- clustering

class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}
        self.members = {i: [i] for i in self.parent}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))


@dataclass(slots=True)
class _Vector:
    """An article's weighted terms and names with their norms (computed once)."""

    terms: dict[str, float]
    names: dict[str, float]
    tnorm: float
    nnorm: float


def _vector(f: Features, idf: Mapping[str, float]) -> _Vector:
    terms, names = _weights(f.terms, idf), _weights(f.names, idf)
    return _Vector(terms, names, math.sqrt(sum(v * v for v in terms.values())),
                   math.sqrt(sum(v * v for v in names.values())))


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _vector_similarity(x: _Vector, y: _Vector) -> float:
    lexical = _dot(x.terms, y.terms) / (x.tnorm * y.tnorm) if x.tnorm and y.tnorm else 0.0
    names = _dot(x.names, y.names) / (x.nnorm * y.nnorm) if x.nnorm and y.nnorm else 0.0
    return W_LEXICAL * lexical + W_ENTITY * names


def _signature(v: _Vector, df: Mapping[str, int], size: int) -> set[str]:
    """The article's most distinctive shared words (highest tf-idf, in 2+ articles).

    Full word sets of any two news articles overlap a little; the distinctive words of two
    articles overlap when they tell the same story, so LSH proposes far fewer pairs. Words
    found in one article only can never match and are left out.
    """
    ranked = sorted(((k, w) for k, w in v.terms.items() if df.get(k, 0) >= 2),
                    key=lambda kv: (-kv[1], kv[0]))[:size]
    named = sorted(((k, w) for k, w in v.names.items() if df.get(k, 0) >= 2),
                   key=lambda kv: (-kv[1], kv[0]))[: size // 2]
    return {k for k, _ in ranked} | {"#" + k for k, _ in named}


def _window(published: str | None) -> int | None:
    """A 14-day window number for a publication date (None when undated)."""
    try:
        return date.fromisoformat(published[:10]).toordinal() // 14  # type: ignore[index]
    except (TypeError, ValueError):
        return None


@dataclass(slots=True)
class Item:
    """One article as story clustering sees it."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None


@dataclass(slots=True)
class Clustering:
    """The result of :func:`cluster_articles`: member lists and the story title of each."""

    clusters: list[list[str]]
    titles: dict[str, str | None]  # first member id -> title


def cluster_articles(items: Iterable[Item],
                     linked_pairs: Mapping[tuple[str, str], float] | Iterable[tuple[str, str]] = (),
                     threshold: float | None = None, num_perm: int = 128,
                     lsh_threshold: float = 0.1, signature_size: int = 32) -> Clustering:
    """Group articles into stories (pure function; :func:`cluster_stories` stores the result).

    ``linked_pairs`` are extra candidate pairs (articles sharing a passage); given as a
    mapping, each pair carries the share of the shorter article that the two have word for
    word, and a pair reprinting at least REPRINT_SHARE of it is one story whatever the
    lexical score and the dates say (a wrong date on one reprint must not split it). Features of
    every article are held in memory (a few KB each).
    """
    from datasketch import MinHash, MinHashLSH

    threshold = THRESHOLD if threshold is None else threshold
    feats: dict[str, Features] = {}
    meta: dict[str, tuple[str | None, str | None]] = {}  # id -> (title, published)
    for it in items:
        feats[it.id] = features(f"{it.title or ''}\n{it.text or ''}")
        meta[it.id] = (it.title, it.published)
    if not feats:
        return Clustering([], {})

    # IDF over the corpus: words common in this corpus say little about a story
    n = len(feats)
    df: Counter = Counter()
    for f in feats.values():
        df.update(set(f.terms) | set(f.names))
    # IDF from a handful of articles is noise: shrink it towards 1 (no weighting) until
    # the corpus has IDF_MIN_DOCS articles
    shrink = min(1.0, (n - 1) / IDF_MIN_DOCS)
    idf = {k: 1.0 + shrink * math.log((1 + n) / (1 + v)) for k, v in df.items()}
    vectors = {aid: _vector(f, idf) for aid, f in feats.items()}
    del feats

    # candidate pairs: MinHash LSH over distinctive-word signatures, one index per 14-day
    # window (stories are local in time; articles weeks apart fail the date factor anyway),
    # each article querying its own and the neighbouring windows; undated articles go into
    # their own index, which every article queries
    indexes: dict[int | None, MinHashLSH] = {}
    hashes: dict[str, MinHash] = {}
    for aid, v in vectors.items():
        mh = MinHash(num_perm=num_perm, seed=7)
        mh.update_batch([t.encode("utf-8") for t in _signature(v, df, signature_size)])
        hashes[aid] = mh
        window = _window(meta[aid][1])
        if window not in indexes:
            indexes[window] = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
        indexes[window].insert(aid, mh)
    pairs: set[tuple[str, str]] = set()
    for aid, mh in hashes.items():
        window = _window(meta[aid][1])
        near = (list(indexes) if window is None
                else [window - 1, window, window + 1, None])
        for w in near:
            if w not in indexes:
                continue
            for other in indexes[w].query(mh):
                if other != aid:
                    pairs.add((min(aid, other), max(aid, other)))
    del hashes, indexes
    if len(vectors) <= 3:  # tiny input: every pair is a candidate (LSH is probabilistic)
        ids = sorted(vectors)
        pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
    shares: dict[tuple[str, str], float] = {}
    if isinstance(linked_pairs, Mapping):
        for (x, y), share in linked_pairs.items():
            key = (min(x, y), max(x, y))
            shares[key] = max(shares.get(key, 0.0), share)
        linked_pairs = list(linked_pairs)
    pairs.update((min(x, y), max(x, y)) for x, y in linked_pairs
                 if x in vectors and y in vectors and x != y)

    def score(x: str, y: str) -> float:
        s = _vector_similarity(vectors[x], vectors[y]) * _date_factor(meta[x][1], meta[y][1])
        share = shares.get((x, y) if x < y else (y, x), 0.0)
        if share >= REPRINT_SHARE:
            s = max(s, share)
        return max(0.0, min(1.0, s))

    scored = sorted(((score(x, y), x, y) for x, y in pairs), reverse=True)
    uf = _UnionFind(vectors)
    for s, x, y in scored:
        if s < threshold:
            break
        rx, ry = uf.find(x), uf.find(y)
        if rx == ry:
            continue
        # anti-chaining: the two clusters must be similar on average, not just via x and y
        mx, my = uf.members[rx][:LINK_SAMPLE], uf.members[ry][:LINK_SAMPLE]
        if len(mx) > 1 or len(my) > 1:
            avg = sum(score(a, b) for a in mx for b in my) / (len(mx) * len(my))
            if avg < threshold * 0.8:
                continue
        uf.union(x, y)

    clusters = sorted(sorted(m) for m in uf.members.values())
    titles: dict[str, str | None] = {}
    for members in clusters:
        dated = sorted((meta[m][1], m) for m in members if meta[m][1])
        # the title is the earliest article's; among articles of the earliest day (or all,
        # when none is dated), the most central one (closest to the others) speaks for it
        earliest = [m for d, m in dated if d == dated[0][0]] if dated else members
        sample = members[:LINK_SAMPLE * 4]
        first = max(earliest[:LINK_SAMPLE * 4], key=lambda m, sample=sample: (
            sum(score(m, o) for o in sample if o != m), -sample.index(m) if m in sample else 0))
        titles[members[0]] = meta[first][0]
    return Clustering(clusters, titles)


def same_story(text1: str, text2: str, date1: str | None = None,
               date2: str | None = None) -> bool:
    """Whether story clustering puts these two texts, ingested together, in one story.

    The decision rule shared by :func:`cluster_stories` and the SemEval scorer.
    """
    result = cluster_articles([Item("1", text1, published=date1), Item("2", text2, published=date2)])
    return len(result.clusters) == 1


def cluster_stories(store: Store, threshold: float | None = None) -> int:
    """Group the stored articles into stories; rewrites ``stories`` and ``articles.story_id``.

    Returns the number of stories (every article belongs to exactly one; a story may have a
    single article). Story ids are stable: a story's id is derived from its smallest
    article id; its dates span its articles' publication dates.

    The whole table is recomputed. To make it incremental, keep each article's signature
    and MinHash in the store, query the LSH indexes with the new articles only, and
    re-cluster just the stories they touch.
    """
    items: list[Item] = []
    published: dict[str, str | None] = {}
    for batch in store.iter_articles():
        for a in batch:
            items.append(Item(a.id, a.text or "", a.title, a.published))
            published[a.id] = a.published
    # pairs of articles sharing passages, with the share of the shorter one they share
    linked = {(r["x"], r["y"]): r["share"] for r in store.rows(
        """SELECT a.article_id AS x, b.article_id AS y,
                  sum(a."end" - a.start) / greatest(1, least(length(ta.text), length(tb.text)))
                      AS share
           FROM passage_occurrences a
           JOIN passage_occurrences b ON a.passage_id = b.passage_id
                                      AND a.article_id < b.article_id
           JOIN articles ta ON ta.id = a.article_id
           JOIN articles tb ON tb.id = b.article_id
           GROUP BY a.article_id, b.article_id, ta.text, tb.text""")}
    result = cluster_articles(items, linked, threshold=threshold)
    del items

    stories: list[Story] = []
    assignment: list[dict[str, str]] = []
    for members in result.clusters:
        dates = sorted(d for m in members if (d := published[m]))
        story = Story(id=stable_id("s", members[0]), title=result.titles[members[0]],
                      article_ids=members, first_date=dates[0] if dates else None,
                      last_date=dates[-1] if dates else None)
        stories.append(story)
        assignment.extend({"id": m, "story_id": story.id} for m in members)

    with store.transaction():
        store.replace_table(Story, stories)
        if assignment:
            store.con.register("_story_ids", pa.Table.from_pylist(assignment))
            try:
                store.con.execute("""UPDATE articles SET story_id = s.story_id
                                     FROM _story_ids s WHERE articles.id = s.id""")
            finally:
                store.con.unregister("_story_ids")
    return len(stories)
