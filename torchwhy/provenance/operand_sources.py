"""Operands of a failing call and the values they stand for besides themselves: the
elements of a list written in place (`torch.cat([a, b])`), the tensor behind an attribute
that cannot be read (`loss.data`), the dataset behind a DataLoader, and a configured
callable (`tokenizer(...)`) that is called like a function. torch-specific knowledge of
where a value comes from lives here; binding arguments to parameters is `binding.py`."""

from __future__ import annotations

import ast
import sys
import types
from dataclasses import dataclass, field
from typing import Any

from torchwhy.diagnosis import Location
from torchwhy.provenance.binding import is_primitive
from torchwhy.provenance.failing_line import is_literal, source_text
from torchwhy.provenance.frames import FrameEntry
from torchwhy.provenance.safe_access import (
    UNKNOWN,
    class_attribute,
    instance_dict,
    is_instance,
    safe_eval,
)


@dataclass
class RawOperand:
    node: ast.AST | None
    expression: str
    entry: FrameEntry
    user_depth: int
    position: int | None = None
    keyword: str | None = None
    value: Any = UNKNOWN
    roles: list[str] = field(default_factory=list)
    callee: str | None = None
    callee_module: Any = None
    literal: bool = False
    slot: int | None = None
    element_index: int | None = None
    made_at: Location | None = None  # known already (a setting's site); else from the source
    made_from: str | None = None  # for a value behind the line: the expression it explains
    module_input: Any = None  # for a layer named off the stack: the tensor it was given
    # `y` of `y[idx]` (see `failing_line.selection_base`): the tensor the line selects from.
    selected_from: ast.expr | None = None
    # The selection could not be read without running code (`self.pe[: x.size(1)]`): the
    # value is the base tensor, whose dtype and device the selection shares, not its shape.
    value_is_base: bool = False
    selected_by_view: bool = False  # `labels.view(-1)`: only the shape differs


MAX_ELEMENTS_NAMED = 8


def elements_of(
    raw: RawOperand,
    f_locals: dict[str, Any],
    f_globals: dict[str, Any],
    source: Any,
    torch: Any,
) -> list[RawOperand]:
    """The elements of a list/tuple written in place (`torch.cat([a, b])`)."""
    node = raw.node
    if not isinstance(node, (ast.List, ast.Tuple)) or raw.literal:
        return []
    if len(node.elts) > MAX_ELEMENTS_NAMED:
        return []
    found: list[RawOperand] = []
    for index, item in enumerate(node.elts):
        if isinstance(item, ast.Starred):
            break
        if is_literal(item):
            continue
        value = safe_eval(item, f_locals, f_globals, torch)
        if value is UNKNOWN and type(raw.value) in (list, tuple) and index < len(raw.value):
            value = raw.value[index]
        found.append(
            RawOperand(
                node=item,
                expression=source_text(item, source),
                entry=raw.entry,
                user_depth=raw.user_depth,
                value=value,
                roles=[],
                callee=raw.callee,
                element_index=index,
            )
        )
    return found


def attribute_base(
    raw: RawOperand,
    f_locals: dict[str, Any],
    f_globals: dict[str, Any],
    source: Any,
    torch: Any,
) -> list[RawOperand]:
    """`loss.data` cannot be read without running code; `loss`, the tensor it is read
    from, can, and is what the user named."""
    node = raw.node
    if raw.value is not UNKNOWN or not isinstance(node, ast.Attribute):
        return []
    base = safe_eval(node.value, f_locals, f_globals, torch)
    if base is UNKNOWN or not is_instance(base, torch.Tensor):
        return []
    return [
        RawOperand(
            node=node.value,
            expression=source_text(node.value, source),
            entry=raw.entry,
            user_depth=raw.user_depth,
            position=raw.position,
            keyword=raw.keyword,
            value=base,
            roles=list(raw.roles),
            callee=raw.callee,
            callee_module=raw.callee_module,
            slot=raw.slot,
        )
    ]


def data_source(raw: RawOperand, entries: list[FrameEntry], torch: Any) -> list[RawOperand]:
    """The dataset behind a DataLoader (or its iterator), named as the user named it."""
    value = raw.value
    if value is UNKNOWN or is_primitive(value):
        return []
    loader_module = sys.modules.get("torch.utils.data.dataloader")
    if loader_module is None:
        return []
    own = None
    key = None
    loader_type = getattr(loader_module, "DataLoader", None)
    iterator_type = getattr(loader_module, "_BaseDataLoaderIter", None)
    if isinstance(loader_type, type) and is_instance(value, loader_type):
        own, key = instance_dict(value), "dataset"
    elif isinstance(iterator_type, type) and is_instance(value, iterator_type):
        own, key = instance_dict(value), "_dataset"
    if not own or key not in own:
        return []
    dataset = own[key]
    name = user_name_of(dataset, entries)
    return [
        RawOperand(
            node=None,
            expression=name or f"{raw.expression}.dataset",
            entry=raw.entry,
            user_depth=raw.user_depth,
            value=dataset,
            roles=["dataset"],
            callee=raw.callee,
        )
    ]


def user_name_of(value: Any, entries: list[FrameEntry]) -> str | None:
    """A name a user frame binds to this very object (innermost frame first)."""
    seen_globals: set[int] = set()
    for entry in reversed(entries):
        if not entry.is_user:
            continue
        for name, candidate in entry.local_values.items():
            if candidate is value and type(name) is str and not name.startswith("_"):
                return name
        f_globals = entry.frame.f_globals
        if id(f_globals) in seen_globals or type(f_globals) is not dict:
            continue
        seen_globals.add(id(f_globals))
        for name, candidate in list(f_globals.items()):
            if candidate is value and type(name) is str and not name.startswith("_"):
                return name
    return None


_PLAIN_CALLABLE_TYPES = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    types.BuiltinMethodType,
    types.MethodWrapperType,
    types.WrapperDescriptorType,
    types.MethodDescriptorType,
    types.ClassMethodDescriptorType,
    types.ModuleType,
)


def is_callable_object(value: Any, torch: Any) -> bool:
    """An instance called like a function (`tokenizer(...)`, a transform), not a function,
    class, namespace or nn.Module."""
    if value is UNKNOWN or value is None or is_primitive(value):
        return False
    if type(value) in _PLAIN_CALLABLE_TYPES or is_instance(value, type):
        return False
    if is_instance(value, torch.nn.Module):
        return False
    module_name = class_attribute(type(value), "__module__")
    if type(module_name) is not str:
        module_name = ""
    if module_name.startswith(("functools", "torch._ops", "builtins", "torch._C")):
        return False
    return class_attribute(type(value), "__call__") is not UNKNOWN
