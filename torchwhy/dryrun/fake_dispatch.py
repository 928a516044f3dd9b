"""The dispatch layer: every aten op of the dry run runs on fake tensors here.

On top of FakeTensorMode: the logical-device check, exact values for data-derived tensors
("shadow" execution of ops whose inputs are all real and small), plausible answers for
host reads of model values, upper bounds for data-dependent output sizes, index-range
checks that learn constraints for the data scan, and a replay of failing ops for the real
error wording.
"""

from __future__ import annotations

from typing import Any

import torch
import torch.utils._pytree as pytree
from torch._subclasses.fake_tensor import (
    DataDependentOutputException,
    DynamicOutputShapeException,
    FakeTensor,
    FakeTensorMode,
    UnsupportedOperatorException,
    unset_fake_temporarily,
)

from torchwhy.dryrun import host_values, logical_device, replay
from torchwhy.dryrun.session import Constraint, current, passthrough

aten = torch.ops.aten
SHADOW_ELEMENTS = 1 << 24  # data-derived ops run for real up to this many output elements
SHADOW_FACTORY_ELEMENTS = 1 << 20  # constants made from nothing (zeros, arange) up to this
SOURCE = "_tw_src"  # (loader, loader name, field path, leaf index) of a batch tensor

_DYNAMIC = {
    aten.nonzero.default,
    aten.masked_select.default,
    aten._unique2.default,
    aten.unique_dim.default,
    aten.repeat_interleave.Tensor,
}
_NEVER_SHADOW = {aten.empty.memory_format, aten.empty_strided.default, aten.empty_like.default}
# Ops PyTorch lets cross devices: copies, CPU indices into a GPU tensor, fused foreach/AMP.
_CROSS_DEVICE = {
    aten.copy_.default,
    aten._to_copy.default,
    aten.index.Tensor,
    aten.index_put_.default,
    aten._index_put_impl_.default,
    aten.detach.default,
    aten.lift_fresh.default,
    aten.set_.source_Tensor,
    aten._has_compatible_shallow_copy_type.default,
}
# Ops that take CPU lengths or batch sizes beside GPU data, and which of their outputs stay
# on the CPU (packed sequences keep `batch_sizes` and `lengths` on the host).
_HOST_LENGTHS = {
    aten._pack_padded_sequence.default: (1,),
    aten._pad_packed_sequence.default: (1,),
    aten.lstm.data: (),
    aten.gru.data: (),
    aten.rnn_tanh.data: (),
    aten.rnn_relu.data: (),
    aten.ctc_loss.IntList: (),
    aten.ctc_loss.Tensor: (),
    aten._ctc_loss.default: (),
    aten._ctc_loss.Tensor: (),
}
# Ops whose output holds the input's values, so a batch field keeps its name through them.
_VALUE_KEEPING = {
    "clone",
    "_to_copy",
    "view",
    "reshape",
    "_unsafe_view",
    "squeeze",
    "unsqueeze",
    "flatten",
    "contiguous",
    "alias",
    "detach",
    "t",
    "transpose",
    "permute",
    "expand",
    "lift_fresh_copy",
    "select",
    "slice",
}


class DryRunLimit(Exception):
    """The dry run cannot go on (an op with no shape-only kernel, a CUDA-only extension):
    a limit of the tool, never the user's bug."""


class DryRunMode(FakeTensorMode):
    def __init__(self) -> None:
        super().__init__(allow_non_fake_inputs=True)
        self.depth = 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        session = current()
        if session is None:
            return super().__torch_dispatch__(func, types, args, kwargs)
        if func is aten._local_scalar_dense.default:
            return host_values.scalar(session, args[0])
        tensors = [t for t in pytree.tree_leaves((args, kwargs)) if isinstance(t, torch.Tensor)]
        device = self._device(func, tensors) if not session.passthrough else None
        if self.depth == 0 and not session.passthrough:
            self._check_index_ranges(func, args, kwargs)
        if func in _DYNAMIC and _all_real(tensors):
            return self._run_for_real(func, args, kwargs, device)
        self.depth += 1
        try:
            try:
                out = super().__torch_dispatch__(func, types, args, kwargs)
            except DynamicOutputShapeException:
                out = self._packed_sequence(func, args)
                if out is None:
                    out = self._upper_bound(func, args)
        except UnsupportedOperatorException as error:
            raise DryRunLimit(
                f"the op {func} has no shape-only (fake) kernel, so the dry run cannot run it; "
                "a custom op needs `torch.library.register_fake`"
            ) from error
        except DataDependentOutputException:
            raise
        except Exception as error:
            if "fake impl" in str(error) or "fake kernel" in str(error):
                raise DryRunLimit(str(error)) from error
            if self.depth == 1 and not session.passthrough:
                replay.raise_real_error(func, args, kwargs)
            raise
        finally:
            self.depth -= 1
        self._annotate(func, (args, kwargs), tensors, out, device)
        return out

    # -- devices ------------------------------------------------------------------------
    def _device(self, func: Any, tensors: list[Any]) -> torch.device | None:
        name = func.name()
        if func in _CROSS_DEVICE or name.startswith("aten::_foreach") or "_amp_" in name:
            tagged = [logical_device.device_of(t) for t in tensors if logical_device.is_tagged(t)]
            return tagged[0] if tagged else None
        if func in _HOST_LENGTHS:
            devices = [logical_device.device_of(t) for t in tensors if logical_device.is_tagged(t)]
            return next((d for d in devices if d.type != "cpu"), logical_device.CPU)
        if self.depth > 0:  # inside a composite: the top-level op was checked
            return None
        return logical_device.common_device(tensors)

    # -- values -------------------------------------------------------------------------
    def _run_for_real(self, func: Any, args: tuple, kwargs: dict, device: Any) -> Any:
        with unset_fake_temporarily(), passthrough():
            real_out = func(*_reals(args), **_reals(kwargs))
            out = pytree.tree_map(
                lambda r: self.from_tensor(r) if isinstance(r, torch.Tensor) else r, real_out
            )
        for fake, real in zip(pytree.tree_leaves(out), pytree.tree_leaves(real_out), strict=False):
            if isinstance(fake, FakeTensor):
                host_values.set_real(fake, real)
                logical_device.tag(fake, device or logical_device.CPU)
        return out

    def _packed_sequence(self, func: Any, args: tuple) -> Any:
        """Packing and unpacking sequences: sizes come from the lengths, which are data (on the
        host, by PyTorch's rule); exact when the dry run knows them."""
        if func not in (aten._pack_padded_sequence.default, aten._pad_packed_sequence.default):
            return None
        sizes = host_values.real_value(args[1])
        if sizes is None:
            return None
        with unset_fake_temporarily():
            if func is aten._pack_padded_sequence.default:
                source, batch_first = args[0], args[2]
                lengths = sizes.to(torch.long)
                steps = int(lengths.max())
                batch_sizes = torch.stack([(lengths > t).sum() for t in range(steps)])
                rows = int(lengths.sum())
                data = torch.empty((rows, *source.shape[2:]), dtype=source.dtype, device="meta")
            else:
                source, batch_first, total_length = args[0], args[2], args[4]
                batch_sizes = sizes
                batch, steps = int(sizes[0]), max(int(sizes.shape[0]), int(total_length))
                shape = (batch, steps) if batch_first else (steps, batch)
                data = torch.empty((*shape, *source.shape[1:]), dtype=source.dtype, device="meta")
                lengths_out = torch.tensor(
                    [int((sizes > b).sum()) for b in range(batch)], dtype=torch.long
                )
        fake_data = FakeTensor(self, data, torch.device("cpu"))
        if func is aten._pack_padded_sequence.default:
            second = self.from_tensor(batch_sizes)
            host_values.set_real(second, batch_sizes)
        else:
            second = self.from_tensor(lengths_out)
            host_values.set_real(second, lengths_out)
        return fake_data, second

    def _upper_bound(self, func: Any, args: tuple) -> Any:
        """A data-dependent size from model values: the largest it can be, recorded."""
        source = args[0]
        n = source.numel()
        session = current()
        if session is not None:
            session.assume(f"data-dependent size of {func.name()} on a model value", n)

        def empty(shape: tuple[int, ...], dtype: torch.dtype) -> FakeTensor:
            return FakeTensor(
                self, torch.empty(shape, dtype=dtype, device="meta"), torch.device("cpu")
            )

        if func is aten.nonzero.default:
            return empty((n, source.dim()), torch.long)
        if func is aten.masked_select.default:
            return empty((n,), source.dtype)
        if func in (aten._unique2.default, aten.unique_dim.default):
            return (
                empty((n,), source.dtype),
                empty(tuple(source.shape), torch.long),
                empty((n,), torch.long),
            )
        raise DynamicOutputShapeException(func)

    def _annotate(
        self, func: Any, args_kwargs: tuple, tensors: list[Any], out: Any, device: Any
    ) -> None:
        outs = [o for o in pytree.tree_leaves(out) if isinstance(o, FakeTensor)]
        if device is not None:
            host_outputs = _HOST_LENGTHS.get(func, ())
            for index, o in enumerate(outs):
                if o.fake_device.type == "cpu":  # a meta tensor stays meta
                    logical_device.tag(o, logical_device.CPU if index in host_outputs else device)
        short = func.name().split("::")[-1].split(".")[0]
        if len(tensors) == 1 and short in _VALUE_KEEPING:
            source = getattr(tensors[0], SOURCE, None)
            if source is not None:
                for o in outs:
                    setattr(o, SOURCE, source)
        _propagate_hints(short, tensors, outs)
        self._shadow(func, args_kwargs, tensors, out, outs)

    def _shadow(
        self, func: Any, args_kwargs: tuple, tensors: list[Any], out: Any, outs: list[Any]
    ) -> None:
        """Run the op for real when every input is real: masks, lengths and label counts
        made from data stay exact. Anything else loses its real value."""
        cap = SHADOW_ELEMENTS if tensors else SHADOW_FACTORY_ELEMENTS
        if (
            not _all_real(tensors)
            or func in _NEVER_SHADOW
            # Random data made from nothing (labels, inputs) is data; dropout or an in-place
            # init of a weight is the model's.
            or (tensors and torch.Tag.nondeterministic_seeded in func.tags)
            or any(o.numel() > cap for o in outs)
        ):
            if "_amp_foreach_non_finite" not in func.name():  # GradScaler's found_inf stays 0
                for written in _written_args(func, args_kwargs[0]):
                    host_values.set_real(written, None)
            return
        try:
            with unset_fake_temporarily(), passthrough():
                real_out = func(*_reals(args_kwargs[0]), **_reals(args_kwargs[1]))
        except Exception:
            return
        for fake, real in zip(pytree.tree_leaves(out), pytree.tree_leaves(real_out), strict=False):
            same_shape = isinstance(real, torch.Tensor) and fake.shape == real.shape
            if isinstance(fake, FakeTensor) and same_shape:
                host_values.set_real(fake, real)

    # -- checks shape-only kernels skip ----------------------------------------------------
    def _check_index_ranges(self, func: Any, args: tuple, kwargs: dict) -> None:
        """Index values and dtype agreement, which meta kernels do not check: when they are
        wrong the op is replayed for real, so the real error is raised."""
        if _bad_indices(func, args) or _mixed_dtypes(func, args):
            replay.raise_real_error(func, args, kwargs)
        if func is aten.embedding.default:
            weight, indices = args[0], args[1]
            self._learn(indices, "nn.Embedding index", weight.shape[0], None)
            if _out_of_range(indices, weight.shape[0], None):
                replay.raise_real_error(func, args, kwargs)
        elif func in (aten.nll_loss_forward.default, aten.nll_loss2d_forward.default):
            scores, target = args[0], args[1]
            if target.dtype.is_floating_point:
                return
            ignore = args[4] if len(args) > 4 else kwargs.get("ignore_index", -100)
            classes = scores.shape[1] if scores.dim() > 1 else scores.shape[0]
            self._learn(target, "class index (CrossEntropy/NLL target)", classes, ignore)
            if _out_of_range(target, classes, ignore):
                replay.raise_real_error(func, args, kwargs)

    def _learn(self, tensor: Any, used_as: str, bound: int, ignore: int | None) -> None:
        source = getattr(tensor, SOURCE, None)
        session = current()
        if source is None or session is None:
            return
        loader, loader_name, field_path, leaf_index = source
        for known in session.constraints:
            if known.loader is loader and known.leaf_index == leaf_index:
                return
        session.constraints.append(
            Constraint(loader, loader_name, field_path, leaf_index, used_as, int(bound), ignore)
        )


def _propagate_hints(short: str, tensors: list[Any], outs: list[Any]) -> None:
    """`isfinite(x)` is assumed True, `isnan(x)` False, through any/all/not/and/or."""
    value: bool | None = None
    if short in ("isnan", "isinf", "isneginf", "isposinf"):
        value = False
    elif short == "isfinite":
        value = True
    elif (
        short in ("any", "all", "logical_or", "logical_and", "bitwise_or", "bitwise_and")
        and tensors
    ):
        hints = [host_values.hint(t) for t in tensors]
        if all(h is not None for h in hints):
            value = any(hints) if short in ("any", "logical_or", "bitwise_or") else all(hints)
    elif short in ("logical_not", "bitwise_not") and tensors:
        known = host_values.hint(tensors[0])
        value = None if known is None else not known
    if value is not None:
        for o in outs:
            host_values.set_hint(o, value)


def _all_real(tensors: list[Any]) -> bool:
    return all(host_values.real_value(t) is not None for t in tensors)


def _reals(tree: Any) -> Any:
    return pytree.tree_map(
        lambda x: host_values.real_value(x) if isinstance(x, torch.Tensor) else x, tree
    )


def _written_args(func: Any, args: tuple) -> list[Any]:
    return [
        arg
        for arg, schema in zip(args, func._schema.arguments, strict=False)
        if isinstance(arg, torch.Tensor) and schema.is_write
    ]


def _out_of_range(tensor: Any, bound: int, ignore: int | None) -> bool:
    real = host_values.real_value(tensor)
    if real is None or real.numel() == 0:
        return False
    with unset_fake_temporarily():
        bad = (real < 0) | (real >= bound)
        if ignore is not None:
            bad &= real != ignore
        return bool(bad.any())


# Ops whose meta kernels skip the dtype agreement the real kernels check.
_SAME_DTYPE_OPERANDS = {
    aten.mm.default,
    aten.addmm.default,
    aten.bmm.default,
    aten.baddbmm.default,
    aten.mv.default,
    aten.addmv.default,
    aten.dot.default,
    aten.linear.default,
    aten.matmul.default,
    aten.convolution.default,
    aten.conv1d.default,
    aten.conv2d.default,
    aten.conv3d.default,
    aten.index_put_.default,
    aten.index_put.default,
    aten._index_put_impl_.default,
}


def _mixed_dtypes(func: Any, args: tuple) -> bool:
    if func not in _SAME_DTYPE_OPERANDS:
        return False
    dtypes = {
        t.dtype
        for t in pytree.tree_leaves(args)
        if isinstance(t, torch.Tensor) and (t.dtype.is_floating_point or t.dtype.is_complex)
    }
    return len(dtypes) > 1


def _bad_indices(func: Any, args: tuple) -> bool:
    """Real index values outside the indexed dimension, for the indexing ops."""
    if func in (
        aten.index.Tensor,
        aten.index_put_.default,
        aten.index_put.default,
        aten._index_put_impl_.default,
    ):
        source, indices = args[0], args[1]
        for dim, index in enumerate(indices):
            integer = index is not None and not index.dtype.is_floating_point
            checkable = integer and index.dtype != torch.bool and dim < source.dim()
            if checkable and _outside(index, source.shape[dim], negative_ok=True):
                return True
        return False
    if func in (
        aten.index_select.default,
        aten.gather.default,
        aten.scatter.src,
        aten.scatter.value,
        aten.scatter_add.default,
        aten.scatter_.src,
        aten.scatter_add_.default,
    ):
        source, dim, index = args[0], args[1], args[2]
        size = source.shape[dim] if source.dim() else 1
        return _outside(index, size, negative_ok=False)
    return False


def _outside(index: Any, size: int, *, negative_ok: bool) -> bool:
    real = host_values.real_value(index)
    if real is None or real.numel() == 0:
        return False
    with unset_fake_temporarily():
        low = -size if negative_ok else 0
        return bool(((real < low) | (real >= size)).any())
