"""`newsgraph quotes` on a small store written here."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.link.quotes import cluster_quotes
from newsgraph.records import Entity, Quote
from newsgraph.store.duckdb import Store


def _q(article: str, content: str, speaker: str, entity: str) -> Quote:
    return Quote(id=Quote.make_id(article, 0, len(content)), article_id=article,
                 speaker_entity_id=entity, speaker=speaker, speaker_text=speaker, cue="said",
                 content=content, start=0, end=len(content), kind="direct")


def _store(tmp_path):
    db = tmp_path / "t.duckdb"
    with Store.open(db) as store:
        with store.transaction():
            store.insert_records([
                _q("a1", "Belarus will never become a colony of anyone at all.",
                   "Alexander Lukashenko", "e_luk"),
                _q("a2", "Belarus will never become a colony of anyone at all",
                   "Alexander Lukashenko", "e_luk"),
                _q("a3", "The talks were useful and constructive for both sides.",
                   "Sergey Lavrov", "e_lav")])
            store.insert_records([Entity("e_luk", "Alexander Lukashenko", "PERSON",
                                         aliases=["Lukashenka"])])
        cluster_quotes(store)
    return db


def test_quotes_cli_speaker_filter_json(tmp_path):
    db = _store(tmp_path)
    result = CliRunner().invoke(app, ["quotes", "--db", str(db), "--speaker", "LUKASHENKA",
                                      "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["article_id"] for r in rows} == {"a1", "a2"}


def test_quotes_cli_cluster_json(tmp_path):
    db = _store(tmp_path)
    result = CliRunner().invoke(app, ["quotes", "--db", str(db), "--cluster", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["sources"] for r in rows] == [2, 1]
    assert rows[0]["article_ids"] == ["a1", "a2"] and rows[0]["speaker"] == "Alexander Lukashenko"


def test_quotes_cli_table_and_missing_store(tmp_path):
    db = _store(tmp_path)
    result = CliRunner().invoke(app, ["quotes", "--db", str(db), "--limit", "1"])
    assert result.exit_code == 0 and "Lukashenko" in result.stdout
    missing = CliRunner().invoke(app, ["quotes", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2
