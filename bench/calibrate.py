"""Fit torchwhy's confidence calibration on readings of reports the knowledge base was not
tuned on, and write calibration.json.

    python bench/calibrate.py                  # fit, print the table, write the file
    python bench/calibrate.py --dry-run        # fit and print only
    python bench/calibrate.py --kb-before HEAD # fit on the current KB (flattering, for comparison)
    python bench/calibrate.py --bars           # what each pair of fuzzy bars gives, blind

Which data: the tuning halves of the fourth and fifth corpora (tests/realworld/cases_round4.yaml,
cases_round5.yaml, real users' errors collected blind), each read by today's matcher with the
knowledge base as it was BEFORE it was tuned on that half (the entry files of the checkout its
blind figures were taken on, BLIND_COMMITS). Tuned on a case, the knowledge base reads it right
almost by construction (rules 0.99 on the tuning half, 0.88 on the held-out half when this was
first fitted on it); a knowledge base that never saw the case reads it as a new user's error is
read. A reading is scored in today's taxonomy: an entry that still exists counts under its
current category (some moved to new categories), one that was removed under its old one. The
held-out halves are never read here; bench/trust.py --reliability checks the result on them.

For every case it records the stage that answered (a rule reading whose paste has frames that
say nothing for it counted apart, calibration.SILENT_FRAMES), its raw score, whether another
category contested it, and whether the category was right. Per (stage, contested) it bins the
raw scores, takes the observed accuracy per bin (shrunk towards the stage's overall rate when a
bin is small, then made non-decreasing), and chooses the verdict threshold: the lowest
probability at which the readings at or above it are right at least 97% of the time (95% when
no probability reaches 97%), and never below 0.8 (a verdict is likely on its own). It prints,
for each stated probability, how many readings reach it and how often they are right: the table
that justifies the threshold.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import itertools
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torchwhy.knowledge_base as knowledge_base
from tests.realworld import Case, load_round4, load_round5
from torchwhy.categories import UNKNOWN
from torchwhy.knowledge_base import Entry
from torchwhy.translator import calibration, embedding, engine, fuzzy
from torchwhy.translator.engine import _text_context, contested, match
from torchwhy.translator.normalize import parse

ROOT = Path(__file__).resolve().parents[1]
# Each tuning half, with the checkout its blind figures were measured on (before any tuning on it).
BLIND_COMMITS: tuple[tuple[str, Callable[[], list[Case]], str], ...] = (
    ("03074cf", load_round4, "tests/realworld/cases_round4.yaml"),
    ("5852d8e", load_round5, "tests/realworld/cases_round5.yaml"),
)
ENTRIES = "torchwhy/knowledge_base/entries"
EDGES = (0.0, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)
SHRINK = 4.0  # pseudo-cases of the stage's overall rate added to every bin
TARGET_PRECISION = 0.97
# When no reading is 97% right on reports the knowledge base never saw, verdicts are the
# readings right at least this often (the goal for the held-out half).
FALLBACK_PRECISION = 0.95
# A verdict must also be likely on its own, not only carried by surer readings around it.
MIN_VERDICT_PROBABILITY = 0.8


def observations(cases, category_of: Callable[[Entry], str]) -> list[tuple[str, float, bool, bool]]:
    """(stage, raw score, contested, right) for every case that got a reading."""
    seen = []
    for case in cases:
        parsed = parse(case.text)
        ranked = match(parsed, _text_context(parsed), use_embedding=True)
        if not ranked:
            continue
        best = ranked[0]
        right = category_of(best.entry) == case.expected_category != UNKNOWN
        stage = calibration.stage_kind(best.matched_by, best.corroborated)
        seen.append((stage, best.confidence, contested(ranked), right))
    return seen


# The fuzzy bars tried by --bars (engine.FUZZY_SURE, engine.FUZZY_ENOUGH).
SURE_BARS = (0.78, 0.82, 0.86, 0.90)
ENOUGH_BARS = (0.62, 0.65, 0.68, 0.70, 0.74, 0.78)


@contextlib.contextmanager
def _guesses_cached() -> Iterator[None]:
    """Fuzzy and embedding hits memoised per message, so each pair of bars costs rule speed."""
    originals = fuzzy.match_fuzzy, embedding.match_embedding
    cached = [functools.lru_cache(maxsize=None)(lambda *a, f=f: tuple(f(*a))) for f in originals]
    fuzzy.match_fuzzy = lambda *a: list(cached[0](*a))  # type: ignore[assignment]
    embedding.match_embedding = lambda *a: list(cached[1](*a))  # type: ignore[assignment]
    try:
        yield
    finally:
        fuzzy.match_fuzzy, embedding.match_embedding = originals


def bar_outcomes(
    cases, category_of: Callable[[Entry], str], *, use_embedding: bool
) -> dict[tuple[float, float], list[int]]:
    """Per pair of fuzzy bars (sure, enough): [right, wrong, negatives given a reading] of the
    answers `match` gives; a PyTorch error whose expected answer is `unknown` is right unread."""
    outcomes: dict[tuple[float, float], list[int]] = {}
    bars = engine.FUZZY_SURE, engine.FUZZY_ENOUGH
    try:
        for sure, enough in itertools.product(SURE_BARS, ENOUGH_BARS):
            if enough > sure:
                continue
            engine.FUZZY_SURE, engine.FUZZY_ENOUGH = sure, enough
            tally = outcomes[(sure, enough)] = [0, 0, 0]
            for case in cases:
                parsed = parse(case.text)
                ranked = match(parsed, _text_context(parsed), use_embedding=use_embedding)
                got = category_of(ranked[0].entry) if ranked else UNKNOWN
                if case.is_negative:
                    tally[2] += got != UNKNOWN
                elif got == case.expected_category:
                    tally[0] += 1
                elif got != UNKNOWN:
                    tally[1] += 1
    finally:
        engine.FUZZY_SURE, engine.FUZZY_ENOUGH = bars
    return outcomes


def print_bars(outcomes: dict[tuple[float, float], list[int]], label: str) -> None:
    print(
        f"fuzzy bars on the blind tuning halves, {label} (now {engine.FUZZY_SURE} / "
        f"{engine.FUZZY_ENOUGH}):"
    )
    print("  sure  enough   right  wrong  negatives read")
    for (sure, enough), (right, wrong, negatives) in sorted(outcomes.items()):
        print(f"  {sure:.2f}  {enough:.2f}   {right:5d}  {wrong:5d}  {negatives:5d}")


def use_entries_of(commit: str, folder: Path) -> None:
    """Point the knowledge base at the entry files of `commit` (extracted into `folder`)."""
    archive = subprocess.run(
        ["git", "archive", commit, ENTRIES], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    knowledge_base.entries_dir = lambda: folder / ENTRIES  # type: ignore[assignment]
    knowledge_base.load.cache_clear()


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
    # Precision of the readings at or above each probability: what a threshold would give.
    table["precision_at"] = {
        f"{candidate:.3f}": [
            sum(r for p, r in scored if p >= candidate),
            sum(1 for p, _ in scored if p >= candidate),
        ]
        for candidate in sorted({p for p, _ in scored}, reverse=True)
    }
    for target in (TARGET_PRECISION, FALLBACK_PRECISION):
        passing = [
            float(candidate)
            for candidate, (right, total) in table["precision_at"].items()
            if right / total >= target
        ]
        if passing:
            table["verdict_threshold"] = max(min(passing), MIN_VERDICT_PROBABILITY)
            table["verdict_precision_target"] = target
            break
    else:  # nothing is right often enough to be stated as a verdict
        table["verdict_threshold"] = 1.0
        table["verdict_precision_target"] = TARGET_PRECISION
    table["counts"] = counts
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument(
        "--kb-before",
        default="blind",
        help="blind: each half with its blind checkout's entry files; HEAD: the current ones",
    )
    parser.add_argument(
        "--bars", action="store_true", help="right/wrong/negatives per pair of fuzzy bars; no fit"
    )
    args = parser.parse_args()
    current = {entry.id: entry.category for entry in knowledge_base.load()}

    def category_of(entry: Entry) -> str:
        return current.get(entry.id, entry.category)

    # Fit on raw scores: without a table, probability() returns the raw score.
    calibration.table.cache_clear()
    original = calibration.CALIBRATION_FILE
    calibration.CALIBRATION_FILE = original.with_suffix(".absent")
    seen = []
    bars: dict[bool, dict[tuple[float, float], list[int]]] = {False: {}, True: {}}
    for commit, half, _ in BLIND_COMMITS:
        with tempfile.TemporaryDirectory() as scratch:
            if args.kb_before != "HEAD":
                # The old entries' example matrix is cached here, not beside the shipped one.
                os.environ["TORCHWHY_CACHE_DIR"] = scratch
                use_entries_of(commit, Path(scratch))
            if not args.bars:
                seen += observations(half(), category_of)
                continue
            with _guesses_cached():
                for use_embedding, totals in bars.items():
                    found = bar_outcomes(half(), category_of, use_embedding=use_embedding)
                    for pair, tally in found.items():
                        totals[pair] = [
                            a + b for a, b in zip(totals.get(pair, [0, 0, 0]), tally, strict=True)
                        ]
    calibration.CALIBRATION_FILE = original
    if args.bars:
        print_bars(bars[False], "rules+fuzzy")
        print_bars(bars[True], "with embeddings")
        return
    table = fit(seen)
    table["fitted_on"] = (
        " and ".join(
            f"{path} read with the entries of {'HEAD' if args.kb_before == 'HEAD' else commit}"
            for commit, _, path in BLIND_COMMITS
        )
        + " (bench/calibrate.py)"
    )
    print(
        f"{len(seen)} readings; verdict threshold {table['verdict_threshold']} "
        f"(precision target {table['verdict_precision_target']})"
    )
    print("  stated probability >=   readings   right")
    for candidate, (right, total) in table["precision_at"].items():
        print(f"  {float(candidate):>20.3f}   {total:8d}   {right / total:5.3f}")
    print("  rate per bin of raw score (lower edges " + ", ".join(map(str, EDGES)) + "):")
    for key, rates in table["rates"].items():
        shown = "  ".join("  -  " if r is None else f"{r:.2f}" for r in rates)
        print(f"  {key:22s} {shown}   n={table['counts'][key]}")
    if not args.dry_run:
        original.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {original}")


if __name__ == "__main__":
    main()
