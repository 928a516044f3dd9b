"""Wrappers between the user's model and the error: DistributedDataParallel reports the
parameters that received no gradient by index; the submodule owning them is named as
its class set it (raised live with a one-process gloo group, in two styles)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel

from tests.provenance.live import explain_raised


@pytest.fixture
def process_group() -> Iterator[None]:
    store = os.path.join(tempfile.mkdtemp(prefix="torchwhy_ddp_"), "store")
    dist.init_process_group("gloo", init_method=f"file://{store}", rank=0, world_size=1)
    try:
        yield
    finally:
        dist.destroy_process_group()


class _AutoEncoder(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.encoder = nn.Linear(10, 4)
        self.decoder = nn.Linear(4, 10)
        self.aux_decoder = nn.Linear(4, 10)  # used only in eval mode

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        z = torch.relu(self.encoder(x))
        return self.decoder(z) if self.training else self.aux_decoder(z)


def _reconstruct(model: nn.Module, steps: int) -> None:
    optimizer = torch.optim.Adam(model.parameters())
    for _ in range(steps):
        x = torch.randn(8, 10)
        loss = nn.functional.mse_loss(model(x), x)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def test_a_submodule_the_loss_never_uses_is_named_through_ddp(process_group: None) -> None:
    model = DistributedDataParallel(_AutoEncoder())
    first = explain_raised(lambda: _reconstruct(model, 3)).culprits[0]
    assert first.expression == "self.aux_decoder"
    assert first.made_at is not None and first.made_at.function == "__init__"


class _Tagger(nn.Module):
    def __init__(self, vocab: int, dim: int) -> None:
        super().__init__()
        self.tokens = nn.Embedding(vocab, dim)
        self.encoder = nn.Sequential(nn.Linear(dim, dim), nn.Tanh())
        self.positions = nn.Embedding(16, dim)  # made, never added
        self.classify = nn.Linear(dim, 2)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.classify(self.encoder(self.tokens(ids))).mean(1)


def test_an_embedding_never_added_is_named_through_ddp(process_group: None) -> None:
    args = SimpleNamespace(vocab=30, dim=8)
    net = DistributedDataParallel(_Tagger(args.vocab, args.dim))
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)

    def train() -> None:
        for _ in range(3):
            ids = torch.randint(0, args.vocab, (4, 6))
            loss = nn.functional.cross_entropy(net(ids), torch.randint(0, 2, (4,)))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    first = explain_raised(train).culprits[0]
    assert first.expression == "self.positions"
