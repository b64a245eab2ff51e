"""Export the output contract: one file per record kind, in JSONL, Parquet or CSV.

Every file of the contract is always written, empty when its stage has produced nothing, so
downstream scripts never meet a missing file. Rows stream from the store in batches.

Files are written into a hidden folder beside ``out`` and moved into place only when all
of them are complete: a failure half-way (a damaged store, a full disk) leaves ``out`` as it
was, never with a half-written file.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import OutputError
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
               "modality", "cluster_id", "sources", "complete", "why"],
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


def _rows(store: Store, kind: str, batch: int = 2000, *, all_events: bool = False,
          min_confidence: float | None = None) -> Iterator[dict[str, Any]]:
    if kind == "passages":
        for p in store.passages():
            yield _ordered(kind, to_dict(p))
        return
    order = {"mentions": "article_id, start, \"end\"", "quotes": "article_id, start",
             "events": "article_id, start"}.get(kind, "id")
    cls = Mention if kind == "mentions" else _CLASSES[kind]
    where, params = store.trusted_events(min_confidence, all_events) if kind == "events" \
        else ("", [])
    for r in store.stream(cls, order, batch, where, params):
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


def export(store: Store, out: str | Path, fmt: str = "jsonl", *, all_events: bool = False,
           min_confidence: float | None = None) -> dict[str, int]:
    """Write every contract file into the folder ``out`` (created, or files replaced there).

    Returns rows written per file. Events are the trusted ones (complete, at the
    detector's operating point) unless ``all_events`` / ``min_confidence`` ask for more
    (:meth:`Store.trusted_events`). Raises :class:`~newsgraph.errors.OutputError` when
    ``out`` is a file or cannot be written, before anything is written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputError("is a file; --out names a folder to create or to write into",
                          path=str(out))
    if out.is_dir() and not os.access(out, os.W_OK):
        raise OutputError("folder is not writable", path=str(out))
    staging = out.parent / f".{out.name}.partial-{uuid.uuid4().hex[:8]}"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
    except OSError as exc:
        raise OutputError(f"cannot write there ({exc.strerror or exc})", path=str(out)) from exc
    try:
        counts = _write_files(store, staging, fmt, all_events=all_events,
                              min_confidence=min_confidence)
        _move_into_place(staging, out)
    except OSError as exc:
        raise OutputError(f"export failed, nothing written ({exc.strerror or exc})",
                          path=str(out)) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts


def _move_into_place(staging: Path, out: Path) -> None:
    """A new ``out`` is the staging folder renamed; an existing one gets each file replaced."""
    if not out.exists():
        os.replace(staging, out)
        return
    for path in sorted(staging.iterdir()):
        os.replace(path, out / path.name)


def _write_files(store: Store, out: Path, fmt: str, *, all_events: bool,
                 min_confidence: float | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    opts = {"all_events": all_events, "min_confidence": min_confidence}
    for kind in KINDS:
        path = out / f"{kind}.{fmt}"
        n = 0
        if fmt == "jsonl":
            with path.open("w", encoding="utf-8") as fh:
                for row in _rows(store, kind, **opts):
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                    n += 1
        elif fmt == "csv":
            cols = _schema_fields(kind)
            with path.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
                writer.writeheader()
                for row in _rows(store, kind, **opts):
                    writer.writerow({k: _csv_value(v) for k, v in row.items()})
                    n += 1
        else:
            rows = list(_rows(store, kind, **opts))
            n = len(rows)
            table = (pa.Table.from_pylist(rows) if rows
                     else pa.table({c: pa.array([], pa.string()) for c in _schema_fields(kind)}))
            pq.write_table(table, path)
        counts[path.name] = n
    return counts
