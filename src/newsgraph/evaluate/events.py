"""Scoring event coding on PLOVER-labelled sentences (PLV jsonl, PLOVER GSR json).

Scoring rules (../shared/bench/README.md): each sentence goes through the full pipeline, as
``newsgraph code`` would; its main event is the first event listed. Event accuracy = the
main event's type equals the gold label; full match = type right and the actor and recipient
text overlap the gold source and target (for GSR any listed actor text; an empty gold side
matches anything). Also macro-F1 over types and the confusion matrix (gold -> predicted,
"NONE" when no event was produced).

A third figure needs no benchmark: the false-event rate on :data:`NO_INTERACTION`, sentences
written for this project that report no interaction between actors.

    report = evaluate_events(["../shared/bench/plv/train.jsonl"])
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .jsonl import parse_json_lines

__all__ = ["GoldSentence", "EventScore", "load_gold", "score_events", "evaluate_events",
           "false_event_rate", "NO_INTERACTION", "GSR_LABELS", "DEFAULT_PATHS"]

DEFAULT_PATHS = ("../shared/bench/plv/train.jsonl",
                 "../shared/bench/plover_gsr/PLOVER_GSR_CAMEO.json")

#: Older PLOVER (v0.5) labels in the GSR and PLV's YIELD, mapped to the 16 types.
GSR_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT",
              "INVESTIGATE": "ACCUSE", "YIELD": "CONCEDE"}

#: Sentences with no interaction between actors (written for newsgraph): a coder should
#: produce no event for them.
NO_INTERACTION = (
    "The weather in Minsk was cold and windy on Sunday.",
    "The central bank kept its key interest rate unchanged at 7.75 percent.",
    "Belarus has a population of about 9.4 million people.",
    "The new bridge over the river will be 300 metres long.",
    "Shares in the state oil company rose by two percent on Tuesday.",
    "The museum reopened after a two-year renovation.",
    "Inflation slowed to 5.1 percent in January, the statistics office said.",
    "The harvest of potatoes was larger than last year.",
    "The film festival opens in the capital next week.",
    "Snow is expected across the northern regions on Friday.",
    "The ministry published its annual report on road safety.",
    "The national football team finished third in the tournament.",
    "The company opened a new factory producing tractors near Gomel.",
    "Prices for bread and milk remained stable in February.",
    "The president's plane landed in the capital shortly after noon.",
    "A new metro line is under construction in the city centre.",
    "The exhibition features paintings by local artists.",
    "The state budget deficit narrowed to 1.2 percent of GDP.",
    "Tourism to the lake district grew by a fifth this summer.",
    "The university launched a new course in computer science.",
    "Heavy rain flooded several streets in the old town on Monday.",
    "The parliament's spring session will start in April.",
    "The population of the capital passed two million last year.",
    "Exports of dairy products increased in the first quarter.",
    "The minister was born in a small village near the border.",
    "Engineers finished testing the new nuclear power plant's second reactor.",
    "Fuel prices at petrol stations went up by one percent.",
    "The country celebrated Independence Day with a concert.",
    "The airline added three new routes to its summer schedule.",
    "The election commission printed five million ballots.",
)


@dataclass(slots=True)
class GoldSentence:
    id: str
    text: str
    event: str
    sources: list[str]
    targets: list[str]


@dataclass(slots=True)
class EventScore:
    name: str
    n: int = 0
    correct: int = 0
    full: int = 0
    confusion: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def full_match(self) -> float:
        return self.full / self.n if self.n else 0.0

    def f1_by_type(self) -> dict[str, float]:
        labels = sorted(set(self.confusion) | {p for c in self.confusion.values() for p in c})
        out = {}
        for lab in labels:
            if lab == "NONE" or lab not in self.confusion:
                continue
            tp = self.confusion[lab][lab]
            fp = sum(c[lab] for g, c in self.confusion.items() if g != lab)
            fn = sum(self.confusion[lab].values()) - tp
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            out[lab] = 2 * p * r / (p + r) if p + r else 0.0
        return out

    @property
    def macro_f1(self) -> float:
        f1 = self.f1_by_type()
        return sum(f1.values()) / len(f1) if f1 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "n": self.n, "accuracy": round(self.accuracy, 4),
                "full_match": round(self.full_match, 4), "macro_f1": round(self.macro_f1, 4),
                "f1_by_type": {k: round(v, 4) for k, v in self.f1_by_type().items()},
                "confusion": {g: dict(c) for g, c in sorted(self.confusion.items())}}


# ------------------------------------------------------------------ loading

def _texts(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [value.get("actorText") or ""] if value.get("actorText") else []
    return [t for v in value for t in _texts(v)]


def load_gold(path: str | Path) -> list[GoldSentence]:
    """PLV-style JSON lines or a GSR-style JSON list; DOCUMENT records skipped."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read gold events: {exc}", path=str(path)) from exc
    stripped = raw.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON: {exc}", path=str(path)) from exc
    else:
        items = parse_json_lines(raw, path)
    out = []
    for i, item in enumerate(items):
        label = str(item.get("event") or "").upper()
        if not item.get("text") or not label or label == "DOCUMENT":
            continue
        out.append(GoldSentence(str(item.get("id", i)), item["text"], GSR_LABELS.get(label, label),
                                _texts(item.get("source")), _texts(item.get("target"))))
    return out


# ------------------------------------------------------------------ matching

_WORD = re.compile(r"[\w$]+")
_STOP = {"the", "a", "an", "of", "in", "on", "and", "to", "for", "'s", "s", "its", "his", "her",
         "their"}


def _overlaps(text: str, start: int | None, end: int | None, pred_text: str,
              golds: list[str]) -> bool:
    if not golds:
        return True
    if start is None or not pred_text:
        return False
    pred_words = {w.lower() for w in _WORD.findall(pred_text)} - _STOP
    for g in golds:
        pos = text.find(g)
        if pos >= 0:
            if start < pos + len(g) and pos < end:
                return True
            continue
        if pred_words & ({w.lower() for w in _WORD.findall(g)} - _STOP):
            return True
    return False


def score_events(gold: Iterable[GoldSentence], predict: Callable[[str], list],
                 name: str = "events") -> EventScore:
    """Score ``predict(text) -> list[Event]`` (most prominent first) against gold sentences."""
    score = EventScore(name)
    for g in gold:
        events = predict(g.text)
        main = events[0] if events else None
        label = main.event if main else "NONE"
        score.n += 1
        score.confusion[g.event][label] += 1
        if label != g.event:
            continue
        score.correct += 1
        a, r = main.actor, main.recipient
        if _overlaps(g.text, a and a.start, a and a.end, a.text if a else "", g.sources) and \
                _overlaps(g.text, r and r.start, r and r.end, r.text if r else "", g.targets):
            score.full += 1
    return score


def false_event_rate(predict: Callable[[str], list],
                     sentences: Iterable[str] = NO_INTERACTION) -> tuple[float, int, list[str]]:
    """Share of no-interaction sentences given an event, their count, and those sentences."""
    sentences = list(sentences)
    wrong = [s for s in sentences if predict(s)]
    return (len(wrong) / len(sentences) if sentences else 0.0), len(sentences), wrong


def pipeline_predictor(nlp=None, date: str | None = None, *,
                       all_events: bool = False) -> Callable[[str], list]:
    """``text -> events`` through the full newsgraph pipeline, as ``newsgraph code`` runs it:
    the trusted events only (complete, at the detector's operating point) unless
    ``all_events``."""
    from ..nlp.doc_ext import ensure_extensions
    from ..nlp.pipeline import build_pipeline, event_operating_point

    nlp = nlp or build_pipeline(quiet=True)
    threshold = 0.0 if all_events else event_operating_point(nlp)
    ensure_extensions()

    def predict(text: str) -> list:
        doc = nlp.make_doc(text)
        doc._.ng_date = date
        doc._.ng_article_id = "eval"
        doc._.ng_dateline = None
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return [e for e in doc._.events or []
                if e.confidence >= threshold and (all_events or e.complete)]

    return predict


def evaluate_events(paths: Iterable[str | Path] = DEFAULT_PATHS, *, nlp=None,
                    progress: Callable[[Iterator], Iterator] | None = None) -> dict[str, Any]:
    """Scores per gold file plus the false-event rate, as a JSON-ready dict."""
    predict = pipeline_predictor(nlp)
    report: dict[str, Any] = {"datasets": []}
    for path in paths:
        gold = load_gold(path)
        items: Iterable[GoldSentence] = progress(iter(gold)) if progress else gold
        report["datasets"].append({"path": str(path), **score_events(items, predict,
                                                                      Path(path).name).to_dict()})
    rate, n, wrong = false_event_rate(predict)
    report["no_interaction"] = {"n": n, "false_event_rate": round(rate, 4), "with_events": wrong}
    return report
