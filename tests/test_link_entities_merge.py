"""Corpus entities: variants merge, namesakes stay apart, learned codes propagate."""

from __future__ import annotations

from newsgraph.link.entities import link_entities
from newsgraph.records import Actor, Event, EventParty, Mention, Quote
from newsgraph.store.duckdb import Store


def _m(article, text, key, country="", sector="", typ="PERSON"):
    return Mention(0, len(text), text, Actor(key, text, typ, country, sector), "name", article)


def _store(tmp_path, records):
    store = Store.open(tmp_path / "t.duckdb")
    with store.transaction():
        store.insert_records(records)
    return store


def test_link_entities_merges_variants_and_propagates_codes(tmp_path):
    full = _m("a1", "Svetlana Tikhanovskaya", "name:PERSON:svetlana tihanovska", "BLR", "OPP")
    variant = _m("a2", "Sviatlana Tsikhanouskaya", "name:PERSON:sviatlana tihanovska")
    surname = _m("a3", "Tikhanovskaya", "name:PERSON:tihanovska")
    quote = Quote(Quote.make_id("a3", 0, 5), "a3", surname.actor.entity_id, "Tikhanovskaya",
                  "Tikhanovskaya", "said", "hello", 0, 5, "direct")
    event = Event("v1", "a2", "PROTEST", None, "verbal-conflict",
                  EventParty(variant.actor.entity_id, "Sviatlana Tsikhanouskaya"), None,
                  None, None, None, "s", 0, 1)
    store = _store(tmp_path, [full, variant, surname, quote, event])
    assert link_entities(store) == 1
    (ent,) = store.rows("SELECT * FROM entities")
    assert (ent["country"], ent["sector"], ent["mentions"]) == ("BLR", "OPP", 3)
    assert set(ent["aliases"]) == {"Svetlana Tikhanovskaya", "Sviatlana Tsikhanouskaya",
                                   "Tikhanovskaya"}
    rows = store.rows("SELECT DISTINCT entity_id, country, sector FROM mentions")
    assert rows == [{"entity_id": ent["id"], "country": "BLR", "sector": "OPP"}]
    (q,) = store.rows("SELECT speaker_entity_id, speaker, country FROM quotes")
    assert q["speaker_entity_id"] == ent["id"] and q["country"] == "BLR"
    (e,) = store.rows("SELECT actor_entity_id, actor_sector FROM events")
    assert e["actor_entity_id"] == ent["id"] and e["actor_sector"] == "OPP"


def test_link_entities_keeps_namesakes_apart(tmp_path):
    store = _store(tmp_path, [
        _m("a1", "Anna Petrova", "name:PERSON:ana petrova"),
        _m("a2", "Olga Petrova", "name:PERSON:olga petrova"),
        _m("a3", "Petrova", "name:PERSON:petrova"),
        _m("a4", "Sergei Tikhanovsky", "name:PERSON:sergi tihanovski"),
        _m("a5", "Svetlana Tikhanovskaya", "name:PERSON:svetlana tihanovska"),
        _m("a6", "Tikhanovskaya", "name:PERSON:tihanovska"),
    ])
    assert link_entities(store) == 5  # Petrova is ambiguous; Tikhanovskaya is hers only
    keys = {r["text"]: r["key"] for r in store.rows("SELECT text, key FROM mentions")}
    assert keys["Anna Petrova"] != keys["Olga Petrova"]
    assert keys["Petrova"] == "name:PERSON:petrova"
    assert keys["Tikhanovskaya"] == keys["Svetlana Tikhanovskaya"]
    assert keys["Sergei Tikhanovsky"] != keys["Svetlana Tikhanovskaya"]


def test_link_entities_does_not_overwrite_dated_codes(tmp_path):
    store = _store(tmp_path, [
        _m("a1", "Vladimir Vladov", "kb:test-vladov", "RUS", "SPY"),
        _m("a2", "Vladimir Vladov", "kb:test-vladov", "RUS", "GOV"),
        _m("a3", "Vladimir Vladov", "kb:test-vladov", "RUS", "GOV"),
    ])
    link_entities(store)
    sectors = sorted(r["sector"] for r in store.rows("SELECT sector FROM mentions"))
    assert sectors == ["GOV", "GOV", "SPY"]
    assert store.rows("SELECT sector FROM entities") == [{"sector": "GOV"}]


def test_link_entities_variant_joins_kb_person(tmp_path):
    store = _store(tmp_path, [
        _m("a1", "Vladimir Vladov", "kb:test-vladov", "RUS", "GOV"),
        _m("a2", "Wladimir Wladow", "name:PERSON:vladimir wladow"),
        _m("a3", "Vera Vladova", "name:PERSON:vera vladova"),
    ])
    assert link_entities(store) == 2
    keys = {r["text"]: r["key"] for r in store.rows("SELECT text, key FROM mentions")}
    assert keys["Wladimir Wladow"] == "kb:test-vladov"
    assert keys["Vera Vladova"] != "kb:test-vladov"
