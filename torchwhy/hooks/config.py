"""The switches every hook obeys, and the one line a hook prints when torchwhy itself fails.

Kept free of heavy imports: `install()` and every excepthook import this module first.
"""

from __future__ import annotations

from torchwhy.environment import env_flag

DISABLE_ENV = "TORCHWHY_DISABLE"
NO_EMBED_ENV = "TORCHWHY_NO_EMBED"
# Where a user reports an annotation that failed. The project has no public tracker address
# yet; the line says what to send instead of inventing one.
REPORT_HINT = "report it to the torchwhy maintainers with this line and `pip show torchwhy`"


def disabled() -> bool:
    """`TORCHWHY_DISABLE=1`: install does nothing and installed handlers pass through."""
    return env_flag(DISABLE_ENV)


def embedding_allowed(requested: bool = True) -> bool:
    """Whether a hook may load the embedding model (seconds, once): off with TORCHWHY_NO_EMBED=1."""
    return requested and not env_flag(NO_EMBED_ENV)


def failure_line(error: BaseException) -> str:
    """The single line printed under the untouched traceback when annotating failed."""
    try:
        detail = f"{type(error).__name__}: {error}"
    except Exception:  # a broken __str__ must not fail the failure line
        detail = type(error).__name__
    detail = " ".join(detail.split())[:300]
    return (
        f"torchwhy: could not annotate this error ({detail}); "
        f"set {DISABLE_ENV}=1 to silence, {REPORT_HINT}\n"
    )
