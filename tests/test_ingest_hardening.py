"""Reading and extraction that hold on odd input (issue 11): stdin JSON Lines with a bad
line, control characters, pages in scripts without spaces, precision-mode stubs, tables
in the story, and dates that cannot be the publication date."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys

from newsgraph.errors import InputError
from newsgraph.ingest import prepare
from newsgraph.ingest.metadata import infer_publication_date
from newsgraph.ingest.prepare import extract_html, has_prose, prepare_article
from newsgraph.ingest.readers import RawRecord, read_inputs, strip_controls

STORY = ("The city council approved the new budget late on Tuesday night after a long "
         "debate about schools and roads.")


def _page(body: str, title: str = "Council passes budget") -> str:
    return (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a> "
            f"<a href='/n'>News</a></nav><main><article><h1>{title}</h1>{body}</article>"
            "</main><footer><a href='/about'>About us</a></footer></body></html>")


# ------------------------------------------------------------------ stdin (item 4)

def test_ingest_hardening_stdin_jsonl_with_a_bad_line_stays_jsonl(monkeypatch):
    lines = [json.dumps({"text": "One story.", "title": "First"}), "{not json",
             json.dumps({"text": "Two."}), "[1, 2]"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" + "\n".join(lines) + "\n"))
    got = list(read_inputs(["-"]))
    assert [type(g).__name__ for g in got] == ["RawRecord", "InputError", "RawRecord",
                                               "InputError"]
    assert got[0].text == "One story." and got[0].title == "First"
    assert str(got[1]).startswith("[N100] <stdin>:3: not valid JSON")
    assert got[3].line == 5 and "expected a JSON object" in got[3].message


def test_ingest_hardening_stdin_text_is_text_whatever_its_later_lines(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO('Headline\n\n{"text": "quoted json"}\n'))
    (rec,) = read_inputs(["-"])
    assert rec.title == "Headline" and rec.text == '{"text": "quoted json"}'


# ------------------------------------------------------------------ control characters (item 8)

def test_ingest_hardening_control_characters_are_removed_at_read_time(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Head\x00line\r\n\r\nBody\x1b[31m text\x0c with\ttab.\x7f")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"text": "Nul\u0000 and \u0085C1 code.", "title": "T\u0001"}) + "\n",
        encoding="utf-8")
    a, b = read_inputs([str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")])
    assert (a.title, a.text) == ("Headline", "Body[31m text with\ttab.")
    assert (b.title, b.text) == ("T", "Nul and C1 code.")
    assert strip_controls("a\r\nb\rc\n\td") == "a\nb\nc\n\td"


# ------------------------------------------------------------------ extraction (items 10-12)

def test_ingest_hardening_prose_check_counts_characters_in_unspaced_scripts():
    chinese = "中国外交部发言人周三表示，双方将继续就边界问题进行磋商，并希望尽快达成协议。"
    japanese = "政府は水曜日、新しい予算案を閣議決定し、来月の国会に提出する方針を明らかにした。"
    assert has_prose(chinese) and has_prose(japanese)
    assert not has_prose("首页 新闻 国际 国内 体育 财经 科技 娱乐")  # a menu
    assert not has_prose("Home News World Sport")


def test_ingest_hardening_chinese_page_is_an_article(tmp_path):
    para = ("<p>中国外交部发言人周三在例行记者会上表示，双方将继续就边界问题进行磋商，"
            "并希望尽快达成一项对两国人民都有利的协议。</p>")
    (tmp_path / "zh.html").write_text(_page(para * 3, title="外交部：继续磋商"), encoding="utf-8")
    (raw,) = read_inputs([str(tmp_path / "zh.html")])
    article = prepare_article(raw)
    assert "双方将继续就边界问题进行磋商" in article.text


def test_ingest_hardening_tables_in_the_story_are_kept_as_lines():
    table = ("<table><tr><th>Team</th><th>Points</th></tr><tr><td>Arsenal</td><td>86</td></tr>"
             "<tr><td>Chelsea</td><td>80</td></tr></table>")
    html = _page(f"<p>{STORY}</p>{table}<p>{STORY.replace('council', 'league')}</p>")
    html = html.replace("</footer>", "<table><tr><td>Contact</td><td>Privacy</td></tr>"
                                     "</table></footer>")
    text = extract_html(html)["text"]
    assert "Team\tPoints\nArsenal\t86\nChelsea\t80" in text
    assert "---" not in text and "|" not in text and "Privacy" not in text


def test_ingest_hardening_page_laid_out_in_a_table_reads_as_text():
    paras = "".join(f"<p>{STORY} Paragraph {i} goes on with more words.</p>" for i in range(3))
    html = ("<html><head><title>Budget</title></head><body><table><tr>"
            "<td><a href='/'>Home</a><br><a href='/w'>World</a></td>"
            f"<td><h1>Budget</h1>{paras}</td></tr></table></body></html>")
    text = extract_html(html)["text"]
    assert text is not None and "Paragraph 2 goes on" in text
    assert "\t" not in text and "Home" not in text.split("\n")[0]


def test_ingest_hardening_precision_stub_falls_back_to_normal_extraction(monkeypatch):
    import trafilatura

    stub = "Reprinted with permission. Original: https://example.org/story"
    full = stub + "\n" + "\n".join([STORY] * 6)

    class Doc:
        def __init__(self, text):
            self.text, self.title, self.date = text, "T", None
            self.author = self.url = self.sitename = None

    def fake(tree, *, favor_precision=False, **kwargs):
        return Doc(stub if favor_precision else full)

    monkeypatch.setattr(trafilatura, "bare_extraction", fake)
    assert extract_html(_page("<p>x</p>"))["text"] == full
    # a precision text that is most of the normal one is kept (it dropped junk, not story)
    monkeypatch.setattr(trafilatura, "bare_extraction",
                        lambda tree, *, favor_precision=False, **kw:
                        Doc(full if favor_precision else full + "\nRelated: more links here"))
    assert extract_html(_page("<p>x</p>"))["text"] == full
    assert prepare._STUB_SHARE < 0.5


# ------------------------------------------------------------------ publication dates

def test_ingest_hardening_deadline_date_is_not_the_publication_date():
    german = ("Die Stadt hat ein neues Programm gestartet. Bis zum 01.01.2019 können sich alle "
              "Bürger anmelden.")
    assert infer_publication_date(german) == (None, None)
    english = "Applications are open. The deadline is 1 March 2019, the ministry said."
    assert infer_publication_date(english) == (None, None)
    reported = "Officials met in Minsk on 1 March 2019 to discuss the border."
    assert infer_publication_date(reported) == ("2019-03-01", "day")


def test_ingest_hardening_date_after_the_crawl_is_not_the_publication_date(tmp_path):
    text = "Officials met in Minsk on 1 March 2019 to discuss the border."
    assert infer_publication_date(text, not_after="2019-02-15") == (None, None)
    assert infer_publication_date(text, not_after="2019-03-01") == ("2019-03-01", "day")
    # the file's date bounds the text's dates
    path = tmp_path / "a.txt"
    path.write_text("Border talks\n\n" + text, encoding="utf-8")
    old = dt.datetime(2019, 2, 15).timestamp()
    os.utime(path, (old, old))
    (raw,) = read_inputs([str(path)])
    assert raw.crawled == "2019-02-15"
    assert prepare_article(raw).published is None
    later = RawRecord(source="b.txt", text=text, title="Border talks", crawled="2019-03-02")
    assert prepare_article(later).published == "2019-03-01"


def test_ingest_hardening_json_list_text_is_an_error(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": ["Para one.", "Para two."]}) + "\n",
                                      encoding="utf-8")
    (err,) = read_inputs([str(tmp_path / "a.jsonl")])
    assert isinstance(err, InputError) and "is a list, not text" in err.message
