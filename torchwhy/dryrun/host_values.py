"""Values that leave the tensor world: `.item()`, `bool()`, `.numpy()`, `.tolist()`, f-strings.

Data-derived tensors carry their real values (from the DataLoader or from ops run for real
on them), so what a real run reads there is read exactly. A value computed by the model
has no value in a dry run: it gets a plausible one (finite, 1, True, a grad norm of 1.0)
and the choice is recorded with the user's file:line, never hidden.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from torch._subclasses.fake_tensor import FakeTensor, unset_fake_temporarily

from torchwhy.dryrun.session import Session

_REAL = "_tw_real"
_HINT = "_tw_hint"
Tensor = torch.Tensor


def real_value(tensor: Any) -> torch.Tensor | None:
    """The real tensor behind a fake one, when the dry run knows it (a real tensor: itself)."""
    if not isinstance(tensor, FakeTensor):
        return tensor
    value = getattr(tensor, _REAL, None)
    if value is None:
        value = getattr(tensor, "constant", None)  # FakeTensorMode's own small literals
    return value


def set_real(tensor: Any, value: torch.Tensor | None) -> None:
    setattr(tensor, _REAL, value)


def set_hint(tensor: Any, value: bool) -> None:
    setattr(tensor, _HINT, value)


def hint(tensor: Any) -> bool | None:
    return getattr(tensor, _HINT, None)


def scalar(session: Session, tensor: Any) -> bool | int | float:
    """`.item()` of a tensor: exact when data-derived, else a recorded plausible value."""
    real = real_value(tensor)
    if real is not None:
        with unset_fake_temporarily():
            return real.item()
    known = hint(tensor)
    if tensor.dtype == torch.bool:
        value: bool | int | float = True if known is None else bool(known)
    elif tensor.dtype.is_floating_point or tensor.dtype.is_complex:
        value = 1.0 if known is None else float(known)
    else:
        value = 1 if known is None else int(known)
    source = "a finiteness check" if known is not None else "a value computed by the model"
    session.assume(f"{source} read on the host ({_describe(tensor)})", value)
    return value


def read(session: Session, func: Any, args: tuple) -> Any:
    """`Tensor.numpy`, `Tensor.tolist`, `Tensor.__format__` with PyTorch's own refusals."""
    tensor = args[0]
    if func is Tensor.__format__:
        spec = args[1] if len(args) > 1 else ""
        if tensor.dim() == 0:  # real torch formats a 0-dim tensor through .item()
            return format(tensor.item(), spec)
        return object.__format__(tensor, spec)
    if func is Tensor.numpy:
        if tensor.device.type != "cpu":
            raise TypeError(
                f"can't convert {tensor.device} device type tensor to numpy. Use Tensor.cpu() to "
                "copy the tensor to host memory first."
            )
        if tensor.requires_grad:
            raise RuntimeError(
                "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() "
                "instead."
            )
    real = real_value(tensor)
    if real is not None:
        with unset_fake_temporarily():
            return real.numpy() if func is Tensor.numpy else real.tolist()
    values = placeholder(tensor)
    session.assume(f"model output converted to host values ({_describe(tensor)})", "placeholders")
    return values if func is Tensor.numpy else values.tolist()


def placeholder(tensor: Any) -> np.ndarray:
    """Values for a model-computed array: both classes present (metrics need them), fixed seed."""
    rng = np.random.default_rng(0)
    shape = tuple(tensor.shape)
    if tensor.dtype == torch.bool:
        return rng.random(shape) < 0.5
    if tensor.dtype.is_floating_point:
        return rng.random(shape).astype(np.float32)
    return rng.integers(0, 2, shape)


def _describe(tensor: Any) -> str:
    return f"shape {tuple(tensor.shape)}, {str(tensor.dtype).removeprefix('torch.')}"
