"""Backward passes and optimizer steps: counted for the phase report, and the points where
the memory estimate takes its snapshots."""

from __future__ import annotations

import time
from typing import Any

import torch
from torch.optim.optimizer import (
    register_optimizer_step_post_hook,
    register_optimizer_step_pre_hook,
)

from torchwhy.dryrun.data_boundary import StopDryRun
from torchwhy.dryrun.memory import MemoryTracker
from torchwhy.dryrun.patches import Patches
from torchwhy.dryrun.session import Session


def install(patches: Patches, session: Session, memory: MemoryTracker) -> list[Any]:
    """Returns hook handles to remove when the dry run ends."""
    progress = session.progress
    original_backward = torch.autograd.backward
    options = session.options
    deadline = time.monotonic() + options.max_seconds

    def within_budget() -> None:
        if time.monotonic() > deadline:
            raise StopDryRun(f"the dry run's time budget of {options.max_seconds:g} s ran out")
        if progress.steps_outside_loaders >= options.free_steps and not progress.active_loaders:
            raise StopDryRun(
                f"{progress.steps_outside_loaders} optimizer steps outside any DataLoader "
                f"(the dry run allows {options.free_steps})"
            )

    def backward(*args: Any, **kwargs: Any) -> Any:
        within_budget()
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
        if not progress.active_loaders:
            progress.steps_outside_loaders += 1
        progress.tick()
        progress.reach("optimizer step")
        memory.step_done()

    patches.set(torch.autograd, "backward", backward)
    return [
        register_optimizer_step_pre_hook(before_step),
        register_optimizer_step_post_hook(after_step),
    ]
