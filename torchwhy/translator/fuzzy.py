"""Stage 2: rapidfuzz against every entry's examples, numbers and names masked.

Catches wordings that the regexes miss: another torch version, a truncated paste, a
message retyped by hand.

Each distinct masked example is scored once, by rapidfuzz's own `cdist` (one native call
per scorer over all of them) rather than a Python scorer called per example: the time per
message stays a few milliseconds as the knowledge base grows, with the same scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from torchwhy.knowledge_base import Entry
from torchwhy.translator.candidates import Candidate
from torchwhy.translator.masking import informative, mask

MIN_SCORE = 60.0
# Scores of a shortened choice or of a partial match weigh a little less than a full one.
PARTIAL_WEIGHT = 0.95


@dataclass(frozen=True)
class _Index:
    texts: list[str]  # each distinct informative masked example once
    lengths: Any  # numpy: len() of each text
    text_of: Any  # numpy: for each (example, entry) in knowledge-base order, its text's row
    owners: list[Entry]  # the entry of each (example, entry)


@lru_cache(maxsize=4)
def _index(entries: tuple[Entry, ...]) -> _Index:
    rows: dict[str, int] = {}
    text_of: list[int] = []
    owners: list[Entry] = []
    for entry in entries:
        for example in entry.examples:
            masked = mask(example.text)
            if informative(masked):
                text_of.append(rows.setdefault(masked, len(rows)))
                owners.append(entry)
    texts = list(rows)
    return _Index(
        texts,
        np.array([len(t) for t in texts], dtype=np.int64),
        np.array(text_of, dtype=np.int64),
        owners,
    )


def _scores(query: str, index: _Index) -> Any:
    """For each text: the best of ratio (same wording) and token_sort (reordered); the
    ratio against the text's opening when the text is longer (users paste a long message's
    first sentence); partial_ratio (a truncated or decorated message) only where lengths
    are close enough that a short common phrase cannot carry the match."""

    def scored(scorer: Any, choices: list[str], weight: float = 1.0, cutoff: bool = True) -> Any:
        if not choices:
            return np.zeros(0)
        # A score that could not reach MIN_SCORE comes back as 0 (and costs less): it
        # changes no answer, since only scores of MIN_SCORE and more are kept.
        found = process.cdist(
            [query],
            choices,
            scorer=scorer,
            score_cutoff=MIN_SCORE / weight if cutoff else None,
            dtype=np.float64,
        )
        return weight * found[0]

    texts, lengths = index.texts, index.lengths
    ratios = scored(fuzz.ratio, texts, cutoff=False)  # whole: it bounds partial_ratio below
    best = np.maximum(ratios, scored(fuzz.token_sort_ratio, texts))
    opening = len(query) + len(query) // 10
    (longer,) = np.nonzero(lengths > len(query))
    openings = scored(fuzz.ratio, [texts[i][:opening] for i in longer], PARTIAL_WEIGHT)
    best[longer] = np.maximum(best[longer], openings)
    shorter, longest = np.minimum(lengths, len(query)), np.maximum(lengths, len(query))
    close = (longest > 0) & (shorter / np.maximum(longest, 1) >= 0.5)
    # partial_ratio costs most, and compares the shorter text with windows of the longer
    # one: no window shares more than the texts' longest common subsequence, which the
    # ratio gives (ratio = 200 * common / total length), so a window scores at most
    # 200 * common / (shorter + common). Texts whose bound cannot raise their score past
    # MIN_SCORE are not compared (a hair of slack for rounding).
    common = ratios * (lengths + len(query)) / 200
    bound = PARTIAL_WEIGHT * 200 * common / np.maximum(shorter + common, 1) + 1e-6
    (worth,) = np.nonzero(close & (bound >= MIN_SCORE) & (bound > best))
    partial = scored(fuzz.partial_ratio, [texts[i] for i in worth], PARTIAL_WEIGHT)
    best[worth] = np.maximum(best[worth], partial)
    return best


def match_fuzzy(
    entries: tuple[Entry, ...], message: str, source_index: int, limit: int = 10
) -> list[Candidate]:
    index = _index(entries)
    query = mask(message)
    if not informative(query) or not index.texts:
        return []
    per_example = _scores(query, index)[index.text_of]
    # The best `limit * 3` examples, ties in knowledge-base order.
    (passing,) = np.nonzero(per_example >= MIN_SCORE)
    order = passing[np.lexsort((passing, -per_example[passing]))][: limit * 3]
    best: dict[str, Candidate] = {}
    for position in order:
        entry = index.owners[position]
        confidence = round(float(per_example[position]) / 100 * 0.9, 3)
        if entry.id not in best or best[entry.id].confidence < confidence:
            best[entry.id] = Candidate(entry, confidence, "fuzzy", {}, source_index)
    return sorted(best.values(), key=lambda c: -c.confidence)[:limit]
