"""The memory estimate: parameters, gradients and optimizer state agree with torch's own
memory tracker on a real (CPU) step; the estimate is compared with the declared GPU."""

from __future__ import annotations

import runpy

from tests.dryrun.conftest import SCRIPTS, dry_run
from torchwhy.dryrun.report import EXIT_FINDING, EXIT_PASSED

SCRIPT = SCRIPTS / "mlp_adamw.py"


def _tracked_by_torch() -> dict[str, int]:
    from torch.distributed._tools.mem_tracker import MemTracker

    script = runpy.run_path(str(SCRIPT))
    model, optimizer = script["build"]()
    tracker = MemTracker()
    tracker.track_external(model, optimizer)
    with tracker:
        script["step"](model, optimizer, "cpu")
    snapshot = tracker.get_tracker_snapshot()
    (per_kind,) = snapshot.values()
    return {str(kind).rsplit(".", 1)[-1]: size for kind, size in per_kind.items()}


def test_model_state_agrees_with_torch_memtracker() -> None:
    torch_says = _tracked_by_torch()
    report = dry_run(SCRIPT)
    assert report.exit_code == EXIT_PASSED
    memory = report.memory
    assert memory is not None and memory.device == "cuda"
    assert memory.parameters == torch_says["PARAM"] == 4 * (256 * 512 + 512 + 512 * 10 + 10)
    assert memory.gradients == torch_says["GRAD"]
    # AdamW keeps its `step` counters (one float32 scalar per parameter) on the CPU when the
    # parameters are on a GPU (neither capturable nor fused): not GPU memory. Everything is
    # on the CPU in the tracked run, so torch counts them.
    step_counters = 4 * 4
    assert memory.optimizer_state == torch_says["OPT"] - step_counters
    assert memory.activations > 0


def test_estimate_over_the_declared_gpu_is_a_finding() -> None:
    report = dry_run(SCRIPT, gpu_memory_gb=0.001)
    assert report.exit_code == EXIT_FINDING
    assert report.memory is not None and not report.memory.fits
    assert any(
        f.startswith("memory: estimate (cuda)") and "will not fit" in f for f in report.findings
    )
    assert report.to_dict()["memory"]["estimate"] is True
