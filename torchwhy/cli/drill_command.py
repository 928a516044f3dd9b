"""`torchwhy drill`: practise reading PyTorch errors on real ones raised live.

Interactive on a terminal; scriptable with `--answer 2` / `--answer "labels are float"` or
an answer on stdin. Exit 0 on every completed drill, right or wrong.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Annotated, Optional

import typer

from torchwhy.cli.output import (
    console,
    load_entries,
    print_table,
    require_known_category,
    use_color,
)

EXIT_OK = 0
EXIT_NO_DRILL = 1
EXIT_NO_ANSWER = 2
MAX_RETRIES = 5
MESSAGE_LINES = 15


def _stats(as_json: bool) -> None:
    from torchwhy.categories import CATEGORIES
    from torchwhy.drill.scores import load, scores_path

    scores = load()
    if as_json:
        typer.echo(json.dumps(scores.to_dict()["categories"], indent=2))
        return
    if not scores.categories:
        typer.echo(f"No drills yet ({scores_path()}). Start one with: torchwhy drill")
        return
    ranked = sorted(
        scores.categories.items(), key=lambda kv: (kv[1].accuracy or 0.0, -kv[1].attempts)
    )
    rows = [
        (
            name,
            s.attempts,
            s.correct,
            f"{100 * (s.accuracy or 0):.0f}%",
            CATEGORIES.get(name, "")[:70],
        )
        for name, s in ranked
    ]
    print_table(
        ("category", "attempts", "correct", "accuracy", "what it is"),
        rows,
        title="Drill scores (weakest first)",
    )
    attempts = sum(s.attempts for s in scores.categories.values())
    correct = sum(s.correct for s in scores.categories.values())
    typer.echo(f"{correct}/{attempts} correct overall")


def _read_answer(answer: str | None, n_choices: int) -> str | None:
    if answer is not None:
        return answer
    if sys.stdin is not None and sys.stdin.isatty():
        from rich.prompt import Prompt

        return Prompt.ask(f"Your answer (1-{n_choices}, or say it in words)")
    data = sys.stdin.read() if sys.stdin is not None else ""
    return data.strip() or None


def drill(
    category: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at run time on 3.10
        typer.Option("--category", "-c", help="Drill this category (or family: dtype)."),
    ] = None,
    entry_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--id", help="Drill this knowledge-base entry."),
    ] = None,
    seed: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--seed", help="Seed the pick and the order of choices."),
    ] = None,
    answer: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--answer", "-a", help="Answer without a prompt: a number or words."),
    ] = None,
    stats: Annotated[bool, typer.Option("--stats", help="Show your scores per category.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="With --stats: print JSON.")] = False,
) -> None:
    """Practise: see a real error raised live, name its root cause, get the expert reading."""
    if stats:
        _stats(as_json)
        return

    from rich.syntax import Syntax
    from rich.text import Text

    from torchwhy.drill.scores import load, record_answer
    from torchwhy.drill.session import NoDrill, judge, pick_entry, prepare
    from torchwhy.render import render_text

    require_known_category(category)
    rng = random.Random(seed)
    entries = load_entries()
    scores = load()
    prepared = None
    tried: set[str] = set()
    for _ in range(1 if entry_id else MAX_RETRIES):
        pool = [e for e in entries if e.id not in tried]
        try:
            entry = pick_entry(pool, rng, scores=scores, category=category, entry_id=entry_id)
        except NoDrill as problem:
            typer.echo(f"torchwhy: {problem}", err=True)
            raise typer.Exit(EXIT_NO_DRILL) from None
        tried.add(entry.id)
        prepared = prepare(entry, rng, entries=entries)
        if prepared is not None:
            break
        typer.echo(f"torchwhy: {entry.id}: its reproduction no longer raises here", err=True)
    if prepared is None:
        typer.echo("torchwhy: found no reproduction that raises on this install", err=True)
        raise typer.Exit(EXIT_NO_DRILL)

    color = use_color()
    out = console(color)
    out.print(Text("This code crashes:", style="bold"))
    code = prepared.entry.reproduce or ""
    if color:
        out.print(Syntax(code.rstrip(), "python", theme="ansi_dark", background_color="default"))
    else:
        for line in code.rstrip().splitlines():
            out.print(Text("    " + line))
    out.print("")
    out.print(Text("It raises:", style="bold"))
    lines = f"{prepared.error_type}: {prepared.error_message}".splitlines()
    for line in lines[:MESSAGE_LINES]:
        out.print(Text("    " + line, style="red"))
    if len(lines) > MESSAGE_LINES:
        out.print(Text(f"    ... ({len(lines) - MESSAGE_LINES} more lines)", style="dim"))
    out.print("")
    out.print(Text("What is the root cause?", style="bold"))
    for index, choice in enumerate(prepared.choices, 1):
        out.print(Text(f"  {index}. {choice.text}"))
    out.print("")

    given = _read_answer(answer, len(prepared.choices))
    if not given:
        typer.echo("torchwhy: no answer given; nothing scored", err=True)
        raise typer.Exit(EXIT_NO_ANSWER)
    verdict = judge(given, prepared.choices, prepared.entry.category, entries)
    if verdict.chosen is None:  # `9` of four choices, or words that name no cause
        typer.echo(
            f"torchwhy: {given.strip()[:60]!r} is not an answer: give a choice from 1 to "
            f"{len(prepared.choices)}, a category id, or the root cause in words; nothing scored",
            err=True,
        )
        raise typer.Exit(EXIT_NO_ANSWER)
    record_answer(prepared.entry.category, prepared.entry.id, verdict.correct, given)

    truth = prepared.entry.category
    right = next((n for n, c in enumerate(prepared.choices, 1) if c.category == truth), None)
    if verdict.correct:
        out.print(Text(f"Correct: {truth}", style="bold green"))
    else:
        out.print(
            Text(
                f"Incorrect: you answered {verdict.chosen}; the root cause is {truth}"
                + (f" (choice {right})" if right else ""),
                style="bold red",
            )
        )
    out.print("")
    out.print(Text("The expert reading:", style="bold"))
    from torchwhy.render.text import text_width

    width = text_width(sys.stdout)
    sys.stdout.write(render_text(prepared.diagnosis, color=color, full=False, width=width))
    if not render_text(prepared.diagnosis, color=False, full=False).endswith("\n"):
        sys.stdout.write("\n")
    typer.echo(f"More: torchwhy kb show {prepared.entry.id}")
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("drill")(drill)
