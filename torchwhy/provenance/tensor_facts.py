"""TensorFacts from a live tensor: metadata always, statistics only when cheap and safe."""

from __future__ import annotations

import contextlib
from typing import Any

from torchwhy.diagnosis import TensorFacts
from torchwhy.dtypes import FLOAT_DTYPES, INTEGER_DTYPES
from torchwhy.provenance.safe_access import is_instance

# Above this many elements no statistic is computed: a crash report must stay instant.
STATS_ELEMENT_CAP = 1_000_000


def is_tensor(value: Any, torch: Any) -> bool:
    return is_instance(value, torch.Tensor)


def dtype_name(dtype: Any) -> str | None:
    text = str(dtype)
    return text.removeprefix("torch.") if text.startswith("torch.") else None


_TYPE_NAME = type.__dict__["__name__"]


def _base_attribute(tensor: Any, torch: Any, name: str) -> Any:
    """`tensor.name` through torch's C descriptor on `TensorBase`: a subclass's Python
    property of the same name (a spoofed `shape`) is never called."""
    base = getattr(torch._C, "TensorBase", None) or torch._C._TensorBase
    return base.__dict__[name].__get__(tensor, type(tensor))


def is_inference_tensor(tensor: Any, torch: Any) -> bool:
    """Whether the tensor was made under `torch.inference_mode()` (torch's C method, read
    as `tensor_facts` reads attributes: no subclass code runs)."""
    disable = getattr(torch._C, "DisableTorchFunctionSubclass", None)
    guard = disable() if disable is not None else contextlib.nullcontext()
    try:
        with guard:
            return bool(_base_attribute(tensor, torch, "is_inference")())
    except Exception:
        return False


def tensor_facts(tensor: Any, torch: Any) -> TensorFacts | None:
    """Shape, dtype, device, autograd state; min/max or NaN/inf counts for small CPU tensors.

    Every attribute is read through torch's C descriptors, never a subclass's properties;
    subclasses may also define `__torch_function__`, which torch consults even for
    `.shape`: reading under `DisableTorchFunctionSubclass` keeps their Python code out.
    """
    disable = getattr(torch._C, "DisableTorchFunctionSubclass", None)
    guard = disable() if disable is not None else contextlib.nullcontext()
    try:
        with guard:
            shape = tuple(int(size) for size in _base_attribute(tensor, torch, "shape"))
            dtype = dtype_name(_base_attribute(tensor, torch, "dtype"))
            device = str(_base_attribute(tensor, torch, "device"))
            requires_grad = bool(_base_attribute(tensor, torch, "requires_grad"))
            is_leaf = bool(_base_attribute(tensor, torch, "is_leaf"))
            grad_fn = _base_attribute(tensor, torch, "grad_fn")
            grad_fn_name = _TYPE_NAME.__get__(type(grad_fn)) if grad_fn is not None else None
    except Exception:
        return None
    facts: dict[str, Any] = {}
    if _stats_allowed(tensor, torch, shape, dtype, device):
        facts = _statistics(tensor, torch, dtype)
    return TensorFacts(
        shape=shape,
        dtype=dtype,
        device=device,
        requires_grad=requires_grad,
        is_leaf=is_leaf,
        grad_fn=grad_fn_name,
        **facts,
    )


def _stats_allowed(
    tensor: Any, torch: Any, shape: tuple[int, ...], dtype: str | None, device: str
) -> bool:
    # Only plain tensors: fake, meta, functional, batched (vmap) and user subclasses
    # either have no data or would run Python code on a reduction.
    # By identity: `in` would call `==` on the tensor's type, a metaclass's `__eq__`.
    exact = type(tensor) is torch.Tensor or type(tensor) is torch.nn.Parameter
    if not exact or device != "cpu":
        return False
    if dtype not in INTEGER_DTYPES and dtype not in FLOAT_DTYPES:
        return False
    numel = 1
    for size in shape:
        numel *= size
    if numel == 0 or numel > STATS_ELEMENT_CAP:
        return False
    try:
        if tensor.layout is not torch.strided or tensor.is_meta:
            return False
        functorch = getattr(torch._C, "_functorch", None)
        if functorch is not None and (
            functorch.is_batchedtensor(tensor) or functorch.is_gradtrackingtensor(tensor)
        ):
            return False
    except Exception:
        return False
    return True


def _statistics(tensor: Any, torch: Any, dtype: str | None) -> dict[str, Any]:
    try:
        with torch.no_grad():
            if dtype in INTEGER_DTYPES:
                return {"min": float(tensor.min()), "max": float(tensor.max())}
            return {
                "nan_count": int(torch.isnan(tensor).sum()),
                "inf_count": int(torch.isinf(tensor).sum()),
            }
    except Exception:
        return {}
