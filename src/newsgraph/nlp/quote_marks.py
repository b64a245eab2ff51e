"""Find quoted passages by their marks, robust to unbalanced and mixed quotation marks.

The text is scanned one paragraph (line) at a time so that a missing mark damages at most
its own paragraph. Rules, in news convention:

- openers “ „ « and closers ” »; the straight " and the doubled '' are decided by context
  (an opener follows a space or bracket and precedes a word);
- an opener of another family inside an open quote starts a nested quote (" ... “...” ... ");
  a closer of another family with no nested opener closes the quote (mixed marks "...”);
  single ‘ ’ marks inside a double-quoted passage are nested and ignored;
- a paragraph that ends inside a quote while the next paragraph opens with a mark of the
  same family continues the quote into that paragraph (the closing mark is left off on purpose);
- an opener never closed in its paragraph closes at the paragraph end; a closer with no
  opener opens at the paragraph start (or after the previous quote in it);
- a top-level ‘...’ pair (headline style) counts when its closing ’ is not an apostrophe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuotedSpan", "find_quoted_spans", "has_unbalanced_marks"]

_OPEN = "“„«"
_CLOSE = "”»"
_MARK = re.compile(r"''|[\"“”„«»‘’]")
_LINE = re.compile(r"[^\n]+")


@dataclass(slots=True)
class QuotedSpan:
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark)
    open_mark: int | None  # offset of the opening mark; None when it was missing
    close_mark: int | None  # offset of the closing mark; None when it was missing
    unbalanced: bool = False
    paragraphs: int = 1


def _family(mark: str) -> str:
    if mark in ('"', "''"):
        return "straight"
    if mark in "‘’":
        return "single"
    return "curly"


def _role(text: str, i: int, mark: str, open_family: str | None) -> str:
    """'open' or 'close' for the mark at ``i`` (``open_family``: the family of the open quote)."""
    if mark in _OPEN:
        # „ ... “ (German style): the “ closes a „
        if mark == "“" and open_family == "low":
            return "close"
        return "open"
    if mark in _CLOSE:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark == "‘":
        return "open"
    if mark == "’":
        return "close"
    opens = before.isspace() or before in "([{—–-/:;"
    closes = not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-'’”")
    if opens and not after.isspace():
        return "open"
    if closes:
        return "close"
    return "close" if open_family == "straight" else "open"


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Top-level quoted passages of ``text`` in order (content offsets exclude the marks)."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
    spans: list[QuotedSpan] = []
    # a quote carried over from the previous paragraph: (content start, open mark, family)
    carried: tuple[int, int, str] | None = None
    carried_paras = 1
    for li, (ps, pe) in enumerate(lines):
        marks = [(m.start(), m.group()) for m in _MARK.finditer(text, ps, pe)]
        open_at: int | None = None
        open_family: str | None = None
        content_start = ps
        depth = 0  # nested marks of another family inside the open quote
        nested_family: str | None = None
        last_end = ps
        paras = 1
        if carried is not None:
            # this paragraph should open with a mark that continues the quote
            content_start, open_at, open_family = carried
            paras = carried_paras + 1
            if marks and text[ps:marks[0][0]].strip() == "" and _role(text, marks[0][0], marks[0][1], None) == "open":
                marks = marks[1:]
            carried = None
        for i, mark in marks:
            fam = _family(mark)
            if fam == "single":
                # single marks matter only at top level, and only as a clean ‘...’ pair
                if open_at is None and mark == "‘":
                    close = _single_close(text, i + 1, pe)
                    if close is not None:
                        spans.append(QuotedSpan(i + 1, close, i, close))
                        last_end = close + 1
                continue
            if open_at is not None and i < last_end:
                continue  # inside a ‘...’ already taken
            role = _role(text, i, mark, "low" if open_family == "low" else
                         (nested_family if depth else open_family))
            if open_at is None:
                if i < last_end:
                    continue
                if role == "open":
                    open_at, content_start = i, i + len(mark)
                    open_family = "low" if mark == "„" else fam
                else:  # a closer with no opener: recover from the paragraph start
                    a, b = _trim(text, last_end, i)
                    if b - a > 0:
                        spans.append(QuotedSpan(a, b, None, i, unbalanced=True))
                    last_end = i + len(mark)
                continue
            same = (fam == open_family) or (open_family == "low" and mark == "“")
            if depth:
                if fam == nested_family and role == "close":
                    depth -= 1
                elif not same and role == "open":
                    depth += 1
                elif same and role == "close":  # outer closes over an unclosed inner
                    depth = 0
                    spans.append(QuotedSpan(content_start, i, open_at, i, paragraphs=paras))
                    open_at, last_end, paras = None, i + len(mark), 1
                continue
            if role == "close" and same:
                spans.append(QuotedSpan(content_start, i, open_at, i, paragraphs=paras))
                open_at, last_end, paras = None, i + len(mark), 1
            elif role == "open" and not same:
                depth, nested_family = 1, fam
            elif role == "open" and same:
                # the previous quote was never closed: end it before this opener
                a, b = _trim(text, content_start, i)
                if b > a:
                    spans.append(QuotedSpan(a, b, open_at, None, unbalanced=True, paragraphs=paras))
                open_at, content_start, paras = i, i + len(mark), 1
                open_family = "low" if mark == "„" else fam
            elif role == "close":  # mixed marks ("text”): a closer of another family closes
                spans.append(QuotedSpan(content_start, i, open_at, i, paragraphs=paras))
                open_at, last_end, paras = None, i + len(mark), 1
        if open_at is not None:
            nxt = lines[li + 1] if li + 1 < len(lines) else None
            if nxt is not None and _opens_paragraph(text, nxt[0], nxt[1], open_family):
                carried = (content_start, open_at, open_family or "straight")
                carried_paras = paras
                continue
            a, b = _trim(text, content_start, pe)
            if b > a:
                spans.append(QuotedSpan(a, b, open_at, None, unbalanced=True, paragraphs=paras))
    return [s for s in spans if s.end > s.start]


def _opens_paragraph(text: str, ps: int, pe: int, family: str | None) -> bool:
    """Does the paragraph open with a mark continuing a quote of ``family``?"""
    m = _MARK.search(text, ps, pe)
    if m is None or text[ps:m.start()].strip() != "" or m.group() in "‘’":
        return False
    same = _family(m.group()) == family or (family == "low" and m.group() == "„")
    return same and _role(text, m.start(), m.group(), None) == "open"


def _single_close(text: str, start: int, end: int) -> int | None:
    """The ’ closing a ‘ opened before ``start``: one not followed by a letter (an apostrophe)."""
    for m in re.finditer("’", text[start:end]):
        j = start + m.start()
        after = text[j + 1] if j + 1 < len(text) else " "
        if not after.isalpha():
            return j
    return None


def has_unbalanced_marks(text: str) -> bool:
    """True when some quote in ``text`` lost its opening or closing mark."""
    return any(s.unbalanced for s in find_quoted_spans(text))
