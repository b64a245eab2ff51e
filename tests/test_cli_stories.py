"""CLI: newsgraph similarity / stories / passages / evaluate similarity."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.link.passages import find_passages
from newsgraph.link.stories import cluster_stories
from newsgraph.records import Article
from newsgraph.store.duckdb import Store

from .test_link_passages import WIRE
from .test_link_stories import NILE_1, NILE_2, SOCHI_1, SOCHI_2

runner = CliRunner()


def test_similarity_streams_in_input_order(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text(
        json.dumps({"pair_id": "b", "text1": SOCHI_1, "text2": SOCHI_2, "extra": 1}) + "\n"
        + "not json\n"
        + json.dumps({"pair_id": "a", "text1": SOCHI_1, "text2": NILE_1}) + "\n",
        encoding="utf-8")
    result = runner.invoke(app, ["similarity", str(path)])
    assert result.exit_code == 1  # one bad line, reported, the rest scored
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["pair_id"] for r in rows] == ["b", None, "a"]  # one answer per line, bad too
    assert "error" in rows[1] and "score" not in rows[1]
    assert rows[0]["score"] > rows[2]["score"]
    assert "pairs.jsonl:2" in result.stderr


def test_similarity_reads_stdin():
    line = json.dumps({"pair_id": 7, "text1": NILE_1, "text2": NILE_2})
    result = runner.invoke(app, ["similarity", "-"], input=line + "\n")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["pair_id"] == 7


def _store(tmp_path):
    db = tmp_path / "s.duckdb"
    texts = ["Outlet A opening words.\n" + " ".join(WIRE) + " " + SOCHI_1,
             " ".join(WIRE) + "\nOutlet B closing words. " + SOCHI_2, NILE_1, NILE_2]
    with Store.open(db) as store:
        with store.transaction():
            store.insert_records([Article(id=Article.make_id(t), source=f"f{i}",
                                          title=f"title {i}", text=t, published="2021-02-22")
                                  for i, t in enumerate(texts)])
        find_passages(store)
        cluster_stories(store)
    return db


def test_stories_and_passages_commands(tmp_path):
    db = _store(tmp_path)
    result = runner.invoke(app, ["stories", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    stories = [json.loads(line) for line in result.stdout.splitlines()]
    assert [s["articles"] for s in stories] == [2, 2]
    assert all(s["first_date"] == "2021-02-22" for s in stories)

    result = runner.invoke(app, ["passages", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    (passage,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert passage["articles"] == 2 and passage["text"].startswith("Belarusian President")
    assert len(passage["occurrences"]) == 2
    result = runner.invoke(app, ["passages", "--db", str(db), "--min-articles", "3", "--json"])
    assert result.stdout.strip() == ""

    table = runner.invoke(app, ["stories", "--db", str(db), "--limit", "1"])
    assert table.exit_code == 0 and "title" in table.stdout


def test_stories_on_missing_store_fails_cleanly(tmp_path):
    result = runner.invoke(app, ["stories", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "no newsgraph store" in result.stderr


def test_evaluate_similarity_command(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps({"pair_id": "1", "text1": SOCHI_1, "text2": SOCHI_2,
                                "overall": 1.0}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "similarity", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pairs"] == 1
