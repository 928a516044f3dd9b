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


def applies_to(entry: Entry, exception_type: str | None) -> bool:
    """An entry that names exception types only explains those types; a bare message (no
    type) may be any of them, unless the entry needs the type to be seen."""
    if exception_type is None:
        return not entry.requires_exception_type
    return not entry.exceptions or exception_type in entry.exceptions
