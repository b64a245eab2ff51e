"""Experiment: a reranker over the rule-based event candidates, measured on held-out data.

The rules propose every event in a sentence; this learns which one is the main event from
features of each candidate (its type, trigger word, rank, modality, parties) and of the
sentence's words (an averaged perceptron; no extra dependency). Figures are reported only on
data the model was not trained on: 5-fold cross-validation on PLV (folds by record order),
and PLV-trained -> GSR. The rule-based path is measured on the same folds.

    python bench/train_event_classifier.py [--plv PATH] [--gsr PATH] [--folds 5]

It writes nothing into the package unless --save PATH is given.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict

from newsgraph.evaluate.events import load_gold, pipeline_predictor

WORDS = True  # sentence-word features (see --no-words)
_WORD = re.compile(r"[a-z]+")
_STOP = {"the", "a", "an", "of", "to", "in", "on", "and", "for", "with", "by", "at", "is",
         "was", "has", "have", "had", "be", "been", "its", "his", "her", "their", "that",
         "it", "as", "from", "said", "says", "will", "would"}


def candidate_features(ev, rank: int, words: set[str]) -> list[str]:
    t = ev.event
    trig = (ev.trigger or "").lower().split()
    f = [f"t={t}", f"t={t}|rank={min(rank, 3)}", f"t={t}|mod={ev.modality}",
         f"t={t}|neg={ev.negated}", f"t={t}|A={ev.actor is not None}",
         f"t={t}|R={ev.recipient is not None}", f"t={t}|conf={ev.confidence}"]
    f += [f"t={t}|trig={w}" for w in trig]
    f += [f"t={t}|w={w}" for w in words] if WORDS else []
    return f


def sentence_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


class Perceptron:
    def __init__(self) -> None:
        self.w: dict[str, float] = defaultdict(float)
        self._total: dict[str, float] = defaultdict(float)
        self._stamp: dict[str, int] = defaultdict(int)
        self.i = 0

    def score(self, feats: list[str]) -> float:
        return sum(self.w.get(f, 0.0) for f in feats)

    def update(self, good: list[str], bad: list[str]) -> None:
        for f, d in [(f, 1.0) for f in good] + [(f, -1.0) for f in bad]:
            self._total[f] += (self.i - self._stamp[f]) * self.w[f]
            self._stamp[f] = self.i
            self.w[f] += d

    def average(self) -> dict[str, float]:
        out = {}
        for f, w in self.w.items():
            total = self._total[f] + (self.i - self._stamp[f]) * w
            if total:
                out[f] = round(total / max(self.i, 1), 4)
        return out


def featurise(gold, predict):
    items = []
    for g in gold:
        evs = predict(g.text)
        words = sentence_words(g.text)
        items.append((g.event, [(e.event, candidate_features(e, r, words))
                                for r, e in enumerate(evs)]))
    return items


def train(items, epochs: int = 8) -> dict[str, float]:
    p = Perceptron()
    for _ in range(epochs):
        for gold, cands in items:
            p.i += 1
            if not cands or gold not in {t for t, _ in cands}:
                continue
            best = max(cands, key=lambda c: p.score(c[1]))
            if best[0] != gold:
                good = next(c for c in cands if c[0] == gold)
                p.update(good[1], best[1])
    return p.average()


def accuracy(items, weights: dict[str, float] | None) -> float:
    right = 0
    for gold, cands in items:
        if not cands:
            continue
        if weights is None:
            pred = cands[0][0]
        else:
            pred = max(cands, key=lambda c: sum(weights.get(f, 0.0) for f in c[1]))[0]
        right += pred == gold
    return right / len(items) if items else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plv", default="../shared/bench/plv/train.jsonl")
    ap.add_argument("--gsr", default="../shared/bench/plover_gsr/PLOVER_GSR_CAMEO.json")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--save", default=None)
    ap.add_argument("--no-words", action="store_true", help="candidate features only")
    args = ap.parse_args()
    global WORDS
    WORDS = not args.no_words
    predict = pipeline_predictor()
    plv = featurise(load_gold(args.plv), predict)
    gsr = featurise(load_gold(args.gsr), predict)
    k = args.folds
    rule_acc, rr_acc = [], []
    for i in range(k):
        test = [x for j, x in enumerate(plv) if j % k == i]
        trn = [x for j, x in enumerate(plv) if j % k != i]
        w = train(trn)
        rule_acc.append(accuracy(test, None))
        rr_acc.append(accuracy(test, w))
    w_all = train(plv)
    report = {
        "plv_cv_rules": round(sum(rule_acc) / k, 4),
        "plv_cv_reranked": round(sum(rr_acc) / k, 4),
        "gsr_rules": round(accuracy(gsr, None), 4),
        "gsr_reranked_trained_on_plv": round(accuracy(gsr, w_all), 4),
        "oracle_plv": round(sum(g in {t for t, _ in c} for g, c in plv) / len(plv), 4),
        "features": len(w_all),
    }
    print(json.dumps(report, indent=1))
    if args.save:
        with open(args.save, "w", encoding="utf-8") as fh:
            json.dump(w_all, fh)


if __name__ == "__main__":
    main()
