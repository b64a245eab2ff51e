"""The events_real scorer: (sentence, type) pairs, full match, the no-event rate."""

from __future__ import annotations

import json

import pytest

from newsgraph.errors import InputError
from newsgraph.evaluate.events_real import (
    GoldSentence,
    load_sentences,
    party_agrees,
    score_detection,
)

GOLD = [
    GoldSentence("a", 0, 0, 40, "", [{"type": "CONSULT", "actor": "Lavrov",
                                      "recipient": "Lukashenko"}]),
    GoldSentence("a", 1, 41, 80, "", []),
    GoldSentence("a", 2, 81, 120, "", [{"type": "ACCUSE", "actor": "The EU",
                                        "recipient": None}]),
    GoldSentence("a", 3, 121, 160, "", []),
]


def _party(text):
    return None if text is None else {"text": text, "name": text, "country": ""}


def _ev(event, at, actor=None, recipient=None):
    return {"event": event, "trigger_start": at, "actor": _party(actor),
            "recipient": _party(recipient)}


def test_evaluate_events_real_pairs_full_match_and_no_event_rate():
    preds = {"a": [
        _ev("CONSULT", 5, "Sergei Lavrov", "President Lukashenko"),  # right, full
        _ev("CONSULT", 10, "Lavrov", "Minsk"),  # same pair again: counted once
        _ev("ACCUSE", 90, "EU", "Russia"),  # right type, recipient should be empty
        _ev("SANCTION", 130),  # a no-event sentence given an event
        _ev("ASSAULT", 999),  # outside every gold sentence
    ]}
    r = score_detection(GOLD, preds)
    assert (r["gold_pairs"], r["emitted_pairs"]) == (2, 3)
    assert r["precision"] == pytest.approx(2 / 3, abs=1e-3) and r["recall"] == 1.0
    assert r["full_precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert r["no_event_rate"] == 0.5 and r["outside"] == 1
    assert r["by_type"]["SANCTION"] == {"gold": 0, "emitted": 1, "tp": 0}


def test_evaluate_events_real_party_agreement():
    assert party_agrees({"text": "he", "name": "Sergey Lavrov"}, "Lavrov")
    assert not party_agrees({"text": "Minsk"}, "Lukashenko")
    assert party_agrees(None, None) and not party_agrees({"text": "Minsk"}, None)
    assert not party_agrees(None, "the Kremlin")


def test_evaluate_events_real_bad_line_names_file_and_line(tmp_path):
    path = tmp_path / "sentences.jsonl"
    good = {"article_id": "a", "sent_id": 0, "start": 0, "end": 3, "text": "Hi.", "events": []}
    path.write_text(json.dumps(good) + "\n{broken\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_sentences(path)
    assert "sentences.jsonl" in str(info.value) and "2" in str(info.value)
