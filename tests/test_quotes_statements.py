"""One quote per statement: the fragments of one attribution are one record with spans."""

from __future__ import annotations

from newsgraph.records import Quote


def quotes(annotate_text, text: str) -> list[Quote]:
    return annotate_text(text)._.quotes


def test_quotes_statement_split_by_its_cue_is_one_quote(annotate_text):
    text = '"We will not allow this," Lukashenko said, "and we never will."'
    [q] = quotes(annotate_text, text)
    assert [text[s["start"]:s["end"]] for s in q.spans] == ["We will not allow this,",
                                                           "and we never will."]
    assert q.content == "We will not allow this, ... and we never will."
    assert (q.start, q.end) == (q.spans[0]["start"], q.spans[-1]["end"])
    assert q.id == Quote.make_id("a_test", q.start, q.end)
    assert q.cue == "said" and q.speaker_text == "Lukashenko" and q.kind == "direct"


def test_quotes_statement_runs_on_after_the_cue_sentence(annotate_text):
    text = ('"The sanctions will fail," said Sergei Lavrov, the Russian foreign minister. '
            '"They have always failed before."')
    [q] = quotes(annotate_text, text)
    assert len(q.spans) == 2 and q.content.endswith("... They have always failed before.")


def test_quotes_unbroken_quote_has_one_span(annotate_text):
    text = '"Our country is sovereign," Lukashenko said.'
    [q] = quotes(annotate_text, text)
    assert q.spans == [{"start": q.start, "end": q.end}]


def test_quotes_new_paragraph_is_a_new_statement_with_the_same_speaker(annotate_text):
    text = ('"We will not allow this," Lukashenko said on Monday in Minsk.\n\n'
            '"Belarus is a sovereign country and will stay one."')
    found = quotes(annotate_text, text)
    assert len(found) == 2 and all(len(q.spans) == 1 for q in found)
    assert found[1].speaker_text == "Lukashenko"


def test_quotes_other_sentence_between_keeps_statements_apart(annotate_text):
    text = ('"We will not allow this," Lukashenko said. He then left the hall. '
            '"Belarus is a sovereign country and will stay one," he told reporters later.')
    found = quotes(annotate_text, text)
    assert len(found) == 2 and all(len(q.spans) == 1 for q in found)


def test_quotes_different_cues_keep_statements_apart(annotate_text):
    text = '"We will not allow this," Lukashenko said. "The talks were good," he added.'
    found = quotes(annotate_text, text)
    assert [q.cue for q in found] == ["said", "added"]


def test_quotes_fragments_in_one_reported_sentence_join(annotate_text):
    text = 'Lavrov called the plan "a provocation" that was "doomed to fail".'
    [q] = [q for q in quotes(annotate_text, text) if q.kind != "indirect"] or \
        quotes(annotate_text, text)
    assert "provocation" in q.content and "doomed to fail" in q.content


def test_quotes_contains_means_inside_a_fragment():
    q = Quote(id="q", article_id="a", speaker_entity_id=None, speaker=None, speaker_text=None,
              cue="said", content="A ... B", start=0, end=30, kind="direct",
              spans=[{"start": 0, "end": 10}, {"start": 20, "end": 30}])
    assert q.contains(2, 8) and q.contains(22, 30)
    assert not q.contains(12, 18)  # the cue clause between the fragments


def test_quotes_transcript_quoted_whole_is_one_quote_per_turn(annotate_text):
    text = ('Partial transcript as follows:\n\n'
            '"MORGAN: Will the minister attend the summit in Vilnius next week?\n\n'
            '"NOVAK: The minister will not attend. We have made our position clear.\n\n'
            '"MORGAN: Is that final?\n\n'
            '"NOVAK: It is final, and nothing will change it."')
    found = quotes(annotate_text, text)
    assert [q.speaker_text for q in found] == ["MORGAN", "NOVAK", "MORGAN", "NOVAK"]
    assert found[1].content.startswith("The minister will not attend")
    assert not any("NOVAK:" in q.content or "MORGAN:" in q.content for q in found)
