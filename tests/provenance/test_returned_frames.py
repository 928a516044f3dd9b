"""Autograd's root cause in a frame that has returned, or in the value backward starts
from: the statement of a `forward` or helper that cut the graph or changed a saved tensor
in place (read from its source), and a loss that keeps the last step's graph because it
is accumulated. Each raised live, in a class style and a functional style."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import torch
from torch import nn

from tests.provenance.live import explain_raised

# ---- the graph cut inside a forward or helper that has returned --------------------------


class _DetachingNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.encoder = nn.Linear(8, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        feats = self.encoder(x).detach()
        return feats.sum(dim=1)


def _regress(model: nn.Module, config: dict[str, int]) -> None:
    out = model(torch.randn(config["batch"], 8))
    loss = (out - 1).pow(2).mean()
    loss.backward()


def test_a_detach_inside_a_returned_forward_is_named_where_it_cut() -> None:
    diagnosis = explain_raised(lambda: _regress(_DetachingNet(), {"batch": 4}))
    first = diagnosis.culprits[0]
    assert first.expression == "feats"
    assert first.made_at is not None and first.made_at.function == "forward"
    assert ".detach()" in first.reason


_WEIGHTS = torch.randn(6, 3, requires_grad=True)


def _embed(x: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        hidden = torch.tanh(x @ _WEIGHTS)
    return hidden


def _contrastive_step() -> None:
    anchors = _embed(torch.randn(5, 6))
    loss = anchors.pow(2).sum()
    loss.backward()


def test_a_no_grad_block_inside_a_helper_that_returned_is_named() -> None:
    diagnosis = explain_raised(_contrastive_step)
    first = diagnosis.culprits[0]
    assert first.expression == "hidden"
    assert "no_grad" in first.reason and "_embed" in first.reason


# ---- a saved tensor changed in place inside a helper that returned -----------------------


def _attention_weights(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    weights = (q @ k.T).exp()
    weights /= weights.sum(dim=-1, keepdim=True)
    return weights


def test_an_in_place_normalisation_in_a_helper_is_named() -> None:
    q = torch.randn(4, 3, requires_grad=True)
    k = torch.randn(4, 3, requires_grad=True)

    def step() -> None:
        attention = _attention_weights(q, k)
        attention.sum().backward()

    first = explain_raised(step).culprits[0]
    assert first.expression == "weights"
    assert "weights /= weights.sum(dim=-1, keepdim=True)" in first.reason


def _zero_padding(logits: torch.Tensor, padding: torch.Tensor) -> torch.Tensor:
    weights = torch.sigmoid(logits)
    weights[padding] = 0.0
    return weights / weights.sum(dim=-1, keepdim=True)


class _GatedPool(nn.Module):
    """A forward that calls a module-level helper: two frames gone when backward fails."""

    def __init__(self) -> None:
        super().__init__()
        self.score = nn.Linear(4, 1)

    def forward(self, x: torch.Tensor, padding: torch.Tensor) -> torch.Tensor:
        gate = _zero_padding(self.score(x).squeeze(-1), padding)
        return (gate.unsqueeze(-1) * x).sum(dim=1)


def test_an_in_place_change_in_a_helper_a_forward_calls_is_named() -> None:
    model = _GatedPool()

    def step() -> None:
        padding = torch.zeros(2, 5, dtype=torch.bool)
        padding[:, 3:] = True
        model(torch.randn(2, 5, 4), padding).pow(2).mean().backward()

    first = explain_raised(step).culprits[0]
    assert first.expression == "weights"
    assert first.made_at is not None and first.made_at.function == "_zero_padding"
    assert "weights[padding] = 0.0" in first.reason


def _frozen_features(layer: nn.Module, x: torch.Tensor) -> torch.Tensor:
    features = layer(x).detach()
    return features


class _ProbeOnHelper(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.backbone = nn.Linear(6, 6)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return _frozen_features(self.backbone, x).sum(dim=1)


def test_a_detach_in_a_helper_a_forward_calls_is_named() -> None:
    model = _ProbeOnHelper()
    first = explain_raised(lambda: model(torch.randn(3, 6)).mean().backward()).culprits[0]
    assert first.expression == "features"
    assert first.made_at is not None and first.made_at.function == "_frozen_features"


class _Gate:
    def open(self, scores: torch.Tensor) -> torch.Tensor:
        gate = torch.sigmoid(scores)
        gate.clamp_(min=0.1)
        return gate


class _Trainer:
    def __init__(self) -> None:
        self.gate = _Gate()
        self.scores = torch.randn(3, requires_grad=True)

    def step(self) -> None:
        opened = self.gate.open(self.scores)
        opened.sum().backward()


def test_an_in_place_clamp_in_a_method_of_a_plain_class_is_named() -> None:
    first = explain_raised(_Trainer().step).culprits[0]
    assert first.expression == "gate"
    assert "gate.clamp_(min=0.1)" in first.reason


# ---- the loss backward starts from keeps the last step's graph ----------------------------


def _train_with_running_loss(net: nn.Module) -> None:
    running = 0
    for _ in range(3):
        loss = net(torch.randn(4, 3)).pow(2).mean()
        running = running + loss
        running.backward()


def test_a_loss_accumulated_across_steps_and_backpropagated_is_named() -> None:
    first = explain_raised(lambda: _train_with_running_loss(nn.Linear(3, 1))).culprits[0]
    assert first.expression == "running"
    assert "next step" in first.reason


def _accumulate(total: Any, loss: torch.Tensor) -> torch.Tensor:
    return total + loss


def _train_with_helper(net: nn.Module, steps: int) -> None:
    total = torch.zeros(())
    for _ in range(steps):
        total = _accumulate(total, net(torch.randn(2, 3)).mean())
        total.backward()


def test_a_total_accumulated_by_a_helper_is_named() -> None:
    first = explain_raised(lambda: _train_with_helper(nn.Linear(3, 1), 3)).culprits[0]
    assert first.expression == "total"


# ---- grad mode switched off for good ------------------------------------------------------


@pytest.fixture
def grad_mode_restored() -> Iterator[None]:
    yield
    torch.set_grad_enabled(True)


def _sanity_check(model: nn.Module) -> None:
    torch.set_grad_enabled(False)
    model(torch.randn(2, 3))


def _train_after_check(model: nn.Module) -> None:
    _sanity_check(model)
    loss = model(torch.randn(4, 3)).pow(2).mean()
    loss.backward()


def test_grad_mode_left_off_by_a_helper_is_named(grad_mode_restored: None) -> None:
    first = explain_raised(lambda: _train_after_check(nn.Linear(3, 1))).culprits[0]
    assert first.expression == "torch.set_grad_enabled(False)"
    assert first.made_at is not None and first.made_at.function == "_sanity_check"


class _Evaluator:
    def __init__(self, model: nn.Module) -> None:
        self.model = model

    def score(self, x: torch.Tensor) -> float:
        torch.autograd.set_grad_enabled(False)
        return float(self.model(x).mean())

    def fine_tune(self, x: torch.Tensor) -> None:
        self.score(x)
        self.model(x).sum().backward()


def test_grad_mode_left_off_by_a_method_is_named(grad_mode_restored: None) -> None:
    evaluator = _Evaluator(nn.Linear(3, 2))
    first = explain_raised(lambda: evaluator.fine_tune(torch.randn(2, 3))).culprits[0]
    assert first.expression == "torch.autograd.set_grad_enabled(False)"


# ---- a tensor a module keeps across steps, graph and all ----------------------------------


class _RelativeBias(nn.Module):
    def __init__(self, length: int) -> None:
        super().__init__()
        self.table = nn.Parameter(torch.randn(2 * length - 1))
        self._bias_cache: torch.Tensor | None = None

    def forward(self, scores: torch.Tensor) -> torch.Tensor:
        if self._bias_cache is None:
            positions = torch.arange(scores.shape[-1])
            self._bias_cache = self.table[positions[None, :] - positions[:, None] + 3]
        return scores + self._bias_cache


class _Scorer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.bias = _RelativeBias(4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.bias(x @ x.transpose(-1, -2))


def test_a_cache_a_submodule_keeps_across_steps_is_named() -> None:
    model = _Scorer()

    def train() -> None:
        for _ in range(2):
            model(torch.randn(2, 4, 3)).sum().backward()

    first = explain_raised(train).culprits[0]
    assert first.expression == "self._bias_cache"
    assert first.made_at is not None and first.made_at.function == "forward"


class _Prototypes(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.embed = nn.Linear(5, 3)
        self.centroids = None

    def forward(self, x: torch.Tensor, support: torch.Tensor) -> torch.Tensor:
        if self.centroids is None:
            self.centroids = self.embed(support).mean(0, keepdim=True)
        return (self.embed(x) - self.centroids).pow(2).sum(-1)


def test_centroids_computed_once_and_kept_on_the_model_are_named() -> None:
    model = _Prototypes()
    support = torch.randn(6, 5)

    def episode_loop() -> None:
        for _ in range(2):
            distances = model(torch.randn(4, 5), support)
            distances.mean().backward()

    assert explain_raised(episode_loop).culprits[0].expression == "self.centroids"


# ---- a helper whose result never reached the failing line says nothing about it ----------


@torch.no_grad()
def _scored(net: nn.Module, x: torch.Tensor) -> torch.Tensor:
    return net(x).pow(2).mean()


class _ValidatingTrainer:
    def __init__(self) -> None:
        self.net = nn.Linear(3, 1)

    def train_step(self) -> None:
        loss = _scored(self.net, torch.randn(4, 3))
        loss.backward()

    def validate(self) -> float:
        scores = [_scored(self.net, torch.randn(4, 3)).item() for _ in range(2)]
        return sum(scores) / len(scores)


def _fit(trainer: _ValidatingTrainer) -> None:
    for _ in range(2):
        trainer.train_step()
        trainer.validate()  # never reached: the first step fails


def test_a_cut_in_a_helper_that_never_fed_the_loss_is_not_named() -> None:
    first = explain_raised(lambda: _fit(_ValidatingTrainer())).culprits[0]
    assert first.expression == "loss"
    assert "validate" not in first.reason and ".item()" not in first.reason


def _features_then_fit(net: nn.Module) -> None:
    def summarise(x: torch.Tensor) -> torch.Tensor:
        pooled = x.mean(dim=0).detach()
        return pooled

    def report(x: torch.Tensor) -> float:
        shown = x.max().item()
        return shown

    features = summarise(torch.randn(5, 3, requires_grad=True))
    report(features)
    net(features).sum().backward()


def test_a_cut_in_the_helper_that_fed_the_failing_line_is_still_named() -> None:
    first = explain_raised(lambda: _features_then_fit(nn.Linear(3, 1).requires_grad_(False)))
    assert first.culprits[0].expression == "pooled"
    assert ".detach()" in first.culprits[0].reason
