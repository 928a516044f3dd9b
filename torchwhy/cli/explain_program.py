"""What `torchwhy explain` does, without the CLI framework: the common command lines read
straight from argv, and the explanation printed.

A rule answer at the prompt should cost a few `python -c pass`, and importing typer alone
costs nearly three. So `torchwhy explain [--json] [--no-embed] [--] [TEXT]` is read here;
typer (explain_command.py, which prints through the same `explain_and_print`) handles the
rest: `--help`, `--file`, `--top`, a mistyped option.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

EXIT_EXPLAINED = 0
EXIT_BAD_USAGE = 2
EXIT_NO_MATCH = 3


@dataclass
class ExplainOptions:
    text: str | None = None
    as_json: bool = False
    no_embed: bool = False


_FLAGS = {"--json": "as_json", "--no-embed": "no_embed"}


def read_options(argv: list[str]) -> ExplainOptions | None:
    """The options of `torchwhy explain ARGV`, or None when typer should read them."""
    options = ExplainOptions()
    texts: list[str] = []
    for index, word in enumerate(argv):
        if word == "--":
            texts.extend(argv[index + 1 :])
            break
        if word in _FLAGS:
            setattr(options, _FLAGS[word], True)
        elif word.startswith("-") and word != "-":
            return None
        else:
            texts.append(word)
    if len(texts) > 1:
        return None  # typer's own "unexpected extra argument"
    options.text = texts[0] if texts else None
    return options


def _echo(message: str, err: bool = False) -> None:
    """A line, as typer.echo writes it."""
    stream = sys.stderr if err else sys.stdout
    stream.write(f"{message}\n")
    stream.flush()


def explain_and_print(
    text: str | None, file: Path | None, as_json: bool, top: int, no_embed: bool
) -> int:
    """Read the error (argument, file or stdin), explain it, print it; the exit status."""
    import torchwhy
    from torchwhy.cli.blas_threads import one_blas_thread
    from torchwhy.cli.input_text import BadInput, read_input

    one_blas_thread()

    try:
        error_text, warnings = read_input(text, file)
    except BadInput as problem:
        _echo(f"torchwhy: {problem}", err=True)
        return EXIT_BAD_USAGE
    for warning in warnings:
        _echo(f"torchwhy: {warning}", err=True)
    diagnosis = torchwhy.explain(error_text, use_embedding=not no_embed)
    if as_json:
        from torchwhy.render.json_output import render_json

        _echo(render_json(diagnosis))
    else:
        from torchwhy.render.text import render_text, text_width, wants_color

        sys.stdout.write(
            render_text(
                diagnosis, color=wants_color(sys.stdout), top=top, width=text_width(sys.stdout)
            )
        )
    return EXIT_EXPLAINED if diagnosis.verdict else EXIT_NO_MATCH


def run_explain(options: ExplainOptions) -> int:
    return explain_and_print(options.text, None, options.as_json, 0, options.no_embed)


def pasted_text_as_argument(argv: list[str]) -> list[str]:
    """`torchwhy explain "$(cat tb.txt)"` with an IPython traceback, which starts with a
    row of dashes: no option starts with `---` or spans lines, so such an argument is the
    text, and a `--` before it says so to the parser."""
    if argv[:1] != ["explain"] or "--" in argv:
        return argv
    for index, arg in enumerate(argv[1:], 1):
        if arg.startswith("-") and (arg.startswith("---") or "\n" in arg):
            return [*argv[:index], "--", *argv[index:]]
    return argv
