"""A live exception is read from its objects (chain, frames, str), not formatted and
parsed back: the same reading as its printed traceback, without the notes."""

from __future__ import annotations

import traceback

import pytest
import torch
import torch.nn.functional as F

import torchwhy
from tests.translator.live_errors import raised
from torchwhy.translator.live import parse_live
from torchwhy.translator.normalize import parse


def _linear_mismatch() -> None:
    torch.nn.Linear(256, 10)(torch.ones(64, 512))


def _wrapped() -> None:
    try:
        F.cross_entropy(torch.randn(4, 3), torch.tensor([0.0, 1.0, 2.0, 1.0]))
    except RuntimeError as error:
        raise ValueError("the training step failed") from error


def _during_handling() -> None:
    try:
        torch.ones(3)[5]
    except IndexError:
        torch.ones(2, 3) @ torch.ones(2, 3)


@pytest.mark.parametrize("crash", [_linear_mismatch, _wrapped, _during_handling])
def test_the_same_exceptions_and_frames_as_the_printed_traceback(crash) -> None:
    exc = raised(crash)
    live = parse_live(exc)
    printed = parse("".join(traceback.format_exception(exc)))
    assert [(e.qualified_type, e.message) for e in live.exceptions] == [
        (e.qualified_type, e.message) for e in printed.exceptions
    ]
    assert [e.frames for e in live.exceptions] == [e.frames for e in printed.exceptions]
    assert (
        torchwhy.explain(exc).category
        == torchwhy.explain("".join(traceback.format_exception(exc))).category
    )


def test_notes_stay_out_of_the_message() -> None:
    exc = raised(_linear_mismatch)
    exc.add_note("torchwhy [shape/matmul-mismatch] an earlier reading")
    exc.add_note("a note of the user's own")
    diagnosis = torchwhy.explain(exc)
    assert diagnosis.category == "shape/matmul-mismatch"
    assert diagnosis.message == "mat1 and mat2 shapes cannot be multiplied (64x512 and 256x10)"


def test_a_cycle_in_the_chain_ends() -> None:
    first, second = raised(_linear_mismatch), ValueError("second")
    first.__context__, second.__context__ = second, first
    assert [e.type for e in parse_live(second).exceptions] == ["RuntimeError", "ValueError"]


def test_a_broken_str_is_read_as_traceback_prints_it() -> None:
    class Broken(RuntimeError):
        def __str__(self) -> str:
            raise TypeError("no")

    (read,) = parse_live(Broken()).exceptions
    assert read.message == "<exception str() failed>"
