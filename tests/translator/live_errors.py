"""Errors raised by real torch for the translator's tests, and the line a user would paste."""

from __future__ import annotations

from collections.abc import Callable


def raised(action: Callable[[], object]) -> BaseException:
    """The exception `action` raises (the test is about whatever torch raised)."""
    try:
        action()
    except Exception as error:
        return error
    raise AssertionError("expected an error")


def exception_line(error: BaseException) -> str:
    """The error as Python's last traceback line prints it: `Type: message`."""
    return f"{type(error).__name__}: {error}"
