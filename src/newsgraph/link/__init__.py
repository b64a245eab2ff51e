"""Corpus-level linking: work that needs the whole store, run after annotation.

Order matters: entities first (quotes and events then carry canonical entity ids), then the
quote and event clusters that compare speakers and actor pairs, then shared passages and
story clusters, which only read article texts.
"""

from __future__ import annotations

from ..store.duckdb import Store


def link_corpus(store: Store) -> dict[str, int]:
    """Run every link stage on ``store``; returns a count per stage."""
    from .entities import link_entities
    from .events import merge_events
    from .passages import find_passages
    from .quotes import cluster_quotes
    from .stories import cluster_stories

    return {
        "entities": link_entities(store),
        "quote_clusters": cluster_quotes(store),
        "event_clusters": merge_events(store),
        "passages": find_passages(store),
        "stories": cluster_stories(store),
    }
