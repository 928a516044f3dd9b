"""Autograd state of the tensors in the user's frames, read as metadata only.

`grad_fn` node types, `next_functions`, raw saved-tensor slots (never unpacked: unpacking
runs saved-tensor hooks, which are user code), `_version`, `requires_grad`. From these:
which tensors carry a graph an earlier backward already freed, and at which version a
tensor is. Nodes of custom `autograd.Function`s are Python classes and are walked but
never probed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from torchwhy.provenance.safe_access import class_dict, is_instance, type_mro

MAX_GRAPH_NODES = 2_000  # nodes walked per graph: a crash report must stay instant


@dataclass(frozen=True)
class GraphFacts:
    """What autograd knows about one tensor, as plain values."""

    version: int | None = None  # the in-place version counter
    freed: bool = False  # its own grad_fn's saved tensors were freed by an earlier backward
    reaches_freed: bool = False  # some node of its graph was freed
    in_failing_graph: bool = False  # its grad_fn is a node the failing backward walks
    # a freed node of its graph is one the failing backward walks too: a backward from it
    # may be what freed the part the two graphs share
    shares_freed: bool = False


def _guard(torch: Any) -> Any:
    disable = getattr(torch._C, "DisableTorchFunctionSubclass", None)
    return disable() if disable is not None else contextlib.nullcontext()


def grad_fn_of(tensor: Any, torch: Any) -> Any:
    try:
        with _guard(torch):
            return tensor.grad_fn
    except Exception:
        return None


def version_of(tensor: Any, torch: Any) -> int | None:
    try:
        with _guard(torch):
            return int(tensor._version)
    except Exception:
        return None


def _is_generated(node: Any) -> bool:
    """Nodes torch generates in C++ (`AddmmBackward0`): C types deriving from object
    directly, whose slots are C getters (a custom Function's node is a Python class)."""
    mro = type_mro(type(node))
    return len(mro) == 2 and mro[1] is object


def _next_nodes(node: Any) -> Iterator[Any]:
    try:
        pairs = node.next_functions
    except Exception:
        return
    if type(pairs) is not tuple:
        return
    for pair in pairs:
        if type(pair) is tuple and pair and pair[0] is not None:
            yield pair[0]


def walk(root: Any, limit: int = MAX_GRAPH_NODES) -> list[Any]:
    """The nodes reachable from `root` through `next_functions`, breadth first, bounded."""
    if root is None:
        return []
    seen = {id(root)}
    order = [root]
    index = 0
    while index < len(order) and len(order) < limit:
        for child in _next_nodes(order[index]):
            if id(child) not in seen:
                seen.add(id(child))
                order.append(child)
        index += 1
    return order


_RAW_SLOTS: dict[type, tuple[str, ...]] = {}


def _raw_saved_slots(node_type: type) -> tuple[str, ...]:
    slots = _RAW_SLOTS.get(node_type)
    if slots is None:
        slots = tuple(name for name in class_dict(node_type) if name.startswith("_raw_saved_"))
        _RAW_SLOTS[node_type] = slots
    return slots


def is_freed(node: Any) -> bool:
    """Whether backward already released this node's saved tensors.

    A released SavedVariable reads back `data` None; a node saving no tensor is never
    reported freed.
    """
    if node is None or not _is_generated(node):
        return False
    slots = _raw_saved_slots(type(node))
    if not slots:
        return False
    for slot in slots:
        try:
            saved = getattr(node, slot)
            if type(saved) in (list, tuple):
                saved = saved[0] if saved else None
            if saved is None or saved.data is not None:
                return False
        except Exception:
            return False
    return True


def node_name(node: Any) -> str | None:
    return type(node).__name__ if node is not None else None


def stale_node(root: Any) -> Any:
    """The node of the graph whose saved tensor was changed in place after it was saved.

    Reading a saved tensor checks its version, as backward does; a slot with an unpack
    hook (user code) is never read.
    """
    for node in walk(root):
        if not _is_generated(node):
            continue
        for slot in _raw_saved_slots(type(node)):
            try:
                raw = getattr(node, slot)
                items = raw if type(raw) in (list, tuple) else [raw]
                if any(item is None or item.unpack_hook is not None for item in items):
                    continue
                getattr(node, "_saved_" + slot.removeprefix("_raw_saved_"))
            except RuntimeError as error:
                if "inplace operation" in str(error):
                    return node
            except Exception:
                continue
    return None


def op_name(node: Any) -> str | None:
    """`SigmoidBackward0` -> `sigmoid`: the forward op that made the saved tensor."""
    name = node_name(node)
    if not name or "Backward" not in name:
        return None
    return name.split("Backward", 1)[0].lower() or None


@dataclass
class GraphIndex:
    """The graph the failing backward walks, indexed once per trace."""

    failing_nodes: set[int]

    @classmethod
    def of(cls, root_tensor: Any, torch: Any) -> GraphIndex:
        nodes = walk(grad_fn_of(root_tensor, torch)) if root_tensor is not None else []
        return cls({id(node) for node in nodes})

    def facts(self, tensor: Any, torch: Any) -> GraphFacts:
        node = grad_fn_of(tensor, torch)
        in_failing = node is not None and id(node) in self.failing_nodes
        freed = is_freed(node)
        reaches = shares = False
        for item in walk(node, limit=400)[1:]:
            if is_freed(item):
                reaches = True
                if id(item) in self.failing_nodes:
                    shares = True
                    break  # both answers are known
        return GraphFacts(
            version=version_of(tensor, torch),
            freed=freed,
            reaches_freed=freed or reaches,
            in_failing_graph=in_failing,
            shares_freed=shares,
        )


def module_parameters_frozen(module: Any, torch: Any) -> bool | None:
    """True when the module has parameters and none requires grad; None if unreadable."""
    from torchwhy.provenance.modules import submodules_of
    from torchwhy.provenance.safe_access import instance_dict

    pending = [module]
    found_any = False
    budget = 2_000
    while pending and budget > 0:
        budget -= 1
        current = pending.pop()
        own = instance_dict(current) or {}
        table = own.get("_parameters")
        if type(table) is dict:
            for value in dict.values(table):
                if value is None or not is_instance(value, torch.Tensor):
                    continue
                found_any = True
                try:
                    with _guard(torch):
                        if value.requires_grad:
                            return False
                except Exception:
                    return None
        pending.extend(submodules_of(current).values())
    return True if found_any else None
