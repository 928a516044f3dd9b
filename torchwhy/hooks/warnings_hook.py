"""Silent bugs: torch warnings that mean the result is wrong, annotated like a crash.

`warnings.showwarning` is chained: the warning is shown as usual, then, for the few
warnings listed in WATCHED only, the compact reading when the knowledge base knows it.
Each watched warning is annotated once per process.
"""

from __future__ import annotations

import contextlib
import re
import sys
import threading
import warnings
from typing import Any

from torchwhy.hooks import config

# The warnings that signal a real bug. Only these are ever explained.
WATCHED: tuple[re.Pattern[str], ...] = (
    # MSELoss / L1Loss / SmoothL1Loss: (N,) targets broadcast against (N, 1) outputs.
    re.compile(r"Using a target size \(.*?\) that is different to the input size"),
    re.compile(r"Implicit dimension choice for \w+ has been deprecated"),
    re.compile(r"The \.grad attribute of a Tensor that is not a leaf Tensor is being accessed"),
    re.compile(r"Detected call of `lr_scheduler\.step\(\)` before `optimizer\.step\(\)`"),
    re.compile(r"Was asked to gather along dimension \d+, but all input tensors were scalars"),
)


# The standard library's own showwarning, for when no previous one was recorded.
_ORIGINAL = getattr(warnings, "_showwarning_orig", warnings.showwarning)


class _State:
    def __init__(self) -> None:
        self.active = False
        self.previous: Any = None
        self.seen: set[int] = set()  # indexes into WATCHED already annotated
        self.journal: bool | None = None
        self.lock = threading.Lock()


STATE = _State()


def watched_index(message: str) -> int | None:
    for index, pattern in enumerate(WATCHED):
        if pattern.search(message):
            return index
    return None


def torchwhy_showwarning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    previous = STATE.previous or _ORIGINAL
    previous(message, category, filename, lineno, file, line)
    if not STATE.active or config.disabled():
        return
    try:
        text = str(message)
        index = watched_index(text)
        if index is None:
            return
        with STATE.lock:
            if index in STATE.seen:
                return
            STATE.seen.add(index)
        stream = file if file is not None else sys.stderr
        if stream is None:
            return
        from torchwhy.hooks.annotation import compact_text, diagnose, journal

        # Rules and fuzzy matching only: a warning must never stall a training loop.
        diagnosis = diagnose(text, use_embedding=False)
        annotation = compact_text(diagnosis, stream)
        if annotation:
            stream.write(annotation)
            stream.flush()
        journal(diagnosis, STATE.journal, source=filename)
    except KeyboardInterrupt:  # the user's Ctrl-C is for their program: let it stop
        raise
    except BaseException as error:  # the warning was shown; the reading is a bonus
        with contextlib.suppress(Exception):
            (file or sys.stderr).write(config.failure_line(error))


torchwhy_showwarning._torchwhy_hook = True  # type: ignore[attr-defined]


def install_warnings(*, journal: bool | None) -> None:
    STATE.journal = journal
    if not getattr(warnings.showwarning, "_torchwhy_hook", False):
        STATE.previous = warnings.showwarning
        warnings.showwarning = torchwhy_showwarning
    STATE.active = True


def uninstall_warnings() -> None:
    STATE.active = False
    if warnings.showwarning is torchwhy_showwarning:
        warnings.showwarning = STATE.previous or _ORIGINAL
