"""`bench/calibrate.py`: the yes/no questions --signals asks of a reading, on verbatim reports of
the tuning halves (never a held-out one), the chance figure printed beside them, and how the
verdict threshold is chosen from the precision each probability reaches."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.realworld import load_round5
from torchwhy.translator.normalize import parse

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def calibrate():
    spec = importlib.util.spec_from_file_location("calibrate", ROOT / "bench" / "calibrate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tuning_case(case_id: str):
    return next(case for case in load_round5() if case.id == case_id)


def test_a_bare_report_is_asked_about_as_bare_with_the_users_words_apart(calibrate) -> None:
    # The user asks about M1 chips around a bare MPS error; their thread blames a model never moved.
    case = _tuning_case("c5-basaran-173-placeholder-storage-model-not-moved")
    prose = calibrate.user_prose(case.text, parse(case.text))
    assert "M1/M2 chips" in prose
    assert "Placeholder storage" not in prose
    [(right, signals)] = calibrate.signal_readings([case], lambda entry: entry.category)
    assert not right  # labelled a device mismatch: the wording's reading is MPS's
    assert signals["bare message (no traceback)"]
    assert not signals["user's prose contradicts the reading"]  # a Mac user, an MPS reading


def test_a_pasted_traceback_is_not_bare(calibrate) -> None:
    case = _tuning_case("c5-fsct-10-num-samples-zero")  # a traceback its frames speak for
    assert parse(case.text).frames
    [(_, signals)] = calibrate.signal_readings([case], lambda entry: entry.category)
    assert not signals["bare message (no traceback)"]


def test_the_chance_figure_is_a_one_sided_fisher_test(calibrate) -> None:
    # Both wrong readings among 13 of 65: chance puts them there 13/65 * 12/64 of the time.
    assert calibrate._fisher_one_sided(2, 13, 2, 65) == pytest.approx(13 / 65 * 12 / 64)
    assert calibrate._fisher_one_sided(0, 13, 2, 65) == pytest.approx(1.0)


def _precision_at(rows: list[tuple[float, int, int]]) -> dict[str, list[int]]:
    return {f"{probability:.3f}": [right, total] for probability, right, total in rows}


def test_the_verdict_threshold_is_the_lowest_probability_precise_enough(calibrate) -> None:
    # 97% reached from 0.95 up (on 40 readings); 0.90 gives 95% on 100.
    table = _precision_at([(0.99, 12, 12), (0.95, 39, 40), (0.9, 95, 100), (0.85, 150, 170)])
    assert calibrate._verdict_threshold(table) == (0.95, 0.97)
    # 97% only on 12 readings, too few to tell from 90%: the 95% fallback.
    table = _precision_at([(0.99, 12, 12), (0.9, 95, 100), (0.85, 150, 170)])
    assert calibrate._verdict_threshold(table) == (0.9, 0.95)


def test_below_every_target_the_most_precise_readings_are_verdicts_without_a_target(
    calibrate,
) -> None:
    # The round-7 refit's shape: 159/168 (94.6%) is the best any probability reaches.
    table = _precision_at([(0.979, 11, 11), (0.914, 159, 168), (0.857, 164, 175), (0.5, 200, 233)])
    assert calibrate._verdict_threshold(table) == (0.914, None)


def test_no_likely_measured_probability_gives_no_verdicts(calibrate) -> None:
    table = _precision_at([(0.95, 10, 10), (0.7, 90, 100)])
    assert calibrate._verdict_threshold(table) == (1.0, 0.97)
