"""Fix code as text: module paths as Python, the user's failing statement, edits of one
expression in it, and the checks every fix passes before it is shown."""

from __future__ import annotations

import ast
import linecache
import re
import textwrap

from torchwhy.fixes.frame_names import FrameNames

_PLACEHOLDER = re.compile(r"\{([a-zA-Z_]\w*)\}")


def module_path_code(path: str) -> str:
    """`net.classifier.0` -> `net.classifier[0]`; ModuleDict keys that are no identifiers
    are subscripted too."""
    parts = path.split(".")
    code = parts[0]
    for part in parts[1:]:
        if part.isdigit():
            code += f"[{part}]"
        elif part.isidentifier():
            code += f".{part}"
        else:
            code += f"[{part!r}]"
    return code


def unfilled(template: str, values: dict[str, str]) -> list[str]:
    """The template's placeholders that `values` cannot fill."""
    return [name for name in _PLACEHOLDER.findall(template) if name not in values]


def parses(code: str) -> bool:
    try:
        ast.parse(code)
    except SyntaxError:
        return False
    return True


def _bindings(node: ast.AST) -> set[str]:
    bound: set[str] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name) and not isinstance(child.ctx, ast.Load):
            bound.add(child.id)
        elif isinstance(child, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in child.names)
        elif isinstance(child, ast.arg):
            bound.add(child.arg)
        elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(child.name)
    return bound


def free_names(code: str) -> set[str]:
    """Names the code reads before binding them itself (`x = f(x)` reads `x`)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    free: set[str] = set()
    bound: set[str] = set()
    for statement in tree.body:
        inner = _bindings(statement) if hasattr(statement, "body") else set()
        loaded = {
            n.id
            for n in ast.walk(statement)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
        }
        # Comprehension and lambda variables, and the targets of a with/for, bind inside.
        free |= loaded - bound - inner - _local_names(statement)
        bound |= _bindings(statement)
    return free


def _local_names(statement: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(statement):
        if isinstance(node, ast.comprehension):
            names |= _bindings(node.target)
        elif isinstance(node, ast.Lambda):
            names |= {a.arg for a in node.args.args}
    return names


def valid_in(code: str, names: FrameNames | None) -> bool:
    """Parses, and (where the frame is known) reads only names bound there."""
    if not parses(code):
        return False
    return names is None or free_names(code) <= names.bound


def statement_at(file: str | None, line: int | None) -> str | None:
    """The whole simple statement at `file:line` (all its lines, dedented), or None for
    compound statements and unreadable sources."""
    if not file or not line:
        return None
    lines = linecache.getlines(file)
    try:
        tree = ast.parse("".join(lines))
    except (SyntaxError, ValueError):
        return None
    found: ast.stmt | None = None
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.stmt)
            and node.lineno <= line <= (node.end_lineno or node.lineno)
            and (found is None or node.lineno >= found.lineno)
        ):
            found = node
    if found is None or hasattr(found, "body"):
        return None
    text = textwrap.dedent("".join(lines[found.lineno - 1 : found.end_lineno]))
    return text.rstrip() if parses(text) else None


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(text) for text in lines[: line - 1]) + len(
        lines[line - 1].encode()[:column].decode(errors="ignore")
    )


def replace_once(statement: str, old: str, new: str) -> str | None:
    """`statement` with the one expression written `old` that it reads replaced by `new`;
    None when it reads no such expression, or several (an assignment's target is no read)."""
    try:
        tree = ast.parse(statement)
    except SyntaxError:
        return None
    wanted = "".join(old.split())
    hits = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.expr)
        and not isinstance(getattr(node, "ctx", None), (ast.Store, ast.Del))
        and "".join((ast.get_source_segment(statement, node) or "").split()) == wanted
    ]
    if len(hits) != 1:
        return None
    node = hits[0]
    lines = statement.splitlines(keepends=True)
    start = _offset(lines, node.lineno, node.col_offset)
    end = _offset(lines, node.end_lineno or node.lineno, node.end_col_offset or 0)
    edited = statement[:start] + new + statement[end:]
    return edited if parses(edited) else None
