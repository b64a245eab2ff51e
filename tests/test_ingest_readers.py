"""Each reader on a small file it reads from tmp_path; encodings; folders, globs and stdin."""

from __future__ import annotations

import gzip
import io
import json
import sys

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest.readers import FieldMapping, RawRecord, decode_bytes, read_inputs

BODY = ("MINSK, February 25 – RIA Novosti. The Belarusian leader met the Russian president "
        "in Sochi on Monday.\n\n\u201cWe agreed,\u201d he said. 'Fine,' said the other.")
HTML = ("<html><head><title>Leaders meet in Sochi</title>"
        "<meta property=\"article:published_time\" content=\"2021-02-25\"></head><body>"
        "<nav>Home | Politics</nav><article><h1>Leaders meet in Sochi</h1>"
        "<p>MINSK, February 25 – RIA Novosti. The Belarusian leader met the Russian president "
        "in Sochi on Monday to discuss a loan and closer integration of the two states.</p>"
        "<p>The talks lasted more than five hours, officials said after the meeting ended "
        "late in the evening, and both sides called them constructive.</p></article>"
        "<footer>Leave a Reply</footer></body></html>")


def records(items):
    return [r for r in items if isinstance(r, RawRecord)]


def errors(items):
    return [r for r in items if isinstance(r, InputError)]


def test_ingest_readers_txt_headline_and_body(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("\n  Leaders meet in Sochi\n\n" + BODY + "\n", encoding="utf-8")
    (rec,) = read_inputs([str(p)])
    assert rec.title == "Leaders meet in Sochi"
    assert rec.text.startswith("MINSK, February 25")
    assert "\u201cWe agreed,\u201d" in rec.text and "'Fine,'" in rec.text  # quotes kept
    assert rec.source == str(p)


def test_ingest_readers_html_gives_raw_html(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    (rec,) = read_inputs([str(p)])
    assert rec.html == HTML and rec.text is None


def test_ingest_readers_jsonl_with_field_mapping(tmp_path):
    p = tmp_path / "a.jsonl"
    rows = [{"body": BODY, "headline": "Sochi talks", "when": "2021-02-25", "link": "http://x/1",
             "publisher": "BelTA", "extra": 1},
            {"body": "<html><body><p>Some html text here.</p></body></html>"}]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    mapping = FieldMapping(text_field="body", title_field="headline", date_field="when",
                           url_field="link", source_field="publisher")
    first, second = read_inputs([str(p)], mapping)
    assert (first.title, first.date, first.url, first.outlet) == \
        ("Sochi talks", "2021-02-25", "http://x/1", "BelTA")
    assert first.source == f"{p}:1" and first.line == 1
    assert second.html is not None and second.text is None and second.source == f"{p}:2"


def test_ingest_readers_json_list_and_object(tmp_path):
    lst = tmp_path / "list.json"
    lst.write_text(json.dumps([{"text": "First story."}, {"text": "Second story."}]),
                   encoding="utf-8")
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "Only story.", "title": "T"}), encoding="utf-8")
    got = records(read_inputs([str(lst), str(one)]))
    assert [r.text for r in got] == ["First story.", "Second story.", "Only story."]
    assert got[1].source == f"{lst}#2"


def test_ingest_readers_csv_multiline_field(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text('title,text,date\nSochi,"Line one.\n\nLine two, with comma.",2021-02-25\n'
                 'Kyiv,Another story.,\n', encoding="utf-8")
    first, second = read_inputs([str(p)])
    assert first.text == "Line one.\n\nLine two, with comma." and first.title == "Sochi"
    assert second.text == "Another story." and second.date is None
    assert second.source == f"{p}:{second.line}" and second.line == 5


def test_ingest_readers_parquet(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    p = tmp_path / "a.parquet"
    pq.write_table(pa.table({"text": ["One story.", "Two story."], "title": ["A", None]}), p)
    got = list(read_inputs([str(p)]))
    assert [r.text for r in got] == ["One story.", "Two story."]
    assert got[0].title == "A" and got[1].title is None and got[1].source == f"{p}#2"


def _warc(path, records_, gz):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for url, ctype, payload in records_:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                            http_headers=headers)
            writer.write_record(rec)


@pytest.mark.parametrize("name,gz", [("a.warc", False), ("a.warc.gz", True)])
def test_ingest_readers_warc_html_only(tmp_path, name, gz):
    p = tmp_path / name
    _warc(p, [("http://x/img.png", "image/png", b"\x89PNG...."),
              ("http://x/story", "text/html; charset=utf-8", HTML.encode())], gz)
    got = list(read_inputs([str(p)]))
    assert len(got) == 1
    assert got[0].url == "http://x/story" and got[0].source == "http://x/story"
    assert "Sochi" in got[0].html


def test_ingest_readers_gzip_of_any(tmp_path):
    p = tmp_path / "a.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "Zipped story."}) + "\n")
    t = tmp_path / "b.txt.gz"
    with gzip.open(t, "wt", encoding="utf-8") as fh:
        fh.write("Head\n\nZipped body.")
    got = list(read_inputs([str(p), str(t)]))
    assert [r.text for r in got] == ["Zipped story.", "Zipped body."]


def test_ingest_readers_folder_and_glob(tmp_path):
    sub = tmp_path / "d" / "sub"
    sub.mkdir(parents=True)
    (tmp_path / "d" / "a.txt").write_text("H\n\nBody a.", encoding="utf-8")
    (sub / "b.txt").write_text("H\n\nBody b.", encoding="utf-8")
    (sub / ".hidden.txt").write_text("H\n\nHidden.", encoding="utf-8")
    assert [r.text for r in read_inputs([str(tmp_path / "d")])] == ["Body a.", "Body b."]
    assert [r.text for r in read_inputs([str(tmp_path / "d" / "**" / "*.txt")])] == \
        ["Body a.", "Body b."]


def test_ingest_readers_stdin_jsonl_and_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"text": "One."}\n{"text": "Two."}\n'))
    got = list(read_inputs(["-"]))
    assert [r.text for r in got] == ["One.", "Two."] and got[1].source == "<stdin>:2"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
        b"Headline here\n\nA plain {story} text."), encoding="utf-8"))
    (rec,) = read_inputs(["-"])
    assert rec.title == "Headline here" and rec.text == "A plain {story} text."
    assert rec.source == "<stdin>"


def test_ingest_readers_decodes_cp1251_koi8_and_utf8(tmp_path):
    russian = "Минск, 25 февраля. Президент встретился с премьером."
    assert decode_bytes(russian.encode("cp1251"))[1] == "cp1251"
    assert decode_bytes(russian.encode("cp1251"))[0] == russian
    assert decode_bytes(russian.encode("koi8_r"))[0] == russian
    assert decode_bytes(russian.encode("utf-8")) == (russian, "utf-8")
    for short in ("МИНСК", "Да", "ЛУКАШЕНКО ВСТРЕТИЛСЯ С ПУТИНЫМ"):  # all caps: no case signal
        assert decode_bytes(short.encode("cp1251")) == (short, "cp1251")
    ukrainian = "Він сказав, що Україна готова."
    assert decode_bytes(ukrainian.encode("cp1251"))[0] == ukrainian
    assert decode_bytes(ukrainian.encode("koi8_u"))[0] == ukrainian
    assert decode_bytes("\ufeffplain".encode()) == ("plain", "utf-8")
    latin = "Le président a visité Genève et Zürich."
    assert decode_bytes(latin.encode("latin-1"))[0] == latin
    p = tmp_path / "ru.txt"
    p.write_bytes(("Заголовок\n\n" + russian).encode("cp1251"))
    (rec,) = read_inputs([str(p)])
    assert rec.title == "Заголовок" and rec.text == russian


def test_ingest_readers_txt_without_headline_keeps_first_paragraph(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(BODY, encoding="utf-8")  # opens with a dateline: no headline line
    (rec,) = read_inputs([str(p)])
    assert rec.title is None and rec.text == BODY


def test_ingest_readers_semicolon_csv_jsonl_as_json_and_list_text_is_an_error(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("title;text\nSochi;A story, with a comma.\n", encoding="utf-8")
    j = tmp_path / "lines.json"
    j.write_text(json.dumps({"text": ["Para one.", "Para two."]}) + "\n"
                 + json.dumps({"text": "Second."}) + "\n", encoding="utf-8")
    got = list(read_inputs([str(p), str(j)]))
    assert [getattr(r, "text", None) for r in got] == ["A story, with a comma.", None, "Second."]
    assert got[0].title == "Sochi"
    # a JSON list is not text: one error naming the file, line and field, not paragraphs
    assert isinstance(got[1], InputError)
    assert "lines.json:1 [text]" in str(got[1]) and "a list, not text" in got[1].message


def test_readers_folder_skips_its_own_documentation(tmp_path):
    from newsgraph.errors import InputError
    from newsgraph.ingest.readers import read_inputs

    (tmp_path / "README.md").write_text("# About this corpus\n", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("CC BY 4.0\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Title\n\nBody of the story.\n", encoding="utf-8")
    out = list(read_inputs([str(tmp_path)]))
    assert [type(r).__name__ for r in out] == ["RawRecord"]
    named = list(read_inputs([str(tmp_path / "README.md")]))
    assert isinstance(named[0], InputError) and "unsupported" in str(named[0])
