"""`torchwhy run`'s usual command line is read without typer (it costs more than the 3% a
run may add); anything unusual goes to typer, which gives the same options."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from torchwhy.cli.run_program import RunOptions, read_options


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["train.py"], RunOptions("train.py")),
        (["train.py", "--lr", "0.1", "-m"], RunOptions("train.py", ["--lr", "0.1", "-m"])),
        (["-m", "pkg.train", "--epochs", "2"], RunOptions("pkg.train", ["--epochs", "2"], True)),
        (
            ["--report", "out.json", "--no-warnings", "--no-embed", "--journal", "t.py", "x"],
            RunOptions("t.py", ["x"], False, Path("out.json"), False, False, True),
        ),
        (
            ["--report=r.json", "--no-journal", "t.py"],
            RunOptions("t.py", report=Path("r.json"), journal=False),
        ),
    ],
)
def test_the_usual_command_lines(argv: list[str], expected: RunOptions) -> None:
    assert read_options(argv) == expected


@pytest.mark.parametrize(
    "argv", [[], ["--help"], ["--report"], ["--verbose", "t.py"], ["--", "t.py"], ["-m"]]
)
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert read_options(argv) is None


def test_a_run_imports_no_cli_framework(tmp_path: Path) -> None:
    script = tmp_path / "probe.py"
    script.write_text(
        "import sys\nprint(sorted(m for m in ('typer', 'click', 'rich') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "torchwhy", "run", str(script)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_help_still_comes_from_typer() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "torchwhy", "run", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert "--report" in result.stdout and "SCRIPT" in result.stdout
