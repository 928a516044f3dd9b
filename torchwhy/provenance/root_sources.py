"""Values one step behind the failing line, where the bug a user would fix was made.

The failing line names operands; the root cause is often a step away: the setting read
where a tensor or model was made (`args.hidden`), the user's helper that returned it, the
layer a model returns from, the dataset attribute pickle refused, what `__getitem__` returns,
the line a DataLoader worker failed at, an attribute hiding a method, a misspelt `forward`,
the model behind an optimizer, the call that needs a process group. Each is found in the
source and in instance dictionaries, never by running user code, and comes back as a
RawOperand with a role the ranking rules read.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import re
import types
from collections.abc import Callable
from typing import Any

from torchwhy.diagnosis import Location
from torchwhy.provenance.assignments import (
    SourceIndex,
    forward_scope,
    function_scope,
    functions_around,
    last_assignment,
    method_scope,
    own_statements,
)
from torchwhy.provenance.binding import bind_call, is_primitive
from torchwhy.provenance.failing_line import executing_node, source_text
from torchwhy.provenance.frames import FrameClassifier, FrameEntry
from torchwhy.provenance.modules import holds_parameter, submodules_of
from torchwhy.provenance.operand_sources import MAX_ELEMENTS_NAMED, RawOperand
from torchwhy.provenance.origins import (
    Origin,
    attribute_site,
    attribute_statement,
    init_attribute_site,
    is_setting,
    no_grad_context,
    origin_of,
    returned_attribute,
    setting_site,
    source_lines,
    statement_location,
)
from torchwhy.provenance.safe_access import (
    UNKNOWN,
    called_function,
    class_attribute,
    class_dict,
    instance_dict,
    is_instance,
    is_subclass,
    safe_eval,
    type_mro,
)
from torchwhy.provenance.scope import freezing_helpers_called
from torchwhy.provenance.tensor_facts import is_inference_tensor, tensor_facts
from torchwhy.provenance.trace import Trace
from torchwhy.provenance.unpicklable import find_unpicklable, is_pickling_error
from torchwhy.provenance.worker import (
    worker_index,
    worker_key,
    worker_refused_argument,
    worker_statement_name,
)

_END_OF_FILE = 10**9


def origin_of_operand(raw: RawOperand, sources: SourceIndex) -> Origin | None:
    """The statement that last assigned a name the user wrote (`x` in `loss_fn(x, y)`);
    for a global read in a function, its module-level assignment."""
    node = raw.node
    if not isinstance(node, (ast.Name, ast.Attribute, ast.Subscript)):
        return None
    entry = raw.entry
    try:
        expression = ast.unparse(node)
    except Exception:
        return None
    lines = sources.lines_of(entry.frame)
    scope = sources.scope_of(entry.frame)
    found = origin_of(scope, expression, entry.line, entry.file, entry.function, lines)
    if found is None and isinstance(node, ast.Name) and node.id not in entry.local_values:
        module = sources.module_of(entry.frame)
        if module is not None and module is not scope:
            found = origin_of(module, expression, _END_OF_FILE, entry.file, "<module>", lines)
    if found is None and isinstance(node, ast.Name) and node.id in entry.frame.f_code.co_freevars:
        found = _closure_origin(node.id, entry, sources, scope, lines)
    return found


def _origin_of_name(name: str, entry: FrameEntry, sources: SourceIndex) -> Origin | None:
    """`origin_of_operand` for a name read in `entry`'s frame that no operand holds."""
    named = RawOperand(node=ast.Name(id=name), expression=name, entry=entry, user_depth=0)
    return origin_of_operand(named, sources)


def _closure_origin(
    name: str, entry: FrameEntry, sources: SourceIndex, scope: ast.AST | None, lines: Any
) -> Origin | None:
    """A name a lambda or nested function reads from the function around it: its last
    assignment there, above the line."""
    module = sources.module_of(entry.frame)
    if module is None or entry.line is None:
        return None
    enclosing = [node for node in functions_around(module, entry.line) if node is not scope]
    for function in enclosing:
        found = origin_of(function, name, entry.line, entry.file, function.name, lines)
        if found is not None:
            return found
    return None


def tensors_read_by(
    raw: RawOperand,
    f_locals: dict[str, Any],
    f_globals: dict[str, Any],
    source: Any,
    torch: Any,
) -> list[RawOperand]:
    """`mask == 0` cannot be read without running code; `mask`, the tensor it compares,
    can, and carries the facts (its device, shape) the result inherits; so does `bins`
    of `bins.unsqueeze(1)` (the dtype and device a shape-only method keeps)."""
    node = raw.node
    if raw.value is not UNKNOWN:
        return []
    if _keeps_dtype_and_device(node):
        # `bins.unsqueeze(1)`: the receiver has the dtype and device the call keeps.
        items: list[ast.AST] = [node.func.value]  # type: ignore[union-attr]
    elif isinstance(node, (ast.Compare, ast.BinOp, ast.UnaryOp)):
        items = list(ast.walk(node))
    else:
        return []
    found: list[RawOperand] = []
    for item in items:
        if not isinstance(item, (ast.Name, ast.Attribute)) or not isinstance(item.ctx, ast.Load):
            continue
        value = safe_eval(item, f_locals, f_globals, torch)
        if value is UNKNOWN or not is_instance(value, torch.Tensor):
            continue
        found.append(
            RawOperand(
                node=item,
                expression=source_text(item, source),
                entry=raw.entry,
                user_depth=raw.user_depth,
                position=raw.position,
                keyword=raw.keyword,
                value=value,
                roles=list(raw.roles),
                callee=raw.callee,
                slot=raw.slot,
            )
        )
    return found[:MAX_ELEMENTS_NAMED]


# Tensor methods that change a shape only: the result has its receiver's dtype and device
# (not transpose/permute/expand, whose non-contiguous result is itself a culprit).
_SHAPE_ONLY_METHODS = frozenset(
    {
        "unsqueeze",
        "squeeze",
        "view",
        "reshape",
        "flatten",
        "contiguous",
        "clone",
        "detach",
        "repeat",
    }
)


def _keeps_dtype_and_device(node: ast.AST | None) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _SHAPE_ONLY_METHODS
        and isinstance(node.func.value, (ast.Name, ast.Attribute))
    )


def settings_behind(
    raw_operands: list[RawOperand], torch: Any, sources: SourceIndex
) -> list[RawOperand]:
    """Integer settings read where a failing tensor or model was made: `cfg["window"]` in
    `windows = make_windows(series, cfg["window"])`, `args.hidden` in `model =
    Forecaster(args.hidden)`: the size the user chose, one step behind the value."""
    found: list[RawOperand] = []
    seen: set[str] = set()
    for raw in list(raw_operands):
        if raw.value is UNKNOWN or not (
            is_instance(raw.value, torch.Tensor) or is_instance(raw.value, torch.nn.Module)
        ):
            continue
        origin = origin_of_operand(raw, sources)
        value_node = getattr(origin.statement, "value", None) if origin else None
        if value_node is None:
            continue
        entry = raw.entry
        reshape_sizes = _reshape_size_arguments(value_node)
        for node in ast.walk(value_node):
            if not is_setting(node) and node not in reshape_sizes:
                continue
            value = safe_eval(node, entry.local_values, entry.frame.f_globals, torch)
            expression = source_text(node, sources.source_of(entry.frame))
            if type(value) is not int or expression in seen:
                continue
            seen.add(expression)
            found.append(
                RawOperand(
                    node=node,
                    expression=expression,
                    entry=entry,
                    user_depth=raw.user_depth,
                    value=value,
                    roles=["setting"],
                    made_at=setting_site(
                        sources.module_of(entry.frame),
                        node,
                        entry.file,
                        sources.lines_of(entry.frame),
                    ),
                    made_from=raw.expression,
                )
            )
            if len(found) >= MAX_ELEMENTS_NAMED:
                return found
    return found


EMPTY_PARAMETERS = "empty parameter list"


def freezers_of_filtered_parameters(
    raw_operands: list[RawOperand], entry: FrameEntry
) -> list[RawOperand]:
    """`AdamW(filter(lambda p: p.requires_grad, model.parameters()))` given nothing: the
    helper called above it that set `requires_grad = False` (`freeze_encoder(model)`)
    froze every parameter the filter would have kept."""
    if not any("requires_grad" in raw.expression for raw in raw_operands if raw.entry is entry):
        return []
    return [
        RawOperand(
            node=None,
            expression=name,
            entry=entry,
            user_depth=0,
            roles=["freezer"],
            made_at=location,
            made_from="requires_grad",
        )
        for name, location in freezing_helpers_called(entry)[:1]
    ]


INFERENCE_TENSORS = "Inference tensors"


def inference_tensors_made(
    raw_operands: list[RawOperand], torch: Any, sources: SourceIndex
) -> list[RawOperand]:
    """`train_X` of `xb = train_X[i:j]`, made by `torch.cat(feats)` inside `with
    torch.inference_mode()`: the inference tensor a failing operand was taken from,
    followed back through the statements that made it (names they read that are inference
    tensors too) to the one made inside the inference-mode block."""
    found: list[RawOperand] = []
    seen: set[str] = set()
    for raw in list(raw_operands):
        if raw.value is UNKNOWN or not is_instance(raw.value, torch.Tensor):
            continue
        if not is_inference_tensor(raw.value, torch) or not isinstance(raw.node, ast.Name):
            continue
        entry, name, value = raw.entry, raw.node.id, raw.value
        for _ in range(_INFERENCE_HOPS):
            origin = _origin_of_name(name, entry, sources)
            if origin is None:
                break
            context = no_grad_context(origin.statement, None)
            if context and "inference_mode" in context:
                if name not in seen:
                    seen.add(name)
                    found.append(
                        RawOperand(
                            node=None,
                            expression=name,
                            entry=raw.entry,
                            user_depth=raw.user_depth,
                            value=value,
                            roles=["inference-made"],
                            made_at=origin.location,
                            made_from=raw.expression,
                        )
                    )
                break
            value_node = getattr(origin.statement, "value", None)
            if value_node is None:
                break
            read = [
                node
                for node in ast.walk(value_node)
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
            ]
            sources_read = [
                (node.id, held)
                for node in read
                for held in [safe_eval(node, entry.local_values, entry.frame.f_globals, torch)]
                if held is not UNKNOWN
                and is_instance(held, torch.Tensor)
                and is_inference_tensor(held, torch)
            ]
            if len(sources_read) != 1:
                break
            name, value = sources_read[0]
    return found[:MAX_ELEMENTS_NAMED]


_INFERENCE_HOPS = 4


_SELF_ATTRIBUTE = re.compile(r"self\.(\w+)")


def settings_behind_state(
    raw_operands: list[RawOperand], classifier: FrameClassifier
) -> list[RawOperand]:
    """`config.num_attention_heads` behind `self.num_heads` in `x.view(b, t,
    self.num_heads, d)`: object state the class's `__init__` copied from a setting
    (`self.num_heads = config.num_attention_heads`) is the setting's story; the user
    changes the setting, not the attribute. Read from the class's source, never run."""
    found: list[RawOperand] = []
    for raw in list(raw_operands):
        attribute = _SELF_ATTRIBUTE.fullmatch(raw.expression)
        if attribute is None or type(raw.value) is not int or "self" not in raw.entry.local_values:
            continue
        init = method_scope(raw.entry.local_values["self"], "__init__", classifier.is_user)
        if init is None:
            continue
        scope, source = init
        set_by = attribute_statement(scope, raw.expression)
        value_node = getattr(set_by[0], "value", None) if set_by else None
        if value_node is None or not is_setting(value_node) or isinstance(value_node, ast.Name):
            continue
        statement, method = set_by  # type: ignore[misc]
        file, lines = getattr(source, "filename", raw.entry.file), source_lines(source)
        found.append(
            RawOperand(
                node=None,
                expression=source_text(value_node, source),
                entry=raw.entry,
                user_depth=raw.user_depth,
                value=raw.value,
                roles=["sets-state"],
                made_at=setting_site(getattr(source, "tree", None), value_node, file, lines)
                or statement_location(statement, file, lines, method.name),
                made_from=raw.expression,
            )
        )
    return found[:MAX_ELEMENTS_NAMED]


# An index past a size: the only readings a buffer's size can explain.
INDEX_BEYOND_SIZE = re.compile(r"out of (?:bounds|range)")
_FACTORIES = frozenset(
    {"zeros", "ones", "empty", "rand", "randn", "new_zeros", "new_ones", "new_empty"}
)


def sizes_behind_buffers(
    raw_operands: list[RawOperand],
    torch: Any,
    sources: SourceIndex,
    detailed: list[FrameEntry],
) -> list[RawOperand]:
    """`num_nodes` in `agg = torch.zeros(num_nodes, d)`: the variable that sized a buffer
    the failing call indexes into (`agg.index_add_(0, dst, ...)`), where an off-by-one
    count (`int(ids.max())` without `+ 1`) is made. Only names whose value reads as an int."""
    found: list[RawOperand] = []
    for raw in list(raw_operands):
        if raw.value is UNKNOWN or not is_instance(raw.value, torch.Tensor):
            continue
        origin = origin_of_operand(raw, sources)
        call = getattr(origin.statement, "value", None) if origin else None
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr in _FACTORIES
        ):
            continue
        sizes = call.args
        if len(sizes) == 1 and isinstance(sizes[0], (ast.Tuple, ast.List)):
            sizes = sizes[0].elts
        entry = raw.entry
        for size in sizes:
            if not isinstance(size, ast.Name):
                continue
            value = safe_eval(size, entry.local_values, entry.frame.f_globals, torch)
            if type(value) is not int:
                continue
            caller, name = passed_down(size.id, value, entry, detailed, torch, sources)
            where = _origin_of_name(name, caller, sources)
            found.append(
                RawOperand(
                    node=size,
                    expression=name,
                    entry=entry,
                    user_depth=raw.user_depth,
                    value=value,
                    roles=["buffer-size"],
                    made_at=where.location if where else None,
                    made_from=raw.expression,
                )
            )
    return found[:MAX_ELEMENTS_NAMED]


def passed_down(
    name: str,
    value: Any,
    entry: FrameEntry,
    detailed: list[FrameEntry],
    torch: Any,
    sources: SourceIndex,
) -> tuple[FrameEntry, str]:
    """For a plain value a function received as a parameter (`num_nodes`): the caller's
    name it was passed under, followed outward while each caller passed a name holding the
    same value and the callee did not rebind it; the frame where it was made."""
    while entry in detailed and detailed.index(entry) > 0:
        code = entry.frame.f_code
        if name not in code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]:
            break
        if last_assignment(sources.scope_of(entry.frame), name, entry.line) is not None:
            break
        caller = detailed[detailed.index(entry) - 1]
        call, _ = executing_node(caller)
        if not isinstance(call, ast.Call):
            break
        f_locals, f_globals = caller.local_values, caller.frame.f_globals
        called = safe_eval(call.func, f_locals, f_globals, torch)
        bound = bind_call(call, called, entry, f_locals, f_globals, torch)
        argument = next(
            (
                call.args[key[1]] if key[0] == "pos" else _keyword_value(call, key[1])
                for key, (parameter, _) in bound.items()
                if parameter == name and key != ("pos", -1)
            ),
            None,
        )
        if not isinstance(argument, ast.Name):
            break
        passed = safe_eval(argument, f_locals, f_globals, torch)
        same = passed is value or (
            is_primitive(value) and type(passed) is type(value) and passed == value
        )
        if not same:
            break
        entry, name = caller, argument.id
    return entry, name


def _keyword_value(call: ast.Call, name: str) -> ast.expr | None:
    return next((item.value for item in call.keywords if item.arg == name), None)


_RESHAPES = frozenset({"view", "reshape", "expand", "repeat", "unflatten"})


def _reshape_size_arguments(statement: ast.AST) -> list[ast.AST]:
    """`self.batch_size` in `x.view(self.batch_size, -1)`: object state used as a size
    is a setting too (the object's own attributes are not, elsewhere)."""
    return [
        argument
        for call in ast.walk(statement)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr in _RESHAPES
        for argument in call.args
        if isinstance(argument, ast.Attribute)
    ]


def helpers_behind(
    raw_operands: list[RawOperand],
    torch: Any,
    sources: SourceIndex,
    classifier: FrameClassifier,
) -> list[RawOperand]:
    """The user's own function that made a failing tensor (`loss = residual_loss(net,
    t)`), made at its `return`: the helper, gone from the stack, is where the value
    took its shape. Also the one that returned None (no `return` at all: made at its
    `def`)."""
    found: list[RawOperand] = []
    for raw in list(raw_operands):
        if raw.value is not None and (
            raw.value is UNKNOWN or not is_instance(raw.value, torch.Tensor)
        ):
            continue
        origin = origin_of_operand(raw, sources)
        call = getattr(origin.statement, "value", None) if origin else None
        if not isinstance(call, ast.Call) or not isinstance(call.func, (ast.Name, ast.Attribute)):
            continue
        entry = raw.entry
        # `self.criterion(...)`: the method's function, found on the owner's class.
        function = called_function(call.func, entry.local_values, entry.frame.f_globals, torch)
        scope = function_scope(function, classifier.is_user)
        if scope is None:
            continue
        node, source = scope
        returns = [item for item in own_statements(node) if isinstance(item, ast.Return)]
        if raw.value is None:  # where it returns nothing, else its `def` (no return at all)
            returns = [item for item in returns if _returns_nothing(item)]
        last = returns[-1] if returns else node
        lines = source_lines(source)
        found.append(
            RawOperand(
                node=call.func,
                expression=source_text(call.func, sources.source_of(entry.frame)),
                entry=entry,
                user_depth=raw.user_depth,
                roles=["helper"],
                made_at=statement_location(
                    last,
                    getattr(source, "filename", entry.file),
                    lines,
                    getattr(node, "name", None),
                ),
                made_from=raw.expression,
            )
        )
    return found[:MAX_ELEMENTS_NAMED]


def returned_name(
    raw: RawOperand, torch: Any, classifier: FrameClassifier
) -> tuple[str, Location, bool] | None:
    """For a tensor written as a call of the user's own code (`model(inputs)`,
    `preprocess(image)`): the name every `return` of that forward or helper returns
    (`logits`), where it was made there, and whether a plain helper (not a module) made it.

    An expert names such a value by the user's own name for it. Not when the name is one
    of the callee's parameters (`return x` after `x = self.fc(x)` would read as the caller's
    input) or names something else in the caller's frame."""
    call = raw.node
    if not isinstance(call, ast.Call) or not isinstance(call.func, (ast.Name, ast.Attribute)):
        return None
    if raw.value is UNKNOWN or not is_instance(raw.value, torch.Tensor):
        return None
    entry = raw.entry
    callee = called_function(call.func, entry.local_values, entry.frame.f_globals, torch)
    by_helper = not is_instance(callee, torch.nn.Module)
    scope = (
        function_scope(callee, classifier.is_user)
        if by_helper
        else forward_scope(callee, classifier.is_user)
    )
    if scope is None:
        return None
    node, source = scope
    returns = [item for item in own_statements(node) if isinstance(item, ast.Return)]
    names = {item.value.id if isinstance(item.value, ast.Name) else None for item in returns}
    if len(names) != 1 or None in names:
        return None
    name = names.pop()
    arguments = getattr(node, "args", None)
    parameters = (
        {argument.arg for argument in ast.walk(arguments) if isinstance(argument, ast.arg)}
        if arguments is not None
        else set()
    )
    if name in parameters or name in entry.local_values or name in entry.frame.f_globals:
        return None
    made = last_assignment(node, name, returns[-1].lineno)
    if made is None:
        return None
    lines = source_lines(source)
    return (
        name,
        statement_location(
            made, getattr(source, "filename", entry.file), lines, getattr(node, "name", None)
        ),
        by_helper,
    )


BATCH_OF_ONE = "Expected more than 1 value per channel when training"


def last_batch_loaders(
    message: str, raw_operands: list[RawOperand], torch: Any, sources: SourceIndex
) -> list[RawOperand]:
    """A batch of one drawn by `for x, y in train_loader` from a loader that batches more
    (`batch_size=32`) and keeps its last, partial batch (`drop_last=False`): the dataset's
    size left one sample over, which batch norm cannot normalise in training mode. The
    loader's settings are read from its instance dictionary, its dataset is never sized."""
    if BATCH_OF_ONE not in message:
        return []
    found: list[RawOperand] = []
    seen: set[int] = set()
    for raw in list(raw_operands):
        facts = tensor_facts(raw.value, torch) if is_instance(raw.value, torch.Tensor) else None
        if facts is None or not facts.shape or facts.shape[0] != 1:
            continue
        loader, node = _loader_behind(raw, torch, sources)
        if loader is None or node is None or id(loader) in seen:
            continue
        settings = instance_dict(loader) or {}
        batch_size = settings.get("batch_size")
        if type(batch_size) is not int or batch_size < 2 or settings.get("drop_last") is not False:
            continue
        seen.add(id(loader))
        found.append(
            RawOperand(
                node=node,
                expression=source_text(node, sources.source_of(raw.entry.frame)),
                entry=raw.entry,
                user_depth=raw.user_depth,
                value=loader,
                roles=["last-batch-loader"],
                made_from=raw.expression,
            )
        )
    return found


def rebound_globals(raw_operands: list[RawOperand], sources: SourceIndex) -> list[RawOperand]:
    """A global a function reads (`criterion` in a training cell) that the module binds to
    objects of different makers before and after the function's `def` (`nn.CrossEntropyLoss()`,
    then a later cell's `nn.BCEWithLogitsLoss()`), and whose current value is the last one's:
    the function now runs with the later binding, not the one it was written for."""
    found: list[RawOperand] = []
    for raw in raw_operands:
        node, entry = raw.node, raw.entry
        if not isinstance(node, ast.Name) or node.id in entry.local_values:
            continue
        module, scope = sources.module_of(entry.frame), sources.scope_of(entry.frame)
        if module is None or scope is None or module is scope:
            continue  # read at top level: the binding it reads is the one written above it
        makers = [
            (statement, statement.value.func)
            for statement in sorted(own_statements(module), key=lambda item: item.lineno)
            if isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == node.id for t in statement.targets)
            and isinstance(statement.value, ast.Call)
        ]
        if len(makers) < 2:
            continue
        (first, first_maker), (last, last_maker) = makers[0], makers[-1]
        last_name = ast.unparse(last_maker).rsplit(".", 1)[-1]
        if ast.unparse(first_maker) == ast.unparse(last_maker):
            continue
        if not first.lineno < getattr(scope, "lineno", 0) < last.lineno:
            continue  # the function was written after the last binding, for it
        if type(raw.value).__name__ != last_name:
            continue  # the current value is not the last binding's: no evidence
        lines = sources.lines_of(entry.frame)
        found.append(
            dataclasses.replace(
                raw,
                roles=["rebound-global"],
                made_at=statement_location(last, entry.file, lines, "<module>"),
                made_from=ast.unparse(first.value),
            )
        )
    return found[:MAX_ELEMENTS_NAMED]


def tensors_batched_by_loaders(
    raw_operands: list[RawOperand], torch: Any, sources: SourceIndex
) -> list[RawOperand]:
    """`for xb, yb in train_dl:` over a DataLoader of a TensorDataset: the tensor the user
    built the dataset from (`y_train`, the same object as the dataset's `tensors[1]`), named
    where it was made. Every batch takes its dtype from it."""
    found: list[RawOperand] = []
    for raw in raw_operands:
        if raw.value is UNKNOWN or not is_instance(raw.value, torch.Tensor):
            continue
        origin = origin_of_operand(raw, sources)
        statement = origin.statement if origin else None
        if not isinstance(statement, ast.For) or not isinstance(statement.target, ast.Tuple):
            continue
        names = [getattr(item, "id", None) for item in statement.target.elts]
        if raw.expression not in names:
            continue
        entry = raw.entry
        loader = safe_eval(statement.iter, entry.local_values, entry.frame.f_globals, torch)
        if loader is UNKNOWN or not is_instance(loader, torch.utils.data.DataLoader):
            continue
        dataset = (instance_dict(loader) or {}).get("dataset")
        if not is_instance(dataset, torch.utils.data.TensorDataset):
            continue
        tensors = (instance_dict(dataset) or {}).get("tensors")
        position = names.index(raw.expression)
        if type(tensors) is not tuple or position >= len(tensors):
            continue
        source = tensors[position]
        # Identity only: comparing objects with `is` runs no user code.
        name = next(
            (
                key
                for scope in (entry.local_values, entry.frame.f_globals)
                if type(scope) is dict
                for key, value in scope.items()
                if value is source and type(key) is str and key.isidentifier()
            ),
            None,
        )
        if name is None or name == raw.expression:
            continue
        named = RawOperand(
            node=ast.Name(id=name, ctx=ast.Load()),
            expression=name,
            entry=entry,
            user_depth=raw.user_depth,
            value=source,
            roles=[*raw.roles, "batch-source"],  # the batch's part (target, input) is its own
            made_from=raw.expression,
        )
        made = origin_of_operand(named, sources)
        found.append(dataclasses.replace(named, made_at=made.location if made else None))
    return found[:MAX_ELEMENTS_NAMED]


def tensors_selected_from(
    raw_operands: list[RawOperand], torch: Any, sources: SourceIndex
) -> list[RawOperand]:
    """`xb, yb = X_train_t[idx], y_train_t[idx]`: the tensor a batch is indexed out of,
    named where it was made (`X_train_t = torch.from_numpy(X_train)`); a selection keeps
    its dtype and device, so they were chosen there."""
    found: list[RawOperand] = []
    for raw in raw_operands:
        if raw.value is UNKNOWN or not is_instance(raw.value, torch.Tensor):
            continue
        origin = origin_of_operand(raw, sources)
        value = getattr(origin.statement, "value", None) if origin else None
        position = _unpacked_position(origin.statement, raw.expression) if origin else None
        if position is not None:
            elements = value.elts if isinstance(value, ast.Tuple) else []
            value = elements[position] if position < len(elements) else None
        if not isinstance(value, ast.Subscript) or not isinstance(value.value, ast.Name):
            continue
        entry, base = raw.entry, value.value
        held = safe_eval(base, entry.local_values, entry.frame.f_globals, torch)
        if held is UNKNOWN or not is_instance(held, torch.Tensor) or base.id == raw.expression:
            continue
        facts, base_facts = tensor_facts(raw.value, torch), tensor_facts(held, torch)
        if facts is None or base_facts is None:
            continue
        if (facts.dtype, facts.device) != (base_facts.dtype, base_facts.device):
            continue
        named = RawOperand(
            node=ast.Name(id=base.id, ctx=ast.Load()),
            expression=base.id,
            entry=entry,
            user_depth=raw.user_depth,
            value=held,
            roles=[*raw.roles, "selection-source"],
            made_from=raw.expression,
        )
        made = origin_of_operand(named, sources)
        found.append(dataclasses.replace(named, made_at=made.location if made else None))
    return found[:MAX_ELEMENTS_NAMED]


def saves_of_loaded_files(raw_operands: list[RawOperand], sources: SourceIndex) -> list[RawOperand]:
    """`torch.load(best_path)` of a file the same function (or module) wrote with
    `torch.save(ema_model.state_dict(), best_path)`: what was saved, at that line, read from
    the source. Whether it is to blame is the message's to say (ranking)."""
    found: list[RawOperand] = []
    for raw in raw_operands:
        call, key = _loaded_by(raw, sources)
        if call is None:
            continue
        path = ast.unparse(call.args[0])
        entry = raw.entry
        lines = sources.lines_of(entry.frame)
        save = _saved_through_helper(sources.module_of(entry.frame), path, key)
        if save is None and call is raw.node:
            # A loaded value held under a name (`state = torch.load(p)`) keeps its load-side
            # name (the argument the message names), unless a helper saved it above.
            save = next(
                (
                    (*found_save, entry.function)
                    for scope in (sources.scope_of(entry.frame), sources.module_of(entry.frame))
                    if (found_save := _save_to(scope, path, entry.line)) is not None
                ),
                None,
            )
        if save is None:
            continue
        saved, statement, function = save
        found.append(
            RawOperand(
                node=saved,
                expression=source_text(saved, sources.source_of(entry.frame)),
                entry=entry,
                user_depth=raw.user_depth,
                roles=["saved-checkpoint"],
                made_at=statement_location(statement, entry.file, lines, function),
                made_from=path,
            )
        )
    return found[:MAX_ELEMENTS_NAMED]


def _is_call_of(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Call) and _called_name(node) == name and bool(node.args)


def _loaded_by(raw: RawOperand, sources: SourceIndex) -> tuple[ast.Call | None, str | None]:
    """The `torch.load(path)` call behind a failing operand, and the key it was read
    under: `torch.load(p)` itself, `state` of `state = torch.load(p)`, or
    `ckpt["model"]` of `ckpt = torch.load(p)`."""
    node, key = raw.node, None
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.Constant)
        and type(node.slice.value) is str
    ):
        node, key = node.value, node.slice.value
    if isinstance(node, ast.Name):
        origin = _origin_of_name(node.id, raw.entry, sources)
        node = getattr(origin.statement, "value", None) if origin else None
    return (node, key) if _is_call_of(node, "load") else (None, None)  # type: ignore[arg-type]


def _saved_through_helper(
    module: ast.AST | None, path: str, key: str | None
) -> tuple[ast.expr, ast.stmt, str | None] | None:
    """`save_checkpoint(ckpt_path, ddp_model.state_dict(), ...)` where `def
    save_checkpoint(path, model_state, ...)` does `torch.save({"model_state_dict":
    model_state, ...}, path)`: the argument that became what was loaded (under `key`), at
    the helper's call for the same path, read from the source."""
    if module is None:
        return None
    for helper in ast.walk(module):
        if not isinstance(helper, ast.FunctionDef):
            continue
        parameters = [item.arg for item in helper.args.args]
        for save in ast.walk(helper):
            if not (_is_call_of(save, "save") and len(save.args) >= 2):
                continue
            saved, target = save.args[0], save.args[1]  # type: ignore[attr-defined]
            if isinstance(saved, ast.Dict) and key is not None:
                saved = next(
                    (
                        value
                        for item, value in zip(saved.keys, saved.values, strict=True)
                        if isinstance(item, ast.Constant) and item.value == key
                    ),
                    None,
                )
            if not (isinstance(target, ast.Name) and isinstance(saved, ast.Name)):
                continue
            if target.id not in parameters or saved.id not in parameters:
                continue
            found = _helper_argument(module, helper.name, parameters, target.id, path, saved.id)
            if found is not None:
                return found
    return None


_SIMPLE_STATEMENTS = (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return)


def _helper_argument(
    module: ast.AST, helper: str, parameters: list[str], path_name: str, path: str, wanted: str
) -> tuple[ast.expr, ast.stmt, str | None] | None:
    """At a call of `helper` passing `path` for `path_name`: the argument for `wanted`,
    its statement and the function around it."""

    def argument(call: ast.Call, name: str) -> ast.expr | None:
        by_keyword = next((item.value for item in call.keywords if item.arg == name), None)
        index = parameters.index(name)
        if by_keyword is None and index < len(call.args):
            return call.args[index]
        return by_keyword

    for function in [module, *(n for n in ast.walk(module) if isinstance(n, ast.FunctionDef))]:
        for statement in own_statements(function):
            if not isinstance(statement, _SIMPLE_STATEMENTS):
                continue  # a block's calls are its inner statements'
            for call in ast.walk(statement):
                if not (isinstance(call, ast.Call) and _called_name(call) == helper):
                    continue
                given = argument(call, path_name)
                chosen = argument(call, wanted)
                if given is not None and chosen is not None and ast.unparse(given) == path:
                    return chosen, statement, getattr(function, "name", "<module>")
    return None


def _save_to(
    scope: ast.AST | None, path: str, before: int | None
) -> tuple[ast.expr, ast.stmt] | None:
    """The last `torch.save(obj, path)` statement of the scope above line `before`."""
    if scope is None:
        return None
    best: tuple[ast.expr, ast.stmt] | None = None
    for statement in ast.walk(scope):
        if not isinstance(statement, ast.Expr) or not isinstance(statement.value, ast.Call):
            continue
        call = statement.value
        if before is not None and statement.lineno >= before:
            continue
        if (
            ast.unparse(call.func).split(".")[-1] == "save"
            and len(call.args) >= 2
            and ast.unparse(call.args[1]) == path
            and (best is None or statement.lineno > best[1].lineno)
        ):
            best = (call.args[0], statement)
    return best


def strings_iterated(
    raw_operands: list[RawOperand], torch: Any, sources: SourceIndex
) -> list[RawOperand]:
    """`for h in hidden:` where `hidden` is a string (`"256 128"` from a config or an
    argparse default): each `h` is one character. The string iterated, not the character,
    is what the user should change."""
    found: list[RawOperand] = []
    for raw in list(raw_operands):
        if type(raw.value) is not str or len(raw.value) != 1:
            continue
        origin = origin_of_operand(raw, sources)
        statement = origin.statement if origin else None
        if not isinstance(statement, ast.For) or not isinstance(statement.target, ast.Name):
            continue
        iterated = statement.iter
        if not isinstance(iterated, (ast.Name, ast.Attribute, ast.Subscript)):
            continue
        entry = raw.entry
        value = safe_eval(iterated, entry.local_values, entry.frame.f_globals, torch)
        if type(value) is not str:
            continue
        found.append(_read_beside(raw, iterated, value, ["iterated-string"], sources))
    return found[:MAX_ELEMENTS_NAMED]


def unreduced_losses(
    raw_operands: list[RawOperand],
    torch: Any,
    sources: SourceIndex,
    is_user_file: Callable[[str], bool],
) -> list[RawOperand]:
    """The torch loss module built with `reduction="none"` (read from its instance
    dictionary) that made a many-element tensor: called on the failing line
    (`val_criterion(out, y).item()`, `if loss_fn(out, y) < best:`), where the tensor was
    last assigned (`loss = criterion(out, y)`), or returned by the user's method that made
    it (`return self.criterion(logits, y)` in `training_step`). Made where the user built
    it."""
    found: list[RawOperand] = []
    seen: set[int] = set()
    for raw in list(raw_operands):
        call = raw.node
        if _is_unreduced_loss(raw.value, torch) and isinstance(call, (ast.Name, ast.Attribute)):
            found.extend(_unreduced_loss_named(call, raw, raw.value, sources, seen))
            continue
        if raw.value is UNKNOWN:
            # A call's result read by the failing call itself (`criterion(out, y).item()`)
            # was never bound: the categories that read this finding say it had many.
            if not isinstance(call, ast.Call):
                continue
        elif not is_instance(raw.value, torch.Tensor):
            continue
        else:
            facts = tensor_facts(raw.value, torch)
            if facts is None or not facts.shape or _product(facts.shape) <= 1:
                continue
        if not isinstance(call, ast.Call):
            origin = origin_of_operand(raw, sources)
            call = getattr(origin.statement, "value", None) if origin else None
        if not isinstance(call, ast.Call) or not isinstance(call.func, (ast.Name, ast.Attribute)):
            continue
        entry = raw.entry
        loss = safe_eval(call.func, entry.local_values, entry.frame.f_globals, torch)
        if _is_unreduced_loss(loss, torch):
            found.extend(_unreduced_loss_named(call.func, raw, loss, sources, seen))
        else:
            returned = _loss_returned_by(call.func, entry, torch, is_user_file)
            if returned is not None and id(returned[1]) not in seen:
                seen.add(id(returned[1]))
                expression, module, made_at = returned
                found.append(
                    RawOperand(
                        node=None,
                        expression=expression,
                        entry=entry,
                        user_depth=raw.user_depth,
                        value=module,
                        roles=["unreduced-loss"],
                        made_at=made_at,
                        made_from=raw.expression,
                    )
                )
    return found


def _loss_returned_by(
    called: ast.expr, entry: FrameEntry, torch: Any, is_user_file: Callable[[str], bool]
) -> tuple[str, Any, Location | None] | None:
    """`return self.criterion(logits, y)` in the user's method (or function) that made the
    tensor (`loss = self.training_step(batch)`): the unreduced loss module whose result it
    returns, read from the method's owner's instance dictionary or the function's globals,
    with where it was built."""
    owner: Any = None
    if isinstance(called, ast.Attribute):
        # `self.training_step`: the function on the owner's class (no bound method is made).
        owner = safe_eval(called.value, entry.local_values, entry.frame.f_globals, torch)
        if owner is UNKNOWN:
            return None
        function = class_attribute(type(owner), called.attr)
    else:
        function = safe_eval(called, entry.local_values, entry.frame.f_globals, torch)
    scope = function_scope(function, is_user_file)
    if scope is None:
        return None
    for statement in own_statements(scope[0]):
        value = statement.value if isinstance(statement, ast.Return) else None
        if not isinstance(value, ast.Call):
            continue
        func = value.func
        if (
            owner is not None
            and isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "self"
        ):
            loss = (instance_dict(owner) or {}).get(func.attr)
            # In the caller's names: `self.criterion`, or `trainer.criterion` at top level.
            expression = f"{ast.unparse(called.value)}.{func.attr}"
            made_at = init_attribute_site(owner, f"self.{func.attr}", is_user_file)
        elif isinstance(func, ast.Name) and type(function.__globals__) is dict:
            loss = function.__globals__.get(func.id)
            expression, made_at = func.id, None
        else:
            continue
        if _is_unreduced_loss(loss, torch):
            return expression, loss, made_at
    return None


def _is_unreduced_loss(value: Any, torch: Any) -> bool:
    if value is UNKNOWN or not is_instance(value, torch.nn.Module):
        return False
    if not (type(value).__module__ or "").startswith("torch.nn."):
        return False
    return (instance_dict(value) or {}).get("reduction") == "none"


def _unreduced_loss_named(
    node: ast.expr, raw: RawOperand, loss: Any, sources: SourceIndex, seen: set[int]
) -> list[RawOperand]:
    if id(loss) in seen:
        return []
    seen.add(id(loss))
    entry = raw.entry
    named = RawOperand(
        node=node,
        expression=source_text(node, sources.source_of(entry.frame)),
        entry=entry,
        user_depth=raw.user_depth,
        value=loss,
        roles=["unreduced-loss"],
        made_from=raw.expression if node is not raw.node else None,
    )
    origin = origin_of_operand(named, sources)
    if origin is not None:
        named.made_at = origin.location
    elif isinstance(node, ast.Attribute):
        named.made_at = attribute_site(
            sources.scope_of(entry.frame),
            named.expression,
            entry.file,
            sources.lines_of(entry.frame),
        )
    return [named]


def _product(shape: tuple[int, ...]) -> int:
    count = 1
    for size in shape:
        count *= size
    return count


# Messages about tensors on different devices, in torch's many wordings ("same device",
# "expected device meta", "weight type (torch.cuda.FloatTensor) should be the same").
DEVICE_MISMATCH = re.compile(r"device|cuda\.\w+Tensor", re.IGNORECASE)


def _read_beside(
    raw: RawOperand, node: ast.expr, value: Any, roles: list[str], sources: SourceIndex
) -> RawOperand:
    """A value written in `raw`'s frame that explains it (`made_from` = `raw`'s expression):
    named as the source writes it."""
    entry = raw.entry
    return RawOperand(
        node=node,
        expression=source_text(node, sources.source_of(entry.frame)),
        entry=entry,
        user_depth=raw.user_depth,
        value=value,
        roles=roles,
        made_from=raw.expression,
    )


def models_behind_outputs(
    raw_operands: list[RawOperand], torch: Any, sources: SourceIndex
) -> list[RawOperand]:
    """For a tensor last assigned from a module call (`logits = model(user, item)`): that
    module, as the user named it there. Its parameters decide where its output lives."""
    found: list[RawOperand] = []
    seen: set[int] = set()
    for raw in list(raw_operands):
        if raw.value is UNKNOWN or not is_instance(raw.value, torch.Tensor):
            continue
        base = raw.node
        # `scores.flatten(0, 1)`: a method of the tensor keeps its device; read `scores`.
        while isinstance(base, ast.Call) and isinstance(base.func, ast.Attribute):
            base = base.func.value
        origin = origin_of_operand(dataclasses.replace(raw, node=base), sources)
        call = getattr(origin.statement, "value", None) if origin else None
        if not isinstance(call, ast.Call) or not isinstance(call.func, (ast.Name, ast.Attribute)):
            continue
        entry = raw.entry
        model = safe_eval(call.func, entry.local_values, entry.frame.f_globals, torch)
        if model is UNKNOWN or id(model) in seen or not is_instance(model, torch.nn.Module):
            continue
        seen.add(id(model))
        found.append(_read_beside(raw, call.func, model, ["made-output"], sources))
    return found[:MAX_ELEMENTS_NAMED]


# "Expected input batch_size (29) to match target batch_size (16)": the two batch sizes.
BATCH_SIZES_DIFFER = re.compile(r"input batch_size \((\d+)\) to match target batch_size \((\d+)\)")


def inputs_behind_outputs(
    raw_operands: list[RawOperand], torch: Any, sources: SourceIndex
) -> list[RawOperand]:
    """For a tensor last assigned from a module call (`logits = model(batch["tokens"],
    batch["mask"])`): the tensors that call was given, as the user wrote them, read without
    running anything. A batch laid out in the wrong order shows there, not in the output."""
    found: list[RawOperand] = []
    for raw in list(raw_operands):
        if raw.value is UNKNOWN or not is_instance(raw.value, torch.Tensor):
            continue
        origin = origin_of_operand(raw, sources)
        call = getattr(origin.statement, "value", None) if origin else None
        if not isinstance(call, ast.Call):
            continue
        entry = raw.entry
        model = safe_eval(call.func, entry.local_values, entry.frame.f_globals, torch)
        if model is UNKNOWN or not is_instance(model, torch.nn.Module):
            continue
        for argument in call.args:
            if isinstance(argument, ast.Starred):
                continue
            value = safe_eval(argument, entry.local_values, entry.frame.f_globals, torch)
            if value is UNKNOWN or not is_instance(value, torch.Tensor):
                continue
            found.append(_read_beside(raw, argument, value, ["model-input"], sources))
    return found[:MAX_ELEMENTS_NAMED]


_DOUBLE_MISMATCH = re.compile(r"\bDouble\b|float64", re.IGNORECASE)


def doubles_mixed_into_samples(
    message: str, raw_operands: list[RawOperand], torch: Any, sources: SourceIndex
) -> list[RawOperand]:
    """A float64 batch drawn by `for x, y in loader`: the float64 tensor or numpy array the
    dataset's own `__getitem__` reads (a module global `MEAN = torch.from_numpy(...)`, an
    attribute `self.mean`), or that the transform it holds reads (`self.transform` ->
    `standardize` -> `MU`), promotes every sample it touches. Read from the source, the
    functions' globals and the dataset's instance dictionary, never by calling anything."""
    if not _DOUBLE_MISMATCH.search(message):
        return []
    found: list[RawOperand] = []
    seen: set[int] = set()
    for raw in list(raw_operands):
        facts = tensor_facts(raw.value, torch) if is_instance(raw.value, torch.Tensor) else None
        if facts is None or facts.dtype != "float64":
            continue
        dataset = _dataset_behind(raw, torch, sources)
        if dataset is None or id(dataset) in seen:
            continue
        seen.add(id(dataset))
        getitem = class_attribute(type(dataset), "__getitem__")
        own = instance_dict(dataset) or {}
        for name, value, made in _doubles_read_by(getitem, own, torch, dataset, depth=1):
            found.append(
                RawOperand(
                    node=None,
                    expression=name,
                    entry=raw.entry,
                    user_depth=raw.user_depth,
                    value=value,
                    roles=["double-source"],
                    made_at=made,
                    made_from=raw.expression,
                )
            )
    return found[:MAX_ELEMENTS_NAMED]


def _doubles_read_by(
    function: Any, own: dict[str, Any], torch: Any, dataset: Any, depth: int
) -> list[tuple[str, Any, Location | None]]:
    """The float64 values a user function reads, in source order: its globals, the
    dataset's attributes (`self.mean`), and, one level down, what a user function held as
    an attribute (`self.transform`) reads."""
    scope = function_scope(function, lambda file: "torch/utils/data" not in file)
    if scope is None:
        return []
    node, source = scope
    file, lines = getattr(source, "filename", ""), source_lines(source)
    read = sorted(
        (
            item
            for item in ast.walk(node)
            if isinstance(item, ast.Name)
            or (
                isinstance(item, ast.Attribute)
                and isinstance(item.value, ast.Name)
                and item.value.id == "self"
            )
        ),
        key=lambda item: (item.lineno, item.col_offset),
    )
    names: dict[str, ast.expr] = {}
    for item in read:  # in source order: the first one read is named first
        names.setdefault(item.id if isinstance(item, ast.Name) else f"self.{item.attr}", item)
    function_globals = getattr(function, "__func__", function).__globals__
    found: list[tuple[str, Any, Location | None]] = []
    for name in names:
        attribute = name.startswith("self.")
        value = own.get(name[5:]) if attribute else function_globals.get(name)
        if value is None:
            continue
        if attribute and depth > 0 and type(value) is types.FunctionType:
            found.extend(_doubles_read_by(value, {}, torch, dataset, depth - 1))
            continue
        if not _is_double(value, torch):
            continue
        made = (
            init_attribute_site(dataset, name, lambda path, file=file: path == file)
            if attribute
            else _global_site(getattr(source, "tree", None), name, file, lines)
        )
        found.append((name, value, made))
    return found


def _is_double(value: Any, torch: Any) -> bool:
    """A float64 tensor, or a float64 numpy array (numpy's default for statistics)."""
    if is_instance(value, torch.Tensor):
        facts = tensor_facts(value, torch)
        return facts is not None and facts.dtype == "float64"
    if type(value).__name__ != "ndarray" or type(value).__module__ != "numpy":
        return False
    return str(value.dtype) == "float64"  # numpy's own C attribute


def _dataset_behind(raw: RawOperand, torch: Any, sources: SourceIndex) -> Any:
    """The dataset a `for x, y in loader` (or `DataLoader(train_ds, ...)` written in the
    loop) draws from, through a `Subset`'s own `dataset`: the first whose `__getitem__` is
    the user's code."""
    loader, node = _loader_behind(raw, torch, sources)
    if loader is not None:
        dataset = (instance_dict(loader) or {}).get("dataset")
    elif isinstance(node, ast.expr):  # the loop's own `DataLoader(train_ds, ...)`
        dataset = safe_eval(node, raw.entry.local_values, raw.entry.frame.f_globals, torch)
    else:
        return None
    for _ in range(3):
        if dataset is None or dataset is UNKNOWN:
            return None
        getitem = class_attribute(type(dataset), "__getitem__")
        if function_scope(getitem, lambda file: "torch/utils/data" not in file) is not None:
            return dataset
        dataset = (instance_dict(dataset) or {}).get("dataset")
    return None


def _global_site(tree: ast.AST | None, name: str, file: str, lines: Any) -> Location | None:
    """`MEAN = torch.from_numpy(...)`: the module-level statement that last bound a global."""
    made = last_assignment(tree, name, _END_OF_FILE)
    if made is None:
        return None
    code = lines[made.lineno - 1].strip() if lines else None
    return Location(file=file, line=made.lineno, function="<module>", code=code)


def _loader_behind(
    raw: RawOperand, torch: Any, sources: SourceIndex
) -> tuple[Any, ast.expr | None]:
    """The DataLoader a `for x, y in loader` (or `enumerate(loader)`, `tqdm(loader)`) bound
    this value from, and the expression the loop reads it by; (None, None) otherwise."""
    loader_type = getattr(getattr(getattr(torch, "utils", None), "data", None), "DataLoader", None)
    base = raw.node
    while isinstance(base, (ast.Subscript, ast.Attribute)):
        base = base.value
    if loader_type is None or not isinstance(base, ast.Name):
        return None, None
    entry = raw.entry
    loop = last_assignment(sources.scope_of(entry.frame), base.id, entry.line)
    if not isinstance(loop, ast.For):
        return None, None
    iterable = loop.iter
    # `enumerate(loader)`, `tqdm(loader, desc=...)`: the loader is the first argument.
    if (
        isinstance(iterable, ast.Call)
        and iterable.args
        and not isinstance(iterable.args[0], ast.Starred)
    ):
        iterable = iterable.args[0]
    loader = safe_eval(iterable, entry.local_values, entry.frame.f_globals, torch)
    if loader is UNKNOWN or not is_instance(loader, loader_type):
        # `DataLoader(train_ds, ...)` written in the loop: its first argument, unread.
        return None, iterable if iterable is not loop.iter else None
    return loader, iterable


_RESIZED_KEY = re.compile(r"size mismatch for ([\w.]+)\.\w+: copying a param with shape")


def resized_layers(
    message: str, raw_operands: list[RawOperand], torch: Any, classifier: FrameClassifier
) -> list[RawOperand]:
    """`model.load_state_dict(state)` refused for `size mismatch for classifier.weight`:
    the layer of the receiving model that key belongs to (`model.classifier`), made where
    its class built it, found by walking the model's registered children."""
    keys = list(dict.fromkeys(_RESIZED_KEY.findall(message)))
    if not keys:
        return []
    found: list[RawOperand] = []
    for raw in raw_operands:
        if raw.callee != "load_state_dict" or raw.position != -1:
            continue
        if raw.value is UNKNOWN or not is_instance(raw.value, torch.nn.Module):
            continue
        for key in keys[:MAX_ELEMENTS_NAMED]:
            owner, layer, expression = None, raw.value, raw.expression
            for part in key.split("."):
                owner, layer = layer, submodules_of(layer).get(part)
                if layer is None:
                    break
                expression += f"[{part}]" if part.isdigit() else f".{part}"
            if layer is None or owner is None:
                continue
            attribute = key.rsplit(".", 1)[-1]
            found.append(
                RawOperand(
                    node=None,
                    expression=expression,
                    entry=raw.entry,
                    user_depth=raw.user_depth,
                    value=layer,
                    roles=["resized-layer"],
                    made_at=None
                    if attribute.isdigit()
                    else init_attribute_site(owner, f"self.{attribute}", classifier.is_user),
                    made_from=key,
                )
            )
    return found


def _returns_nothing(statement: ast.Return) -> bool:
    value = statement.value
    return value is None or (isinstance(value, ast.Constant) and value.value is None)


def output_layers(
    raw_operands: list[RawOperand],
    torch: Any,
    sources: SourceIndex,
    classifier: FrameClassifier,
    detailed: list[FrameEntry],
) -> list[RawOperand]:
    """For `model(x)` (or `logits = model(x)`): the layer the model's forward returns
    from (`self.out`), whose sizes decide what the output holds."""
    found: list[RawOperand] = []
    for raw in list(raw_operands):
        if raw.value is UNKNOWN or not is_instance(raw.value, torch.Tensor):
            continue
        call, position = raw.node, None
        if not isinstance(call, ast.Call):
            origin = origin_of_operand(raw, sources)
            call = getattr(origin.statement, "value", None) if origin else None
            position = _unpacked_position(origin.statement, raw.expression) if origin else None
        if not isinstance(call, ast.Call):
            continue
        entry = raw.entry
        model = safe_eval(call.func, entry.local_values, entry.frame.f_globals, torch)
        if model is UNKNOWN or not is_instance(model, torch.nn.Module):
            continue
        scope = forward_scope(model, classifier.is_user)
        if scope is None:
            found.extend(_sequential_output(raw, call, model, torch, sources, detailed, classifier))
            continue
        layers = submodules_of(model)
        named: list[tuple[str, str, Any]] = []
        returned = returned_attribute(scope[0], position)
        if returned in layers:
            named.append((returned, "output-layer", None))
        model_input = _first_tensor_argument(call, entry, torch)
        for attribute, layer in layers.items():
            if type(layer).__name__ in _RECURRENT_TYPES:
                named.append((attribute, "recurrent", model_input))
        if returned in layers:
            built = attribute_statement(scope[0], f"self.{returned}")
            setting = _size_setting_behind_layer(
                getattr(built[0], "value", None) if built else None,
                layers[returned],
                f"self.{returned}",
                raw,
                scope[1],
                functools.partial(_model_construction, call, model, raw, torch, sources, detailed),
                type(model),
                torch,
            )
            if setting is not None:
                found.append(setting)
        for attribute, role, given in named:
            expression = f"self.{attribute}"
            found.append(
                RawOperand(
                    node=None,
                    expression=expression,
                    entry=entry,
                    user_depth=raw.user_depth,
                    value=layers[attribute],
                    roles=[role],
                    made_at=attribute_site(
                        scope[0],
                        expression,
                        getattr(scope[1], "filename", ""),
                        source_lines(scope[1]),
                    ),
                    made_from=raw.expression,
                    module_input=given,
                )
            )
    return found[:MAX_ELEMENTS_NAMED]


def _sequential_output(
    raw: RawOperand,
    call: ast.Call,
    model: Any,
    torch: Any,
    sources: SourceIndex,
    detailed: list[FrameEntry],
    classifier: FrameClassifier,
) -> list[RawOperand]:
    """For `model(x)` where `model` is an `nn.Sequential` the user built (`nn.Sequential(...)`
    or a builder's `return nn.Sequential(...)`): its last layer, made at its line in that
    call, and the setting that sized it. Refused unless the call's layers are the model's."""
    if type(model) is not torch.nn.Sequential or not isinstance(call.func, ast.Name):
        return []
    children = list(submodules_of(model).values())
    if not children or not isinstance(instance_dict(children[-1]).get("out_features"), int):
        return []
    layer = children[-1]
    built, source, frame = _model_construction(call, model, raw, torch, sources, detailed)
    function_name = frame.function
    builder_call: ast.Call | None = None
    builder_def: ast.AST | None = None
    if isinstance(built, ast.Call):
        builder = safe_eval(built.func, frame.local_values, frame.frame.f_globals, torch)
        scope = function_scope(builder, classifier.is_user)
        if scope is not None:
            builder_call, builder_def = built, scope[0]
            returns = [item for item in own_statements(scope[0]) if isinstance(item, ast.Return)]
            built = returns[-1].value if returns else None
            source, function_name = scope[1], getattr(scope[0], "name", None)
    if not (
        isinstance(built, ast.Call)
        and _called_name(built) == "Sequential"
        and len(built.args) == len(children)
        and not built.keywords
        and isinstance(built.args[-1], ast.Call)
        and _called_name(built.args[-1]) == type(layer).__name__
    ):
        return []
    made = built.args[-1]
    lines = source_lines(source)
    expression = f"{call.func.id}[{len(children) - 1}]"
    found = [
        RawOperand(
            node=None,
            expression=expression,
            entry=raw.entry,
            user_depth=raw.user_depth,
            value=layer,
            roles=["output-layer"],
            made_at=statement_location(
                made, getattr(source, "filename", frame.file), lines, function_name
            ),
            made_from=raw.expression,
        )
    ]
    setting = _size_setting_behind_layer(made, layer, expression, raw, source)
    if setting is None and builder_call is not None and builder_def is not None:
        lookup, config = _defaulted_setting(made, builder_def, builder_call, frame, torch)
        if lookup is not None:
            setting = RawOperand(
                node=None,
                expression=source_text(lookup, source),
                entry=raw.entry,
                user_depth=raw.user_depth,
                # Its keys only (a copy, not the config itself: the config is another
                # operand's value), for the near key the finding names.
                value=dict.fromkeys(_string_keys(config)),
                roles=["defaulted-setting"],
                made_at=statement_location(
                    lookup, getattr(source, "filename", frame.file), lines, function_name
                ),
                made_from=expression,
            )
    return found + ([setting] if setting else [])


MAX_CONFIG_KEYS = 200


def _defaulted_setting(
    made: ast.Call,
    builder_def: ast.AST,
    builder_call: ast.Call,
    caller: FrameEntry,
    torch: Any,
) -> tuple[ast.Call | None, Any]:
    """`num_classes = cfg.get("n_classes", 2)` in the builder that sized the layer, when the
    config the builder was given has no such key: the default sized the layer. The config is
    the caller's argument for the builder's parameter, read from the caller's frame."""
    size = made.args[1] if len(made.args) >= 2 else None
    if not isinstance(size, ast.Name):
        return None, None
    assigned = last_assignment(builder_def, size.id, made.lineno)
    lookup = getattr(assigned, "value", None)
    if not (
        isinstance(lookup, ast.Call)
        and isinstance(lookup.func, ast.Attribute)
        and lookup.func.attr == "get"
        and isinstance(lookup.func.value, ast.Name)
        and len(lookup.args) == 2
        and isinstance(lookup.args[0], ast.Constant)
        and type(lookup.args[0].value) is str
    ):
        return None, None
    parameters = [item.arg for item in getattr(builder_def, "args", ast.arguments()).args]
    name = lookup.func.value.id
    argument = next((item.value for item in builder_call.keywords if item.arg == name), None)
    if argument is None and name in parameters:
        index = parameters.index(name)
        if index < len(builder_call.args) and not any(
            isinstance(item, ast.Starred) for item in builder_call.args[: index + 1]
        ):
            argument = builder_call.args[index]
    if argument is None:
        return None, None
    config = safe_eval(argument, caller.local_values, caller.frame.f_globals, torch)
    if type(config) is not dict or lookup.args[0].value in _string_keys(config):
        return None, None  # the key is there: the setting's value is the user's own
    return lookup, config


def _string_keys(config: dict) -> list[str]:
    """A config's string keys, read without hashing or comparing any key of the user's own
    type (which could run its code)."""
    return [key for key in list(dict.keys(config))[:MAX_CONFIG_KEYS] if type(key) is str]


def _unpacked_position(statement: ast.stmt, name: str) -> int | None:
    """1 for `logits` in `boxes, logits = model(x)`: which returned element a name holds."""
    targets = getattr(statement, "targets", None)
    if not targets or not isinstance(targets[0], ast.Tuple):
        return None
    names = [item.id if isinstance(item, ast.Name) else None for item in targets[0].elts]
    return names.index(name) if name in names else None


def _model_construction(
    call: ast.Call,
    model: Any,
    raw: RawOperand,
    torch: Any,
    sources: SourceIndex,
    detailed: list[FrameEntry],
) -> tuple[ast.expr | None, Any, FrameEntry]:
    """For `model(x)`: the value of the statement that made `model` (`RoIHead(NUM_CLASSES)`,
    `build_model(cfg)`), followed back through the callers that passed it on, with its
    source and frame."""
    frame, source = raw.entry, sources.source_of(raw.entry.frame)
    if not isinstance(call.func, ast.Name):
        return None, source, frame
    frame, name = passed_down(call.func.id, model, raw.entry, detailed, torch, sources)
    origin = _origin_of_name(name, frame, sources)
    built = getattr(origin.statement, "value", None) if origin else None
    return built, sources.source_of(frame.frame), frame


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def _size_setting_behind_layer(
    built: ast.AST | None,
    layer: Any,
    layer_expression: str,
    raw: RawOperand,
    source: Any,
    construction: Callable[[], tuple[ast.expr | None, Any, FrameEntry]] | None = None,
    owner_class: type | None = None,
    torch: Any = None,
) -> RawOperand | None:
    """`cfg.num_classes` in `nn.Linear(hidden, cfg.num_classes)`: the setting a layer's
    output size was built from, as the `sets-state` of that layer (ranked just above it
    when the layer is blamed). A parameter of `__init__` (`nn.Linear(32, num_classes)`) is
    followed to the argument the model was built with (`RoIHead(NUM_CLASSES)`)."""
    if not isinstance(built, ast.Call):
        return None
    size = next((item.value for item in built.keywords if item.arg == "out_features"), None)
    if size is None and len(built.args) >= 2:
        size = built.args[1]
    value = instance_dict(layer).get("out_features")
    if size is None or type(value) is not int:
        return None
    if isinstance(size, ast.Name) and not is_setting(size) and construction is not None:
        size, source = _constructor_argument(built, size.id, construction, owner_class, torch)
    if size is None or not is_setting(size):
        return None
    file, lines = getattr(source, "filename", raw.entry.file), source_lines(source)
    tree = getattr(source, "tree", None)
    made_at = (
        _global_site(tree, size.id, file, lines)
        if isinstance(size, ast.Name)
        else setting_site(tree, size, file, lines)
    )
    return RawOperand(
        node=None,
        expression=source_text(size, source),
        entry=raw.entry,
        user_depth=raw.user_depth,
        value=value,
        roles=["sets-state"],
        made_at=made_at or statement_location(size, file, lines),
        made_from=layer_expression,
    )


def _constructor_argument(
    inside: ast.AST,
    parameter: str,
    construction: Callable[[], tuple[ast.expr | None, Any, FrameEntry]],
    owner_class: type,
    torch: Any,
) -> tuple[ast.expr | None, Any]:
    """`NUM_CLASSES` for `num_classes` of `def __init__(self, num_classes)`, read from
    the call that built the model (`RoIHead(NUM_CLASSES)`), when the parameter is not
    rebound in `__init__`."""
    init = getattr(inside, "parent", None)
    while init is not None and not isinstance(init, ast.FunctionDef):
        init = getattr(init, "parent", None)
    if init is None or init.name != "__init__" or last_assignment(init, parameter, _END_OF_FILE):
        return None, None
    names = [item.arg for item in init.args.args[1:]]
    call, source, frame = construction()
    if not isinstance(call, ast.Call) or parameter not in names:
        return None, None
    built_class = safe_eval(call.func, frame.local_values, frame.frame.f_globals, torch)
    if built_class is not owner_class:  # a builder's arguments are not `__init__`'s
        return None, None
    keyword = next((item.value for item in call.keywords if item.arg == parameter), None)
    if keyword is not None:
        return keyword, source
    index = names.index(parameter)
    positional = call.args
    if index < len(positional) and not any(isinstance(a, ast.Starred) for a in positional):
        return positional[index], source
    return None, None


_RECURRENT_TYPES = frozenset({"LSTM", "GRU", "RNN"})


def _first_tensor_argument(call: ast.Call, entry: FrameEntry, torch: Any) -> Any:
    """The tensor `model(x)` was given, when its first argument reads as one."""
    if not call.args or isinstance(call.args[0], ast.Starred):
        return None
    value = safe_eval(call.args[0], entry.local_values, entry.frame.f_globals, torch)
    return value if value is not UNKNOWN and is_instance(value, torch.Tensor) else None


def unpicklable_attribute(
    message: str, raw_operands: list[RawOperand], classifier: FrameClassifier, torch: Any
) -> list[RawOperand]:
    """`self.transform` (a lambda), `self.fh` (an open file) of the dataset that
    DataLoader workers could not receive, named as the dataset's class writes it."""
    if not is_pickling_error(message):
        return []
    holders = [raw for raw in raw_operands if "dataset" in raw.roles] + [
        raw for raw in raw_operands if raw.value is not UNKNOWN and not is_primitive(raw.value)
    ]
    found = find_unpicklable(message, [raw.value for raw in holders])
    if found is None:
        return []
    holder = next(raw for raw in holders if raw.value is found.owner)
    made_at = None
    expression = f"{holder.expression}.{found.path}"
    init = method_scope(found.owner, "__init__", classifier.is_user)
    if init is not None:
        scope, source = init
        expression = f"self.{found.path}"
        made_at = attribute_site(
            scope, expression, getattr(source, "filename", ""), source_lines(source)
        )
    return [
        RawOperand(
            node=None,
            expression=expression,
            entry=holder.entry,
            user_depth=holder.user_depth,
            roles=["unpicklable"],
            callee=holder.callee,
            made_at=made_at,
            made_from=found.type_name,
        )
    ]


# The role of a value the worker's failing line passed to the call that refused it.
WORKER_ARGUMENT = "worker-argument"


def worker_statement(
    trace: Trace, raw_operands: list[RawOperand], innermost: FrameEntry
) -> list[RawOperand]:
    """The value the worker's failing line of user code names; and whether that line is
    a method of the dataset (`__getitem__`) or a function of its own (a `collate_fn`)."""
    failure = trace.worker_failure
    assert failure is not None
    for raw in raw_operands:
        if "dataset" in raw.roles and raw.value is not UNKNOWN:
            method = class_attribute(type(raw.value), failure.function or "")
            if type(method) is types.FunctionType:
                trace.worker_failure_owner = type(raw.value).__name__
    key = worker_key(trace.message)
    name = worker_statement_name(failure, trace.exception_type, key)
    if name is None and trace.worker_failure_owner is None and _named_function(failure):
        # A line that names no single value (`return padded.to(device), lengths, ...`) in a
        # function of the user's own (a collate_fn, a transform): that function.
        name = failure.function
    if name is None:
        refused = worker_refused_argument(trace.message, failure)
        if refused is None:
            return []
        argument, call, made_at = refused
        return [
            RawOperand(
                node=None,
                expression=argument,
                entry=innermost,
                user_depth=0,
                roles=[WORKER_ARGUMENT],
                made_at=made_at,
                made_from=call,
            )
        ]
    # `record["label"]` for the KeyError 'label': the lookup of a key the sample lacks.
    looked_up = key is not None and name.endswith("]") and key in name[name.rfind("[") :]
    found = [
        RawOperand(
            node=None,
            expression=name,
            entry=innermost,
            user_depth=0,
            roles=["worker-line", "missing-key"] if looked_up else ["worker-line"],
            made_at=failure,
            made_from=name[: name.rfind("[")] if looked_up else None,
        )
    ]
    index = worker_index(failure)
    if index is not None and index[0] != name:
        # An index the worker's function made: ranked by the reading's roles against the
        # container (an index of the wrong dtype blames the index, not what it indexed).
        found.append(
            RawOperand(
                node=None,
                expression=index[0],
                entry=innermost,
                user_depth=0,
                roles=["worker-line", "index"],
                made_at=index[1],
            )
        )
    return found


def _named_function(failure: Location) -> bool:
    function = failure.function or ""
    return function.isidentifier() and function not in ("__getitem__", "__iter__", "__call__")


_FOUND_TYPE = re.compile(r"found <class '(?:[\w.]*\.)?(\w+)'>")


def bad_sample_returned(
    message: str, raw_operands: list[RawOperand], classifier: FrameClassifier
) -> list[RawOperand]:
    """Collate could not batch what the dataset's `__getitem__` returned: the `return
    None` of a skipped sample, or the returned name holding the type the message found
    (`path` made from `self.root`, a `Path`)."""
    found_type = _FOUND_TYPE.search(message)
    if found_type is None and "NoneType" not in message:
        return []
    for raw in raw_operands:
        if "dataset" not in raw.roles or raw.value is UNKNOWN:
            continue
        scope = method_scope(raw.value, "__getitem__", classifier.is_user)
        if scope is None:
            continue
        function, source = scope
        lines = source_lines(source)
        returns = [item for item in own_statements(function) if isinstance(item, ast.Return)]
        if found_type is None:
            statement = next(
                (
                    item
                    for item in returns
                    if item.value is None
                    or (isinstance(item.value, ast.Constant) and item.value.value is None)
                ),
                None,
            )
            name = "__getitem__"
        else:
            name, statement = _returned_name_of_type(function, returns, raw.value, found_type[1])
        if statement is None or name is None:
            continue
        return [
            RawOperand(
                node=None,
                expression=name,
                entry=raw.entry,
                user_depth=raw.user_depth,
                roles=["bad-sample"],
                made_at=statement_location(
                    statement, getattr(source, "filename", raw.entry.file), lines, "__getitem__"
                ),
                made_from=found_type[1] if found_type else "None",
            )
        ]
    return []


def _returned_name_of_type(
    function: ast.AST, returns: list[ast.Return], dataset: Any, type_name: str
) -> tuple[str | None, ast.stmt | None]:
    """A name `__getitem__` returns whose assignment reads an attribute of the dataset
    of that type (`path = self.root / name` with `self.root` a `PosixPath`), or calls it."""
    own = instance_dict(dataset) or {}
    for statement in returns:
        value = statement.value
        parts = (
            list(value.elts)
            if isinstance(value, (ast.Tuple, ast.List))
            else list(value.values)
            if isinstance(value, ast.Dict)
            else [value]
        )
        for part in parts:
            if not isinstance(part, ast.Name):
                continue
            made = last_assignment(function, part.id, statement.lineno)
            if made is None:
                continue
            for node in ast.walk(made):
                is_type = (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "self"
                    and any(
                        klass.__name__ == type_name for klass in type_mro(type(own.get(node.attr)))
                    )
                ) or (isinstance(node, ast.Call) and ast.unparse(node.func).endswith(type_name))
                if is_type:
                    return part.id, made
    return None, None


def shadowed_method(entry: FrameEntry, torch: Any, classifier: FrameClassifier) -> list[RawOperand]:
    """`net.train()` where `__init__` stored data as `self.train`: the instance attribute
    hides the class's method, so the call reaches the data. Named as the class writes it."""
    node, source = executing_node(entry)
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return []
    owner = safe_eval(node.func.value, entry.local_values, entry.frame.f_globals, torch)
    own = instance_dict(owner) if owner is not UNKNOWN else None
    name = node.func.attr
    if not own or name not in own:
        return []
    hidden = class_attribute(type(owner), name)
    if type(hidden) is not types.FunctionType:
        return []
    expression = f"self.{name}"
    made_at = init_attribute_site(owner, expression, classifier.is_user)
    return [
        RawOperand(
            node=None,
            expression=expression if made_at else source_text(node.func, source),
            entry=entry,
            user_depth=0,
            value=own[name],
            roles=["shadows-method"],
            made_at=made_at,
            made_from=f"{type(owner).__name__}.{name}",
        )
    ]


_TYPE_NAME = type.__dict__["__name__"]  # the C slot: no metaclass property is asked


def module_class_called(entries: list[FrameEntry], torch: Any) -> list[RawOperand]:
    """`criterion(logits, y)` where `criterion` holds the class `nn.CrossEntropyLoss`, not
    an instance (`LOSSES[name]`, a missing `()`): the call builds a new module with the
    tensors as its constructor's arguments, and fails there. Read in every user frame."""
    found: list[RawOperand] = []
    for depth, entry in enumerate(reversed(entries)):
        node, source = executing_node(entry)
        if not isinstance(node, ast.Call) or not isinstance(node.func, (ast.Name, ast.Attribute)):
            continue
        if not node.args and not node.keywords:
            continue
        called = safe_eval(node.func, entry.local_values, entry.frame.f_globals, torch)
        if called is UNKNOWN or not is_subclass(called, torch.nn.Module):
            continue
        arguments = [
            safe_eval(argument, entry.local_values, entry.frame.f_globals, torch)
            for argument in node.args
        ]
        if not any(is_instance(value, torch.Tensor) for value in arguments):
            continue
        found.append(
            RawOperand(
                node=node.func,
                expression=source_text(node.func, source),
                entry=entry,
                user_depth=depth,
                value=called,
                roles=["module-class-called"],
                made_from=_TYPE_NAME.__get__(called),
            )
        )
    return found


def optimized_models(
    raw_operands: list[RawOperand], roots: list[tuple[str, Any]], torch: Any
) -> list[RawOperand]:
    """For an optimizer on the failing line (`scaler.unscale_(optimizer)`): the user's
    model whose parameters it updates, whose dtype and device its parameters have."""
    optimizer_type = getattr(getattr(torch, "optim", None), "Optimizer", None)
    if not isinstance(optimizer_type, type):
        return []
    for raw in raw_operands:
        if raw.value is UNKNOWN or not is_instance(raw.value, optimizer_type):
            continue
        first = _first_optimized_parameter(raw.value)
        if first is None:
            continue
        for name, module in roots:
            if holds_parameter(module, first):
                return [
                    RawOperand(
                        node=None,
                        expression=name,
                        entry=raw.entry,
                        user_depth=raw.user_depth,
                        value=module,
                        roles=["optimized-model"],
                        made_from=raw.expression,
                    )
                ]
    return []


def _first_optimized_parameter(optimizer: Any) -> Any:
    groups = (instance_dict(optimizer) or {}).get("param_groups")
    if type(groups) is not list or not groups or type(groups[0]) is not dict:
        return None
    params = dict.get(groups[0], "params")
    return params[0] if type(params) is list and params else None


MISSING_FORWARD = 'missing the required "forward" function'


def misspelt_forward(
    message: str, raw_operands: list[RawOperand], torch: Any, classifier: FrameClassifier
) -> list[RawOperand]:
    """`def foward(self, x)` in the module class the message names (`Module [Classifier]
    is missing ...`): the method the user meant, at its `def` line."""
    import difflib

    named = re.search(r"Module \[(\w+)\]", message)
    for raw in raw_operands:
        if raw.value is UNKNOWN or not is_instance(raw.value, torch.nn.Module):
            continue
        if named is None or type(raw.value).__name__ != named[1]:
            continue
        names = [
            name
            for name, value in class_dict(type(raw.value)).items()
            if type(value) is types.FunctionType and type(name) is str and name != "forward"
        ]
        close = difflib.get_close_matches("forward", names, n=1, cutoff=0.7)
        scope = method_scope(raw.value, close[0], classifier.is_user) if close else None
        if scope is None:
            continue
        lines = source_lines(scope[1])
        line = getattr(scope[0], "lineno", None)
        return [
            RawOperand(
                node=None,
                expression=close[0],
                entry=raw.entry,
                user_depth=raw.user_depth,
                roles=["misspelt-forward"],
                made_at=Location(
                    file=getattr(scope[1], "filename", raw.entry.file),
                    line=line,
                    function=close[0],
                    code=lines[line - 1].strip() if lines and line else None,
                ),
                made_from=type(raw.value).__name__,
            )
        ]
    return []


NO_PROCESS_GROUP = "process group has not been initialized"


def call_needing_process_group(detailed: list[FrameEntry]) -> list[RawOperand]:
    """The user's call that reached torch.distributed without a process group (`DDP(model)`,
    `DistributedSampler(dataset)`): what `init_process_group` must run before."""
    entry = detailed[-1]
    node, source = executing_node(entry)
    if not isinstance(node, ast.Call):
        return []
    return [
        RawOperand(
            node=node,
            expression=source_text(node, source),
            entry=entry,
            user_depth=0,
            roles=["needs-process-group"],
        )
    ]


def tensors_held_by_modules(raw_operands: list[RawOperand], torch: Any) -> list[RawOperand]:
    """`class_weights` in `criterion = nn.CrossEntropyLoss(weight=class_weights)`: a
    tensor the user built and handed to a module (a buffer, not a parameter) is named by
    the user's variable that still holds it: in the frame of the failing call, `self`'s
    attribute, or a caller's; its dtype and device are the user's choice, not the module's."""
    found: list[RawOperand] = []
    # Callers' frames too, innermost first: the loss may be called in a helper.
    outer_entries = list({id(raw.entry): raw.entry for raw in raw_operands}.values())
    for raw in raw_operands:
        if raw.value is UNKNOWN or not is_instance(raw.value, torch.nn.Module):
            continue
        buffers = (instance_dict(raw.value) or {}).get("_buffers")
        if type(buffers) is not dict:
            continue
        entry = raw.entry
        owner = entry.local_values.get("self")
        scopes = [
            ("", entry.local_values),
            ("", entry.frame.f_globals),
            ("self.", instance_dict(owner) if owner is not None else None),
        ] + [("", outer.local_values) for outer in outer_entries if outer is not entry]
        for buffer_name, tensor in dict.items(buffers):
            if tensor is None or not is_instance(tensor, torch.Tensor):
                continue
            name = next(
                (
                    prefix + name
                    for prefix, scope in scopes
                    if type(scope) is dict
                    for name, value in dict.items(scope)
                    if value is tensor and type(name) is str
                ),
                None,
            )
            if name is None:
                continue
            found.append(
                RawOperand(
                    node=ast.parse(name, mode="eval").body,
                    expression=name,
                    entry=entry,
                    user_depth=raw.user_depth,
                    value=tensor,
                    roles=["module-tensor", str(buffer_name)],
                    callee=raw.callee,
                    made_from=raw.expression,
                )
            )
            if len(found) >= MAX_ELEMENTS_NAMED:
                return found
    return found
