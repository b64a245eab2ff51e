"""Export writes every contract file, in each format, with the contract's fields first."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from newsgraph.records import (
    Actor,
    Article,
    Event,
    EventParty,
    Mention,
    Passage,
    PassageOccurrence,
    Quote,
)
from newsgraph.store.duckdb import Store
from newsgraph.store.export import KINDS, export


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "s.duckdb")
    text = "MINSK, February 25. Lukashenko met Putin. \"We agreed,\" he said."
    a = Article(id=Article.make_id(text), source="a.txt", title="Talks", text=text,
                sources=["a.txt"], agencies=["RIA Novosti"], published="2021-02-25",
                published_precision="day")
    actor = Actor("kb:lukashenko", "Alexander Lukashenko", "PERSON", "BLR", "GOV")
    with s.transaction():
        s.add_articles([a])
        s.insert_records([
            Mention(20, 30, "Lukashenko", actor, "name", a.id),
            Quote(id="q1", article_id=a.id, speaker_entity_id=actor.entity_id,
                  speaker=actor.name, speaker_text="he", cue="said", content="We agreed,",
                  start=43, end=53, kind="direct"),
            Event(id="v1", article_id=a.id, event="CONSULT", mode=None, quad="verbal-cooperation",
                  actor=EventParty(actor.entity_id, "Lukashenko", actor.name, "BLR", "GOV"),
                  recipient=EventParty(None, "Putin"), date="2021-02-25", date_precision="day",
                  location=None, sentence="Lukashenko met Putin.", start=20, end=41),
        ])
        s.con.execute("INSERT INTO passages VALUES ('p1', 'Lukashenko met Putin.')")
        s.con.execute("INSERT INTO passage_occurrences VALUES ('p1', ?, 20, 41)", [a.id])
    yield s
    s.close()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_writes_every_contract_file(store, tmp_path, fmt):
    counts = export(store, tmp_path / "out", fmt)
    for kind in KINDS:
        assert (tmp_path / "out" / f"{kind}.{fmt}").exists()
    assert counts[f"articles.{fmt}"] == 1
    assert counts[f"entities.{fmt}"] == 0  # no link stage ran: empty, not missing
    assert counts[f"events.{fmt}"] == 1


def test_export_jsonl_nests_event_parties_and_keeps_contract_order(store, tmp_path):
    export(store, tmp_path / "out", "jsonl")
    event = json.loads((tmp_path / "out" / "events.jsonl").read_text().splitlines()[0])
    assert list(event)[: len(KINDS["events"])] == KINDS["events"]
    assert event["actor"]["country"] == "BLR" and event["recipient"]["text"] == "Putin"
    article = json.loads((tmp_path / "out" / "articles.jsonl").read_text())
    assert article["agencies"] == ["RIA Novosti"]
    passage = json.loads((tmp_path / "out" / "passages.jsonl").read_text())
    assert passage["occurrences"][0]["start"] == 20
    assert (tmp_path / "out" / "stories.jsonl").read_text() == ""


def test_export_csv_encodes_nested_values_as_json(store, tmp_path):
    export(store, tmp_path / "out", "csv")
    with open(tmp_path / "out" / "events.csv", encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    assert json.loads(row["actor"])["name"] == "Alexander Lukashenko"
    with open(tmp_path / "out" / "entities.csv", encoding="utf-8") as fh:
        assert next(csv.reader(fh))[:3] == ["id", "name", "type"]  # header even when empty


def test_export_parquet_reads_back(store, tmp_path):
    export(store, tmp_path / "out", "parquet")
    table = pq.read_table(tmp_path / "out" / "mentions.parquet")
    assert table.column("text").to_pylist() == ["Lukashenko"]
    assert pq.read_table(tmp_path / "out" / "stories.parquet").num_rows == 0


def test_export_rejects_unknown_format(store, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export(store, tmp_path, "xml")


def test_passage_record_round_trip(store):
    assert store.passages() == [Passage("p1", "Lukashenko met Putin.",
                                        [PassageOccurrence(store.records(Article)[0].id, 20, 41)])]
