"""Model loading and pipeline assembly."""

from __future__ import annotations

import pytest

from newsgraph.errors import ModelError
from newsgraph.nlp import pipeline
from newsgraph.nlp.pipeline import AnnotateInput, annotate, load_model, split_kb_paths


def test_pipeline_load_model_default_says_which(capsys):
    nlp = load_model()
    assert "ner" in nlp.pipe_names
    msg = capsys.readouterr().err
    assert "using spaCy pipeline" in msg and "loaded as" in msg
    assert pipeline.model_banner(nlp) == msg.strip()


def test_pipeline_load_model_wrong_name_is_an_error_not_a_fallback():
    # a typo in --model must not silently give another model
    with pytest.raises(ModelError, match="'no_such_model_xyz' could not be loaded"):
        load_model("no_such_model_xyz", quiet=True)


def test_pipeline_load_model_fails_clearly_when_nothing_loads(monkeypatch):
    monkeypatch.setattr(pipeline, "OFFICIAL_MODELS", ())
    monkeypatch.setattr(pipeline, "FALLBACK_PACKAGE", "also_missing_xyz")
    with pytest.raises(ModelError, match="no spaCy English pipeline"):
        load_model(quiet=True)


def test_pipeline_split_kb_paths_routes_event_lexicons():
    lex, actors = split_kb_paths(["my/events.yaml", "my/people.yaml", "kb_folder",
                                  "Events_extra.yml"])
    assert lex == ["my/events.yaml", "Events_extra.yml"]
    assert actors == ["my/people.yaml", "kb_folder"]


def test_pipeline_annotate_keeps_input_order_and_ids(nlp):
    items = [AnnotateInput(f"a{i}", f"Vladimir Putin met Alexander Lukashenko in Sochi ({i}).",
                           "2021-02-22") for i in range(5)]
    out = list(annotate(items, nlp=nlp, batch_size=2))
    assert [a.article_id for a in out] == [f"a{i}" for i in range(5)]
    assert all(m.article_id == "a3" for m in out[3].mentions)
    assert all(e.article_id == "a3" for e in out[3].events)
