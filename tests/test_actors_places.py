"""Gazetteer places in text: they code their country; as actors they are its people (CVL)."""

from __future__ import annotations

import pytest

from newsgraph.nlp.actors import ActorTagger
from newsgraph.nlp.doc_ext import ensure_extensions

PLACES = """\
- {name: Testgrad, country: BLR, kind: city}
- {name: Hope, country: BLR, kind: town}
- {name: Ostrovia, aliases: [Ostrovia Province], country: MMR, kind: province}
"""


@pytest.fixture(scope="module")
def tag(base_nlp, tmp_path_factory):
    ensure_extensions()
    folder = tmp_path_factory.mktemp("kb")
    (folder / "places_t.yaml").write_text(PLACES, encoding="utf-8")
    tagger = ActorTagger(base_nlp, "newsgraph_actors", kb_paths=[str(folder)])

    def run(text, dateline=None):
        doc = base_nlp.make_doc(text)
        doc._.ng_date = "2021-01-01"
        doc._.ng_dateline = dateline
        for _, proc in base_nlp.pipeline:
            doc = proc(doc)
        return tagger(doc)

    return run


def test_actors_place_modifier_codes_the_country(tag):
    doc = tag("Testgrad police detained twelve people on Sunday.")
    groups = [m for m in doc._.ng_mentions if m.kind == "group" and "police" in m.text]
    assert [(g.text, g.actor.country, g.actor.sector) for g in groups] == [
        ("Testgrad police", "BLR", "COP")]
    assert not [m for m in doc._.ng_mentions if m.kind == "place"]  # one mention, not two


def test_actors_place_alone_is_its_country_civilians(tag):
    # PLOVER codes a city or region acting or suffering as an actor as its country, CVL
    doc = tag("Fighting spread across Ostrovia Province last week, residents said.")
    place = next(m for m in doc._.ng_mentions if m.text == "Ostrovia Province")
    assert (place.kind, place.actor.country, place.actor.sector) == ("place", "MMR", "CVL")
    assert place.actor.key == "place:MMR:ostrovia"


def test_actors_place_dateline_only_locates(tag):
    doc = tag("TESTGRAD, March 3 - Riot police detained dozens of protesters.")
    place = next(m for m in doc._.ng_mentions if m.text == "TESTGRAD")
    assert (place.actor.country, place.actor.sector) == ("BLR", "")


def test_actors_place_dateline_gives_the_home_country(tag):
    doc = tag("Riot police detained dozens of protesters on Sunday.", dateline="Testgrad")
    groups = {m.actor.country for m in doc._.ng_mentions if m.kind == "group"}
    assert groups == {"BLR"}


def test_actors_everyday_word_place_needs_a_locative(tag, tmp_path):
    doc = tag("Hope is fading, Ostrovia Province officials said. They met in Hope later.")
    places = [m for m in doc._.ng_mentions if m.text == "Hope"]
    assert [m.start for m in places] == [doc.text.rindex("Hope")]


def test_actors_several_word_place_ner_calls_a_person_is_the_place(tag):
    # the shipped gazetteer lists Bocharov Ruchei, which the small model tags PERSON
    doc = tag("The meeting at the Bocharov Ruchei residence on the coast lasted five hours.")
    place = next(m for m in doc._.ng_mentions if m.text == "Bocharov Ruchei")
    assert (place.kind, place.actor.country) == ("place", "RUS")
