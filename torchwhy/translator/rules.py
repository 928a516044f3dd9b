"""Stage 1: the entries' regular expressions, with their named captures."""

from __future__ import annotations

from torchwhy.knowledge_base import Entry
from torchwhy.translator.candidates import Candidate, applies_to

RULE_CONFIDENCE = 0.9
# What a message says is at its start; a pasted log of megabytes must not cost seconds.
MAX_RULE_CHARS = 100_000


def match_rules(
    entries: tuple[Entry, ...], message: str, exception_type: str | None, source_index: int
) -> list[Candidate]:
    hits: list[Candidate] = []
    message = message[:MAX_RULE_CHARS]
    for entry in entries:
        if not applies_to(entry, exception_type):
            continue
        for pattern in entry.patterns:
            found = pattern.search(message)
            if found:
                captures = {k: v for k, v in found.groupdict().items() if v is not None}
                hits.append(Candidate(entry, RULE_CONFIDENCE, "rule", captures, source_index))
                break
    return hits
