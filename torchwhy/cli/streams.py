"""stdout and stderr that a failed write cannot turn into a traceback: set up before any
subcommand runs, so they import nothing heavy (no typer: `torchwhy run` and `explain` skip it)."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import IO, Any


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
