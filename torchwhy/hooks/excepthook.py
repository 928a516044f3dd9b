"""`sys.excepthook` and `threading.excepthook`: the traceback Python would print, untouched,
then torchwhy's reading under it.

Manners (typer, rich, friendly-traceback): the previous hook is kept and called to print the
traceback; KeyboardInterrupt, SystemExit and GeneratorExit pass straight through; with
TORCHWHY_DISABLE=1 the hooks only defer; if annotating fails, one line says so and the exit
status stays what Python would give (the interpreter decides it, not us).
"""

from __future__ import annotations

import atexit
import contextlib
import sys
import threading
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from torchwhy.hooks import config

if TYPE_CHECKING:
    from torchwhy.diagnosis import Diagnosis

PASS_THROUGH: tuple[type[BaseException], ...] = (KeyboardInterrupt, SystemExit, GeneratorExit)


class _State:
    """What install() configured. Previous hooks stay known after uninstall, so a hook that
    someone else chained to ours still reaches them."""

    def __init__(self) -> None:
        self.active = False
        self.previous_sys: Any = None
        self.previous_thread: Any = None
        self.use_embedding = True
        self.journal: bool | None = None
        # The last reading printed, and the id of its exception (for `run --report`).
        # A summary only: never the exception or its traceback.
        self.last: Diagnosis | None = None
        self.last_exc_id: int | None = None
        self.exit_guard_registered = False
        self.local = threading.local()


STATE = _State()


def last_diagnosis_for(exc: BaseException) -> Diagnosis | None:
    """The reading the hook printed for `exc`, if it was the last one."""
    return STATE.last if STATE.last_exc_id == id(exc) else None


def annotate_to(exc: BaseException, stream: IO[str] | None) -> Diagnosis | None:
    """Print the compact reading of `exc` on `stream`. Never raises: a failure costs one line."""
    if stream is None:
        return None
    local = STATE.local
    if getattr(local, "busy", False):  # an error while annotating an error: leave it to Python
        return None
    local.busy = True
    try:
        from torchwhy.hooks.annotation import compact_text, diagnose, journal
        from torchwhy.hooks.notes import has_note

        if has_note(exc):  # `annotate()` attached the reading: the traceback just showed it
            return None

        from torchwhy.hooks.budget import within_budget

        use_embedding = config.embedding_allowed(STATE.use_embedding)
        diagnosis = within_budget(lambda: diagnose(exc, use_embedding=use_embedding))
        STATE.last, STATE.last_exc_id = diagnosis, id(exc)
        text = compact_text(diagnosis, stream)
        if text:
            stream.write(text)
            _flush(stream)
        journal(diagnosis, STATE.journal, source=_source())
        return diagnosis
    except KeyboardInterrupt:  # Ctrl-C while reading: the user wants out, not a reading
        return None
    except BaseException as error:  # a SystemExit inside torchwhy must not change the status
        try:
            stream.write(config.failure_line(error))
            _flush(stream)
        except Exception:
            pass
        return None
    finally:
        local.busy = False


def _flush(stream: IO[str] | None) -> None:
    try:
        if stream is not None:
            stream.flush()
    except Exception:
        pass


def _source() -> str | None:
    argv = getattr(sys, "argv", None)
    return argv[0] if argv and argv[0] not in ("", "-c") else None


def _wants_annotation(exc_type: type[BaseException] | None) -> bool:
    if not STATE.active or config.disabled() or exc_type is None:
        return False
    try:
        return not issubclass(exc_type, PASS_THROUGH)
    except TypeError:
        return False


@contextlib.contextmanager
def _reentry() -> Iterator[bool]:
    """True when our hook is already running on this thread: a hook that wrapped ours after
    an uninstall and a reinstall would otherwise chain back to it for ever."""
    local = STATE.local
    reentered = getattr(local, "in_hook", False)
    local.in_hook = True
    try:
        yield reentered
    finally:
        local.in_hook = reentered


def torchwhy_excepthook(exc_type: type[BaseException], exc: BaseException, tb: Any) -> None:
    """sys.excepthook: the previous hook prints the traceback, then the reading."""
    with _reentry() as reentered:
        previous = sys.__excepthook__ if reentered else (STATE.previous_sys or sys.__excepthook__)
        previous(exc_type, exc, tb)
        if not reentered and _wants_annotation(exc_type) and exc is not None:
            annotate_to(exc, sys.stderr)
            _uncaught_ends_process()


def _uncaught_ends_process() -> None:
    """Outside an interactive session, an exception reaching sys.excepthook ends the process
    with status 1: the status to keep if the reading is still running at exit."""
    if not (hasattr(sys, "ps1") or sys.flags.interactive):
        from torchwhy.hooks.budget import set_exit_status

        set_exit_status(1)


def torchwhy_threading_excepthook(args: Any) -> None:
    """threading.excepthook: the same for an exception that ends a thread."""
    with _reentry() as reentered:
        previous = (
            threading.__excepthook__
            if reentered
            else (STATE.previous_thread or threading.__excepthook__)
        )
        previous(args)
        if not reentered and _wants_annotation(args.exc_type) and args.exc_value is not None:
            annotate_to(args.exc_value, sys.stderr)


torchwhy_excepthook._torchwhy_hook = True  # type: ignore[attr-defined]
torchwhy_threading_excepthook._torchwhy_hook = True  # type: ignore[attr-defined]


def is_ours(hook: Any) -> bool:
    return bool(getattr(hook, "_torchwhy_hook", False))


def install_excepthooks(*, use_embedding: bool, journal: bool | None) -> None:
    if not STATE.exit_guard_registered:
        from torchwhy.hooks.budget import exit_with_status_if_reading_runs

        atexit.register(exit_with_status_if_reading_runs)
        STATE.exit_guard_registered = True
    STATE.use_embedding = use_embedding
    STATE.journal = journal
    if not is_ours(sys.excepthook):
        STATE.previous_sys = sys.excepthook
        sys.excepthook = torchwhy_excepthook
    if not is_ours(threading.excepthook):
        STATE.previous_thread = threading.excepthook
        threading.excepthook = torchwhy_threading_excepthook
    STATE.active = True


def uninstall_excepthooks() -> None:
    """Put the previous hooks back where ours is still in place; where someone has wrapped
    ours since, leave their hook alone: ours then only defers."""
    STATE.active = False
    if sys.excepthook is torchwhy_excepthook:
        sys.excepthook = STATE.previous_sys or sys.__excepthook__
    if threading.excepthook is torchwhy_threading_excepthook:
        threading.excepthook = STATE.previous_thread or threading.__excepthook__
