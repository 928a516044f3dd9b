"""A possible reading of one message, as every matching stage reports it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from torchwhy.knowledge_base import Entry

Stage = Literal["rule", "fuzzy", "embedding"]


@dataclass(frozen=True)
class Candidate:
    entry: Entry
    confidence: float  # 0..1, comparable across stages
    matched_by: Stage
    captures: dict[str, str] = field(default_factory=dict)
    # Which exception of the input it explains (0 = root cause).
    source_index: int = 0
    # Whether where the error was raised speaks for the reading: True when the entry's declared
    # context or the raising place supports it, False when the paste's frames are there and
    # say nothing for it, None when the paste has no frames to judge by.
    corroborated: bool | None = None


# Exception types a guessed reading (fuzzy, embedding) may explain when its entry names no
# types: on any other type (a KeyError's message is only the key) such a match would be a
# guess about someone else's error.
TORCH_LIKE_TYPES = frozenset(
    {
        "RuntimeError",
        "ValueError",
        "TypeError",
        "IndexError",
        "AssertionError",
        "NotImplementedError",
        "AttributeError",
        "OutOfMemoryError",
        "AcceleratorError",
        "UnpicklingError",
        "EOFError",
        "Unsupported",
        "BackendCompilerFailed",
        "TorchRuntimeError",
        "InternalTorchDynamoError",
        "DistBackendError",
        "DistNetworkError",
        "DistError",
        "ChildFailedError",
        "ProcessRaisedException",
        "ProcessExitedException",
        "UserWarning",
    }
)


def applies_to(entry: Entry, exception_type: str | None, *, guessing: bool = False) -> bool:
    """The one exception-type filter. An entry that names exception types only explains
    those types; a bare message (no type) may be any of them, unless the entry needs the
    type to be seen. `guessing` (fuzzy and embedding matches): an entry that names no types
    explains only the types torch raises, and never a KeyError (its message is a key)."""
    if exception_type is None:
        return not entry.requires_exception_type
    if entry.exceptions:
        return exception_type in entry.exceptions
    return not guessing or exception_type in TORCH_LIKE_TYPES
