"""Commands that answer one message load numpy with one BLAS thread; `torchwhy run` leaves the
user's program as it would run without torchwhy."""

from __future__ import annotations

import os
import subprocess
import sys

EMBEDDING_MESSAGE = "the target dtype must be long not float"  # read by the embedding stage

_AFTER_AN_EMBEDDING_ANSWER = f"""
import os, sys
from torchwhy.cli.explain_program import explain_and_print
explain_and_print({EMBEDDING_MESSAGE!r}, None, True, 0, False)
assert "numpy" in sys.modules, "the embedding stage did not run"
print(os.environ.get("OPENBLAS_NUM_THREADS"))
"""


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    return {**env, "HF_HUB_OFFLINE": "1"}


def _last_line(args: list[str], env: dict[str, str], cwd: str | None = None) -> str:
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=cwd, timeout=120)
    assert done.stdout.strip(), done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_an_explain_process_loads_numpy_with_one_blas_thread() -> None:
    assert _last_line([sys.executable, "-c", _AFTER_AN_EMBEDDING_ANSWER], _clean_env()) == "1"


def test_a_users_own_blas_setting_wins() -> None:
    env = {**_clean_env(), "OPENBLAS_NUM_THREADS": "2"}
    assert _last_line([sys.executable, "-c", _AFTER_AN_EMBEDDING_ANSWER], env) == "2"


def test_torchwhy_run_leaves_the_users_program_its_threads(tmp_path) -> None:
    script = tmp_path / "script.py"
    script.write_text('import os\nprint(os.environ.get("OPENBLAS_NUM_THREADS"))\n')
    line = _last_line([sys.executable, "-m", "torchwhy", "run", str(script)], _clean_env())
    assert line == "None"
