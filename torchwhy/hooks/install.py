"""`torchwhy.install()` / `torchwhy.uninstall()`: switch the crash and warning hooks on and off.

Installing costs nothing measurable: only the standard library is imported here; the
translator, the tracer and rich load when the first error is annotated.
"""

from __future__ import annotations

from torchwhy.hooks import config
from torchwhy.hooks.excepthook import install_excepthooks, uninstall_excepthooks
from torchwhy.hooks.warnings_hook import install_warnings, uninstall_warnings


def install(*, warnings: bool = False, journal: bool | None = None, embedding: bool = True) -> None:
    """Annotate every uncaught exception (main thread and threads) under its traceback.

    Args:
        warnings: also annotate the few torch warnings that signal a silent bug
            (target-size broadcasting in MSELoss, implicit softmax dim, ...).
        journal: record each diagnosed crash in the bug journal; None follows
            TORCHWHY_JOURNAL.
        embedding: allow the embedding model (seconds to load, once) for wordings the rules
            do not know; TORCHWHY_NO_EMBED=1 turns it off too.

    Idempotent; does nothing when TORCHWHY_DISABLE=1.
    """
    if config.disabled():
        return
    install_excepthooks(use_embedding=embedding, journal=journal)
    if warnings:
        install_warnings(journal=journal)
    else:
        uninstall_warnings()


def uninstall() -> None:
    """Restore the hooks that were there before `install()`."""
    uninstall_excepthooks()
    uninstall_warnings()
