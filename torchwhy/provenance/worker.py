"""The traceback a DataLoader worker process prints into the error it re-raises.

The main process re-raises a worker's exception with the worker's traceback as text
("Original Traceback (most recent call last): ..."). Its frames are facts written by
Python; the innermost one in the user's code (a Dataset's `__getitem__`, a transform, a
`collate_fn`) is where the data pipeline failed.
"""

from __future__ import annotations

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
