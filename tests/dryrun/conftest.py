"""Helpers: a script's real run and its dry run, in this process (torch loads once)."""

from __future__ import annotations

import contextlib
import io
import os
import runpy
import tempfile
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from torchwhy.dryrun.engine import dry_run_script
from torchwhy.dryrun.report import DryRunReport
from torchwhy.dryrun.session import DryRunOptions
from torchwhy.torch_globals import preserved_torch_globals

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "dryrun_train.py"
SCRIPTS = Path(__file__).resolve().parent / "scripts"


@dataclass(frozen=True)
class Raised:
    """What an uncaught exception looks like to a person: type, message, their line."""

    type: str
    message: str
    line: int | None


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def real_run(path: Path, **env: str) -> Raised | None:
    """Run the script for real (CPU), in a scratch directory (real runs write checkpoints);
    what it raised, at its innermost line of `path`. torch's global switches the script
    sets (`cudnn.benchmark = True`) are put back, as a dry run puts them back."""
    with (
        preserved_torch_globals(),
        tempfile.TemporaryDirectory() as scratch,
        contextlib.chdir(scratch),
        environment(**env),
        contextlib.redirect_stdout(io.StringIO()),
    ):
        try:
            runpy.run_path(str(path), run_name="__main__")
        except Exception as error:
            lines = [
                f.lineno
                for f in traceback.extract_tb(error.__traceback__)
                if f.filename == str(path)
            ]
            return Raised(type(error).__name__, str(error), lines[-1] if lines else None)
    return None


def dry_run(path: Path, args: list[str] | None = None, **options: object) -> DryRunReport:
    env = options.pop("env", {})
    with environment(**env), contextlib.redirect_stdout(io.StringIO()):  # type: ignore[arg-type]
        return dry_run_script(
            str(path), args or [], options=DryRunOptions(**options), use_embedding=False
        )  # type: ignore[arg-type]


def raised_in_dry_run(report: DryRunReport) -> Raised | None:
    crash = report.crash
    return Raised(crash.exception_type, crash.message, crash.line) if crash else None


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TORCHWHY_NO_EMBED", "1")
