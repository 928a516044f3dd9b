"""Tracing runs none of the user's code and keeps no live objects."""

from __future__ import annotations

import dataclasses
import types
from typing import Any, ClassVar

import pytest
import torch
import torch.nn.functional as F
from torch import nn

import torchwhy
from torchwhy.provenance import Trace, rank_culprits, trace_exception
from torchwhy.provenance.tensor_facts import STATS_ELEMENT_CAP


class Tripwire:
    """Records every hook Python could call on it behind our back."""

    calls: ClassVar[list[str]] = []

    def __init__(self, payload: Any = None) -> None:
        object.__setattr__(self, "_payload", payload)

    def __getattribute__(self, name: str) -> Any:
        if not name.startswith("_"):
            Tripwire.calls.append(f"__getattribute__({name})")
        return object.__getattribute__(self, name)

    def __getattr__(self, name: str) -> Any:
        Tripwire.calls.append(f"__getattr__({name})")
        return object.__getattribute__(self, "_payload")

    @property
    def labels(self) -> Any:
        Tripwire.calls.append("property labels")
        return object.__getattribute__(self, "_payload")

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # plain isinstance() would consult this
        Tripwire.calls.append("__class__")
        return Tripwire

    def __repr__(self) -> str:
        Tripwire.calls.append("__repr__")
        raise RuntimeError("repr must not be called")

    def __eq__(self, other: object) -> bool:
        Tripwire.calls.append("__eq__")
        raise RuntimeError("eq must not be called")

    def __hash__(self) -> int:
        Tripwire.calls.append("__hash__")
        return 0

    def __len__(self) -> int:
        Tripwire.calls.append("__len__")
        raise RuntimeError("len must not be called")

    def __bool__(self) -> bool:
        Tripwire.calls.append("__bool__")
        raise RuntimeError("bool must not be called")

    def __getitem__(self, key: Any) -> Any:
        Tripwire.calls.append("__getitem__")
        return object.__getattribute__(self, "_payload")


class SpyTensor(torch.Tensor):
    """A tensor subclass whose __torch_function__ records every call (even `.shape`)."""

    calls: ClassVar[list[str]] = []

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):  # type: ignore[override]
        SpyTensor.calls.append(getattr(func, "__name__", str(func)))
        return super().__torch_function__(func, types, args, kwargs or {})


GLOBAL_TRIPWIRE = Tripwire(torch.ones(3))


class Tripped(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(4, 3)
        self.tripwire = Tripwire(torch.zeros(2))  # a plain attribute on a module

    def forward(self, x: torch.Tensor, guard: Tripwire) -> torch.Tensor:
        return self.fc(x) + guard.offset  # __getattr__ during the crash itself


def _crash_property_target() -> BaseException:
    holder = Tripwire(torch.tensor([0.0, 1.0]))  # noqa: F841 - a local for the tracer to see
    trip = Tripwire(torch.tensor([0.0, 1.0]))
    try:
        F.cross_entropy(torch.randn(2, 3), trip.labels)
    except RuntimeError as error:
        return error
    raise AssertionError("no crash")


def _crash_module_with_tripwires() -> BaseException:
    model = Tripped()
    guard = Tripwire(torch.zeros(5))
    try:
        model(torch.randn(2, 4), guard)
    except RuntimeError as error:
        return error
    raise AssertionError("no crash")


def _crash_subscript_and_meta() -> BaseException:
    trip = Tripwire(torch.ones(2, 3, device="meta"))
    weights = torch.randn(3, 4)
    try:
        torch.mm(trip["weights"], weights.t())
    except RuntimeError as error:
        return error
    raise AssertionError("no crash")


def _crash_huge_tensor() -> tuple[BaseException, torch.Tensor]:
    # 10^8 elements without the memory: a broadcast view of one element.
    huge = torch.zeros(1, 1).expand(10**8, 1)
    small = torch.randn(3, 2)
    try:
        torch.mm(huge, small)
    except RuntimeError as error:
        return error, huge
    raise AssertionError("no crash")


def _crash_spy_tensor() -> BaseException:
    spy = torch.randn(4, 5).as_subclass(SpyTensor)
    try:
        spy.view(-1, 3)
    except RuntimeError as error:
        return error
    raise AssertionError("no crash")


class CallableTripwire(Tripwire):
    """A configured object called like a function (as a tokenizer or a transform is)."""

    def __call__(self, *args: Any) -> Any:
        raise ValueError("the callable object failed")


def _crash_callable_object_with_list() -> BaseException:
    trip = CallableTripwire(torch.zeros(2))
    other = Tripwire(torch.ones(2))
    try:
        trip([other, trip], other)
    except ValueError as error:
        return error
    raise AssertionError("no crash")


def _crash_hand_written_raise() -> BaseException:
    trip = Tripwire(torch.zeros(2))
    try:
        if trip is not None:
            raise RuntimeError(f"bad value {trip._payload.shape}")
    except RuntimeError as error:
        return error
    raise AssertionError("no crash")


CRASHES = {
    "property-in-expression": _crash_property_target,
    "callable-object-and-list-elements": _crash_callable_object_with_list,
    "hand-written-raise": _crash_hand_written_raise,
    "module-attributes-and-getattr": _crash_module_with_tripwires,
    "subscript-of-user-object-and-meta": _crash_subscript_and_meta,
    "tensor-subclass": _crash_spy_tensor,
}


def _live_objects(value: Any, depth: int = 0) -> list[Any]:
    """Anything in a Trace that is not plain data: tensors, modules, frames, tracebacks."""
    if depth > 8:
        return []
    if isinstance(value, (torch.Tensor, nn.Module, types.FrameType, types.TracebackType)):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found: list[Any] = []
        for item in dataclasses.fields(value):
            found += _live_objects(getattr(value, item.name), depth + 1)
        return found
    if isinstance(value, (list, tuple)):
        return [live for item in value for live in _live_objects(item, depth + 1)]
    if isinstance(value, dict):
        return [live for item in value.values() for live in _live_objects(item, depth + 1)]
    if isinstance(value, (str, int, float, bool, type(None))):
        return []
    return [value]


@pytest.mark.parametrize("crash", list(CRASHES.values()), ids=list(CRASHES))
def test_tracing_calls_no_user_code(crash) -> None:
    error = crash()
    Tripwire.calls.clear()  # the crash itself may run hooks; tracing must not
    SpyTensor.calls.clear()
    trace = trace_exception(error)
    for category in ("dtype/target-not-long", "shape/matmul-mismatch", "device/tensor-mismatch"):
        rank_culprits(trace, category, {"found": "Float"}, ["target", "input"])
    assert Tripwire.calls == []
    assert SpyTensor.calls == []
    assert trace.operands, "the tracer should still see the operands"
    assert _live_objects(trace) == []


def test_property_value_comes_from_the_callee_frame() -> None:
    trace = trace_exception(_crash_property_target())
    culprits = rank_culprits(trace, "dtype/target-not-long", {"found": "Float"}, ["target"])
    assert culprits[0].expression == "trip.labels"
    assert culprits[0].tensor is not None and culprits[0].tensor.dtype == "float32"


def test_meta_tensors_get_metadata_only() -> None:
    trace = trace_exception(_crash_subscript_and_meta())
    facts = [operand.tensor for operand in trace.operands if operand.tensor is not None]
    meta = [item for item in facts if item.device == "meta"]
    assert meta, "the meta tensor is known through the callee? it is at least in the frame"
    for item in meta:
        assert item.shape == (2, 3)
        assert (item.min, item.max, item.nan_count, item.inf_count) == (None, None, None, None)


def test_meta_operand_read_from_the_frame_is_metadata_only() -> None:
    meta = torch.empty(4, 10**6, device="meta")
    try:
        torch.mm(meta, torch.randn(3, 3))
    except RuntimeError as error:
        trace = trace_exception(error)
    operand = next(item for item in trace.operands if item.expression == "meta")
    assert operand.tensor is not None
    assert operand.tensor.device == "meta"
    assert operand.tensor.shape == (4, 10**6)
    assert operand.tensor.min is None and operand.tensor.nan_count is None


def test_huge_tensor_gets_no_statistics() -> None:
    error, huge = _crash_huge_tensor()
    assert huge.numel() > STATS_ELEMENT_CAP
    trace = trace_exception(error)
    operand = next(item for item in trace.operands if item.expression == "huge")
    assert operand.tensor is not None and operand.tensor.shape == (10**8, 1)
    assert operand.tensor.nan_count is None and operand.tensor.inf_count is None


def test_small_cpu_tensors_do_get_statistics() -> None:
    labels = torch.tensor([0, 3, 7])
    try:
        F.cross_entropy(torch.randn(3, 5), labels)
    except IndexError as error:
        trace = trace_exception(error)
    culprit = rank_culprits(trace, "index/class-out-of-range", {"index": "7"}, ["target"])[0]
    assert culprit.expression == "labels"
    assert culprit.tensor is not None
    assert (culprit.tensor.min, culprit.tensor.max) == (0, 7)


def test_trace_does_not_keep_the_values_alive() -> None:
    import gc
    import weakref

    def crash() -> tuple[BaseException, weakref.ref]:
        labels = torch.randn(8)
        try:
            F.cross_entropy(torch.randn(8, 3), labels)
        except RuntimeError as error:
            return error, weakref.ref(labels)
        raise AssertionError("no crash")

    error, labels_ref = crash()
    trace = trace_exception(error)
    del error
    gc.collect()
    assert labels_ref() is None
    assert isinstance(trace, Trace)


def test_user_code_filter_decides_what_is_user_code() -> None:
    error = _crash_property_target()
    everything_library = trace_exception(error, user_code_filter=lambda filename: False)
    assert everything_library.location is None
    assert everything_library.operands == []
    assert "cross_entropy" in everything_library.context.functions

    only_this_file = trace_exception(error, user_code_filter=lambda filename: filename == __file__)
    assert only_this_file.location is not None
    assert only_this_file.location.function == "_crash_property_target"


def test_exception_without_traceback_gives_an_empty_trace() -> None:
    trace = trace_exception(RuntimeError("never raised"))
    assert trace.location is None and trace.operands == [] and trace.frames == []


def test_source_that_cannot_be_read_is_handled() -> None:
    namespace: dict[str, Any] = {"torch": torch}
    code = compile("torch.randn(3).view(2, 2)\n", "<string>", "exec")
    try:
        exec(code, namespace)
    except RuntimeError as error:
        trace = trace_exception(error)
    # `exec` of a string is the user's code, but its source is nowhere to be read.
    assert trace.location is not None
    assert trace.location.file == "<string>" and trace.location.code is None
    assert all(operand.file != "<string>" for operand in trace.operands)


def test_the_tripwire_does_catch_a_careless_isinstance() -> None:
    Tripwire.calls.clear()
    isinstance(Tripwire(), torch.Tensor)  # the point is the side effect
    assert "__class__" in Tripwire.calls


def test_context_names_the_stack() -> None:
    trace = trace_exception(_crash_module_with_tripwires())
    assert "Tripped" in trace.context.module_types
    assert "forward" in trace.context.functions
    module_paths = [module.path for module in trace.modules]
    assert "model" in module_paths


def test_out_of_memory_note_is_the_engines_not_the_tracers() -> None:
    # Caveats are written once, by the engine (tests/translator/test_caveat_notes.py).
    try:
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
    except torch.OutOfMemoryError as error:
        trace = trace_exception(error)
        diagnosis = torchwhy.explain(error, use_embedding=False)
    assert not any("memory" in note for note in trace.notes)
    assert sum("traceback" in note for note in diagnosis.notes) == 1
