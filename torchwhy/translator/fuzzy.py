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
    sorted_words: list[str]  # each text's words sorted, as token_sort_ratio compares them
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
        [_sorted_words(text) for text in texts],
        np.array([len(t) for t in texts], dtype=np.int64),
        np.array(text_of, dtype=np.int64),
        owners,
    )


def _sorted_words(text: str) -> str:
    """token_sort_ratio(a, b) is ratio(_sorted_words(a), _sorted_words(b)): sorting each
    example's words once, not once per message, halves the cost of a message."""
    return " ".join(sorted(text.split()))


def _scores(query: str, index: _Index) -> Any:
    """For each text: the best of ratio (same wording) and token_sort (reordered); the
    ratio against the text's opening when the text is longer (users paste a long message's
    first sentence); partial_ratio (a truncated or decorated message) only where lengths
    are close enough that a short common phrase cannot carry the match."""

    def scored(
        query: str, scorer: Any, choices: list[str], weight: float = 1.0, cutoff: bool = True
    ) -> Any:
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

    texts, lengths, size = index.texts, index.lengths, len(query)
    ratios = scored(query, fuzz.ratio, texts, cutoff=False)  # whole: it bounds the others
    reordered = scored(_sorted_words(query), fuzz.ratio, index.sorted_words)
    best = np.maximum(ratios, reordered)
    # The opening and partial_ratio compare a part of one text with the other: no part
    # shares more than the whole texts' longest common subsequence, which the ratio gives
    # (ratio = 200 * common / (len(a) + len(b))). Comparing `compared` characters with a
    # part of at most `part` characters then scores at most
    # 200 * shared / (compared + shared), shared = min(common, part, compared). Only texts
    # whose bound could lift their score past MIN_SCORE are compared (a hair of slack for
    # rounding): the same scores for a fraction of the work.
    common = ratios * (lengths + size) / 200

    def worth(candidates: Any, compared: Any, part: Any) -> Any:
        shared = np.minimum(np.minimum(common, part), compared)
        bound = PARTIAL_WEIGHT * 200 * shared / np.maximum(compared + shared, 1) + 1e-6
        (rows,) = np.nonzero(candidates & (bound >= MIN_SCORE) & (bound > best))
        return rows

    opening = size + size // 10
    rows = worth(lengths > size, size, np.minimum(lengths, opening))
    openings = scored(query, fuzz.ratio, [texts[i][:opening] for i in rows], PARTIAL_WEIGHT)
    best[rows] = np.maximum(best[rows], openings)
    shorter, longer = np.minimum(lengths, size), np.maximum(lengths, size)
    close = (longer > 0) & (shorter / np.maximum(longer, 1) >= 0.5)
    rows = worth(close, shorter, shorter)
    partial = scored(query, fuzz.partial_ratio, [texts[i] for i in rows], PARTIAL_WEIGHT)
    best[rows] = np.maximum(best[rows], partial)
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
