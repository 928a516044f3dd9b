"""The `torchwhy` command. Each subcommand lives in its own module and registers itself here.

Thin doors only: read input, call `torchwhy.explain`, hand the Diagnosis to a renderer.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from torchwhy.cli import drill_command, explain_command, journal_command, kb_command, run_command

app = typer.Typer(
    name="torchwhy",
    help="Read a PyTorch crash the way an expert does.",
    no_args_is_help=True,
    add_completion=False,
    # Our own excepthook manners: typer's pretty tracebacks would hide real crashes.
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        from torchwhy import __version__

        typer.echo(f"torchwhy {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Read a PyTorch crash the way an expert does."""


explain_command.register(app)
kb_command.register(app)
drill_command.register(app)
journal_command.register(app)
run_command.register(app)


def main() -> None:
    from torchwhy.cli.output import tolerate_output_failures

    argv = sys.argv[1:]
    # `run` hands stdout to the user's program, which must see the stream Python gives it.
    if argv[:1] != ["run"]:
        tolerate_output_failures()
    app(args=explain_command.pasted_text_as_argument(argv))
