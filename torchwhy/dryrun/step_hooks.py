"""Backward passes and optimizer steps: counted for the phase report, and the points where
the memory estimate takes its snapshots."""

from __future__ import annotations

from typing import Any

import torch
from torch.optim.optimizer import (
    register_optimizer_step_post_hook,
    register_optimizer_step_pre_hook,
)

from torchwhy.dryrun.memory import MemoryTracker
from torchwhy.dryrun.patches import Patches
from torchwhy.dryrun.session import Session


def install(patches: Patches, session: Session, memory: MemoryTracker) -> list[Any]:
    """Returns hook handles to remove when the dry run ends."""
    progress = session.progress
    original_backward = torch.autograd.backward

    def backward(*args: Any, **kwargs: Any) -> Any:
        progress.backwards += 1
        progress.tick()
        progress.reach("backward" if progress.backwards == 1 else "second backward")
        memory.snapshot()
        return original_backward(*args, **kwargs)

    def before_step(optimizer: Any, _args: Any, _kwargs: Any) -> None:
        if optimizer not in memory.optimizers:
            memory.optimizers.append(optimizer)
        memory.snapshot()

    def after_step(_optimizer: Any, _args: Any, _kwargs: Any) -> None:
        progress.optimizer_steps += 1
        progress.tick()
        progress.reach("optimizer step")
        memory.step_done()

    patches.set(torch.autograd, "backward", backward)
    return [
        register_optimizer_step_pre_hook(before_step),
        register_optimizer_step_post_hook(after_step),
    ]
