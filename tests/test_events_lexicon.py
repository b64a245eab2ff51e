"""The event lexicon: shipped data validates, users extend it, bad files fail clearly."""

from __future__ import annotations

import pytest

from newsgraph.errors import KnowledgeBaseError
from newsgraph.nlp.event_lexicon import PLOVER_TYPES, EventLexicon
from newsgraph.records import QUADS


def test_lexicon_shipped_covers_all_types():
    lex = EventLexicon.load()
    assert set(PLOVER_TYPES) <= set(lex.types)
    assert all(t.quad in QUADS for t in lex.types.values())
    used = {label[0] for label in list(lex.verbs.values()) + list(lex.nouns.values())}
    assert set(PLOVER_TYPES) <= used  # every type reachable from a word
    assert lex.verb("meet") == ("CONSULT", "meeting")
    assert lex.phrasal[("call", "on")][0] == "REQUEST"  # YAML's bare "on" stays a word


def test_lexicon_user_file_extends_and_overrides(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("verbs:\n  snub: REJECT\n  meet: CONSULT:summit\n", encoding="utf-8")
    lex = EventLexicon.load([extra])
    assert lex.verb("snub") == ("REJECT", None)
    assert lex.verb("meet") == ("CONSULT", "summit")


def test_lexicon_unknown_type_is_an_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("verbs:\n  hug: EMBRACE\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="EMBRACE"):
        EventLexicon.load([bad])


def test_lexicon_yaml_syntax_error_names_the_line(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("verbs:\n  meet: [CONSULT\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        EventLexicon.load([bad])
    assert "broken.yaml" in str(info.value)


def test_lexicon_component_takes_user_files(base_nlp, tmp_path):
    import spacy

    from newsgraph.nlp import events  # noqa: F401  (registers the factory)

    extra = tmp_path / "mine.yaml"
    extra.write_text("verbs:\n  snub: REJECT\n", encoding="utf-8")
    nlp = spacy.blank("en")
    coder = nlp.add_pipe("newsgraph_events", config={"lexicon_paths": [str(extra)]})
    assert coder.lexicon.verb("snub") == ("REJECT", None)
