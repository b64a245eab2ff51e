"""The DuckDB store: one file, one writer, many read-only readers.

Every write is a transaction: a batch of articles (with their annotations) lands whole or
not at all, so a killed run loses at most the batch in flight and the next run resumes.

Readers during a write: DuckDB lets one process hold a file for writing and no other process
open it meanwhile, not even read-only. A long writer (ingest) therefore lets go of the file
between batches (:meth:`Store.release`; the next use reopens it), and every open waits a
while for a lock held elsewhere (``lock_wait``: short for readers, long for writers) instead
of failing at once. docs/ARCHITECTURE.md says why, docs/PERFORMANCE.md what it costs.

Storage failures (a damaged or truncated file, a lock held too long) surface as one
:class:`~newsgraph.errors.StoreError` naming the store and the cause, never as a raw DuckDB
exception.

Records go in and come out as the typed objects of :mod:`newsgraph.records`; SQL users can
read the tables directly (schema.py documents them).
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

from ..errors import StoreError, StoreNotFoundError
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

__all__ = ["Store", "DEFAULT_DB", "record_to_row", "row_to_record", "storage_error",
           "READER_LOCK_WAIT", "WRITER_LOCK_WAIT"]

DEFAULT_DB = "newsgraph.duckdb"
#: seconds a reader waits for a writer's lock (a writer holds it for one batch's commit)
READER_LOCK_WAIT = 30.0
#: seconds a writer waits for readers (a long export can hold the file for minutes)
WRITER_LOCK_WAIT = 600.0

R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., Any])

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


# ---------------------------------------------------------------- storage errors

def _is_lock_error(exc: BaseException) -> bool:
    msg = str(exc)
    return "Could not set lock" in msg or "Conflicting lock" in msg


def storage_error(exc: duckdb.Error, path: str) -> StoreError:
    """One clear :class:`StoreError` for a DuckDB failure on the store at ``path``."""
    msg = " ".join(str(exc).split())
    if _is_lock_error(exc):
        why = "the store is in use by another process (an ingest writing it, or a long export)"
    elif isinstance(exc, duckdb.IOException) or "Corrupt" in msg or "checksum" in msg:
        why = ("the store file is damaged or unreadable (truncated or corrupted; "
               "`newsgraph info --check` reads every table)")
    elif "invalidated" in msg:
        why = "the store was invalidated by an earlier storage failure in this run"
    else:
        why = "the store could not run a query"
    return StoreError(f"{why}: {msg}", path=path)


def _storage(method: F) -> F:
    """Turn DuckDB failures inside a Store method into one StoreError naming the store."""
    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except duckdb.Error as exc:
            raise storage_error(exc, self.path) from exc
    return wrapper  # type: ignore[return-value]


def _connect(path: str, read_only: bool, lock_wait: float) -> duckdb.DuckDBPyConnection:
    """Open the file, waiting up to ``lock_wait`` seconds for a lock held by another process."""
    deadline = time.monotonic() + lock_wait
    pause = 0.05
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            if _is_lock_error(exc) and time.monotonic() < deadline:
                time.sleep(pause)
                pause = min(pause * 2, 1.0)
                continue
            if _is_lock_error(exc):
                raise StoreError(f"the store is in use by another process; waited {lock_wait:g} s "
                                 f"for it ({' '.join(str(exc).split())})", path=path) from exc
            raise StoreError(f"cannot open the store: {exc}", path=path) from exc


# ---------------------------------------------------------------- the store

class Store:
    """A newsgraph DuckDB file.

    Example:
        >>> with Store.open("newsgraph.duckdb", read_only=True) as store:  # doctest: +SKIP
        ...     store.count("articles")
    """

    def __init__(self, con: duckdb.DuckDBPyConnection | None, path: str, read_only: bool,
                 lock_wait: float = READER_LOCK_WAIT) -> None:
        self._con = con
        self.path = path
        self.read_only = read_only
        self.lock_wait = lock_wait
        self._in_transaction = False
        self._opened_at = time.monotonic()

    # -- lifecycle
    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, *, read_only: bool = False,
             lock_wait: float | None = None, check_version: bool = True) -> Store:
        """Open (or, for writing, create) a store.

        ``lock_wait``: seconds to wait while another process holds the file (default
        :data:`READER_LOCK_WAIT` read-only, :data:`WRITER_LOCK_WAIT` for writing).
        ``check_version=False`` opens a read-only store without reading its schema version
        (for :meth:`check` on a store too damaged to say it).
        """
        path = str(path)
        if path != ":memory:" and Path(path).is_dir():
            raise StoreNotFoundError(f"{path} is a folder, not a newsgraph store", path=path)
        if read_only and path != ":memory:" and not Path(path).exists():
            raise StoreNotFoundError(f"no newsgraph store at {path}; run `newsgraph ingest` or "
                                     "`newsgraph demo` first", path=path)
        if lock_wait is None:
            lock_wait = READER_LOCK_WAIT if read_only else WRITER_LOCK_WAIT
        store = cls(_connect(path, read_only, lock_wait), path, read_only, lock_wait)
        try:
            if read_only:
                if check_version:
                    store._check_version()
            else:
                store.migrate()
        except BaseException:
            store.close()
            raise
        return store

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, reopened on first use after :meth:`release`."""
        if self._con is None:
            self._con = _connect(self.path, self.read_only, self.lock_wait)
            self._opened_at = time.monotonic()
        return self._con

    def release(self, *, held_for: float = 0.0) -> None:
        """Let go of the file so other processes can open it; the next use reopens it.

        A writer calls this between batches so queries can run during a long ingest; with
        ``held_for`` only once it has held the file that many seconds (reopening costs a
        checkpoint, worth paying every few seconds, not after every quick batch). It does
        nothing inside a transaction or for an in-memory store.
        """
        if self._con is None or self._in_transaction or self.path == ":memory:":
            return
        if held_for and time.monotonic() - self._opened_at < held_for:
            return
        try:
            self._con.close()
        except duckdb.Error as exc:  # closing checkpoints the write-ahead log
            raise storage_error(exc, self.path) from exc
        finally:
            self._con = None

    def close(self) -> None:
        if self._con is not None:
            con, self._con = self._con, None
            try:
                con.close()
            except duckdb.Error:  # a store that failed already has said why
                pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @_storage
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
        return _Transaction(self)

    # -- checking
    def check(self) -> list[tuple[str, int | None, str | None]]:
        """Read every row of every table: (table, rows read, error or None) per table.

        DuckDB verifies each block's checksum as it reads it, so a store whose every table
        reads through is sound; ``info`` alone reads only the catalog and counts.
        """
        report: list[tuple[str, int | None, str | None]] = []
        try:
            tables = [r[0] for r in self.con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main' ORDER BY table_name").fetchall()]
        except duckdb.Error as exc:
            return [("(catalog)", None, " ".join(str(exc).split()))]
        for table in tables:
            n = 0
            cur = None
            try:
                cur = self.con.cursor()
                cur.execute(f'SELECT * FROM "{table}"')
                while chunk := cur.fetchmany(4096):
                    n += len(chunk)
                report.append((table, n, None))
            except duckdb.Error as exc:
                report.append((table, n, " ".join(str(exc).split())))
            finally:
                if cur is not None:
                    try:
                        cur.close()
                    except duckdb.Error:
                        pass
        return report

    # -- generic reads
    @_storage
    def count(self, table: str, where: str = "", params: Sequence[Any] = ()) -> int:
        sql = f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
        return int(self.con.execute(sql, list(params)).fetchone()[0])

    @_storage
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    @_storage
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
        try:
            cur = self.con.cursor()
        except duckdb.Error as exc:
            raise storage_error(exc, self.path) from exc
        try:
            cur.execute(sql, list(params))
            cols = [d[0] for d in cur.description]
            while chunk := cur.fetchmany(batch):
                for r in chunk:
                    yield row_to_record(cls, dict(zip(cols, r, strict=True)))
        except duckdb.Error as exc:
            raise storage_error(exc, self.path) from exc
        finally:
            try:
                cur.close()
            except duckdb.Error:
                pass

    @_storage
    def passages(self) -> list[Passage]:
        occ: dict[str, list[PassageOccurrence]] = {}
        for r in self.rows('SELECT * FROM passage_occurrences ORDER BY passage_id, article_id, start'):
            occ.setdefault(r["passage_id"], []).append(
                PassageOccurrence(r["article_id"], r["start"], r["end"]))
        return [Passage(r["id"], r["text"], occ.get(r["id"], []))
                for r in self.rows("SELECT * FROM passages ORDER BY id")]

    @_storage
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
    @_storage
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

    @_storage
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

    @_storage
    def replace_annotations(self, annotations: Iterable[Any]) -> None:
        """Store mentions, quotes and events of annotated articles, replacing older ones.

        An annotation with ``error`` set marks its article as failed (``annotation_error``)
        instead: it stays unannotated and later runs skip it.
        """
        anns = list(annotations)
        failed = [a for a in anns if getattr(a, "error", None)]
        anns = [a for a in anns if not getattr(a, "error", None)]
        for a in failed:
            self.con.execute("UPDATE articles SET annotation_error = ? WHERE id = ?",
                             [a.error, a.article_id])
        if not anns:
            return
        ids = pa.table({"id": [a.article_id for a in anns]})
        self.con.register("_done", ids)
        try:
            for table in ("mentions", "quotes", "events"):
                self.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM _done)")
            self.con.execute("UPDATE articles SET annotated = TRUE, annotation_error = NULL "
                             "WHERE id IN (SELECT id FROM _done)")
        finally:
            self.con.unregister("_done")
        self.insert_records(m for a in anns for m in a.mentions)
        self.insert_records(q for a in anns for q in a.quotes)
        self.insert_records(e for a in anns for e in a.events)

    @_storage
    def log_error(self, source: str, line: int | None, code: str, message: str) -> None:
        self.con.execute("INSERT INTO ingest_errors (source, line, code, message) VALUES (?,?,?,?)",
                         [source, line, code, message])

    @_storage
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

    @_storage
    def meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    @_storage
    def set_meta(self, key: str, value: Any) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                         [key, value if isinstance(value, str) else json.dumps(value)])


class _Transaction:
    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        con = self.store.con
        try:
            con.execute("BEGIN TRANSACTION")
        except duckdb.Error as exc:
            raise storage_error(exc, self.store.path) from exc
        self.store._in_transaction = True
        return con

    def __exit__(self, exc_type, exc, tb) -> None:
        self.store._in_transaction = False
        con = self.store.con
        if exc_type is None:
            try:
                con.execute("COMMIT")
            except duckdb.Error as error:
                self._rollback(con)
                raise storage_error(error, self.store.path) from error
            return
        # the failure that aborted the transaction is the one to report: a rollback that
        # fails too ("Current transaction is aborted") must not replace it
        self._rollback(con)
        if isinstance(exc, duckdb.Error):
            raise storage_error(exc, self.store.path) from exc

    @staticmethod
    def _rollback(con: duckdb.DuckDBPyConnection) -> None:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
