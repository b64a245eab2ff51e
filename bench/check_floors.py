"""Quality floors: every `newsgraph evaluate` figure we report may not drop unnoticed.

bench/floors.json lists, per benchmark run, the `newsgraph` arguments (paths relative to the
repository root; ../shared/bench sits beside the clone, as in CI) and the figures it must
reach, each as a dotted path into the command's `--json` output ("datasets.0.accuracy").

    python bench/check_floors.py            # exit 1 when a figure fell by more than tolerance
    python bench/check_floors.py --update   # write the figures measured now as the floors
    python bench/check_floors.py --only events_real_dev

A change that lowers a figure on purpose runs --update in the same commit and says why in
the commit message. Figures above their floor by more than the tolerance are reported so
the floor can be raised (a floor that lags lets a later drop through).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "bench" / "floors.json"


def lookup(doc: Any, path: str) -> float:
    """The number at a dotted path ("all.f1", "datasets.0.accuracy") in a JSON document."""
    node = doc
    for part in path.split("."):
        if isinstance(node, list):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            raise KeyError(f"no '{part}' in the output (path {path})")
    if isinstance(node, bool) or not isinstance(node, (int, float)):
        raise TypeError(f"{path} is not a number: {node!r}")
    return float(node)


def parse_output(stdout: str) -> Any:
    """The command's JSON: one document, or JSON lines (then a list of them)."""
    text = stdout.strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def compare(floors: dict[str, float], measured: dict[str, float], tolerance: float,
            higher_is_better: dict[str, bool] | None = None) -> tuple[list[str], list[str]]:
    """(drops, rises): figures worse than their floor by more than tolerance, and better."""
    drops, rises = [], []
    for path, floor in floors.items():
        value = measured[path]
        sign = 1.0 if (higher_is_better or {}).get(path, True) else -1.0
        delta = sign * (value - floor)
        if delta < -tolerance:
            drops.append(f"{path}: {value:.4f}, floor {floor:.4f}")
        elif delta > tolerance:
            rises.append(f"{path}: {value:.4f}, floor {floor:.4f}")
    return drops, rises


def run_benchmark(spec: dict[str, Any]) -> dict[str, float]:
    missing = [p for p in spec.get("needs", []) if not (ROOT / p).exists()]
    if missing:
        raise FileNotFoundError(f"benchmark data not found: {', '.join(missing)}")
    cmd = [sys.executable, "-m", "newsgraph.cli", *spec["args"], "--json"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[2:])} exited {proc.returncode}: "
                           f"{proc.stderr.strip()[-2000:]}")
    doc = parse_output(proc.stdout)
    return {path: lookup(doc, path) for path in spec["figures"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--update", action="store_true", help="write the measured figures")
    ap.add_argument("--only", action="append", help="run only this benchmark (repeatable)")
    args = ap.parse_args(argv)
    spec = json.loads(FLOORS.read_text(encoding="utf-8"))
    tolerance = float(spec["tolerance"])
    failed = False
    for name, bench in spec["benchmarks"].items():
        if args.only and name not in args.only:
            continue
        try:
            measured = run_benchmark(bench)
        except (OSError, RuntimeError, KeyError, TypeError, ValueError) as exc:
            print(f"{name}: ERROR {exc}")
            failed = True
            continue
        if args.update:
            bench["figures"] = {p: round(v, 4) for p, v in measured.items()}
            print(f"{name}: floors set " + ", ".join(f"{p}={v:.4f}" for p, v in measured.items()))
            continue
        drops, rises = compare(bench["figures"], measured, tolerance,
                               bench.get("higher_is_better"))
        for line in drops:
            print(f"{name}: DROP {line}")
        for line in rises:
            print(f"{name}: above floor (raise it with --update) {line}")
        if not drops:
            print(f"{name}: ok ({len(measured)} figures)")
        failed = failed or bool(drops)
    if args.update:
        FLOORS.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
