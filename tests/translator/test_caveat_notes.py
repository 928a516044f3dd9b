"""Caveat notes (asynchronous CUDA errors, memory a traceback keeps) are written in one place,
the engine: a live error, read with its frames by the tracer too, carries each once."""

from __future__ import annotations

import torch

import torchwhy

CUDA_MESSAGE = (
    "CUDA error: device-side assert triggered\n"
    "CUDA kernel errors might be asynchronously reported at some other API call, so the "
    "stacktrace below might be incorrect.\n"
    "For debugging consider passing CUDA_LAUNCH_BLOCKING=1"
)
OOM_MESSAGE = (
    "CUDA out of memory. Tried to allocate 20.00 GiB. GPU 0 has a total capacity of 79.15 GiB "
    "of which 3.19 GiB is free. Of the allocated memory 70.00 GiB is allocated by PyTorch"
)


def train_step(model: torch.nn.Module, batch: torch.Tensor, error: BaseException) -> None:
    model(batch)
    raise error  # what torch raises on a GPU, from inside a real step


def live(error: BaseException) -> torchwhy.Diagnosis:
    try:
        train_step(torch.nn.Linear(4, 2), torch.randn(3, 4), error)
    except BaseException as raised:
        return torchwhy.explain(raised, use_embedding=False)
    raise AssertionError("did not raise")


def about(notes: list[str], word: str) -> list[str]:
    return [note for note in notes if word in note]


def test_a_live_out_of_memory_error_carries_the_memory_note_once() -> None:
    # torch.OutOfMemoryError is what the CUDA caching allocator raises; a CPU build cannot
    # allocate its way there, so the test raises torch's own type with its own wording.
    diagnosis = live(torch.OutOfMemoryError(OOM_MESSAGE))
    assert diagnosis.category == "cuda/out-of-memory"
    assert len(about(diagnosis.notes, "traceback")) == 1, diagnosis.notes
    assert len(diagnosis.notes) == len(set(diagnosis.notes)) == 1


def test_a_live_cuda_error_carries_the_asynchronous_note_once() -> None:
    diagnosis = live(RuntimeError(CUDA_MESSAGE))
    assert diagnosis.category.startswith("cuda/")
    assert len(about(diagnosis.notes, "CUDA_LAUNCH_BLOCKING")) == 1, diagnosis.notes
    assert len(about(diagnosis.notes, "asynchronously")) == 1, diagnosis.notes


def test_a_pasted_error_carries_the_same_notes_as_the_live_one() -> None:
    for error in (torch.OutOfMemoryError(OOM_MESSAGE), RuntimeError(CUDA_MESSAGE)):
        pasted = torchwhy.explain(f"{type(error).__name__}: {error}", use_embedding=False)
        assert pasted.notes == live(error).notes
