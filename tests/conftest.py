from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tests never download a model; the embedding cache goes to a per-session folder.
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private user data directory (drill scores, journal), plain output."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TORCHWHY_DATA_DIR", str(folder))
    monkeypatch.setenv("NO_COLOR", "1")
    return folder
