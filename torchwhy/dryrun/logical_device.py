""" "cuda" as a logical device over fake CPU tensors.

On a CPU-only wheel, FakeTensorMode cannot train on a fake "cuda" device: `.cuda()` is
refused, a grad-enabled forward aborts the process and backward fails in the engine
(measured on torch 2.13+cpu; see the spike). So every tensor stays physically a fake CPU
tensor, which the CPU autograd engine handles, and carries its logical device as a tag
that `.device`, `.is_cuda` and the device check read.
"""

from __future__ import annotations

from typing import Any

import torch
import torch.utils._pytree as pytree
from torch._subclasses.fake_tensor import FakeTensor
from torch.overrides import TorchFunctionMode

from torchwhy.dryrun import host_values
from torchwhy.dryrun.patches import Patches
from torchwhy.dryrun.session import Session, current

CPU = torch.device("cpu")
Tensor = torch.Tensor
_DEVICE_TAG = "_tw_dev"

_FACTORIES = {
    torch.empty,
    torch.zeros,
    torch.ones,
    torch.full,
    torch.rand,
    torch.randn,
    torch.randint,
    torch.randperm,
    torch.arange,
    torch.linspace,
    torch.logspace,
    torch.eye,
    torch.tensor,
    torch.as_tensor,
    torch.scalar_tensor,
    torch.empty_strided,
    torch.normal,
}
_LIKE_FACTORIES = {
    torch.zeros_like,
    torch.ones_like,
    torch.empty_like,
    torch.full_like,
    torch.rand_like,
    torch.randn_like,
    torch.randint_like,
    Tensor.new_zeros,
    Tensor.new_ones,
    Tensor.new_empty,
    Tensor.new_full,
    Tensor.new_tensor,
}


# A model value is assumed finite: `isfinite(x)` reads True, `isnan(x)` False.
_FINITENESS = {
    torch.isfinite: True,
    Tensor.isfinite: True,
    torch.isnan: False,
    Tensor.isnan: False,
    torch.isinf: False,
    Tensor.isinf: False,
}


def device_of(tensor: Any) -> torch.device:
    return getattr(tensor, _DEVICE_TAG, None) or CPU


def tag(tensor: Any, device: torch.device) -> None:
    setattr(tensor, _DEVICE_TAG, device)


def is_tagged(tensor: Any) -> bool:
    return hasattr(tensor, _DEVICE_TAG)


def normalize(device: Any, gpus: int) -> torch.device:
    """`"cuda"`, `0`, `"cuda:1"` → a `cuda:N` that exists on the logical machine."""
    device = torch.device("cuda", device) if isinstance(device, int) else torch.device(device)
    if device.type != "cuda":
        return device
    device = torch.device("cuda", device.index or 0)
    if device.index >= gpus:
        raise RuntimeError(
            "CUDA error: invalid device ordinal\n"
            "CUDA kernel errors might be asynchronously reported at some other API call, so the "
            "stacktrace below might be incorrect."
        )
    return device


def common_device(tensors: list[Any]) -> torch.device | None:
    """PyTorch's rule for one op: every tensor on one device, except that 0-dim CPU tensors
    mix with any device. Untagged tensors (made inside C++ composites) are wildcards."""
    common: torch.device | None = None
    common_is_cpu_scalar = False
    for tensor in tensors:
        device = getattr(tensor, _DEVICE_TAG, None)
        if device is None:
            continue
        cpu_scalar = device.type == "cpu" and tensor.dim() == 0
        if common is None or (common_is_cpu_scalar and device != common):
            common, common_is_cpu_scalar = device, cpu_scalar
        elif device != common and not cpu_scalar:
            error = RuntimeError(
                "Expected all tensors to be on the same device, but found at least two devices, "
                f"{common} and {device}!"
            )
            error._torchwhy_replayed = True  # type: ignore[attr-defined] # PyTorch's wording
            raise error
    return common


def at_user_level(session: Session | None) -> bool:
    """True when user code (not a kernel, not our bookkeeping) is looking at a tensor."""
    if session is None or session.passthrough or session.mode is None:
        return False
    return session.mode.depth == 0 and not session.mode.in_kernel_invocation


class LogicalDeviceMode(TorchFunctionMode):
    """Moves between devices retag instead of copying; factories tag their output; numpy,
    tolist and format read real values where the tensor has them, else log an assumption."""

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = dict(kwargs or {})
        session = current()
        if not at_user_level(session):
            return func(*args, **kwargs)
        if func is Tensor.get_device:
            device = device_of(args[0])
            return device.index if device.type == "cuda" else -1
        if func in (Tensor.to, Tensor.cuda, Tensor.cpu):
            return self._move(session, func, args, kwargs)
        if func is Tensor.pin_memory:
            return args[0]
        if func in (Tensor.numpy, Tensor.tolist, Tensor.__format__):
            return host_values.read(session, func, args)
        if func in _FACTORIES or func in _LIKE_FACTORIES:
            return self._factory(session, func, args, kwargs)
        if func in _FINITENESS:  # composite ops: the dispatch layer sees only their parts
            out = func(*args, **kwargs)
            host_values.set_hint(out, _FINITENESS[func])
            return out
        if _wants_cuda(kwargs.get("device")):
            kwargs["device"] = None  # e.g. torch.arange(..., device="cuda") inside a library
        return func(*args, **kwargs)

    def _factory(self, session: Session, func: Any, args: tuple, kwargs: dict) -> Any:
        wanted = kwargs.get("device")
        foreign = wanted is not None and not isinstance(wanted, int)
        if foreign and torch.device(wanted).type not in ("cuda", "cpu"):
            return func(*args, **kwargs)  # meta and friends are not ours
        kwargs.pop("device", None)
        if wanted is not None:
            device = normalize(wanted, session.options.gpus)
        elif func in _LIKE_FACTORIES:
            device = device_of(args[0])
        else:
            default = torch.get_default_device()
            device = normalize(default, session.options.gpus) if default is not None else CPU
        out = func(*args, **kwargs)
        for tensor in pytree.tree_leaves(out):
            if isinstance(tensor, Tensor):
                tag(tensor, device)
        return out

    def _move(self, session: Session, func: Any, args: tuple, kwargs: dict) -> Any:
        tensor, rest = args[0], args[1:]
        gpus = session.options.gpus
        moved = tensor
        if func is Tensor.cpu:
            target = CPU
        elif func is Tensor.cuda:
            wanted = rest[0] if rest else kwargs.get("device")
            target = normalize(wanted if wanted is not None else "cuda", gpus)
        elif rest and isinstance(rest[0], Tensor):  # t.to(other)
            target = device_of(rest[0])
            moved = tensor.to(rest[0].dtype, copy=bool(kwargs.get("copy", False)))
        else:
            copy = bool(kwargs.pop("copy", False))
            device, dtype, _non_blocking, memory_format = torch._C._nn._parse_to(*rest, **kwargs)
            if device is not None and device.type not in ("cpu", "cuda"):
                return func(*args, copy=copy, **kwargs)  # meta behaves as it does for real
            target = normalize(device, gpus) if device is not None else device_of(tensor)
            options: dict[str, Any] = {"copy": copy}
            if memory_format is not None:
                options["memory_format"] = memory_format
            if dtype is not None or copy or memory_format is not None:
                moved = tensor.to(dtype, **options) if dtype is not None else tensor.to(**options)
        if target != device_of(tensor) and moved is tensor:
            moved = tensor.clone()  # a real move makes a new tensor; autograd sees a copy
        if moved is not tensor:
            tag(moved, target)
        return moved


def _wants_cuda(device: Any) -> bool:
    if device is None or isinstance(device, int):
        return False
    try:
        return torch.device(device).type == "cuda"
    except (RuntimeError, TypeError):
        return False


def install(patches: Patches) -> None:
    """`.device`, `.is_cuda`, `.is_cpu` of a fake tensor answer with its logical device when
    user code asks, and with its physical one inside kernels."""
    physical = FakeTensor.__dict__["device"].fget

    def device(self: FakeTensor) -> torch.device:
        return device_of(self) if at_user_level(current()) else physical(self)

    patches.set(FakeTensor, "device", property(device))
    patches.set(FakeTensor, "is_cuda", property(lambda self: device(self).type == "cuda"))
    patches.set(FakeTensor, "is_cpu", property(lambda self: device(self).type == "cpu"))
