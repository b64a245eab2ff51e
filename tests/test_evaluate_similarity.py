"""The SemEval-2022 Task 8 scorer, on a tiny file of pairs written for the test."""

from __future__ import annotations

import json

import pytest

from newsgraph.errors import InputError
from newsgraph.evaluate.similarity import evaluate_similarity, pearson

from .test_link_stories import HOCKEY, NILE_1, NILE_2, SOCHI_1, SOCHI_2, SOCHI_3


def test_pearson():
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) == 0.0


def test_evaluate_similarity_on_written_pairs(tmp_path):
    pairs = [(SOCHI_1, SOCHI_2, 1.0), (NILE_1, NILE_2, 1.25), (SOCHI_2, SOCHI_3, 1.5),
             (SOCHI_1, NILE_1, 3.5), (NILE_2, HOCKEY, 4.0), (SOCHI_3, HOCKEY, 4.0),
             (SOCHI_1, NILE_2, 2.5)]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps({"pair_id": f"p{i}", "text1": a, "text2": b,
                                        "overall": o}) + "\n"
                            for i, (a, b, o) in enumerate(pairs)), encoding="utf-8")
    result = evaluate_similarity(path)
    assert result["pairs"] == 7
    assert result["same_story_pairs"] == 3 and result["different_story_pairs"] == 3
    assert result["pearson"] > 0.8
    assert result["same_story_recall"] == 1.0
    assert result["different_story_kept_apart"] == 1.0


def test_evaluate_similarity_bad_input(tmp_path):
    with pytest.raises(InputError):
        evaluate_similarity(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"pair_id": 1, "text1": "a"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:1"):
        evaluate_similarity(bad)


def test_cross_validated_threshold_accuracy():
    from newsgraph.evaluate.similarity import cross_validated_accuracy

    separable = [(0.1 * i, i >= 5) for i in range(10)]
    assert cross_validated_accuracy(separable) >= 0.8
    noise = [(0.5, i % 2 == 0) for i in range(10)]
    assert cross_validated_accuracy(noise) == 0.5
    assert cross_validated_accuracy([(0.2, True)]) is None
