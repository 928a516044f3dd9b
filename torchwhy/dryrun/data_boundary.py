"""The user's data is real: Dataset code and DataLoader fetching run outside fake mode, and
batches become fake tensors at the loader's boundary, keeping their real values (cheap:
data, not activations) and where they came from (loader, field) for the data scan.

Each DataLoader serves `batches` batches per epoch, the first and the last (the partial
batch a hard-coded batch size breaks on), for `epochs` epochs (counted apart with grad on
and under no_grad, so a loader also used for evaluation still reaches its second epoch);
iterating it once more ends the dry run, as the point of diminishing returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import torch
import torch.utils._pytree as pytree
from torch._subclasses.fake_tensor import FakeTensor, unset_fake_temporarily
from torch.utils.data import DataLoader, Dataset, IterableDataset

from torchwhy.dryrun import host_values, logical_device
from torchwhy.dryrun.fake_dispatch import SOURCE
from torchwhy.dryrun.patches import Patches
from torchwhy.dryrun.phases import LoaderPosition
from torchwhy.dryrun.session import Session, current, passthrough

REAL_VALUE_ELEMENTS = 1 << 26  # a batch tensor keeps its real values up to this size
_WRAPPED = "_tw_dryrun_wrapped"


class StopDryRun(BaseException):
    """Raised when a loader is asked for one epoch more than the dry run serves. A
    BaseException, so that the script's own `except Exception` does not swallow it."""


def loader_name(loader: DataLoader) -> str:
    dataset = loader.dataset
    kind = "Tensor" if isinstance(dataset, torch.Tensor) else type(dataset).__name__
    return f"DataLoader({kind}, batch_size={loader.batch_size})"


def to_fake(
    mode: Any,
    tree: Any,
    source: tuple[Any, str] | None = None,
    device: torch.device = logical_device.CPU,
    *,
    keep_values: bool = True,
) -> Any:
    """Real tensors → fake tensors on `device` that remember their values; with `source`
    (loader, name), each leaf also remembers its field for the data scan.

    Model state (weights, checkpoints) enters with `keep_values=False`: with real values,
    every op on it would run for real, which is the compute a dry run exists to avoid."""
    with passthrough():
        leaves, spec = pytree.tree_flatten_with_path(tree)
        converted = []
        for index, (path, leaf) in enumerate(leaves):
            if not isinstance(leaf, torch.Tensor):
                converted.append(leaf)
                continue
            fake = leaf
            if not isinstance(leaf, FakeTensor):
                fake = mode.from_tensor(leaf)
                if keep_values and leaf.numel() <= REAL_VALUE_ELEMENTS:
                    host_values.set_real(fake, leaf)
                if isinstance(leaf, torch.nn.Parameter):
                    fake = torch.nn.Parameter(fake, requires_grad=leaf.requires_grad)
                logical_device.tag(fake, device)
            elif not logical_device.is_tagged(fake):
                logical_device.tag(fake, device)
            if source is not None:
                setattr(fake, SOURCE, (source[0], source[1], pytree.keystr(path), index))
            converted.append(fake)
        return pytree.tree_unflatten(converted, spec)


def install(patches: Patches, session: Session) -> None:
    original_init = DataLoader.__init__
    original_iter = DataLoader.__iter__
    session.extra["original_loader_iter"] = original_iter
    # Epochs per (loader, grad mode): one loader can serve training and, under no_grad,
    # evaluation in the same epoch; each use gets its own dry-run epochs.
    loader_epochs: dict[tuple[int, bool], int] = {}

    def init(self: DataLoader, *args: Any, **kwargs: Any) -> None:
        workers = kwargs.get("num_workers", 0)
        if workers:
            session.note(
                f"DataLoader(num_workers={workers}) ran with num_workers=0: worker start-up, "
                "pickling and worker_init_fn were not exercised"
            )
        kwargs.update(num_workers=0, pin_memory=False, persistent_workers=False)
        kwargs.pop("prefetch_factor", None)
        with unset_fake_temporarily(), passthrough():
            original_init(self, *args, **kwargs)

    def iterate(self: DataLoader) -> Iterator[Any]:
        use = (id(self), torch.is_grad_enabled())
        epoch = loader_epochs.get(use, 0)
        loader_epochs[use] = epoch + 1
        name = loader_name(self)
        if epoch >= session.options.epochs:
            served = session.options.epochs
            raise StopDryRun(f"{name} asked for epoch {epoch + 1} (the dry run serves {served})")
        with unset_fake_temporarily(), passthrough():
            real_iterator = original_iter(self)
        return _serve(session, self, real_iterator, epoch, name)

    patches.set(DataLoader, "__init__", init)
    patches.set(DataLoader, "__iter__", iterate)
    patches.set(Dataset, "__init_subclass__", classmethod(_init_subclass))


def _serve(
    session: Session, loader: DataLoader, real_iterator: Iterator[Any], epoch: int, name: str
) -> Iterator[Any]:
    progress = session.progress
    total = _batches_per_epoch(loader)
    served = min(session.options.batches, total) if total is not None else session.options.batches
    backwards_before = progress.backwards
    progress.active_loaders += 1
    try:
        for step in range(served):
            index = step
            if step == served - 1 and step > 0 and total is not None:
                index = total - 1  # the last batch of the epoch, partial or not
            try:
                batch = _fetch(session, loader, real_iterator, index, step)
            except StopIteration:
                return
            progress.position = LoaderPosition(
                name, epoch, index, total, partial=index == (total or 0) - 1 and _is_partial(loader)
            )
            progress.tick()
            yield to_fake(session.mode, batch, (loader, name))
            if index != step:
                session.note(f"{name}: step {step + 1} of each dry-run epoch used the last batch")
        if epoch + 1 == session.options.epochs and progress.backwards > backwards_before:
            progress.training_loader_done = True
    except GeneratorExit:  # the loop was left: a break, or an exception unwinding it
        if progress.position is not None:
            progress.abandoned = (progress.position, progress.events)
        raise
    finally:
        progress.active_loaders -= 1
        progress.position = None


def _fetch(
    session: Session, loader: DataLoader, real_iterator: Iterator[Any], index: int, step: int
) -> Any:
    # Not passthrough: collate is the user's code, and its errors are replayed as usual.
    session.in_loader = True
    try:
        with unset_fake_temporarily():
            if index == step:
                return next(real_iterator)
            indices = list(loader.batch_sampler)[index]
            dataset = loader.dataset
            getitems = getattr(dataset, "__getitems__", None)
            samples = getitems(indices) if getitems else [dataset[i] for i in indices]
            return loader.collate_fn(samples)
    finally:
        session.in_loader = False


def _batches_per_epoch(loader: DataLoader) -> int | None:
    if isinstance(loader.dataset, IterableDataset) or loader.batch_sampler is None:
        return None
    try:
        return len(loader)
    except TypeError:
        return None


def _is_partial(loader: DataLoader) -> bool:
    try:
        return (
            bool(loader.batch_size)
            and len(loader.dataset) % loader.batch_size != 0
            and not loader.drop_last
        )
    except TypeError:
        return False


def _init_subclass(cls: type, **kwargs: Any) -> None:
    """Every Dataset subclass defined during the dry run reads and builds its samples for
    real; a sample taken outside a DataLoader (inference on `dataset[0]`) enters as fake."""
    super(Dataset, cls).__init_subclass__(**kwargs)
    for method in ("__init__", "__getitem__", "__getitems__", "__len__"):
        function = cls.__dict__.get(method)
        if function is not None and not getattr(function, _WRAPPED, False):
            setattr(cls, method, _run_for_real(function, method))


def _run_for_real(function: Any, method: str) -> Any:
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        session = current()
        if session is None:
            return function(self, *args, **kwargs)
        inside_loader = session.in_loader or session.passthrough
        with unset_fake_temporarily(), passthrough():
            out = function(self, *args, **kwargs)
        if inside_loader or method in ("__init__", "__len__"):
            return out
        return to_fake(session.mode, out)

    setattr(wrapper, _WRAPPED, True)
    wrapper.__wrapped__ = function
    return wrapper
