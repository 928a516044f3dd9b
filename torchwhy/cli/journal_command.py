"""`torchwhy journal`: your recent PyTorch errors and the patterns in them, and
`torchwhy journal note ID "what fixed it"` to remember how each was solved."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any, Optional

import typer

from torchwhy.cli.output import console, print_table, use_color

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_BAD_USAGE = 2
EXIT_CANNOT_WRITE = 1

journal_app = typer.Typer(
    name="journal",
    help="Your bug journal: recent errors, recurring patterns, notes on what fixed them.",
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _short(text: Any, limit: int) -> str:
    flat = " ".join(str(text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _show(journal: Any, limit: int) -> None:
    from rich.text import Text

    from torchwhy.journal.store import journal_path
    from torchwhy.journal.summary import shown_source, summarize

    color = use_color()
    out = console(color)
    if not journal.records:
        typer.echo(
            f"The journal is empty ({journal_path()}). Turn it on with TORCHWHY_JOURNAL=1 "
            "or torchwhy.install(journal=True)."
        )
        return
    summary = summarize(journal)
    records = journal.records[-limit:] if limit else journal.records
    rows = []
    for rec in reversed(records):
        notes = journal.notes.get(str(rec.get("id")), [])
        rows.append(
            (
                str(rec.get("time") or "").replace("T", " ").rstrip("Z"),
                rec.get("id"),
                rec.get("category"),
                rec.get("culprit") or "",
                _short(shown_source(rec.get("source")), 40),
                _short(rec.get("message"), 70),
            )
        )
        for note in notes:
            text = f"fixed: {note.get('fixed')}"
            if note.get("next_time"):
                text += f"; next time: {note.get('next_time')}"
            rows.append(("", "", "  note", "", "", _short(text, 110)))
    print_table(
        ("time (UTC)", "id", "category", "culprit", "source", "message"),
        rows,
        title=f"Recent errors ({len(records)} of {summary['total']})",
        color=color,
    )
    out.print("")
    if summary["top_recent"]:
        out.print(
            Text(
                f"Your {min(3, len(summary['top_recent']))} most frequent bugs "
                f"(last {summary['recent_days']} days):",
                style="bold",
            )
        )
        for index, item in enumerate(summary["top_recent"], 1):
            out.print(Text(f"  {index}. {item['bug']} ({item['count']}x): {item['title']}"))
        out.print("")
    print_table(
        ("category", "count"),
        list(summary["by_category"].items()),
        title="By category",
        color=color,
    )
    if summary["recurring_culprits"]:
        out.print("")
        print_table(
            ("culprit", "count"),
            list(summary["recurring_culprits"].items()),
            title="Recurring culprits",
            color=color,
        )


@journal_app.callback()
def journal(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print records (with notes) and patterns as JSON.")
    ] = False,
    export: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at run time on 3.10
        typer.Option("--export", help="Export for sharing: markdown."),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, help="Recent records to show (0: all).")
    ] = 20,
) -> None:
    """Show recent errors (last 20) and the patterns over time."""
    if ctx.invoked_subcommand is not None:
        return
    from torchwhy.journal.store import read
    from torchwhy.journal.summary import summarize, to_markdown

    journal_ = read()  # corrupted lines: a warning on stderr each, never fatal
    if export is not None:
        if export.lower() not in {"markdown", "md"}:
            typer.echo(f"torchwhy: cannot export as {export!r}; try markdown", err=True)
            raise typer.Exit(EXIT_BAD_USAGE)
        sys.stdout.write(to_markdown(journal_, limit=limit))
        return
    if as_json:
        records = journal_.records[-limit:] if limit else journal_.records
        payload = {
            "records": [journal_.with_notes(r) for r in records],
            "summary": summarize(journal_),
        }
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    _show(journal_, limit)


@journal_app.command("note")
def note(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The record's id (or a prefix).")],
    fixed: Annotated[str, typer.Argument(help="What fixed it.")],
    diagnosed: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--diagnosed", "-d", help="How it was diagnosed."),
    ] = None,
    next_time: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--next-time", help="How to catch it faster next time."),
    ] = None,
) -> None:
    """Note what fixed a recorded error (and how to catch it faster next time)."""
    from torchwhy.journal.store import add_note, read

    matches = read().find(record_id)
    if not matches:
        typer.echo(f"torchwhy: no journal record with id {record_id!r}", err=True)
        raise typer.Exit(EXIT_NOT_FOUND)
    if len(matches) > 1:
        ids = ", ".join(str(m.get("id")) for m in matches[:5])
        typer.echo(f"torchwhy: id {record_id!r} is ambiguous: {ids}", err=True)
        raise typer.Exit(EXIT_BAD_USAGE)
    target = str(matches[0]["id"])
    try:
        add_note(target, fixed, diagnosed=diagnosed, next_time=next_time)
    except OSError as problem:  # a read-only data dir, a full disk: the user's to fix
        from torchwhy.journal.store import DATA_DIR_ENV, journal_path

        typer.echo(
            f"torchwhy: cannot write the journal {journal_path()}: "
            f"{problem.strerror or problem}; set {DATA_DIR_ENV} to a writable folder",
            err=True,
        )
        raise typer.Exit(EXIT_CANNOT_WRITE) from None
    typer.echo(f"noted on {target} ({matches[0].get('category')})")


def register(app: typer.Typer) -> None:
    app.add_typer(journal_app, name="journal")
