"""`torchwhy.annotate(exc)`: the short reading attached to the exception as a PEP 678 note.

The standard library, IPython, rich and pytest all print notes, so any of them shows the
reading without knowing torchwhy. Added once per exception; none for an unknown error.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from torchwhy.hooks import config

if TYPE_CHECKING:
    from torchwhy.diagnosis import Diagnosis

NOTE_PREFIX = "torchwhy ["


def has_note(exc: BaseException) -> bool:
    notes = getattr(exc, "__notes__", None) or ()
    return any(isinstance(note, str) and note.startswith(NOTE_PREFIX) for note in notes)


def add_note(exc: BaseException, note: str) -> None:
    if sys.version_info >= (3, 11):
        exc.add_note(note)
        return
    notes = getattr(exc, "__notes__", None)
    if not isinstance(notes, list):
        notes = []
        exc.__notes__ = notes  # type: ignore[attr-defined]
    notes.append(note)


def annotate(exc: BaseException, *, use_embedding: bool = True) -> Diagnosis:
    """Explain `exc` and attach the short reading as a note (once); return the Diagnosis.

    With TORCHWHY_DISABLE=1 the Diagnosis is still returned, but no note is added.
    """
    if not isinstance(exc, BaseException):
        raise TypeError(f"annotate() takes an exception, not {type(exc).__name__}")
    from torchwhy.hooks.annotation import diagnose, short_note

    diagnosis = diagnose(exc, use_embedding=config.embedding_allowed(use_embedding))
    if diagnosis.is_known and not config.disabled() and not has_note(exc):
        add_note(exc, short_note(diagnosis))
    return diagnosis
