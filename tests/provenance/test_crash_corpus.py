"""The tracer names the culprit a person would name, on scripts crashing live."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.provenance.crash_corpus import crash_paths, trace_crash

REQUIRED_PASS_RATE = 0.9


@pytest.mark.parametrize("path", crash_paths(), ids=lambda path: path.stem)
def test_script_crashes_with_the_declared_message(path: Path) -> None:
    outcome = trace_crash(path)
    assert outcome.message_matches, f"{path.name} raised {outcome.exception!r}"
    assert outcome.trace.location is not None
    assert outcome.trace.location.file == str(path)
    assert outcome.culprits, "no candidate culprit at all"


def test_expected_culprit_is_ranked_first_in_most_scripts() -> None:
    paths = crash_paths()
    assert len(paths) >= 40
    outcomes = [trace_crash(path) for path in paths]
    failures = [outcome.describe() for outcome in outcomes if not outcome.passed]
    rate = 1 - len(failures) / len(outcomes)
    report = "\n".join(failures)
    print(f"culprit ranked first in {len(outcomes) - len(failures)}/{len(outcomes)} scripts")
    assert rate >= REQUIRED_PASS_RATE, f"pass rate {rate:.0%}; failed:\n{report}"
