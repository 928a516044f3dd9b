"""A checkpoint that pickled the user's own object, which `torch.load(weights_only=True)`
refuses: the message names the class (`GLOBAL __main__.TrainConfig`); the user's value of
that class, found in the frames and module globals by type only, is what was saved.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from torchwhy.provenance.failing_line import executing_node, source_text
from torchwhy.provenance.frames import FrameEntry
from torchwhy.provenance.operand_sources import RawOperand
from torchwhy.provenance.safe_access import type_mro

_REFUSED_GLOBAL = re.compile(r"Unsupported global: GLOBAL ([\w.]+)")
MAX_NAMES_READ = 500


def _is_of_class(value: Any, module: str, name: str) -> bool:
    for klass in type_mro(type(value)):
        if klass.__name__ == name and getattr(klass, "__module__", None) == module:
            return True
    return False


def refused_object(message: str, user_entries: list[FrameEntry]) -> list[RawOperand]:
    """The user's value (`cfg`) of the class the weights-only unpickler refused."""
    found = _REFUSED_GLOBAL.search(message)
    if found is None or "." not in found[1]:
        return []
    module, _, name = found[1].rpartition(".")
    seen_globals: set[int] = set()
    for depth, entry in enumerate(reversed(user_entries)):
        namespaces = [entry.local_values]
        f_globals = entry.frame.f_globals
        if id(f_globals) not in seen_globals and type(f_globals) is dict:
            seen_globals.add(id(f_globals))
            namespaces.append(f_globals)
        for namespace in namespaces:
            for key, value in list(namespace.items())[:MAX_NAMES_READ]:
                if type(key) is not str or key.startswith("_") or type(value) is type:
                    continue
                if _is_of_class(value, module, name):
                    return [
                        RawOperand(
                            node=None,
                            expression=key,
                            entry=entry,
                            user_depth=depth,
                            value=value,
                            roles=["refused-by-unpickler"],
                            made_from=found[1],
                        )
                    ]
    return _loaded_into(user_entries, found[1])


def _loaded_into(user_entries: list[FrameEntry], refused: str) -> list[RawOperand]:
    """No value of that class is alive (a whole model pickled by `torch.save(model)`):
    the name the failing `model = torch.load(path)` was loading it into."""
    if not user_entries:
        return []
    entry = user_entries[-1]
    node, source = executing_node(entry)
    statement = getattr(node, "parent", None)
    while statement is not None and not isinstance(statement, ast.stmt):
        statement = getattr(statement, "parent", None)
    if (
        not isinstance(statement, ast.Assign)
        or len(statement.targets) != 1
        or not isinstance(statement.targets[0], (ast.Name, ast.Attribute))
        or statement.value is not node
    ):
        return []
    return [
        RawOperand(
            node=None,
            expression=source_text(statement.targets[0], source),
            entry=entry,
            user_depth=0,
            roles=["refused-by-unpickler"],
            made_from=refused,
        )
    ]
