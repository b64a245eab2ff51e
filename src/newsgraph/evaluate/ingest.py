"""Ingest quality on PolNeAR's plain-text articles: body lines kept, publication dates.

Reads ``polnear/train/text/*.txt`` through :func:`read_inputs` and :func:`prepare_article`
(no spaCy, no store) and reports

1. body-line preservation: every non-empty line but the first (the headline) of the original
   file should survive cleaning; the lines the cleaner dropped are listed per article;
2. publication dates against ``polnear/metadata.tsv`` (``publication_date``, matched on the
   file name without ``.txt``): coverage (share of articles given a date at all) and, where a
   date was given, the share that agrees on the day and on the month.

The file names carry the date too; they are never looked at by the ingest code.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..ingest.prepare import prepare_article
from ..ingest.readers import decode_bytes, read_inputs

__all__ = ["evaluate_ingest", "format_report"]


def _norm(line: str) -> str:
    return re.sub(r"\W+", " ", line).strip().lower()


def _metadata(bench_dir: Path) -> dict[str, dict[str, str]]:
    path = bench_dir / "polnear" / "metadata.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["filename"]: row for row in csv.DictReader(fh, delimiter="\t")}


def evaluate_ingest(bench_dir: Path, *, split: str = "train") -> dict[str, Any]:
    """Measure ingest on ``bench_dir/polnear/<split>/text``; returns the figures as a dict."""
    bench_dir = Path(bench_dir)
    text_dir = bench_dir / "polnear" / split / "text"
    if not text_dir.is_dir():
        raise InputError("PolNeAR text folder not found", path=str(text_dir))
    meta = _metadata(bench_dir)
    articles = errors = body_lines = dropped_lines = 0
    losing: list[dict[str, Any]] = []
    error_list: list[str] = []
    dated = day_ok = month_ok = year_ok = week_ok = with_gold = repeats = 0
    precision_counts: dict[str, int] = {}
    for item in read_inputs([str(text_dir)]):
        if isinstance(item, InputError):
            errors += 1
            error_list.append(str(item))
            continue
        try:
            article = prepare_article(item)
        except InputError as e:
            errors += 1
            error_list.append(str(e))
            continue
        articles += 1
        decoded = decode_bytes(Path(item.source).read_bytes())
        original = decoded[0] if decoded else ""
        lines = [ln.strip() for ln in original.splitlines() if ln.strip()]
        body = lines[1:]
        body_lines += len(body)
        body_set = set(body)
        # a line repeating the headline is meant to go; any other dropped body line is a loss
        headline = _norm(lines[0]) if lines else ""
        repeats += sum(1 for ln in article.removed if ln in body_set and _norm(ln) == headline)
        dropped = [ln for ln in article.removed if ln in body_set and _norm(ln) != headline]
        if dropped:
            dropped_lines += len(dropped)
            losing.append({"file": Path(item.source).name, "dropped": dropped})
        gold = meta.get(Path(item.source).stem, {}).get("publication_date", "")
        if gold and gold != "None":
            with_gold += 1
            if article.published:
                dated += 1
                key = article.published_precision or "?"
                precision_counts[key] = precision_counts.get(key, 0) + 1
                day_ok += article.published == gold
                month_ok += article.published[:7] == gold[:7]
                year_ok += article.published[:4] == gold[:4]
                gap = abs((dt.date.fromisoformat(article.published)
                           - dt.date.fromisoformat(gold)).days)
                week_ok += gap <= 7
    return {
        "articles": articles,
        "errors": errors,
        "error_list": error_list,
        "body_lines": body_lines,
        "body_lines_dropped": dropped_lines,
        "headline_repeats_dropped": repeats,
        "articles_losing_lines": len(losing),
        "losing": losing,
        "with_gold_date": with_gold,
        "dated": dated,
        "date_coverage": dated / with_gold if with_gold else 0.0,
        "date_day_agreement": day_ok / dated if dated else 0.0,
        "date_month_agreement": month_ok / dated if dated else 0.0,
        "date_year_agreement": year_ok / dated if dated else 0.0,
        "date_within_week": week_ok / dated if dated else 0.0,
        "date_precision": precision_counts,
    }


def format_report(result: dict[str, Any], *, show_dropped: int = 20) -> str:
    """The figures as a few lines of text (and the first dropped body lines)."""
    out = [
        f"articles read: {result['articles']} (errors: {result['errors']})",
        f"body lines: {result['body_lines']}, dropped by the cleaner: "
        f"{result['body_lines_dropped']} in {result['articles_losing_lines']} articles "
        f"(and {result['headline_repeats_dropped']} lines repeating the headline)",
        f"publication date given for {result['dated']}/{result['with_gold_date']} "
        f"({result['date_coverage']:.1%}); of those, same day {result['date_day_agreement']:.1%},"
        f" same month {result['date_month_agreement']:.1%}, same year "
        f"{result['date_year_agreement']:.1%}, within 7 days {result['date_within_week']:.1%}",
    ]
    for item in result["losing"][:show_dropped]:
        for line in item["dropped"]:
            out.append(f"  dropped {item['file']}: {line[:160]}")
    for error in result["error_list"][:show_dropped]:
        out.append(f"  error {error}")
    return "\n".join(out)


if __name__ == "__main__":  # python -m newsgraph.evaluate.ingest [BENCH_DIR]
    import sys

    bench = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/bench")
    print(format_report(evaluate_ingest(bench), show_dropped=200))
