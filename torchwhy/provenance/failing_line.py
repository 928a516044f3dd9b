"""The failing line, read as code: the statement a frame stopped at (`executing`), the
expressions it operates on (a call's receiver, arguments and keywords; an operator's
operands; a subscript's index), with the source text as the user wrote it. Reads source
and syntax trees; of the frame's values only whether `iter`/`next` are the builtins."""

from __future__ import annotations

import ast
import linecache
from typing import Any

from torchwhy.provenance.assignments import last_assignment
from torchwhy.provenance.frames import FrameEntry
from torchwhy.provenance.safe_access import lookup_name


def code_line(entry: FrameEntry) -> str:
    if entry.line is None:
        return ""
    return linecache.getline(entry.file, entry.line, entry.frame.f_globals).strip()


def executing_node(entry: FrameEntry) -> tuple[ast.AST | None, Any]:
    try:
        import executing

        found = executing.Source.executing(entry.tb)
        return found.node, found.source
    except Exception:
        return None, None


def source_text(node: ast.AST, source: Any) -> str:
    lines: list[str] | None = getattr(source, "lines", None) if source is not None else None
    try:
        if lines and hasattr(node, "end_lineno") and node.end_lineno is not None:
            first, last = node.lineno - 1, node.end_lineno - 1
            start, end = node.col_offset, node.end_col_offset
            if first == last:
                encoded = lines[first].encode()
                text = encoded[start:end].decode()
            else:
                head = lines[first].encode()[start:].decode()
                tail = lines[last].encode()[:end].decode()
                text = " ".join([head, *(line.strip() for line in lines[first + 1 : last]), tail])
            if text.strip():
                return " ".join(text.split()) if "\n" in text else text
    except Exception:
        pass
    try:
        return ast.unparse(node)
    except Exception:
        return "<expression>"


def operand_nodes_of(node: ast.AST) -> list[tuple[ast.AST, int | None, str | None, str | None]]:
    """(expression node, position, keyword, role hint) for the values a node operates on."""
    found: list[tuple[ast.AST, int | None, str | None, str | None]] = []
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute):
            found.append((node.func.value, -1, None, "self"))
        for position, argument in enumerate(node.args):
            if isinstance(argument, ast.Starred):
                found.append((argument.value, None, None, None))
                break
            found.append((argument, position, None, None))
        for keyword in node.keywords:
            if keyword.arg is not None:
                found.append((keyword.value, None, keyword.arg, keyword.arg))
    elif isinstance(node, ast.BinOp):
        found += [(node.left, 0, None, "input"), (node.right, 1, None, "other")]
    elif isinstance(node, ast.Compare):
        found.append((node.left, 0, None, "input"))
        found += [(item, i + 1, None, "other") for i, item in enumerate(node.comparators)]
    elif isinstance(node, ast.BoolOp):
        found += [(item, i, None, "input") for i, item in enumerate(node.values)]
    elif isinstance(node, ast.UnaryOp):
        found.append((node.operand, 0, None, "input"))
    elif isinstance(node, ast.Subscript):
        found.append((node.value, -1, None, "self"))
        parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        found += [(part, i, None, "index") for i, part in enumerate(parts)]
        statement = getattr(node, "parent", None)
        if isinstance(node.ctx, ast.Store) and isinstance(statement, ast.Assign):
            # `buffer[idx] = values`: what is written is the source of the index put.
            found.append((statement.value, None, None, "source"))
    elif isinstance(node, ast.Attribute):
        found.append((node.value, -1, None, "self"))
    elif isinstance(node, ast.AugAssign):
        found += [(node.target, -1, None, "self"), (node.value, 0, None, "other")]
    elif isinstance(node, (ast.If, ast.While, ast.Assert)):
        found.append((node.test, None, None, "input"))
    elif isinstance(node, (ast.For, ast.comprehension)):
        found.append((node.iter, None, None, "iterable"))
    elif isinstance(node, ast.expr):
        found.append((node, None, None, None))
    return found


def fallback_nodes(entry: FrameEntry) -> list[tuple[ast.AST, int | None, str | None, str | None]]:
    """Without an executing node, the names read on the failing line are the candidates."""
    line = code_line(entry)
    if not line:
        return []
    try:
        tree = ast.parse(line.rstrip(":") if line.endswith(":") else line, mode="exec")
    except SyntaxError:
        try:
            tree = ast.parse(line.rstrip(":") + ": pass")
        except SyntaxError:
            return []
    found: list[tuple[ast.AST, int | None, str | None, str | None]] = []
    seen: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Load):
            text = ast.unparse(node)
            if text not in seen:
                seen.add(text)
                found.append((node, None, None, None))
    return found[:12]


def is_literal(node: ast.AST | None) -> bool:
    """A constant written in the source: `2`, `-1`, `"pt"`, `:`, `(1, 2)`, `None`."""
    if node is None:
        return False
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return is_literal(node.operand)
    if isinstance(node, ast.Slice):
        parts = (node.lower, node.upper, node.step)
        return all(part is None or is_literal(part) for part in parts)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(is_literal(item) for item in node.elts)
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(item, ast.Constant) for item in node.values)
    return False


def selection_base(node: ast.AST | None) -> ast.expr | None:
    """`y` for `y[idx]`, `self.pe` for `self.pe[: x.size(1)]`: a named value selected by an
    index computed from other values. The selection is the same one made of its peers
    (`X[idx]`), so what the user stored under the name is what an expert names. A constant
    selection (`labels[:-1]`, `batch["y"]`) is itself what was written, and stays."""
    if not isinstance(node, ast.Subscript) or is_literal(node.slice):
        return None
    if not any(isinstance(part, ast.Name) for part in ast.walk(node.slice)):
        return None
    base = node.value
    while isinstance(base, ast.Attribute):
        base = base.value
    return node.value if isinstance(base, ast.Name) else None


def unpacked_base(node: ast.AST | None, scope: ast.AST | None, line: int | None) -> ast.expr | None:
    """`edge_index` for `dst` after `src, dst = edge_index`: rows unpacked from a named tensor
    are that tensor's values, and the tensor is what the user made (the caller checks that it
    is a tensor; a tuple of tensors unpacked, `h, c = state`, is not)."""
    if not isinstance(node, ast.Name):
        return None
    statement = last_assignment(scope, node.id, line)
    if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
        return None
    target, value = statement.targets[0], statement.value
    if not isinstance(target, (ast.Tuple, ast.List)) or not isinstance(value, ast.Name):
        return None
    if not all(isinstance(item, ast.Name) for item in target.elts):
        return None
    return value


# Methods that return the same values in another shape (a view or a reshaped copy).
_SHAPE_ONLY_METHODS = frozenset(
    {"view", "reshape", "flatten", "squeeze", "unsqueeze", "contiguous", "view_as", "ravel"}
)


def view_base(node: ast.AST | None) -> ast.expr | None:
    """`labels` for `labels.view(-1)`: a named tensor in another shape, with its values,
    dtype and device; for anything but a shape error it is the tensor the user named."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _SHAPE_ONLY_METHODS
    ):
        return None
    base = node.func.value
    while isinstance(base, ast.Attribute):
        base = base.value
    return node.func.value if isinstance(base, ast.Name) else None


def stopped_at_raise(node: ast.AST | None, entry: FrameEntry, source: Any) -> ast.Raise | None:
    """The `raise` statement the frame stopped at, when the user raised the error."""
    current = node
    while current is not None and not isinstance(current, ast.stmt):
        current = getattr(current, "parent", None)
    if isinstance(current, ast.Raise):
        return current
    if node is not None or entry.line is None:
        return None
    try:
        import executing

        statements = executing.Source.for_frame(entry.frame).statements_at_line(entry.line)
    except Exception:
        return None
    for statement in statements:
        if isinstance(statement, ast.Raise):
            return statement
    return None


def raise_operand_nodes(
    statement: ast.Raise,
) -> list[tuple[ast.AST, int | None, str | None, str | None]]:
    """Names read by the raised exception's arguments and by the `if` that guards it."""
    roots: list[ast.AST] = []
    exc = statement.exc
    if isinstance(exc, ast.Call):
        roots.extend(exc.args)
        roots.extend(keyword.value for keyword in exc.keywords)
    parent = getattr(statement, "parent", None)
    while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.Module)):
        if isinstance(parent, (ast.If, ast.While)):
            roots.append(parent.test)
            break
        parent = getattr(parent, "parent", None)
    found: list[tuple[ast.AST, int | None, str | None, str | None]] = []
    seen: set[str] = set()
    for root in roots:
        for item in ast.walk(root):
            if isinstance(item, (ast.Name, ast.Attribute)) and isinstance(item.ctx, ast.Load):
                try:
                    text = ast.unparse(item)
                except Exception:
                    continue
                if text not in seen:
                    seen.add(text)
                    found.append((item, None, None, None))
    return found[:12]


# Builtins that wrap an iterable without changing what it yields: `iter(loader)`.
_ITERATION_WRAPPERS = frozenset({"iter", "next", "enumerate", "reversed"})


def unwrap_iteration(
    node: ast.AST, f_locals: dict[str, Any], f_globals: dict[str, Any]
) -> ast.AST | None:
    """`iter(loader)`, `next(iter(loader))`, `enumerate(loader)` -> the `loader` node."""
    found = None
    while (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _ITERATION_WRAPPERS
        and node.args
        and not isinstance(node.args[0], ast.Starred)
    ):
        import builtins

        if lookup_name(node.func.id, f_locals, f_globals) is not getattr(builtins, node.func.id):
            break
        node = node.args[0]
        found = node
    return found
