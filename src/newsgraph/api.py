"""The Python API: the library functions every CLI command calls.

    >>> import newsgraph                                   # doctest: +SKIP
    >>> summary = newsgraph.ingest(["examples/corpus"], db="news.duckdb")
    >>> store = newsgraph.open("news.duckdb")
    >>> store.records(newsgraph.Quote, "speaker ILIKE ?", ["%lukashenko%"])

Ingest runs in three resumable phases, each committing in batches:
1. read + clean + metadata → ``articles`` (new ids only; a known text gets its new source);
2. annotate every article not annotated yet → ``mentions``, ``quotes``, ``events``;
3. link the corpus → ``entities``, clusters, ``passages``, ``stories``.
A run killed anywhere loses at most the batch in flight; the next run picks up where it
stopped, and re-running on the same input changes nothing.

No article can stop a run: one the pipeline fails on is logged in ``ingest_errors``, keeps
the reason in ``articles.annotation_error`` and is not tried again (``retry_failed`` clears
the reasons). Between batches the writer lets go of the store file so that queries from
other processes can run while an ingest works (see docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .errors import AnnotationError, InputError
from .ingest.prepare import prepare_article
from .ingest.readers import FieldMapping, RawRecord, read_inputs
from .link import link_corpus
from .nlp.pipeline import (
    AnnotateInput,
    Annotation,
    annotate,
    build_pipeline,
    event_operating_point,
    forget_pipeline,
    model_banner,
)
from .progress import Progress
from .records import Article
from .store.duckdb import DEFAULT_DB, Store, storage_error

log = logging.getLogger(__name__)

#: while reading (fast), the writer lets go of the store file at most this often, in seconds;
#: while annotating (slow) it lets go around every batch
RELEASE_EVERY_S = 2.0

__all__ = ["IngestSummary", "Progress", "ingest", "open", "annotate_pending", "code_texts",
           "code_text"]


@dataclass
class IngestSummary:
    db: str
    read: int = 0  # input records read
    added: int = 0  # new articles stored
    merged: int = 0  # duplicates of stored articles (extra sources recorded)
    unchanged: int = 0  # already stored from the same source
    annotated: int = 0
    failed: int = 0  # articles the pipeline failed on (logged, not retried)
    errors: list[str] = field(default_factory=list)  # every bad input and failed article
    linked: dict[str, int] = field(default_factory=dict)
    model: str | None = None  # the spaCy pipeline used, as model_banner() says it


def open(db: str | Path = DEFAULT_DB, *, read_only: bool = True) -> Store:  # noqa: A001
    """Open a newsgraph store (read-only unless asked)."""
    return Store.open(db, read_only=read_only)


def _prepared(raws: Iterable[RawRecord | InputError], default_date: str | None,
              summary: IngestSummary, errors: list[InputError], progress: Progress,
              strict: bool) -> Iterator[Article]:
    for raw in raws:
        if isinstance(raw, InputError):
            error: InputError | None = raw
        else:
            summary.read += 1
            try:
                yield prepare_article(raw, default_date=default_date)
                error = None
            except InputError as exc:
                error = exc
        progress.advance("read")
        if error is not None:
            summary.errors.append(str(error))
            errors.append(error)
            progress.error(error)
            if strict:
                raise error


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(inputs: Iterable[str | Path], db: str | Path = DEFAULT_DB, *,
           mapping: FieldMapping | None = None, default_date: str | None = None,
           strict: bool = False, model: str | None = None, kb: Iterable[str | Path] = (),
           batch_size: int = 64, workers: int = 1, annotate_articles: bool = True,
           link: bool = True, progress: Progress | None = None, retry_failed: bool = False,
           hold_lock: bool = False) -> IngestSummary:
    """Read articles into a store, annotate them and link the corpus.

    Bad input never stops the run (unless ``strict``): each bad file or line is reported
    once, naming it and the reason, counted in the summary and logged in the store's
    ``ingest_errors`` table; nothing stored is changed by it. The same holds for an article
    the pipeline fails on. The model (and ``kb``) are loaded before anything is read, so a
    wrong ``model`` fails at once. ``hold_lock`` keeps the store file locked for the whole
    run (readers in other processes then wait or fail until it ends).

    Example:
        >>> newsgraph.ingest(["scraped/*.jsonl"], db="news.duckdb",   # doctest: +SKIP
        ...                  mapping=FieldMapping(text_field="body"))
    """
    progress = progress or Progress()
    summary = IngestSummary(db=str(db))
    kb_paths = tuple(str(p) for p in kb)
    if annotate_articles:
        nlp = build_pipeline(model, kb_paths=kb_paths, quiet=True)
        summary.model = model_banner(nlp)
        progress.info(summary.model)
        if workers > 1:  # the workers load their own; this copy only checked model and KB
            forget_pipeline(model, kb_paths=kb_paths)
            del nlp
    with Store.open(db) as store:
        try:
            _read_phase(store, inputs, mapping, default_date, strict, batch_size, summary,
                        progress, hold_lock)
            if annotate_articles:
                summary.annotated = annotate_pending(
                    store, model=model, kb=kb_paths, workers=workers, batch_size=batch_size,
                    progress=progress, retry_failed=retry_failed, summary=summary,
                    hold_lock=hold_lock)
            if link:
                progress.start("link")
                summary.linked = link_corpus(store)
                progress.done("link")
        except duckdb.Error as exc:  # a link stage's own SQL on a damaged store
            raise storage_error(exc, str(db)) from exc
    return summary


def _read_phase(store: Store, inputs: Iterable[str | Path], mapping: FieldMapping | None,
                default_date: str | None, strict: bool, batch_size: int,
                summary: IngestSummary, progress: Progress, hold_lock: bool) -> None:
    progress.start("read")
    raws = read_inputs([str(p) for p in inputs], mapping)
    errors: list[InputError] = []
    articles = _prepared(raws, default_date, summary, errors, progress, strict)
    try:
        for batch in _batches(articles, batch_size):
            with store.transaction():
                added, merged = store.add_articles(batch)
            if not hold_lock:  # reading is quick: let readers in every few seconds
                store.release(held_for=RELEASE_EVERY_S)
            summary.added += added
            summary.merged += merged
            summary.unchanged += len(batch) - added - merged
    finally:  # the errors met so far are logged even when --strict stops the run
        progress.done("read")
        if errors:
            with store.transaction():
                for error in errors:
                    store.log_error(error.path or "", error.line, error.code, error.message)


# ------------------------------------------------------------------ annotation

def _inputs(articles: list[Article]) -> list[AnnotateInput]:
    return [AnnotateInput(a.id, a.text, a.published, a.dateline_place, a.published_precision)
            for a in articles]


_WORKER_CONFIG: dict = {}


def _worker_init(model: str | None, kb: tuple[str, ...]) -> None:
    _WORKER_CONFIG["nlp"] = build_pipeline(model, kb_paths=kb, quiet=True)


def _worker_annotate(items: list[AnnotateInput]) -> list[Annotation]:
    return list(annotate(items, nlp=_WORKER_CONFIG["nlp"]))


def annotate_pending(store: Store, *, model: str | None = None, kb: Iterable[str | Path] = (),
                     workers: int = 1, batch_size: int = 64,
                     progress: Progress | None = None, retry_failed: bool = False,
                     summary: IngestSummary | None = None, hold_lock: bool = False) -> int:
    """Annotate every stored article that has not been annotated yet; returns how many.

    Each batch's annotations are committed together with the articles' ``annotated`` flag,
    so an interrupted run resumes with the first unfinished batch. An article the pipeline
    fails on is logged in ``ingest_errors`` and marked (``annotation_error``) so that later
    runs skip it; ``retry_failed`` clears those marks first.
    """
    progress = progress or Progress()
    summary = summary or IngestSummary(db=store.path)
    kb_paths = tuple(str(p) for p in kb)
    if retry_failed:
        with store.transaction():
            store.con.execute("UPDATE articles SET annotation_error = NULL "
                              "WHERE annotation_error IS NOT NULL")
    pending_where = "NOT annotated AND annotation_error IS NULL"
    # read the pending ids first: the batches below flip the flag as they commit
    pending = [r["id"] for r in store.rows(
        f"SELECT id FROM articles WHERE {pending_where} ORDER BY id")]
    progress.start("annotate", len(pending))
    if not pending:
        progress.done("annotate")
        return 0
    with store.transaction():  # listings show events at the detector's operating point
        store.set_meta("event_threshold", event_operating_point())
    id_batches = list(_batches(pending, batch_size))

    def read_batch(ids: list[str]) -> list[AnnotateInput]:
        marks = ",".join("?" * len(ids))
        articles = store.records(Article, f"id IN ({marks})", ids, order="id")
        if not hold_lock:
            store.release()  # annotating takes a while: readers may use the store meanwhile
        return _inputs(articles)

    def commit(anns: list[Annotation]) -> int:
        failed = [a for a in anns if a.error]
        with store.transaction():
            store.replace_annotations(anns)
            for a in failed:
                source = store.con.execute("SELECT source FROM articles WHERE id = ?",
                                           [a.article_id]).fetchone()
                error = AnnotationError(f"annotation failed, article {a.article_id} skipped "
                                        f"({a.error})", path=source[0] if source else None)
                store.log_error(error.path or "", None, error.code, error.message)
                summary.errors.append(str(error))
                progress.error(error)
        if not hold_lock:
            store.release()
        summary.failed += len(failed)
        progress.advance("annotate", len(anns))
        return len(anns) - len(failed)

    done = 0
    if workers > 1:
        try:
            with ProcessPoolExecutor(workers, initializer=_worker_init,
                                     initargs=(model, kb_paths)) as pool:
                # a bounded window of batches in flight: the corpus is never all in memory
                window: deque[Future] = deque()
                for ids in id_batches:
                    window.append(pool.submit(_worker_annotate, read_batch(ids)))
                    if len(window) > 2 * workers:
                        done += commit(window.popleft().result())
                while window:
                    done += commit(window.popleft().result())
        except BrokenProcessPool as exc:
            raise AnnotationError("an annotation worker process died (out of memory?); what "
                                  "was committed is kept, run ingest again to resume") from exc
    else:
        nlp = build_pipeline(model, kb_paths=kb_paths, quiet=True)
        for ids in id_batches:
            done += commit(list(annotate(read_batch(ids), nlp=nlp)))
    progress.done("annotate")
    return done


# ------------------------------------------------------------------ single records

def code_texts(items: Iterable[dict], *, model: str | None = None,
               kb: Iterable[str | Path] = (), all_events: bool = False,
               min_confidence: float | None = None) -> Iterator[dict]:
    """``newsgraph code``: {id, text, date?} → {id, entities, quotes, events}, streaming.

    One result per item, in order; an item that cannot be coded gives {id, error}. The text
    is taken as given (no cleaning), so offsets refer to the input text. Events are the
    trusted ones (complete, at least as confident as the detector's operating point) unless
    ``all_events`` / ``min_confidence`` ask for more.
    """
    nlp = build_pipeline(model, kb_paths=tuple(str(p) for p in kb), quiet=True)
    for item in items:
        try:
            yield code_text(item, nlp=nlp, all_events=all_events, min_confidence=min_confidence)
        except (InputError, AnnotationError) as exc:
            yield {"id": item.get("id") if isinstance(item, dict) else None,
                   "error": exc.message}


def code_text(item: dict, *, nlp, all_events: bool = False,
              min_confidence: float | None = None) -> dict:
    """Code one {id, text, date?, dateline?} with a built pipeline → {id, entities, quotes, events}.

    Raises :class:`InputError` for a missing or non-text ``text`` or a ``date`` that is not
    a date, :class:`AnnotationError` when the pipeline fails on the text. Events as in
    :func:`code_texts`.
    """
    from .records import to_dict

    if not isinstance(item, dict):
        raise InputError("expected a JSON object")
    text = item.get("text")
    if "text" not in item or text is None:
        raise InputError("no 'text' field", field="text")
    if not isinstance(text, str):
        raise InputError(f"'text' is a {_json_type(text)}, not a string", field="text")
    date = item.get("date")
    if date is not None:
        date = _iso_day(date)
    dateline = item.get("dateline")
    if dateline is not None and not isinstance(dateline, str):
        raise InputError(f"'dateline' is a {_json_type(dateline)}, not a string",
                         field="dateline")
    (ann,) = annotate([AnnotateInput(str(item.get("id", "")), text, date, dateline)], nlp=nlp)
    if ann.error:
        raise AnnotationError(f"annotation failed ({ann.error})")
    threshold = event_operating_point(nlp) if min_confidence is None else min_confidence
    return {
        "id": item.get("id"),
        "entities": _entities_of(ann),
        "quotes": [to_dict(q) for q in ann.quotes],
        "events": [to_dict(e) for e in ann.events
                   if e.confidence >= threshold and (all_events or e.complete)],
    }


def _iso_day(value: object) -> str:
    """A record's date as YYYY-MM-DD ("2021-02-24" or a timestamp starting with it)."""
    import datetime as dt

    try:
        if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}(?:$|[T ])", value):
            return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    raise InputError(f"'date' {value!r} is not a date (YYYY-MM-DD)", field="date")


def _json_type(value: object) -> str:
    return {bool: "boolean", int: "number", float: "number", list: "list", dict: "object"}.get(
        type(value), type(value).__name__)


def _entities_of(ann: Annotation) -> list[dict]:
    """The actors of one text, each with its mentions (offsets into the input text)."""
    by_id: dict[str, dict] = {}
    for m in ann.mentions:
        a = m.actor
        ent = by_id.setdefault(a.entity_id, {
            "id": a.entity_id, "name": a.name, "type": a.type, "country": a.country,
            "sector": a.sector, "wikidata": a.wikidata, "aliases": [], "mentions": []})
        if m.text not in ent["aliases"]:
            ent["aliases"].append(m.text)
        ent["mentions"].append({"start": m.start, "end": m.end, "text": m.text, "kind": m.kind})
    return list(by_id.values())
