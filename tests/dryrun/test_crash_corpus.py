"""The team's crash corpus under a dry run: every script crashes with the exception type,
message and user line its real run gives. Measured share printed; every script must match
(a new mismatch fails, rather than lowering a share)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dryrun.conftest import dry_run, raised_in_dry_run, real_run
from tests.provenance.crash_corpus import crash_paths
from torchwhy.dryrun.report import EXIT_USER_BUG


@pytest.mark.parametrize("path", crash_paths(), ids=lambda path: path.stem)
def test_dry_run_crashes_as_the_real_run_does(path: Path) -> None:
    real = real_run(path)
    report = dry_run(path, scan=False)
    assert real is not None
    assert raised_in_dry_run(report) == real
    assert report.exit_code == EXIT_USER_BUG
    assert report.limit is None
