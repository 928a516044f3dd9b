"""Layers kept in a plain list, tuple or dict of a module (`self.layers = [nn.Linear(...), ...]`)
instead of an `nn.ModuleList` / `nn.ModuleDict`: the module never registers them, so
`model.to(device)`, `.half()`, `.parameters()` and `state_dict()` pass them by. The crash comes
at such a layer (its weights still on the CPU, or still float32); the bug is the container its
owner keeps it in, made in the owner's `__init__`.

Found by identity, never by name: the failing line's layer is an element of a container in the
instance dict of the frame's `self`, and not among the modules `self` registered.
"""

from __future__ import annotations

from typing import Any

from torchwhy.provenance.assignments import method_scope
from torchwhy.provenance.frames import FrameClassifier
from torchwhy.provenance.modules import submodules_of
from torchwhy.provenance.operand_sources import RawOperand
from torchwhy.provenance.origins import attribute_site, source_lines
from torchwhy.provenance.safe_access import UNKNOWN, instance_dict, is_instance

ROLE = "unregistered"
IN_DICT = "in-dict"  # a role beside ROLE: the container is a dict (the fix is nn.ModuleDict)
# Bounds on what is walked: a model's registered modules, a container's elements.
MAX_MODULES_WALKED = 5_000
MAX_ELEMENTS_READ = 1_000


def unregistered_containers(
    raw_operands: list[RawOperand], torch: Any, classifier: FrameClassifier
) -> list[RawOperand]:
    """`self.layers` for a layer of the failing line that `self` holds in a plain container."""
    found: list[RawOperand] = []
    named: set[tuple[int, str]] = set()
    for raw in raw_operands:
        layer = raw.value
        if layer is UNKNOWN or not is_instance(layer, torch.nn.Module):
            continue
        owner = raw.entry.local_values.get("self")
        if owner is None or owner is layer or not is_instance(owner, torch.nn.Module):
            continue
        attribute, in_dict = _plain_container_holding(owner, layer)
        if attribute is None or (id(owner), attribute) in named or _registered(owner, layer):
            continue
        named.add((id(owner), attribute))
        expression = f"self.{attribute}"
        made_at = None
        init = method_scope(owner, "__init__", classifier.is_user)
        if init is not None:
            scope, source = init
            made_at = attribute_site(
                scope, expression, getattr(source, "filename", ""), source_lines(source)
            )
        found.append(
            RawOperand(
                node=None,
                expression=expression,
                entry=raw.entry,
                user_depth=raw.user_depth,
                roles=[ROLE, IN_DICT] if in_dict else [ROLE],
                callee=raw.callee,
                made_at=made_at,
                made_from=raw.expression,
            )
        )
    return found


def _plain_container_holding(owner: Any, layer: Any) -> tuple[str | None, bool]:
    """The attribute of `owner`'s instance dict whose list, tuple or dict holds `layer`, and
    whether that container is a dict."""
    for name, value in dict.items(instance_dict(owner) or {}):
        if type(name) is not str:
            continue
        if type(value) in (list, tuple):
            elements = value[:MAX_ELEMENTS_READ]
        elif type(value) is dict:
            elements = list(dict.values(value))[:MAX_ELEMENTS_READ]
        else:
            continue
        if any(element is layer for element in elements):
            return name, type(value) is dict
    return None, False


def _registered(owner: Any, layer: Any) -> bool:
    """Whether `layer` is among the modules `owner` registered, at any depth."""
    pending = [owner]
    for _ in range(MAX_MODULES_WALKED):
        if not pending:
            return False
        for child in submodules_of(pending.pop()).values():
            if child is layer:
                return True
            pending.append(child)
    return True  # too many to walk: refuse rather than guess
