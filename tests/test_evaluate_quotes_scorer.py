"""The PolNeAR quote scorer on a tiny brat fixture written here."""

from __future__ import annotations

import pytest

from newsgraph.errors import InputError
from newsgraph.evaluate.polnear import read_split
from newsgraph.evaluate.quotes import Pred, prf, score_articles

TEXT = ('“We will win,” said Jane Roe. “Nobody can stop us.”\n'
        "Roe also said taxes would fall next year.\n")


def _split(tmp_path, ann: str):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "art.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "art_b.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "art_a.ann").write_text(ann, encoding="utf-8")
    return tmp_path


def _ann() -> str:
    c1 = (0, TEXT.index(" said"))
    c2 = (TEXT.index("“Nobody"), TEXT.index("\n"))
    src = (TEXT.index("Jane"), TEXT.index("Jane") + len("Jane Roe"))
    cue = (TEXT.index("said"), TEXT.index("said") + 4)
    c3 = (TEXT.index("taxes"), TEXT.index(" next year") + len(" next year"))
    s3 = (TEXT.index("Roe also"), TEXT.index("Roe also") + 3)
    lines = [
        f"T1\tContent {c1[0]} {c1[1]};{c2[0]} {c2[1]}\t{TEXT[c1[0]:c1[1]]} {TEXT[c2[0]:c2[1]]}",
        f"T2\tSource {src[0]} {src[1]}\tJane Roe",
        f"T3\tCue {cue[0]} {cue[1]}\tsaid",
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2",
        f"T4\tContent {c3[0]} {c3[1]}\ttaxes would fall",
        f"T5\tSource {s3[0]} {s3[1]}\tRoe",
        "E2\tAttribution:T4 Content:T4 Source:T5",
    ]
    return "\n".join(lines) + "\n"


def test_evaluate_quotes_reads_first_annotator_and_fragments(tmp_path):
    arts = read_split(_split(tmp_path, _ann()))
    assert len(arts) == 1 and arts[0].ann_file == "art_a.ann"
    gold = arts[0].attributions
    assert len(gold) == 2 and len(gold[0].content) == 2
    assert gold[0].direct and not gold[1].direct
    assert gold[0].source_text == "Jane Roe"


def test_evaluate_quotes_scores_matches_and_speakers(tmp_path):
    art = read_split(_split(tmp_path, _ann()))[0]
    a, b = TEXT.index("We will"), TEXT.index(",”")
    c, d = TEXT.index("Nobody"), TEXT.index(".”") + 1
    spk = TEXT.index("Jane"), TEXT.index("Jane") + 8
    preds = [
        Pred(a, b, "direct", *spk),                     # half of the two-fragment quote
        Pred(c, d, "direct", None, None, ("Jane Roe",)),  # the other half, by name
        Pred(TEXT.index("taxes"), TEXT.index("fall") + 4, "indirect", None, None, ("Smith",)),
        Pred(TEXT.index("Roe also"), TEXT.index("Roe also") + 8, "direct"),  # no gold here
    ]
    result = score_articles([(art, preds, False)])
    every = result["all"]
    assert every["predicted"] == 4 and every["gold"] == 2
    assert every["precision"] == pytest.approx(3 / 4) and every["recall"] == 1.0
    assert every["speaker_accuracy"] == pytest.approx(1 / 2)  # Smith is not Roe
    direct = result["direct"]
    assert direct["gold"] == 1 and direct["predicted"] == 3
    assert direct["precision"] == pytest.approx(2 / 3) and direct["recall"] == 1.0
    assert direct["speaker_accuracy"] == 1.0


def test_evaluate_quotes_failed_system_counts_as_no_quotes(tmp_path):
    art = read_split(_split(tmp_path, _ann()))[0]
    result = score_articles([(art, None, True)])
    assert result["failed_articles"] == 1
    assert result["all"]["recall"] == 0.0 and result["unbalanced_all"]["gold"] == 2


def test_evaluate_quotes_small_overlap_is_no_match(tmp_path):
    art = read_split(_split(tmp_path, _ann()))[0]
    start = TEXT.index("Roe also")  # "Roe also said tax": 3 of 17 characters in the gold
    result = score_articles([(art, [Pred(start, TEXT.index("taxes") + 3, "indirect")], False)])
    assert result["all"]["precision"] == 0.0


def test_evaluate_quotes_rejects_non_split_folder(tmp_path):
    with pytest.raises(InputError):
        read_split(tmp_path)


def test_evaluate_quotes_prf_zero_safe():
    assert prf(0, 0, 0, 0) == (0.0, 0.0, 0.0)
