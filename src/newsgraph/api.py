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
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .ingest.prepare import prepare_article
from .ingest.readers import FieldMapping, RawRecord, read_inputs
from .link import link_corpus
from .nlp.pipeline import (
    AnnotateInput,
    Annotation,
    annotate,
    build_pipeline,
    event_operating_point,
)
from .progress import Progress
from .records import Article
from .store.duckdb import DEFAULT_DB, Store

log = logging.getLogger(__name__)

__all__ = ["IngestSummary", "Progress", "ingest", "open", "annotate_pending", "code_texts"]


@dataclass
class IngestSummary:
    db: str
    read: int = 0  # input records read
    added: int = 0  # new articles stored
    merged: int = 0  # duplicates of stored articles (extra sources recorded)
    unchanged: int = 0  # already stored from the same source
    annotated: int = 0
    errors: list[str] = field(default_factory=list)
    linked: dict[str, int] = field(default_factory=dict)


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
           link: bool = True, progress: Progress | None = None) -> IngestSummary:
    """Read articles into a store, annotate them and link the corpus.

    Bad input never stops the run (unless ``strict``): each bad file or line is reported
    once, naming it and the reason, counted in the summary and logged in the store's
    ``ingest_errors`` table; nothing stored is changed by it.

    Example:
        >>> newsgraph.ingest(["scraped/*.jsonl"], db="news.duckdb",   # doctest: +SKIP
        ...                  mapping=FieldMapping(text_field="body"))
    """
    progress = progress or Progress()
    summary = IngestSummary(db=str(db))
    with Store.open(db) as store:
        progress.start("read")
        raws = read_inputs([str(p) for p in inputs], mapping)
        errors: list[InputError] = []
        articles = _prepared(raws, default_date, summary, errors, progress, strict)
        for batch in _batches(articles, batch_size):
            with store.transaction():
                added, merged = store.add_articles(batch)
            summary.added += added
            summary.merged += merged
            summary.unchanged += len(batch) - added - merged
        progress.done("read")
        with store.transaction():
            for error in errors:
                store.log_error(error.path or "", error.line, error.code, error.message)
        if annotate_articles:
            summary.annotated = annotate_pending(store, model=model, kb=kb, workers=workers,
                                                 batch_size=batch_size, progress=progress)
        if link:
            progress.start("link")
            summary.linked = link_corpus(store)
            progress.done("link")
    return summary


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
                     progress: Progress | None = None) -> int:
    """Annotate every stored article that has not been annotated yet; returns how many.

    Each batch's annotations are committed together with the articles' ``annotated`` flag,
    so an interrupted run resumes with the first unfinished batch.
    """
    progress = progress or Progress()
    kb_paths = tuple(str(p) for p in kb)
    total = store.count("articles", "NOT annotated")
    progress.start("annotate", total)
    if total == 0:
        progress.done("annotate")
        return 0
    done = 0
    with store.transaction():  # listings show events at the detector's operating point
        store.set_meta("event_threshold", event_operating_point())
    # read the pending ids first: the batches below flip the flag as they commit
    pending = [r["id"] for r in store.rows("SELECT id FROM articles WHERE NOT annotated ORDER BY id")]
    id_batches = list(_batches(pending, batch_size))

    def article_batches() -> Iterator[list[Article]]:
        for ids in id_batches:
            marks = ",".join("?" * len(ids))
            yield store.records(Article, f"id IN ({marks})", ids, order="id")

    if workers > 1:
        with ProcessPoolExecutor(workers, initializer=_worker_init,
                                 initargs=(model, kb_paths)) as pool:
            results = pool.map(_worker_annotate, (_inputs(b) for b in article_batches()))
            for anns in results:
                with store.transaction():
                    store.replace_annotations(anns)
                done += len(anns)
                progress.advance("annotate", len(anns))
    else:
        nlp = build_pipeline(model, kb_paths=kb_paths, quiet=True)
        for batch in article_batches():
            anns = list(annotate(_inputs(batch), nlp=nlp))
            with store.transaction():
                store.replace_annotations(anns)
            done += len(anns)
            progress.advance("annotate", len(anns))
    progress.done("annotate")
    return done


# ------------------------------------------------------------------ single records

def code_texts(items: Iterable[dict], *, model: str | None = None,
               kb: Iterable[str | Path] = (), all_events: bool = False,
               min_confidence: float | None = None) -> Iterator[dict]:
    """``newsgraph code``: {id, text, date?} → {id, entities, quotes, events}, streaming.

    The text is taken as given (no cleaning), so offsets refer to the input text. Events
    are the trusted ones (complete, at least as confident as the detector's operating
    point) unless ``all_events`` / ``min_confidence`` ask for more.
    """
    from .records import to_dict

    nlp = build_pipeline(model, kb_paths=tuple(str(p) for p in kb), quiet=True)
    threshold = event_operating_point(nlp) if min_confidence is None else min_confidence
    for item in items:
        ann = next(annotate([AnnotateInput(str(item.get("id", "")), item.get("text") or "",
                                           item.get("date"), item.get("dateline"))], nlp=nlp))
        yield {
            "id": item.get("id"),
            "entities": _entities_of(ann),
            "quotes": [to_dict(q) for q in ann.quotes],
            "events": [to_dict(e) for e in ann.events
                       if e.confidence >= threshold and (all_events or e.complete)],
        }


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
