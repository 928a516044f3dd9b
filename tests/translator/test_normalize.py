"""Pasted input as users paste it: whole tracebacks, chains, worker re-raises, noise."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from torchwhy.translator.normalize import clean, parse


def _stderr_of(code: str) -> str:
    """The traceback a real Python process prints for `code`."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0, result.stdout
    return result.stderr


def test_a_bare_message_is_its_own_exception() -> None:
    parsed = parse("mat1 and mat2 shapes cannot be multiplied (64x512 and 256x10)")
    assert [e.message for e in parsed.exceptions] == [
        "mat1 and mat2 shapes cannot be multiplied (64x512 and 256x10)"
    ]
    assert parsed.exceptions[0].type is None


def test_a_real_traceback_gives_type_message_and_frames() -> None:
    text = _stderr_of(
        """
        import torch
        def step():
            return torch.nn.Linear(256, 10)(torch.randn(64, 512))
        step()
        """
    )
    parsed = parse(text)
    (exc,) = parsed.exceptions
    assert exc.type == "RuntimeError"
    assert exc.message == "mat1 and mat2 shapes cannot be multiplied (64x512 and 256x10)"
    functions = [frame.function for frame in exc.frames]
    assert "step" in functions and "forward" in functions


def test_chained_exceptions_are_read_root_cause_first() -> None:
    text = _stderr_of(
        """
        import torch
        try:
            torch.randn(2, 3).view(4, 2)
        except RuntimeError as error:
            raise ValueError("training step failed") from error
        """
    )
    parsed = parse(text)
    assert [e.type for e in parsed.exceptions] == ["RuntimeError", "ValueError"]
    assert "is invalid for input of size 6" in parsed.exceptions[0].message


def test_a_dataloader_worker_reraise_is_unwrapped() -> None:
    text = _stderr_of(
        """
        import torch
        from torch.utils.data import DataLoader, Dataset

        class Broken(Dataset):
            def __len__(self):
                return 4
            def __getitem__(self, i):
                return torch.randn(3).view(2, 2)

        if __name__ == "__main__":
            for _ in DataLoader(Broken(), num_workers=1):
                pass
        """
    )
    parsed = parse(text)
    inner = parsed.exceptions[0]
    assert inner.type == "RuntimeError"
    assert inner.message.startswith("shape '[2, 2]' is invalid for input of size 3")
    assert any(frame.function == "__getitem__" for frame in inner.frames)
    assert "DataLoader worker process 0" in parsed.exceptions[-1].message


def test_ansi_colour_and_rank_prefixes_are_removed() -> None:
    text = (
        "[rank0]: Traceback (most recent call last):\n"
        '[rank0]:   File "train.py", line 9, in <module>\n'
        "[rank0]:     loss.backward()\n"
        "[rank0]: \x1b[1;31mRuntimeError\x1b[0m: element 0 of tensors does not require grad and "
        "does not have a grad_fn\n"
    )
    (exc,) = parse(text).exceptions
    assert exc.type == "RuntimeError"
    assert exc.message == "element 0 of tensors does not require grad and does not have a grad_fn"
    assert exc.frames[0].file == "train.py" and exc.frames[0].code == "loss.backward()"


def test_cpp_frames_and_cuda_boilerplate_are_dropped_and_kernel_asserts_kept() -> None:
    # Verbatim shape of a GPU report (pytorch/pytorch issues, torch 2.x).
    text = (
        "/opt/conda/conda-bld/pytorch_1670525541035/work/aten/src/ATen/native/cuda/Loss.cu:242: "
        "nll_loss_forward_reduce_cuda_kernel_2d: block: [0,0,0], thread: [3,0,0] Assertion "
        "`t >= 0 && t < n_classes` failed.\n"
        "Traceback (most recent call last):\n"
        '  File "train.py", line 40, in <module>\n'
        "    loss.backward()\n"
        "RuntimeError: CUDA error: device-side assert triggered\n"
        "CUDA kernel errors might be asynchronously reported at some other API call, so the "
        "stacktrace below might be incorrect.\n"
        "For debugging consider passing CUDA_LAUNCH_BLOCKING=1.\n"
        "Compile with `TORCH_USE_CUDA_DSA` to enable device-side assertions.\n"
        "\n"
        "Exception raised from c10_cuda_check_implementation at ../c10/cuda/CUDAException.cpp:44 "
        "(most recent call first):\n"
        "frame #0: c10::Error::Error(c10::SourceLocation, std::string) + 0x57 (0x7f in libc10.so)\n"
        "frame #1: <unknown function> + 0x1d4e6 (0x7f in libc10_cuda.so)\n"
    )
    parsed = parse(text)
    (exc,) = parsed.exceptions
    assert exc.message == "CUDA error: device-side assert triggered"
    assert parsed.cuda_async
    assert parsed.kernel_asserts == ["Assertion `t >= 0 && t < n_classes` failed."]


def test_ipython_cell_tracebacks_are_read() -> None:
    # IPython 8's format, as pasted from a notebook (colours already stripped).
    text = textwrap.dedent(
        """\
        ---------------------------------------------------------------------------
        RuntimeError                              Traceback (most recent call last)
        Cell In[4], line 3
              1 x = torch.randn(8, 3, 32, 32)
              2 conv = nn.Conv2d(1, 16, 3)
        ----> 3 y = conv(x)

        File ~/venv/lib/python3.11/site-packages/torch/nn/modules/conv.py:549, in Conv2d.forward(self, input)
            548 def forward(self, input: Tensor) -> Tensor:
        --> 549     return self._conv_forward(input, self.weight, self.bias)

        RuntimeError: Given groups=1, weight of size [16, 1, 3, 3], expected input[8, 3, 32, 32] to have 1 channels, but got 3 channels instead
        """
    )
    (exc,) = parse(text).exceptions
    assert exc.type == "RuntimeError"
    assert exc.message.startswith("Given groups=1, weight of size [16, 1, 3, 3]")
    assert exc.frames[0].line == 3 and exc.frames[0].code == "y = conv(x)"


def test_dynamo_user_code_section_becomes_frames() -> None:
    text = textwrap.dedent(
        """\
        torch._dynamo.exc.Unsupported: Data-dependent branching

        from user code:
           File "model.py", line 12, in forward
            if x.sum() > 0:

        Set TORCHDYNAMO_VERBOSE=1 for the internal stack trace (please do this especially if you're reporting a bug to PyTorch). For even more developer context, set TORCH_LOGS="+dynamo"
        """
    )
    (exc,) = parse(text).exceptions
    assert exc.type == "Unsupported" and exc.qualified_type == "torch._dynamo.exc.Unsupported"
    assert exc.message == "Data-dependent branching"
    assert exc.frames[-1].file == "model.py" and exc.frames[-1].code == "if x.sum() > 0:"


def test_process_raised_exception_carries_the_inner_traceback() -> None:
    text = textwrap.dedent(
        """\
        Traceback (most recent call last):
          File "launch.py", line 30, in <module>
            mp.spawn(main, nprocs=2)
        torch.multiprocessing.spawn.ProcessRaisedException:

        -- Process 1 terminated with the following error:
        Traceback (most recent call last):
          File "/usr/lib/python3/dist-packages/torch/multiprocessing/spawn.py", line 69, in _wrap
            fn(i, *args)
          File "/work/launch.py", line 18, in main
            dist.all_reduce(t)
        ValueError: Default process group has not been initialized, please make sure to call init_process_group.
        """
    )
    parsed = parse(text)
    assert parsed.exceptions[0].type == "ValueError"
    assert parsed.exceptions[0].message.startswith("Default process group has not been initialized")


def test_a_multiline_message_is_kept_whole() -> None:
    text = (
        "RuntimeError: Error(s) in loading state_dict for Net:\n"
        '\tMissing key(s) in state_dict: "fc.weight", "fc.bias".\n'
        '\tUnexpected key(s) in state_dict: "module.fc.weight", "module.fc.bias".\n'
    )
    (exc,) = parse(text).exceptions
    assert "Unexpected key(s)" in exc.message and "Missing key(s)" in exc.message


def test_clean_keeps_text_without_noise_intact() -> None:
    assert clean("plain text\nsecond line") == "plain text\nsecond line"


def test_huge_input_keeps_its_tail() -> None:
    text = "noise line\n" * 100_000 + "IndexError: index out of range in self\n"
    parsed = parse(text)
    assert parsed.exceptions[-1].message == "index out of range in self"


def test_ipython7_frames_take_their_line_from_the_arrow() -> None:
    # IPython 7's format, as pasted in a GitHub issue (Huffon/factsumm#34).
    text = textwrap.dedent(
        """\
        /opt/envs/x/lib/python3.6/site-packages/torch/nn/modules/sparse.py in forward(self, input)
            124         return F.embedding(
            125             input, self.weight, self.padding_idx, self.max_norm,
        --> 126             self.norm_type, self.scale_grad_by_freq, self.sparse)
            127

        IndexError: index out of range in self
        """
    )
    (exc,) = parse(text).exceptions
    (frame,) = exc.frames
    assert (frame.function, frame.line) == ("forward", 126)
    assert frame.code == "self.norm_type, self.scale_grad_by_freq, self.sparse)"


def test_full_width_punctuation_still_makes_an_exception_line() -> None:
    (exc,) = parse("RuntimeError： Attempting to deserialize object on a CUDA device").exceptions
    assert exc.type == "RuntimeError"
    assert exc.message == "Attempting to deserialize object on a CUDA device"


def test_libtorch_source_locations_are_dropped_from_messages() -> None:
    text = (
        "RuntimeError: index out of range in self "
        "(operator() at ../aten/src/ATen/native/TensorAdvancedIndexing.cpp:448)"
    )
    assert parse(text).exceptions[0].message == "index out of range in self"


def test_a_child_error_printed_above_a_launcher_traceback_is_kept() -> None:
    # The shape of an accelerate launch log: the training
    # process's error line, then the launcher's own traceback.
    text = textwrap.dedent(
        """\
        RuntimeError: Given groups=1, weight of size [1, 1, 3], expected input[1, 140, 1] to have 1 channels, but got 140 channels instead
        Traceback (most recent call last):
          File "/venv/bin/accelerate", line 10, in <module>
            sys.exit(main())
        subprocess.CalledProcessError: Command '['python3', 'train.py']' returned non-zero exit status 1.
        """
    )
    types = [exc.type for exc in parse(text).exceptions]
    assert types == ["RuntimeError", "CalledProcessError"]
