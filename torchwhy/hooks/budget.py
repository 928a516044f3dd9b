"""The time a door gives torchwhy to read a crash: past it, the user keeps Python's
traceback (already printed) and one line, never a program that hangs on exit.

The reading runs in a daemon thread the door waits for; a thread cannot be stopped, but a
daemon thread does not keep the process alive, and every pattern the reading uses is linear
(tests/translator/test_pattern_budget.py), so none holds the interpreter for long. A reading
given up while it runs a torch op would still abort the interpreter's finalization
("terminate called without an active exception", status 134 instead of 1): a door that knows
the status Python gives hands it to `exit_with_status_if_reading_runs`, registered at install.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

BUDGET_ENV = "TORCHWHY_TIME_BUDGET"
# Generous: the first reading that needs the embedding model loads it (seconds, once).
DEFAULT_BUDGET_S = 20.0

T = TypeVar("T")


class OverBudget(TimeoutError):
    """The reading took longer than the door allows."""


# Readings given up on, still running in their daemon threads.
_given_up: list[threading.Thread] = []
# The status the process ends with, where a door knows it (an uncaught exception: 1).
_exit_status: list[int] = []


def set_exit_status(status: int) -> None:
    """The door knows how the process will end: used only if a reading still runs then."""
    _exit_status[:] = [status]


def reading_still_runs() -> bool:
    return any(worker.is_alive() for worker in _given_up)


def exit_with_status_if_reading_runs() -> None:
    """atexit, registered at install (so it runs after the handlers registered later): while
    a given-up reading still runs a torch op, the interpreter's finalization would abort in
    torch's C++ threads; end the process here with the status Python would have given."""
    if not _exit_status or not reading_still_runs():
        return
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(_exit_status[0])


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
        _given_up.append(worker)
        raise OverBudget(f"gave up reading this error after {seconds:g} s")
    if failure:
        raise failure[0]
    return outcome[0]
