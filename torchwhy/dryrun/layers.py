"""The layer table of the real step: every module as the batch went through it (path, input
and output shapes, dtypes, logical devices, parameters, train/eval), first call per mode.
Also the phase tracker's view of forward passes (training, validation, post-training)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import torch
import torch.utils._pytree as pytree
from torch.nn.modules.module import (
    register_module_forward_hook,
    register_module_forward_pre_hook,
)

from torchwhy.dryrun import logical_device
from torchwhy.dryrun.session import Session, passthrough

MAX_TENSORS_SHOWN = 3


@dataclass(frozen=True)
class TensorSpec:
    shape: tuple[int, ...]
    dtype: str
    device: str

    def __str__(self) -> str:
        return f"{self.shape} {self.dtype} {self.device}"


@dataclass(frozen=True)
class LayerRow:
    module: str  # path from the root model: "Net.features.0"
    type: str
    inputs: list[TensorSpec]
    outputs: list[TensorSpec]
    parameters: int  # its own, not its children's
    mode: str  # "train" or "eval"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _specs(tree: Any) -> list[TensorSpec]:
    tensors = [t for t in pytree.tree_leaves(tree) if isinstance(t, torch.Tensor)]
    return [
        TensorSpec(
            tuple(t.shape), str(t.dtype).removeprefix("torch."), str(logical_device.device_of(t))
        )
        for t in tensors[:MAX_TENSORS_SHOWN]
    ]


class LayerRecorder:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.names: dict[int, str] = {}
        self.roots: list[torch.nn.Module] = []
        self.rows: dict[tuple[str, str], LayerRow] = {}
        self.order: dict[tuple[str, str], int] = {}  # call order: a parent before its children
        self._handles: list[Any] = []

    def start(self) -> None:
        self._handles = [
            register_module_forward_pre_hook(self._before),
            register_module_forward_hook(self._after),
        ]

    def stop(self) -> None:
        for handle in self._handles:
            handle.remove()

    def _before(self, module: torch.nn.Module, _inputs: Any) -> None:
        if id(module) not in self.names:  # a module no known model contains: a new root
            self.roots.append(module)
            root = type(module).__name__
            with passthrough():
                for path, child in module.named_modules():
                    self.names.setdefault(id(child), f"{root}.{path}" if path else root)
        name = self.names.get(id(module), type(module).__name__)
        self.order.setdefault((name, "train" if module.training else "eval"), len(self.order))
        progress = self.session.progress
        progress.tick()
        training = module.training and torch.is_grad_enabled()
        if training:
            progress.reach("forward")
        elif progress.backwards and progress.active_loaders:
            progress.reach("validation")
        if progress.training_loader_done and not progress.active_loaders:
            progress.reach("post-training")

    def _after(self, module: torch.nn.Module, inputs: Any, output: Any) -> None:
        name = self.names.get(id(module), type(module).__name__)
        mode = "train" if module.training else "eval"
        if (name, mode) in self.rows:
            return
        with passthrough():
            own = sum(p.numel() for p in module.parameters(recurse=False))
            self.rows[(name, mode)] = LayerRow(
                name, type(module).__name__, _specs(inputs), _specs(output), own, mode
            )

    def table(self) -> list[LayerRow]:
        return sorted(self.rows.values(), key=lambda r: self.order.get((r.module, r.mode), 0))


def format_table(rows: list[LayerRow], width: int = 60) -> str:
    header = ("module", "type", "input", "output", "params", "mode")
    cells = [header] + [
        (
            r.module,
            r.type,
            ", ".join(map(str, r.inputs)),
            ", ".join(map(str, r.outputs)),
            f"{r.parameters:,}",
            r.mode,
        )
        for r in rows
    ]
    widths = [min(max(len(row[i]) for row in cells), width) for i in range(len(header))]
    lines = [
        "  ".join(c[: widths[i]].ljust(widths[i]) for i, c in enumerate(row)).rstrip()
        for row in cells
    ]
    return "\n".join(lines)
