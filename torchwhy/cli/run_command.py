"""`torchwhy run script.py [args...]` / `torchwhy run -m module [args...]`: run a program the
way `python` would, with every crash (and the warnings that mean silent bugs) annotated.

The traceback is the one `python script.py` prints, then the reading; the exit status is
the program's own (`sys.exit(3)` → 3, an uncaught exception → 1). The usual command line
skips typer altogether (`run_program.py`); this is the command typer shows and reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


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
    from torchwhy.cli.run_program import RunOptions, run_program

    options = RunOptions(
        target=target,
        args=list(ctx.args),
        module=module,
        report=report,
        warnings=not no_warnings,
        embedding=not no_embed,
        journal=journal,
    )
    raise typer.Exit(run_program(options))


def register(app: typer.Typer) -> None:
    app.command(
        "run",
        context_settings={
            "allow_extra_args": True,
            "ignore_unknown_options": True,
            "allow_interspersed_args": False,
        },
    )(run)
