"""The DuckDB store: migrations, idempotent article writes, atomic batches, round trips."""

from __future__ import annotations

import pytest

from newsgraph.errors import StoreError
from newsgraph.records import (
    Actor,
    Article,
    Event,
    EventParty,
    Location,
    Mention,
    Quote,
)
from newsgraph.store.duckdb import Store
from newsgraph.store.schema import SCHEMA_VERSION


def _article(text: str, source: str) -> Article:
    return Article(id=Article.make_id(text), source=source, title="T", text=text,
                   sources=[source], agencies=["TASS"], removed=["Leave a Reply"])


def test_store_migrates_new_file_to_current_version(tmp_path):
    with Store.open(tmp_path / "s.duckdb") as store:
        assert store.version() == SCHEMA_VERSION
    with Store.open(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.count("articles") == 0


def test_store_read_only_missing_file_is_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no newsgraph store"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)


def test_store_refuses_newer_schema(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        store.set_meta("schema_version", str(SCHEMA_VERSION + 1))
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)


def test_store_add_articles_is_idempotent_and_merges_sources(tmp_path):
    with Store.open(tmp_path / "s.duckdb") as store:
        a = _article("Minsk, February 25. The talks went well.", "a.txt")
        with store.transaction():
            assert store.add_articles([a]) == (1, 0)
        with store.transaction():
            assert store.add_articles([a]) == (0, 0)  # same text, same source: nothing
        b = _article("Minsk, February 25.  The talks  went well.", "b.txt")  # same normal form
        with store.transaction():
            assert store.add_articles([b]) == (0, 1)
        stored = store.records(Article)
        assert len(stored) == 1
        assert stored[0].sources == ["a.txt", "b.txt"]
        assert stored[0].agencies == ["TASS"] and stored[0].removed == ["Leave a Reply"]


def test_store_duplicate_within_one_batch_is_one_article(tmp_path):
    with Store.open(tmp_path / "s.duckdb") as store:
        with store.transaction():
            added, merged = store.add_articles([_article("Same text.", "x"), _article("Same text.", "y")])
        assert (added, merged) == (1, 1)
        assert store.records(Article)[0].sources == ["x", "y"]


def test_store_transaction_rolls_back_whole_batch(tmp_path):
    with Store.open(tmp_path / "s.duckdb") as store:
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.add_articles([_article("One.", "1"), _article("Two.", "2")])
                raise RuntimeError("killed mid-batch")
        assert store.count("articles") == 0


def test_store_round_trips_event_quote_and_mention(tmp_path):
    actor = Actor(key="kb:putin", name="Vladimir Putin", type="PERSON", country="RUS", sector="GOV")
    mention = Mention(0, 5, "Putin", actor, "name", "a_1")
    quote = Quote(id="q1", article_id="a_1", speaker_entity_id=actor.entity_id,
                  speaker="Vladimir Putin", speaker_text="Putin", cue="said", content="Yes",
                  start=10, end=13, kind="direct", channel="TV")
    event = Event(id="v1", article_id="a_1", event="CONSULT", mode="visit",
                  quad="verbal-cooperation",
                  actor=EventParty(actor.entity_id, "Putin", "Vladimir Putin", "RUS", "GOV", 0, 5),
                  recipient=None, date="2021-02-22", date_precision="day",
                  location=Location("Sochi", "RUS"), sentence="Putin met.", start=0, end=10,
                  negated=True, modality="intended")
    with Store.open(tmp_path / "s.duckdb") as store:
        with store.transaction():
            store.insert_records([mention, quote, event])
        assert store.records(Mention) == [mention]
        assert store.records(Quote) == [quote]
        assert store.records(Event) == [event]
        assert list(store.stream(Event)) == [event]


def test_store_not_a_duckdb_file_is_clear_error(tmp_path):
    bad = tmp_path / "not-a-db.duckdb"
    bad.write_text("hello")
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open(bad)
