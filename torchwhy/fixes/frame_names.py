"""Names bound where a fix is pasted: the function (and module) around a line of the user's
file, read statically from its source. A fix may only use these, or names it binds itself."""

from __future__ import annotations

import ast
import builtins
import linecache
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


@dataclass(frozen=True)
class FrameNames:
    """The names visible at one line, and how the file spells torch, torch.nn and F."""

    bound: frozenset[str]
    torch: str | None = None  # `torch`, when `import torch` is in the file
    nn: str | None = None  # `nn` or `torch.nn`
    functional: str | None = None  # `F`, `nn.functional` or `torch.nn.functional`
    imported: dict[str, str] = field(default_factory=dict)  # `Linear` -> `torch.nn.Linear`

    def nn_class(self, name: str) -> str | None:
        """How this file writes `torch.nn.<name>`, or None when it cannot."""
        direct = next((k for k, v in self.imported.items() if v == f"torch.nn.{name}"), None)
        if direct:
            return direct
        return f"{self.nn}.{name}" if self.nn else None


def _bound_in(scope: ast.AST) -> set[str]:
    """Names a scope binds, not descending into nested functions or classes."""
    names: set[str] = set()
    if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        args = scope.args
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if arg is not None:
                names.add(arg.arg)
    body = scope.body if isinstance(scope.body, list) else [scope.body]
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, _SCOPES):
            if not isinstance(node, ast.Lambda):
                names.add(node.name)
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, (ast.comprehension,)):
            pass  # comprehension targets are not visible at the statement's level
        stack.extend(ast.iter_child_nodes(node))
    return names


def _statements(tree: ast.Module) -> Iterator[ast.stmt]:
    """Every statement, in `ast.walk`'s order, without descending into expressions: imports
    are statements, and a file's expressions outnumber its statements many times over."""
    queue = deque(tree.body)
    while queue:
        node = queue.popleft()
        if isinstance(node, ast.stmt):
            yield node
        for name in node._fields:
            block = getattr(node, name, None)
            if isinstance(block, list):
                queue.extend(c for c in block if isinstance(c, _HOLDS_STATEMENTS))


_HOLDS_STATEMENTS = (ast.stmt, ast.ExceptHandler, ast.match_case)


def _torch_spellings(tree: ast.Module) -> tuple[str | None, str | None, str | None, dict]:
    torch = nn = functional = None
    imported: dict[str, str] = {}
    for node in _statements(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "torch" and not alias.asname:
                    torch = "torch"
                elif alias.name == "torch" or alias.name.startswith("torch."):
                    if alias.asname is None:
                        torch = "torch"
                    elif alias.name == "torch.nn":
                        nn = alias.asname
                    elif alias.name == "torch.nn.functional":
                        functional = alias.asname
                    elif alias.name == "torch":
                        torch = alias.asname
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                local = alias.asname or alias.name
                full = f"{node.module}.{alias.name}"
                if full == "torch.nn":
                    nn = local
                elif full == "torch.nn.functional":
                    functional = local
                elif node.module.startswith("torch"):
                    imported[local] = full
    nn = nn or (f"{torch}.nn" if torch else None)
    functional = functional or (f"{nn}.functional" if nn else None)
    return torch, nn, functional, imported


@lru_cache(maxsize=64)
def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError):
        return None


def frame_names(file: str | None, line: int | None) -> FrameNames | None:
    """The names bound at `file:line`, or None when its source cannot be read."""
    if not file or not line:
        return None
    source = "".join(linecache.getlines(file))
    return _frame_names(source, line) if source else None


@lru_cache(maxsize=64)
def _module_scope(source: str) -> tuple[frozenset[str], tuple] | None:
    """The module-level names and torch's spellings: one pass over the file, however many
    fixes ask about its lines (read-only afterwards, so shared)."""
    tree = _parse(source)
    if tree is None:
        return None
    return frozenset(dir(builtins)) | _bound_in(tree), _torch_spellings(tree)


@lru_cache(maxsize=256)
def _frame_names(source: str, line: int) -> FrameNames | None:
    scope = _module_scope(source)
    tree = _parse(source)
    if scope is None or tree is None:
        return None
    module_bound, spellings = scope
    bound = set(module_bound)
    # Enclosing functions, outermost first; class bodies are not visible from methods.
    node: ast.AST = tree
    while True:
        inner = next(
            (
                child
                for child in ast.iter_child_nodes(node)
                if isinstance(child, ast.stmt | ast.expr)
                and getattr(child, "lineno", 0) <= line <= (getattr(child, "end_lineno", 0) or 0)
            ),
            None,
        )
        if inner is None:
            break
        if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            bound |= _bound_in(inner)
        node = inner
    torch, nn, functional, imported = spellings
    return FrameNames(frozenset(bound), torch, nn, functional, dict(imported))
