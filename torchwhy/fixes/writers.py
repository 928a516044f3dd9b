"""Fixes written from the live facts: an edit of the user's failing statement (a cast, a
transpose, an unsqueeze, a reshape), or a layer rebuilt with the sizes that arrive, assigned
at its path from the root model. Each comes with the failing torch operation, to re-run on
stand-ins with and without the change (`check.verdict`)."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from torchwhy.diagnosis import Culprit, TensorFacts
from torchwhy.dtypes import CAST_METHOD
from torchwhy.fixes import standins
from torchwhy.fixes.check import Operation
from torchwhy.fixes.code import module_path_code, replace_once, statement_at
from torchwhy.fixes.frame_names import FrameNames, frame_names
from torchwhy.fixes.standins import CannotCheck
from torchwhy.provenance.trace import ModuleFacts, Operand, Trace


@dataclass(frozen=True)
class Proposal:
    title: str
    code: str
    names: FrameNames | None  # the frame the code goes into
    operation: Operation | None = None  # None: nothing to re-run


@dataclass(frozen=True)
class Situation:
    """What a writer may use: the reading, its captures, the culprits and the trace."""

    entry: str
    category: str
    captures: dict[str, str]
    culprits: list[Culprit]
    trace: Trace


@dataclass(frozen=True)
class Change:
    """An expression-level change: `labels` -> `labels.long()`, and the same on a tensor."""

    title: str
    rewrite: Callable[[str], str]
    apply: Callable[[Any], Any]
    # The facts of the changed tensor, for layers rebuilt around it: (shape, dtype).
    facts: Callable[[TensorFacts], TensorFacts] | None = None


_CAST_SUFFIX = re.compile(rf"\.(?:{'|'.join(sorted({*CAST_METHOD.values(), 'int'}))})\(\)$")


def _cast(method: str, title: str) -> Change:
    def rewrite(expression: str) -> str:
        return _CAST_SUFFIX.sub("", expression) + f".{method}()"

    return Change(title, rewrite, lambda t: getattr(t, method)())


# Loss modules and the functions they call.
_LOSS_FUNCTION = {
    "CrossEntropyLoss": "cross_entropy",
    "NLLLoss": "nll_loss",
    "BCEWithLogitsLoss": "binary_cross_entropy_with_logits",
    "BCELoss": "binary_cross_entropy",
    "MSELoss": "mse_loss",
    "L1Loss": "l1_loss",
    "SmoothL1Loss": "smooth_l1_loss",
    "HuberLoss": "huber_loss",
}
_MATMUL_CALLEES = {"mm", "matmul", "bmm", None, "__matmul__"}


def _innermost(trace: Trace) -> list[Operand]:
    return [op for op in trace.operands if op.user_depth == 0]


def _operand_for(situation: Situation, roles: tuple[str, ...]) -> Operand | None:
    """The operand of the failing call the culprit was passed as, else the first in a role."""
    operands = [op for op in _innermost(situation.trace) if op.kind == "tensor" and op.tensor]
    names = {n for c in situation.culprits[:1] for n in (c.passed_as, c.expression) if n}
    for op in operands:
        if op.expression in names and (not roles or not op.roles or set(op.roles) & set(roles)):
            return op
    return next((op for op in operands if set(op.roles[-1:]) & set(roles)), None)


def _partner(situation: Situation, operand: Operand, role: str) -> Operand | None:
    return next(
        (
            op
            for op in _innermost(situation.trace)
            if op is not operand and op.tensor and role in op.roles and op.line == operand.line
        ),
        None,
    )


def _edit(operand: Operand, change: Change) -> tuple[str, FrameNames | None] | None:
    statement = statement_at(operand.file, operand.line)
    if statement is None or statement.startswith(("raise", "assert")):
        return None  # a hand-written check is no torch call to change
    edited = replace_once(statement, operand.expression, change.rewrite(operand.expression))
    return (edited, frame_names(operand.file, operand.line)) if edited else None


def _raising_layer(trace: Trace) -> ModuleFacts | None:
    on_stack = [m for m in trace.modules if m.stack_index >= 0]
    return max(on_stack, key=lambda m: m.stack_index) if on_stack else None


# --- losses -----------------------------------------------------------------------------


def _loss_function(operand: Operand) -> Callable[..., Any] | None:
    import torch.nn.functional as F

    name = operand.callee
    if operand.callee_module is not None:
        name = _LOSS_FUNCTION.get(operand.callee_module.type_name)
    if not name or not name.endswith(("_loss", "entropy", "logits")):
        return None  # only torch's own loss functions are re-run
    return getattr(F, name, None)


def _loss_edit(situation: Situation, side: str, change: Change) -> Proposal | None:
    target = _operand_for(situation, (side,))
    if target is None:
        return None
    other_role = "input" if side == "target" else "target"
    other = _partner(situation, target, other_role)
    function = _loss_function(target)
    edited = _edit(target, change)
    if edited is None:
        return None
    code, names = edited
    operation = None
    if function is not None and other is not None:

        def operation(fixed: bool, expanded: bool) -> Any:
            mine = standins.tensor(target.tensor, expanded=expanded)
            theirs = standins.tensor(other.tensor, expanded=expanded)
            if fixed:
                mine = change.apply(mine)
            pair = (theirs, mine) if side == "target" else (mine, theirs)
            return function(*pair)

    return Proposal(change.title, code, names, operation)


def _target_dtype(situation: Situation) -> Iterator[Proposal | None]:
    if situation.category == "dtype/target-not-long":
        yield _loss_edit(
            situation,
            "target",
            _cast("long", "Cast the target to int64 class indices where the loss is called"),
        )
    elif situation.category == "dtype/target-not-float":
        target = _operand_for(situation, ("target",))
        other = _partner(situation, target, "input") if target else None
        dtype = (other.tensor.dtype if other and other.tensor else None) or "float32"
        method = CAST_METHOD.get(dtype, "float")
        yield _loss_edit(
            situation,
            "target",
            _cast(
                method,
                f"Cast the target to {dtype}, the prediction's dtype, where the loss is called",
            ),
        )


def _target_shape(situation: Situation) -> Iterator[Proposal | None]:
    """Candidate reshapes of the target (or the prediction) at the loss call; the check
    keeps those torch accepts, in this order of plausibility."""
    target = _operand_for(situation, ("target",))
    other = _partner(situation, target, "input") if target else None
    if not (target and other and target.tensor.shape is not None and other.tensor.shape):
        return
    t, i = target.tensor.shape, other.tensor.shape
    floating = (target.tensor.dtype or "").startswith(("float", "bfloat"))
    if len(i) >= 3 and len(t) == len(i) - 1 and i[:1] + i[2:] != t and i[:-1] == t:
        order = (0, len(i) - 1, *range(1, len(i) - 1))
        text = ", ".join(map(str, order))
        after = ", ".join(str(i[k]) for k in order)
        yield _loss_edit(
            situation,
            "input",
            Change(
                f"Put the class dimension second: ({', '.join(map(str, i))}) -> ({after})",
                lambda e: f"{e}.permute({text})",
                lambda x: x.permute(*order),
            ),
        )
    if len(t) == len(i) and len(t) >= 3 and t[1] == 1:
        cast = ".long()" if floating else ""
        yield _loss_edit(
            situation,
            "target",
            Change(
                "Drop the mask's channel dimension: (N, 1, H, W) -> (N, H, W)",
                lambda e: f"{e}.squeeze(1){cast}",
                lambda x: x.squeeze(1).long() if cast else x.squeeze(1),
            ),
        )
    if len(t) == len(i) and t and t[-1] == 1 and i[-1] != 1:
        yield _loss_edit(
            situation,
            "target",
            Change(
                "Drop the target's extra dimension of size 1",
                lambda e: f"{e}.squeeze(-1)",
                lambda x: x.squeeze(-1),
            ),
        )
    if len(i) == len(t) + 1 and i[-1] == 1:
        yield _loss_edit(
            situation,
            "input",
            Change(
                "Drop the prediction's single output column to match the target",
                lambda e: f"{e}.squeeze(-1)",
                lambda x: x.squeeze(-1),
            ),
        )
    if len(t) == len(i) == 2 and t == i and not floating:
        yield _loss_edit(
            situation,
            "target",
            Change(
                "Pass class indices, not one-hot rows: the argmax of each row",
                lambda e: f"{e}.argmax(dim=1)",
                lambda x: x.argmax(dim=1),
            ),
        )
    if len(t) == len(i) == 2 and t == i and floating:
        yield _loss_edit(
            situation,
            "target",
            Change(
                "Pass class indices (the argmax of each one-hot row) as int64",
                lambda e: f"{e}.argmax(dim=1)",
                lambda x: x.argmax(dim=1),
            ),
        )


# --- layers -----------------------------------------------------------------------------


def _layer_input(situation: Situation, change: Change) -> Proposal | None:
    """Change the tensor the user passes where it goes into the layer that raised."""
    layer = _raising_layer(situation.trace)
    operand = _operand_for(situation, ("input", "x", "mat1", "indices"))
    if operand is None:
        return None
    edited = _edit(operand, change)
    if edited is None:
        return None
    code, names = edited
    operation = None
    # The change is checked on the layer only when the tensor reaches it unchanged.
    if layer is not None and layer.input is not None and layer.input == operand.tensor:

        def operation(fixed: bool, expanded: bool) -> Any:
            module = standins.layer(layer)
            x = standins.tensor(operand.tensor, expanded=expanded)
            return standins.call_layer(
                module, (change.apply(x) if fixed else x,), expanded=expanded
            )

    return Proposal(change.title, code, names, operation)


def _root_frame(path: str, trace: Trace) -> FrameNames | None:
    """The outermost user frame that binds the model's root name."""
    root = path.split(".")[0]
    for frame in trace.frames:
        if frame.is_user:
            names = frame_names(frame.file, frame.line)
            if names and root in names.bound:
                return names
    return None


def _constructor_arguments(type_name: str, config: dict[str, str]) -> str | None:
    """`4096, 256` or `3, 16, (3, 3), padding=(1, 1)`: the sizes positionally, as people
    write them, everything else by keyword and only where it differs from torch's default."""
    import inspect

    import torch

    try:
        parameters = inspect.signature(getattr(torch.nn, type_name)).parameters
    except (AttributeError, TypeError, ValueError):
        return None
    positional, keywords = [], []
    for index, (name, parameter) in enumerate(parameters.items()):
        if name not in config:
            continue
        value = config[name]
        default = parameter.default
        if default is not inspect.Parameter.empty and standins.same_value(value, default):
            continue
        if index == len(positional) and default is inspect.Parameter.empty:
            positional.append(value)
        else:
            keywords.append(f"{name}={value}")
    return ", ".join(positional + keywords)


def _rebuilt_layer(situation: Situation, type_name: str, **sizes: Any) -> Proposal | None:
    """`model.classifier[0] = nn.Linear(4096, 256)`: only for a leaf of that very type."""
    layer = _raising_layer(situation.trace)
    if layer is None or layer.path is None or layer.input is None:
        return None
    names = _root_frame(layer.path, situation.trace)
    spelled = names.nn_class(type_name) if names else None
    if spelled is None:
        return None
    config = {**dict(layer.config), **{k: repr(v) for k, v in sizes.items()}}
    keys = [k for k, _ in layer.config] or list(sizes)
    arguments = _constructor_arguments(type_name, {k: config[k] for k in keys if k in config})
    if arguments is None:
        return None
    code = f"{module_path_code(layer.path)} = {spelled}({arguments})"
    rebuilt = ModuleFacts(layer.path, type_name, tuple((k, config[k]) for k in keys), layer.weight)

    def operation(fixed: bool, expanded: bool) -> Any:
        module = standins.layer(rebuilt if fixed else layer)
        x = standins.tensor(layer.input, expanded=expanded)
        return standins.call_layer(module, (x,), expanded=expanded)

    title = f"Rebuild `{module_path_code(layer.path)}` for the input that arrives: {type_name}({arguments})"
    return Proposal(title, code, names, operation)


def _layer_fixes(situation: Situation) -> Iterator[Proposal | None]:
    layer = _raising_layer(situation.trace)
    shape = layer.input.shape if layer and layer.input else None
    entry = situation.entry
    if layer is None or not shape:
        return
    kind = layer.type_name
    if kind == "Linear" and situation.category == "shape/matmul-mismatch":
        yield _rebuilt_layer(situation, "Linear", in_features=shape[-1])
    elif kind == "LayerNorm":
        yield _rebuilt_layer(situation, "LayerNorm", normalized_shape=shape[-1])
    elif kind.startswith(("BatchNorm", "InstanceNorm")) and len(shape) >= 2:
        family = kind[:-2]
        rank = {2: "1d", 3: "1d", 4: "2d", 5: "3d"}.get(len(shape))
        if rank and family + rank != kind and entry == "batchnorm-input-rank":
            yield _rebuilt_layer(situation, family + rank, num_features=shape[1])
        elif dict(layer.config).get("num_features") != str(shape[1]):
            yield _rebuilt_layer(situation, kind, num_features=shape[1])
    elif kind.startswith("Conv") and situation.category == "shape/conv-channels":
        if entry == "conv-channels-last-image" and len(shape) == 4:
            yield _layer_input(
                situation,
                Change(
                    "Move the channels first: (N, H, W, C) -> (N, C, H, W)",
                    lambda e: f"{e}.permute(0, 3, 1, 2)",
                    lambda x: x.permute(0, 3, 1, 2),
                ),
            )
        elif entry == "conv-grayscale-rgb-mismatch" and len(shape) == 4:
            channels = dict(layer.config).get("in_channels", "3")
            yield _layer_input(
                situation,
                Change(
                    f"Repeat the single gray channel {channels} times",
                    lambda e: f"{e}.repeat(1, {channels}, 1, 1)",
                    lambda x: x.repeat(1, int(channels), 1, 1),
                ),
            )
        if entry != "conv-channels-last-image":
            yield _rebuilt_layer(situation, kind, in_channels=shape[1])
    elif (
        kind in {"Embedding", "EmbeddingBag"}
        and situation.category == "index/embedding-out-of-range"
    ):
        ids = situation.trace and _operand_for(situation, ("input", "indices"))
        largest = ids.tensor.max if ids and ids.tensor and layer.input == ids.tensor else None
        # A pretrained Hugging Face model (`BertModel`) is resized, never given a fresh table.
        pretrained = any(m.type_name.endswith("Model") for m in situation.trace.modules)
        if largest is not None and not pretrained:
            yield _rebuilt_layer(situation, kind, num_embeddings=int(largest) + 1)
    elif kind in {"LSTM", "GRU", "RNN"} and dict(layer.config).get("input_size") not in {
        None,
        str(shape[-1]),
    }:
        yield _rebuilt_layer(situation, kind, input_size=shape[-1])
    elif kind.startswith("Conv") and situation.category == "shape/missing-batch-dim":
        yield _layer_input(
            situation,
            Change(
                "Add the batch dimension", lambda e: f"{e}.unsqueeze(0)", lambda x: x.unsqueeze(0)
            ),
        )
        yield _layer_input(
            situation,
            Change(
                "Add the batch and channel dimensions",
                lambda e: f"{e}.unsqueeze(0).unsqueeze(0)",
                lambda x: x.unsqueeze(0).unsqueeze(0),
            ),
        )


def _input_dtype(situation: Situation) -> Iterator[Proposal | None]:
    layer = _raising_layer(situation.trace)
    if layer is None:
        return
    wanted = layer.weight.dtype if layer.weight else None
    if situation.category == "dtype/index-not-integer":
        if layer.type_name not in {"Embedding", "EmbeddingBag"}:
            return
        wanted = "int64"
        yield _layer_input(
            situation,
            _cast("long", "Cast the ids to int64: an embedding looks rows up by integer index"),
        )
        return
    method = CAST_METHOD.get(wanted or "")
    if method:
        yield _layer_input(
            situation, _cast(method, f"Cast the input to {wanted}, the dtype the layer expects")
        )


# --- matrix products without a layer ----------------------------------------------------


def _transpose(shape: tuple[int, ...]) -> Change:
    if len(shape) == 2:
        return Change("", lambda e: f"{e}.T", lambda x: x.T)
    return Change("", lambda e: f"{e}.transpose(-2, -1)", lambda x: x.transpose(-2, -1))


def _operands_product(situation: Situation) -> Iterator[Proposal | None]:
    tensors = [
        op
        for op in _innermost(situation.trace)
        if op.kind == "tensor"
        and op.tensor
        and op.tensor.shape is not None
        and op.callee in _MATMUL_CALLEES
    ]
    lines = {op.line for op in tensors}
    if len(tensors) != 2 or len(lines) != 1:
        return
    a, b = sorted(tensors, key=lambda op: (op.slot or 0, op.position or 0))
    sa, sb = a.tensor.shape, b.tensor.shape
    if not sa or not sb:
        yield _scalar_product(a, b)
        return
    if len(sa) < 2 or len(sb) < 2 or sa[-1] == sb[-2]:
        return
    import torch

    for which in (b, a):
        shape = which.tensor.shape
        turned = (*shape[:-2], shape[-1], shape[-2])
        fa, fb = (sa, turned) if which is b else (turned, sb)
        if fa[-1] != fb[-2]:
            continue
        change = _transpose(shape)
        edited = _edit(which, change)
        if edited is None:
            continue
        title = (
            f"Transpose `{which.expression}`: its ({', '.join(map(str, shape))}) is the wrong "
            f"way round; ({', '.join(map(str, fa))}) @ ({', '.join(map(str, fb))}) contracts "
            f"the {fa[-1]} shared entries"
        )
        first = which is a

        def operation(
            fixed: bool, expanded: bool, first: bool = first, change: Change = change
        ) -> Any:
            x = standins.tensor(a.tensor, expanded=expanded)
            y = standins.tensor(b.tensor, expanded=expanded)
            if fixed:
                x, y = (change.apply(x), y) if first else (x, change.apply(y))
            return torch.matmul(x, y)

        yield Proposal(title, edited[0], edited[1], operation)


def _scalar_product(a: Operand, b: Operand) -> Proposal | None:
    """`torch.matmul(scale, weights)` with a 0-d `scale`: scale elementwise with `*`."""
    import torch

    statement = statement_at(a.file, a.line)
    if statement is None:
        return None
    for node in ast.walk(ast.parse(statement)):
        segments = None
        if isinstance(node, ast.Call):
            segments = [ast.get_source_segment(statement, arg) for arg in node.args]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            segments = [ast.get_source_segment(statement, n) for n in (node.left, node.right)]
        if segments == [a.expression, b.expression]:
            whole = ast.get_source_segment(statement, node) or ""
            if statement.count(whole) != 1:
                return None
            code = statement.replace(whole, f"{a.expression} * {b.expression}")

            def operation(fixed: bool, expanded: bool) -> Any:
                x = standins.tensor(a.tensor, expanded=expanded)
                y = standins.tensor(b.tensor, expanded=expanded)
                return x * y if fixed else torch.matmul(x, y)

            title = "A 0-d tensor scales elementwise: multiply with `*`, not a matrix product"
            return Proposal(title, code, frame_names(a.file, a.line), operation)
    return None


# --- views ------------------------------------------------------------------------------


def _view_call(statement: str, receiver: str) -> ast.Call | None:
    for node in ast.walk(ast.parse(statement)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"view", "reshape"}
            and ast.get_source_segment(statement, node.func.value) == receiver
        ):
            return node
    return None


def _views(situation: Situation) -> Iterator[Proposal | None]:
    operand = _operand_for(situation, ("input", "self"))
    if operand is None or operand.callee not in {"view", "reshape"}:
        return
    statement = statement_at(operand.file, operand.line)
    call = _view_call(statement, operand.expression) if statement else None
    shape = operand.tensor.shape
    if (
        call is None
        or not shape
        or call.keywords
        or any(isinstance(a, ast.Starred) for a in call.args)
    ):
        return
    x = operand.expression
    method = call.func.attr
    requested = [ast.get_source_segment(statement, arg) or "" for arg in call.args]
    numbers = [int(n) for n in re.findall(r"-?\d+", situation.captures.get("shape", ""))]
    names = frame_names(operand.file, operand.line)
    candidates: list[tuple[str, str, Callable[[Any], Any]]] = []
    if len(shape) == 3 and len(requested) == 4 and len(numbers) == 4 and numbers[1] > 0:
        heads = numbers[1]
        # (B, T, C) -> (B, h, T, d): split the channels, then swap; a view straight to
        # (B, h, T, d) would mix time steps into heads.
        candidates.append(
            (
                f"Split the {shape[2]} channels into {heads} heads, then move heads before time",
                f"{x}.{method}({x}.size(0), {x}.size(1), {requested[1]}, -1).transpose(1, 2)",
                lambda t: t.view(t.size(0), t.size(1), heads, -1).transpose(1, 2),
            )
        )
    if len(shape) >= 2 and len(requested) == 2:
        candidates.append(
            (
                "Keep the batch dimension, read from the tensor, and flatten the rest",
                f"{x}.{method}({x}.size(0), -1)",
                lambda t: t.reshape(t.size(0), -1),
            )
        )
    call_text = ast.get_source_segment(statement, call) or ""
    for title, text, apply in candidates:
        edited = statement.replace(call_text, text, 1) if statement.count(call_text) == 1 else None
        if not edited:
            continue

        def operation(fixed: bool, expanded: bool, apply: Callable = apply) -> Any:
            t = standins.tensor(operand.tensor, expanded=expanded)
            return apply(t) if fixed else t.reshape(*numbers)

        if not numbers:
            operation = None  # type: ignore[assignment]
        yield Proposal(title, edited, names, operation)


def _non_contiguous(situation: Situation) -> Iterator[Proposal | None]:
    for op in _innermost(situation.trace):
        if op.callee == "view" and "input" in op.roles:
            statement = statement_at(op.file, op.line)
            if statement and statement.count(f"{op.expression}.view(") == 1:
                code = statement.replace(f"{op.expression}.view(", f"{op.expression}.reshape(")
                yield Proposal(
                    "Use reshape, which copies when the layout needs it",
                    code,
                    frame_names(op.file, op.line),
                )
            return


# --- any torch call on the failing line ---------------------------------------------------


def _value(op: Operand, expanded: bool) -> Any:
    if op.kind == "tensor" and op.tensor is not None:
        return standins.tensor(op.tensor, expanded=expanded)
    if op.kind == "int" and op.int_value is not None:
        return op.int_value
    if op.kind == "none":
        return None
    if op.literal:
        try:
            return ast.literal_eval(op.expression)
        except (ValueError, SyntaxError):
            pass
    raise CannotCheck(f"no stand-in for {op.expression}")


def _torch_callable(name: str | None, has_receiver: bool) -> Callable[..., Any] | None:
    import torch
    import torch.nn.functional as F

    if not name or name.startswith("_"):
        return None
    if has_receiver:
        method = getattr(torch.Tensor, name, None)
        return method if callable(method) else None
    function = getattr(F, name, None) or getattr(torch, name, None)
    return function if callable(function) and not isinstance(function, type) else None


_OPERATORS = {
    ast.Add: "add",
    ast.Sub: "sub",
    ast.Mult: "mul",
    ast.Div: "truediv",
    ast.MatMult: "matmul",
    ast.FloorDiv: "floordiv",
    ast.Pow: "pow",
}


def _operator_between(operand: Operand, ops: list[Operand]) -> Callable[..., Any] | None:
    """`operator.mul` for `a * b`, read from the statement where both operands meet."""
    import operator

    statement = statement_at(operand.file, operand.line)
    if statement is None:
        return None
    pair = sorted((op for op in ops if op.position in (0, 1)), key=lambda op: op.position or 0)
    if len(pair) != 2:
        return None
    for node in ast.walk(ast.parse(statement)):
        if (
            isinstance(node, ast.BinOp)
            and ast.get_source_segment(statement, node.left) == pair[0].expression
            and ast.get_source_segment(statement, node.right) == pair[1].expression
        ):
            name = _OPERATORS.get(type(node.op))
            return getattr(operator, name) if name else None
    return None


def _call_on_line(situation: Situation, operand: Operand, change: Change) -> Operation | None:
    """The torch call the operand was passed to, re-run from the recorded arguments: a
    function of torch or torch.nn.functional, a Tensor method, or a subscript."""
    ops = [
        op
        for op in _innermost(situation.trace)
        if op.line == operand.line and op.callee == operand.callee
    ]
    receiver = next((op for op in ops if op.position == -1), None)
    subscript = operand.callee is None and any("index" in op.roles for op in ops)
    layer = operand.callee_module
    function: Callable[..., Any] | None = None
    if layer is not None:
        function = None  # rebuilt from its facts on each run
    elif operand.callee is None and not subscript:
        function = _operator_between(operand, ops)
    elif not subscript:
        function = _torch_callable(operand.callee, receiver is not None)
    if function is None and layer is None and not subscript:
        return None
    positional = sorted(
        (op for op in ops if op.position is not None and op.position >= 0),
        key=lambda op: op.position or 0,
    )
    if [op.position for op in positional] != list(range(len(positional))):
        return None  # a starred or unread argument: the call cannot be rebuilt

    def operation(fixed: bool, expanded: bool) -> Any:
        def value(op: Operand) -> Any:
            made = _value(op, expanded)
            return change.apply(made) if fixed and op is operand else made

        args = [value(op) for op in positional]
        kwargs = {op.keyword: value(op) for op in ops if op.keyword}
        if layer is not None:
            return standins.layer(layer)(*args, **kwargs)
        if subscript:
            index = tuple(args) if len(args) > 1 else args[0]
            return value(receiver)[index]
        if receiver is not None:
            return function(value(receiver), *args, **kwargs)
        return function(*args, **kwargs)

    return operation


def _edit_call(situation: Situation, roles: tuple[str, ...], change: Change) -> Proposal | None:
    operand = _operand_for(situation, roles)
    if operand is None:
        return None
    edited = _edit(operand, change)
    if edited is None:
        return None
    return Proposal(change.title, edited[0], edited[1], _call_on_line(situation, operand, change))


def _integer_index(situation: Situation) -> Iterator[Proposal | None]:
    yield _edit_call(
        situation, ("index", "indices", "input", "tensor"), _cast("long", "Cast the index to int64")
    )


def _add_dims(situation: Situation) -> Iterator[Proposal | None]:
    operand = _operand_for(situation, ("input",))
    if operand is None or not operand.tensor.shape:
        return
    for count in (1, 2):
        text = ".unsqueeze(0)" * count
        yield _edit_call(
            situation,
            ("input",),
            Change(
                "Add the missing batch dimension"
                if count == 1
                else "Add the batch and channel dimensions",
                lambda e, text=text: f"{e}{text}",
                lambda x, count=count: x[(None,) * count],
            ),
        )


# --- devices ----------------------------------------------------------------------------


def _fake_devices(operation: Operation) -> Operation:
    """Devices other than the CPU exist only in FakeTensorMode on a machine without them."""

    def run(fixed: bool, expanded: bool) -> Any:
        if expanded:
            raise CannotCheck("devices are checked once, in FakeTensorMode")
        from torch._subclasses.fake_tensor import FakeTensorMode

        token = standins.RECORDED_DEVICES.set(True)
        try:
            with FakeTensorMode(allow_non_fake_inputs=True):
                return operation(fixed, False)
        finally:
            standins.RECORDED_DEVICES.reset(token)

    return run


def _devices(situation: Situation) -> Iterator[Proposal | None]:
    if situation.entry in {"device-mismatch-meta-tensor", "meta-tensor-no-data"}:
        return  # weights never materialised: moving tensors is no fix
    operand = _operand_for(situation, ())
    if operand is None or not operand.tensor.device:
        return
    layer = _raising_layer(situation.trace)
    partner = next(
        (
            op
            for op in _innermost(situation.trace)
            if op.line == operand.line
            and op is not operand
            and op.tensor
            and op.tensor.device
            and op.tensor.device != operand.tensor.device
        ),
        None,
    )
    if partner is not None:
        target = (
            f"{partner.expression}.device"
            if partner.expression.isidentifier()
            else repr(partner.tensor.device)
        )
        device = partner.tensor.device
        change = Change(
            f"Move `{operand.expression}` to the device of `{partner.expression}` ({device})",
            lambda e: f"{e}.to({target})",
            lambda x: x.to(device),
        )
        proposal = _edit_call(situation, (), change)
        if proposal is not None and proposal.operation is not None:
            proposal = Proposal(
                proposal.title, proposal.code, proposal.names, _fake_devices(proposal.operation)
            )
        yield proposal
    elif layer is not None and layer.weight is not None and layer.weight.device:
        yield from _layer_device(situation, operand, layer)


def _layer_device(situation: Situation, operand: Operand, layer: ModuleFacts) -> Iterator[Proposal]:
    weights, data = layer.weight.device, operand.tensor.device
    if weights == data or layer.input != operand.tensor:
        return
    statement = statement_at(operand.file, operand.line)
    names = frame_names(operand.file, operand.line)
    holder = next(
        (
            op
            for op in _innermost(situation.trace)
            if op.line == operand.line and op.kind == "module" and op.callee == operand.callee
        ),
        None,
    )

    def run(layer_device: str, input_device: str) -> Any:
        module = standins.layer(
            ModuleFacts(
                layer.path,
                layer.type_name,
                layer.config,
                TensorFacts(
                    shape=layer.weight.shape, dtype=layer.weight.dtype, device=layer_device
                ),
            )
        )
        x = standins.tensor(
            TensorFacts(shape=operand.tensor.shape, dtype=operand.tensor.dtype, device=input_device)
        )
        return module(x)

    if statement and holder is not None and holder.expression.replace(".", "").isidentifier():
        yield Proposal(
            f"Move `{holder.expression}` to the device of its input ({data}) before calling it",
            f"{holder.expression}.to({data!r})\n{statement}",
            names,
            _fake_devices(lambda fixed, _: run(data if fixed else weights, data)),
        )
    change = Change(
        f"Move `{operand.expression}` to the layer's device ({weights})",
        lambda e: f"{e}.to({weights!r})",
        lambda x: x,
    )
    edited = _edit(operand, change)
    if edited is not None:
        yield Proposal(
            change.title,
            edited[0],
            edited[1],
            _fake_devices(lambda fixed, _: run(weights, weights if fixed else data)),
        )


# --- index guards -----------------------------------------------------------------------


def _index_guard(situation: Situation) -> Iterator[Proposal | None]:
    """`assert int(ids.max()) < table.size(0), ...` right before the failing statement, in
    the user's names: it stops at the batch that holds the bad index, with the numbers."""
    index = _operand_for(situation, ("index",))
    if index is None or index.callee not in {"gather", "index_select", "scatter", "scatter_", None}:
        return
    source = next(
        (
            op
            for op in _innermost(situation.trace)
            if op.line == index.line
            and op is not index
            and op.tensor
            and set(op.roles) & {"input", "self"}
        ),
        None,
    )
    dim = next(
        (
            op.expression
            for op in _innermost(situation.trace)
            if op.line == index.line and "dim" in op.roles and op.kind == "int"
        ),
        "0" if index.callee is None else None,
    )
    statement = statement_at(index.file, index.line)
    if source is None or dim is None or statement is None:
        return
    i, s = index.expression, source.expression
    guard = (
        f"assert 0 <= int({i}.min()) and int({i}.max()) < {s}.size({dim}), "
        f"(int({i}.min()), int({i}.max()), {s}.size({dim}))"
    )
    yield Proposal(
        f"Stop at the bad index with its numbers: `{i}` must lie in 0..{s}.size({dim}) - 1",
        f"{guard}\n{statement}",
        frame_names(index.file, index.line),
    )


_WRITERS: dict[str, tuple[Callable[[Situation], Iterator[Proposal | None]], ...]] = {
    "dtype/target-not-long": (_target_dtype, _target_shape),
    "dtype/target-not-float": (_target_dtype, _target_shape),
    "shape/target-shape": (_target_shape,),
    "dtype/input-weight-mismatch": (_input_dtype,),
    "dtype/index-not-integer": (_input_dtype, _integer_index),
    "device/tensor-mismatch": (_devices,),
    "shape/matmul-mismatch": (_operands_product, _layer_fixes),
    "shape/conv-channels": (_layer_fixes,),
    "shape/missing-batch-dim": (_layer_fixes, _add_dims),
    "shape/invalid-view": (_views,),
    "index/embedding-out-of-range": (_layer_fixes,),
    "index/out-of-bounds": (_index_guard,),
}


def proposals(situation: Situation) -> Iterator[Proposal]:
    """Fixes written from the facts, most specific first (unchecked)."""
    writers = _WRITERS.get(situation.category, ())
    if situation.entry == "view-non-contiguous":
        writers = (_non_contiguous,)
    for writer in writers:
        try:
            for proposal in writer(situation):
                if proposal is not None:
                    yield proposal
        except (CannotCheck, SyntaxError, ValueError, TypeError, AttributeError, IndexError):
            continue  # a writer that cannot read the facts writes nothing
