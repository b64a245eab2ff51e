"""Merging the same real-world event reported by several articles."""

from __future__ import annotations

from newsgraph.link.events import dates_compatible, merge_events, query_events
from newsgraph.records import Event, EventParty, Location, stable_id
from newsgraph.store.duckdb import Store


def _event(article, event, actor, recipient, date, date_text="on Sunday", place="Sochi"):
    a = EventParty(entity_id=f"e_{actor}", text=actor, name=actor, country=actor[:3].upper())
    r = EventParty(entity_id=f"e_{recipient}", text=recipient, name=recipient,
                   country=recipient[:3].upper())
    return Event(id=Event.make_id(article, 0, event, actor, recipient), article_id=article,
                 event=event, mode=None, quad="verbal-cooperation", actor=a, recipient=r,
                 date=date, date_precision="day", location=Location(place, ""),
                 sentence="...", start=0, end=3, date_text=date_text)


def test_merge_two_articles_same_meeting(tmp_path):
    store = Store.open(tmp_path / "t.duckdb")
    e1 = _event("a1", "CONSULT", "Putin", "Lukashenko", "2021-02-21")
    e2 = _event("a2", "CONSULT", "Lukashenko", "Putin", "2021-02-21")  # order-insensitive
    e3 = _event("a3", "CONSULT", "Putin", "Lukashenko", "2021-03-10")  # another meeting
    e4 = _event("a2", "SANCTION", "EU", "Belarus", "2021-02-21")
    with store.transaction():
        store.insert_records([e1, e2, e3, e4])
        n = merge_events(store)
    assert n == 1
    got = {e.id: e for e in store.records(Event)}
    assert got[e1.id].cluster_id == got[e2.id].cluster_id
    assert got[e1.id].sources == got[e2.id].sources == 2
    assert got[e3.id].cluster_id == stable_id("ec", e3.id) and got[e3.id].sources == 1
    assert got[e4.id].cluster_id == stable_id("ec", e4.id)
    store.close()


def test_merge_respects_direction_for_one_sided_types(tmp_path):
    store = Store.open(tmp_path / "t.duckdb")
    e1 = _event("a1", "ACCUSE", "Russia", "Ukraine", "2021-02-21")
    e2 = _event("a2", "ACCUSE", "Ukraine", "Russia", "2021-02-21")
    with store.transaction():
        store.insert_records([e1, e2])
        assert merge_events(store) == 0
    store.close()


def test_merge_places_must_agree(tmp_path):
    store = Store.open(tmp_path / "t.duckdb")
    e1 = _event("a1", "CONSULT", "Putin", "Lukashenko", "2021-02-21", place="Sochi")
    e2 = _event("a2", "CONSULT", "Putin", "Lukashenko", "2021-02-21", place="Minsk")
    with store.transaction():
        store.insert_records([e1, e2])
        assert merge_events(store) == 0
    store.close()


def test_merge_publication_dates_allow_a_few_days():
    import datetime as dt

    d = dt.date(2021, 2, 21)
    assert dates_compatible(d, "day", d, "day")
    assert not dates_compatible(d, "day", d + dt.timedelta(days=1), "day")
    assert dates_compatible(d, "published", d + dt.timedelta(days=2), "day")
    assert dates_compatible(d, "month", d + dt.timedelta(days=20), "day")


def test_merge_incremental_touches_only_new_blocks(tmp_path):
    store = Store.open(tmp_path / "t.duckdb")
    old = _event("a1", "ACCUSE", "Russia", "Ukraine", "2021-02-21")
    with store.transaction():
        store.insert_records([old])
        store.con.execute("UPDATE events SET cluster_id = 'kept'")
        new = [_event("a2", "CONSULT", "Putin", "Lukashenko", "2021-02-21"),
               _event("a3", "CONSULT", "Putin", "Lukashenko", "2021-02-21")]
        store.insert_records(new)
        assert merge_events(store, article_ids=["a2", "a3"]) == 1
    got = {e.id: e for e in store.records(Event)}
    assert got[old.id].cluster_id == "kept"
    store.close()


def test_query_events_filters(tmp_path):
    store = Store.open(tmp_path / "t.duckdb")
    with store.transaction():
        store.insert_records([_event("a1", "CONSULT", "Belarus", "Russia", "2020-09-14"),
                              _event("a2", "CONSULT", "Belarus", "Russia", "2020-07-01"),
                              _event("a3", "SANCTION", "Belarus", "Russia", "2020-09-14")])
    got = query_events(store, actor="bel", recipient="rus", event="CONSULT",
                       since="2020-08-01")
    assert [e.article_id for e in got] == ["a1"]
    # an upper-case code is a country (or country+sector) code, never part of a name:
    # RUS must not match "Belarus"
    assert len(query_events(store, actor="BEL", recipient="RUS")) == 3
    assert query_events(store, recipient="BEL") == []
    assert query_events(store, actor="RUS") == []
    assert query_events(store, actor="russia", recipient="belarus", either=True,
                        event="CONSULT,SANCTION", limit=10)
    store.close()


def test_query_events_by_cameo_style_code(tmp_path):
    store = Store.open(tmp_path / "t.duckdb")
    e = _event("a1", "CONSULT", "Belarus", "Russia", "2020-09-14")
    e.actor.sector = "GOV"
    with store.transaction():
        store.insert_records([e, _event("a2", "CONSULT", "Belarus", "Russia", "2020-09-15")])
    assert [x.article_id for x in query_events(store, actor="BELGOV")] == ["a1"]
    store.close()


def test_merge_incremental_joins_new_report_to_stored_event(tmp_path):
    store = Store.open(tmp_path / "t.duckdb")
    old = _event("a1", "CONSULT", "Putin", "Lukashenko", "2021-02-21")
    with store.transaction():
        store.insert_records([old])
        merge_events(store)
        new = _event("a9", "CONSULT", "Lukashenko", "Putin", "2021-02-21")
        store.insert_records([new])
        assert merge_events(store, article_ids=["a9"]) == 1
    got = {e.id: e for e in store.records(Event)}
    assert got[old.id].cluster_id == got[new.id].cluster_id
    assert got[new.id].sources == 2
    store.close()
