"""Quality floors: the checker's logic (fast), and the floors themselves on ../shared/bench
(marked `floors`: CI runs them after the main suite; `python -m pytest -m floors`)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("check_floors", ROOT / "bench" / "check_floors.py")
check_floors = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_floors)


def test_quality_floors_lookup_follows_keys_and_list_indexes():
    doc = {"datasets": [{"accuracy": 0.8}, {"accuracy": 0.6}], "all": {"f1": 0.7}}
    assert check_floors.lookup(doc, "datasets.1.accuracy") == 0.6
    assert check_floors.lookup(doc, "all.f1") == 0.7
    with pytest.raises(KeyError):
        check_floors.lookup(doc, "all.recall")
    with pytest.raises(TypeError):
        check_floors.lookup(doc, "all")


def test_quality_floors_a_drop_beyond_tolerance_fails_and_a_lower_is_better_rise_too():
    floors = {"f1": 0.50, "no_event_rate": 0.07}
    better = {"no_event_rate": False}
    drops, _ = check_floors.compare(floors, {"f1": 0.497, "no_event_rate": 0.074}, 0.005, better)
    assert drops == []  # within tolerance both ways
    drops, _ = check_floors.compare(floors, {"f1": 0.49, "no_event_rate": 0.07}, 0.005, better)
    assert [d.split(":")[0] for d in drops] == ["f1"]
    drops, rises = check_floors.compare(floors, {"f1": 0.6, "no_event_rate": 0.09}, 0.005, better)
    assert [d.split(":")[0] for d in drops] == ["no_event_rate"]
    assert [r.split(":")[0] for r in rises] == ["f1"]


def test_quality_floors_file_names_every_figure_with_a_value():
    spec = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))
    assert 0 < spec["tolerance"] <= 0.01
    for name, bench in spec["benchmarks"].items():
        assert bench["args"][0] == "evaluate", name
        values = list(bench["figures"].values())
        # a rate that should be 0 may be 0; a benchmark whose figures are all 0 was never run
        assert values and all(0 <= v <= 1 for v in values) and max(values) > 0, name
        assert set(bench.get("higher_is_better", {})) <= set(bench["figures"]), name


BENCH = ROOT.parent / "shared" / "bench"


@pytest.mark.floors
@pytest.mark.skipif(not BENCH.is_dir(), reason="../shared/bench is not beside the clone")
def test_quality_floors_hold_on_the_public_benchmarks(capsys):
    code = check_floors.main([])
    out = capsys.readouterr().out
    assert code == 0, out
