"""The quotation-mark scanner: straight, curly and mixed marks, nesting, unbalanced marks,
quotes across paragraphs (no spaCy needed)."""

from __future__ import annotations

from newsgraph.nlp.quote_marks import find_quoted_spans, has_unbalanced_marks


def contents(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_quoted_spans(text)]


def test_quotes_marks_straight_and_curly():
    assert contents('He said "we will win" and “we will stay”.') == ["we will win", "we will stay"]


def test_quotes_marks_low_and_guillemets():
    assert contents("Er sagte „wir kommen“ und «nous restons».") == ["wir kommen", "nous restons"]


def test_quotes_marks_doubled_apostrophes_as_marks():
    assert contents("''Hopefully,'' he said, ''the museum helps.''") == [
        "Hopefully,", "the museum helps."]


def test_quotes_marks_nested_other_family_stays_inside():
    text = '"The question was: “Are you ready?” Most said yes."'
    assert contents(text) == ["The question was: “Are you ready?” Most said yes."]


def test_quotes_marks_nested_single_marks_ignored():
    text = "“He told me ‘never again’ and left,” she said."
    assert contents(text) == ["He told me ‘never again’ and left,"]


def test_quotes_marks_apostrophes_are_not_marks():
    assert contents("Minsk’s officials and the Clintons’ friends met.") == []


def test_quotes_marks_missing_closer_stops_at_paragraph_end():
    text = "“The talks failed, he admitted\nThe next paragraph has “a quote” too."
    spans = find_quoted_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["The talks failed, he admitted", "a quote"]
    assert spans[0].unbalanced and not spans[1].unbalanced
    assert has_unbalanced_marks(text)


def test_quotes_marks_missing_opener_starts_at_paragraph_start():
    text = "Intro line.\nWe are ready to talk.” Then more.\n“Balanced here.”"
    assert contents(text) == ["We are ready to talk.", "Balanced here."]


def test_quotes_marks_across_paragraphs_convention():
    text = "“The first part ends here.\n\n“The second part closes,” she said.\nAfter."
    spans = find_quoted_spans(text)
    assert len(spans) == 1
    assert spans[0].paragraphs == 2 and not spans[0].unbalanced
    assert text[spans[0].start:spans[0].end].endswith("second part closes,")


def test_quotes_marks_balanced_text_is_not_flagged():
    assert not has_unbalanced_marks('“One,” he said. "Two," she said.')
