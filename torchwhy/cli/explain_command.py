"""`torchwhy explain`: the expert reading of a pasted error."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from torchwhy.cli.explain_program import (
    EXIT_BAD_USAGE,
    EXIT_EXPLAINED,
    EXIT_NO_MATCH,
    explain_and_print,
)

__all__ = ["EXIT_BAD_USAGE", "EXIT_EXPLAINED", "EXIT_NO_MATCH", "explain", "register"]


def explain(
    text: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at run time on 3.10
        typer.Argument(
            help="The error message or traceback; read from stdin when absent. Text that "
            "starts with '-' goes after `--`: torchwhy explain -- \"$(cat tb.txt)\"."
        ),
    ] = None,
    file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--file", "-f", help="Read the error from this file."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print Diagnosis.to_dict() as JSON.")
    ] = False,
    top: Annotated[int, typer.Option("--top", min=0, help="Show up to K other readings.")] = 0,
    no_embed: Annotated[
        bool, typer.Option("--no-embed", help="Rules and fuzzy matching only (no model).")
    ] = False,
) -> None:
    """Explain a PyTorch error: pass it as TEXT, with --file, or pipe it in."""
    raise typer.Exit(explain_and_print(text, file, as_json, top, no_embed))


def register(app: typer.Typer) -> None:
    app.command("explain")(explain)
