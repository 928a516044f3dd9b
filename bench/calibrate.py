"""Fit torchwhy's confidence calibration on the tuning data and write calibration.json.

    python bench/calibrate.py            # fit, print the table, write the file
    python bench/calibrate.py --dry-run  # fit and print only

For every case of the tuning half of the fourth corpus (tests/realworld/cases_round4.yaml, real
users' errors collected blind; the older corpora are left out: the knowledge base was written
from them, so they would make every stage look surer than it is on new errors), it records the stage that
answered, its raw score, whether another category contested it, and whether the category was
right. Per (stage, contested) it bins the raw scores, takes the observed accuracy per bin
(shrunk towards the stage's overall rate when a bin is small, then made non-decreasing), and
chooses the verdict threshold: the lowest probability at which the readings at or above it are
right at least 97% of the time, and never below 0.8 (a verdict is likely on its own). The held-out half is never read here; bench/trust.py
--reliability checks the result on it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.realworld import load_round4
from torchwhy.categories import UNKNOWN
from torchwhy.translator import calibration
from torchwhy.translator.engine import _text_context, contested, match
from torchwhy.translator.normalize import parse

EDGES = (0.0, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)
SHRINK = 4.0  # pseudo-cases of the stage's overall rate added to every bin
TARGET_PRECISION = 0.97
# A verdict must also be likely on its own, not only carried by surer readings around it.
MIN_VERDICT_PROBABILITY = 0.8


def observations(cases) -> list[tuple[str, float, bool, bool]]:
    """(stage, raw score, contested, right) for every case that got a reading."""
    seen = []
    for case in cases:
        parsed = parse(case.text)
        ranked = match(parsed, _text_context(parsed), use_embedding=True)
        if not ranked:
            continue
        best = ranked[0]
        right = best.entry.category == case.expected_category != UNKNOWN
        seen.append((best.matched_by, best.confidence, contested(ranked), right))
    return seen


def _non_decreasing(rates: list[float | None]) -> list[float | None]:
    """Pool adjacent violators, so a higher raw score never means a lower probability."""
    values = [r for r in rates if r is not None]
    blocks: list[list[float]] = []
    for value in values:
        blocks.append([value])
        while len(blocks) > 1 and sum(blocks[-2]) / len(blocks[-2]) > sum(blocks[-1]) / len(
            blocks[-1]
        ):
            last = blocks.pop()
            blocks[-1].extend(last)
    pooled = iter([sum(b) / len(b) for b in blocks for _ in b])
    return [None if r is None else next(pooled) for r in rates]


def fit(seen: list[tuple[str, float, bool, bool]]) -> dict:
    by_key: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for stage, score, is_contested, right in seen:
        by_key[calibration._key(stage, is_contested)].append((score, right))
    rates: dict[str, list[float | None]] = {}
    stage_rates: dict[str, float] = {}
    counts: dict[str, list[int]] = {}
    for key, items in sorted(by_key.items()):
        overall = (sum(r for _, r in items) + 1) / (len(items) + 2)
        stage_rates[key] = round(overall, 3)
        per_bin: list[float | None] = []
        counts[key] = []
        for index in range(len(EDGES)):
            inside = [r for s, r in items if calibration.bin_index(EDGES, s) == index]
            counts[key].append(len(inside))
            if not inside:
                per_bin.append(None)
                continue
            per_bin.append((sum(inside) + SHRINK * overall) / (len(inside) + SHRINK))
        rates[key] = [None if r is None else round(r, 3) for r in _non_decreasing(per_bin)]
    table = {"edges": list(EDGES), "rates": rates, "stage_rates": stage_rates}

    def probability_of(stage: str, score: float, is_contested: bool) -> float:
        key = calibration._key(stage, is_contested)
        return calibration.rate_for(EDGES, rates.get(key), stage_rates.get(key), score)

    scored = sorted(
        ((probability_of(s, c, k), r) for s, c, k, r in seen), key=lambda item: -item[0]
    )
    threshold = 1.0
    for candidate in sorted({p for p, _ in scored}, reverse=True):
        above = [r for p, r in scored if p >= candidate]
        if sum(above) / len(above) >= TARGET_PRECISION:
            threshold = candidate
    table["verdict_threshold"] = max(threshold, MIN_VERDICT_PROBABILITY)
    table["counts"] = counts
    table["fitted_on"] = "tests/realworld/cases_round4.yaml (bench/calibrate.py)"
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    # Fit on raw scores: without a table, probability() returns the raw score.
    calibration.table.cache_clear()
    original = calibration.CALIBRATION_FILE
    calibration.CALIBRATION_FILE = original.with_suffix(".absent")
    seen = observations(load_round4())
    calibration.CALIBRATION_FILE = original
    table = fit(seen)
    print(f"{len(seen)} readings; verdict threshold {table['verdict_threshold']}")
    for key, rates in table["rates"].items():
        shown = "  ".join("  -  " if r is None else f"{r:.2f}" for r in rates)
        print(f"  {key:22s} {shown}   n={table['counts'][key]}")
    if not args.dry_run:
        original.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {original}")


if __name__ == "__main__":
    main()
