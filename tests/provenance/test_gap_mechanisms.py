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


# ---- an expression that only re-presents one named value is named by that value --------


def test_a_slice_of_a_ragged_object_array_is_named_by_the_array() -> None:
    import numpy as np

    readings = np.array([[0.1, 0.2], [0.3], [0.4, 0.5, 0.6]], dtype=object)

    def first_batch() -> torch.Tensor:
        return torch.as_tensor(readings[:2])

    first = explain_raised(first_batch).culprits[0]
    assert first.expression == "readings"
    assert first.passed_as == "readings[:2]"


class _Contrastive(nn.Module):
    def __init__(self, settings: dict[str, int]) -> None:
        super().__init__()
        self.temperature = nn.Parameter(torch.tensor(settings["temperature"]))


def test_a_setting_converted_to_an_integer_parameter_is_named_by_the_setting() -> None:
    settings = {"temperature": 7}  # meant 0.07
    first = explain_raised(lambda: _Contrastive(settings)).culprits[0]
    assert first.expression == 'settings["temperature"]'


def test_only_slices_and_plain_conversions_are_read_through() -> None:
    from torchwhy.provenance.ranking import _value_read

    assert _value_read("x[:, :1]") == "x"
    assert _value_read("np.asarray(cfg.mean)") == "cfg.mean"
    assert _value_read("outputs[0]") is None  # an element is another value
    assert _value_read("x[idx:]") is None  # a computed selection has its own mechanism
    assert _value_read("torch.tensor(labels, dtype=torch.float)") is None  # its own dtype
    assert _value_read("torch.tensor(a + b)") is None


# ---- of a float32 input and a half-precision model, the converted model is the stray ----


def _score_all(scorer: nn.Module, features: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return scorer(features).softmax(-1)


def test_a_model_converted_to_half_is_named_before_its_float32_input() -> None:
    scorer = nn.Sequential(nn.Linear(6, 8), nn.Tanh(), nn.Linear(8, 3))
    scorer = scorer.to(torch.bfloat16)  # "to save memory at inference"
    features = torch.randn(5, 6)
    first = explain_raised(lambda: _score_all(scorer, features)).culprits[0]
    assert first.expression == "scorer"
    assert "converted" in first.reason


def test_a_half_input_into_a_float32_model_is_still_the_input() -> None:
    scorer = nn.Sequential(nn.Linear(6, 8), nn.Tanh(), nn.Linear(8, 3))
    features = torch.randn(5, 6).half()
    first = explain_raised(lambda: _score_all(scorer, features)).culprits[0]
    assert first.expression == "features"


# ---- the line torch.export quotes is read like torch.compile's "from user code" ---------


class _GatedResidual(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.cutoff = 0.0
        self.proj = nn.Linear(4, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        gate = self.proj(x).sigmoid()
        if self.cutoff < gate.mean():  # a Python branch on a tensor's value
            return x + gate
        return x


def test_the_value_an_exported_branch_turns_on_is_named_not_self() -> None:
    first = explain_raised(
        lambda: torch.export.export(_GatedResidual(), (torch.randn(2, 4),))
    ).culprits[0]
    assert first.expression == "gate"
    assert "torch.export stopped tracing" in first.reason
