"""Corpus entities for groups: a state's sector is one entity however it is written;
groups without a country stay within their article."""

from __future__ import annotations

from newsgraph.link.entities import link_entities
from newsgraph.records import Actor, Mention
from newsgraph.store.duckdb import Store


def _m(article, text, key, name, country, sector, typ="GROUP", kind="group"):
    return Mention(0, len(text), text, Actor(key, name, typ, country, sector), kind, article)


def test_link_entities_state_sector_is_one_entity_apart_from_the_country(tmp_path):
    store = Store.open(tmp_path / "t.duckdb")
    records = [
        _m("a1", "Kremlin", "kb:country:RUS:GOV", "Russia: government", "RUS", "GOV", "GPE",
           "metonym"),
        _m("a2", "Russian officials", "group:RUS:GOV", "Russia: government", "RUS", "GOV"),
        _m("a2", "Russia", "kb:country:RUS", "Russia", "RUS", "", "GPE", "name"),
        _m("a3", "police", "group:RUS:COP", "Russia: police", "RUS", "COP"),
    ]
    with store.transaction():
        store.insert_records(records)
    assert link_entities(store) == 3
    ents = {e["name"]: e for e in store.rows("SELECT * FROM entities")}
    assert set(ents) == {"Russia: government", "Russia", "Russia: police"}
    assert set(ents["Russia: government"]["aliases"]) == {"Kremlin", "Russian officials"}
    assert ents["Russia: government"]["article_ids"] == ["a1", "a2"]
