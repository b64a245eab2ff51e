"""The quote component on short texts: direct, mixed and reported speech, speakers, channels."""

from __future__ import annotations

import pytest

from newsgraph.records import Quote


def quotes(annotate_text, text: str) -> list[Quote]:
    return annotate_text(text)._.quotes


def only(annotate_text, text: str) -> Quote:
    found = quotes(annotate_text, text)
    assert len(found) == 1, [q.content for q in found]
    return found[0]


def test_quotes_fields_and_offsets(annotate_text):
    text = '"We will not give up our sovereignty," Alexander Lukashenko said on Tuesday.'
    q = only(annotate_text, text)
    assert q.kind == "direct"
    assert q.content == text[q.start:q.end] == "We will not give up our sovereignty,"
    assert q.id == Quote.make_id("a_test", q.start, q.end) and q.article_id == "a_test"
    assert q.cue == "said" and text[q.cue_start:q.cue_end] == "said"
    assert q.speaker_text == "Alexander Lukashenko"
    assert text[q.speaker_start:q.speaker_end] == "Alexander Lukashenko"
    assert "Lukashenko" in (q.speaker or "") and q.speaker_entity_id
    assert q.channel is None


def test_quotes_curly_marks_inverted_speaker(annotate_text):
    q = only(annotate_text, "“The sanctions are illegal and they will fail,” said Sergei Lavrov, "
                            "the Russian foreign minister.")
    assert q.kind == "direct" and q.content.startswith("The sanctions")
    assert "Lavrov" in q.speaker_text


def test_quotes_low_opening_mark_after_colon(annotate_text):
    q = only(annotate_text, "Lavrov said: „We are ready for talks with anyone who respects us.“")
    assert q.kind == "direct" and q.content.startswith("We are ready")
    assert q.speaker_text == "Lavrov"


def test_quotes_unbalanced_mark_keeps_the_rest(annotate_text):
    text = ('"The opposition has no future in this country, the minister said.\n'
            "“Nothing will change,” Lukashenko said.")
    found = quotes(annotate_text, text)
    assert [q.content for q in found] == ["The opposition has no future in this country",
                                          "Nothing will change,"]
    assert found[1].speaker_text == "Lukashenko"


def test_quotes_across_paragraphs(annotate_text):
    text = ("“We must be patient,” Lukashenko told the parliament. “The economy is recovering.\n"
            "“Next year will be better for everyone in Belarus.”\nThe session ended at noon.")
    [q] = quotes(annotate_text, text)  # one statement: the second passage runs on after the cue
    second = q.spans[1]
    assert text[second["start"]:second["end"]].startswith("The economy")
    assert text[second["start"]:second["end"]].endswith("Belarus.")
    assert q.speaker_text == "Lukashenko"


def test_quotes_partial_quote_is_mixed(annotate_text):
    q = only(annotate_text, 'Vladimir Putin said Moscow would like to have "very close, fraternal '
                            'relations" with Minsk.')
    assert q.kind == "mixed" and '"very close, fraternal relations"' in q.content
    assert q.speaker_text == "Vladimir Putin"


def test_quotes_partial_fragment_without_clause_is_mixed(annotate_text):
    q = only(annotate_text, 'Lukashenko called the sanctions "economic war".')
    assert q.kind == "mixed" and "economic war" in q.content
    assert q.speaker_text == "Lukashenko"


@pytest.mark.parametrize("text", [
    'The minister criticised the so-called "collective West" for its policy.',
    'The newspaper "Sovetskaya Belorussiya" published the text.',
    'Troops took part in the "Union Shield" exercise.',
])
def test_quotes_scare_quotes_and_titles_are_not_statements(annotate_text, text):
    assert not [q for q in quotes(annotate_text, text) if q.kind in ("direct", "mixed")]


@pytest.mark.parametrize("cue", ["said", "stressed", "warned", "added", "emphasized", "stated",
                                 "announced", "claimed", "believes", "argued", "noted"])
def test_quotes_reported_speech_verbs(annotate_text, cue):
    text = f"Lavrov {cue} that the West was playing with fire."
    q = only(annotate_text, text)
    assert q.kind == "indirect" and q.cue == cue
    assert q.content == "that the West was playing with fire"
    assert q.speaker_text == "Lavrov"


def test_quotes_said_without_that(annotate_text):
    q = only(annotate_text, "Peskov said the president was in good health.")
    assert q.content == "the president was in good health" and q.speaker_text == "Peskov"


def test_quotes_according_to(annotate_text):
    q = only(annotate_text, "According to the Kremlin, the talks will continue next week.")
    assert q.kind == "indirect" and q.content == "the talks will continue next week"
    assert q.speaker_text == "the Kremlin" and q.cue == "According to"


def test_quotes_telegram_channel(annotate_text):
    q = only(annotate_text, "Maria Zakharova wrote on her Telegram channel that the statement "
                            "was a provocation.")
    assert q.channel == "Telegram" and q.cue == "wrote"
    assert q.content == "that the statement was a provocation"


def test_quotes_told_reporters_and_tv_channel(annotate_text):
    q = only(annotate_text, "Dmitry Peskov told reporters that Putin had no plans to meet them.")
    assert q.channel == "reporters" and q.speaker_text == "Dmitry Peskov"
    q = only(annotate_text, "Svetlana Tsikhanouskaya told ONT TV that she would return soon.")
    assert q.channel == "ONT TV"


def test_quotes_interview_and_press_conference_channels(annotate_text):
    q = only(annotate_text, "In an interview with Rossiya 24, Lavrov said that the talks had "
                            "been useful.")
    assert q.channel == "interview with Rossiya 24"
    q = only(annotate_text, "Speaking at a press conference in Minsk, Lukashenko said that the "
                            "economy had grown.")
    assert q.channel == "press conference" and q.speaker_text == "Lukashenko"


def test_quotes_accused_of(annotate_text):
    q = only(annotate_text, "Lukashenko accused Poland of preparing an invasion of Belarus.")
    assert q.cue == "accused" and q.content == "Poland of preparing an invasion of Belarus"
    assert q.speaker_text == "Lukashenko"


def test_quotes_pronoun_speaker_resolved(annotate_text):
    text = "Sergei Lavrov arrived in Minsk on Monday. He said the two countries would sign a deal."
    q = only(annotate_text, text)
    assert q.speaker_text == "He" and "Lavrov" in (q.speaker or "")


def test_quotes_description_speaker_kept_as_written(annotate_text):
    text = ("Vladimir Makei arrived in Moscow. The head of the republic's foreign ministry "
            "noted that trade had doubled.")
    q = only(annotate_text, text)
    assert q.speaker_text == "The head of the republic's foreign ministry"
    assert q.speaker_start == text.index("The head")


def test_quotes_organisation_speakers(annotate_text):
    q = only(annotate_text, "The Kremlin said the meeting would take place in Sochi.")
    assert q.speaker_text == "The Kremlin" and q.speaker_entity_id
    q = only(annotate_text, "The Foreign Ministry's press service said in a statement that the "
                            "ambassador had been summoned.")
    assert q.speaker_text == "The Foreign Ministry's press service" and q.channel == "statement"


def test_quotes_second_quote_takes_the_same_voice(annotate_text):
    found = quotes(annotate_text, "Sergei Lavrov arrived in Minsk on Monday.\n"
                                  "“We have agreed on everything,” he said. “The documents are ready.”")
    assert [q.content for q in found] == ["We have agreed on everything, ... The documents are ready."]
    assert "Lavrov" in (found[0].speaker or "")


def test_quotes_paragraph_continuing_the_voice(annotate_text):
    found = quotes(annotate_text, "“We will return,” Tsikhanouskaya said.\n“And we will win.”")
    assert len(found) == 2 and found[1].speaker_text == "Tsikhanouskaya"


def test_quotes_section_header_speakers(annotate_text):
    text = ("Sergei Lavrov\nOn colour revolutions:\n“The West has tried this scenario many "
            "times, and it has always failed.”\nAlexander Lukashenko\nOn sanctions:\n"
            "“Sanctions only make us stronger.”")
    found = quotes(annotate_text, text)
    assert len(found) == 2
    assert "Lavrov" in found[0].speaker_text and "Lukashenko" in found[1].speaker_text


def test_quotes_dash_speaker_after_quote(annotate_text):
    q = only(annotate_text, "“Sanctions never work and never will.” ― Sergei Lavrov\n")
    assert q.speaker_text == "Sergei Lavrov" and q.kind == "direct"


def test_quotes_component_config_direct_only(base_nlp):
    import spacy

    from newsgraph.nlp import quotes as _  # noqa: F401  registers the factory

    nlp = spacy.blank("en")
    comp = nlp.add_pipe("newsgraph_quotes", config={"indirect": False, "min_words": 4})
    assert comp.indirect is False
    doc = base_nlp("Peskov said the president was well. “We are calm,” he added.")
    doc._.ng_mentions = []
    doc = comp(doc)
    assert [q.kind for q in doc._.quotes] == ["direct"]


def test_quotes_transcript_labels(annotate_text):
    text = ("Sergei Lavrov gave an interview. Partial transcript:\n"
            "LAVROV: We are ready to talk to anyone who respects our interests.\n"
            "HOST: And the sanctions?\n"
            "LAVROV: They have never worked and they never will.\n")
    found = quotes(annotate_text, text)
    assert [q.content for q in found] == [
        "We are ready to talk to anyone who respects our interests.",
        "They have never worked and they never will."]
    assert all(q.speaker_text == "LAVROV" and q.cue == ":" for q in found)
    assert all("Lavrov" in (q.speaker or "") for q in found)


def test_quotes_as_x_put_it(annotate_text):
    q = only(annotate_text, 'As Sergei Lavrov put it, "the West has run out of ideas about '
                            'how to deal with us."')
    assert q.kind == "direct" and q.speaker_text == "Sergei Lavrov" and q.cue == "put"


def test_quotes_attribution_after_question_mark(annotate_text):
    q = only(annotate_text, "“Why should we wait any longer?” Lukashenko said.")
    assert q.content == "Why should we wait any longer?" and q.speaker_text == "Lukashenko"


def test_quotes_quote_after_attributed_sentence_takes_its_voice(annotate_text):
    found = quotes(annotate_text, 'The talks may resume in March, Peskov said. "Everything '
                                  'depends on the other side and on its readiness to compromise."')
    assert [q.kind for q in found] == ["indirect", "direct"]
    assert all(q.speaker_text == "Peskov" for q in found)


def test_quotes_verb_inside_content_is_not_a_second_attribution(annotate_text):
    q = only(annotate_text, "Peskov told reporters that the talks would continue.")
    assert q.cue == "told" and q.content == "that the talks would continue"


def test_quotes_attribution_tail(annotate_text):
    q = only(annotate_text, "The plan will fail, he said.")
    assert q.kind == "indirect" and q.content == "The plan will fail" and q.speaker_text == "he"


def test_quotes_attribution_never_crosses_a_paragraph_break(annotate_text):
    # the parser may run the second quote's sentence into the next paragraph; that
    # paragraph's "Lavrov often says" is another statement, not this quote's speaker
    text = ('Vladimir Makei spoke in Minsk.\n\n"Our sovereignty is not for sale at any price," '
            'he said. "It is a question that people here do not even ask."\n\n'
            'Security, Sergei Lavrov often says, is the first duty of any state.')
    found = quotes(annotate_text, text)
    second = next(q for q in found if "It is a question" in q.content)
    assert second.speaker_text == "he" and "Makei" in (second.speaker or "")
    # no statement's content reaches back over the blank line into the quote
    assert not any(q.content.startswith(('"', "\n")) for q in found)


def test_quotes_reported_content_clipped_to_its_paragraph():
    from newsgraph.nlp.quotes import _within_paragraph

    text = 'end of a quote."\n\nSecurity, Lavrov says, is the first duty.\n\nNext story.'
    cue = text.index("says")
    a, b = _within_paragraph(text, 0, len(text), cue)
    assert text[a:b] == "Security, Lavrov says, is the first duty."


def test_quotes_fragment_inside_reported_speech_is_the_reporters(annotate_text):
    # "blame" sits inside what "said" reports: the quoted words are the governor's
    text = ('Pence campaigned in Ohio on Friday. The Ohio governor said reporters and the '
            'opposition are to blame for focusing on “she said this, she posted that.”')
    found = quotes(annotate_text, text)
    frag = next(q for q in found if q.content.startswith("she said this"))
    assert "governor" in frag.speaker_text and frag.cue == "said"


def test_quotes_according_to_a_document_its_author_speaks(annotate_text):
    q = next(q for q in quotes(annotate_text, (
        "The plan would cut taxes for small farms, according to a speech Alexander "
        "Lukashenko delivered in Minsk in July.")) if q.cue.startswith("according"))
    assert "Lukashenko" in q.speaker_text


def test_quotes_time_word_after_the_cue_is_not_the_speaker(annotate_text):
    found = quotes(annotate_text, '"We will achieve justice in this case, whatever it takes," '
                                  'said Monday the chief of police.')
    assert found and all((q.speaker_text or "").lower() != "monday" for q in found)
