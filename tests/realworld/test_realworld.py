"""Real users' errors (copied verbatim from GitHub issues) must get the right category.

Two corpora: cases.yaml (the first one; many of its threads were also used to write the
knowledge base) and cases_heldout.yaml (threads cited nowhere in the repository, so it
measures how torchwhy does on reports it was not written from). Each has its own floor.

Embeddings are off here (fast, deterministic); bench/realworld_accuracy.py measures both.
A case torchwhy gets wrong today carries `known_gap: "<why>"` and runs as xfail(strict=True):
when a knowledge-base change fixes it the test XPASSes, which fails the run, so the mark must
then be removed. Never weaken `expected_category` to make a case pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

import torchwhy
from tests.realworld import (
    Case,
    load_cases,
    load_heldout,
    load_round3,
    load_round4,
    load_round4_heldout,
    load_round5,
    load_round5_heldout,
    load_round6,
    load_round6_heldout,
    load_round7,
    load_round7_heldout,
    load_round8,
    load_round8_heldout,
    load_round9,
    load_round9_heldout,
    load_round10,
    load_round10_heldout,
)
from torchwhy.categories import CATEGORIES, UNKNOWN

CASES = load_cases()
HELDOUT = load_heldout()
ROUND3 = load_round3()

# Accuracy (rules + fuzzy, no embeddings) over every case, measured when the corpus was
# built, minus a small margin. Raise it as the knowledge base closes the known gaps.
ACCURACY_FLOOR = 0.90  # measured 152/159 = 0.956 (rules+fuzzy), minus a margin
# cases_heldout.yaml: 98/104 = 0.942 before any KB change made for it, 99/104 = 0.952 after
# (rules+fuzzy), minus a margin; see the bench.
HELDOUT_ACCURACY_FLOOR = 0.93
# cases_round3.yaml: 54/60 = 0.900 before any KB change made for it, 56/60 = 0.933 after
# (rules+fuzzy), minus a margin.
ROUND3_ACCURACY_FLOOR = 0.90


def _params(cases):
    for case in cases:
        marks = []
        if case.known_gap:
            marks.append(pytest.mark.xfail(strict=True, reason=case.known_gap))
        yield pytest.param(case, id=case.id, marks=marks)


def _check_well_formed(cases):
    for case in cases:
        assert case.expected_category == UNKNOWN or case.expected_category in CATEGORIES, case.id
        assert case.source.startswith(("https://", "http://")), case.id  # some pages are plain http
        assert case.text.strip(), case.id


# Categories added after every corpus was collected, so no real case shows them yet; each has
# knowledge-base entries. Keep this short: the next corpus should cover them.
NOT_YET_IN_A_CORPUS = {"data/sample-load-failed", "data/loader-misconfigured"}


def test_corpus_is_well_formed():
    assert len(CASES) >= 90
    _check_well_formed(CASES)
    covered = {c.expected_category for c in CASES + load_round4() + load_round5()}
    missing = set(CATEGORIES) - {UNKNOWN} - covered - NOT_YET_IN_A_CORPUS
    assert not missing, f"categories with no real case: {sorted(missing)}"
    assert not NOT_YET_IN_A_CORPUS & covered, "a real case covers it now: drop it from the set"
    assert sum(c.expected_category == UNKNOWN for c in CASES) >= 8


def test_heldout_corpus_is_well_formed():
    assert len(HELDOUT) >= 80
    _check_well_formed(HELDOUT)
    assert sum(c.expected_category == UNKNOWN for c in HELDOUT) >= 8
    assert len({c.expected_category for c in HELDOUT}) >= 30


def test_heldout_threads_are_not_cited_elsewhere():
    """A held-out thread quoted by the KB, or by the first corpus, is no longer held out."""
    root = Path(__file__).resolve().parents[2]
    heldout_file = Path(__file__).with_name("cases_heldout.yaml").resolve()
    texts = [
        p.read_text(encoding="utf-8")
        for folder in (root / "torchwhy", root / "tests", root / "bench")
        for p in folder.rglob("*")
        if p.suffix in {".yaml", ".yml", ".py", ".json", ".md"} and p.resolve() != heldout_file
    ]
    blob = "\n".join(texts)
    cited = []
    for case in HELDOUT:
        thread = case.source.split("github.com/")[-1].rstrip("/")
        if re.search(re.escape(thread) + r"(?!\d)", blob):
            cited.append(case.id)
    assert not cited, f"held-out threads cited elsewhere in the repository: {cited}"


def test_round3_corpus_is_well_formed():
    assert len(ROUND3) >= 50
    _check_well_formed(ROUND3)
    assert sum(c.expected_category == UNKNOWN for c in ROUND3) >= 5
    assert len({c.expected_category for c in ROUND3}) >= 20


def test_round3_threads_are_not_cited_elsewhere():
    """A round-3 thread quoted by the KB or by another corpus is no longer held out."""
    root = Path(__file__).resolve().parents[2]
    round3_file = Path(__file__).with_name("cases_round3.yaml").resolve()
    texts = [
        p.read_text(encoding="utf-8")
        for folder in (root / "torchwhy", root / "tests", root / "docs")
        if folder.is_dir()
        for p in folder.rglob("*")
        if p.suffix in {".yaml", ".yml", ".py", ".json", ".md"} and p.resolve() != round3_file
    ]
    blob = "\n".join(texts)
    cited = []
    for case in ROUND3:
        thread = case.source.split("github.com/")[-1].rstrip("/")
        if re.search(re.escape(thread) + r"(?!\d)", blob):
            cited.append(case.id)
    assert not cited, f"round-3 threads cited elsewhere in the repository: {cited}"


def _thread(source: str) -> str:
    return source.split("github.com/")[-1].rstrip("/")


@pytest.mark.parametrize(
    ("load_tune", "load_heldout", "least_cases", "least_negatives"),
    [
        (load_round5, load_round5_heldout, 80, 20),
        (load_round6, load_round6_heldout, 80, 20),
        (load_round7, load_round7_heldout, 80, 20),
        # Collected in one shorter session: 130 cases, 35 negatives.
        (load_round8, load_round8_heldout, 60, 15),
        (load_round9, load_round9_heldout, 100, 25),
        (load_round10, load_round10_heldout, 100, 25),
    ],
    ids=["round5", "round6", "round7", "round8", "round9", "round10"],
)
def test_blind_corpus_is_well_formed(
    load_tune: Callable[[], list[Case]],
    load_heldout: Callable[[], list[Case]],
    least_cases: int,
    least_negatives: int,
) -> None:
    """Both halves of a blind corpus: every case labelled with a known category and a kind,
    negatives always `unknown`, enough of each kind and category in each half to measure."""
    for half in (load_tune(), load_heldout()):  # the held-out loader checks id clashes
        assert len(half) >= least_cases
        _check_well_formed(half)
        for case in half:
            assert case.kind in {"pytorch", "negative"}, case.id
            assert case.note and case.note.strip(), case.id
            assert case.kind == "pytorch" or case.expected_category == UNKNOWN, case.id
        assert sum(case.is_negative for case in half) >= least_negatives
        assert len({case.expected_category for case in half}) >= 20


# Each blind corpus, in the order collected: (tuning half, held-out half).
_BLIND_ROUNDS = [
    (load_round4, load_round4_heldout),
    (load_round5, load_round5_heldout),
    (load_round6, load_round6_heldout),
    (load_round7, load_round7_heldout),
    (load_round8, load_round8_heldout),
    (load_round9, load_round9_heldout),
    (load_round10, load_round10_heldout),
]


@pytest.mark.parametrize(
    "round_index",
    [1, 2, 3, 4, 5, 6],
    ids=["round5", "round6", "round7", "round8", "round9", "round10"],
)
def test_blind_corpus_threads_are_new(round_index: int) -> None:
    """A blind corpus was collected after the older ones: none of its threads is in an older
    corpus, and neither half repeats a thread of the other."""
    older = [load_cases(), HELDOUT, ROUND3] + [
        load() for halves in _BLIND_ROUNDS[:round_index] for load in halves
    ]
    seen = {_thread(case.source) for corpus in older for case in corpus}
    corpus = [case for load in _BLIND_ROUNDS[round_index] for case in load()]
    threads = [_thread(case.source) for case in corpus]
    assert len(threads) == len(set(threads)), "a thread appears twice in the corpus"
    shared = sorted(case.id for case in corpus if _thread(case.source) in seen)
    assert not shared, f"threads already in an older corpus: {shared}"


@pytest.mark.parametrize(
    ("heldout_name", "load_half"),
    [
        ("cases_round4_heldout.yaml", load_round4_heldout),
        ("cases_round5_heldout.yaml", load_round5_heldout),
        ("cases_round6_heldout.yaml", load_round6_heldout),
        ("cases_round7_heldout.yaml", load_round7_heldout),
        ("cases_round8_heldout.yaml", load_round8_heldout),
        ("cases_round9_heldout.yaml", load_round9_heldout),
        ("cases_round10_heldout.yaml", load_round10_heldout),
    ],
)
def test_blind_heldout_threads_are_not_cited_elsewhere(
    heldout_name: str, load_half: Callable[[], list[Case]]
) -> None:
    """A held-out thread quoted by the KB, a test, the docs or a bench list (a generic search
    can find the same thread again) is no longer held out."""
    root = Path(__file__).resolve().parents[2]
    heldout_file = Path(__file__).with_name(heldout_name).resolve()
    texts = [
        p.read_text(encoding="utf-8")
        for folder in (root / "torchwhy", root / "tests", root / "docs", root / "bench")
        if folder.is_dir()
        for p in folder.rglob("*")
        if p.suffix in {".yaml", ".yml", ".py", ".json", ".md"} and p.resolve() != heldout_file
    ]
    blob = "\n".join(texts)
    cited = [
        case.id
        for case in load_half()
        if re.search(re.escape(_thread(case.source)) + r"(?!\d)", blob)
    ]
    assert not cited, f"held-out threads of {heldout_name} cited elsewhere: {cited}"


@pytest.mark.parametrize("case", list(_params(CASES)))
def test_real_error_category(case):
    _check_category(case)


@pytest.mark.parametrize("case", list(_params(HELDOUT)))
def test_heldout_error_category(case):
    _check_category(case)


@pytest.mark.parametrize("case", list(_params(ROUND3)))
def test_round3_error_category(case):
    _check_category(case)


def _check_category(case):
    diagnosis = torchwhy.explain(case.text, use_embedding=False)
    assert diagnosis.category == case.expected_category, (
        f"{case.id}: got {diagnosis.category} via {diagnosis.matched_by} "
        f"(entry {diagnosis.entry}, confidence {diagnosis.confidence:.2f}); "
        f"expected {case.expected_category} -- {case.source}"
    )


def _accuracy(cases) -> tuple[int, float]:
    right = sum(
        torchwhy.explain(case.text, use_embedding=False).category == case.expected_category
        for case in cases
    )
    return right, right / len(cases)


def test_realworld_accuracy_floor():
    right, accuracy = _accuracy(CASES)
    assert accuracy >= ACCURACY_FLOOR, (
        f"real-world accuracy fell to {accuracy:.3f} ({right}/{len(CASES)}), floor {ACCURACY_FLOOR}"
    )


def test_heldout_accuracy_floor():
    right, accuracy = _accuracy(HELDOUT)
    assert accuracy >= HELDOUT_ACCURACY_FLOOR, (
        f"held-out accuracy fell to {accuracy:.3f} ({right}/{len(HELDOUT)}), "
        f"floor {HELDOUT_ACCURACY_FLOOR}"
    )


def test_round3_accuracy_floor():
    right, accuracy = _accuracy(ROUND3)
    assert accuracy >= ROUND3_ACCURACY_FLOOR, (
        f"round-3 accuracy fell to {accuracy:.3f} ({right}/{len(ROUND3)}), "
        f"floor {ROUND3_ACCURACY_FLOOR}"
    )


def test_round6_second_labelling_covers_the_corpus() -> None:
    """The second, blind labelling of round 6 (`bench/trust.py --labels second|agreed`) labels
    every case of both halves once, with a category the contract knows and its basis."""
    import yaml

    path = Path(__file__).with_name("labels_round6_second.yaml")
    labels = yaml.safe_load(path.read_text(encoding="utf-8"))
    corpus = {case.id: case for case in load_round6() + load_round6_heldout()}
    assert [label["id"] for label in labels] == list(corpus)
    for label in labels:
        assert label["category"] in CATEGORIES or label["category"] == UNKNOWN, label["id"]
        assert label["basis"] in {"thread", "message"}, label["id"]
        assert label["confidence"] in {"sure", "unsure"}, label["id"]
        assert label["why"].strip(), label["id"]
        # Not about PyTorch is `unknown` for either labeller.
        assert not corpus[label["id"]].is_negative or label["category"] == UNKNOWN, label["id"]
