"""Silent bugs: the warnings that mean a wrong result are shown as usual, then annotated
(once per process) when the knowledge base knows them."""

from __future__ import annotations

import io
import warnings

import pytest

import torchwhy
from tests.hooks.scripts import MSE_BROADCAST_WARNING, MSE_WARNING_TEXT, python, torchwhy_run, write
from torchwhy.diagnosis import Diagnosis, Fix
from torchwhy.hooks import annotation, warnings_hook


def _kb_knows_mse_warning() -> Diagnosis | None:
    diagnosis = torchwhy.explain(MSE_WARNING_TEXT, use_embedding=False)
    return diagnosis if diagnosis.is_known else None


def test_watched_patterns_cover_the_listed_warnings() -> None:
    for text in (
        MSE_WARNING_TEXT,
        "Implicit dimension choice for softmax has been deprecated. Change the call to include dim=X as an argument.",
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated",
        "Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, ...",
        "Was asked to gather along dimension 0, but all input tensors were scalars; will instead unsqueeze and return a vector.",
    ):
        assert warnings_hook.watched_index(text) is not None, text
    assert warnings_hook.watched_index("some other UserWarning") is None


def test_mse_target_size_warning_under_run(tmp_path) -> None:
    script = write(tmp_path, "mse.py", MSE_BROADCAST_WARNING)
    plain = python(script)
    ours = torchwhy_run(script)
    quiet = torchwhy_run("--no-warnings", script)

    assert ours.returncode == plain.returncode == quiet.returncode == 0
    assert ours.stdout == plain.stdout == "trained\n"
    # The warning itself is shown exactly as Python shows it, both times.
    assert (
        ours.stderr.count("Using a target size") == plain.stderr.count("Using a target size") == 2
    )
    assert ours.stderr.startswith(plain.stderr.split("\n")[0])
    assert quiet.stderr == plain.stderr
    assert "could not annotate" not in ours.stderr
    known = _kb_knows_mse_warning()
    if known is None:  # no knowledge-base entry for it yet: nothing is added
        assert ours.stderr == plain.stderr
    else:  # annotated once per process, though the warning showed twice
        assert ours.stderr.count(f"torchwhy {known.category}") == 1


@pytest.fixture
def clean_warnings_hook():
    saved = warnings.showwarning
    warnings_hook.STATE.seen.clear()
    yield
    torchwhy.uninstall()
    warnings.showwarning = saved
    warnings_hook.STATE.seen.clear()


def test_showwarning_is_chained_and_annotates_once(monkeypatch, clean_warnings_hook) -> None:
    shown: list[str] = []

    def previous(message, category, filename, lineno, file=None, line=None):
        shown.append(str(message))

    known = Diagnosis(
        category="shape/broadcast-mismatch",
        entry="test-entry",
        title="Target broadcast against the output",
        explanation="The loss compares every output with every target.",
        fixes=[Fix("Give the target the output's shape", "target = target.view(-1, 1)")],
        confidence=0.9,
        matched_by="rule",
        verdict=True,
    )
    asked: list[str] = []

    def fake_diagnose(error, *, use_embedding=True):
        asked.append(str(error))
        return known

    monkeypatch.setattr(annotation, "diagnose", fake_diagnose)
    warnings.showwarning = previous
    torchwhy.install(warnings=True)
    stream = io.StringIO()
    for _ in range(2):
        warnings.showwarning(UserWarning(MSE_WARNING_TEXT), UserWarning, "x.py", 1, stream)
    warnings.showwarning(UserWarning("unrelated"), UserWarning, "x.py", 2, stream)

    assert shown == [MSE_WARNING_TEXT, MSE_WARNING_TEXT, "unrelated"]
    assert asked == [MSE_WARNING_TEXT]
    assert stream.getvalue().count("torchwhy shape/broadcast-mismatch") == 1

    torchwhy.uninstall()
    assert warnings.showwarning is previous
