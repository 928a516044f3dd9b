"""Read the text a user hands to the CLI (argument, file or stdin) and refuse bad input
with a clear sentence instead of a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

MAX_BYTES = 10 * 1024 * 1024
# The exception line ends a traceback: for oversized input the tail is what matters.
TAIL_BYTES = 256 * 1024


class BadInput(ValueError):
    """Input that cannot be explained; the message says why, in one sentence."""


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text from raw bytes, and warnings about what was done to it."""
    warnings: list[str] = []
    if len(data) > MAX_BYTES:
        warnings.append(
            f"input is {len(data) / 1e6:.1f} MB; reading only its last {TAIL_BYTES // 1024} KB"
        )
        data = data[-TAIL_BYTES:]
    if not data.strip():
        raise BadInput("no error text given: paste an error message or a traceback")
    sample = data[:8192]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) * 0.1:
        raise BadInput("the input looks binary, not an error message or a traceback")
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        warnings.append("input is not valid UTF-8; undecodable bytes were replaced")
        return data.decode("utf-8", errors="replace"), warnings


def read_input(text: str | None, file: Path | None) -> tuple[str, list[str]]:
    if text is not None and file is not None:
        raise BadInput("give the error as TEXT or with --file, not both")
    if text is not None:
        return decode(text.encode("utf-8", errors="surrogateescape"))
    if file is not None:
        try:
            return decode(file.read_bytes())
        except OSError as error:
            raise BadInput(f"cannot read {file}: {error.strerror or error}") from None
    if sys.stdin is None or sys.stdin.isatty():
        raise BadInput("no error text: pass it as an argument, with --file, or on stdin")
    return decode(sys.stdin.buffer.read())
