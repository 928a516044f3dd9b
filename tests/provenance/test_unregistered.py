"""Layers kept in a plain list or dict instead of nn.ModuleList / nn.ModuleDict (issue 9,
`provenance.unregistered`): `.to()` and `.half()` pass them by, and the container is named,
made at its `__init__` line. Raised live through `torchwhy.explain`; the styles are our own."""

from __future__ import annotations

import torch
from torch import nn

from tests.provenance.live import explain_raised


class _Tower(nn.Module):
    def __init__(self, width: int, depth: int) -> None:
        super().__init__()
        self.stem = nn.Linear(4, width)
        self.blocks = [nn.Linear(width, width) for _ in range(depth)]  # not registered

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.stem(x)
        for block in self.blocks:
            h = torch.relu(block(h))
        return h


class _Heads(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.trunk = nn.Linear(4, 8)
        self.heads = {"age": nn.Linear(8, 1), "score": nn.Linear(8, 1)}  # not registered

    def forward(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        h = self.trunk(x)
        outputs = {}
        for name, head in self.heads.items():
            outputs[name] = head(h)
        return outputs


class _Registered(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(8, 8)])
        self.order = list(self.blocks)  # a plain list of registered layers: harmless

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for block in self.order:
            x = block(x)
        return x


def _first(diagnosis):
    return diagnosis.culprits[0] if diagnosis.culprits else None


def test_a_list_of_layers_the_model_never_moved_is_named() -> None:
    tower = _Tower(width=8, depth=2).to("meta")
    diagnosis = explain_raised(lambda: tower(torch.ones(2, 4, device="meta")))
    assert diagnosis.category == "device/tensor-mismatch"
    first = _first(diagnosis)
    assert first is not None and first.expression == "self.blocks"
    assert first.made_at is not None and first.made_at.function == "__init__"
    assert "self.blocks = [nn.Linear" in (first.made_at.code or "")
    assert "nn.ModuleList" in first.reason


def test_a_dict_of_heads_left_in_float32_is_named_with_module_dict() -> None:
    model = _Heads().half()
    diagnosis = explain_raised(lambda: model(torch.ones(2, 4, dtype=torch.half)))
    assert diagnosis.category.startswith("dtype/")
    first = _first(diagnosis)
    assert first is not None and first.expression == "self.heads"
    assert "nn.ModuleDict" in first.reason


def test_a_plain_list_of_registered_layers_is_not_blamed() -> None:
    # Guard: the layers are registered through the ModuleList; the list only orders them.
    model = _Registered().to("meta")
    diagnosis = explain_raised(lambda: model(torch.ones(2, 8)))  # the input stayed on the CPU
    assert all(culprit.expression != "self.order" for culprit in diagnosis.culprits)
