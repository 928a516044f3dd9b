"""Stage 1: the entries' regular expressions, with their named captures."""

from __future__ import annotations

from collections.abc import Sequence

from torchwhy.knowledge_base import CompiledEntries, Entry
from torchwhy.translator.candidates import Candidate, applies_to

RULE_CONFIDENCE = 0.9
# What a message says is at its start; a pasted log of megabytes must not cost seconds.
MAX_RULE_CHARS = 100_000


def match_rules(
    entries: Sequence[Entry], message: str, exception_type: str | None, source_index: int
) -> list[Candidate]:
    hits: list[Candidate] = []
    message = message[:MAX_RULE_CHARS]
    # The compiled knowledge base leaves out the patterns that need a word or a literal the
    # message lacks: the time per message stays flat as the knowledge base grows.
    if isinstance(entries, CompiledEntries):
        candidates = entries.rule_candidates(message)
    else:
        candidates = [(entry, list(entry.patterns)) for entry in entries]
    # A pasted message often runs on into the user's own words ("any idea?", a closing code
    # fence, a line in another language): a pattern anchored at the message's end also gets
    # the first line alone.
    first_line = message.split("\n", 1)[0]
    for entry, patterns in candidates:
        if not applies_to(entry, exception_type):
            continue
        for pattern in patterns:
            found = pattern.search(message)
            if found is None and first_line != message:
                found = pattern.search(first_line)
            if found:
                captures = {k: v for k, v in found.groupdict().items() if v is not None}
                hits.append(Candidate(entry, RULE_CONFIDENCE, "rule", captures, source_index))
                break
    return hits
