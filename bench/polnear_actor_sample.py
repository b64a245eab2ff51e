"""Draw the PolNeAR actor-phrase sample that `bench/actor_phrases/polnear.jsonl` labels.

PolNeAR's annotators marked the Source of every attribution: real actor phrases as news
writes them ("a State Department spokesman", "Syrian rebels", "the Iowa Republican Party").
This draws a reproducible sample of them for actor coding, keeping only phrases that
describe an actor in words (not a pronoun, not a bare one- or two-word name, at most 12
words), one per article, and splits it into a development part and a held-out part by a
hash of file and offset (40% held out), so that the split does not depend on the labels.

The sample file stores file names and character offsets, never the text: the phrases are
read from the PolNeAR folder at scoring time (``newsgraph evaluate actors FILE --texts
../shared/bench/polnear/train/text``).

    python bench/polnear_actor_sample.py ../shared/bench/polnear > /tmp/sample.jsonl
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from pathlib import Path

_PRONOUNS = {"i", "we", "you", "he", "she", "it", "they", "who", "which", "that", "this",
             "these", "those", "one", "some", "many", "others", "someone", "everyone", "me",
             "him", "her", "them", "us", "his", "its", "their", "our", "my", "your", "what",
             "both", "all", "each", "anyone", "nobody", "none", "most", "few", "several",
             "either", "neither", "another", "something", "everybody", "somebody"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


def _keep(text: str) -> bool:
    words = _WORD.findall(text)
    if not words or len(words) > 12 or "\n" in text:
        return False
    if words[0].lower() in _PRONOUNS:
        return False
    if len(words) <= 2 and all(w[0].isupper() for w in words):
        return False  # a bare name: the KB's business, not a phrase's
    return True


def _sources(ann: Path) -> list[tuple[int, int, str]]:
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or not parts[1].startswith("Source "):
            continue
        spans = parts[1].split(" ", 1)[1]
        if ";" in spans:
            continue  # discontinuous
        start, end = (int(x) for x in spans.split())
        out.append((start, end, parts[2]))
    return out


def draw(root: Path, split: str = "train", n: int = 300, seed: int = 10) -> list[dict]:
    dates = {}
    with open(root / "metadata.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            dates[row["filename"]] = row.get("publication_date") or None
    per_article: dict[str, list[tuple[int, int]]] = {}
    for ann in sorted((root / split / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        text_path = root / split / "text" / f"{stem}.txt"
        if stem in per_article or not text_path.exists():
            continue  # the first annotator's file only
        text = text_path.read_text(encoding="utf-8")
        seen, spans = set(), []
        for start, end, _ in _sources(ann):
            phrase = text[start:end]
            if _keep(phrase) and phrase.lower() not in seen:
                seen.add(phrase.lower())
                spans.append((start, end))
        per_article[stem] = spans
    rng = random.Random(seed)
    cases = []
    for stem in sorted(per_article):
        if per_article[stem]:
            start, end = rng.choice(per_article[stem])
            cases.append({"file": f"{stem}.txt", "start": start, "end": end,
                          "date": dates.get(stem)})
    rng.shuffle(cases)
    cases = cases[:n]
    for c in cases:
        h = int(hashlib.sha1(f"{c['file']}:{c['start']}".encode()).hexdigest(), 16)
        c["split"] = "heldout" if h % 5 < 2 else "dev"
    return sorted(cases, key=lambda c: (c["split"], c["file"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("polnear", type=Path, help="the PolNeAR folder (with metadata.tsv)")
    ap.add_argument("--n", type=int, default=300)
    args = ap.parse_args()
    for case in draw(args.polnear, n=args.n):
        sys.stdout.write(json.dumps(case) + "\n")


if __name__ == "__main__":
    main()
