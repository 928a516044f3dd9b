"""Ranking by principle, not by fitted weights (issue 9, ranking gaps): a batch is read as
folded only where a reshape made it; what departs from torch's default dtype is what the
user made. Each raised live on two scripts of different styles."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from tests.provenance.live import explain_raised

# ---- a short last batch is not a fold ------------------------------------------------------


def test_similarity_targets_sized_once_name_the_targets_not_the_short_batch() -> None:
    batch_size = 8
    pairs = TensorDataset(torch.randn(20, 6), torch.randn(20, 6))  # last batch: 4
    labels_for_batch = torch.arange(batch_size)
    encoder = nn.Linear(6, 5)

    def epoch() -> None:
        for left, right in DataLoader(pairs, batch_size=batch_size):
            scores = encoder(left) @ encoder(right).t()
            F.cross_entropy(scores, labels_for_batch)

    first = explain_raised(epoch).culprits[0]
    assert first.expression == "labels_for_batch"


class _Scorer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(3, 2)

    def forward(self, rows: torch.Tensor) -> torch.Tensor:
        return self.fc(rows)


def test_class_targets_prebuilt_for_a_full_batch_are_named_at_the_last_batch() -> None:
    model = _Scorer()
    rows = torch.randn(10, 3)
    full_batch_targets = torch.zeros(4, dtype=torch.long)

    def run() -> None:
        for start in range(0, 10, 4):  # 4, 4, then 2
            out = model(rows[start : start + 4])
            nn.CrossEntropyLoss()(out, full_batch_targets)

    first = explain_raised(run).culprits[0]
    assert first.expression == "full_batch_targets"


def test_a_flatten_that_folds_the_sequence_into_the_batch_still_names_the_input() -> None:
    tagger = nn.Linear(8, 5)
    tokens = torch.randn(3, 7, 8)
    tags = torch.randint(0, 5, (3,))
    flat_scores = tagger(tokens).flatten(0, 1)
    diagnosis = explain_raised(lambda: F.cross_entropy(flat_scores, tags))
    assert diagnosis.culprits[0].expression == "flat_scores"


# ---- a model converted away from torch's default dtype -----------------------------------


class _Denoiser(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.body = nn.Sequential(nn.Linear(6, 12), nn.ReLU(), nn.Linear(12, 6))

    def forward(self, noisy: torch.Tensor) -> torch.Tensor:
        return noisy - self.body(noisy)


def _denoise_all(net: nn.Module, batches: list[torch.Tensor]) -> list[torch.Tensor]:
    return [net(batch) for batch in batches]


def test_a_half_model_fed_default_float_inputs_through_a_helper_names_the_model() -> None:
    denoiser = _Denoiser().half()
    batches = [torch.randn(2, 6)]
    first = explain_raised(lambda: _denoise_all(denoiser, batches)).culprits[0]
    assert first.expression == "denoiser"
    assert "float16" in first.reason


class _Trainer:
    def __init__(self) -> None:
        self.classifier = nn.Linear(4, 3).to(torch.bfloat16)

    def predict(self, features: torch.Tensor) -> torch.Tensor:
        return self.classifier(features)


def test_a_bfloat16_layer_held_by_a_trainer_names_the_layer_not_the_features() -> None:
    trainer = _Trainer()
    features = torch.randn(5, 4)
    first = explain_raised(lambda: trainer.predict(features)).culprits[0]
    assert first.expression in ("trainer.classifier", "self.classifier")
    assert "bfloat16" in first.reason


def test_a_float64_input_into_a_default_model_still_names_the_input() -> None:
    layer = nn.Linear(3, 2)
    from_numpy = torch.tensor([[1.0, 2.0, 3.0]], dtype=torch.float64)
    first = explain_raised(lambda: layer(from_numpy)).culprits[0]
    assert first.expression == "from_numpy"


# ---- the message names the argument: the argument, not the layer's configuration ---------


class _PaddedEncoder(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.embed = nn.Embedding(20, 16)
        self.attend = nn.MultiheadAttention(16, 2, batch_first=True)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        x = self.embed(ids)
        padding = ids == 0
        return self.attend(x, x, x, attn_mask=padding)[0]


def test_a_padding_mask_passed_as_attn_mask_names_the_mask_not_the_attention_layer() -> None:
    encoder = _PaddedEncoder()
    ids = torch.randint(0, 20, (3, 6))
    first = explain_raised(lambda: encoder(ids)).culprits[0]
    assert first.expression == "padding"


# A key-padding mask whose batch size is wrong: the message checks the mask's shape, and the
# sequence length it reports is the activation's too; the mask plays the role the entry names.


def test_a_time_first_padding_mask_into_a_batch_first_encoder_names_the_mask() -> None:
    layer = nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, batch_first=True)
    encoder = nn.TransformerEncoder(layer, num_layers=1, enable_nested_tensor=False)
    time_major = nn.utils.rnn.pad_sequence([torch.ones(5), torch.ones(3), torch.ones(2)])
    keep_out = time_major == 0  # (time, batch): the old torchtext layout
    hidden = torch.randn(3, 5, 8)  # (batch, time, features)
    first = explain_raised(lambda: encoder(hidden, src_key_padding_mask=keep_out)).culprits[0]
    assert first.expression == "keep_out"


class _Reader:
    def __init__(self) -> None:
        self.attention = nn.MultiheadAttention(12, 3, batch_first=True)

    def read(self, states: torch.Tensor, ignore: torch.Tensor) -> torch.Tensor:
        return self.attention(states, states, states, key_padding_mask=ignore)[0]


def test_a_padding_mask_kept_from_another_batch_names_the_mask_not_the_states() -> None:
    reader = _Reader()
    first_batch_mask = torch.zeros(4, 7, dtype=torch.bool)
    states = torch.randn(2, 7, 12)  # a smaller last batch
    first = explain_raised(lambda: reader.read(states, first_batch_mask)).culprits[0]
    assert first.expression in ("first_batch_mask", "ignore")


class _CausalDecoder(nn.Module):
    def __init__(self, context: int) -> None:
        super().__init__()
        self.context = context
        self.proj = nn.Linear(4, 8)
        self.attention = nn.MultiheadAttention(8, 2)

    def forward(self, steps: torch.Tensor) -> torch.Tensor:
        h = self.proj(steps)
        future = torch.triu(torch.ones(self.context, self.context, dtype=torch.bool), 1)
        return self.attention(h, h, h, attn_mask=future)[0]


def test_a_causal_mask_sized_for_the_context_names_the_mask_not_the_attention_layer() -> None:
    decoder = _CausalDecoder(context=8)
    steps = torch.randn(5, 2, 4)  # (time, batch, features): 5 steps, not 8
    first = explain_raised(lambda: decoder(steps)).culprits[0]
    assert first.expression == "future"


# ---- a number compared with a str: the str is the number read as text ------------------


def test_a_learning_rate_read_as_text_is_named_not_the_other_settings() -> None:
    hyper = {"lr": "1e-3", "momentum": 0.9}
    net = nn.Linear(2, 2)

    def make_optimizer() -> torch.optim.Optimizer:
        rate = hyper["lr"]
        return torch.optim.SGD(net.parameters(), lr=rate, momentum=hyper["momentum"])

    first = explain_raised(make_optimizer).culprits[0]
    assert first.expression == "rate"


def test_a_warmup_length_read_as_text_is_named_not_the_epoch_counter() -> None:
    schedule = {"warmup": "3"}

    def lr_factor(epoch: int) -> float:
        return 0.1 if epoch < schedule["warmup"] else 1.0

    first = explain_raised(lambda: lr_factor(1)).culprits[0]
    assert first.expression == 'schedule["warmup"]'


# ---- a list written in place is not a value: its element of the other rank is ------------


class _Fusion(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.image = nn.Linear(10, 6)
        self.text = nn.Embedding(30, 6)

    def forward(self, pixels: torch.Tensor, token: torch.Tensor) -> torch.Tensor:
        image_vec = self.image(pixels)
        token_vec = self.text(token)  # (batch, 1, 6): the sequence dim kept
        return torch.cat([image_vec, token_vec], dim=-1)


def test_a_feature_concatenated_with_its_sequence_dim_kept_is_named() -> None:
    fusion = _Fusion()
    first = explain_raised(
        lambda: fusion(torch.randn(2, 10), torch.randint(0, 30, (2, 1)))
    ).culprits[0]
    assert first.expression == "token_vec"


def _with_stats(pooled: torch.Tensor, stats: torch.Tensor) -> torch.Tensor:
    return torch.cat((pooled, stats), dim=1)


def test_a_flat_statistic_concatenated_to_a_map_is_named() -> None:
    pooled = torch.randn(3, 4, 2)
    flat_stats = torch.randn(3, 5)
    first = explain_raised(lambda: _with_stats(pooled, flat_stats)).culprits[0]
    assert first.expression in ("flat_stats", "stats")


# ---- a Linear sized right for a map a Sequential never flattened: the Sequential ----------


class _Detector(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.backbone = nn.Conv2d(3, 8, 3, padding=1)
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(4), nn.Linear(8 * 4 * 4, 3))

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.head(torch.relu(self.backbone(images)))


def test_a_head_sequential_without_flatten_is_named_not_its_linear() -> None:
    detector = _Detector()
    first = explain_raised(lambda: detector(torch.randn(2, 3, 16, 16))).culprits[0]
    assert first.expression in ("self.head", "detector.head")
    assert "Flatten" in first.reason


def _evaluate(net: nn.Module, batch: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return net(batch).argmax(1)


def test_a_conv_stack_sequential_without_flatten_is_named_through_a_helper() -> None:
    classifier = nn.Sequential(nn.Conv1d(2, 4, 3, padding=1), nn.MaxPool1d(2), nn.Linear(4 * 5, 6))
    first = explain_raised(lambda: _evaluate(classifier, torch.randn(3, 2, 10))).culprits[0]
    assert first.expression in ("classifier", "net")
    assert "Flatten" in first.reason


class _HandWritten(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.fc = nn.Linear(4 * 6 * 6, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.conv(x))  # the flatten is missing in this forward's code


def test_a_forward_of_the_users_own_is_not_named_as_a_container() -> None:
    net = _HandWritten()
    first = explain_raised(lambda: net(torch.randn(2, 1, 6, 6))).culprits[0]
    assert "Flatten" not in first.reason
