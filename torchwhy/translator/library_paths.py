"""Tell library code (torch, site-packages, the standard library) from the user's own."""

from __future__ import annotations

import re
import sysconfig

_LIBRARY_MARKERS = re.compile(
    r"(?:site-packages|dist-packages|[/\\]torch[/\\]|[/\\]torchwhy[/\\]|<frozen |[/\\]lib[/\\]python\d"
    r"|[/\\]Lib[/\\])"
)
_STDLIB = sysconfig.get_paths().get("stdlib", "")


def is_library_file(path: str) -> bool:
    """True for frames a user did not write: libraries, the standard library, torchwhy."""
    if _STDLIB and path.startswith(_STDLIB):
        return True
    return bool(_LIBRARY_MARKERS.search(path))
