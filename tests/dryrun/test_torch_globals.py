"""A dry run leaves torch's process-wide switches as it found them, whether the script
passes or crashes: in a notebook the next cell would otherwise run with the script's
`cudnn.benchmark = True`, deterministic algorithms, float64 default or grad mode off."""

from __future__ import annotations

import contextlib
import io

import pytest
import torch

from torchwhy.dryrun.engine import dry_run_callable, dry_run_script
from torchwhy.dryrun.report import EXIT_PASSED, EXIT_USER_BUG
from torchwhy.dryrun.session import DryRunOptions

FLIP_EVERYTHING = """\
import torch
torch.backends.cudnn.benchmark = True
torch.backends.cudnn.deterministic = True
torch.use_deterministic_algorithms(True, warn_only=True)
torch.set_default_dtype(torch.float64)
torch.set_grad_enabled(False)
torch.autograd.set_detect_anomaly(True)
model = torch.nn.Linear(8, 4).to("cuda")
x = torch.randn(2, 8, device="cuda")
"""


def _switches() -> dict[str, object]:
    return {
        "cudnn.benchmark": torch.backends.cudnn.benchmark,
        "cudnn.deterministic": torch.backends.cudnn.deterministic,
        "deterministic": torch.are_deterministic_algorithms_enabled(),
        "warn_only": torch.is_deterministic_algorithms_warn_only_enabled(),
        "default_dtype": torch.get_default_dtype(),
        "grad": torch.is_grad_enabled(),
        "anomaly": torch.is_anomaly_enabled(),
    }


# torch's own defaults, which the scripts below all change: a test that starts elsewhere would
# prove nothing (and means something earlier leaked).
FRESH = {
    "cudnn.benchmark": False,
    "cudnn.deterministic": False,
    "deterministic": False,
    "warn_only": False,
    "default_dtype": torch.float32,
    "grad": True,
    "anomaly": False,
}


@pytest.mark.parametrize(
    ("last_line", "exit_code"),
    [("model(x)\n", EXIT_PASSED), ("model(x[:, :5])\n", EXIT_USER_BUG)],
    ids=["passes", "crashes"],
)
def test_a_script_cannot_leak_torch_switches(tmp_path, last_line, exit_code) -> None:
    script = tmp_path / "flips.py"
    script.write_text(FLIP_EVERYTHING + last_line)
    assert _switches() == FRESH
    with contextlib.redirect_stdout(io.StringIO()):
        report = dry_run_script(str(script), [], options=DryRunOptions(), use_embedding=False)
    assert report.exit_code == exit_code, report.crash and report.crash.traceback
    assert _switches() == FRESH


def test_a_notebook_step_cannot_leak_torch_switches() -> None:
    def step() -> None:
        torch.backends.cudnn.benchmark = True
        torch.set_default_dtype(torch.float64)
        torch.set_grad_enabled(False)

    assert _switches() == FRESH
    report = dry_run_callable(step, options=DryRunOptions(), check_version=False)
    assert report.exit_code == EXIT_PASSED
    assert _switches() == FRESH
