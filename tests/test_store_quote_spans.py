"""Quote spans in the store: migration 2 adds them, old quotes get their own extent."""

from __future__ import annotations

import json

import duckdb

from newsgraph.records import Quote
from newsgraph.store.duckdb import Store
from newsgraph.store.export import export
from newsgraph.store.schema import MIGRATIONS


def _quote(**kw) -> Quote:
    base = dict(id="q1", article_id="a_1", speaker_entity_id=None, speaker=None,
                speaker_text="he", cue="said", content="A, ... B.", start=1, end=20,
                kind="direct")
    return Quote(**{**base, **kw})


def test_store_quote_spans_round_trip(tmp_path):
    q = _quote(spans=[{"start": 1, "end": 3}, {"start": 15, "end": 20}])
    with Store.open(tmp_path / "s.duckdb") as store:
        with store.transaction():
            store.insert_records([q])
        assert store.records(Quote) == [q]


def test_store_quote_spans_backfilled_by_migration(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))  # a store written before quotes had spans
    con.execute(MIGRATIONS[0])
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("INSERT INTO quotes (id, article_id, content, start, \"end\", kind) "
                "VALUES ('q0', 'a', 'Yes.', 4, 8, 'direct')")
    con.close()
    with Store.open(path) as store:
        # in SQL too, not only once read back as a record
        assert store.rows("SELECT spans FROM quotes") == [{"spans": [{"start": 4, "end": 8}]}]
        [q] = store.records(Quote)
        assert q.spans == [{"start": 4, "end": 8}]


def test_store_quote_spans_exported(tmp_path):
    q = _quote(spans=[{"start": 1, "end": 3}, {"start": 15, "end": 20}])
    with Store.open(tmp_path / "s.duckdb") as store:
        with store.transaction():
            store.insert_records([q])
        export(store, tmp_path / "out", "jsonl")
        export(store, tmp_path / "pq", "parquet")
    row = json.loads((tmp_path / "out" / "quotes.jsonl").read_text().splitlines()[0])
    assert row["spans"] == [{"start": 1, "end": 3}, {"start": 15, "end": 20}]
    assert list(row)[:12][-1] == "spans"  # a contract field, after cluster_id
