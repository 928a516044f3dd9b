"""The knowledge base as data: schema, coverage of the categories, and its own examples."""

from __future__ import annotations

import re

import pytest

import torchwhy
from torchwhy.categories import CATEGORIES, UNKNOWN
from torchwhy.knowledge_base import KnowledgeBaseError, load
from torchwhy.knowledge_base.schema import parse_entry

ENTRIES = load()


def test_every_category_but_unknown_has_an_entry() -> None:
    covered = {entry.category for entry in ENTRIES}
    missing = set(CATEGORIES) - {UNKNOWN} - covered
    assert not missing, f"categories without an entry: {sorted(missing)}"


def test_the_knowledge_base_is_large_enough() -> None:
    assert len(ENTRIES) >= 80


@pytest.mark.parametrize(
    ("example", "entry_id"),
    [(example.text, entry.id) for entry in ENTRIES for example in entry.examples],
)
def test_each_example_is_explained_by_its_own_entry(example: str, entry_id: str) -> None:
    diagnosis = torchwhy.explain(example, use_embedding=False)
    assert diagnosis.entry == entry_id, (
        f"{example!r} went to {diagnosis.entry} ({diagnosis.matched_by}); "
        f"alternatives: {[a.entry for a in diagnosis.alternatives]}"
    )


def test_a_bad_entry_names_file_id_and_problem() -> None:
    raw = {
        "id": "bad-one",
        "category": "dtype/not-a-category",
        "title": "t",
        "patterns": ["x"],
        "examples": ["x"],
        "explanation": "e",
        "causes": ["c"],
        "fixes": ["f"],
    }
    with pytest.raises(KnowledgeBaseError, match=r"broken\.yaml: entry 'bad-one': .*category"):
        parse_entry(raw, "broken.yaml")


def test_a_bad_regex_is_reported() -> None:
    raw = {
        "id": "bad-regex",
        "category": "shape/invalid-view",
        "title": "t",
        "patterns": ["(unclosed"],
        "examples": ["x"],
        "explanation": "e",
        "causes": ["c"],
        "fixes": ["f"],
    }
    with pytest.raises(KnowledgeBaseError, match="not a valid regex"):
        parse_entry(raw, "f.yaml")


# A pattern that opens with an unanchored repeat (`\w+`, `[\w.]+`) is tried from every
# position of a long word: quadratic on a pasted log. Anchor it with `(?<!\w)`, `\b` or `^`.
_UNANCHORED_START = re.compile(r"^(?:\(\?(?:P<\w+>|:))*(?:\\w|\[[^\]]*\\w[^\]]*\])[+*]")


@pytest.mark.parametrize(
    ("entry_id", "pattern"),
    [(entry.id, pattern.pattern) for entry in ENTRIES for pattern in entry.patterns],
)
def test_no_pattern_opens_with_an_unanchored_repeat(entry_id: str, pattern: str) -> None:
    assert not _UNANCHORED_START.match(pattern), f"{entry_id}: anchor {pattern!r}"
