"""The tracer names the culprit a person would name, on scripts crashing live."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.provenance.crash_corpus import crash_paths, trace_crash

# Script stem -> why the tracer does not name its culprit yet. Strict: a gap that closes
# fails the run until it is taken off this list.
KNOWN_GAPS: dict[str, str] = {}


@pytest.mark.parametrize("path", crash_paths(), ids=lambda path: path.stem)
def test_script_crashes_with_the_declared_message(path: Path) -> None:
    outcome = trace_crash(path)
    assert outcome.message_matches, f"{path.name} raised {outcome.exception!r}"
    assert outcome.trace.location is not None
    assert outcome.trace.location.file == str(path)
    assert outcome.culprits, "no candidate culprit at all"


def test_the_corpus_is_large_enough() -> None:
    assert len(crash_paths()) >= 60


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(path, marks=pytest.mark.xfail(reason=KNOWN_GAPS[path.stem], strict=True))
        if path.stem in KNOWN_GAPS
        else path
        for path in crash_paths()
    ],
    ids=lambda path: path.stem,
)
def test_expected_culprit_is_ranked_first(path: Path) -> None:
    outcome = trace_crash(path)
    assert outcome.passed, outcome.describe()
