"""`torchwhy dryrun`: the traceback and reading, the summary, the JSON report and the
documented exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.dryrun.conftest import EXAMPLE, SCRIPTS, environment
from torchwhy.cli import app
from torchwhy.dryrun.phases import PHASES


def _invoke(*args: str, **env: str):
    with environment(**env):
        return CliRunner().invoke(app, ["dryrun", "--no-embed", *args])


def test_clean_script_passes_with_every_phase_and_a_layer_table(tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    result = _invoke("--table", "--report", str(report_path), str(EXAMPLE), BUG="0")
    assert result.exit_code == 0, result.output
    report = json.loads(report_path.read_text())
    assert report["status"] == "passed" and report["diagnosis"] is None
    assert [p["phase"] for p in report["phases"] if p["reached"]] == list(PHASES)
    assert [row["module"] for row in report["layers"][:3]] == [
        "Net",
        "Net.features",
        "Net.features.0",
    ]
    first_conv = report["layers"][2]
    assert first_conv == {
        "module": "Net.features.0",
        "type": "Conv2d",
        "inputs": [{"shape": [32, 3, 32, 32], "dtype": "float32", "device": "cuda:0"}],
        "outputs": [{"shape": [32, 32, 32, 32], "dtype": "float16", "device": "cuda:0"}],
        "parameters": 896,
        "mode": "train",
    }
    assert {row["mode"] for row in report["layers"]} == {"train", "eval"}
    assert report["memory"]["estimate"] is True
    assert report["assumptions"] and all(
        "where" in a and "value" in a for a in report["assumptions"]
    )
    assert "Net.features.0     Conv2d" in result.output  # the text table


def test_crash_report_holds_the_diagnosis(tmp_path: Path) -> None:
    report_path, html_path = tmp_path / "report.json", tmp_path / "report.html"
    result = _invoke("--report", str(report_path), "--html", str(html_path), str(EXAMPLE), BUG="1")
    page = html_path.read_text()
    assert "mat1 and mat2 shapes cannot be multiplied (32x4096 and 3136x128)" in page
    assert "<td>Net.features.0</td><td>Conv2d</td><td>(32, 3, 32, 32) float32 cuda:0</td>" in page
    assert result.exit_code == 1
    assert (
        "RuntimeError: mat1 and mat2 shapes cannot be multiplied (32x4096 and 3136x128)"
        in result.output
    )
    report = json.loads(report_path.read_text())
    assert report["diagnosis"]["category"] == "shape/matmul-mismatch"
    assert report["crash"]["line"] == 59


def test_exit_statuses_tell_bug_finding_and_limit_apart() -> None:
    assert _invoke(str(SCRIPTS / "late_bad_token.py")).exit_code == 2
    assert _invoke(str(SCRIPTS / "custom_op_no_fake.py")).exit_code == 3
    assert (
        _invoke("--gpu", "t4", "--gpu-memory", "0.001", str(SCRIPTS / "mlp_adamw.py")).exit_code
        == 2
    )


def test_gpu_name_and_count_reach_the_script() -> None:
    result = _invoke("--gpu", "a100-40gb", "--gpus", "2", str(SCRIPTS / "gpu_info.py"))
    assert result.exit_code == 0, result.output
    assert "NVIDIA A100-SXM4-40GB 2 40" in result.output
    refused = _invoke("--gpu", "quantum-9000", str(SCRIPTS / "gpu_info.py"))
    assert refused.exit_code == 2 and "unknown --gpu 'quantum-9000'" in refused.output


def test_missing_script_is_a_clear_answer() -> None:
    result = _invoke("no_such_script.py")
    assert result.exit_code == 2
    assert "can't open file" in result.output


def test_a_module_runs_like_python_dash_m(monkeypatch) -> None:
    monkeypatch.chdir(SCRIPTS)
    result = _invoke("-m", "pkg.train", "--lr", "3")
    assert result.exit_code == 1
    assert "argv ['--lr', '3']" in result.output
    assert "found at least two devices, cuda:0 and cpu!" in result.output
    assert "only on a GPU" in result.output


def test_an_endless_hand_written_loop_is_stopped() -> None:
    result = _invoke("--report", "/dev/stdout", str(SCRIPTS / "endless_loop.py"))
    assert result.exit_code == 0, result.output
    assert "4 optimizer steps outside any DataLoader (the dry run allows 4)" in result.output
