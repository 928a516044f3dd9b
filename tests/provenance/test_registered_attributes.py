"""A module attribute made by registration (`self.register_buffer("pe", ...)`,
`setattr(self, "scale", ...)`) was made there as surely as by `self.pe = ...`: the culprit
says so ("made at" that line). Raised live; the styles are our own."""

from __future__ import annotations

import inspect

import torch
from torch import nn

from tests.provenance.live import explain_raised


def _line_of(cls: type, text: str) -> int:
    lines, start = inspect.getsourcelines(cls)
    return start + next(i for i, line in enumerate(lines) if text in line)


class _PositionalTable(nn.Module):
    def __init__(self, max_len: int, width: int) -> None:
        super().__init__()
        self.register_buffer("pe", torch.zeros(max_len, width))  # sized for another width

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.pe[: x.size(1)]


def test_a_buffer_registered_in_init_is_made_at_its_registration() -> None:
    table = _PositionalTable(max_len=16, width=32)
    diagnosis = explain_raised(lambda: table(torch.zeros(2, 10, 64)))
    made = [c.made_at.line for c in diagnosis.culprits if c.expression == "self.pe" and c.made_at]
    assert made == [_line_of(_PositionalTable, 'register_buffer("pe"')]


class _Gate(nn.Module):
    def __init__(self, features: int) -> None:
        super().__init__()
        setattr(self, "scale", nn.Parameter(torch.ones(features)))  # noqa: B010

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.scale


def test_an_attribute_set_with_setattr_is_made_at_that_call() -> None:
    gate = _Gate(features=3)
    diagnosis = explain_raised(lambda: gate(torch.zeros(5, 4)))
    made = [
        c.made_at.line for c in diagnosis.culprits if c.expression == "self.scale" and c.made_at
    ]
    assert made == [_line_of(_Gate, 'setattr(self, "scale"')]
