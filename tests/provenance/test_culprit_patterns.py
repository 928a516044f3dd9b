"""General patterns an expert reads past the failing call, each raised live in two styles of
our own (issue 9, from the patterns the blind tune2 misses share; the scripts themselves are
not copied here)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from tests.provenance.live import explain_raised

# The meta device stands in for an accelerator: torch checks devices the same way.
_ACCELERATOR = torch.device("meta")


# ---- a tensor selected by a computed index is named by the tensor the user stored ------


def _nll_step(head: nn.Module, features: torch.Tensor, labels: torch.Tensor, rows: torch.Tensor):
    log_probs = head(features[rows]).log_softmax(dim=1)
    return nn.functional.nll_loss(log_probs, labels[rows])


def test_labels_selected_by_an_index_are_named_by_the_stored_labels() -> None:
    features = torch.randn(30, 4)
    labels = torch.randint(0, 3, (30,))
    labels = nn.functional.one_hot(labels, 3).float()  # rebound for a plot, then reused
    head = nn.Linear(4, 3)
    diagnosis = explain_raised(lambda: _nll_step(head, features, labels, torch.arange(8)))
    first = diagnosis.culprits[0]
    assert first.expression == "labels"
    assert first.passed_as == "labels[rows]"  # what a fix edits at the failing call


class _PositionalTokens(nn.Module):
    def __init__(self, dim: int, longest: int = 16) -> None:
        super().__init__()
        self.embed = nn.Embedding(10, dim)
        self.table = torch.zeros(longest, dim)  # a plain attribute: `.to()` leaves it behind

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.embed(tokens) + self.table[: tokens.size(1)]


def test_a_slice_of_a_plain_tensor_attribute_names_the_attribute_and_where_it_was_set() -> None:
    model = _PositionalTokens(8).to(_ACCELERATOR)
    tokens = torch.randint(0, 10, (2, 5), device=_ACCELERATOR)
    first = explain_raised(lambda: model(tokens)).culprits[0]
    assert first.expression == "self.table"
    assert first.tensor is not None and first.tensor.device == "cpu"
    assert first.tensor.shape is None  # the slice was not read: no shape is claimed for it
    assert first.made_at is not None and first.made_at.function == "__init__"
    assert first.made_at.code.startswith("self.table = torch.zeros(longest, dim)")


def test_a_constant_selection_written_at_the_call_stays_the_culprit() -> None:
    model = nn.Linear(5, 3)
    inputs, labels = torch.randn(4, 5), torch.tensor([0, 2, 1, 1])
    diagnosis = explain_raised(lambda: nn.functional.cross_entropy(model(inputs), labels[:-1]))
    assert diagnosis.culprits[0].expression == "labels[:-1]"


# ---- one sample without its batch dimension, read unbatched by the first layer ---------


class _TinyCnn(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.fc = nn.Linear(4 * 6 * 6, 5)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.relu(self.conv(x))  # rebinds the parameter before the failure
        return self.fc(torch.flatten(x, 1))


def _predict(model: nn.Module, picture: torch.Tensor) -> int:
    with torch.no_grad():
        return int(model(picture).argmax())


def test_one_image_without_a_batch_dimension_is_named_not_the_layer_that_failed() -> None:
    net = _TinyCnn()
    photo = torch.rand(3, 8, 8)  # one image, as a transform returns it
    first = explain_raised(lambda: _predict(net, photo)).culprits[0]
    assert first.expression == "photo"
    assert "batch dimension" in first.reason


def test_one_series_into_a_sequential_conv1d_model_is_named() -> None:
    model = nn.Sequential(nn.Conv1d(2, 4, 3), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 14, 1))
    series = torch.randn(2, 16)
    first = explain_raised(lambda: model(series)).culprits[0]
    assert first.expression == "series"


def test_a_batch_into_a_layer_sized_wrong_still_names_the_layer() -> None:
    net = _TinyCnn()
    net.fc = nn.Linear(10, 5)
    batch = torch.rand(2, 3, 8, 8)
    assert explain_raised(lambda: net(batch)).culprits[0].expression == "self.fc"


# ---- a batch of one made on purpose, into a model still in training mode ---------------


class _Scorer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.body = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU())
        self.out = nn.Linear(8, 1)

    def forward(self, numbers: torch.Tensor) -> torch.Tensor:
        return self.out(self.body(numbers))


def test_an_example_input_of_one_for_tracing_names_the_model_left_in_training_mode() -> None:
    scorer = _Scorer()  # trained elsewhere; `.eval()` never called before export
    example = (torch.randn(1, 4),)
    first = explain_raised(lambda: torch.jit.trace(scorer, example)).culprits[0]
    assert first.expression == "scorer"
    assert ".eval()" in first.reason


def test_a_sequential_traced_inline_in_training_mode_is_named() -> None:
    model = nn.Sequential(nn.Linear(6, 5), nn.BatchNorm1d(5), nn.ReLU())
    first = explain_raised(lambda: torch.jit.trace(model, torch.zeros(1, 6))).culprits[0]
    assert first.expression == "model"


def test_a_batch_of_one_through_training_batch_norm_outside_export_stays_the_input() -> None:
    model = nn.Sequential(nn.Linear(6, 5), nn.BatchNorm1d(5))
    sample = torch.randn(1, 6)
    first = explain_raised(lambda: model(sample)).culprits[0]
    assert first.expression == "sample"
    # Read by the lambda from this function: made where this function assigned it.
    assert first.made_at is not None and first.made_at.code == "sample = torch.randn(1, 6)"


# ---- recurrent state kept as a tuple with one member still attached ----------------------


def _train_chunks(lstm: nn.LSTM, head: nn.Linear, chunks: torch.Tensor) -> None:
    state = None
    for chunk in chunks:
        out, (h, c) = lstm(chunk, state)
        state = (h.detach(), c)  # the cell state keeps the previous chunk's graph
        head(out).pow(2).mean().backward()


def test_a_state_tuple_with_one_member_not_detached_is_named_in_a_loop() -> None:
    lstm, head = nn.LSTM(3, 4, batch_first=True), nn.Linear(4, 1)
    chunks = torch.randn(3, 2, 5, 3)
    first = explain_raised(lambda: _train_chunks(lstm, head, chunks)).culprits[0]
    assert first.expression == "state"
    assert first.made_at is not None and first.made_at.code.startswith("state = (h.detach(), c)")


class _Streamer:
    def __init__(self) -> None:
        self.rnn = nn.LSTM(2, 3)
        self.memory: tuple[torch.Tensor, torch.Tensor] | None = None

    def step(self, frames: torch.Tensor) -> float:
        out, (hidden, cell) = self.rnn(frames, self.memory)
        self.memory = (hidden, cell.detach())
        loss = out.sum()
        loss.backward()
        return loss.item()


def test_state_kept_on_an_object_with_one_member_attached_is_named() -> None:
    streamer = _Streamer()

    def stream() -> None:
        for _ in range(3):
            streamer.step(torch.randn(4, 1, 2))

    first = explain_raised(stream).culprits[0]
    assert first.expression == "self.memory"


# ---- a worker failing on a line of the user's own function that names no single value ----


class _Pairs(torch.utils.data.Dataset):
    def __len__(self) -> int:
        return 4

    def __getitem__(self, index: int) -> tuple[torch.Tensor, str]:
        return torch.zeros(2), "cat" if index % 2 else "dog"


def collate_pairs(batch: list[tuple[torch.Tensor, str]]) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.stack([image for image, _ in batch]), torch.tensor([name for _, name in batch])


def test_a_collate_function_failing_on_its_return_line_is_named() -> None:
    loader = torch.utils.data.DataLoader(
        _Pairs(), batch_size=2, num_workers=1, collate_fn=collate_pairs
    )
    first = explain_raised(lambda: next(iter(loader))).culprits[0]
    assert first.expression == "collate_pairs"
    assert first.made_at is not None and first.made_at.code.startswith("return torch.stack(")


def encode_row(row: tuple[list[float], str]) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.tensor(row[0]), torch.tensor(row[1])


class _Rows(torch.utils.data.Dataset):
    def __init__(self, transform: Callable[[Any], Any]) -> None:
        self.rows = [([0.5, 1.0], "spam"), ([0.1, 0.2], "ham")]
        self.transform = transform

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        return self.transform(self.rows[index])


def test_a_transform_failing_in_a_worker_on_a_line_naming_no_single_value_is_named() -> None:
    loader = torch.utils.data.DataLoader(_Rows(encode_row), batch_size=2, num_workers=1)
    first = explain_raised(lambda: list(loader)).culprits[0]
    assert first.expression == "encode_row"


# ---- of the settings that sized a view, the one whose own change makes the count fit ----


@dataclass
class _HeadsConfig:
    width: int = 48
    heads: int = 4
    head_dim: int = 20  # 48 / 4 = 12 would fit


class _SplitHeads(nn.Module):
    def __init__(self, config: _HeadsConfig) -> None:
        super().__init__()
        self.heads, self.head_dim = config.heads, config.head_dim
        self.proj = nn.Linear(config.width, config.width)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, _ = x.shape
        return self.proj(x).view(batch, length, self.heads, self.head_dim)


def test_the_head_size_that_cannot_fit_the_width_is_named_not_the_head_count() -> None:
    model = _SplitHeads(_HeadsConfig())
    first = explain_raised(lambda: model(torch.randn(2, 3, 48))).culprits[0]
    assert first.expression == "self.head_dim"
    assert "it would fit as 12" in first.reason


CFG = {"heads": 5, "head_dim": 8}  # 32 / 8 = 4 heads would fit


def _split(x: torch.Tensor) -> torch.Tensor:
    return x.reshape(x.size(0), x.size(1), CFG["heads"], CFG["head_dim"])


def test_the_head_count_that_cannot_fit_the_width_is_named_from_a_dict_config() -> None:
    states = torch.randn(2, 3, 32)
    assert explain_raised(lambda: _split(states)).culprits[0].expression == 'CFG["heads"]'


# ---- a reshaped view of a named tensor is named by the tensor, unless shape is the error ----


def test_padded_tags_flattened_for_the_loss_are_named_by_the_tags() -> None:
    logits = torch.randn(2, 3, 4)
    tags = torch.tensor([[0, 1, -1], [2, 3, 1]])  # padded with -1, not the ignored -100
    loss_fn = nn.CrossEntropyLoss()
    first = explain_raised(lambda: loss_fn(logits.view(-1, 4), tags.view(-1))).culprits[0]
    assert first.expression == "tags"
    assert first.passed_as == "tags.view(-1)"


def _bce_step(model: nn.Module, batch: dict[str, torch.Tensor]) -> torch.Tensor:
    labels = batch["label"]
    return nn.functional.binary_cross_entropy_with_logits(model(batch["x"]), labels.unsqueeze(1))


def test_integer_labels_given_a_dimension_for_bce_are_named_by_the_labels() -> None:
    model = nn.Linear(3, 1)
    batch = {"x": torch.randn(4, 3), "label": torch.tensor([0, 1, 1, 0])}
    first = explain_raised(lambda: _bce_step(model, batch)).culprits[0]
    assert first.expression == "labels"
