"""Small programs the hook tests run in real processes, and how to run them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

CROSS_ENTROPY_CRASH = """\
import sys

import torch
import torch.nn.functional as F


def loss_of(logits, labels):
    return F.cross_entropy(logits, labels)


logits = torch.randn(4, 3)
labels = torch.tensor([0.0, 2.0, 1.0, 1.0])
print("argv", sys.argv[1:])
loss_of(logits, labels)
"""

EXIT_THREE = """\
import sys

print("argv", sys.argv[1:])
sys.exit(3)
"""

THREAD_CRASH = """\
import threading

import torch
import torch.nn.functional as F


def worker():
    logits = torch.randn(4, 3)
    labels = torch.tensor([0.0, 2.0, 1.0, 1.0])
    F.cross_entropy(logits, labels)


thread = threading.Thread(target=worker)
thread.start()
thread.join()
print("main thread done")
"""

MSE_BROADCAST_WARNING = """\
import warnings

import torch
from torch import nn

warnings.simplefilter("always")
criterion = nn.MSELoss()
outputs = torch.randn(16, 1)
targets = torch.randn(16)
for _ in range(2):
    loss = criterion(outputs, targets)
print("trained")
"""

MSE_WARNING_TEXT = (
    "Using a target size (torch.Size([16])) that is different to the input size "
    "(torch.Size([16, 1])). This will likely lead to incorrect results due to broadcasting. "
    "Please ensure they have the same size."
)


def write(directory: Path, name: str, source: str) -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def env(**extra: str) -> dict[str, str]:
    """A child environment: no colour, no model, and torchwhy's switches cleared."""
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"TORCHWHY_DISABLE", "TORCHWHY_JOURNAL", "FORCE_COLOR"}
    }
    base.update({"NO_COLOR": "1", "TORCHWHY_NO_EMBED": "1", "HF_HUB_OFFLINE": "1"})
    base.update(extra)
    return base


def python(*args: str | Path, cwd: Path | None = None, **extra_env: str):
    return subprocess.run(
        [sys.executable, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=cwd,
        env=env(**extra_env),
    )


def torchwhy_run(*args: str | Path, cwd: Path | None = None, **extra_env: str):
    return python("-m", "torchwhy", "run", *args, cwd=cwd, **extra_env)
