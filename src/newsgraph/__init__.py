"""newsgraph: who did what to whom, who said what, when and where, from raw news articles.

    >>> import newsgraph                                          # doctest: +SKIP
    >>> newsgraph.ingest(["examples/corpus"], db="demo.duckdb")
    >>> with newsgraph.open("demo.duckdb") as store:
    ...     quotes = store.records(newsgraph.Quote)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Actor", "Article", "Entity", "Event", "EventParty", "Location", "Mention", "Passage",
    "Quote", "Story", "NewsgraphError", "InputError", "KnowledgeBaseError", "StoreError",
    "StoreNotFoundError", "ModelError", "AnnotationError", "OutputError", "Store", "FieldMapping", "IngestSummary", "ingest", "open", "code_texts",
    "annotate_pending", "export", "build_pipeline", "load_model", "link_corpus",
]

# The public surface is imported lazily so `import newsgraph` stays fast and light.
_WHERE = {
    **{n: "records" for n in ("Actor", "Article", "Entity", "Event", "EventParty", "Location",
                             "Mention", "Passage", "Quote", "Story")},
    **{n: "errors" for n in ("NewsgraphError", "InputError", "KnowledgeBaseError",
                            "StoreError", "StoreNotFoundError", "ModelError",
                            "AnnotationError", "OutputError")},
    "Store": "store.duckdb",
    "FieldMapping": "ingest.readers",
    "IngestSummary": "api", "ingest": "api", "open": "api", "code_texts": "api",
    "annotate_pending": "api",
    "export": "store.export",
    "build_pipeline": "nlp.pipeline", "load_model": "nlp.pipeline",
    "link_corpus": "link",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f"newsgraph.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # for type checkers and IDEs
    from .api import IngestSummary, annotate_pending, code_texts, ingest, open  # noqa: F401
    from .errors import (  # noqa: F401
        AnnotationError,
        InputError,
        KnowledgeBaseError,
        ModelError,
        NewsgraphError,
        OutputError,
        StoreError,
        StoreNotFoundError,
    )
    from .ingest.readers import FieldMapping  # noqa: F401
    from .link import link_corpus  # noqa: F401
    from .nlp.pipeline import build_pipeline, load_model  # noqa: F401
    from .records import (  # noqa: F401
        Actor,
        Article,
        Entity,
        Event,
        EventParty,
        Location,
        Mention,
        Passage,
        Quote,
        Story,
    )
    from .store.duckdb import Store  # noqa: F401
    from .store.export import export  # noqa: F401
