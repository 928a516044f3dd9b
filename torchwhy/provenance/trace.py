"""The Trace: summaries of a failing stack, safe to keep (no frames, tracebacks, tensors)."""

from __future__ import annotations

from dataclasses import dataclass, field

from torchwhy.call_context import CallContext
from torchwhy.diagnosis import Location, TensorFacts
from torchwhy.provenance.autograd_state import GraphFacts


@dataclass(frozen=True)
class FrameSummary:
    file: str
    line: int | None
    function: str
    is_user: bool


@dataclass(frozen=True)
class ModuleFacts:
    """An nn.Module met on the stack (or as a value), named from the user's root model."""

    path: str | None  # `model.head.fc`; None when no root model holds it
    type_name: str  # `Linear`
    config: tuple[tuple[str, str], ...] = ()  # (("in_features", "256"), ...)
    weight: TensorFacts | None = None  # first parameter (else own buffer): dtype/device/shape
    input: TensorFacts | None = None  # first tensor its forward received
    input_expression: str | None = None  # the user's expression for that input, if joined
    file: str | None = None  # the user line that called into it
    line: int | None = None
    stack_index: int = -1  # position on the stack, larger is deeper; -1 when not on it
    # The same module's path through a DDP / DataParallel / torch.compile wrapper, when the
    # model is wrapped: `model.module.head.fc` for the path `model.head.fc`.
    alias: str | None = None
    training: bool | None = None  # its `training` flag (None when unreadable)
    first_layer: str | None = None  # type of the first leaf layer it registered: `Conv2d`

    def config_value(self, key: str) -> str | None:
        return dict(self.config).get(key)

    def describe(self) -> str:
        name = self.path or self.type_name
        shown = ", ".join(f"{key}={value}" for key, value in self.config[:3])
        wrapped = f", `{self.alias}` in the wrapper" if self.alias else ""
        return f"`{name}` ({self.type_name}{', ' + shown if shown else ''}{wrapped})"


@dataclass(frozen=True)
class Operand:
    """One value in a user frame's failing expression, joined to what the callee received."""

    expression: str  # as written: `labels`, `batch["y"].float()`
    file: str
    line: int | None
    user_depth: int  # 0 for the innermost user frame, 1 for its caller, ...
    callee: str | None  # the function it was passed to: `cross_entropy`, `forward`, `view`
    # Parameter names it was bound to, outermost first: ("input", "target") after forwarding.
    roles: tuple[str, ...] = ()
    position: int | None = None  # positional index in the user's call; -1 for a receiver
    keyword: str | None = None
    kind: str = "unknown"  # tensor, module, int, float, list, tuple, dict, none, other, unknown
    tensor: TensorFacts | None = None
    module: ModuleFacts | None = None  # when the value is itself a module
    callee_module: ModuleFacts | None = None  # the module it was passed into, if any
    int_value: int | None = None  # for plain int operands (an index written as a number)
    text_value: str | None = None  # a short str or a torch.device: `"cuda"`
    element_count: int | None = None  # for list/tuple operands
    keys: tuple[str, ...] | None = None  # for a dict (a state_dict): its first keys, as text
    element_tensors: tuple[TensorFacts, ...] = ()  # facts of the first tensors of a list/tuple
    # Operands holding the very same object share this number (one trace only).
    identity: int | None = None
    # Written as a constant (`2`, `"pt"`, `:`, `-1`): never the culprit before a variable.
    literal: bool = False
    # 1-based place among the values the expression operates on (the receiver of a method
    # call first, the left operand of a binary operator first): `tensor b`, `input2`.
    slot: int | None = None
    type_name: str | None = None  # `type(value).__name__`, when the value was read
    # For an element written inside a list/tuple literal (`torch.cat([a, b])`): its index.
    element_index: int | None = None
    # The statement that last assigned it in its frame's source (`x = x.view(-1, 16)`).
    made_at: Location | None = None
    # Autograd metadata (autograd errors only): version, freed graph, reached by backward.
    graph: GraphFacts | None = None
    # Why it has no graph, when its source says (`.detach()`, `inside with torch.no_grad()`).
    cut: str | None = None
    # The statement that last changed it in place (`hidden += 1`), when its source shows one.
    modified_at: Location | None = None
    # Made by a module call (`out = model(x)`): the last `view`/`reshape` with -1 in that
    # module's forward, which decides the batch dimension of what it returns.
    reshaped_at: Location | None = None
    # A setting read where a tensor was made (`cfg.max_len`): that tensor's expression.
    made_from: str | None = None
    # For a selection by a computed index (`y[idx]`): the named tensor it selects from.
    selected_from: str | None = None
    selected_by_view: bool = False  # `labels.view(-1)`: the same values in another shape
    # A call of the user's own forward or helper (`model(inputs)`): the name every `return`
    # there returns (`logits`), where it was made, and whether a plain helper made it.
    returned_name: str | None = None
    returned_at: Location | None = None
    returned_by_helper: bool = False
    # Last bound by a `for` loop that has finished: it holds that loop's last item.
    left_by_loop: bool = False
    # A value fed back into itself in a loop (`out, h = rnn(x, h)`): that statement.
    carried_from: Location | None = None
    # Not on the failing backward's graph but sharing its freed part: the earlier statement
    # that ran backward from it (`critic_loss.backward()` before `actor_loss.backward()`).
    backward_at: Location | None = None


@dataclass
class Trace:
    """What the provenance tracer learned from one live exception."""

    context: CallContext = field(default_factory=CallContext)
    location: Location | None = None
    notes: list[str] = field(default_factory=list)
    frames: list[FrameSummary] = field(default_factory=list)
    operands: list[Operand] = field(default_factory=list)
    modules: list[ModuleFacts] = field(default_factory=list)  # on the stack, outermost first
    # Tensors (and frozen modules) in the user's frames that no failing expression names:
    # what an autograd error's root cause usually is (the old hidden state, the cut).
    scope: list[Operand] = field(default_factory=list)
    exception_type: str | None = None
    message: str = ""
    # Where a DataLoader worker failed in the user's code (from its re-raised traceback).
    worker_failure: Location | None = None
    # The dataset class whose method that is (`__getitem__`); None for a `collate_fn`.
    worker_failure_owner: str | None = None
    # The user line torch.compile quotes as the code it failed to trace.
    compiled_failure: Location | None = None
