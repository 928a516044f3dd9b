"""Which frames are the user's: everything but the standard library, installed packages,
torch itself and torchwhy."""

from __future__ import annotations

import types
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from torchwhy.library_paths import is_library_file
from torchwhy.provenance.safe_access import frame_locals


class FrameClassifier:
    """Caches the user/library verdict per filename for one trace."""

    def __init__(self, user_code_filter: Callable[[str], bool] | None) -> None:
        self._filter = user_code_filter
        self._verdicts: dict[str, bool] = {}

    def is_user(self, filename: str) -> bool:
        verdict = self._verdicts.get(filename)
        if verdict is None:
            if self._filter is not None:
                try:
                    verdict = bool(self._filter(filename))
                except Exception:
                    verdict = not is_library_file(filename)
            else:
                verdict = not is_library_file(filename)
            self._verdicts[filename] = verdict
        return verdict


@dataclass
class FrameEntry:
    """One traceback entry, alive only while tracing."""

    tb: types.TracebackType
    frame: types.FrameType
    index: int
    file: str
    line: int | None
    function: str
    is_user: bool

    @cached_property
    def local_values(self) -> dict[str, Any]:
        """Read once per trace: on 3.13 each `f_locals` read builds a new proxy."""
        return frame_locals(self.frame)


def entries_of(
    traceback: types.TracebackType, classifier: FrameClassifier, limit: int
) -> list[FrameEntry]:
    """The traceback's entries, innermost `limit` ones, outermost first."""
    chain: list[types.TracebackType] = []
    tb: types.TracebackType | None = traceback
    while tb is not None:
        chain.append(tb)
        tb = tb.tb_next
    chain = chain[-limit:]
    entries: list[FrameEntry] = []
    for index, tb in enumerate(chain):
        code = tb.tb_frame.f_code
        entries.append(
            FrameEntry(
                tb=tb,
                frame=tb.tb_frame,
                index=index,
                file=code.co_filename,
                line=tb.tb_lineno,
                function=code.co_name,
                is_user=classifier.is_user(code.co_filename),
            )
        )
    return entries
