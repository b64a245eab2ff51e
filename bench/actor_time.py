"""CPU time of the actors component against spaCy's own components, on the same articles.

Runs spaCy's components once over the texts (timing them), then the ``newsgraph_actors``
component alone over the annotated Docs, best of ``--repeat`` runs, in this process. The
ratio (actors / spaCy) is what docs/PERFORMANCE.md reports; to compare two versions of
the code, run the script under each (e.g. ``PYTHONPATH=old/src``) on the same machine.

    python bench/actor_time.py ../shared/bench/polnear/dev/text [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path, help="a folder of .txt articles")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from newsgraph.nlp.doc_ext import ensure_extensions
    from newsgraph.nlp.pipeline import build_pipeline

    nlp = build_pipeline(None, quiet=True)
    ensure_extensions()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.folder.glob("*.txt"))]
    docs, spacy_cpu = [], 0.0
    for text in texts:
        start = time.process_time()
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            if name == "newsgraph_actors":
                break
            doc = proc(doc)
        spacy_cpu += time.process_time() - start
        docs.append(doc)
    tagger = nlp.get_pipe("newsgraph_actors")
    best = float("inf")
    for _ in range(args.repeat):
        start = time.process_time()
        for doc in docs:
            tagger(doc)
        best = min(best, time.process_time() - start)
    print(f"{len(docs)} articles: spaCy {spacy_cpu:.2f} s, newsgraph_actors {best:.2f} s "
          f"({best / spacy_cpu:.1%} of spaCy)")


if __name__ == "__main__":
    main()
