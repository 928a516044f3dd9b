"""`torch.cuda` as a script sees it on the logical GPU: available, named, sized; the calls a
training script makes (seeding, synchronising, memory stats, events) answer sensibly."""

from __future__ import annotations

import contextlib
import types
from collections.abc import Callable
from typing import Any

import torch

from torchwhy.dryrun.patches import Patches
from torchwhy.dryrun.session import DryRunOptions, Session


def _noop(*_args: Any, **_kwargs: Any) -> None:
    return None


class _Event:
    """Timing events record nothing; elapsed time is 0 (the dry run says nothing on speed)."""

    def __init__(self, *_args: Any, **_kwargs: Any) -> None:
        pass

    record = wait = synchronize = _noop

    def query(self) -> bool:
        return True

    def elapsed_time(self, _other: Any) -> float:
        return 0.0


class _Stream(_Event):
    wait_stream = wait_event = _noop

    def __enter__(self) -> _Stream:
        return self

    def __exit__(self, *_exc: Any) -> None:
        return None


def install(
    patches: Patches, session: Session, options: DryRunOptions, allocated: Callable[[], int]
) -> None:
    """`allocated()` is the dry run's running memory estimate in bytes."""
    total = int(options.gpu_memory_gb * 2**30)
    properties = types.SimpleNamespace(
        name=options.gpu_name,
        total_memory=total,
        major=9,
        minor=0,
        multi_processor_count=132,
        is_integrated=False,
        is_multi_gpu_board=False,
        gcnArchName="",
    )
    cuda = torch.cuda
    answers: dict[str, Any] = {
        "is_available": lambda: True,
        "device_count": lambda: options.gpus,
        "current_device": lambda: 0,
        "is_initialized": lambda: True,
        "get_device_name": lambda *_: options.gpu_name,
        "get_device_capability": lambda *_: (9, 0),
        "get_device_properties": lambda *_: properties,
        "is_bf16_supported": lambda *_, **__: True,
        "mem_get_info": lambda *_: (max(total - allocated(), 0), total),
        "memory_allocated": lambda *_: allocated(),
        "max_memory_allocated": lambda *_: allocated(),
        "memory_reserved": lambda *_: allocated(),
        "max_memory_reserved": lambda *_: allocated(),
        "Event": _Event,
        "Stream": _Stream,
        "current_stream": lambda *_, **__: _Stream(),
        "default_stream": lambda *_, **__: _Stream(),
        "stream": lambda *_, **__: contextlib.nullcontext(),
    }
    for name in (
        "set_device",
        "synchronize",
        "empty_cache",
        "init",
        "manual_seed",
        "manual_seed_all",
        "seed",
        "reset_peak_memory_stats",
        "ipc_collect",
        "reset_max_memory_allocated",
    ):
        answers[name] = _noop
    for name, value in answers.items():
        patches.set(cuda, name, value)
    _map_autocast(patches, session)


def _map_autocast(patches: Patches, session: Session) -> None:
    """`autocast("cuda")` runs as CPU autocast with CUDA's default dtype (float16).

    An approximation: CUDA's float32 op list differs from CPU's (softmax stays float32 on
    CUDA). The report says so when the script used it.
    """
    autocast = torch.amp.autocast_mode.autocast
    original = autocast.__init__

    def init(
        self: Any,
        device_type: str,
        dtype: Any = None,
        enabled: bool = True,
        cache_enabled: Any = None,
    ) -> None:
        if device_type == "cuda":
            device_type, dtype = "cpu", dtype or torch.float16
            if enabled:
                session.note(
                    f"autocast('cuda') ran as CPU autocast with {str(dtype)[6:]}: CUDA's float32 "
                    "op list differs (softmax stays float32 on CUDA)"
                )
        original(self, device_type, dtype=dtype, enabled=enabled, cache_enabled=cache_enabled)

    patches.set(autocast, "__init__", init)
