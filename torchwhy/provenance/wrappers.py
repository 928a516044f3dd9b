"""Wrappers that stand between the user's model and the error: DistributedDataParallel
reports its module's parameters by index; the submodule that owns them is what the user
wrote, named as its class set it (`self.aux_head`, made in `__init__`).
"""

from __future__ import annotations

import re
from typing import Any

from torchwhy.provenance.frames import FrameClassifier, FrameEntry
from torchwhy.provenance.modules import submodules_of
from torchwhy.provenance.operand_sources import RawOperand
from torchwhy.provenance.origins import init_attribute_site
from torchwhy.provenance.safe_access import instance_dict, is_instance

_UNUSED_INDICES = re.compile(r"did not receive grad for rank \d+: ([\d ]+)")
MAX_PARAMETERS = 20_000


def _wrapped_module(module: Any) -> Any:
    """The user's module inside a DDP / DataParallel / compile wrapper, else None."""
    children = submodules_of(module)
    for key in ("module", "_orig_mod"):
        if key in children:
            return children[key]
    return None


def _trainable_parameters(module: Any, torch: Any) -> list[tuple[tuple[Any, ...], str]]:
    """(owner chain from `module` down, parameter name) of each parameter that requires
    grad, in `named_parameters()` order (shared parameters once), read from instance dicts."""
    found: list[tuple[tuple[Any, ...], str]] = []
    seen: set[int] = set()

    def visit(chain: tuple[Any, ...]) -> None:
        if len(found) >= MAX_PARAMETERS:
            return
        current = chain[-1]
        table = (instance_dict(current) or {}).get("_parameters")
        if type(table) is dict:
            for name, value in dict.items(table):
                if value is None or id(value) in seen or not is_instance(value, torch.Tensor):
                    continue
                seen.add(id(value))
                if getattr(value, "requires_grad", False) is True:
                    found.append((chain, name))
        for child in submodules_of(current).values():
            if all(child is not link for link in chain):
                visit((*chain, child))

    visit((module,))
    return found


def unused_parameter_owner(
    message: str,
    modules: list[Any],
    entry: FrameEntry,
    torch: Any,
    classifier: FrameClassifier,
) -> list[RawOperand]:
    """DDP's `Parameter indices which did not receive grad for rank 0: 4 5`: the submodule
    of the wrapped model that owns those parameters, as its parent's class set it."""
    found = _UNUSED_INDICES.search(message)
    if found is None:
        return []
    indices = [int(part) for part in found[1].split()]
    for wrapper in modules:
        inner = _wrapped_module(wrapper)
        if inner is None:
            continue
        parameters = _trainable_parameters(inner, torch)
        chains = [parameters[index][0] for index in indices if index < len(parameters)]
        if not chains:
            continue
        common = list(chains[0])
        for chain in chains[1:]:
            depth = 0
            while depth < min(len(common), len(chain)) and common[depth] is chain[depth]:
                depth += 1
            common = common[:depth]
        if len(common) < 2:
            continue  # the parameters belong to the whole model: no one submodule to name
        parent, owner = common[-2], common[-1]
        attribute = next(
            (key for key, value in submodules_of(parent).items() if value is owner), None
        )
        if attribute is None:
            continue
        expression = f"self.{attribute}"
        made_at = init_attribute_site(parent, expression, classifier.is_user)
        return [
            RawOperand(
                node=None,
                expression=expression,
                entry=entry,
                user_depth=0,
                value=owner,
                roles=["unused-parameters"],
                made_at=made_at,
                made_from=type(wrapper).__name__,
            )
        ]
    return []
