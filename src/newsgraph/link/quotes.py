"""The same statement across articles: quote clusters (``quotes.cluster_id``, ``sources``).

Two quotes join when their speakers are compatible (the same entity, the same surname, or
one unknown) and their words agree: content-word Jaccard >= ``min_jaccard``, or one's content
words lie almost wholly inside the other's (an outlet quoting part of a statement), or
rapidfuzz's token-set ratio is high. Content words are lower-cased, lightly stemmed words
that are not stop words, so two translations of one statement ("we should, perhaps, not talk
about some kind of reset" / "Perhaps, we don't need not talk about some kind of reset") share
most of them.

Cost stays near-linear: candidates come from an inverted index over content words, skipping
words found in more than ``max_df`` quotes, and only pairs sharing two or more indexed words
are compared. Linking is incremental: quotes with a cluster already keep it, and only quotes
without one (new or re-annotated) are compared with the rest; ``full=True`` recomputes all.

A singleton's cluster id is ``stable_id("qc", quote id)``; a cluster takes the smallest id of
the clusters it absorbs, so ids stay stable as articles arrive.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from ..records import Quote, stable_id
from ..store.duckdb import Store

__all__ = ["cluster_quotes", "content_words", "same_statement", "query_quotes", "QuoteCluster"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _stem(word: str) -> str:
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    """Lower-cased, lightly stemmed words of ``text`` that are not stop words."""
    words = (w.lower().replace("’", "'") for w in _WORD.findall(text))
    return frozenset(_stem(w) for w in words if w not in STOP_WORDS and len(w) > 2
                     and w.split("'")[0] not in STOP_WORDS and not w.endswith("n't"))


def _surname(name: str | None) -> str:
    words = _WORD.findall(name or "")
    return words[-1].lower() if words else ""


_NOT_NAMES = frozenset("the a an he she they it we i his her their its this that".split())


def _proper_name(text: str | None) -> bool:
    """'Sergei Lavrov' is a name; 'the minister', 'he', 'The Foreign Ministry' are not."""
    words = _WORD.findall(text or "")
    return bool(words) and words[0].lower() not in _NOT_NAMES and all(w[0].isupper() for w in words)


def _speakers_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same entity or surname, or at least one speaker unknown (unresolved and not a name)."""
    if a["speaker_entity_id"] and a["speaker_entity_id"] == b["speaker_entity_id"]:
        return True

    def names(r: dict[str, Any]) -> set[str]:
        out = {_surname(r["speaker"])} if r["speaker"] else set()
        if _proper_name(r["speaker_text"]):
            out.add(_surname(r["speaker_text"]))
        return out - {""}

    names_a, names_b = names(a), names(b)
    if not names_a or not names_b:
        return True
    return bool(names_a & names_b)


def same_statement(a: str, b: str, *, min_jaccard: float = 0.5,
                   min_containment: float = 0.8, min_ratio: float = 85.0) -> bool:
    """Do two quote contents report the same statement (ignoring who said them)?"""
    wa, wb = content_words(a), content_words(b)
    return _words_agree(a, b, wa, wb, min_jaccard, min_containment, min_ratio)


def _words_agree(a: str, b: str, wa: frozenset[str], wb: frozenset[str], min_jaccard: float,
                 min_containment: float, min_ratio: float) -> bool:
    if len(wa) < 3 or len(wb) < 3:  # few content words: the same words in the same order
        na, nb = _WORD.findall(a.lower()), _WORD.findall(b.lower())
        return len(na) >= 4 and na == nb
    shared = len(wa & wb)
    if shared / len(wa | wb) >= min_jaccard:
        return True
    if min(len(wa), len(wb)) >= 4 and shared / min(len(wa), len(wb)) >= min_containment:
        return True
    return fuzz.token_set_ratio(" ".join(sorted(wa)), " ".join(sorted(wb))) >= min_ratio


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def cluster_quotes(store: Store, *, full: bool = False, min_jaccard: float = 0.5,
                   min_containment: float = 0.8, min_ratio: float = 85.0,
                   max_df: int = 200) -> int:
    """Give every quote a ``cluster_id`` and ``sources``; returns the clusters with 2+ quotes.

    Example:
        >>> with Store.open("newsgraph.duckdb") as store:   # doctest: +SKIP
        ...     cluster_quotes(store)
        12
    """
    rows = store.rows("SELECT id, article_id, speaker_entity_id, speaker, speaker_text, content, "
                      "cluster_id, sources FROM quotes ORDER BY id")
    if not rows:
        return 0
    if full:
        for r in rows:
            r["cluster_id"] = None
    todo = [i for i, r in enumerate(rows) if r["cluster_id"] is None]
    words = [content_words(r["content"] or "") for r in rows]
    uf = _UnionFind(len(rows))
    # existing clusters stay together
    first_of: dict[str, int] = {}
    for i, r in enumerate(rows):
        if r["cluster_id"] is not None:
            j = first_of.setdefault(r["cluster_id"], i)
            uf.union(i, j)
    if todo:
        df = Counter(w for ws in words for w in ws)
        index: dict[str, list[int]] = defaultdict(list)
        for i, ws in enumerate(words):
            for w in ws:
                if df[w] <= max_df:
                    index[w].append(i)
        for i in todo:
            shared: Counter[int] = Counter()
            for w in words[i]:
                if df[w] <= max_df:
                    shared.update(j for j in index[w] if j != i)
            for j, n in shared.items():
                if n < 2 or uf.find(i) == uf.find(j):
                    continue
                # a pair of two new quotes is seen twice; compare it once
                if rows[j]["cluster_id"] is None and j < i:
                    continue
                if _speakers_compatible(rows[i], rows[j]) and _words_agree(
                        rows[i]["content"] or "", rows[j]["content"] or "", words[i], words[j],
                        min_jaccard, min_containment, min_ratio):
                    uf.union(i, j)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(rows)):
        members[uf.find(i)].append(i)
    updates = []
    multi = 0
    for group in members.values():
        old = sorted({rows[i]["cluster_id"] for i in group if rows[i]["cluster_id"]})
        cid = old[0] if old else stable_id("qc", min(rows[i]["id"] for i in group))
        sources = len({rows[i]["article_id"] for i in group})
        multi += len(group) > 1
        for i in group:
            if rows[i]["cluster_id"] != cid or rows[i]["sources"] != sources or full:
                updates.append({"id": rows[i]["id"], "cluster_id": cid, "sources": sources})
    if updates:
        with store.transaction():
            store.con.register("_qc", pa.Table.from_pylist(updates))
            try:
                store.con.execute("UPDATE quotes SET cluster_id = u.cluster_id, sources = u.sources "
                                  "FROM _qc u WHERE quotes.id = u.id")
            finally:
                store.con.unregister("_qc")
    return multi


# ---------------------------------------------------------------- queries

@dataclass(slots=True)
class QuoteCluster:
    cluster_id: str
    quotes: list[Quote]

    @property
    def sources(self) -> int:
        return len({q.article_id for q in self.quotes})

    @property
    def representative(self) -> Quote:
        """The longest report of the statement."""
        return max(self.quotes, key=lambda q: (len(q.content), q.id))


def _has_table(store: Store, name: str) -> bool:
    return bool(store.rows("SELECT 1 FROM information_schema.tables WHERE table_name = ?", [name]))


def query_quotes(store: Store, *, speaker: str | None = None, like: bool = False,
                 limit: int | None = None) -> list[Quote]:
    """Stored quotes, optionally by speaker (case-insensitive, against the speaker's name, the
    words as written, and the entity's name and aliases), most reported first.

    ``speaker`` is found as written anywhere in those names ("%" and "_" are plain
    characters); with ``like`` it is an SQL LIKE pattern matched against the whole name.
    """
    where, params = "", []
    if speaker:
        value = speaker.lower()
        if like:
            match = "lower({}) LIKE ?"
            alias = "EXISTS (SELECT 1 FROM (SELECT unnest(aliases) AS a) WHERE lower(a) LIKE ?)"
        else:
            match = "contains(lower({}), ?)"
            alias = "contains(lower(array_to_string(aliases, '|')), ?)"
        where = f"({match.format('speaker')} OR {match.format('speaker_text')}"
        params = [value, value]
        if _has_table(store, "entities"):
            where += (" OR speaker_entity_id IN (SELECT id FROM entities WHERE "
                      f"{match.format('name')} OR coalesce({alias}, FALSE))")
            params += [value, value]
        where += ")"
    return store.records(Quote, where, params, order="sources DESC, article_id, start",
                         limit=limit)


def group_by_cluster(quotes: list[Quote]) -> list[QuoteCluster]:
    """Quotes grouped by ``cluster_id`` (a quote not yet linked stands alone), most sources first."""
    groups: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        groups[q.cluster_id or stable_id("qc", q.id)].append(q)
    clusters = [QuoteCluster(cid, qs) for cid, qs in groups.items()]
    return sorted(clusters, key=lambda c: (-c.sources, c.cluster_id))
