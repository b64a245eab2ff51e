"""Event detection: does a rule's candidate report a real political event?

The rules of :mod:`newsgraph.nlp.event_rules` propose a candidate wherever a lexicon word
appears; most such words in real articles are not events ("hit the panic button", "the
Paris agreement", "her relationship with donors"). The detector scores each candidate from
its features (:mod:`newsgraph.nlp.event_features`) with a logistic model whose weights are
data (``kb/data/event_detector.json``), trained by ``bench/train_event_detector.py`` on
labelled real articles and chosen on a development split it was not trained on.

    detector = EventDetector.load()
    p = detector.score(["T=ACCUSE", "lem=accuse", ...])     # probability of a real event

The model file also says the operating point chosen on development data (``threshold``:
the default ``--min-confidence`` of listings and ``newsgraph code``) and the ``floor`` under
which a candidate is not kept at all (so a store can still be queried at lower precision
and higher recall with ``--min-confidence``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import KnowledgeBaseError

__all__ = ["EventDetector", "DEFAULT_DETECTOR", "default_detector"]

DEFAULT_DETECTOR = Path(__file__).resolve().parents[1] / "kb" / "data" / "event_detector.json"


@dataclass(slots=True)
class EventDetector:
    """A logistic model over string features."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    #: default operating point (probability) of listings, exports and ``newsgraph code``
    threshold: float = 0.5
    #: candidates under this probability are not kept at all
    floor: float = 0.2
    #: what the weights were trained on and how they measured, for the record
    info: dict = field(default_factory=dict)

    def score(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def explain(self, features: Iterable[str], top: int = 3) -> list[tuple[str, float]]:
        """The features that weigh most on a candidate's score, strongest first."""
        found = [(f, self.weights[f]) for f in set(features) if f in self.weights]
        return sorted(found, key=lambda fw: -abs(fw[1]))[:top]

    # -- persistence
    @classmethod
    def load(cls, path: str | Path = DEFAULT_DETECTOR) -> EventDetector:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise KnowledgeBaseError(f"cannot read the event detector: {exc}",
                                     path=str(path)) from exc
        except json.JSONDecodeError as exc:
            raise KnowledgeBaseError(f"the event detector is not valid JSON: {exc}",
                                     path=str(path), line=exc.lineno) from exc
        if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
            raise KnowledgeBaseError("an event detector is a JSON object with 'weights'",
                                     path=str(path))
        return cls(weights={str(k): float(v) for k, v in data["weights"].items()},
                   bias=float(data.get("bias", 0.0)),
                   threshold=float(data.get("threshold", 0.5)),
                   floor=float(data.get("floor", 0.2)), info=dict(data.get("info") or {}))

    def save(self, path: str | Path) -> None:
        data = {"threshold": round(self.threshold, 4), "floor": round(self.floor, 4),
                "bias": round(self.bias, 6), "info": self.info,
                "weights": {k: round(v, 5) for k, v in sorted(self.weights.items())
                            if abs(v) >= 1e-4}}
        Path(path).write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n",
                              encoding="utf-8")


@lru_cache(maxsize=4)
def default_detector(path: str | None = None) -> EventDetector | None:
    """The shipped detector (or the one at ``path``), loaded once per process; None when
    the shipped file is absent (then every candidate keeps its rule confidence)."""
    target = Path(path) if path else DEFAULT_DETECTOR
    if not path and not target.exists():
        return None
    return EventDetector.load(target)
