"""Reversible monkey-patching: a dry run changes torch's behaviour for its duration only,
so a notebook or a test process is left exactly as it was."""

from __future__ import annotations

from typing import Any

_MISSING = object()


class Patches:
    def __init__(self) -> None:
        self._undo: list[tuple[Any, str, Any]] = []

    def set(self, owner: Any, name: str, value: Any) -> None:
        """Replace `owner.name` until `undo()`. A class attribute is restored from the class's
        own dict (a descriptor stays a descriptor; an inherited one is deleted again)."""
        if isinstance(owner, type):
            previous = owner.__dict__.get(name, _MISSING)
        else:
            previous = getattr(owner, name, _MISSING)
        self._undo.append((owner, name, previous))
        setattr(owner, name, value)

    def undo(self) -> None:
        while self._undo:
            owner, name, previous = self._undo.pop()
            if previous is _MISSING:
                delattr(owner, name)
            else:
                setattr(owner, name, previous)
