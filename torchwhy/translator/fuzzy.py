"""Stage 2: rapidfuzz against every entry's examples, numbers and names masked.

Catches wordings that the regexes miss: another torch version, a truncated paste, a
message retyped by hand.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz, process

from torchwhy.knowledge_base import Entry
from torchwhy.translator.candidates import Candidate
from torchwhy.translator.masking import informative, mask

MIN_SCORE = 60.0


@lru_cache(maxsize=4)
def _index(entries: tuple[Entry, ...]) -> tuple[list[str], list[Entry]]:
    texts: list[str] = []
    owners: list[Entry] = []
    for entry in entries:
        for example in entry.examples:
            masked = mask(example.text)
            if informative(masked):
                texts.append(masked)
                owners.append(entry)
    return texts, owners


def _score(query: str, choice: str, **_: object) -> float:
    # ratio rewards same wording; token_sort forgives reordering; partial_ratio lets a
    # truncated or decorated message find its example, but only when lengths are close
    # enough that a short common phrase cannot carry the match.
    best = max(fuzz.ratio(query, choice), fuzz.token_sort_ratio(query, choice))
    if len(choice) > len(query):
        # Users paste a long message's first sentence: compare with the example's opening.
        best = max(best, 0.95 * fuzz.ratio(query, choice[: len(query) + len(query) // 10]))
    shorter, longer = sorted((len(query), len(choice)))
    if longer and shorter / longer >= 0.5:
        best = max(best, 0.95 * fuzz.partial_ratio(query, choice))
    return best


def match_fuzzy(
    entries: tuple[Entry, ...],
    message: str,
    source_index: int,
    limit: int = 10,
    min_score: float = MIN_SCORE,
) -> list[Candidate]:
    """Entries whose examples read most like `message`, best first; `min_score` 0 ranks
    every entry (the nearest wordings, however far)."""
    texts, owners = _index(tuple(entries))
    query = mask(message)
    if not informative(query):
        return []
    best: dict[str, Candidate] = {}
    for _, score, position in process.extract(
        query, texts, scorer=_score, limit=limit * 3, score_cutoff=min_score
    ):
        entry = owners[position]
        confidence = round(score / 100 * 0.9, 3)
        if entry.id not in best or best[entry.id].confidence < confidence:
            best[entry.id] = Candidate(entry, confidence, "fuzzy", {}, source_index)
    return sorted(best.values(), key=lambda c: -c.confidence)[:limit]
