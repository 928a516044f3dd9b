"""Python's own errors name the value they are about (a missing key, a None, a type, an
empty list), whether or not a PyTorch reading fits: each raised live through
`torchwhy.explain`, in two styles, and the culprit is the value the message describes."""

from __future__ import annotations

import io
from types import SimpleNamespace
from typing import Any

import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset

from tests.provenance.live import explain_raised

# ---- a key the container lacks ----------------------------------------------------------


def _train_step(model: nn.Module, batch: dict[str, torch.Tensor]) -> torch.Tensor:
    images = batch["image"]
    return model(images).sum()


def test_a_batch_dict_read_with_a_key_it_lacks_names_the_lookup_and_its_keys() -> None:
    batch = {"img": torch.randn(2, 4), "label": torch.tensor([0, 1])}
    diagnosis = explain_raised(lambda: _train_step(nn.Linear(4, 2), batch))
    first = diagnosis.culprits[0]
    assert first.expression == 'batch["image"]'
    assert "'img'" in first.reason and "'label'" in first.reason
    assert diagnosis.culprits[1].expression == "batch"


def _reload_checkpoint() -> None:
    buffer = io.BytesIO()
    torch.save(nn.Linear(3, 2).state_dict(), buffer)
    buffer.seek(0)
    ckpt = torch.load(buffer)
    nn.Linear(3, 2).load_state_dict(ckpt["model_state"])


def test_a_state_dict_read_as_a_wrapper_checkpoint_names_the_lookup_with_its_keys() -> None:
    diagnosis = explain_raised(_reload_checkpoint)
    first = diagnosis.culprits[0]
    assert first.expression == 'ckpt["model_state"]'
    assert "'weight'" in first.reason and "'bias'" in first.reason
    assert first.made_at is not None and "torch.load" in (first.made_at.code or "")


class _Records(Dataset):
    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = records

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        record = self.records[index]
        return torch.tensor(record["features"]), record["label"]


def _all_batches(loader: DataLoader) -> None:
    for _ in loader:
        pass


def test_a_record_without_the_key_read_in_a_worker_names_the_lookup() -> None:
    records = [{"features": [1.0, 2.0], "label": 1} for _ in range(4)]
    records[2] = {"features": [0.5, 0.1], "target": 0}
    loader = DataLoader(_Records(records), batch_size=2, num_workers=1)
    diagnosis = explain_raised(lambda: _all_batches(loader))
    first = diagnosis.culprits[0]
    assert first.expression == 'record["label"]'
    assert first.made_at is not None and first.made_at.function == "__getitem__"


# ---- a None made by the user's function -------------------------------------------------


def _compute_loss(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> Any:
    loss = nn.functional.mse_loss(model(x), y)  # noqa: F841 (the bug: never returned)


def _fit(model: nn.Module) -> None:
    loss = _compute_loss(model, torch.randn(4, 3), torch.randn(4, 1))
    loss.backward()


def test_a_helper_that_returns_nothing_is_named_at_its_def() -> None:
    diagnosis = explain_raised(lambda: _fit(nn.Linear(3, 1)))
    first = diagnosis.culprits[0]
    assert first.expression == "_compute_loss"
    assert "returns None" in first.reason
    assert first.made_at is not None and first.made_at.code.startswith("def _compute_loss")


class _Trainer:
    def __init__(self) -> None:
        self.model = nn.Linear(3, 1)

    def criterion(self, out: torch.Tensor, target: torch.Tensor) -> Any:
        if out.shape == target.shape:
            return None  # the bug: the error branch returns nothing useful
        return (out - target).pow(2).mean()

    def step(self) -> None:
        x, y = torch.randn(4, 3), torch.randn(4, 1)
        loss = self.criterion(self.model(x), y)
        loss.backward()


def test_a_method_that_returns_none_is_named_by_its_call() -> None:
    diagnosis = explain_raised(_Trainer().step)
    first = diagnosis.culprits[0]
    assert first.expression == "self.criterion"
    assert first.made_at is not None and first.made_at.function == "criterion"


# ---- a type or an emptiness the message describes ----------------------------------------


def test_an_empty_parameter_list_is_named() -> None:
    model = nn.Sequential(nn.Linear(4, 4), nn.Linear(4, 2))
    for parameter in model.parameters():
        parameter.requires_grad = False
    trainable = [p for p in model.parameters() if p.requires_grad]
    diagnosis = explain_raised(lambda: torch.optim.AdamW(trainable, lr=1e-3))
    assert diagnosis.culprits[0].expression == "trainable"
    assert "empty" in diagnosis.culprits[0].reason


def _stack_outputs(outputs: list[torch.Tensor]) -> torch.Tensor:
    return torch.cat(outputs)


def test_an_empty_list_given_to_cat_is_named() -> None:
    config = SimpleNamespace(steps=0)
    outputs = [torch.randn(2) for _ in range(config.steps)]
    diagnosis = explain_raised(lambda: _stack_outputs(outputs))
    assert diagnosis.culprits[0].expression == "outputs"


def _to_device(batch: Any, device: str) -> Any:
    return batch.to(device)


def test_a_list_where_a_tensor_was_expected_is_named_by_its_type() -> None:
    batch = [torch.randn(2, 3), torch.randn(2, 3)]
    diagnosis = explain_raised(lambda: _to_device(batch, "cpu"))
    first = diagnosis.culprits[0]
    assert first.expression == "batch"
    assert "a list" in first.reason
