"""The bug journal: atomic appends across processes, the record's fields, notes, and
`torchwhy journal` through the real CLI after diagnosing real torch errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from typer.testing import CliRunner

import torchwhy
from torchwhy.cli import app
from torchwhy.diagnosis import Culprit, Diagnosis
from torchwhy.journal import journal_enabled, journal_path, read, record
from torchwhy.journal.summary import summarize
from torchwhy.knowledge_base import by_id
from torchwhy.knowledge_base import load as load_kb
from torchwhy.translator.templating import fill

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


# Every test gets a private data directory (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("data_dir")


@pytest.fixture(autouse=True)
def journal_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TORCHWHY_JOURNAL", raising=False)


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def diagnosis(category: str = "dtype/target-not-long", culprit: str | None = "labels") -> Diagnosis:
    return Diagnosis(
        category=category,
        entry="cross-entropy-target-float",
        title="Class-index targets are Float, not int64",
        explanation="...",
        culprits=[Culprit(expression=culprit)] if culprit else [],
        exception_type="RuntimeError",
        message="expected target dtype to be Long or Byte, but got Float",
        matched_by="rule",
    )


WORKER = """
import sys
from torchwhy.diagnosis import Diagnosis
from torchwhy.journal import record
worker = int(sys.argv[1])
d = Diagnosis(category="shape/matmul-mismatch", entry=None, title="t", explanation="e",
              message="mat1 and mat2 shapes cannot be multiplied (64x512 and 256x10)" * 20)
for i in range(200):
    record(d, source=f"w{worker}-{i}")
assert "torch" not in sys.modules, "record() must not import torch"
"""


def test_eight_processes_appending_lose_nothing(data_dir: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(w)], env=env, stderr=subprocess.PIPE)
        for w in range(8)
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err.decode()
    raw = (data_dir / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(raw) == 1600
    records = [json.loads(line) for line in raw]  # every line intact JSON
    assert len({r["id"] for r in records}) == 1600
    assert {r["source"] for r in records} == {f"w{w}-{i}" for w in range(8) for i in range(200)}
    assert all(len(r["message"]) <= 2000 for r in records)


def test_record_fields(data_dir: Path) -> None:
    long = diagnosis()
    long.message = "x" * 5000
    record(long, source="train.py")
    record(diagnosis(culprit=None), source=None)
    first, second = lines(journal_path())
    assert first["kind"] == "error"
    assert first["source"] == str(Path.cwd() / "train.py")  # one form: absolute
    assert first["category"] == "dtype/target-not-long"
    assert first["entry"] == "cross-entropy-target-float"
    assert first["culprit"] == "labels"
    assert len(first["message"]) == 2000
    assert first["torch"] == torch.__version__
    assert first["time"].endswith("Z") and "T" in first["time"]
    assert len(first["id"]) == 12 and first["id"] != second["id"]
    assert second["culprit"] is None and second["source"] is None


def test_record_never_raises(data_dir: Path, capsys) -> None:
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    data_dir.write_text("a file where the folder should be")
    record(diagnosis(), source="x.py")
    assert "could not write the bug journal" in capsys.readouterr().err


def test_journal_enabled(monkeypatch: pytest.MonkeyPatch) -> None:
    assert journal_enabled(None) is False
    assert journal_enabled(True) is True
    monkeypatch.setenv("TORCHWHY_JOURNAL", "1")
    assert journal_enabled(None) is True
    assert journal_enabled(False) is False
    monkeypatch.setenv("TORCHWHY_JOURNAL", "0")
    assert journal_enabled(None) is False


def raise_live() -> list[Diagnosis]:
    """Real torch errors, raised here, explained live (with their culprits)."""
    found = []
    logits = torch.randn(4, 3)
    labels = torch.tensor([0.0, 2.0, 1.0, 1.0])
    try:
        F.cross_entropy(logits, labels)
    except RuntimeError as error:
        found.append(torchwhy.explain(error, use_embedding=False))
    features = torch.randn(8, 512)
    weight = torch.randn(10, 256)
    try:
        F.linear(features, weight)
    except RuntimeError as error:
        found.append(torchwhy.explain(error, use_embedding=False))
    assert len(found) == 2
    return found


def test_journal_cli_after_real_errors(data_dir: Path) -> None:
    float_labels, linear = raise_live()
    assert float_labels.category == "dtype/target-not-long"
    assert float_labels.culprits and float_labels.culprits[0].expression == "labels"
    for _ in range(2):
        record(float_labels, source="train.py")
    record(linear, source="model.py")

    result = runner.invoke(app, ["journal"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Recent errors (3 of 3)" in out
    assert "most frequent bugs" in out
    assert "cross-entropy-target-float (2x)" in out
    assert "dtype/target-not-long" in out and linear.category in out
    assert "Recurring culprits" in out and "labels" in out
    assert "mat1 and mat2 shapes cannot be multiplied" in out

    data = json.loads(runner.invoke(app, ["journal", "--json"]).stdout)
    assert [r["category"] for r in data["records"]] == [
        "dtype/target-not-long",
        "dtype/target-not-long",
        linear.category,
    ]
    assert data["summary"]["by_category"]["dtype/target-not-long"] == 2
    assert data["summary"]["recurring_culprits"] == {"labels": 2}

    first = data["records"][0]["id"]
    noted = runner.invoke(
        app,
        ["journal", "note", first[:6], "cast labels with .long()", "--next-time", "assert dtype"],
    )
    assert noted.exit_code == 0, noted.output
    assert first in noted.stdout
    shown = runner.invoke(app, ["journal"]).stdout
    assert "fixed: cast labels with .long(); next time: assert dtype" in shown
    data = json.loads(runner.invoke(app, ["journal", "--json"]).stdout)
    assert data["records"][0]["notes"][0]["fixed"] == "cast labels with .long()"

    markdown = runner.invoke(app, ["journal", "--export", "markdown"])
    assert markdown.exit_code == 0
    assert markdown.stdout.startswith("# torchwhy bug journal")
    assert "| `dtype/target-not-long` | 2 |" in markdown.stdout
    assert "**Fixed by:** cast labels with .long()" in markdown.stdout


def test_note_on_an_unknown_id_fails_cleanly(data_dir: Path) -> None:
    record(diagnosis(), source="x.py")
    result = runner.invoke(app, ["journal", "note", "ffffffffffff", "nothing"])
    assert result.exit_code == 1
    assert "no journal record" in result.stderr


def test_corrupted_line_is_skipped_with_a_warning(data_dir: Path) -> None:
    record(diagnosis(), source="a.py")
    with open(journal_path(), "ab") as handle:
        handle.write(b'{"kind": "error", "id": "torn\n\xff\xfe not json\n[1, 2]\n')
    record(diagnosis(), source="b.py")

    journal = read()
    assert [Path(r["source"]).name for r in journal.records] == ["a.py", "b.py"]
    assert journal.skipped == [2, 3, 4]

    result = runner.invoke(app, ["journal"])
    assert result.exit_code == 0, result.output
    assert "Recent errors (2 of 2)" in result.stdout
    assert "line 2 is corrupted; skipped" in result.stderr


def test_empty_journal_says_how_to_turn_it_on() -> None:
    result = runner.invoke(app, ["journal"])
    assert result.exit_code == 0
    assert "TORCHWHY_JOURNAL=1" in result.stdout


def test_journal_through_python_dash_m(data_dir: Path) -> None:
    record(diagnosis(), source="train.py")
    done = subprocess.run(
        [sys.executable, "-m", "torchwhy", "journal", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["records"][0]["source"] == str(Path.cwd() / "train.py")


def test_hostile_lines_never_hide_the_other_records(data_dir: Path) -> None:
    record(diagnosis(), source="a.py")
    with open(journal_path(), "ab") as handle:
        handle.write(b"[" * 100_000 + b"\n")  # json.loads: RecursionError
        handle.write(b'{"kind": "error", "id": "s", "message": "\\udc80"}\n')  # lone surrogate
        handle.write(b'{"kind": "error", "id": "n", "source": {"nested": [1]}}\n')
    record(diagnosis(), source="b.py")

    journal = read()
    assert [Path(r["source"]).name for r in journal.records] == ["a.py", "b.py"]
    assert journal.skipped == [2, 3, 4]
    for command in (["journal"], ["journal", "--json"], ["journal", "--export", "markdown"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
        assert "b.py" in result.stdout


def test_a_torn_last_line_does_not_swallow_the_next_record(data_dir: Path) -> None:
    record(diagnosis(), source="a.py")
    with open(journal_path(), "ab") as handle:
        handle.write(b'{"kind": "error", "id": "torn", "sou')  # a writer killed mid-line
    record(diagnosis(), source="b.py")
    journal = read()
    assert [Path(r["source"]).name for r in journal.records] == ["a.py", "b.py"]
    assert journal.skipped == [2]


def _note_on_unwritable_journal() -> None:
    record_id = read().records[0]["id"]
    result = runner.invoke(app, ["journal", "note", record_id, "cast labels to long"])
    assert result.exit_code == 1, result.output
    assert "cannot write the journal" in result.stderr
    assert "TORCHWHY_DATA_DIR" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_note_on_a_read_only_data_dir_says_so(data_dir: Path) -> None:
    record(diagnosis(), source="a.py")
    for path in (data_dir / "journal.jsonl", data_dir):
        path.chmod(0o500 if path.is_dir() else 0o400)
    try:
        _note_on_unwritable_journal()
    finally:
        for path in (data_dir, data_dir / "journal.jsonl"):
            path.chmod(0o700 if path.is_dir() else 0o600)


def test_note_when_the_journal_cannot_be_written_says_so(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root (containers, CI images) permissions do not stop a write: refuse it as a
    # read-only file system would.
    record(diagnosis(), source="a.py")
    real_open = os.open

    def read_only(path, flags, *args):
        if flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(30, "Read-only file system", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    _note_on_unwritable_journal()


@pytest.mark.parametrize(
    ("value", "on"),
    [("1", True), (" Yes ", True), ("ON", True), ("0", False), ("", False), ("no", False)],
)
def test_one_truthy_rule_for_every_switch(
    monkeypatch: pytest.MonkeyPatch, value: str, on: bool
) -> None:
    from torchwhy.hooks import config

    monkeypatch.setenv("TORCHWHY_JOURNAL", value)
    monkeypatch.setenv("TORCHWHY_DISABLE", value)
    assert journal_enabled() is on
    assert config.disabled() is on


def test_most_frequent_bugs_group_by_entry_and_carry_the_entrys_title(data_dir: Path) -> None:
    float_labels, linear = raise_live()
    # Two instances of one bug, the latest with another instance title: the group keeps the
    # entry's own title, not the latest instance's.
    record(float_labels, source="train.py")
    odd = Diagnosis(**{**float_labels.__dict__, "title": "an instance's own wording"})
    record(odd, source="train.py")
    record(linear, source="model.py")
    top = summarize(read())["top_recent"]
    entry = by_id("cross-entropy-target-float")
    assert top[0] == {
        "bug": "cross-entropy-target-float",
        "category": "dtype/target-not-long",
        "title": fill(entry.title, entry.defaults),  # the entry's, with its default words
        "count": 2,
    }
    out = runner.invoke(app, ["journal"]).stdout
    assert f"cross-entropy-target-float (2x): {top[0]['title']}" in out
    assert "an instance's own wording" not in out.split("most frequent bugs")[1]


def test_a_group_whose_entry_is_gone_is_labelled_by_its_category(data_dir: Path) -> None:
    from torchwhy.categories import CATEGORIES
    from torchwhy.journal.summary import bug_title

    described = CATEGORIES["dtype/target-not-long"]
    assert bug_title("renamed-since", "dtype/target-not-long") == (
        described[:1].upper() + described[1:]
    )
    placeholder = re.compile(r"\{[a-zA-Z_]\w*\}")
    assert not [e.id for e in load_kb() if placeholder.search(bug_title(e.id, e.category))]


def test_the_source_column_has_one_form(data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    project = tmp_path / "project"
    (project / "sub").mkdir(parents=True)
    monkeypatch.chdir(project)
    record(diagnosis(), source="train.py")  # relative: to the crash's working directory
    record(diagnosis(), source=str(project / "sub" / "model.py"))  # absolute, under cwd
    record(diagnosis(), source="/elsewhere/other.py")  # absolute, outside
    record(diagnosis(), source="json")  # a loaded module: its file
    record(diagnosis(), source="<stdin>")
    sources = [r["source"] for r in read().records]
    assert sources == [
        str(project / "train.py"),
        str(project / "sub" / "model.py"),
        "/elsewhere/other.py",
        json.__file__,
        "<stdin>",
    ]
    shown = runner.invoke(app, ["journal"]).stdout
    for expected in ("train.py", os.path.join("sub", "model.py"), "/elsewhere/other.py"):
        assert f" {expected} " in shown, shown
    assert str(project) not in shown  # under the cwd: relative
    markdown = runner.invoke(app, ["journal", "--export", "markdown"]).stdout
    assert "| train.py |" in markdown and "| /elsewhere/other.py |" in markdown
