"""Where a stray dtype was chosen inside the user's own helper, read from its source.

`x = preprocess(raw)` reaches a float32 model as float64: the helper is gone from the stack,
and its one expression that names float64 (`raw.astype(np.float64)`, `.double()`,
`dtype=torch.float64`) is where the dtype was chosen. Verify or refuse: the helper must be the
user's plain function, the value it returned must have that dtype, and exactly one expression in
it may name the dtype; otherwise nothing is named. Nothing is called: the function object's
code and source are read, never run.
"""

from __future__ import annotations

import ast
from typing import Any

from torchwhy.provenance.assignments import function_scope
from torchwhy.provenance.failing_line import source_text
from torchwhy.provenance.frames import FrameClassifier
from torchwhy.provenance.operand_sources import RawOperand
from torchwhy.provenance.origins import source_lines, statement_location
from torchwhy.provenance.safe_access import UNKNOWN, called_function, is_instance
from torchwhy.provenance.tensor_facts import tensor_facts

# The spellings that choose each dtype in user code (numpy's and torch's), torch's dtype first.
# Only the dtypes that stray from torch's float32 default: the ones a helper picks by hand.
DTYPE_SPELLINGS: dict[str, frozenset[str]] = {
    "float64": frozenset({"float64", "double", "float_"}),
    "float16": frozenset({"float16", "half"}),
    "bfloat16": frozenset({"bfloat16"}),
}
ROLE = "dtype-chosen"


def _names_dtype(call: ast.Call, spellings: frozenset[str], dtype: str) -> bool:
    """`x.double()`, `a.astype(np.float64)`, `t.to(torch.float64)`, `np.array(v, dtype=...)`;
    numpy's `astype(float)` is float64 too."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in spellings and not call.args:
        return True
    arguments = [*call.args, *(keyword.value for keyword in call.keywords)]
    for argument in arguments:
        if isinstance(argument, ast.Attribute) and argument.attr in spellings:
            return True
        if isinstance(argument, ast.Constant) and argument.value in spellings:
            return True
        if (
            dtype == "float64"
            and isinstance(func, ast.Attribute)
            and func.attr == "astype"
            and isinstance(argument, ast.Name)
            and argument.id == "float"
        ):
            return True
    return False


def _choosing_calls(function: ast.AST, dtype: str) -> list[tuple[ast.Call, ast.stmt]]:
    """Each call in the function's own body (not in a function or class nested in it) that
    names `dtype`, with its statement."""
    spellings = DTYPE_SPELLINGS[dtype]
    found = []
    pending: list[ast.stmt] = list(getattr(function, "body", []))
    while pending:
        statement = pending.pop(0)
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for node in ast.iter_child_nodes(statement):
            if isinstance(node, ast.stmt):
                pending.append(node)  # a block's statements are read on their own
                continue
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and _names_dtype(call, spellings, dtype):
                    found.append((call, statement))
    return found


def _assigns_returned_name(function: ast.AST, statement: ast.stmt) -> bool:
    """The statement binds the one name every `return` of the function returns (the tracer
    names such a value by that name, made at this statement: `returned_name`)."""
    returns = [node for node in ast.walk(function) if isinstance(node, ast.Return)]
    names = {node.value.id if isinstance(node.value, ast.Name) else None for node in returns}
    if len(names) != 1 or None in names:
        return False
    targets = getattr(statement, "targets", None) or [getattr(statement, "target", None)]
    return any(isinstance(target, ast.Name) and target.id in names for target in targets)


def dtypes_chosen_in_helpers(
    raw_operands: list[RawOperand], torch: Any, classifier: FrameClassifier
) -> list[RawOperand]:
    """For each failing tensor written as a call of the user's helper (`preprocess(raw)`)
    whose dtype strays from float32: the one call in the helper that chose that dtype."""
    found: list[RawOperand] = []
    for raw in raw_operands:
        call = raw.node
        if not isinstance(call, ast.Call) or not isinstance(call.func, (ast.Name, ast.Attribute)):
            continue
        facts = tensor_facts(raw.value, torch) if is_instance(raw.value, torch.Tensor) else None
        if facts is None or facts.dtype not in DTYPE_SPELLINGS:
            continue
        entry = raw.entry
        helper = called_function(call.func, entry.local_values, entry.frame.f_globals, torch)
        if helper is UNKNOWN or is_instance(helper, torch.nn.Module):
            continue  # a model's forward makes outputs of its weights' dtype
        scope = function_scope(helper, classifier.is_user)
        if scope is None:
            continue
        node, source = scope
        choices = _choosing_calls(node, facts.dtype)
        if len({id(chosen) for chosen, _ in choices}) != 1:
            continue  # none, or several places that could have chosen it: refuse to guess
        chosen, statement = choices[0]
        if _assigns_returned_name(node, statement):
            continue  # `vectors = ....double(); return vectors`: named by its own name already
        found.append(
            RawOperand(
                node=chosen,
                expression=source_text(chosen, source),
                entry=entry,
                user_depth=raw.user_depth,
                roles=[ROLE],
                made_at=statement_location(
                    statement,
                    getattr(source, "filename", entry.file),
                    source_lines(source),
                    getattr(node, "name", None),
                ),
                made_from=raw.expression,
            )
        )
    return found
