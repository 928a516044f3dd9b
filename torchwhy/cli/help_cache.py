"""`torchwhy --help` is typer's own text, printed once by typer and then kept: a later
`--help` prints the kept copy without importing typer (which alone costs nearly three
`python -c pass`).

The copy is named by everything its text depends on: this CLI's code and version, typer's,
the program name click prints in `Usage:`, the terminal width and the environment
variables that reach the formatting. So a copy is never stale, only unused. It is written
like a `.pyc` beside this file (`__pycache__/`), or in TORCHWHY_CACHE_DIR when set;
where neither can be written, typer prints the help every time.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

_ENVIRONMENT = ("COLUMNS", "LINES", "TERM", "NO_COLOR", "FORCE_COLOR", "LANG", "LC_ALL")


def _key() -> str | None:
    import importlib.util
    import shutil

    from torchwhy import __version__

    spec = importlib.util.find_spec("typer")
    if spec is None or spec.origin is None:
        return None
    main = sys.modules.get("__main__")
    parts = [
        Path(__file__).with_name("__init__.py").read_bytes(),
        Path(__file__).read_bytes(),
        Path(spec.origin).read_bytes(),  # typer's version and what it exports
        repr(
            (
                __version__,
                sys.version,
                sys.argv[0],
                getattr(main, "__package__", None),
                getattr(getattr(main, "__spec__", None), "name", None),
                shutil.get_terminal_size().columns,
                sorted(
                    (name, value)
                    for name, value in os.environ.items()
                    if name in _ENVIRONMENT or name.upper().startswith(("TYPER", "_TYPER"))
                ),
            )
        ).encode(),
    ]
    crc = 0
    for part in parts:
        crc = zlib.crc32(part, crc)
    return f"{crc:08x}{sum(map(len, parts)):x}"


def _path(key: str) -> Path:
    from torchwhy.environment import configured_cache_dir

    folder = configured_cache_dir() or Path(__file__).with_name("__pycache__")
    return folder / f"help-{key}.txt"


def print_help(run_typer: Callable[[], None]) -> None:
    """Print the kept help, or let `run_typer` print it (and keep it); exits as typer does."""
    try:
        key = _key()
    except OSError:
        key = None
    if key is not None:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            sys.stdout.write(_path(key).read_text(encoding="utf-8"))
            sys.stdout.flush()
            raise SystemExit(0)
    captured = io.StringIO()
    code: object = 0
    try:
        with contextlib.redirect_stdout(captured):
            run_typer()
    except SystemExit as done:
        code = done.code
    text = captured.getvalue()
    sys.stdout.write(text)
    sys.stdout.flush()
    if key is not None and code in (0, None) and text and "\x1b" not in text:
        _keep(_path(key), text)
    raise SystemExit(code)


def _keep(path: Path, text: str) -> None:
    """Written to a temporary file and renamed: a concurrent reader sees all or nothing."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
