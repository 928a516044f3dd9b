"""What the script's exception means: a crash a real run has too (the user's bug), or a
limit of the dry run; and the crash as a person reads it (frames of torchwhy removed, the
user's line, when a real run would get there)."""

from __future__ import annotations

import os
import traceback
from types import TracebackType
from typing import Any

from torchwhy.cells import cell_name
from torchwhy.dryrun.fake_dispatch import DryRunLimit
from torchwhy.dryrun.replay import REPLAYED
from torchwhy.dryrun.report import Crash
from torchwhy.dryrun.session import is_user_file

_TORCHWHY = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
# Packages that only build or import with CUDA: the dry run cannot stand in for them.
CUDA_ONLY_PACKAGES = ("flash_attn", "apex", "bitsandbytes", "xformers", "triton", "deepspeed")
# Errors of fake tensors themselves: the dry run met something it cannot model.
_TOOL_LIMIT_TEXT = (
    "DataDependentOutputException",
    "DynamicOutputShapeException",
    "not linked with support for cuda",
    "Cannot access accelerator device",
    "Torch not compiled with CUDA enabled",
    "Cannot copy out of meta tensor",
    # C++ code reading a fake tensor's data (packed-sequence RNNs read batch_sizes so)
    "its data is not allocated yet",
    "Cannot access data pointer of Tensor",
)


def strip_our_frames(raised: BaseException) -> None:
    """Drop torchwhy's frames (the dispatch layers sit between the user's line and torch):
    the traceback reads as a real run's."""
    frames: list[TracebackType] = []
    tb = raised.__traceback__
    while tb is not None:
        if not tb.tb_frame.f_code.co_filename.startswith(_TORCHWHY) and not _is_runpy(tb):
            frames.append(tb)
        tb = tb.tb_next
    if not frames:
        return
    for current, following in zip(frames, [*frames[1:], None], strict=True):
        current.tb_next = following
    raised.__traceback__ = frames[0]


def _is_runpy(tb: TracebackType) -> bool:
    return tb.tb_frame.f_globals.get("__name__") == "runpy"


def tool_limit(raised: BaseException) -> str | None:
    """Why this exception is the tool's limit rather than the user's bug, or None."""
    chain: list[BaseException] = []
    seen: BaseException | None = raised
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    for error in chain:
        if isinstance(error, DryRunLimit):
            return str(error)
    if isinstance(raised, ImportError) and any(
        (raised.name or "").split(".")[0] == package for package in CUDA_ONLY_PACKAGES
    ):
        return f"the CUDA-only package {raised.name!r} cannot be imported on this machine"
    text = f"{type(raised).__name__}: {raised}"
    for marker in _TOOL_LIMIT_TEXT:
        if marker in text:
            return f"fake tensors cannot model this: {text.splitlines()[0][:300]}"
    if not getattr(raised, REPLAYED, False) and _raised_in_torchwhy(raised):
        return f"internal error of the dry run: {text.splitlines()[0][:300]}"
    return None


def _raised_in_torchwhy(raised: BaseException) -> bool:
    tb = raised.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    return last is not None and last.tb_frame.f_code.co_filename.startswith(_TORCHWHY)


def describe_crash(raised: BaseException, progress: Any) -> Crash:
    frames = traceback.extract_tb(raised.__traceback__)
    user = next((f for f in reversed(frames) if is_user_file(f.filename)), None)
    message = str(raised)
    gpu_only = "same device" in message and "cuda" in message
    return Crash(
        exception_type=type(raised).__name__,
        message=message,
        file=user.filename if user else None,
        line=user.lineno if user else None,
        code=(user.line or "").strip() if user else None,
        when=progress.when_real_run_reaches(gpu_only),
        traceback="".join(traceback.format_exception(raised)),
        cell=cell_name(user.filename) if user else None,
    )
