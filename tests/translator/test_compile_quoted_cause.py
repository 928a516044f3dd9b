"""torch.compile's fake-tensor run quotes the op's own error as a repr (`got
RuntimeError('...')`): that quoted error is the root cause, live or pasted."""

from __future__ import annotations

import torch

import torchwhy
from tests.translator.live_errors import raised


def test_a_compiled_function_reads_the_error_its_fake_tensor_run_quotes() -> None:
    def similarity(queries: torch.Tensor, keys: torch.Tensor) -> torch.Tensor:
        return queries @ keys  # keys.T was meant

    compiled = torch.compile(similarity, backend="eager")
    error = raised(lambda: compiled(torch.randn(4, 8), torch.randn(4, 8)))
    assert "got RuntimeError(" in str(error)  # the wrapper this reads
    assert torchwhy.explain(error, use_embedding=False).category == "shape/matmul-mismatch"


def test_a_pasted_compile_error_reads_the_quoted_cause() -> None:
    pasted = (
        "torch._dynamo.exc.TorchRuntimeError: RuntimeError when making fake tensor call\n"
        "  Explanation: Dynamo failed to run FX node with fake tensors: call_function "
        "<built-in method conv2d of type object at 0x7f>(*(FakeTensor(..., size=(8, 64, 64, 3)),"
        " Parameter(FakeTensor(..., size=(16, 3, 3, 3), requires_grad=True))), **{}): got "
        "RuntimeError('Given groups=1, weight of size [16, 3, 3, 3], expected input[8, 64, 64, 3]"
        " to have 3 channels, but got 64 channels instead')\n"
    )
    assert torchwhy.explain(pasted, use_embedding=False).category == "shape/conv-channels"
