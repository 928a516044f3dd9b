"""From a matching stage's raw score to the probability that the reading is right.

Each stage scores on its own scale (a rule hit is 0.9 give or take the context, a fuzzy score
is a string similarity, an embedding score a cosine). What a user needs is one number that
means the same everywhere: out of readings given with confidence 0.8, eight in ten are right.
`calibration.json` holds, per stage and per "contested" flag (another category scored almost as
high), the observed accuracy in bins of raw score, measured by `bench/calibrate.py` on reports
the knowledge base was not tuned on (the tuning halves of the blind corpora, each read with the
entries as they were before tuning on it); `bench/trust.py --reliability` checks it on the
held-out halves. A pasted rule reading whose frames say nothing for it is its own stage
(SILENT_FRAMES). A bin with too few cases falls back to the nearest measured bin below, or to its
stage's overall rate, never above the raw score of a reading lowered by missing context.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")
# Within this of the best score, a reading of another category contests the best one.
CONTESTED_MARGIN = 0.05


@dataclass(frozen=True)
class Table:
    """Observed accuracy per (stage, contested) in bins of raw score."""

    edges: tuple[float, ...]  # lower edges of the bins, ascending
    rates: dict[str, tuple[float | None, ...]]  # key "rule|contested" -> rate per bin
    stage_rates: dict[str, float]  # key "rule|contested" -> rate over all its cases
    verdict_threshold: float


def _key(stage: str, contested: bool) -> str:
    return f"{stage}|{'contested' if contested else 'clear'}"


# A rule reading whose paste shows frames that say nothing for it (its entry declares no
# context seen there, no place that raised it supports its category) is measured apart: on
# reports the knowledge base never saw, the message's default reading is where the stack
# shows another cause (a torch.stack in a model's loss, a size clash inside load_state_dict).
SILENT_FRAMES = "-silent-frames"


def stage_kind(stage: str, corroborated: bool | None) -> str:
    """The calibration key's stage: a rule reading the frames are silent about is its own."""
    return stage + SILENT_FRAMES if stage == "rule" and corroborated is False else stage


@lru_cache(maxsize=1)
def table() -> Table | None:
    try:
        raw = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
        return Table(
            edges=tuple(raw["edges"]),
            rates={key: tuple(rates) for key, rates in raw["rates"].items()},
            stage_rates=dict(raw["stage_rates"]),
            verdict_threshold=float(raw["verdict_threshold"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def bin_index(edges: tuple[float, ...], score: float) -> int:
    index = 0
    for position, edge in enumerate(edges):
        if score >= edge:
            index = position
    return index


def rate_for(
    edges: tuple[float, ...],
    rates: tuple[float | None, ...] | None,
    stage_rate: float | None,
    score: float,
) -> float:
    """The measured rate of the score's bin, else of the nearest measured bin below it. A score
    below every measured bin (a rule hit whose entry's context is missing, lowered by the
    context penalty) is never raised to the stage's rate: it keeps its own, lower, score."""
    if rates is not None:
        for index in range(bin_index(edges, score), -1, -1):
            if rates[index] is not None:
                return rates[index]
    if stage_rate is None:
        return score
    return min(stage_rate, score) if rates is not None else stage_rate


def probability(stage: str, score: float, *, contested: bool) -> float:
    """The calibrated probability of a reading; the raw score when nothing is measured. A
    contested reading (another category scored almost as high) is never surer than a clear one
    of its stage, and one never measured contested is as sure as a clear one at most: a fuzzy
    score of 0.85 stated as 0.85 because no contested fuzzy reading was measured, while clear
    ones were measured right three times in ten, would say more than is known."""
    calibration = table()
    if calibration is None:
        return score

    def measured(key: str) -> float:
        rates = calibration.rates.get(key)
        return rate_for(calibration.edges, rates, calibration.stage_rates.get(key), score)

    if stage.endswith(SILENT_FRAMES) and _key(stage, contested=False) not in calibration.rates:
        stage = stage.removesuffix(SILENT_FRAMES)  # a table fitted before the split
    clear = measured(_key(stage, contested=False))
    key = _key(stage, contested=True)
    if not contested or (key not in calibration.rates and key not in calibration.stage_rates):
        return clear
    return min(clear, measured(key))


def verdict_threshold() -> float:
    """Readings at or above this probability are verdicts; below, possible readings."""
    calibration = table()
    return calibration.verdict_threshold if calibration else 0.9
