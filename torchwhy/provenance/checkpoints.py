"""A checkpoint that pickled the user's own object, which `torch.load(weights_only=True)`
refuses: the message names the class (`GLOBAL __main__.TrainConfig`); the user's value of
that class, found in the frames and module globals by type only, is what was saved.
"""

from __future__ import annotations

import re
from typing import Any

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
    return []
