"""Actor scorers: cases named by file and offsets, and PLOVER GSR-style actor codes."""

from __future__ import annotations

import hashlib
import json

import pytest

from newsgraph.errors import InputError
from newsgraph.evaluate.actors import gsr_actors, is_gsr, load_cases, score_gsr_actors


def test_evaluate_actors_cases_read_their_phrase_from_offsets(tmp_path):
    texts = tmp_path / "text"
    texts.mkdir()
    (texts / "a.txt").write_text("Yesterday Kenyan riot police arrived.", encoding="utf-8")
    sha = hashlib.sha1(b"Kenyan riot police").hexdigest()[:10]
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        json.dumps({"file": "a.txt", "start": 10, "end": 28, "sha1": sha, "split": "dev",
                    "expect": {"country": "KEN", "code_1": "COP"}}) + "\n" +
        json.dumps({"file": "a.txt", "start": 0, "end": 9, "split": "heldout",
                    "expect": {"country": ""}}) + "\n", encoding="utf-8")
    got = load_cases(cases, texts, "dev")
    assert [c["text"] for c in got] == ["Kenyan riot police"]
    assert len(load_cases(cases, texts)) == 2
    with pytest.raises(InputError, match="--texts"):
        load_cases(cases)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"file": "a.txt", "start": 0, "end": 9, "sha1": sha}) + "\n",
                   encoding="utf-8")
    with pytest.raises(InputError, match="sha1"):
        load_cases(bad, texts)


RECORDS = [
    {"id": "doc", "event": "DOCUMENT"},
    {"id": "r1", "text": "Kenyan riot police dispersed protesters in Mombasa.",
     "source": [{"actorText": "Kenyan riot police", "code": "KEN", "sector": "COP"}],
     "target": [{"actorText": "protesters", "code": "KEN", "sector": "CVLalb"},
                {"actorText": "Mombasa", "code": "KEN", "sector": "***"}]},
    {"id": "r2", "text": "Japanese officials met them.",
     "source": [{"actorText": "Japanese officials", "code": "JAP", "sector": "GOV"}],
     "target": ""},
]


def test_evaluate_actors_gsr_conventions():
    gold = gsr_actors(RECORDS)
    assert [(g["actor"], g["country"], g["sector"]) for g in gold] == [
        ("Kenyan riot police", "KEN", "COP"), ("protesters", "KEN", "CVL"),
        ("Mombasa", "KEN", None), ("Japanese officials", "JPN", "GOV")]


def test_evaluate_actors_gsr_scores_codes_in_context(nlp, tmp_path):
    result = score_gsr_actors(RECORDS, nlp)
    assert result["actors"] == 4 and result["sector_n"] == 3
    assert result["country"] >= 0.5 and result["both"] >= 0.5
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    assert is_gsr(path) and not is_gsr(tmp_path / "missing.json")
