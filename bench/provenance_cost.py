"""How long trace_exception takes on a typical crash, a 20-frame and a 200-frame stack.

Run: python bench/provenance_cost.py. Prints the median and worst of several runs; the
first (cold) run is shown separately because it parses the source files once.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from torchwhy.provenance import rank_culprits, trace_exception

REPEATS = 30


class Block(nn.Module):
    def __init__(self, features: int) -> None:
        super().__init__()
        self.fc = nn.Linear(features, features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.fc(x))


class Model(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.blocks = nn.Sequential(*(Block(64) for _ in range(4)))
        self.blocks[3].fc = nn.Linear(32, 64)  # wrong in_features: 64 arrive
        self.head = nn.Linear(64, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.blocks(x))


MODEL = Model()


def typical_crash() -> BaseException:
    """A shape error deep in a nested model: user frames, nn.Module wrappers, torch."""

    def train_step(batch: dict[str, torch.Tensor]) -> torch.Tensor:
        logits = MODEL(batch["x"])
        return F.cross_entropy(logits, batch["y"])

    try:
        train_step({"x": torch.randn(32, 64), "y": torch.randint(0, 10, (32,))})
    except RuntimeError as error:
        return error
    raise AssertionError("no crash")


def recursive_crash(depth: int) -> BaseException:
    """A dtype error at the bottom of a deep user recursion (200 frames)."""

    def descend(level: int, labels: torch.Tensor) -> torch.Tensor:
        if level == 0:
            return F.cross_entropy(torch.randn(4, 3), labels)
        return descend(level - 1, labels)

    try:
        descend(depth, torch.tensor([0.0, 1.0, 2.0, 1.0]))
    except RuntimeError as error:
        return error
    raise AssertionError("no crash")


def measure(name: str, make_error: Callable[[], BaseException]) -> None:
    error = make_error()
    # Each crash leaves a cycle (error -> traceback -> frame -> error); collect the bench's
    # own garbage first so a full collection does not land inside a timed trace.
    gc.collect()
    frames = 0
    tb = error.__traceback__
    while tb is not None:
        frames, tb = frames + 1, tb.tb_next
    started = time.perf_counter()
    trace_exception(error)
    cold_ms = (time.perf_counter() - started) * 1000
    timings = []
    for _ in range(REPEATS):
        error = make_error()
        gc.collect()
        started = time.perf_counter()
        trace = trace_exception(error)
        rank_culprits(trace, "shape/matmul-mismatch", {}, ["input"])
        timings.append((time.perf_counter() - started) * 1000)
    print(
        f"{name:<22} {frames:>4} frames  cold {cold_ms:6.1f} ms  "
        f"median {statistics.median(timings):6.2f} ms  worst {max(timings):6.2f} ms"
    )


def main() -> None:
    print(f"torch {torch.__version__}, python {sys.version.split()[0]}, {REPEATS} runs each")
    measure("typical (nested model)", typical_crash)
    measure("recursive 20", lambda: recursive_crash(18))
    measure("recursive 200", lambda: recursive_crash(198))


if __name__ == "__main__":
    main()
