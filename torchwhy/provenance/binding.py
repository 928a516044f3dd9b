"""Joining the arguments of a user's call to the values its callee received.

Generic Python: a call's AST and the callee frame's code object and locals say which
parameter each argument became (`labels` -> `target`); identity says whether the callee
still holds what was passed. Nothing here knows torch beyond the namespace it is handed.
"""

from __future__ import annotations

import ast
import functools
import sys
import types
from typing import Any

from torchwhy.provenance.assignments import SourceIndex, last_assignment
from torchwhy.provenance.frames import FrameEntry
from torchwhy.provenance.safe_access import (
    UNKNOWN,
    class_attribute,
    is_instance,
    safe_eval,
)

MAX_FORWARDING_DEPTH = 12  # library frames searched below a call for the parameter names
_CO_VARARGS = 0x04
_CO_VARKEYWORDS = 0x08
RECEIVER_NAMES = frozenset({"self", "cls"})


def parameter_names(code: types.CodeType) -> tuple[str, ...]:
    return code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]


def name_forward_arguments(call: ast.Call, module: Any, bound: dict) -> None:
    """`model(images)` goes through `Module.__call__(*args)`: name each positional argument
    after the parameter of the module's `forward` it lands in (read from its code object;
    `Sequential.forward` reassigns `input`, so its frame no longer shows it)."""
    forward = class_attribute(type(module), "forward")
    if type(forward) is not types.FunctionType:
        return
    code = forward.__code__
    parameters = code.co_varnames[1 : code.co_argcount]
    for position, argument in enumerate(call.args):
        if isinstance(argument, ast.Starred) or position >= len(parameters):
            break
        key = ("pos", position)
        parameter, value = bound.get(key, (None, UNKNOWN))
        if parameter is None:
            bound[key] = (parameters[position], value)


# Parameter names of torch's C functions (they leave no frame to read them from), from
# `torch.overrides.get_testing_overrides()`: a lambda with each function's documented
# signature, kept by torch itself, so every op is covered and nothing is hand-kept (built
# once, ~4 ms on torch 2.13, and cached by torch). As tensor methods the first is the
# receiver, named `input` as the functions name it.
@functools.lru_cache(maxsize=1)
def _signatures(torch: Any) -> dict[Any, Any]:
    overrides = getattr(torch, "overrides", None)
    try:
        return dict(overrides.get_testing_overrides()) if overrides is not None else {}
    except Exception:  # an older or a stripped torch: binding by position only
        return {}


# Types whose hash is C code: looking one up in a dict runs no Python code.
_C_CALLABLES = (
    types.BuiltinFunctionType,
    types.MethodDescriptorType,
    types.WrapperDescriptorType,
    types.FunctionType,
)


def _positional_names(function: Any) -> list[str]:
    code = getattr(function, "__code__", None)
    if type(code) is not types.CodeType:
        return []
    return list(code.co_varnames[: code.co_argcount])


@functools.lru_cache(maxsize=1024)
def builtin_parameters(name: str, torch: Any) -> tuple[str, ...] | None:
    """`("input", "dim", "index")` for `gather`; None when torch documents no such op."""
    signatures = _signatures(torch)
    namespace = torch.__dict__ if type(torch) is types.ModuleType else {}
    functional = sys.modules.get("torch.nn.functional")
    functional_namespace = functional.__dict__ if type(functional) is types.ModuleType else {}
    owners = (
        (namespace.get(name), False),
        (functional_namespace.get(name), False),
        (class_attribute(torch.Tensor, name), True),
    )
    for function, is_method in owners:
        if function is None or function is UNKNOWN or type(function) not in _C_CALLABLES:
            continue
        names = _positional_names(signatures.get(function))
        if is_method and names and names[0] == "self":
            names[0] = "input"
        elif is_method and (not names or names[0] != "input"):
            names.insert(0, "input")
        if len(names) > int(is_method):
            return tuple(names)
    return None


def bind_builtin(
    call: ast.Call,
    name: str,
    f_locals: dict[str, Any],
    f_globals: dict[str, Any],
    torch: Any,
) -> dict[tuple[str, Any], tuple[str | None, Any]]:
    parameters = builtin_parameters(name, torch) or ()
    bound: dict[tuple[str, Any], tuple[str | None, Any]] = {}
    if isinstance(call.func, ast.Attribute):
        receiver = safe_eval(call.func.value, f_locals, f_globals, torch)
        if receiver is not UNKNOWN and is_instance(receiver, torch.Tensor):
            bound[("pos", -1)] = (parameters[0], receiver)
            parameters = parameters[1:]
        elif receiver is UNKNOWN:
            # `heads.transpose(1, 2).view(...)`: a computed receiver is a tensor method's
            # `self` (a namespace such as `torch` is always readable).
            bound[("pos", -1)] = (parameters[0], UNKNOWN)
            parameters = parameters[1:]
    for position, argument in enumerate(call.args[: len(parameters)]):
        if isinstance(argument, ast.Starred):
            break
        bound[("pos", position)] = (parameters[position], UNKNOWN)
    for keyword in call.keywords:
        if keyword.arg in parameters:
            bound[("kw", keyword.arg)] = (keyword.arg, UNKNOWN)
    return bound


def callee_name(
    node: ast.AST | None, callee_entry: FrameEntry | None, called_value: Any
) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute):
            return func.attr
        if isinstance(func, ast.Name):
            return func.id
    if callee_entry is not None:
        return callee_entry.function
    return None


def verified_binding(
    argument: ast.AST,
    received: Any,
    parameter: str | None,
    callee_entry: FrameEntry,
    f_locals: dict[str, Any],
    f_globals: dict[str, Any],
    torch: Any,
    sources: SourceIndex,
) -> Any:
    """The callee's value for an argument, only if it is still what the caller passed.

    A callee that rebinds its parameter (`y = y.float()`) holds another object under the
    same name by the time it fails; giving that object's facts to the caller's expression
    would state a falsehood (`labels` is float32). Readable caller values are checked by
    identity; unreadable ones (`batch["y"].long()`) are refused when the callee's source
    assigns the parameter above the line it stopped at.
    """
    passed = safe_eval(argument, f_locals, f_globals, torch)
    if passed is not UNKNOWN:
        return received if _same_object(passed, received) else passed
    if parameter and callee_entry.is_user:
        scope = sources.scope_of(callee_entry.frame)
        if last_assignment(scope, parameter, callee_entry.line) is not None:
            return UNKNOWN
    return received


def _same_object(a: Any, b: Any) -> bool:
    # A constant in the source is another object than the one the call passed: equal
    # plain values of the same type are the same argument.
    return a is b or (type(a) is type(b) and is_primitive(a) and a == b)


def bind_call(
    call: ast.Call,
    called_value: Any,
    callee_entry: FrameEntry,
    f_locals: dict[str, Any],
    f_globals: dict[str, Any],
    torch: Any,
) -> dict[tuple[str, Any], tuple[str | None, Any]]:
    """Join each argument of the user's call to the value the callee frame received.

    Returns {("pos", i) or ("kw", name) or ("pos", -1) for the receiver: (parameter, value)}.
    """
    code = callee_entry.frame.f_code
    callee_locals = callee_entry.local_values
    parameters = code.co_varnames[: code.co_argcount]
    cursor = code.co_argcount + code.co_kwonlyargcount
    varargs_name = code.co_varnames[cursor] if code.co_flags & _CO_VARARGS else None
    if varargs_name is not None:
        cursor += 1
    varkw_name = code.co_varnames[cursor] if code.co_flags & _CO_VARKEYWORDS else None
    offset = _receiver_offset(
        call, called_value, parameters, callee_locals, f_locals, f_globals, torch
    )
    bound: dict[tuple[str, Any], tuple[str | None, Any]] = {}
    if offset == 1 and parameters:
        bound[("pos", -1)] = (parameters[0], callee_locals.get(parameters[0], UNKNOWN))
    varargs = callee_locals.get(varargs_name) if varargs_name else None
    for position, argument in enumerate(call.args):
        if isinstance(argument, ast.Starred):
            break
        slot = offset + position
        if slot < len(parameters):
            name = parameters[slot]
            bound[("pos", position)] = (name, callee_locals.get(name, UNKNOWN))
        elif type(varargs) is tuple and slot - len(parameters) < len(varargs):
            bound[("pos", position)] = (None, varargs[slot - len(parameters)])
    keyword_names = set(parameter_names(code))
    varkw = callee_locals.get(varkw_name) if varkw_name else None
    for keyword in call.keywords:
        if keyword.arg is None:
            continue
        if keyword.arg in keyword_names:
            bound[("kw", keyword.arg)] = (keyword.arg, callee_locals.get(keyword.arg, UNKNOWN))
        elif type(varkw) is dict and keyword.arg in varkw:
            bound[("kw", keyword.arg)] = (None, varkw[keyword.arg])
    return bound


def _receiver_offset(
    call: ast.Call,
    called_value: Any,
    parameters: tuple[str, ...],
    callee_locals: dict[str, Any],
    f_locals: dict[str, Any],
    f_globals: dict[str, Any],
    torch: Any,
) -> int:
    """1 when the callee's first parameter is the object the call was made on."""
    if not parameters:
        return 0
    first_value = callee_locals.get(parameters[0], UNKNOWN)
    if called_value is not UNKNOWN:
        if type(called_value) is types.MethodType:
            return 1
        if type(called_value) in (types.FunctionType, types.BuiltinFunctionType):
            return 0
        if first_value is called_value:  # callable instance (nn.Module) or constructor
            return 1
        if isinstance(called_value, type):
            return 1
    if isinstance(call.func, ast.Attribute):
        receiver = safe_eval(call.func.value, f_locals, f_globals, torch)
        if receiver is not UNKNOWN and receiver is first_value:
            return 1
    return 1 if parameters[0] in RECEIVER_NAMES else 0


def roles_below(value: Any, entries: list[FrameEntry], start: int) -> tuple[list[str], str | None]:
    """Parameter names the same object has in the frames below (forwarding by identity)."""
    roles: list[str] = []
    deepest: str | None = None
    for entry in entries[start : start + MAX_FORWARDING_DEPTH]:
        local_values = entry.local_values
        for name in parameter_names(entry.frame.f_code):
            if local_values.get(name) is value:
                if name not in RECEIVER_NAMES or not roles:
                    roles.append(name)
                deepest = entry.function
                break
        if entry.is_user and entry.index > start:
            break
    return roles, deepest


def is_primitive(value: Any) -> bool:
    return type(value) in (int, float, bool, str, bytes, type(None), complex)
