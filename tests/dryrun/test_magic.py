"""`%dryrun script.py` and `%%dryrun` in IPython (after `%load_ext torchwhy`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from IPython.core.interactiveshell import InteractiveShell

from tests.dryrun.conftest import SCRIPTS

CELL = """
import torch
from torch import nn
model = nn.Linear(8, 4).cuda()
model(torch.randn(2, 9, device="cuda"))
"""


@pytest.fixture
def shell() -> Iterator[Any]:
    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "torchwhy")
    yield ip
    ip.run_line_magic("unload_ext", "torchwhy")


def test_line_magic_dry_runs_a_script(shell: Any, capsys: pytest.CaptureFixture[str]) -> None:
    shell.run_line_magic("dryrun", f"--table {SCRIPTS / 'mlp_adamw.py'}")
    out = capsys.readouterr().out
    assert "torchwhy dryrun: passed" in out
    assert "Sequential.0" in out and "(32, 256) float32 cuda:0" in out


def test_cell_magic_runs_the_cell_on_its_own(
    shell: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    shell.user_ns["model"] = "the notebook's own"
    shell.run_cell_magic("dryrun", "", CELL)
    out = capsys.readouterr().out
    assert "RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x9 and 8x4)" in out
    assert "torchwhy dryrun: crashed" in out
    assert shell.user_ns["model"] == "the notebook's own"


def test_unload_removes_the_magic(shell: Any) -> None:
    shell.run_line_magic("unload_ext", "torchwhy")
    assert "dryrun" not in shell.magics_manager.magics["line"]
    shell.run_line_magic("load_ext", "torchwhy")
