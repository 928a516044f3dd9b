"""Held-out corpus of real users' PyTorch errors (tests/realworld/cases.yaml).

`load_cases()` is shared by the tests and by bench/realworld_accuracy.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CASES_FILE = Path(__file__).with_name("cases.yaml")


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    expected_category: str
    text: str
    note: str | None = None
    known_gap: str | None = None

    @property
    def family(self) -> str:
        return self.expected_category.split("/", 1)[0]


def load_cases(path: Path = CASES_FILE) -> list[Case]:
    import yaml

    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = [Case(**item) for item in raw]
    ids = [c.id for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate case ids in {path.name}: {duplicates}")
    return cases
