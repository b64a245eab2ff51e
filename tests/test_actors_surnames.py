"""Surnames that are everyday words name a KB person only after a title or the full name."""

from __future__ import annotations

import pytest

from newsgraph.nlp.actors import ActorTagger
from newsgraph.nlp.doc_ext import ensure_extensions

PEOPLE = """\
- id: t-trout
  name: Petra Trout
  gender: f
  offices: [{country: GBR, sector: GOV, role: Prime Minister, start: 2001-01-01, end: null}]
"""


@pytest.fixture(scope="module")
def tag(base_nlp, tmp_path_factory):
    ensure_extensions()
    folder = tmp_path_factory.mktemp("kb")
    (folder / "people_t.yaml").write_text(PEOPLE, encoding="utf-8")
    tagger = ActorTagger(base_nlp, "newsgraph_actors", kb_paths=[str(folder)])

    def run(text, date="2020-01-01"):
        doc = base_nlp.make_doc(text)
        doc._.ng_date = date
        for _, proc in base_nlp.pipeline:
            doc = proc(doc)
        return tagger(doc)

    return run


def _keys(doc, text):
    return {m.actor.key for m in doc._.ng_mentions if m.text == text}


def test_actors_everyday_surname_alone_is_not_the_kb_person(tag):
    doc = tag("British fishermen said Trout was scarce in the rivers of Britain this year.")
    assert "kb:t-trout" not in _keys(doc, "Trout")


def test_actors_everyday_surname_after_title_or_full_name(tag):
    doc = tag("Britain's Prime Minister Mrs Trout met farmers in London on Monday.")
    assert any(m.actor.key == "kb:t-trout" for m in doc._.ng_mentions)
    doc = tag("Petra Trout spoke in London. Later, Trout told British reporters she would stay.")
    assert _keys(doc, "Trout") == {"kb:t-trout"}


def test_actors_body_name_inside_a_person_name_is_not_the_body(tag, tmp_path):
    # "Swift" of "Taylor Swift" is not the SWIFT network (a one-word KB body name)
    doc = tag("Taylor Swift performed in Warsaw on Sunday, and the SWIFT network was cut.")
    keys = {m.text: m.actor.key for m in doc._.ng_mentions}
    assert keys.get("Taylor Swift", "").startswith("name:PERSON:")
    assert keys.get("SWIFT") == "kb:swift"


def test_actors_company_name_read_as_a_common_word_is_not_the_company(tag):
    doc = tag("Shell fragments hit the building. Later Shell said its profits rose.")
    keys = [m.actor.key for m in doc._.ng_mentions if m.text == "Shell"]
    assert keys == ["kb:shell"]  # the second only: the first opens a sentence as a noun
