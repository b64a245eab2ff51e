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

The two tables are recomputed whole. To make this incremental, store the sentence keys
(``sentence_keys(article_id, idx, key, start, end)``), look up only the keys of the new
articles, and recompute the passages of the articles that share a key with them.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

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
    start: int
    end: int
    key: bytes
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
    out = []
    for start, end in split_sentences(text):
        words = _WORD.findall(normalise_text(text[start:end]))
        key = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
        out.append(_Sentence(start, end, key, len(words)))
    return out


def _runs(sents: list[_Sentence], index: dict[bytes, set[str]]) -> list[list[_Sentence]]:
    """Maximal runs of consecutive shared sentences that have the same set of articles."""
    runs: list[list[_Sentence]] = []
    signature: frozenset[str] | None = None
    for s in sents:
        members = index.get(s.key) if s.words >= MIN_SENTENCE_WORDS else None
        sig = frozenset(members) if members and len(members) >= 2 else None
        if sig is not None and sig == signature:
            runs[-1].append(s)
        elif sig is not None:
            runs.append([s])
        signature = sig
    return runs


def shared_passages(articles: Iterable[tuple[str, str]],
                    min_words: int = MIN_WORDS) -> list[Passage]:
    """Passages shared by 2+ of the given ``(article_id, text)`` pairs (pure function)."""
    texts: dict[str, str] = {}
    sentences: dict[str, list[_Sentence]] = {}
    index: dict[bytes, set[str]] = defaultdict(set)
    for article_id, text in articles:
        if article_id in texts:
            continue
        texts[article_id] = text
        sents = _sentences(text)
        sentences[article_id] = sents
        for s in sents:
            if s.words >= MIN_SENTENCE_WORDS:
                index[s.key].add(article_id)

    # runs of consecutive shared sentences with the same signature, per article
    runs: dict[tuple[bytes, ...], dict[str, tuple[int, int]]] = defaultdict(dict)
    run_words: dict[tuple[bytes, ...], int] = {}
    for article_id, sents in sentences.items():
        for run in _runs(sents, index):
            keys = tuple(s.key for s in run)
            # the first occurrence in an article wins (a paragraph printed twice in one
            # article is one occurrence)
            runs[keys].setdefault(article_id, (run[0].start, run[-1].end))
            run_words[keys] = sum(s.words for s in run)

    passages: list[Passage] = []
    for keys, occurrences in runs.items():
        if len(occurrences) < 2 or run_words[keys] < min_words:
            continue
        first_id = min(occurrences)
        start, end = occurrences[first_id]
        text = texts[first_id][start:end]
        passages.append(Passage(
            id=stable_id("p", normalise_text(text)), text=text,
            occurrences=[PassageOccurrence(a, s, e) for a, (s, e) in sorted(occurrences.items())]))
    passages.sort(key=lambda p: (-len(p.occurrences), p.id))
    return passages


def find_passages(store: Store, min_words: int = MIN_WORDS) -> int:
    """Recompute the ``passages`` and ``passage_occurrences`` tables; returns the passage count."""
    def articles() -> Iterable[tuple[str, str]]:
        for batch in store.iter_articles():
            for a in batch:
                yield a.id, a.text or ""

    passages = shared_passages(articles(), min_words=min_words)
    merged: dict[str, Passage] = {}
    for p in passages:  # two runs with the same text (rare) become one passage
        if p.id in merged:
            merged[p.id].occurrences.extend(p.occurrences)
        else:
            merged[p.id] = p
    with store.transaction():
        store.con.execute("DELETE FROM passage_occurrences")
        store.con.execute("DELETE FROM passages")
        store.insert_rows("passages", [{"id": p.id, "text": p.text} for p in merged.values()])
        store.insert_rows("passage_occurrences", [
            {"passage_id": p.id, "article_id": o.article_id, "start": o.start, "end": o.end}
            for p in merged.values() for o in p.occurrences])
    return len(merged)
