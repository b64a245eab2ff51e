"""Where the time goes: each spaCy component and each link stage, on the same articles.

`newsgraph bench` gives the headline ratios (ours vs bare spaCy); this splits them. The
per-article components are timed around each pipe of one `nlp.pipe` pass; the link stages
run one after the other on a store ingested without linking, so each is timed on the same
corpus. Figures go to docs/PERFORMANCE.md.

    python bench/stage_times.py ../shared/bench/polnear/dev/text [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path


def component_times(texts: list[str], model: str | None = None) -> dict[str, float]:
    """Seconds spent in each pipeline component over ``texts`` (batched like ingest)."""
    from newsgraph.nlp.pipeline import build_pipeline

    nlp = build_pipeline(model, quiet=True)
    spent = {name: 0.0 for name in ["tokenizer", *nlp.pipe_names]}

    def timed(name, proc):
        def run(docs):
            for doc in docs:
                t0 = time.perf_counter()
                doc = proc(doc)
                spent[name] += time.perf_counter() - t0
                yield doc
        return run

    docs = []
    for text in texts:
        t0 = time.perf_counter()
        docs.append(nlp.make_doc(text))
        spent["tokenizer"] += time.perf_counter() - t0
    stream = iter(docs)
    for name, proc in nlp.pipeline:
        if hasattr(proc, "pipe"):  # the statistical components work in batches
            def batched(docs, proc=proc, name=name):
                batch = []
                for doc in docs:
                    batch.append(doc)
                    if len(batch) == 16:
                        yield from _timed_batch(proc, batch, spent, name)
                        batch = []
                if batch:
                    yield from _timed_batch(proc, batch, spent, name)
            stream = batched(stream)
        else:
            stream = timed(name, proc)(stream)
    for _ in stream:
        pass
    return spent


def _timed_batch(proc, batch, spent, name):
    t0 = time.perf_counter()
    out = list(proc.pipe(batch))
    spent[name] += time.perf_counter() - t0
    return out


def link_times(inputs: list[str], model: str | None = None) -> dict[str, float]:
    """Seconds of each link stage on a store built from ``inputs`` without linking."""
    from newsgraph.api import ingest
    from newsgraph.link.entities import link_entities
    from newsgraph.link.events import merge_events
    from newsgraph.link.passages import find_passages
    from newsgraph.link.quotes import cluster_quotes
    from newsgraph.link.stories import cluster_stories
    from newsgraph.store.duckdb import Store

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "stages.duckdb"
        t0 = time.perf_counter()
        ingest(inputs, db, model=model, link=False)
        out["read+annotate"] = time.perf_counter() - t0
        with Store.open(db) as store:
            for name, stage in (("entities", link_entities), ("quote clusters", cluster_quotes),
                                ("event merge", merge_events), ("passages", find_passages),
                                ("stories", cluster_stories)):
                t0 = time.perf_counter()
                stage(store)
                out[name] = time.perf_counter() - t0
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from newsgraph.benchmark import _texts

    texts = [t[1] for t in _texts(args.inputs, args.limit)]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "articles.jsonl"
        corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts),
                          encoding="utf-8")
        result = {"articles": len(texts), "components": component_times(texts, args.model),
                  "link": link_times([str(corpus)], args.model)}
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['articles']} articles")
    total = sum(result["components"].values())
    for name, sec in result["components"].items():
        print(f"  {name:<22} {sec:8.2f} s  {sec / total:6.1%}")
    for name, sec in result["link"].items():
        print(f"  link: {name:<16} {sec:8.2f} s")


if __name__ == "__main__":
    main()
