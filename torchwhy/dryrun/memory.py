"""The memory estimate: what a real GPU would hold at the peak of a training step.

Parameters, gradients, buffers and optimizer state are counted exactly (unique storages of
the logical-GPU tensors, by dtype). Activations are measured: the tensors autograd saves
for backward during one step (autocast's low-precision weight copies included), weights
excluded. Not modelled: the CUDA context, allocator fragmentation, kernel workspaces and
temporaries. So it is an estimate, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import torch

from torchwhy.dryrun import logical_device
from torchwhy.dryrun.session import passthrough

GiB = 2**30
HEADROOM = 0.9  # above this share of the GPU the estimate warns


def _size(nbytes: int) -> str:
    if nbytes >= GiB:
        return f"{nbytes / GiB:.1f} GiB"
    if nbytes >= 2**20:
        return f"{nbytes / 2**20:.1f} MiB"
    return f"{nbytes / 1024:.1f} KiB"


@dataclass
class MemoryEstimate:
    parameters: int = 0
    gradients: int = 0
    buffers: int = 0
    optimizer_state: int = 0
    activations: int = 0  # peak bytes saved for backward in one step
    device: str = "cuda"
    gpu_memory: int = 0

    @property
    def total(self) -> int:
        return (
            self.parameters
            + self.gradients
            + self.buffers
            + self.optimizer_state
            + self.activations
        )

    @property
    def fits(self) -> bool:
        return self.total <= self.gpu_memory * HEADROOM

    def to_dict(self) -> dict[str, Any]:
        return {
            "estimate": True,
            "device": self.device,
            "parameters_bytes": self.parameters,
            "gradients_bytes": self.gradients,
            "buffers_bytes": self.buffers,
            "optimizer_state_bytes": self.optimizer_state,
            "activations_bytes": self.activations,
            "total_bytes": self.total,
            "gpu_memory_bytes": self.gpu_memory,
            "fits": self.fits,
        }

    def describe(self) -> str:
        gib = _size
        parts = ", ".join(
            f"{name} {gib(value)}"
            for name, value in (
                ("parameters", self.parameters),
                ("gradients", self.gradients),
                ("buffers", self.buffers),
                ("optimizer state", self.optimizer_state),
                ("activations", self.activations),
            )
            if value
        )
        verdict = (
            f"fits {self.gpu_memory / GiB:.0f} GiB"
            if self.fits
            else f"will not fit {self.gpu_memory / GiB:.0f} GiB"
        )
        return (
            f"estimate ({self.device}): ~{gib(self.total)} at the peak of a step ({parts}); "
            f"{verdict} (+ CUDA context and allocator slack, not modelled)"
        )


@dataclass
class MemoryTracker:
    gpu_memory: int
    modules: list[torch.nn.Module] = field(default_factory=list)
    optimizers: list[Any] = field(default_factory=list)
    peak_state: dict[str, int] = field(default_factory=dict)
    activations: int = 0
    peak_activations: int = 0
    _saved: set[int] = field(default_factory=set)
    _weights: set[int] = field(default_factory=set)
    _weights_of: int = -1  # len(modules) when _weights was taken

    def model_state(self) -> dict[str, int]:
        """Bytes of parameters, gradients, buffers and optimizer state on the logical GPU
        (on any device when the script keeps its model on the CPU)."""
        counted: set[int] = set()
        sizes = {"parameters": 0, "gradients": 0, "buffers": 0, "optimizer_state": 0}
        on_gpu = self._on_gpu()

        def add(tensor: Any, kind: str) -> None:
            if not isinstance(tensor, torch.Tensor):
                return
            if on_gpu and logical_device.device_of(tensor).type != "cuda":
                return
            storage = tensor.untyped_storage()
            if storage._cdata not in counted:
                counted.add(storage._cdata)
                sizes[kind] += storage.nbytes()

        with passthrough():
            for module in self.modules:
                for parameter in module.parameters():
                    add(parameter, "parameters")
                    add(parameter.grad, "gradients")
                for buffer in module.buffers():
                    add(buffer, "buffers")
            for optimizer in self.optimizers:
                for group in optimizer.param_groups:
                    for parameter in group["params"]:
                        add(parameter, "parameters")
                        add(parameter.grad, "gradients")
                for state in optimizer.state.values():
                    for value in state.values():
                        add(value, "optimizer_state")
        return sizes

    def _on_gpu(self) -> bool:
        with passthrough():
            for module in self.modules:
                for parameter in module.parameters():
                    return logical_device.device_of(parameter).type == "cuda"
        return True

    def snapshot(self) -> None:
        state = self.model_state()
        if sum(state.values()) > sum(self.peak_state.values()):
            self.peak_state = state

    def step_done(self) -> None:
        self.snapshot()
        self.activations, self._saved = 0, set()

    def pack(self, tensor: torch.Tensor) -> torch.Tensor:
        """saved_tensors_hooks: count each saved storage once per step, weights excluded."""
        with passthrough():
            storage = tensor.untyped_storage()._cdata
            if storage in self._saved:
                return tensor
            if self._weights_of != len(self.modules):
                self._weights_of = len(self.modules)
                self._weights = {
                    p.untyped_storage()._cdata for m in self.modules for p in m.parameters()
                }
            if storage not in self._weights:
                self._saved.add(storage)
                self.activations += tensor.untyped_storage().nbytes()
                self.peak_activations = max(self.peak_activations, self.activations)
        return tensor

    def current_bytes(self) -> int:
        return sum(self.model_state().values()) + self.activations

    def estimate(self) -> MemoryEstimate:
        self.snapshot()
        state = self.peak_state or self.model_state()
        return MemoryEstimate(
            **state,
            activations=self.peak_activations,
            device="cuda" if self._on_gpu() else "cpu",
            gpu_memory=self.gpu_memory,
        )
