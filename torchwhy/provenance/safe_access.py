"""Reading values from live objects without running any of the user's code.

Every helper here avoids the hooks a user class can define: properties and other
descriptors, `__getattr__`, `__getattribute__`, `__class__` overrides (which plain
`isinstance` consults), `__eq__`/`__hash__` of stored keys, `__len__`, `__bool__`,
`__repr__`. When a value cannot be read that way the answer is `UNKNOWN`, never a guess.
"""

from __future__ import annotations

import ast
import inspect
import sys
import types
from collections.abc import Mapping
from typing import Any, Final


class _Unknown:
    """Sentinel for 'could not be read without running user code'."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()

# C-level slot descriptors on `type`: reading through them never calls a metaclass hook.
_TYPE_MRO = type.__dict__["__mro__"]
_TYPE_DICT = type.__dict__["__dict__"]
_TUPLEGETTER_TYPE: type | None = None
try:  # namedtuple fields are C `_tuplegetter` descriptors: safe to call.
    from collections import namedtuple

    _TUPLEGETTER_TYPE = type(namedtuple("_Probe", "a").__dict__["a"])
except (ImportError, KeyError):  # pragma: no cover - other interpreters
    _TUPLEGETTER_TYPE = None

# Descriptors whose `__get__` is C code reading a slot: calling them runs no user code.
_SAFE_DESCRIPTOR_TYPES: tuple[type, ...] = tuple(
    t for t in (types.MemberDescriptorType, _TUPLEGETTER_TYPE) if t is not None
)


def _locals_type_of_a_function_frame() -> type:
    return type(sys._getframe().f_locals)


# `frame.f_locals` of a function frame: a dict snapshot up to 3.12, a write-through
# `FrameLocalsProxy` since 3.13 (PEP 667). The proxy is a C mapping over the frame's own
# slots: reading keys and values from it runs no user code.
_FRAME_LOCALS_PROXY: type | None = _locals_type_of_a_function_frame()
if _FRAME_LOCALS_PROXY is dict:
    _FRAME_LOCALS_PROXY = None


def frame_locals(frame: types.FrameType) -> dict[str, Any]:
    """The frame's local variables as a plain dict, read without running user code.

    A module or class body frame gives its namespace when it is an exact dict; a custom
    mapping (`exec(code, g, UserMapping())`) could run code on every read, so it is empty.
    """
    try:
        found = frame.f_locals
    except Exception:
        return {}
    if type(found) is dict:
        return found
    if _FRAME_LOCALS_PROXY is not None and type(found) is _FRAME_LOCALS_PROXY:
        try:
            return dict(found)  # keys are the code object's names: str, no user `__eq__`
        except Exception:
            return {}
    return {}


# Containers we are willing to index into: exact built-in types only (a subclass may
# override `__getitem__`).
_INDEXABLE_TYPES: Final = (dict, list, tuple)


def mro_of(obj: Any) -> tuple[type, ...]:
    """The method resolution order of `type(obj)`, read through the C slot."""
    return _TYPE_MRO.__get__(type(obj))


def is_instance(obj: Any, cls: type) -> bool:
    """`isinstance` that never asks the object for `__class__`.

    Plain `isinstance` falls back to `obj.__class__` (user `__getattribute__`), and
    metaclasses such as `nn.Parameter`'s run Python code in `__instancecheck__`.
    """
    # By identity: `cls in mro` would call `==`, a metaclass's `__eq__`.
    return any(base is cls for base in mro_of(obj))


def type_mro(cls: type) -> tuple[type, ...]:
    """`cls.__mro__` for a class itself, read through the C slot (no metaclass hook)."""
    try:
        return _TYPE_MRO.__get__(cls)
    except Exception:
        return ()


def is_subclass(value: Any, base: type) -> bool:
    """Whether `value` is a class deriving from `base`, asking no metaclass."""
    return is_instance(value, type) and any(klass is base for klass in type_mro(value))


def class_attribute(cls: type, name: str) -> Any:
    """The raw entry `name` in the namespace of `cls` or a base (no descriptor is run)."""
    return _lookup_on_type(cls, name)


def class_dict(cls: type) -> Mapping[str, Any]:
    return _TYPE_DICT.__get__(cls)


def instance_dict(obj: Any) -> dict[str, Any] | None:
    """`obj.__dict__` read through the C getset descriptor only (no property `__dict__`)."""
    for klass in mro_of(obj):
        entry = class_dict(klass).get("__dict__")
        if entry is None:
            continue
        if type(entry) is types.GetSetDescriptorType:
            try:
                value = entry.__get__(obj, type(obj))
            except Exception:
                return None
            return value if type(value) is dict else None
        return None  # a Python-level `__dict__` override: do not call it
    return None


def safe_getattr(obj: Any, name: str, torch: Any | None = None) -> Any:
    """The attribute `obj.name` as Python would find it, or UNKNOWN if that needs user code.

    nn.Module keeps submodules, parameters and buffers in `_modules`, `_parameters` and
    `_buffers` (found by its `__getattr__`); those dicts are read directly.
    """
    try:
        found = inspect.getattr_static(obj, name)
    except AttributeError:
        found = UNKNOWN
    except Exception:
        return UNKNOWN
    if found is not UNKNOWN:
        own = instance_dict(obj)
        if own is not None and name in own and own[name] is found:
            return found
        # Found on the class: a plain class attribute is fine, a descriptor is code.
        descriptor_get = _lookup_on_type(type(found), "__get__")
        if descriptor_get is UNKNOWN:
            return found
        if type(found) in _SAFE_DESCRIPTOR_TYPES:
            try:
                return found.__get__(obj, type(obj))
            except Exception:
                return UNKNOWN
        return UNKNOWN
    if torch is not None and is_instance(obj, torch.nn.Module):
        own = instance_dict(obj) or {}
        for store in ("_parameters", "_buffers", "_modules"):
            table = own.get(store)
            if type(table) is dict and name in table:
                return dict.__getitem__(table, name)
    return UNKNOWN


def _lookup_on_type(cls: type, name: str) -> Any:
    for klass in _TYPE_MRO.__get__(cls):
        namespace = class_dict(klass)
        if name in namespace:
            return namespace[name]
    return UNKNOWN


def safe_subscript(container: Any, key: Any) -> Any:
    """`container[key]` for exact dict/list/tuple and a constant str/int key only."""
    if type(container) not in _INDEXABLE_TYPES or type(key) not in (str, int, bool):
        return UNKNOWN
    try:
        if type(container) is dict:
            return exact_key_lookup(container, key)
        if type(key) is int and -len(container) <= key < len(container):
            return container[key]
    except Exception:
        return UNKNOWN
    return UNKNOWN


def exact_key_lookup(table: dict[Any, Any], key: str | int | bool) -> Any:
    """`table[key]` comparing only keys of the key's own built-in type: a hash lookup
    would call `__eq__` on any key whose hash collides (a user object can choose its hash)."""
    for candidate, value in dict.items(table):
        if type(candidate) is type(key) and candidate == key:
            return value
    return UNKNOWN


def lookup_name(name: str, f_locals: Mapping[str, Any], f_globals: Mapping[str, Any]) -> Any:
    """A bare name, as the frame would resolve it: locals, globals, builtins."""
    for namespace in (f_locals, f_globals):
        if type(namespace) is dict:
            found = exact_key_lookup(namespace, name)
            if found is not UNKNOWN:
                return found
        if _FRAME_LOCALS_PROXY is not None and type(namespace) is _FRAME_LOCALS_PROXY:
            try:
                return namespace[name]  # C lookup in the frame's slots
            except KeyError:
                continue
            except Exception:
                return UNKNOWN
    builtins_ns = f_globals.get("__builtins__") if type(f_globals) is dict else None
    if type(builtins_ns) is types.ModuleType:
        builtins_ns = instance_dict(builtins_ns)
    if type(builtins_ns) is dict:
        return exact_key_lookup(builtins_ns, name)
    return UNKNOWN


def safe_eval(
    node: ast.AST,
    f_locals: Mapping[str, Any],
    f_globals: Mapping[str, Any],
    torch: Any | None,
    depth: int = 0,
) -> Any:
    """Evaluate names, attributes, constant subscripts and constants; anything else UNKNOWN.

    Calls, operators, comprehensions and the rest are never evaluated: they could run
    user code or compute on a tensor that lives on a dead CUDA context.
    """
    if depth > 12:
        return UNKNOWN
    if isinstance(node, ast.Name):
        return lookup_name(node.id, f_locals, f_globals)
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple)) and len(node.elts) <= 16:
        items = [safe_eval(item, f_locals, f_globals, torch, depth + 1) for item in node.elts]
        if any(item is UNKNOWN for item in items):
            return UNKNOWN
        return items if isinstance(node, ast.List) else tuple(items)
    if isinstance(node, ast.Attribute):
        base = safe_eval(node.value, f_locals, f_globals, torch, depth + 1)
        if base is UNKNOWN:
            return UNKNOWN
        return safe_getattr(base, node.attr, torch)
    if isinstance(node, ast.Subscript):
        base = safe_eval(node.value, f_locals, f_globals, torch, depth + 1)
        if base is UNKNOWN:
            return UNKNOWN
        key_node = node.slice
        if isinstance(key_node, ast.UnaryOp) and isinstance(key_node.op, ast.USub):
            inner = key_node.operand
            if isinstance(inner, ast.Constant) and type(inner.value) is int:
                return safe_subscript(base, -inner.value)
        if isinstance(key_node, ast.Constant):
            return safe_subscript(base, key_node.value)
        return UNKNOWN
    return UNKNOWN


def called_function(
    func: ast.expr, f_locals: Mapping[str, Any], f_globals: Mapping[str, Any], torch: Any
) -> Any:
    """What `func(...)` calls: the value the name or attribute holds, or for a method the
    instance does not hold (`self.criterion(...)`), the function found on its class; UNKNOWN
    when neither reads."""
    function = safe_eval(func, f_locals, f_globals, torch)
    if function is UNKNOWN and isinstance(func, ast.Attribute):
        owner = safe_eval(func.value, f_locals, f_globals, torch)
        if owner is not UNKNOWN:
            function = class_attribute(type(owner), func.attr)
    return function
