"""Output shared by the `torchwhy` subcommands: rich on a terminal, plain aligned text when
piped or when NO_COLOR is set; and the one-line answer to a broken knowledge base."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from torchwhy.knowledge_base import Entry

EXIT_BAD_USAGE = 2
# Table columns whose values users copy into other commands: never folded.
WHOLE_COLUMNS = frozenset({"id"})


def use_color() -> bool:
    from torchwhy.render.text import wants_color

    return wants_color(sys.stdout)


def console(color: bool | None = None) -> Console:
    """A console on stdout: styled on a terminal, plain (no wrapping, no ANSI) otherwise."""
    from rich.console import Console

    color = use_color() if color is None else color
    if color:
        return Console(highlight=False)
    return Console(
        file=sys.stdout,
        force_terminal=False,
        no_color=True,
        color_system=None,
        highlight=False,
        width=10_000,
        soft_wrap=True,
    )


def print_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
    color: bool | None = None,
) -> None:
    """A rich table on a terminal; aligned plain columns (greppable) otherwise."""
    color = use_color() if color is None else color
    cells = [["" if value is None else str(value) for value in row] for row in rows]
    if color:
        from rich.table import Table

        table = Table(title=title, title_justify="left", header_style="bold")
        for index, column in enumerate(columns):
            if column in WHOLE_COLUMNS:  # ids are copied: they never wrap, others give way
                longest = max((len(row[index]) for row in cells), default=0)
                table.add_column(column, no_wrap=True, min_width=max(len(column), longest))
            else:
                table.add_column(column, overflow="fold")
        for row in cells:
            table.add_row(*row)
        console(True).print(table)
        return
    if title:
        typer.echo(title)
    widths = [len(c) for c in columns]
    for row in cells:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=True)]
    for row in [list(columns), *cells]:
        typer.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def require_known_category(category: str | None) -> None:
    """A `--category` that names no category nor family: exit 2 with the closest name and the
    families to pick from. Every command that takes `--category` (kb list/check, drill)
    answers an unknown one this same way."""
    from torchwhy.categories import CATEGORIES, is_known_category

    if category is None or is_known_category(category):
        return
    from rapidfuzz import process

    families = sorted({name.split("/", 1)[0] for name in CATEGORIES})
    near = process.extractOne(category, [*families, *CATEGORIES], score_cutoff=70)
    hint = f" (did you mean {near[0]}?)" if near else ""
    typer.echo(
        f"torchwhy: no category {category!r}{hint}; categories are in the families "
        f"{', '.join(families)} (see torchwhy kb list)",
        err=True,
    )
    raise typer.Exit(EXIT_BAD_USAGE)


def load_entries() -> tuple[Entry, ...]:
    """The knowledge base, or a one-line error and exit 2 when a file is broken."""
    from torchwhy.knowledge_base import KnowledgeBaseError, load

    try:
        return load()
    except KnowledgeBaseError as problem:
        typer.echo(f"torchwhy: the knowledge base is broken: {problem}", err=True)
        raise typer.Exit(EXIT_BAD_USAGE) from None


class TolerantStdout:
    """stdout that cannot end the program: a reader that went away (`| head`), a full disk
    (`> /dev/full`), a closed stdout (`>&-`) or an ASCII-only encoding cost the output,
    never a traceback or another exit status. Characters the encoding lacks are replaced."""

    def __init__(self, stream: IO[str] | None) -> None:
        self._stream = stream
        if stream is not None and hasattr(stream, "reconfigure"):
            with contextlib.suppress(Exception):
                stream.reconfigure(errors="replace")  # type: ignore[union-attr]

    def write(self, text: str) -> int:
        if self._stream is not None:
            try:
                self._stream.write(text)
            except (OSError, ValueError):
                self._give_up()
        return len(text)

    def flush(self) -> None:
        if self._stream is not None:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self._give_up()

    def isatty(self) -> bool:
        try:
            return self._stream is not None and self._stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self._stream is None:
            raise OSError("stdout is closed")
        return self._stream.fileno()

    def __getattr__(self, name: str) -> Any:  # encoding, errors, buffer...
        return getattr(self._stream, name)

    def _give_up(self) -> None:
        """Point the descriptor at /dev/null, so what is still buffered flushes harmlessly
        at exit, and write nothing more."""
        stream, self._stream = self._stream, None
        with contextlib.suppress(Exception):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())  # type: ignore[union-attr]
            os.close(devnull)


def tolerate_output_failures() -> None:
    """Make stdout and stderr TolerantStdout for the rest of the command."""
    if not isinstance(sys.stdout, TolerantStdout):
        sys.stdout = TolerantStdout(sys.stdout)  # type: ignore[assignment]
    if not isinstance(sys.stderr, TolerantStdout):
        sys.stderr = TolerantStdout(sys.stderr)  # type: ignore[assignment]
