"""Gazetteer places: loaded from places*.yaml or any file whose records carry `kind`;
validated; `place_country` gives the country a location name lies in."""

from __future__ import annotations

import pytest

from newsgraph.errors import KnowledgeBaseError
from newsgraph.kb import KnowledgeBase, place_country

PLACES = """\
- {name: Testgrad, aliases: [Testgrad City], country: BLR, kind: city}
- {name: Upper Testia, aliases: [the Testia Region], country: UKR, kind: region}
- {name: Twinford, country: GBR, kind: city}
- {name: Twinford, country: USA, kind: city}
"""


def test_kb_places_detected_by_kind_field(tmp_path):
    path = tmp_path / "my_gaz.yaml"  # neither the file name nor a folder says "places"
    path.write_text(PLACES, encoding="utf-8")
    kb = KnowledgeBase.load([path])
    assert [p.country for p in kb.places_for("Testgrad City")] == ["BLR"]
    assert [p.country for p in kb.places_for("Testia Region")] == ["UKR"]
    assert kb.place_country("Testgrad") == "BLR"
    assert kb.place_country("the Testia Region") == "UKR"
    assert kb.place_country("Twinford") == ""  # two countries: not guessed
    assert kb.place_country("Minsk") == "BLR"  # capitals and countries answer too
    assert kb.place_country("Belarus") == "BLR"
    assert kb.place_country("Nowhere Special") == ""
    assert not kb.candidates("Testgrad")  # a place is no actor of its own


def test_kb_place_bad_kind_and_country_are_reported(tmp_path):
    path = tmp_path / "places_bad.yaml"
    path.write_text("- {name: Testgrad, country: BLR, kind: city}\n"
                    "- {name: Odd, country: BLR, kind: planet}\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as exc:
        KnowledgeBase.load([path])
    assert exc.value.field == "kind" and exc.value.line == 2
    path.write_text("- {name: Odd, country: QQQ, kind: city}\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as exc:
        KnowledgeBase.load([path])
    assert exc.value.field == "country"


def test_kb_place_country_module_function():
    assert place_country("Minsk") == "BLR"
    assert place_country("") == ""
