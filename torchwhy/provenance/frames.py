"""Which frames are the user's: everything but the standard library, installed packages,
torch itself and torchwhy."""

from __future__ import annotations

import functools
import os
import sys
import sysconfig
from collections.abc import Callable
from pathlib import Path

_LIBRARY_MARKERS = (f"{os.sep}site-packages{os.sep}", f"{os.sep}dist-packages{os.sep}")
# Pseudo-filenames that are still the user's code (notebook cells, exec'd strings).
_USER_PSEUDO_FILES = ("<ipython-input-", "<cell", "<string>", "<stdin>", "<console>", "<input>")


@functools.cache
def _library_prefixes() -> tuple[str, ...]:
    prefixes: set[str] = set()
    paths = sysconfig.get_paths()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        if paths.get(key):
            prefixes.add(os.path.abspath(paths[key]))
    torchwhy_dir = Path(__file__).resolve().parent.parent
    prefixes.add(str(torchwhy_dir))
    torch = sys.modules.get("torch")
    torch_file = getattr(torch, "__file__", None) if torch is not None else None
    if torch_file:
        prefixes.add(os.path.dirname(os.path.abspath(torch_file)))
    return tuple(sorted(prefix.rstrip(os.sep) + os.sep for prefix in prefixes))


def is_library_file(filename: str) -> bool:
    if filename.startswith("<"):
        return not filename.startswith(_USER_PSEUDO_FILES)
    path = os.path.abspath(filename)
    if any(marker in path for marker in _LIBRARY_MARKERS):
        return True
    return path.startswith(_library_prefixes())


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
