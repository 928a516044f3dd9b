"""Whose error is it, and does the paste say why? A launcher's summary alone, a quoted reply,
another framework's error, Python 3.10's name suggestions: real output, read as it is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import torch

import torchwhy
from tests.realworld import load_round4, load_round5, load_round6, load_round7
from torchwhy.translator.evidence import is_foreign, is_python_generic
from torchwhy.translator.normalize import parse

CHILD = "import torch\ntorch.ones(2, 3) @ torch.ones(2, 3)\n"


@pytest.fixture(scope="module")
def torchrun_output(tmp_path_factory: pytest.TempPathFactory) -> str:
    """What torchrun prints when its one child dies of a shape error (real torchrun, CPU)."""
    folder = tmp_path_factory.mktemp("torchrun")
    (folder / "child.py").write_text(CHILD)
    run = subprocess.run(
        [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=1",
         "--master_port=29547", "child.py"],
        cwd=folder, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert run.returncode != 0 and "ChildFailedError" in run.stderr
    return run.stderr


def _child_error_only(output: str) -> str:
    """The child's traceback as the child printed it, without the launcher's lines."""
    start = output.index("Traceback")
    return output[start : output.index("\n", output.index("mat1 and mat2")) + 1]


def _summary_only(output: str) -> str:
    """The launcher's own traceback and summary, without the child's error above them."""
    launcher = output.index("Traceback", output.index("mat1 and mat2"))
    return output[launcher:]


def test_the_childs_error_decides_when_the_paste_shows_it(torchrun_output: str) -> None:
    diagnosis = torchwhy.explain(torchrun_output, use_embedding=False)
    assert diagnosis.category == "shape/matmul-mismatch"
    # Read from the child's own error, stated as sure as the child's frames allow (they show
    # child.py only, which says nothing for the reading: calibration.SILENT_FRAMES), not
    # lowered as a reading of the launcher's summary would be.
    assert diagnosis.message.startswith("mat1 and mat2")
    assert (
        diagnosis.confidence
        == torchwhy.explain(_child_error_only(torchrun_output), use_embedding=False).confidence
    )


def test_a_summary_alone_is_a_possible_reading_that_asks_for_the_child(
    torchrun_output: str,
) -> None:
    diagnosis = torchwhy.explain(_summary_only(torchrun_output), use_embedding=False)
    assert diagnosis.category == "distributed/process-group"
    assert not diagnosis.verdict
    assert any("child's own error" in line for line in diagnosis.decide)


def test_a_quoted_reply_is_read_as_the_paste_it_quotes(torchrun_output: str) -> None:
    quoted = "> I have the same problem:\n" + "\n".join(
        "> " + line for line in torchrun_output.splitlines()
    )
    assert torchwhy.explain(quoted, use_embedding=False).category == "shape/matmul-mismatch"
    # A Python prompt is not a quote.
    assert parse(">>> import torch\n>>> x = 1").exceptions[0].message.startswith(">>>")


TENSORFLOW_PASTE = (
    "Traceback (most recent call last):\n"
    '  File "train.py", line 40, in <module>\n'
    "    model.fit(x, y)\n"
    '  File "/usr/lib/python3.6/site-packages/tensorflow/python/client/session.py", line 1439,'
    " in __call__\n"
    "    run_metadata_ptr)\n"
    "tensorflow.python.framework.errors_impl.InvalidArgumentError: Incompatible shapes: "
    "[1,256,48,64] vs. [1,256,47,63]"
)


def test_another_frameworks_error_is_not_read_as_pytorchs() -> None:
    assert is_foreign(parse(TENSORFLOW_PASTE))
    assert torchwhy.explain(TENSORFLOW_PASTE, use_embedding=False).category == "unknown"
    # The same words beside a PyTorch frame are PyTorch's to read.
    with_torch = TENSORFLOW_PASTE.replace(
        "/usr/lib/python3.6/site-packages/tensorflow/python/client/session.py",
        "/usr/lib/python3.6/site-packages/torch/nn/modules/module.py",
    )
    assert not is_foreign(parse(with_torch))


def test_a_suggested_name_does_not_make_a_plain_attribute_error_pytorchs() -> None:
    # The interpreter itself prints the suggestion (Python 3.10+).
    script = "import argparse\nargparse.Namespace(network_args=None, train=None).network_alpha\n"
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert "Did you mean" in run.stderr
    assert torchwhy.explain(run.stderr, use_embedding=False).category == "unknown"
    # argparse's options are the script's own, whatever the option is called.
    pasted = "AttributeError: 'Namespace' object has no attribute 'train'"
    assert torchwhy.explain(pasted, use_embedding=False).category == "unknown"


def test_a_build_script_is_not_the_library_it_builds(tmp_path: Path) -> None:
    pasted = (
        "Traceback (most recent call last):\n"
        '  File "<string>", line 20, in <module>\n'
        '  File "/tmp/pip-build-cDqZB1/torch/setup.py", line 12, in <module>\n'
        "    from tools.setup_helpers.env import check_env_flag\n"
        "ImportError: No module named setup_helpers.env"
    )
    assert torchwhy.explain(pasted, use_embedding=False).category == "unknown"


# Lua Torch (torch7) printed TH's messages, which PyTorch 0.x shared: the interpreter and the
# .lua stack say whose error it is. BVLC Caffe's glog abort names caffe::, PyTorch's own C++
# caffe2::. Both pasted verbatim in public threads (the tuning halves of corpora 4 and 5).
_FOREIGN_REPORTS = {
    "lua-torch": (load_round5, "c5-openface-36-lua-inconsistent-tensor-size"),
    "caffe": (load_round4, "b-segnet-71-caffe-oom"),
}


def _report(name: str) -> str:
    load_half, case_id = _FOREIGN_REPORTS[name]
    return next(case.text for case in load_half() if case.id == case_id)


@pytest.mark.parametrize("name", sorted(_FOREIGN_REPORTS))
def test_lua_torch_and_caffe_errors_are_not_pytorchs(name: str) -> None:
    pasted = _report(name)
    assert is_foreign(parse(pasted))
    # With embeddings too: their words (tensor, out of memory) are torch's vocabulary.
    assert torchwhy.explain(pasted, use_embedding=True).category == "unknown"


def test_pytorchs_own_cpp_stack_is_not_caffes() -> None:
    # PyTorch's C++ frames name caffe2::, c10:: and at::, never caffe::.
    assert not is_foreign(parse(_report("caffe").replace("caffe::", "caffe2::")))


def test_a_generic_wording_quoted_in_an_issue_title_stays_generic() -> None:
    # `python -m train.py` on Python 3.6-3.8, pasted as the issue's title quoted it: the
    # closing bracket, the issue number and a backtick are not part of Python's message.
    pasted = (
        "`... Error while finding module specification for 'train.py' "
        "(AttributeError: module 'train' has no attribute '__path__') #27`"
    )
    assert torchwhy.explain(pasted, use_embedding=False).category == "unknown"
    # The same leftovers after a torch module's name still leave a reading to be made.
    assert not is_python_generic("module 'torch' has no attribute 'compile') #27`")


# Round 7's tuning half: TensorFlow's C++ log lines name their own source files, and a
# traceback whose innermost library frame is pandas' (with no frame of PyTorch's ecosystem)
# failed in pandas. Pasted verbatim in public threads.
def _round7(case_id: str) -> str:
    return next(case.text for case in load_round7() if case.id == case_id)


@pytest.mark.parametrize(
    "case_id",
    ["c7-tensorflow-56413-libcudart-conda-env", "c7-sleap-2142-tf-cuda-error-out-of-memory"],
)
def test_tensorflows_log_lines_say_whose_error_it_is(case_id: str) -> None:
    pasted = _round7(case_id)
    assert is_foreign(parse(pasted))
    assert torchwhy.explain(pasted, use_embedding=False).category == "unknown"


def test_pytorchs_own_log_lines_are_not_tensorflows() -> None:
    # torch's C++ warnings name aten/ and c10/ files, never tensorflow/ or xla/.
    pasted = (
        "[W NNPACK.cpp:64] Could not initialize NNPACK! Reason: Unsupported hardware.\n"
        "RuntimeError: CUDA error: out of memory"
    )
    assert not is_foreign(parse(pasted))


def test_an_error_raised_in_pandas_is_not_pytorchs() -> None:
    pasted = _round7("c7-deep-summarization-5-numpy-api-version")
    assert is_foreign(parse(pasted))
    assert torchwhy.explain(pasted, use_embedding=False).category == "unknown"
    # The same failure importing torch (a frame of torch's on the stack) is torch's to read.
    with_torch = pasted.replace(
        '  File "/home/user/Documents/deep-summarization/deepsum/lib/python2.7/site-packages/'
        'pandas/__init__.py", line 31, in <module>\n',
        '  File "/home/user/Documents/deep-summarization/deepsum/lib/python2.7/site-packages/'
        'torch/__init__.py", line 31, in <module>\n',
    )
    assert with_torch != pasted
    assert not is_foreign(parse(with_torch))
    assert torchwhy.explain(with_torch, use_embedding=False).category != "unknown"


@pytest.mark.parametrize(
    "case_id",
    [
        # TensorFlow's bare exception type and its allocator's wording (IPython's header)
        (load_round5, "c5-vitae-4-tf-resource-exhausted"),
        # MXNet's native stack, printed by its signal handler
        (load_round6, "c6-resnest-101-gluon-bus-error"),
        # dlib's own CUDA bindings
        (load_round6, "c6-gazeml-12-dlib-cudnncreate"),
        # OpenCV's C++ assertions, old and new wordings
        (load_round6, "c6-mvcnn-tensorflow-4-cv2-resize-area"),
        (load_round7, "c7-Handwritten-Equation-Solver-8-findcontours-unpack"),
        (load_round7, "c7-gaps-11-cvtcolor-none-image"),
        # JAX's runtime error as VS Code prints it
        (load_round7, "c7-flax-4054-xla-library-not-initialized"),
        # installers: pip building a wheel, a setup script run in pip's build folder, conda's
        # solver (its exception type)
        (load_round6, "c6-python-lovelace-7-bdist-wheel-invalid"),
        (load_round4, "a-brief-2-setup-requirements-missing"),
        (load_round7, "c7-conda-5632-unsatisfiable-conda-408"),
    ],
    ids=lambda case: case[1],
)
def test_other_libraries_signs_say_whose_error_it_is(case_id) -> None:
    load_half, name = case_id
    pasted = next(case.text for case in load_half() if case.id == name)
    assert is_foreign(parse(pasted))
    assert torchwhy.explain(pasted, use_embedding=False).category == "unknown"


def _live_message(statement: str) -> str:
    import torch

    with pytest.raises(Exception) as raised:
        exec(statement, {"torch": torch})
    return f"{type(raised.value).__name__}: {raised.value}"


def test_a_tensorflow_start_up_log_beside_torchs_own_error_is_noise() -> None:
    # A notebook that imports transformers prints TensorFlow's start-up lines first.
    error = _live_message("torch.ones(2, 3) @ torch.ones(2, 3)")
    noise = (
        "2024-03-01 10:00:00.123456: I tensorflow/core/util/port.cc:113] oneDNN custom "
        "operations are on. You may see slightly different numerical results.\n"
    )
    assert not is_foreign(parse(noise + error))
    assert (
        torchwhy.explain(noise + error, use_embedding=False).category
        == torchwhy.explain(error, use_embedding=False).category
        != "unknown"
    )
    # Without PyTorch's own words beside them, TensorFlow's lines say whose error it is.
    assert is_foreign(parse(noise + "I get this error, can you help?"))


def test_an_opencv_failure_inside_a_dataset_is_left_to_the_dataset_readings() -> None:
    pasted = (
        "Traceback (most recent call last):\n"
        '  File "train.py", line 88, in <module>\n'
        "    for images, labels in loader:\n"
        '  File "datasets/folder.py", line 41, in __getitem__\n'
        "    image = cv2.resize(image, (512, 512))\n"
        "cv2.error: OpenCV(4.5.1) /tmp/pip-req-build-ms668fyv/opencv/modules/imgproc/src/"
        "resize.cpp:4051: error: (-215:Assertion failed) !ssize.empty() in function 'resize'"
    )
    assert not is_foreign(parse(pasted))
    assert is_foreign(parse(pasted.replace("__getitem__", "main")))


# Other styles of non-PyTorch errors, in the formats their programs print: NVIDIA's
# cuda-samples helper (helper_cuda.h) and the common gpuErrchk macro of standalone CUDA
# programs, JAX's tracer errors, Keras' layer check, TensorShape's check, scikit-learn's input
# checks, PaddlePaddle's enforce hint.
OTHER_STYLES = {
    "cuda-samples": 'CUDA error at vectorAdd.cu:58 code=2(cudaErrorMemoryAllocation) "cudaMalloc('
    '(void **)&d_A, size)"',
    "gpuErrchk": "GPUassert: an illegal memory access was encountered kernel.cu 112",
    "jax": "jax.errors.ConcretizationTypeError: Abstract tracer value encountered where concrete "
    "value is expected: Traced<ShapedArray(bool[])>with<DynamicJaxprTrace(level=1/0)>",
    "keras": 'ValueError: Input 0 of layer "sequential" is incompatible with the layer: expected '
    "shape=(None, 28, 28), found shape=(None, 784)",
    "tensorshape": "ValueError: Shapes (None, 10) and (None, 1) are incompatible",
    "sklearn": "ValueError: Found input variables with inconsistent numbers of samples: [100, 99]",
    "paddle": "ValueError: (InvalidArgument) The axis is expected to be in range of [-2, 2), but "
    "got 2 [Hint: Expected axis < rank, but received axis:2 >= rank:2.]",
}


@pytest.mark.parametrize("style", sorted(OTHER_STYLES))
def test_other_programs_errors_in_their_own_formats_are_not_pytorchs(style: str) -> None:
    pasted = OTHER_STYLES[style]
    assert is_foreign(parse(pasted))
    assert torchwhy.explain(pasted, use_embedding=False).category == "unknown"


def test_torchs_own_cuda_asserts_and_dimension_checks_stay_pytorchs() -> None:
    kernel_assert = (
        "../aten/src/ATen/native/cuda/Loss.cu:92: operator(): block: [0,0,0], thread: [0,0,0] "
        "Assertion `input_val >= zero && input_val <= one` failed.\n"
        "RuntimeError: CUDA error: device-side assert triggered"
    )
    assert not is_foreign(parse(kernel_assert))
    with pytest.raises(RuntimeError) as raised:
        torch.nn.functional.conv1d(torch.ones(2, 2, 2, 2), torch.ones(1, 2, 1))
    assert not is_foreign(parse(f"RuntimeError: {raised.value}"))
