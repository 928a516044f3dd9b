"""`torchwhy drill` end to end through the real CLI, and its picking, choices and judging."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from torchwhy.categories import CATEGORIES
from torchwhy.cli import app
from torchwhy.drill import Scores, judge, make_choices, pick_entry
from torchwhy.drill.scores import load, record_answer, scores_path
from torchwhy.knowledge_base import parse_entry

ENTRY = "cross-entropy-target-float"
TRUTH = "dtype/target-not-long"
ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


# Every test gets a private data directory (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("data_dir")


def choices_in(output: str) -> dict[str, int]:
    return {
        m.group(2): int(m.group(1)) for m in re.finditer(r"^  (\d)\. ([\w/.-]+):", output, re.M)
    }


def drill(*args: str, stdin: str | None = None):
    return runner.invoke(app, ["drill", "--id", ENTRY, "--seed", "7", *args], input=stdin)


def test_drill_with_a_choice_number_scores_it() -> None:
    first = drill("--answer", "1")
    assert first.exit_code == 0, first.output
    shown = choices_in(first.stdout)
    assert len(shown) == 4 and TRUTH in shown
    assert "labels = torch.tensor([0.0, 2.0, 1.0, 1.0])" in first.stdout  # the code
    assert "RuntimeError: expected target dtype to be Long or Byte" in first.stdout  # live error
    assert "The expert reading:" in first.stdout
    assert "Culprit: labels" in first.stdout
    assert "Fix: Cast the target to int64" in first.stdout

    # The same seed shows the same choices: answer the true one by number.
    right = drill("--answer", str(shown[TRUTH]))
    assert right.exit_code == 0
    assert choices_in(right.stdout) == shown
    assert f"Correct: {TRUTH}" in right.stdout

    wrong_number = next(n for c, n in shown.items() if c != TRUTH)
    wrong = drill("--answer", str(wrong_number))
    assert wrong.exit_code == 0  # a completed drill exits 0, right or wrong
    assert "Incorrect" in wrong.stdout and f"the root cause is {TRUTH}" in wrong.stdout

    score = load().get(TRUTH)
    assert score.attempts == 3
    assert score.correct == 1 + (shown[TRUTH] == 1)


@pytest.mark.parametrize(
    "answer",
    ["labels are float", "the targets should be int64 class indices, not float", TRUTH],
)
def test_drill_with_free_text(answer: str) -> None:
    result = drill("--answer", answer)
    assert result.exit_code == 0, result.output
    assert f"Correct: {TRUTH}" in result.stdout


def test_drill_reads_a_pasted_error_through_the_translator() -> None:
    result = drill("--answer", "expected target dtype to be Long or Byte, but got Float")
    assert f"Correct: {TRUTH}" in result.stdout


def test_drill_answer_on_stdin() -> None:
    result = drill(stdin="labels are float\n")
    assert result.exit_code == 0, result.output
    assert f"Correct: {TRUTH}" in result.stdout


def test_drill_without_an_answer_scores_nothing() -> None:
    result = drill(stdin="")
    assert result.exit_code == 2
    assert not scores_path().exists()


def test_drill_unknown_id() -> None:
    result = runner.invoke(app, ["drill", "--id", "no-such-entry", "--answer", "1"])
    assert result.exit_code == 1
    assert "no knowledge-base entry" in result.stderr


@pytest.mark.parametrize("answer", ["9", "0", "gibberish qqq zzz"])
def test_an_answer_that_names_no_choice_is_a_usage_error(answer: str) -> None:
    result = drill("--answer", answer)
    assert result.exit_code == 2, result.output
    assert "is not an answer" in result.stderr
    assert not scores_path().exists()  # not scored as a wrong attempt


@pytest.mark.parametrize("command", [["kb", "list"], ["drill", "--answer", "1"], ["kb", "check"]])
def test_an_unknown_category_is_one_error_everywhere(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "-c", "bogus"])
    assert result.exit_code == 2, result.output
    assert "no category 'bogus'" in result.stderr
    assert "dtype" in result.stderr  # the families to choose from


def test_a_category_family_is_known() -> None:
    result = runner.invoke(app, ["kb", "list", "-c", "dtype"])
    assert result.exit_code == 0
    assert "dtype/target-not-long" in result.stdout


def test_drill_stats_after_drills() -> None:
    empty = runner.invoke(app, ["drill", "--stats"])
    assert "No drills yet" in empty.stdout
    shown = choices_in(drill("--answer", "labels are float").stdout)
    drill("--answer", str(next(n for c, n in shown.items() if c != TRUTH)))
    stats = runner.invoke(app, ["drill", "--stats"])
    assert stats.exit_code == 0
    row = next(line for line in stats.stdout.splitlines() if line.startswith(TRUTH))
    assert row.split()[1:4] == ["2", "1", "50%"]
    data = json.loads(runner.invoke(app, ["drill", "--stats", "--json"]).stdout)
    assert data[TRUTH] == {"attempts": 2, "correct": 1}


def test_drill_through_python_dash_m_with_stdin(data_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "torchwhy", "drill", "--id", ENTRY, "--seed", "1"],
        input="labels are float\n",
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"Correct: {TRUTH}" in done.stdout
    saved = json.loads((data_dir / "drill_scores.json").read_text())
    assert saved["categories"][TRUTH] == {"attempts": 1, "correct": 1}


# --- units -------------------------------------------------------------------------------


def test_choices_hold_the_truth_and_same_family_distractors() -> None:
    for seed in range(20):
        choices = make_choices(TRUTH, random.Random(seed))
        assert len(set(choices)) == 4 and TRUTH in choices
        assert all(c.startswith("dtype/") for c in choices)  # dtype has >= 4 categories
        assert "unknown" not in choices
    assert make_choices(TRUTH, random.Random(3)) == make_choices(TRUTH, random.Random(3))
    small = make_choices("value/ambiguous-bool", random.Random(0))
    assert len(set(small)) == 4 and all(c in CATEGORIES for c in small)


def test_judge() -> None:
    choices = [
        "dtype/autocast-mismatch",
        TRUTH,
        "dtype/index-not-integer",
        "dtype/target-not-float",
    ]
    assert judge("2", choices, TRUTH).correct
    assert judge("2", choices, TRUTH).how == "choice"
    assert not judge("1", choices, TRUTH).correct
    assert judge("9", choices, TRUTH).chosen is None
    assert judge(TRUTH, choices, TRUTH).how == "category id"
    assert judge("zzzz qqqq", choices, TRUTH).chosen is None


def fake(entry_id: str, category: str):
    return parse_entry(
        {
            "id": entry_id,
            "category": category,
            "title": "t",
            "patterns": ["x"],
            "examples": ["x"],
            "explanation": "e",
            "causes": ["c"],
            "fixes": ["f"],
            "reproduce": "raise RuntimeError('x')\n",
        },
        "fake.yaml",
    )


def test_random_picks_favour_categories_the_user_gets_wrong() -> None:
    entries = [fake("a-one", "dtype/target-not-long"), fake("b-one", "shape/matmul-mismatch")]
    scores = Scores()
    for _ in range(10):
        scores.add("dtype/target-not-long", "a-one", correct=False, answer="1")
        scores.add("shape/matmul-mismatch", "b-one", correct=True, answer="1")
    rng = random.Random(0)
    picks = Counter(pick_entry(entries, rng, scores=scores).id for _ in range(1000))
    assert picks["a-one"] > 5 * picks["b-one"] > 0  # 11/12 vs 1/12 weight
    assert pick_entry(entries, rng, category="shape").id == "b-one"
    picks_seeded = [pick_entry(entries, random.Random(5)).id for _ in range(3)]
    assert len(set(picks_seeded)) == 1


def test_scores_survive_a_corrupted_file(data_dir: Path, capsys) -> None:
    data_dir.mkdir(parents=True)
    scores_path().write_text("{not json")
    assert load().categories == {}
    assert "ignoring unreadable drill scores" in capsys.readouterr().err
    record_answer(TRUTH, ENTRY, True, "1")
    assert load().get(TRUTH).correct == 1
    assert [p.name for p in data_dir.iterdir() if p.suffix == ".tmp"] == []
