"""Shared fixtures: one spaCy pipeline per test session (loading it is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
BENCH = ROOT.parent / "shared" / "bench"


@pytest.fixture(scope="session")
def base_nlp():
    """The bare spaCy pipeline (no newsgraph components)."""
    from newsgraph.nlp.pipeline import load_model

    return load_model(quiet=True)


@pytest.fixture(scope="session")
def nlp():
    """spaCy + newsgraph's components (actors, quotes, events)."""
    from newsgraph.nlp.pipeline import build_pipeline

    return build_pipeline(quiet=True)


@pytest.fixture
def annotate_text(nlp):
    """Annotate one text with an optional publication date; returns the spaCy Doc."""
    from newsgraph.nlp.doc_ext import ensure_extensions

    ensure_extensions()

    def run(text: str, date: str | None = None, dateline: str | None = None):
        doc = nlp.make_doc(text)
        doc._.ng_date = date
        doc._.ng_article_id = "a_test"
        doc._.ng_dateline = dateline
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return doc

    return run


@pytest.fixture
def candidates(annotate_text):
    """Every event candidate the rules propose for a text, before the detector decides
    (no detector, no floor): for tests of the rules themselves."""
    from newsgraph.nlp.event_lexicon import default_lexicon
    from newsgraph.nlp.events import code_events

    def run(text: str, date: str | None = "2021-02-25"):
        doc = annotate_text(text, date=date)
        return code_events(doc, default_lexicon(), detector=None, floor=0.0)

    return run
