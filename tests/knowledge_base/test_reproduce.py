"""Executable knowledge base: every reproduction raises its own error on this torch."""

from __future__ import annotations

from pathlib import Path

import pytest

import torchwhy
from tests.reproduce import raise_entry
from torchwhy.knowledge_base import load

REPRODUCIBLE = [entry for entry in load() if entry.reproduce]


def test_at_least_sixty_entries_raise_live() -> None:
    assert len(REPRODUCIBLE) >= 60


def test_entries_without_reproduction_say_why() -> None:
    for entry in load():
        assert entry.reproduce or entry.reproduce_skip, f"{entry.id}: reproduce or reproduce_skip"


@pytest.mark.parametrize("entry", REPRODUCIBLE, ids=lambda e: e.id)
def test_reproduction_is_translated_to_its_own_entry(entry, tmp_path: Path) -> None:
    error = raise_entry(entry, tmp_path)
    diagnosis = torchwhy.explain(error, use_embedding=False)
    assert diagnosis.category == entry.category, f"{type(error).__name__}: {error}"
    assert diagnosis.entry == entry.id, f"{type(error).__name__}: {error}"
