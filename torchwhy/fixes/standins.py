"""Stand-ins for the tensors and layers of a crash, built from the recorded facts only:
CPU tensors that expand one element to the full shape (torch's own kernels, a few ms), or
`meta` tensors (no memory, shapes and dtypes only) where those cannot decide (`check.py`).
Layers are rebuilt from their type in torch.nn and their recorded sizes: torch's code, never
the user's."""

from __future__ import annotations

import ast
import contextvars
import math
from typing import TYPE_CHECKING, Any

from torchwhy.diagnosis import TensorFacts

if TYPE_CHECKING:  # provenance imports the translator, which imports this package
    from torchwhy.provenance.trace import ModuleFacts

# An expanded stand-in costs one element, but the operation's output is real memory.
MAX_EXPANDED_ELEMENTS = 100_000


# Set while a check runs in FakeTensorMode: stand-ins then take their recorded devices
# ("cuda:0" exists there without a GPU); elsewhere everything lives on meta.
RECORDED_DEVICES: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "recorded_devices", default=False
)


class CannotCheck(Exception):
    """The facts are not enough to build a stand-in."""


def torch_dtype(name: str | None) -> Any:
    import torch

    dtype = getattr(torch, name or "", None)
    if not isinstance(dtype, torch.dtype):
        raise CannotCheck(f"unknown dtype {name!r}")
    return dtype


def tensor(
    facts: TensorFacts | None,
    *,
    expanded: bool = False,
    shape: tuple[int, ...] | None = None,
    dtype: str | None = None,
) -> Any:
    """A tensor with the facts' shape and dtype: on meta, or expanded from one CPU element."""
    import torch

    if facts is None or (facts.shape is None and shape is None):
        raise CannotCheck("no shape recorded")
    size = tuple(shape if shape is not None else facts.shape or ())
    kind = torch_dtype(dtype or facts.dtype or "float32")
    if RECORDED_DEVICES.get():
        return torch.empty(size, dtype=kind, device=facts.device or "cpu")
    if not expanded:
        return torch.empty(size, dtype=kind, device="meta")
    if math.prod(size) > MAX_EXPANDED_ELEMENTS:
        raise CannotCheck("too large to check on the CPU")
    return torch.zeros((), dtype=kind).expand(size)


def _config_value(text: str) -> Any:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def same_value(text: str, default: Any) -> bool:
    """Whether a recorded config value equals a constructor default (`(1, 1)` and `1`)."""
    value = _config_value(text)
    if isinstance(value, tuple) and value and all(item == value[0] for item in value):
        value = value[0] if not isinstance(default, tuple) else value
    return value == default


def layer(facts: ModuleFacts, **overrides: Any) -> Any:
    """A torch.nn layer of the recorded type and sizes, on meta, with `overrides` applied."""
    import torch

    cls = getattr(torch.nn, facts.type_name, None)
    if not (isinstance(cls, type) and issubclass(cls, torch.nn.Module)):
        raise CannotCheck(f"{facts.type_name} is not a torch.nn layer")
    config = {key: _config_value(value) for key, value in facts.config}
    config.update(overrides)
    try:
        built = cls(**config, device="meta")
    except TypeError as error:
        raise CannotCheck(f"cannot rebuild {facts.type_name}: {error}") from None
    if facts.weight is not None and facts.weight.dtype:
        built = built.to(torch_dtype(facts.weight.dtype))
    if RECORDED_DEVICES.get() and facts.weight is not None and facts.weight.device:
        built = built.to_empty(device=facts.weight.device)
    return built


def call_layer(module: Any, inputs: tuple[Any, ...], *, expanded: bool = False) -> Any:
    """Run a stand-in layer; with `expanded`, its parameters become expanded CPU tensors."""
    if not expanded:
        return module(*inputs)
    from torch.func import functional_call

    params = {
        name: tensor(
            TensorFacts(shape=tuple(p.shape), dtype=str(p.dtype).removeprefix("torch.")),
            expanded=True,
        )
        for name, p in [*module.named_parameters(), *module.named_buffers()]
    }
    return functional_call(module, params, inputs)
