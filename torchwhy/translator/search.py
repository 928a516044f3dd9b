"""`torchwhy kb search`: the knowledge base ranked for a query by `explain`'s own stages.

A query that is an error message gets the readings `explain` weighs (rules, fuzzy and, when
allowed, embeddings, each with its floor); a query in plain words (`my loss is nan`) is
ranked by its words (BM25, `fuzzy.match_words`, with a coverage floor), blended with the
embedding similarity when the model may load. Nonsense matches nothing.
"""

from __future__ import annotations

import contextlib

from torchwhy.knowledge_base import load
from torchwhy.translator.candidates import Candidate
from torchwhy.translator.engine import possible_readings
from torchwhy.translator.fuzzy import match_words

# Embedding similarities are cosines; scaled as the embedding stage scales them.
EMBEDDING_SCALE = 0.85


def search(query: str, *, limit: int = 10, use_embedding: bool = True) -> list[Candidate]:
    """Entries for `query`, best first, at most `limit`; empty when nothing is close."""
    if not query or not query.strip():
        return []
    entries = load()
    best: dict[str, Candidate] = {}

    def keep(candidate: Candidate) -> None:
        held = best.get(candidate.entry.id)
        if held is None or held.confidence < candidate.confidence:
            best[candidate.entry.id] = candidate

    for reading in possible_readings(query, use_embedding=use_embedding, limit=limit * 2):
        keep(reading)
    words = match_words(entries, query, limit * 2)
    similarity: dict[str, float] = {}
    if use_embedding and words:
        from torchwhy.translator.embedding import EmbeddingUnavailable, similarities

        with contextlib.suppress(EmbeddingUnavailable):
            similarity = similarities(entries, query)
    for hit in words:
        if hit.entry.id in similarity:  # the words say where; the meaning says which first
            blended = (hit.confidence + EMBEDDING_SCALE * similarity[hit.entry.id]) / 2
            hit = Candidate(hit.entry, round(blended, 3), hit.matched_by, {}, 0)
        keep(hit)
    return sorted(best.values(), key=lambda c: (-c.confidence, c.entry.id))[:limit]
