"""The fuzzy stage scores each distinct example once with rapidfuzz's cdist and skips the
comparisons that cannot reach the cutoff: its answers must be those of the plain scorer it
replaced, which called rapidfuzz per example (kept here as the reference)."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process

from torchwhy.knowledge_base import load
from torchwhy.translator.candidates import Candidate
from torchwhy.translator.fuzzy import MIN_SCORE, match_fuzzy
from torchwhy.translator.masking import informative, mask


def _reference_score(query: str, choice: str, **_: object) -> float:
    best = max(fuzz.ratio(query, choice), fuzz.token_sort_ratio(query, choice))
    if len(choice) > len(query):
        best = max(best, 0.95 * fuzz.ratio(query, choice[: len(query) + len(query) // 10]))
    shorter, longer = sorted((len(query), len(choice)))
    if longer and shorter / longer >= 0.5:
        best = max(best, 0.95 * fuzz.partial_ratio(query, choice))
    return best


def _reference(
    message: str, limit: int = 10, min_score: float = MIN_SCORE
) -> list[tuple[str, float]]:
    texts, owners = [], []
    for entry in load():
        for example in entry.examples:
            masked = mask(example.text)
            if informative(masked):
                texts.append(masked)
                owners.append(entry)
    query = mask(message)
    if not informative(query):
        return []
    best: dict[str, Candidate] = {}
    for _, score, position in process.extract(
        query, texts, scorer=_reference_score, limit=limit * 3, score_cutoff=min_score
    ):
        entry = owners[position]
        confidence = round(score / 100 * 0.9, 3)
        if entry.id not in best or best[entry.id].confidence < confidence:
            best[entry.id] = Candidate(entry, confidence, "fuzzy", {}, 0)
    ranked = sorted(best.values(), key=lambda c: -c.confidence)[:limit]
    return [(c.entry.id, c.confidence) for c in ranked]


def _messages() -> list[str]:
    """Examples of the knowledge base, reordered, cut short and misspelt, as users paste."""
    rng = random.Random(12)
    examples = [example.text for entry in load() for example in entry.examples]
    chosen = rng.sample(examples, 40)
    messages = []
    for text in chosen:
        words = text.split()
        rng.shuffle(words)
        messages += [text, " ".join(words), text[: len(text) // 2], text.replace("e", "a")]
    return [*messages, "RuntimeError: the frobnicator refused to quux the widget array"]


@pytest.mark.parametrize("message", _messages())
def test_the_same_readings_as_scoring_every_example(message: str) -> None:
    found = [(c.entry.id, c.confidence) for c in match_fuzzy(load(), message, 0)]
    assert found == _reference(message)


@pytest.mark.parametrize("message", _messages()[::16])
def test_every_entry_ranked_when_no_score_is_too_low(message: str) -> None:
    found = [(c.entry.id, c.confidence) for c in match_fuzzy(load(), message, 0, min_score=0)]
    assert found == _reference(message, min_score=0)
