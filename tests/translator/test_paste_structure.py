"""The structure of a paste is read as a person reads it: an error quoted in prose whatever
the quoting (Markdown emphasis, another language with no space around it, a type retyped
without its colon), output glued to a progress bar or a traceback header glued to other text,
and torch's ExceptionWrapper in all its forms. The errors are raised live from torch 2.13.
"""

from __future__ import annotations

import traceback

import pytest
import torch

import torchwhy
from tests.translator.live_errors import exception_line, raised
from torchwhy.translator.normalize import parse


def _ambiguous_bool() -> BaseException:
    return raised(lambda: bool(torch.ones(3) > 0))


@pytest.mark.parametrize(
    "template",
    [
        # Chinese prose with no space on either side of the English error.
        "当我将labelled设置为True时,出现了{line}这个错误,这是怎么回事呢?",
        # Markdown bold around the error, inside the user's quotes.
        'and getting an error like "**{line}**" when the loop starts',
        "getting an error like\n**{line}**",
        # Inline code ends at the next backtick, not at the paste's last one.
        "I got `{line}` when running `python train.py --epochs 3` on my laptop",
    ],
)
def test_an_error_quoted_in_prose_is_read_without_the_quoting_around_it(template: str) -> None:
    error = _ambiguous_bool()
    paste = template.format(line=exception_line(error))
    assert parse(paste).exceptions[-1].message == str(error)
    assert torchwhy.explain(paste, use_embedding=False).category == "value/ambiguous-bool"


def _rewrapped(where: str, action) -> str:
    """What torch's ExceptionWrapper prints when it re-raises `action`'s error from `where`."""
    from torch._utils import ExceptionWrapper

    try:
        action()
    except Exception:
        wrapper = ExceptionWrapper(where=where)
    else:
        raise AssertionError("expected an error")
    return "".join(traceback.format_exception(raised(wrapper.reraise)))


def test_a_replicas_error_is_read_inside_dataparallels_wrapper() -> None:
    paste = _rewrapped("in replica 0 on device 0", lambda: torch.zeros(4, 3) @ torch.zeros(4, 3))
    parsed = parse(paste)
    assert parsed.exceptions[-1].message == "Caught RuntimeError in replica 0 on device 0."
    assert torchwhy.explain(paste, use_embedding=False).category == "shape/matmul-mismatch"


def test_a_wrappers_header_alone_is_not_guessed_as_another_components() -> None:
    # Without the replica's own error, the header says only where it was caught: no reading,
    # least of all the DataLoader worker's that its wording resembles.
    header = _rewrapped("in replica 0 on device 0", lambda: bool(torch.ones(3) > 0)).split(
        "\nOriginal"
    )[0]
    paste = f"When I use DataParallel, the error will appear:\n{header.splitlines()[-1]}\n"
    assert torchwhy.explain(paste, use_embedding=False).category == "unknown"


@pytest.mark.parametrize(
    ("template", "action"),
    [
        ("{type} {message}\n\n请问在CPU上怎么设置?", lambda: torch.zeros(2, 3) @ torch.zeros(2, 3)),
        ('you will be stuck with the problem:"{type} {message}"', lambda: iter(torch.tensor(1.0))),
    ],
)
def test_an_error_retyped_without_its_colon_is_read(template: str, action) -> None:
    error = raised(action)
    paste = template.format(type=type(error).__name__, message=error)
    (parsed,) = parse(paste).exceptions
    assert (parsed.type, parsed.message) == (type(error).__name__, str(error))


@pytest.mark.parametrize(
    "paste",
    [
        "Just met a RuntimeError when the program went to line 191 in solver.py",
        "KeyError                                  Traceback (most recent call last)",
    ],
)
def test_a_type_named_in_a_sentence_is_no_exceptionexception_line(paste: str) -> None:
    assert all(not exc.message.startswith(("when", "Traceback")) for exc in parse(paste).exceptions)


def _progress_bar() -> str:
    from tqdm import tqdm

    return tqdm.format_meter(62, 101, 100.3, prefix="Train epoch 1/20")


def test_a_warning_glued_to_a_progress_bar_is_still_read_above_the_error() -> None:
    import warnings

    import torch.nn.functional as F

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        error = raised(lambda: F.mse_loss(torch.randn(8, 2), torch.randn(3)))
    warning = caught[0]
    # tqdm's last redraw ends with no newline: the warning is printed on the bar's line.
    paste = (
        f"{_progress_bar()}/usr/lib/python3.11/site-packages/torch/nn/functional.py:"
        f"{warning.lineno}: UserWarning: {warning.message}\n"
        "  return F.mse_loss(input, target)\n" + "".join(traceback.format_exception(error))
    )
    assert [exc.type for exc in parse(paste).exceptions] == ["UserWarning", "RuntimeError"]
    assert torchwhy.explain(paste, use_embedding=False).category == "shape/target-shape"


@pytest.mark.parametrize("before", ["> Loading Model", "`", "{bar}"])
def test_a_traceback_header_glued_to_other_output_still_starts_the_traceback(before: str) -> None:
    import warnings

    error = raised(lambda: torch.zeros(2, 3) @ torch.zeros(2, 3))
    # A warning printed earlier in the log is not the traceback's exception.
    paste = (
        warnings.formatwarning("a warning", UserWarning, "train.py", 3)
        + before.format(bar=_progress_bar())
        + "".join(traceback.format_exception(error))
    )
    parsed = parse(paste)
    assert parsed.exceptions[-1].type == "RuntimeError"
    assert parsed.exceptions[-1].message == str(error)
    assert parsed.exceptions[-1].frames


@pytest.mark.parametrize(
    "action",
    [lambda: __import__("tensorflow_not_installed_here"), lambda: None.shape],
    ids=["module-not-found", "none-attribute"],
)
@pytest.mark.parametrize(
    "template",
    [
        "**{line}**\nany idea?",
        "运行时出现{line}请问怎么办",
        # c6-deviloc-2 (round 6, tuning half): inline code, then more inline code after it.
        "I encountered a `{line}` error when running `train.py` using Python.",
    ],
)
def test_pythons_own_error_quoted_in_prose_stays_unknown(action, template: str) -> None:
    # Read as the whole text, the paste's other words met a rule (a missing module read as a
    # checkpoint's unpickling); lifted, it is Python's own wording, which nothing reads.
    paste = template.format(line=exception_line(raised(action)))
    assert torchwhy.explain(paste, use_embedding=False).category == "unknown"


def test_a_traceback_between_single_backticks_ends_at_the_closing_one(tmp_path) -> None:
    # c6-people-flows-1 (round 6, tuning half): a tar archive that is not a checkpoint, the
    # traceback pasted between single backticks; the closing one was read as the message's.
    import io
    import tarfile

    archive = tmp_path / "model.pth.tar"
    with tarfile.open(archive, mode="w") as tar:
        readme = tarfile.TarInfo("readme.txt")
        readme.size = 5
        tar.addfile(readme, io.BytesIO(b"hello"))
    error = raised(lambda: torch.load(archive, weights_only=False))
    paste = "when i test here is an issue:\n\n`" + "".join(traceback.format_exception(error)) + "`"
    assert parse(paste).exceptions[-1].message == str(error)
    assert torchwhy.explain(paste, use_embedding=False).category == "checkpoint/unpickling"


def test_a_warning_printed_with_a_cpp_location_is_read_as_its_warning() -> None:
    # c6-transformer-xl-115 (round 6, tuning half): torch 1.4 printed ATen's warning with the
    # C++ file it came from, and the user asked how to solve "this error".
    from tests.realworld import load_round6

    case = next(c for c in load_round6() if c.id == "c6-transformer-xl-115-masked-fill-uint8-mask")
    warning = parse(case.text).exceptions[-1]
    assert warning.type == "UserWarning"
    assert warning.message.startswith("masked_fill_ received a mask with dtype torch.uint8")
    assert torchwhy.explain(case.text, use_embedding=False).category == "dtype/mask-not-bool"


def _compiled_with_failing_backend(failing_code: str) -> BaseException:
    """What torch.compile raises when its backend fails running `failing_code` (real Python
    raises the backend's error) while compiling a graph."""

    def failing_backend(graph_module, example_inputs):
        exec(failing_code, {})

    @torch.compile(backend=failing_backend)
    def double(x):
        return x * 2

    return raised(lambda: double(torch.randn(3)))


def test_a_compile_backends_own_error_is_read_inside_its_wrapper() -> None:
    # An inductor that imports from a triton release without that name: the backend's
    # ImportError is a version mismatch, whatever torch.compile's wrapper says around it.
    wrapper = _compiled_with_failing_backend("from torch._inductor import triton_key")
    assert type(wrapper).__name__ == "BackendCompilerFailed"
    pasted = "".join(traceback.format_exception_only(wrapper))  # the wrapper alone, no chain
    assert parse(pasted).exceptions[-1].message == "backend='failing_backend' raised:"
    for reading in (torchwhy.explain(wrapper), torchwhy.explain(pasted, use_embedding=False)):
        assert reading.category == "environment/version-mismatch"


def test_a_compile_backends_error_with_no_reading_of_its_own_stays_a_backend_failure() -> None:
    wrapper = _compiled_with_failing_backend("s4 + 1")  # a symbol the backend never defined
    pasted = "".join(traceback.format_exception_only(wrapper))
    assert torchwhy.explain(pasted, use_embedding=False).category == "compile/graph-break"
