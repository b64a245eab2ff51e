"""One raw record in, one :class:`~newsgraph.records.Article` out: extract, clean, date.

Order of the publication date: ``default_date`` (given by the user, always wins), then the
record's own date field (or the HTML page's metadata), then what the text makes knowable
(:func:`~newsgraph.ingest.metadata.infer_publication_date`), never later than the day the
record was crawled or its file written (``RawRecord.crawled``) nor than today.

HTML extraction (:func:`extract_html`) uses trafilatura three ways at once:
- precision mode first (less boilerplate), but when it returns much less text than normal
  mode (a reprint notice and a link instead of the story) the normal extraction is used;
- tables inside the main text are kept (standings, results, vote counts), one row a line
  with cells separated by tabs; tables used for page layout are unwrapped into blocks first,
  so a page laid out in a table is read as text, not as one long table row;
- the "is this prose" check counts characters in scripts written without spaces (Chinese,
  Japanese, Thai, ...), words in the others.
"""

from __future__ import annotations

import datetime as dt
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
#: scripts written without spaces between words: CJK ideographs, kana, Thai, Lao, Myanmar,
#: Khmer, Tibetan
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                       r"\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff]")
#: a sentence in such a script: this many of its characters without a space between them...
_UNSPACED_SENTENCE_CHARS = 20
#: ...with a comma or sentence mark of its own (a menu of links has none)
_UNSPACED_PUNCT = re.compile(r"[\u3001\u3002\uff0c\uff01\uff1f\uff1b\uff1a\u0e2f\u104a\u104b\u17d4\u0f0d]")


def has_prose(text: str) -> bool:
    """Whether ``text`` holds at least one sentence (not only a menu or a list of links).

    Six words in a row in scripts that separate words by spaces; in those that do not
    (Chinese, Japanese, Thai, ...), a run of characters as long as a short sentence with
    its own punctuation (six space-separated items there are a menu, not a sentence).
    """
    sample = text[:20000]
    letters = sum(1 for c in sample if c.isalpha())
    unspaced = len(_UNSPACED.findall(sample))
    if unspaced * 2 <= letters and _PROSE.search(text):
        return True
    for run in text.split():
        if len(run) >= _UNSPACED_SENTENCE_CHARS and _UNSPACED_PUNCT.search(run) \
                and len(_UNSPACED.findall(run)) >= _UNSPACED_SENTENCE_CHARS:
            return True
    return False


#: precision mode's text shorter than this share of normal mode's is a stub, not the story
_STUB_SHARE = 1 / 3
#: a table cell holding this many words is page layout, not data
_LAYOUT_CELL_WORDS = 40
_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "article", "section",
           "blockquote", "table")
_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup")
_TABLE_RULE = re.compile(r"\|(?:\s*:?-{3,}:?\s*\|)+")


def _path_line(raw: RawRecord) -> tuple[str, int | None]:
    """The file (without the ":LINE"/"#N" suffix the source may carry) and the line."""
    source = raw.source
    if raw.line is not None:
        for sep in (f":{raw.line}", f"#{raw.line}"):
            if source.endswith(sep):
                return source[: -len(sep)], raw.line
    return source, raw.line


def _is_layout_table(table: Any) -> bool:
    """A table that lays out the page (cells holding paragraphs, headings or whole texts)."""
    for cell in table.iter("td", "th"):
        if next(cell.iterancestors("table"), None) is not table:
            continue  # a cell of a nested table: judged with that table
        if any(child.tag in _BLOCKS for child in cell.iterdescendants()):
            return True
        if len(cell.text_content().split()) >= _LAYOUT_CELL_WORDS:
            return True
    return False


def _unwrap_layout_tables(tree: Any) -> None:
    """Turn layout tables into plain blocks, so only data tables are read as tables."""
    for table in list(tree.iter("table")):
        if not _is_layout_table(table):
            continue
        # this table's own parts; a nested table is judged on its own in this same loop
        own = [el for el in table.iterdescendants(*_TABLE_PARTS)
               if el.tag != "table" and next(el.iterancestors("table"), None) is table]
        for el in (table, *own):
            el.tag = "div"


def _table_rows_as_lines(text: str) -> str:
    """trafilatura writes table rows as "| a | b |": one row a line, cells joined by tabs."""
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if _TABLE_RULE.fullmatch(stripped):
            continue  # the "|---|---|" rule under a header row
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            cells = [c.strip() for c in stripped[1:-1].split(" | ")]
            line = "\t".join(c for c in cells if c)
        lines.append(line)
    return "\n".join(lines)


def extract_html(html: str, *, crawled: str | None = None) -> dict[str, Any]:
    """Main text and metadata of an HTML page (trafilatura; htmldate for the date).

    ``crawled`` (YYYY-MM-DD) is the latest publication date possible. Returns a dict with
    text, title, date, author, url, sitename (values may be None).
    """
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return {"text": None}
    _unwrap_layout_tables(tree)
    # no extensive date search: it turns "Copyright 2020" into 2020-01-01
    params: dict[str, Any] = {"extensive_search": False, "original_date": True}
    if crawled:
        params["max_date"] = crawled
    common = {"include_comments": False, "include_tables": True}
    precise = trafilatura.bare_extraction(tree, with_metadata=True, favor_precision=True,
                                          date_extraction_params=params, **common)
    normal = trafilatura.bare_extraction(tree, with_metadata=precise is None,
                                         date_extraction_params=params, **common)
    doc = precise if precise is not None else normal
    if doc is None:
        return {"text": None}
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text")
    if normal is not None:
        normal_text = (normal.get("text") if isinstance(normal, dict)
                       else getattr(normal, "text", None)) or ""
        if len(text or "") < len(normal_text) * _STUB_SHARE:
            text = normal_text  # precision mode kept a stub (a reprint notice, a link)
    date = get("date")
    if not date:
        try:
            from htmldate import find_date

            date = find_date(html, original_date=True, extensive_search=False,
                             **({"max_date": crawled} if crawled else {}))
        except Exception:  # noqa: BLE001 - no date is a normal outcome
            date = None
    if text:
        text = _table_rows_as_lines(text)
    if text and not has_prose(text):
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
    # no publication date after the crawl (or the file's date), nor after today
    today = dt.date.today().isoformat()
    not_after = min(raw.crawled, today) if raw.crawled else today
    if raw.html is not None:
        meta = extract_html(raw.html, crawled=not_after)
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
        published, precision = infer_publication_date(body, dateline=dateline, explicit=date,
                                                       not_after=not_after)

    return Article(
        id=Article.make_id(body), source=raw.source, title=title, text=body,
        published=published, published_precision=precision,
        dateline_place=dateline.place if dateline else None, agencies=agencies,
        author=cleaned.author or author, removed=dropped_title + cleaned.removed, sources=[raw.source],
        url=url, outlet=outlet,
        dateline_month=dateline.month if dateline else None,
        dateline_day=dateline.day if dateline else None)
