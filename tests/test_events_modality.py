"""Negation, intention, hypotheticals and reported events."""

from __future__ import annotations

from newsgraph.records import MODALITIES, Quote


def _of_type(doc, event):
    return [e for e in doc._.events if e.event == event]


def test_modality_negated(candidates):
    events = candidates("Lukashenko did not recognise the opposition council.")
    support = [e for e in events if e.event == "SUPPORT"]
    assert support and support[0].negated
    # a negated act of cooperation is also a refusal, listed first
    assert events[0].event == "REJECT" and not events[0].negated


def test_modality_refused_is_reject_not_negated(annotate_text):
    ev = annotate_text("Belarus refused extradition of the activists.")._.events[0]
    assert ev.event == "REJECT"
    assert ev.negated is False


def test_modality_intended_ready_to(annotate_text):
    doc = annotate_text("Russia is ready to provide military assistance to Belarus.")
    aid = _of_type(doc, "AID")
    assert aid and aid[0].modality == "intended" and aid[0].mode == "military"
    assert doc._.events[0].event == "AGREE"  # a pledge to act is coded as AGREE


def test_modality_intended_will(annotate_text):
    doc = annotate_text("Lithuania will strengthen its cooperation with Poland.")
    coop = _of_type(doc, "COOPERATE")
    assert coop and coop[0].modality == "intended"


def test_modality_offered(annotate_text):
    doc = annotate_text("Germany offered Ukraine a loan.")
    aid = _of_type(doc, "AID")
    assert aid and aid[0].modality == "intended"


def test_modality_hypothetical(annotate_text):
    doc = annotate_text("If the new government came to power, all agreements would be "
                        "reconsidered.")
    ev = doc._.events[0]
    assert ev.event == "REJECT"
    assert ev.modality == "hypothetical"


def test_modality_reported_complement(annotate_text):
    doc = annotate_text("Officials said that rebels attacked the convoy.")
    assault = _of_type(doc, "ASSAULT")
    assert assault and assault[0].modality == "reported"
    assert all(e.modality in MODALITIES for e in doc._.events)


def test_modality_inside_quote_links_quote(nlp):
    text = 'Makei said: "Poland sent troops to the border."'
    doc = nlp.make_doc(text)
    doc._.ng_date = "2021-02-25"
    doc._.ng_article_id = "a1"
    doc._.ng_dateline = None
    for name, proc in nlp.pipeline:
        if name == "newsgraph_quotes":
            start = text.index("Poland")
            end = text.rindex('"')
            doc._.quotes = [Quote(id="q1", article_id="a1", speaker_entity_id=None,
                                  speaker="Makei", speaker_text="Makei", cue="said",
                                  content=text[start:end], start=start, end=end,
                                  kind="direct")]
            continue
        doc = proc(doc)
    mob = _of_type(doc, "MOBILIZE")
    assert mob and mob[0].modality == "reported" and mob[0].quote_id == "q1"


def test_modality_requested_act_is_hypothetical(annotate_text):
    doc = annotate_text("The opposition called on the European Union to impose sanctions "
                        "on Belarus.")
    assert doc._.events[0].event == "REQUEST"
    sanction = _of_type(doc, "SANCTION")
    assert sanction and sanction[0].modality == "hypothetical"
    # the one asked to act is the actor of the requested act
    assert sanction[0].actor is not None and sanction[0].actor.text == "European Union"


def test_modality_threat_is_not_doubled(annotate_text):
    doc = annotate_text("Iran threatened to close the Strait of Hormuz.")
    assert [e.event for e in doc._.events].count("THREATEN") == 1
