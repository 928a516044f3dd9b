"""A DataLoader worker's failing line that makes no value of its own (`return
torch.from_numpy(img), label`): the one name given to the call its quoted traceback marks is
the value that call refused, named before the dataset, made where `__getitem__` last assigned
it (issue 9, `worker.worker_refused_argument`). Raised live in a real worker; our own styles."""

from __future__ import annotations

import sys

import numpy as np
import pytest
import torch
from torch.utils.data import DataLoader, Dataset

from tests.provenance.live import explain_raised

# The argument is read from the `^^^` marks under the quoted line (Python 3.11+).
needs_marks = pytest.mark.skipif(sys.version_info < (3, 11), reason="no ^^^ marks before 3.11")


def _all_batches(loader: DataLoader) -> None:
    for _ in loader:
        pass


class _MirrorFlip:
    def __call__(self, image: np.ndarray) -> np.ndarray:
        return image[:, ::-1]  # a view with a negative stride


class _Scans(Dataset):
    def __init__(self, count: int, transform: _MirrorFlip | None = None) -> None:
        self.scans = np.ones((count, 8, 8), dtype=np.float32)
        self.transform = transform

    def __len__(self) -> int:
        return len(self.scans)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        scan = self.scans[index]
        if self.transform is not None:
            scan = self.transform(scan)
        return torch.from_numpy(scan).unsqueeze(0), index % 2


@needs_marks
def test_the_value_a_workers_call_refused_is_named_before_the_dataset() -> None:
    loader = DataLoader(_Scans(4, _MirrorFlip()), batch_size=2, num_workers=1)
    diagnosis = explain_raised(lambda: _all_batches(loader))
    assert diagnosis.entry == "numpy-negative-stride"
    first = diagnosis.culprits[0]
    assert first.expression == "scan"
    assert first.made_at is not None
    assert first.made_at.code == "scan = self.transform(scan)"
    assert "torch.from_numpy(scan)" in first.reason


def test_without_a_worker_the_line_itself_names_the_array() -> None:
    # Guard: in the main process the failing frame is there to read; no quote is needed.
    loader = DataLoader(_Scans(4, _MirrorFlip()), batch_size=2)
    diagnosis = explain_raised(lambda: _all_batches(loader))
    assert diagnosis.entry == "numpy-negative-stride"
    assert diagnosis.culprits[0].expression == "scan"
