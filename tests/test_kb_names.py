"""Name normal forms: transliteration variants meet, different names do not."""

from __future__ import annotations

import pytest

from newsgraph.kb.names import fold, normal_form, skeleton, strip_honorifics

SAME = [("Aleksandr", "Alexander"), ("Lukashenko", "Lukashenka"), ("Sergey", "Sergei"),
        ("Tikhanovskaya", "Tsikhanouskaya"), ("Zelensky", "Zelenskyy"),
        ("Zelenskiy", "Zelensky"), ("Dmitry", "Dmitri"), ("Dmitriy", "Dmitry"),
        ("Yuri", "Yury"), ("Yuriy", "Yuri"), ("Aliaksandr", "Alyaksandr"),
        ("Khürelsükh", "Khurelsukh"), ("Tokayev", "Tokaev"), ("Makei", "Makey")]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_kb_names_variants_share_normal_form(a, b):
    assert normal_form(a) == normal_form(b)


def test_kb_names_skeleton_joins_vowel_variants():
    assert normal_form("Aliaksandr") != normal_form("Aleksandr")
    assert skeleton("Aliaksandr") == skeleton("Aleksandr")


@pytest.mark.parametrize(("a", "b"), [("Lavrov", "Peskov"), ("Anna", "Olga"),
                                      ("Tikhanovsky", "Tikhanovskaya")])
def test_kb_names_different_names_differ(a, b):
    assert normal_form(a) != normal_form(b)


def test_kb_names_possessive_and_honorifics():
    assert fold("Lukashenko's") == "lukashenko"
    assert fold("Makei’s") == "makei"
    assert strip_honorifics("Mr. Lavrov") == "Lavrov"
    assert strip_honorifics("President Vladimir Putin") == "Vladimir Putin"
    assert strip_honorifics("Speaker") == "Speaker"


def test_kb_names_cyrillic_meets_latin():
    assert normal_form("Лукашенко") == normal_form("Lukashenko")
    assert normal_form("Ціханоўская") == normal_form("Tsikhanouskaya")
    assert skeleton("Аляксандр") == skeleton("Aleksandr")
