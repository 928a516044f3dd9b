"""Where a value in a user frame came from, read from the function's source.

For a name (`logits`, `self.hidden`, `batch["y"]`): the statement that made it, whether
that statement cut the autograd graph (a `no_grad` block, `.detach()`, `.item()`), and the
statement that last changed it in place. Everything is found in the syntax tree; nothing
is evaluated but names and attributes through `safe_eval`.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from torchwhy.diagnosis import Location
from torchwhy.provenance.assignments import (
    last_assignment,
    method_scope,
    own_statements,
    registered_attribute,
)

# Methods and functions whose result is no longer connected to the graph.
_CUTTING_METHODS = frozenset(
    {
        "detach",
        "detach_",
        "item",
        "numpy",
        "tolist",
        # Integer results: no gradient flows through them, whatever follows (`.float()`).
        "argmax",
        "argmin",
        "long",
        "int",
        "bool",
    }
)
_CUTTING_ATTRIBUTES = frozenset({"data"})
_CUTTING_CALLS = frozenset({"tensor", "as_tensor", "from_numpy", "float", "int"})
_NO_GRAD_CONTEXTS = ("no_grad", "inference_mode", "set_grad_enabled(False)")


@dataclass(frozen=True)
class Origin:
    statement: ast.stmt
    location: Location


def statement_location(
    node: ast.AST, file: str, lines: list[str] | None, function: str | None = None
) -> Location:
    """Where a statement (or a node of one) stands: its line and that line's code."""
    line = getattr(node, "lineno", None)
    code = lines[line - 1].strip() if lines and line and 0 < line <= len(lines) else None
    return Location(file=file, line=line, function=function, code=code)


def _first_line(statement: ast.AST, lines: list[str] | None) -> str:
    line = getattr(statement, "lineno", None)
    if lines and line and 0 < line <= len(lines):
        return lines[line - 1].strip()
    try:
        return ast.unparse(statement).splitlines()[0]
    except Exception:
        return ""


def origin_of(
    scope: ast.AST | None,
    expression: str,
    line: int | None,
    file: str,
    function: str | None,
    lines: list[str] | None,
) -> Origin | None:
    statement = last_assignment(scope, expression, line)
    if statement is None:
        return None
    return Origin(
        statement,
        Location(
            file=file,
            line=statement.lineno,
            function=function,
            code=_first_line(statement, lines) or None,
        ),
    )


def _ancestors(node: ast.AST) -> list[ast.AST]:
    found = []
    current = getattr(node, "parent", None)
    while current is not None:
        found.append(current)
        current = getattr(current, "parent", None)
    return found


def _text(node: ast.AST) -> str:
    try:
        return ast.unparse(node)
    except Exception:
        return ""


def no_grad_context(statement: ast.stmt, scope: ast.AST | None) -> str | None:
    """`with torch.no_grad()` (or a `@torch.no_grad()` decorator) around the statement."""
    for ancestor in _ancestors(statement):
        if isinstance(ancestor, (ast.With, ast.AsyncWith)):
            for item in ancestor.items:
                text = _text(item.context_expr)
                if any(word in text.replace(" ", "") for word in _NO_GRAD_CONTEXTS):
                    return f"inside `with {text}` (line {ancestor.lineno})"
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in ancestor.decorator_list:
                text = _text(decorator)
                if any(word in text.replace(" ", "") for word in _NO_GRAD_CONTEXTS):
                    return f"in `{ancestor.name}`, decorated `@{text}`"
            break
    return None


def cutting_call(statement: ast.stmt) -> str | None:
    """`.detach()`, `.item()`, `.data`, `torch.tensor(...)` in the statement's value."""
    value = getattr(statement, "value", None)
    if value is None:
        return None
    for node in ast.walk(value):
        if isinstance(node, ast.Compare):
            return "a comparison (its result is boolean)"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in _CUTTING_METHODS:
                return f"`.{node.func.attr}()`"
            if node.func.attr in _CUTTING_CALLS and _text(node.func.value) in ("torch", "np"):
                return f"`{_text(node.func)}(...)`"
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in _CUTTING_ATTRIBUTES
            and isinstance(node.ctx, ast.Load)
        ):
            return f"`.{node.attr}`"
    return None


def called_expressions(statement: ast.stmt) -> list[ast.expr]:
    """The callables a statement's value calls (`model.backbone` in `f = model.backbone(x)`)."""
    value = getattr(statement, "value", None)
    if value is None:
        return []
    return [node.func for node in ast.walk(value) if isinstance(node, ast.Call)]


def _modifies_in_place(statement: ast.stmt, expression: str) -> bool:
    if isinstance(statement, ast.AugAssign) and _text(statement.target) == expression:
        return True
    if isinstance(statement, ast.Assign):
        for target in statement.targets:
            if isinstance(target, ast.Subscript) and _text(target.value) == expression:
                return True
    for node in ast.walk(statement):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr.endswith("_")
            and not func.attr.startswith("_")
            and _text(func.value) == expression
        ):
            return True
        in_place = any(
            keyword.arg == "inplace"
            and isinstance(keyword.value, ast.Constant)
            and keyword.value.value is True
            for keyword in node.keywords
        )
        if in_place and node.args and _text(node.args[0]) == expression:
            return True
    return False


def last_statement_site(
    scope: ast.AST | None,
    after: int,
    before: int | None,
    file: str,
    function: str | None,
    lines: list[str] | None,
    does: Callable[[ast.stmt], bool],
) -> Location | None:
    """The last simple statement between `after` and `before` for which `does` holds."""
    if scope is None or before is None:
        return None
    best: ast.stmt | None = None
    for statement in own_statements(scope):
        if not after <= statement.lineno < before:
            continue
        if isinstance(statement, (ast.For, ast.While, ast.If, ast.With, ast.Try)):
            continue
        if does(statement) and (best is None or statement.lineno > best.lineno):
            best = statement
    if best is None:
        return None
    return Location(file=file, line=best.lineno, function=function, code=_first_line(best, lines))


def in_place_site(
    scope: ast.AST | None,
    expression: str,
    after: int,
    before: int | None,
    file: str,
    function: str | None,
    lines: list[str] | None,
) -> Location | None:
    """The last statement between `after` and `before` that changes `expression` in place."""
    return last_statement_site(
        scope,
        after,
        before,
        file,
        function,
        lines,
        lambda statement: _modifies_in_place(statement, expression),
    )


def runs_backward_from(statement: ast.stmt, expression: str) -> bool:
    """`loss.backward()` or `torch.autograd.backward(loss)` / `autograd.grad(loss, ...)`
    without `retain_graph=True`: a backward that frees the graph behind `expression`."""
    for node in ast.walk(statement):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        keeps_graph = any(
            keyword.arg in ("retain_graph", "create_graph")
            and not (isinstance(keyword.value, ast.Constant) and not keyword.value.value)
            for keyword in node.keywords
        )
        if keeps_graph:
            continue
        if node.func.attr == "backward" and _text(node.func.value) == expression:
            return True
        if (
            node.func.attr in ("backward", "grad")
            and _text(node.func.value).endswith("autograd")
            and node.args
            and _text(node.args[0]) == expression
        ):
            return True
    return False


_RESHAPES = frozenset({"view", "reshape"})


def _is_minus_one(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
        and node.operand.value == 1
    )


def last_reshape(scope: ast.AST | None, source: Any) -> Location | None:
    """The last `x.view(-1, ...)` / `reshape(-1, ...)` in a function: where the batch
    dimension of what it returns was decided."""
    if scope is None:
        return None
    best: ast.stmt | None = None
    for statement in own_statements(scope):
        if isinstance(statement, (ast.For, ast.While, ast.If, ast.With, ast.Try)):
            continue
        for node in ast.walk(statement):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _RESHAPES
                and any(_is_minus_one(argument) for argument in node.args)
                and (best is None or statement.lineno > best.lineno)
            ):
                best = statement
    if best is None:
        return None
    lines = source_lines(source)
    return Location(
        file=getattr(source, "filename", ""),
        line=best.lineno,
        function=getattr(scope, "name", None),
        code=_first_line(best, lines),
    )


def _setting_key(node: ast.AST | None) -> str | None:
    """`args.device` -> `device`, `cfg["batch_size"]` -> `batch_size`; None for a bare name."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.Constant)
        and type(node.slice.value) is str
    ):
        return node.slice.value
    return None


def is_setting(node: ast.AST) -> bool:
    """A value read from configuration: `args.hidden`, `cfg.train.max_len`,
    `config["window"]`, or a module constant `IMG_SIZE` (`self.x` is the object's state)."""
    if isinstance(node, ast.Name):
        return node.id.isupper() and len(node.id) > 1
    if isinstance(node, ast.Subscript):
        return _setting_key(node) is not None and isinstance(node.value, (ast.Name, ast.Attribute))
    root = node
    while isinstance(root, ast.Attribute):
        root = root.value
    return isinstance(node, ast.Attribute) and isinstance(root, ast.Name) and root.id != "self"


def _defines_setting(node: ast.AST, key: str) -> bool:
    flags = {f"--{key}", f"--{key.replace('_', '-')}"}
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "add_argument":
            return any(isinstance(item, ast.Constant) and item.value in flags for item in node.args)
        return any(keyword.arg == key for keyword in node.keywords)
    if isinstance(node, ast.Dict):
        return any(isinstance(item, ast.Constant) and item.value == key for item in node.keys)
    return False


_SETTINGS: dict[tuple[int, str], tuple[ast.AST, ast.AST | None]] = {}


def setting_site(
    tree: ast.AST | None, expression: ast.AST | None, file: str, lines: list[str] | None
) -> Location | None:
    """Where a configuration value is set: `add_argument("--device", default="cuda")`,
    `batch_size = 32` in a config class, `{"lr": ...}`, `Namespace(device=...)`."""
    key = _setting_key(expression)
    if tree is None or not key:
        return None
    cached = _SETTINGS.get((id(tree), key))
    if cached is None or cached[0] is not tree:
        if len(_SETTINGS) > 4_096:
            _SETTINGS.clear()
        cached = _SETTINGS[(id(tree), key)] = (tree, _find_setting(tree, key))
    statement = cached[1]
    if statement is None:
        return None
    return Location(
        file=file,
        line=getattr(statement, "lineno", None),
        code=_first_line(statement, lines) or None,
    )


def _find_setting(tree: ast.AST, key: str) -> ast.AST | None:
    for node in ast.walk(tree):
        statement: ast.AST | None = None
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.Assign, ast.AnnAssign)) and any(
                    isinstance(target, ast.Name) and target.id == key for target in _targets(item)
                ):
                    statement = item
                    break
        elif _defines_setting(node, key):
            statement = _entry_of(node, key)
        if statement is not None:
            return statement
    return None


def _entry_of(node: ast.AST, key: str) -> ast.AST:
    """The keyword `key=` of a call or the key of a dict spread over several lines: the
    line the user edits, not the call's first."""
    if isinstance(node, ast.Call):
        return next((item for item in node.keywords if item.arg == key), node)
    if isinstance(node, ast.Dict):
        return next(
            (item for item in node.keys if isinstance(item, ast.Constant) and item.value == key),
            node,
        )
    return node


def _targets(statement: ast.stmt) -> list[ast.AST]:
    if isinstance(statement, ast.Assign):
        return list(statement.targets)
    if isinstance(statement, ast.AnnAssign):
        return [statement.target]
    return []


def reads_itself(statement: ast.stmt, expression: str) -> bool:
    """`out, hidden = rnn(x, hidden)`: the new value is made from the old one."""
    value = getattr(statement, "value", None)
    if value is None:
        return False
    return any(
        isinstance(node, (ast.Name, ast.Attribute)) and _text(node) == expression
        for node in ast.walk(value)
    )


def fed_back(scope: ast.AST | None, statement: ast.stmt, expression: str) -> bool:
    """Made from its own previous value, directly (`out, hidden = rnn(x, hidden)`) or
    through names made from it one statement before (`out, (h, c) = lstm(x, self.state)`
    then `self.state = (h.detach(), c)`)."""
    if reads_itself(statement, expression):
        return True
    value = getattr(statement, "value", None)
    if value is None:
        return False
    names = {node.id for node in ast.walk(value) if isinstance(node, ast.Name)}
    return any(
        maker is not None and reads_itself(maker, expression)
        for maker in (last_assignment(scope, name, statement.lineno) for name in names)
    )


def in_loop(statement: ast.stmt) -> bool:
    for ancestor in _ancestors(statement):
        if isinstance(ancestor, (ast.For, ast.AsyncFor, ast.While)):
            return True
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
    return False


def source_lines(source: Any) -> list[str] | None:
    lines = getattr(source, "lines", None)
    return lines if isinstance(lines, list) else None


def attribute_site(
    scope: ast.AST | None, expression: str, file: str, lines: list[str] | None
) -> Location | None:
    """For `self.fc1` read in a method: the statement of its class that set it
    (`self.fc1 = nn.Linear(...)` in `__init__`), where a layer's sizes were chosen."""
    found = attribute_statement(scope, expression)
    if found is None:
        return None
    statement, method = found
    return Location(
        file=file,
        line=statement.lineno,
        function=method.name,
        code=_first_line(statement, lines) or None,
    )


def attribute_statement(
    scope: ast.AST | None, expression: str
) -> tuple[ast.stmt, ast.FunctionDef] | None:
    """The statement (and its method) of the class around `scope` that set `self.<attr>`
    of `expression`, `__init__` first."""
    head, _, attribute = expression.partition(".")
    attribute = attribute.split(".", 1)[0]
    if head != "self" or not attribute.isidentifier():
        return None
    owner = getattr(scope, "parent", None)
    while owner is not None and not isinstance(owner, ast.ClassDef):
        owner = getattr(owner, "parent", None)
    if owner is None:
        return None
    methods = [item for item in owner.body if isinstance(item, ast.FunctionDef)]
    methods.sort(key=lambda method: method.name != "__init__")
    for method in methods:
        for statement in ast.walk(method):
            if _sets_self_attribute(statement, attribute):
                return statement, method  # type: ignore[return-value]
    return None


def _sets_self_attribute(statement: ast.AST, attribute: str) -> bool:
    """`self.<attribute> = ...`, or `self.register_buffer("<attribute>", ...)` and the like."""
    if isinstance(statement, ast.Expr):
        return registered_attribute(statement) == f"self.{attribute}"
    if not isinstance(statement, (ast.Assign, ast.AnnAssign)):
        return False
    return any(
        isinstance(target, ast.Attribute)
        and target.attr == attribute
        and isinstance(target.value, ast.Name)
        and target.value.id == "self"
        for target in _targets(statement)
    )


_SHAPE_ONLY_METHODS = frozenset(
    {"squeeze", "unsqueeze", "view", "reshape", "flatten", "permute", "transpose", "contiguous"}
)


def returned_attribute(function: ast.AST, position: int | None = None) -> str | None:
    """`out` when a forward ends `return self.out(h)` (or `y = self.out(h); return y`):
    the layer whose output the module returns; with `position`, the layer behind that
    element of a returned tuple (`return self.cls(f), self.box(f)`)."""
    returns = [item for item in own_statements(function) if isinstance(item, ast.Return)]
    if not returns or returns[-1].value is None:
        return None
    value: ast.AST | None = returns[-1].value
    if position is not None:
        if not isinstance(value, ast.Tuple) or position >= len(value.elts):
            return None
        value = value.elts[position]
    if isinstance(value, ast.Name):
        made = last_assignment(function, value.id, returns[-1].lineno)
        value = getattr(made, "value", None)
    while (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in _SHAPE_ONLY_METHODS
    ):
        value = value.func.value  # `self.out(h).squeeze(-1)`: still `out`'s values
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and isinstance(value.func.value, ast.Name)
        and value.func.value.id == "self"
    ):
        return value.func.attr
    return None


def init_attribute_site(
    obj: Any, expression: str, is_user_file: Callable[[str], bool]
) -> Location | None:
    """Where `self.<attribute>` was set in the `__init__` of `obj`'s class, when that is the
    user's code: the statement that made a dataset's list, a model's submodule."""
    init = method_scope(obj, "__init__", is_user_file)
    if init is None:
        return None
    scope, source = init
    return attribute_site(scope, expression, getattr(source, "filename", ""), source_lines(source))
