"""Throughput and memory benchmark: newsgraph against bare spaCy on the same articles.

Figures are ratios against a baseline measured in the same run, never absolute timings
asserted anywhere. Each measurement runs in a fresh child process so that peak memory
(max RSS) belongs to that measurement alone.

    newsgraph bench ../shared/bench/polnear/dev/text --repeat 1
"""

from __future__ import annotations

import json
import multiprocessing as mp
import queue as queue_module
import resource
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Measurement:
    name: str
    seconds: float
    max_rss_mb: float
    articles: int
    chars: int

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def _texts(inputs: list[str], limit: int | None) -> list[tuple[str, str, str | None, str | None]]:
    from .ingest.prepare import prepare_article
    from .ingest.readers import read_inputs

    out = []
    for raw in read_inputs(inputs):
        if isinstance(raw, Exception):
            continue
        try:
            a = prepare_article(raw)
        except Exception:  # noqa: BLE001 - a benchmark skips what ingest would report
            continue
        out.append((a.id, a.text, a.published, a.dateline_place))
        if limit and len(out) >= limit:
            break
    return out


def _run(kind: str, inputs: list[str], limit: int | None, model: str | None, queue) -> None:
    texts = _texts(inputs, limit)
    chars = sum(len(t[1]) for t in texts)
    if kind == "spacy":
        from .nlp.pipeline import load_model

        nlp = load_model(model, quiet=True)
        t0 = time.perf_counter()
        for _ in nlp.pipe((t[1] for t in texts), batch_size=16):
            pass
    elif kind == "annotate":
        from .nlp.pipeline import AnnotateInput, annotate, build_pipeline

        nlp = build_pipeline(model, quiet=True)
        t0 = time.perf_counter()
        for _ in annotate((AnnotateInput(*t) for t in texts), nlp=nlp):
            pass
    else:  # end-to-end ingest: read, clean, store, annotate, link
        from .api import ingest
        from .nlp.pipeline import build_pipeline

        build_pipeline(model, quiet=True)  # model loading is not what we measure
        with tempfile.TemporaryDirectory() as tmp:
            # exactly the articles the other runs measure (--limit included), as JSONL
            corpus = Path(tmp) / "articles.jsonl"
            with corpus.open("w", encoding="utf-8") as out:
                for _id, text, published, _place in texts:
                    out.write(json.dumps({"text": text, "date": published}) + "\n")
            t0 = time.perf_counter()
            ingest([str(corpus)], Path(tmp) / "bench.duckdb", model=model)
    seconds = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(Measurement(kind, seconds, rss, len(texts), chars))


def measure(kind: str, inputs: list[str], *, limit: int | None = None,
            model: str | None = None) -> Measurement:
    """One measurement in a fresh process ("spacy", "annotate" or "ingest")."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_run, args=(kind, inputs, limit, model, queue))
    proc.start()
    while True:  # a child that dies (killed, out of memory) must not leave us waiting
        try:
            result = queue.get(timeout=1.0)
            break
        except queue_module.Empty:
            if not proc.is_alive() and queue.empty():
                raise RuntimeError(f"benchmark run {kind!r} ended without a result "
                                   f"(exit code {proc.exitcode})") from None
    proc.join()
    return result


def run_benchmark(inputs: list[str], *, limit: int | None = None, model: str | None = None,
                  repeat: int = 1) -> dict:
    """Bare spaCy vs newsgraph annotation vs full ingest, best of ``repeat`` each."""
    results: dict[str, Measurement] = {}
    for kind in ("spacy", "annotate", "ingest"):
        runs = [measure(kind, inputs, limit=limit, model=model) for _ in range(repeat)]
        results[kind] = min(runs, key=lambda m: m.seconds)
    base = results["spacy"]
    return {
        "inputs": inputs,
        "articles": base.articles,
        "chars": base.chars,
        "measurements": {k: asdict(m) | {"articles_per_s": m.articles_per_s}
                         for k, m in results.items()},
        "ratios": {
            "annotate_vs_spacy_time": results["annotate"].seconds / base.seconds,
            "ingest_vs_spacy_time": results["ingest"].seconds / base.seconds,
            "annotate_vs_spacy_rss": results["annotate"].max_rss_mb / base.max_rss_mb,
            "ingest_vs_spacy_rss": results["ingest"].max_rss_mb / base.max_rss_mb,
        },
    }
