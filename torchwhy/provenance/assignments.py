"""Where a value was made: the statement that last assigned a name, read from the source.

The function's syntax tree (from `executing`, which caches it per file) is searched, never
run: a statement binds a name when the name is one of its targets. A trace builds one
`SourceIndex`, so each function is located once.
"""

from __future__ import annotations

import ast
import types
from collections.abc import Callable
from typing import Any

from torchwhy.provenance.safe_access import class_attribute

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


class SourceIndex:
    """Sources and function scopes of the frames of one trace, looked up once each."""

    def __init__(self) -> None:
        self._scopes: dict[tuple[str, str, int], ast.AST | None] = {}
        self._sources: dict[str, Any] = {}

    def source_of(self, frame: types.FrameType) -> Any:
        """The frame file's executing.Source (its tree and lines), or None."""
        filename = frame.f_code.co_filename
        if filename not in self._sources:
            try:
                import executing

                self._sources[filename] = executing.Source.for_frame(frame)
            except Exception:
                self._sources[filename] = None
        return self._sources[filename]

    def module_of(self, frame: types.FrameType) -> ast.AST | None:
        """The whole file's tree (module-level settings, globals)."""
        return getattr(self.source_of(frame), "tree", None)

    def lines_of(self, frame: types.FrameType) -> list[str] | None:
        lines = getattr(self.source_of(frame), "lines", None)
        return lines if isinstance(lines, list) else None

    def scope_of(self, frame: types.FrameType) -> ast.AST | None:
        """The `def` (or the module, for top-level code) whose code the frame runs."""
        code = frame.f_code
        key = (code.co_filename, code.co_name, code.co_firstlineno)
        if key not in self._scopes:
            self._scopes[key] = _find_scope(self.module_of(frame), code, frame.f_lineno)
        return self._scopes[key]


def _find_scope(tree: ast.AST | None, code: types.CodeType, line: int | None) -> ast.AST | None:
    if tree is None:
        return None
    if code.co_name == "<module>":
        return tree
    if line is None:
        return None
    best: ast.AST | None = None
    for node in functions_named(tree, code.co_name):
        if node.lineno <= line <= (node.end_lineno or node.lineno) and (
            best is None or node.lineno > best.lineno  # type: ignore[attr-defined]
        ):
            best = node
    return best


# Per syntax tree (executing keeps one per file for the life of the process) and per scope:
# the walks are done once, not once per trace. Entries keep their tree alive, so an id is
# never reused while cached.
_FUNCTIONS: dict[int, tuple[ast.AST, dict[str, list[ast.AST]]]] = {}
_STATEMENTS: dict[int, tuple[ast.AST, list[ast.stmt]]] = {}
MAX_CACHED = 2_048


def functions_named(tree: ast.AST, name: str) -> list[ast.AST]:
    cached = _FUNCTIONS.get(id(tree))
    if cached is None or cached[0] is not tree:
        if len(_FUNCTIONS) >= MAX_CACHED:
            _FUNCTIONS.clear()
        index: dict[str, list[ast.AST]] = {}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                index.setdefault(node.name, []).append(node)
        cached = _FUNCTIONS[id(tree)] = (tree, index)
    return cached[1].get(name, [])


def functions_around(tree: ast.AST | None, line: int | None) -> list[ast.AST]:
    """The `def`s of a file whose body spans `line`, innermost first."""
    if tree is None or line is None:
        return []
    around = [
        node
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.lineno <= line <= (node.end_lineno or node.lineno)
    ]
    return sorted(around, key=lambda node: -node.lineno)


def own_statements(scope: ast.AST) -> list[ast.stmt]:
    """Statements of this scope, nested blocks included, nested functions/classes not."""
    cached = _STATEMENTS.get(id(scope))
    if cached is not None and cached[0] is scope:
        return cached[1]
    if len(_STATEMENTS) >= MAX_CACHED:
        _STATEMENTS.clear()
    found = _walk_statements(scope)
    _STATEMENTS[id(scope)] = (scope, found)
    return found


def _walk_statements(scope: ast.AST) -> list[ast.stmt]:
    found: list[ast.stmt] = []
    pending: list[ast.AST] = list(getattr(scope, "body", []))
    while pending:
        node = pending.pop()
        if isinstance(node, ast.stmt):
            found.append(node)
        if isinstance(node, _SCOPES):
            continue
        pending.extend(
            child
            for child in ast.iter_child_nodes(node)
            if isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case))
        )
    return found


def _targets(statement: ast.stmt) -> list[ast.AST]:
    if isinstance(statement, ast.Assign):
        return list(statement.targets)
    if isinstance(statement, ast.AnnAssign) and statement.value is not None:
        return [statement.target]
    if isinstance(statement, (ast.For, ast.AsyncFor)):
        return [statement.target]
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        return [item.optional_vars for item in statement.items if item.optional_vars]
    return []


def _binds(target: ast.AST, expression: str) -> bool:
    if isinstance(target, (ast.Tuple, ast.List)):
        return any(_binds(item, expression) for item in target.elts)
    if isinstance(target, ast.Starred):
        return _binds(target.value, expression)
    if isinstance(target, (ast.Name, ast.Attribute, ast.Subscript)):
        try:
            return ast.unparse(target) == expression
        except Exception:
            return False
    return False


def _walrus_binds(statement: ast.stmt, name: str) -> bool:
    return any(
        isinstance(node, ast.NamedExpr) and node.target.id == name
        for node in ast.walk(statement)
        if not isinstance(node, _SCOPES)
    )


def last_assignment(scope: ast.AST | None, expression: str, line: int | None) -> ast.stmt | None:
    """The statement before `line` that last bound `expression` (a name, `self.h`, `b["y"]`).

    Augmented assignments are not makers: on a tensor `x += 1` changes it in place.

    "Last" is by position in the source: the latest binding statement that starts above
    the line (the statement running at `line` itself is the failing one, not the maker).
    """
    if scope is None or line is None or not expression:
        return None
    best: ast.stmt | None = None
    for statement in own_statements(scope):
        if statement.lineno >= line or (statement.end_lineno or statement.lineno) >= line:
            if not isinstance(statement, (ast.For, ast.AsyncFor, ast.With, ast.AsyncWith)):
                continue
            if statement.lineno >= line:
                continue
        if binds(statement, expression) and (best is None or statement.lineno > best.lineno):
            best = statement
    return best


def binds(statement: ast.stmt, expression: str) -> bool:
    """Whether `statement` binds `expression` (an assignment, a loop or `with` target, a
    walrus, a module's registration of it); augmented assignments are not makers (on a
    tensor `x += 1` is in place)."""
    if any(_binds(target, expression) for target in _targets(statement)):
        return True
    if registered_attribute(statement) == expression:
        return True
    return (
        expression.isidentifier()
        and isinstance(statement, (ast.Assign, ast.Expr))
        and _walrus_binds(statement, expression)
    )


# Calls that set an attribute named by a string: `self.register_buffer("mask", m)` makes
# `self.mask` as surely as `self.mask = m` does.
_REGISTERING_METHODS = frozenset(
    {"register_buffer", "register_parameter", "register_module", "add_module"}
)


def registered_attribute(statement: ast.stmt) -> str | None:
    """`self.mask` for `self.register_buffer("mask", ...)` (or register_parameter,
    register_module, add_module, `setattr(self, "mask", ...)`), read from the source."""
    if not isinstance(statement, ast.Expr) or not isinstance(statement.value, ast.Call):
        return None
    call = statement.value
    if isinstance(call.func, ast.Attribute) and call.func.attr in _REGISTERING_METHODS:
        owner, name = call.func.value, call.args[0] if call.args else None
    elif isinstance(call.func, ast.Name) and call.func.id == "setattr" and len(call.args) >= 2:
        owner, name = call.args[0], call.args[1]
    else:
        return None
    if not isinstance(name, ast.Constant) or not isinstance(name.value, str):
        return None
    if not name.value.isidentifier() or not isinstance(owner, (ast.Name, ast.Attribute)):
        return None
    return f"{ast.unparse(owner)}.{name.value}"


def forward_scope(module: Any, is_user_file: Callable[[str], bool]) -> tuple[ast.AST, Any] | None:
    """The `def forward` of the module's class and its executing.Source, when it is the
    user's code (a library's forward is not where the user made a value)."""
    return method_scope(module, "forward", is_user_file)


def method_scope(
    obj: Any, name: str, is_user_file: Callable[[str], bool]
) -> tuple[ast.AST, Any] | None:
    """The `def name` of the object's class and its executing.Source, when it is the
    user's code."""
    return function_scope(class_attribute(type(obj), name), is_user_file)


def function_scope(
    function: Any, is_user_file: Callable[[str], bool]
) -> tuple[ast.AST, Any] | None:
    """The `def` of a plain Python function and its executing.Source, when it is the
    user's code (a bound method's function too)."""
    if type(function) is types.MethodType:
        function = function.__func__
    if type(function) is not types.FunctionType:
        return None
    code = function.__code__
    if not is_user_file(code.co_filename):
        return None
    try:
        import executing

        source = executing.Source.for_filename(code.co_filename)
    except Exception:
        return None
    if source.tree is None:
        return None
    for node in functions_named(source.tree, code.co_name):
        if (
            node.lineno <= code.co_firstlineno + len(node.decorator_list) + 1
            and (node.end_lineno or node.lineno) >= code.co_firstlineno
        ):
            return node, source
    return None
