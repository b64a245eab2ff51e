"""One raw record in, one :class:`~newsgraph.records.Article` out: extract, clean, date.

Order of the publication date: ``default_date`` (given by the user, always wins), then the
record's own date field (or the HTML page's metadata), then what the text makes knowable
(:func:`~newsgraph.ingest.metadata.infer_publication_date`).
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError
from ..records import Article
from .clean import breadcrumb_of, clean_text
from .metadata import find_agencies, infer_publication_date, parse_date, parse_dateline
from .readers import MAX_ARTICLE_CHARS, RawRecord

__all__ = ["prepare_article", "extract_html"]


#: an article has at least one run of six words (a sentence, not a menu)
_PROSE = re.compile(r"(?:[^\W\d_][\w'’,-]*\s+){5}[^\W\d_]")


def _path_line(raw: RawRecord) -> tuple[str, int | None]:
    """The file (without the ":LINE"/"#N" suffix the source may carry) and the line."""
    source = raw.source
    if raw.line is not None:
        for sep in (f":{raw.line}", f"#{raw.line}"):
            if source.endswith(sep):
                return source[: -len(sep)], raw.line
    return source, raw.line


def extract_html(html: str) -> dict[str, Any]:
    """Main text and metadata of an HTML page (trafilatura; htmldate for the date).

    Returns a dict with text, title, date, author, url, sitename (values may be None).
    """
    import trafilatura

    # no extensive date search: it turns "Copyright 2020" into 2020-01-01
    params = {"extensive_search": False, "original_date": True}
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True,
                                      date_extraction_params=params)
    if doc is None:
        # precision mode found nothing: try again favouring recall before giving up
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, date_extraction_params=params)
    if doc is None:
        return {"text": None}
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    date = get("date")
    if not date:
        try:
            from htmldate import find_date

            date = find_date(html, original_date=True, extensive_search=False)
        except Exception:  # noqa: BLE001 - no date is a normal outcome
            date = None
    text = get("text")
    if text and not _PROSE.search(text):
        text = None  # menus and link lists, not an article
    return {"text": text, "title": get("title"), "date": date, "author": get("author"),
            "url": get("url"), "sitename": get("sitename")}


def prepare_article(raw: RawRecord, *, default_date: str | None = None) -> Article:
    """Clean a raw record and fill its metadata.

    Raises :class:`~newsgraph.errors.InputError` (naming the file and line) when there is no
    article text (nothing left after extraction and cleaning) or it is longer than
    ``MAX_ARTICLE_CHARS``, and when ``default_date`` is not a date.

    Example:
        >>> raw = RawRecord(source="a.txt", title="Talks", text="MINSK, Feb 3 (BelTA) - Talks.")
        >>> prepare_article(raw, default_date="2021-02-03").published
        '2021-02-03'
    """
    path, line = _path_line(raw)
    title, date, url, outlet, author = raw.title, raw.date, raw.url, raw.outlet, None
    text = raw.text
    if raw.html is not None:
        meta = extract_html(raw.html)
        text = meta["text"]
        if not text or not text.strip():
            raise InputError("no article text found in the HTML page", path=path, line=line)
        title = title or meta.get("title")
        date = date or meta.get("date")
        url = url or meta.get("url")
        outlet = outlet or meta.get("sitename")
        author = meta.get("author")
    if not text or not text.strip():
        raise InputError("no article text", path=path, line=line)
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(f"article text has {len(text):,} characters, more than the limit of "
                         f"{MAX_ARTICLE_CHARS:,}", path=path, line=line)

    dropped_title: list[str] = []
    if title:
        # a scraped page saved as text may open with the breadcrumb ("Home Politics <headline>")
        # and only then the headline: the headline is the next line, the trail is junk
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        if first and breadcrumb_of(title, first):
            dropped_title, title = [title], first

    cleaned = clean_text(text, title=title)
    if not cleaned.text.strip():
        raise InputError("no article text left after removing boilerplate "
                         f"({len(cleaned.removed)} lines removed)", path=path, line=line)
    body = cleaned.text
    title = title or cleaned.title
    dateline = parse_dateline(body)

    agencies: list[str] = list(cleaned.agencies)
    if dateline and dateline.agency:
        agencies.append(dateline.agency)
    agencies.extend(find_agencies(body))
    agencies = list(dict.fromkeys(agencies))

    if default_date:
        parsed = parse_date(default_date)
        if parsed is None:
            raise InputError(f"default date {default_date!r} is not a date (use YYYY-MM-DD)",
                             field="date")
        published, precision = parsed
    else:
        published, precision = infer_publication_date(body, dateline=dateline, explicit=date)

    return Article(
        id=Article.make_id(body), source=raw.source, title=title, text=body,
        published=published, published_precision=precision,
        dateline_place=dateline.place if dateline else None, agencies=agencies,
        author=cleaned.author or author, removed=dropped_title + cleaned.removed, sources=[raw.source],
        url=url, outlet=outlet,
        dateline_month=dateline.month if dateline else None,
        dateline_day=dateline.day if dateline else None)
