"""The attribute that cannot be pickled, when a DataLoader starts its workers.

Workers started with `spawn` (the default on macOS and Windows) receive the dataset,
sampler and collate_fn pickled; pickle names the first object it cannot handle by type
(`cannot pickle '_io.TextIOWrapper' object`) or by qualified name (`Can't pickle local
object 'main.<locals>.<lambda>'`). That object is found by walking the instance
dictionaries under the values of the user's frames, reading names through C slots only.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from torchwhy.provenance.safe_access import instance_dict

_BY_NAME = re.compile(
    r"Can't (?:pickle|get) (?:local object |attribute )?'?<?(?:function |class )?"
    r"(?P<qualname>[\w.<>]+)"
)
# 3.11: `cannot pickle '_io.TextIOWrapper' object`; 3.13: `... 'TextIOWrapper' instances`.
_BY_TYPE = re.compile(r"cannot pickle '(?P<type>[\w.]+)' (?:object|instances)")
_TYPE_QUALNAME = type.__dict__["__qualname__"]
_TYPE_MODULE = type.__dict__["__module__"]
_FUNCTION_QUALNAME = types.FunctionType.__dict__["__qualname__"]

MAX_DEPTH = 3
MAX_OBJECTS = 2_000


@dataclass(frozen=True)
class Unpicklable:
    owner: Any  # the object whose attribute it is (the Dataset)
    path: str  # `transform`, `reader.fh`: attribute names from the owner down
    type_name: str


def _type_name(value: Any) -> str:
    cls = type(value)
    try:
        module, qualname = _TYPE_MODULE.__get__(cls), _TYPE_QUALNAME.__get__(cls)
    except Exception:
        return ""
    return f"{module}.{qualname}" if type(module) is str and module != "builtins" else qualname


def _qualname(value: Any) -> str | None:
    if type(value) is types.FunctionType:
        try:
            return _FUNCTION_QUALNAME.__get__(value)
        except Exception:
            return None
    return None


def _matcher(message: str) -> Any:
    """A test for the object pickle complained about, or None for another message."""
    by_type = _BY_TYPE.search(message)
    if by_type:
        wanted = by_type["type"].rsplit(".", 1)[-1]
        return lambda value: _type_name(value).rsplit(".", 1)[-1] == wanted
    by_name = _BY_NAME.search(message)
    if by_name:
        wanted = by_name["qualname"]
        return lambda value: (
            _qualname(value) == wanted
            or (wanted == "<lambda>" and (_qualname(value) or "").endswith("<lambda>"))
        )
    return None


def _children(value: Any) -> Iterator[tuple[str, Any]]:
    own = instance_dict(value)
    if own is not None:
        for name, child in list(dict.items(own)):
            if type(name) is str and not name.startswith("__"):
                yield name, child


def is_pickling_error(message: str) -> bool:
    """Pickle's refusal, as 3.11 (`Can't pickle local object`) or 3.13 (`Can't get local
    object`, `cannot pickle '...' instances`) words it."""
    return _matcher(message) is not None


def find_unpicklable(message: str, roots: list[Any]) -> Unpicklable | None:
    """The attribute, under one of `roots` (datasets, loaders), that the message names."""
    matches = _matcher(message)
    if matches is None:
        return None
    seen: set[int] = set()
    # (owner at the top, path from it, value, depth), breadth first: the shallowest wins.
    pending: list[tuple[Any, str, Any, int]] = [(root, "", root, 0) for root in roots]
    index = 0
    while index < len(pending) and len(seen) < MAX_OBJECTS:
        owner, path, value, depth = pending[index]
        index += 1
        if id(value) in seen:
            continue
        seen.add(id(value))
        if path and matches(value):
            return Unpicklable(owner=owner, path=path, type_name=_type_name(value))
        if depth >= MAX_DEPTH or type(value) is types.FunctionType:
            continue
        for name, child in _children(value):
            pending.append((owner, f"{path}.{name}" if path else name, child, depth + 1))
    return None
