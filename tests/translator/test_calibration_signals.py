"""`bench/calibrate.py --signals`: the yes/no questions asked of a reading, on verbatim reports of
the tuning halves (never a held-out one), and the chance figure printed beside them."""

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
