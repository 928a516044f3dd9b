"""The whole paste is read: an error quoted in prose, a launcher's log with the child's error.

The launcher logs follow torch.distributed.elastic's own format (the child's traceback printed
above with `[rank0]:` prefixes; or, under `@record`, inside the Root Cause block); the messages
in them are torch 2.13's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import torch

import torchwhy
from torchwhy.translator.normalize import parse
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


def _message_of(call: Callable[[], object]) -> str:
    try:
        call()
    except Exception as error:
        return str(error)
    raise AssertionError("did not raise")


def _leaf_changed_in_place() -> None:
    torch.ones(2, requires_grad=True).add_(1)


def _backward_without_graph() -> None:
    torch.ones(2).sum().backward()


@pytest.mark.parametrize(
    ("call", "cut", "category"),
    [
        # The quoted fragments real reports show: the message without its first word or its
        # `element 0 of tensors` (round 9's tuning half).
        (_leaf_changed_in_place, slice(2, -1), "autograd/leaf-inplace"),
        (_backward_without_graph, slice(21, None), "autograd/no-grad-fn"),
    ],
)
def test_a_fragment_of_a_torch_message_quoted_in_prose_is_read(
    call: Callable[[], object], cut: slice, category: str
) -> None:
    fragment = _message_of(call)[cut]
    paste = f'Replacing `+=` with an out-of-place add avoids the\n"{fragment}"\nerror. Thanks'
    assert parse(paste).exceptions[0].quoted
    assert torchwhy.explain(paste, use_embedding=False).category == category


@pytest.mark.parametrize(
    "paste",
    [
        'My config says "scheduler should be cosine with warm restarts" and it fails to start',
        "The README tells me to run `python train.py --config configs/base.yaml` first",
        "I set “the learning rate to one over the square root of steps” but nothing changed",
    ],
)
def test_words_quoted_in_prose_that_are_no_torch_message_stay_unknown(paste: str) -> None:
    assert torchwhy.explain(paste).category == "unknown"


def test_a_paste_with_an_exception_line_reads_no_quoted_spans() -> None:
    paste = "It says \"element 0 of tensors does not require grad\"\nKeyError: 'labels'"
    assert not any(exc.quoted for exc in parse(paste).exceptions)


@pytest.mark.parametrize(
    ("paste", "category"),
    [
        ("torchrun_child_above.txt", "dtype/target-not-long"),
        ("torchrun_record_root_cause.txt", "shape/matmul-mismatch"),
        # The child's error alone above the summary, no frames of its own.
        ("torchrun_child_bare_oom.txt", "cuda/out-of-memory"),
    ],
)
def test_a_launchers_log_is_read_for_the_childs_own_error(paste: str, category: str) -> None:
    diagnosis = torchwhy.explain((PASTES / paste).read_text(), use_embedding=False)
    assert diagnosis.category == category
    assert "distributed/process-group" in {alt.category for alt in diagnosis.alternatives}


def _raised(action) -> str:
    try:
        action()
    except Exception as error:  # any torch error is the point
        return f"{type(error).__name__}: {error}"
    raise AssertionError("expected an error")


def test_a_traceback_inside_a_code_fence_is_read_without_the_fence() -> None:
    import torch

    line = _raised(lambda: torch.zeros(2, 2)[0, 0, 0])
    paste = (
        "```python\nTraceback (most recent call last):\n"
        '  File "train.py", line 9, in <module>\n    first = scores[0, 0, 0]\n'
        f"{line}\n```"
    )
    parsed = parse(paste)
    assert parsed.exceptions[-1].message == line.split(": ", 1)[1]
    assert torchwhy.explain(paste, use_embedding=False).category == "index/out-of-bounds"


@pytest.mark.parametrize("after", ["\n\nhow can I fix it? thanks", "\n谢谢", "\nAny idea?"])
def test_the_users_words_after_a_whole_message_do_not_hide_it(after: str) -> None:
    import torch

    # `index out of range in self` is matched as the whole message: the words after it are
    # the user's, not torch's.
    line = _raised(lambda: torch.nn.Embedding(4, 2)(torch.tensor([9])))
    diagnosis = torchwhy.explain(line + after, use_embedding=False)
    assert diagnosis.matched_by == "rule"
    assert diagnosis.category == "index/embedding-out-of-range"


def test_a_warning_printed_with_its_location_is_read_as_a_warning() -> None:
    import warnings

    import torch
    import torch.nn.functional as F

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        F.mse_loss(torch.randn(64, 1), torch.randn(64))
    paste = (
        "/usr/lib/python3.11/site-packages/torch/nn/modules/loss.py:610: "
        f"UserWarning: {caught[0].message}\n"
        "  return F.mse_loss(input, target, reduction=self.reduction)\n"
    )
    parsed = parse(paste)
    assert parsed.exceptions[0].type == "UserWarning"
    assert torchwhy.explain(paste, use_embedding=False).category == "shape/target-shape"


class _FloatIndexed(torch.utils.data.Dataset):
    """A worker whose `__getitem__` indexes with a float tensor (a real torch IndexError)."""

    def __len__(self) -> int:
        return 4

    def __getitem__(self, i: int) -> torch.Tensor:
        return torch.arange(10.0)[torch.arange(3) * 1.5]


class _MissingKey(torch.utils.data.Dataset):
    """A worker whose `__getitem__` fails with a plain KeyError: no torch reading of its own."""

    def __len__(self) -> int:
        return 4

    def __getitem__(self, i: int) -> dict:
        return {"image": i}["label"]


def _worker_error(dataset: torch.utils.data.Dataset) -> BaseException:
    loader = torch.utils.data.DataLoader(dataset, batch_size=2, num_workers=1)
    with pytest.raises(Exception) as raised:
        next(iter(loader))
    return raised.value


def test_a_workers_own_error_is_read_before_the_header_that_reraises_it() -> None:
    error = _worker_error(_FloatIndexed())
    assert "in DataLoader worker process" in str(error)
    diagnosis = torchwhy.explain(error, use_embedding=False)
    assert diagnosis.category == "dtype/index-not-integer"
    # The header says where it happened: still offered, after the worker's own reading.
    assert "data/worker-failure" in {a.category for a in diagnosis.alternatives}


def test_a_workers_header_is_the_reading_when_its_error_has_none() -> None:
    diagnosis = torchwhy.explain(_worker_error(_MissingKey()), use_embedding=False)
    assert diagnosis.category == "data/worker-failure"
    assert diagnosis.verdict
