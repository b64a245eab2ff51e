"""Annotation never crashes a run: long texts in segments with whole-text offsets, and one
article's failure is that article's error (issue 11, item 1)."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from newsgraph.nlp import pipeline
from newsgraph.nlp.pipeline import AnnotateInput, annotate, split_segments

PARAGRAPH = ("Belarusian President Alexander Lukashenko met Russian President Vladimir Putin "
             "in Sochi on Monday. \"We agreed on everything,\" Lukashenko said after the talks.")


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(5, 60))
@settings(max_examples=200, deadline=None)
def test_pipeline_split_segments_join_back_exactly(text, limit):
    pieces = split_segments(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)


def test_pipeline_split_segments_cut_at_paragraphs():
    text = "\n\n".join(f"Paragraph {i} is here." for i in range(10))
    pieces = split_segments(text, 60)
    assert all(p.endswith("\n\n") for p in pieces[:-1])


def test_pipeline_long_text_offsets_refer_to_the_whole_text(nlp, monkeypatch):
    # small limits stand in for the real ones (a 2 MB text would slow the suite)
    monkeypatch.setattr(pipeline, "LONG_TEXT_CHARS", 500)
    monkeypatch.setattr(pipeline, "SEGMENT_CHARS", 400)
    text = "\n\n".join(PARAGRAPH for _ in range(8))
    (ann,) = annotate([AnnotateInput("art1", text, "2021-02-22")], nlp=nlp)
    assert ann.error is None
    assert len(ann.quotes) == 8 and len(ann.mentions) >= 16 and ann.events
    for m in ann.mentions:
        assert text[m.start:m.end] == m.text and m.article_id == "art1"
    for q in ann.quotes:
        assert text[q.start:q.end] == q.content and q.article_id == "art1"
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_text
    for e in ann.events:
        assert text[e.start:e.end] == e.sentence and e.article_id == "art1"
        assert text[e.trigger_start:e.trigger_end] == e.trigger
    # the same statement in eight segments: eight quotes, eight distinct ids
    assert len({q.id for q in ann.quotes}) == 8
    assert len({e.id for e in ann.events}) == len(ann.events)
    # and each segment's quote is found in its own paragraph, not all in the first
    assert len({q.start for q in ann.quotes}) == 8


def _failing_nlp() -> Language:
    """A blank pipeline whose one component fails on any text that contains BOOM."""
    name = "test_fail_on_boom"
    if name not in Language.factories:
        @Language.component(name)
        def fail_on_boom(doc):
            if "BOOM" in doc.text:
                raise ValueError("cannot handle this text")
            return doc

    nlp = spacy.blank("en")
    nlp.add_pipe(name)
    return nlp


def test_pipeline_one_failing_article_fails_alone():
    items = [AnnotateInput(f"a{i}", text) for i, text in
             enumerate(["A fine text.", "This one goes BOOM.", "Another fine text."])]
    anns = list(annotate(items, nlp=_failing_nlp(), batch_size=8))
    assert [a.article_id for a in anns] == ["a0", "a1", "a2"]
    assert [a.error is None for a in anns] == [True, False, True]
    assert "ValueError" in anns[1].error and "cannot handle" in anns[1].error
