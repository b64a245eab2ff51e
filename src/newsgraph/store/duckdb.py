"""The DuckDB store: one file, one writer, many read-only readers.

Every write is a transaction: a batch of articles (with their annotations) lands whole or
not at all, so a killed run loses at most the batch in flight and the next run resumes.

Records go in and come out as the typed objects of :mod:`newsgraph.records`; SQL users can
read the tables directly (schema.py documents them).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..records import (
    Actor,
    Article,
    Entity,
    Event,
    EventParty,
    Location,
    Mention,
    Passage,
    PassageOccurrence,
    Quote,
    Story,
)
from .schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["Store", "DEFAULT_DB", "record_to_row", "row_to_record"]

DEFAULT_DB = "newsgraph.duckdb"

R = TypeVar("R")

_TABLE = {Article: "articles", Mention: "mentions", Entity: "entities", Quote: "quotes",
          Event: "events", Story: "stories"}


# ---------------------------------------------------------------- record <-> row

def _party_row(prefix: str, p: EventParty | None) -> dict[str, Any]:
    keys = ("entity_id", "text", "name", "country", "sector", "start", "end")
    if p is None:
        return {f"{prefix}_{k}": None for k in keys}
    return {f"{prefix}_{k}": getattr(p, k) for k in keys}


def _party(prefix: str, row: dict[str, Any]) -> EventParty | None:
    if row.get(f"{prefix}_text") is None and row.get(f"{prefix}_entity_id") is None:
        return None
    return EventParty(
        entity_id=row.get(f"{prefix}_entity_id"), text=row.get(f"{prefix}_text") or "",
        name=row.get(f"{prefix}_name"), country=row.get(f"{prefix}_country") or "",
        sector=row.get(f"{prefix}_sector") or "", start=row.get(f"{prefix}_start"),
        end=row.get(f"{prefix}_end"))


def record_to_row(record: Any) -> dict[str, Any]:
    """A record as a flat row for its table."""
    if isinstance(record, Mention):
        a = record.actor
        return {"article_id": record.article_id, "entity_id": a.entity_id,
                "start": record.start, "end": record.end, "text": record.text,
                "kind": record.kind, "key": a.key, "name": a.name, "type": a.type,
                "country": a.country, "sector": a.sector, "wikidata": a.wikidata}
    if isinstance(record, Event):
        row = {f.name: getattr(record, f.name) for f in fields(Event)
               if f.name not in ("actor", "recipient", "location")}
        row.update(_party_row("actor", record.actor))
        row.update(_party_row("recipient", record.recipient))
        loc = record.location
        row["location_name"] = loc.name if loc else None
        row["location_country"] = loc.country if loc else None
        return row
    return {f.name: getattr(record, f.name) for f in fields(type(record))}


def row_to_record(cls: type[R], row: dict[str, Any]) -> R:
    """Rebuild a record of ``cls`` from a row of its table."""
    if cls is Mention:
        actor = Actor(key=row["key"], name=row["name"], type=row["type"],
                      country=row["country"] or "", sector=row["sector"] or "",
                      wikidata=row["wikidata"])
        return Mention(row["start"], row["end"], row["text"], actor, row["kind"],
                       row["article_id"])  # type: ignore[return-value]
    names = {f.name for f in fields(cls)}
    kwargs = {k: v for k, v in row.items() if k in names}
    if cls is Event:
        kwargs["actor"] = _party("actor", row)
        kwargs["recipient"] = _party("recipient", row)
        kwargs["location"] = (Location(row["location_name"], row.get("location_country") or "")
                              if row.get("location_name") else None)
    for f in fields(cls):
        if f.name in kwargs and kwargs[f.name] is None and f.type.startswith("list"):
            kwargs[f.name] = []
    return cls(**kwargs)


# ---------------------------------------------------------------- the store

class Store:
    """A newsgraph DuckDB file.

    Example:
        >>> with Store.open("newsgraph.duckdb", read_only=True) as store:  # doctest: +SKIP
        ...     store.count("articles")
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only

    # -- lifecycle
    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> Store:
        path = str(path)
        if read_only and path != ":memory:" and not Path(path).exists():
            raise StoreError(f"no newsgraph store at {path}; run `newsgraph ingest` or "
                             "`newsgraph demo` first", path=path)
        try:
            con = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:  # locked by a writer, not a DuckDB file, ...
            raise StoreError(f"cannot open the store: {exc}", path=path) from exc
        store = cls(con, path, read_only)
        if read_only:
            store._check_version()
        else:
            store.migrate()
        return store

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def version(self) -> int:
        try:
            row = self.con.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException:
            return 0
        return int(row[0]) if row else 0

    def _check_version(self) -> None:
        v = self.version()
        if v != SCHEMA_VERSION:
            raise StoreError(f"store schema version {v}, this newsgraph needs {SCHEMA_VERSION}; "
                             "open it once for writing to migrate", path=self.path)

    def migrate(self) -> None:
        """Apply the migrations this file has not had yet, each in its own transaction."""
        current = self.version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"store schema version {current} is newer than this newsgraph "
                             f"({SCHEMA_VERSION}); upgrade newsgraph", path=self.path)
        for number in range(current + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                self.con.execute(MIGRATIONS[number - 1])
                self.con.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(number)])

    # -- transactions
    def transaction(self) -> _Transaction:
        return _Transaction(self.con)

    # -- generic reads
    def count(self, table: str, where: str = "", params: Sequence[Any] = ()) -> int:
        sql = f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
        return int(self.con.execute(sql, list(params)).fetchone()[0])

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def records(self, cls: type[R], where: str = "", params: Sequence[Any] = (),
                order: str = "", limit: int | None = None) -> list[R]:
        """Records of ``cls`` from its table, filtered by an SQL ``where`` clause."""
        sql = f"SELECT * FROM {_TABLE[cls]}" + (f" WHERE {where}" if where else "")
        sql += f" ORDER BY {order}" if order else ""
        sql += f" LIMIT {int(limit)}" if limit else ""
        return [row_to_record(cls, r) for r in self.rows(sql, params)]

    def stream(self, cls: type[R], order: str = "", batch: int = 2000, where: str = "",
               params: Sequence[Any] = ()) -> Iterator[R]:
        """All records of ``cls`` (matching ``where``), read in one query, fetched in batches."""
        sql = f"SELECT * FROM {_TABLE[cls]}" + (f" WHERE {where}" if where else "") + \
            (f" ORDER BY {order}" if order else "")
        cur = self.con.cursor()
        try:
            cur.execute(sql, list(params))
            cols = [d[0] for d in cur.description]
            while chunk := cur.fetchmany(batch):
                for r in chunk:
                    yield row_to_record(cls, dict(zip(cols, r, strict=True)))
        finally:
            cur.close()

    def passages(self) -> list[Passage]:
        occ: dict[str, list[PassageOccurrence]] = {}
        for r in self.rows('SELECT * FROM passage_occurrences ORDER BY passage_id, article_id, start'):
            occ.setdefault(r["passage_id"], []).append(
                PassageOccurrence(r["article_id"], r["start"], r["end"]))
        return [Passage(r["id"], r["text"], occ.get(r["id"], []))
                for r in self.rows("SELECT * FROM passages ORDER BY id")]

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        table = pa.table({"id": ids})
        self.con.register("_ids", table)
        try:
            return {r[0] for r in self.con.execute(
                "SELECT a.id FROM articles a JOIN _ids USING (id)").fetchall()}
        finally:
            self.con.unregister("_ids")

    # -- generic writes (call inside a transaction)
    def insert_rows(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        arrow = pa.Table.from_pylist(rows)
        self.con.register("_rows", arrow)
        try:
            cols = ", ".join(f'"{c}"' for c in arrow.column_names)
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _rows")
        finally:
            self.con.unregister("_rows")

    def insert_records(self, records: Iterable[Any]) -> None:
        by_table: dict[str, list[dict[str, Any]]] = {}
        for r in records:
            by_table.setdefault(_TABLE[type(r)], []).append(record_to_row(r))
        for table, rows in by_table.items():
            self.insert_rows(table, rows)

    def add_articles(self, articles: list[Article]) -> tuple[int, int]:
        """Store new articles; for ones already stored, record the extra source.

        Returns (added, merged). Idempotent: the same article from the same source twice
        changes nothing.
        """
        known = self.known_article_ids(a.id for a in articles)
        new: dict[str, Article] = {}
        merged = 0
        for a in articles:
            if a.id in known:
                row = self.con.execute("SELECT sources FROM articles WHERE id = ?",
                                       [a.id]).fetchone()
                sources = list(row[0] or [])
                extra = [s for s in a.sources if s not in sources]
                if extra:
                    self.con.execute("UPDATE articles SET sources = ? WHERE id = ?",
                                     [sources + extra, a.id])
                    merged += 1
            elif a.id in new:  # same text twice in one batch
                first = new[a.id]
                first.sources.extend(s for s in a.sources if s not in first.sources)
                merged += 1
            else:
                new[a.id] = a
        self.insert_records(new.values())
        return len(new), merged

    def replace_annotations(self, annotations: Iterable[Any]) -> None:
        """Store mentions, quotes and events of annotated articles, replacing older ones."""
        anns = list(annotations)
        if not anns:
            return
        ids = pa.table({"id": [a.article_id for a in anns]})
        self.con.register("_done", ids)
        try:
            for table in ("mentions", "quotes", "events"):
                self.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM _done)")
            self.con.execute("UPDATE articles SET annotated = TRUE WHERE id IN (SELECT id FROM _done)")
        finally:
            self.con.unregister("_done")
        self.insert_records(m for a in anns for m in a.mentions)
        self.insert_records(q for a in anns for q in a.quotes)
        self.insert_records(e for a in anns for e in a.events)

    def log_error(self, source: str, line: int | None, code: str, message: str) -> None:
        self.con.execute("INSERT INTO ingest_errors (source, line, code, message) VALUES (?,?,?,?)",
                         [source, line, code, message])

    def replace_table(self, cls: type, records: Iterable[Any]) -> None:
        """Replace a derived table (entities, stories) whole."""
        table = _TABLE[cls]
        self.con.execute(f"DELETE FROM {table}")
        self.insert_records(records)

    def iter_articles(self, where: str = "", params: Sequence[Any] = (),
                      batch: int = 500) -> Iterator[list[Article]]:
        """Stored articles in batches, by id, without holding the corpus in memory."""
        last = ""
        while True:
            cond = "id > ?" + (f" AND ({where})" if where else "")
            chunk = self.records(Article, cond, [last, *params], order="id", limit=batch)
            if not chunk:
                return
            yield chunk
            last = chunk[-1].id

    def event_threshold(self) -> float:
        """The detector's operating point the stored events were scored with (0 if none)."""
        value = self.meta("event_threshold")
        return float(value) if value else 0.0

    def trusted_events(self, min_confidence: float | None = None,
                       all_events: bool = False) -> tuple[str, list[Any]]:
        """SQL condition and parameters for the events listings and exports show by default:
        complete (a coded political actor) and at least as confident as the detector's
        operating point. ``all_events`` drops the completeness condition; ``min_confidence``
        replaces the operating point."""
        threshold = self.event_threshold() if min_confidence is None else min_confidence
        cond = "confidence >= ?"
        return (cond if all_events else f"complete AND {cond}"), [threshold]

    def meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: Any) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                         [key, value if isinstance(value, str) else json.dumps(value)])


class _Transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.con.execute("BEGIN TRANSACTION")
        return self.con

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.con.execute("COMMIT")
        else:
            self.con.execute("ROLLBACK")
