"""The example training script's 11 planted bugs: each one caught by the dry run with the
exception type, message and line a real run gives (or, for the GPU-only bug, the error a
GPU run gives), in a fraction of the real run's time."""

from __future__ import annotations

import pytest

from tests.dryrun.conftest import EXAMPLE, dry_run, raised_in_dry_run, real_run
from torchwhy.dryrun.report import EXIT_USER_BUG

# The bugs a real CPU run also crashes on; EPOCHS=1 keeps the late ones' real runs short
# (the crash is in the first epoch or after training either way).
CPU_VISIBLE = {
    1: "wrong in_features after flatten",
    2: "float targets to CrossEntropyLoss",
    3: "1-channel data into Conv2d(3, ...)",
    5: "permute then view",
    6: "BCE target shape",
    7: "token id out of range in the last batch",
    8: "in-place clamp of parameters outside no_grad",
    9: "inference without the batch dimension, after training",
    10: "batch size hard-coded, the last batch is partial",
    11: "a running statistic keeps its graph: second backward",
}


@pytest.mark.parametrize("bug", sorted(CPU_VISIBLE), ids=lambda bug: f"bug{bug}")
def test_dry_run_raises_what_the_real_run_raises(bug: int) -> None:
    real = real_run(EXAMPLE, BUG=str(bug), EPOCHS="1")
    report = dry_run(EXAMPLE, env={"BUG": str(bug)})
    assert real is not None, "the planted bug no longer crashes a real run"
    assert raised_in_dry_run(report) == real
    assert report.exit_code == EXIT_USER_BUG
    assert report.diagnosis is not None and report.diagnosis.is_known


def test_late_bugs_say_when_a_real_run_meets_them() -> None:
    partial = dry_run(EXAMPLE, env={"BUG": "10"})
    assert partial.crash is not None
    assert "batch 16 of 16 (the last, partial batch)" in partial.crash.when
    after_training = dry_run(EXAMPLE, env={"BUG": "9"})
    assert after_training.crash is not None
    assert "after all of training" in after_training.crash.when
    assert "post-training" in after_training.phases


def test_labels_left_on_the_cpu_are_caught_without_a_gpu() -> None:
    """BUG=4: a CPU run trains happily; a GPU run dies at the loss. The dry run, on this
    CPU-only machine, raises PyTorch's device-mismatch error at the user's line."""
    report = dry_run(EXAMPLE, env={"BUG": "4"})
    assert report.crash is not None
    assert report.crash.exception_type == "RuntimeError"
    assert report.crash.message == (
        "Expected all tensors to be on the same device, but found at least two devices, "
        "cuda:0 and cpu!"
    )
    assert report.crash.code == "loss = ce(logits, label)"
    assert report.crash.when.startswith("only on a GPU")
    assert report.diagnosis is not None and report.diagnosis.category == "device/tensor-mismatch"
