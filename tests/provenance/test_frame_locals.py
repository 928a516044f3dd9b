"""Frame locals are read on every Python the project supports, PEP 667 included."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import torch
from torch import nn

from torchwhy.provenance import rank_culprits, trace_exception
from torchwhy.provenance.safe_access import UNKNOWN, frame_locals, lookup_name

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "classifier_crash.py"


def _frame_of_a_call(**values: Any) -> Any:
    seen = values  # noqa: F841 - a local the frame must show
    return sys._getframe()


def test_function_frame_locals_are_read_as_a_dict() -> None:
    frame = _frame_of_a_call(labels=7)
    found = frame_locals(frame)
    assert type(found) is dict
    assert found["values"] == {"labels": 7}
    if sys.version_info >= (3, 13):
        # The case this guards: a FrameLocalsProxy used to be read as "no locals".
        assert type(frame.f_locals) is not dict
    assert lookup_name("values", frame.f_locals, frame.f_globals) == {"labels": 7}
    assert lookup_name("not_a_local", frame.f_locals, {}) is UNKNOWN


class _RecordingMapping(Mapping[str, Any]):
    """A user mapping used as exec() locals: every read would run its code."""

    calls: list[str] = []  # noqa: RUF012

    def __getitem__(self, key: str) -> Any:
        self.calls.append("getitem")
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        self.calls.append("iter")
        return iter(["x"])

    def __len__(self) -> int:
        self.calls.append("len")
        return 1


def test_a_user_mapping_as_locals_is_never_read() -> None:
    namespace = _RecordingMapping()
    frames: list[Any] = []
    holder: dict[str, Any] = {"sys": sys, "keep": frames.append}
    exec("keep(sys._getframe())", holder, namespace)  # that frame's f_locals is the mapping
    _RecordingMapping.calls.clear()
    assert frame_locals(frames[0]) == {}
    assert lookup_name("x", namespace, {}) is UNKNOWN
    assert _RecordingMapping.calls == []


def _loss_in_a_helper(criterion: nn.Module, logits: torch.Tensor, y: torch.Tensor) -> Any:
    return criterion(logits, y)


def test_culprit_behind_a_helper_frame_is_named() -> None:
    """The tracer joins the caller's `labels` to the helper's `y` through the helper's
    frame locals: with locals read as empty (3.13 before PEP 667 support) it blamed x."""
    x = torch.randn(4, 3)
    labels = torch.tensor([0.0, 1.0, 2.0, 1.0])
    try:
        _loss_in_a_helper(nn.CrossEntropyLoss(), x, labels)
    except RuntimeError as error:
        trace = trace_exception(error)
    culprits = rank_culprits(
        trace, "dtype/target-not-long", {"expected": "Long", "found": "Float"}, ["target"]
    )
    assert culprits[0].expression == "labels", culprits[0]
