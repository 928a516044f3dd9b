"""Frames that never reach the traceback but are quoted in the message: torch.compile's
"from user code:" lines name the statement it could not trace; the culprit is the value
that statement turns on, where the user made it (raised live, two styles)."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from tests.provenance.live import explain_raised


@pytest.fixture(autouse=True)
def _fresh_dynamo() -> None:
    torch._dynamo.reset()


class _Normalizer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.lin = nn.Linear(4, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        peak = x.abs().max().item()
        if peak > 1.0:
            x = x / peak
        return self.lin(x)


def test_a_number_read_from_a_tensor_in_a_compiled_forward_is_named_where_made() -> None:
    model = torch.compile(_Normalizer(), backend="eager", fullgraph=True)
    diagnosis = explain_raised(lambda: model(torch.randn(2, 4) * 3))
    first = diagnosis.culprits[0]
    assert first.expression == "peak"
    assert first.made_at is not None and "item()" in (first.made_at.code or "")


def _halve_until_small(grads: torch.Tensor, limits: dict[str, float]) -> torch.Tensor:
    norm = grads.norm().item()
    while norm > limits["max_norm"]:
        grads = grads / 2
        norm = norm / 2
    return grads


def test_a_loop_on_a_tensor_value_in_a_compiled_function_is_named() -> None:
    clip = torch.compile(_halve_until_small, backend="eager", fullgraph=True)
    diagnosis = explain_raised(lambda: clip(torch.randn(8) * 10, {"max_norm": 1.0}))
    first = diagnosis.culprits[0]
    assert first.expression == "norm"
    assert first.made_at is not None and first.made_at.code.startswith("norm = grads.norm()")


class _ResidualBlock(nn.Module):
    def __init__(self, width: int) -> None:
        super().__init__()
        self.expand = nn.Linear(width, 2 * width)
        self.norm = nn.LayerNorm(width)  # normalises the expanded features: 2 * width

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.norm(self.expand(x)).sum(dim=-1, keepdim=True)


def test_a_layer_whose_op_fails_on_fake_tensors_in_a_compiled_forward_is_named() -> None:
    model = torch.compile(nn.Sequential(nn.Linear(3, 8), _ResidualBlock(8)), backend="eager")
    diagnosis = explain_raised(lambda: model(torch.randn(4, 3)))
    assert diagnosis.category == "shape/conv-channels"
    first = diagnosis.culprits[0]
    assert first.expression == "self.norm"
    assert first.made_at is not None and "nn.LayerNorm(width)" in (first.made_at.code or "")


class _TinyConvNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.features = nn.Conv2d(3, 4, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.features(x).mean(dim=(2, 3))


def test_a_compiled_layer_given_the_tensor_the_message_reports_names_that_tensor() -> None:
    model = torch.compile(_TinyConvNet(), backend="eager")
    pictures = torch.rand(2, 16, 16, 3)  # channels last, as an image library returns them
    first = explain_raised(lambda: model(pictures)).culprits[0]
    assert first.expression == "pictures"
