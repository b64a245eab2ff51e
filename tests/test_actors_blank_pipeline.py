"""Users can add newsgraph_actors to their own pipeline, even a blank one (no NER)."""

from __future__ import annotations

import spacy

import newsgraph.nlp.actors  # noqa: F401  (registers the factory)


def test_actors_blank_pipeline_finds_kb_names_and_metonyms():
    nlp = spacy.blank("en")
    nlp.add_pipe("newsgraph_actors", config={"kb_paths": []})
    doc = nlp("The Kremlin said Belarus and NATO would talk.")
    found = {m.text: m for m in doc._.ng_mentions}
    assert found["Kremlin"].actor.key == "kb:country:RUS:GOV"
    assert found["Belarus"].actor.key == "kb:country:BLR"
    assert "NATO" in found and found["NATO"].actor.type == "ORG"


def test_actors_kb_registry_function_builds_a_working_kb():
    from spacy.util import registry

    kb = registry.misc.get("newsgraph.actor_kb.v1")(kb_paths=[])
    assert kb.countries["RUS"].name
    # the registered KB codes names, not just loads: an alias finds its actor
    assert any(c.actor.country == "BLR" for c in kb.lookup("Belarus"))
