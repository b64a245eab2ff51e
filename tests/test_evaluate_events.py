"""The event scorer on tiny gold files written here."""

from __future__ import annotations

import json

from newsgraph.evaluate.events import (
    NO_INTERACTION,
    false_event_rate,
    load_gold,
    score_events,
)
from newsgraph.records import Event, EventParty


def _ev(event, actor, a_span, recipient, r_span):
    return Event(id="v", article_id="x", event=event, mode=None, quad="verbal-conflict",
                 actor=EventParty(None, actor, start=a_span[0], end=a_span[1]),
                 recipient=EventParty(None, recipient, start=r_span[0], end=r_span[1]),
                 date=None, date_precision=None, location=None, sentence="", start=0, end=0)


def test_evaluate_events_plv_and_gsr_formats(tmp_path):
    plv = tmp_path / "plv.jsonl"
    plv.write_text("\n".join(json.dumps(r) for r in [
        {"id": "1", "text": "Ruritania accused Freedonia of spying.", "event": "ACCUSE",
         "source": "Ruritania", "target": "Freedonia"},
        {"id": "2", "text": "Freedonia lifted the ban on Ruritania.", "event": "YIELD",
         "source": "Freedonia", "target": "Ruritania"},
    ]), encoding="utf-8")
    gsr = tmp_path / "gsr.json"
    gsr.write_text(json.dumps([
        {"id": "doc", "event": "DOCUMENT", "eventText": "notes"},
        {"id": "g1", "text": "Ruritania demanded talks.", "event": "DEMAND",
         "source": [{"actorText": "Ruritania", "code": "RUR"}], "target": ""},
    ]), encoding="utf-8")
    gold = load_gold(plv)
    assert [g.event for g in gold] == ["ACCUSE", "CONCEDE"]  # YIELD = CONCEDE
    g2 = load_gold(gsr)
    assert len(g2) == 1 and g2[0].event == "REQUEST" and g2[0].targets == []

    preds = {
        gold[0].text: [_ev("ACCUSE", "Ruritania", (0, 9), "Freedonia", (18, 27))],
        gold[1].text: [_ev("SANCTION", "Freedonia", (0, 9), "ban", (14, 21))],
    }
    score = score_events(gold, lambda t: preds[t])
    assert score.n == 2 and score.correct == 1 and score.full == 1
    assert score.accuracy == 0.5 and score.full_match == 0.5
    assert score.confusion["CONCEDE"]["SANCTION"] == 1
    assert 0 < score.macro_f1 < 1


def test_evaluate_events_full_match_needs_overlap():
    from newsgraph.evaluate.events import GoldSentence

    g = GoldSentence("1", "Ruritania accused Freedonia of spying.", "ACCUSE",
                     ["Ruritania"], ["Freedonia"])
    wrong_target = [_ev("ACCUSE", "Ruritania", (0, 9), "spying", (31, 37))]
    score = score_events([g], lambda t: wrong_target)
    assert score.correct == 1 and score.full == 0


def test_evaluate_events_false_event_rate():
    rate, n, wrong = false_event_rate(lambda t: [1] if "attack" in t else [],
                                      ["Rebels attack.", "It rained."])
    assert (rate, n, wrong) == (0.5, 2, ["Rebels attack."])
    assert len(NO_INTERACTION) >= 20


def test_evaluate_events_no_interaction_set_gives_no_events(nlp):
    from newsgraph.evaluate.events import pipeline_predictor

    rate, _, wrong = false_event_rate(pipeline_predictor(nlp))
    assert rate <= 0.1, wrong
