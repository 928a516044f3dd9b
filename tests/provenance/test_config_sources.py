"""The setting behind a value the model carries (issue 9): a size a class copied from its
config, or a layer a builder sized from a config entry, is named at the setting the user
edits, raised live through `torchwhy.explain`."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from tests.provenance.live import explain_raised


class _EncoderConfig:
    def __init__(self, hidden_size: int = 64, num_attention_heads: int = 4) -> None:
        self.hidden_size = hidden_size
        self.num_attention_heads = num_attention_heads


class _SelfAttention(nn.Module):
    def __init__(self, config: _EncoderConfig) -> None:
        super().__init__()
        self.num_heads = config.num_attention_heads
        self.head_dim = config.hidden_size // config.num_attention_heads
        self.qkv = nn.Linear(config.hidden_size, 3 * config.hidden_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, t, _ = x.shape
        q = self.qkv(x).chunk(3, dim=-1)[0]
        return q.view(b, t, self.num_heads, self.head_dim)


def test_a_size_copied_from_the_config_is_named_at_the_config_entry() -> None:
    config = _EncoderConfig(
        hidden_size=60,
        num_attention_heads=8,  # 8 does not divide 60
    )
    attention = _SelfAttention(config)
    diagnosis = explain_raised(lambda: attention(torch.randn(2, 5, 60)))
    first = diagnosis.culprits[0]
    assert first.expression == "config.num_attention_heads"
    assert (
        first.made_at is not None
        and first.made_at.code == "num_attention_heads=8,  # 8 does not divide 60"
    )
    assert "`self.num_heads` holds `config.num_attention_heads`" in first.reason
    assert [c.expression for c in diagnosis.culprits[1:3]] == ["self.num_heads", "self.head_dim"]


class _Scaled(nn.Module):
    def __init__(self, config: _EncoderConfig) -> None:
        super().__init__()
        self.num_heads = config.num_attention_heads

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.num_heads


def test_a_copied_setting_is_not_named_when_its_state_is_not_blamed() -> None:
    scaled = _Scaled(_EncoderConfig())
    diagnosis = explain_raised(lambda: scaled(torch.randn(2, 3)) + torch.randn(4, 5))
    assert all(c.expression != "config.num_attention_heads" for c in diagnosis.culprits)


class _MeanAggregate(nn.Module):
    def forward(self, x: torch.Tensor, edges: torch.Tensor, num_nodes: int) -> torch.Tensor:
        src, dst = edges
        total = torch.zeros(num_nodes, x.size(1))
        return total.index_add_(0, dst, x[src])


def test_a_count_that_sized_a_buffer_one_short_is_named_where_it_was_counted() -> None:
    aggregate = _MeanAggregate()
    edges = torch.tensor([[0, 1, 2, 3], [1, 2, 3, 0]])
    x = torch.randn(4, 2)
    num_nodes = int(edges.max())  # the largest id, not the count
    diagnosis = explain_raised(lambda: aggregate(x, edges, num_nodes))
    first = diagnosis.culprits[0]
    assert first.expression == "num_nodes"
    assert first.made_at is not None
    assert first.made_at.code == "num_nodes = int(edges.max())  # the largest id, not the count"
    assert "`dst` counts 0..3" in first.reason


def test_ids_far_past_a_buffer_stay_the_ids_story() -> None:
    aggregate = _MeanAggregate()
    edges = torch.tensor([[0, 1, 2, 3], [1, 2, 3, 40]])
    diagnosis = explain_raised(lambda: aggregate(torch.randn(4, 2), edges, 4))
    first = diagnosis.culprits[0]
    assert first.expression == "edges"  # the tensor `dst` was unpacked from
    assert first.passed_as == "dst"


def _build_classifier(model_cfg: dict[str, int], in_features: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Linear(in_features, model_cfg["hidden"]),
        nn.ReLU(),
        nn.Linear(model_cfg["hidden"], model_cfg["num_classes"]),
    )


def _train_step(model: nn.Module, inputs: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    return nn.functional.cross_entropy(model(inputs), labels)


def test_the_config_entry_that_sized_a_built_sequential_head_is_named() -> None:
    cfg = {"model": {"hidden": 8, "num_classes": 3}, "labels": ["cat", "dog", "bird", "fish"]}
    model = _build_classifier(cfg["model"], 5)
    labels = torch.arange(len(cfg["labels"]))  # four classes, 0..3
    diagnosis = explain_raised(lambda: _train_step(model, torch.randn(4, 5), labels))
    first, second = diagnosis.culprits[:2]
    assert first.expression == 'model_cfg["num_classes"]'
    assert first.made_at is not None and first.made_at.line is not None
    assert second.expression == "model[2]"
    assert second.made_at is not None and second.made_at.function == "_build_classifier"


def test_a_sequential_whose_head_is_a_literal_names_that_layer() -> None:
    model = nn.Sequential(nn.Linear(5, 8), nn.ReLU(), nn.Linear(8, 3))
    labels = torch.arange(4)
    diagnosis = explain_raised(lambda: _train_step(model, torch.randn(4, 5), labels))
    assert diagnosis.culprits[0].expression == "model[2]"


NUM_CLASSES = 3  # background (0) left out of the count


class _TwoHeads(nn.Module):
    def __init__(self, num_classes: int) -> None:
        super().__init__()
        self.body = nn.Linear(6, 8)
        self.box_head = nn.Linear(8, 4)
        self.cls_head = nn.Linear(8, num_classes)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        features = self.body(x)
        return self.box_head(features), self.cls_head(features)


def _detection_loss(model: nn.Module, crops: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    boxes, scores = model(crops)
    return nn.functional.cross_entropy(scores, labels) + boxes.mean()


def test_the_constant_a_model_was_built_with_is_named_for_the_head_it_sized() -> None:
    model = _TwoHeads(NUM_CLASSES)
    labels = torch.tensor([0, 1, 2, 3])
    diagnosis = explain_raised(lambda: _detection_loss(model, torch.randn(4, 6), labels))
    first, second = diagnosis.culprits[:2]
    assert first.expression == "NUM_CLASSES"
    assert first.made_at is not None
    assert first.made_at.code == "NUM_CLASSES = 3  # background (0) left out of the count"
    assert second.expression == "self.cls_head"  # the returned element `scores` holds


def _build_two_heads(classes: int) -> nn.Module:
    return _TwoHeads(classes)


def test_a_builders_argument_is_not_read_as_the_models_own() -> None:
    model = _build_two_heads(NUM_CLASSES)
    labels = torch.tensor([0, 1, 2, 3])
    diagnosis = explain_raised(lambda: _detection_loss(model, torch.randn(4, 6), labels))
    assert diagnosis.culprits[0].expression == "self.cls_head"


def test_a_cache_made_in_inference_mode_is_named_where_it_was_made() -> None:
    encoder, probe = nn.Linear(6, 6), nn.Linear(6, 2)
    with torch.inference_mode():
        features = encoder(torch.randn(8, 6))
    labels = torch.tensor([0, 1] * 4)

    def train_step() -> None:
        batch = features[:4]
        nn.functional.cross_entropy(probe(batch), labels[:4]).backward()

    diagnosis = explain_raised(train_step)
    first = diagnosis.culprits[0]
    assert first.expression == "features"
    assert (
        first.made_at is not None and first.made_at.code == "features = encoder(torch.randn(8, 6))"
    )
    assert "torch.inference_mode()" in first.reason


class _Block(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.attn = nn.MultiheadAttention(16, 2)  # batch_first=False by default

    def forward(self, x: torch.Tensor, pad_mask: torch.Tensor) -> torch.Tensor:
        out, _ = self.attn(x, x, x, key_padding_mask=pad_mask, need_weights=False)
        return out


def test_attention_reading_the_batch_as_the_sequence_is_named() -> None:
    block = _Block()
    x = torch.randn(4, 7, 16)  # (batch, seq, embed)
    pad_mask = torch.zeros(4, 7, dtype=torch.bool)
    diagnosis = explain_raised(lambda: block(x, pad_mask))
    first = diagnosis.culprits[0]
    assert first.expression == "self.attn"
    assert "batch_first=False" in first.reason


class _AttentionPool(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.attn = nn.MultiheadAttention(16, 2)
        self.query = nn.Parameter(torch.randn(1, 1, 16))

    def forward(self, h: torch.Tensor, pad_mask: torch.Tensor) -> torch.Tensor:
        q = self.query.expand(1, h.size(1), -1)
        pooled, _ = self.attn(q, h, h, key_padding_mask=pad_mask)
        return pooled


def test_a_mask_made_sequence_first_for_sequence_first_data_names_the_mask() -> None:
    pool = _AttentionPool()
    tokens = torch.randint(1, 9, (7, 4))  # (seq, batch), as the layer wants
    pad_mask = tokens == 0  # (seq, batch): key_padding_mask wants (batch, seq)
    h = torch.randn(7, 4, 16)
    diagnosis = explain_raised(lambda: pool(h, pad_mask))
    assert diagnosis.culprits[0].expression == "pad_mask"


def test_a_padding_mask_of_another_length_stays_the_masks_story() -> None:
    block = _Block()
    x = torch.randn(7, 4, 16)  # (seq, batch, embed), as the layer wants
    pad_mask = torch.zeros(4, 5, dtype=torch.bool)  # made for another length
    diagnosis = explain_raised(lambda: block(x, pad_mask))
    assert diagnosis.culprits[0].expression == "pad_mask"


def test_a_partial_load_for_a_new_head_names_the_state_dict_it_loads() -> None:
    pretrained = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 10))
    state_dict = pretrained.state_dict()
    model = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 3))  # a new 3-class head
    diagnosis = explain_raised(lambda: model.load_state_dict(state_dict, strict=False))
    first = diagnosis.culprits[0]
    assert first.expression == "state_dict"
    assert "strict=False" in first.reason


def test_a_strict_load_of_other_sizes_does_not_blame_strictness() -> None:
    state_dict = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 10)).state_dict()
    model = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 3))
    diagnosis = explain_raised(lambda: model.load_state_dict(state_dict))
    assert all("strict=False" not in c.reason for c in diagnosis.culprits)


class _Detections(torch.utils.data.Dataset):
    def __init__(self) -> None:
        self.samples = [
            (torch.rand(3, 8, 8), [[0.0, 0.0, 1.0, 1.0]] * (1 + i % 3)) for i in range(4)
        ]

    def __len__(self) -> int:
        return len(self.samples)

    def __getitem__(self, idx: int) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        image, boxes = self.samples[idx]
        target = {"boxes": torch.tensor(boxes)}  # 1 to 3 boxes per image
        return image, target


def test_the_sample_part_made_per_item_is_named_not_the_stored_image() -> None:
    loader = torch.utils.data.DataLoader(_Detections(), batch_size=4)
    diagnosis = explain_raised(lambda: next(iter(loader)))
    first = diagnosis.culprits[0]
    assert first.expression == "target"
    assert first.made_at is not None and first.made_at.function == "__getitem__"


def _save_checkpoint(path: Any, model_state: dict, epoch: int) -> None:
    torch.save({"epoch": epoch, "model_state_dict": model_state}, path)


def _load_for_evaluation(ckpt_path: Any) -> nn.Module:
    ckpt = torch.load(ckpt_path)
    model = nn.Linear(3, 2)
    model.load_state_dict(ckpt["model_state_dict"])
    return model


def test_a_wrappers_state_saved_through_a_helper_is_named_at_the_helpers_call(
    tmp_path: Any,
) -> None:
    ckpt_path = tmp_path / "last.pt"
    wrapped = nn.DataParallel(nn.Linear(3, 2))
    _save_checkpoint(ckpt_path, wrapped.state_dict(), epoch=1)
    diagnosis = explain_raised(lambda: _load_for_evaluation(ckpt_path))
    first = diagnosis.culprits[0]
    assert first.expression == "wrapped.state_dict()"
    assert first.made_at is not None
    assert first.made_at.code == "_save_checkpoint(ckpt_path, wrapped.state_dict(), epoch=1)"


def test_the_tensor_a_batch_is_indexed_out_of_is_named_for_its_dtype() -> None:
    import numpy as np

    model = nn.Linear(4, 1)
    windows = np.random.default_rng(0).normal(size=(16, 4))  # float64
    windows_t = torch.from_numpy(windows)

    def step(order: torch.Tensor) -> torch.Tensor:
        xb = windows_t[order[:8]]
        return model(xb)

    diagnosis = explain_raised(lambda: step(torch.randperm(16)))
    first = diagnosis.culprits[0]
    assert first.expression == "windows_t"
    assert first.made_at is not None and first.made_at.code.startswith(
        "windows_t = torch.from_numpy"
    )
    assert first.passed_as == "xb"


def test_a_batch_converted_after_indexing_keeps_the_blame() -> None:
    model = nn.Linear(4, 1)
    table = torch.randn(16, 4)

    def step() -> torch.Tensor:
        xb = table[:8].double()
        return model(xb)

    diagnosis = explain_raised(step)
    assert diagnosis.culprits[0].expression == "xb"


def _freeze_backbone(model: nn.Module) -> None:
    for name, param in model.named_parameters():
        if not name.startswith("head"):  # the head is called `classifier`
            param.requires_grad = False


def test_the_helper_that_froze_every_parameter_is_named_for_an_empty_optimizer() -> None:
    model = nn.Sequential()
    model.add_module("backbone", nn.Linear(4, 4))
    model.add_module("classifier", nn.Linear(4, 2))

    def build() -> torch.optim.Optimizer:
        _freeze_backbone(model)
        return torch.optim.AdamW(filter(lambda p: p.requires_grad, model.parameters()))

    diagnosis = explain_raised(build)
    first = diagnosis.culprits[0]
    assert first.expression == "_freeze_backbone"
    assert first.made_at is not None and first.made_at.code == "_freeze_backbone(model)"


def _classifier_from_settings(settings: dict) -> nn.Sequential:
    classes = settings.get("classes", 3)
    return nn.Sequential(nn.Linear(settings["inputs"], 16), nn.ReLU(), nn.Linear(16, classes))


def _settings_train_step(settings: dict) -> None:
    torch.manual_seed(0)
    classifier = _classifier_from_settings(settings)
    features = torch.randn(8, settings["inputs"])
    labels = torch.arange(8) % settings["num_classes"]
    nn.functional.cross_entropy(classifier(features), labels)


def test_a_config_lookup_that_fell_back_to_its_default_is_named() -> None:
    # The config says `num_classes`; the builder reads `classes` and gets its default 3.
    diagnosis = explain_raised(lambda: _settings_train_step({"inputs": 5, "num_classes": 8}))
    assert diagnosis.category == "index/class-out-of-range"
    first = diagnosis.culprits[0]
    assert first.expression == 'settings.get("classes", 3)'
    assert first.made_at is not None
    assert first.made_at.code == 'classes = settings.get("classes", 3)'
    assert "has no key `classes`; it has `num_classes`" in first.reason


def test_a_config_lookup_that_found_its_key_is_not_blamed_as_a_default() -> None:
    # Guard: the key is there (3 classes, meant), so the labels beyond it are their own story.
    diagnosis = explain_raised(
        lambda: _settings_train_step({"inputs": 5, "num_classes": 8, "classes": 3})
    )
    assert all("fell back to its default" not in c.reason for c in diagnosis.culprits)
