"""Datasets read from their source. A `__len__` that promises more samples than the data
holds: the IndexError `__getitem__` raises at the end names `__len__`, at its return, in a
worker or not (a `__len__` returning the data's length leaves the indexing line as the
story). A `__getitem__` that makes samples of varying size: default collate's failure names
what it makes, where (stored data returned as it is leaves the loader's collate_fn)."""

from __future__ import annotations

from typing import Any

import torch
from torch.utils.data import DataLoader, Dataset

from tests.provenance.live import explain_raised


def _all_batches(loader: DataLoader) -> None:
    for _ in loader:
        pass


class _Files(Dataset):
    def __init__(self, files: list[str]) -> None:
        self.files = files

    def __len__(self) -> int:
        return len(self.files) + 1

    def __getitem__(self, index: int) -> torch.Tensor:
        name = self.files[index]
        return torch.full((2,), float(len(name)))


def test_a_length_one_past_the_files_is_named_from_a_worker() -> None:
    loader = DataLoader(_Files(["a.png", "bb.png", "ccc.png"]), batch_size=2, num_workers=1)
    first = explain_raised(lambda: _all_batches(loader)).culprits[0]
    assert first.expression == "__len__"
    assert first.made_at is not None and first.made_at.code == "return len(self.files) + 1"


class _Features(Dataset):
    def __init__(self, config: dict[str, int]) -> None:
        self.count = config["num_samples"]
        self.features = torch.randn(10, config["dim"])

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> torch.Tensor:
        return self.features[index]


def test_a_length_read_from_the_config_is_named_in_the_main_process() -> None:
    loader = DataLoader(_Features({"num_samples": 12, "dim": 3}), batch_size=4)
    first = explain_raised(lambda: _all_batches(loader)).culprits[0]
    # `__len__` returns `self.count`: named where `__init__` counted it.
    assert first.expression == "self.count"
    assert first.made_at is not None
    assert first.made_at.code == 'self.count = config["num_samples"]'
    assert "self.features" in first.reason


class _Shifted(Dataset):
    def __init__(self) -> None:
        self.values = torch.arange(6)

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, index: int) -> torch.Tensor:
        return self.values[index + 1]  # the off-by-one is here, not in __len__


def test_a_length_of_the_data_itself_is_not_blamed() -> None:
    loader = DataLoader(_Shifted(), batch_size=3)
    culprits = explain_raised(lambda: _all_batches(loader)).culprits
    assert all(culprit.expression != "__len__" for culprit in culprits)


# ---- samples __getitem__ makes in sizes the default collate cannot stack ------------------


class _Crops(Dataset):
    def __init__(self, count: int) -> None:
        self.images = [torch.rand(3, 32, 32) for _ in range(count)]

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        size = 16 + (index % 3) * 4
        crop = self.images[index][:, :size, :size]
        return crop, index % 2


def test_a_crop_of_varying_size_made_by_getitem_is_named_where_made() -> None:
    loader = DataLoader(_Crops(6), batch_size=3)
    first = explain_raised(lambda: _all_batches(loader)).culprits[0]
    assert first.expression == "crop"
    assert first.made_at is not None and first.made_at.function == "__getitem__"


class _Texts(Dataset):
    def __init__(self, texts: list[str], vocab: dict[str, int]) -> None:
        self.texts = texts
        self.vocab = vocab

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index: int) -> dict[str, torch.Tensor]:
        ids = torch.tensor([self.vocab.get(word, 0) for word in self.texts[index].split()])
        return {"input_ids": ids, "label": torch.tensor(len(ids) % 2)}


def test_token_ids_of_varying_length_batched_in_workers_are_named() -> None:
    texts = ["a b c", "a b", "c c c c", "b"]
    loader = DataLoader(_Texts(texts, {"a": 1, "b": 2, "c": 3}), batch_size=2, num_workers=1)
    first = explain_raised(lambda: _all_batches(loader)).culprits[0]
    assert first.expression == "ids"
    assert "collate" in first.reason


class _Stored(Dataset):
    def __init__(self) -> None:
        self.sequences = [torch.arange(n) for n in (3, 5, 4, 2)]

    def __len__(self) -> int:
        return len(self.sequences)

    def __getitem__(self, index: int) -> torch.Tensor:
        return self.sequences[index]


def test_stored_sequences_returned_as_they_are_leave_the_loader_named() -> None:
    train_loader = DataLoader(_Stored(), batch_size=2)
    first = explain_raised(lambda: _all_batches(train_loader)).culprits[0]
    assert first.expression in ("train_loader", "train_loader.dataset")
    assert "__getitem__` makes" not in first.reason


# ---- a dataset left empty by what filled it -----------------------------------------------


class _Folder(Dataset):
    def __init__(self, root: str, pattern: str) -> None:
        import glob
        import os

        self.files = sorted(glob.glob(os.path.join(root, pattern)))

    def __len__(self) -> int:
        return len(self.files)

    def __getitem__(self, index: int) -> str:
        return self.files[index]


def test_an_empty_file_list_is_named_where_the_dataset_filled_it(tmp_path: Any) -> None:
    (tmp_path / "a.pt").write_bytes(b"")
    dataset = _Folder(str(tmp_path), "*.pth")
    first = explain_raised(lambda: DataLoader(dataset, batch_size=2, shuffle=True)).culprits[0]
    assert first.expression == "self.files"
    assert first.made_at is not None and "glob" in (first.made_at.code or "")


class _Filtered(Dataset):
    def __init__(self, rows: list[dict[str, Any]], config: dict[str, float]) -> None:
        self.samples = [row for row in rows if row["score"] > config["min_score"]]

    def __len__(self) -> int:
        return len(self.samples)

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.samples[index]


def test_samples_filtered_down_to_none_are_named() -> None:
    rows = [{"score": 0.2}, {"score": 0.4}]
    dataset = _Filtered(rows, {"min_score": 0.9})
    first = explain_raised(lambda: torch.utils.data.RandomSampler(dataset)).culprits[0]
    assert first.expression == "self.samples"
