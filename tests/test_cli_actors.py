"""CLI: `newsgraph actors` streams JSONL; `newsgraph entities` lists a store's entities."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.records import Entity
from newsgraph.store.duckdb import Store

runner = CliRunner()


def test_cli_actors_one_line_per_input_in_order(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [{"text": "Belarusian riot police", "extra": 1},
             {"text": "the Kremlin", "date": "2021-02-01"},
             "not json",
             {"text": "yesterday"}]
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["actors", str(path)])
    assert result.exit_code == 1, result.output  # one bad line: answered, reported, status 1
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(out) == 4
    assert [o.get("text") for o in out] == ["Belarusian riot police", "the Kremlin", None,
                                            "yesterday"]
    assert out[2] == {"id": None, "error": "not valid JSON (Expecting value at column 1)"}
    assert "in.jsonl:3" in result.stderr
    assert (out[0]["country"], out[0]["sector"]) == ("BLR", "COP")
    assert (out[1]["country"], out[1]["sector"]) == ("RUS", "GOV")
    assert out[3]["country"] == "" and out[3]["name"] == ""
    assert set(out[0]) >= {"text", "name", "country", "sector", "wikidata"}


def test_cli_entities_lists_with_filters(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store.open(db) as store, store.transaction():
        store.insert_records([
            Entity("e1", "Alpha Person", "PERSON", ["Alpha"], "BLR", "GOV", None, ["a1"], 5, "k1"),
            Entity("e2", "Beta Person", "PERSON", [], "RUS", "GOV", None, ["a1", "a2"], 9, "k2"),
            Entity("e3", "Gamma Group", "GROUP", [], "BLR", "COP", None, ["a2"], 2, "k3")])
    result = runner.invoke(app, ["entities", "--db", str(db), "--country", "BLR", "--json"])
    assert result.exit_code == 0, result.output
    names = [json.loads(line)["name"] for line in result.stdout.splitlines()]
    assert names == ["Alpha Person", "Gamma Group"]
    result = runner.invoke(app, ["entities", "--db", str(db), "--sector", "GOV"])
    assert result.exit_code == 0
    assert "Beta Person" in result.stdout and "Gamma Group" not in result.stdout
    assert result.stdout.index("Beta Person") < result.stdout.index("Alpha Person")


def test_cli_evaluate_actors_scores_a_small_file(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in [
        {"name": "a", "text": "Belarusian riot police", "date": None,
         "expect": {"country": "BLR", "code_1": "COP"}},
        {"name": "b", "text": "yesterday", "date": None,
         "expect": {"country": "", "code_1": "JNK"}},
        {"name": "c", "text": "Belarusian riot police", "date": None,
         "expect": {"country": "RUS", "code_1": "COP"}},
    ]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "actors", str(path), "--json"])
    assert result.exit_code == 0, result.output
    score = json.loads(result.stdout)
    assert score["cases"] == 3
    assert abs(score["all_fields"] - 2 / 3) < 1e-9
    assert list(score["failures"]) == ["country"]
    assert score["by_kind"]["group noun"] == {"cases": 2, "right": 1}
