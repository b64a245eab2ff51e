"""Speakers that generalise: the kinds of speaker errors found on unseen outlets' articles."""

from __future__ import annotations

from newsgraph.records import Quote


def quotes(annotate_text, text: str) -> list[Quote]:
    return annotate_text(text)._.quotes


def quote_with(annotate_text, text: str, words: str) -> Quote:
    found = [q for q in quotes(annotate_text, text) if words in q.content]
    assert found, [q.content for q in quotes(annotate_text, text)]
    return found[0]


def test_quotes_speakers_told_object_is_the_hearer(annotate_text):
    text = ('"The killing of peaceful protesters is utterly unacceptable," the ministry\'s '
            'spokesman, Anna Kowalczyk, told reporters.')
    q = quote_with(annotate_text, text, "unacceptable")
    assert "reporters" not in (q.speaker_text or "")
    assert "Kowalczyk" in (q.speaker or "")


def test_quotes_speakers_pronoun_is_the_subject_not_the_last_name(annotate_text):
    text = ('Thomas Brandauer, a former diplomat who held Karl Weissmann\'s post in 2010, '
            'criticised the plan on Monday. "I think the government has made its choice," he said.')
    q = quote_with(annotate_text, text, "made its choice")
    assert q.speaker_text == "he" and q.speaker == "Thomas Brandauer"


def test_quotes_speakers_pronoun_never_refers_into_the_quote(annotate_text):
    text = ('Anna Kowalczyk spoke in Warsaw on Friday. "Jan Nowak has no idea what the '
            'farmers need," she said.')
    q = quote_with(annotate_text, text, "no idea")
    assert q.speaker == "Anna Kowalczyk"


def test_quotes_speakers_inverted_title_and_name_after_the_cue(annotate_text):
    text = ('"I do not know how long you can rely on hard power," said international relations '
            'expert Pavel Dvorak of Charles University, pointing to the wars of the decade.')
    q = quote_with(annotate_text, text, "hard power")
    assert "Dvorak" in (q.speaker_text or "")


def test_quotes_speakers_acl_of_an_apposition_is_the_name(annotate_text):
    text = ('Polish politician Jan Wisniewski, a key opposition figure, joked that the minister '
            'was becoming a "euroskeptic".')
    [q] = [q for q in quotes(annotate_text, text) if "euroskeptic" in q.content]
    assert "Wisniewski" in (q.speaker_text or "") or "Wisniewski" in (q.speaker or "")


def test_quotes_speakers_unattributed_quote_takes_the_narrated_speaker(annotate_text):
    # text without paragraph breaks: the nearest quote is not the voice of this one
    text = ('"Egypt acts against us because of our own policy," said retired admiral Cem Gurel. '
            'Defense Minister Hulusi Akar on Saturday said Ankara was close to a deal with Cairo. '
            '"We have many historical and cultural values in common with Egypt."')
    q = quote_with(annotate_text, text, "cultural values")
    assert "Akar" in (q.speaker or "")


def test_quotes_speakers_narration_about_the_speaker_keeps_her_voice(annotate_text):
    text = ('"I am not ready to go back," said Muslima Abdullahi, who lives in the camp. '
            '"I have nine orphaned children here," she added. Years ago she left her homeland '
            'and she is wary of returning now. "My house has been taken and I have no job."')
    q = quote_with(annotate_text, text, "My house")
    assert q.speaker == "Muslima Abdullahi"
