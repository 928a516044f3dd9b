"""A model built on the `meta` device (`with torch.device("meta"):`, for a fast init) and
given its weights by `load_state_dict(state)` without `assign=True`: the load copies into
parameters that hold no data, so they stay on `meta`, and moving the model later fails with
"Cannot copy out of meta tensor". The load is the culprit; it is found in the failing frame's
source above the failing line (a statement of the function's own body, so it ran), on a module
whose parameters are still on `meta`.
"""

from __future__ import annotations

import ast
from typing import Any

from torchwhy.provenance.failing_line import executing_node, source_text
from torchwhy.provenance.frames import FrameEntry
from torchwhy.provenance.operand_sources import RawOperand
from torchwhy.provenance.origins import source_lines, statement_location
from torchwhy.provenance.safe_access import UNKNOWN, instance_dict, is_instance, safe_eval
from torchwhy.provenance.tensor_facts import tensor_facts

META_COPY = "Cannot copy out of meta tensor"
ROLE = "meta-load"


def _has_meta_parameter(module: Any, torch: Any) -> bool:
    pending = [module]
    for _ in range(2_000):
        if not pending:
            return False
        current = pending.pop()
        table = (instance_dict(current) or {}).get("_parameters")
        if type(table) is dict:
            for parameter in dict.values(table):
                facts = tensor_facts(parameter, torch) if parameter is not None else None
                if facts is not None and facts.device == "meta":
                    return True
        children = (instance_dict(current) or {}).get("_modules")
        if type(children) is dict:
            pending.extend(child for child in dict.values(children) if child is not None)
    return False


def _assigns(call: ast.Call) -> bool:
    return any(
        keyword.arg == "assign"
        and isinstance(keyword.value, ast.Constant)
        and keyword.value.value is True
        for keyword in call.keywords
    )


def meta_loads_without_assign(message: str, entry: FrameEntry, torch: Any) -> list[RawOperand]:
    """`model.load_state_dict(state)` above the failing line of the user's frame, on a module
    whose parameters are still on `meta`, without `assign=True`."""
    if META_COPY not in message or entry.line is None:
        return []
    node, source = executing_node(entry)
    if source is None or getattr(source, "tree", None) is None:
        return []
    scope = node
    while scope is not None and not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
        scope = getattr(scope, "parent", None)
    scope = scope or source.tree
    # Only the function's own straight-line statements: one under an `if` may not have run.
    body = getattr(scope, "body", [])
    for statement in reversed(body):
        if statement.lineno >= entry.line:
            continue
        call = getattr(statement, "value", None)
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "load_state_dict"
            and not _assigns(call)
        ):
            continue
        module = safe_eval(call.func.value, entry.local_values, entry.frame.f_globals, torch)
        if module is UNKNOWN or not is_instance(module, torch.nn.Module):
            continue
        if not _has_meta_parameter(module, torch):
            continue
        return [
            RawOperand(
                node=None,
                expression=source_text(call, source),
                entry=entry,
                user_depth=0,
                roles=[ROLE],
                made_at=statement_location(
                    statement, entry.file, source_lines(source), entry.function
                ),
                made_from=ast.unparse(call.func.value),
            )
        ]
    return []
