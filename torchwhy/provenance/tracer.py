"""trace_exception: walk a live traceback and keep summaries of the values involved.

The frames of the traceback hold every value the failing code touched. The tracer reads
them once, eagerly, and keeps only TensorFacts/ModuleFacts/strings, so the returned
Trace never keeps a frame (and with it activations or GPU memory) alive.
"""

from __future__ import annotations

import ast
import linecache
import re
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from torchwhy.call_context import CallContext
from torchwhy.diagnosis import Location, TensorFacts
from torchwhy.provenance.assignments import (
    SourceIndex,
    forward_scope,
    function_scope,
    last_assignment,
    method_scope,
    own_statements,
)
from torchwhy.provenance.binding import (
    RECEIVER_NAMES,
    bind_builtin,
    bind_call,
    builtin_parameters,
    is_primitive,
    name_forward_arguments,
    parameter_names,
    roles_below,
    verified_binding,
)
from torchwhy.provenance.binding import callee_name as name_of_callee
from torchwhy.provenance.frames import FrameClassifier, FrameEntry, entries_of
from torchwhy.provenance.modules import ModuleNamer, module_facts, submodules_of
from torchwhy.provenance.origins import (
    Origin,
    attribute_site,
    called_expressions,
    is_setting,
    last_reshape,
    origin_of,
    returned_attribute,
    setting_site,
    source_lines,
)
from torchwhy.provenance.safe_access import (
    UNKNOWN,
    class_attribute,
    class_dict,
    instance_dict,
    is_instance,
    is_subclass,
    lookup_name,
    safe_eval,
    type_mro,
)
from torchwhy.provenance.scope import in_place_in_forwards, scope_operands, wants_scope
from torchwhy.provenance.tensor_facts import tensor_facts
from torchwhy.provenance.trace import FrameSummary, ModuleFacts, Operand, Trace
from torchwhy.provenance.unpicklable import find_unpicklable, is_pickling_error
from torchwhy.provenance.worker import worker_failure, worker_statement_name

# Bounds that keep a trace fast on deep (recursive) stacks.
MAX_USER_FRAMES_IN_DETAIL = 30
MAX_FRAMES_SUMMARISED = 1_000  # innermost ones; a RecursionError has ~1000 anyway
MAX_FRAMES_FOR_MODULES = 300
MAX_ELEMENT_FACTS = 4


class _NothingIsThis:
    """A type no value is an instance of: torch's types, when torch is not imported."""


_TORCH_NOT_IMPORTED = types.ModuleType("torch")
_TORCH_NOT_IMPORTED.Tensor = _NothingIsThis  # type: ignore[attr-defined]
_TORCH_NOT_IMPORTED.device = _NothingIsThis  # type: ignore[attr-defined]
_TORCH_NOT_IMPORTED.nn = types.SimpleNamespace(Module=_NothingIsThis)  # type: ignore[attr-defined]


@dataclass
class _StackModule:
    module: Any
    index: int
    input_tensor: Any = None


@dataclass
class _RawOperand:
    node: ast.AST | None
    expression: str
    entry: FrameEntry
    user_depth: int
    position: int | None = None
    keyword: str | None = None
    value: Any = UNKNOWN
    roles: list[str] = field(default_factory=list)
    callee: str | None = None
    callee_module: Any = None
    literal: bool = False
    slot: int | None = None
    element_index: int | None = None
    made_at: Location | None = None  # known already (a setting's site); else from the source
    made_from: str | None = None  # for a setting: the expression of the tensor it sized
    module_input: Any = None  # for a layer named off the stack: the tensor it was given


def trace_exception(
    exc: BaseException, *, user_code_filter: Callable[[str], bool] | None = None
) -> Trace:
    """Summarise the stack of a live exception: frames, operands, modules, notes."""
    trace = Trace(exception_type=type(exc).__name__, message=_message_of(exc))
    trace.notes.extend(_notes_for(trace.exception_type, trace.message))
    # A crash before torch was imported (a tokenizer's) still has operands worth naming:
    # a stand-in whose types nothing is an instance of lets the same code read them.
    torch = sys.modules.get("torch") or _TORCH_NOT_IMPORTED
    traceback = exc.__traceback__
    if traceback is None:
        return trace
    classifier = FrameClassifier(user_code_filter)
    trace.worker_failure = worker_failure(trace.message, classifier.is_user)
    entries = entries_of(traceback, classifier, MAX_FRAMES_SUMMARISED)
    trace.frames = [
        FrameSummary(entry.file, entry.line, entry.function, entry.is_user) for entry in entries
    ]
    user_entries = [entry for entry in entries if entry.is_user]
    innermost_user = user_entries[-1] if user_entries else None
    if innermost_user is not None:
        trace.location = Location(
            file=innermost_user.file,
            line=innermost_user.line,
            function=innermost_user.function,
            code=_code_line(innermost_user) or None,
        )
    stack_modules = _stack_modules(entries, torch)
    trace.context = CallContext(
        functions=tuple(dict.fromkeys(entry.function for entry in entries)),
        module_types=tuple(dict.fromkeys(type(item.module).__name__ for item in stack_modules)),
    )
    detailed = user_entries[-MAX_USER_FRAMES_IN_DETAIL:]
    if len(user_entries) > len(detailed):
        trace.notes.append(
            f"deep stack: inspected the innermost {len(detailed)} of "
            f"{len(user_entries)} user frames"
        )
    namer = ModuleNamer(torch)
    namer.add_roots(_root_candidates(detailed, torch))
    # Modules on the stack that no user name reaches still get a path from the
    # outermost module on the stack (`self` in the outermost forward).
    namer.add_roots(("self", item.module) for item in stack_modules[:1])

    sources = SourceIndex()
    raw_operands: list[_RawOperand] = []
    for depth, entry in enumerate(reversed(detailed)):
        raw_operands.extend(_operands_of(entry, depth, entries, torch, sources))
    raw_operands.extend(_settings_behind(raw_operands, torch, sources))
    raw_operands.extend(_helpers_behind(raw_operands, torch, sources, classifier))
    raw_operands.extend(_output_layers(raw_operands, torch, sources, classifier))
    raw_operands.extend(_unpicklable_attribute(trace.message, raw_operands, classifier, torch))
    if detailed and _NO_PROCESS_GROUP in trace.message:
        raw_operands.extend(_call_needing_process_group(detailed))
    if detailed:
        raw_operands.extend(_shadowed_method(detailed[-1], torch, classifier))
        raw_operands.extend(_optimized_models(raw_operands, detailed, torch))
    if _MISSING_FORWARD in trace.message:
        raw_operands.extend(_misspelt_forward(trace.message, raw_operands, torch, classifier))
    raw_operands.extend(_bad_sample_returned(trace.message, raw_operands, classifier))
    if trace.worker_failure is not None and detailed:
        raw_operands.extend(_worker_statement(trace, raw_operands, detailed[-1]))

    # The same object seen in several user frames (`tokens` passed on as `ids`) is named
    # by its outermost expression: where the user made it, not where it was forwarded.
    expression_by_id: dict[int, str] = {}
    identity_of: dict[int, int] = {}
    for raw in raw_operands:  # innermost first, so outer frames overwrite
        if raw.value is not UNKNOWN and not is_primitive(raw.value):
            expression_by_id[id(raw.value)] = raw.expression
            identity_of.setdefault(id(raw.value), len(identity_of))
    module_summaries: dict[int, ModuleFacts] = {}
    for item in stack_modules:
        caller = _nearest_user_above(entries, item.index)
        facts = module_facts(
            item.module,
            torch,
            namer,
            input_tensor=item.input_tensor,
            input_expression=expression_by_id.get(id(item.input_tensor))
            if item.input_tensor is not None
            else None,
            file=caller.file if caller else None,
            line=caller.line if caller else None,
            stack_index=item.index,
        )
        module_summaries[id(item.module)] = facts
        trace.modules.append(facts)
    receiving_module = {
        id(item.input_tensor): item.module
        for item in stack_modules
        if item.input_tensor is not None
    }
    trace.operands = [
        _summarise(
            raw, torch, namer, module_summaries, receiving_module, identity_of, sources, classifier
        )
        for raw in raw_operands
    ]
    if wants_scope(trace.message):
        root = _backward_root(raw_operands, torch)
        trace.scope = scope_operands(
            detailed, root, torch, namer, sources, identity_of, classifier.is_user
        )
        trace.scope += in_place_in_forwards(trace.message, root, torch, namer, classifier.is_user)
    return trace


_BACKWARD_CALLEES = frozenset({"backward", "grad", "run_backward", "_engine_run_backward"})


def _backward_root(raw_operands: list[_RawOperand], torch: Any) -> Any:
    """The tensor backward was called on (`loss` in `loss.backward()`), else None."""
    for raw in raw_operands:  # innermost frame first
        if raw.callee in _BACKWARD_CALLEES and is_instance(raw.value, torch.Tensor):
            return raw.value
    return None


def _origin(raw: _RawOperand, sources: SourceIndex) -> Origin | None:
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
    return found


_END_OF_FILE = 10**9


def _settings_behind(
    raw_operands: list[_RawOperand], torch: Any, sources: SourceIndex
) -> list[_RawOperand]:
    """Integer settings read where a failing tensor or model was made: `cfg["window"]` in
    `windows = make_windows(series, cfg["window"])`, `args.hidden` in `model =
    Forecaster(args.hidden)`: the size the user chose, one step behind the value."""
    found: list[_RawOperand] = []
    seen: set[str] = set()
    for raw in list(raw_operands):
        if raw.value is UNKNOWN or not (
            is_instance(raw.value, torch.Tensor) or is_instance(raw.value, torch.nn.Module)
        ):
            continue
        origin = _origin(raw, sources)
        value_node = getattr(origin.statement, "value", None) if origin else None
        if value_node is None:
            continue
        entry = raw.entry
        for node in ast.walk(value_node):
            if not is_setting(node):
                continue
            value = safe_eval(node, entry.local_values, entry.frame.f_globals, torch)
            expression = _source_text(node, sources.source_of(entry.frame))
            if type(value) is not int or expression in seen:
                continue
            seen.add(expression)
            found.append(
                _RawOperand(
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


_NO_PROCESS_GROUP = "process group has not been initialized"


def _call_needing_process_group(detailed: list[FrameEntry]) -> list[_RawOperand]:
    """The user's call that reached torch.distributed without a process group (`DDP(model)`,
    `DistributedSampler(dataset)`): what `init_process_group` must run before."""
    entry = detailed[-1]
    node, source = _executing_node(entry)
    if not isinstance(node, ast.Call):
        return []
    return [
        _RawOperand(
            node=node,
            expression=_source_text(node, source),
            entry=entry,
            user_depth=0,
            roles=["needs-process-group"],
        )
    ]


_FOUND_TYPE = re.compile(r"found <class '(?:[\w.]*\.)?(\w+)'>")


def _bad_sample_returned(
    message: str, raw_operands: list[_RawOperand], classifier: FrameClassifier
) -> list[_RawOperand]:
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
            _RawOperand(
                node=None,
                expression=name,
                entry=raw.entry,
                user_depth=raw.user_depth,
                roles=["bad-sample"],
                made_at=Location(
                    file=getattr(source, "filename", raw.entry.file),
                    line=statement.lineno,
                    function="__getitem__",
                    code=lines[statement.lineno - 1].strip() if lines else None,
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


def _shadowed_method(
    entry: FrameEntry, torch: Any, classifier: FrameClassifier
) -> list[_RawOperand]:
    """`net.train()` where `__init__` stored data as `self.train`: the instance attribute
    hides the class's method, so the call reaches the data. Named as the class writes it."""
    node, source = _executing_node(entry)
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
    init = method_scope(owner, "__init__", classifier.is_user)
    made_at = None
    if init is not None:
        made_at = attribute_site(
            init[0], expression, getattr(init[1], "filename", ""), source_lines(init[1])
        )
    return [
        _RawOperand(
            node=None,
            expression=expression if made_at else _source_text(node.func, source),
            entry=entry,
            user_depth=0,
            value=own[name],
            roles=["shadows-method"],
            made_at=made_at,
            made_from=f"{type(owner).__name__}.{name}",
        )
    ]


def _optimized_models(
    raw_operands: list[_RawOperand], detailed: list[FrameEntry], torch: Any
) -> list[_RawOperand]:
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
        for name, module in _root_candidates(detailed, torch):
            if _holds_parameter(module, first):
                return [
                    _RawOperand(
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


def _holds_parameter(module: Any, parameter: Any, budget: int = 2_000) -> bool:
    pending = [module]
    while pending and budget > 0:
        budget -= 1
        current = pending.pop()
        table = (instance_dict(current) or {}).get("_parameters")
        if type(table) is dict and any(value is parameter for value in dict.values(table)):
            return True
        pending.extend(submodules_of(current).values())
    return False


_MISSING_FORWARD = 'missing the required "forward" function'


def _misspelt_forward(
    message: str, raw_operands: list[_RawOperand], torch: Any, classifier: FrameClassifier
) -> list[_RawOperand]:
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
            _RawOperand(
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


def _worker_statement(
    trace: Trace, raw_operands: list[_RawOperand], innermost: FrameEntry
) -> list[_RawOperand]:
    """The value the worker's failing line of user code names; and whether that line is
    a method of the dataset (`__getitem__`) or a function of its own (a `collate_fn`)."""
    failure = trace.worker_failure
    assert failure is not None
    for raw in raw_operands:
        if "dataset" in raw.roles and raw.value is not UNKNOWN:
            method = class_attribute(type(raw.value), failure.function or "")
            if type(method) is types.FunctionType:
                trace.worker_failure_owner = type(raw.value).__name__
    name = worker_statement_name(failure, trace.exception_type)
    if name is None:
        return []
    return [
        _RawOperand(
            node=None,
            expression=name,
            entry=innermost,
            user_depth=0,
            roles=["worker-line"],
            made_at=failure,
        )
    ]


def _output_layers(
    raw_operands: list[_RawOperand],
    torch: Any,
    sources: SourceIndex,
    classifier: FrameClassifier,
) -> list[_RawOperand]:
    """For `model(x)` (or `logits = model(x)`): the layer the model's forward returns
    from (`self.out`), whose sizes decide what the output holds."""
    found: list[_RawOperand] = []
    for raw in list(raw_operands):
        if raw.value is UNKNOWN or not is_instance(raw.value, torch.Tensor):
            continue
        call = raw.node
        if not isinstance(call, ast.Call):
            origin = _origin(raw, sources)
            call = getattr(origin.statement, "value", None) if origin else None
        if not isinstance(call, ast.Call):
            continue
        entry = raw.entry
        model = safe_eval(call.func, entry.local_values, entry.frame.f_globals, torch)
        if model is UNKNOWN or not is_instance(model, torch.nn.Module):
            continue
        scope = forward_scope(model, classifier.is_user)
        if scope is None:
            continue
        layers = submodules_of(model)
        named: list[tuple[str, str, Any]] = []
        returned = returned_attribute(scope[0])
        if returned in layers:
            named.append((returned, "output-layer", None))
        model_input = _first_tensor_argument(call, entry, torch)
        for attribute, layer in layers.items():
            if type(layer).__name__ in _RECURRENT_TYPES:
                named.append((attribute, "recurrent", model_input))
        for attribute, role, given in named:
            expression = f"self.{attribute}"
            found.append(
                _RawOperand(
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


_RECURRENT_TYPES = frozenset({"LSTM", "GRU", "RNN"})


def _first_tensor_argument(call: ast.Call, entry: FrameEntry, torch: Any) -> Any:
    """The tensor `model(x)` was given, when its first argument reads as one."""
    if not call.args or isinstance(call.args[0], ast.Starred):
        return None
    value = safe_eval(call.args[0], entry.local_values, entry.frame.f_globals, torch)
    return value if value is not UNKNOWN and is_instance(value, torch.Tensor) else None


def _helpers_behind(
    raw_operands: list[_RawOperand],
    torch: Any,
    sources: SourceIndex,
    classifier: FrameClassifier,
) -> list[_RawOperand]:
    """The user's own function that made a failing tensor (`loss = residual_loss(net,
    t)`), made at its `return`: the helper, gone from the stack, is where the value
    took its shape."""
    found: list[_RawOperand] = []
    for raw in list(raw_operands):
        if raw.value is UNKNOWN or not is_instance(raw.value, torch.Tensor):
            continue
        origin = _origin(raw, sources)
        call = getattr(origin.statement, "value", None) if origin else None
        if not isinstance(call, ast.Call) or not isinstance(call.func, (ast.Name, ast.Attribute)):
            continue
        entry = raw.entry
        function = safe_eval(call.func, entry.local_values, entry.frame.f_globals, torch)
        scope = function_scope(function, classifier.is_user)
        if scope is None:
            continue
        node, source = scope
        returns = [item for item in own_statements(node) if isinstance(item, ast.Return)]
        last = returns[-1] if returns else None
        lines = source_lines(source)
        found.append(
            _RawOperand(
                node=call.func,
                expression=_source_text(call.func, sources.source_of(entry.frame)),
                entry=entry,
                user_depth=raw.user_depth,
                roles=["helper"],
                made_at=Location(
                    file=getattr(source, "filename", entry.file),
                    line=last.lineno,
                    function=getattr(node, "name", None),
                    code=lines[last.lineno - 1].strip() if lines else None,
                )
                if last is not None
                else None,
                made_from=raw.expression,
            )
        )
    return found[:MAX_ELEMENTS_NAMED]


def _unpicklable_attribute(
    message: str, raw_operands: list[_RawOperand], classifier: FrameClassifier, torch: Any
) -> list[_RawOperand]:
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
        _RawOperand(
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


def _reshaped_at(
    origin: Origin, entry: FrameEntry, torch: Any, is_user_file: Callable[[str], bool]
) -> Location | None:
    """For `out = model(x)`: the last `view(-1, ...)` in the forward of the user's module."""
    for func in called_expressions(origin.statement):
        module = safe_eval(func, entry.local_values, entry.frame.f_globals, torch)
        if module is UNKNOWN or not is_instance(module, torch.nn.Module):
            continue
        found = forward_scope(module, is_user_file)
        if found is not None:
            return last_reshape(*found)
    return None


def _message_of(exc: BaseException) -> str:
    try:
        return BaseException.__str__(exc)
    except Exception:
        return ""


def _notes_for(exception_type: str | None, message: str) -> list[str]:
    notes: list[str] = []
    lowered = message.lower()
    if exception_type == "OutOfMemoryError" or "out of memory" in lowered:
        notes.append(
            "the traceback itself keeps activations alive: `del` the exception and its "
            "traceback (and don't keep sys.last_traceback) before retrying"
        )
    if "device-side assert" in lowered or "cuda error" in lowered or "illegal memory" in lowered:
        notes.append(
            "CUDA errors are reported asynchronously: the line shown may not be the failing "
            "op; rerun with CUDA_LAUNCH_BLOCKING=1 or the same step on the CPU, and restart "
            "the process (the CUDA context cannot recover)"
        )
    return notes


def _code_line(entry: FrameEntry) -> str:
    if entry.line is None:
        return ""
    return linecache.getline(entry.file, entry.line, entry.frame.f_globals).strip()


def _stack_modules(entries: list[FrameEntry], torch: Any) -> list[_StackModule]:
    """nn.Modules whose methods (forward, hooks) are on the stack, outermost first."""
    found: dict[int, _StackModule] = {}
    for entry in entries[-MAX_FRAMES_FOR_MODULES:]:
        code = entry.frame.f_code
        if code.co_argcount == 0:
            continue
        local_values = entry.local_values
        receiver = local_values.get(code.co_varnames[0])
        if receiver is None or not is_instance(receiver, torch.nn.Module):
            continue
        item = found.get(id(receiver))
        if item is None:
            item = found[id(receiver)] = _StackModule(module=receiver, index=entry.index)
        if entry.function == "forward" and item.input_tensor is None:
            for name in parameter_names(code)[1:]:
                value = local_values.get(name)
                if value is not None and is_instance(value, torch.Tensor):
                    item.input_tensor = value
                    break
    return sorted(found.values(), key=lambda item: item.index)


def _root_candidates(user_entries: list[FrameEntry], torch: Any) -> Iterator[tuple[str, Any]]:
    """Names that may hold the root model: user locals and globals, outermost frame first,
    `self` last (so `model.head.fc` is preferred over `self.head.fc`)."""
    seen_globals: set[int] = set()
    module_type = torch.nn.Module
    for entry in user_entries:
        for name, value in entry.local_values.items():
            if name not in RECEIVER_NAMES and is_instance(value, module_type):
                yield name, value
        f_globals = entry.frame.f_globals
        if id(f_globals) in seen_globals or type(f_globals) is not dict:
            continue
        seen_globals.add(id(f_globals))
        for name, value in list(f_globals.items()):
            if not name.startswith("__") and is_instance(value, module_type):
                yield name, value
    for entry in user_entries:
        value = entry.local_values.get("self")
        if value is not None and is_instance(value, module_type):
            yield "self", value


def _nearest_user_above(entries: list[FrameEntry], index: int) -> FrameEntry | None:
    for entry in reversed(entries[: index + 1]):
        if entry.is_user:
            return entry
    return None


def _executing_node(entry: FrameEntry) -> tuple[ast.AST | None, Any]:
    try:
        import executing

        found = executing.Source.executing(entry.tb)
        return found.node, found.source
    except Exception:
        return None, None


def _source_text(node: ast.AST, source: Any) -> str:
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


def _operand_nodes(node: ast.AST) -> list[tuple[ast.AST, int | None, str | None, str | None]]:
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


def _fallback_nodes(entry: FrameEntry) -> list[tuple[ast.AST, int | None, str | None, str | None]]:
    """Without an executing node, the names read on the failing line are the candidates."""
    line = _code_line(entry)
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


def _operands_of(
    entry: FrameEntry, user_depth: int, entries: list[FrameEntry], torch: Any, sources: SourceIndex
) -> list[_RawOperand]:
    node, source = _executing_node(entry)
    frame = entry.frame
    f_locals, f_globals = entry.local_values, frame.f_globals
    callee_entry = entries[entry.index + 1] if entry.index + 1 < len(entries) else None
    raise_statement = _raise_statement(node, entry, source)
    if raise_statement is not None:
        # A hand-written `raise`: the exception class and its message are no operands;
        # the values read by the message's arguments and by the guarding `if` are.
        node = None
        operand_nodes = _raise_operand_nodes(raise_statement)
    elif node is not None:
        operand_nodes = _operand_nodes(node)
    else:
        operand_nodes = _fallback_nodes(entry)
        source = None
    called_value = UNKNOWN
    if isinstance(node, ast.Call):
        called_value = safe_eval(node.func, f_locals, f_globals, torch)
    is_module_call = is_instance(called_value, torch.nn.Module)
    bound = (
        bind_call(node, called_value, callee_entry, f_locals, f_globals, torch)
        if isinstance(node, ast.Call) and callee_entry is not None
        else {}
    )
    callee_name = name_of_callee(node, callee_entry, called_value)
    if (
        isinstance(node, ast.Call)
        and callee_entry is None
        and builtin_parameters(callee_name or "", torch)
    ):
        bound = bind_builtin(node, callee_name, f_locals, f_globals, torch)
    if isinstance(node, ast.Call) and is_module_call:
        name_forward_arguments(node, called_value, bound)
    operands: list[_RawOperand] = []
    for operand_node, position, keyword, role_hint in operand_nodes:
        key = ("kw", keyword) if keyword is not None else ("pos", position)
        value = UNKNOWN
        roles: list[str] = []
        if key in bound:
            parameter, value = bound[key]
            if parameter:
                roles.append(parameter)
            if value is not UNKNOWN and callee_entry is not None:
                value = verified_binding(
                    operand_node,
                    value,
                    parameter,
                    callee_entry,
                    f_locals,
                    f_globals,
                    torch,
                    sources,
                )
        if value is UNKNOWN:
            value = safe_eval(operand_node, f_locals, f_globals, torch)
        if position == -1 and isinstance(node, ast.Call):
            if is_module_call:
                continue  # `self.fc(x)`: the receiver `self` is not an operand of the call
            if type(value) is types.ModuleType:
                continue  # `torch.gather(...)`, `F.relu(...)`: a namespace, not a value
        if value is not UNKNOWN and is_subclass(value, BaseException):
            continue  # `RuntimeError` named on the line is the error, not its cause
        if role_hint and role_hint not in roles and not roles:
            roles.append(role_hint)
        expression = _source_text(operand_node, source)
        unwrapped = _unwrap_iteration(operand_node, f_locals, f_globals)
        if unwrapped is not None:
            # `next(iter(loader))`: name the loader, not the call that wraps it.
            operand_node = unwrapped
            expression = _source_text(unwrapped, source)
            direct = safe_eval(unwrapped, f_locals, f_globals, torch)
            if direct is not UNKNOWN:
                value = direct
        raw = _RawOperand(
            node=operand_node,
            expression=expression,
            entry=entry,
            user_depth=user_depth,
            position=position,
            keyword=keyword,
            value=value,
            roles=roles,
            callee=callee_name,
            callee_module=called_value if is_module_call else None,
            literal=_is_literal(operand_node),
        )
        if value is not UNKNOWN and not is_primitive(value) and callee_entry is not None:
            deeper_roles, deepest = roles_below(value, entries, entry.index + 1)
            for role in deeper_roles:
                if role not in raw.roles:
                    raw.roles.append(role)
            if deepest and not isinstance(node, ast.Call):
                raw.callee = deepest
        operands.append(raw)
    _assign_slots(node, operands)
    extra: list[_RawOperand] = []
    for raw in operands:
        extra.extend(_elements_of(raw, f_locals, f_globals, source, torch))
        extra.extend(_attribute_base(raw, f_locals, f_globals, source, torch))
        extra.extend(_tensors_read_by(raw, f_locals, f_globals, source, torch))
        extra.extend(_data_source(raw, entries, torch))
    known = {raw.expression for raw in operands}
    for raw in extra:
        if raw.expression not in known:
            known.add(raw.expression)
            operands.append(raw)
    # The called object itself: a module (`model.fc(x)`, named first), or a configured
    # callable such as `tokenizer(texts, padding=True)`.
    if isinstance(node, ast.Call) and (is_module_call or _is_callable_object(called_value, torch)):
        called = _RawOperand(
            node=node.func,
            expression=_source_text(node.func, source),
            entry=entry,
            user_depth=user_depth,
            value=called_value,
            roles=["module"] if is_module_call else ["callable"],
            callee=callee_name,
        )
        if is_module_call:
            operands.insert(0, called)
        else:
            operands.append(called)
    return operands


def _is_literal(node: ast.AST | None) -> bool:
    """A constant written in the source: `2`, `-1`, `"pt"`, `:`, `(1, 2)`, `None`."""
    if node is None:
        return False
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return _is_literal(node.operand)
    if isinstance(node, ast.Slice):
        parts = (node.lower, node.upper, node.step)
        return all(part is None or _is_literal(part) for part in parts)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(_is_literal(item) for item in node.elts)
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(item, ast.Constant) for item in node.values)
    return False


def _raise_statement(node: ast.AST | None, entry: FrameEntry, source: Any) -> ast.Raise | None:
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


def _raise_operand_nodes(
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


def _unwrap_iteration(
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


def _assign_slots(node: ast.AST | None, operands: list[_RawOperand]) -> None:
    """Number the values an expression operates on as a message counts them (1-based)."""
    if isinstance(node, (ast.BinOp, ast.Compare, ast.BoolOp)):
        for raw in operands:
            if raw.position is not None and raw.position >= 0:
                raw.slot = raw.position + 1
        return
    if isinstance(node, (ast.Call, ast.Subscript, ast.AugAssign)):
        has_receiver = any(raw.position == -1 for raw in operands)
        for raw in operands:
            if raw.keyword is not None or raw.position is None:
                continue
            raw.slot = 1 if raw.position == -1 else raw.position + 1 + int(has_receiver)


MAX_ELEMENTS_NAMED = 8


def _elements_of(
    raw: _RawOperand,
    f_locals: dict[str, Any],
    f_globals: dict[str, Any],
    source: Any,
    torch: Any,
) -> list[_RawOperand]:
    """The elements of a list/tuple written in place (`torch.cat([a, b])`)."""
    node = raw.node
    if not isinstance(node, (ast.List, ast.Tuple)) or raw.literal:
        return []
    if len(node.elts) > MAX_ELEMENTS_NAMED:
        return []
    found: list[_RawOperand] = []
    for index, item in enumerate(node.elts):
        if isinstance(item, ast.Starred):
            break
        if _is_literal(item):
            continue
        value = safe_eval(item, f_locals, f_globals, torch)
        if value is UNKNOWN and type(raw.value) in (list, tuple) and index < len(raw.value):
            value = raw.value[index]
        found.append(
            _RawOperand(
                node=item,
                expression=_source_text(item, source),
                entry=raw.entry,
                user_depth=raw.user_depth,
                value=value,
                roles=[],
                callee=raw.callee,
                element_index=index,
            )
        )
    return found


def _attribute_base(
    raw: _RawOperand,
    f_locals: dict[str, Any],
    f_globals: dict[str, Any],
    source: Any,
    torch: Any,
) -> list[_RawOperand]:
    """`loss.data` cannot be read without running code; `loss`, the tensor it is read
    from, can, and is what the user named."""
    node = raw.node
    if raw.value is not UNKNOWN or not isinstance(node, ast.Attribute):
        return []
    base = safe_eval(node.value, f_locals, f_globals, torch)
    if base is UNKNOWN or not is_instance(base, torch.Tensor):
        return []
    return [
        _RawOperand(
            node=node.value,
            expression=_source_text(node.value, source),
            entry=raw.entry,
            user_depth=raw.user_depth,
            position=raw.position,
            keyword=raw.keyword,
            value=base,
            roles=list(raw.roles),
            callee=raw.callee,
            callee_module=raw.callee_module,
            slot=raw.slot,
        )
    ]


def _tensors_read_by(
    raw: _RawOperand,
    f_locals: dict[str, Any],
    f_globals: dict[str, Any],
    source: Any,
    torch: Any,
) -> list[_RawOperand]:
    """`mask == 0` cannot be read without running code; `mask`, the tensor it compares,
    can, and carries the facts (its device, shape) the result inherits."""
    node = raw.node
    if raw.value is not UNKNOWN or not isinstance(node, (ast.Compare, ast.BinOp, ast.UnaryOp)):
        return []
    found: list[_RawOperand] = []
    for item in ast.walk(node):
        if not isinstance(item, (ast.Name, ast.Attribute)) or not isinstance(item.ctx, ast.Load):
            continue
        value = safe_eval(item, f_locals, f_globals, torch)
        if value is UNKNOWN or not is_instance(value, torch.Tensor):
            continue
        found.append(
            _RawOperand(
                node=item,
                expression=_source_text(item, source),
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


def _data_source(raw: _RawOperand, entries: list[FrameEntry], torch: Any) -> list[_RawOperand]:
    """The dataset behind a DataLoader (or its iterator), named as the user named it."""
    value = raw.value
    if value is UNKNOWN or is_primitive(value):
        return []
    loader_module = sys.modules.get("torch.utils.data.dataloader")
    if loader_module is None:
        return []
    own = None
    key = None
    loader_type = getattr(loader_module, "DataLoader", None)
    iterator_type = getattr(loader_module, "_BaseDataLoaderIter", None)
    if isinstance(loader_type, type) and is_instance(value, loader_type):
        own, key = instance_dict(value), "dataset"
    elif isinstance(iterator_type, type) and is_instance(value, iterator_type):
        own, key = instance_dict(value), "_dataset"
    if not own or key not in own:
        return []
    dataset = own[key]
    name = _user_name_of(dataset, entries)
    return [
        _RawOperand(
            node=None,
            expression=name or f"{raw.expression}.dataset",
            entry=raw.entry,
            user_depth=raw.user_depth,
            value=dataset,
            roles=["dataset"],
            callee=raw.callee,
        )
    ]


def _user_name_of(value: Any, entries: list[FrameEntry]) -> str | None:
    """A name a user frame binds to this very object (innermost frame first)."""
    seen_globals: set[int] = set()
    for entry in reversed(entries):
        if not entry.is_user:
            continue
        for name, candidate in entry.local_values.items():
            if candidate is value and type(name) is str and not name.startswith("_"):
                return name
        f_globals = entry.frame.f_globals
        if id(f_globals) in seen_globals or type(f_globals) is not dict:
            continue
        seen_globals.add(id(f_globals))
        for name, candidate in list(f_globals.items()):
            if candidate is value and type(name) is str and not name.startswith("_"):
                return name
    return None


_PLAIN_CALLABLE_TYPES = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    types.BuiltinMethodType,
    types.MethodWrapperType,
    types.WrapperDescriptorType,
    types.MethodDescriptorType,
    types.ClassMethodDescriptorType,
    types.ModuleType,
)


def _is_callable_object(value: Any, torch: Any) -> bool:
    """An instance called like a function (`tokenizer(...)`, a transform), not a function,
    class, namespace or nn.Module."""
    if value is UNKNOWN or value is None or is_primitive(value):
        return False
    if type(value) in _PLAIN_CALLABLE_TYPES or is_instance(value, type):
        return False
    if is_instance(value, torch.nn.Module):
        return False
    module_name = class_attribute(type(value), "__module__")
    if type(module_name) is not str:
        module_name = ""
    if module_name.startswith(("functools", "torch._ops", "builtins", "torch._C")):
        return False
    return class_attribute(type(value), "__call__") is not UNKNOWN


def _summarise(
    raw: _RawOperand,
    torch: Any,
    namer: ModuleNamer,
    module_summaries: dict[int, ModuleFacts],
    receiving_module: dict[int, Any],
    identity_of: dict[int, int],
    sources: SourceIndex,
    classifier: FrameClassifier,
) -> Operand:
    value = raw.value
    kind = _kind_of(value, torch)
    tensor = tensor_facts(value, torch) if kind == "tensor" else None
    module = None
    if kind == "module":
        module = module_summaries.get(id(value)) or module_facts(
            value, torch, namer, input_tensor=raw.module_input
        )
    callee_module_object = raw.callee_module
    if callee_module_object is None and kind == "tensor":
        callee_module_object = receiving_module.get(id(value))
    callee_module = None
    if callee_module_object is not None:
        callee_module = module_summaries.get(id(callee_module_object)) or module_facts(
            callee_module_object, torch, namer
        )
    origin = _origin(raw, sources) if kind not in ("module", "unknown", "none") else None
    made_at = raw.made_at or (origin.location if origin else None)
    if kind == "module" and raw.made_at is None:
        made_at = attribute_site(
            sources.scope_of(raw.entry.frame),
            raw.expression,
            raw.entry.file,
            sources.lines_of(raw.entry.frame),
        )
    if made_at is None and kind in ("str", "int", "float", "bool", "object"):
        made_at = setting_site(
            sources.module_of(raw.entry.frame),
            raw.node,
            raw.entry.file,
            sources.lines_of(raw.entry.frame),
        )
    text_value = None
    if kind == "str" and len(value) <= 80:
        text_value = value
    elif type(value) is torch.device:
        text_value = str(value)  # a C type: its str runs no user code
    element_tensors: list[TensorFacts] = []
    element_count = None
    if kind in ("list", "tuple"):
        element_count = len(value)
        for item in value[:MAX_ELEMENT_FACTS]:
            if is_instance(item, torch.Tensor):
                facts = tensor_facts(item, torch)
                if facts is not None:
                    element_tensors.append(facts)
    return Operand(
        expression=raw.expression,
        file=raw.entry.file,
        line=raw.entry.line,
        user_depth=raw.user_depth,
        callee=raw.callee,
        roles=tuple(raw.roles),
        position=raw.position,
        keyword=raw.keyword,
        kind=kind,
        tensor=tensor,
        module=module,
        callee_module=callee_module,
        int_value=int(value) if kind == "int" else None,
        element_count=element_count,
        element_tensors=tuple(element_tensors),
        identity=identity_of.get(id(value)) if value is not UNKNOWN else None,
        literal=raw.literal,
        slot=raw.slot,
        type_name=type(value).__name__ if value is not UNKNOWN else None,
        element_index=raw.element_index,
        made_at=made_at,
        made_from=raw.made_from,
        left_by_loop=origin is not None and _outside_loop(origin.statement, raw.entry.line),
        text_value=text_value,
        reshaped_at=_reshaped_at(origin, raw.entry, torch, classifier.is_user)
        if origin and kind == "tensor"
        else None,
    )


def _outside_loop(statement: ast.stmt, line: int | None) -> bool:
    """Bound by a `for` loop that the line is not in: the loop has finished, and the
    name still holds its last item (`labels` of the training loop, read in validation)."""
    if not isinstance(statement, (ast.For, ast.AsyncFor)) or line is None:
        return False
    return not statement.lineno <= line <= (statement.end_lineno or statement.lineno)


def _kind_of(value: Any, torch: Any) -> str:
    if value is UNKNOWN:
        return "unknown"
    value_type = type(value)
    if value_type in (int, float, bool, list, tuple, dict, str):
        return value_type.__name__
    if value is None:
        return "none"
    if is_instance(value, torch.Tensor):
        return "tensor"
    if is_instance(value, torch.nn.Module):
        return "module"
    return "object"
