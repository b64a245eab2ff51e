"""Scorer for story similarity on SemEval-2022 Task 8 pairs (../shared/bench/semeval22_t8).

Each pair of real news articles was rated by people for how much they report the same story
(``overall``: 1 = same story ... 4 = unrelated). Following ../shared/bench/README.md:

- Pearson correlation between :func:`newsgraph.link.stories.similarity` and ``5 - overall``;
- for pairs rated <= 1.5 (same story) or >= 3 (different story), the share that story
  clustering puts in the same / in different stories when the two texts are clustered
  together (:func:`newsgraph.link.stories.same_story`, which runs the clustering).

Nothing is fitted on these pairs: the weights and the threshold are set in
:mod:`newsgraph.link.stories` a priori. As a check on that threshold, the scorer also reports
what a threshold fitted on the pairs would reach, by 5-fold cross-validation only (fitted on
four folds, counted on the fifth).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..link.stories import THRESHOLD, same_story, similarity

__all__ = ["DEFAULT_PATH", "cross_validated_accuracy", "evaluate_similarity", "pearson"]

DEFAULT_PATH = Path("../shared/bench/semeval22_t8/train_en.jsonl")


def pearson(xs: list[float], ys: list[float]) -> float:
    """Pearson's r (0.0 when either side is constant)."""
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def _best_threshold(pairs: list[tuple[float, bool]]) -> float:
    """The threshold that puts most of ``(score, same_story)`` pairs on the right side."""
    cuts = sorted({s for s, _ in pairs})
    best, best_right = THRESHOLD, -1
    for cut in cuts:
        right = sum((s >= cut) == same for s, same in pairs)
        if right > best_right:
            best, best_right = cut, right
    return best


def cross_validated_accuracy(pairs: list[tuple[float, bool]], folds: int = 5) -> float | None:
    """Accuracy of a fitted threshold, each fold judged by a threshold fitted on the others."""
    if len(pairs) < folds:
        return None
    right = 0
    for k in range(folds):
        train = [p for i, p in enumerate(pairs) if i % folds != k]
        cut = _best_threshold(train)
        right += sum((s >= cut) == same for i, (s, same) in enumerate(pairs) if i % folds == k)
    return right / len(pairs)


def _read(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise InputError("no such file (the SemEval pairs live in ../shared/bench)", path=str(path))
    rows = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                rows.append({"pair_id": row["pair_id"], "text1": row["text1"] or "",
                             "text2": row["text2"] or "", "overall": float(row["overall"])})
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"not a SemEval pair: {exc}", path=str(path), line=number) from exc
    return rows


def evaluate_similarity(path: str | Path = DEFAULT_PATH) -> dict[str, Any]:
    """Score story similarity on SemEval-2022 Task 8 pairs; returns the figures as a dict."""
    rows = _read(Path(path))
    scores = [similarity(r["text1"], r["text2"]) for r in rows]
    gold = [5.0 - r["overall"] for r in rows]
    # the clustering decision itself: both texts of a pair clustered together
    same = [same_story(r["text1"], r["text2"]) for r in rows if r["overall"] <= 1.5]
    diff = [not same_story(r["text1"], r["text2"]) for r in rows if r["overall"] >= 3]
    clear = [(s, r["overall"] <= 1.5) for s, r in zip(scores, rows, strict=True)
             if r["overall"] <= 1.5 or r["overall"] >= 3]
    cv = cross_validated_accuracy(clear)
    return {
        "pairs": len(rows),
        "pearson": round(pearson(scores, gold), 4),
        "threshold": THRESHOLD,
        "same_story_pairs": len(same),
        "same_story_recall": round(sum(same) / len(same), 4) if same else None,
        "different_story_pairs": len(diff),
        "different_story_kept_apart": round(sum(diff) / len(diff), 4) if diff else None,
        "accuracy_on_clear_pairs": (round((sum(same) + sum(diff)) / (len(same) + len(diff)), 4)
                                    if same or diff else None),
        "cv5_accuracy_fitted_threshold": round(cv, 4) if cv is not None else None,
    }
