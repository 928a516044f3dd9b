"""torchwhy's environment is read in one module (`torchwhy/environment.py`): the truthy rule
for switches and the data and cache folders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import torchwhy
from torchwhy.environment import cache_dir, data_dir, env_flag

PACKAGE = Path(torchwhy.__file__).parent


@pytest.mark.parametrize(
    ("value", "on"),
    [("1", True), (" TRUE ", True), ("yes", True), ("On", True), ("0", False), ("", False)],
)
def test_env_flag(monkeypatch: pytest.MonkeyPatch, value: str, on: bool) -> None:
    monkeypatch.setenv("TORCHWHY_JOURNAL", value)
    assert env_flag("TORCHWHY_JOURNAL") is on


def test_folders_follow_their_variables(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TORCHWHY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TORCHWHY_CACHE_DIR", str(tmp_path / "cache"))
    assert data_dir() == tmp_path / "data"
    assert cache_dir() == tmp_path / "cache"
    from torchwhy.journal import journal_path
    from torchwhy.knowledge_base.compiled import _cache_dirs

    assert journal_path().parent == tmp_path / "data"
    assert list(_cache_dirs(tmp_path)) == [tmp_path / "cache"]


def test_no_other_module_parses_a_switch_or_finds_the_folders() -> None:
    truthy = re.compile(r'in \(?\{?"1", "true"')
    folders = re.compile(r"TORCHWHY_(?:DATA|CACHE)_DIR|\b(?:DATA_DIR|CACHE|CACHE_DIR)_ENV\b")
    offenders = [
        f"{path.relative_to(PACKAGE)}: {line.strip()}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "environment.py"
        for line in path.read_text(encoding="utf-8").splitlines()
        if truthy.search(line) or ("os.environ" in line and folders.search(line))
    ]
    assert offenders == []
