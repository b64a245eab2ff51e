"""Properties: readers never raise on any bytes; the cleaner only removes lines, in order."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import InputError
from newsgraph.ingest.clean import clean_text
from newsgraph.ingest.readers import RawRecord, read_inputs

EXTENSIONS = [".txt", ".html", ".jsonl", ".json", ".csv", ".tsv", ".parquet", ".warc",
              ".warc.gz", ".txt.gz", ".jsonl.gz"]

#: lines that look like the junk the cleaner knows, mixed with story-like lines
LINES = st.one_of(
    st.sampled_from(["Leave a Reply", "Photo: BelTA", "Author: Anna Ivanova", "Home Politics X",
                     "Sources: TASS and BelTA", "Belarus, Russia, Minsk", "", "   ",
                     "MINSK, February 25 – RIA Novosti.", "By Ivan Petrov", "Share this",
                     "(Photo: Reuters)", "Tags: a, b", "X", "Related: x"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), ext=st.sampled_from(EXTENSIONS))
def test_ingest_properties_readers_never_raise(data, ext):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"f{ext}"
        path.write_bytes(data)
        for item in read_inputs([str(path)]):
            assert isinstance(item, RawRecord | InputError)
            if isinstance(item, InputError):
                assert str(path) in str(item) or path.name in str(item)


def _content(text: str) -> list[str]:
    """Non-empty lines, stripped: the unit the cleaner keeps or drops."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [ln.strip() for ln in lines if ln.strip()]


@settings(max_examples=50, deadline=None)
@given(lines=st.lists(LINES, max_size=12), title=st.one_of(st.none(), st.sampled_from(["X"])))
def test_ingest_properties_clean_only_removes_in_order(lines, title):
    text = "\n".join(lines)
    cleaned = clean_text(text, title=title)
    original = _content(text)
    kept = _content(cleaned.text)
    assert _interleaves(original, kept, cleaned.removed)


def _interleaves(whole: list[str], a: list[str], b: list[str]) -> bool:
    """``whole`` is ``a`` and ``b`` merged, each keeping its own order (checked exactly)."""
    if len(whole) != len(a) + len(b):
        return False
    reachable = {(0, 0)}  # (lines of a used, lines of b used) after each line of whole
    for line in whole:
        reachable = ({(i + 1, j) for i, j in reachable if i < len(a) and a[i] == line}
                     | {(i, j + 1) for i, j in reachable if j < len(b) and b[j] == line})
        if not reachable:
            return False
    return (len(a), len(b)) in reachable


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=1500),
                      st.text(max_size=1500).map(lambda t: t.encode("utf-8"))),
       ext=st.sampled_from([".txt", ".html", ".jsonl"]))
def test_ingest_properties_prepare_raises_only_input_errors(data, ext):
    from newsgraph.ingest.prepare import prepare_article
    from newsgraph.records import Article

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"f{ext}"
        path.write_bytes(data)
        for item in read_inputs([str(path)]):
            if isinstance(item, RawRecord):
                try:
                    article = prepare_article(item)
                except InputError:
                    continue
                assert isinstance(article, Article) and article.text.strip()
