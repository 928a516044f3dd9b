"""What the dry run cannot do ends with exit 3 and says why; it never poses as a user bug."""

from __future__ import annotations

from tests.dryrun.conftest import SCRIPTS, dry_run
from torchwhy.dryrun.report import EXIT_CANNOT_CONTINUE


def test_custom_op_without_a_fake_kernel() -> None:
    report = dry_run(SCRIPTS / "custom_op_no_fake.py")
    assert report.exit_code == EXIT_CANNOT_CONTINUE
    assert report.diagnosis is None
    assert report.limit is not None and "torchwhy_dryrun_test::twice" in report.limit
    assert report.crash is not None and report.crash.code is not None
    assert report.crash.code.startswith("print(twice(")


def test_cuda_only_package() -> None:
    report = dry_run(SCRIPTS / "cuda_only_import.py")
    assert report.exit_code == EXIT_CANNOT_CONTINUE
    assert report.limit == "the CUDA-only package 'flash_attn' cannot be imported on this machine"


def test_packed_sequences_are_a_limit_not_a_bug() -> None:
    report = dry_run(SCRIPTS / "packed_lstm.py")
    assert report.exit_code == EXIT_CANNOT_CONTINUE
    assert report.diagnosis is None
    assert report.crash is not None and report.crash.code == "output, _ = lstm(packed)"
