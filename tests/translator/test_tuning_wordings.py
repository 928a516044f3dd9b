"""Wordings the tuning halves of rounds 5 and 6 showed unread (issue #8): each read from live
torch where a CPU raises it, else from the verbatim tuning paste, with the neighbours that must
keep their own reading."""

from __future__ import annotations

import io
import tarfile
import traceback
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from torch import nn

import torchwhy
from tests.realworld import load_round5, load_round6


def _explain(error: str | BaseException):
    return torchwhy.explain(error, use_embedding=False)


def _case(load, case_id: str) -> str:
    return next(c for c in load() if c.id == case_id).text


def test_a_legacy_tar_checkpoint_under_weights_only(tmp_path: Path) -> None:
    path = tmp_path / "old_model.tar"
    with tarfile.open(path, "w") as archive:
        member = tarfile.TarInfo("storages")
        member.size = 1
        archive.addfile(member, io.BytesIO(b"0"))
    with pytest.raises(RuntimeError) as raised:
        torch.load(path)
    diagnosis = _explain(raised.value)
    assert diagnosis.entry == "torch-load-legacy-tar-weights-only"
    assert diagnosis.category == "checkpoint/unpickling"


def _cross_entropy_on_subclass(module: str) -> BaseException:
    class TensorImage(torch.Tensor):
        @classmethod
        def __torch_function__(cls, func, types, args=(), kwargs=None):
            return NotImplemented

    TensorImage.__module__ = module
    with pytest.raises(TypeError) as raised:
        F.cross_entropy(torch.randn(2, 3).as_subclass(TensorImage), torch.tensor([0, 1]))
    return raised.value


def test_a_librarys_tensor_subclass_declining_an_op_is_a_version_mismatch() -> None:
    diagnosis = _explain(_cross_entropy_on_subclass("fastai.torch_core"))
    assert diagnosis.entry == "tensor-subclass-torch-function-mismatch"
    assert diagnosis.category == "environment/version-mismatch"
    # c5-fastai-3022 (round 5, tuning half), pasted
    pasted = _explain(_case(load_round5, "c5-fastai-3022-no-implementation-torch-function"))
    assert pasted.entry == "tensor-subclass-torch-function-mismatch"


def test_the_users_own_subclass_is_not_read_as_a_library_mismatch() -> None:
    # The rule does not read it; a guess from the wording stays a possible reading.
    diagnosis = _explain(_cross_entropy_on_subclass("__main__"))
    assert diagnosis.matched_by != "rule"
    assert not diagnosis.verdict


def test_a_module_without_forward_called_with_keywords() -> None:
    class Classifier(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.head = nn.Linear(4, 2)

            def forward(self, **kwargs):  # indented inside __init__: never a method
                return self.head(kwargs["x"])

    with pytest.raises(TypeError) as raised:
        Classifier()(input_ids=torch.zeros(1, 4))
    diagnosis = _explain(raised.value)
    assert diagnosis.entry == "module-forward-missing"
    assert diagnosis.category == "module/forward-misuse"
    pasted = _explain(_case(load_round5, "c5-nlpcourse-130-forward-unimplemented-indent"))
    assert pasted.category == "module/forward-misuse"


@pytest.mark.parametrize(
    ("load", "case_id", "entry"),
    [
        (
            load_round6,
            "c6-pytorch-lightning-8302-training-step-end-batch-idx",
            "lightning-hook-signature",
        ),
        (load_round6, "c6-acsa-generation-3-forward-lm-labels", "hf-renamed-argument"),
        (load_round6, "c6-llamatuner-97-loraconfig-loftq-config", "hf-renamed-argument"),
        (
            load_round6,
            "c6-langchain-26207-pipeline-no-pad-token-batching",
            "hf-tokenizer-no-pad-token",
        ),
        (load_round6, "c6-pytorch-100095-cuda-unknown-error-init", "cuda-no-nvidia-driver"),
        (load_round5, "c5-rocm-3840-rocblas-tensile-unsupported-gpu", None),
        (load_round5, "c5-reidadv-2-tensor-no-convert", "pil-transform-on-tensor"),
        (load_round5, "c5-kohya-3374-no-data-found", "image-folder-found-no-files"),
        (load_round6, "c6-pytorch-18180-ddp-queue-reduction-typeerror", "ddp-unused-parameters"),
    ],
)
def test_tuning_pastes_are_read(load, case_id: str, entry: str | None) -> None:
    case = next(c for c in load() if c.id == case_id)
    diagnosis = _explain(case.text)
    assert diagnosis.category == case.expected_category
    if entry is not None:
        assert diagnosis.entry == entry


def test_a_generic_type_error_inside_torchvisions_transforms_is_read_by_its_place() -> None:
    # c5-tripletnet-1 (round 5, tuning half): an old torchvision's CenterCrop reads
    # `w, h = img.size` on a tensor. Python's generic wording; the place reads it.
    diagnosis = _explain(_case(load_round5, "c5-tripletnet-1-centercrop-after-totensor"))
    assert diagnosis.category == "data/transform-input-type"
    assert not diagnosis.verdict  # read from the place alone
    # The same wording raised in the user's own code is not a transform's.
    own = (
        'Traceback (most recent call last):\n  File "/home/me/train.py", line 9, in <module>\n'
        "    w, h = img.size\nTypeError: 'builtin_function_or_method' object is not iterable"
    )
    assert _explain(own).category == "unknown"


@pytest.mark.parametrize(
    ("message", "entry"),
    [
        # the Hugging Face Trainer's training_step stays a transformers drift
        (
            "TypeError: Trainer.training_step() takes 3 positional arguments but 4 were given",
            "hf-api-drift",
        ),
        # a model's own forward given an unknown keyword stays forward misuse
        (
            "TypeError: forward() got an unexpected keyword argument 'labels'",
            "module-forward-unexpected-kwarg",
        ),
    ],
)
def test_neighbouring_wordings_keep_their_reading(message: str, entry: str) -> None:
    assert _explain(message).entry == entry


def test_a_bare_training_step_signature_error_is_not_read_as_lightning() -> None:
    # `training_step` is a method of the Hugging Face Trainer too: no rule reads it as a
    # Lightning hook alone (a guess from the wording stays a possible reading).
    message = "TypeError: training_step() missing 1 required positional argument: 'batch_idx'"
    diagnosis = _explain(message)
    assert diagnosis.matched_by != "rule"
    assert not diagnosis.verdict


_CUDA_INIT_WARNING = (
    "/usr/lib/python3.10/site-packages/torch/cuda/__init__.py:107: UserWarning: CUDA "
    "initialization: CUDA unknown error - this may be due to an incorrectly set up environment, "
    "e.g. changing env variable CUDA_VISIBLE_DEVICES after program start. Setting the available "
    "devices to be zero. (Triggered internally at ../c10/cuda/CUDAFunctions.cpp:109.)\n"
    "  return torch._C._cuda_getDeviceCount() > 0\n"
)


def test_a_warning_above_an_error_does_not_take_its_reading() -> None:
    # The CUDA-initialization warning is read alone (c6-pytorch-100095), but printed above
    # another error it is context: the error's own reading comes first.
    try:
        torch.zeros(5).view(2, 3)
    except RuntimeError as error:
        pasted = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    alone = _explain(pasted)
    below = _explain(_CUDA_INIT_WARNING + pasted)
    assert alone.category == "shape/invalid-view"
    assert (below.category, below.entry, below.verdict) == (
        alone.category,
        alone.entry,
        alone.verdict,
    )
    assert _explain(_CUDA_INIT_WARNING).category == "device/cuda-unavailable"
