"""Tell library code (torch, installed packages, the standard library, torchwhy) from the
user's own, for live frames and for paths in a traceback pasted from another machine."""

from __future__ import annotations

import functools
import os
import re
import sys
import sysconfig
from pathlib import Path

# Path shapes that mean "not the user's code" wherever the traceback came from.
_LIBRARY_MARKERS = re.compile(
    r"(?:site-packages|dist-packages|[/\\]torch[/\\]|[/\\]torchwhy[/\\]|[/\\]lib[/\\]python\d"
    r"|[/\\]Lib[/\\])"
)
# Pseudo-filenames that are still the user's code (notebook cells, exec'd strings).
_USER_PSEUDO_FILES = (
    "<ipython-input-",
    "<ipython-cell",
    "<cell",
    "<string>",
    "<stdin>",
    "<console>",
    "<input>",
)


@functools.cache
def _local_library_prefixes() -> tuple[str, ...]:
    prefixes: set[str] = set()
    paths = sysconfig.get_paths()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        if paths.get(key):
            prefixes.add(os.path.abspath(paths[key]))
    prefixes.add(str(Path(__file__).resolve().parent))  # the torchwhy package itself
    torch = sys.modules.get("torch")
    torch_file = getattr(torch, "__file__", None) if torch is not None else None
    if torch_file:
        prefixes.add(os.path.dirname(os.path.abspath(torch_file)))
    return tuple(sorted(prefix.rstrip(os.sep) + os.sep for prefix in prefixes))


def is_library_file(filename: str) -> bool:
    """True for frames a user did not write."""
    if filename.startswith("<"):
        return not filename.startswith(_USER_PSEUDO_FILES)
    if _LIBRARY_MARKERS.search(filename):
        return True
    return os.path.abspath(filename).startswith(_local_library_prefixes())
