"""Boilerplate removal: precision first, whole lines only.

The cleaner never edits a line and never invents one: it decides, line by line, to keep or
drop. What it drops goes to :attr:`Cleaned.removed` (in order), so nothing is lost and a
false positive is easy to see. It drops comment forms, share/subscribe/follow lines, related
link headers, cookie notices, breadcrumbs and repeated headlines, photo credits and
captions, a trailing tag line, and byline / "Sources:" lines (whose content becomes
``author`` and ``agencies``).

Whitespace: each line is stripped of surrounding white space; blank lines separate
paragraphs and a run of them becomes one; blank lines at the start and end are removed.
Kept lines are otherwise unchanged and joined with "\\n" (so paragraphs keep the separator
the input used: "\\n\\n" when they were separated by a blank line, "\\n" when not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..records import normalise_text
from .lexicon import (
    AGENCIES,
    CREDIT_PATTERN,
    JUNK_LINE_PATTERNS,
    MONTHS,
    SECTION_WORDS,
    canonical_agency,
)

__all__ = ["Cleaned", "clean_text", "breadcrumb_of", "MAX_JUNK_LINE_CHARS", "MAX_CAPTION_CHARS"]

#: a line longer than this is never boilerplate (it is a paragraph)
MAX_JUNK_LINE_CHARS = 300
#: a line ending in a photo credit is taken for a caption only when at most this long
MAX_CAPTION_CHARS = 250


@dataclass(slots=True)
class Cleaned:
    text: str  # the kept lines (see the module docstring for white space)
    removed: list[str] = field(default_factory=list)  # every dropped line, stripped, in order
    author: str | None = None  # from "Author: X" / "By X" bylines
    agencies: list[str] = field(default_factory=list)  # from "Sources: A, B and C" lines
    title: str | None = None  # the headline when a breadcrumb or repeated line showed it


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_NAME_TOKEN = r"(?:[A-Z][\w'’.\-]*|[A-Z]\.|(?:de|van|von|der|da|di|al|bin|la|le)(?=\s+[A-Z]))"
_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}}"
_NAMES = rf"{_NAME}(?:\s*(?:,|and|&)\s*{_NAME}){{0,3}}"
_BYLINE = re.compile(
    rf"(?:(?P<label>(?i:author|authors|written by|text|reporting by|report by))\s*[:\-–—]\s*"
    rf"(?P<free>[^.!?:;]{{2,80}}?)|(?:by|By|BY)\s+(?P<names>{_NAMES}))"
    r"\s*(?:[|/–—-]\s*(?P<agency>[A-Z][\w .\-]{1,40}?))?\s*\.?")
_SOURCES = re.compile(r"(?:sources?|source of information|based on materials? (?:from|of))"
                      r"\s*[:\-–—]\s*(?P<list>.{2,200}?)\.?", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*")
_SENTENCE_PUNCT = re.compile(r"[.!?;:\"“”«»]\s|[.!?;:\"“”«»]$|\s[-–—]\s")
_TAG_WORD = re.compile(r"(?:[A-Z0-9#][\w'’.\-]*|of|the|and|for|de|al|on|in)")
_BREADCRUMB_SEP = re.compile(r"\s*(?:»|›|>|/|\||→|::)\s*")
_TRAILING_PUNCT = re.compile(r"[\s.!?:;,]+$")


def _norm(line: str) -> str:
    return _TRAILING_PUNCT.sub("", normalise_text(line))


def _is_name(text: str) -> bool:
    words = text.replace(",", " ").replace("&", " ").split()
    names = [w for w in words if w.lower() != "and"]
    if not names or len(names) > 12:
        return False
    return not any(w.lower().strip(".,") in MONTHS or w.lower().strip(".,") in _WEEKDAYS
                   for w in names)


def _byline(line: str) -> tuple[str, str | None] | None:
    """(author, agency or None) when the whole line is a byline."""
    m = _BYLINE.fullmatch(line)
    if not m:
        return None
    if m.group("label"):
        author = m.group("free").strip()
        if len(author.split()) > 8:
            return None
    else:
        author = m.group("names").strip()
        if not _is_name(author):
            return None
    agency = m.group("agency")
    if agency is None and "," in author:
        # "By Ivan Petrov, Reuters": a known agency after the last comma is not an author
        head, _, last = author.rpartition(",")
        if canonical_agency(last) in AGENCIES:
            author, agency = head.strip(), last.strip()
    return author, (canonical_agency(agency) if agency else None)


def _sources(line: str) -> list[str] | None:
    """Agency names when the whole line is a "Sources: A, B and C" line."""
    m = _SOURCES.fullmatch(line)
    if not m:
        return None
    items = [i.strip(" .") for i in _LIST_SPLIT.split(m.group("list")) if i.strip(" .")]
    if not items or any(len(i.split()) > 5 or len(i) > 60 for i in items):
        return None
    return [canonical_agency(i) for i in items]


def _agency_like(name: str) -> bool:
    """A known agency, or a proper name ("Minsk Daily"); not "the minister's official page"."""
    if name in AGENCIES:
        return True
    return all(w[0].isupper() or w[0].isdigit() for w in name.split()) and "'" not in name \
        and "’" not in name


_REPORTED_SPEECH = re.compile(r"[\"“”«»].{0,200}\b(?:said|says|told|added|wrote)\b"
                              r"|\b(?:said|says|told|added|wrote)\b.{0,200}[\"“”«»]")


def _is_junk(line: str) -> bool:
    if len(line) > MAX_JUNK_LINE_CHARS:
        return False
    if _REPORTED_SPEECH.search(line):
        return False  # '"Join us," the mayor said.' is the story quoting someone
    return any(p.fullmatch(line) for p in JUNK_LINE_PATTERNS)


def _is_credit(line: str) -> bool:
    """A photo credit line, or a short caption that ends in a credit."""
    return len(line) <= MAX_CAPTION_CHARS and bool(CREDIT_PATTERN.search(line))


def _breadcrumb_title(line: str, title: str | None) -> tuple[bool, str | None]:
    """(is a breadcrumb line, the headline it reveals)."""
    words = line.split()
    if title:
        nt, nl = _norm(title), _norm(line)
        if nt and nl.endswith(nt) and nl != nt:
            # the prefix is the part of the line before the (normalised) headline
            prefix = line[: max(0, len(line) - len(title))]
            has_sep = bool(_BREADCRUMB_SEP.search(prefix))
            prefix_words = [w for w in _BREADCRUMB_SEP.split(prefix) for w in w.split() if w]
            sections = all(w.lower().strip(":") in SECTION_WORDS | {"home"}
                           for w in prefix_words)
            if (prefix_words and len(prefix_words) <= 6 and not _SENTENCE_PUNCT.search(prefix)
                    and (sections or (has_sep and all(w[0].isupper() for w in prefix_words)))):
                return True, title
        return False, None
    if not words or words[0].lower() != "home":
        return False, None
    parts = [p for p in _BREADCRUMB_SEP.split(line) if p]
    if len(parts) >= 3:  # Home » Section » Headline
        return True, parts[-1].strip()
    rest = words[1:]
    sections = 0
    while rest and rest[0].lower().strip(":") in SECTION_WORDS and len(rest) > 3:
        rest = rest[1:]
        sections += 1
    if sections == 0 or len(rest) > 30 or not rest:
        return False, None
    return True, " ".join(rest)


def breadcrumb_of(line: str, headline: str) -> bool:
    """Whether ``line`` is a breadcrumb trail ending in ``headline`` ("Home Politics <headline>")."""
    return _breadcrumb_title(line, headline)[0]


def _is_tag_line(line: str) -> bool:
    """A final keyword line: "Tikhanovskaya, Belarus, Russia, Lukashenko" or "#Minsk #Kyiv"."""
    tokens = line.split()
    if len(tokens) >= 2 and all(t.startswith("#") and len(t) > 1 for t in tokens):
        return True
    if _SENTENCE_PUNCT.search(line) or line.rstrip().endswith((".", "!", "?")):
        return False
    items = [i.strip() for i in re.split(r"\s*[,|·•]\s*", line)]
    if len(items) < 3 or any(not i for i in items):
        return False
    for item in items:
        words = item.split()
        if not 1 <= len(words) <= 4 or not words[0][0].isupper():
            return False
        if not all(_TAG_WORD.fullmatch(w) for w in words):
            return False
    return True


def clean_text(text: str, *, title: str | None = None) -> Cleaned:
    """Drop boilerplate lines from an article body; keep everything else as it is.

    ``title`` (the headline, when known) lets repeated headlines and breadcrumbs that end in
    it be recognised.

    Example:
        >>> c = clean_text("MINSK – The talks ended.\\n\\nLeave a Reply\\nAuthor: Ivan Petrov")
        >>> c.text, c.removed, c.author
        ('MINSK – The talks ended.', ['Leave a Reply', 'Author: Ivan Petrov'], 'Ivan Petrov')
    """
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    keep = [True] * len(lines)
    out = Cleaned(text="")
    norm_title = _norm(title) if title else ""
    content = [i for i, ln in enumerate(lines) if ln]
    first_lines = set(content[:3])

    for i in content:
        line = lines[i]
        if norm_title and _norm(line) == norm_title:
            keep[i] = False
            out.title = out.title or title
            continue
        if i in first_lines:
            crumb, revealed = _breadcrumb_title(line, title)
            if crumb:
                keep[i] = False
                out.title = out.title or revealed
                continue
        if _is_junk(line) or _is_credit(line):
            keep[i] = False
            continue
        by = _byline(line) if len(line) <= 120 else None
        if by:
            keep[i] = False
            out.author = out.author or by[0]
            if by[1] and by[1] not in out.agencies:
                out.agencies.append(by[1])
            continue
        agencies = _sources(line) if len(line) <= 220 else None
        if agencies:
            keep[i] = False
            # the line goes either way; only names that can be an agency are kept as such
            out.agencies.extend(a for a in agencies if a not in out.agencies and _agency_like(a))
            continue

    kept_content = [i for i in content if keep[i]]
    if len(kept_content) >= 2 and _is_tag_line(lines[kept_content[-1]]):
        keep[kept_content[-1]] = False

    out.removed = [lines[i] for i in content if not keep[i]]
    body: list[str] = []
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        if not line and (not body or not body[-1]):
            continue  # collapse blank runs, no leading blanks
        body.append(line)
    while body and not body[-1]:
        body.pop()
    # a dropped line between two paragraphs can leave them glued by a single newline only
    # where the input had one; blank-line separation is kept as it was
    out.text = "\n".join(body)
    return out
