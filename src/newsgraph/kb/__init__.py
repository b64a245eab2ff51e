"""newsgraph.kb: the knowledge base (countries, organisations, people, sector nouns).

    from newsgraph.kb import load_kb
    kb = load_kb(["my_people.yaml"])          # shipped data + user files, cached
    kb.lookup("Lukashenka")[0].actor.name     # 'Alexander Lukashenko'
    kb.code("putin", "1999-01-01")            # ('RUS', 'SPY')
    place_country("Shanghai")                 # 'CHN' (places.yaml, then GeoNames; '' if unknown)
    kb.noun("riot police")                    # ('COP', '') (the agent lexicon, agents.yaml)

Data files live in ``kb/data`` (schema in its README.md); user files of the same shape
(YAML or CSV) are passed with ``--kb PATH``.
"""

from .base import DATA_DIR, Candidate, KbActor, KnowledgeBase, Office, Place, load_kb, place_country
from .names import fold, normal_form, skeleton, strip_honorifics, strip_possessive

__all__ = ["DATA_DIR", "Candidate", "KbActor", "KnowledgeBase", "Office", "Place", "load_kb",
           "place_country", "fold",
           "normal_form", "skeleton", "strip_honorifics", "strip_possessive"]
