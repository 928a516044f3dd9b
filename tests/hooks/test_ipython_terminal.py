"""`%load_ext torchwhy` in terminal IPython (a real `ipython` process): IPython's traceback,
one blank line, then the reading, with the cell named as IPython names it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("IPython")

pytestmark = pytest.mark.slow

CRASH = """\
import torch
import torch.nn.functional as F
logits = torch.randn(4, 3)
labels = torch.tensor([0.0, 2.0, 1.0, 1.0])
F.cross_entropy(logits, labels)"""

IPYTHON = [sys.executable, "-m", "IPython", "--no-banner", "--colors=nocolor"]
REPO = Path(__file__).resolve().parents[2]


def test_blank_line_between_the_error_and_the_reading(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TORCHWHY_")}
    env.update(
        TORCHWHY_NO_EMBED="1",
        NO_COLOR="1",
        HF_HUB_OFFLINE="1",
        COLUMNS="100",
        IPYTHONDIR=str(tmp_path / "ipython"),  # no user profile or startup files
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
    )
    done = subprocess.run(
        [*IPYTHON, "--ext=torchwhy", "-c", CRASH],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=240,
        check=False,
    )
    lines = done.stdout.splitlines()
    error = "RuntimeError: expected target dtype to be Long or Byte, but got Float"
    assert error in lines, done.stdout + done.stderr
    after_error = lines[lines.index(error) + 1 :]
    assert after_error[0] == "", done.stdout
    assert after_error[1].startswith("torchwhy dtype/target-not-long"), done.stdout
    assert any(
        line.startswith("Culprit: labels") and "at Cell In[1], line 5" in line for line in lines
    )
