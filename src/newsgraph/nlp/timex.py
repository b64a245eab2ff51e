"""Temporal expressions: find them in a Doc and normalise them against the publication date.

Everything is resolved against an anchor date (the article's publication date), never
against today, so the same article always gives the same dates.

    resolve_date("on Sunday", "2021-02-25")              -> ("2021-02-21", "day")
    resolve_date("on Sunday", "2021-02-25", future=True) -> ("2021-02-28", "day")
    resolve_date("14 September", "2021-02-25")           -> ("2020-09-14", "day")
    resolve_date("last week", "2021-02-25")              -> ("2021-02-15", "week")
    resolve_date("on Thursday, 26 November", None, years={2020})  -> ("2020-11-26", "day")

A weekday with a day and month but no year ("On Thursday, 26 November") fixes the year when
exactly one plausible year fits: around the anchor, or, with no anchor, the years the
article itself mentions (and the year after each).

Precision is "day", "week", "month" or "year". Dates are "YYYY-MM-DD"; a month is given as
its first day, a year as 1 January, a week as its Monday (ISO weeks). Without an anchor
only absolute expressions resolve ("August 9, 2020"); relative ones give (None, None).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .doc_ext import doc_text

__all__ = ["Timex", "find_timex", "resolve_date", "is_future"]

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_YEAR = r"(?:1[89]|20)[0-9]{2}"

# Ordered: longer, more specific forms first; matching spans never overlap.
_PATTERNS = [
    rf"\b{_YEAR}-[01][0-9]-[0-3][0-9]\b",
    rf"\b(?:on\s+)?(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
    rf"\b(?:on\s+)?(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b",
    rf"\b(?:on\s+)?(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b",
    rf"\b(?:on\s+)?(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b",
    rf"\b(?:since|in|by|until|from|during|early|late|mid-?|last|next|this)?\s*{_MONTH}\s+{_YEAR}\b",
    rf"\b(?:since|in|during|by|until|from|early|late|mid-?)\s+{_MONTH}(?![\w-])",
    rf"\b(?:last|next|this)\s+{_MONTH}(?![\w-])",
    rf"\b(?:in|since|during|by|until|from|early|late|mid-?)\s+{_YEAR}\b",
    r"\b(?:the\s+)?(?:day\s+before(?:\s+yesterday)?|previous\s+day|day\s+after(?:\s+tomorrow)?|next\s+day|following\s+day)\b",
    r"\b(?:yesterday|today|tonight|tomorrow)\b",
    rf"\b(?:(?:on|last|next|this|early|late)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b",
    r"\b(?:earlier|later)\s+this\s+(?:week|month|year)\b",
    r"\b(?:last|next|this|previous|past)\s+(?:week|month|year)\b",
    r"\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|[0-9]+)\s+(?:days?|weeks?|months?|years?)\s+ago\b",
]
_RE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
_NUM = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10}


@dataclass(slots=True)
class Timex:
    start: int  # character offsets in the doc
    end: int
    text: str
    date: str | None
    precision: str | None


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _parse_anchor(anchor: str | None) -> dt.date | None:
    if not anchor:
        return None
    try:
        return dt.date.fromisoformat(anchor[:10])
    except ValueError:
        return None


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_num(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip(".")[:3] if len(word) > 3 else word.lower().rstrip("."))


def _weekday_year(month: int, day: int, weekday: int, anchor: dt.date | None,
                  years: frozenset[int] | set[int], future: bool) -> int | None:
    """The one plausible year in which ``day month`` falls on ``weekday``, or None."""
    if anchor is not None:
        fits = [y for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                if (d := _safe_date(y, month, day)) and d.weekday() == weekday]
        # the direction the sentence speaks in first, then the nearest to the anchor
        same_side = [y for y in fits if (_safe_date(y, month, day) >= anchor) == future]
        fits = same_side or fits
        if not fits:
            return None
        return min(fits, key=lambda y: abs((_safe_date(y, month, day) - anchor).days))
    plausible = set(years) | {y + 1 for y in years}
    fits = [y for y in plausible
            if (d := _safe_date(y, month, day)) and d.weekday() == weekday]
    return fits[0] if len(fits) == 1 else None


def resolve_date(expression: str, anchor: str | None, *, future: bool = False,
                 years: frozenset[int] | set[int] = frozenset()) -> tuple[str | None, str | None]:
    """Normalise a temporal expression: ``(YYYY-MM-DD, precision)`` or ``(None, None)``.

    ``anchor`` is the publication date; ``future`` says the sentence speaks of what will
    happen (then "on Sunday" is the next Sunday, "February 11" the next one); ``years`` are
    the years the article mentions, which place a weekday-and-date with no year.
    """
    text = " ".join(expression.lower().replace(",", " ").split())
    a = _parse_anchor(anchor)
    words = text.split()
    if words and words[0] in ("since", "ago", "last", "previous", "past"):
        future = False  # these only look back

    m = re.search(rf"\b({_YEAR})-([01][0-9])-([0-3][0-9])\b", text)
    if m:
        d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return (_iso(d), "day") if d else (None, None)

    year_m = re.search(rf"\b({_YEAR})\b", text)
    year = int(year_m[1]) if year_m else None
    month = None
    month_m = re.search(rf"\b({_MONTH})(?![\w-])", text)
    if month_m:
        month = _month_num(month_m[1])
    day_m = re.search(r"\b((?:[12][0-9]|3[01]|0?[1-9]))(?:st|nd|rd|th)?\b", text)
    day = int(day_m[1]) if day_m and month else None
    if day is not None and year is not None and day_m.start() == year_m.start():
        day = None

    if month and day:
        if year:
            d = _safe_date(year, month, day)
            return (_iso(d), "day") if d else (None, None)
        weekday = next((wd for name, wd in WEEKDAYS.items() if name in words), None)
        if weekday is not None:
            y = _weekday_year(month, day, weekday, a, years, future)
            if y is not None:
                d = _safe_date(y, month, day)
                return (_iso(d), "day") if d else (None, None)
        if a is None:
            return None, None
        d = _safe_date(a.year, month, day)
        if d is None:
            return None, None
        if not future and d > a:
            d = _safe_date(a.year - 1, month, day)
        elif future and d < a:
            d = _safe_date(a.year + 1, month, day)
        return (_iso(d), "day") if d else (None, None)
    if month:
        if year:
            return _iso(dt.date(year, month, 1)), "month"
        if a is None:
            return None, None
        y = a.year
        if "last" in words:
            y = a.year - 1 if month >= a.month else a.year
        elif "next" in words or future:
            y = a.year + 1 if month < a.month or ("next" in words and month == a.month) else a.year
        elif month > a.month:
            y = a.year - 1
        return _iso(dt.date(y, month, 1)), "month"
    if year and len(words) <= 3:
        return _iso(dt.date(year, 1, 1)), "year"

    if a is None:
        return None, None
    if "yesterday" in words and "before" in words:
        return _iso(a - dt.timedelta(days=2)), "day"
    if "tomorrow" in words and "after" in words:
        return _iso(a + dt.timedelta(days=2)), "day"
    if "yesterday" in words or "before" in words or "previous day" in text:
        return _iso(a - dt.timedelta(days=1)), "day"
    if "tomorrow" in words or "after" in words or "next day" in text or "following day" in text:
        return _iso(a + dt.timedelta(days=1)), "day"
    if "today" in words or "tonight" in words:
        return _iso(a), "day"
    for name, wd in WEEKDAYS.items():
        if name in words:
            if "next" in words or (future and "last" not in words):
                delta = (wd - a.weekday()) % 7 or 7
                return _iso(a + dt.timedelta(days=delta)), "day"
            delta = (a.weekday() - wd) % 7
            if "last" in words and delta == 0:
                delta = 7
            return _iso(a - dt.timedelta(days=delta)), "day"
    ago = re.search(r"\b(a|one|two|three|four|five|six|seven|eight|nine|ten|[0-9]+)\s+(day|week|month|year)s?\s+ago\b", text)
    if ago:
        n = _NUM.get(ago[1]) or int(ago[1])
        unit = ago[2]
        if unit == "day":
            return _iso(a - dt.timedelta(days=n)), "day"
        if unit == "week":
            d = a - dt.timedelta(weeks=n)
            return _iso(d - dt.timedelta(days=d.weekday())), "week"
        if unit == "month":
            y, mo = divmod(a.year * 12 + a.month - 1 - n, 12)
            return _iso(dt.date(y, mo + 1, 1)), "month"
        return _iso(dt.date(a.year - n, 1, 1)), "year"
    shift = -1 if ("last" in words or "previous" in words or "past" in words) else (
        1 if "next" in words else 0)
    if "week" in words:
        d = a + dt.timedelta(weeks=shift)
        return _iso(d - dt.timedelta(days=d.weekday())), "week"
    if "month" in words:
        y, mo = divmod(a.year * 12 + a.month - 1 + shift, 12)
        return _iso(dt.date(y, mo + 1, 1)), "month"
    if "year" in words:
        return _iso(dt.date(a.year + shift, 1, 1)), "year"
    return None, None


_FUTURE_AUX = {"will", "shall", "'ll", "wo"}


def is_future(span: Span) -> bool:
    """Whether the clause around ``span`` speaks of the future ("will meet", "is to visit")."""
    token = span.root
    for _ in range(6):  # climb to the governing verb
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in _FUTURE_AUX:
            return True
        if child.dep_ == "aux" and child.lower_ == "to" and token.head.lemma_ == "be":
            return True
    if token.dep_ == "xcomp" and token.head.lemma_ in ("plan", "intend", "expect", "schedule"):
        return True
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in token.head.children) \
        if token.dep_ in ("xcomp",) else False


_YEAR_RE = re.compile(rf"(?<![\d,.]){_YEAR}(?![\d,])")


def find_timex(doc: Doc) -> list[Timex]:
    """Temporal expressions in ``doc``, resolved against ``doc._.ng_date``, in text order."""
    anchor = doc._.ng_date if Doc.has_extension("ng_date") else None
    text = doc_text(doc)
    years = frozenset(int(y) for y in _YEAR_RE.findall(text))
    out: list[Timex] = []
    for m in _RE.finditer(text):
        expr = m.group(0).strip()
        if not expr:
            continue
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        end = start + len(expr)
        span = doc.char_span(start, end, alignment_mode="expand")
        future = is_future(span) if span is not None else False
        date, precision = resolve_date(expr, anchor, future=future, years=years)
        out.append(Timex(start, end, expr, date, precision))
    return out
