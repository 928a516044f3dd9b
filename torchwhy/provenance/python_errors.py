"""Python's own errors describe the value they are about: a key it lacks, a None, a type,
an empty list.

`KeyError: 'image'`, `'NoneType' object has no attribute 'backward'`, `'list' object has
no attribute 'to'`, `optimizer got an empty parameter list`: often no PyTorch reading
fits these, yet the message names the value by its key, its type or its emptiness, and
that value is an operand of the user's line that raised. Only the message and the values'
types, keys and lengths are read here (a plain dict's keys through `dict.keys`).
"""

from __future__ import annotations

import ast
import re
from typing import Any

from torchwhy.provenance.failing_line import executing_node, source_text
from torchwhy.provenance.frames import FrameEntry
from torchwhy.provenance.operand_sources import RawOperand
from torchwhy.provenance.safe_access import UNKNOWN, is_instance, safe_eval

MAX_KEYS_SHOWN = 12
# `'NoneType' object has no attribute`, `'list' object is not callable`, `must be Tensor,
# not NoneType`, `got an unexpected type list`, `unsupported operand type(s) for +: 'int'
# and 'NoneType'`.
# `'<=' not supported between instances of 'float' and 'str'`.
_QUOTED_TYPE = re.compile(
    r"'(\w+)' object|\bnot (\w+)\b|type\(s\) for \S+: '(\w+)' and '(\w+)'"
    r"|between instances of '(\w+)' and '(\w+)'"
)
_EMPTY_WORDS = ("empty", "non-empty", "zero-length", "num_samples=0", "no elements")


def types_named(message: str) -> set[str]:
    """The type names the message describes a value by (`NoneType`, `list`, `str`)."""
    found: set[str] = set()
    for match in _QUOTED_TYPE.finditer(message):
        found.update(group for group in match.groups() if group)
    return found - {"a", "an", "the", "supported", "implemented", "be"}


def says_empty(message: str) -> bool:
    lowered = message.lower()
    return any(word in lowered for word in _EMPTY_WORDS)


def missing_key(exception_type: str | None, message: str) -> str | None:
    """The key a KeyError reports (`'image'` -> `image`), as text."""
    if exception_type != "KeyError" or not message:
        return None
    text = message.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def keys_of(value: Any) -> tuple[str, ...] | None:
    """A dict's (or OrderedDict's, a state_dict's) first keys, as text; None for others.
    Read through `dict.keys`, never the object's own `keys` method."""
    if value is UNKNOWN or not is_instance(value, dict):
        return None
    try:
        keys = list(dict.keys(value))
    except Exception:
        return None
    shown = [key if type(key) is str else repr(key) for key in keys[:MAX_KEYS_SHOWN]]
    return tuple(shown)


def missing_key_subscript(
    exception_type: str | None, message: str, entry: FrameEntry, torch: Any
) -> list[RawOperand]:
    """`batch["image"]` on the line that raised `KeyError: 'image'`: the lookup itself,
    named as written, with the container it looked in."""
    key = missing_key(exception_type, message)
    if key is None:
        return []
    node, source = executing_node(entry)
    if not isinstance(node, ast.Subscript):
        return []
    found = safe_eval(node.slice, entry.local_values, entry.frame.f_globals, torch)
    if found is UNKNOWN or str(found) != key:
        return []
    return [
        RawOperand(
            node=node,
            expression=source_text(node, source),
            entry=entry,
            user_depth=0,
            roles=["missing-key"],
            made_from=source_text(node.value, source),
        )
    ]
