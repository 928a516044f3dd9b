"""`torchwhy kb` through the real CLI, and the reproduction runner's verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from torchwhy.cli import app
from torchwhy.knowledge_base import parse_entry
from torchwhy.knowledge_base.check import (
    check_entry,
    exit_code,
    run_snippet,
    summarize,
    summary_line,
)

ENTRY = "cross-entropy-target-float"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), env={"NO_COLOR": "1"})


def synthetic(reproduce: str | None, **extra) -> object:
    raw = {
        "id": "synthetic-target-float",
        "category": "dtype/target-not-long",
        "title": "synthetic",
        "patterns": ["expected target dtype to be Long or Byte, but got (?P<found>\\w+)"],
        "examples": ["expected target dtype to be Long or Byte, but got Float"],
        "explanation": "synthetic",
        "causes": ["synthetic"],
        "fixes": ["synthetic"],
        "reproduce": reproduce,
        **extra,
    }
    return parse_entry(raw, "synthetic.yaml")


# --- the CLI ---------------------------------------------------------------------------


def test_kb_list_shows_the_entry_and_whether_it_reproduces() -> None:
    result = invoke("kb", "list", "--category", "dtype")
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if line.startswith(ENTRY))
    assert "dtype/target-not-long" in line
    assert line.rstrip().endswith("yes")
    assert "nll-target-out-of-bounds" not in result.stdout  # another family
    listed = json.loads(invoke("kb", "list", "--json").stdout)
    assert any(item["id"] == ENTRY and item["reproducible"] for item in listed)


def test_kb_show_prints_every_field() -> None:
    result = invoke("kb", "show", ENTRY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for needle in (
        "Class-index targets are {found}, not int64",
        "Patterns",
        "expected target dtype to be Long or Byte, but got (?P<found>\\w+)",
        "[torch 2.13]",  # an example with its source
        "Explanation",
        "Causes",
        "Fixes",
        "loss = criterion(logits, {culprit}.long())",  # fix code
        "https://pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html",
        "Reproduce",
        "labels = torch.tensor([0.0, 2.0, 1.0, 1.0])",
        "Expected culprit: labels",
    ):
        assert needle in out, needle
    assert "\x1b[" not in out  # plain when not a terminal


def test_kb_show_unknown_id_suggests_a_near_one() -> None:
    result = invoke("kb", "show", "cross-entropy-target-flaot")
    assert result.exit_code == 2
    assert "did you mean cross-entropy-target-float" in result.stderr


def test_kb_search_ranks_the_matching_entry_first() -> None:
    result = invoke("kb", "search", "expected target dtype to be Long or Byte, but got Float")
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()[1:]
    assert ENTRY in rows[0]
    assert len(rows) <= 10
    hits = json.loads(invoke("kb", "search", "class labels float", "--json").stdout)
    assert ENTRY in [hit["id"] for hit in hits[:3]]
    assert hits == sorted(hits, key=lambda hit: -hit["score"])


@pytest.mark.parametrize("embed", [True, False])
def test_kb_search_my_loss_is_nan_finds_a_nan_entry_first(embed: bool) -> None:
    args = ["kb", "search", "my loss is nan", "--json", *([] if embed else ["--no-embed"])]
    hits = json.loads(invoke(*args).stdout)
    assert "NaN" in hits[0]["title"], hits
    if embed:  # the meaning decides among the entries whose words match
        assert hits[0]["id"] == "anomaly-nan-in-backward", hits


@pytest.mark.parametrize("query", ["qwzx blorp", "hello world", "the weather is nice today"])
def test_kb_search_nonsense_matches_nothing(query: str) -> None:
    result = invoke("kb", "search", query)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no entries match" in result.stderr
    assert json.loads(invoke("kb", "search", query, "--json", "--no-embed").stdout) == []


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("checkpoint is empty", {"torch-load-empty-file"}),
        ("out of memory on gpu", {"cuda-out-of-memory", "cuda-error-out-of-memory"}),
        ("dataloader worker killed", {"dataloader-worker-killed"}),
        ("device-side assert triggered", {"cuda-device-side-assert"}),
        (
            "mat1 and mat2 shapes cannot be multiplied (64x512 and 256x10)",
            {"linear-in-features-mismatch"},
        ),
    ],
)
@pytest.mark.parametrize("embed", [True, False])
def test_kb_search_realistic_queries(query: str, wanted: set[str], embed: bool) -> None:
    args = ["kb", "search", query, "--json", *([] if embed else ["--no-embed"])]
    hits = json.loads(invoke(*args).stdout)
    assert hits and hits[0]["id"] in wanted, hits


def test_kb_search_ranks_a_message_as_explain_reads_it() -> None:
    import torchwhy

    message = "Expected input batch_size (4) to match target batch_size (3)."
    hits = json.loads(invoke("kb", "search", message, "--json").stdout)
    assert hits[0]["id"] == torchwhy.explain(message).entry


def test_kb_check_one_entry_is_ok_on_this_torch() -> None:
    result = invoke("kb", "check", "--id", ENTRY)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split() == ["ok", ENTRY]
    assert "1 ok, 0 reworded, 0 did not raise, 0 skipped" in result.stdout

    data = json.loads(invoke("kb", "check", "--id", ENTRY, "--json").stdout)
    assert data["summary"]["ok"] == 1
    (only,) = data["results"]
    assert only["got_entry"] == ENTRY and only["exception_type"] == "RuntimeError"
    assert only["culprit"] == "labels"


def test_kb_check_unknown_id_is_bad_usage() -> None:
    result = invoke("kb", "check", "--id", "no-such-entry")
    assert result.exit_code == 2


# --- the runner ------------------------------------------------------------------------


def test_runner_ok_names_the_expected_culprit() -> None:
    from torchwhy.knowledge_base import by_id

    result = check_entry(by_id(ENTRY))
    assert result.status == "ok", result
    assert result.culprit == "labels"


def test_runner_reports_did_not_raise_and_captures_output(capsys) -> None:
    result = check_entry(synthetic("print('hello from the snippet')\nx = 1\n"))
    assert result.status == "did-not-raise"
    assert "without raising" in result.detail
    assert "hello from the snippet" not in capsys.readouterr().out
    assert result.failed


def test_runner_reports_reworded_when_the_message_no_longer_matches() -> None:
    result = check_entry(synthetic("raise ValueError('a message no pattern knows, zqxj')\n"))
    assert result.status == "reworded"
    assert result.got_entry is None and "unknown" in result.detail
    assert result.message == "ValueError: a message no pattern knows, zqxj"


def test_runner_reports_reworded_when_another_entry_reads_it() -> None:
    # A real float-target error: the bundled entry, not this synthetic one, reads it.
    code = (
        "import torch, torch.nn.functional as F\n"
        "F.cross_entropy(torch.randn(2, 3), torch.tensor([0.0, 1.0]))\n"
    )
    result = check_entry(synthetic(code))
    assert result.status == "reworded"
    assert result.got_entry == ENTRY and "same category" in result.detail


def test_runner_skips_with_the_reason() -> None:
    entry = synthetic(None, reproduce_skip="needs a CUDA device")
    result = check_entry(entry)
    assert result.status == "skipped" and result.detail == "needs a CUDA device"
    assert not result.failed


def test_runner_culprit_statuses(monkeypatch) -> None:
    import dataclasses

    from torchwhy.knowledge_base import by_id

    real = by_id(ENTRY)
    mismatch = dataclasses.replace(real, expect_culprit="logits")
    result = check_entry(mismatch)
    assert result.status == "culprit-mismatch", result
    assert "'logits'" in result.detail and "'labels'" in result.detail
    assert not result.failed  # reported, but not a failure unless --strict-culprits

    # No culprit named: with a tracer installed that is its own status; without one it only
    # means "culprit unknown".
    import torchwhy

    real_explain = torchwhy.explain

    def explain_without_culprits(error, **kwargs):
        return dataclasses.replace(real_explain(error, **kwargs), culprits=[])

    monkeypatch.setattr(torchwhy, "explain", explain_without_culprits)
    with_tracer = check_entry(real, tracer=True)
    assert with_tracer.status == "culprit-missing", with_tracer
    without = check_entry(real, tracer=False)
    assert without.status == "ok" and "culprit unknown" in without.detail


def test_runner_flags_a_fix_that_is_not_python(monkeypatch) -> None:
    import dataclasses

    import torchwhy
    from torchwhy.diagnosis import Fix
    from torchwhy.knowledge_base import by_id

    real_explain = torchwhy.explain

    def explain_with_a_dotted_index(error, **kwargs):
        fix = Fix("Size the layer", "model.1 = nn.Linear(512, 10)")
        return dataclasses.replace(real_explain(error, **kwargs), fixes=[fix])

    monkeypatch.setattr(torchwhy, "explain", explain_with_a_dotted_index)
    result = check_entry(by_id(ENTRY))
    assert result.status == "fix-invalid", result
    assert "model.1" in result.detail
    assert exit_code(summarize([result]), strict_culprits=True) == 1
    assert exit_code(summarize([result]), strict_culprits=False) == 0


def test_runner_times_out_a_snippet_that_hangs(tmp_path: Path) -> None:
    run = run_snippet("while True:\n    pass\n", tmp_path, timeout=0.3)
    assert run.timed_out and run.error is None


def test_runner_treats_sys_exit_as_not_raising(tmp_path: Path) -> None:
    run = run_snippet("import sys\nsys.exit(3)\n", tmp_path)
    assert run.error is None and run.exited == 3


def test_runner_gives_each_snippet_fresh_globals(tmp_path: Path) -> None:
    run_snippet("leaked = 1\nraise RuntimeError('first')\n", tmp_path, "a.py")
    run = run_snippet("print(leaked)\n", tmp_path, "b.py")
    assert isinstance(run.error, NameError)


@pytest.mark.parametrize(
    ("counts", "strict", "code"),
    [
        ({"ok": 3, "skipped": 2}, False, 0),
        ({"ok": 3, "reworded": 1}, False, 1),
        ({"ok": 3, "did-not-raise": 1}, False, 1),
        ({"ok": 3, "culprit-mismatch": 1}, False, 0),
        ({"ok": 3, "culprit-mismatch": 1}, True, 1),
    ],
)
def test_exit_code(counts, strict, code) -> None:
    assert exit_code(counts, strict_culprits=strict) == code


def test_summary_line_format() -> None:
    counts = summarize([])
    counts.update({"ok": 87, "reworded": 2, "skipped": 12})
    assert summary_line(counts) == (
        "87 ok, 2 reworded, 0 did not raise, 12 skipped (need a GPU or an old torch)"
    )


def test_a_snippet_cannot_leak_torch_global_state(tmp_path) -> None:
    import torch

    flips = (
        "import torch\n"
        "torch.set_default_dtype(torch.float64)\n"
        "torch.set_grad_enabled(False)\n"
        "torch.use_deterministic_algorithms(True, warn_only=True)\n"
        "torch.backends.cudnn.benchmark = True\n"
    )
    # As the caller had it: another test in this process may have switched benchmark on.
    benchmark = torch.backends.cudnn.benchmark
    for ending in (
        "raise RuntimeError('the reproduction raised')\n",
        "import sys\nsys.exit(0)\n",
        "",
    ):
        torch.backends.cudnn.benchmark = False
        run = run_snippet(flips + ending, tmp_path)
        assert run.stdout == ""
        assert torch.get_default_dtype() == torch.float32, ending
        assert torch.is_grad_enabled()
        assert not torch.are_deterministic_algorithms_enabled()
        assert not torch.is_deterministic_algorithms_warn_only_enabled()
        assert not torch.backends.cudnn.benchmark
    torch.backends.cudnn.benchmark = benchmark


def test_a_snippet_leaves_a_callers_own_settings_alone(tmp_path) -> None:
    import torch

    with torch.no_grad():
        run_snippet("import torch\ntorch.set_grad_enabled(True)\nraise ValueError('x')\n", tmp_path)
        assert not torch.is_grad_enabled()
