"""Event detection: candidates, the detector's scores, why, completeness, trusted output."""

from __future__ import annotations

import json

import pytest

from newsgraph.errors import KnowledgeBaseError
from newsgraph.nlp.event_detect import EventDetector
from newsgraph.nlp.event_lexicon import default_lexicon
from newsgraph.nlp.events import code_events


def _types(events):
    return {e.event for e in events}


def test_event_detect_score_is_logistic_of_weights():
    det = EventDetector(weights={"a": 2.0, "b": -1.0}, bias=-1.0)
    assert det.score(["a"]) == pytest.approx(0.7311, abs=1e-4)  # sigmoid(1)
    assert det.score(["a", "b"]) == pytest.approx(0.5)
    assert det.score(["unknown"]) == pytest.approx(0.2689, abs=1e-4)
    assert det.explain(["b", "a", "x"], top=1) == [("a", 2.0)]


def test_event_detect_round_trips_and_rejects_bad_files(tmp_path):
    det = EventDetector(weights={"T=ACCUSE": 0.5}, bias=0.1, threshold=0.45, floor=0.15,
                        info={"trained_on": ["x"]})
    path = tmp_path / "d.json"
    det.save(path)
    again = EventDetector.load(path)
    assert (again.weights, again.bias, again.threshold, again.floor) == \
        ({"T=ACCUSE": 0.5}, 0.1, 0.45, 0.15)
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="bad.json"):
        EventDetector.load(tmp_path / "bad.json")
    (tmp_path / "shape.json").write_text(json.dumps({"bias": 1}), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="weights"):
        EventDetector.load(tmp_path / "shape.json")


def test_events_detector_scores_and_drops_candidates(annotate_text):
    doc = annotate_text("Russia imposed sanctions on Ukraine. The deal was a topic.",
                        date="2021-02-25")
    # a detector that believes sanctions and distrusts agreements
    det = EventDetector(weights={"T=SANCTION": 3.0, "T=AGREE": -3.0}, bias=0.0, floor=0.2)
    events = code_events(doc, default_lexicon(), detector=det)
    assert _types(events) == {"SANCTION"}
    ev = events[0]
    assert ev.confidence == pytest.approx(0.953, abs=1e-3)
    assert ev.why.startswith("verb_object:impose+sanction") and "p=0.95" in ev.why
    # a lower floor keeps the doubtful one, with its low score
    kept = code_events(doc, default_lexicon(), detector=det, floor=0.0)
    assert {e.event: e.confidence < 0.1 for e in kept} == {"SANCTION": False, "AGREE": True}


def test_events_ambiguous_word_proposes_each_sense(candidates):
    events = candidates("Senator Marco Rubio attacked Donald Trump over his business record.")
    attack = {e.event for e in events if e.trigger == "attacked" and e.why.startswith("verb:")}
    assert attack == {"ASSAULT", "ACCUSE"}


def test_events_inverse_roles_subject_is_acted_upon(candidates):
    events = candidates("Senator Ted Cruz came under fire from Donald Trump.")
    ev = next(e for e in events if e.event == "ACCUSE")
    assert "Trump" in ev.actor.text and "Cruz" in ev.recipient.text


def test_events_first_person_in_quote_is_the_speaker(candidates):
    events = candidates('"We will impose new sanctions on Lithuania," Alexander Lukashenko '
                        "said on Monday.")
    ev = next(e for e in events if e.event == "SANCTION")
    assert (ev.actor.country, ev.actor.sector) == ("BLR", "GOV")  # "we": his government
    events = candidates('"I will never meet the opposition," Alexander Lukashenko said.')
    ev = next(e for e in events if e.event == "CONSULT")
    assert ev.actor.name == "Alexander Lukashenko"


def test_events_unresolved_pronoun_is_no_party(candidates):
    events = candidates("It attacked again on Sunday.")
    ev = next(e for e in events if e.event == "ASSAULT")
    assert ev.actor is None
    assert ev.complete is False  # nothing coded takes part


def test_events_complete_needs_a_coded_party(candidates):
    events = candidates("The Kremlin criticized Minsk.")
    assert all(e.complete for e in events if e.event == "ACCUSE")
    events = candidates("The committee criticized the report.")
    assert not any(e.complete for e in events if e.event == "ACCUSE")


def test_events_one_act_once_per_sentence(candidates):
    events = candidates("Russia imposed sanctions on Ukraine, sanctions that Russia imposed "
                        "on Ukraine.")
    sanction = [e for e in events if e.event == "SANCTION" and e.actor and e.recipient]
    keys = {(e.actor.text, e.recipient.text) for e in sanction}
    assert len(sanction) == len(keys)


def test_events_speech_act_from_a_statement(candidates):
    events = candidates('"Chuck Grassley is a disgrace and a liar," Jon Tester said on '
                        "Tuesday.")
    speech = [e for e in events if e.why.startswith("speech:")]
    assert "ACCUSE" in _types(speech)
    ev = next(e for e in speech if e.event == "ACCUSE")
    assert ev.actor is not None and "Tester" in ev.actor.text
    assert ev.recipient is not None and "Grassley" in ev.recipient.text


def test_events_headline_participle_is_passive(candidates):
    events = candidates("Opposition leader arrested on fraud charges in Minsk")
    ev = next(e for e in events if e.event == "COERCE")
    assert ev.actor is None or "leader" not in ev.actor.text
    assert ev.recipient is not None and "leader" in ev.recipient.text


def test_events_date_of_their_own_expression_else_the_articles(annotate_text):
    doc = annotate_text("Lavrov met Makei in Minsk on Thursday, 26 November. "
                        "Russia imposed sanctions on Ukraine.", date=None)
    by_type = {e.event: e for e in code_events(doc, default_lexicon(), detector=None,
                                                floor=0.0)}
    # no year anywhere, no publication date: only 2020 makes 26 November a Thursday
    # within a year of ... nothing; no years mentioned, so no date can be inferred
    assert by_type["CONSULT"].date is None
    doc = annotate_text("Lavrov met Makei in Minsk on Thursday, 26 November, three months "
                        "after the August 2020 election.", date=None)
    ev = next(e for e in code_events(doc, default_lexicon(), detector=None, floor=0.0)
              if e.event == "CONSULT")
    assert (ev.date, ev.date_precision) == ("2020-11-26", "day")


def test_events_take_the_articles_date_precision(nlp):
    from newsgraph.nlp.pipeline import AnnotateInput, annotate

    ann = next(annotate([AnnotateInput("a1", "Russia imposed sanctions on Ukraine.",
                                       "2021-02-01", None, "month")], nlp=nlp))
    ev = next(e for e in ann.events if e.event == "SANCTION")
    assert (ev.date, ev.date_precision) == ("2021-02-01", "month")
