"""trace_exception: walk a live traceback and keep summaries of the values involved.

The frames of the traceback hold every value the failing code touched. The tracer reads
them once, eagerly, and keeps only TensorFacts/ModuleFacts/strings, so the returned
Trace never keeps a frame (and with it activations or GPU memory) alive.

This module walks the stack and summarises; what the failing line operates on is read by
`failing_line`, arguments are bound to parameters by `binding`, and the values an operand
stands for (a DataLoader's dataset, a list's elements) come from `operand_sources`.
"""

from __future__ import annotations

import ast
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from torchwhy.call_context import CallContext
from torchwhy.diagnosis import Location, TensorFacts
from torchwhy.provenance.assignments import SourceIndex, forward_scope
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
from torchwhy.provenance.checkpoints import refused_object
from torchwhy.provenance.datasets import (
    datasets_among,
    empty_data,
    length_beyond_data,
    unequal_sample_made,
)
from torchwhy.provenance.dtype_sources import dtypes_chosen_in_helpers
from torchwhy.provenance.failing_line import (
    code_line,
    executing_node,
    fallback_nodes,
    is_literal,
    operand_nodes_of,
    raise_operand_nodes,
    selection_base,
    source_text,
    stopped_at_raise,
    unpacked_base,
    unwrap_iteration,
    view_base,
)
from torchwhy.provenance.frames import FrameClassifier, FrameEntry, entries_of
from torchwhy.provenance.meta_init import META_COPY, meta_loads_without_assign
from torchwhy.provenance.modules import ModuleNamer, module_facts
from torchwhy.provenance.operand_sources import (
    RawOperand,
    attribute_base,
    data_source,
    elements_of,
    is_callable_object,
)
from torchwhy.provenance.origins import (
    Origin,
    attribute_site,
    called_expressions,
    last_reshape,
    setting_site,
)
from torchwhy.provenance.python_errors import keys_of, missing_key_subscript
from torchwhy.provenance.root_sources import (
    BATCH_SIZES_DIFFER,
    DEVICE_MISMATCH,
    EMPTY_PARAMETERS,
    INDEX_BEYOND_SIZE,
    INFERENCE_TENSORS,
    MISSING_FORWARD,
    NO_PROCESS_GROUP,
    bad_sample_returned,
    call_needing_process_group,
    doubles_mixed_into_samples,
    freezers_of_filtered_parameters,
    helpers_behind,
    inference_tensors_made,
    inputs_behind_outputs,
    last_batch_loaders,
    misspelt_forward,
    models_behind_outputs,
    module_class_called,
    optimized_models,
    origin_of_operand,
    output_layers,
    rebound_globals,
    resized_layers,
    returned_name,
    saves_of_loaded_files,
    settings_behind,
    settings_behind_state,
    shadowed_method,
    sizes_behind_buffers,
    strings_iterated,
    tensors_batched_by_loaders,
    tensors_held_by_modules,
    tensors_read_by,
    tensors_selected_from,
    unpicklable_attribute,
    unreduced_losses,
    worker_statement,
)
from torchwhy.provenance.safe_access import (
    UNKNOWN,
    class_attribute,
    is_instance,
    is_subclass,
    safe_eval,
)
from torchwhy.provenance.scope import (
    called_user_functions,
    cuts_in_forwards,
    grad_mode_switched_off,
    graphs_kept_on_modules,
    helpers_feeding_failing_lines,
    helpers_of_forwards,
    in_place_in_forwards,
    scope_operands,
    wants_scope,
)
from torchwhy.provenance.tensor_facts import tensor_facts
from torchwhy.provenance.trace import FrameSummary, ModuleFacts, Operand, Trace
from torchwhy.provenance.unregistered import unregistered_containers
from torchwhy.provenance.worker import (
    compiled_failure,
    compiled_marked_text,
    marked_subject,
    marked_submodule,
    statement_subject,
    worker_failure,
)
from torchwhy.provenance.wrappers import unused_parameter_owner

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


_C_FUNCTION_TYPES = (
    types.BuiltinFunctionType,
    types.MethodWrapperType,
    types.WrapperDescriptorType,
    types.MethodDescriptorType,
)


def _is_c_function(node: ast.AST | None, called_value: Any, entry: FrameEntry, torch: Any) -> bool:
    """The call reaches a C function: `torch.tril(...)`, or a tensor method such as
    `att.masked_fill(...)` (looked up on the receiver's class, never fetched from it)."""
    if type(called_value) in _C_FUNCTION_TYPES:
        return True
    if called_value is not UNKNOWN or not isinstance(node, ast.Call):
        return False
    if not isinstance(node.func, ast.Attribute):
        return False
    receiver = safe_eval(node.func.value, entry.local_values, entry.frame.f_globals, torch)
    if receiver is UNKNOWN or not is_instance(receiver, torch.Tensor):
        return False
    return type(class_attribute(type(receiver), node.func.attr)) in _C_FUNCTION_TYPES


def _read_unreadable_from_kernel(
    operands: list[RawOperand], kernel: FrameEntry | None, torch: Any
) -> None:
    """A C op's stored argument the line cannot read safely (`trip["weights"]`) is the
    tensor torch handed the Python kernel below the op (`_fn(*args)`), by position, and only
    when every argument the line could read is the kernel's at that position: a method's
    receiver shifts the positions (that shift once gave masked_fill's `value` the mask's
    facts), and any disagreement refuses the binding."""
    args = kernel.local_values.get("args") if kernel is not None else None
    if type(args) is not tuple:
        return
    positional = [raw for raw in operands if raw.keyword is None and raw.position is not None]
    shift = 1 if any(raw.position == -1 for raw in positional) else 0
    slots = {raw.position + shift: raw for raw in positional}
    for index, raw in slots.items():
        if not 0 <= index < len(args):
            return
        if raw.value is UNKNOWN:
            continue
        same = raw.value == args[index] if is_primitive(raw.value) else raw.value is args[index]
        if not same:
            return
    for index, raw in slots.items():
        stored = isinstance(raw.node, (ast.Name, ast.Attribute, ast.Subscript))
        if stored and raw.value is UNKNOWN and is_instance(args[index], torch.Tensor):
            raw.value = args[index]  # a computed operand (`mask == 0`) keeps naming its parts


@dataclass
class _StackModule:
    module: Any
    index: int
    input_tensor: Any = None


def trace_exception(
    exc: BaseException, *, user_code_filter: Callable[[str], bool] | None = None
) -> Trace:
    """Summarise the stack of a live exception: frames, operands, modules, notes."""
    trace = Trace(exception_type=type(exc).__name__, message=_message_of(exc))
    # A crash before torch was imported (a tokenizer's) still has operands worth naming:
    # a stand-in whose types nothing is an instance of lets the same code read them.
    torch = sys.modules.get("torch") or _TORCH_NOT_IMPORTED
    traceback = exc.__traceback__
    if traceback is None:
        return trace
    classifier = FrameClassifier(user_code_filter)
    trace.worker_failure = worker_failure(trace.message, classifier.is_user)
    trace.compiled_failure = compiled_failure(trace.message, classifier.is_user)
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
            code=code_line(innermost_user) or None,
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
    raw_operands: list[RawOperand] = []
    for depth, entry in enumerate(reversed(detailed)):
        raw_operands.extend(_operands_of(entry, depth, entries, torch, sources))
    raw_operands.extend(settings_behind(raw_operands, torch, sources))
    raw_operands.extend(settings_behind_state(raw_operands, classifier))
    if INDEX_BEYOND_SIZE.search(trace.message):
        raw_operands.extend(sizes_behind_buffers(raw_operands, torch, sources, detailed))
    if EMPTY_PARAMETERS in trace.message and detailed:
        raw_operands.extend(freezers_of_filtered_parameters(raw_operands, detailed[-1]))
    if META_COPY in trace.message and detailed:
        raw_operands.extend(meta_loads_without_assign(trace.message, detailed[-1], torch))
    if INFERENCE_TENSORS in trace.message:
        raw_operands.extend(inference_tensors_made(raw_operands, torch, sources))
    raw_operands.extend(helpers_behind(raw_operands, torch, sources, classifier))
    raw_operands.extend(dtypes_chosen_in_helpers(raw_operands, torch, classifier))
    raw_operands.extend(output_layers(raw_operands, torch, sources, classifier, detailed))
    raw_operands.extend(tensors_held_by_modules(raw_operands, torch))
    raw_operands.extend(unpicklable_attribute(trace.message, raw_operands, classifier, torch))
    if detailed and NO_PROCESS_GROUP in trace.message:
        raw_operands.extend(call_needing_process_group(detailed))
    if detailed:
        raw_operands.extend(shadowed_method(detailed[-1], torch, classifier))
        raw_operands.extend(module_class_called(detailed, torch))
        roots = list(_root_candidates(detailed, torch))
        raw_operands.extend(optimized_models(raw_operands, roots, torch))
    if MISSING_FORWARD in trace.message:
        raw_operands.extend(misspelt_forward(trace.message, raw_operands, torch, classifier))
    raw_operands.extend(bad_sample_returned(trace.message, raw_operands, classifier))
    if detailed:
        raw_operands.extend(
            missing_key_subscript(trace.exception_type, trace.message, detailed[-1], torch)
        )
    if detailed:
        wrappers = [item.module for item in stack_modules] + [
            raw.value for raw in raw_operands if is_instance(raw.value, torch.nn.Module)
        ]
        raw_operands.extend(
            unused_parameter_owner(trace.message, wrappers, detailed[-1], torch, classifier)
        )
    if detailed:
        datasets = datasets_among(raw_operands, detailed[-1])
        raw_operands.extend(unequal_sample_made(trace.message, datasets, detailed[-1], classifier))
        raw_operands.extend(empty_data(trace.message, datasets, detailed[-1], classifier))
        raw_operands.extend(
            length_beyond_data(
                trace.exception_type,
                trace.worker_failure or trace.location,
                datasets,
                detailed[-1],
                classifier,
            )
        )
    raw_operands.extend(last_batch_loaders(trace.message, raw_operands, torch, sources))
    raw_operands.extend(unreduced_losses(raw_operands, torch, sources, classifier.is_user))
    raw_operands.extend(strings_iterated(raw_operands, torch, sources))
    raw_operands.extend(saves_of_loaded_files(raw_operands, sources))
    raw_operands.extend(rebound_globals(raw_operands, sources))
    raw_operands.extend(tensors_batched_by_loaders(raw_operands, torch, sources))
    raw_operands.extend(tensors_selected_from(raw_operands, torch, sources))
    raw_operands.extend(resized_layers(trace.message, raw_operands, torch, classifier))
    raw_operands.extend(doubles_mixed_into_samples(trace.message, raw_operands, torch, sources))
    if DEVICE_MISMATCH.search(trace.message):
        raw_operands.extend(models_behind_outputs(raw_operands, torch, sources))
    raw_operands.extend(unregistered_containers(raw_operands, torch, classifier))
    if BATCH_SIZES_DIFFER.search(trace.message):
        raw_operands.extend(inputs_behind_outputs(raw_operands, torch, sources))
    raw_operands.extend(refused_object(trace.message, user_entries))
    if trace.compiled_failure is not None and detailed:
        raw_operands.extend(_compiled_subject(trace.compiled_failure, detailed[-1], trace.message))
        raw_operands.extend(
            _compiled_submodule(
                trace.compiled_failure, detailed[-1], trace.message, classifier.is_user
            )
        )
    if trace.worker_failure is not None and detailed:
        raw_operands.extend(worker_statement(trace, raw_operands, detailed[-1]))

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
        feeding = helpers_feeding_failing_lines(detailed, torch, sources, classifier.is_user)
        feeding += [
            helper
            for helper in helpers_of_forwards(namer, classifier.is_user)
            if all(helper is not known for known in feeding)
        ]
        trace.scope += in_place_in_forwards(
            trace.message, root, torch, namer, classifier.is_user, feeding
        )
        trace.scope += cuts_in_forwards(root, torch, namer, classifier.is_user, feeding)
        helpers = called_user_functions(detailed, torch, sources, classifier.is_user)
        trace.scope += grad_mode_switched_off(detailed, torch, sources, helpers)
        trace.scope += graphs_kept_on_modules(trace.message, root, torch, namer, classifier.is_user)
    return trace


def _compiled_subject(
    failure: Location, innermost: FrameEntry, message: str = ""
) -> list[RawOperand]:
    """What the line torch.compile could not trace turns on (`scale` in `if scale > 1.0`)."""
    role = "compiled-line"
    found = marked_subject(failure) if not failure.function else None
    found = found or statement_subject(failure)
    if found is None:
        # A line with no condition or assignment to turn on: its call the message names,
        # or the first value it reads; only a compile reading reads it (`compiled-call`).
        role = "compiled-call"
        found = statement_subject(failure, message, fallback=True)
    if found is None:
        return []
    return [_quoted_operand(*found, innermost, [role])]


def _compiled_submodule(
    failure: Location, innermost: FrameEntry, message: str, is_user_file: Callable[[str], bool]
) -> list[RawOperand]:
    """The layer of the user's forward whose call torch.compile's quote marks as failing
    (`self.norm(...)`): its op failed on fake tensors there, so its sizes are in question."""
    marked = compiled_marked_text(message, is_user_file)
    found = marked_submodule(failure, marked) if marked else None
    if found is None:
        return []
    return [_quoted_operand(*found, innermost, ["compiled-op", "module"])]


def _quoted_operand(
    name: str, made_at: Location | None, innermost: FrameEntry, roles: list[str]
) -> RawOperand:
    """A value named in a frame the message quotes (never on the stack), attached to the
    innermost user frame that is."""
    return RawOperand(
        node=None, expression=name, entry=innermost, user_depth=0, roles=roles, made_at=made_at
    )


_BACKWARD_CALLEES = frozenset({"backward", "grad", "run_backward", "_engine_run_backward"})


def _backward_root(raw_operands: list[RawOperand], torch: Any) -> Any:
    """The tensor backward was called on (`loss` in `loss.backward()`), else None."""
    for raw in raw_operands:  # innermost frame first
        if raw.callee in _BACKWARD_CALLEES and is_instance(raw.value, torch.Tensor):
            return raw.value
    return None


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


# torch's frames that call a module's forward with the arguments it was given.
_MODULE_CALLS = frozenset({"_wrapped_call_impl", "_call_impl"})


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
        if entry.function in _MODULE_CALLS and item.input_tensor is None:
            # torch's own call frame holds the arguments as given: `forward` may have
            # rebound its parameter (`x = self.conv1(x)`) by the time it fails.
            given = local_values.get("args")
            if type(given) is tuple and given and is_instance(given[0], torch.Tensor):
                item.input_tensor = given[0]
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


def _operands_of(
    entry: FrameEntry, user_depth: int, entries: list[FrameEntry], torch: Any, sources: SourceIndex
) -> list[RawOperand]:
    node, source = executing_node(entry)
    frame = entry.frame
    f_locals, f_globals = entry.local_values, frame.f_globals
    callee_entry = entries[entry.index + 1] if entry.index + 1 < len(entries) else None
    raise_statement = stopped_at_raise(node, entry, source)
    if raise_statement is not None:
        # A hand-written `raise`: the exception class and its message are no operands;
        # the values read by the message's arguments and by the guarding `if` are.
        node = None
        operand_nodes = raise_operand_nodes(raise_statement)
    elif node is not None:
        operand_nodes = operand_nodes_of(node)
    else:
        operand_nodes = fallback_nodes(entry)
        source = None
    called_value = UNKNOWN
    if isinstance(node, ast.Call):
        called_value = safe_eval(node.func, f_locals, f_globals, torch)
    is_module_call = is_instance(called_value, torch.nn.Module)
    # A C function (`att.masked_fill(...)`) has no frame of its own: the Python frame below
    # it is whatever torch runs inside (a meta kernel, a decomposition), whose parameters
    # are not the call's. Its arguments are bound by the op's documented signature instead.
    callee_frame = None if _is_c_function(node, called_value, entry, torch) else callee_entry
    bound = (
        bind_call(node, called_value, callee_frame, f_locals, f_globals, torch)
        if isinstance(node, ast.Call) and callee_frame is not None
        else {}
    )
    callee_name = name_of_callee(node, callee_frame, called_value)
    if (
        isinstance(node, ast.Call)
        and callee_frame is None
        and builtin_parameters(callee_name or "", torch)
    ):
        bound = bind_builtin(node, callee_name, f_locals, f_globals, torch)
    if isinstance(node, ast.Call) and is_module_call:
        name_forward_arguments(node, called_value, bound)
    operands: list[RawOperand] = []
    for operand_node, position, keyword, role_hint in operand_nodes:
        key = ("kw", keyword) if keyword is not None else ("pos", position)
        value = UNKNOWN
        roles: list[str] = []
        if key in bound:
            parameter, value = bound[key]
            if parameter:
                roles.append(parameter)
            if value is not UNKNOWN and callee_frame is not None:
                value = verified_binding(
                    operand_node,
                    value,
                    parameter,
                    callee_frame,
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
        expression = source_text(operand_node, source)
        unwrapped = unwrap_iteration(operand_node, f_locals, f_globals)
        if unwrapped is not None:
            # `next(iter(loader))`: name the loader, not the call that wraps it.
            operand_node = unwrapped
            expression = source_text(unwrapped, source)
            direct = safe_eval(unwrapped, f_locals, f_globals, torch)
            if direct is not UNKNOWN:
                value = direct
        # A view (`labels.view(-1)`) or a row unpacked (`src, dst = edge_index`): the named
        # tensor's values in another shape.
        by_view = view_base(operand_node) or unpacked_base(
            operand_node, sources.scope_of(entry.frame), entry.line
        )
        selected_from = selection_base(operand_node) or by_view
        value_is_base = False
        if selected_from is not None:
            base = safe_eval(selected_from, f_locals, f_globals, torch)
            if not is_instance(base, torch.Tensor):
                selected_from = None
            elif value is UNKNOWN:
                value, value_is_base = base, True
        raw = RawOperand(
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
            literal=is_literal(operand_node),
            selected_from=selected_from,
            value_is_base=value_is_base,
            selected_by_view=selected_from is not None and selected_from is by_view,
        )
        if value is not UNKNOWN and not is_primitive(value) and callee_entry is not None:
            deeper_roles, deepest = roles_below(value, entries, entry.index + 1)
            for role in deeper_roles:
                if role not in raw.roles:
                    raw.roles.append(role)
            if deepest and not isinstance(node, ast.Call):
                raw.callee = deepest
        operands.append(raw)
    if isinstance(node, ast.Call) and callee_frame is None:
        _read_unreadable_from_kernel(operands, callee_entry, torch)
    _assign_slots(node, operands)
    extra: list[RawOperand] = []
    for raw in operands:
        extra.extend(elements_of(raw, f_locals, f_globals, source, torch))
        extra.extend(attribute_base(raw, f_locals, f_globals, source, torch))
        extra.extend(tensors_read_by(raw, f_locals, f_globals, source, torch))
        extra.extend(data_source(raw, entries, torch))
    known = {raw.expression for raw in operands}
    for raw in extra:
        if raw.expression not in known:
            known.add(raw.expression)
            operands.append(raw)
    # The called object itself: a module (`model.fc(x)`, named first), or a configured
    # callable such as `tokenizer(texts, padding=True)`.
    if isinstance(node, ast.Call) and (is_module_call or is_callable_object(called_value, torch)):
        called = RawOperand(
            node=node.func,
            expression=source_text(node.func, source),
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


def _assign_slots(node: ast.AST | None, operands: list[RawOperand]) -> None:
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


def _summarise(
    raw: RawOperand,
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
    if tensor is not None and raw.value_is_base:
        tensor = TensorFacts(
            dtype=tensor.dtype, device=tensor.device, requires_grad=tensor.requires_grad
        )
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
    origin = origin_of_operand(raw, sources) if kind not in ("module", "unknown") else None
    made_at = raw.made_at or (origin.location if origin else None)
    selected_from = None
    if raw.selected_from is not None:
        selected_from = source_text(raw.selected_from, None)
        made_at = raw.made_at or _selection_base_site(raw, sources)
    # A module, or a tensor held by one (a buffer, a parameter), read as `self.x` where the
    # method did not make it: made where its class set it.
    if raw.made_at is None and (kind == "module" or (kind == "tensor" and made_at is None)):
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
    returned = returned_name(raw, torch, classifier) if kind == "tensor" else None
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
        keys=keys_of(value) if kind in ("dict", "object") else None,
        element_tensors=tuple(element_tensors),
        identity=identity_of.get(id(value)) if value is not UNKNOWN else None,
        literal=raw.literal,
        slot=raw.slot,
        type_name=type(value).__name__ if value is not UNKNOWN else None,
        element_index=raw.element_index,
        made_at=made_at,
        made_from=raw.made_from,
        selected_from=selected_from,
        selected_by_view=raw.selected_by_view,
        returned_name=returned[0] if returned else None,
        returned_at=returned[1] if returned else None,
        returned_by_helper=returned[2] if returned else False,
        left_by_loop=origin is not None and _outside_loop(origin.statement, raw.entry.line),
        text_value=text_value,
        reshaped_at=_reshaped_at(origin, raw.entry, torch, classifier.is_user)
        if origin and kind == "tensor"
        else None,
    )


def _selection_base_site(raw: RawOperand, sources: SourceIndex) -> Location | None:
    """Where the tensor a selection reads was made: its last assignment in the frame, or
    for `self.pe` the statement of its class that set it."""
    base = replace(raw, node=raw.selected_from)
    origin = origin_of_operand(base, sources)
    if origin is not None:
        return origin.location
    return attribute_site(
        sources.scope_of(raw.entry.frame),
        source_text(raw.selected_from, None),
        raw.entry.file,
        sources.lines_of(raw.entry.frame),
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
