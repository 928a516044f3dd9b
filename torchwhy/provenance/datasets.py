"""Datasets read from their source: a `__len__` that promises more samples than the data
holds, a `__getitem__` that makes samples of unequal size, the empty list an empty dataset
holds.

The sampler draws indices from `range(len(dataset))`; when `__getitem__` then indexes its
data past the end (an IndexError in `__getitem__`, in a worker or not), the length the
dataset reports is what is wrong unless `__len__` returns exactly the length of the data
that line indexes. Read from the source of the two methods, never by calling them.
"""

from __future__ import annotations

import ast
import sys
from typing import Any

from torchwhy.diagnosis import Location
from torchwhy.provenance.assignments import last_assignment, method_scope, own_statements
from torchwhy.provenance.frames import FrameClassifier, FrameEntry
from torchwhy.provenance.operand_sources import RawOperand
from torchwhy.provenance.origins import init_attribute_site, source_lines
from torchwhy.provenance.safe_access import UNKNOWN, class_attribute, instance_dict, is_instance

_GETITEM = "__getitem__"


def datasets_among(raw_operands: list[RawOperand], innermost: FrameEntry) -> list[Any]:
    """The datasets the trace met: a loader's, any torch Dataset operand, and `self` of a
    `__getitem__` that is the innermost user frame."""
    dataset_type = getattr(sys.modules.get("torch.utils.data"), "Dataset", None)
    found = [
        raw.value
        for raw in raw_operands
        if "dataset" in raw.roles
        or (isinstance(dataset_type, type) and is_instance(raw.value, dataset_type))
    ]
    if innermost.function == _GETITEM:
        found.append(innermost.local_values.get("self"))
    return [value for value in found if value is not None and value is not UNKNOWN]


def _indexed_attributes(failure: Location) -> set[str]:
    """`files` for `name = self.files[idx]`: the attributes of `self` the line indexes."""
    try:
        import executing

        statements = executing.Source.for_filename(failure.file).statements_at_line(failure.line)
    except Exception:
        return set()
    found: set[str] = set()
    for statement in statements:
        for node in ast.walk(statement):
            if (
                isinstance(node, ast.Subscript)
                and isinstance(node.value, ast.Attribute)
                and isinstance(node.value.value, ast.Name)
                and node.value.value.id == "self"
            ):
                found.add(node.value.attr)
    return found


def _is_length_of(value: ast.expr | None, attributes: set[str]) -> bool:
    """`len(self.files)` (or `self.files.shape[0]`, `self.files.size(0)`) for an indexed
    attribute: a length that cannot run past the data."""
    if value is None:
        return False
    text = ast.unparse(value).replace(" ", "")
    return any(
        text in (f"len(self.{name})", f"self.{name}.shape[0]", f"self.{name}.size(0)")
        for name in attributes
    )


def _self_attribute(node: ast.AST | None) -> str | None:
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    ):
        return f"self.{node.attr}"
    return None


def length_beyond_data(
    exception_type: str | None,
    failure: Location | None,
    datasets: list[Any],
    entry: FrameEntry,
    classifier: FrameClassifier,
) -> list[RawOperand]:
    """`__len__` of the dataset whose `__getitem__` raised an IndexError, when it does not
    return the length of what that line indexes (`len(self.frames) + 1`, `self.n`)."""
    if exception_type != "IndexError" or failure is None or failure.function != _GETITEM:
        return []
    attributes = _indexed_attributes(failure)
    if not attributes:
        return []
    for dataset in datasets:
        getitem = class_attribute(type(dataset), _GETITEM)
        code = getattr(getitem, "__code__", None) if getitem is not UNKNOWN else None
        if code is None or code.co_filename != failure.file:
            continue
        scope = method_scope(dataset, "__len__", classifier.is_user)
        if scope is None:
            continue
        function, source = scope
        returns = [item for item in own_statements(function) if isinstance(item, ast.Return)]
        if not returns or any(_is_length_of(item.value, attributes) for item in returns):
            continue
        last = returns[-1]
        lines = source_lines(source)
        file = getattr(source, "filename", failure.file)
        made_at = Location(
            file=file,
            line=last.lineno,
            function="__len__",
            code=lines[last.lineno - 1].strip() if lines else None,
        )
        expression = "__len__"
        counted = _self_attribute(last.value)
        if counted is not None:
            # `return self.num_items`: the count was made where `__init__` set it.
            site = init_attribute_site(dataset, counted, lambda path, file=file: path == file)
            if site is not None:
                expression, made_at = counted, site
        return [
            RawOperand(
                node=None,
                expression=expression,
                entry=entry,
                user_depth=0,
                roles=["length-beyond-data"],
                made_at=made_at,
                made_from=f"self.{sorted(attributes)[0]}",
            )
        ]
    return []


# Default collate could not stack samples of different sizes (in a worker or not).
_UNEQUAL_WORDS = ("equal size", "resize storage that is not resizable")


def unequal_sample_made(
    message: str, datasets: list[Any], entry: FrameEntry, classifier: FrameClassifier
) -> list[RawOperand]:
    """The tensor `__getitem__` makes and returns (`img = self.transform(...)`, `ids =
    tokens[:max_len]`) when the default collate could not stack samples of unequal size:
    it is made with a size that varies per sample. A `__getitem__` that returns stored data
    as it is leaves the loader's missing `collate_fn` as the story."""
    if not any(word in message for word in _UNEQUAL_WORDS):
        return []
    for dataset in datasets:
        scope = method_scope(dataset, _GETITEM, classifier.is_user)
        if scope is None:
            continue
        function, source = scope
        lines = source_lines(source)
        for statement in own_statements(function):
            if not isinstance(statement, ast.Return) or statement.value is None:
                continue
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
                if made is None or _reads_stored_sample(made):
                    continue
                return [
                    RawOperand(
                        node=None,
                        expression=part.id,
                        entry=entry,
                        user_depth=0,
                        roles=["unequal-sample"],
                        made_at=Location(
                            file=getattr(source, "filename", entry.file),
                            line=made.lineno,
                            function=_GETITEM,
                            code=lines[made.lineno - 1].strip() if lines else None,
                        ),
                        made_from=type(dataset).__name__,
                    )
                ]
    return []


def _reads_stored_sample(statement: ast.stmt) -> bool:
    """`img, boxes = self.samples[idx]`: stored data taken as it is, not made per sample."""
    value = getattr(statement, "value", None)
    return (
        isinstance(value, ast.Subscript)
        and isinstance(value.value, ast.Attribute)
        and isinstance(value.value.value, ast.Name)
        and value.value.value.id == "self"
    )


def empty_data(
    message: str, datasets: list[Any], entry: FrameEntry, classifier: FrameClassifier
) -> list[RawOperand]:
    """An empty dataset (`num_samples=0`): the empty list (or tensor) it holds, named as
    its class set it (`self.files = sorted(glob.glob(pattern))` found nothing)."""
    if "num_samples=0" not in message and "empty" not in message.lower():
        return []
    for dataset in datasets:
        own = instance_dict(dataset) or {}
        for key, value in list(own.items())[:200]:
            if type(key) is not str or key.startswith("_"):
                continue
            empty = type(value) in (list, tuple, dict) and len(value) == 0
            if not empty:
                continue
            expression = f"self.{key}"
            made_at = init_attribute_site(dataset, expression, classifier.is_user)
            return [
                RawOperand(
                    node=None,
                    expression=expression,
                    entry=entry,
                    user_depth=0,
                    value=value,
                    roles=["empty-data"],
                    made_at=made_at,
                    made_from=type(dataset).__name__,
                )
            ]
    return []
