"""`torchwhy explain`'s usual command lines are read without typer (importing it costs
nearly three `python -c pass`); anything else goes to typer. Both print the same thing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from torchwhy.cli import build_app
from torchwhy.cli.explain_program import ExplainOptions, read_options

MATMUL = "RuntimeError: mat1 and mat2 shapes cannot be multiplied (64x512 and 256x10)"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], ExplainOptions()),
        ([MATMUL], ExplainOptions(MATMUL)),
        (["--json", MATMUL], ExplainOptions(MATMUL, as_json=True)),
        ([MATMUL, "--no-embed", "--json"], ExplainOptions(MATMUL, True, True)),
        (["--", "--json"], ExplainOptions("--json")),
        (["-"], ExplainOptions("-")),
        ([""], ExplainOptions("")),
    ],
)
def test_the_usual_command_lines(argv: list[str], expected: ExplainOptions) -> None:
    assert read_options(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["-h"],
        ["--file", "log.txt"],
        ["-f", "log.txt"],
        ["--top", "3", MATMUL],
        ["--jsn", MATMUL],
        ["--json=1", MATMUL],
        [MATMUL, "another text"],
        ["--", MATMUL, "another text"],
    ],
)
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert read_options(argv) is None


def _process(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "torchwhy", "explain", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
    )


@pytest.mark.parametrize(
    "args",
    [
        [MATMUL, "--no-embed"],
        ["--json", "--no-embed", MATMUL],
        ["--no-embed", "the frobnicator refused to quux the widget array today"],
        ["--json", "--no-embed", ""],
    ],
)
def test_the_fast_path_prints_what_typer_prints(args: list[str]) -> None:
    fast = _process(*args)
    through_typer = CliRunner().invoke(
        build_app(["explain"]), ["explain", *args], env={"NO_COLOR": "1", "COLUMNS": "100"}
    )
    assert fast.returncode == through_typer.exit_code
    assert fast.stdout == through_typer.stdout
    assert fast.stderr == through_typer.stderr


def test_a_rule_answer_imports_no_cli_framework() -> None:
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['torchwhy', 'explain', '--no-embed', sys.argv[1]]\n"
        "try:\n    runpy.run_module('torchwhy', run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    loaded = sorted(m for m in ('typer', 'click', 'rich', 'rapidfuzz') if m in sys.modules)\n"
        "    print(done.code, loaded, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, MATMUL],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert "shape/matmul-mismatch" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "0 []"
