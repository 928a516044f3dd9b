"""From a stage's raw score to a probability: what the measured table says, and what it cannot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import torch

import torchwhy
from torchwhy.translator import calibration

EDGES = (0.0, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)
RULE_RATES = (None, None, None, None, None, 0.99, 0.99)


def test_a_measured_bin_gives_its_rate() -> None:
    assert calibration.rate_for(EDGES, RULE_RATES, 0.98, 0.91) == 0.99


def test_an_unmeasured_bin_takes_the_nearest_measured_bin_below() -> None:
    rates = (None, 0.5, None, 0.7, None, None, None)
    assert calibration.rate_for(EDGES, rates, 0.6, 0.92) == 0.7


def test_a_score_below_every_measured_bin_is_not_raised_to_the_stage_rate() -> None:
    # A rule hit lowered by the context penalty (its entry's functions are not on the stack)
    # was never measured: it keeps its own lower score instead of the rule stage's 0.98.
    assert calibration.rate_for(EDGES, RULE_RATES, 0.98, 0.6) == 0.6


def test_a_stage_never_measured_per_bin_falls_back_to_its_overall_rate() -> None:
    assert calibration.rate_for(EDGES, None, 0.7, 0.95) == 0.7
    assert calibration.rate_for(EDGES, None, None, 0.95) == 0.95


def test_a_rule_hit_whose_context_the_stack_contradicts_is_not_a_verdict() -> None:
    # The frames are known and none of them is torch.load's: the wording alone decides less.
    text = (
        "Traceback (most recent call last):\n"
        '  File "serve.py", line 3, in <module>\n'
        "    model = build()\n"
        '  File "serve.py", line 9, in build\n'
        "    return restore(path)\n"
        "RuntimeError: Attempting to deserialize object on a CUDA device but "
        "torch.cuda.is_available() is False."
    )
    diagnosis = torchwhy.explain(text, use_embedding=False)
    assert diagnosis.entry == "cuda-checkpoint-on-cpu-machine"
    assert diagnosis.confidence < calibration.verdict_threshold()
    assert diagnosis.verdict is False


def test_a_contested_reading_is_never_surer_than_a_clear_one_of_its_stage() -> None:
    # No contested fuzzy reading was ever measured: the raw score (0.855) would be stated,
    # above the measured rate of clear fuzzy readings.
    for stage in ("rule", "fuzzy", "embedding"):
        for score in (0.62, 0.75, 0.855, 0.93):
            contested = calibration.probability(stage, score, contested=True)
            assert contested <= calibration.probability(stage, score, contested=False)


def _traceback_of(script: str, tmp_path: Path) -> str:
    path = tmp_path / "train.py"
    path.write_text(script)
    run = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode != 0
    return run.stderr


def test_a_pasted_reading_its_frames_say_nothing_for_is_a_possible_reading(
    tmp_path: Path,
) -> None:
    # On reports the knowledge base never saw, a rule reading whose paste has frames that speak
    # neither for it (no declared context, no place) nor against it was right about four times
    # in five (a torch.stack in a model's matcher read as the DataLoader's collate): measured
    # apart, below the verdict threshold. The same message pasted alone stays a verdict.
    pasted = _traceback_of(
        "import torch\nboxes = [torch.ones(2, 4), torch.ones(1, 4)]\nstacked = torch.stack(boxes)\n",
        tmp_path,
    )
    read = torchwhy.explain(pasted, use_embedding=False)
    assert read.matched_by == "rule"
    assert not read.verdict
    assert read.confidence == calibration.probability(
        calibration.stage_kind("rule", corroborated=False), 0.9, contested=False
    )
    alone = torchwhy.explain(pasted.strip().splitlines()[-1], use_embedding=False)
    assert alone.verdict
    # Frames that show the place that raised it speak for the reading: a verdict again.
    in_collate = _traceback_of(
        "import torch\nfrom torch.utils.data import DataLoader\n"
        "loader = DataLoader([torch.ones(2, 4), torch.ones(1, 4)], batch_size=2)\nnext(iter(loader))\n",
        tmp_path,
    )
    collated = torchwhy.explain(in_collate, use_embedding=False)
    assert collated.category == "shape/collate-unequal"
    assert collated.verdict


def test_a_live_crash_is_not_split_by_its_frames() -> None:
    # The split was measured on pasted reports only; a live crash's reading keeps its stage's rate.
    try:
        torch.stack([torch.ones(2, 4), torch.ones(1, 4)])
    except RuntimeError as error:
        diagnosis = torchwhy.explain(error, use_embedding=False)
    assert diagnosis.matched_by == "rule"
    assert diagnosis.verdict
