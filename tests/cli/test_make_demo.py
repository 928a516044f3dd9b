"""`make demo` shows the example's crash and its reading, and ends cleanly: the recipe checks
the exit status it expects (1, the example's own crash) instead of make ignoring an error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="no make")
def test_make_demo_shows_the_crash_and_ends_cleanly() -> None:
    venv = sys.prefix  # this interpreter's environment stands in for .venv, never rebuilt
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TORCHWHY_", "MAKE"))}
    env.update(TORCHWHY_NO_EMBED="1", NO_COLOR="1", PYTHONPATH=str(REPO))
    done = subprocess.run(
        ["make", "--no-print-directory", "demo", f"VENV={venv}", "-o", f"{venv}/.installed"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    shown = done.stdout + done.stderr
    assert done.returncode == 0, shown
    assert "Error" not in shown.replace("RuntimeError", ""), shown  # no `make: ... Error 1`
    assert "RuntimeError: expected target dtype to be Long or Byte, but got Float" in shown
    assert "torchwhy dtype/target-not-long" in shown
    assert "exit status 1 is the example's own crash" in done.stdout
