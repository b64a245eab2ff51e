"""Bad input: each bad file or line yields one InputError naming it; the rest is still read."""

from __future__ import annotations

import io
import json

from newsgraph.errors import InputError
from newsgraph.ingest import readers
from newsgraph.ingest.prepare import prepare_article
from newsgraph.ingest.readers import RawRecord, read_inputs

GOOD = "Good headline\n\nA good story about the talks in Sochi."


def _read(tmp_path, name: str, content: bytes):
    """Read a bad file next to a good one; returns (errors, good records)."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(content)
    items = list(read_inputs([str(tmp_path / name), str(tmp_path / "good.txt")]))
    errs = [i for i in items if isinstance(i, InputError)]
    recs = [i for i in items if isinstance(i, RawRecord)]
    assert [r.text for r in recs if r.source.endswith("good.txt")] == \
        ["A good story about the talks in Sochi."]
    return errs, recs


def test_ingest_badinput_empty_file(tmp_path):
    errs, _ = _read(tmp_path, "empty.txt", b"")
    assert len(errs) == 1 and "empty.txt" in str(errs[0]) and "empty" in errs[0].message
    errs, _ = _read(tmp_path, "blank.jsonl", b"\n \n")
    assert len(errs) == 1 and "blank.jsonl" in str(errs[0])


def test_ingest_badinput_binary_file(tmp_path):
    errs, _ = _read(tmp_path, "junk.txt", bytes(range(256)) * 8)
    assert len(errs) == 1 and "junk.txt" in str(errs[0]) and "binary" in errs[0].message
    errs, _ = _read(tmp_path, "junk.jsonl", b"\x00\x01\x02" * 1000)
    assert len(errs) == 1 and "binary" in errs[0].message


def test_ingest_badinput_undeclared_cp1251_is_decoded(tmp_path):
    text = "Заголовок\n\nПрезидент провёл переговоры в Сочи."
    errs, recs = _read(tmp_path, "ru.txt", text.encode("cp1251"))
    assert errs == []
    assert [r.text for r in recs if r.source.endswith("ru.txt")] == \
        ["Президент провёл переговоры в Сочи."]


def test_ingest_badinput_oversized_article(tmp_path, monkeypatch):
    # a smaller limit stands in for the real one (a 50 MB file would slow the suite)
    monkeypatch.setattr(readers, "MAX_ARTICLE_CHARS", 1000)
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 4000)
    errs, _ = _read(tmp_path, "huge.txt", b"Headline\n\n" + b"word " * 2000)
    assert len(errs) == 1 and "huge.txt" in str(errs[0]) and "larger than" in errs[0].message
    errs, _ = _read(tmp_path, "long.txt", b"Headline\n\n" + b"word " * 300)
    assert len(errs) == 1 and "more than the limit" in errs[0].message
    line = json.dumps({"text": "word " * 300}).encode()
    errs, _ = _read(tmp_path, "big.jsonl", line + b"\n" + json.dumps({"text": "ok"}).encode())
    assert len(errs) == 1 and "big.jsonl:1" in str(errs[0])


def test_ingest_badinput_jsonl_bad_line(tmp_path):
    content = (json.dumps({"text": "First."}) + "\n{not json\n[1, 2]\n"
               + json.dumps({"title": "no text"}) + "\n" + json.dumps({"text": "Last."}))
    errs, recs = _read(tmp_path, "a.jsonl", content.encode())
    assert [str(e).split(": ")[0].split("] ")[1] for e in errs] == \
        [f"{tmp_path}/a.jsonl:2", f"{tmp_path}/a.jsonl:3", f"{tmp_path}/a.jsonl:4 [text]"]
    assert [r.text for r in recs if "a.jsonl" in r.source] == ["First.", "Last."]


def test_ingest_badinput_csv_missing_text_column(tmp_path):
    errs, recs = _read(tmp_path, "a.csv", b"title,body\nA,Some body.\nB,Other body.\n")
    assert len(errs) == 1 and "a.csv" in str(errs[0]) and "'text' column" in errs[0].message
    assert not [r for r in recs if "a.csv" in r.source]


def test_ingest_badinput_json_and_parquet_and_gzip_garbage(tmp_path):
    for name in ("bad.json", "bad.parquet", "bad.txt.gz", "bad.warc.gz"):
        errs, _ = _read(tmp_path, name, b"this is not what the extension says {")
        assert len(errs) == 1 and name in str(errs[0]), name


def test_ingest_badinput_warc_without_html(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "images.warc"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for i in range(2):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"http://x/{i}.jpg", "response", payload=io.BytesIO(b"\xff\xd8\xff"),
                http_headers=headers))
    errs = [i for i in read_inputs([str(path)]) if isinstance(i, InputError)]
    assert len(errs) == 1 and "images.warc" in str(errs[0]) and "no HTML" in errs[0].message


def test_ingest_badinput_html_without_article(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a> | <a href='/a'>About</a></nav>"
                    "</body></html>", encoding="utf-8")
    (raw,) = read_inputs([str(path)])
    try:
        prepare_article(raw)
    except InputError as e:
        assert "menu.html" in str(e) and "no article text" in e.message
    else:
        raise AssertionError("an HTML page without an article must raise InputError")


def test_ingest_badinput_missing_and_unsupported(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n")
    items = list(read_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "photo.png"),
                              str(tmp_path / "*.docx")]))
    assert len(items) == 3 and all(isinstance(i, InputError) for i in items)
    assert "no such file" in items[0].message and "unsupported" in items[1].message
