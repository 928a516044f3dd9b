"""`torchwhy kb`: the knowledge base on this install: list, show, search, and check that every
reproduction still raises the error its entry explains.

Rich tables on a terminal; plain aligned text when piped or when NO_COLOR is set.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from torchwhy.cli.output import (
    EXIT_BAD_USAGE,
    console,
    load_entries,
    print_table,
    require_known_category,
    use_color,
)

if TYPE_CHECKING:
    from torchwhy.knowledge_base import Entry

EXIT_OK = 0
EXIT_FAILED = 1

kb_app = typer.Typer(
    name="kb",
    help="The knowledge base on this install: list, show, search, check.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _entries(category: str | None = None, entry_id: str | None = None) -> list[Entry]:
    from torchwhy.knowledge_base.check import select

    require_known_category(category)
    return select(load_entries(), entry_id=entry_id, category=category)


def _by_id(entry_id: str) -> Entry | None:
    from torchwhy.knowledge_base import by_id

    return by_id(entry_id, load_entries())


def _not_found(entry_id: str) -> typer.Exit:
    from rapidfuzz import process

    ids = [entry.id for entry in load_entries()]
    near = [match for match, score, _ in process.extract(entry_id, ids, limit=3) if score > 60]
    hint = f" (did you mean {', '.join(near)}?)" if near else ""
    typer.echo(f"torchwhy: no knowledge-base entry {entry_id!r}{hint}", err=True)
    return typer.Exit(EXIT_BAD_USAGE)


# --- kb list -----------------------------------------------------------------------------


@kb_app.command("list")
def list_entries(
    category: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at run time on 3.10
        typer.Option("--category", "-c", help="Only this category (or family: dtype)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List entries: id, category, title, and whether they reproduce on a CPU install."""
    entries = _entries(category)
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        "id": e.id,
                        "category": e.category,
                        "title": e.title,
                        "reproducible": e.reproduce is not None,
                        "reproduce_skip": e.reproduce_skip or None,
                    }
                    for e in entries
                ],
                indent=2,
            )
        )
        return
    rows = [(e.id, e.category, e.title, "yes" if e.reproduce else "no") for e in entries]
    print_table(("id", "category", "title", "reproducible"), rows)
    typer.echo(f"{len(entries)} entries")


# --- kb show -----------------------------------------------------------------------------


def _show(entry: Entry, color: bool) -> None:
    from rich.padding import Padding
    from rich.syntax import Syntax
    from rich.text import Text

    from torchwhy.categories import CATEGORIES

    out = console(color)

    def heading(text: str) -> None:
        out.print(Text(text, style="bold cyan"))

    def code(snippet: str, indent: int = 4) -> None:
        if color:
            block = Syntax(
                snippet.rstrip(), "python", theme="ansi_dark", background_color="default"
            )
            out.print(Padding(block, (0, 0, 0, indent)))
        else:
            for line in snippet.rstrip().splitlines():
                out.print(Text((" " * indent + line).rstrip()))

    out.print(Text(entry.id, style="bold yellow"))
    out.print(Text(entry.title, style="bold"))
    out.print(
        Text("Category: ", style="bold").append(
            f"{entry.category}: {CATEGORIES.get(entry.category, '')}"
        )
    )
    if entry.exceptions:
        out.print(Text("Exceptions: ", style="bold").append(", ".join(entry.exceptions)))
    if entry.context_functions or entry.context_modules:
        where = ", ".join((*entry.context_functions, *entry.context_modules))
        out.print(Text("Context: ", style="bold").append(where))
    if entry.roles:
        out.print(Text("Culprit roles: ", style="bold").append(", ".join(entry.roles)))
    out.print(Text(f"Source file: {entry.source_file}", style="dim"))
    out.print("")
    heading("Explanation")
    out.print(Text(entry.explanation))
    out.print("")
    heading("Patterns")
    for pattern in entry.patterns:
        out.print(Text(f"  {pattern.pattern}"))
    heading("Examples")
    for example in entry.examples:
        line = Text(f"  {example.text}")
        if example.source:
            line.append(f"  [{example.source}]", style="dim")
        out.print(line)
    heading("Causes")
    for index, cause in enumerate(entry.causes, 1):
        out.print(Text(f"  {index}. {cause}"))
    heading("Fixes")
    for index, fix in enumerate(entry.fixes, 1):
        out.print(Text(f"  {index}. {fix.title}"))
        if fix.code:
            code(fix.code, indent=7)
    if entry.docs:
        heading("Docs")
        for doc in entry.docs:
            out.print(Text(f"  {doc}"))
    heading("Reproduce")
    if entry.reproduce:
        code(entry.reproduce)
        if entry.expect_culprit:
            out.print(Text("Expected culprit: ", style="bold").append(entry.expect_culprit))
    else:
        out.print(Text(f"  not reproducible here: {entry.reproduce_skip}"))


@kb_app.command("show")
def show(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The entry id.")],
) -> None:
    """Everything an entry knows: patterns, examples, explanation, causes, fixes, docs,
    reproduction."""
    entry = _by_id(entry_id)
    if entry is None:
        raise _not_found(entry_id)
    _show(entry, use_color())


# --- kb search ---------------------------------------------------------------------------


def search_entries(
    text: str, limit: int = 10, *, use_embedding: bool = True
) -> list[tuple[Entry, float]]:
    """Entries ranked for `text` by explain's own matcher (`translator.search`), with the
    score as a percentage; empty when nothing is close."""
    from torchwhy.hooks.config import embedding_allowed
    from torchwhy.translator.search import search

    hits = search(text, limit=limit, use_embedding=embedding_allowed(use_embedding))
    return [(hit.entry, 100 * hit.confidence) for hit in hits]


@kb_app.command("search")
def search(
    text: Annotated[str, typer.Argument(help="Words or an error message to look for.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    no_embed: Annotated[
        bool, typer.Option("--no-embed", help="Rules, fuzzy and word matching only (no model).")
    ] = False,
) -> None:
    """Search with explain's matcher: an error message, or a bug in words (top 10).

    Exit 0 with the hits, 1 when no entry matches."""
    from torchwhy.cli.blas_threads import one_blas_thread

    one_blas_thread()
    hits = search_entries(text, limit, use_embedding=not no_embed)
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {"id": e.id, "category": e.category, "title": e.title, "score": round(s, 1)}
                    for e, s in hits
                ],
                indent=2,
            )
        )
    elif hits:
        rows = [(f"{score:.0f}", e.id, e.category, e.title) for e, score in hits]
        print_table(("score", "id", "category", "title"), rows)
    else:
        typer.echo(f"no entries match {text.strip()[:80]!r}", err=True)
    if not hits:
        raise typer.Exit(EXIT_FAILED)


# --- kb check ----------------------------------------------------------------------------

_STYLE = {
    "ok": "green",
    "reworded": "bold red",
    "did-not-raise": "bold red",
    "skipped": "dim",
    "culprit-mismatch": "yellow",
    "culprit-missing": "yellow",
    "fix-invalid": "yellow",
}


@kb_app.command("check")
def check(
    entry_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--id", help="Check only this entry."),
    ] = None,
    category: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--category", "-c", help="Only this category (or family: dtype)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print results as JSON.")] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0, help="Seconds per reproduction (0: none).")
    ] = 60.0,
    strict_culprits: Annotated[
        bool,
        typer.Option(
            "--strict-culprits",
            help="Also fail on a culprit mismatch or a missing one, or an invalid fix.",
        ),
    ] = False,
) -> None:
    """Run every reproduction on this install and check torchwhy still reads it right.

    Exit 0 when nothing is reworded or did-not-raise, 1 otherwise.
    """
    from rich.text import Text

    from torchwhy.knowledge_base.check import check_entries, exit_code, summarize, summary_line

    if entry_id and _by_id(entry_id) is None:
        raise _not_found(entry_id)
    entries = _entries(category, entry_id)
    if not entries:
        typer.echo(f"torchwhy: no entries in category {category!r}", err=True)
        raise typer.Exit(EXIT_BAD_USAGE)

    results = []
    color = use_color()
    out = console(color)
    for result in check_entries(entries, timeout=timeout or None):
        results.append(result)
        if as_json:
            continue
        line = Text(f"{result.status:<17}", style=_STYLE.get(result.status, ""))
        line.append(result.entry, style="bold" if result.failed else "")
        if result.detail:
            line.append(f"  {result.detail}", style="dim" if not result.failed else "")
        out.print(line)
        if result.failed and result.message:
            out.print(Text(f"{'':17}{result.message.splitlines()[0][:300]}", style="dim"))
    counts = summarize(results)
    code = exit_code(counts, strict_culprits=strict_culprits)
    if as_json:
        payload = {
            "torch": _torch_version(),
            "summary": counts,
            "results": [r.to_dict() for r in results],
        }
        typer.echo(json.dumps(payload, indent=2))
    else:
        out.print(Text(summary_line(counts), style="bold red" if code else "bold green"))
    raise typer.Exit(code)


def _torch_version() -> str | None:
    from torchwhy.journal.store import torch_version

    return torch_version()


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")
