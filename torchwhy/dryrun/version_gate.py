"""The dry run stands on private torch internals; it runs only where they were tested.

Private APIs used: `FakeTensorMode` (its `in_kernel_invocation`, `from_tensor`, the
`FakeTensor.device` property and `.constant`), `unset_fake_temporarily`,
`torch._C._nn._parse_to`, the global module and optimizer hooks, and the exceptions
`DynamicOutputShapeException` / `UnsupportedOperatorException`. Outside the tested versions a
self-check (a logical-GPU training step of a small model) decides, and says so.
"""

from __future__ import annotations

import re

import torch

TESTED = ((2, 13),)  # torch minor versions the test suite ran on
OLDEST = (2, 5)  # FakeTensorMode before this differs too much to try


def torch_version() -> tuple[int, int]:
    found = re.match(r"(\d+)\.(\d+)", torch.__version__)
    return (int(found[1]), int(found[2])) if found else (0, 0)


def missing_internals() -> list[str]:
    """Names of the private APIs this torch lacks."""
    from torch._subclasses import fake_tensor
    from torch.optim import optimizer

    wanted = {
        "torch._subclasses.fake_tensor.FakeTensorMode": hasattr(fake_tensor, "FakeTensorMode"),
        "unset_fake_temporarily": hasattr(fake_tensor, "unset_fake_temporarily"),
        "DynamicOutputShapeException": hasattr(fake_tensor, "DynamicOutputShapeException"),
        "UnsupportedOperatorException": hasattr(fake_tensor, "UnsupportedOperatorException"),
        "FakeTensor.device property": isinstance(
            getattr(fake_tensor, "FakeTensor", object).__dict__.get("device"), property
        ),
        "torch._C._nn._parse_to": hasattr(torch._C._nn, "_parse_to"),
        "register_module_forward_hook": hasattr(
            torch.nn.modules.module, "register_module_forward_hook"
        ),
        "register_optimizer_step_post_hook": hasattr(
            optimizer, "register_optimizer_step_post_hook"
        ),
    }
    return [name for name, present in wanted.items() if not present]


def gate() -> str | None:
    """None when the dry run may run here; else the reason it may not. Untested versions
    in range run the self-check first."""
    version = torch_version()
    shown = f"torch {torch.__version__}"
    if version < OLDEST:
        return f"{shown} is older than {OLDEST[0]}.{OLDEST[1]}, the oldest the dry run supports"
    missing = missing_internals()
    if missing:
        return f"{shown} lacks the internals the dry run needs: {', '.join(missing)}"
    if version in TESTED:
        return None
    problem = self_check()
    if problem:
        return f"{shown} is not among the tested versions and the self-check failed: {problem}"
    return None


def untested_note() -> str | None:
    version = torch_version()
    if version in TESTED:
        return None
    tested = ", ".join(f"{major}.{minor}" for major, minor in TESTED)
    return f"torch {torch.__version__} is not among the tested versions ({tested}); the self-check passed"


def self_check() -> str | None:
    """A small model trained one step on the logical GPU: None when it behaves."""
    from torchwhy.dryrun.engine import dry_run_callable

    def step() -> None:
        model = torch.nn.Sequential(
            torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2)
        ).cuda()
        optimizer = torch.optim.AdamW(model.parameters())
        batch = torch.ones(5, 4, device="cuda")
        loss = torch.nn.functional.cross_entropy(
            model(batch), torch.zeros(5, dtype=torch.long).cuda()
        )
        loss.backward()
        optimizer.step()
        if str(loss.device) != "cuda:0" or model[0].weight.grad is None:
            raise AssertionError(f"logical device lost: {loss.device}")
        try:
            model(batch.cpu())
        except RuntimeError as error:
            if "same device" in str(error):
                return
        raise AssertionError("a cpu batch into a cuda model was not refused")

    try:
        report = dry_run_callable(step, check_version=False)
    except Exception as error:  # the self-check must answer, not crash
        return f"{type(error).__name__}: {error}"
    if report.crash is not None:
        return f"{report.crash.exception_type}: {report.crash.message}"
    return None
