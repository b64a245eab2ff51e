"""Article metadata from text: datelines, cited agencies, the publication date.

Datelines come in many shapes ("MINSK, February 25 – RIA Novosti.", "Washington (AFP) –",
"KYIV, Ukraine (AP) —", "LONDON, Feb 3 (Reuters) -", "Minsk, 12 August 2020 /BelTA/") and
usually carry no year. :func:`infer_publication_date` supplies the year from the dated
facts the article mentions, and says so through the precision it returns; a date the text
does not make knowable stays ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from .lexicon import (
    AGENCIES,
    AGENCY_PATTERN,
    AGENCY_SEARCH,
    MONTH_PATTERN,
    MONTHS,
    canonical_agency,
)

__all__ = ["Dateline", "parse_dateline", "find_agencies", "infer_publication_date",
           "parse_date", "find_dates", "DateMention"]


@dataclass(slots=True)
class Dateline:
    place: str | None
    agency: str | None
    month: int | None
    day: int | None
    year: int | None
    start: int  # span of the dateline in the text
    end: int


# ------------------------------------------------------------------ datelines

_M = MONTH_PATTERN
_PLACE_CAPS = r"[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]*){0,3}"
_PLACE_TITLE = r"[A-Z][a-z'’\-]+(?:[ \-](?:[A-Z][a-z'’\-]+|[A-Z]\.)){0,2}"
_REGION = (rf",\s*(?!{_M}\b)(?P<region>[A-Z][A-Za-z.'’\-]*(?:\s[A-Z][A-Za-z.'’\-]*){{0,2}})")
_DL_DATE = (rf"(?:[,.]?\s*(?P<mon1>{_M})\.?\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?:,?\s+(?P<year1>(?:19|20)\d\d))?"
            rf"|[,.]?\s*(?P<day2>\d{{1,2}})\s+(?P<mon2>{_M})\.?(?:,?\s+(?P<year2>(?:19|20)\d\d))?)")
_DL_AGENCY = (r"(?:\s*\((?P<agency1>[A-Z][\w.\-]*(?: [A-Z][\w.\-]*){0,2})\)"
              r"|[.,]?\s*/(?P<agency2>[A-Z][\w.\-]*(?: [A-Z][\w.\-]*){0,2})/\.?)")
_DL_DASH = r"\s*[.,]?\s*(?:[–—]|-{1,2})"
_DL_AFTER = rf"(?:\s*(?P<agency3>{AGENCY_PATTERN.pattern})\.?)?"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE_CAPS}|{_PLACE_TITLE})(?:{_REGION})?(?P<date>{_DL_DATE})?"
    rf"(?P<agency>{_DL_AGENCY})?(?P<dash>{_DL_DASH}{_DL_AFTER})?")
#: all-caps words that open a line like a dateline but are labels
_NOT_PLACES = {"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "WATCH", "VIDEO", "OPINION",
               "ANALYSIS", "EDITORIAL", "LIVE", "PHOTOS", "PHOTO", "NOTE", "CORRECTION",
               "URGENT", "FLASH", "READ", "LISTEN", "COMMENTARY", "EDITOR'S NOTE", "Q", "A"}


#: words that never make a dateline place ("On Saturday, ...")
_NOT_PLACE_WORDS = {"on", "in", "at", "the", "a", "an", "this", "last", "monday", "tuesday",
                    "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                    "yesterday", "update", "updated"} | set(MONTHS)


def _place_name(raw: str) -> str:
    """"KYIV" -> "Kyiv", "ST. PETERSBURG" -> "St. Petersburg"; mixed case kept."""
    return raw.title() if raw.isupper() else raw


def parse_dateline(text: str) -> Dateline | None:
    """The dateline opening one of the first three paragraphs, or None.

    Example:
        >>> d = parse_dateline("MINSK, February 25 – RIA Novosti. The talks ended.")
        >>> d.place, d.month, d.day, d.agency
        ('Minsk', 2, 25, 'RIA Novosti')
    """
    offset = 0
    seen = 0
    for line in text.split("\n"):
        stripped = line.lstrip()
        if stripped:
            start = offset + len(line) - len(stripped)
            found = _dateline_at(stripped, start)
            if found:
                return found
            seen += 1
            if seen >= 3:
                break
        offset += len(line) + 1
    return None


def _dateline_at(line: str, offset: int) -> Dateline | None:
    m = _DATELINE.match(line)
    if not m:
        return None
    place = m.group("place").rstrip(" -")
    if place.upper() in _NOT_PLACES:
        return None
    caps = place.isupper() and len(place.replace(".", "")) >= 2
    has_date = bool(m.group("date"))
    paren = m.group("agency1") or m.group("agency2")
    dash = m.group("dash")
    # a dateline ends in a dash or in an agency credit; Title-case places also need a date or
    # an agency, or "Trump — who ..." would be a dateline
    if not (dash or paren):
        return None
    if not caps and not (has_date or paren or (dash and m.group("agency3"))):
        return None
    if not caps and len(place.split()) > 2 and not paren:
        return None
    if paren and canonical_agency(paren) not in AGENCIES:
        # "Sen. Bernie Sanders (I-Vt.)": a parenthesis that credits no agency
        if not caps or not dash:
            return None
        paren = None
    if any(w.lower().strip(".,") in _NOT_PLACE_WORDS for w in place.split()):
        return None
    agency = paren or m.group("agency3")
    month = day = year = None
    if has_date:
        mon = m.group("mon1") or m.group("mon2")
        month = MONTHS.get(mon.lower().rstrip("."))
        day = int(m.group("day1") or m.group("day2"))
        y = m.group("year1") or m.group("year2")
        year = int(y) if y else None
        if not month or not 1 <= day <= 31:
            month = day = year = None
    return Dateline(place=_place_name(place), agency=canonical_agency(agency) if agency else None,
                    month=month, day=day, year=year, start=offset, end=offset + m.end())


# ------------------------------------------------------------------ agencies

def find_agencies(text: str) -> list[str]:
    """Agencies cited in the text, canonical names, in order of first appearance.

    Example:
        >>> find_agencies("KYIV, Ukraine (AP) — Citing Interfax-Ukraine and Reuters, ...")
        ['AP', 'Interfax', 'Reuters']
    """
    # one search per agency, after a substring test (one big alternation is ~100x slower)
    first: list[tuple[int, str]] = []
    for name, pattern, keys in AGENCY_SEARCH:
        if keys is not None and not any(k in text for k in keys):
            continue
        m = pattern.search(text)
        if m:
            first.append((m.start(), name))
    return [name for _, name in sorted(first)]


# ------------------------------------------------------------------ dates

@dataclass(slots=True)
class DateMention:
    """A calendar date written in the text."""

    year: int | None
    month: int
    day: int | None  # None for "August 2020"
    start: int
    end: int
    future: bool  # announced or expected, not reported as past

    def as_date(self, year: int | None = None) -> dt.date | None:
        try:
            return dt.date(year or self.year or 0, self.month, self.day or 1)
        except ValueError:
            return None


_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_MENTION_PATTERNS = [
    re.compile(rf"\b(?P<m>{_M})\.?\s+{_DAY}(?:\s*,\s*|\s+){_YEAR}\b"),  # August 9, 2020
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<m>{_M})\.?,?\s+{_YEAR}\b"),  # 9 August 2020
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d{2})-(?P<d>\d{2})\b"),  # 2020-08-09
    re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)\b"),  # 09.08.2020
    re.compile(rf"\b(?P<m>{_M})\.?\s+{_DAY}\b(?!\s*,?\s*\d)"),  # August 9 (no year)
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<m>{_M})\b(?!\.?,?\s+\d)"),  # 9 August (no year)
    re.compile(rf"\b(?P<m>{_M})\.?,?\s+{_YEAR}\b"),  # August 2020 (no day)
]
_FUTURE = re.compile(
    r"\b(?:will|shall|scheduled|slated|set (?:for|to)|due|planned|plans?|to be held|upcoming|"
    r"next|until|till|expected|would|is to|are to|deadline|from now|by|no later than|"
    # the same in the languages of the news newsgraph reads: "bis zum", "jusqu'au",
    # "hasta el", "entro il", "до", "не позднее" ... (a bound, not a reported day)
    r"bis|spätestens|jusqu['’](?:au|à|en)|d['’]ici|au plus tard|hasta|a más tardar|entro|"
    r"fino al?|até|uiterlijk|tot en met|до|не позднее|najpóźniej|do dnia)"
    r"\b[^.!?]{0,60}$",
    re.IGNORECASE)
#: a sentence about a deadline or a validity period: its dates are bounds, not events
_DEADLINE = re.compile(
    r"\b(?:deadlines?|due date|closing date|expires|expiry|expiration|valid (?:until|through)|"
    r"frist(?:en)?|stichtag|anmeldeschluss|einsendeschluss|bewerbungsschluss|gültig|"
    r"date limite|délai|plazo|fecha límite|scadenza|prazo|срок\w*|termin(?:e|u)?)\b",
    re.IGNORECASE)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end] (a full stop inside "01.01.2019" is no end)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start),
               text.rfind("! ", 0, start), text.rfind("? ", 0, start))
    ends = [i for i in (text.find(". ", end), text.find("\n", end), text.find("! ", end),
                        text.find("? ", end)) if i != -1]
    return text[left + 1:min(ends) if ends else len(text)]


def find_dates(text: str) -> list[DateMention]:
    """Calendar dates written in the text (with or without a year), in text order."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for pattern in _MENTION_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            month_text = m.group("m")
            month = int(month_text) if month_text.isdigit() else MONTHS.get(
                month_text.lower().rstrip("."))
            day = int(m.group("d")) if "d" in pattern.groupindex else None
            year = int(m.group("y")) if "y" in pattern.groupindex else None
            if not month or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                continue
            if month_text == "May" and year is None and m.start() > 0 \
                    and text[m.start() - 1] not in " \n(":
                continue
            before = text[max(0, m.start() - 80):m.start()]
            future = bool(_FUTURE.search(before)) or bool(
                _DEADLINE.search(_sentence_around(text, m.start(), m.end())))
            mention = DateMention(year, month, day, m.start(), m.end(), future=future)
            if mention.as_date(year or 2000) is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(mention)
    found.sort(key=lambda d: d.start)
    return found


_ISO = re.compile(r"(?P<y>\d{4})(?:[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?)?"
                  r"(?:[T ]\d{1,2}:\d{2}.*)?")
_DMY = re.compile(r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})"
                  r"(?:[T ,]+\d{1,2}:\d{2}.*)?")
_MONTH_YEAR = re.compile(rf"(?P<m>{_M})\.?,?\s+(?P<y>\d{{4}})", re.IGNORECASE)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return 1800 <= y <= 2200


def parse_date(value: str) -> tuple[str, str] | None:
    """An explicitly given date in any common format -> (YYYY-MM-DD, precision), or None.

    Precision is "day", "month" (YYYY-MM or "August 2020": day 01) or "year" (month and day
    01). Numeric day/month order: "." and "-" are day first, "/" month first (US) unless the
    first number is over 12.
    """
    s = value.strip()
    if not s:
        return None
    if re.fullmatch(r"\d{9,10}(?:\.\d+)?", s):  # Unix time
        day = dt.datetime.fromtimestamp(float(s), dt.UTC).date()
        return day.isoformat(), "day"
    m = _ISO.fullmatch(s)
    if m:
        y, mo, d = int(m.group("y")), m.group("m"), m.group("d")
        if d and _valid(y, int(mo), int(d)):
            return f"{y:04d}-{int(mo):02d}-{int(d):02d}", "day"
        if mo and not d and _valid(y, int(mo), 1):
            return f"{y:04d}-{int(mo):02d}-01", "month"
        if not mo and _valid(y, 1, 1):
            return f"{y:04d}-01-01", "year"
        return None
    m = _DMY.fullmatch(s)
    if m:
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        day, month = (b, a) if m.group("sep") == "/" and a <= 12 else (a, b)
        if _valid(y, month, day):
            return f"{y:04d}-{month:02d}-{day:02d}", "day"
        if _valid(y, day, month):
            return f"{y:04d}-{day:02d}-{month:02d}", "day"
        return None
    for mention in find_dates(s):
        if mention.year is not None and mention.end - mention.start >= len(s.strip()) * 0.4:
            if mention.day is None:
                return f"{mention.year:04d}-{mention.month:02d}-01", "month"
            return f"{mention.year:04d}-{mention.month:02d}-{mention.day:02d}", "day"
    try:  # RFC 2822, as in HTTP and RSS: "Mon, 23 Nov 2020 10:00:00 GMT"
        return parsedate_to_datetime(s).date().isoformat(), "day"
    except (TypeError, ValueError, IndexError):
        pass
    m = _MONTH_YEAR.fullmatch(s)
    if m:
        month = MONTHS.get(m.group("m").lower().rstrip("."))
        if month:
            return f"{int(m.group('y')):04d}-{month:02d}-01", "month"
    return _parse_with_dateparser(s)


def _parse_with_dateparser(s: str) -> tuple[str, str] | None:
    """Last resort for other languages and odd formats; only complete dates are accepted
    (dateparser fills missing parts from today, which would invent a date)."""
    try:
        import dateparser

        parsed = dateparser.parse(s, settings={"REQUIRE_PARTS": ["day", "month", "year"],
                                               "RETURN_AS_TIMEZONE_AWARE": False})
    except Exception:  # noqa: BLE001 - an unparseable string is simply not a date
        return None
    return (parsed.date().isoformat(), "day") if parsed else None


def infer_publication_date(text: str, *, dateline: Dateline | None = None,
                           explicit: str | None = None,
                           not_after: str | None = None) -> tuple[str | None, str | None]:
    """The article's publication date -> (YYYY-MM-DD, day|month|year) or (None, None).

    1. ``explicit`` metadata, in any common format, always wins.
    2. A dateline with a year gives the date; a dateline with month and day but no year
       takes the earliest year that puts it on or after every dated past event the text
       mentions (full dates, and months with a year: "the August 2020 election"). Month-day mentions without a year, reported as past,
       are read as the most recent such day before publication, and may not fall more than a
       month before the explicitly dated events (writers spell out the year of older events): so
       "November 23" with "August 9, 2020" and a past "February 11" is November 2021.
       Without any full date in the text the year is unknown: (None, None).
    3. Without a dateline, the latest full date the text reports as past (precision day),
       provided no later year is mentioned (a lone historic date is not taken for the publication date).
       This is a lower bound more than a date: see docs/QUALITY.md for how often it agrees.

    Dates the text gives as future or as a bound ("until", "bis zum", "the deadline is"),
    and dates after ``not_after`` (YYYY-MM-DD: the day the page was crawled or its file
    written), are never taken for the publication date.

    Example:
        >>> text = ("MOSCOW, November 23 – RIA Novosti. Since the August 9, 2020 election ... "
        ...         "On February 11 the court ruled ...")
        >>> infer_publication_date(text, dateline=parse_dateline(text))
        ('2021-11-23', 'day')
    """
    if explicit:
        parsed = parse_date(explicit)
        if parsed:
            return parsed
    limit = _day(not_after)
    mentions = [d for d in find_dates(text) if not (dateline and dateline.start <= d.start
                                                     < dateline.end)]
    if limit is not None:
        # a day after the crawl is announced, not reported (the year-less stay: they are
        # resolved to their last occurrence before the publication day below)
        mentions = [d for d in mentions if d.year is None or d.as_date() is None
                    or d.as_date() <= limit]
    # dated past events: full dates, and months with a year ("in August 2020": on or after
    # its first day)
    dated = [d.as_date() for d in mentions if d.year is not None and not d.future]
    dated = [d for d in dated if d is not None]
    full = [d.as_date() for d in mentions if d.year is not None and d.day is not None
            and not d.future]
    full = [d for d in full if d is not None]
    if dateline and dateline.month and dateline.day:
        if dateline.year and _valid(dateline.year, dateline.month, dateline.day):
            return f"{dateline.year:04d}-{dateline.month:02d}-{dateline.day:02d}", "day"
        if not dated:
            return None, None
        yearless = [d for d in mentions if d.year is None and not d.future]
        year = _dateline_year(dateline.month, dateline.day, max(dated), yearless)
        if year is None or (limit is not None
                            and dt.date(year, dateline.month, dateline.day) > limit):
            return None, None
        return f"{year:04d}-{dateline.month:02d}-{dateline.day:02d}", "day"
    if full and dateline is None:
        # (a datelined report without a date in its dateline is dated by that dateline, not
        # by the background dates it mentions: unknown then)
        latest = max(full)
        # a historic date ("the Sept. 11, 2001 attacks") is no publication date: only take the
        # latest full date when no later year is mentioned as past anywhere in the text
        past = [y for y in _past_years(text) if limit is None or y <= limit.year]
        if latest.year >= max(past, default=latest.year):
            return latest.isoformat(), "day"
    return None, None


_BARE_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _past_years(text: str) -> list[int]:
    """Years written in the text, except those announced as future ("elections in 2025")."""
    return [int(m.group()) for m in _BARE_YEAR.finditer(text)
            if not _FUTURE.search(text[max(0, m.start() - 80):m.start()])]


_SAME_STORY = dt.timedelta(days=31)


def _dateline_year(month: int, day: int, latest: dt.date,
                   yearless: list[DateMention]) -> int | None:
    """The earliest year Y (from the latest dated event's year, at most two later) in which
    the dateline day is on or after ``latest`` and every yearless past mention, resolved to
    its last occurrence on or before the dateline day, is no more than a month before
    ``latest``."""
    for year in range(latest.year, latest.year + 3):
        if not _valid(year, month, day):
            continue  # 29 February
        pub = dt.date(year, month, day)
        if pub < latest:
            continue
        ok = True
        for mention in yearless:
            when = mention.as_date(year)
            if when is not None and when > pub:
                when = mention.as_date(year - 1)
            # a yearless day well before the dated event cannot be in the same year (the
            # writer would have given its year); within a month it is the same story
            if when is not None and when < latest - _SAME_STORY:
                ok = False
                break
        if ok:
            return year
    # the yearless mentions cannot all be placed: fall back to the dated events alone
    year = latest.year if (month, day) >= (latest.month, latest.day) else latest.year + 1
    return year if _valid(year, month, day) else None
