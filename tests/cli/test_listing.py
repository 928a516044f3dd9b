"""`torchwhy --help` lists the subcommands from the registry without importing them: the
listing must say what each real command says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from torchwhy.cli import SUBCOMMANDS, build_app


@pytest.mark.parametrize("name", list(SUBCOMMANDS))
def test_the_listed_help_is_the_commands_own(name: str) -> None:
    group = typer.main.get_command(build_app([name]))
    command = group.get_command(None, name)  # type: ignore[arg-type]
    listed = typer.main.get_command(build_app([name], listing=True)).get_command(None, name)  # type: ignore[arg-type]
    assert command is not None and listed is not None
    assert listed.get_short_help_str(200) == command.get_short_help_str(200)


def test_help_imports_no_subcommand() -> None:
    code = (
        "import sys\nfrom torchwhy.cli import main\ntry:\n    main(['--help'])\n"
        "except SystemExit:\n    pass\n"
        "print([m for m in sys.modules if m.endswith('_command')])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


_HELP_PROBE = (
    "import sys, runpy\n"
    "sys.argv = ['torchwhy', '--help']\n"
    "try:\n    runpy.run_module('torchwhy', run_name='__main__')\n"
    "except SystemExit as done:\n"
    "    print(done.code, 'typer' in sys.modules, file=sys.stderr)\n"
)


def _help(cache: Path, columns: int) -> tuple[str, str]:
    result = subprocess.run(
        [sys.executable, "-c", _HELP_PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TORCHWHY_CACHE_DIR": str(cache), "COLUMNS": str(columns)},
    )
    return result.stdout, result.stderr.strip().splitlines()[-1]


def test_help_is_typers_text_kept_for_the_next_time(tmp_path: Path) -> None:
    first, first_run = _help(tmp_path, 100)
    again, second_run = _help(tmp_path, 100)
    assert first_run == "0 True"  # typer wrote it
    assert second_run == "0 False"  # the kept copy, without typer
    assert again == first
    assert "Usage: torchwhy [OPTIONS] COMMAND" in first and "dryrun" in first


def test_help_for_another_terminal_width_is_typers_again(tmp_path: Path) -> None:
    wide, _ = _help(tmp_path, 100)
    narrow, narrow_run = _help(tmp_path, 50)
    assert narrow_run == "0 True"
    assert wide != narrow  # click wraps the listing to the terminal
