"""The traceback a DataLoader worker process prints into the error it re-raises.

The main process re-raises a worker's exception with the worker's traceback as text
("Original Traceback (most recent call last): ..."). Its frames are facts written by
Python; the innermost one in the user's code (a Dataset's `__getitem__`, a transform, a
`collate_fn`) is where the data pipeline failed.
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
    start = message.find(_MARKER)
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


def worker_statement_name(failure: Location, exception_type: str | None) -> str | None:
    """What the worker's failing statement names, read from its source: the container
    an IndexError/KeyError indexed (`self.frames` in `frame = self.frames[idx]`), else the
    name the statement makes (`tags` in `tags = torch.stack(...)`)."""
    try:
        import executing

        statements = executing.Source.for_filename(failure.file).statements_at_line(failure.line)
    except Exception:
        return None
    for statement in statements:
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
