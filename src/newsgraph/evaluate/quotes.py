"""Score quote extraction on PolNeAR, ours and textacy's ``direct_quotations`` side by side.

Rules (../shared/bench/README.md):
- a predicted quote matches a gold attribution when their content spans overlap by at least
  half of the shorter one (gold content may come in fragments; their union is used);
- precision = predicted quotes matching some gold attribution / predicted quotes; recall =
  gold attributions matched by some predicted quote / gold attributions (so the two halves
  of '"A," said X. "B."' both count as right against one two-fragment gold attribution);
- the speaker is right when the predicted speaker span overlaps the gold Source span, or the
  predicted speaker (resolved name or text as written) shares its last name with the gold
  Source text; speaker accuracy is over matched gold attributions that have a Source, each
  judged by the predicted quote overlapping it most;
- "direct" = gold content containing a quotation mark; on that subset only predictions of
  kind direct or mixed count, for precision and recall.

Articles with two annotators' files use the first file in sorted order (see
:mod:`.polnear`). The text is run through the pipeline as given, so offsets index the .txt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .polnear import GoldArticle, GoldAttribution, read_split

__all__ = ["Pred", "score_articles", "evaluate_quotes", "textacy_quotes", "prf"]


@dataclass(slots=True)
class Pred:
    start: int
    end: int
    kind: str = "direct"
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_names: tuple[str, ...] = ()


@dataclass
class _Tally:
    pred: int = 0
    pred_ok: int = 0
    gold: int = 0
    gold_ok: int = 0
    spk: int = 0
    spk_ok: int = 0

    def add(self, other: _Tally) -> None:
        for f in ("pred", "pred_ok", "gold", "gold_ok", "spk", "spk_ok"):
            setattr(self, f, getattr(self, f) + getattr(other, f))

    def result(self) -> dict[str, float | int]:
        p, r, f = prf(self.pred_ok, self.pred, self.gold_ok, self.gold)
        return {"precision": p, "recall": r, "f1": f, "predicted": self.pred,
                "gold": self.gold, "speaker_accuracy": self.spk_ok / self.spk if self.spk else 0.0,
                "speaker_judged": self.spk}


@dataclass
class _SystemTally:
    all: _Tally = field(default_factory=_Tally)
    direct: _Tally = field(default_factory=_Tally)
    unbalanced_all: _Tally = field(default_factory=_Tally)
    unbalanced_direct: _Tally = field(default_factory=_Tally)
    failed_articles: int = 0


def prf(pred_ok: int, pred: int, gold_ok: int, gold: int) -> tuple[float, float, float]:
    p = pred_ok / pred if pred else 0.0
    r = gold_ok / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _overlap(a: int, b: int, frags: list[tuple[int, int]]) -> int:
    return sum(max(0, min(b, y) - max(a, x)) for x, y in frags)


def _matches(p: Pred, g: GoldAttribution) -> int:
    """The overlap when ``p`` matches ``g`` by the half-of-the-shorter rule, else 0."""
    ov = _overlap(p.start, p.end, g.content)
    glen = sum(y - x for x, y in g.content)
    return ov if ov > 0 and ov >= 0.5 * min(p.end - p.start, glen) else 0


_NAME = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def _last_name(name: str) -> str:
    words = [w for w in _NAME.findall(name) if w.lower() not in ("jr", "sr", "ii", "iii")]
    return words[-1].lower().rstrip("’'s") if words else ""


def _speaker_right(p: Pred, g: GoldAttribution, text: str) -> bool:
    if p.speaker_start is not None and p.speaker_end is not None \
            and _overlap(p.speaker_start, p.speaker_end, g.source) > 0:
        return True
    gold_words = {w.lower().rstrip("’'s") for w in _NAME.findall(g.source_text)}
    return any(_last_name(n) and _last_name(n) in gold_words for n in p.speaker_names)


def _score_one(preds: list[Pred], gold: list[GoldAttribution], text: str, direct: bool) -> _Tally:
    if direct:
        preds = [p for p in preds if p.kind in ("direct", "mixed")]
        gold = [g for g in gold if g.direct]
    t = _Tally(pred=len(preds), gold=len(gold))
    t.pred_ok = sum(1 for p in preds if any(_matches(p, g) for g in gold))
    for g in gold:
        scored = [(_matches(p, g), p) for p in preds]
        scored = [(ov, p) for ov, p in scored if ov]
        if not scored:
            continue
        t.gold_ok += 1
        if g.source:
            t.spk += 1
            best = max(scored, key=lambda x: x[0])[1]
            t.spk_ok += _speaker_right(best, g, text)
    return t


def score_articles(items: Iterable[tuple[GoldArticle, list[Pred] | None, bool]]) -> dict[str, Any]:
    """Score (gold article, predictions or None when the system failed, unbalanced?) triples."""
    tally = _SystemTally()
    n = 0
    for art, preds, unbalanced in items:
        n += 1
        if preds is None:
            tally.failed_articles += 1
            preds = []
        a = _score_one(preds, art.attributions, art.text, False)
        d = _score_one(preds, art.attributions, art.text, True)
        tally.all.add(a)
        tally.direct.add(d)
        if unbalanced:
            tally.unbalanced_all.add(a)
            tally.unbalanced_direct.add(d)
    return {"articles": n, "failed_articles": tally.failed_articles,
            "all": tally.all.result(), "direct": tally.direct.result(),
            "unbalanced_all": tally.unbalanced_all.result(),
            "unbalanced_direct": tally.unbalanced_direct.result()}


def ours(doc: Doc) -> list[Pred]:
    return [Pred(q.start, q.end, q.kind, q.speaker_start, q.speaker_end,
                 tuple(n for n in (q.speaker, q.speaker_text) if n))
            for q in doc._.quotes or []]


def textacy_quotes(doc: Doc) -> list[Pred]:
    """textacy's ``direct_quotations`` as predictions (raises where textacy refuses)."""
    from textacy.extract.triples import direct_quotations

    out = []
    for speaker, _cue, content in direct_quotations(doc):
        s0 = min(t.idx for t in speaker) if speaker else None
        s1 = max(t.idx + len(t.text) for t in speaker) if speaker else None
        names = (" ".join(t.text for t in speaker),) if speaker else ()
        out.append(Pred(content.start_char, content.end_char, "direct", s0, s1, names))
    return out


def unbalanced(doc: Doc) -> bool:
    """An odd number of quotation-mark tokens: the articles textacy refuses."""
    return sum(1 for t in doc if t.is_quote) % 2 == 1


def evaluate_quotes(paths: Iterable[str | Path], *, nlp: Language | None = None,
                    baseline: bool = True,
                    progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Run the pipeline over PolNeAR split folders and score ours (and textacy's) quotes.

    Returns {"ours": {...}, "textacy": {...}, "articles": n, "unbalanced_articles": k,
    "annotator_files": "first in sorted order"}; each system's dict has "all", "direct",
    "unbalanced_all", "unbalanced_direct" (precision, recall, f1, speaker_accuracy, counts)
    and "failed_articles".
    """
    from ..nlp.doc_ext import ensure_extensions
    from ..nlp.pipeline import build_pipeline

    nlp = nlp or build_pipeline(quiet=True)
    ensure_extensions()
    articles = [a for p in paths for a in read_split(p)]
    mine: list[tuple[GoldArticle, list[Pred] | None, bool]] = []
    theirs: list[tuple[GoldArticle, list[Pred] | None, bool]] = []

    def docs():
        for art in articles:
            doc = nlp.make_doc(art.text)
            doc._.ng_article_id = art.name
            yield doc

    for i, (art, doc) in enumerate(zip(articles, nlp.pipe(docs(), batch_size=8), strict=True)):
        unb = unbalanced(doc)
        mine.append((art, ours(doc), unb))
        if baseline:
            try:
                preds: list[Pred] | None = textacy_quotes(doc)
            except Exception:  # textacy refuses unbalanced articles (ValueError) and more
                preds = None
            theirs.append((art, preds, unb))
        if progress is not None:
            progress(i + 1, len(articles))
    result: dict[str, Any] = {
        "articles": len(articles),
        "unbalanced_articles": sum(1 for _, _, u in mine if u),
        "annotator_files": "first .ann in sorted order per article",
        "ours": score_articles(mine),
    }
    if baseline:
        result["textacy"] = score_articles(theirs)
    return result
