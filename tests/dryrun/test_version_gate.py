"""The private torch APIs the dry run uses are gated to tested torch versions; outside them
a self-check decides, and the report says so."""

from __future__ import annotations

import pytest

from tests.dryrun.conftest import SCRIPTS, dry_run
from torchwhy.dryrun import version_gate
from torchwhy.dryrun.report import EXIT_CANNOT_CONTINUE, EXIT_PASSED


def test_this_torch_is_tested_and_complete() -> None:
    assert version_gate.torch_version() in version_gate.TESTED
    assert version_gate.missing_internals() == []
    assert version_gate.gate() is None


def test_self_check_trains_a_step_on_the_logical_gpu() -> None:
    assert version_gate.self_check() is None


def test_too_old_a_torch_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(version_gate, "torch_version", lambda: (2, 4))
    report = dry_run(SCRIPTS / "mlp_adamw.py")
    assert report.exit_code == EXIT_CANNOT_CONTINUE
    assert report.limit is not None and "older than 2.5" in report.limit


def test_an_untested_torch_runs_after_the_self_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(version_gate, "torch_version", lambda: (2, 99))
    report = dry_run(SCRIPTS / "mlp_adamw.py")
    assert report.exit_code == EXIT_PASSED
    assert any("not among the tested versions" in note for note in report.notes)


def test_a_failing_self_check_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(version_gate, "torch_version", lambda: (2, 99))
    monkeypatch.setattr(version_gate, "self_check", lambda: "backward failed")
    report = dry_run(SCRIPTS / "mlp_adamw.py")
    assert report.exit_code == EXIT_CANNOT_CONTINUE
    assert report.limit is not None and report.limit.endswith(
        "the self-check failed: backward failed"
    )


def test_missing_internals_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from torch._subclasses import fake_tensor

    monkeypatch.delattr(fake_tensor, "unset_fake_temporarily")
    assert version_gate.missing_internals() == ["unset_fake_temporarily"]
