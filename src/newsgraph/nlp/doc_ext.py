"""The spaCy ``Doc`` extensions newsgraph's components read and write.

Set before the pipeline runs (by :func:`newsgraph.nlp.pipeline.annotate` or by the user):
    Doc._.ng_date        publication date "YYYY-MM-DD" or None (anchors relative dates,
                         decides offices that change)
    Doc._.ng_date_precision  precision of that date: day|month|year (None = day)
    Doc._.ng_article_id  the article id ("" when unknown)
    Doc._.ng_dateline    dateline place or None (default event location)

Written by the components:
    Doc._.ng_mentions    list[records.Mention], sorted by start (newsgraph_actors)
    Doc._.quotes         list[records.Quote] (newsgraph_quotes)
    Doc._.events         list[records.Event], most prominent first (newsgraph_events)
    Doc._.ng_event_features  {event id: detector features}, only when the events
                         component is asked to keep them (for training the detector)
"""

from __future__ import annotations

from spacy.tokens import Doc

_DEFAULTS = {
    "ng_date": None,
    "ng_date_precision": None,
    "ng_article_id": "",
    "ng_dateline": None,
}
_LISTS = ("ng_mentions", "quotes", "events", "ng_event_features")


def ensure_extensions() -> None:
    """Register the extensions once; safe to call many times."""
    for name, default in _DEFAULTS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in _LISTS:
        if not Doc.has_extension(name):
            # a getter-less attribute with a mutable default would be shared; use None
            Doc.set_extension(name, default=None)


ensure_extensions()


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc.

    spaCy rebuilds ``Doc.text`` from the tokens on every access (O(tokens)); components that
    slice the text many times per article read it through here instead.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:  # the text of a Doc never changes, even when tokens are merged
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = ("newsgraph", "text", None, None)
