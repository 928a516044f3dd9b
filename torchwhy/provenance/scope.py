"""The tensors in the user's frames that no failing expression names, for autograd errors.

`loss.backward()` fails on `loss`, but the root cause is elsewhere in scope: the hidden
state carried over from the last step, the batch made once and reused, the statement
that cut the graph, the tensor changed in place. Each local tensor (and each tensor held
by `self`) is summarised with its autograd metadata and where its frame's source made it.
"""

from __future__ import annotations

import ast
import re
import types
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from torchwhy.diagnosis import Location
from torchwhy.provenance.assignments import (
    SourceIndex,
    binds,
    forward_scope,
    function_scope,
    functions_named,
    own_statements,
)
from torchwhy.provenance.autograd_state import (
    GraphFacts,
    GraphIndex,
    grad_fn_of,
    module_parameters_frozen,
    op_name,
    stale_node,
    walk,
)
from torchwhy.provenance.frames import FrameEntry
from torchwhy.provenance.modules import ModuleNamer, holds_parameter, module_facts, submodules_of
from torchwhy.provenance.origins import (
    Origin,
    called_expressions,
    cutting_call,
    fed_back,
    in_loop,
    in_place_site,
    last_statement_site,
    no_grad_context,
    origin_of,
    reads_itself,
    runs_backward_from,
)
from torchwhy.provenance.safe_access import (
    UNKNOWN,
    class_attribute,
    instance_dict,
    is_instance,
    safe_eval,
)
from torchwhy.provenance.tensor_facts import tensor_facts
from torchwhy.provenance.trace import ModuleFacts, Operand

MAX_SCOPE_FRAMES = 3  # innermost user frames searched
MAX_STATEMENTS_FOLLOWED = 60  # assignments followed back from a running line, per frame
MAX_NAMES_PER_FRAME = 200
_AUTOGRAD_WORDS = ("backward", "grad", "inplace operation", "saved tensors")


def wants_scope(message: str) -> bool:
    lowered = message.lower()
    return any(word in lowered for word in _AUTOGRAD_WORDS)


def _named_tensors(entry: FrameEntry, torch: Any) -> list[tuple[str, Any, Any]]:
    """(name, tensor, owner) for the frame's tensors, the tensors `self` holds, and those a
    model in the frame keeps as plain attributes (a recurrent state `model.hidden`)."""
    found: list[tuple[str, Any, Any]] = []
    for name, value in list(entry.local_values.items())[:MAX_NAMES_PER_FRAME]:
        if type(name) is not str or name.startswith("__"):
            continue
        tensor = _tensor_of(value, torch)
        if tensor is not None:
            found.append((name, tensor, None))
        elif name == "self" or is_instance(value, torch.nn.Module):
            own = instance_dict(value) or {}
            for key, item in list(own.items())[:MAX_NAMES_PER_FRAME]:
                if type(key) is not str or key.startswith("_"):
                    continue
                tensor = _tensor_of(item, torch)
                if tensor is not None:
                    found.append((f"{name}.{key}", tensor, value))
    return found


def _tensor_of(value: Any, torch: Any) -> Any:
    """The tensor itself, or for a tuple/list of them (an LSTM's `(h, c)`) the first member
    that carries a graph, else the first: in `(h.detach(), c)` the state still attached
    to the last step is `c`, and the tuple is what the user keeps and names."""
    if is_instance(value, torch.Tensor):
        return value
    if type(value) not in (tuple, list) or not value or len(value) > 4:
        return None
    members = [item for item in value if is_instance(item, torch.Tensor)]
    attached = [item for item in members if grad_fn_of(item, torch) is not None]
    return (attached or members or [None])[0]


def scope_operands(
    user_entries: list[FrameEntry],
    root_tensor: Any,
    torch: Any,
    namer: ModuleNamer,
    sources: SourceIndex,
    identity_of: dict[int, int],
    is_user_file: Callable[[str], bool],
) -> list[Operand]:
    """Summaries of the tensors in the innermost user frames (innermost first)."""
    graph = GraphIndex.of(root_tensor, torch)
    seen: set[int] = set()
    found: list[Operand] = []
    held: dict[int, Any] = {}  # position in `found` -> the tensor it summarises
    for depth, entry in enumerate(reversed(user_entries[-MAX_SCOPE_FRAMES:])):
        scope = sources.scope_of(entry.frame)
        lines = sources.lines_of(entry.frame)
        for name, tensor, owner in _named_tensors(entry, torch):
            if id(tensor) in seen:
                continue
            seen.add(id(tensor))
            facts = tensor_facts(tensor, torch)
            if facts is None:
                continue
            origin = origin_of(scope, name, entry.line, entry.file, entry.function, lines)
            graph_facts = graph.facts(tensor, torch)
            cut = None
            carried = None
            modified_at = None
            if origin is not None:
                statement = origin.statement
                if not facts.requires_grad and grad_fn_of(tensor, torch) is None:
                    cut = _cut_reason(statement, scope, entry, torch, facts.dtype)
                    found.extend(
                        _frozen_modules(statement, entry, depth, torch, namer, origin.location)
                    )
                # State kept on an object outlives the call, as a loop's name does.
                lasting = in_loop(statement) or name.startswith("self.")
                if lasting and fed_back(scope, statement, name):
                    carried = origin.location
            if owner is not None and carried is None:
                carried = _state_kept_by_forward(owner, name, torch, is_user_file)
            if tensor is root_tensor and carried is None:
                # The failing backward frees the root's own nodes as it goes: only a root
                # made from its own last value (`running = running + loss`) is a finding.
                continue
            if graph_facts.version:
                after = origin.location.line if origin and origin.location.line else 0
                modified_at = in_place_site(
                    scope, name, after, entry.line, entry.file, entry.function, lines
                )
            elif origin is not None and graph_facts.in_failing_graph:
                modified_at = _changed_before_rebinding(origin, scope, name, entry, lines)
            backward_at = None
            if graph_facts.shares_freed:
                after = origin.location.line if origin and origin.location.line else 0
                backward_at = last_statement_site(
                    scope,
                    after,
                    entry.line,
                    entry.file,
                    entry.function,
                    lines,
                    lambda statement, name=name: runs_backward_from(statement, name),
                )
            identity = identity_of.setdefault(id(tensor), len(identity_of))
            held[len(found)] = tensor
            found.append(
                Operand(
                    expression=name,
                    file=entry.file,
                    line=entry.line,
                    user_depth=depth,
                    callee=None,
                    kind="tensor",
                    tensor=facts,
                    identity=identity,
                    type_name=type(tensor).__name__,
                    made_at=origin.location if origin else carried,
                    graph=graph_facts,
                    cut=cut,
                    modified_at=modified_at,
                    carried_from=carried,
                    backward_at=backward_at,
                )
            )
    return _freed_by_this_backward(found, held, torch)


def _freed_by_this_backward(
    found: list[Operand], held: dict[int, Any], torch: Any
) -> list[Operand]:
    """The failing backward frees the nodes it runs before it reaches a freed one, so a
    freed node on its graph proves an earlier backward only where that backward could
    reach it: with the earlier backward's root in sight (`recon_loss.backward()` above),
    a freed node it cannot reach was freed by the failing backward itself."""
    earlier_roots = [tensor for index, tensor in held.items() if found[index].backward_at]
    if not earlier_roots:
        return found
    reachable = {id(node) for root in earlier_roots for node in walk(grad_fn_of(root, torch))}
    for index, tensor in held.items():
        operand = found[index]
        graph = operand.graph
        if graph is not None and graph.freed and id(grad_fn_of(tensor, torch)) not in reachable:
            found[index] = replace(operand, graph=replace(graph, freed=False))
    return found


def _changed_before_rebinding(
    origin: Origin, scope: ast.AST | None, name: str, entry: FrameEntry, lines: list[str] | None
) -> Location | None:
    """`probs[~legal] = 0.0` then `probs = probs / probs.sum(...)`: the value autograd
    saved was changed in place under this name, which now holds a new tensor made from
    it (so its own version is 0)."""
    statement = origin.statement
    if not reads_itself(statement, name):
        return None
    earlier = origin_of(scope, name, statement.lineno, entry.file, entry.function, lines)
    if earlier is None or earlier.location.line is None:
        return None
    return in_place_site(
        scope, name, earlier.location.line, statement.lineno, entry.file, entry.function, lines
    )


def _state_kept_by_forward(
    owner: Any, name: str, torch: Any, is_user_file: Callable[[str], bool]
) -> Location | None:
    """`self.hidden = self.rnn(x, self.hidden)` in the owner's forward: state that each
    call makes from the previous call's value."""
    if not is_instance(owner, torch.nn.Module):
        return None
    found = forward_scope(owner, is_user_file)
    if found is None:
        return None
    scope, source = found
    attribute = "self." + name.split(".", 1)[1]
    lines = source.lines if isinstance(getattr(source, "lines", None), list) else None
    end = (scope.end_lineno or scope.lineno) + 1
    origin = origin_of(scope, attribute, end, source.filename, scope.name, lines)
    if origin is not None and reads_itself(origin.statement, attribute):
        return origin.location
    return None


def _cut_reason(
    statement: ast.stmt, scope: ast.AST | None, entry: FrameEntry, torch: Any, dtype: str | None
) -> str | None:
    if not _reads_grad(statement, entry, torch):
        # Made from nothing trainable (`labels = batch["y"].long()`): no graph to cut.
        return None
    context = no_grad_context(statement, scope)
    if context:
        return f"made {context}"
    call = cutting_call(statement)
    if call:
        return f"cut from the graph by {call}"
    helper = _no_grad_helper(statement, entry, torch)
    if helper:
        return helper
    if dtype is not None and not dtype.startswith(("float", "bfloat", "complex")):
        return f"an integer result ({dtype}): integer ops carry no gradient"
    return None


def _no_grad_helper(statement: ast.stmt, entry: FrameEntry, torch: Any) -> str | None:
    """`preds = predict(model, x)` where `predict` is decorated `@torch.no_grad()`."""
    for func in called_expressions(statement):
        function = safe_eval(func, entry.local_values, entry.frame.f_globals, torch)
        for _ in range(4):  # a decorator's wrapper keeps the user's function in __wrapped__
            inner = (instance_dict(function) or {}).get("__wrapped__")
            if type(inner) is not types.FunctionType:
                break
            function = inner
        if type(function) is not types.FunctionType:
            continue
        code = function.__code__
        try:
            import executing

            tree = executing.Source.for_filename(code.co_filename).tree
        except Exception:
            continue
        for node in functions_named(tree, code.co_name) if tree is not None else []:
            decorators = [ast.unparse(item).replace(" ", "") for item in node.decorator_list]
            wrapped = [text for text in decorators if "no_grad" in text or "inference_mode" in text]
            if wrapped and node.lineno <= code.co_firstlineno + len(node.decorator_list) + 1:
                return f"made by `{ast.unparse(func)}`, decorated `@{wrapped[0]}`"
    return None


def _reads_grad(statement: ast.stmt, entry: FrameEntry, torch: Any) -> bool:
    """The statement reads something trainable: a tensor that requires grad, or a module
    with a parameter that does."""
    value = getattr(statement, "value", None)
    if value is None:
        return False
    for node in ast.walk(value):
        if not isinstance(node, (ast.Name, ast.Attribute)):
            continue
        item = safe_eval(node, entry.local_values, entry.frame.f_globals, torch)
        if item is UNKNOWN:
            continue
        if is_instance(item, torch.Tensor):
            facts = tensor_facts(item, torch)
            if facts is not None and facts.requires_grad:
                return True
        elif is_instance(item, torch.nn.Module) and module_parameters_frozen(item, torch) is False:
            return True
    return False


def _frozen_modules(
    statement: ast.stmt,
    entry: FrameEntry,
    depth: int,
    torch: Any,
    namer: ModuleNamer,
    made_at: Location,
) -> list[Operand]:
    """Modules the statement calls whose parameters are all frozen."""
    found: list[Operand] = []
    for func in called_expressions(statement):
        module = safe_eval(func, entry.local_values, entry.frame.f_globals, torch)
        if module is UNKNOWN or not is_instance(module, torch.nn.Module):
            continue
        if module_parameters_frozen(module, torch) is not True:
            continue
        facts = module_facts(module, torch, namer)
        name = ast.unparse(func)
        loop = _freezing_loop(module, entry, torch)
        if loop is not None:
            iterable, location = loop
            found.append(
                Operand(
                    expression=iterable,
                    file=entry.file,
                    line=location.line,
                    user_depth=depth,
                    callee=None,
                    kind="object",
                    made_at=location,
                    cut=f"set requires_grad=False on every parameter of `{facts.path or name}`",
                )
            )
        found.append(
            Operand(
                expression=name,
                file=entry.file,
                line=made_at.line,
                user_depth=depth,
                callee=None,
                kind="module",
                module=facts,
                type_name=type(module).__name__,
                made_at=made_at,
                cut=f"every parameter of `{facts.path or name}` is frozen (requires_grad=False)",
            )
        )
    return found


def _freezing_loop(module: Any, entry: FrameEntry, torch: Any) -> tuple[str, Location] | None:
    """`for p in model.parameters(): p.requires_grad = False` in the frame's file, over a
    module that holds this one (the new head): the loop that froze more than it meant to.
    A loop over the frozen module itself leaves the module named."""
    frame = entry.frame
    try:
        import executing

        tree = executing.Source.for_frame(frame).tree
    except Exception:
        return None
    for loop in ast.walk(tree) if tree is not None else ():
        if not isinstance(loop, ast.For) or not isinstance(loop.target, ast.Name):
            continue
        if not _freezes(loop, loop.target.id):
            continue
        call = loop.iter
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
            continue
        owner = safe_eval(call.func.value, entry.local_values, frame.f_globals, torch)
        if owner is UNKNOWN or not is_instance(owner, torch.nn.Module):
            continue
        # It froze more than this one, or froze what an optimizer was given to train (the
        # loop over the whole model after a new head was attached).
        if (owner is not module and _holds(owner, module)) or (
            owner is module and _optimizer_given_frozen(owner, entry, torch)
        ):
            location = Location(
                file=entry.file,
                line=loop.lineno,
                function=entry.function,
                code=f"for {loop.target.id} in {ast.unparse(call)}:",
            )
            return ast.unparse(call), location
    return None


def freezing_helpers_called(entry: FrameEntry) -> list[tuple[str, Location]]:
    """`freeze_encoder(model)` called in the frame's function (or module) above its line,
    where `def freeze_encoder` loops over parameters setting `requires_grad = False`: the
    helpers that froze parameters, as called, last call first."""
    try:
        import executing

        source = executing.Source.for_frame(entry.frame)
    except Exception:
        return []
    tree = source.tree
    if tree is None:
        return []
    helpers = {
        function.name
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef)
        and any(
            isinstance(loop, ast.For) and _freezes(loop, _loop_names(loop.target))
            for loop in ast.walk(function)
        )
    }
    scope = source.executing(entry.frame).node
    while scope is not None and not isinstance(scope, (ast.FunctionDef, ast.Module)):
        scope = getattr(scope, "parent", None)
    scope = scope or tree
    found: list[tuple[str, Location]] = []
    for statement in own_statements(scope):
        call = getattr(statement, "value", None)
        if not (
            isinstance(statement, ast.Expr)
            and isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id in helpers
            and entry.line is not None
            and statement.lineno < entry.line
        ):
            continue
        location = Location(
            file=entry.file,
            line=statement.lineno,
            function=entry.function,
            code=source.lines[statement.lineno - 1].strip(),
        )
        found.append((call.func.id, location))
    return sorted(found, key=lambda item: -(item[1].line or 0))


def _loop_names(target: ast.AST) -> set[str]:
    return {node.id for node in ast.walk(target) if isinstance(node, ast.Name)}


def _freezes(loop: ast.For, name: str | set[str]) -> bool:
    names = {name} if isinstance(name, str) else name
    for node in ast.walk(loop):
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Attribute)
            and target.attr == "requires_grad"
            and isinstance(target.value, ast.Name)
            and target.value.id in names
            for target in node.targets
        ):
            return isinstance(node.value, ast.Constant) and node.value.value is False
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "requires_grad_"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value is False
        ):
            return True
    return False


MAX_NAMES_READ_FOR_OPTIMIZERS = 256
MAX_OPTIMIZER_PARAMETERS = 256


def _optimizer_given_frozen(module: Any, entry: FrameEntry, torch: Any) -> bool:
    """An optimizer in the frame's names was given a parameter of `module` that is now
    frozen: the user meant it to train. Read from `param_groups`, nothing called."""
    names = list(entry.local_values.values())
    if entry.frame.f_globals is not entry.local_values:
        names += list(entry.frame.f_globals.values())
    for value in names[:MAX_NAMES_READ_FOR_OPTIMIZERS]:
        if not is_instance(value, torch.optim.Optimizer):
            continue
        groups = (instance_dict(value) or {}).get("param_groups")
        if type(groups) is not list:
            continue
        for group in groups[:16]:
            params = dict.get(group, "params") if type(group) is dict else None
            for parameter in params[:MAX_OPTIMIZER_PARAMETERS] if type(params) is list else ():
                facts = tensor_facts(parameter, torch)
                frozen = facts is not None and not facts.requires_grad
                if frozen and holds_parameter(module, parameter):
                    return True
    return False


def _holds(owner: Any, module: Any, budget: int = 2_000) -> bool:
    pending = list(submodules_of(owner).values())
    while pending and budget > 0:
        budget -= 1
        current = pending.pop()
        if current is module:
            return True
        pending.extend(submodules_of(current).values())
    return False


MAX_HELPERS_READ = 20
_SECOND_BACKWARD = "backward through the graph a second time"


def graphs_kept_on_modules(
    message: str,
    root_tensor: Any,
    torch: Any,
    namer: ModuleNamer,
    is_user_file: Callable[[str], bool],
) -> list[Operand]:
    """For a second backward: tensors a module keeps as plain attributes (a cache, a state
    `self._bias_cache`), still attached to a graph: they outlive the step that made them,
    and their graph with it."""
    if _SECOND_BACKWARD not in message or root_tensor is None:
        return []
    graph = GraphIndex.of(root_tensor, torch)
    found: list[Operand] = []
    for _path, module in namer.named_modules():
        own = instance_dict(module) or {}
        for key, value in list(own.items())[:MAX_NAMES_PER_FRAME]:
            if type(key) is not str or key in ("_parameters", "_buffers", "_modules"):
                continue
            if not is_instance(value, torch.Tensor) or grad_fn_of(value, torch) is None:
                continue
            facts = graph.facts(value, torch)
            if not facts.in_failing_graph:
                continue
            site = _attribute_assignment(module, key, is_user_file)
            found.append(
                Operand(
                    expression=f"self.{key}",
                    file=site.file if site else "",
                    line=site.line if site else None,
                    user_depth=0,
                    callee=None,
                    kind="tensor",
                    tensor=tensor_facts(value, torch),
                    module=module_facts(module, torch, namer),
                    made_at=site,
                    graph=facts,
                    carried_from=site,
                )
            )
    return found


def _attribute_assignment(
    module: Any, key: str, is_user_file: Callable[[str], bool]
) -> Location | None:
    """The last `self.key = <not None>` in the module's class."""
    found = forward_scope(module, is_user_file)
    if found is None:
        return None
    scope, source = found
    owner = getattr(scope, "parent", None)
    if not isinstance(owner, ast.ClassDef):
        return None
    lines = source.lines if isinstance(getattr(source, "lines", None), list) else None
    best: ast.Assign | None = None
    for node in ast.walk(owner):
        if (
            isinstance(node, ast.Assign)
            and not (isinstance(node.value, ast.Constant) and node.value.value is None)
            and any(
                isinstance(target, ast.Attribute)
                and target.attr == key
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
                for target in node.targets
            )
        ):
            best = node if best is None or node.lineno > best.lineno else best
    if best is None:
        return None
    return Location(
        file=source.filename,
        line=best.lineno,
        function=_enclosing_function(best),
        code=lines[best.lineno - 1].strip() if lines else None,
    )


def grad_mode_switched_off(
    user_entries: list[FrameEntry], torch: Any, sources: SourceIndex, helpers: list[Any]
) -> list[Operand]:
    """Grad mode still off while the error is explained: no `with` block turned it off
    (one would have been left while unwinding), a bare `torch.set_grad_enabled(False)`
    did. Looked for in the functions the frames call, then in the frames' files."""
    try:
        if torch.is_grad_enabled():
            return []
    except Exception:
        return []
    places: list[tuple[ast.AST | None, Any]] = []
    for function in helpers:
        found = function_scope(function, lambda _file: True)
        if found is not None:
            places.append(found)
    seen: set[str] = set()
    for entry in reversed(user_entries):
        if entry.file not in seen:
            seen.add(entry.file)
            places.append((sources.module_of(entry.frame), sources.source_of(entry.frame)))
    for tree, source in places:
        for node in ast.walk(tree) if tree is not None else ():
            if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
                continue
            call = node.value
            name = call.func.attr if isinstance(call.func, ast.Attribute) else ""
            if name not in ("set_grad_enabled", "_set_grad_enabled") or not call.args:
                continue
            if not (isinstance(call.args[0], ast.Constant) and call.args[0].value is False):
                continue
            lines = getattr(source, "lines", None)
            file = getattr(source, "filename", "")
            return [
                Operand(
                    expression=ast.unparse(call),
                    file=file,
                    line=node.lineno,
                    user_depth=0,
                    callee=None,
                    kind="call",
                    made_at=Location(
                        file=file,
                        line=node.lineno,
                        function=_enclosing_function(node),
                        code=lines[node.lineno - 1].strip() if isinstance(lines, list) else None,
                    ),
                    cut="grad mode switched off for everything after it, and never back on",
                )
            ]
    return []


def _enclosing_function(node: ast.AST) -> str | None:
    parent = getattr(node, "parent", None)
    while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
        parent = getattr(parent, "parent", None)
    return parent.name if parent is not None else None


def called_user_functions(
    user_entries: list[FrameEntry],
    torch: Any,
    sources: SourceIndex,
    is_user_file: Callable[[str], bool],
) -> list[Any]:
    """The user's functions (and methods) that the innermost user frames call anywhere: their
    frames are gone by the time backward fails, but their source says what they did. For
    process-wide state (grad mode left off), which any earlier call may have set."""
    found: dict[int, Any] = {}
    for entry in reversed(user_entries[-MAX_SCOPE_FRAMES:]):
        scope = sources.scope_of(entry.frame)
        if scope is None:
            continue
        for node in ast.walk(scope):
            if len(found) >= MAX_HELPERS_READ:
                break
            function = _user_function_called(node, entry, torch, is_user_file)
            if function is not None:
                found.setdefault(id(function), function)
    return list(found.values())


def helpers_feeding_failing_lines(
    user_entries: list[FrameEntry],
    torch: Any,
    sources: SourceIndex,
    is_user_file: Callable[[str], bool],
) -> list[Any]:
    """The user's functions whose results reach the lines the innermost user frames are
    running: those called in these lines, or in the frame's statements that assigned a name
    these lines read (followed back). A graph cut or an in-place write inside any other
    helper (a `validate()` the crash came before) is not where this tensor was made."""
    found: dict[int, Any] = {}
    for entry in reversed(user_entries[-MAX_SCOPE_FRAMES:]):
        scope = sources.scope_of(entry.frame)
        if scope is None or entry.line is None:
            continue
        statements = own_statements(scope)
        pending = [_running_statement(statements, entry.line)]
        seen_names: set[str] = set()
        read = 0
        while pending and read < MAX_STATEMENTS_FOLLOWED:
            statement = pending.pop()
            if statement is None:
                continue
            read += 1
            for node in _header_nodes(statement):
                function = _user_function_called(node, entry, torch, is_user_file)
                if function is not None and len(found) < MAX_HELPERS_READ:
                    found.setdefault(id(function), function)
                if isinstance(node, ast.Name) and node.id not in seen_names:
                    seen_names.add(node.id)
                    pending.extend(_assignments_of(statements, node.id))
    return list(found.values())


def _running_statement(statements: list[ast.stmt], line: int) -> ast.stmt | None:
    """The innermost statement spanning `line` (a loop's header when the loop is running it)."""
    spanning = [s for s in statements if s.lineno <= line <= (s.end_lineno or s.lineno)]
    return max(spanning, key=lambda s: s.lineno, default=None)


def _header_nodes(statement: ast.stmt) -> list[ast.AST]:
    """The expressions a statement itself evaluates: a compound statement's header only."""
    if isinstance(statement, (ast.For, ast.AsyncFor)):
        parts: list[ast.AST] = [statement.iter]
    elif isinstance(statement, (ast.While, ast.If)):
        parts = [statement.test]
    elif isinstance(statement, (ast.With, ast.AsyncWith)):
        parts = [item.context_expr for item in statement.items]
    elif isinstance(statement, (ast.Try, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        parts = []
    else:
        parts = [statement]
    return [node for part in parts for node in ast.walk(part)]


def _assignments_of(statements: list[ast.stmt], name: str) -> list[ast.stmt]:
    """Every statement that gave `name` a value, wherever it stands (a loop carries values
    from a later line to an earlier one); `+=` adds to it, so it counts here."""
    return [
        statement
        for statement in statements
        if binds(statement, name)
        or (isinstance(statement, ast.AugAssign) and ast.unparse(statement.target) == name)
    ]


def _user_function_called(
    node: ast.AST, entry: FrameEntry, torch: Any, is_user_file: Callable[[str], bool]
) -> Any:
    """The user's plain function or method that `node` calls, when it is such a call."""
    if not isinstance(node, ast.Call):
        return None
    value = safe_eval(node.func, entry.local_values, entry.frame.f_globals, torch)
    if value is UNKNOWN and isinstance(node.func, ast.Attribute):
        # `self.scorer.score(...)`: the method's function, on the owner's class.
        owner = safe_eval(node.func.value, entry.local_values, entry.frame.f_globals, torch)
        if owner is not UNKNOWN:
            value = class_attribute(type(owner), node.func.attr)
    if type(value) is types.MethodType:
        value = value.__func__
    if type(value) is not types.FunctionType or not is_user_file(value.__code__.co_filename):
        return None
    return value


def helpers_of_forwards(namer: ModuleNamer, is_user_file: Callable[[str], bool]) -> list[Any]:
    """The user's plain functions that the user's forwards call by a global name
    (`return masked_probs(scores, mask)`): their frames are gone as well, and a saved tensor
    may have been changed in place, or the graph cut, there. Looked up in the forward's own
    globals (a dict read; nothing is called)."""
    found: dict[int, Any] = {}
    read: set[type] = set()
    for _path, module in namer.named_modules():
        if type(module) in read or len(read) >= MAX_FORWARDS_READ:
            continue
        read.add(type(module))
        forward = class_attribute(type(module), "forward")
        scope = forward_scope(module, is_user_file)
        if scope is None or type(forward) is not types.FunctionType:
            continue
        names = forward.__globals__
        for node in ast.walk(scope[0]):
            if len(found) >= MAX_HELPERS_READ:
                break
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            value = names.get(node.func.id) if type(names) is dict else None
            if type(value) is types.FunctionType and is_user_file(value.__code__.co_filename):
                found.setdefault(id(value), value)
    return list(found.values())


def cuts_in_forwards(
    root_tensor: Any,
    torch: Any,
    namer: ModuleNamer,
    is_user_file: Callable[[str], bool],
    helpers: list[Any],
) -> list[Operand]:
    """For a loss with no graph: the statement of a `forward` (or helper) that has returned
    which cut it: `feats = self.encoder(x).detach()`, a `with torch.no_grad():` block, an
    `.item()`. Named as that function wrote it, one frame further than the user's own."""
    if root_tensor is None or grad_fn_of(root_tensor, torch) is not None:
        return []
    scopes: list[tuple[ast.AST, Any, ModuleFacts | None]] = []
    read: set[type] = set()
    for _path, module in namer.named_modules():
        if type(module) in read or len(read) >= MAX_FORWARDS_READ:
            continue
        read.add(type(module))
        found = forward_scope(module, is_user_file)
        if found is not None:
            scopes.append((*found, module_facts(module, torch, namer)))
    for function in helpers:
        found = function_scope(function, is_user_file)
        if found is not None:
            scopes.append((*found, None))
    operands: list[Operand] = []
    for scope, source, facts in scopes:
        lines = source.lines if isinstance(getattr(source, "lines", None), list) else None
        owner = f"{facts.type_name}.{scope.name}" if facts else scope.name
        for statement in own_statements(scope):
            if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
                continue
            target = statement.targets[0]
            if not isinstance(target, ast.Name):
                continue
            call = cutting_call(statement)
            if call is not None and call.startswith("a comparison"):
                call = None  # masks are compared on purpose; not what cut a loss
            reason = no_grad_context(statement, scope) or (
                f"cut from the graph by {call}" if call else None
            )
            if reason is None:
                continue
            operands.append(
                Operand(
                    expression=target.id,
                    file=source.filename,
                    line=statement.lineno,
                    user_depth=1,
                    callee=None,
                    kind="tensor",
                    module=facts,
                    made_at=Location(
                        file=source.filename,
                        line=statement.lineno,
                        function=scope.name,
                        code=lines[statement.lineno - 1].strip() if lines else None,
                    ),
                    cut=f"{reason} in `{owner}`",
                )
            )
    return operands


_VERSION_IN_MESSAGE = re.compile(r"is at version (\d+)")
_OPERATOR_OPS = {ast.Mult: "mul", ast.Add: "add", ast.Sub: "sub", ast.Div: "div"}
MAX_FORWARDS_READ = 50


def in_place_in_forwards(
    message: str,
    root_tensor: Any,
    torch: Any,
    namer: ModuleNamer,
    is_user_file: Callable[[str], bool],
    helpers: list[Any] = (),  # type: ignore[assignment]
) -> list[Operand]:
    """For `modified by an inplace operation`: the change usually happened inside a
    `forward` (or a helper function) that has returned (its frame is gone). The graph says
    which op's saved tensor went stale (`SigmoidBackward0`); the forwards of the user's
    modules and the user's functions the frames call say which name that op made and which
    later statement changed it in place. Modules built with `inplace=True` are the other
    usual writers."""
    found = _VERSION_IN_MESSAGE.search(message)
    if found is None:
        return []
    graph = GraphFacts(version=int(found[1]))
    node = stale_node(grad_fn_of(root_tensor, torch)) if root_tensor is not None else None
    op = op_name(node)
    operands: list[Operand] = []
    read: set[type] = set()
    for path, module in namer.named_modules():
        if op is not None and type(module) not in read and len(read) < MAX_FORWARDS_READ:
            read.add(type(module))
            operands.extend(
                _stale_names_in_forward(module, path, op, graph, torch, namer, is_user_file)
            )
        own = instance_dict(module) or {}
        if own.get("inplace") is True:
            operands.append(
                Operand(
                    expression=path,
                    file="",
                    line=None,
                    user_depth=0,
                    callee=None,
                    kind="module",
                    module=module_facts(module, torch, namer),
                    type_name=type(module).__name__,
                    graph=graph,
                )
            )
    for function in helpers if op is not None else ():
        found_scope = function_scope(function, is_user_file)
        if found_scope is not None:
            operands.extend(_stale_names_in(*found_scope, op, graph, None, {}))
    return operands


def _makes_with(statement: ast.stmt, op: str, children: dict[str, Any]) -> bool:
    value = getattr(statement, "value", None)
    if value is None:
        return False
    for node in ast.walk(value):
        if isinstance(node, ast.BinOp) and _OPERATOR_OPS.get(type(node.op)) == op:
            return True
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name.lower() == op:
            return True
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "self"
            and func.attr in children
            and type(children[func.attr]).__name__.lower() == op
        ):
            return True
    return False


def _used_by(scope: ast.AST, name: str, op: str, children: dict[str, Any]) -> bool:
    """Some statement of the scope feeds `name` to `op` (`x * w`, `torch.mul(x, w)`)."""
    for statement in own_statements(scope):
        value = getattr(statement, "value", None)
        if value is None:
            continue
        for node in ast.walk(value):
            operands: list[ast.AST] = []
            if isinstance(node, ast.BinOp) and _OPERATOR_OPS.get(type(node.op)) == op:
                operands = [node.left, node.right]
            elif isinstance(node, ast.Call) and _makes_with(ast.Expr(value=node), op, children):
                operands = list(node.args)
                if isinstance(node.func, ast.Attribute):
                    operands.append(node.func.value)
            if any(isinstance(item, ast.Name) and item.id == name for item in operands):
                return True
    return False


def _stale_names_in_forward(
    module: Any,
    path: str,
    op: str,
    graph: GraphFacts,
    torch: Any,
    namer: ModuleNamer,
    is_user_file: Callable[[str], bool],
) -> list[Operand]:
    found_scope = forward_scope(module, is_user_file)
    if found_scope is None:
        return []
    facts = module_facts(module, torch, namer)
    return _stale_names_in(*found_scope, op, graph, facts, submodules_of(module))


def _stale_names_in(
    scope: ast.AST,
    source: Any,
    op: str,
    graph: GraphFacts,
    facts: ModuleFacts | None,
    children: dict[str, Any],
) -> list[Operand]:
    """Names a function's `op` made or read (`h = sigmoid(...)`, `out = h * w`) that a
    later statement of it changed in place."""
    lines = source.lines if isinstance(getattr(source, "lines", None), list) else None
    file = source.filename
    end = (scope.end_lineno or scope.lineno) + 1
    operands: list[Operand] = []
    for statement in own_statements(scope):
        if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
            continue
        target = statement.targets[0]
        if not isinstance(target, ast.Name):
            continue
        # The stale tensor is the op's output (`h = sigmoid(...)`, saved as its result) or
        # one of its inputs (`out = h * w` saves `h`).
        if not _makes_with(statement, op, children) and not _used_by(
            scope, target.id, op, children
        ):
            continue
        site = in_place_site(scope, target.id, statement.lineno + 1, end, file, scope.name, lines)
        if site is None:
            continue
        made = origin_of(scope, target.id, statement.lineno + 1, file, scope.name, lines)
        operands.append(
            Operand(
                expression=target.id,
                file=file,
                line=site.line,
                user_depth=0,
                callee=None,
                kind="tensor",
                module=facts,
                made_at=made.location if made else None,
                graph=graph,
                modified_at=site,
            )
        )
    return operands
