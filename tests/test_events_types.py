"""Each PLOVER type from a short sentence: the main (first) event has the expected type."""

from __future__ import annotations

import pytest

from newsgraph.records import QUADS

CASES = [
    ("Armenia and Azerbaijan agreed to exchange prisoners.", "AGREE"),
    ("Lukashenko held talks with Putin in Sochi.", "CONSULT"),
    ("The foreign minister praised Germany for its help.", "SUPPORT"),
    ("Serbia released the detained Kosovo officials.", "CONCEDE"),
    ("Poland and Lithuania conducted joint military exercises.", "COOPERATE"),
    ("Japan sent humanitarian aid to Turkey.", "AID"),
    ("Russia withdrew its troops from Syria.", "RETREAT"),
    ("The opposition urged the government to hold new elections.", "REQUEST"),
    ("Moscow accused Kyiv of shelling civilians.", "ACCUSE"),
    ("The president rejected the proposal from the opposition.", "REJECT"),
    ("Iran threatened to close the Strait of Hormuz.", "THREATEN"),
    ("Thousands of workers protested against the pension reform.", "PROTEST"),
    ("The European Union imposed sanctions on Belarusian officials.", "SANCTION"),
    ("Turkey deployed troops to the border with Syria.", "MOBILIZE"),
    ("Police arrested the opposition leader in Minsk.", "COERCE"),
    ("Rebels attacked a military base in the north.", "ASSAULT"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_events_type_of_main_event(annotate_text, text, expected):
    events = annotate_text(text, date="2021-02-25")._.events
    assert events, f"no event in {text!r}"
    assert events[0].event == expected
    assert events[0].quad in QUADS


@pytest.mark.parametrize(("text", "event", "mode"), [
    ("The prime minister paid a working visit to China.", "CONSULT", "visit"),
    ("Putin made a phone call to Macron.", "CONSULT", "phone"),
    ("Japan sent humanitarian aid to Turkey.", "AID", "humanitarian"),
    ("Minsk expelled two Polish diplomats.", "SANCTION", "relations"),
    ("Workers went on strike at the tractor plant.", "PROTEST", "strike"),
    ("Israeli jets carried out air strikes on Gaza.", "ASSAULT", "air"),
])
def test_events_modes(annotate_text, text, event, mode):
    events = annotate_text(text)._.events
    assert (events[0].event, events[0].mode) == (event, mode)


def test_events_intensity_sign_follows_quad(annotate_text):
    coop = annotate_text("Japan sent humanitarian aid to Turkey.")._.events[0]
    conflict = annotate_text("Rebels attacked a military base in the north.")._.events[0]
    assert coop.intensity > 0 > conflict.intensity
    assert -10 <= conflict.intensity and coop.intensity <= 10


def test_events_light_verb_nouns(annotate_text):
    """The event is carried by the noun; the light verb gives the actor."""
    for text in ("The delegation paid a working visit to Moscow.",
                 "Lukashenko took part in talks with Putin."):
        ev = annotate_text(text)._.events[0]
        assert ev.event == "CONSULT"
        assert ev.actor is not None and ev.actor.text in ("delegation", "Lukashenko")


def test_events_none_without_interaction(annotate_text):
    for text in ("The weather in Minsk was sunny on Sunday.",
                 "Potato prices rose by three percent in March."):
        assert annotate_text(text, date="2021-02-25")._.events == []
