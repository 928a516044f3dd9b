"""`torchwhy explain`: the expert reading of a pasted error."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from torchwhy.cli.input_text import BadInput, read_input

EXIT_EXPLAINED = 0
EXIT_BAD_USAGE = 2
EXIT_NO_MATCH = 3


def explain(
    text: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at run time on 3.10
        typer.Argument(help="The error message or traceback; read from stdin when absent."),
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
    import torchwhy
    from torchwhy.render import render_json, render_text
    from torchwhy.render.text import wants_color

    try:
        error_text, warnings = read_input(text, file)
    except BadInput as problem:
        typer.echo(f"torchwhy: {problem}", err=True)
        raise typer.Exit(EXIT_BAD_USAGE) from None
    for warning in warnings:
        typer.echo(f"torchwhy: {warning}", err=True)
    diagnosis = torchwhy.explain(error_text, use_embedding=not no_embed)
    if as_json:
        typer.echo(render_json(diagnosis))
    else:
        sys.stdout.write(render_text(diagnosis, color=wants_color(sys.stdout), top=top))
    raise typer.Exit(EXIT_EXPLAINED if diagnosis.verdict else EXIT_NO_MATCH)


def register(app: typer.Typer) -> None:
    app.command("explain")(explain)
