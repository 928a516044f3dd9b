"""The `torchwhy` command. Each subcommand lives in its own module and registers itself here.

Thin doors only: read input, call `torchwhy.explain`, hand the Diagnosis to a renderer.
"""

from __future__ import annotations

import typer

from torchwhy.cli import (
    drill_command,
    dryrun_command,
    explain_command,
    journal_command,
    kb_command,
    run_command,
)

app = typer.Typer(
    name="torchwhy",
    help="Read a PyTorch crash the way an expert does.",
    no_args_is_help=True,
    add_completion=False,
    # Our own excepthook manners: typer's pretty tracebacks would hide real crashes.
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root() -> None:
    """Read a PyTorch crash the way an expert does."""


explain_command.register(app)
kb_command.register(app)
drill_command.register(app)
journal_command.register(app)
run_command.register(app)
dryrun_command.register(app)


def main() -> None:
    app()
