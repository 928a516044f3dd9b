"""The shape of a knowledge-base entry, and its validation.

Entries are data (YAML files under `entries/`); this module turns one mapping into a
checked, immutable `Entry`, or fails with the file, the entry id and what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from torchwhy.categories import CATEGORIES, UNKNOWN
from torchwhy.knowledge_base.patterns import LazyPattern, compile_checked

# Capture-group names the provenance tracer's ranking reads, each with the one meaning it has
# in every pattern that captures it. Declared once, here; the ranking reads no other name
# and every name is produced by some pattern (tests/provenance/test_capture_vocabulary.py),
# and docs/knowledge-base.md lists them. Other group names are free for templates.
RANKED_CAPTURES: dict[str, str] = {
    "found": "what the message says it got: a dtype, a size, a channel count",
    "got": "same as `found`, in messages worded `got ...`",
    "dtype": "a dtype the message names as the one received",
    "expected": "what the message says was expected: a dtype, a size, a rank text (`2D or 3D`)",
    "found_dim": "the number of dimensions the input had",
    "expected_dim": "the number of dimensions wanted",
    "dim": "the dimension the message is about",
    "m1_rows": "rows of the left matrix of a failed matrix product (the batch)",
    "in_found": "columns of the left matrix: the features that arrived",
    "in_expected": "rows of the right matrix: the features a Linear layer was built for",
    "out_features": "columns of the right matrix",
    "size_a": "size of the first operand at `dim` in a broadcast (`tensor a (3)`)",
    "size_b": "size of the second operand at `dim` (`tensor b (2)`)",
    "existing": "the size that cannot be expanded",
    "expanded": "the size asked of it",
    "size": "the size of the indexed dimension, or the element count a view must hold",
    "numel": "the number of elements of the tensor being reshaped",
    "input_size": "the element count of the input of a view/reshape",
    "shape": "the shape written in the message (`[32, -1]`, `3, 4`)",
    "input_batch": "the batch size of a loss's input",
    "target_batch": "the batch size of a loss's target",
    "target_size": "the size of the target the loss got",
    "index": "the out-of-range index, or which tensor in a list disagrees",
    "other_index": "which tensor in a list disagrees with the first",
    "num_embeddings": "the number of rows of an embedding table",
    "target": "a class index the loss got",
    "version": "the version counter a saved tensor is at after an in-place change",
}


def unproduced_ranked_captures(entries: list[Entry]) -> list[str]:
    """Declared names that no entry's pattern captures: ranking code that can never fire."""
    produced = {
        name for entry in entries for pattern in entry.patterns for name in pattern.groupindex
    }
    return sorted(set(RANKED_CAPTURES) - produced)


class KnowledgeBaseError(ValueError):
    """A knowledge-base file or entry that does not follow the schema."""


@dataclass(frozen=True)
class Example:
    """A verbatim message this entry explains, and where it was seen."""

    text: str
    source: str = ""  # "torch 2.13" or the address of a real report


@dataclass(frozen=True)
class FixTemplate:
    title: str
    code: str = ""


@dataclass(frozen=True, eq=False)  # identity: entries are unique objects
class Entry:
    id: str
    category: str
    title: str
    patterns: tuple[LazyPattern, ...]
    examples: tuple[Example, ...]
    explanation: str
    causes: tuple[str, ...]
    fixes: tuple[FixTemplate, ...]
    docs: tuple[str, ...] = ()
    # Exception type names this reading applies to; empty means any.
    exceptions: tuple[str, ...] = ()
    # Only when the input names one of `exceptions` (a wrapper such as Dynamo's internal
    # error, whose message is anything): a bare message is never read this way.
    requires_exception_type: bool = False
    # Where the reading applies: function names / nn.Module class names on the stack.
    context_functions: tuple[str, ...] = ()
    context_modules: tuple[str, ...] = ()
    # Regexes for the code lines and file paths of the innermost frames (`self.wpe(`,
    # `modeling_bert.py`): evidence a pasted traceback keeps when it shows only `forward`.
    context_code: tuple[LazyPattern, ...] = ()
    # Which argument the culprit plays (target, index, input, weight, module...).
    roles: tuple[str, ...] = ()
    # Values for placeholders when neither captures nor the tracer supply them.
    defaults: dict[str, str] = field(default_factory=dict)
    # Higher wins among equally good rule hits (the most common reading of a message).
    priority: int = 0
    # For a warning's entry: categories of the errors it explains when printed above them
    # (a target-size UserWarning above a broadcast error means the target has the wrong shape).
    explains: tuple[str, ...] = ()
    # A snippet that raises this error on a CPU install, or None with a reason.
    reproduce: str | None = None
    reproduce_skip: str = ""
    # The expression the tracer should name first when `reproduce` runs.
    expect_culprit: str | None = None
    source_file: str = ""

    @property
    def has_context(self) -> bool:
        return bool(self.context_functions or self.context_modules or self.context_code)


_ID = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
_KNOWN_KEYS = {
    "id",
    "category",
    "title",
    "patterns",
    "examples",
    "explanation",
    "causes",
    "fixes",
    "docs",
    "exceptions",
    "requires_exception_type",
    "context",
    "roles",
    "defaults",
    "priority",
    "explains",
    "reproduce",
    "reproduce_skip",
    "expect_culprit",
}


def _strings(raw: Any, what: str, *, required: bool = False) -> tuple[str, ...]:
    if raw is None:
        raw = []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(s, str) and s.strip() for s in raw):
        raise ValueError(f"`{what}` must be a list of non-empty strings")
    if required and not raw:
        raise ValueError(f"`{what}` must not be empty")
    return tuple(raw)


def _text(raw: Any, what: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError(f"`{what}` must be a non-empty string")
    return raw.strip()


def _examples(raw: Any) -> tuple[Example, ...]:
    if not isinstance(raw, list) or not raw:
        raise ValueError("`examples` must be a non-empty list")
    examples = []
    for item in raw:
        if isinstance(item, str):
            examples.append(Example(item.strip()))
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            examples.append(Example(item["text"].strip(), str(item.get("source", ""))))
        else:
            raise ValueError(f"example {item!r} must be a string or a mapping with `text`")
    return tuple(examples)


def _fixes(raw: Any) -> tuple[FixTemplate, ...]:
    if not isinstance(raw, list) or not raw:
        raise ValueError("`fixes` must be a non-empty list")
    fixes = []
    for item in raw:
        if isinstance(item, str):
            fixes.append(FixTemplate(item.strip()))
        elif isinstance(item, dict) and isinstance(item.get("title"), str):
            fixes.append(FixTemplate(item["title"].strip(), str(item.get("code", "")).rstrip()))
        else:
            raise ValueError(f"fix {item!r} must be a string or a mapping with `title`")
    return tuple(fixes)


def _patterns(raw: Any, what: str = "patterns") -> tuple[LazyPattern, ...]:
    compiled = []
    for pattern in _strings(raw, what, required=what == "patterns"):
        try:
            compiled.append(compile_checked(pattern))
        except re.error as error:
            raise ValueError(f"pattern {pattern!r} is not a valid regex: {error}") from None
    return tuple(compiled)


def parse_entry(raw: Any, source_file: str) -> Entry:
    """Validate one raw mapping; raise KnowledgeBaseError naming file, id and problem."""
    entry_id = raw.get("id", "<no id>") if isinstance(raw, dict) else "<not a mapping>"
    try:
        if not isinstance(raw, dict):
            raise ValueError("an entry must be a mapping")
        unknown_keys = set(raw) - _KNOWN_KEYS
        if unknown_keys:
            raise ValueError(f"unknown keys {sorted(unknown_keys)}")
        if not isinstance(entry_id, str) or not _ID.match(entry_id):
            raise ValueError("`id` must be lowercase words joined by '-' or '.'")
        category = raw.get("category")
        if category not in CATEGORIES or category == UNKNOWN:
            raise ValueError(f"`category` {category!r} is not an id from categories.md")
        context = raw.get("context") or {}
        if not isinstance(context, dict) or set(context) - {"functions", "modules", "code"}:
            raise ValueError("`context` may only hold `functions`, `modules` and `code`")
        defaults = raw.get("defaults") or {}
        if not isinstance(defaults, dict):
            raise ValueError("`defaults` must be a mapping")
        reproduce = raw.get("reproduce")
        if reproduce is not None and not isinstance(reproduce, str):
            raise ValueError("`reproduce` must be code or null")
        if reproduce is None and "reproduce" in raw and not raw.get("reproduce_skip"):
            raise ValueError("`reproduce: null` needs a `reproduce_skip` reason")
        requires_type = raw.get("requires_exception_type", False)
        if not isinstance(requires_type, bool) or (requires_type and not raw.get("exceptions")):
            raise ValueError("`requires_exception_type: true` needs `exceptions`")
        priority = raw.get("priority", 0)
        if not isinstance(priority, int):
            raise ValueError("`priority` must be an integer")
        explains = _strings(raw.get("explains"), "explains")
        if any(c not in CATEGORIES or c == UNKNOWN for c in explains):
            raise ValueError("`explains` must list category ids from categories.md")
        entry = Entry(
            id=entry_id,
            category=category,
            title=_text(raw.get("title"), "title"),
            patterns=_patterns(raw.get("patterns")),
            examples=_examples(raw.get("examples")),
            explanation=_text(raw.get("explanation"), "explanation"),
            causes=_strings(raw.get("causes"), "causes", required=True),
            fixes=_fixes(raw.get("fixes")),
            docs=_strings(raw.get("docs"), "docs"),
            exceptions=_strings(raw.get("exceptions"), "exceptions"),
            requires_exception_type=requires_type,
            context_functions=_strings(context.get("functions"), "context.functions"),
            context_modules=_strings(context.get("modules"), "context.modules"),
            context_code=_patterns(context.get("code"), "context.code"),
            roles=_strings(raw.get("roles"), "roles"),
            defaults={str(k): str(v) for k, v in defaults.items()},
            priority=priority,
            explains=explains,
            reproduce=reproduce,
            reproduce_skip=str(raw.get("reproduce_skip") or ""),
            expect_culprit=raw.get("expect_culprit"),
            source_file=source_file,
        )
    except ValueError as error:
        raise KnowledgeBaseError(f"{source_file}: entry {entry_id!r}: {error}") from None
    return entry
