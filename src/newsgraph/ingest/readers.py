"""Readers: files, folders, globs and stdin in; :class:`RawRecord` (or :class:`InputError`) out.

One reader per format (txt, html, jsonl, json, csv, parquet, warc), each a generator, so a
corpus of any size streams through. Bad input never raises: each bad file (or line) yields
one :class:`~newsgraph.errors.InputError` that names it and says why, and reading goes on
with the next line or file.

Text is decoded by :func:`decode_bytes`: BOMs first, then strict UTF-8 (plain UTF-8 is never
second-guessed), then a Cyrillic check (cp1251 vs koi8-r, which statistical detectors often
confuse on short texts), then charset-normalizer, then cp1252. Every text read then goes
through :func:`strip_controls`: line ends become "\\n" and control characters other than
tab and newline (NUL, escape, C1 codes, ...) are removed, so no later stage meets them.

Each record carries ``crawled``, the latest day the article can have been published on
(a WARC record's date, else the file's modification day): a date the text mentions after
it is not the publication date.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import gzip
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import InputError

__all__ = ["RawRecord", "FieldMapping", "read_inputs", "decode_bytes", "strip_controls",
           "MAX_ARTICLE_CHARS", "MAX_FILE_BYTES", "EXTENSIONS"]

#: longest article text accepted (characters); longer ones are rejected with a clear reason
MAX_ARTICLE_CHARS = 5_000_000
#: a single-article file (txt/html, after gunzip) larger than this is rejected unread
MAX_FILE_BYTES = 4 * MAX_ARTICLE_CHARS

#: extensions read (a trailing ".gz" is unwrapped first)
EXTENSIONS = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".json",
              ".csv", ".tsv", ".parquet", ".warc", ".warc.gz")


@dataclass(slots=True)
class RawRecord:
    """One article as read, before cleaning."""

    source: str  # path; "path:LINE" (jsonl/csv); "path#N" (parquet/json/warc); URL (warc)
    text: str | None = None  # plain text
    html: str | None = None  # raw HTML
    title: str | None = None
    date: str | None = None  # as given by a date field (raw string)
    url: str | None = None
    outlet: str | None = None  # publisher (the mapping's source field)
    line: int | None = None  # line / record number, for error messages
    crawled: str | None = None  # YYYY-MM-DD: published on or before this day (WARC/file date)


@dataclass(slots=True)
class FieldMapping:
    """Which fields of structured input (jsonl, json, csv, parquet) hold what."""

    text_field: str = "text"
    title_field: str = "title"
    date_field: str = "date"
    url_field: str = "url"
    source_field: str = "source"


# ------------------------------------------------------------------ decoding

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
         (b"\xfe\xff", "utf-16-be"))
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_CYR = re.compile(r"[\u0400-\u04ff]")
_WORD_HIGH = re.compile(r"\w*[^\x00-\x7f]\w*")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_WESTERN = set("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿ"
               "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac«»°·\xa0£§©®")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KB: not a text file."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls / len(head) > 0.02


#: Russian letter frequencies (per cent); Belarusian and Ukrainian letters get modest values
_CYR_FREQ = dict(zip("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
                     [10.97, 8.45, 8.01, 7.35, 6.70, 6.26, 5.47, 4.73, 4.54, 4.40, 3.49, 3.21,
                      2.98, 2.81, 2.62, 2.01, 1.90, 1.74, 1.70, 1.65, 1.59, 1.44, 1.21, 0.97,
                      0.94, 0.73, 0.64, 0.48, 0.36, 0.32, 0.26, 0.04, 0.04], strict=True))
_CYR_FREQ.update({"і": 5.0, "ў": 1.5, "ї": 0.6, "є": 0.8, "ґ": 0.1})


def _cyrillic_score(text: str) -> float:
    """How Russian-like a decoding is, 0 when it is not Cyrillic text at all.

    Words must be Cyrillic throughout ("prйsident", latin-1 read as cp1251, is mixed); then
    the mean letter frequency decides between cp1251 and koi8-r (each reads the other as
    rare letters), which works for all-caps headlines too, where letter case cannot.
    """
    words = _WORD_HIGH.findall(text)
    if not words:
        return 0.0
    pure = sum(1 for w in words
               if all(_CYR.match(c) for c in w if not c.isascii()) and not _ASCII_LETTER.search(w))
    if pure / len(words) < 0.8:
        return 0.0
    letters = [c.lower() for c in _CYR.findall(text)]
    if not letters:
        return 0.0
    return sum(_CYR_FREQ.get(c, 0.0) for c in letters) / len(letters)


def decode_bytes(data: bytes) -> tuple[str, str] | None:
    """Decode text of unknown encoding; returns (text, encoding) or None when undecodable.

    The BOM is removed. Quotes (curly or straight) are left exactly as they are.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if looks_binary(data):
        return None
    # single-byte Cyrillic: choose by letter case and word purity, not statistics
    best: tuple[float, str, str] | None = None
    for enc in ("cp1251", "koi8_r", "koi8_u"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _cyrillic_score(text)
        if best is None or score > best[0]:
            best = (score, text, enc)
    if best is not None and best[0] >= 3.0:  # mean frequency of random Cyrillic letters ~3
        return best[1], best[2]
    # Western European single-byte text: every non-ASCII character a Latin-1 letter or common
    # punctuation (detectors pick cp1250 for short French or German text)
    try:
        western = data.decode("cp1252")
        if all(c.isascii() or c in _WESTERN for c in western):
            return western, "cp1252"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        guess = from_bytes(data[:200_000]).best()
        if guess is not None and guess.encoding:
            return data.decode(guess.encoding, errors="replace"), guess.encoding
    except Exception:  # noqa: BLE001 - a detector failure falls through to cp1252
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Line ends as "\\n", and no control characters but tab and newline.

    NUL bytes, escapes, form feeds and C1 codes in scraped text break tokenisers, terminals
    and SQL clients downstream and are never part of the story.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text)


#: a file time before this is no crawl date (archives unpacked without their times)
_EARLIEST_CRAWL = dt.date(1994, 1, 1)


def _file_day(path: str) -> str | None:
    """The file's modification day, as an upper bound of its articles' publication dates."""
    try:
        day = dt.date.fromtimestamp(os.path.getmtime(path))
    except (OSError, ValueError, OverflowError):
        return None
    return day.isoformat() if day >= _EARLIEST_CRAWL else None


# ------------------------------------------------------------------ helpers

def _kind(path: str) -> str:
    """The format of a path from its name: 'txt', 'html', ... or '' when unsupported."""
    name = path.lower()
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith(".gz"):
        name = name[:-3]
    ext = os.path.splitext(name)[1]
    return {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html",
            ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv",
            ".tsv": "csv", ".parquet": "parquet"}.get(ext, "")


def _open(path: str) -> IO[bytes]:
    """Open a file for binary reading, gunzipping ``*.gz`` transparently."""
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _read_limited(path: str) -> bytes:
    """Read a single-article file, refusing (before reading it all) one over MAX_FILE_BYTES."""
    size = os.path.getsize(path)
    if size > MAX_FILE_BYTES:
        raise InputError(f"file of {size:,} bytes is larger than {MAX_FILE_BYTES:,} bytes, too "
                         f"big for one article (at most {MAX_ARTICLE_CHARS:,} characters); "
                         "not read", path=path)
    with _open(path) as fh:
        data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"file unpacks to more than {MAX_FILE_BYTES:,} bytes; an article may "
                         f"have at most {MAX_ARTICLE_CHARS:,} characters", path=path)
    return data


def _decode_file(data: bytes, path: str) -> str:
    if not data.strip():
        raise InputError("empty file", path=path)
    decoded = decode_bytes(data)
    if decoded is None:
        raise InputError("binary file or unknown encoding, not text", path=path)
    return strip_controls(decoded[0])


def _str(value: Any) -> str | None:
    """A field value as a string (None and empty stay None)."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    text = value if isinstance(value, str) else str(value)
    text = strip_controls(text).strip()
    return text or None


_HTML_START = re.compile(r"\s*(?:<!doctype html|<html\b|<head\b|<body\b|<article\b|<div\b|<p\b)",
                         re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """A field value that is an HTML document or fragment rather than plain text."""
    return bool(_HTML_START.match(text[:2000])) and len(re.findall(r"</\w+>", text[:20000])) >= 1


def _from_fields(obj: dict, mapping: FieldMapping, source: str, path: str,
                 line: int | None, crawled: str | None = None) -> RawRecord | InputError:
    """One structured record (a JSON object, CSV row or Parquet row) as a RawRecord."""
    body = obj.get(mapping.text_field)
    html = obj.get("html") if body is None else None
    if body is not None and not isinstance(body, str | bytes):
        kind = {list: "a list", dict: "an object", bool: "true/false"}.get(
            type(body), f"a {type(body).__name__}")
        return InputError(f"field '{mapping.text_field}' is {kind}, not text", path=path,
                          line=line, field=mapping.text_field)
    if html is not None and not isinstance(html, str | bytes):
        return InputError("field 'html' is not text", path=path, line=line, field="html")
    text = _str(body)
    html = _str(html)
    if text is None and html is None:
        missing = "missing" if mapping.text_field not in obj else "empty"
        return InputError(f"no article text: field '{mapping.text_field}' is {missing}",
                          path=path, line=line, field=mapping.text_field)
    if text is not None and looks_like_html(text):
        text, html = None, text
    body_len = len(text or html or "")
    if body_len > MAX_ARTICLE_CHARS * (4 if html else 1):
        return InputError(f"article text has {body_len:,} characters, more than the limit of "
                          f"{MAX_ARTICLE_CHARS:,}", path=path, line=line,
                          field=mapping.text_field)
    return RawRecord(source=source, text=text, html=html, title=_str(obj.get(mapping.title_field)),
                     date=_str(obj.get(mapping.date_field)), url=_str(obj.get(mapping.url_field)),
                     outlet=_str(obj.get(mapping.source_field)), line=line, crawled=crawled)


# ------------------------------------------------------------------ readers

#: a first line longer than this is a paragraph, not a headline
MAX_HEADLINE_CHARS = 250


def split_headline(text: str) -> tuple[str | None, str]:
    """Plain text: the first non-empty line is the headline, the rest the body.

    A first line that is a paragraph (over MAX_HEADLINE_CHARS, or opening with a dateline)
    is no headline: the text is all body then, so no story sentence is lost.
    """
    from .metadata import parse_dateline

    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.strip():
            first = line.strip()
            if len(first) > MAX_HEADLINE_CHARS or parse_dateline(first) is not None:
                return None, "\n".join(lines[i:]).strip("\n")
            return first, "\n".join(lines[i + 1:]).strip("\n")
    return None, ""


def read_txt(path: str) -> Iterator[RawRecord | InputError]:
    try:
        text = _decode_file(_read_limited(path), path)
    except InputError as e:
        yield e
        return
    title, body = split_headline(text)
    if len(body) > MAX_ARTICLE_CHARS:
        yield InputError(f"article text has {len(body):,} characters, more than the limit of "
                         f"{MAX_ARTICLE_CHARS:,}", path=path)
        return
    if not body.strip():
        # a one-line file: the line is the story, not a headline over nothing
        title, body = None, title or ""
    yield RawRecord(source=path, text=body, title=title, crawled=_file_day(path))


def read_html(path: str) -> Iterator[RawRecord | InputError]:
    try:
        html = _decode_file(_read_limited(path), path)
    except InputError as e:
        yield e
        return
    yield RawRecord(source=path, html=html, crawled=_file_day(path))


def _decoded_lines(fh: IO[bytes]) -> Iterator[tuple[int, str | None]]:
    """(line number, decoded line or None when undecodable) for each line of a binary file."""
    fallback: str | None = None
    for number, raw in enumerate(fh, 1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield number, raw.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        if fallback is None:
            decoded = decode_bytes(raw)
            if decoded is None:
                yield number, None
                continue
            fallback = decoded[1]
        try:
            yield number, raw.decode(fallback)
        except UnicodeDecodeError:
            yield number, None


def _jsonl_records(lines: Iterable[tuple[int, str | None]], mapping: FieldMapping, path: str,
                   crawled: str | None) -> Iterator[RawRecord | InputError]:
    """One RawRecord or InputError per non-blank line of JSON Lines."""
    seen = False
    for number, line in lines:
        if line is None:
            yield InputError("line is not text in a known encoding", path=path, line=number)
            continue
        if not line.strip():
            continue
        seen = True
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as e:
            yield InputError(f"not valid JSON ({e.args[0] if e.args else e})", path=path,
                             line=number)
            continue
        if not isinstance(obj, dict):
            yield InputError(f"expected a JSON object, got {type(obj).__name__}",
                             path=path, line=number)
            continue
        yield _from_fields(obj, mapping, f"{path}:{number}", path, number, crawled)
    if not seen:
        yield InputError("empty file", path=path)


def read_jsonl(path: str, mapping: FieldMapping) -> Iterator[RawRecord | InputError]:
    with _open(path) as fh:
        yield from _jsonl_records(_decoded_lines(fh), mapping, path, _file_day(path))


def read_json(path: str, mapping: FieldMapping) -> Iterator[RawRecord | InputError]:
    try:
        text = _decode_file(_read_whole(path), path)
        data = json.loads(text)
    except InputError as e:
        yield e
        return
    except (ValueError, RecursionError) as e:
        if isinstance(e, ValueError) and "Extra data" in str(e) and text.lstrip().startswith("{"):
            yield from read_jsonl(path, mapping)  # JSON Lines saved as .json
            return
        yield InputError(f"not valid JSON ({e})", path=path)
        return
    if isinstance(data, dict):
        # one article, or a wrapper whose only list holds the articles
        lists = [v for v in data.values() if isinstance(v, list) and v
                 and all(isinstance(x, dict) for x in v)]
        items = lists[0] if mapping.text_field not in data and len(lists) == 1 else [data]
    elif isinstance(data, list):
        items = data
    else:
        yield InputError("expected a JSON object or a list of objects", path=path)
        return
    if not items:
        yield InputError("empty JSON list: no articles", path=path)
    crawled = _file_day(path)
    for i, obj in enumerate(items, 1):
        if not isinstance(obj, dict):
            yield InputError(f"item {i} is not a JSON object", path=path, line=i)
            continue
        yield _from_fields(obj, mapping, f"{path}#{i}", path, i, crawled)


def _read_whole(path: str) -> bytes:
    with _open(path) as fh:
        return fh.read()


def read_csv(path: str, mapping: FieldMapping) -> Iterator[RawRecord | InputError]:
    crawled = _file_day(path)
    delimiter = "\t" if _strip_gz(path).lower().endswith(".tsv") else ","
    with _open(path) as fh:
        head = fh.readline().decode("utf-8", errors="replace")
    if delimiter == "," and "," not in head:
        # semicolon- or tab-separated files saved as .csv (spreadsheets in many locales)
        delimiter = max(";\t|", key=head.count) if any(c in head for c in ";\t|") else ","
    with _open(path) as fh:
        lines = _decoded_lines(fh)
        bad: list[int] = []

        def text_lines() -> Iterator[str]:
            for number, line in lines:
                if line is None:
                    bad.append(number)
                    yield "\n"
                else:
                    yield line

        csv.field_size_limit(MAX_ARTICLE_CHARS + 1)
        reader = csv.reader(text_lines(), delimiter=delimiter)
        try:
            header = next(reader, None)
        except csv.Error as e:
            yield InputError(f"not a readable CSV header ({e})", path=path, line=1)
            return
        if not header or not any(h.strip() for h in header):
            yield InputError("empty file", path=path)
            return
        header = [h.strip() for h in header]
        if mapping.text_field not in header and "html" not in header:
            yield InputError(f"no '{mapping.text_field}' column (columns: "
                             f"{', '.join(header[:20])})", path=path, line=1,
                             field=mapping.text_field)
            return
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                yield InputError(f"unreadable CSV row ({e}); rest of the file skipped", path=path,
                                 line=reader.line_num)
                return
            number = reader.line_num
            if bad:
                yield InputError("line is not text in a known encoding", path=path, line=bad[-1])
                bad.clear()
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                yield InputError(f"row has {len(row)} cells, the header {len(header)}",
                                 path=path, line=number)
                continue
            obj = dict(zip(header, row, strict=False))
            yield _from_fields(obj, mapping, f"{path}:{number}", path, number, crawled)


def _strip_gz(path: str) -> str:
    return path[:-3] if path.lower().endswith(".gz") else path


def read_parquet(path: str, mapping: FieldMapping) -> Iterator[RawRecord | InputError]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        names = set(pf.schema_arrow.names)
    except Exception as e:  # noqa: BLE001 - pyarrow raises many types for bad files
        yield InputError(f"not a readable Parquet file ({e})", path=path)
        return
    if mapping.text_field not in names and "html" not in names:
        yield InputError(f"no '{mapping.text_field}' column (columns: "
                         f"{', '.join(sorted(names)[:20])})", path=path,
                         field=mapping.text_field)
        return
    wanted = [f for f in (mapping.text_field, "html", mapping.title_field, mapping.date_field,
                          mapping.url_field, mapping.source_field) if f in names]
    row = 0
    crawled = _file_day(path)
    try:
        for batch in pf.iter_batches(batch_size=256, columns=list(dict.fromkeys(wanted))):
            for obj in batch.to_pylist():
                row += 1
                yield _from_fields(obj, mapping, f"{path}#{row}", path, row, crawled)
    except Exception as e:  # noqa: BLE001
        yield InputError(f"Parquet file unreadable after row {row} ({e})", path=path, line=row)
    if row == 0:
        yield InputError("Parquet file has no rows", path=path)


def read_warc(path: str) -> Iterator[RawRecord | InputError]:
    """HTML responses of a WARC file. Other records (requests, metadata, images, PDFs) are
    skipped silently; a WARC without any HTML response yields one error."""
    from warcio.archiveiterator import ArchiveIterator

    found = 0
    number = 0
    skipped = 0
    file_day = _file_day(path)
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                number += 1
                if record.rec_type not in ("response", "resource"):
                    continue
                ctype = ""
                if record.http_headers is not None:
                    ctype = record.http_headers.get_header("Content-Type") or ""
                else:
                    ctype = record.rec_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    skipped += 1
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                crawled = _warc_day(record.rec_headers.get_header("WARC-Date")) or file_day
                data = record.content_stream().read(MAX_FILE_BYTES + 1)
                if len(data) > MAX_FILE_BYTES:
                    yield InputError(f"HTML response larger than {MAX_FILE_BYTES:,} bytes",
                                     path=url or f"{path}#{number}", line=number)
                    continue
                charset = re.search(r"charset=([\w-]+)", ctype, re.IGNORECASE)
                html = None
                if charset:
                    try:
                        html = data.decode(charset.group(1))
                    except (LookupError, UnicodeDecodeError):
                        html = None
                if html is None:
                    decoded = decode_bytes(data)
                    html = decoded[0] if decoded else None
                if not html or not html.strip():
                    yield InputError("empty or undecodable HTML response",
                                     path=url or f"{path}#{number}", line=number)
                    continue
                found += 1
                yield RawRecord(source=url or f"{path}#{number}", html=strip_controls(html),
                                url=url, line=number, crawled=crawled)
    except Exception as e:  # noqa: BLE001 - warcio/gzip raise many types for broken files
        yield InputError(f"not a readable WARC file ({type(e).__name__}: {e}) after record "
                         f"{number}", path=path, line=number or None)
        return
    if found == 0:
        why = f"{skipped} non-HTML responses skipped" if skipped else f"{number} records"
        yield InputError(f"WARC file holds no HTML response ({why})", path=path)


def _warc_day(value: str | None) -> str | None:
    """The day of a WARC-Date ("2021-02-24T10:00:00Z")."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def read_stdin(mapping: FieldMapping) -> Iterator[RawRecord | InputError]:
    """stdin: JSON Lines when the first non-blank line is a JSON object, else one text.

    In JSON Lines every later line is read as such: a bad one is reported (with its line
    number) like a bad line of a .jsonl file, never a reason to read the whole input as text.
    """
    stream = sys.stdin
    raw = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
    if isinstance(raw, bytes):
        decoded = decode_bytes(raw) if raw.strip() else ("", "utf-8")
        if decoded is None:
            yield InputError("stdin is not text", path="<stdin>")
            return
        text = decoded[0]
    else:
        text = raw
    if not text.strip():
        yield InputError("empty input on stdin", path="<stdin>")
        return
    lines = text.split("\n")
    first = next(line for line in lines if line.strip())
    try:
        is_jsonl = first.lstrip().startswith("{") and isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        is_jsonl = False
    if is_jsonl:
        today = dt.date.today().isoformat()
        yield from _jsonl_records(enumerate(lines, 1), mapping, "<stdin>", today)
        return
    text = strip_controls(text)
    if len(text) > MAX_ARTICLE_CHARS:
        yield InputError(f"stdin has {len(text):,} characters, more than the limit of "
                         f"{MAX_ARTICLE_CHARS:,}", path="<stdin>")
        return
    today = dt.date.today().isoformat()
    if looks_like_html(text):
        yield RawRecord(source="<stdin>", html=text, crawled=today)
        return
    title, body = split_headline(text)
    if not body.strip():
        title, body = None, title or ""
    yield RawRecord(source="<stdin>", text=body, title=title, crawled=today)


# ------------------------------------------------------------------ dispatch

_GLOB = re.compile(r"[*?\[]")
# A corpus folder's own documentation is not an article: skipped quietly when walking a
# folder (named explicitly, such a file is still reported as unsupported).
_FOLDER_DOCS = re.compile(r"(?i)^(readme|license|licence|changelog)(\.[a-z]+)?$|\.(md|rst)$")


def _expand(inputs: Iterable[str]) -> Iterator[str | InputError]:
    """Paths of the files to read (folders walked recursively, globs expanded)."""
    for item in inputs:
        item = str(item)
        if item == "-":
            yield item
            continue
        p = Path(item)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and not _FOLDER_DOCS.search(name):
                        yield os.path.join(root, name)
        elif p.exists():
            yield item
        elif _GLOB.search(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield InputError("no file matches this pattern", path=item)
            for match in matches:
                if os.path.isdir(match):
                    yield from _expand([match])
                else:
                    yield match
        else:
            yield InputError("no such file or folder", path=item)


def _read_one(path: str, mapping: FieldMapping) -> Iterator[RawRecord | InputError]:
    kind = _kind(path)
    if not kind:
        yield InputError("unsupported file type (expected one of "
                         f"{', '.join(EXTENSIONS)}, optionally gzipped)", path=path)
        return
    if kind != "parquet" and kind != "warc":
        try:
            if os.path.getsize(path) == 0:
                yield InputError("empty file", path=path)
                return
        except OSError as e:
            yield InputError(f"cannot read file ({e.strerror})", path=path)
            return
    if kind in ("jsonl", "csv", "json"):
        try:
            with _open(path) as fh:
                head = fh.read(8192)
        except (OSError, EOFError, zlib.error) as e:
            yield InputError(f"cannot read file ({type(e).__name__}: {e})", path=path)
            return
        if looks_binary(head) and not head.startswith(tuple(b for b, _ in _BOMS)):
            yield InputError("binary file, not text", path=path)
            return
    reader = {"txt": read_txt, "html": read_html, "warc": read_warc}.get(kind)
    try:
        if reader is not None:
            yield from reader(path)
        else:
            yield from {"jsonl": read_jsonl, "json": read_json, "csv": read_csv,
                        "parquet": read_parquet}[kind](path, mapping)
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as e:
        yield InputError(f"cannot read file ({type(e).__name__}: {e})", path=path)
    except Exception as e:  # noqa: BLE001 - bad input must never stop a run
        yield InputError(f"unreadable ({type(e).__name__}: {e})", path=path)


def read_inputs(inputs: Iterable[str], mapping: FieldMapping | None = None
                ) -> Iterator[RawRecord | InputError]:
    """Read files, folders (recursively), globs or "-" (stdin) into raw records.

    Yields a :class:`RawRecord` per article and, for bad input, an
    :class:`~newsgraph.errors.InputError` (one per bad file or line, naming it and the
    reason); it never raises for bad input.

    Example:
        >>> for item in read_inputs(["scraped/"], FieldMapping(text_field="body")):  # doctest: +SKIP
        ...     print(item)
    """
    mapping = mapping or FieldMapping()
    for path in _expand(inputs):
        if isinstance(path, InputError):
            yield path
        elif path == "-":
            yield from read_stdin(mapping)
        else:
            yield from _read_one(path, mapping)

