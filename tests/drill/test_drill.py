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

from torchwhy.cli import app
from torchwhy.drill import Choice, Scores, judge, make_choices, pick_entry
from torchwhy.drill.scores import load, record_answer, scores_path
from torchwhy.drill.session import drillable, unquoted
from torchwhy.knowledge_base import Entry, by_id, parse_entry
from torchwhy.knowledge_base import load as load_kb
from torchwhy.translator.engine import possible_readings
from torchwhy.translator.fuzzy import match_fuzzy

ENTRY = "cross-entropy-target-float"
TRUTH = "dtype/target-not-long"
ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


# Every test gets a private data directory (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("data_dir")


def choices_in(output: str) -> dict[str, int]:
    """The choices shown, text -> number."""
    return {m.group(2): int(m.group(1)) for m in re.finditer(r"^  (\d)\. (.+)$", output, re.M)}


def truth_in(output: str) -> int:
    """The number of the true reading: the entry's own title, filled from the message."""
    return next(n for text, n in choices_in(output).items() if text.startswith("Class-index"))


def drill(*args: str, stdin: str | None = None):
    return runner.invoke(app, ["drill", "--id", ENTRY, "--seed", "7", *args], input=stdin)


def test_drill_with_a_choice_number_scores_it() -> None:
    first = drill("--answer", "1")
    assert first.exit_code == 0, first.output
    shown = choices_in(first.stdout)
    assert len(shown) == 4
    assert "labels = torch.tensor([0.0, 2.0, 1.0, 1.0])" in first.stdout  # the code
    assert "RuntimeError: expected target dtype to be Long or Byte" in first.stdout  # live error
    assert "The expert reading:" in first.stdout
    assert "Culprit: labels" in first.stdout
    assert "Fix: Cast the target to int64" in first.stdout
    true_number = truth_in(first.stdout)

    # The same seed shows the same choices: answer the true one by number.
    right = drill("--answer", str(true_number))
    assert right.exit_code == 0
    assert choices_in(right.stdout) == shown
    assert f"Correct: {TRUTH}" in right.stdout

    wrong_number = next(n for n in shown.values() if n != true_number)
    wrong = drill("--answer", str(wrong_number))
    assert wrong.exit_code == 0  # a completed drill exits 0, right or wrong
    assert "Incorrect" in wrong.stdout and f"the root cause is {TRUTH}" in wrong.stdout
    assert f"(choice {true_number})" in wrong.stdout

    score = load().get(TRUTH)
    assert score.attempts == 3
    assert score.correct == 1 + (true_number == 1)


def test_drill_culprits_name_the_snippet_not_a_temporary_file() -> None:
    result = drill("--answer", "1")
    assert "Culprit: labels (float32, shape (4,), cpu) at <snippet>, line 5" in result.stdout
    assert "made at <snippet>, line 4" in result.stdout
    assert "/tmp" not in result.stdout and "torchwhy-drill-" not in result.stdout


def test_no_choice_quotes_the_error_message() -> None:
    result = drill("--answer", "1")
    message = "expected target dtype to be Long or Byte, but got Float"
    for text in choices_in(result.stdout):
        assert unquoted(text, message) == text, text


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


@pytest.mark.parametrize("command", [["kb", "list"], ["drill", "--answer", "1"], ["kb", "check"]])
def test_an_unknown_category_suggests_the_closest(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "-c", "dtyp/target-not-lng"])
    assert result.exit_code == 2, result.output
    assert "did you mean dtype/target-not-long?" in result.stderr
    assert result.stdout == ""  # no "0 entries" listing


def test_a_category_family_is_known() -> None:
    result = runner.invoke(app, ["kb", "list", "-c", "dtype"])
    assert result.exit_code == 0
    assert "dtype/target-not-long" in result.stdout


def test_drill_stats_after_drills() -> None:
    empty = runner.invoke(app, ["drill", "--stats"])
    assert "No drills yet" in empty.stdout
    first = drill("--answer", "labels are float").stdout
    drill("--answer", str(next(n for n in choices_in(first).values() if n != truth_in(first))))
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


def entry(entry_id: str) -> Entry:
    found = by_id(entry_id)
    assert found is not None
    return found


MESSAGE = "expected target dtype to be Long or Byte, but got Float"


def test_choices_hold_the_truth_and_readings_of_other_categories() -> None:
    for seed in range(5):
        choices = make_choices(entry(ENTRY), MESSAGE, random.Random(seed))
        categories = [c.category for c in choices]
        assert len(set(categories)) == 4 and TRUTH in categories
        assert "unknown" not in categories
    assert make_choices(entry(ENTRY), MESSAGE, random.Random(3)) == make_choices(
        entry(ENTRY), MESSAGE, random.Random(3)
    )


def test_distractors_are_the_readings_the_engine_ranks_for_the_message() -> None:
    # A message several entries read: the distractors are those readings, not random ones.
    drilled = entry("cat-sizes-mismatch")
    message = drilled.examples[0].text  # torch's `Sizes of tensors must match except in ...`
    ranked = possible_readings(message)
    other_categories = {c.entry.category for c in ranked} - {drilled.category}
    assert len(other_categories) >= 3  # the premise: the engine weighs enough readings
    choices = make_choices(drilled, message, random.Random(0))
    distractors = [c for c in choices if c.entry != drilled.id]
    ranked_ids = {c.entry.id for c in ranked}
    assert len(distractors) == 3 and all(c.entry in ranked_ids for c in distractors)


def test_distractors_for_a_unique_message_come_from_the_nearest_wordings() -> None:
    drilled = entry("anomaly-nan-in-backward")
    message = "Function 'SqrtBackward0' returned nan values in its 0th output."
    choices = make_choices(drilled, message, random.Random(0))
    assert len({c.category for c in choices}) == 4
    nearest = [c.entry.id for c in match_fuzzy(load_kb(), message, 0, limit=400, min_score=0)]
    for choice in choices:
        assert choice.entry == drilled.id or choice.entry in nearest[:40]


def test_no_choice_quotes_any_example_message() -> None:
    quoting = []
    for one in load_kb():
        if not drillable(one) or not one.examples:
            continue
        message = one.examples[0].text
        for choice in make_choices(one, message, random.Random(0)):
            if unquoted(choice.text, message) != choice.text:
                quoting.append((one.id, choice.text))
    assert quoting == []


def test_unquoted_masks_the_messages_own_words() -> None:
    message = "RuntimeError: CUDA error: device-side assert triggered"
    assert unquoted("A CUDA error: device-side assert triggered in a kernel", message) == (
        "A … in a kernel"
    )
    assert unquoted("An index was out of range on the GPU", message) == (
        "An index was out of range on the GPU"
    )


def test_snippets_with_test_scaffolding_are_not_drilled() -> None:
    staged = entry("cuda-checkpoint-on-cpu-machine")
    assert staged.reproduce and "mock.patch" in staged.reproduce  # the premise
    assert not drillable(staged)
    for seed in range(200):
        assert pick_entry(load_kb(), random.Random(seed), category="device").id != staged.id
    result = runner.invoke(app, ["drill", "--id", staged.id, "--answer", "1"])
    assert result.exit_code == 1 and "scaffolding" in result.stderr


def test_judge() -> None:
    choices = [
        Choice("a", "dtype/autocast-mismatch", "Autocast mixed half and float"),
        Choice(ENTRY, TRUTH, "Class-index targets are float32, not int64"),
        Choice("c", "dtype/index-not-integer", "An index tensor is float"),
        Choice("d", "dtype/target-not-float", "BCE got an integer target"),
    ]
    assert judge("2", choices, TRUTH).correct
    assert judge("2", choices, TRUTH).how == "choice"
    assert not judge("1", choices, TRUTH).correct
    assert judge("9", choices, TRUTH).chosen is None
    assert judge("0", choices, TRUTH).chosen is None
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
