"""Ranking candidate culprits against the facts a message states.

Each rule looks at one candidate (an operand of a user expression, or a module on the
stack) and returns points with the sentence that justifies them; the best-supported
sentence becomes the culprit's reason. Only summaries are read here: no tensors.
"""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from torchwhy.diagnosis import Culprit, Location, TensorFacts
from torchwhy.dtypes import FLOAT_DTYPES, INTEGER_DTYPES, from_word
from torchwhy.provenance.python_errors import missing_key, says_empty, types_named
from torchwhy.provenance.root_sources import BATCH_SIZES_DIFFER, WORKER_ARGUMENT
from torchwhy.provenance.subject import is_loaded_file, passed_from, quoted_value
from torchwhy.provenance.trace import ModuleFacts, Operand, Trace
from torchwhy.provenance.unregistered import IN_DICT
from torchwhy.provenance.worker import failed_in_default_collate

# Capture names read in groups (every name read is declared in knowledge_base.schema's
# RANKED_CAPTURES; tests/provenance/test_capture_vocabulary.py holds both to that).
_FOUND_DTYPE_CAPTURES = ("found", "got", "dtype")
_MATMUL_CAPTURES = ("m1_rows", "in_found", "in_expected", "out_features")
_BROADCAST_CAPTURES = ("size_a", "size_b")

# What an entry's role means as parameter names in torch and in user code.
_ROLE_SYNONYMS: dict[str, frozenset[str]] = {
    "target": frozenset({"target", "targets", "labels", "label", "y", "y_true", "gt"}),
    "input": frozenset({"input", "inputs", "x", "self", "mat1", "tensor", "logits", "pred"}),
    "weight": frozenset({"weight", "mat2", "other"}),
    "index": frozenset({"index", "indices", "idx", "input_ids", "ids", "tokens"}),
    "other": frozenset({"other", "mat2"}),
    "module": frozenset({"module"}),
    "tensors": frozenset({"tensors", "batch", "samples"}),
    # attention's masks, by the parameter names torch.nn and Hugging Face give them
    "mask": frozenset(
        {
            "mask",
            "attn_mask",
            "attention_mask",
            "key_padding_mask",
            "src_key_padding_mask",
            "tgt_key_padding_mask",
            "memory_key_padding_mask",
            "src_mask",
            "tgt_mask",
            "memory_mask",
        }
    ),
}
_INDEXING_CALLEES = frozenset(
    {"embedding", "gather", "scatter", "index_select", "take", "take_along_dim"}
)
_INDEX_MODULES = frozenset({"Embedding", "EmbeddingBag"})
_DEVICE_PATTERN = re.compile(r"^(cpu|meta|mps|xpu|cuda(:\d+)?|hpu|xla(:\d+)?)$")


@dataclass
class _Candidate:
    expression: str
    module: ModuleFacts | None
    role: str | None
    roles: tuple[str, ...]
    file: str | None
    line: int | None
    tensor: TensorFacts | None
    operand: Operand | None
    user_depth: int
    order: int
    score: float = 0.0
    evidence: list[tuple[float, str]] = field(default_factory=list)
    alias: str | None = None  # the name the value had in the frame that gave the evidence
    made_at: Location | None = None
    selected_from: str | None = None  # `y` when the expression is `y[idx]`
    selected_by_view: bool = False  # `labels` of `labels.view(-1)`
    # Its finding explains the shape before any layer saw it (a setting, a missing batch
    # dimension): no layer is blamed for not fitting.
    upstream: bool = False
    # The message names the argument it was passed as (`attn_mask`): that argument is what
    # does not fit, not the configuration of the layer that received it.
    named_by_message: bool = False

    def add(self, points: float, sentence: str | None = None) -> None:
        self.score += points
        if sentence and points > 0:
            self.evidence.append((points, sentence))

    @property
    def label(self) -> str:
        return f"`{self.expression}`"


def rank_culprits(
    trace: Trace, category: str, captures: dict[str, str] | None, roles: list[str] | None
) -> list[Culprit]:
    """The candidate culprits of a trace for one knowledge-base reading, best first."""
    captures = captures or {}
    roles = list(roles or [])
    family = category.split("/", 1)[0]
    candidates = _candidates(trace, with_scope=family == "autograd")
    rules = (
        _RULES.get(category, [])
        + _FAMILY_RULES.get(family, [])
        + _GENERAL_RULES
        + _role_findings(category)
        + (_roleless_rules(family) if not roles else [])
    )
    facts = _CaptureFacts.read(captures)
    for candidate in candidates:
        _score_common(candidate, roles)
        for rule in rules:
            rule(candidate, facts, trace)
    if family == "shape":
        _blame_misfit_layer(candidates, trace)
    _settings_take_state_blame(candidates)
    if family == "shape":
        _sources_take_batch_shape_blame(candidates)
    best: dict[tuple[str, str | None], _Candidate] = {}
    returned = {operand.expression: operand for operand in trace.operands if operand.returned_name}
    for candidate in _merge_same_objects(candidates):
        _name_by_selected_tensor(candidate, family, trace.message)
        _name_by_returned_value(candidate, returned)
        key = (candidate.expression, candidate.module.path if candidate.module else None)
        if key not in best or candidate.score > best[key].score:
            best[key] = candidate
    # A constant written in the source (`2` in `x.view(2, 8, 64)`, `"pt"`) is never named
    # before a variable or expression: whatever the rules say, it is not what went wrong.
    ranked = sorted(best.values(), key=lambda c: (_is_literal(c), -c.score, c.user_depth, c.order))
    if not roles:
        # With no role to play and no fact of the message pointing at it, an operand is only
        # "on the failing line": naming it (`torch.randn(16)` for a missing C++ compiler)
        # would mislead more than it helps. Python's own errors about a value (a TypeError
        # inside torch, an IndexError) are the exception: the line's values are their story.
        supported = [c for c in ranked if any(sentence for _, sentence in c.evidence)]
        if not supported and trace.exception_type in _VALUE_ERRORS:
            supported = [c for c in ranked if c.user_depth == 0 and not _is_literal(c)]
        ranked = supported
    return [_to_culprit(candidate, category) for candidate in ranked]


# Python's errors about a value on the line that raised.
_VALUE_ERRORS = frozenset(
    {"KeyError", "IndexError", "TypeError", "ValueError", "AttributeError", "AssertionError"}
)

# Shape evidence this strong says a layer's configuration does not fit its input.
_LAYER_MISFIT_POINTS = 2.0


def _blame_misfit_layer(candidates: list[_Candidate], trace: Trace) -> None:
    """`self.fc1(x)` inside the model's own forward, where `x` was made by the layers
    before it: the layer sized for another input (`in_features`, `num_features`, one pool
    too many) is what the user wrote wrong, not the activation the model computed.

    A forward parameter used as it arrived (`self.conv1(x)` on the batch) stays the
    input's story: the data may be what does not fit; and a setting found to have made
    the shape (`x.view(args.batch_size, -1)`) explains it better than the layer."""
    if any(
        candidate.upstream
        or (
            candidate.operand is not None
            and "setting" in candidate.operand.roles
            and bool(candidate.evidence)
        )
        for candidate in candidates
    ):
        return
    for candidate in candidates:
        operand, module = candidate.operand, candidate.module
        if operand is None or operand.kind != "module" or module is None or not module.path:
            continue
        if not operand.expression.startswith("self."):
            continue
        inputs = [
            other
            for other in trace.operands
            if other.kind == "tensor"
            and other.line == operand.line
            and other.user_depth == operand.user_depth
            and other.file == operand.file
            and other.callee == operand.callee
        ]
        if not inputs or not all(_made_in_model(other, trace) for other in inputs):
            continue
        if _deeper_layer_call(candidate, candidates):
            continue
        blamed = [
            other
            for other in candidates
            if other is not candidate
            and other.module is not None
            and other.module.path
            and (other.module.path + ".").startswith(module.path + ".")
            and other.evidence
            and max(points for points, _ in other.evidence) >= _LAYER_MISFIT_POINTS
            and not other.named_by_message
        ]
        if not blamed:
            continue
        strongest = max(blamed, key=lambda other: other.score)
        points, sentence = max(strongest.evidence)
        candidate.evidence.append(
            (points + 1.0, f"{sentence}: the layer does not fit what the model computes before it")
        )
        candidate.score = max(candidate.score, strongest.score + 1.0)


# Above this, a candidate's score holds a finding, not only its place on the failing line.
_FINDING_POINTS = 6.0


def _settings_take_state_blame(candidates: list[_Candidate]) -> None:
    """`config.num_attention_heads` copied into `self.num_heads` by `__init__`: when the
    state is blamed, the setting behind it is named just above it (the user edits the
    setting; the state only carries it)."""
    states: dict[tuple[str, int], _Candidate] = {}
    for candidate in candidates:
        key = (candidate.expression, candidate.user_depth)
        if key not in states or candidate.score > states[key].score:
            states[key] = candidate
    for candidate in candidates:
        operand = candidate.operand
        if operand is None or "sets-state" not in operand.roles or not operand.made_from:
            continue
        state = states.get((operand.made_from, candidate.user_depth))
        if state is None or state.score < _FINDING_POINTS or not state.evidence:
            continue
        because = max(state.evidence, key=lambda item: item[0])[1]
        candidate.score = state.score + 0.5
        candidate.evidence.append(
            (
                candidate.score,
                f"{state.label} holds {candidate.label}{_where(operand.made_at)}; {because}",
            )
        )
        candidate.made_at = operand.made_at


def _sources_take_batch_shape_blame(candidates: list[_Candidate]) -> None:
    """`xb` of `for xb, yb in loader` blamed for its shape, drawn from `X_train` whose every
    sample has that shape (`X_train[i]` is `xb[j]`): the shape was made where `X_train` was,
    so it is named just above the batch (a second `unsqueeze` in a later notebook cell)."""
    batches: dict[tuple[str, int], _Candidate] = {}
    for candidate in candidates:
        key = (candidate.expression, candidate.user_depth)
        if key not in batches or candidate.score > batches[key].score:
            batches[key] = candidate
    for candidate in candidates:
        operand, tensor = candidate.operand, candidate.tensor
        if operand is None or tensor is None or tensor.shape is None:
            continue
        if "batch-source" not in operand.roles or not operand.made_from:
            continue
        batch = batches.get((operand.made_from, candidate.user_depth))
        if batch is None or batch.tensor is None or batch.tensor.shape is None:
            continue
        if batch.score < _FINDING_POINTS or not batch.evidence:
            continue
        if len(tensor.shape) < 2 or tensor.shape[1:] != batch.tensor.shape[1:]:
            continue  # reshaped on the way: the batch's own story
        because = max(batch.evidence, key=lambda item: item[0])[1]
        candidate.score = batch.score + 0.5
        candidate.evidence.append(
            (
                candidate.score,
                f"every sample of {batch.label} is a row of {candidate.label}, shape "
                f"{tensor.shape}{_where(operand.made_at)}; {because}",
            )
        )
        candidate.made_at = operand.made_at


def _deeper_layer_call(candidate: _Candidate, candidates: list[_Candidate]) -> bool:
    """Another `self.*` call of a layer inside this one (`self.fc` in `Head.forward`
    under `self.head`) is closer to the misfit: name that one."""
    path = candidate.module.path if candidate.module else None
    return any(
        other.operand is not None
        and other.operand.kind == "module"
        and other.operand.expression.startswith("self.")
        and other.module is not None
        and other.module.path
        and other.module.path.startswith(f"{path}.")
        for other in candidates
    )


def _made_in_model(operand: Operand, trace: Trace) -> bool:
    """Made by the model's own code: in this frame, or passed in (`forward(self, x)`)
    from a caller's model code that made it (`self.head(h)` after `h = self.body(x)`)."""
    if _made_in_frame(operand, trace):
        return True
    if operand.identity is None:
        return False
    return any(
        other.identity == operand.identity
        and other.user_depth > operand.user_depth
        and any(
            caller.kind == "module"
            and caller.expression.startswith("self.")
            and caller.line == other.line
            and caller.user_depth == other.user_depth
            for caller in trace.operands
        )
        and _made_in_frame(other, trace)
        for other in trace.operands
    )


def _made_in_frame(operand: Operand, trace: Trace) -> bool:
    """Computed in the frame that uses it: a call or index written in place
    (`self.conv2(x)`, `out[:, -1]`), or a name last assigned in that same function.
    A call of the user's plain helper (`preprocess(image)`) made it outside the model."""
    if operand.returned_by_helper:
        return False
    if "(" in operand.expression or "[" in operand.expression:
        return True
    made = operand.made_at
    if made is None or made.file != operand.file:
        return False
    return any(
        frame.file == operand.file
        and frame.line == operand.line
        and frame.function == made.function
        for frame in trace.frames
    )


# A message about a tensor's rank (not a position along one dimension: "out of bounds for
# dimension 0" is about the values).
_ABOUT_DIMENSIONS = re.compile(r"number of dimensions|\b\d-D\b|\bExpected \d+D\b", re.IGNORECASE)


def _name_by_selected_tensor(candidate: _Candidate, family: str, message: str) -> None:
    """`y[idx]` is named `y`, the tensor the user stored, with the selection as the name it
    had at the failing call; its evidence keeps speaking of the selection it measured. A
    reshaped view (`labels.view(-1)`, a row unpacked by `src, dst = edge_index`) is named by
    its tensor unless its shape is the error (a shape reading, or a message about dimensions:
    a 1-D row given where a 2-D index is needed)."""
    shape_is_error = family == "shape" or bool(_ABOUT_DIMENSIONS.search(message))
    if candidate.selected_from and not (candidate.selected_by_view and shape_is_error):
        candidate.alias = candidate.alias or candidate.expression
        candidate.expression = candidate.selected_from


def _name_by_returned_value(candidate: _Candidate, returned: dict[str, Operand]) -> None:
    """`model(inputs)` whose forward returns `logits` is named `logits`, made where the
    forward made it: the user's own name for the value and the line that shaped it, with
    the call as the name it had at the failing line (what a fix there edits). A layer on
    the stack that received it (named by the call) is renamed alike."""
    operand = returned.get(candidate.expression)
    if operand is None or operand.returned_name is None:
        return
    call = candidate.label
    named = f"`{operand.returned_name}` (returned by {call})"
    candidate.evidence = [
        (points, sentence.replace(call, named, 1)) for points, sentence in candidate.evidence
    ]
    candidate.alias = candidate.alias or candidate.expression
    candidate.expression = operand.returned_name
    candidate.made_at = operand.returned_at


def _merge_same_objects(candidates: list[_Candidate]) -> list[_Candidate]:
    """One candidate per object: the evidence of the frame that knows most (the callee's
    roles), under the name of the outermost user frame (where the user made the value)."""
    groups: dict[int, list[_Candidate]] = {}
    merged: list[_Candidate] = []
    for candidate in candidates:
        identity = candidate.operand.identity if candidate.operand else None
        if identity is None:
            merged.append(candidate)
        else:
            groups.setdefault(identity, []).append(candidate)
    for members in groups.values():
        strongest = max(members, key=lambda c: (c.score, -c.user_depth))
        origin = max(members, key=lambda c: c.user_depth)
        if origin is not strongest:
            strongest.evidence = [
                (points, sentence.replace(strongest.label, origin.label, 1))
                for points, sentence in strongest.evidence
            ]
            if strongest.expression != origin.expression:
                strongest.evidence.append((0.0, ""))
                strongest.alias = strongest.expression
            strongest.expression = origin.expression
            strongest.file, strongest.line = origin.file, origin.line
            strongest.made_at = origin.made_at or strongest.made_at
            strongest.selected_from = origin.selected_from
            strongest.selected_by_view = origin.selected_by_view
        merged.append(strongest)
    return merged


@dataclass
class _CaptureFacts:
    dtypes: list[str]
    devices: list[str]
    numbers: list[int]
    raw: dict[str, str]

    @classmethod
    def read(cls, captures: dict[str, str]) -> _CaptureFacts:
        dtypes, devices, numbers = [], [], []
        for value in captures.values():
            text = str(value).strip()
            word = text.lower().removeprefix("torch.")
            dtype = from_word(word)
            if dtype:
                dtypes.append(dtype)
            elif _DEVICE_PATTERN.match(word):
                devices.append(word)
            elif re.fullmatch(r"-?\d+", text):
                numbers.append(int(text))
        return cls(dtypes, devices, numbers, dict(captures))

    def number(self, *names: str) -> int | None:
        for name in names:
            value = self.raw.get(name)
            if value is not None and re.fullmatch(r"-?\d+", str(value).strip()):
                return int(value)
        return None

    def found_dtype(self) -> str | None:
        for name in _FOUND_DTYPE_CAPTURES:
            dtype = from_word(str(self.raw.get(name, "")))
            if dtype:
                return dtype
        return None


def _candidates(trace: Trace, *, with_scope: bool) -> list[_Candidate]:
    candidates: list[_Candidate] = []
    operands = trace.operands + (trace.scope if with_scope else [])
    for order, operand in enumerate(operands):
        module = operand.module or operand.callee_module
        role = operand.roles[-1] if operand.roles else None
        candidates.append(
            _Candidate(
                expression=operand.expression,
                module=module,
                role=role,
                roles=operand.roles,
                file=operand.file,
                line=operand.line,
                tensor=operand.tensor,
                operand=operand,
                user_depth=operand.user_depth,
                order=order,
                made_at=operand.made_at,
                selected_from=operand.selected_from,
                selected_by_view=operand.selected_by_view,
            )
        )
    for order, module in enumerate(reversed(trace.modules), start=len(candidates)):
        candidates.append(
            _Candidate(
                expression=module.input_expression or module.path or module.type_name,
                module=module,
                role="module",
                roles=("module",),
                file=module.file,
                line=module.line,
                tensor=module.input,
                operand=None,
                user_depth=0,
                order=order,
            )
        )
    return candidates


def _is_literal(candidate: _Candidate) -> bool:
    return candidate.operand is not None and candidate.operand.literal


def _role_matches(wanted: str, roles: tuple[str, ...]) -> bool:
    names = {role.lower() for role in roles}
    return wanted.lower() in names or bool(names & _ROLE_SYNONYMS.get(wanted.lower(), frozenset()))


def _score_common(candidate: _Candidate, wanted_roles: list[str]) -> None:
    # Innermost user code is where the user can act; outer frames pass the value along.
    candidate.add(max(0.0, 1.0 - 0.25 * candidate.user_depth))
    operand = candidate.operand
    if operand is not None:
        if operand.kind == "tensor":
            candidate.add(0.5)
        elif operand.kind == "unknown":
            candidate.add(-1.0)
        elif operand.kind in ("int", "float", "str", "none", "bool"):
            candidate.add(-0.5)
    else:
        candidate.add(-0.25)  # a module found on the stack, not written in the user's line
    for position, wanted in enumerate(wanted_roles):
        if wanted == "module" and candidate.module is not None:
            candidate.add(1.5 - 0.25 * position)
        elif _role_matches(wanted, candidate.roles):
            candidate.add(3.0 - 0.5 * position)
            candidate.role = wanted


def _numel(shape: tuple[int, ...] | None) -> int | None:
    if shape is None:
        return None
    total = 1
    for size in shape:
        total *= size
    return total


def _callee_label(candidate: _Candidate) -> str:
    operand = candidate.operand
    if candidate.module is not None and candidate.module.type_name:
        return candidate.module.describe()
    if operand is not None and operand.callee:
        return f"`{operand.callee}`"
    return "the call"


# ---- dtype rules ---------------------------------------------------------------------


def _dtype_found(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    found = facts.found_dtype()
    if tensor is None or tensor.dtype is None:
        return
    if found and tensor.dtype == found:
        candidate.add(2.5, f"{candidate.label} is {tensor.dtype}, the dtype the message names")
    elif tensor.dtype in facts.dtypes:
        candidate.add(0.5)


def _target_not_long(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    if tensor is None or not _role_matches("target", candidate.roles):
        return
    callee = _callee_label(candidate)
    if tensor.dtype != "int64":
        candidate.add(
            3.0,
            f"{candidate.label} ({tensor.summary()}) is the target of {callee}, which needs "
            "int64 class indices",
        )
    else:
        candidate.add(-2.0)


def _target_not_float(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    if tensor is None or not _role_matches("target", candidate.roles):
        return
    if tensor.dtype not in FLOAT_DTYPES - {"float64"}:
        candidate.add(
            3.0,
            f"{candidate.label} ({tensor.summary()}) is the target of {_callee_label(candidate)}, "
            "which needs a floating target of the input's dtype",
        )


def _input_weight_mismatch(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor, module = candidate.tensor, candidate.module
    if tensor is None or tensor.dtype is None:
        return
    weight_dtype = module.weight.dtype if module and module.weight else None
    if weight_dtype == "float64" and tensor.dtype in FLOAT_DTYPES - {"float64"}:
        # The module's float64 tensor (numpy's default: class weights from counts) is
        # the stray, not an input of the dtype everything else has.
        candidate.add(1.0)
        return
    if weight_dtype and weight_dtype != "float32" and tensor.dtype == "float32":
        # The input has torch's default dtype; the module was converted away from it
        # (`.half()`): the conversion is what the user made (`_converted_model`).
        candidate.add(1.0)
        return
    if weight_dtype and tensor.dtype != weight_dtype and tensor.dtype in FLOAT_DTYPES:
        candidate.add(
            4.0,
            f"{candidate.label} is {tensor.dtype} but {module.describe()} has {weight_dtype} weights",
        )
        return
    if tensor.dtype in facts.dtypes:
        # Of two mismatched floating dtypes, float64 (numpy's default) is usually the stray.
        bonus = 1.5 if tensor.dtype == "float64" else 1.0
        candidate.add(
            bonus, f"{candidate.label} is {tensor.dtype}, one of the dtypes the message names"
        )


def _converted_model(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """A float32 input (torch's default) into a model whose weights are float16 / bfloat16:
    the model was converted away from the default, and the user's outermost name for it
    (`model` of `model = model.half()`) is where the conversion was made."""
    operand, module = candidate.operand, candidate.module
    if operand is None or operand.kind != "module" or module is None or module.weight is None:
        return
    converted = module.weight.dtype
    if converted in (None, "float32") or converted not in facts.dtypes:
        return
    if "float32" not in facts.dtypes:
        return
    holders = [
        other
        for other in trace.operands
        if other.kind == "module"
        and other.module is not None
        and other.module.weight is not None
        and other.module.weight.dtype == converted
    ]
    if max(other.user_depth for other in holders) != operand.user_depth:
        return
    # Outranks the float32 input's own facts (its role 3, the dtype the message names 2.5,
    # its depth): the conversion explains them.
    candidate.add(
        9.0,
        f"{candidate.label} has {converted} weights, converted from torch's default float32, "
        "and receives float32 inputs: convert the inputs too, or keep the model float32 "
        "under `torch.autocast`",
    )


def _index_not_integer(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    if tensor is None or tensor.dtype is None:
        return
    if _is_index_like(candidate) and tensor.dtype not in INTEGER_DTYPES:
        candidate.add(
            4.0,
            f"{candidate.label} ({tensor.summary()}) is used as indices by "
            f"{_callee_label(candidate)}, which needs int64",
        )


def _mask_not_bool(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    if tensor is None or tensor.dtype in (None, "bool"):
        return
    if _role_matches("mask", candidate.roles) or _role_matches("condition", candidate.roles):
        candidate.add(
            4.0,
            f"{candidate.label} ({tensor.summary()}) is the mask of {_callee_label(candidate)}, "
            "which needs a bool tensor",
        )


def _integer_requires_grad(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    if tensor is not None and tensor.dtype in INTEGER_DTYPES | {"bool"}:
        candidate.add(3.0, f"{candidate.label} is {tensor.dtype}, an integer tensor")


def _is_index_like(candidate: _Candidate) -> bool:
    operand = candidate.operand
    module_type = candidate.module.type_name if candidate.module else None
    callee = (operand.callee or "").lower() if operand else ""
    if _role_matches("index", candidate.roles) or module_type in _INDEX_MODULES:
        return True
    if callee == "embedding":
        return True  # F.embedding names its indices `input`
    # `log_probs.gather(1, idx)`: the operand bound to another parameter is not the index.
    return callee in _INDEXING_CALLEES and not candidate.roles


# ---- shape rules ---------------------------------------------------------------------


def _matmul_sizes(facts: _CaptureFacts) -> tuple[int, int, int, int] | None:
    """(left rows, left cols, right rows, right cols) by name, never by position: a
    message whose numbers are in another order must not be read as these."""
    named = [facts.number(name) for name in _MATMUL_CAPTURES]
    if all(value is not None for value in named):
        return tuple(named)  # type: ignore[return-value]
    return None


def _as_mat1(shape: tuple[int, ...]) -> tuple[int, int] | None:
    if len(shape) < 1:
        return None
    rows = _numel(shape[:-1]) or 1
    return rows, shape[-1]


def _matmul_mismatch(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    sizes = _matmul_sizes(facts)
    module, tensor = candidate.module, candidate.tensor
    if module is not None and module.type_name in ("Linear", "Bilinear", "LazyLinear"):
        in_features = module.config_value("in_features")
        got = module.input.shape if module.input is not None else None
        if got is None and tensor is not None and candidate.operand is not None:
            got = tensor.shape
        if in_features is not None and got and str(got[-1]) != in_features:
            matches = sizes is None or (sizes[2] == int(in_features) and sizes[1] == got[-1])
            input_name = module.input_expression or (
                candidate.expression if candidate.operand is not None else None
            )
            shown_input = f"`{input_name}`" if input_name else "an input"
            module_name = module.path or module.type_name
            candidate.add(
                6.0 if matches else 3.0,
                f"`{module_name}` ({module.type_name}, in_features={in_features}) got "
                f"{shown_input} of shape {tuple(got)}",
            )
            return
    if tensor is None or tensor.shape is None or sizes is None:
        return
    a_rows, a_cols, b_rows, b_cols = sizes
    right_needs_transpose = b_cols == a_cols and b_rows != a_cols
    if tensor.shape in ((b_rows, b_cols), (b_cols, b_rows)) and right_needs_transpose:
        candidate.add(
            4.5,
            f"{candidate.label} has shape {tensor.shape}: the right operand, whose last dim "
            f"matches the left's; it likely needs a transpose",
        )
    elif _as_mat1(tensor.shape) == (a_rows, a_cols):
        candidate.add(
            3.0, f"{candidate.label} has shape {tensor.shape}, the left operand ({a_rows}x{a_cols})"
        )
    elif tensor.shape in ((b_rows, b_cols), (b_cols, b_rows)):
        candidate.add(
            2.0,
            f"{candidate.label} has shape {tensor.shape}, the right operand ({b_rows}x{b_cols})",
        )


def _flatten_missing_in_container(
    candidate: _Candidate, facts: _CaptureFacts, trace: Trace
) -> None:
    """A Linear inside the user's container received a map (`(16, 16, 7, 7)`) whose
    non-batch sizes multiply to its `in_features`: the layer is sized right and the map is
    what the container's earlier layers make; what is missing is a flatten between them,
    in the container (`nn.Sequential(..., nn.Linear(16 * 7 * 7, 10))`, no `nn.Flatten()`)."""
    operand, container = candidate.operand, candidate.module
    if operand is not None and operand.kind != "module":
        return
    if container is None or not container.path or container.type_name != "Sequential":
        return  # a forward of the user's own flattens in code: the input's story there
    for layer in trace.modules:
        if layer.type_name != "Linear" or not layer.path or layer.input is None:
            continue
        parent, _, own = layer.path.rpartition(".")
        if parent != container.path or not own:
            continue
        shape, wanted = layer.input.shape, layer.config_value("in_features")
        if not shape or len(shape) < 3 or wanted is None or not wanted.isdigit():
            continue
        if _numel(shape[1:]) != int(wanted):
            continue
        candidate.add(
            6.0,
            f"{candidate.label} feeds `{layer.path}` (Linear, in_features={wanted}) a "
            f"{shape} map whose sizes after the batch make {wanted}: a flatten "
            f"(`nn.Flatten()`) is missing before it in {candidate.label}",
        )
        candidate.upstream = True  # the layer fits: it is not blamed for the map's shape
        return


def _conv_channels(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    module = candidate.module
    if module is None or module.input is None or not module.input.shape:
        tensor = candidate.tensor
        if tensor is not None and tensor.shape and len(tensor.shape) >= 3:
            got = facts.number("found", "got")
            if got is not None and tensor.shape[1] == got:
                candidate.add(2.0, f"{candidate.label} has {got} channels in dim 1")
        return
    expected = module.config_value("in_channels") or module.config_value("num_features")
    shape = module.input.shape
    normalized = module.config_value("normalized_shape")
    if expected is None and normalized is not None:
        sizes = tuple(int(size) for size in re.findall(r"\d+", normalized))
        if sizes and tuple(shape[-len(sizes) :]) != sizes:
            input_name = module.input_expression or "its input"
            candidate.add(
                6.0,
                f"`{module.path or module.type_name}` ({module.type_name}, normalized_shape="
                f"{normalized}) got `{input_name}` of shape {shape}",
            )
        return
    if expected is None or len(shape) < 2:
        return
    if str(shape[1]) != expected:
        name = module.path or module.type_name
        layout_hint = ""
        if str(shape[-1]) == expected:
            layout_hint = " (channels last: permute to NCHW)"
        input_name = module.input_expression or "its input"
        candidate.add(
            6.0,
            f"`{name}` ({module.type_name}, expects {expected} channels) got `{input_name}` "
            f"of shape {shape}{layout_hint}",
        )


def _ranks(text: str | None) -> set[int]:
    return {int(found) for found in re.findall(r"(\d)\s*-?D", text or "")}


def _rank_mismatch(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    if tensor is None or tensor.shape is None:
        return
    module = candidate.module
    found = facts.number("found_dim")
    expected_ranks = _ranks(facts.raw.get("expected"))
    if (
        candidate.operand is not None
        and found is not None
        and len(tensor.shape) == found
        and found + 1 in expected_ranks | _ranks(trace.message)
    ):
        # The user's own tensor has the rank the layer rejects, one short of what it wants:
        # a single sample (an image from `dataset[i]`) without its batch dimension.
        candidate.add(
            5.5,
            f"{candidate.label} has shape {tensor.shape}: {found}D, one short of the "
            f"{found + 1}D batch the model takes; a single sample needs `.unsqueeze(0)`",
        )
        return
    deepest = max(trace.modules, key=lambda item: item.stack_index, default=None)
    if (
        candidate.operand is None
        and module is not None
        and module is deepest
        and module.input_expression is None
        and found is not None
        and len(tensor.shape) == found
        and found not in expected_ranks
    ):
        # The user's tensor went through the layers before this one: it is the layer that
        # does not fit what feeds it (`BatchNorm1d` after a `Conv2d`).
        wanted = " or ".join(f"{rank}D" for rank in sorted(expected_ranks)) or "another rank"
        candidate.add(
            5.0,
            f"{module.describe()} expects {wanted} input but the layers before it hand it "
            f"{found}D {tensor.shape}",
        )
        return
    expected = facts.number("expected_dim", "expected", "dim")
    if expected is not None and len(tensor.shape) + 1 == expected:
        candidate.add(
            3.0, f"{candidate.label} has shape {tensor.shape}: one dim short of {expected}D"
        )
    elif candidate.module is not None:
        candidate.add(
            1.0,
            f"{candidate.label} of shape {tensor.shape} goes into {candidate.module.describe()}",
        )


# The rank of one sample for layers that also accept it unbatched: a single sample then
# passes the first layers and fails deeper, where the batch dimension is missing.
_SAMPLE_RANK = {"Conv1d": 2, "Conv2d": 3, "Conv3d": 4}


def _unbatched_model_input(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """`model(image)` with one (3, 32, 32) image: the model's first layer (a `Conv2d`)
    reads it as one unbatched sample, and a later layer (`flatten(x, 1)` then a `Linear`)
    fails on what that made. The image without its batch dimension is the culprit, not the
    layer that failed."""
    tensor = candidate.tensor
    if tensor is None or tensor.shape is None or candidate.operand is None:
        return
    models = [module for module in trace.modules if module.input is not None]
    if not models:
        return
    model = min(models, key=lambda module: module.stack_index)
    if candidate.expression != model.input_expression:
        return
    if _SAMPLE_RANK.get(model.first_layer or "") != len(tensor.shape):
        return
    candidate.upstream = True
    candidate.add(
        12.0,  # above what the failing layer's sizes say: they are this sample's effect
        f"{candidate.label} has shape {tensor.shape}: one sample without its batch dimension; "
        f"{model.describe()} begins with a {model.first_layer}, which reads it unbatched and "
        "hands the next layers the wrong dims: add `.unsqueeze(0)`",
    )


def _sizes_in_shape(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    if tensor is None or tensor.shape is None:
        return
    dim = facts.number("dim")
    if dim is not None and _broadcast_operands(candidate, facts, trace, dim):
        return
    sizes = [facts.number(name) for name in _BROADCAST_CAPTURES]
    sizes = [size for size in sizes if size is not None] or [
        number for number in facts.numbers if number != dim
    ]
    shape = tensor.shape
    hits = [size for size in dict.fromkeys(sizes) if size in shape]
    if dim is not None and -len(shape) <= dim < len(shape) and shape[dim] in sizes:
        candidate.add(2.5, f"{candidate.label} has size {shape[dim]} at dimension {dim}")
    elif hits:
        candidate.add(1.0, f"{candidate.label} has shape {shape}, with size {hits[0]}")


def _aligned_size(shape: tuple[int, ...], dim: int, rank: int) -> int | None:
    """The size of `shape` at `dim` of a broadcast result of `rank` dims (right-aligned)."""
    if dim < 0:
        dim += rank
    own = dim - (rank - len(shape))
    return shape[own] if 0 <= own < len(shape) else None


def _broadcast_operands(
    candidate: _Candidate, facts: _CaptureFacts, trace: Trace, dim: int
) -> bool:
    """`tensor a (3) ... tensor b (2)` and `expanded size (3) ... existing size (2)`: say
    which operand is which. True when the message was of that kind."""
    tensor, operand = candidate.tensor, candidate.operand
    size_a, size_b = facts.number("size_a"), facts.number("size_b")
    existing, expanded = facts.number("existing"), facts.number("expanded")
    if size_a is not None and size_b is not None and operand is not None and operand.slot:
        rank = max(
            (
                len(other.tensor.shape)
                for other in trace.operands
                if other.tensor is not None
                and other.tensor.shape is not None
                and other.user_depth == operand.user_depth
            ),
            default=len(tensor.shape),
        )
        size = _aligned_size(tensor.shape, dim, rank)
        if size not in (size_a, size_b) or size_a == size_b:
            return True
        other = size_a if size == size_b else size_b
        if operand.slot >= 2:
            # What is applied to the data (a mask, weights, a bias: the argument, the right
            # operand) is the one built for another shape far more often than the data.
            candidate.add(
                5.5,
                f"{candidate.label} has size {size} at dimension {dim} and is applied to a "
                f"tensor with {other} there",
            )
        else:
            candidate.add(1.0, f"{candidate.label} has size {size} at dimension {dim}")
        return True
    if existing is None or expanded is None:
        return False
    if -len(tensor.shape) <= dim < len(tensor.shape) and tensor.shape[dim] == existing:
        candidate.add(
            5.0,
            f"{candidate.label} has size {existing} at dimension {dim}, which cannot be "
            f"expanded to {expanded}",
        )
    return True


def _invalid_view(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    size = facts.number("size", "numel", "input_size")
    if tensor is None or tensor.shape is None:
        return
    if size is not None and _numel(tensor.shape) == size:
        candidate.add(
            4.0,
            f"{candidate.label} has shape {tensor.shape} ({size} elements), which the new shape cannot hold",
        )


# `args.batch_size`, `cfg.train.batch_size`, `config["batch_size"]`, `hparams.bs`.
_SETTING = re.compile(r"[A-Za-z_][\w.]*(?:\.\w+|\[['\"]\w+['\"]\])")


# A batch size written into the statement that made a tensor: `cfg.batch_size`, `BATCH`, `bs`.
_BATCH_SIZE_WORD = re.compile(r"\b\w*batch_size\b|\bBATCH(?:_SIZE)?\b|\bbs\b", re.IGNORECASE)


def _batch_sized_state(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """`self.cls_tokens = nn.Parameter(torch.zeros(cfg.batch_size, 1, dim))`: a tensor a
    module keeps across batches, sized by the batch size, meets a batch of another size (the
    loader's last, smaller one). The tensor the batch meets is right; the kept one is not."""
    operand, tensor = candidate.operand, candidate.tensor
    if operand is None or tensor is None or not tensor.shape:
        return
    made = _code_of(operand.made_at).split("#", 1)[0]
    if not made.startswith("self.") or not _BATCH_SIZE_WORD.search(made.split("=", 1)[-1]):
        return
    kept = tensor.shape[0]
    if str(kept) not in re.findall(r"\d+", trace.message):
        return
    # The batch it met: another tensor of the line, else the smaller size the message gives
    # (a call's result on the line, `self.proj(x)`, was never bound).
    met = next(
        (
            f"`{other.expression}` holds {other.tensor.shape[0]} samples"
            for other in trace.operands
            if other is not operand
            and other.tensor is not None
            and other.tensor.shape
            and other.line == operand.line
            and other.user_depth == operand.user_depth
            and 1 < other.tensor.shape[0] < kept
        ),
        None,
    )
    smaller = [int(n) for n in re.findall(r"\d+", trace.message) if 1 < int(n) < kept]
    if met is None and smaller:
        met = f"the batch holds {smaller[0]} samples"
    if met is None:
        return
    # Outranks the tensor the message points at (5): that one holds the real batch.
    candidate.add(
        9.0,
        f"{candidate.label} ({tensor.shape}) is kept by the module across batches and sized by "
        f"the batch size{_where(operand.made_at)}, but {met} (a loader's last batch is "
        "smaller): size it 1 and `expand` it to the batch",
    )


def _batch_size_setting(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """`x.view(cfg.batch_size, -1)` fails on the last, smaller batch: the batch size comes
    from a setting, not from the tensor."""
    operand = candidate.operand
    if operand is None or operand.kind != "int" or operand.literal or operand.int_value is None:
        return
    if not _SETTING.fullmatch(operand.expression):
        # A local `batch_size = 4` next to the view is the tensor's story (the KB's fix
        # rewrites the view on the tensor); a setting read from a config is named itself.
        return
    wanted = operand.int_value
    shape = [int(part) for part in re.findall(r"-?\d+", facts.raw.get("shape") or "")]
    if wanted <= 1 or not shape or shape[0] != wanted:
        return  # a batch size is asked for in the first dim
    for other in trace.operands:
        tensor = other.tensor
        if (
            tensor is None
            or not tensor.shape
            or other.line != operand.line
            or other.user_depth != operand.user_depth
        ):
            continue
        if tensor.shape[0] < wanted:
            # Outranks the reshaped tensor (its role and size facts): the tensor is fine,
            # the number asked of it is not.
            candidate.add(
                9.0,
                f"{candidate.label} is {wanted}, but `{other.expression}` holds "
                f"{tensor.shape[0]} samples ({tensor.shape}; a loader's last batch is smaller): "
                "take the batch size from the tensor (`.size(0)` or -1)",
            )
            return


_CONSTANT = re.compile(r"[A-Z][A-Z0-9_]+")


def _view_size_setting(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """`x.reshape(-1, 1, IMG_SIZE, IMG_SIZE)` where the data is 32x32: the element
    count of `x` is no multiple of what the sizes ask, and a setting chose them."""
    operand = candidate.operand
    if operand is None or operand.kind != "int" or operand.literal or operand.int_value is None:
        return
    if not (_SETTING.fullmatch(operand.expression) or _CONSTANT.fullmatch(operand.expression)):
        return
    shape = [int(part) for part in re.findall(r"-?\d+", facts.raw.get("shape") or "")]
    asked = _numel(tuple(size for size in shape if size > 0))
    if operand.int_value <= 1 or operand.int_value not in shape or not asked:
        return
    # The count the message states; else that of a tensor read on the same line.
    count, held = facts.number("numel"), "the tensor"
    for other in trace.operands:
        if (
            count is None
            and other.tensor is not None
            and other.line == operand.line
            and other.user_depth == operand.user_depth
        ):
            count = _numel(other.tensor.shape)
            held = f"`{other.expression}` {other.tensor.shape}"
    if not count or count % asked == 0:
        return
    # Outranks the reshaped tensor's own size facts, as a batch-size setting does; of
    # several settings in the shape, the one whose own change would make the count fit
    # (`head_dim` 64 where 24 fits, not `n_heads`) comes first.
    rest = asked // operand.int_value
    fits = count // rest if count % rest == 0 else None
    needed = f" (it would fit as {fits})" if fits else ""
    candidate.add(
        9.5 if fits else 9.0,
        f"{candidate.label} is {operand.int_value}, but {held} holds {count} elements, no "
        f"multiple of the {asked} the new shape asks for: the setting does not match the "
        f"data{needed}",
    )


_CHECKPOINT_SHAPES = re.compile(
    r"shape torch\.Size\(\[([\d, ]*)\]\) from checkpoint, the shape in current model is "
    r"torch\.Size\(\[([\d, ]*)\]\)"
)


# A single dimension this large makes a quadratic buffer (attention scores) unallocatable.
_HUGE_SIZE = 10_000


def _target_shape(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    if tensor is None or tensor.shape is None or not _role_matches("target", candidate.roles):
        return
    target_batch = facts.number("target_batch", "target_size")
    if target_batch is not None and tensor.shape and tensor.shape[0] == target_batch:
        candidate.add(
            3.0, f"target {candidate.label} has batch size {target_batch} ({tensor.shape})"
        )
    elif len(tensor.shape) != 1:
        candidate.add(3.0, f"target {candidate.label} has shape {tensor.shape}, not (batch,)")
    else:
        candidate.add(1.0, f"target {candidate.label} has shape {tensor.shape}")


def _unequal_elements(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    operand = candidate.operand
    if operand is None:
        return
    if operand.element_index is not None:
        ranks = _RANKS_DIFFER.search(trace.message)
        tensor = candidate.tensor
        if ranks and tensor is not None and tensor.shape is not None and operand.element_index:
            # `torch.cat([a, b])`: the first tensor sets the rank; the element of the other
            # rank is the one that differs.
            first, other = int(ranks[1]), int(ranks[2])
            if len(tensor.shape) == other != first:
                candidate.add(
                    5.0,
                    f"{candidate.label} ({tensor.shape}) has {other} dimensions, the first "
                    f"tensor of the list has {first}",
                )
            return
        # `torch.cat([a, b])`: the message counts the tensors; name the one it points at.
        index = facts.number("index", "other_index")
        if index is not None and index == operand.element_index and index > 0:
            shape = f" ({candidate.tensor.shape})" if candidate.tensor else ""
            candidate.add(
                5.0,
                f"{candidate.label}{shape} is tensor number {index} in the list, the one the "
                "message says disagrees with the first",
            )
        return
    in_collate_fn = trace.worker_failure is not None and trace.worker_failure_owner is None
    if "dataset" in operand.roles and not in_collate_fn:
        candidate.add(
            4.5,
            f"{candidate.label} is the dataset whose samples the loader stacks into a batch; "
            "they differ in size",
        )
    if not operand.element_tensors:
        return
    shapes = {facts_.shape for facts_ in operand.element_tensors}
    if len(shapes) > 1:
        shown = ", ".join(str(shape) for shape in list(shapes)[:3])
        candidate.add(4.0, f"{candidate.label} holds tensors of different shapes: {shown}")
    else:
        candidate.add(1.0)


_RANKS_DIFFER = re.compile(r"same number of dimensions: got (\d+) and (\d+)")
_SKIP_SIZES = re.compile(r"Expected size (\d+) but got size (\d+)")


def _input_not_divisible(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """A U-Net's skip joined to an upsampled map one pixel off (`24` vs `25`): the image fed
    to the whole model has a side that halving rounds down (100 -> 50 -> 25 -> 12), so it
    is the input's size, not a layer, that does not fit the pooling depth."""
    sizes = _SKIP_SIZES.search(trace.message)
    module = candidate.module
    if sizes is None or candidate.operand is None or module is None or not trace.modules:
        return
    low, high = sorted(int(size) for size in sizes.groups())
    outermost = trace.modules[0]
    if high - low != 1 or module is not outermost or candidate.tensor is None:
        return
    shape = candidate.tensor.shape
    if not shape or len(shape) < 3 or module.input is None or module.input.shape != shape:
        return
    for side in shape[2:]:
        halvings = [side]
        while halvings[-1] > high:
            halvings.append(halvings[-1] // 2)
        if halvings[-1] == high and high % 2:  # an odd side: halving drops a pixel
            path = " -> ".join(map(str, [*halvings, high // 2]))
            candidate.upstream = True
            candidate.add(
                6.0,
                f"{candidate.label} is {side} wide, which halving rounds down ({path}); "
                f"upsampled back it is {low}, not {high}: use a size divisible by "
                f"{2 ** len(halvings)} (or pad/crop the skip)",
            )
            return


_ONE_SAMPLE = re.compile(r"\.unsqueeze\(0\)|\[None\]|\.view\(1,|\.reshape\(1,")
# Calls that run a model once on example inputs to export it: it should be in eval mode.
_EXPORTING_CALLEES = frozenset({"trace", "trace_module", "export", "dynamo_export"})


def _batchnorm_single(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    operand = candidate.operand
    module = candidate.module
    if operand is not None and operand.kind == "module" and module and module.training:
        if operand.callee in _EXPORTING_CALLEES:
            candidate.upstream = True
            candidate.add(
                9.0,
                f"{candidate.label} is still in training mode while `{operand.callee}` runs it "
                "on example inputs to export it, and batch norm in training mode needs more "
                "than one sample: call `.eval()` first",
            )
            return
        # A batch of one made on purpose (`sample.unsqueeze(0)`) is a prediction: the
        # model is what should not be in training mode.
        for other in trace.operands:
            if (
                other.tensor is not None
                and other.tensor.shape
                and other.tensor.shape[0] == 1
                and other.line == operand.line
                and other.user_depth == operand.user_depth
                and _ONE_SAMPLE.search(other.expression + " " + _code_of(other.made_at))
            ):
                candidate.upstream = True
                candidate.add(
                    9.0,
                    f"{candidate.label} is still in training mode, where batch norm needs more "
                    f"than one sample; `{other.expression}` is a single sample to predict: "
                    "call `.eval()` first",
                )
                return
    tensor = candidate.tensor
    if tensor is not None and tensor.shape and tensor.shape[0] == 1:
        where = f" into {candidate.module.describe()}" if candidate.module else ""
        candidate.add(3.0, f"{candidate.label} has a batch of one ({tensor.shape}){where}")


def _input_too_small(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor, module = candidate.tensor, candidate.module
    if tensor is None or tensor.shape is None:
        return
    if module is None or len(tensor.shape) < 3:
        return
    if candidate.operand is None and ("Pool" in module.type_name or "Conv" in module.type_name):
        name = module.path or module.type_name
        candidate.add(
            3.0, f"`{name}` ({module.type_name}) got an input of shape {tensor.shape}, too small"
        )
    else:
        candidate.add(
            2.0, f"{candidate.label} of shape {tensor.shape} is too small for {module.describe()}"
        )


def _class_dim_last(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """`cross_entropy(logits (N, L, C), target (N, L))`: the classes must be dim 1, so the
    target shape torch asks for is built from the wrong dims; the input needs a permute."""
    tensor, operand = candidate.tensor, candidate.operand
    if tensor is None or tensor.shape is None or len(tensor.shape) < 3 or operand is None:
        return
    if not _role_matches("input", candidate.roles):
        return
    for other in trace.operands:
        if (
            other is not operand
            and other.tensor is not None
            and other.line == operand.line
            and other.user_depth == operand.user_depth
            and _role_matches("target", other.roles)
            and other.tensor.shape == tensor.shape[:-1]
        ):
            candidate.add(
                5.0,
                f"{candidate.label} has shape {tensor.shape}: classes last, but the loss wants "
                f"them in dim 1 (N, C, ...) to match target `{other.expression}` "
                f"{other.tensor.shape}; permute the input",
            )
            return


_FOLDING_CALL = re.compile(r"\.(?:view|reshape|flatten)\(|torch\.(?:reshape|flatten)\(|rearrange\(")


def _batch_folded(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """Input batch 8 vs target batch 4: a whole multiple means a `view(-1, N)` upstream
    folded other dims into (or out of) the batch: the input is wrong, not the labels."""
    tensor = candidate.tensor
    input_batch, target_batch = facts.number("input_batch"), facts.number("target_batch")
    if tensor is None or not tensor.shape or input_batch is None or not target_batch:
        return
    if input_batch == target_batch or not input_batch:
        return
    big, small = max(input_batch, target_batch), min(input_batch, target_batch)
    if big % small or _role_matches("target", candidate.roles):
        return
    if _role_matches("input", candidate.roles) and tensor.shape[0] == input_batch:
        operand = candidate.operand
        reshaped = operand is not None and (
            operand.reshaped_at is not None
            or _FOLDING_CALL.search(operand.expression)
            or _FOLDING_CALL.search(_code_of(operand.made_at))
        )
        if not reshaped:
            return  # no view or reshape made its batch: nothing was folded (a short batch)
        if operand.reshaped_at is not None:
            candidate.made_at = operand.reshaped_at  # where the batch dim was remade
        candidate.add(
            4.5,
            f"{candidate.label} has batch {input_batch} ({tensor.shape}), a whole multiple of "
            f"the target's {target_batch}: a view/reshape upstream (`view(-1, N)` with the "
            "wrong N) moved elements between the batch and the other dims",
        )


# ---- device rules --------------------------------------------------------------------


_MOVE = re.compile(r"\.(?:to|cuda|cpu)\(|\bdevice\s*=")


def _was_moved(operand: Operand | None) -> bool:
    """Its statement moved it (`x = x.to(device)`): the user took care of this one."""
    made = operand.made_at if operand is not None else None
    code = (made.code or "").split("#", 1)[0] if made is not None else ""  # not a comment
    return bool(_MOVE.search(code))


def _input_was_moved(candidate: _Candidate, trace: Trace) -> bool:
    """Its statement moved it, in this frame or where a caller made it (`x` of `net(x)`
    after `x = x.to(device)`, received in `forward`); for a module met on the stack, the
    input it was given."""
    operand = candidate.operand
    if operand is not None and operand.identity is None:
        return _was_moved(operand)
    return any(
        _was_moved(other)
        for other in trace.operands
        if other.tensor is not None
        and (
            other.identity == operand.identity
            if operand is not None
            else other.expression == candidate.expression
        )
    )


def _device_mismatch(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    operand = candidate.operand
    if operand is not None and operand.kind == "module" and _module_left_behind(candidate, trace):
        return
    if tensor is None or tensor.device is None:
        return
    module = candidate.module
    weight_device = module.weight.device if module and module.weight else None
    if weight_device and tensor.device != weight_device:
        if _input_was_moved(candidate, trace) or _made_by_model(candidate.tensor):
            # The user moved the input on purpose; the module is what was left behind.
            candidate.add(1.0, f"{candidate.label} was moved to {tensor.device}")
            return
        candidate.add(
            5.0,
            f"{candidate.label} is on {tensor.device} but {module.describe()} is on {weight_device}",
        )
        return
    peers = [
        other.tensor.device
        for other in trace.operands
        if other.tensor is not None
        and other.tensor.device
        and other.user_depth == (candidate.operand.user_depth if candidate.operand else 0)
    ]
    others = [device for device in peers if device != tensor.device]
    if not others:
        _left_off_the_model_device(candidate, trace)
        return
    placed = _placed_on_purpose(operand, trace) if operand is not None else []
    if placed and all(other.tensor.device != tensor.device for other in placed):
        shown = placed[0]
        why = "was moved there" if _was_moved(shown) else "is the model's output there"
        candidate.add(
            5.0,
            f"{candidate.label} is on {tensor.device} while `{shown.expression}` {why} "
            f"({shown.tensor.device}): it was never moved",
        )
        return
    if tensor.device == "cpu":
        # Data or labels left on the CPU next to an accelerator is the usual story.
        candidate.add(3.0, f"{candidate.label} is on cpu while {others[0]} holds the rest")
    elif facts.devices and tensor.device in facts.devices:
        candidate.add(1.0, f"{candidate.label} is on {tensor.device}")


def _left_off_the_model_device(candidate: _Candidate, trace: Trace) -> None:
    """A tensor read inside a model's code (`self.scale`, a mask made in `forward`) on
    another device than every module on the stack: `.to(device)` moves parameters and
    registered buffers only, so a plain tensor attribute, or one made without `device=`,
    stays behind."""
    tensor, operand = candidate.tensor, candidate.operand
    if operand is None or tensor is None or _was_moved(operand):
        return
    placed = [
        module
        for module in sorted(trace.modules, key=lambda item: -item.stack_index)
        if module.weight is not None and module.weight.device
    ]
    if not placed or any(module.weight.device == tensor.device for module in placed):
        return
    module = placed[0]
    candidate.add(
        5.0,
        f"{candidate.label} is on {tensor.device} while {module.describe()} runs on "
        f"{module.weight.device}: `.to(device)` moves parameters and registered buffers, "
        "not a plain tensor attribute or a tensor made without `device=`",
    )


def _made_by_model(tensor: TensorFacts | None) -> bool:
    """Computed from parameters (requires grad, not a leaf): it sits where the model is."""
    return bool(tensor and tensor.requires_grad and tensor.grad_fn)


def _placed_on_purpose(operand: Operand, trace: Trace) -> list[Operand]:
    """Tensors of the same line whose device the user chose: moved by their statement
    (`x = x.to(device)`, `device=device`) or computed by a model that was moved."""
    return [
        other
        for other in trace.operands
        if other is not operand
        and other.tensor is not None
        and other.tensor.device
        and other.line == operand.line
        and other.user_depth == operand.user_depth
        and (_was_moved(other) or _made_by_model(other.tensor))
    ]


def _device_setting(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """`DEVICE = "cuda"`, `args.device` on a machine without CUDA: the setting, not the
    model or batch that was sent there."""
    operand = candidate.operand
    if operand is None or operand.literal or not operand.text_value:
        return
    if not operand.text_value.startswith("cuda"):
        return
    candidate.add(
        6.0,
        f"{candidate.label} is '{operand.text_value}', a device this machine's torch cannot "
        "use: choose it at run time (where it is set is shown as made at)",
    )


def _module_left_behind(candidate: _Candidate, trace: Trace) -> bool:
    """The module whose weights stay where its deliberately moved inputs are not."""
    module = candidate.module
    weight_device = module.weight.device if module and module.weight else None
    operand = candidate.operand
    if weight_device is None or operand is None:
        return False
    for other in trace.operands:
        if (
            other.tensor is not None
            and other.tensor.device not in (None, weight_device)
            and other.line == operand.line
            and other.user_depth == operand.user_depth
            and (_was_moved(other) or _made_by_model(other.tensor))
        ):
            how = "was moved to" if _was_moved(other) else "is the output of a model on"
            candidate.add(
                6.0,
                f"{candidate.label} ({module.type_name}) is still on {weight_device} while its "
                f"input `{other.expression}` {how} {other.tensor.device}"
                f"{_where(other.made_at)}: move it to the same device",
            )
            return True
    return False


# ---- index rules ---------------------------------------------------------------------


def _indexed_by_number(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> bool:
    """`scores[:, class_id]` with `class_id = 5`: a plain number carries no facts; the
    tensor it indexes, whose size the number overruns, is what to check it against."""
    tensor, operand = candidate.tensor, candidate.operand
    index, dim = facts.number("index"), facts.number("dim")
    size = facts.number("size")
    if tensor is None or tensor.shape is None or operand is None or operand.position != -1:
        return False
    if index is None or dim is None or size is None or not 0 <= dim < len(tensor.shape):
        return False
    if tensor.shape[dim] != size:
        return False
    numbers = [
        other
        for other in trace.operands
        if other.kind == "int"
        and other.int_value == index
        and other.line == operand.line
        and other.user_depth == operand.user_depth
    ]
    if not numbers:
        return False
    candidate.add(
        3.5,
        f"{candidate.label} has size {size} at dimension {dim} (valid indices 0..{size - 1}); "
        f"`{numbers[0].expression}` is {index}",
    )
    return True


def _index_out_of_range(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor, module = candidate.tensor, candidate.module
    if _indexed_by_number(candidate, facts, trace):
        return
    if tensor is None or tensor.dtype not in INTEGER_DTYPES:
        return
    limit = facts.number("size", "num_embeddings")
    limit_name = "the size"
    if module is not None and module.type_name in _INDEX_MODULES:
        configured = module.config_value("num_embeddings")
        if configured is not None:
            limit, limit_name = (
                int(configured),
                f"num_embeddings={configured} of {module.describe()}",
            )
    index = facts.number("index", "target")
    if _is_index_like(candidate) or _role_matches("target", candidate.roles):
        candidate.add(1.5)
    if tensor.max is None or tensor.min is None:
        return
    if tensor.min < 0:
        candidate.add(5.0, f"{candidate.label} ({tensor.summary()}) holds negative indices")
    elif limit is not None and tensor.max >= limit:
        # Ids counting 0..K into an embedding of K rows: the table's story, ids second.
        table = _table_rows(max(trace.modules, key=lambda item: item.stack_index, default=None))
        points = 2.0 if table == limit and _counts_past_table(tensor, table) else 5.0
        candidate.add(points, f"{candidate.label} holds {tensor.max:g}, beyond {limit_name}")
    elif index is not None and index <= tensor.max and index >= tensor.min:
        candidate.add(
            4.0 if tensor.max == index else 3.0,
            f"{candidate.label} ({tensor.summary()}) holds the index {index}",
        )
    else:
        candidate.add(-1.0)


def _counts_past_table(tensor: TensorFacts | None, rows: int | None) -> bool:
    """Ids that use row 0 and run just past the end of a table of `rows` (0..K against K
    rows, or a few more): counted with the tokens the table left out (`<unk>`, `<pad>`
    added after its size was taken), so the table is too small. Ids that skip 0 and end
    at K are 1-based, ids far past the end are not the table's: theirs the story. The
    same reading as an output layer with too few classes."""
    if tensor is None or tensor.min is None or tensor.max is None or not rows:
        return False
    return tensor.dtype in INTEGER_DTYPES and tensor.min == 0 and rows <= tensor.max <= 2 * rows


def _table_rows(module: ModuleFacts | None) -> int | None:
    if module is None or module.type_name not in _INDEX_MODULES:
        return None
    rows = module.config_value("num_embeddings")
    return int(rows) if rows is not None and rows.isdigit() else None


def _table_too_small(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """The embedding itself, written on the failing line, when the ids it was given count
    past its rows from 0 (`_counts_past_table`)."""
    operand, rows = candidate.operand, _table_rows(candidate.module)
    if operand is None or operand.kind != "module" or rows is None:
        return
    for ids in trace.operands:
        if (
            ids is not operand
            and ids.line == operand.line
            and ids.user_depth == operand.user_depth
            and _counts_past_table(ids.tensor, rows)
        ):
            # Above all the ids gather: their index role (3), index-like (1.5) and their own
            # "beyond the table" (2), which this explains.
            candidate.add(
                8.0,
                f"{candidate.module.describe()} has {rows} rows, but `{ids.expression}` "
                f"counts ids 0..{ids.tensor.max:g}: the table is too small"
                f"{_where(operand.made_at)}",
            )
            return


def _buffer_sized_short(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """`agg = torch.zeros(num_nodes, d)` indexed by ids that count 0..num_nodes: the count
    that sized the buffer is one short (taken as the largest id, without `+ 1`), as a table
    too small for its ids (`_counts_past_table`)."""
    operand = candidate.operand
    size = operand.int_value if operand else None
    if size is None or size != facts.number("size"):
        return None
    for ids in trace.operands:
        if (
            ids.line == operand.line
            and ids.user_depth == operand.user_depth
            and _counts_past_table(ids.tensor, size)
        ):
            return (
                f"{candidate.label} is {size} and sized `{operand.made_from}`, but "
                f"`{ids.expression}` counts 0..{ids.tensor.max:g}: the size is too small "
                "(a count taken as the largest id needs `+ 1`)"
            )
    return None


def _made_in_inference_mode(
    candidate: _Candidate, facts: _CaptureFacts, trace: Trace
) -> str | None:
    """An inference tensor, made inside `with torch.inference_mode()`, reaching autograd."""
    operand = candidate.operand
    if operand is None or operand.made_at is None:
        return None
    return (
        f"{candidate.label} was made under `torch.inference_mode()`{_where(operand.made_at)}: "
        "an inference tensor, which autograd can never record (make it under "
        "`torch.no_grad()`, or `.clone()` it before training on it)"
    )


def _froze_everything(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """The helper that froze parameters before the optimizer's requires_grad filter."""
    operand = candidate.operand
    if operand is None or operand.made_at is None:
        return None
    return (
        f"{candidate.label}{_where(operand.made_at)} set requires_grad=False, and the "
        "optimizer keeps only parameters that require grad: none were left (check which "
        "names or layers it leaves trainable)"
    )


def _sequence_too_long(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    if tensor is None or not tensor.shape or len(tensor.shape) < 2:
        return
    limits = [
        int(value)
        for module in trace.modules
        if module.type_name == "Embedding"
        for value in [module.config_value("num_embeddings")]
        if value is not None
    ]
    length = tensor.shape[1] if len(tensor.shape) >= 2 else tensor.shape[-1]
    if length in facts.numbers or any(length > limit for limit in limits[-3:]):
        candidate.add(3.0, f"{candidate.label} has sequence length {length} ({tensor.shape})")


# ---- autograd and value rules ----------------------------------------------------------


def _no_grad_fn(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    if tensor is not None and tensor.requires_grad is False and tensor.grad_fn is None:
        candidate.add(4.0, f"{candidate.label} does not require grad and has no grad_fn")


def _code_of(location: Location | None) -> str:
    return location.code or "" if location is not None else ""


def _where(location: Location | None) -> str:
    if location is None:
        return ""
    code = f": `{location.code}`" if location.code else ""
    return f" (line {location.line}{code})"


def _graph_cut(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """What cut the graph: a tensor made under no_grad / by `.detach()`, a frozen module."""
    operand = candidate.operand
    if operand is None or not operand.cut:
        return
    where = _where(operand.made_at)
    if operand.kind == "module":
        fed = _cut_input_of(operand, trace)
        if fed is not None:
            # Trainable weights would have given `D(fake)` a graph again, however `fake` was
            # cut: the frozen module, not its detached input, is why nothing has a grad_fn.
            candidate.add(
                8.0,
                f"{operand.cut}: its output carries no graph{where}, whatever `{fed}` it is "
                "given (a detached input alone would still reach its weights)",
            )
            return
        candidate.add(7.0, f"{operand.cut}: its output carries no graph{where}")
    elif operand.kind == "call":  # `torch.set_grad_enabled(False)` left on
        candidate.add(8.0, f"{candidate.label}{where}: {operand.cut}")
    elif operand.kind == "object":  # the loop that froze the parameters
        candidate.add(
            7.0,
            f"the loop over {candidate.label}{where} {operand.cut}: its output carries no graph",
        )
    elif (frozen := _frozen_module_fed(operand, trace)) is not None:
        candidate.add(
            3.0, f"{candidate.label} was {operand.cut}{where}, then fed to `{frozen}`, frozen"
        )
    else:
        candidate.add(
            7.0, f"{candidate.label} was {operand.cut}{where}: nothing after it reaches the weights"
        )


def _feeds(tensor: Operand, module: Operand) -> bool:
    """The module's statement calls it on the tensor: `D(fake)`."""
    if not tensor.expression.isidentifier():
        return False
    call = rf"\b{re.escape(module.expression)}\(\s*{re.escape(tensor.expression)}\s*[,)]"
    return re.search(call, _code_of(module.made_at)) is not None


def _cut_input_of(module: Operand, trace: Trace) -> str | None:
    """A tensor cut from the graph (`fake = G(z).detach()`) that the frozen module's
    statement feeds into it (`D(fake)`)."""
    for other in trace.operands + trace.scope:
        if other.kind == "tensor" and other.cut and _feeds(other, module):
            return other.expression
    return None


def _frozen_module_fed(tensor: Operand, trace: Trace) -> str | None:
    for other in trace.operands + trace.scope:
        if other.kind == "module" and other.cut and _feeds(tensor, other):
            return other.expression
    return None


def _carries_freed_graph(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """backward twice: the tensor that brings an already-freed graph into this backward."""
    operand = candidate.operand
    graph = operand.graph if operand is not None else None
    if graph is None:
        return
    kept_on_object = operand.expression.startswith("self.") and graph.in_failing_graph
    if operand.carried_from is not None and (graph.reaches_freed or kept_on_object):
        # A value kept on an object (`self._bias_cache`) outlives its step; its graph may
        # hold nodes whose frees the metadata cannot show, but backward walks it again.
        # Its new value is not on this loss's path, but the value it was made from was.
        # Outranks a tensor freed "on its own": the failing backward frees this step's
        # nodes as it goes, so only a value that outlives the step says where it came from.
        candidate.add(
            6.5,
            f"{candidate.label} is fed back into the next step{_where(operand.carried_from)} "
            "still attached to the previous step's graph, which backward already freed: "
            "detach it each step",
        )
    elif operand.backward_at is not None and graph.shares_freed:
        # The source shows an earlier backward from this value, and its graph meets the
        # failing one where nodes were freed.
        candidate.made_at = operand.backward_at
        where = _where(operand.backward_at)
        if graph.in_failing_graph:
            # The same value back-propagated twice: that earlier backward is the bug,
            # whatever else its freeing reached.
            candidate.add(
                7.0,
                f"{candidate.label} was already back-propagated{where}, which freed its graph, "
                "and this backward walks it again: pass retain_graph=True there, or take "
                "both results from one backward",
            )
        else:
            # Another loss whose graph shares a part with this one: below a freed tensor on
            # the failing graph (a GAN's generated batch), which is the value to detach.
            candidate.add(
                4.0,
                f"the backward from {candidate.label}{where} already freed the part of the "
                "graph this backward shares with it: add the losses and call backward once, "
                "or pass retain_graph=True to the first",
            )
    elif not graph.in_failing_graph:
        return
    elif graph.freed:
        candidate.add(
            6.0,
            f"{candidate.label} carries a graph that an earlier backward already freed "
            f"({candidate.tensor.grad_fn if candidate.tensor else 'its grad_fn'} no longer "
            "holds its saved tensors); detach it, or recompute it for this step",
        )
    elif graph.reaches_freed:
        candidate.add(1.5)


def _modified_in_place(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """The tensor at the version the message names, and where it was changed in place."""
    operand, tensor = candidate.operand, candidate.tensor
    graph = operand.graph if operand is not None else None
    version = facts.number("version")
    if operand is None or graph is None or version is None:
        return
    made_by_op = re.search(r"output \d+ of (\w+)", trace.message)
    if made_by_op and tensor is not None and not tensor.requires_grad:
        return  # the message names an op's output; no op made this tensor
    if graph.version != version:
        if (
            operand.modified_at is not None
            and graph.in_failing_graph
            and tensor is not None
            and tensor.requires_grad
        ):
            candidate.made_at = operand.modified_at
            candidate.add(
                6.0,
                f"{candidate.label} was changed in place{_where(operand.modified_at)} after "
                f"autograd saved it, then rebound to a new tensor made from it"
                f"{_where(operand.made_at)}",
            )
        return
    shape_text = facts.raw.get("shape")
    shape = tuple(int(part) for part in re.findall(r"\d+", shape_text or ""))
    if tensor is not None and shape_text is not None and tensor.shape != shape:
        return
    shown = f" ({tensor.summary()})" if tensor is not None else ""
    inside = f" in {operand.module.describe()}" if operand.module and tensor is None else ""
    if operand.kind == "module" and operand.module is not None:
        if operand.module.config_value("inplace") == "True":
            candidate.add(
                5.5,
                f"{operand.module.describe()} overwrites its input in place; a tensor "
                f"autograd saved is at version {version} after it",
            )
    elif operand.modified_at is not None:
        candidate.add(
            6.0,
            f"{candidate.label}{shown}{inside} is changed in place"
            f"{_where(operand.modified_at)} after autograd saved it for backward "
            f"(now at version {version})",
        )
    elif tensor is not None:
        candidate.add(
            4.0,
            f"{candidate.label}{shown} is at version {version}: changed in place after "
            "autograd saved it for backward",
        )


# What DataParallel / DDP (`module.`) and torch.compile (`_orig_mod.`) put before every key.
_WRAPPER_KEY_PREFIX = re.compile(r"^(?:(?:module|_orig_mod)\.)+")


def _listed_keys(message: str, heading: str) -> list[str]:
    """The quoted keys after `Missing key(s) in state_dict:` (or `Unexpected ...`)."""
    found = re.search(re.escape(heading) + r" in state_dict:([^\n]*)", message)
    return re.findall(r'"([^"]+)"', found.group(1)) if found else []


def _partial_load_of_other_sizes(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """`model.load_state_dict(state_dict, strict=False)` for a new head: `strict=False`
    says the model differs on purpose, and it skips missing and unexpected keys, not
    sizes; the keys of other sizes must leave the state dict before it is loaded."""
    operand = candidate.operand
    if operand is None or operand.kind not in ("dict", "object") or not operand.keys:
        return
    if operand.position != 0 and operand.keyword != "state_dict":
        return
    relaxed = any(
        other.keyword == "strict"
        and other.expression == "False"
        and other.line == operand.line
        and other.user_depth == operand.user_depth
        for other in trace.operands
    )
    sized = re.findall(r"size mismatch for ([\w.]+):", trace.message)
    if not relaxed or not sized:
        return
    # Above the layer the sizes differ for (its "weights of other sizes" and role): the
    # model was made to differ, the state dict still carries the old sizes.
    candidate.add(
        4.0,
        f"{candidate.label} holds `{sized[0]}` of other sizes, and `strict=False` skips missing "
        "and unexpected keys, not sizes: drop those keys from it before loading",
    )


def _receiver_is_wrapped(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """`model.load_state_dict(ckpt)` where the keys the model wants carry a wrapper's
    prefix (`module.fc.weight`) and the checkpoint's are the same keys without it: the
    model was wrapped (DataParallel, DDP, torch.compile) before loading a checkpoint saved
    from the bare network. The weights are fine; the wrapping is what the user changed."""
    operand = candidate.operand
    if operand is None or operand.kind != "module" or operand.position != -1:
        return
    if operand.callee != "load_state_dict":
        return
    missing = _listed_keys(trace.message, "Missing key(s)")
    unexpected = set(_listed_keys(trace.message, "Unexpected key(s)"))
    prefixes = {match.group(0) for key in missing if (match := _WRAPPER_KEY_PREFIX.match(key))}
    if len(prefixes) != 1 or not unexpected:
        return
    prefix = prefixes.pop()
    if any(key.startswith(prefix) for key in unexpected):
        return
    if not any(key.removeprefix(prefix) in unexpected for key in missing):
        return
    candidate.add(
        6.0,
        f"{candidate.label} is wrapped: the keys it wants carry `{prefix}`, the checkpoint's "
        f"(saved from the bare network) do not; load into `{operand.expression}."
        f"{prefix.split('.')[0]}` or before wrapping",
    )


def _saved_from_wrapper(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """`torch.save(ema_model.state_dict(), path)` earlier in the program, and the keys the
    message calls unexpected all carry a wrapper's prefix (`module.`, AveragedModel's
    `n_averaged` too): the wrapper was saved where the bare network was meant."""
    operand = candidate.operand
    unexpected = _listed_keys(trace.message, "Unexpected key(s)")
    if operand is None or not unexpected:
        return None
    prefixes = {match.group(0) for key in unexpected if (match := _WRAPPER_KEY_PREFIX.match(key))}
    others = [key for key in unexpected if not _WRAPPER_KEY_PREFIX.match(key)]
    if len(prefixes) != 1 or any(key != "n_averaged" for key in others):
        return None
    prefix = prefixes.pop()
    return (
        f"{candidate.label} was saved to `{operand.made_from}`{_where(operand.made_at)} from a "
        f"wrapper: its keys carry `{prefix}`, the bare model's do not; save the wrapped "
        f"network's own state dict (`.{prefix.split('.')[0]}.state_dict()`)"
    )


def _nonscalar(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    count = _numel(tensor.shape) if tensor else None
    if count is not None and count > 1:
        candidate.add(
            3.5, f"{candidate.label} has {count} elements (shape {tensor.shape}), not one"
        )


def _tensor_it_was_made_from(operand: Operand, trace: Trace) -> Operand | None:
    """The tensor operand, read on the same line and frame, that `operand` was made from."""
    return next(
        (
            other
            for other in trace.operands
            if other.expression == operand.made_from
            and other.line == operand.line
            and other.user_depth == operand.user_depth
            and other.tensor is not None
        ),
        None,
    )


def _requires_grad(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    if tensor is not None and tensor.requires_grad:
        candidate.add(3.5, f"{candidate.label} requires grad")


def _leaf_requires_grad(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    if tensor is not None and tensor.requires_grad and tensor.is_leaf:
        candidate.add(3.5, f"{candidate.label} is a leaf that requires grad")


def _non_finite(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    tensor = candidate.tensor
    if tensor is not None and (tensor.nan_count or tensor.inf_count):
        candidate.add(3.0, f"{candidate.label} holds non-finite values ({tensor.summary()})")


def _module_candidate(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    if candidate.operand is not None and candidate.operand.kind == "module":
        candidate.add(
            2.0,
            f"{candidate.label} is {candidate.module.describe() if candidate.module else 'a module'}",
        )


# ---- rules for every category ----------------------------------------------------------

# Parameter names too common in messages to say which argument a message means.
_GENERIC_ROLE_WORDS = frozenset(
    {
        "input",
        "inputs",
        "self",
        "other",
        "x",
        "tensor",
        "tensors",
        "module",
        "target",
        "weight",
        "index",
        "indices",
        "value",
        "values",
        "dim",
        "args",
        "kwargs",
        "data",
        "size",
        "shape",
        "out",
        "result",
        "callable",
        "dataset",
        "text",
        "model",
        "batch",
    }
)
# `input2`, `batch2`, `mat1`, `argument #2`: a message counting the operands.
_POSITIONAL_NAME = re.compile(r"\b(?:input|batch|mat|tensor|argument\s*#?|arg)\s?([1-9])\b")


def _named_in_message(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """The message names the argument: `attn_mask`, `hidden[0]`, `input2`, `batch2`."""
    operand = candidate.operand
    if operand is None or not trace.message:
        return
    message = trace.message.lower()
    words = set(re.findall(r"[a-z_][a-z0-9_]*", message))
    for role in candidate.roles:
        word = role.lower()
        if word not in _GENERIC_ROLE_WORDS and word in words:
            candidate.add(4.0, f"the message names `{role}`, the argument {candidate.label} is")
            candidate.role = role
            candidate.named_by_message = True
            return
    slots = {int(found) for found in _POSITIONAL_NAME.findall(message)}
    if len(slots) == 1 and operand.slot in slots:
        candidate.add(
            4.0,
            f"the message names argument {operand.slot} of `{operand.callee}`: {candidate.label}",
        )


def _raised_in_worker(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """A DataLoader worker failed in the user's code: what its failing line names
    (`self.frames` indexed past its end, `tags` stacked), then the dataset, made at the
    line of its `__getitem__` (or the transform, collate_fn) that failed."""
    operand, failure = candidate.operand, trace.worker_failure
    if operand is None or failure is None:
        return
    if "worker-line" in operand.roles:
        candidate.made_at = operand.made_at or failure  # an index: where the worker made it
        # In a dataset's own method the dataset is named first, with this line as where;
        # in a function of its own (a collate_fn) the line is the most specific fact.
        at = "" if candidate.expression == failure.function else f" at {candidate.label}"
        candidate.add(
            4.0 if trace.worker_failure_owner else 10.0,
            f"a DataLoader worker failed{at} in `{failure.function}`{_where(failure)}",
        )
        return
    if WORKER_ARGUMENT in operand.roles:
        # Above the dataset (its worker finding 5, its role 1): the value its line passed,
        # which the call refused.
        candidate.made_at = operand.made_at or failure
        candidate.add(
            7.0,
            f"a DataLoader worker's `{failure.function}` passed {candidate.label} to "
            f"`{operand.made_from}`, which refused it{_where(failure)}",
        )
        return
    if "dataset" not in operand.roles:
        return
    candidate.made_at = failure
    if trace.worker_failure_owner:
        where = f"{candidate.label}'s `{trace.worker_failure_owner}.{failure.function}`"
    else:
        where = f"`{failure.function}`, which batches {candidate.label}'s samples"
    candidate.add(5.0, f"a DataLoader worker failed in {where}{_where(failure)}")


def _loader_cannot_collate(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """A worker failed inside torch's default collate: the loader batches these samples
    without a `collate_fn` that can (variable-length sequences need padding)."""
    operand = candidate.operand
    if operand is None or operand.type_name != "DataLoader":
        return
    if trace.worker_failure is not None or not failed_in_default_collate(trace.message):
        return
    if "NoneType" in trace.message or "equal size" in trace.message:
        # A sample that is None, samples whose sizes the message compares: the dataset's
        # story (it is named with the line that made them), not the loader's.
        return
    if _UNBATCHABLE_TYPE.search(trace.message):
        return  # samples of a type nothing batches: the dataset's story too (below)
    candidate.add(
        6.0,
        f"{candidate.label} batches its samples with torch's default collate, which failed "
        "in a worker: give it a `collate_fn` that can batch them (pad sequences)",
    )


# default_collate's words for a sample of a type it cannot batch.
_UNBATCHABLE_TYPE = re.compile(
    r"batch must contain tensors, (?:numpy arrays, )?numbers, dicts or lists; "
    r"found <class '(?P<type>[\w.]+)'>"
)


def _dataset_yields_unbatchable(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """Torch's default collate found samples of a type it cannot batch (`Frame`, a PIL
    image): the dataset the loader reads returns them unconverted (a missing transform such
    as `ToTensor`), whatever `collate_fn` the loader has."""
    operand = candidate.operand
    if operand is None or "dataset" not in operand.roles:
        return
    found = _UNBATCHABLE_TYPE.search(trace.message)
    if found is None or found["type"] == "NoneType":
        return
    in_collate = any(
        frame.file.replace("\\", "/").endswith("torch/utils/data/_utils/collate.py")
        for frame in trace.frames[-3:]
    )
    if not in_collate and not failed_in_default_collate(trace.message):
        return
    kind = found["type"].rsplit(".", 1)[-1]
    candidate.add(
        6.0,
        f"{candidate.label} returns samples holding `{kind}` objects, which torch's default "
        "collate cannot batch: convert them to tensors in its `__getitem__` (a transform)",
    )


# ---- shapes quoted in a message ---------------------------------------------------------

_SHAPE_IN_MESSAGE = re.compile(r"(?:torch\.Size\()?[\[(]\s*(\d+(?:\s*,\s*\d+)*)\s*,?\s*[\])]")
_ACTUAL_WORDS = ("got", "tensor sizes", "of size", "actual", "found", "received")
_EXPECTED_WORDS = ("expected", "should be", "target sizes", "to be", "normalized_shape", "must")


def _quoted_shapes(message: str) -> list[tuple[tuple[int, ...], bool]]:
    """(shape, said_to_be_actual) for each shape written in the message."""
    found: list[tuple[tuple[int, ...], bool]] = []
    previous_end = 0
    lowered = message.lower()
    for match in _SHAPE_IN_MESSAGE.finditer(message):
        before = lowered[max(previous_end, match.start() - 60) : match.start()]
        previous_end = match.end()
        actual_at = max((before.rfind(word) for word in _ACTUAL_WORDS), default=-1)
        expected_at = max((before.rfind(word) for word in _EXPECTED_WORDS), default=-1)
        if expected_at > actual_at:
            continue
        shape = tuple(int(part) for part in match.group(1).split(","))
        found.append((shape, actual_at >= 0))
    return found


def _quoted_shape(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    shapes: list[tuple[int, ...]] = []
    if candidate.tensor is not None and candidate.tensor.shape is not None:
        shapes.append(candidate.tensor.shape)
    if candidate.operand is not None:
        shapes.extend(item.shape for item in candidate.operand.element_tensors if item.shape)
    if not shapes:
        return
    for quoted, actual in _quoted_shapes(trace.message):
        if len(quoted) >= 2 and quoted in shapes:
            candidate.add(
                2.0 if actual else 0.5,
                f"{candidate.label} holds a tensor of shape {quoted}, the shape the message "
                "reports",
            )
            return


def _left_by_finished_loop(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """`labels` read in validation but last set by the training loop: a stale batch."""
    operand = candidate.operand
    if operand is None or not operand.left_by_loop or candidate.tensor is None:
        return
    candidate.add(
        6.0,
        f"{candidate.label} was last set by a loop that has finished{_where(operand.made_at)}: "
        "it still holds that loop's last batch",
    )


def _operand_named(expression: str | None, near: Operand, trace: Trace) -> Operand | None:
    """The operand written as `expression` on the same line and frame as `near`."""
    return next(
        (
            other
            for other in trace.operands
            if other.expression == expression
            and other.line == near.line
            and other.user_depth == near.user_depth
            and other is not near
        ),
        None,
    )


def _keys_text(operand: Operand | None) -> str:
    if operand is None or operand.keys is None:
        return ""
    shown = ", ".join(repr(key) for key in operand.keys) or "none"
    return f" (its keys: {shown})"


def _described_by_python_error(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    """Python's own error describes a value of the line that raised by the key it lacks
    (`KeyError: 'image'`), its type (`'NoneType' object has no attribute 'backward'`) or
    its emptiness (`optimizer got an empty parameter list`)."""
    operand = candidate.operand
    if operand is None or operand.literal or "missing-key" in operand.roles:
        return
    key = missing_key(trace.exception_type, trace.message)
    if operand.user_depth != 0:
        return
    if key is not None and operand.keys is not None and key not in operand.keys:
        candidate.add(5.0, f"{candidate.label} has no key {key!r}{_keys_text(operand)}")
    named = types_named(trace.message)
    if {"str", operand.type_name} <= named and operand.type_name in ("int", "float"):
        return  # a number compared with a str: the str is the number read as text
    if operand.type_name and operand.type_name in named:
        what = "None" if operand.kind == "none" else f"a {operand.type_name}"
        candidate.add(
            4.0,
            f"{candidate.label} is {what}{_where(operand.made_at)}, the value the message describes",
        )
    if says_empty(trace.message) and (operand.element_count == 0 or operand.keys == ()):
        candidate.add(4.0, f"{candidate.label} is empty{_where(operand.made_at)}")


_Rule = Callable[[_Candidate, _CaptureFacts, Trace], None]


# ---- findings one step behind the failing line ------------------------------------------
# root_sources.py adds an operand with a role for each value behind the failing line that a
# user may have written wrong (the setting that sized a tensor, the layer a model returns
# from, what `__getitem__` returns, ...). Each finding below reads one such operand and says
# why it is the culprit, or None when the facts do not support it; `_ROLE_FINDINGS` says
# which role it reads, in which categories, and how strongly it outranks the operands.

# Reads `candidate.operand`, which the table's rule guarantees is there.
_Finding = Callable[[_Candidate, _CaptureFacts, Trace], str | None]


@dataclass(frozen=True)
class _RoleFinding:
    role: str
    points: float
    says: _Finding
    # Categories or families (`shape`) it applies to; empty for every category.
    categories: frozenset[str] = frozenset()
    # The value at the failing call is what it made (`loss` of `criterion`): a fix there
    # edits that value, so it is the culprit's `passed_as`.
    passed_as_made: bool = False

    def applies_to(self, category: str) -> bool:
        family = category.split("/", 1)[0]
        return not self.categories or bool({category, family} & self.categories)


def _half_parameters_scaled(
    candidate: _Candidate, facts: _CaptureFacts, trace: Trace
) -> str | None:
    """GradScaler refusing FP16 gradients: the model was cast with `.half()`; mixed
    precision keeps float32 weights and casts inside `autocast`."""
    operand = candidate.operand
    weight = candidate.module.weight if candidate.module else None
    if weight is None or weight.dtype != "float16" or facts.found_dtype() != "float16":
        return None
    return (
        f"{candidate.label}'s parameters are float16 (cast with `.half()`), and "
        f"`{operand.made_from}` updates them: keep the model float32 and run the forward "
        "under `torch.autocast`"
    )


def _setting_sized_it(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """The setting read where the failing tensor was made, when its value is the size
    that does not fit: `cfg["window"]` = 5 under a kernel of 7, `cfg.max_len` = 10**6
    squared into an allocation."""
    operand = candidate.operand
    value = operand.int_value
    made = next(
        (
            other
            for other in trace.operands
            if other.expression == operand.made_from
            and other.user_depth == operand.user_depth
            and other.tensor is not None
            and other.tensor.shape
        ),
        None,
    )
    if value is None or made is None or value not in made.tensor.shape or value <= 1:
        return None
    if is_memory := "alloc" in (trace.message or "").lower():
        fits = value >= _HUGE_SIZE
    else:
        fits = str(value) in re.findall(r"\d+", trace.message)
    if not fits:
        return None
    what = "is far too large" if is_memory else "is the size the message rejects"
    return (
        f"{candidate.label} is {value} and made `{made.expression}` {made.tensor.shape}"
        f"{_where(operand.made_at)}: {what}"
    )


def _setting_sized_model(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """A checkpoint of another size: the setting the model was built from (`args.hidden`)
    gives sizes of the current model that the checkpoint does not have."""
    operand = candidate.operand
    value = operand.int_value
    saved: set[int] = set()
    current: set[int] = set()
    for found in _CHECKPOINT_SHAPES.finditer(trace.message):
        saved.update(int(part) for part in re.findall(r"\d+", found[1]))
        current.update(int(part) for part in re.findall(r"\d+", found[2]))
    if value is None or value <= 1 or value not in current or value in saved:
        return None
    others = sorted(saved - current)
    return (
        f"{candidate.label} is {value} and built `{operand.made_from}`{_where(operand.made_at)}; "
        f"the checkpoint was saved with other sizes ({', '.join(map(str, others[:3]))})"
    )


_RESHAPE_CALL = re.compile(r"\.(?:view|reshape|expand|repeat|unflatten)\(|torch\.reshape\(")


def _setting_in_reshape(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """`x = x.view(args.batch_size, -1)` a line or a function before the failing call:
    a size taken from a setting instead of from the tensor (`x.size(0)`, -1) fits the
    full batches only; the message names the size it made."""
    operand = candidate.operand
    value = operand.int_value
    if value is None or value <= 1 or str(value) not in re.findall(r"\d+", trace.message):
        return None
    for made in trace.operands:
        if (
            made.expression != operand.made_from
            or made.user_depth != operand.user_depth
            or made.tensor is None
            or not made.tensor.shape
            or value not in made.tensor.shape
        ):
            continue
        code = _code_of(made.made_at).split("#", 1)[0]
        if _RESHAPE_CALL.search(code) and operand.expression in code:
            return (
                f"{candidate.label} is {value} and sizes `{made.expression}` {made.tensor.shape}"
                f"{_where(made.made_at)}: a size from a setting fits full batches only; "
                "take it from the tensor (`.size(0)`, -1)"
            )
    return None


# The arguments a layer is built with that say what its input must hold.
_INPUT_SIZE_ARGUMENTS = (
    "in_features",
    "in1_features",
    "in_channels",
    "num_features",
    "normalized_shape",
    "input_size",
    "embed_dim",
)


def _setting_sized_layer(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """`Encoder(args.in_channels)`, `build_mlp(cfg["in_dim"])`: the setting the model was
    built from sized the layer that rejects its input (its value is the size the message
    names, and the input has no dim of it): the setting does not match the data.

    An input that holds the size in another layout (`(B, 1, 28, 28)` into 784 features) is
    the input's story."""
    operand = candidate.operand
    value, owner = operand.int_value, operand.made_from
    if value is None or value <= 1 or not owner:
        return None
    if str(value) not in re.findall(r"\d+", trace.message):
        return None
    failing = max(trace.modules, key=lambda item: item.stack_index, default=None)
    if failing is None or not failing.path or failing.input is None or not failing.input.shape:
        return None
    if failing.path != owner and not failing.path.startswith(f"{owner}."):
        return None
    shape = failing.input.shape
    if value in shape or value == _numel(shape[1:]):
        return None
    for argument in _INPUT_SIZE_ARGUMENTS:
        configured = failing.config_value(argument)
        if configured is not None and str(value) in re.findall(r"\d+", configured):
            shown = failing.input_expression or "its input"
            return (
                f"{candidate.label} is {value} and built `{owner}`{_where(operand.made_at)}, so "
                f"`{failing.path}` ({failing.type_name}, {argument}={configured}) rejects "
                f"`{shown}` of shape {shape}: the setting does not match the data"
            )
    return None


def _module_tensor_stray(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """The tensor the user handed to a module (`weight=class_weights`) whose device or
    dtype is not that of the tensors the module is called with."""
    operand, tensor = candidate.operand, candidate.tensor
    if tensor is None:
        return None
    inputs = [
        other
        for other in trace.operands
        if other.tensor is not None
        and other.line == operand.line
        and other.user_depth == operand.user_depth
        and other.callee == operand.callee
        and "module-tensor" not in other.roles
    ]
    held = f"{candidate.label}, the `{operand.roles[-1]}` of `{operand.made_from}`,"
    for other in inputs:
        if tensor.device and other.tensor.device and tensor.device != other.tensor.device:
            return (
                f"{held} is on {tensor.device} while `{other.expression}` is on "
                f"{other.tensor.device}: build it on that device (a loss module's tensors "
                "move only with `.to()` on the module)"
            )
        if (
            tensor.dtype in facts.dtypes
            and tensor.dtype in FLOAT_DTYPES
            and other.tensor.dtype in FLOAT_DTYPES
            and tensor.dtype != other.tensor.dtype
        ):
            return (
                f"{held} is {tensor.dtype} while `{other.expression}` is {other.tensor.dtype}"
                f"{_where(operand.made_at)}: make it {other.tensor.dtype}"
            )
    return None


def _batch_read_as_sequence(
    candidate: _Candidate, facts: _CaptureFacts, trace: Trace
) -> str | None:
    """An LSTM/GRU without `batch_first=True` fed (batch, seq, feature): it reads the
    sequence length as the batch, so the model returns that many rows."""
    module = candidate.module
    if module is None or module.config_value("batch_first") == "True" or module.input is None:
        return None
    shape = module.input.shape
    input_batch, target_batch = facts.number("input_batch"), facts.number("target_batch")
    if not shape or len(shape) != 3 or input_batch is None or target_batch is None:
        return None
    if shape[1] != input_batch or shape[0] != target_batch or input_batch == target_batch:
        return None
    return (
        f"{module.describe()} has batch_first=False, so it reads the model's input "
        f"{shape} as (seq, batch, feature): {shape[1]} is taken for the batch instead of "
        f"{shape[0]}; build it with batch_first=True"
    )


_SEQUENCE_FIRST_LAYERS = frozenset(
    {
        "MultiheadAttention",
        "Transformer",
        "TransformerEncoder",
        "TransformerDecoder",
        "TransformerEncoderLayer",
        "TransformerDecoderLayer",
    }
)


def _attention_reads_batch_as_sequence(
    candidate: _Candidate, facts: _CaptureFacts, trace: Trace
) -> None:
    """`nn.MultiheadAttention` (or a Transformer layer) without `batch_first=True` fed
    (batch, seq, embed) with a padding mask of (batch, seq): it takes the sequence length
    for the batch, and the mask, batch first as the data is, no longer fits."""
    module, operand = candidate.module, candidate.operand
    if module is None or operand is None or operand.kind != "module":
        return
    if (
        module.type_name not in _SEQUENCE_FIRST_LAYERS
        or module.config_value("batch_first") == "True"
    ):
        return
    numbers = set(re.findall(r"\d+", trace.message))
    tensors = [
        other.tensor
        for other in trace.operands
        if other.line == operand.line and other.user_depth == operand.user_depth and other.tensor
    ]
    data = [t.shape for t in tensors if t.shape and len(t.shape) == 3]
    masks = [t.shape for t in tensors if t.shape and len(t.shape) == 2]
    if len({shape[0] for shape in data}) != 1:
        # A query and keys of other lengths that share dim 1 (`(1, B, E)` against
        # `(S, B, E)`) are laid out sequence first, as the layer reads them.
        return
    for shape in data:
        batch, length = shape[0], shape[1]
        fits = any(mask == (batch, length) for mask in masks)
        if fits and batch != length and {str(batch), str(length)} <= numbers:
            # Above the mask and the data, whose sizes the message quotes (their roles and
            # quoted-size facts): both are right, the layer reads them otherwise.
            candidate.add(
                8.0,
                f"{module.describe()} has batch_first=False, so it reads {shape} as (seq, "
                f"batch, embed): {length} is taken for the batch, and the (batch, seq) padding "
                f"mask of {batch} rows no longer fits; build it with batch_first=True",
            )
            return


def _tokenizer_config(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    operand = candidate.operand
    if not operand.type_name or "tokenizer" not in operand.type_name.lower():
        return None
    return (
        f"{candidate.label} ({operand.type_name}) is the tokenizer whose padding and "
        "truncation settings decide this batch"
    )


def _output_layer_too_small(
    candidate: _Candidate, facts: _CaptureFacts, trace: Trace
) -> str | None:
    """Targets 0..K against logits of fewer than K+1 classes: with labels counted from
    0, the layer the model returns from was built with too few outputs."""
    operand = candidate.operand
    module = candidate.module
    outputs = module.config_value("out_features") if module else None
    if outputs is None:
        return None
    classes = int(outputs)
    for target in trace.operands:
        tensor = target.tensor
        if (
            tensor is None
            or tensor.min is None
            or tensor.max is None
            or target.line != operand.line
            or target.user_depth != operand.user_depth
            or not _role_matches("target", target.roles)
        ):
            continue
        # A label far beyond the layer (255 for "ignore") is the labels' story; this one
        # outranks the targets' own "holds the index" fact: they are consistent.
        if tensor.min == 0 and classes <= tensor.max <= 2 * classes:
            return (
                f"{module.describe()} gives {classes} class score(s), but targets "
                f"`{target.expression}` count classes 0..{tensor.max:g}: the layer the model "
                f"returns from is too small{_where(operand.made_at)}"
            )
    return None


def _raw_scores_into_probabilities(
    candidate: _Candidate, facts: _CaptureFacts, trace: Trace
) -> str | None:
    """A model that ends with a Linear (no sigmoid/softmax) feeding a loss that wants
    probabilities: the last layer's raw scores are the values out of range."""
    operand = candidate.operand
    module = candidate.module
    if module is None or module.type_name not in ("Linear", "LazyLinear", "Bilinear"):
        return None
    made = _tensor_it_was_made_from(operand, trace)
    if made is None or (made.tensor is not None and made.tensor.nan_count):
        return None  # NaN values are another story (the non-finite rule tells it)
    # The message says some values are outside [0, 1]; a Linear's raw scores are.
    return (
        f"{module.describe()} is the model's last layer, so `{made.expression}` holds raw "
        "scores, not probabilities: add a sigmoid or use a with-logits loss"
    )


def _keeps_last_batch(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    operand = candidate.operand
    assert operand is not None
    return (
        f"{candidate.label} keeps a last, partial batch (`drop_last=False`): here it held "
        f"one sample (`{operand.made_from}`), which batch norm cannot normalise in training "
        "mode; pass `drop_last=True` (or change `batch_size`)"
    )


def _unreduced_loss(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    operand = candidate.operand
    assert operand is not None
    made = f" (`{operand.made_from}`)" if operand.made_from else ""
    return (
        f'{candidate.label} was built with `reduction="none"`{_where(operand.made_at)}: it '
        f"returns one loss per element{made}, not one number; reduce it (`.mean()`) or "
        "build it with the default reduction"
    )


def _resized_layer(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    operand = candidate.operand
    assert operand is not None
    return (
        f"{candidate.label} holds weights of other sizes than the checkpoint's `{operand.made_from}`"
        f"{_where(operand.made_at)}: the model was built for another task or setting than "
        "the one saved"
    )


def _model_never_moved(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """`logits = model(x)` on the CPU next to tensors on the accelerator: the model's
    output sits where its parameters are, so the model is what was never moved (the data
    was, else it would sit with the output)."""
    operand, module = candidate.operand, candidate.module
    assert operand is not None
    weight = module.weight.device if module and module.weight else None
    output = next(
        (
            other
            for other in trace.operands
            if other.expression == operand.made_from and other.tensor is not None
        ),
        None,
    )
    # Never moved means still on the CPU, where modules are built; a model on the
    # accelerator was moved, and the data next to its output is what was not.
    if weight != "cpu" or output is None or output.tensor.device != weight:
        return None
    others = {
        other.tensor.device
        for other in trace.operands
        if other.tensor is not None
        and other.tensor.device
        and other.line == output.line
        and other.user_depth == output.user_depth
        and other.tensor.device != weight
    }
    if len(others) != 1:
        return None
    return (
        f"{candidate.label} is on {weight}, so its output `{output.expression}` is too, while "
        f"the data is on {others.pop()}: the model was never moved (`.to(device)`)"
    )


def _module_class_called(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    operand = candidate.operand
    assert operand is not None
    return (
        f"{candidate.label} holds the class `{operand.made_from}`, not an instance"
        f"{_where(operand.made_at)}: calling it with tensors builds a new `{operand.made_from}` "
        f"with them as its settings; instantiate it first (`{operand.made_from}()`)"
    )


def _double_in_samples(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    operand = candidate.operand
    assert operand is not None
    return (
        f"{candidate.label} is float64{_where(operand.made_at)}, and the dataset's "
        f"`__getitem__` mixes it into every sample, so `{operand.made_from}` arrives as "
        "float64: make it float32 (`.float()`) where it is built"
    )


def _dtype_chosen_in_helper(
    candidate: _Candidate, facts: _CaptureFacts, trace: Trace
) -> str | None:
    """The one call in the user's helper that chose the dtype its returned tensor strays with
    (`dtype_sources`): the helper's value carries it to the failing call."""
    operand = candidate.operand
    assert operand is not None
    returned = _operand_named(operand.made_from, operand, trace)
    if returned is None or returned.tensor is None or returned.tensor.dtype not in facts.dtypes:
        return None
    return (
        f"{candidate.label} makes the value {returned.tensor.dtype}{_where(operand.made_at)}, "
        f"and `{operand.made_from}` returns it as {returned.tensor.dtype} to the failing call: "
        "choose float32 there (or convert the result)"
    )


def _lookup_key_and_default(expression: str) -> tuple[str, str] | None:
    """`("n_classes", "2")` for `cfg.get("n_classes", 2)`, read from the expression's syntax."""
    try:
        call = ast.parse(expression, mode="eval").body
    except SyntaxError:
        return None
    if not (isinstance(call, ast.Call) and len(call.args) == 2):
        return None
    key = call.args[0]
    if not (isinstance(key, ast.Constant) and type(key.value) is str):
        return None
    return key.value, ast.unparse(call.args[1])


def _setting_fell_back(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """`cfg.get("n_classes", 2)` read a key the config does not have (`root_sources.
    _defaulted_setting` checked the config the builder was given): the default sized the
    layer. A near key the config does have is the likely intended one."""
    operand = candidate.operand
    assert operand is not None
    lookup = _lookup_key_and_default(operand.expression)
    if lookup is None:
        return None
    key, default = lookup
    near = difflib.get_close_matches(key, list(operand.keys or ()), n=1, cutoff=0.6)
    hint = f"; it has `{near[0]}`" if near else ""
    return (
        f"{candidate.label} fell back to its default {default}{_where(operand.made_at)}: the "
        f"config has no key `{key}`{hint}, so `{operand.made_from}` was built with {default}"
    )


def _loaded_without_assign(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """`provenance.meta_init`: the load that left a meta-built model's parameters on meta."""
    operand = candidate.operand
    assert operand is not None
    return (
        f"{candidate.label}{_where(operand.made_at)} copies the weights into `{operand.made_from}`"
        ", whose parameters were made on the meta device: without `assign=True` they stay "
        "there, holding no data (pass `assign=True`, or build the model on a real device)"
    )


def _kept_unregistered(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """`provenance.unregistered`: the plain container that hides a layer from its module."""
    operand = candidate.operand
    assert operand is not None
    kind = "nn.ModuleDict" if IN_DICT in operand.roles else "nn.ModuleList"
    return (
        f"{candidate.label}{_where(operand.made_at)} is a plain Python container holding "
        f"`{operand.made_from}`: the module never registers its layers, so `.to()`, `.half()`, "
        f"`.parameters()` and `state_dict()` pass them by (make it an `{kind}`)"
    )


def _helper_returns_many(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """The user's function that returned the many-element tensor: reduce it there."""
    operand = candidate.operand
    made = _tensor_it_was_made_from(operand, trace)
    count = _numel(made.tensor.shape) if made is not None else None
    if made is None or count is None or count <= 1:
        return None
    return (
        f"{candidate.label} returns `{made.expression}` with {count} elements (shape "
        f"{made.tensor.shape}){_where(operand.made_at)}: reduce it (`.mean()`) to one value"
    )


def _cannot_be_pickled(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """The attribute holding what pickle refused, so that workers could not start."""
    operand = candidate.operand
    return (
        f"{candidate.label} holds a {operand.made_from or 'value'}, which cannot be pickled "
        f"to send to DataLoader workers started with spawn{_where(operand.made_at)}"
    )


def _bad_sample(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """What the dataset's `__getitem__` returns that collate cannot batch."""
    operand = candidate.operand
    returned = (
        "None" if operand.made_from == "None" else f"{candidate.label} (a {operand.made_from})"
    )
    return (
        f"the dataset's `__getitem__` returns {returned}{_where(operand.made_at)}, which the "
        "default collate cannot batch"
    )


def _hides_method(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """An attribute that hides a method of its class (`self.train = data`)."""
    operand = candidate.operand
    kind = operand.type_name or "value"
    return (
        f"{candidate.label} (a {kind}){_where(operand.made_at)} hides the method "
        f"`{operand.made_from}`, so the call reaches the {kind}: rename the attribute"
    )


def _misspelt_forward(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """The misspelt `def foward` of a module that has no forward."""
    operand = candidate.operand
    return (
        f"`{operand.made_from}` defines `{operand.expression}`{_where(operand.made_at)} "
        "but no `forward`: rename it to `forward`"
    )


def _needs_process_group(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    return (
        f"{candidate.label} needs a process group: call `torch.distributed.init_process_group` "
        "(in every process) before it"
    )


def _stopped_compile(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """torch.compile could not trace a line of the user's forward: what that line turns on
    (a Python number read from a tensor, `scale = x.max().item()`), where it was made."""
    failure = trace.compiled_failure
    if failure is None or candidate.operand is None:
        return None
    if not failure.function:  # TorchScript quotes no function: it marks the expression
        return (
            f"TorchScript refused {candidate.label}{_where(failure)}; it was made"
            f"{_where(candidate.operand.made_at)}"
        )
    return (
        f"torch.compile stopped tracing `{failure.function}` at {candidate.label}"
        f"{_where(failure)}; it was made{_where(candidate.operand.made_at)}"
    )


def _string_iterated(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """A string looped over where a list of numbers was meant (`for h in hidden:` with
    `hidden = "256 128"`): the loop hands out its characters."""
    operand = candidate.operand
    if operand is None or operand.made_from is None:
        return None
    return (
        f"{candidate.label} is a string, so the loop hands `{operand.made_from}` its characters "
        "one by one: make it a list (argparse: `type=int, nargs='+'` with a list default)"
    )


def _batch_second(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """The model was given a tensor whose second dim is the target's batch size and whose
    first is the size the output wrongly has: a (seq, batch) layout where the model reads
    (batch, seq) (`pad_sequence` without `batch_first=True`, an RNN's default)."""
    tensor = candidate.tensor
    sizes = BATCH_SIZES_DIFFER.search(trace.message)
    if sizes is None or tensor is None or not tensor.shape or len(tensor.shape) < 2:
        return None
    read_as_batch, batch = int(sizes[1]), int(sizes[2])
    if read_as_batch == batch or tensor.shape[:2] != (read_as_batch, batch):
        return None
    return (
        f"{candidate.label} {tensor.shape} holds the {batch} samples in its second dim, so "
        f"`{candidate.operand.made_from}` was computed over {read_as_batch} rows: it is laid "
        "out (seq, batch); make it (batch, seq) (`batch_first=True`, or `.transpose(0, 1)`)"
    )


def _global_rebound(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """A global the failing function reads was bound again later in the module (a notebook
    cell run after the function was written) to something another maker made."""
    operand = candidate.operand
    if operand is None or operand.made_from is None:
        return None
    return (
        f"{candidate.label} was bound again{_where(operand.made_at)}, after the code that "
        f"reads it was written for `{operand.made_from}`: it runs with the later binding"
    )


def _batches_dtype_source(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """The tensor a TensorDataset batches: each batch has its dtype, so the dtype was
    chosen where it was made."""
    operand, tensor = candidate.operand, candidate.tensor
    if operand is None or tensor is None or tensor.dtype not in facts.dtypes:
        return None
    if candidate.role is None:
        return None  # the source of a batch the reading is not about (the inputs, not the labels)
    batch = _operand_named(operand.made_from, operand, trace)
    if batch is None or batch.tensor is None or batch.tensor.dtype != tensor.dtype:
        return None  # converted on the way: the batch's own story
    if "selection-source" in operand.roles:
        return (
            f"{candidate.label} ({tensor.dtype}) is what `{operand.made_from}` is indexed out "
            f"of{_where(operand.made_at)}: every selection gets its dtype"
        )
    return (
        f"{candidate.label} ({tensor.dtype}) is what the DataLoader batches `{operand.made_from}` "
        f"from{_where(operand.made_at)}: every batch gets its dtype"
    )


def _compiled_op_failed(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """torch.compile ran the user's forward on fake tensors and marks the call of one of its
    layers as where the op failed: that layer, built where its sizes were chosen."""
    failure = trace.compiled_failure
    if failure is None or candidate.operand is None:
        return None
    held = {operand.tensor.shape for operand in trace.operands if operand.tensor is not None}
    if any(len(quoted) >= 2 and quoted in held for quoted, _ in _quoted_shapes(trace.message)):
        return None  # the message reports a tensor the user holds: that one is the story
    return (
        f"torch.compile ran `{failure.function}` on fake tensors and its op failed in "
        f"{candidate.label}{_where(failure)}; it was built{_where(candidate.operand.made_at)}"
    )


def _helper_returns_none(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """The user's function whose None the failing line used (`loss = compute_loss(...)`
    with no `return`): made at its `return None`, else its `def`."""
    operand = candidate.operand
    made = _operand_named(operand.made_from, operand, trace) if operand else None
    if operand is None or made is None or made.kind != "none":
        return None
    return (
        f"{candidate.label} returns None{_where(operand.made_at)}, and `{made.expression}` "
        "holds what it returned: return the value it computes"
    )


def _lookup_without_key(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """`batch["image"]` on the line that raised `KeyError: 'image'` (in a worker too):
    the lookup, with the keys its container has."""
    operand = candidate.operand
    if operand is None:
        return None
    text = operand.expression
    key = text[text.rfind("[") + 1 : -1].strip("'\"") if text.endswith("]") else None
    container = _operand_named(operand.made_from, operand, trace)
    if container is not None and container.made_at is not None:
        candidate.made_at = container.made_at
    return f"`{operand.made_from}` has no key {key!r}{_keys_text(container)}"


def _unused_by_loss(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """DDP's parameters that received no gradient: the submodule that owns them."""
    operand = candidate.operand
    wrapper = operand.made_from if operand else None
    return (
        f"{candidate.label}{_where(candidate.operand.made_at if operand else None)} holds the "
        f"parameters {wrapper} reports as receiving no gradient: the loss never uses it "
        "(use it, remove it, or pass `find_unused_parameters=True`)"
    )


def _length_beyond_data(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """The dataset's `__len__` promises more samples than `__getitem__` can index."""
    operand = candidate.operand
    if operand is None:
        return None
    counted = "" if candidate.expression == "__len__" else f" {candidate.label},"
    return (
        f"the dataset's `__len__` returns{counted} more than `{operand.made_from}` holds"
        f"{_where(operand.made_at)}, so the sampler asks `__getitem__` for an index past its end"
    )


def _unequal_sample(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """What `__getitem__` makes with a size that varies, which collate cannot stack."""
    operand = candidate.operand
    if operand is None:
        return None
    return (
        f"`{operand.made_from}.__getitem__` makes {candidate.label}{_where(operand.made_at)} "
        "with a size that varies from sample to sample, so the default collate cannot stack "
        "them: give every sample one size there (resize, crop, pad) or batch with a collate_fn"
    )


def _refused_by_unpickler(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """The user's object of the class `torch.load(weights_only=True)` refused."""
    operand = candidate.operand
    if operand is None:
        return None
    if operand.kind == "unknown":  # not assigned yet: the failing load was to make it
        return (
            f"{candidate.label} is being loaded from a checkpoint that pickled a whole "
            f"`{operand.made_from}`, which `torch.load` (weights_only=True) refuses: save "
            "its `state_dict()` and load that into a new instance, or pass weights_only=False "
            "for a file you trust"
        )
    return (
        f"{candidate.label} is a `{operand.made_from}`, the class the checkpoint pickled and "
        "`torch.load` (weights_only=True) refuses: save it as plain values (`asdict(...)`) "
        "or allow the class with `torch.serialization.add_safe_globals`"
    )


def _empty_data(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> str | None:
    """The empty list an empty dataset holds, where its class filled it."""
    operand = candidate.operand
    if operand is None:
        return None
    return (
        f"{candidate.label} of `{operand.made_from}` is empty{_where(operand.made_at)}: the "
        "dataset has no samples (check the path, pattern or filter that filled it)"
    )


# Points above ~6 outrank what the operands of the failing line score on their own facts
# (a role, a dtype, a size): the finding explains those facts.
_ROLE_FINDINGS: tuple[_RoleFinding, ...] = (
    _RoleFinding(
        "optimized-model", 7.0, _half_parameters_scaled, frozenset({"dtype/autocast-mismatch"})
    ),
    _RoleFinding("setting", 8.0, _setting_sized_it, frozenset({"shape/input-too-small", "memory"})),
    _RoleFinding("setting", 8.0, _setting_sized_model, frozenset({"checkpoint/size-mismatch"})),
    # Below the setting that sized it, above the checkpoint the message names.
    _RoleFinding("resized-layer", 5.0, _resized_layer, frozenset({"checkpoint/size-mismatch"})),
    _RoleFinding("setting", 13.0, _setting_in_reshape, frozenset({"shape"})),
    # Outranks the input's own facts (its role, the layer's complaint, its quoted shape).
    _RoleFinding("setting", 13.0, _setting_sized_layer, frozenset({"shape"})),
    _RoleFinding(
        "recurrent", 10.0, _batch_read_as_sequence, frozenset({"shape/batch-size-mismatch"})
    ),
    _RoleFinding("callable", 3.0, _tokenizer_config, frozenset({"hf/tokenizer-padding"})),
    _RoleFinding(
        "output-layer", 10.0, _output_layer_too_small, frozenset({"index/class-out-of-range"})
    ),
    _RoleFinding("freezer", 8.0, _froze_everything, frozenset({"optim/state-mismatch"})),
    # Above the tensor it reached the failing call as (its no-grad-fn and input facts).
    _RoleFinding("inference-made", 9.0, _made_in_inference_mode, frozenset({"autograd"})),
    # Above the ids' own facts (index role, index-like, "beyond the size": 11 in all).
    _RoleFinding("buffer-size", 12.0, _buffer_sized_short, frozenset({"index"})),
    _RoleFinding(
        "output-layer", 8.0, _raw_scores_into_probabilities, frozenset({"value/loss-input-range"})
    ),
    _RoleFinding("helper", 7.0, _helper_returns_many, frozenset({"autograd/nonscalar-backward"})),
    _RoleFinding(
        "unreduced-loss",
        8.0,
        _unreduced_loss,
        frozenset(
            {"autograd/nonscalar-backward", "value/multi-element-scalar", "value/ambiguous-bool"}
        ),
        passed_as_made=True,
    ),
    _RoleFinding("module-tensor", 7.0, _module_tensor_stray, frozenset({"dtype", "device"})),
    # Outranks the batch it promoted (its dtype 4, its input role 3, the message's dtype 1.5).
    _RoleFinding("double-source", 11.0, _double_in_samples, frozenset({"dtype"})),
    # Above the helper call's own facts (its dtype against the weights 4, the message's dtype
    # 2.5, its input role 3, up to 11 in all): the call only returns the chosen dtype.
    _RoleFinding("dtype-chosen", 12.0, _dtype_chosen_in_helper, frozenset({"dtype"})),
    # Above the targets' own facts (their role and "holds the index", 9): the default explains them.
    _RoleFinding("defaulted-setting", 12.0, _setting_fell_back, frozenset({"index", "shape"})),
    # Above the data next to the output ("never moved", 5): the model's device made the output's.
    _RoleFinding("made-output", 7.0, _model_never_moved, frozenset({"device/tensor-mismatch"})),
    _RoleFinding(
        "last-batch-loader", 9.0, _keeps_last_batch, frozenset({"shape/batchnorm-single-sample"})
    ),
    # Above the layer the container holds and its input (the input's dtype or device against
    # the layer's weights, its role, the message's words: up to 11), and above the model that
    # was converted around it (9): the container is why the two disagree.
    _RoleFinding("unregistered", 12.0, _kept_unregistered, frozenset({"device", "dtype"})),
    _RoleFinding("unpicklable", 8.0, _cannot_be_pickled),
    _RoleFinding("bad-sample", 8.0, _bad_sample),
    _RoleFinding("shadows-method", 8.0, _hides_method),
    _RoleFinding("module-class-called", 9.0, _module_class_called),
    _RoleFinding("misspelt-forward", 8.0, _misspelt_forward),
    _RoleFinding("needs-process-group", 6.0, _needs_process_group),
    _RoleFinding("compiled-line", 6.0, _stopped_compile),
    _RoleFinding("iterated-string", 8.0, _string_iterated),
    # Above the batch's own role and dtype facts: the batch only carries the source's dtype.
    _RoleFinding(
        "batch-source", 9.0, _batches_dtype_source, frozenset({"dtype"}), passed_as_made=True
    ),
    _RoleFinding(
        "selection-source",
        9.0,
        _batches_dtype_source,
        frozenset({"dtype"}),
        passed_as_made=True,
    ),
    # Above a target's shape or dtype (the later binding is why they no longer fit).
    _RoleFinding("rebound-global", 8.0, _global_rebound),
    _RoleFinding("model-input", 8.0, _batch_second, frozenset({"shape/batch-size-mismatch"})),
    _RoleFinding(
        "saved-checkpoint", 7.0, _saved_from_wrapper, frozenset({"checkpoint/key-mismatch"})
    ),
    # A compiled line's call or first value: only what a compile reading is about.
    _RoleFinding("compiled-call", 6.0, _stopped_compile, frozenset({"compile"})),
    # An op's own error raised while compiling (not a graph break): the layer whose call failed.
    _RoleFinding(
        "compiled-op", 6.0, _compiled_op_failed, frozenset({"shape", "dtype", "device", "index"})
    ),
    _RoleFinding("helper", 7.0, _helper_returns_none),
    _RoleFinding("missing-key", 7.0, _lookup_without_key),
    # Above the module moved on the failing line (an operand's own facts): the load left it on meta.
    _RoleFinding("meta-load", 10.0, _loaded_without_assign),
    _RoleFinding("unused-parameters", 8.0, _unused_by_loss),
    _RoleFinding("length-beyond-data", 8.0, _length_beyond_data),
    _RoleFinding("unequal-sample", 8.0, _unequal_sample),
    _RoleFinding("refused-by-unpickler", 8.0, _refused_by_unpickler),
    _RoleFinding("empty-data", 8.0, _empty_data),
)


def _role_findings(category: str) -> list[_Rule]:
    """The findings of `_ROLE_FINDINGS` for one category, as ranking rules: a finding
    that holds names where its value was made as the culprit's `made at`."""
    findings = [finding for finding in _ROLE_FINDINGS if finding.applies_to(category)]

    def rule(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
        operand = candidate.operand
        if operand is None:
            return
        for finding in findings:
            if finding.role not in operand.roles:
                continue
            sentence = finding.says(candidate, facts, trace)
            if sentence:
                candidate.made_at = operand.made_at or candidate.made_at
                candidate.add(finding.points, sentence)
                if finding.passed_as_made and operand.made_from:
                    candidate.alias = operand.made_from

    return [rule] if findings else []


_RULES: dict[str, list[_Rule]] = {
    "dtype/target-not-long": [_target_not_long],
    "dtype/target-not-float": [_target_not_float],
    "dtype/input-weight-mismatch": [_input_weight_mismatch, _converted_model],
    "dtype/index-not-integer": [_index_not_integer],
    "dtype/autocast-mismatch": [_input_weight_mismatch],
    "backend/op-not-implemented": [_input_weight_mismatch],
    "dtype/integer-requires-grad": [_integer_requires_grad],
    "dtype/mask-not-bool": [_mask_not_bool],
    "shape/matmul-mismatch": [_matmul_mismatch, _flatten_missing_in_container],
    "shape/conv-channels": [_conv_channels],
    "shape/missing-batch-dim": [_rank_mismatch],
    "shape/broadcast-mismatch": [_sizes_in_shape],
    "shape/invalid-view": [_invalid_view, _batch_size_setting, _view_size_setting],
    "shape/target-shape": [_target_shape, _class_dim_last],
    "shape/batch-size-mismatch": [_target_shape, _sizes_in_shape, _batch_folded],
    "shape/collate-unequal": [_unequal_elements],
    "shape/concat-mismatch": [_unequal_elements, _input_not_divisible],
    "shape/input-too-small": [_input_too_small],
    "shape/batchnorm-single-sample": [_batchnorm_single],
    "device/tensor-mismatch": [_device_mismatch],
    "device/cuda-unavailable": [_device_setting],
    "index/class-out-of-range": [_index_out_of_range],
    "index/embedding-out-of-range": [_index_out_of_range, _table_too_small],
    "index/out-of-bounds": [_index_out_of_range],
    "cuda/device-side-assert": [_index_out_of_range],
    "autograd/no-grad-fn": [_no_grad_fn, _graph_cut],
    "autograd/backward-twice": [_carries_freed_graph],
    "autograd/inplace-modified": [_modified_in_place],
    "autograd/nonscalar-backward": [_nonscalar],
    "checkpoint/key-mismatch": [_receiver_is_wrapped],
    "checkpoint/size-mismatch": [_partial_load_of_other_sizes],
    "autograd/numpy-requires-grad": [_requires_grad],
    "autograd/leaf-inplace": [_leaf_requires_grad],
    "value/multi-element-scalar": [_nonscalar],
    "value/ambiguous-bool": [_nonscalar],
    "value/loss-input-range": [_non_finite],
    "module/forward-misuse": [_module_candidate],
    "hf/sequence-too-long": [_sequence_too_long, _sizes_in_shape],
}
# Rules that apply to a whole family on top of the specific ones.
_FAMILY_RULES: dict[str, list[_Rule]] = {
    "dtype": [_dtype_found],
    "shape": [
        _quoted_shape,
        _left_by_finished_loop,
        _unbatched_model_input,
        _batch_sized_state,
        _attention_reads_batch_as_sequence,
    ],
}
# Rules for every category.
_GENERAL_RULES: list[_Rule] = [
    _described_by_python_error,
    _named_in_message,
    _raised_in_worker,
    _loader_cannot_collate,
    _dataset_yields_unbatchable,
]


# ---- what a reading without a role is about ----------------------------------------------
# A role says which argument a reading means; without one, the message's own quote of a
# value the user made, or (for a checkpoint) the file the user handed to the loading call,
# is what the user should change (`subject.py`).


def _quoted_by_message(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    operand = candidate.operand
    if operand is None:
        return
    value = quoted_value(operand, trace.message)
    if value is not None:
        candidate.add(
            5.0,
            f"{candidate.label} is {value!r}{_where(operand.made_at)}, the value the message quotes",
        )


def _file_being_loaded(candidate: _Candidate, facts: _CaptureFacts, trace: Trace) -> None:
    operand = candidate.operand
    if operand is None:
        return
    for loaded in trace.operands:
        if not is_loaded_file(loaded) or passed_from(loaded, trace) is not operand:
            continue
        if loaded is not operand:
            candidate.alias = loaded.expression
        candidate.add(
            4.0,
            f"{candidate.label} is the file `{loaded.callee}` could not load"
            f"{_where(operand.made_at)}: check what was saved there (its path, how it was saved)",
        )
        return


def _roleless_rules(family: str) -> list[_Rule]:
    return [_quoted_by_message] + ([_file_being_loaded] if family == "checkpoint" else [])


def _to_culprit(candidate: _Candidate, category: str) -> Culprit:
    if candidate.evidence and max(candidate.evidence)[1]:
        reason = max(candidate.evidence, key=lambda item: item[0])[1]
        alias = candidate.alias
        if alias and alias != candidate.expression and f"`{alias}`" not in reason:
            reason += f" (passed on as `{alias}`)"
    elif candidate.tensor is not None:
        reason = (
            f"{candidate.label} ({candidate.tensor.summary()}) is an operand of the failing call"
        )
    else:
        reason = f"{candidate.label} is an operand of the failing call"
    return Culprit(
        expression=candidate.expression,
        module=candidate.module.path if candidate.module else None,
        role=candidate.role,
        file=candidate.file,
        line=candidate.line,
        tensor=candidate.tensor,
        reason=reason,
        passed_as=candidate.alias if candidate.alias != candidate.expression else None,
        made_at=candidate.made_at,
    )
