"""Readings added on round 7's tuning half: where an error was raised reads it when no wording
does (pickle failing inside torch.load, the ONNX exporter), and wordings real reports show
with one cause (torch's own schedulers rejected by an older Lightning, a Trainer argument
transformers moved, THC's numbered CUDA status, torch 1.x's device wording)."""

from __future__ import annotations

import io

import pytest
import torch

import torchwhy
from tests.realworld import load_round7


def _round7(case_id: str) -> str:
    return next(case.text for case in load_round7() if case.id == case_id)


def test_pickle_failing_inside_torch_load_is_a_possible_unpickling_reading() -> None:
    # A legacy-format read whose pickle stream is not one: pickle's own wording, raised in
    # torch/serialization.py. No rule reads "could not find MARK"; the place does.
    with pytest.raises(Exception) as raised:
        torch.load(io.BytesIO(b"t."), weights_only=False)
    assert "could not find MARK" in str(raised.value)
    diagnosis = torchwhy.explain(raised.value, use_embedding=False)
    assert diagnosis.category == "checkpoint/unpickling"
    assert not diagnosis.verdict  # read from the place alone: a possible reading
    pasted = _round7("c7-code_summarization-3-could-not-find-mark")
    assert torchwhy.explain(pasted, use_embedding=False).category == "checkpoint/unpickling"
    # The same pickle error raised outside torch.load says nothing about a checkpoint.
    elsewhere = pasted.replace("torch/serialization.py", "mylib/cache.py")
    assert elsewhere != pasted
    assert torchwhy.explain(elsewhere, use_embedding=False).category == "unknown"


@pytest.mark.parametrize(
    ("case_id", "category"),
    [
        ("c7-pytorch-3736-onnx-untraced-buffer", "export/onnx"),
        ("c7-fast-reid-581-ort-static-input-dims", "export/onnx"),
        ("c7-DDRNet-13-ort-node-input-not-graph-input", "export/onnx"),
        ("c7-piper-118-exponentiallr-lrscheduler-api", "environment/version-mismatch"),
        ("c7-RAVQA-14-lambdalr-lrscheduler-api", "environment/version-mismatch"),
        ("c7-question_generation-55-prediction-loss-only", "environment/version-mismatch"),
        ("c7-mmdetection-1798-roi-align-error-98", "cuda/toolkit-incompatible"),
        ("c7-DeepHyperX-54-input-weight-same-device", "device/tensor-mismatch"),
        ("c7-e3nn-427-batchnorm-no-torchscript", "compile/graph-break"),
    ],
)
def test_round7_tuning_reports_read_as_labelled(case_id: str, category: str) -> None:
    assert torchwhy.explain(_round7(case_id), use_embedding=False).category == category


def test_a_custom_scheduler_is_not_read_as_version_drift() -> None:
    # Lightning's check is right about a scheduler of the user's own: only torch's own
    # schedulers failing it say the installed pair disagrees.
    pasted = _round7("c7-piper-118-exponentiallr-lrscheduler-api").replace(
        "`ExponentialLR`", "`WarmupScheduler`"
    )
    assert torchwhy.explain(pasted, use_embedding=False).category == "trainer/api-misuse"


def test_another_unexpected_init_argument_stays_generic() -> None:
    pasted = "TypeError: __init__() got an unexpected keyword argument 'prediction_steps'"
    assert torchwhy.explain(pasted, use_embedding=False).category == "unknown"
