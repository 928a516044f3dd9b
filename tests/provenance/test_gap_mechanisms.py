"""Mechanisms for the gaps `bench/culprit_blind.py --gaps` measured (issue 9): each motivated
by misses of two blind tuning sets, raised live here in styles of our own (the blind scripts
are not copied)."""

from __future__ import annotations

import torch
from torch import nn

from tests.provenance.live import explain_raised

# ---- an embedding table counted without the tokens added after its size was taken ------


class _CharVocab:
    """Characters seen in training, then the specials appended after the model was sized."""

    def __init__(self, text: str) -> None:
        self.index = {char: i for i, char in enumerate(sorted(set(text)))}
        self.size = len(self.index)
        self.index["<unk>"] = len(self.index)

    def encode(self, word: str) -> list[int]:
        return [self.index.get(char, self.index["<unk>"]) for char in word]


class _BagOfChars(nn.Module):
    def __init__(self, rows: int) -> None:
        super().__init__()
        self.chars = nn.EmbeddingBag(rows, 4, mode="sum")
        self.score = nn.Linear(4, 1)

    def forward(self, words: torch.Tensor) -> torch.Tensor:
        return self.score(self.chars(words))


def test_embedding_bag_bounds_check_on_a_2d_batch_is_read_as_an_id_past_the_table() -> None:
    vocab = _CharVocab("abcab")
    model = _BagOfChars(vocab.size)
    words = torch.tensor([vocab.encode("abc"), vocab.encode("abz")])  # `z` -> <unk> = 3
    diagnosis = explain_raised(lambda: model(words))
    # "Expected i < index_size to be true" was read as a corrupted checkpoint archive.
    assert diagnosis.category == "index/embedding-out-of-range"


class _Tagger(nn.Module):
    def __init__(self, n_tags: int) -> None:
        super().__init__()
        self.tags = nn.Embedding(n_tags, 8)

    def forward(self, tag_ids: torch.Tensor) -> torch.Tensor:
        return self.tags(tag_ids).sum(1)


def test_ids_counting_from_zero_one_past_the_table_name_the_table() -> None:
    tag_names = ["O", "B-PER", "I-PER"]
    tagger = _Tagger(len(tag_names))
    padded = torch.tensor([[0, 1, 2, 3], [0, 2, 3, 3]])  # PAD = 3 = len(tag_names)
    first = explain_raised(lambda: tagger(padded)).culprits[0]
    assert first.expression == "self.tags"
    assert "too small" in first.reason


def test_flat_ids_with_offsets_counting_past_a_bag_table_name_the_table() -> None:
    # The message here names the id and the rows, which the ids' own facts read too.
    vocab = _CharVocab("abcab")
    model = _BagOfChars(vocab.size)
    flat = torch.tensor(vocab.encode("abc") + vocab.encode("abz"))
    starts = torch.tensor([0, 3])
    first = explain_raised(lambda: model.chars(flat, starts)).culprits[0]
    assert first.expression == "model.chars"
    assert "too small" in first.reason


def test_one_based_ids_ending_at_the_table_size_still_name_the_ids() -> None:
    tagger = _Tagger(3)
    one_based = torch.tensor([[1, 2, 3], [3, 2, 1]])  # never uses row 0: shifted by one
    first = explain_raised(lambda: tagger(one_based)).culprits[0]
    assert first.expression != "self.tags"


# ---- rows unpacked from a tensor (`src, dst = edge_index`) are that tensor's ---------------


class _MeanNeighbours(nn.Module):
    def forward(self, x: torch.Tensor, edge_index: torch.Tensor) -> torch.Tensor:
        src, dst = edge_index
        total = torch.zeros_like(x).index_add_(0, dst, x[src])
        return total


def test_rows_unpacked_from_an_edge_tensor_are_named_by_that_tensor() -> None:
    # Node ids counted from 1 in the edge list: the last id is one past the 4 nodes.
    edge_index = torch.tensor([[1, 2, 3], [2, 3, 4]])
    diagnosis = explain_raised(lambda: _MeanNeighbours()(torch.randn(4, 2), edge_index))
    first = diagnosis.culprits[0]
    assert first.expression == "edge_index"
    assert first.passed_as == "dst"


class _Recurrent(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.cell = nn.LSTMCell(3, 5)

    def forward(self, x: torch.Tensor, state: tuple[torch.Tensor, torch.Tensor]) -> torch.Tensor:
        h, c = state
        h, c = self.cell(x, (h, c))
        return h


def test_tensors_unpacked_from_a_tuple_keep_their_own_names() -> None:
    # Guard: `h, c = state` unpacks a tuple of two tensors, not one tensor's rows.
    state = (torch.zeros(2, 4), torch.zeros(2, 5))  # h sized for another hidden size
    diagnosis = explain_raised(lambda: _Recurrent()(torch.randn(2, 3), state))
    assert all(culprit.expression != "state" for culprit in diagnosis.culprits[:1])


class _ScatterNeighbours(nn.Module):
    def forward(self, x: torch.Tensor, edge_index: torch.Tensor) -> torch.Tensor:
        src, dst = edge_index
        out = torch.zeros_like(x)
        return out.scatter_add_(0, dst, x[src])  # a 1-D index for 2-D messages


def test_an_unpacked_row_whose_own_shape_is_the_error_keeps_its_name() -> None:
    # Guard: the row is 1-D where scatter_add_ needs an index of the messages' rank; the edge
    # tensor's values are fine.
    edge_index = torch.tensor([[0, 1, 2], [1, 2, 3]])
    diagnosis = explain_raised(lambda: _ScatterNeighbours()(torch.randn(4, 2), edge_index))
    assert "dimensions" in diagnosis.message
    assert diagnosis.culprits[0].expression == "dst"
