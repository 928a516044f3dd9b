"""The team's crash corpus under a dry run: every script crashes with the exception type,
message and user line its real run gives. Measured share printed; every script must match
(a new mismatch fails, rather than lowering a share)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dryrun.conftest import dry_run, raised_in_dry_run, real_run
from tests.provenance.crash_corpus import crash_paths
from torchwhy.dryrun.report import EXIT_USER_BUG

# Scripts added to the corpus for the tracer's root-cause rules that a dry run does not
# reproduce as the real run does. Strict: when one starts to match, the mark must go.
KNOWN_DIFFERENCES = {
    "config_device_argparse": "asks for CUDA on a CPU-only torch: the dry run lends a logical GPU, so it passes",
    "config_device_constant": "asks for CUDA on a CPU-only torch: the dry run lends a logical GPU, so it passes",
    "inplace_input_of_mul": "autograd's version-counter check does not fire on the dry run's fake tensors",
    "inplace_modified_hidden": "autograd's version-counter check does not fire on the dry run's fake tensors",
    "inplace_relu_module": "autograd's version-counter check does not fire on the dry run's fake tensors",
    "loader_worker_getitem": "the dry run loads with num_workers=0: the error is not wrapped as a worker's",
    "loader_worker_index": "the dry run loads with num_workers=0: the error is not wrapped as a worker's",
    "loader_worker_float_index": "the dry run loads with num_workers=0 (the error is not wrapped as a worker's), and fake tensors raise the float index as a RuntimeError",
    "wrapper_dataparallel_head": "nn.DataParallel is not dry-run (DDP and DataParallel are listed gaps)",
}


def _params():
    for path in crash_paths():
        reason = KNOWN_DIFFERENCES.get(path.stem)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(path, id=path.stem, marks=marks)


@pytest.mark.parametrize("path", _params())
def test_dry_run_crashes_as_the_real_run_does(path: Path) -> None:
    real = real_run(path)
    report = dry_run(path, scan=False)
    assert real is not None
    assert raised_in_dry_run(report) == real
    assert report.exit_code == EXIT_USER_BUG
    assert report.limit is None
