"""What letting readers in during an ingest costs the ingest.

The writer lets go of the DuckDB file after every committed batch (`Store.release`) and
reopens it for the next, so queries from other processes can run meanwhile. This measures
that design against holding the file for the whole run (`hold_lock=True`), two ways:

1. end to end: full ingests (read, annotate, link) of the same articles, each in a fresh
   process, alternating the two modes; the ratio of the best times, wall clock and CPU
   (the process's user + system time: on a shared machine other work inflates wall time,
   CPU time much less);
2. per batch, as the store grows: one batch of new articles committed with the connection
   kept open, against open + commit + close (closing checkpoints the write-ahead log), on
   stores of increasing size; what it adds to a batch, and that against the time the batch
   spends being annotated.

    python bench/lock_release.py ../shared/bench/polnear/dev/text [--repeat 3] [--batch-size 16]

Figures go to docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import tempfile
import time
from pathlib import Path


def _articles(inputs: list[str], limit: int | None) -> list[dict]:
    from newsgraph.ingest.prepare import prepare_article
    from newsgraph.ingest.readers import read_inputs

    out = []
    for raw in read_inputs(inputs):
        if isinstance(raw, Exception):
            continue
        try:
            a = prepare_article(raw)
        except Exception:  # noqa: BLE001 - skipped here as ingest would report it
            continue
        out.append({"text": a.text, "date": a.published})
        if limit and len(out) >= limit:
            break
    return out


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _ingest_once(corpus: str, hold: bool, batch_size: int, queue) -> None:
    from newsgraph.api import ingest
    from newsgraph.nlp.pipeline import build_pipeline

    build_pipeline(quiet=True)  # model loading is not what is measured
    with tempfile.TemporaryDirectory() as tmp:
        t0, c0 = time.perf_counter(), _cpu()
        ingest([corpus], Path(tmp) / "s.duckdb", hold_lock=hold, batch_size=batch_size)
        queue.put((time.perf_counter() - t0, _cpu() - c0))


def end_to_end(corpus: str, repeat: int, batch_size: int) -> dict:
    ctx = mp.get_context("spawn")
    wall: dict[str, list[float]] = {"hold": [], "release": []}
    cpu: dict[str, list[float]] = {"hold": [], "release": []}
    for _ in range(repeat):
        for mode in ("release", "hold"):
            queue = ctx.Queue()
            proc = ctx.Process(target=_ingest_once,
                               args=(corpus, mode == "hold", batch_size, queue))
            proc.start()
            w, c = queue.get()
            proc.join()
            wall[mode].append(w)
            cpu[mode].append(c)
    best_wall = {k: min(v) for k, v in wall.items()}
    best_cpu = {k: min(v) for k, v in cpu.items()}
    return {"batch_size": batch_size, "wall_seconds": wall, "cpu_seconds": cpu,
            "ratio_wall": best_wall["release"] / best_wall["hold"],
            "ratio_cpu": best_cpu["release"] / best_cpu["hold"]}


def _fake(i: int, words: int = 600) -> object:
    from newsgraph.records import Article

    text = f"Article {i}. " + " ".join(f"word{(i * 7 + j) % 5000}" for j in range(words))
    return Article(id=Article.make_id(text), source=f"f{i}", title=f"t{i}", text=text,
                   sources=[f"f{i}"])


def per_batch(sizes: list[int], batch: int = 64, trials: int = 10) -> list[dict]:
    from newsgraph.store.duckdb import Store

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "grow.duckdb"
        n = 0
        store = Store.open(db)
        for size in sizes:
            while n < size:  # grow the store (not measured)
                with store.transaction():
                    store.add_articles([_fake(i) for i in range(n, n + 1000)])
                n += 1000
            store.release()
            held, released = [], []
            for _ in range(trials):
                for mode in ("held", "released"):
                    arts = [_fake(i) for i in range(n, n + batch)]
                    n += batch
                    t0 = time.perf_counter()
                    with store.transaction():
                        store.add_articles(arts)
                    if mode == "released":
                        store.release()
                        store.con  # noqa: B018 - the next batch's reopening
                    (held if mode == "held" else released).append(time.perf_counter() - t0)
            rows.append({"articles_in_store": size,
                         "held_ms": 1000 * sorted(held)[len(held) // 2],
                         "released_ms": 1000 * sorted(released)[len(released) // 2]})
        store.close()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--sizes", default="0,10000,50000")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "articles.jsonl"
        articles = _articles(args.inputs, args.limit)
        corpus.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        result["articles"] = len(articles)
        result["end_to_end"] = end_to_end(str(corpus), args.repeat, args.batch_size)
    result["per_batch"] = per_batch([int(s) for s in args.sizes.split(",")])
    if args.json:
        print(json.dumps(result, indent=2))
        return
    e = result["end_to_end"]
    print(f"{result['articles']} articles, batches of {e['batch_size']}: release vs hold "
          f"{e['ratio_cpu']:.3f}x CPU time, {e['ratio_wall']:.3f}x wall time (best of "
          f"{args.repeat})")
    for r in result["per_batch"]:
        print(f"store of {r['articles_in_store']:>6} articles: batch commit held "
              f"{r['held_ms']:.1f} ms, released {r['released_ms']:.1f} ms")


if __name__ == "__main__":
    main()
