"""Actor and recipient from each syntactic pattern."""

from __future__ import annotations


def _main(annotate_text, text):
    events = annotate_text(text, date="2021-02-25")._.events
    assert events, text
    return events[0]


def _texts(ev):
    return (ev.actor.text if ev.actor else None, ev.recipient.text if ev.recipient else None)


def test_parties_subject_object(annotate_text):
    ev = _main(annotate_text, "The Kremlin criticized Minsk.")
    assert _texts(ev) == ("Kremlin", "Minsk")


def test_parties_passive_with_by_agent(annotate_text):
    ev = _main(annotate_text, "Sanctions were imposed on 55 officials by the EU.")
    assert ev.event == "SANCTION"
    assert _texts(ev) == ("EU", "55 officials")


def test_parties_passive_subject_is_recipient(annotate_text):
    ev = _main(annotate_text, "The journalist was arrested by the police.")
    assert ev.event == "COERCE"
    assert _texts(ev) == ("police", "journalist")


def test_parties_between_x_and_y(annotate_text):
    ev = _main(annotate_text, "Talks between Serbia and Kosovo were held in Brussels.")
    assert ev.event == "CONSULT"
    assert _texts(ev) == ("Serbia", "Kosovo")
    assert ev.location is not None and ev.location.name == "Brussels"


def test_parties_coordinated_symmetric_subject_gives_one_event(annotate_text):
    events = annotate_text("Putin and Lukashenko met in Sochi.")._.events
    consult = [e for e in events if e.event == "CONSULT"]
    assert len(consult) == 1
    assert _texts(consult[0]) == ("Putin", "Lukashenko")


def test_parties_coordinated_objects_give_one_event_each(annotate_text):
    events = annotate_text("The EU imposed sanctions on Belarus and Russia.")._.events
    pairs = {_texts(e) for e in events if e.event == "SANCTION"}
    assert {("EU", "Belarus"), ("EU", "Russia")} <= pairs


def test_parties_possessive_actor(annotate_text):
    ev = _main(annotate_text, "Russia's sanctions against Belarus hurt farmers.")
    assert ev.event == "SANCTION"
    assert _texts(ev) == ("Russia", "Belarus")


def test_parties_prepositional_recipient_beats_thing(annotate_text):
    ev = _main(annotate_text, "The museum returned the stolen paintings to Poland.")
    assert ev.recipient is not None and ev.recipient.text == "Poland"


def test_parties_metonym_resolves_to_country(annotate_text):
    ev = _main(annotate_text, "The Kremlin accused Minsk of meddling.")
    assert ev.actor is not None and ev.actor.text == "Kremlin"
    assert ev.recipient is not None and ev.recipient.text == "Minsk"
    # the actors component codes capitals and metonyms; the event carries its coding
    assert ev.recipient.entity_id is not None
    assert ev.recipient.country == "BLR"


def test_parties_pronoun_in_reported_clause_is_the_speaker(annotate_text):
    ev = _main(annotate_text,
               "The Afghan government said on Wednesday it would free 1,500 prisoners.")
    assert ev.actor is not None and ev.actor.text == "Afghan government"


def test_parties_offsets_point_into_text(annotate_text):
    text = "Lukashenko held talks with Putin on February 11."
    ev = _main(annotate_text, text)
    assert text[ev.actor.start:ev.actor.end] == ev.actor.text
    assert text[ev.recipient.start:ev.recipient.end] == ev.recipient.text
    assert text[ev.start:ev.end] == ev.sentence
    assert text[ev.trigger_start:ev.trigger_end] == "talks"


def test_parties_dateline_is_not_the_actor(annotate_text):
    ev = _main(annotate_text, "MINSK -- Lukashenko accused Poland of interference.")
    assert ev.actor is not None and ev.actor.text == "Lukashenko"


def test_parties_dateline_with_agency_is_skipped(annotate_text):
    text = "Vilnius (AFP) – The opposition leader on Tuesday accused Minsk of torture."
    ev = _main(annotate_text, text)
    assert ev.actor is not None and ev.actor.text == "opposition leader"


def test_parties_titled_names_coordinated(annotate_text):
    ev = _main(annotate_text, "Belarusian President Alexander Lukashenko and Russian "
                              "President Vladimir Putin held talks in Sochi.")
    assert ev.event == "CONSULT"
    assert "Lukashenko" in ev.actor.text and "Putin" in ev.recipient.text


def test_parties_subject_pronoun_is_the_person_the_text_is_about(annotate_text):
    # "He" continues the subject of the previous sentence, not the last name printed.
    doc = annotate_text("Alexander Lukashenko met Vladimir Putin's envoy in Minsk on "
                        "Monday. He then criticized Poland.", date="2021-02-25")
    ev = [e for e in doc._.events if e.trigger.startswith("critici")]
    assert ev and ev[0].actor is not None
    assert ev[0].actor.name == "Alexander Lukashenko"
    assert _texts(ev[0])[1] == "Poland"


def test_parties_a_things_owner_is_the_recipient(annotate_text):
    # "mocked his tough talk" acts on the man who talks, not on the talk
    doc = annotate_text("Mr. Cruz met Mr. Trump on Monday. Mr. Cruz mocked his tough talk.",
                        date="2016-03-11")
    ev = [e for e in doc._.events if e.trigger.startswith("mock")]
    assert ev and ev[0].recipient is not None and ev[0].recipient.text == "his"


def test_parties_gerund_after_a_noun_takes_the_owner_of_the_noun(annotate_text):
    doc = annotate_text("The senators dropped their plan of sanctioning Russia.",
                        date="2021-02-25")
    ev = [e for e in doc._.events if e.event == "SANCTION"]
    assert ev and ev[0].actor is not None and ev[0].actor.text == "their"
