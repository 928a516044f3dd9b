"""Reading torchwhy's on/off switches from the environment, one rule for all of them."""

from __future__ import annotations

import os

TRUTHY = frozenset({"1", "true", "yes", "on"})


def env_flag(name: str) -> bool:
    """Whether the variable `name` is set to 1, true, yes or on (any case, spaces ignored)."""
    return os.environ.get(name, "").strip().lower() in TRUTHY
