"""What `torchwhy run` does, without the CLI framework: its options, read straight from the
command line, and the run itself.

`torchwhy run` must cost nothing next to the program it runs (≤ 3% of a torch script that
does not crash), and importing typer alone costs more than that. So the common command
line (`torchwhy run [options] SCRIPT [args...]`) is read here, and typer (run_command.py)
handles the rest: `--help`, a mistyped option, a missing SCRIPT.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

EXIT_NO_SUCH_TARGET = 2


@dataclass
class RunOptions:
    target: str
    args: list[str] = field(default_factory=list)
    module: bool = False
    report: Path | None = None
    warnings: bool = True
    embedding: bool = True
    journal: bool | None = None


_FLAGS = {
    "-m": ("module", True),
    "--module": ("module", True),
    "--no-warnings": ("warnings", False),
    "--no-embed": ("embedding", False),
    "--journal": ("journal", True),
    "--no-journal": ("journal", False),
}


def read_options(argv: list[str]) -> RunOptions | None:
    """The options of `torchwhy run ARGV`, or None when typer should read them (help, an
    unknown option, no SCRIPT). Options come before SCRIPT; all after it is the script's."""
    values: dict[str, object] = {}
    index = 0
    while index < len(argv):
        word = argv[index]
        if word in _FLAGS:
            name, value = _FLAGS[word]
            values[name] = value
        elif word == "--report" and index + 1 < len(argv):
            index += 1
            values["report"] = Path(argv[index])
        elif word.startswith("--report=") and len(word) > len("--report="):
            values["report"] = Path(word.removeprefix("--report="))
        elif word.startswith("-"):
            return None
        else:
            return RunOptions(target=word, args=argv[index + 1 :], **values)  # type: ignore[arg-type]
        index += 1
    return None


def run_program(options: RunOptions) -> int:
    """Run the program under the hooks; its exit status, as `python` would give it."""
    from torchwhy.hooks import install
    from torchwhy.hooks.runner import run as run_target

    if not options.module and not Path(options.target).exists():
        sys.stderr.write(
            f"{sys.executable}: can't open file {str(Path(options.target).absolute())!r}: "
            "[Errno 2] No such file or directory\n"
        )
        return EXIT_NO_SUCH_TARGET
    install(warnings=options.warnings, journal=options.journal, embedding=options.embedding)
    status, exc = run_target(options.target, options.args, module=options.module)
    from torchwhy.hooks.budget import set_exit_status

    set_exit_status(status)
    if options.report is not None and exc is not None:
        _write_report(options.report, exc, use_embedding=options.embedding)
    return status


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
