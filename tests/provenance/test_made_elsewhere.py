"""Culprits made away from the failing call (issue 9): each raised live through
`torchwhy.explain`, in two styles where the mechanism is general (a class-based model and
a functional one, inline code and a helper). The meta device stands in for an accelerator."""

from __future__ import annotations

import torch
from torch import nn

from tests.provenance.live import explain_raised

META = torch.device("meta")


# ---- a tensor method's arguments are bound by its signature, not by torch's frames ------


class _CausalScores(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.proj = nn.Linear(4, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        scores = self.proj(x) @ x.transpose(-2, -1)
        mask = torch.tril(torch.ones(x.shape[1], x.shape[1]))  # no device=
        return scores.masked_fill(mask == 0, float("-inf"))


def test_a_c_method_on_meta_binds_its_arguments_by_signature() -> None:
    # Below `masked_fill` torch runs a Python meta kernel whose parameters are not the
    # call's: binding by position to it gave `float("-inf")` the mask's facts.
    model = _CausalScores().to(META)
    diagnosis = explain_raised(lambda: model(torch.randn(2, 3, 4, device=META)))
    first = diagnosis.culprits[0]
    assert first.expression == "mask"
    assert first.made_at is not None and "torch.tril" in (first.made_at.code or "")
    assert all(culprit.expression != 'float("-inf")' for culprit in diagnosis.culprits[:2])


def test_a_c_function_on_meta_binds_its_arguments_by_signature() -> None:
    weights = torch.randn(3, device=META)

    def masked_sum(values: torch.Tensor) -> torch.Tensor:
        keep = torch.ones(3) > 0  # made on the CPU
        return torch.where(keep, values, weights)

    diagnosis = explain_raised(lambda: masked_sum(torch.randn(3, device=META)))
    assert diagnosis.culprits[0].expression == "keep"


# ---- a tensor inside the model that `.to(device)` did not move ---------------------------


class _Scaled(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.lin = nn.Linear(4, 4)
        self.scale = torch.ones(4)  # a plain attribute, not a registered buffer

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.lin(x) * self.scale


class _Ramped(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.proj = nn.Linear(6, 6)

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        ramp = torch.linspace(0.0, 1.0, h.shape[-1])
        return self.proj(h) * ramp


def test_a_plain_tensor_attribute_stays_behind_when_the_model_moves() -> None:
    model = _Scaled().to(META)
    diagnosis = explain_raised(lambda: model(torch.randn(2, 4, device=META)))
    first = diagnosis.culprits[0]
    assert first.expression == "self.scale"
    assert "registered buffers" in first.reason


def test_a_tensor_made_in_forward_without_device_stays_behind() -> None:
    model = _Ramped().to(META)
    diagnosis = explain_raised(lambda: model(torch.randn(3, 6, device=META)))
    assert diagnosis.culprits[0].expression == "ramp"


# ---- the model never moved, its input was ------------------------------------------------


class _TwoLayers(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.body = nn.Linear(6, 6)
        self.head = nn.Linear(6, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(torch.relu(self.body(x)))


def test_a_class_model_left_on_the_cpu_is_named_not_its_moved_input() -> None:
    net = _TwoLayers()

    def run() -> None:
        x = torch.randn(5, 6).to(META)
        net(x)

    diagnosis = explain_raised(run)
    assert diagnosis.culprits[0].expression == "net"


def test_a_sequential_model_left_on_the_cpu_is_named_from_a_helper_loop() -> None:
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 2))
    batches = [(torch.randn(4, 8), torch.randint(0, 2, (4,)))]

    def run_epoch(device: str) -> None:
        for xb, yb in batches:
            xb, yb = xb.to(device), yb.to(device)
            model(xb)

    diagnosis = explain_raised(lambda: run_epoch("meta"))
    assert diagnosis.culprits[0].expression == "model"


# ---- the setting a model was built from, when its layer rejects the data ------------------

_CFG = {"in_dim": 32, "hidden": 64, "classes": 3}


def _build_mlp(in_dim: int, hidden: int, classes: int) -> nn.Module:
    return nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(), nn.Linear(hidden, classes))


class _Encoder(nn.Module):
    def __init__(self, in_channels: int) -> None:
        super().__init__()
        self.stem = nn.Conv2d(in_channels, 8, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.stem(x))


def test_a_dict_setting_that_sized_a_functional_model_is_named() -> None:
    def run() -> None:
        model = _build_mlp(_CFG["in_dim"], _CFG["hidden"], _CFG["classes"])
        features = torch.randn(8, 20)
        model(features)

    first = explain_raised(run).culprits[0]
    assert first.expression == '_CFG["in_dim"]'  # not `hidden` (64), the output side
    assert "in_features=32" in first.reason


def test_an_argparse_setting_that_sized_a_class_model_is_named() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--in-channels", type=int, default=3)
    args = parser.parse_args([])

    def run() -> None:
        encoder = _Encoder(args.in_channels)
        scans = torch.randn(4, 1, 16, 16)  # grayscale
        encoder(scans)

    assert explain_raised(run).culprits[0].expression == "args.in_channels"


def test_data_holding_the_setting_in_another_layout_stays_the_culprit() -> None:
    def run() -> None:
        model = _build_mlp(_CFG["in_dim"], _CFG["hidden"], _CFG["classes"])
        images = torch.randn(2, 2, 4, 4)  # 32 values per sample, not flattened
        model(images)

    assert explain_raised(run).culprits[0].expression == "images"


# ---- a tensor the user handed to a loss module ------------------------------------------


def _loss_of(criterion: nn.Module, logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    return criterion(logits, labels)


def test_float64_class_weights_are_named_not_the_float32_logits() -> None:
    import numpy as np

    def run() -> None:
        counts = np.array([50.0, 10.0, 5.0])
        class_weights = torch.from_numpy(counts.sum() / counts)  # float64, numpy's default
        criterion = nn.CrossEntropyLoss(weight=class_weights)
        logits = torch.randn(6, 3, requires_grad=True)
        _loss_of(criterion, logits, torch.tensor([0, 1, 2, 0, 1, 2]))  # in a helper

    first = explain_raised(run).culprits[0]
    assert first.expression == "class_weights"
    assert "float64" in first.reason and "float32" in first.reason


class _Trainer:
    def __init__(self, model: nn.Module, labels: torch.Tensor) -> None:
        self.model = model.to(META)
        positives = labels.sum()
        self.pos_weight = ((len(labels) - positives) / positives).reshape(1)  # stays on cpu
        self.criterion = nn.BCEWithLogitsLoss(pos_weight=self.pos_weight)

    def step(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        x, y = x.to(META), y.to(META)
        logits = self.model(x).squeeze(-1)
        return self.criterion(logits, y)


def test_a_pos_weight_held_by_a_trainer_is_named_when_left_on_the_cpu() -> None:
    labels = torch.tensor([1.0, 0.0, 0.0, 0.0, 1.0, 0.0])
    trainer = _Trainer(nn.Linear(5, 1), labels)
    diagnosis = explain_raised(lambda: trainer.step(torch.randn(6, 5), labels))
    assert diagnosis.culprits[0].expression == "self.pos_weight"


# ---- a mask made as numbers --------------------------------------------------------------


def test_a_float_padding_mask_passed_to_a_helper_is_named() -> None:
    def attention_scores(q: torch.Tensor, k: torch.Tensor, pad_mask: torch.Tensor) -> torch.Tensor:
        return (q @ k.transpose(-1, -2)).masked_fill(pad_mask, -1e9)

    def run() -> None:
        q = k = torch.randn(2, 5, 8)
        lengths = torch.tensor([3, 5])
        pad_mask = (torch.arange(5)[None, :] >= lengths[:, None]).float().unsqueeze(1)
        attention_scores(q, k, pad_mask)

    diagnosis = explain_raised(run)
    assert diagnosis.category == "dtype/mask-not-bool"
    first = diagnosis.culprits[0]
    assert first.expression == "pad_mask" and "needs a bool tensor" in first.reason


class _MaskedAttention(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.q = nn.Linear(4, 4)

    def forward(self, h: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        scores = self.q(h) @ h.transpose(1, 2)
        key_padding = 1 - attention_mask[:, None, :]  # int64, as a tokenizer gives it
        return scores.masked_fill(key_padding, float("-inf"))


def test_an_integer_attention_mask_inside_a_model_is_named() -> None:
    model = _MaskedAttention()
    attention_mask = torch.tensor([[1, 1, 0], [1, 1, 1]])
    diagnosis = explain_raised(lambda: model(torch.randn(2, 3, 4), attention_mask))
    assert diagnosis.culprits[0].expression == "key_padding"


# ---- a size from a setting in a reshape before the failing call --------------------------


def test_a_setting_batch_size_in_a_view_before_the_layer_is_named() -> None:
    import argparse

    args = argparse.Namespace(batch_size=8)

    class Flattening(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.fc = nn.Linear(4 * 3 * 3, 2)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            x = x.view(args.batch_size, -1)
            return self.fc(x)

    model = Flattening()
    last_batch = torch.randn(4, 4, 3, 3)  # the loader's smaller last batch
    first = explain_raised(lambda: model(last_batch)).culprits[0]
    assert first.expression == "args.batch_size"
    assert "x.view(args.batch_size, -1)" in first.reason


# ---- an index reshaped on the failing line ------------------------------------------------


def test_a_float_index_unsqueezed_in_the_gather_call_is_named() -> None:
    def categorical_nll(logits: torch.Tensor, values: torch.Tensor) -> torch.Tensor:
        bins = torch.clamp(values * 4, 0, 4)  # float bins: never cast to long
        log_probs = torch.log_softmax(logits, dim=-1)
        return -log_probs.gather(1, bins.unsqueeze(1)).mean()

    diagnosis = explain_raised(lambda: categorical_nll(torch.randn(6, 5), torch.rand(6)))
    first = diagnosis.culprits[0]
    assert first.expression == "bins"
    assert "float32" in first.reason


class _QNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.net = nn.Linear(4, 2)

    def td_values(self, states: torch.Tensor, actions: torch.Tensor) -> torch.Tensor:
        return self.net(states).gather(1, actions.view(-1, 1))


def test_float_actions_reshaped_in_a_method_are_named_not_the_q_values() -> None:
    qnet = _QNet()
    actions = torch.tensor([0.0, 1.0, 1.0])  # a replay buffer that stored floats
    diagnosis = explain_raised(lambda: qnet.td_values(torch.randn(3, 4), actions))
    assert diagnosis.culprits[0].expression == "actions"


def test_object_state_used_as_a_view_size_is_named() -> None:
    class Flattening(nn.Module):
        def __init__(self, batch_size: int) -> None:
            super().__init__()
            self.batch_size = batch_size
            self.fc = nn.Linear(4 * 3 * 3, 2)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            x = x.view(self.batch_size, -1)
            return self.fc(x)

    model = Flattening(batch_size=8)
    assert explain_raised(lambda: model(torch.randn(4, 4, 3, 3))).culprits[0].expression == (
        "self.batch_size"
    )
