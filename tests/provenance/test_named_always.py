"""A reading with no role still names what the user should change (issue 9, "read, nothing
named"): the string value the message quotes, the file a checkpoint was loaded from (where
the user made its path), the expression TorchScript marks, the call a compiled line fails
on. Each mechanism raised live on two scripts of different styles."""

from __future__ import annotations

import io
import os
import pickle
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from tests.provenance.live import explain_raised

# ---- the string the message quotes ----------------------------------------------------------


def test_an_unknown_device_type_from_a_config_dict_names_the_setting() -> None:
    config = {"device": "gpu", "epochs": 2}
    diagnosis = explain_raised(lambda: torch.device(config["device"]))
    assert diagnosis.culprits, diagnosis.category
    first = diagnosis.culprits[0]
    assert first.expression == 'config["device"]'
    assert "'gpu'" in first.reason


class _RunSettings:
    precision = "bfloat17"


def test_a_dtype_name_read_from_settings_is_named_before_the_torch_module() -> None:
    settings = _RunSettings()

    def cast(tensor: torch.Tensor) -> torch.Tensor:
        return tensor.to(getattr(torch, settings.precision))

    diagnosis = explain_raised(lambda: cast(torch.ones(2)))
    # "module 'torch' has no attribute 'bfloat17'": torch is not what the user wrote wrong.
    assert diagnosis.culprits[0].expression == "settings.precision"


# ---- the file a checkpoint was loaded from ------------------------------------------------


def _restore(path: str) -> dict:
    return torch.load(path, weights_only=True)


def test_a_truncated_checkpoint_names_the_path_where_the_caller_made_it(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    torch.save(nn.Linear(3, 2).state_dict(), buffer)
    best_path = os.path.join(tmp_path, "best.pt")
    with open(best_path, "wb") as handle:
        handle.write(buffer.getvalue()[:100])  # an interrupted copy
    diagnosis = explain_raised(lambda: _restore(best_path))
    assert diagnosis.category.startswith("checkpoint/")
    first = diagnosis.culprits[0]
    assert first.expression == "best_path"
    assert first.passed_as == "path"
    assert first.made_at is not None and "os.path.join" in (first.made_at.code or "")


def test_a_pickle_load_of_a_torch_file_names_the_open_file(tmp_path: Path) -> None:
    weights = tmp_path / "weights.pt"
    torch.save({"w": torch.zeros(3)}, weights)

    def read_with_pickle() -> object:
        with open(weights, "rb") as stream:
            return pickle.load(stream)

    diagnosis = explain_raised(read_with_pickle)
    assert diagnosis.category.startswith("checkpoint/")
    assert diagnosis.culprits[0].expression == "stream"


# ---- the expression TorchScript marks ---------------------------------------------------------


class _GatedBlock(nn.Module):
    def __init__(self, options: dict) -> None:
        super().__init__()
        self.options = options
        self.proj = nn.Linear(4, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.options["gate"]:
            return torch.sigmoid(self.proj(x)) * x
        return self.proj(x)


def test_torchscript_refusing_an_attribute_names_it_where_init_set_it() -> None:
    block = _GatedBlock({"gate": True, "logger": object()})
    diagnosis = explain_raised(lambda: torch.jit.script(block))
    assert diagnosis.category.startswith("compile/")
    first = diagnosis.culprits[0]
    assert first.expression == "self.options"
    assert first.made_at is not None and first.made_at.function == "__init__"


class _FlexibleHead(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.out = nn.Linear(4, 2)

    def forward(self, x: torch.Tensor, *unused: torch.Tensor) -> torch.Tensor:
        return self.out(x)


def test_torchscript_refusing_varargs_names_the_parameter() -> None:
    diagnosis = explain_raised(lambda: torch.jit.script(_FlexibleHead()))
    assert diagnosis.category.startswith("compile/")
    assert diagnosis.culprits[0].expression == "unused"


# ---- the call a compiled line fails on ------------------------------------------------------


class _NoisyResidual(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + torch.from_numpy(np.random.default_rng(0).normal(size=tuple(x.shape))).float()


def _jittered(x: torch.Tensor) -> torch.Tensor:
    scale = 0.1
    x = x * scale
    return torch.as_tensor(np.random.default_rng(1).permutation(x.shape[0])) + x


@pytest.mark.parametrize("compiled", [_NoisyResidual(), _jittered], ids=["module", "function"])
def test_a_compiled_line_with_no_subject_names_the_call_the_message_names(compiled) -> None:
    torch._dynamo.reset()
    step = torch.compile(compiled, fullgraph=True, backend="eager")
    diagnosis = explain_raised(lambda: step(torch.randn(4)))
    assert diagnosis.category.startswith("compile/")
    first = diagnosis.culprits[0]
    assert first.expression.startswith("np.random.default_rng(")
