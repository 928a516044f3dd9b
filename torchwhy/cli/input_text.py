"""Read the text a user hands to the CLI (argument, file or stdin) and refuse bad input
with a clear sentence instead of a traceback."""

from __future__ import annotations

import sys
from collections import deque
from pathlib import Path
from typing import BinaryIO

MAX_BYTES = 10 * 1024 * 1024
# The exception line ends a traceback: for oversized input the tail is what matters.
TAIL_BYTES = 256 * 1024
# Past this a stream is no error log (`/dev/zero`, a runaway pipe): stop reading.
MAX_READ_BYTES = 256 * 1024 * 1024
CHUNK_BYTES = 1024 * 1024
BINARY_SAMPLE_BYTES = 8192


class BadInput(ValueError):
    """Input that cannot be explained; the message says why, in one sentence."""


def decode(data: bytes, size: int | None = None) -> tuple[str, list[str]]:
    """Text from raw bytes (the tail of `size` bytes read), and warnings about what was
    done to it."""
    warnings: list[str] = []
    size = max(size or 0, len(data))
    if size > MAX_BYTES:
        warnings.append(
            f"input is {size / 1e6:.1f} MB; reading only its last {TAIL_BYTES // 1024} KB"
        )
        data = _from_character_start(data[-TAIL_BYTES:])
    if not data.strip():
        raise BadInput("no error text given: paste an error message or a traceback")
    _refuse_binary(data)
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        warnings.append("input is not valid UTF-8; undecodable bytes were replaced")
        return data.decode("utf-8", errors="replace"), warnings


def _from_character_start(data: bytes) -> bytes:
    """Drop the UTF-8 continuation bytes a cut left at the start (at most three)."""
    skip = 0
    while skip < min(3, len(data)) and 0x80 <= data[skip] <= 0xBF:
        skip += 1
    return data[skip:]


def _refuse_binary(data: bytes) -> None:
    sample = data[:BINARY_SAMPLE_BYTES]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) * 0.1:
        raise BadInput("the input looks binary, not an error message or a traceback")


def read_bounded(stream: BinaryIO) -> tuple[bytes, int]:
    """(the bytes, how many were read) from a stream, never more than MAX_READ_BYTES;
    binary input is refused at its first chunk, and of oversized input only about
    MAX_BYTES of its tail are held, which is more than `decode` keeps."""
    kept: deque[bytes] = deque()
    kept_bytes = total = 0
    while True:
        chunk = stream.read(CHUNK_BYTES)
        if not chunk:
            break
        if total == 0 and chunk.strip():
            _refuse_binary(chunk)
        total += len(chunk)
        if total > MAX_READ_BYTES:
            raise BadInput(
                f"the input is over {MAX_READ_BYTES // (1024 * 1024)} MB: "
                "not an error message or a traceback"
            )
        kept.append(chunk)
        kept_bytes += len(chunk)
        while kept_bytes - len(kept[0]) > MAX_BYTES:
            kept_bytes -= len(kept.popleft())
    return b"".join(kept), total


def read_input(text: str | None, file: Path | None) -> tuple[str, list[str]]:
    if text is not None and file is not None:
        raise BadInput("give the error as TEXT or with --file, not both")
    if text is not None:
        return decode(text.encode("utf-8", errors="surrogateescape"))
    if file is not None:
        try:
            with file.open("rb") as stream:
                return decode(*read_bounded(stream))
        except OSError as error:
            raise BadInput(f"cannot read {file}: {error.strerror or error}") from None
    if sys.stdin is None or sys.stdin.isatty():
        raise BadInput("no error text: pass it as an argument, with --file, or on stdin")
    return decode(*read_bounded(sys.stdin.buffer))
