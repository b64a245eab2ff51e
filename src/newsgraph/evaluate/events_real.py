"""Scoring event detection on whole real articles (the events_real benchmark format).

Every sentence of each article is labelled with the political events it reports (most with
none). The unit is a (sentence, PLOVER type) pair, as the benchmark's GUIDELINES.md defines:

- an emitted event belongs to the gold sentence holding its trigger (``trigger_start``, else
  ``start``);
- precision = emitted pairs that are gold / emitted pairs; recall = gold pairs emitted /
  gold pairs; listing one act several times neither helps nor hurts;
- full match: a matched pair where some emitted event of that type in that sentence has an
  actor and a recipient that agree with some gold event of that type there (a content word
  in common, or both empty);
- the no-event rate: the share of sentences with no gold event that get an event.

    gold = load_sentences("../shared/bench/events_real/dev/sentences.jsonl")
    report = score_detection(gold, predictions)   # predictions: {article id: [event dicts]}
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .jsonl import read_json_lines

__all__ = ["GoldSentence", "load_articles", "load_sentences", "score_detection",
           "party_agrees", "evaluate_events_real"]

#: words that say nothing about who a party is
_STOP = frozenset({"the", "a", "an", "of", "and", "s", "mr", "ms", "mrs", "dr", "to", "in",
                   "for", "on"})
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(slots=True)
class GoldSentence:
    article_id: str
    sent_id: int
    start: int
    end: int
    text: str
    events: list[dict] = field(default_factory=list)


def load_sentences(path: str | Path) -> list[GoldSentence]:
    """The gold sentences of one split (``sentences.jsonl``)."""
    return [GoldSentence(str(r["article_id"]), int(r["sent_id"]), int(r["start"]),
                         int(r["end"]), r.get("text", ""), list(r.get("events") or []))
            for r in read_json_lines(path)]


def load_articles(path: str | Path) -> list[dict]:
    """The articles of one split (``articles.jsonl``: id, text, date?)."""
    return read_json_lines(path)


def _words(party: Any) -> set[str]:
    if isinstance(party, Mapping):
        party = " ".join(str(party.get(k) or "") for k in ("text", "name", "country"))
    return {w for w in _WORD.findall(str(party or "").lower()) if w not in _STOP}


def party_agrees(predicted: Any, gold: Any) -> bool:
    """A predicted party (an event's actor dict, or None) agrees with a gold one (text)."""
    p, g = _words(predicted), _words(gold)
    if not g:
        return not p
    return bool(p & g)


def score_detection(gold: Iterable[GoldSentence],
                    predictions: Mapping[str, list[dict]]) -> dict[str, Any]:
    """Detection figures for events (dicts as ``newsgraph code`` writes them) per article."""
    sents = list(gold)
    by_article: dict[str, list[GoldSentence]] = defaultdict(list)
    for s in sents:
        by_article[s.article_id].append(s)
    gold_events: dict[tuple, list[dict]] = defaultdict(list)
    for s in sents:
        for e in s.events:
            gold_events[(s.article_id, s.sent_id, e["type"])].append(e)
    emitted: dict[tuple, list[dict]] = defaultdict(list)
    outside = 0
    for aid, events in predictions.items():
        for e in events:
            at = e.get("trigger_start")
            at = e.get("start") if at is None else at
            sent = next((s for s in by_article.get(str(aid), [])
                         if at is not None and s.start <= at < s.end), None)
            if sent is None:
                outside += 1
                continue
            emitted[(sent.article_id, sent.sent_id, e.get("event"))].append(e)
    tp = set(emitted) & set(gold_events)
    full = sum(1 for k in tp if any(party_agrees(p.get("actor"), g.get("actor"))
                                    and party_agrees(p.get("recipient"), g.get("recipient"))
                                    for p in emitted[k] for g in gold_events[k]))
    empty = {(s.article_id, s.sent_id) for s in sents if not s.events}
    fired = {(a, i) for a, i, _ in emitted}
    n_emit, n_gold = len(emitted), len(gold_events)
    p = len(tp) / n_emit if n_emit else 0.0
    r = len(tp) / n_gold if n_gold else 0.0
    by_type: dict[str, dict[str, int]] = defaultdict(lambda: {"gold": 0, "emitted": 0, "tp": 0})
    for k in gold_events:
        by_type[k[2]]["gold"] += 1
    for k in emitted:
        by_type[k[2]]["emitted"] += 1
    for k in tp:
        by_type[k[2]]["tp"] += 1
    return {
        "sentences": len(sents), "gold_pairs": n_gold, "emitted_pairs": n_emit,
        "precision": round(p, 3), "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "full_precision": round(full / n_emit, 3) if n_emit else 0.0,
        "full_recall": round(full / n_gold, 3) if n_gold else 0.0,
        "no_event_rate": round(len(empty & fired) / len(empty), 3) if empty else 0.0,
        "outside": outside,
        "by_type": {t: dict(v) for t, v in sorted(by_type.items())},
    }


def evaluate_events_real(split: str | Path, *, all_events: bool = False,
                         min_confidence: float | None = None, progress=None) -> dict[str, Any]:
    """Run ``newsgraph code`` over a split's articles and score them against its sentences.

    ``split`` is a folder with ``articles.jsonl`` and ``sentences.jsonl`` (events_real/dev).
    """
    from ..api import code_texts

    split = Path(split)
    articles = load_articles(split / "articles.jsonl")
    gold = load_sentences(split / "sentences.jsonl")
    items = progress(iter(articles)) if progress else articles
    predictions = {str(r["id"]): r["events"] for r in code_texts(
        items, all_events=all_events, min_confidence=min_confidence)}
    return {"split": str(split), **score_detection(gold, predictions)}
