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

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from torchwhy.knowledge_base import CompiledEntries, Entry
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
    query: str, scorer: Any, choices: list[str], weight: float = 1.0, cutoff: float | None = None
) -> list[tuple[int, float]]:
    """(row, weight * score) for the choices; with `cutoff`, only those reaching it (the
    others change no answer, and the cutoff lets rapidfuzz stop early)."""
    found = process.extract(
        query,
        choices,
        scorer=scorer,
        limit=None,
        score_cutoff=cutoff / weight if cutoff is not None else None,
    )
    return [(row, weight * score) for _, score, row in found]


def _scores(query: str, index: _Index, min_score: float = MIN_SCORE) -> list[float]:
    """For each text: the best of ratio (same wording) and token_sort (reordered); the
    ratio against the text's opening when the text is longer (users paste a long message's
    first sentence); partial_ratio (a truncated or decorated message) only where lengths
    are close enough that a short common phrase cannot carry the match."""
    texts, size = index.texts, len(query)
    ratios = [0.0] * len(texts)
    for row, score in _scored(query, fuzz.ratio, texts):  # all of them: it bounds the rest
        ratios[row] = score
    best = list(ratios)
    for row, score in _scored(_sorted_words(query), fuzz.ratio, index.sorted_words, 1, min_score):
        best[row] = max(best[row], score)

    # The opening and partial_ratio compare a part of one text with the other: no part
    # shares more than the whole texts' longest common subsequence, which the ratio gives
    # (ratio = 200 * common / (len(a) + len(b))). Comparing `compared` characters with a
    # part of at most `part` then scores at most 200 * shared / (compared + shared),
    # shared = min(common, part, compared): a text is compared only if that bound could
    # lift its score past min_score. (One loop, no call per text: it runs for every text.)
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
            if bound >= min_score and bound > best[row]:
                openings.append(row)
        shorter, longer = (size, length) if size < length else (length, size)
        if shorter / longer >= 0.5:  # size > 0: the query is informative
            shared = min(common, shorter)
            bound = weight * shared / (shorter + shared) + _SLACK
            if bound >= min_score and bound > best[row]:
                partials.append(row)
    parts = [texts[row][:opening] for row in openings]
    for place, score in _scored(query, fuzz.ratio, parts, PARTIAL_WEIGHT, min_score):
        best[openings[place]] = max(best[openings[place]], score)
    parts = [texts[row] for row in partials]
    for place, score in _scored(query, fuzz.partial_ratio, parts, PARTIAL_WEIGHT, min_score):
        best[partials[place]] = max(best[partials[place]], score)
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
    # The compiled knowledge base is hashed by identity (cheap); any other sequence by value.
    index = _index(entries if isinstance(entries, CompiledEntries) else tuple(entries))
    query = mask(message)
    if not informative(query) or not index.texts:
        return []
    scores = _scores(query, index, min_score)
    per_example = [scores[row] for row in index.text_of]
    # The best `limit * 3` examples, ties in knowledge-base order.
    ranked = sorted(
        (-score, position) for position, score in enumerate(per_example) if score >= min_score
    )[: limit * 3]
    best: dict[str, Candidate] = {}
    for negative, position in ranked:
        entry = index.owners[position]
        confidence = round(-negative / 100 * 0.9, 3)
        if entry.id not in best or best[entry.id].confidence < confidence:
            best[entry.id] = Candidate(entry, confidence, "fuzzy", {}, source_index)
    return sorted(best.values(), key=lambda c: -c.confidence)[:limit]


# --- plain words: `kb search "my loss is nan"` -------------------------------------------

# Share of a query's words (stopwords aside) an entry must contain to be a hit at all: one
# word of two (`hello world`) is chance, not a match.
MIN_WORD_COVERAGE = 0.6
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


def _entry_words(entry: Entry) -> str:
    """What an entry is about, in words; its title counts thrice (it says the bug)."""
    title = _PLACEHOLDER.sub("", entry.title)
    return " ".join(
        [
            entry.id.replace("-", " "),
            entry.category.replace("/", " ").replace("-", " "),
            title,
            title,
            title,
            entry.explanation,
            *entry.causes,
            *(fix.title for fix in entry.fixes),
            *(example.text for example in entry.examples),
        ]
    )


# Besides bm25s's English stopwords: the words of a question about a bug that say nothing
# of which bug.
_QUESTION_WORDS = frozenset(
    {
        "i", "me", "my", "mine", "we", "our", "you", "your", "he", "she", "its",
        "what", "why", "how", "when", "where", "which", "who",
        "does", "do", "did", "doing", "has", "have", "had", "can", "cannot",
        "get", "gets", "got", "getting", "keeps", "keep", "becomes", "become", "becoming",
        "after", "before", "all", "some", "any", "very", "so", "too", "just", "still",
        "always", "again", "please", "help",
    }
)  # fmt: skip


def _tokens(texts: list[str]) -> list[list[str]]:
    import bm25s
    from bm25s.stopwords import STOPWORDS_EN

    stopwords = [*STOPWORDS_EN, *sorted(_QUESTION_WORDS)]
    return bm25s.tokenize(texts, stopwords=stopwords, show_progress=False, return_ids=False)


@dataclass(frozen=True)
class _WordIndex:
    retriever: Any  # bm25s.BM25
    words: tuple[frozenset[str], ...]  # each entry's words, for the coverage floor


@lru_cache(maxsize=4)
def _word_index(entries: tuple[Entry, ...]) -> _WordIndex:
    import bm25s

    tokens = _tokens([_entry_words(entry) for entry in entries])
    retriever = bm25s.BM25()
    retriever.index(tokens, show_progress=False)
    return _WordIndex(retriever, tuple(frozenset(t) for t in tokens))


def match_words(entries: tuple[Entry, ...], query: str, limit: int = 10) -> list[Candidate]:
    """Entries described by the query's words (BM25 over titles, explanations, causes, fixes
    and examples), best first; confidence 0.9 × score relative to the best × the share of the
    query's words the entry holds. Below MIN_WORD_COVERAGE an entry is no hit."""
    entries = tuple(entries)
    words = set(_tokens([query])[0]) if entries else set()
    if not words:
        return []
    index = _word_index(entries)
    found, scores = index.retriever.retrieve(
        [sorted(words)], k=min(limit * 3, len(entries)), show_progress=False
    )
    top = float(scores[0][0])
    if top <= 0:
        return []
    hits: list[Candidate] = []
    for position, score in zip(found[0], scores[0], strict=True):
        coverage = len(words & index.words[int(position)]) / len(words)
        if score > 0 and coverage >= MIN_WORD_COVERAGE:
            confidence = round(0.9 * float(score) / top * coverage, 3)
            hits.append(Candidate(entries[int(position)], confidence, "fuzzy", {}, 0))
    return sorted(hits, key=lambda c: -c.confidence)[:limit]
