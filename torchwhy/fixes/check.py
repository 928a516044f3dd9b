"""Checking a fix: the failing torch operation, re-run on stand-ins, must fail as it did
without the change and pass with it. A check whose stand-ins do not reproduce the failure
proves nothing, so it answers None (cannot check), never True."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from torchwhy.fixes.standins import CannotCheck

# run(fixed, expanded): the failing operation on stand-ins, with or without the change.
Operation = Callable[[bool, bool], Any]


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Torch logs (and warns about) the errors the stand-ins raise on purpose."""
    import logging  # here: a rule answer to pasted text checks no fix

    logger = logging.getLogger("torch._subclasses.fake_tensor")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # A warning torch turns into the user's error (broadcasting a target) counts.
            warnings.simplefilter("error", UserWarning)
            yield
    finally:
        logger.setLevel(level)


def _raises(operation: Operation, fixed: bool, expanded: bool) -> bool:
    try:
        operation(fixed, expanded)
    except CannotCheck:
        raise
    except Exception:  # whatever torch raises is the answer
        return True
    return False


def _check(operation: Operation, expanded: bool) -> bool | None:
    """The verdict on one kind of stand-in; None where they cannot tell."""
    try:
        if not _raises(operation, False, expanded):
            return None  # these stand-ins do not reproduce the failure
        return not _raises(operation, True, expanded)
    except CannotCheck:
        return None


def verdict(operation: Operation) -> bool | None:
    """True: fails as recorded, passes fixed. False: still fails. None: cannot tell.

    Expanded CPU stand-ins run torch's own kernels: when they fail without the change and
    pass with it, the fix is checked. Otherwise meta decides, and expanded CPU where meta
    cannot tell (a dtype check meta skips): a CPU failure can be the stand-in's own (a view
    of, or a write into, a one-element expansion), never a reason to drop a fix meta keeps.
    CPU first because the first meta run in a process costs ~0.85 s (the Python meta kernels
    behind addmm and mm import torch._dynamo), a CPU run ~7 ms."""
    with _quiet():
        on_cpu = _check(operation, expanded=True)
        if on_cpu:
            return True
        on_meta = _check(operation, expanded=False)
    return on_meta if on_meta is not None else on_cpu
