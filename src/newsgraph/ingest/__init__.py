"""newsgraph.ingest: read raw input, remove boilerplate, find the article's metadata.

    read_inputs(paths)      files / folders / globs / stdin -> RawRecord | InputError
    prepare_article(raw)    RawRecord -> Article (HTML extraction, cleaning, dateline,
                            agencies, publication date)
    clean_text(text)        whole-line boilerplate removal (Cleaned)
    parse_dateline, find_agencies, infer_publication_date   metadata from text
"""

from .clean import Cleaned, clean_text
from .metadata import Dateline, find_agencies, infer_publication_date, parse_date, parse_dateline
from .prepare import prepare_article
from .readers import MAX_ARTICLE_CHARS, FieldMapping, RawRecord, read_inputs

__all__ = ["Cleaned", "clean_text", "Dateline", "find_agencies", "infer_publication_date",
           "parse_date", "parse_dateline", "prepare_article", "MAX_ARTICLE_CHARS",
           "FieldMapping", "RawRecord", "read_inputs"]
