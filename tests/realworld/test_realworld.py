"""Real users' errors (copied verbatim from GitHub issues) must get the right category.

Embeddings are off here (fast, deterministic); bench/realworld_accuracy.py measures both.
A case torchwhy gets wrong today carries `known_gap: "<why>"` in cases.yaml and runs as
xfail(strict=True): when a knowledge-base change fixes it the test XPASSes, which fails the
run, so the mark must then be removed. Never weaken `expected_category` to make a case pass.
"""

from __future__ import annotations

import pytest

import torchwhy
from tests.realworld import load_cases
from torchwhy.categories import CATEGORIES, UNKNOWN

CASES = load_cases()

# Accuracy (rules + fuzzy, no embeddings) over every case, measured when the corpus was
# built, minus a small margin. Raise it as the knowledge base closes the known gaps.
ACCURACY_FLOOR = 0.90  # measured 152/159 = 0.956 (rules+fuzzy), minus a margin


def _params():
    for case in CASES:
        marks = []
        if case.known_gap:
            marks.append(pytest.mark.xfail(strict=True, reason=case.known_gap))
        yield pytest.param(case, id=case.id, marks=marks)


def test_corpus_is_well_formed():
    assert len(CASES) >= 90
    for case in CASES:
        assert case.expected_category == UNKNOWN or case.expected_category in CATEGORIES, case.id
        assert case.source.startswith("https://"), case.id
        assert case.text.strip(), case.id
    covered = {c.expected_category for c in CASES}
    missing = set(CATEGORIES) - {UNKNOWN} - covered
    assert not missing, f"categories with no real case: {sorted(missing)}"
    assert sum(c.expected_category == UNKNOWN for c in CASES) >= 8


@pytest.mark.parametrize("case", _params())
def test_real_error_category(case):
    diagnosis = torchwhy.explain(case.text, use_embedding=False)
    assert diagnosis.category == case.expected_category, (
        f"{case.id}: got {diagnosis.category} via {diagnosis.matched_by} "
        f"(entry {diagnosis.entry}, confidence {diagnosis.confidence:.2f}); "
        f"expected {case.expected_category} -- {case.source}"
    )


def test_realworld_accuracy_floor():
    right = sum(
        torchwhy.explain(case.text, use_embedding=False).category == case.expected_category
        for case in CASES
    )
    accuracy = right / len(CASES)
    assert accuracy >= ACCURACY_FLOOR, (
        f"real-world accuracy fell to {accuracy:.3f} ({right}/{len(CASES)}), floor {ACCURACY_FLOOR}"
    )
