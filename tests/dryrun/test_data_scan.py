"""The data scan finds what a real run meets late: an index out of range in a batch the
dry run did not step through. It reads data only."""

from __future__ import annotations

from tests.dryrun.conftest import SCRIPTS, dry_run, real_run
from torchwhy.dryrun.report import EXIT_FINDING, EXIT_PASSED

SCRIPT = SCRIPTS / "late_bad_token.py"


def test_scan_names_batch_field_and_value() -> None:
    real = real_run(SCRIPT)
    assert real is not None and real.message == "index out of range in self"
    report = dry_run(SCRIPT)
    assert report.crash is None  # the first and last batches are clean
    assert report.exit_code == EXIT_FINDING
    (finding,) = report.data_findings
    assert (finding.field, finding.batch, finding.batches) == ("['tokens']", 3, 4)
    assert (finding.value, finding.bound, finding.used_as) == (53, 50, "nn.Embedding index")
    assert "batch 3 of 4" in report.findings[0]
    labels = [c for c in report.to_dict()["findings"] if c["kind"] == "index out of range"]
    assert labels and labels[0]["value"] == 53


def test_without_the_scan_the_run_passes() -> None:
    report = dry_run(SCRIPT, scan=False)
    assert report.exit_code == EXIT_PASSED
    assert report.data_findings == []


def test_class_count_with_ignore_index() -> None:
    script = SCRIPTS / "late_bad_label.py"
    real = real_run(script)
    assert real is not None and real.message == "Target 7 is out of bounds."
    report = dry_run(script)
    assert report.exit_code == EXIT_FINDING, report.crash and report.crash.traceback
    (finding,) = report.data_findings
    assert (finding.loader, finding.field, finding.batch) == (
        "DataLoader(TensorDataset, batch_size=16)",
        "[1]",
        2,
    )
    assert (finding.value, finding.bound) == (7, 5)
    assert finding.used_as == "class index (CrossEntropy/NLL target)"
