"""`code`, `actors` and `similarity` share one JSONL policy: one output line per input line,
bad lines answered with {id, error} and a stderr line, exit 0 or 1 (issue 11, item 3)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.cli.jsonl import Field, run_jsonl

runner = CliRunner()

GOOD = {"id": "g", "text": "Putin met Lukashenko in Sochi on Monday.", "date": "2021-02-22"}


def _answers(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_cli_jsonl_code_answers_every_line_in_order(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [json.dumps(GOOD), '{"id": "broken", "text": ', json.dumps({"id": 3, "text": 42}),
             json.dumps({"id": 4, "text": ["a", "b"]}), json.dumps({"id": 5}),
             json.dumps({"id": 6, "text": "Putin spoke.", "date": "yesterday"}),
             json.dumps({**GOOD, "id": "last"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["code", str(path)])
    assert result.exit_code == 1, result.output
    out = _answers(result.stdout)
    assert [o["id"] for o in out] == ["g", None, 3, 4, 5, 6, "last"]
    assert "events" in out[0] and "events" in out[-1]
    assert all(set(o) == {"id", "error"} for o in out[1:-1])
    assert "not valid JSON" in out[1]["error"]
    assert out[2]["error"] == "field 'text' is a number, expected a string"
    assert out[3]["error"] == "field 'text' is a list, expected a string"
    assert out[4]["error"] == "field 'text' is missing"
    assert "not a date" in out[5]["error"]
    assert [line.split(": ")[0] for line in result.stderr.splitlines()
            if "in.jsonl:" in line] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]


def test_cli_jsonl_code_all_good_is_status_0_and_stdin_works():
    result = runner.invoke(app, ["code", "-"], input=json.dumps(GOOD) + "\n\n")
    assert result.exit_code == 0, result.output
    (answer,) = _answers(result.stdout)
    assert answer["id"] == "g" and any(e["name"] == "Vladimir Putin" for e in answer["entities"])


def test_cli_jsonl_blank_line_between_records_is_a_bad_line():
    text = json.dumps({"pair_id": 1, "text1": "a b c", "text2": "a b c"}) + "\n\n" \
        + json.dumps({"pair_id": 2, "text1": "x", "text2": "y"}) + "\n\n\n"
    result = runner.invoke(app, ["similarity", "-"], input=text)
    assert result.exit_code == 1
    out = _answers(result.stdout)
    assert [o["pair_id"] for o in out] == [1, None, 2]  # trailing blank lines are not lines
    assert out[1]["error"] == "blank line" and "<stdin>:2" in result.stderr


def test_cli_jsonl_similarity_and_actors_report_bad_fields(tmp_path):
    sim = runner.invoke(app, ["similarity", "-"],
                        input=json.dumps({"pair_id": "p", "text1": "a", "text2": 7}) + "\n")
    assert sim.exit_code == 1
    assert _answers(sim.stdout) == [{"pair_id": "p",
                                     "error": "field 'text2' is a number, expected a string"}]
    actors = runner.invoke(app, ["actors", "-"],
                           input=json.dumps({"text": "Belarusian riot police"}) + "\n"
                           + json.dumps({"id": "x", "text": None}) + "\n")
    assert actors.exit_code == 1
    out = _answers(actors.stdout)
    assert out[0]["country"] == "BLR" and out[1] == {"id": "x", "error": "field 'text' is null"}


def test_cli_jsonl_missing_file_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["similarity", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2 and "none.jsonl" in result.stderr and result.stdout == ""


def test_cli_jsonl_run_jsonl_turns_a_processing_failure_into_that_lines_answer(tmp_path,
                                                                               capsys):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": 1, "n": 2}\n{"id": 2, "n": 0}\n\xff\xfe\n{"id": 4, "n": true}\n')

    def invert(rec: dict) -> dict:
        return {"id": rec["id"], "value": 1 / rec["n"]}

    status = run_jsonl(str(path), [Field("n", required=True, types=(int,))], invert)
    out = _answers(capsys.readouterr().out)
    assert status == 1
    assert out[0] == {"id": 1, "value": 0.5}
    assert out[1] == {"id": 2, "error": "ZeroDivisionError: division by zero"}
    assert out[2] == {"id": None, "error": "line is not UTF-8 text"}
    assert out[3] == {"id": 4, "error": "field 'n' is true/false, expected a number"}
