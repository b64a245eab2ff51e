"""Shared passages: text that two or more articles carry word for word (reused wire copy).

How it works, near-linearly in the size of the corpus:

1. every article's cleaned text is cut into sentences (with character offsets);
2. each sentence is reduced to a key (its lower-cased words, so quotes, dashes and spacing
   do not matter) and put in a hash index ``key -> articles``;
3. a sentence is *shared* when its key occurs in two or more articles; its *signature* is
   that set of articles;
4. inside each article, consecutive shared sentences with the same signature form one run;
   a run found in every article of its signature, with enough words, is a passage, with one
   occurrence per article.

Grouping by signature makes the passages consistent across articles: when outlet A reprints
paragraphs 1-4 of a dispatch and outlet B paragraphs 1-5, paragraphs 1-4 (in A, B and the
original) are one passage and paragraph 5 (in B and the original) another.

The two tables are recomputed whole; the sentence index is a DuckDB temporary table, so
memory holds only the shared sentences. To make this incremental, keep that table as a
stored one (``sentence_keys``, a schema migration), add only the new articles' sentences,
and recompute the passages of the articles that share a key with them.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa

from ..records import Passage, PassageOccurrence, normalise_text, stable_id
from ..store.duckdb import Store

__all__ = ["find_passages", "shared_passages", "split_sentences", "MIN_WORDS"]

#: A passage must have at least this many words (a short shared sentence such as
#: "The Kremlin declined to comment." is a coincidence, not reused copy).
MIN_WORDS = 20
#: A sentence shorter than this is never used as evidence on its own.
MIN_SENTENCE_WORDS = 5

# a sentence ends at . ! ? (and any closing quotes/brackets), before space and a capital,
# a digit or an opening quote
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-ZА-ЯЁІЎ0-9])")
_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Sentence:
    idx: int  # position among the article's sentences
    start: int
    end: int
    key: int  # 64-bit hash of the sentence's words
    words: int


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``; paragraphs (lines) never share a sentence.

    >>> text = 'He came. "Yes," she said. Then he left.'
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['He came.', '"Yes," she said.', 'Then he left.']
    """
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        pos, end = line.start(), line.end()
        for b in _BOUNDARY.finditer(text, pos, end):
            _add_span(text, spans, pos, b.end())
            pos = b.end()
        _add_span(text, spans, pos, end)
    return spans


def _add_span(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    # trim whitespace so offsets cover the words only
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _sentences(text: str) -> list[_Sentence]:
    """The sentences long enough to count as evidence, with their positions and keys."""
    out = []
    for idx, (start, end) in enumerate(split_sentences(text)):
        words = _WORD.findall(normalise_text(text[start:end]))
        if len(words) < MIN_SENTENCE_WORDS:
            continue
        digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
        out.append(_Sentence(idx, start, end, int.from_bytes(digest, "big"), len(words)))
    return out


def _runs(sents: list[_Sentence], shared: dict[int, frozenset[str]]) -> list[list[_Sentence]]:
    """Maximal runs of adjacent shared sentences that have the same set of articles."""
    runs: list[list[_Sentence]] = []
    signature: frozenset[str] | None = None
    previous = -2
    for s in sents:
        sig = shared.get(s.key)
        if sig is not None and sig == signature and s.idx == previous + 1:
            runs[-1].append(s)
        elif sig is not None:
            runs.append([s])
        signature, previous = sig, s.idx
    return runs


def _passages(shared_sentences: Iterable[tuple[str, list[_Sentence]]],
              shared: dict[int, frozenset[str]], text_of, min_words: int) -> list[Passage]:
    """Passages from the shared sentences of each article (``text_of(id, start, end)``)."""
    runs: dict[tuple[int, ...], dict[str, tuple[int, int]]] = defaultdict(dict)
    run_words: dict[tuple[int, ...], int] = {}
    for article_id, sents in shared_sentences:
        for run in _runs(sents, shared):
            keys = tuple(s.key for s in run)
            # the first occurrence in an article wins (a paragraph printed twice in one
            # article is one occurrence)
            runs[keys].setdefault(article_id, (run[0].start, run[-1].end))
            run_words[keys] = sum(s.words for s in run)

    merged: dict[str, Passage] = {}
    for keys, occurrences in runs.items():
        if len(occurrences) < 2 or run_words[keys] < min_words:
            continue
        first_id = min(occurrences)
        text = text_of(first_id, *occurrences[first_id])
        pid = stable_id("p", normalise_text(text))
        passage = merged.setdefault(pid, Passage(id=pid, text=text))
        known = {o.article_id for o in passage.occurrences}
        passage.occurrences.extend(PassageOccurrence(a, s, e)
                                   for a, (s, e) in occurrences.items() if a not in known)
    for p in merged.values():
        p.occurrences.sort(key=lambda o: (o.article_id, o.start))
    return sorted(merged.values(), key=lambda p: (-len(p.occurrences), p.id))


def shared_passages(articles: Iterable[tuple[str, str]],
                    min_words: int = MIN_WORDS) -> list[Passage]:
    """Passages shared by 2+ of the given ``(article_id, text)`` pairs (pure, in memory)."""
    texts: dict[str, str] = {}
    sentences: dict[str, list[_Sentence]] = {}
    index: dict[int, set[str]] = defaultdict(set)
    for article_id, text in articles:
        if article_id in texts:
            continue
        texts[article_id] = text
        sentences[article_id] = _sentences(text)
        for s in sentences[article_id]:
            index[s.key].add(article_id)
    shared = {k: frozenset(v) for k, v in index.items() if len(v) >= 2}
    return _passages(sentences.items(), shared,
                     lambda a, start, end: texts[a][start:end], min_words)


def find_passages(store: Store, min_words: int = MIN_WORDS) -> int:
    """Recompute the ``passages`` and ``passage_occurrences`` tables; returns the passage count.

    The sentence index lives in a DuckDB temporary table, so memory holds only the
    sentences that are shared, not the corpus: one pass over the articles writes
    (key, article, position, offsets), one GROUP BY finds the keys in 2+ articles.
    """
    con = store.con
    con.execute("""CREATE OR REPLACE TEMP TABLE _ng_sentences (
                       key UBIGINT, article_id VARCHAR, idx INTEGER, start INTEGER,
                       "end" INTEGER, words INTEGER)""")
    try:
        for batch in store.iter_articles():
            rows = [{"key": s.key, "article_id": a.id, "idx": s.idx, "start": s.start,
                     "end": s.end, "words": s.words}
                    for a in batch for s in _sentences(a.text or "")]
            if rows:
                con.register("_ng_batch", pa.Table.from_pylist(rows, schema=_SENTENCE_SCHEMA))
                try:
                    con.execute("INSERT INTO _ng_sentences SELECT * FROM _ng_batch")
                finally:
                    con.unregister("_ng_batch")
        shared = {r[0]: frozenset(r[1]) for r in con.execute(
            """SELECT key, list(DISTINCT article_id) FROM _ng_sentences
               GROUP BY key HAVING count(DISTINCT article_id) >= 2""").fetchall()}
        by_article: dict[str, list[_Sentence]] = defaultdict(list)
        for key, article_id, idx, start, end, words in con.execute(
                """SELECT s.* FROM _ng_sentences s
                   WHERE s.key IN (SELECT key FROM _ng_sentences GROUP BY key
                                   HAVING count(DISTINCT article_id) >= 2)
                   ORDER BY s.article_id, s.idx""").fetchall():
            by_article[article_id].append(_Sentence(idx, start, end, key, words))
    finally:
        con.execute("DROP TABLE IF EXISTS _ng_sentences")

    def text_of(article_id: str, start: int, end: int) -> str:
        row = con.execute("SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
                          [start + 1, end - start, article_id]).fetchone()
        return row[0] if row else ""

    passages = _passages(by_article.items(), shared, text_of, min_words)
    with store.transaction():
        con.execute("DELETE FROM passage_occurrences")
        con.execute("DELETE FROM passages")
        store.insert_rows("passages", [{"id": p.id, "text": p.text} for p in passages])
        store.insert_rows("passage_occurrences", [
            {"passage_id": p.id, "article_id": o.article_id, "start": o.start, "end": o.end}
            for p in passages for o in p.occurrences])
    return len(passages)


_SENTENCE_SCHEMA = pa.schema([("key", pa.uint64()), ("article_id", pa.string()),
                              ("idx", pa.int32()), ("start", pa.int32()), ("end", pa.int32()),
                              ("words", pa.int32())])
