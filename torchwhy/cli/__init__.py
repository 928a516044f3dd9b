"""The `torchwhy` command. Each subcommand lives in its own module and registers itself here.

Thin doors only: read input, call `torchwhy.explain`, hand the Diagnosis to a renderer.

Subcommands are registered lazily: a run imports only the module of the subcommand it
runs (`torchwhy explain` pays for neither `kb` nor `drill`), and `torchwhy --help` lists
them from SUBCOMMANDS without importing any. A new subcommand is one line there: its name,
the module whose `register(app)` adds it, and the one-line help the listing shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "explain": (
        "torchwhy.cli.explain_command",
        "Explain a PyTorch error: pass it as TEXT, with --file, or pipe it in.",
    ),
    "kb": (
        "torchwhy.cli.kb_command",
        "The knowledge base on this install: list, show, search, check.",
    ),
    "drill": (
        "torchwhy.cli.drill_command",
        "Practise: see a real error raised live, name its root cause, get the expert reading.",
    ),
    "journal": (
        "torchwhy.cli.journal_command",
        "Your bug journal: recent errors, recurring patterns, notes on what fixed them.",
    ),
    "run": (
        "torchwhy.cli.run_command",
        "Run a Python script (or -m module) and annotate its crash under the traceback.",
    ),
    "dryrun": (
        "torchwhy.cli.dryrun_command",
        "Dry-run a training script on a logical GPU: its crash, memory and layers, in seconds.",
    ),
}


def _print_version(value: bool) -> None:
    if value:
        import typer

        from torchwhy import __version__

        typer.echo(f"torchwhy {__version__}")
        raise typer.Exit(0)


def _root(version: bool = False) -> None:
    """Read a PyTorch crash the way an expert does."""


def build_app(names: Iterable[str] = SUBCOMMANDS, *, listing: bool = False) -> typer.Typer:
    """The typer app with the named subcommands registered (all by default); with
    `listing`, each stands in by its name and help line only (for `torchwhy --help`)."""
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
    # The default is the option, so that this module needs typer only once it builds an app.
    _root.__defaults__ = (
        typer.Option(
            False, "--version", callback=_print_version, is_eager=True, help="Print the version."
        ),
    )
    app.callback()(_root)
    for name in names:
        module, help_line = SUBCOMMANDS[name]
        if listing:
            app.command(name, help=help_line, add_help_option=False, context_settings=_ANY)(
                _stand_in(name)
            )
        else:
            import_module(module).register(app)
    return app


_ANY = {"ignore_unknown_options": True, "allow_extra_args": True}


def _stand_in(name: str) -> Callable[..., None]:
    import typer

    def run_the_real_one(ctx) -> None:  # type: ignore[no-untyped-def]
        build_app([name])(args=[name, *ctx.args])

    # typer reads the annotation; this module imports typer only when it builds an app.
    run_the_real_one.__annotations__ = {"ctx": typer.Context, "return": None}
    return run_the_real_one


def _requested(argv: list[str]) -> list[str] | None:
    """The subcommand this command line runs; None when it names none (help, errors)."""
    return [argv[0]] if argv and argv[0] in SUBCOMMANDS else None


def main(argv: list[str] | None = None) -> None:
    import sys

    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] != ["run"]:
        # `run` hands stdout to the user's program, which must see the stream Python gives it.
        from torchwhy.cli.streams import tolerate_output_failures

        tolerate_output_failures()
    if arguments[:1] == ["run"]:
        # `torchwhy run` must cost nothing next to the program: no typer for the usual form.
        from torchwhy.cli.run_program import read_options, run_program

        options = read_options(arguments[1:])
        if options is not None:
            raise SystemExit(run_program(options))
    if arguments[:1] == ["explain"]:
        # A rule answer at the prompt costs a few `python -c pass`: no typer for the usual form.
        from torchwhy.cli.explain_program import pasted_text_as_argument, read_options, run_explain

        arguments = pasted_text_as_argument(arguments)
        explain_options = read_options(arguments[1:])
        if explain_options is not None:
            raise SystemExit(run_explain(explain_options))
    if arguments == ["--version"]:
        from torchwhy import __version__

        print(f"torchwhy {__version__}")  # what _print_version has typer echo
        raise SystemExit(0)
    if arguments == ["--help"] and argv is None:  # click names the program from sys.argv
        from torchwhy.cli.help_cache import print_help

        print_help(lambda: build_app(listing=True)(args=arguments))
    requested = _requested(arguments)
    if requested is None:
        build_app(listing=True)(args=arguments)
    else:
        build_app(requested)(args=arguments)


def __getattr__(name: str) -> Any:
    # `from torchwhy.cli import app`: the full command, for typer's CliRunner and scripts.
    if name == "app":
        return build_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
