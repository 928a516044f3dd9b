"""Stage 2: rapidfuzz against every entry's examples, numbers and names masked.

Catches wordings that the regexes miss: another torch version, a truncated paste, a
message retyped by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

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
