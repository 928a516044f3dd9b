"""A warning printed above an error decides the error's reading only where the knowledge base
says it explains errors of that kind (`explains:` on the warning's entry).

The pastes are made live: real torch raises the warning and the error, and they are printed
the way Python prints them (warnings.formatwarning above the traceback).
"""

from __future__ import annotations

import traceback
import warnings

import pytest
import torch
import torch.nn.functional as F

import torchwhy
from torchwhy.knowledge_base import KnowledgeBaseError, load
from torchwhy.knowledge_base.schema import parse_entry


def _paste_of(step) -> str:
    """What a terminal shows when `step` warns and then raises."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            step()
        except Exception:  # any error: its traceback is the paste
            error = traceback.format_exc()
        else:
            raise AssertionError("the step was expected to raise")
    shown = "".join(
        warnings.formatwarning(w.message, w.category, w.filename, w.lineno, w.line) for w in caught
    )
    return shown + error


def _without_library_frames(paste: str) -> str:
    kept: list[str] = []
    in_library_frame = False
    for line in paste.split("\n"):
        if line.startswith("  File "):
            in_library_frame = "site-packages" in line
        elif not line.startswith("    "):
            in_library_frame = False
        if not in_library_frame:
            kept.append(line)
    return "\n".join(kept)


def _target_too_short_for_prediction() -> None:
    prediction = torch.randn(4, 2)
    target = torch.randn(3)  # one value per sample, and one sample short
    F.mse_loss(prediction, target)


def _target_warning_then_unrelated_view() -> None:
    prediction = torch.randn(4, 1)
    F.mse_loss(prediction, torch.randn(4))  # warns, but broadcasts and returns
    torch.arange(8).view(7)


def test_a_target_size_warning_above_a_broadcast_error_reads_as_the_target_shape() -> None:
    paste = _paste_of(_target_too_short_for_prediction)
    assert "UserWarning: Using a target size" in paste
    assert "must match the size of tensor b" in paste

    # Read whole, and as it is often pasted: with the library's frames left out (a notebook's
    # short traceback, a trimmed log), so that only the warning shows the loss's target.
    for text in (paste, _without_library_frames(paste)):
        diagnosis = torchwhy.explain(text, use_embedding=False)
        assert diagnosis.category == "shape/target-shape", text
        assert diagnosis.verdict


def test_the_same_error_without_the_warning_stays_a_broadcast_error() -> None:
    paste = _paste_of(_target_too_short_for_prediction)
    error_only = paste[paste.index("Traceback (most recent call last)") :]

    # the loss's own frames are on the stack; only the missing warning differs
    assert torchwhy.explain(error_only, use_embedding=False).category in {
        "shape/broadcast-mismatch",
        "shape/target-shape",
    }
    bare = error_only.strip().splitlines()[-1]
    assert torchwhy.explain(bare, use_embedding=False).category == "shape/broadcast-mismatch"


def test_a_warning_does_not_explain_an_unrelated_error_below_it() -> None:
    paste = _paste_of(_target_warning_then_unrelated_view)
    assert "UserWarning: Using a target size" in paste

    assert torchwhy.explain(paste, use_embedding=False).category == "shape/invalid-view"


def test_the_target_size_warnings_declare_what_they_explain() -> None:
    explaining = {e.id: e.explains for e in load() if e.explains}
    assert explaining.get("regression-target-broadcast-warning") == ("shape/broadcast-mismatch",)


def test_explains_must_name_known_categories() -> None:
    raw = {
        "id": "warns-about-nothing",
        "category": "shape/target-shape",
        "title": "t",
        "patterns": ["x"],
        "examples": ["x"],
        "explanation": "e",
        "causes": ["c"],
        "fixes": ["f"],
        "explains": ["shape/not-a-category"],
    }
    with pytest.raises(KnowledgeBaseError, match="explains"):
        parse_entry(raw, "broken.yaml")
