"""Fit torchwhy's confidence calibration on readings of reports the knowledge base was not
tuned on, and write calibration.json.

    python bench/calibrate.py                  # fit, print the table, write the file
    python bench/calibrate.py --dry-run        # fit and print only
    python bench/calibrate.py --kb-before HEAD # fit on the current KB (flattering, for comparison)
    python bench/calibrate.py --bars           # what each pair of fuzzy bars gives, blind
    python bench/calibrate.py --signals        # does any signal tell wrong verdicts apart, blind

Which data: the tuning halves of the fourth to eighth corpora (tests/realworld/
cases_round4.yaml to cases_round8.yaml, real users' errors collected blind), each read by today's matcher with the
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
probability at which the readings at or above it (at least 30 of them) are right at least 97% of
the time (95% when no probability reaches 97%; when none reaches 95% either, the probability whose
readings are right most often, said so in its output and in calibration.json), and never below
0.8 (a verdict is likely on its own). It prints,
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
import math
import os
import re
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
from tests.realworld import (
    Case,
    load_round4,
    load_round5,
    load_round6,
    load_round7,
    load_round8,
)
from torchwhy.categories import UNKNOWN
from torchwhy.knowledge_base import Entry
from torchwhy.translator import calibration, embedding, engine, fuzzy
from torchwhy.translator.engine import _text_context, contested, match
from torchwhy.translator.normalize import parse
from torchwhy.translator.rules import match_rules

ROOT = Path(__file__).resolve().parents[1]
# Each tuning half, with the checkout its blind figures were measured on (before any tuning on it).
BLIND_COMMITS: tuple[tuple[str, Callable[[], list[Case]], str], ...] = (
    ("03074cf", load_round4, "tests/realworld/cases_round4.yaml"),
    ("5852d8e", load_round5, "tests/realworld/cases_round5.yaml"),
    ("268e92d", load_round6, "tests/realworld/cases_round6.yaml"),
    ("1112651", load_round7, "tests/realworld/cases_round7.yaml"),
    ("2650e05", load_round8, "tests/realworld/cases_round8.yaml"),
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
# A threshold the data can vouch for: 97% measured on a dozen readings cannot be told from 90%
# (one wrong reading more or less), so a threshold needs this many readings at or above it.
MIN_READINGS_AT_THRESHOLD = 30


def _readings(cases, *, use_embedding: bool) -> Iterator[tuple[object, object, list]]:
    """(case, parsed paste, ranked readings) for every case that got a reading."""
    for case in cases:
        parsed = parse(case.text)
        ranked = match(parsed, _text_context(parsed), use_embedding=use_embedding)
        if ranked:
            yield case, parsed, ranked


def observations(cases, category_of: Callable[[Entry], str]) -> list[tuple[str, float, bool, bool]]:
    """(stage, raw score, contested, right) for every case that got a reading."""
    seen = []
    for case, _, ranked in _readings(cases, use_embedding=True):
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
    table["verdict_threshold"], table["verdict_precision_target"] = _verdict_threshold(
        table["precision_at"]
    )
    right, total = table["precision_at"].get(f"{table['verdict_threshold']:.3f}", (0, 0))
    table["verdict_precision_reached"] = round(right / total, 3) if total else None
    table["counts"] = counts
    return table


def _verdict_threshold(precision_at: dict[str, list[int]]) -> tuple[float, float | None]:
    """The verdict threshold and the precision it was chosen for: the lowest probability whose
    readings (at least MIN_READINGS_AT_THRESHOLD) are right 97% of the time, else 95%; when
    none is, the one whose readings are right most often (target None: the README says so).
    Never below MIN_VERDICT_PROBABILITY."""
    measured = {
        float(candidate): right / total
        for candidate, (right, total) in precision_at.items()
        if total >= MIN_READINGS_AT_THRESHOLD and float(candidate) >= MIN_VERDICT_PROBABILITY
    }
    if not measured:  # no probability is both likely and measured on enough readings
        return 1.0, TARGET_PRECISION
    for target in (TARGET_PRECISION, FALLBACK_PRECISION):
        passing = [candidate for candidate, share in measured.items() if share >= target]
        if passing:
            return min(passing), target
    # Rather than no verdict at all, the readings that are right most often, at the
    # precision they reach: stated in calibration.json and printed, never taken for the goal.
    best = max(measured.values())
    return min(c for c, share in measured.items() if share == best), None


# --signals: does anything in a paste or in the knowledge base tell a wrong verdict from a right
# one, on reports the knowledge base never saw? Each candidate is a yes/no question about one
# reading; it separates when the readings it says yes to are right less often than the others,
# by more than chance would give (a one-sided Fisher test on the counts).
_USER_CPU = re.compile(
    r"\b(?:on (?:the |my )?cpu|cpu[- ]only|no (?:nvidia )?gpu|without (?:a )?gpu|macbook|macos"
    r"|apple silicon|m[12] (?:chip|mac|pro|max))\b",
    re.IGNORECASE,
)
_USER_CUDA = re.compile(r"\b(?:nvidia|rtx|gtx|a100|v100|h100|cuda:\d)\b", re.IGNORECASE)
_USER_MAC = re.compile(r"\b(?:mps|mac|macos|macbook|m[12]|apple)\b", re.IGNORECASE)
_TRACEBACK_LINE = re.compile(r"^\s*(?:Traceback \(most recent call last\)|File \"|\^+$)")


def user_prose(text: str, parsed) -> str:
    """The lines of a paste that are neither its traceback nor its error messages."""
    messages = [line for exc in parsed.exceptions for line in exc.message.splitlines()]
    messages = [line.strip() for line in messages if len(line.strip()) >= 8]
    codes = {frame.code.strip() for frame in parsed.frames if frame.code}
    return "\n".join(
        line.strip()
        for line in text.splitlines()
        if line.strip()
        and not _TRACEBACK_LINE.match(line)
        and line.strip() not in codes
        and not any(message in line for message in messages)
    )


def _prose_contradicts(category: str, prose: str) -> bool:
    """The user's own words deny what the reading needs: a CUDA reading of a paste whose
    author says it runs on the CPU or a Mac, an MPS reading of one on an NVIDIA GPU."""
    if category.startswith("cuda/") and _USER_CPU.search(prose):
        return True
    return (
        category == "backend/mps" and bool(_USER_CUDA.search(prose)) and not _USER_MAC.search(prose)
    )


def _covered_share(entry: Entry, message: str) -> float | None:
    """How much of the message's line the entry's pattern matched (a hit on part of it)."""
    for line in (message.split("\n", 1)[0], message):
        for pattern in entry.patterns:
            found = pattern.search(line)
            if found:
                return (found.end() - found.start()) / max(1, len(line.strip()))
    return None


def _example_types(entry: Entry) -> set[str]:
    """The exception types the entry's own examples were raised as (when they say)."""
    return {
        exc.type
        for example in entry.examples
        for exc in parse(example.text).exceptions[:1]
        if exc.type
    }


def _reads_other_categories(entry: Entry, entries, category_of) -> bool:
    """The entry's causes reach into other categories: its patterns read another category's
    own examples."""
    own = category_of(entry)
    for other in entries:
        if category_of(other) == own:
            continue
        for example in other.examples:
            message = parse(example.text).exceptions[:1]
            text = message[0].message if message else example.text
            if any(pattern.search(text) for pattern in entry.patterns):
                return True
    return False


def _examples_read_elsewhere(entry: Entry, entries, category_of) -> bool:
    """A wording of the entry's own examples that the knowledge base also reads into another
    category (the ambiguity of the entry's wording)."""
    own = category_of(entry)
    for example in entry.examples:
        for exc in parse(example.text).exceptions[:1]:
            hits = match_rules(entries, exc.message, exc.type, 0)
            if any(category_of(hit.entry) != own for hit in hits):
                return True
    return False


SIGNAL_NAMES = (
    "wording read into >1 category (rule hits)",
    "entry's examples also read as another category",
    "entry's patterns read other categories' examples",
    "bare message (no traceback)",
    "rule hit on < half the message line",
    "user's prose contradicts the reading",
    "exception type unlike the entry's examples'",
    "entry has a single pattern",
    "entry has <= 2 examples",
)


def signal_readings(cases, category_of: Callable[[Entry], str]) -> list[tuple[bool, dict]]:
    """(right, {signal: yes/no}) for every rule reading a verdict could be (raw score >= 0.9,
    its frames not silent about it: the readings the shipped calibration states at >= 0.95)."""
    entries = knowledge_base.load()
    found = []
    for case, parsed, ranked in _readings(cases, use_embedding=False):
        best = ranked[0]
        if best.matched_by != "rule" or best.corroborated is False or best.confidence < 0.9:
            continue
        source = next((s for s in engine._sources(parsed) if s.index == best.source_index), None)
        message = source.message if source else ""
        exc_type = source.exception_type if source else None
        categories = {category_of(hit.entry) for hit in match_rules(entries, message, exc_type, 0)}
        covered = _covered_share(best.entry, message)
        types = _example_types(best.entry)
        signals = dict(
            zip(
                SIGNAL_NAMES,
                (
                    len(categories) > 1,
                    _examples_read_elsewhere(best.entry, entries, category_of),
                    _reads_other_categories(best.entry, entries, category_of),
                    not parsed.frames,
                    covered is not None and covered < 0.5,
                    _prose_contradicts(category_of(best.entry), user_prose(case.text, parsed)),
                    bool(exc_type and types and exc_type not in types),
                    len(best.entry.patterns) <= 1,
                    len(best.entry.examples) <= 2,
                ),
                strict=True,
            )
        )
        found.append((category_of(best.entry) == case.expected_category, signals))
    return found


def _fisher_one_sided(wrong_on: int, on: int, wrong: int, total: int) -> float:
    """P(at least `wrong_on` of the `wrong` readings fall among the `on` ones by chance)."""
    denominator = math.comb(total, on)
    return (
        sum(
            math.comb(wrong, k) * math.comb(total - wrong, on - k)
            for k in range(wrong_on, min(wrong, on) + 1)
        )
        / denominator
        if denominator
        else 1.0
    )


def print_signals(readings: list[tuple[bool, dict]], label: str) -> None:
    total = len(readings)
    wrong = sum(not right for right, _ in readings)
    print(f"{total} rule readings a verdict could be, {wrong} wrong (the tuning halves, {label})")
    print(f"  {'signal':50s} {'yes: right':>12s} {'no: right':>12s}   p (chance)")
    for name in SIGNAL_NAMES:
        on = [right for right, signals in readings if signals[name]]
        off = [right for right, signals in readings if not signals[name]]
        wrong_on = sum(not r for r in on)
        print(
            f"  {name:50s} {sum(on):5d}/{len(on):<5d} {sum(off):5d}/{len(off):<5d}   "
            f"{_fisher_one_sided(wrong_on, len(on), wrong, total):.2f}"
        )


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
    parser.add_argument(
        "--signals",
        action="store_true",
        help="which candidate signals tell wrong verdicts from right ones, blind; no fit",
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
    readings: list[tuple[bool, dict]] = []
    bars: dict[bool, dict[tuple[float, float], list[int]]] = {False: {}, True: {}}
    for commit, half, _ in BLIND_COMMITS:
        with tempfile.TemporaryDirectory() as scratch:
            if args.kb_before != "HEAD":
                # The old entries' example matrix is cached here, not beside the shipped one.
                os.environ["TORCHWHY_CACHE_DIR"] = scratch
                use_entries_of(commit, Path(scratch))
            if args.signals:
                readings += signal_readings(half(), category_of)
                continue
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
    if args.signals:
        blind = args.kb_before != "HEAD"
        print_signals(readings, "read blind" if blind else "read with today's entries: tuned on")
        return
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
    target = table["verdict_precision_target"]
    print(
        f"{len(seen)} readings; verdict threshold {table['verdict_threshold']}, its readings right"
        f" {table['verdict_precision_reached']} ("
        + (
            f"precision target {target})"
            if target
            else f"below every target: no probability reaches {FALLBACK_PRECISION} on"
            f" {MIN_READINGS_AT_THRESHOLD} readings or more; the readings right most often)"
        )
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
