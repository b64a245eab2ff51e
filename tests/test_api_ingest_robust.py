"""Ingest goes on past any article: long ones are annotated in segments, one the pipeline
fails on is logged, marked and not retried; exit statuses say what happened (issue 11)."""

from __future__ import annotations

from typer.testing import CliRunner

from newsgraph import api
from newsgraph.cli import app
from newsgraph.nlp import pipeline
from newsgraph.nlp.pipeline import Annotation
from newsgraph.records import Article
from newsgraph.store.duckdb import Store

runner = CliRunner()

STORY = ("Belarusian President Alexander Lukashenko met Russian President Vladimir Putin in "
         "Sochi on Monday. \"We agreed on everything,\" Lukashenko said.")


def _flaky(calls: list[str]):
    """annotate() that fails on texts with BOOM, as a pipeline error would."""
    real = api.annotate

    def annotate(items, *, nlp=None, batch_size=16):
        for item in items:
            calls.append(item.article_id)
            if "BOOM" in item.text:
                yield Annotation(item.article_id, error="ValueError: cannot handle this text")
            else:
                yield from real([item], nlp=nlp)

    return annotate


def test_api_ingest_failed_article_is_logged_marked_and_not_retried(tmp_path, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(api, "annotate", _flaky(calls))
    (tmp_path / "good.txt").write_text("Talks\n\n" + STORY, encoding="utf-8")
    (tmp_path / "bad.txt").write_text("Odd\n\nThis article goes BOOM in the pipeline.",
                                      encoding="utf-8")
    db = tmp_path / "s.duckdb"
    summary = api.ingest([str(tmp_path / "good.txt"), str(tmp_path / "bad.txt")], db, link=False)
    assert summary.annotated == 1 and summary.failed == 1
    assert any("bad.txt" in e and "N500" in e for e in summary.errors)
    with Store.open(db, read_only=True) as store:
        (row,) = store.rows("SELECT source, code, message FROM ingest_errors")
        assert row["source"].endswith("bad.txt") and row["code"] == "N500"
        assert "cannot handle" in row["message"]
        (bad,) = store.rows("SELECT annotated, annotation_error FROM articles "
                            "WHERE annotation_error IS NOT NULL")
        assert bad["annotated"] is False and "ValueError" in bad["annotation_error"]
        assert store.count("mentions") > 0  # the good article's annotations are stored
    # a later ingest of something else does not try the failed article again
    calls.clear()
    (tmp_path / "other.txt").write_text("More\n\nPutin met Lukashenko again in Minsk.",
                                        encoding="utf-8")
    later = api.ingest([str(tmp_path / "other.txt")], db, link=False)
    assert later.failed == 0 and later.annotated == 1 and len(calls) == 1
    # unless asked to
    calls.clear()
    again = api.ingest([], db, link=False, retry_failed=True)
    assert again.failed == 1 and len(calls) == 1


def test_api_ingest_long_article_is_annotated_in_segments(tmp_path, monkeypatch):
    # small limits stand in for the real ones (a 3 MB file would slow the suite)
    monkeypatch.setattr(pipeline, "LONG_TEXT_CHARS", 600)
    monkeypatch.setattr(pipeline, "SEGMENT_CHARS", 400)
    text = "Long report\n\n" + "\n\n".join(STORY for _ in range(10))
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    summary = api.ingest([str(tmp_path / "long.txt")], db)
    assert summary.annotated == 1 and summary.failed == 0 and not summary.errors
    with Store.open(db, read_only=True) as store:
        (article,) = store.records(Article)
        rows = store.rows("SELECT start, \"end\", content FROM quotes")
        assert len(rows) == 10
        assert all(article.text[r["start"]:r["end"]] == r["content"] for r in rows)


def test_cli_ingest_exit_status_says_whether_inputs_failed(tmp_path):
    (tmp_path / "good.txt").write_text("Talks\n\n" + STORY, encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    ok = runner.invoke(app, ["ingest", str(tmp_path / "good.txt"), "--db", db, "--no-link"])
    assert ok.exit_code == 0, ok.output
    assert "using spaCy pipeline" in ok.stderr  # the model is named at the start of a run
    missing = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"), "--db", db])
    assert missing.exit_code == 1
    assert "nope.txt" in missing.stderr and "1 input(s) could not be read" in missing.stderr
    strict = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"), "--db", db, "--strict"])
    assert strict.exit_code == 1 and "nope.txt" in strict.stderr
    usage = runner.invoke(app, ["ingest", str(tmp_path / "good.txt"), "--db", db,
                                "--batch-size", "0"])
    assert usage.exit_code == 2
    date = runner.invoke(app, ["ingest", str(tmp_path / "good.txt"), "--db", db,
                               "--default-date", "2020-13-45"])
    assert date.exit_code == 2 and "not a date" in date.output


def test_cli_wrong_model_is_a_usage_error_before_any_work(tmp_path):
    (tmp_path / "good.txt").write_text("Talks\n\n" + STORY, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["ingest", str(tmp_path / "good.txt"), "--db", str(db),
                                 "--model", "en_core_web_nope"])
    assert result.exit_code == 2
    assert "'en_core_web_nope' could not be loaded" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not db.exists()  # failed before reading anything
    code = runner.invoke(app, ["code", "-", "--model", "en_core_web_nope"],
                         input='{"id": 1, "text": "Putin met Lukashenko."}\n')
    assert code.exit_code == 2 and code.stdout == ""


def test_api_code_text_of_a_long_text_keeps_offsets(nlp, monkeypatch):
    monkeypatch.setattr(pipeline, "LONG_TEXT_CHARS", 500)
    monkeypatch.setattr(pipeline, "SEGMENT_CHARS", 300)
    text = "\n\n".join(STORY for _ in range(6))
    result = api.code_text({"id": 7, "text": text, "date": "2021-02-22"}, nlp=nlp)
    assert result["id"] == 7 and len(result["quotes"]) == 6
    for q in result["quotes"]:
        assert text[q["start"]:q["end"]] == q["content"]
    for entity in result["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
