"""Drill scores per category, kept across sessions in `<data dir>/drill_scores.json`.

Writes are atomic (a temporary file in the same folder, then `os.replace`) and the
read-modify-write of `record_answer` holds a file lock, so two drills at once lose nothing.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from torchwhy.environment import data_dir

SCORES_FILE = "drill_scores.json"
VERSION = 1
HISTORY_LIMIT = 200


def scores_path() -> Path:
    return data_dir() / SCORES_FILE


@dataclass
class CategoryScore:
    attempts: int = 0
    correct: int = 0

    @property
    def wrong(self) -> int:
        return self.attempts - self.correct

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None

    def weight(self) -> float:
        """How strongly random picks favour this category: the smoothed error rate
        (errors + 1) / (attempts + 2): 0.5 unseen, towards 1 when often wrong, towards 0 when
        always right (never 0: mastered categories still come back now and then)."""
        return (self.wrong + 1) / (self.attempts + 2)


@dataclass
class Scores:
    categories: dict[str, CategoryScore] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)

    def get(self, category: str) -> CategoryScore:
        return self.categories.get(category, CategoryScore())

    def add(self, category: str, entry: str, correct: bool, answer: str | None) -> None:
        score = self.categories.setdefault(category, CategoryScore())
        score.attempts += 1
        score.correct += int(correct)
        self.history.append(
            {
                "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "category": category,
                "entry": entry,
                "correct": correct,
                "answer": answer,
            }
        )
        del self.history[:-HISTORY_LIMIT]

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "categories": {
                k: {"attempts": v.attempts, "correct": v.correct}
                for k, v in sorted(self.categories.items())
            },
            "history": self.history,
        }

    @classmethod
    def from_dict(cls, raw: Any) -> Scores:
        scores = cls()
        if not isinstance(raw, dict):
            return scores
        for name, value in (raw.get("categories") or {}).items():
            if isinstance(value, dict):
                attempts = int(value.get("attempts", 0) or 0)
                correct = min(int(value.get("correct", 0) or 0), attempts)
                scores.categories[str(name)] = CategoryScore(max(attempts, 0), max(correct, 0))
        history = raw.get("history")
        if isinstance(history, list):
            scores.history = [h for h in history if isinstance(h, dict)][-HISTORY_LIMIT:]
        return scores


def load(path: Path | None = None) -> Scores:
    """The saved scores; a missing file is empty scores, a corrupted one too (with a warning)."""
    path = path or scores_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Scores()
    except (OSError, ValueError) as problem:
        sys.stderr.write(f"torchwhy: ignoring unreadable drill scores {path}: {problem}\n")
        return Scores()
    return Scores.from_dict(raw)


def save(scores: Scores, path: Path | None = None) -> None:
    """Write atomically: readers see the old file or the new one, never half of one."""
    path = path or scores_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".drill_scores.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(scores.to_dict(), handle, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def record_answer(
    category: str, entry: str, correct: bool, answer: str | None, path: Path | None = None
) -> Scores:
    """Add one answer to the saved scores (under a lock) and return the updated scores."""
    from filelock import FileLock

    path = path or scores_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path) + ".lock", timeout=30):
        scores = load(path)
        scores.add(category, entry, correct, answer)
        save(scores, path)
    return scores
