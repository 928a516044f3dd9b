"""`torchwhy.dryrun(model, data, loss_fn, optimizer)`: the dry run of a training step for a
model already built in a notebook, without touching it.

The model's parameters and buffers are not moved or changed: fake copies on the logical
device stand in for them (`torch.func.functional_call`), and the optimizer is rebuilt, same
class and hyperparameters, over those copies. Batches come from the data as given: one
batch (a tensor, an `(inputs, target)` pair, a dict of model keywords) or a DataLoader,
which serves its first and last batch as in a script's dry run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import torch
import torch.utils._pytree as pytree
from torch.func import functional_call
from torch.utils.data import DataLoader

from torchwhy.dryrun import logical_device
from torchwhy.dryrun.data_boundary import to_fake
from torchwhy.dryrun.engine import active_harness, dry_run_callable
from torchwhy.dryrun.report import DryRunReport
from torchwhy.dryrun.session import DryRunOptions, passthrough


def dryrun(
    model: torch.nn.Module,
    data: Any,
    loss_fn: Callable[..., Any] | None = None,
    optimizer: torch.optim.Optimizer | None = None,
    *,
    device: str = "cuda",
    options: DryRunOptions | None = None,
    use_embedding: bool = False,
) -> DryRunReport:
    """Dry-run training steps of `model` on `data` on a logical GPU; return the report.

    `loss_fn(output, target)` for `(inputs, target)` batches; for dict batches the model's
    `.loss` (Hugging Face) or `loss_fn(output, batch)`; with no loss function and no target,
    the output's mean stands in (shapes and memory are what is checked).
    """
    options = options or DryRunOptions(epochs=1)

    def step() -> None:
        harness = active_harness()
        assert harness is not None
        target = logical_device.normalize(device, options.gpus)
        names = _fake_state(harness.mode, model, target)
        holder = torch.nn.ParameterList(
            [p for p in names.values() if isinstance(p, torch.nn.Parameter)]
        )
        harness.memory.modules[:] = [holder]
        rebuilt = _rebuild_optimizer(optimizer, model, names)
        if rebuilt is not None:
            harness.memory.optimizers.append(rebuilt)
        for batch in _batches(data):
            moved = pytree.tree_map(
                lambda t: t.to(target) if isinstance(t, torch.Tensor) else t, batch
            )
            loss = _loss(
                functional_call(model, names, _inputs(moved)[0], _inputs(moved)[1]), moved, loss_fn
            )
            loss.backward()
            if rebuilt is not None:
                rebuilt.step()
                rebuilt.zero_grad()

    report = dry_run_callable(step, options=options, use_embedding=use_embedding)
    report.target = type(model).__name__
    return report


def _fake_state(mode: Any, model: torch.nn.Module, device: torch.device) -> dict[str, Any]:
    """Fake copies of the model's parameters and buffers on `device`, by name."""
    with passthrough():
        state: dict[str, Any] = {}
        for name, parameter in model.named_parameters():
            # Converted as is, never through an op: an op on the real parameter would run
            # for real on an alias of it, and the optimizer would then step the user's model.
            state[name] = to_fake(mode, parameter, device=device, keep_values=False)
            logical_device.tag(state[name], device)
        for name, buffer in model.named_buffers():
            state[name] = to_fake(mode, buffer, device=device, keep_values=False)
    return state


def _rebuild_optimizer(
    optimizer: torch.optim.Optimizer | None, model: torch.nn.Module, state: dict[str, Any]
) -> torch.optim.Optimizer | None:
    if optimizer is None:
        return None
    by_identity = {id(p): state[name] for name, p in model.named_parameters()}
    groups = []
    for group in optimizer.param_groups:
        settings = {k: v for k, v in group.items() if k != "params"}
        groups.append({"params": [by_identity[id(p)] for p in group["params"]], **settings})
    # Every hyperparameter travels in the groups; __init__ fills in nothing else.
    return type(optimizer)(groups)


def _batches(data: Any) -> Iterable[Any]:
    if isinstance(data, DataLoader):
        return data
    return [data]


def _inputs(batch: Any) -> tuple[tuple, dict]:
    if isinstance(batch, dict):
        return (), batch
    if isinstance(batch, (tuple, list)):
        return (batch[0],), {}
    return (batch,), {}


def _loss(output: Any, batch: Any, loss_fn: Callable[..., Any] | None) -> torch.Tensor:
    if isinstance(batch, dict):
        if loss_fn is None:
            return output.loss if getattr(output, "loss", None) is not None else _mean(output)
        return loss_fn(output, batch)
    if isinstance(batch, (tuple, list)) and len(batch) > 1 and loss_fn is not None:
        return loss_fn(output, batch[1])
    return loss_fn(output) if loss_fn is not None else _mean(output)


def _mean(output: Any) -> torch.Tensor:
    tensors = [
        t
        for t in pytree.tree_leaves(output)
        if isinstance(t, torch.Tensor) and t.is_floating_point()
    ]
    return sum(t.float().mean() for t in tensors)  # type: ignore[return-value]
