"""Train the event detector (kb/data/event_detector.json) and measure it on data it never saw.

The rules propose candidate events; the detector learns which of them are real events from
labelled real articles (events_real train: every sentence labelled, most with no event)
and from PLV sentences (each known to hold one event of a given type: a candidate of that
type there is a positive; candidates of other types are weak negatives, since PLV labels
only one event per sentence).

Figures are reported only on data the model was not trained on:
- 5-fold cross-validation on events_real train (folds by article);
- trained on all of train (+ PLV), scored on events_real dev and voa_dev;
the operating threshold is chosen on dev (the issue's rule: "chosen on events_real dev").

    python bench/train_event_detector.py [--bench ../shared/bench] [--save]
    python bench/train_event_detector.py --cache /tmp/cands.pkl   # reuse coded candidates

Needs scikit-learn (pip install -e ".[train]"); the shipped model is plain JSON and needs
nothing at run time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from newsgraph.evaluate.events import GSR_LABELS
from newsgraph.evaluate.events_real import load_articles, load_sentences, score_detection
from newsgraph.nlp.event_detect import DEFAULT_DETECTOR, EventDetector
from newsgraph.nlp.pipeline import AnnotateInput, build_pipeline
from newsgraph.records import to_dict

#: the share of no-event sentences that may get an event at the chosen operating point
MAX_NO_EVENT_RATE = 0.10
#: candidates under this probability are not stored at all; between it and the operating
#: point they are stored for --min-confidence to reach (a warned-of hypothetical act
#: scores around 0.1)
FLOOR = 0.1
#: F1 differences on dev under this are noise (a pair or two of 63)
F1_FLAT = 0.01


@dataclass
class Cand:
    split: str
    article: str  # article (or sentence) id: folds never split an article
    event: dict  # the event as `newsgraph code` writes it
    features: list[str]
    label: int  # 1 real, 0 not
    weight: float


def _code(items: list[AnnotateInput]) -> list[tuple[str, list[tuple[dict, list[str]]]]]:
    nlp = build_pipeline(quiet=True, event_config={"detector": "none", "keep_features": True,
                                                   "floor": 0.0})
    docs = []
    for item in items:  # annotate() returns records only: the features stay on the Doc
        doc = nlp.make_doc(item.text)
        doc._.ng_date, doc._.ng_article_id = item.date, item.article_id
        docs.append(doc)
    out = []
    for doc in nlp.pipe(docs, batch_size=16):
        feats = doc._.ng_event_features or {}
        out.append((doc._.ng_article_id,
                    [(to_dict(e), feats.get(e.id, [])) for e in doc._.events]))
    return out


def collect_events_real(bench: Path, split: str) -> tuple[list[Cand], list]:
    return collect_folder(bench / "events_real" / split, split)


def _heldout(article_id: str) -> bool:
    """About a fifth of the project's own labelled articles, fixed by their id."""
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 5 == 0


def collect_folder(folder: Path, split: str) -> tuple[list[Cand], list]:
    """Candidates and gold of a folder in the events_real format (articles, sentences)."""
    arts = load_articles(folder / "articles.jsonl")
    gold = load_sentences(folder / "sentences.jsonl")
    by_article = defaultdict(list)
    for s in gold:
        by_article[s.article_id].append(s)
    pairs = {(s.article_id, s.sent_id, e["type"]) for s in gold for e in s.events}
    coded = _code([AnnotateInput(str(a["id"]), a["text"], a.get("date")) for a in arts])
    cands = []
    for aid, evs in coded:
        for ev, feats in evs:
            at = ev.get("trigger_start")
            sent = next((s for s in by_article[aid] if s.start <= at < s.end), None)
            if sent is None:
                continue
            label = int((aid, sent.sent_id, ev["event"]) in pairs)
            cands.append(Cand(split, aid, ev, feats, label, 1.0))
    return cands, gold


def collect_own(bench: Path, labels: Path) -> dict[str, tuple[list[Cand], list]]:
    """Candidates on PolNeAR train articles labelled by the project (bench/data), per split.

    The labels give sentence offsets into ../shared/bench/polnear/train/text/<article>.txt
    and the events of each sentence, in the events_real format; about a fifth of the
    articles are marked "heldout" and never used for training or choosing.
    """
    from newsgraph.evaluate.events_real import GoldSentence

    rows = [json.loads(line) for line in open(labels, encoding="utf-8") if line.strip()]
    texts = {r["article"]: (bench / "polnear" / "train" / "text" / f"{r['article']}.txt")
             .read_text(encoding="utf-8") for r in rows}
    coded = dict(_code([AnnotateInput(a, t, None) for a, t in texts.items()]))
    out: dict[str, tuple[list[Cand], list]] = {}
    for r in rows:
        gold = [GoldSentence(r["article"], i, s["start"], s["end"], "", s["events"])
                for i, s in enumerate(r["sentences"])]
        pairs = {(i, e["type"]) for i, s in enumerate(r["sentences"]) for e in s["events"]}
        cands, golds = out.setdefault("own_" + r["split"], ([], []))
        golds.extend(gold)
        for ev, feats in coded[r["article"]]:
            at = ev.get("trigger_start")
            sent = next((g for g in gold if g.start <= at < g.end), None)
            if sent is None:
                continue
            cands.append(Cand("own", r["article"], ev, feats,
                              int((sent.sent_id, ev["event"]) in pairs), 1.0))
    return out


def collect_plv(path: Path) -> list[Cand]:
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    coded = _code([AnnotateInput(r["id"], r["text"], None) for r in rows])
    gold = {r["id"]: GSR_LABELS.get(r["event"], r["event"]) for r in rows}
    cands = []
    for rid, evs in coded:
        for ev, feats in evs:
            pos = ev["event"] == gold[rid]
            cands.append(Cand("plv", rid, ev, feats, int(pos), 1.0 if pos else 0.3))
    return cands


# ------------------------------------------------------------------ model

#: a feature seen in fewer training candidates than this gets no weight (rare words would
#: only memorise their sentences, and bloat the model file)
MIN_COUNT = 3


def fit(cands: list[Cand], c: float = 1.0) -> EventDetector:
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(f for cd in cands for f in set(cd.features))
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in cd.features if seen[f] >= MIN_COUNT}
                           for cd in cands])
    y = [cd.label for cd in cands]
    w = [cd.weight for cd in cands]
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(x, y, sample_weight=w)
    weights = {name: float(coef) for name, coef in zip(vec.get_feature_names_out(),
                                                       model.coef_[0], strict=True)}
    return EventDetector(weights=weights, bias=float(model.intercept_[0]))


def predictions(det: EventDetector, cands: list[Cand], threshold: float) -> dict:
    """What `newsgraph code` would output: complete events at or over the threshold."""
    out: dict[str, list[dict]] = defaultdict(list)
    for cd in cands:
        if cd.event.get("complete", True) and det.score(cd.features) >= threshold:
            out[cd.article].append(cd.event)
    return out


def report(name: str, det: EventDetector, cands: list[Cand], gold, thresholds) -> list[dict]:
    rows = []
    for th in thresholds:
        r = score_detection(gold, predictions(det, cands, th))
        r["threshold"] = th
        rows.append(r)
        print(f"{name:>10} th={th:.2f} P={r['precision']:.3f} R={r['recall']:.3f} "
              f"F1={r['f1']:.3f} fullP={r['full_precision']:.3f} "
              f"noev={r['no_event_rate']:.3f} n={r['emitted_pairs']}")
    return rows


def cross_validate(train: list[Cand], extra: list[Cand], gold, folds: int, c: float,
                   thresholds) -> None:
    """k-fold CV by article on events_real train; scores pooled over folds."""
    articles = sorted({cd.article for cd in train})
    random.Random(7).shuffle(articles)
    fold_of = {a: i % folds for i, a in enumerate(articles)}
    pooled: dict[float, dict[str, list[dict]]] = {th: defaultdict(list) for th in thresholds}
    for k in range(folds):
        det = fit([cd for cd in train if fold_of[cd.article] != k] + extra, c)
        test = [cd for cd in train if fold_of[cd.article] == k]
        for th in thresholds:
            for aid, evs in predictions(det, test, th).items():
                pooled[th][aid].extend(evs)
    for th in thresholds:
        r = score_detection(gold, pooled[th])
        print(f"{'train-cv':>10} th={th:.2f} P={r['precision']:.3f} R={r['recall']:.3f} "
              f"F1={r['f1']:.3f} fullP={r['full_precision']:.3f} "
              f"noev={r['no_event_rate']:.3f} n={r['emitted_pairs']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", default="../shared/bench")
    ap.add_argument("--cache", help="pickle file for the coded candidates (read if present)")
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--no-plv", action="store_true", help="leave PLV out of training")
    ap.add_argument("--no-own", action="store_true",
                    help="leave the project's own labels (bench/data) out of training")
    ap.add_argument("--own-weight", type=float, default=1.0,
                    help="weight of the project's own labels against events_real train")
    ap.add_argument("--labels", default=str(Path(__file__).parent / "data"
                                            / "events_polnear_train_labels.jsonl"))
    ap.add_argument("--written", default=str(Path(__file__).parent / "data"
                                             / "events_intl_written"),
                    help="international news written and labelled by the project")
    ap.add_argument("--no-written", action="store_true")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--save", action="store_true", help=f"write {DEFAULT_DETECTOR}")
    ap.add_argument("--final", action="store_true",
                    help="also score the held-out part of the project's own labels")
    args = ap.parse_args(argv)
    bench = Path(args.bench)
    if args.cache and Path(args.cache).exists():
        data = pickle.loads(Path(args.cache).read_bytes())
    else:
        data = {split: collect_events_real(bench, split) for split in ("train", "dev", "voa_dev")}
        data["plv"] = collect_plv(bench / "plv" / "train.jsonl")
        data.update(collect_own(bench, Path(args.labels)))
        written, written_gold = collect_folder(Path(args.written), "written")
        for part in ("train", "heldout"):
            keep = {g.article_id for g in written_gold if _heldout(g.article_id) == (part == "heldout")}
            data["written_" + part] = ([c for c in written if c.article in keep],
                                       [g for g in written_gold if g.article_id in keep])
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps(data))
    train, train_gold = data["train"]
    dev, dev_gold = data["dev"]
    voa, voa_gold = data["voa_dev"]
    extra = [] if args.no_plv else list(data["plv"])
    own, own_gold = data["own_train"]
    held, held_gold = data["own_heldout"]
    if not args.no_own:
        for cd in own:
            cd.weight = args.own_weight
        extra += own
    written, written_gold = data["written_train"]
    if not args.no_written:
        extra += written
    ths = [round(0.2 + 0.05 * i, 2) for i in range(11)]
    print(f"candidates: train {len(train)} ({sum(c.label for c in train)} real), "
          f"dev {len(dev)}, voa {len(voa)}, plv {len(data['plv'])}")
    print("rules alone (every candidate kept):")
    everything = EventDetector(bias=10.0)
    report("dev", everything, dev, dev_gold, [0.5])
    report("voa_dev", everything, voa, voa_gold, [0.5])
    report("train", everything, train, train_gold, [0.5])
    report("own_train", everything, own, own_gold, [0.5])
    cross_validate(train, extra, train_gold, args.folds, args.c, ths)
    det = fit(train + extra, args.c)
    dev_rows = report("dev", det, dev, dev_gold, ths)
    voa_rows = report("voa_dev", det, voa, voa_gold, ths)
    if args.final:  # the project's own held-out articles: read only at the end
        report("own_held", det, held, held_gold, ths)
        report("writ_held", det, *data["written_heldout"], ths)
    if args.save:
        # the operating point: best F1 on dev among thresholds that keep no-event sentences
        # with output at or under the goal's 10% (the trusted set must stay quiet)
        # (dev has 63 gold pairs: F1 is flat over a range of thresholds, and on a flat
        # stretch the higher threshold is chosen, for precision)
        quiet = [r for r in dev_rows if r["no_event_rate"] <= MAX_NO_EVENT_RATE] or dev_rows
        top = max(r["f1"] for r in quiet)
        best = max((r for r in quiet if r["f1"] >= top - F1_FLAT), key=lambda r: r["threshold"])
        det.threshold = best["threshold"]
        det.floor = min(FLOOR, det.threshold)
        voa_at = next(r for r in voa_rows if r["threshold"] == det.threshold)
        det.info = {"trained_on": ["events_real/train"] + ([] if args.no_plv else ["plv/train"])
                    + ([] if args.no_own else ["bench/data/events_polnear_train_labels "
                                                "(split train)"])
                    + ([] if args.no_written else ["bench/data/events_intl_written "
                                                    "(4 in 5 articles)"]),
                    "c": args.c, "threshold_chosen_on": "events_real/dev",
                    "dev": {k: best[k] for k in ("precision", "recall", "f1", "full_precision",
                                                  "no_event_rate")},
                    "voa_dev": {k: voa_at[k] for k in ("precision", "recall", "f1",
                                                        "full_precision", "no_event_rate")}}
        det.save(DEFAULT_DETECTOR)
        print(f"wrote {DEFAULT_DETECTOR} (threshold {det.threshold})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
