"""torch's process-wide switches, put back as they were after code that may flip them.

A knowledge-base snippet, a drill or a dry-run script may set `cudnn.benchmark`, turn on
deterministic algorithms, change the default dtype or switch grad mode off; in a notebook or
a test session the next cell or test would inherit that. torch itself has no save/restore
for these, so the state is read and written through its public getters and setters.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

# What a fresh `import torch` has: restored when torch was first imported inside the block.
_TORCH_DEFAULTS: dict[str, Any] = {
    "default_dtype": "float32",
    "grad": True,
    "anomaly": False,
    "deterministic": False,
    "deterministic_warn_only": False,
    "cudnn_deterministic": False,
    "cudnn_benchmark": False,
}


def _state(torch: Any) -> dict[str, Any]:
    cudnn = torch.backends.cudnn
    return {
        "default_dtype": str(torch.get_default_dtype()).removeprefix("torch."),
        "grad": torch.is_grad_enabled(),
        "anomaly": torch.is_anomaly_enabled(),
        "deterministic": torch.are_deterministic_algorithms_enabled(),
        "deterministic_warn_only": torch.is_deterministic_algorithms_warn_only_enabled(),
        "cudnn_deterministic": cudnn.deterministic,
        "cudnn_benchmark": cudnn.benchmark,
    }


def _restore(torch: Any, state: dict[str, Any]) -> None:
    setters = (
        lambda: torch.set_default_dtype(getattr(torch, state["default_dtype"])),
        lambda: torch.set_grad_enabled(state["grad"]),
        lambda: torch.autograd.set_detect_anomaly(state["anomaly"]),
        lambda: torch.use_deterministic_algorithms(
            state["deterministic"], warn_only=state["deterministic_warn_only"]
        ),
        lambda: setattr(torch.backends.cudnn, "deterministic", state["cudnn_deterministic"]),
        lambda: setattr(torch.backends.cudnn, "benchmark", state["cudnn_benchmark"]),
    )
    for setter in setters:
        with contextlib.suppress(Exception):  # one refused switch must not keep the others
            setter()


@contextlib.contextmanager
def preserved_torch_globals() -> Iterator[None]:
    """Put back torch's process-wide switches (default dtype, grad mode, anomaly detection,
    deterministic algorithms, cuDNN flags) as they were before the block, even when it
    raises (the usual end of a reproduction or a crashing script)."""
    torch = sys.modules.get("torch")
    before = _state(torch) if torch is not None else dict(_TORCH_DEFAULTS)
    try:
        yield
    finally:
        torch = sys.modules.get("torch")
        if torch is not None:
            _restore(torch, before)
