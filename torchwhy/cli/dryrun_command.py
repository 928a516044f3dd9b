"""`torchwhy dryrun script.py [args...]` / `torchwhy dryrun -m module [args...]`: run a
training script on a logical GPU with fake tensors (no GPU, no FLOPs, no weight memory) to
meet its crash before a real run spends the compute to reach it.

Exit status: 0 the dry run passed; 1 the script crashes as a real run would (your bug);
2 the step ran but the data scan or the memory estimate says a real run fails; 3 the dry
run could not go on (a limit of the tool: an op without a fake kernel, a CUDA-only
package, an untested torch), never a verdict on your code.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

EXIT_NO_SUCH_TARGET = 2


def dryrun(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            metavar="SCRIPT",
            help="The script to dry-run (a module name with -m); what follows it is its argv.",
        ),
    ],
    module: Annotated[
        bool, typer.Option("-m", "--module", help="SCRIPT is a module name, as `python -m`.")
    ] = False,
    report: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at run time on 3.10
        typer.Option(
            "--report", help="Write the dry run's report (diagnosis, phases, ...) as JSON here."
        ),
    ] = None,
    html: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--html", help="Write the report (and its layer table) as an HTML page here."),
    ] = None,
    gpu: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--gpu", help="The logical GPU: h100, a100-40gb, l4, t4, ... (default h100)."),
    ] = None,
    gpus: Annotated[int, typer.Option("--gpus", min=1, help="How many logical GPUs.")] = 1,
    gpu_memory: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option("--gpu-memory", help="GPU memory in GB to compare the estimate with."),
    ] = None,
    epochs: Annotated[int, typer.Option("--epochs", min=1, help="Dry-run epochs per loader.")] = 2,
    batches: Annotated[
        int, typer.Option("--batches", min=1, help="Batches per epoch (first, last).")
    ] = 2,
    table: Annotated[bool, typer.Option("--table", help="Print the layer table.")] = False,
    no_scan: Annotated[bool, typer.Option("--no-scan", help="Skip the data scan.")] = False,
    scan_seconds: Annotated[
        float, typer.Option("--scan-seconds", help="Time box of the data scan.")
    ] = 20.0,
    max_seconds: Annotated[
        float, typer.Option("--max-seconds", help="Stop the script after this long.")
    ] = 300.0,
    no_embed: Annotated[
        bool, typer.Option("--no-embed", help="Rules and fuzzy matching only (no model).")
    ] = False,
) -> None:
    """Dry-run a training script on a logical GPU: its crash, memory and layers, in seconds.

    torchwhy's options go before SCRIPT; everything after SCRIPT is passed to it.
    Exit: 0 passed, 1 your bug, 2 a data or memory finding, 3 the dry run could not go on.
    """
    from torchwhy.dryrun.gpus import KNOWN_GPUS, lookup
    from torchwhy.dryrun.session import DryRunOptions

    if not module and not Path(target).exists():
        typer.echo(
            f"{sys.executable}: can't open file {str(Path(target).absolute())!r}: "
            "[Errno 2] No such file or directory",
            err=True,
        )
        raise typer.Exit(EXIT_NO_SUCH_TARGET)
    options = DryRunOptions(
        epochs=epochs,
        batches=batches,
        gpus=gpus,
        scan=not no_scan,
        scan_seconds=scan_seconds,
        max_seconds=max_seconds,
    )
    if gpu is not None:
        known = lookup(gpu)
        if known is None:
            typer.echo(
                f"torchwhy: unknown --gpu {gpu!r}; known: {', '.join(KNOWN_GPUS)} "
                "(or give --gpu-memory GB)",
                err=True,
            )
            raise typer.Exit(EXIT_NO_SUCH_TARGET)
        options.gpu_name, options.gpu_memory_gb = known
    if gpu_memory is not None:
        options.gpu_memory_gb = gpu_memory
    _run(target, list(ctx.args), module, options, report, html, table, use_embedding=not no_embed)


def _run(
    target: str,
    args: list[str],
    module: bool,
    options: object,
    report_path: Path | None,
    html_path: Path | None,
    table: bool,
    *,
    use_embedding: bool,
) -> None:
    from torchwhy.dryrun.engine import dry_run_script
    from torchwhy.dryrun.report import EXIT_CANNOT_CONTINUE, render_report
    from torchwhy.hooks import config
    from torchwhy.render.text import wants_color

    err = sys.stderr
    try:
        result = dry_run_script(
            target,
            args,
            module=module,
            options=options,
            use_embedding=config.embedding_allowed(use_embedding),
        )
        err.write(render_report(result, color=wants_color(err), table=table))
    except Exception as error:  # our failure is a limit of the tool, never the user's bug
        err.write(f"torchwhy dryrun: the dry run itself failed: {type(error).__name__}: {error}\n")
        raise typer.Exit(EXIT_CANNOT_CONTINUE) from None
    from torchwhy.dryrun.html_report import render_report_html

    for path, render in (
        (report_path, result.to_json),
        (html_path, lambda: render_report_html(result)),
    ):
        if path is None:
            continue
        try:
            path.write_text(render().rstrip("\n") + "\n", encoding="utf-8")
        except OSError as error:
            err.write(f"torchwhy: could not write the report to {path}: {error}\n")
    raise typer.Exit(result.exit_code)


def register(app: typer.Typer) -> None:
    app.command(
        "dryrun",
        context_settings={
            "allow_extra_args": True,
            "ignore_unknown_options": True,
            "allow_interspersed_args": False,
        },
    )(dryrun)
