"""Python's own generic errors on plain objects are not PyTorch readings.

The 50-odd commonest generic Python exception messages, raised as users meet them (bare, or at
the end of a traceback of their own code), must come back `unknown` — fast, without loading the
embedding model. With PyTorch context the same wording gets the reading the context shows: a
None reaching a loss is a forward without `return`; a None inside a Dataset's __getitem__ is a
sample that failed to load.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset

import torchwhy
from torchwhy.categories import UNKNOWN

GENERIC = [
    ("AttributeError", "'NoneType' object has no attribute 'shape'"),
    ("AttributeError", "'NoneType' object has no attribute 'size'"),
    ("AttributeError", "'NoneType' object has no attribute 'group'"),
    ("AttributeError", "'str' object has no attribute 'decode'"),
    ("AttributeError", "'list' object has no attribute 'shape'"),
    ("AttributeError", "'dict' object has no attribute 'iteritems'"),
    ("AttributeError", "module 'os' has no attribute 'errno'"),
    ("AttributeError", "'int' object has no attribute 'append'"),
    ("AttributeError", "'tuple' object has no attribute 'to'"),
    ("AttributeError", "'Config' object has no attribute 'lr'"),
    ("TypeError", "'int' object is not callable"),
    ("TypeError", "'NoneType' object is not subscriptable"),
    ("TypeError", "'NoneType' object is not iterable"),
    ("TypeError", "'str' object is not callable"),
    ("TypeError", "'module' object is not callable"),
    ("TypeError", 'can only concatenate str (not "int") to str'),
    ("TypeError", "unsupported operand type(s) for +: 'int' and 'str'"),
    ("TypeError", "list indices must be integers or slices, not str"),
    ("TypeError", "string indices must be integers"),
    ("TypeError", "unhashable type: 'list'"),
    ("TypeError", "object of type 'NoneType' has no len()"),
    ("TypeError", "main() got an unexpected keyword argument 'config'"),
    ("TypeError", "__init__() missing 1 required positional argument: 'path'"),
    ("TypeError", "train() takes 2 positional arguments but 3 were given"),
    ("TypeError", "'float' object cannot be interpreted as an integer"),
    ("TypeError", "argument of type 'NoneType' is not iterable"),
    ("TypeError", "expected str, bytes or os.PathLike object, not NoneType"),
    ("TypeError", "Object of type int64 is not JSON serializable"),
    ("IndexError", "list index out of range"),
    ("IndexError", "tuple index out of range"),
    ("IndexError", "string index out of range"),
    ("KeyError", "'label'"),
    ("KeyError", "'model_state_dict'"),
    ("KeyError", "0"),
    ("ValueError", "too many values to unpack (expected 2)"),
    ("ValueError", "not enough values to unpack (expected 3, got 2)"),
    ("ValueError", "invalid literal for int() with base 10: 'abc'"),
    ("ValueError", "could not convert string to float: 'N/A'"),
    ("ValueError", "math domain error"),
    ("ValueError", "I/O operation on closed file."),
    ("NameError", "name 'np' is not defined"),
    ("UnboundLocalError", "local variable 'x' referenced before assignment"),
    ("FileNotFoundError", "[Errno 2] No such file or directory: 'data/train.csv'"),
    ("PermissionError", "[Errno 13] Permission denied: '/output'"),
    ("ModuleNotFoundError", "No module named 'cv2'"),
    ("ImportError", "cannot import name 'soft_unicode' from 'markupsafe'"),
    ("ZeroDivisionError", "division by zero"),
    ("RecursionError", "maximum recursion depth exceeded while calling a Python object"),
    ("json.decoder.JSONDecodeError", "Expecting value: line 1 column 1 (char 0)"),
    (
        "UnicodeDecodeError",
        "'utf-8' codec can't decode byte 0x80 in position 0: invalid start byte",
    ),
    ("AssertionError", ""),
    ("StopIteration", ""),
    ("OSError", "[Errno 28] No space left on device"),
    ("RuntimeError", "dictionary changed size during iteration"),
    ("yaml.scanner.ScannerError", "mapping values are not allowed here"),
]


def _as_traceback(exception_type: str, message: str) -> str:
    return (
        "Traceback (most recent call last):\n"
        '  File "train.py", line 41, in <module>\n'
        "    main(config)\n"
        '  File "train.py", line 12, in main\n'
        "    value = prepare(config)\n"
        f"{exception_type}: {message}".rstrip()
    )


@pytest.mark.parametrize(("exception_type", "message"), GENERIC, ids=[m for _, m in GENERIC])
@pytest.mark.parametrize("shape", ["bare", "traceback"])
def test_a_generic_python_error_is_unknown(exception_type: str, message: str, shape: str) -> None:
    text = (
        f"{exception_type}: {message}"
        if shape == "bare"
        else _as_traceback(exception_type, message)
    )
    diagnosis = torchwhy.explain(text)
    assert diagnosis.category == UNKNOWN, (diagnosis.entry, diagnosis.matched_by)


def test_deciding_unknown_never_loads_the_embedding_model() -> None:
    # A fresh process: other tests in this one may have loaded the model already.
    script = (
        "import sys, torchwhy\n"
        "from tests.translator.test_generic_python_errors import GENERIC, _as_traceback\n"
        "for exception_type, message in GENERIC:\n"
        "    assert torchwhy.explain(_as_traceback(exception_type, message)).category == 'unknown'\n"
        "print('sentence_transformers' in sys.modules, 'transformers' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "False"], done.stdout + done.stderr


class _NoReturn(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(4, 1)

    def forward(self, x):
        out = self.fc(x)  # noqa: F841 - the bug under test: no `return`


def test_a_none_reaching_a_loss_reads_as_a_forward_without_return() -> None:
    criterion = nn.MSELoss()
    with pytest.raises(AttributeError, match="'NoneType' object has no attribute 'size'") as info:
        criterion(_NoReturn()(torch.randn(3, 4)), torch.randn(3, 1))
    diagnosis = torchwhy.explain(info.value)
    assert diagnosis.entry == "forward-returned-none"
    assert diagnosis.category == "module/forward-misuse"


class _Images(Dataset):
    def __len__(self) -> int:
        return 2

    def __getitem__(self, index: int):
        image = _read_image(f"missing-{index}.jpg")
        height, width = image.shape[:2]
        return torch.zeros(3, height, width)


def _read_image(path: str):
    return None  # what cv2.imread returns for a missing file


def test_a_none_inside_a_dataset_reads_as_a_sample_that_failed_to_load() -> None:
    with pytest.raises(AttributeError, match="'NoneType' object has no attribute 'shape'") as info:
        next(iter(DataLoader(_Images(), batch_size=2)))
    diagnosis = torchwhy.explain(info.value)
    assert diagnosis.entry == "dataset-sample-not-loaded"
    assert diagnosis.category == "data/sample-load-failed"


def test_the_same_none_outside_any_pytorch_context_stays_unknown() -> None:
    with pytest.raises(AttributeError, match="'NoneType' object has no attribute 'shape'") as info:
        _read_image("missing.jpg").shape  # noqa: B018 - raising is the point
    assert torchwhy.explain(info.value).category == UNKNOWN
