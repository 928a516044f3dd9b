"""A model built on the meta device and loaded without `assign=True` (issue 9,
`provenance.meta_init`): the load is named, raised live through `torchwhy.explain`."""

from __future__ import annotations

import torch
from torch import nn

from tests.provenance.live import explain_raised


def _tagger() -> nn.Module:
    return nn.Sequential(nn.Embedding(50, 8), nn.Linear(8, 4))


def _deploy(weights: dict[str, torch.Tensor]) -> nn.Module:
    with torch.device("meta"):
        tagger = _tagger()
    tagger.load_state_dict(weights)
    return tagger.to("cpu")


def _deploy_unless_cached(weights: dict[str, torch.Tensor], cached: bool) -> nn.Module:
    with torch.device("meta"):
        tagger = _tagger()
    if not cached:
        tagger.load_state_dict(weights)
    return tagger.to("cpu")


def test_a_load_into_a_meta_built_model_without_assign_is_named() -> None:
    weights = _tagger().state_dict()
    diagnosis = explain_raised(lambda: _deploy(weights))
    assert "Cannot copy out of meta tensor" in diagnosis.message
    first = diagnosis.culprits[0]
    assert first.expression == "tagger.load_state_dict(weights)"
    assert first.made_at is not None
    assert first.made_at.code == "tagger.load_state_dict(weights)"
    assert "assign=True" in first.reason


def test_a_load_that_may_not_have_run_is_not_named() -> None:
    # Guard: the load sits under an `if` that skipped it; the source alone cannot say it ran.
    weights = _tagger().state_dict()
    diagnosis = explain_raised(lambda: _deploy_unless_cached(weights, cached=True))
    assert all("load_state_dict" not in culprit.expression for culprit in diagnosis.culprits)
