"""The cleaner: each rule drops what it should, keeps story sentences, records what it drops."""

from __future__ import annotations

import pytest

from newsgraph.ingest.clean import clean_text

STORY = "MINSK, February 25 – The talks in Sochi ended late on Monday."


@pytest.mark.parametrize("junk", [
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Required fields are marked *",
    "Load More Related Articles",
    "Load More In Politics",
    "Subscribe to our Telegram channel",
    "Follow us on Twitter",
    "Share this article",
    "Facebook Twitter WhatsApp Telegram",
    "Related: Opposition leader detained in Minsk",
    "Read also: New sanctions announced",
    "This website uses cookies to improve your experience. Accept",
    "Photo: press service of the President",
    "(Photo: Reuters)",
    "Image: BelTA",
    "Lukashenko at the meeting in Sochi. (AP Photo/Evan Vucci)",
    "Tags: Belarus, Russia",
    "Facebook",
    "Name *",
    "Reporting by Ivan Petrov; Editing by Anna Smith",
])
def test_ingest_clean_drops_junk_lines(junk):
    c = clean_text(f"{STORY}\n\n{junk}\n\nThe next talks are planned for spring.")
    assert c.removed == [junk]
    assert c.text == f"{STORY}\n\nThe next talks are planned for spring."


@pytest.mark.parametrize("sentence", [
    "Websites use cookies to track readers, the regulator said on Tuesday.",
    "According to a Reuters/Ipsos poll, the two candidates are tied.",
    "Copyright holders filed a lawsuit against the platform.",
    "By Monday, the protesters had left the square.",
    "By the way, the meeting was also attended by the prime minister.",
    "Home Secretary Priti Patel said the measures would be reviewed.",
    "Share prices fell sharply after the announcement.",
    "Related talks are expected in Geneva next week.",
    "Minsk, Moscow and Kyiv have not commented.",
    "\u201cJoin us in the square tomorrow,\u201d the opposition leader said.",
])
def test_ingest_clean_keeps_story_sentences(sentence):
    c = clean_text(f"{STORY}\n\n{sentence}\n\nThe end of the story came later.")
    assert c.removed == []
    assert sentence in c.text


def test_ingest_clean_breadcrumb_and_repeated_headline():
    title = "Lukashenko meets Putin in Sochi"
    c = clean_text(f"Home Politics {title}\n{title}\n{STORY}", title=title)
    assert c.removed == [f"Home Politics {title}", title]
    assert c.text == STORY and c.title == title


def test_ingest_clean_breadcrumb_reveals_headline_without_title():
    c = clean_text(f"Home » World » Leaders meet in Sochi\n\n{STORY}")
    assert c.title == "Leaders meet in Sochi" and c.text == STORY


def test_ingest_clean_story_line_ending_in_headline_words_is_kept():
    title = "Putin met Lukashenko"
    line = "Yesterday Putin met Lukashenko"
    c = clean_text(f"{STORY}\n{line}", title=title)
    assert line in c.text and c.removed == []


def test_ingest_clean_author_and_sources():
    c = clean_text(f"{STORY}\n\nAuthor: Anna Ivanova\nSources: BelTA, RIA Novosti and ITAR-TASS")
    assert c.author == "Anna Ivanova"
    assert c.agencies == ["BelTA", "RIA Novosti", "TASS"]
    assert c.text == STORY
    c = clean_text(f"{STORY}\n\nSource: the minister's official page")
    assert c.removed == ["Source: the minister's official page"] and c.agencies == []
    c = clean_text(f"By Ivan Petrov, Reuters\n\n{STORY}")
    assert c.author == "Ivan Petrov" and c.agencies == ["Reuters"] and c.text == STORY


def test_ingest_clean_trailing_tag_line_only_at_the_end():
    tags = "Tikhanovskaya, Belarus, Russia, Lukashenko"
    c = clean_text(f"{STORY}\n\n{tags}")
    assert c.removed == [tags] and c.text == STORY
    c = clean_text(f"{tags}\n\n{STORY}")  # not at the end: kept
    assert c.removed == [] and tags in c.text
    ending = "The talks involved Putin, Lukashenko, Mishustin and Golovchenko."
    assert clean_text(f"{STORY}\n\n{ending}").removed == []


def test_ingest_clean_whitespace_and_paragraphs():
    c = clean_text("  First paragraph.  \r\n\r\n\r\nLeave a Reply\r\n\r\nSecond.\nThird.\n\n")
    assert c.text == "First paragraph.\n\nSecond.\nThird."
    assert c.removed == ["Leave a Reply"]


def test_ingest_clean_empty_text():
    c = clean_text("")
    assert c.text == "" and c.removed == [] and c.author is None
