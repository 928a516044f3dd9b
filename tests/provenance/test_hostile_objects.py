"""Hostile objects in a crashing frame: torchwhy reads them through C-level slots and
descriptors and never runs their Python code (properties, metaclass hooks, `__eq__`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import torch

from torchwhy.hooks.annotation import _holds_torch_values
from torchwhy.provenance.safe_access import UNKNOWN, is_instance, is_subclass, safe_subscript
from torchwhy.provenance.tensor_facts import tensor_facts

CALLS: list[str] = []


class EqualityMeta(type(torch.Tensor)):  # type: ignore[misc]
    """A tensor metaclass whose `==` and `__module__` are Python code."""

    def __eq__(cls, other: object) -> bool:
        CALLS.append("metaclass __eq__")
        return False

    __hash__ = type.__hash__

    @property
    def __module__(cls) -> str:  # type: ignore[override]
        CALLS.append("metaclass __module__")
        return "torch"


class SpoofedTensor(torch.Tensor, metaclass=EqualityMeta):
    """Claims a shape and dtype it does not have."""

    @property
    def shape(self) -> torch.Size:  # type: ignore[override]
        CALLS.append("shape property")
        return torch.Size([999, 999])

    @property
    def dtype(self) -> torch.dtype:  # type: ignore[override]
        CALLS.append("dtype property")
        return torch.int8


def _spoofed() -> SpoofedTensor:
    return torch.zeros(2, 3).as_subclass(SpoofedTensor)


def test_tensor_facts_read_the_real_shape_not_a_property() -> None:
    CALLS.clear()
    facts = tensor_facts(_spoofed(), torch)
    assert facts is not None
    assert facts.shape == (2, 3) and facts.dtype == "float32"
    assert facts.min is None  # a subclass gets no statistics
    assert CALLS == []


def test_is_instance_never_calls_a_metaclass_eq() -> None:
    CALLS.clear()
    spoofed = _spoofed()
    assert is_instance(spoofed, torch.Tensor)
    assert not is_instance(spoofed, torch.nn.Parameter)
    assert is_subclass(SpoofedTensor, torch.Tensor)
    assert CALLS == []


class CollidingKey:
    """Hashes as 'labels' does: a dict lookup of 'labels' would call its `__eq__`."""

    def __hash__(self) -> int:
        return hash("labels")

    def __eq__(self, other: object) -> bool:
        CALLS.append("key __eq__")
        return False


def test_safe_subscript_never_compares_with_a_colliding_key() -> None:
    labels = torch.tensor([1.0])
    table = {CollidingKey(): "decoy", "labels": labels}
    CALLS.clear()
    assert safe_subscript(table, "labels") is labels
    assert safe_subscript({CollidingKey(): "decoy"}, "labels") is UNKNOWN
    assert CALLS == []


class RecordingLocals(Mapping[str, Any]):
    """A mapping exec() accepts as locals: its methods are the user's code."""

    def __getitem__(self, key: str) -> Any:
        CALLS.append("locals __getitem__")
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        CALLS.append("locals __iter__")
        return iter(())

    def __len__(self) -> int:
        return 0

    def values(self):  # type: ignore[override]
        CALLS.append("locals values")
        return []


class ClassProperty:
    calls: ClassVar[int] = 0

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        CALLS.append("__class__ property")
        return torch.Tensor


def test_the_torch_world_check_reads_frames_without_user_code() -> None:
    CALLS.clear()
    frame: Any = None

    def capture() -> None:
        nonlocal frame
        frame = sys._getframe(1)

    exec("capture()", {"capture": capture}, RecordingLocals())
    CALLS.clear()  # exec itself looked `capture` up in the mapping
    assert not _holds_torch_values(frame)

    def holding(value: Any) -> Any:
        return sys._getframe()

    assert _holds_torch_values(holding(_spoofed()))  # metaclass __module__ not asked
    assert not _holds_torch_values(holding(ClassProperty()))
    assert _holds_torch_values(holding(torch))
    assert CALLS == []
