"""Notebook cells by the name IPython gives them: `Cell In[2], line 9`, not
`/tmp/ipykernel_…/….py:9`.

IPython compiles each cell under a temporary file name and keeps the map from that name to
the cell's execution count; `shell.compile.format_code_name` is what its own tracebacks
print. The map lives only in the process that ran the cell, so the names are added where a
Diagnosis is made, and every renderer shows them.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Any, TypeVar

from torchwhy.diagnosis import Diagnosis

_Placed = TypeVar("_Placed")


def cell_name(file: str | None) -> str | None:
    """IPython's name for the cell compiled as `file` (`In[2]`), or None outside IPython."""
    if not file or "IPython" not in sys.modules:  # never import IPython for this
        return None
    try:
        from IPython import get_ipython

        compiler: Any = getattr(get_ipython(), "compile", None)
        named = compiler.format_code_name(file) if compiler is not None else None
    except Exception:  # an IPython without the method, or a shell in a strange state
        return None
    if not named:
        return None
    _label, name = named
    return str(name)


def _named(placed: _Placed) -> _Placed:
    """`placed` (a Location or a Culprit) with its cell's name, when its file is a cell."""
    if placed is None:
        return placed
    changes: dict[str, Any] = {}
    cell = cell_name(getattr(placed, "file", None))
    if cell is not None:
        changes["cell"] = cell
    made_at = getattr(placed, "made_at", None)
    if made_at is not None:
        changes["made_at"] = _named(made_at)
    return dataclasses.replace(placed, **changes) if changes else placed  # type: ignore[type-var]


def name_cells(diagnosis: Diagnosis) -> Diagnosis:
    """Every location of `diagnosis` in a notebook cell gets that cell's name."""
    if "IPython" not in sys.modules:
        return diagnosis
    try:
        location = _named(diagnosis.location)
        culprits = [_named(culprit) for culprit in diagnosis.culprits]
    except Exception:  # explain never raises: the file names are still right
        return diagnosis
    diagnosis.location, diagnosis.culprits = location, culprits
    return diagnosis
