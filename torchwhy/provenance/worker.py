"""Tracebacks quoted in a message: a DataLoader worker's, torch.compile's user code.

The main process re-raises a worker's exception with the worker's traceback as text
("Original Traceback (most recent call last): ..."); torch.compile quotes the user frames
it was tracing ("from user code: ..."). These frames are facts written by Python; the
innermost one in the user's code (a Dataset's `__getitem__`, a transform, a `collate_fn`,
a compiled `forward`) is where it failed, though that frame never reached the traceback.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from torchwhy.diagnosis import Location

_MARKER = "Original Traceback (most recent call last):"
_FRAME = re.compile(
    r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+), in (?P<function>[^\n]+)\n(?P<code>[^\n]*)',
    re.MULTILINE,
)


def worker_failure(message: str, is_user_file: Callable[[str], bool]) -> Location | None:
    """The innermost user frame of the worker traceback in the message, if any."""
    return _quoted_user_frame(message, _MARKER, is_user_file)


# torch.compile (dynamo) traces the user's forward without running its frame: the frames
# it was tracing are quoted under this line of its message instead.
_COMPILED_MARKER = "from user code:"


# torch.export's words for the same quote, after its own graph dump.
_EXPORTED_MARKER = "The following call raised this error:"


def compiled_failure(message: str, is_user_file: Callable[[str], bool]) -> Location | None:
    """The innermost user frame torch.compile (or torch.export) quotes as the code it
    failed to trace."""
    return _quoted_user_frame(message, _COMPILED_MARKER, is_user_file) or _quoted_user_frame(
        message, _EXPORTED_MARKER, is_user_file
    )


def _quoted_user_frame(
    message: str, marker: str, is_user_file: Callable[[str], bool]
) -> Location | None:
    start = message.find(marker)
    if start < 0:
        return None
    found: Location | None = None
    for match in _FRAME.finditer(message, start):
        if is_user_file(match["file"]):
            code = match["code"].strip()
            found = Location(
                file=match["file"],
                line=int(match["line"]),
                function=match["function"].strip(),
                code=code if code and not set(code) <= set("^~ ") else None,
            )
    return found


_LAST_KEY_ERROR = re.compile(r"^KeyError: (.+)$", re.MULTILINE)


def worker_key(message: str) -> str | None:
    """The key of the KeyError the worker's traceback ends with (`'label'` -> `label`)."""
    found = _LAST_KEY_ERROR.findall(message)
    if not found:
        return None
    text = found[-1].strip()
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" else text


def failed_in_default_collate(message: str) -> bool:
    """The worker's innermost frame is torch's default collate: it could not batch the
    samples as they are (no `collate_fn` of the user's ran)."""
    start = message.find(_MARKER)
    if start < 0:
        return False
    frames = list(_FRAME.finditer(message, start))
    return bool(frames) and frames[-1]["file"].replace("\\", "/").endswith(
        "torch/utils/data/_utils/collate.py"
    )


def worker_statement_name(
    failure: Location, exception_type: str | None, key: str | None = None
) -> str | None:
    """What the worker's failing statement names, read from its source: the lookup of the
    missing key of a KeyError (`record["label"]`), the container an IndexError/KeyError
    indexed (`self.frames` in `frame = self.frames[idx]`), else the name the statement
    makes (`tags` in `tags = torch.stack(...)`)."""
    try:
        import executing

        source = executing.Source.for_filename(failure.file)
        statements = source.statements_at_line(failure.line)
    except Exception:
        return None
    for statement in statements:
        if exception_type == "KeyError" and key is not None:
            # `record["label"]` for `KeyError: 'label'`: the lookup that found no such key.
            for node in ast.walk(statement):
                if (
                    isinstance(node, ast.Subscript)
                    and isinstance(node.slice, ast.Constant)
                    and str(node.slice.value) == key
                ):
                    return ast.get_source_segment(source.text, node) or ast.unparse(node)
        if exception_type in ("IndexError", "KeyError"):
            for node in ast.walk(statement):
                if isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Constant):
                    return ast.unparse(node.value)
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            return statement.targets[0].id
    return None


def statement_subject(failure: Location) -> tuple[str, Location] | None:
    """The value a quoted statement turns on, read from its source, with where its function
    last assigned it: `scale` in `if scale > 1.0:` (made by `scale = x.max().item()`), the
    name an assignment makes otherwise."""
    try:
        import executing

        source = executing.Source.for_filename(failure.file)
        statements = source.statements_at_line(failure.line)
    except Exception:
        return None
    for statement in statements:
        name = None
        if isinstance(statement, (ast.If, ast.While, ast.Assert)):
            # The first name read, in source order: `scores` in `if scores.max() <
            # self.threshold:` (`self` is the object the line runs in, not a value of it).
            loaded = [
                node
                for node in ast.walk(statement.test)
                if isinstance(node, ast.Name)
                and isinstance(node.ctx, ast.Load)
                and node.id not in ("self", "cls")
            ]
            first = min(loaded, key=lambda node: (node.lineno, node.col_offset), default=None)
            name = first.id if first else None
        elif (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            name = statement.targets[0].id
        if name is None:
            continue
        return name, _assigned_before(source, failure, name) or failure
    return None


def _assigned_before(source: object, failure: Location, name: str) -> Location | None:
    """The last `name = ...` above the failing line in the same function."""
    tree = getattr(source, "tree", None)
    lines = getattr(source, "lines", None)
    if tree is None or failure.line is None:
        return None
    found: ast.stmt | None = None
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if not node.lineno <= failure.line <= (node.end_lineno or node.lineno):
            continue
        for statement in ast.walk(node):
            if (
                isinstance(statement, ast.Assign)
                and statement.lineno < failure.line
                and any(
                    isinstance(target, ast.Name) and target.id == name
                    for target in statement.targets
                )
                and (found is None or statement.lineno > found.lineno)
            ):
                found = statement
    if found is None:
        return None
    return Location(
        file=failure.file,
        line=found.lineno,
        function=failure.function,
        code=lines[found.lineno - 1].strip() if lines else None,
    )
