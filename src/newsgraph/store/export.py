"""Export the output contract: one file per record kind, in JSONL, Parquet or CSV.

Every file of the contract is always written, empty when its stage has produced nothing, so
downstream scripts never meet a missing file. Rows stream from the store in batches.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..records import Article, Entity, Event, Mention, Quote, Story, field_names, to_dict
from .duckdb import Store

__all__ = ["FORMATS", "KINDS", "export"]

FORMATS = ("jsonl", "parquet", "csv")
#: file stem → contract fields, in order (records may carry more; these come first).
KINDS: dict[str, list[str]] = {
    "articles": ["id", "source", "title", "text", "published", "published_precision",
                 "dateline_place", "agencies", "author", "removed", "story_id"],
    "entities": ["id", "name", "type", "aliases", "country", "sector", "wikidata",
                 "article_ids", "mentions"],
    "mentions": ["article_id", "entity_id", "start", "end", "text"],
    "quotes": ["id", "article_id", "speaker_entity_id", "speaker", "speaker_text", "cue",
               "content", "start", "end", "kind", "cluster_id", "spans"],
    "events": ["id", "article_id", "event", "mode", "quad", "actor", "recipient", "date",
               "date_precision", "location", "sentence", "start", "end", "negated",
               "modality", "cluster_id", "sources"],
    "stories": ["id", "title", "article_ids", "first_date", "last_date"],
    "passages": ["id", "text", "occurrences"],
}

_CLASSES = {"articles": Article, "entities": Entity, "quotes": Quote, "events": Event,
            "stories": Story}


def _mention_dict(m: Mention) -> dict[str, Any]:
    a = m.actor
    return {"article_id": m.article_id, "entity_id": a.entity_id, "start": m.start,
            "end": m.end, "text": m.text, "kind": m.kind, "name": a.name, "type": a.type,
            "country": a.country, "sector": a.sector}


def _ordered(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    first = KINDS[kind]
    return {**{k: row.get(k) for k in first}, **{k: v for k, v in row.items() if k not in first}}


def _rows(store: Store, kind: str, batch: int = 2000) -> Iterator[dict[str, Any]]:
    if kind == "passages":
        for p in store.passages():
            yield _ordered(kind, to_dict(p))
        return
    order = {"mentions": "article_id, start, \"end\"", "quotes": "article_id, start",
             "events": "article_id, start"}.get(kind, "id")
    cls = Mention if kind == "mentions" else _CLASSES[kind]
    for r in store.stream(cls, order, batch):
        yield _ordered(kind, _mention_dict(r) if kind == "mentions" else to_dict(r))


def _csv_value(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v


def _schema_fields(kind: str) -> list[str]:
    if kind == "mentions":
        return KINDS[kind] + ["kind", "name", "type", "country", "sector"]
    if kind == "passages":
        return KINDS[kind]
    names = field_names(_CLASSES[kind])
    return KINDS[kind] + [n for n in names if n not in KINDS[kind]]


def export(store: Store, out: str | Path, fmt: str = "jsonl") -> dict[str, int]:
    """Write every contract file into ``out``; returns rows written per file."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for kind in KINDS:
        path = out / f"{kind}.{fmt}"
        n = 0
        if fmt == "jsonl":
            with path.open("w", encoding="utf-8") as fh:
                for row in _rows(store, kind):
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                    n += 1
        elif fmt == "csv":
            cols = _schema_fields(kind)
            with path.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
                writer.writeheader()
                for row in _rows(store, kind):
                    writer.writerow({k: _csv_value(v) for k, v in row.items()})
                    n += 1
        else:
            rows = list(_rows(store, kind))
            n = len(rows)
            table = (pa.Table.from_pylist(rows) if rows
                     else pa.table({c: pa.array([], pa.string()) for c in _schema_fields(kind)}))
            pq.write_table(table, path)
        counts[path.name] = n
    return counts
