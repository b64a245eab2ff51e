"""A tiny user KB of fictional people for the actors tests (a helper; it holds no tests)."""

from __future__ import annotations

from pathlib import Path

PEOPLE = """\
- id: test-fictionenko
  name: Alexander Fictionenko
  aliases: [Aliaksandr Fictionenka, Alexander Petrovich]
  gender: m
  offices:
    - {country: BLR, sector: GOV, role: President, start: 1994-07-20, end: null}
- id: test-vladov
  name: Vladimir Vladov
  aliases: [Vladimir Ilyich]
  gender: m
  offices:
    - {country: RUS, sector: SPY, role: Director of the FSB, start: 1998-07-25, end: 1999-08-09}
    - {country: RUS, sector: GOV, role: Prime Minister, start: 1999-08-09, end: 2000-05-07}
    - {country: RUS, sector: GOV, role: President, start: 2000-05-07, end: null}
- id: test-zelenkovsky
  name: Volodymyr Zelenkovsky
  aliases: [Volodymyr Zelenkovskyy]
  gender: m
  offices:
    - {country: UKR, sector: GOV, role: President, start: 2019-05-20, end: null}
- id: test-ministerova
  name: Olga Ministerova
  gender: f
  offices:
    - {country: LTU, sector: GOV, role: Foreign Minister, start: 2018-01-01, end: 2020-12-31}
    - {country: LTU, sector: LEG, role: MP, start: 2021-01-01, end: null}
"""


def write_kb(folder: Path) -> Path:
    """Write the fixture people file into ``folder`` and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "people_test.yaml").write_text(PEOPLE, encoding="utf-8")
    return folder
