"""The time a door gives torchwhy to read a crash: past it, the user keeps Python's
traceback (already printed) and one line, never a program that hangs on exit.

The reading runs in a daemon thread the door waits for; a thread cannot be stopped, but a
daemon thread does not keep the process alive, and every pattern the reading uses is linear
(tests/translator/test_pattern_budget.py), so none holds the interpreter for long.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TypeVar

BUDGET_ENV = "TORCHWHY_TIME_BUDGET"
# Generous: the first reading that needs the embedding model loads it (seconds, once).
DEFAULT_BUDGET_S = 20.0

T = TypeVar("T")


class OverBudget(TimeoutError):
    """The reading took longer than the door allows."""


def budget_seconds() -> float:
    """TORCHWHY_TIME_BUDGET in seconds (a positive number), else DEFAULT_BUDGET_S."""
    try:
        value = float(os.environ.get(BUDGET_ENV, ""))
    except ValueError:
        return DEFAULT_BUDGET_S
    return value if value > 0 else DEFAULT_BUDGET_S


def within_budget(work: Callable[[], T], seconds: float | None = None) -> T:
    """`work()`'s result, or OverBudget once `seconds` have passed. Whatever `work` raises
    (SystemExit included) is raised here, in the door, which knows how to contain it."""
    seconds = budget_seconds() if seconds is None else seconds
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed to the door's own handlers
            failure.append(error)

    worker = threading.Thread(target=run, name="torchwhy-reading", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise OverBudget(f"gave up reading this error after {seconds:g} s")
    if failure:
        raise failure[0]
    return outcome[0]
