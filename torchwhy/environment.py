"""torchwhy's environment, read in one place: on/off switches (one rule for all of them) and
the folders for user data and caches."""

from __future__ import annotations

import os
from pathlib import Path

TRUTHY = frozenset({"1", "true", "yes", "on"})


def env_flag(name: str) -> bool:
    """Whether the variable `name` is set to 1, true, yes or on (any case, spaces ignored)."""
    return os.environ.get(name, "").strip().lower() in TRUTHY


DATA_DIR_ENV = "TORCHWHY_DATA_DIR"
CACHE_DIR_ENV = "TORCHWHY_CACHE_DIR"


def data_dir() -> Path:
    """Where torchwhy keeps user data (journal, drill scores): `$TORCHWHY_DATA_DIR`, else the
    platform's user data directory (`~/.local/share/torchwhy` on Linux). Not created here."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("torchwhy", appauthor=False))


def configured_cache_dir() -> Path | None:
    """`$TORCHWHY_CACHE_DIR` when set: the only cache folder then."""
    override = os.environ.get(CACHE_DIR_ENV)
    return Path(override).expanduser() if override else None


def cache_dir() -> Path:
    """Where torchwhy caches what it computes (compiled knowledge base, embeddings):
    `$TORCHWHY_CACHE_DIR`, else the platform's user cache directory."""
    configured = configured_cache_dir()
    if configured is not None:
        return configured
    import platformdirs

    return Path(platformdirs.user_cache_dir("torchwhy"))
