"""One dry run's state: the options it runs under and everything it learns on the way.

The interception layers (dispatch mode, logical devices, data boundary, checkpoints) are
global patches, so they reach the run in progress through `current()`. Only one dry run
is active at a time in a process.
"""

from __future__ import annotations

import contextlib
import os
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from torchwhy.cells import cell_name
from torchwhy.diagnosis import place
from torchwhy.dryrun.phases import Progress

_TORCHWHY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Frames in these trees (torchwhy, the standard library) are never "the user's line".
_NOT_USER = (_TORCHWHY + os.sep, os.path.dirname(os.path.dirname(os.path.abspath(os.__file__))))


@dataclass
class DryRunOptions:
    """What the logical GPU looks like and how far the dry run goes."""

    epochs: int = 2  # dry-run epochs per DataLoader; the next iteration stops the run
    batches: int = 2  # batches per epoch: the first and, when there are more, the last
    gpus: int = 1
    gpu_name: str = "NVIDIA H100 80GB HBM3"
    gpu_memory_gb: float = 80.0
    scan_seconds: float = 20.0  # time box of the data scan, per constraint
    scan: bool = True
    max_seconds: float = 300.0  # wall-clock budget of the script's run (a `while True` loop)

    @property
    def free_steps(self) -> int:
        """Optimizer steps allowed outside any DataLoader (a hand-written batching loop)."""
        return self.epochs * self.batches


@dataclass
class Assumption:
    """A value a real run computes from the model that the dry run had to choose."""

    where: str  # file:line
    code: str
    what: str
    value: str


@dataclass
class Constraint:
    """An index range learned from an op (embedding rows, class count) for one loader field."""

    loader: Any  # the DataLoader, compared by identity; never serialised
    loader_name: str
    field_path: str  # pytree key path inside the batch: "['tokens']"
    leaf_index: int
    used_as: str  # "nn.Embedding index", "CrossEntropy/NLL target"
    bound: int
    ignore_index: int | None = None


@dataclass
class Session:
    options: DryRunOptions
    user_files: set[str] = field(default_factory=set)
    assumptions: dict[str, Assumption] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    file_writes: list[str] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)
    in_loader: bool = False  # a DataLoader is fetching: Dataset code returns real samples
    passthrough: bool = False  # our own bookkeeping runs: no device checks, no assumptions
    mode: Any = None  # the DryRunMode
    progress: Progress = field(default_factory=Progress)
    extra: dict[str, Any] = field(default_factory=dict)  # per-module state (layers, memory)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def assume(self, what: str, value: object) -> None:
        where, code = user_location()
        key = f"{where} {what}"
        if key not in self.assumptions:
            self.assumptions[key] = Assumption(where=where, code=code, what=what, value=repr(value))


_CURRENT: Session | None = None


def current() -> Session | None:
    return _CURRENT


def activate(session: Session | None) -> None:
    global _CURRENT
    _CURRENT = session


@contextlib.contextmanager
def passthrough() -> Iterator[None]:
    """Our own bookkeeping: tensors read here are not the user's host reads."""
    session = _CURRENT
    if session is None:
        yield
        return
    previous, session.passthrough = session.passthrough, True
    try:
        yield
    finally:
        session.passthrough = previous


def is_user_file(filename: str) -> bool:
    path = os.path.abspath(filename)
    if filename.startswith("<") or "site-packages" in path or "dist-packages" in path:
        return False
    return not path.startswith(_NOT_USER)


def user_location() -> tuple[str, str]:
    """`file:line` (`Cell In[3], line 4` in a notebook) and the source line of the
    innermost frame in the user's code."""
    for frame in reversed(traceback.extract_stack()[:-1]):
        if is_user_file(frame.filename):
            code = (frame.line or "").strip()
            cell = cell_name(frame.filename)  # a notebook cell, named as IPython names it
            if cell is not None:
                return place(frame.filename, frame.lineno, cell), code
            return f"{frame.filename}:{frame.lineno}", code
    return "?", ""
