"""Replay a failing op on small real stand-ins, so the user reads the real kernel's words.

Shape-only (meta) kernels word many errors differently from real ones ("a and b must have
same reduction dim" for "mat1 and mat2 shapes cannot be multiplied"). The op that failed
is re-run once on real tensors of the same shapes, strides and dtypes: zeros, or the real
values where the dry run has them. Only on the error path, and capped in size.
"""

from __future__ import annotations

from typing import Any

import torch
import torch.utils._pytree as pytree
from torch._subclasses.fake_tensor import unset_fake_temporarily

from torchwhy.dryrun import host_values, logical_device
from torchwhy.dryrun.session import passthrough

STANDIN_BYTES = 64 << 20  # above this a stand-in is one zero broadcast to the shape
# Messages a CPU stand-in raises that the real (GPU) run would not.
_STANDIN_ARTEFACTS = ("not implemented for", "written-to tensor", "unsupported operation")
REPLAYED = "_torchwhy_replayed"
ON_CUDA = "_torchwhy_on_cuda"
CUDA_INDEX_NOTE = (
    "torchwhy dryrun: on CUDA this index check runs inside the kernel and surfaces as "
    "'RuntimeError: CUDA error: device-side assert triggered', often at a later line "
    "(set CUDA_LAUNCH_BLOCKING=1 to see this one)."
)


def _standin(value: Any) -> Any:
    if not isinstance(value, torch.Tensor):
        return value
    real = host_values.real_value(value)
    if real is not None:
        return real.clone()
    device = "meta" if value.device.type == "meta" else "cpu"  # meta stays meta
    if device == "meta" or value.untyped_storage().nbytes() <= STANDIN_BYTES:
        standin = torch.empty_strided(value.shape, value.stride(), dtype=value.dtype, device=device)
        return standin if device == "meta" else standin.zero_()
    return torch.zeros((), dtype=value.dtype).expand(value.shape)


def raise_real_error(func: Any, args: tuple, kwargs: dict) -> None:
    """Raise what the real kernel raises for these arguments; return if it raises nothing
    (or only a stand-in artefact): the caller keeps its own error then."""
    on_cuda = any(
        logical_device.device_of(t).type == "cuda"
        for t in pytree.tree_leaves((args, kwargs))
        if isinstance(t, torch.Tensor)
    )
    with unset_fake_temporarily(), passthrough():
        real_args, real_kwargs = pytree.tree_map(_standin, (args, kwargs))
        try:
            func(*real_args, **real_kwargs)
        except Exception as real_error:
            if any(text in str(real_error) for text in _STANDIN_ARTEFACTS):
                return
            # Not a PEP 678 note: the exception must read exactly as a real run's.
            setattr(real_error, ON_CUDA, on_cuda)
            setattr(real_error, REPLAYED, True)
            raise real_error.with_traceback(None) from None
