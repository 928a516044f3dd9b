"""The `Diagnosis`: what torchwhy concluded about one error, as plain data.

Every renderer (terminal, HTML, JSON) and every door (CLI, hooks, Jupyter) reads this
object and nothing else. It holds summaries only: never frames, tracebacks or tensors,
because a kept traceback keeps GPU memory and activations alive.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

MatchedBy = Literal["rule", "fuzzy", "embedding", "none"]


# What `Fix.checked` means, in the words every renderer shows under a checked fix.
CHECKED_NOTE = "checked: the failing call passes with this change"


@dataclass(frozen=True)
class Fix:
    """One concrete fix: a sentence and, where it helps, code."""

    title: str
    code: str = ""
    # True: torch ran the failing operation on stand-ins with this change and it passed;
    # None: not checked (nothing is claimed).
    checked: bool | None = None


@dataclass(frozen=True)
class TensorFacts:
    """Metadata of one tensor, read without running user code or syncing a device."""

    shape: tuple[int, ...] | None = None
    dtype: str | None = None  # "float32", "int64", ...
    device: str | None = None  # "cpu", "cuda:0", "meta"
    requires_grad: bool | None = None
    is_leaf: bool | None = None
    grad_fn: str | None = None
    # Statistics only for small CPU tensors: min/max for integer tensors,
    # NaN/inf counts for floating ones.
    min: float | None = None
    max: float | None = None
    nan_count: int | None = None
    inf_count: int | None = None

    def summary(self) -> str:
        """A short human form: `float32, shape (32,), cpu`."""
        parts: list[str] = []
        if self.dtype:
            parts.append(self.dtype)
        if self.shape is not None:
            parts.append(f"shape {tuple(self.shape)}")
        if self.device:
            parts.append(self.device)
        if self.requires_grad:
            parts.append("requires_grad")
        if self.min is not None and self.max is not None:
            parts.append(f"values {self.min:g}..{self.max:g}")
        if self.nan_count:
            parts.append(f"{self.nan_count} NaN")
        if self.inf_count:
            parts.append(f"{self.inf_count} inf")
        return ", ".join(parts)


@dataclass(frozen=True)
class Culprit:
    """A value in the user's code that the evidence points at."""

    expression: str  # source text as written: `labels`, `batch["y"]`, `model.head.fc`
    module: str | None = None  # path from the root model: `model.head.fc`
    role: str | None = None  # input, target, weight, index, ...
    file: str | None = None
    line: int | None = None
    tensor: TensorFacts | None = None
    reason: str = ""  # one sentence
    # Its name at the failing call, where it was passed in under another (`batch_y` for `y`):
    # fix code that edits that call uses this name.
    passed_as: str | None = None
    # The statement that made it, found in the source (`x = x.view(-1, 16)`): where to fix.
    made_at: Location | None = None
    cell: str | None = None  # IPython's name for the notebook cell `file` is (`In[2]`)

    @property
    def where(self) -> str:
        return place(self.file, self.line, self.cell)


@dataclass(frozen=True)
class Alternative:
    """A next-best reading, for `--top K` and for honest uncertainty."""

    entry: str
    category: str
    title: str
    confidence: float


@dataclass(frozen=True)
class Location:
    """Where the error surfaced in the user's code (the innermost user frame)."""

    file: str
    line: int | None
    function: str | None = None
    code: str | None = None
    cell: str | None = None  # IPython's name for the notebook cell `file` is (`In[2]`)

    @property
    def where(self) -> str:
        return place(self.file, self.line, self.cell)


def place(file: str | None, line: int | None, cell: str | None = None) -> str:
    """A location as people read it: `train.py:42`, in a notebook `Cell In[2], line 9`
    (IPython's own words in its tracebacks), and for code with no file (`<snippet>`,
    `<stdin>`) `<snippet>, line 3`, as Python writes it."""
    if cell:
        return f"Cell {cell}, line {line}" if line else f"Cell {cell}"
    if not file:
        return ""
    if line and file.startswith("<") and file.endswith(">"):
        return f"{file}, line {line}"
    file = _as_typed(file)
    return f"{file}:{line}" if line else file


def _as_typed(file: str) -> str:
    """A file under the working directory as the user typed it (`train.py`, as Python's own
    traceback shows it), anything else whole: a reading should not depend on where the
    checkout lies."""
    if not os.path.isabs(file):
        return file
    try:
        relative = os.path.relpath(file)
    except (ValueError, OSError):  # another drive on Windows, or no working directory left
        return file
    return file if relative.startswith(os.pardir) else relative


@dataclass
class Diagnosis:
    """The expert reading of one error."""

    category: str
    entry: str | None
    title: str
    explanation: str
    causes: list[str] = field(default_factory=list)
    fixes: list[Fix] = field(default_factory=list)
    confidence: float = 0.0
    matched_by: MatchedBy = "none"
    captures: dict[str, str] = field(default_factory=dict)
    alternatives: list[Alternative] = field(default_factory=list)
    culprits: list[Culprit] = field(default_factory=list)
    exception_type: str | None = None
    message: str = ""
    location: Location | None = None
    notes: list[str] = field(default_factory=list)  # caveats: async CUDA, retained memory
    docs: list[str] = field(default_factory=list)
    # A verdict: `confidence` (a calibrated probability) reached the verdict threshold. When
    # False on a known reading, this reading and the alternatives are possible readings, and
    # `decide` says what evidence would tell them apart.
    verdict: bool = False
    decide: list[str] = field(default_factory=list)

    @property
    def is_known(self) -> bool:
        return self.matched_by != "none"

    @property
    def is_unsure(self) -> bool:
        """A reading was found, but not with the confidence of a verdict."""
        return self.is_known and not self.verdict

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: plain types only, stable keys."""
        return asdict(self)
