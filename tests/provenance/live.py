"""Raise a real error and read it as the user would: the helper the mechanism tests share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torchwhy
from torchwhy.diagnosis import Diagnosis


def explain_raised(call: Callable[[], Any]) -> Diagnosis:
    """`torchwhy.explain` of what `call()` raises (the traceback dropped after reading, so
    no frame keeps the test's tensors alive); fails the test when nothing is raised."""
    try:
        call()
    except Exception as error:
        diagnosis = torchwhy.explain(error)
        error.__traceback__ = None
        return diagnosis
    raise AssertionError("did not raise")
