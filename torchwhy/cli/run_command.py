"""`torchwhy run script.py [args...]` / `torchwhy run -m module [args...]`: run a program the
way `python` would, with every crash (and the warnings that mean silent bugs) annotated.

The traceback is the one `python script.py` prints, then the reading; the exit status is
the program's own (`sys.exit(3)` → 3, an uncaught exception → 1).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

EXIT_NO_SUCH_TARGET = 2


def run(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            metavar="SCRIPT",
            help="The script to run (a module name with -m); what follows it is its argv.",
        ),
    ],
    module: Annotated[
        bool,
        typer.Option("-m", "--module", help="SCRIPT is a module name: run it like `python -m`."),
    ] = False,
    report: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at run time on 3.10
        typer.Option("--report", help="On a crash, also write the Diagnosis as JSON here."),
    ] = None,
    no_warnings: Annotated[
        bool, typer.Option("--no-warnings", help="Do not annotate silent-bug warnings.")
    ] = False,
    no_embed: Annotated[
        bool, typer.Option("--no-embed", help="Rules and fuzzy matching only (no model).")
    ] = False,
    journal: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--journal/--no-journal", help="Record the crash in the bug journal (default: env)."
        ),
    ] = None,
) -> None:
    """Run a Python script (or -m module) and annotate its crash under the traceback.

    torchwhy's options go before SCRIPT; everything after SCRIPT is passed to it.
    """
    from torchwhy.hooks import install
    from torchwhy.hooks.runner import run as run_target

    if not module and not Path(target).exists():
        typer.echo(
            f"{sys.executable}: can't open file {str(Path(target).absolute())!r}: "
            "[Errno 2] No such file or directory",
            err=True,
        )
        raise typer.Exit(EXIT_NO_SUCH_TARGET)
    install(warnings=not no_warnings, journal=journal, embedding=not no_embed)
    status, exc = run_target(target, list(ctx.args), module=module)
    if report is not None and exc is not None:
        _write_report(report, exc, use_embedding=not no_embed)
    raise typer.Exit(status)


def _write_report(path: Path, exc: BaseException, *, use_embedding: bool) -> None:
    """The Diagnosis the hook printed (or a fresh one) as JSON; a failure costs one line."""
    from torchwhy.hooks import config
    from torchwhy.hooks.excepthook import last_diagnosis_for

    try:
        from torchwhy.hooks.annotation import diagnose
        from torchwhy.render import render_json

        diagnosis = last_diagnosis_for(exc) or diagnose(
            exc, use_embedding=config.embedding_allowed(use_embedding)
        )
        path.write_text(render_json(diagnosis, indent=2) + "\n", encoding="utf-8")
    except OSError as error:  # the user's path: their fix, not a torchwhy bug
        sys.stderr.write(
            f"torchwhy: cannot write the report to {path}: {error.strerror or error}\n"
        )
    except BaseException as error:  # the program's exit status is not ours to change
        sys.stderr.write(config.failure_line(error).replace("annotate", "write the report for"))


def register(app: typer.Typer) -> None:
    app.command(
        "run",
        context_settings={
            "allow_extra_args": True,
            "ignore_unknown_options": True,
            "allow_interspersed_args": False,
        },
    )(run)
