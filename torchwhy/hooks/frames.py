"""Hide our own frames: a script run by `torchwhy run` must show the traceback that
`python script.py` shows, without torchwhy's or runpy's frames on top."""

from __future__ import annotations

from types import TracebackType

_OURS = ("torchwhy", "runpy", "click", "typer")


def _is_ours(tb: TracebackType) -> bool:
    name = tb.tb_frame.f_globals.get("__name__")
    if not isinstance(name, str):
        return False
    return any(name == prefix or name.startswith(prefix + ".") for prefix in _OURS)


def strip_leading_frames(tb: TracebackType | None) -> TracebackType | None:
    """Advance past the leading frames of torchwhy, runpy and the CLI; stop at the first
    frame of the user's code. Returns `tb` itself when every frame is ours (a failure in
    torchwhy must stay visible)."""
    current = tb
    while current is not None and _is_ours(current):
        current = current.tb_next
    return current if current is not None else tb


def only_ours(tb: TracebackType | None) -> bool:
    """True when no frame of `tb` is the user's: the failure came before their code ran
    (a script that does not compile, a module that does not exist)."""
    while tb is not None:
        if not _is_ours(tb):
            return False
        tb = tb.tb_next
    return True
