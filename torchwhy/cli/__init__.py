"""The `torchwhy` command. Each subcommand lives in its own module and registers itself here.

Thin doors only: read input, call `torchwhy.explain`, hand the Diagnosis to a renderer.

Subcommands are registered lazily: a run imports only the module of the subcommand it
runs (`torchwhy explain` pays for neither `kb` nor `drill`); `--help` imports them all.
A new subcommand is one line in SUBCOMMANDS: its name and the module whose
`register(app)` adds it.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

SUBCOMMANDS: dict[str, str] = {
    "explain": "torchwhy.cli.explain_command",
    "kb": "torchwhy.cli.kb_command",
    "drill": "torchwhy.cli.drill_command",
    "journal": "torchwhy.cli.journal_command",
    "run": "torchwhy.cli.run_command",
}


def _root() -> None:
    """Read a PyTorch crash the way an expert does."""


def build_app(names: Iterable[str] = SUBCOMMANDS) -> typer.Typer:
    """The typer app with the named subcommands registered (all by default)."""
    import typer

    app = typer.Typer(
        name="torchwhy",
        help="Read a PyTorch crash the way an expert does.",
        no_args_is_help=True,
        add_completion=False,
        # Our own excepthook manners: typer's pretty tracebacks would hide real crashes.
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(_root)
    for name in names:
        import_module(SUBCOMMANDS[name]).register(app)
    return app


def _requested(argv: list[str]) -> list[str]:
    """The subcommand this command line runs, when it names one; else all (help, errors)."""
    if argv and argv[0] in SUBCOMMANDS:
        return [argv[0]]
    return list(SUBCOMMANDS)


def main(argv: list[str] | None = None) -> None:
    import sys

    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["run"]:
        # `torchwhy run` must cost nothing next to the program: no typer for the usual form.
        from torchwhy.cli.run_program import read_options, run_program

        options = read_options(arguments[1:])
        if options is not None:
            raise SystemExit(run_program(options))
    build_app(_requested(arguments))(args=arguments)


def __getattr__(name: str) -> Any:
    # `from torchwhy.cli import app`: the full command, for typer's CliRunner and scripts.
    if name == "app":
        return build_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
