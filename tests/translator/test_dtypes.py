"""The one dtype vocabulary (`torchwhy/dtypes.py`): torch's own spellings read back to its
names, and no other module keeps a table of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

import torchwhy
from torchwhy.dtypes import CAST_METHOD, FLOAT_DTYPES, INTEGER_DTYPES, from_scalar_type, from_word

PACKAGE = Path(torchwhy.__file__).parent


@pytest.mark.parametrize("name", sorted(FLOAT_DTYPES | INTEGER_DTYPES | {"bool"}))
def test_every_spelling_torch_prints_reads_back(name: str) -> None:
    dtype = getattr(torch, name)
    assert from_word(str(dtype)) == name  # torch.float16
    assert from_word(name) == name
    if name in CAST_METHOD:
        assert getattr(torch.zeros(1), CAST_METHOD[name])().dtype == dtype


def test_scalar_type_names_from_a_real_message() -> None:
    with pytest.raises(RuntimeError) as raised:
        F.cross_entropy(torch.randn(4, 3), torch.tensor([0.0, 2.0, 1.0, 1.0]))
    found = re.search(r"but got (\w+)", str(raised.value)).group(1)
    assert from_scalar_type(found) == "float32"
    assert (
        from_scalar_type("c10::Half")
        == from_scalar_type("struct c10::BFloat16".replace("BFloat16", "Half"))
        == "float16"
    )
    assert from_scalar_type("labels") is None and from_word("labels") is None
    assert from_word("torch.LongTensor") == "int64" and from_word("half") == "float16"


NAMES = r"(?:u?int\d+|float\d+|bfloat16|bool)"
# A table maps a spelling to a dtype name or back (`"Half": "float16"`, `"float32": "float"`)
# or lists several (`{"int8", "int16"}`).
MAPPING_ITEM = re.compile(rf'"[A-Za-z0-9:.]+"\s*:\s*"{NAMES}"|"{NAMES}"\s*:\s*"[A-Za-z0-9:.]+"')
LISTED = re.compile(rf'"({NAMES})"')


def is_table_line(line: str) -> bool:
    code = line.split("#", 1)[0]
    return bool(MAPPING_ITEM.search(code)) or len(set(LISTED.findall(code))) >= 2


def test_the_table_detector_sees_the_old_tables() -> None:
    assert is_table_line('    "c10::Half": "float16",')
    assert is_table_line('    "float32": "float",')
    assert is_table_line('_FLOAT = frozenset({"float16", "bfloat16", "float32", "float64"})')
    assert not is_table_line('    if tensor.dtype != "int64":')
    assert not is_table_line('    "default_dtype": "float32",')  # a setting, not a table
    assert not is_table_line('    dtype: str | None = None  # "float32", "int64", ...')


def test_no_other_module_keeps_a_dtype_table() -> None:
    owners = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name != "dtypes.py"
        and any(is_table_line(line) for line in path.read_text(encoding="utf-8").splitlines())
    ]
    assert owners == []
