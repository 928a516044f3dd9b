"""User code versus library code: by exact places, never by a folder's name."""

from __future__ import annotations

import os
import sys
import sysconfig
import types
from pathlib import Path

import pytest
import torch

from torchwhy import library_paths
from torchwhy.library_paths import add_library_paths, is_library_file


@pytest.fixture(autouse=True)
def _no_declared_paths(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(library_paths, "_declared", [])
    monkeypatch.delenv(library_paths.LIBRARY_PATHS_ENV, raising=False)
    library_paths._prefixes.cache_clear()
    yield
    library_paths._prefixes.cache_clear()


def test_user_code_under_a_folder_named_torch_is_the_users(tmp_path: Path) -> None:
    script = tmp_path / "torch" / "nn" / "train.py"
    script.parent.mkdir(parents=True)
    script.write_text("x = 1\n")
    assert not is_library_file(str(script))
    assert not is_library_file(str(tmp_path / "torchwhy" / "mine.py"))


def test_installed_packages_the_standard_library_and_torch_are_library() -> None:
    assert is_library_file(torch.nn.modules.module.__file__)
    assert is_library_file(os.__file__)
    assert is_library_file(os.path.join(sysconfig.get_paths()["purelib"], "anything.py"))
    assert is_library_file(library_paths.__file__)


def test_pasted_paths_from_another_machine() -> None:
    assert is_library_file("/usr/lib/python3.10/site-packages/torch/nn/functional.py")
    assert is_library_file("/opt/conda/lib/python3.11/runpy.py")
    assert is_library_file(r"C:\Python311\Lib\runpy.py")
    # A source build of torch elsewhere, shaped as torch is laid out.
    assert is_library_file("/nonexistent/pytorch/torch/nn/modules/module.py")
    assert not is_library_file("/nonexistent/home/me/train.py")
    assert not is_library_file("<ipython-input-3-abc>")
    assert is_library_file("<frozen runpy>")


def test_declared_folders_and_modules_are_library(tmp_path: Path, monkeypatch) -> None:
    framework = tmp_path / "lab_framework"
    framework.mkdir()
    (framework / "__init__.py").write_text("")
    inner = str(framework / "loop.py")
    assert not is_library_file(inner)
    module = types.ModuleType("lab_framework")
    module.__file__ = str(framework / "__init__.py")
    add_library_paths(module)
    assert is_library_file(inner)

    library_paths._declared.clear()
    library_paths._prefixes.cache_clear()
    monkeypatch.setenv(
        library_paths.LIBRARY_PATHS_ENV, os.pathsep.join(["/elsewhere", str(framework)])
    )
    assert is_library_file(inner)
    assert not is_library_file(str(tmp_path / "train.py"))


def test_torch_in_sys_modules_is_read_live() -> None:
    assert "torch" in sys.modules
    assert is_library_file(os.path.join(os.path.dirname(torch.__file__), "_tensor.py"))
