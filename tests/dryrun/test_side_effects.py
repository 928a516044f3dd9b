"""No side effects: files and checkpoints stay in memory and are listed, the network is
refused, and every value read from the model is listed as an assumption with its line."""

from __future__ import annotations

import contextlib
import io
import os

from tests.dryrun.conftest import SCRIPTS
from torchwhy.dryrun.engine import dry_run_script
from torchwhy.dryrun.report import EXIT_PASSED
from torchwhy.dryrun.session import DryRunOptions

SCRIPT = SCRIPTS / "side_effects.py"


def test_writes_are_virtual_and_listed(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        report = dry_run_script(str(SCRIPT), [], options=DryRunOptions(), use_embedding=False)
    assert report.exit_code == EXIT_PASSED, report.crash and report.crash.traceback
    assert os.listdir(tmp_path) == []
    writes = report.file_writes
    assert writes[0] == "os.makedirs('dryrun_side_effects_out') (not created)"
    assert "open('dryrun_side_effects_out/log.json', 'w') (kept in memory)" in writes
    assert any(w.startswith("torch.save dryrun_side_effects_out/model.pt") for w in writes)
    assert {"checkpoint save", "checkpoint load", "script end"} <= set(report.phases)
    assert "network reached: False" in printed.getvalue()


def test_model_values_read_on_the_host_are_assumptions() -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        report = dry_run_script(str(SCRIPT), [], options=DryRunOptions(), use_embedding=False)
    lines = {a.where.rsplit(":", 1)[1]: a for a in report.assumptions}
    source = SCRIPT.read_text().splitlines()
    guard = source.index("if loss.item() > 100:") + 1
    assert lines[str(guard)].value == "1.0"
    assert lines[str(guard)].code == "if loss.item() > 100:"
    assert all(a.where.startswith(str(SCRIPT)) for a in report.assumptions)
