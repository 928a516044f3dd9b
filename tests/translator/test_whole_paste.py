"""The whole paste is read: an error quoted in prose, a launcher's log with the child's error.

The launcher logs follow torch.distributed.elastic's own format (the child's traceback printed
above with `[rank0]:` prefixes; or, under `@record`, inside the Root Cause block); the messages
in them are torch 2.13's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import torchwhy
from torchwhy.translator.prose import lift_quoted_errors

PASTES = Path(__file__).with_name("pastes")


@pytest.mark.parametrize(
    ("paste", "category"),
    [
        (
            "I run train.py and get an error as follow,IndexError: index 7 is out of bounds "
            "for dimension 0 with size 4,how to solve it",
            "index/out-of-bounds",
        ),
        (
            "sorry 应该是这个问题：“RuntimeError: Expected all tensors to be on the same device, "
            "but found at least two devices, cuda:0 and cpu!”  谢谢",
            "device/tensor-mismatch",
        ),
        (
            "When I call it I get `ValueError: Expected input batch_size (32) to match target "
            "batch_size (16).` Any idea? Thanks in advance",
            "shape/batch-size-mismatch",
        ),
    ],
)
def test_an_error_quoted_in_prose_is_read(paste: str, category: str) -> None:
    assert torchwhy.explain(paste, use_embedding=False).category == category


def test_the_words_around_a_quoted_error_are_left_out() -> None:
    lifted = lift_quoted_errors("I got RuntimeError: CUDA out of memory, please help")
    assert lifted.endswith("\nRuntimeError: CUDA out of memory")


def test_a_paste_with_its_own_exception_line_is_left_as_it_is() -> None:
    text = "Traceback (most recent call last):\nRuntimeError: boom, how to fix"
    assert lift_quoted_errors(text) == text


@pytest.mark.parametrize(
    ("paste", "category"),
    [
        ("torchrun_child_above.txt", "dtype/target-not-long"),
        ("torchrun_record_root_cause.txt", "shape/matmul-mismatch"),
    ],
)
def test_a_launchers_log_is_read_for_the_childs_own_error(paste: str, category: str) -> None:
    diagnosis = torchwhy.explain((PASTES / paste).read_text(), use_embedding=False)
    assert diagnosis.category == category
    assert "distributed/process-group" in {alt.category for alt in diagnosis.alternatives}
