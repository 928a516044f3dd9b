"""Culprits at the root cause, raised live: no wrong facts, where a value was made, autograd
state, configuration, devices."""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F

from torchwhy.diagnosis import Culprit
from torchwhy.provenance import rank_culprits, trace_exception


def _culprits(
    call: Any, category: str, captures: dict[str, str], roles: list[str]
) -> list[Culprit]:
    try:
        call()
    except Exception as error:
        trace = trace_exception(error)
        error.__traceback__ = None
        return rank_culprits(trace, category, captures, roles)
    raise AssertionError("did not raise")


def _loss_of_converted_labels(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    y = y.float()
    return F.nll_loss(logits, y)


def test_a_rebound_parameter_gives_no_fact_to_the_callers_expression() -> None:
    batch = {"y": torch.randint(0, 4, (8,))}
    logits = torch.randn(8, 4).log_softmax(-1)
    culprits = _culprits(
        lambda: _loss_of_converted_labels(logits, batch["y"].clone()),
        "dtype/target-not-long",
        {"found": "Float"},
        ["target"],
    )
    assert culprits[0].expression == "y"
    assert culprits[0].tensor is not None and culprits[0].tensor.dtype == "float32"
    for culprit in culprits:
        if culprit.expression == 'batch["y"].clone()':
            assert culprit.tensor is None or culprit.tensor.dtype == "int64", culprit


def test_wrapped_models_are_named_by_the_users_path_with_the_wrapped_alias() -> None:
    from torch import nn

    from torchwhy.provenance.modules import ModuleNamer, module_facts

    inner = nn.Sequential()
    inner.add_module("aux_head", nn.Linear(2, 2))
    for wrapper, key in ((nn.DataParallel(inner), "module"), (torch.compile(inner), "_orig_mod")):
        namer = ModuleNamer(torch)
        namer.add_roots([("model", wrapper)])
        facts = module_facts(inner.aux_head, torch, namer)
        assert facts.path == "model.aux_head"
        assert facts.alias == f"model.{key}.aux_head"
        assert f"model.{key}.aux_head" in facts.describe()
