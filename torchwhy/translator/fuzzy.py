"""Stage 2: rapidfuzz against every entry's examples, numbers and names masked.

Catches wordings that the regexes miss: another torch version, a truncated paste, a
message retyped by hand.

Each distinct masked example is scored once per message by one native rapidfuzz call per
scorer over all of them (`process.extract`, which, unlike `cdist`, needs no numpy: importing
it would cost a cold answer more than the scoring), rather than a Python scorer called per
example; the costly comparisons run only where a bound says they can matter. The same
scores, for a tenth of the time or less (tests/translator/test_fuzzy_scores.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from torchwhy.knowledge_base import Entry
from torchwhy.translator.candidates import Candidate
from torchwhy.translator.masking import informative, mask

MIN_SCORE = 60.0
# Scores of a shortened choice or of a partial match weigh a little less than a full one.
PARTIAL_WEIGHT = 0.95
# Rounding in the bound below must never skip a comparison that could count.
_SLACK = 1e-6


@dataclass(frozen=True)
class _Index:
    texts: list[str]  # each distinct informative masked example once
    sorted_words: list[str]  # each text's words sorted, as token_sort_ratio compares them
    lengths: list[int]  # len() of each text
    text_of: list[int]  # for each (example, entry) in knowledge-base order, its text's row
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
    sorted_words = [_sorted_words(text) for text in texts]
    return _Index(texts, sorted_words, [len(text) for text in texts], text_of, owners)


def _sorted_words(text: str) -> str:
    """token_sort_ratio(a, b) is ratio(_sorted_words(a), _sorted_words(b)): sorting each
    example's words once, not once per message, halves the cost of a message."""
    return " ".join(sorted(text.split()))


def _scored(
    query: str, scorer: Any, choices: list[str], weight: float = 1.0, cutoff: bool = True
) -> list[tuple[int, float]]:
    """(row, weight * score) for the choices; with `cutoff`, only those reaching MIN_SCORE
    (the others change no answer, and the cutoff lets rapidfuzz stop early)."""
    found = process.extract(
        query,
        choices,
        scorer=scorer,
        limit=None,
        score_cutoff=MIN_SCORE / weight if cutoff else None,
    )
    return [(row, weight * score) for _, score, row in found]


def _scores(query: str, index: _Index) -> list[float]:
    """For each text: the best of ratio (same wording) and token_sort (reordered); the
    ratio against the text's opening when the text is longer (users paste a long message's
    first sentence); partial_ratio (a truncated or decorated message) only where lengths
    are close enough that a short common phrase cannot carry the match."""
    texts, size = index.texts, len(query)
    ratios = [0.0] * len(texts)
    for row, score in _scored(query, fuzz.ratio, texts, cutoff=False):  # it bounds the rest
        ratios[row] = score
    best = list(ratios)
    for row, score in _scored(_sorted_words(query), fuzz.ratio, index.sorted_words):
        best[row] = max(best[row], score)

    # The opening and partial_ratio compare a part of one text with the other: no part
    # shares more than the whole texts' longest common subsequence, which the ratio gives
    # (ratio = 200 * common / (len(a) + len(b))). Comparing `compared` characters with a
    # part of at most `part` then scores at most 200 * shared / (compared + shared),
    # shared = min(common, part, compared): a text is compared only if that bound could
    # lift its score past MIN_SCORE. (One loop, no call per text: it runs for every text.)
    opening = size + size // 10
    weight = PARTIAL_WEIGHT * 200
    openings: list[int] = []
    partials: list[int] = []
    for row, ratio in enumerate(ratios):
        length = index.lengths[row]
        common = ratio * (length + size) / 200
        if length > size:
            shared = min(common, length, opening, size)
            bound = weight * shared / (size + shared) + _SLACK
            if bound >= MIN_SCORE and bound > best[row]:
                openings.append(row)
        shorter, longer = (size, length) if size < length else (length, size)
        if shorter / longer >= 0.5:  # size > 0: the query is informative
            shared = min(common, shorter)
            bound = weight * shared / (shorter + shared) + _SLACK
            if bound >= MIN_SCORE and bound > best[row]:
                partials.append(row)
    parts = [texts[row][:opening] for row in openings]
    for place, score in _scored(query, fuzz.ratio, parts, PARTIAL_WEIGHT):
        best[openings[place]] = max(best[openings[place]], score)
    parts = [texts[row] for row in partials]
    for place, score in _scored(query, fuzz.partial_ratio, parts, PARTIAL_WEIGHT):
        best[partials[place]] = max(best[partials[place]], score)
    return best


def match_fuzzy(
    entries: tuple[Entry, ...], message: str, source_index: int, limit: int = 10
) -> list[Candidate]:
    index = _index(entries)
    query = mask(message)
    if not informative(query) or not index.texts:
        return []
    scores = _scores(query, index)
    per_example = [scores[row] for row in index.text_of]
    # The best `limit * 3` examples, ties in knowledge-base order.
    ranked = sorted(
        (-score, position) for position, score in enumerate(per_example) if score >= MIN_SCORE
    )[: limit * 3]
    best: dict[str, Candidate] = {}
    for negative, position in ranked:
        entry = index.owners[position]
        confidence = round(-negative / 100 * 0.9, 3)
        if entry.id not in best or best[entry.id].confidence < confidence:
            best[entry.id] = Candidate(entry, confidence, "fuzzy", {}, source_index)
    return sorted(best.values(), key=lambda c: -c.confidence)[:limit]
