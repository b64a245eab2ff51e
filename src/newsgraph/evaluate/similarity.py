"""Scorer for story similarity on SemEval-2022 Task 8 pairs (../shared/bench/semeval22_t8).

Each pair of real news articles was rated by people for how much they report the same story
(``overall``: 1 = same story ... 4 = unrelated). Following ../shared/bench/README.md:

- Pearson correlation between :func:`newsgraph.link.stories.similarity` and ``5 - overall``;
- for pairs rated <= 1.5 (same story) or >= 3 (different story), the share that
  :func:`newsgraph.link.stories.same_story` (the rule story clustering uses) puts in the
  same / in different stories.

Nothing is fitted on these pairs: the weights and the threshold are set in
:mod:`newsgraph.link.stories` a priori.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..link.stories import THRESHOLD, similarity

__all__ = ["DEFAULT_PATH", "evaluate_similarity", "pearson"]

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


def evaluate_similarity(path: str | Path = DEFAULT_PATH,
                        threshold: float = THRESHOLD) -> dict[str, Any]:
    """Score story similarity on SemEval-2022 Task 8 pairs; returns the figures as a dict."""
    rows = _read(Path(path))
    scores = [similarity(r["text1"], r["text2"]) for r in rows]
    gold = [5.0 - r["overall"] for r in rows]
    same = [s >= threshold for s, r in zip(scores, rows, strict=True) if r["overall"] <= 1.5]
    diff = [s < threshold for s, r in zip(scores, rows, strict=True) if r["overall"] >= 3]
    return {
        "pairs": len(rows),
        "pearson": round(pearson(scores, gold), 4),
        "threshold": threshold,
        "same_story_pairs": len(same),
        "same_story_recall": round(sum(same) / len(same), 4) if same else None,
        "different_story_pairs": len(diff),
        "different_story_kept_apart": round(sum(diff) / len(diff), 4) if diff else None,
        "accuracy_on_clear_pairs": (round((sum(same) + sum(diff)) / (len(same) + len(diff)), 4)
                                    if same or diff else None),
    }
