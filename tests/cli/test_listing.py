"""`torchwhy --help` lists the subcommands from the registry without importing them: the
listing must say what each real command says."""

from __future__ import annotations

import subprocess
import sys

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
