"""From a stage's raw score to a probability: what the measured table says, and what it cannot."""

from __future__ import annotations

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
