"""Deliberate practice on real PyTorch errors: `torchwhy drill`.

An entry's reproduction raises live; the user names the root cause; torchwhy reveals the
expert reading and keeps a score per category (favouring the ones the user gets wrong).
"""

from __future__ import annotations

from torchwhy.drill.scores import CategoryScore, Scores, record_answer, scores_path
from torchwhy.drill.session import (
    Choice,
    Drill,
    Judgement,
    NoDrill,
    judge,
    make_choices,
    pick_entry,
    prepare,
)

__all__ = [
    "CategoryScore",
    "Choice",
    "Drill",
    "Judgement",
    "NoDrill",
    "Scores",
    "judge",
    "make_choices",
    "pick_entry",
    "prepare",
    "record_answer",
    "scores_path",
]
