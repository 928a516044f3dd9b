"""Where an error was raised as evidence (translator/raised_in.py): real errors, raised live
from code laid out as an installed library is, and the same frames pasted as text."""

from __future__ import annotations

import importlib
import sys
import traceback
from pathlib import Path

import pytest
import torch
from torch import nn

import torchwhy
from torchwhy.translator.normalize import parse
from torchwhy.translator.raised_in import places_of

VERSION_MISMATCH = "environment/version-mismatch"


def _import_from(folder: Path, name: str) -> BaseException:
    sys.path.insert(0, str(folder))
    try:
        importlib.import_module(name)
    except BaseException as error:  # the import error is what the test reads
        return error
    finally:
        sys.path.remove(str(folder))
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]
    raise AssertionError(f"importing {name} did not fail")


@pytest.fixture
def site_packages(tmp_path: Path) -> Path:
    folder = tmp_path / "lib" / "python3.11" / "site-packages"
    folder.mkdir(parents=True)
    return folder


def _pasted(error: BaseException) -> str:
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


def test_an_import_failing_inside_a_library_is_a_version_mismatch(site_packages: Path) -> None:
    # An old library importing a name a newer Python removed (collections.Container, 3.10).
    package = site_packages / "timm"
    package.mkdir()
    (package / "__init__.py").write_text("from collections import Container\n")
    error = _import_from(site_packages, "timm")
    assert isinstance(error, ImportError)
    for diagnosis in (
        torchwhy.explain(error, use_embedding=False),
        torchwhy.explain(_pasted(error), use_embedding=False),
    ):
        assert diagnosis.category == VERSION_MISMATCH
        assert diagnosis.entry == "library-import-fails-between-versions"
        # Read from the place alone, never measured: a possible reading, not a verdict.
        assert not diagnosis.verdict


def test_the_same_import_in_the_users_own_module_is_not_read(tmp_path: Path) -> None:
    package = tmp_path / "myproject"
    package.mkdir()
    (package / "__init__.py").write_text("from collections import Container\n")
    error = _import_from(tmp_path, "myproject")
    assert torchwhy.explain(error, use_embedding=False).category == "unknown"


def test_a_circular_import_inside_a_library_is_not_a_version_mismatch(
    site_packages: Path,
) -> None:
    package = site_packages / "timm"
    package.mkdir()
    (package / "__init__.py").write_text("from timm.layers import Block\n")
    (package / "layers.py").write_text("from timm import Block\n")
    error = _import_from(site_packages, "timm")
    assert "partially initialized" in str(error) or "circular import" in str(error)
    assert torchwhy.explain(error, use_embedding=False).category != VERSION_MISMATCH


def _module_missing_its_attribute(folder: Path) -> BaseException:
    """A layer whose code reads an attribute the object lacks (made by another release)."""
    (folder / "block.py").write_text(
        "from torch import nn\n\n"
        "class Block(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.drop_path = nn.Identity()\n\n"
        "    def forward(self, x):\n"
        "        return self.drop_path1(x)\n"
    )
    sys.path.insert(0, str(folder))
    try:
        block = importlib.import_module("block").Block()
        try:
            block(torch.ones(2))
        except AttributeError as error:
            return error
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop("block", None)
    raise AssertionError("the layer did not fail")


def test_a_library_layer_missing_its_own_attribute_is_read_from_the_place(
    site_packages: Path,
) -> None:
    library = site_packages / "timm"
    library.mkdir()
    error = _module_missing_its_attribute(library)
    diagnosis = torchwhy.explain(error, use_embedding=False)
    assert diagnosis.category == VERSION_MISMATCH
    assert diagnosis.entry == "module-attribute-from-another-version"
    assert not diagnosis.verdict
    assert torchwhy.explain(_pasted(error), use_embedding=False).category == VERSION_MISMATCH


def test_the_users_own_layer_missing_an_attribute_is_not_a_version_mismatch(
    tmp_path: Path,
) -> None:
    error = _module_missing_its_attribute(tmp_path)
    assert torchwhy.explain(error, use_embedding=False).category != VERSION_MISMATCH


def test_torchs_own_layer_code_missing_an_attribute_names_the_release() -> None:
    # A GELU pickled by torch < 1.12 has no `approximate`; its message alone decides.
    gelu = nn.GELU()
    del gelu.approximate
    with pytest.raises(AttributeError) as caught:
        gelu(torch.ones(2))
    diagnosis = torchwhy.explain(caught.value, use_embedding=False)
    assert diagnosis.entry == "module-attribute-from-another-version"
    assert diagnosis.verdict


def test_the_dataloader_is_the_place_of_a_collate_error() -> None:
    loader = torch.utils.data.DataLoader([torch.ones(2), torch.ones(3)], batch_size=2)
    with pytest.raises(RuntimeError) as caught:
        next(iter(loader))
    parsed = parse(_pasted(caught.value))
    categories = {c for place in places_of(parsed.exceptions[0]) for c in place.categories}
    assert "shape/collate-unequal" in categories
    assert "export/onnx" not in categories


def test_the_exception_type_names_the_component() -> None:
    # Verbatim, https://github.com/pytorch/pytorch/issues/103587: no rule reads Inductor's
    # message, but its type says Inductor raised it.
    pasted = (
        "torch._inductor.exc.LoweringException: AssertionError: Found <class "
        "'sympy.core.relational.Unequality'>, which is not a supported top level IR node. "
        "See [Note: Inductor IR]\n  target: <built-in function ne>"
    )
    diagnosis = torchwhy.explain(pasted, use_embedding=False)
    assert diagnosis.category == "compile/graph-break"
    assert not diagnosis.verdict
    # A type of no known component gives no reading of its own.
    assert torchwhy.explain("mylib.errors.LoweringException: x", use_embedding=False).category == (
        "unknown"
    )
