"""Culprits ranked and spelled the way an expert names them (issue 9, from the misses the
blind tuning sets share; each mechanism raised live in two styles of our own, the blind
scripts are not copied here)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from tests.provenance.live import explain_raised

# ---- a model wrapped before loading a checkpoint saved from the bare network -----------


class _Tagger(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.embed = nn.Embedding(20, 8)
        self.out = nn.Linear(8, 4)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.out(self.embed(tokens))


class _Serving:
    """Loads weights the way a serving class does: wraps first, then restores."""

    def __init__(self, weights: dict[str, torch.Tensor]) -> None:
        self.net = nn.DataParallel(_Tagger())
        self.weights = weights

    def restore(self) -> None:
        self.net.load_state_dict(self.weights)


def test_a_data_parallel_wrapper_loading_bare_weights_is_named_not_the_weights() -> None:
    serving = _Serving(_Tagger().state_dict())
    first = explain_raised(serving.restore).culprits[0]
    assert first.expression == "self.net"
    assert "`module.`" in first.reason


def test_a_compiled_model_loading_bare_weights_is_named_not_the_weights() -> None:
    bare_weights = _Tagger().state_dict()
    compiled = torch.compile(_Tagger())  # compiles lazily: loading runs no compiler
    first = explain_raised(lambda: compiled.load_state_dict(bare_weights)).culprits[0]
    assert first.expression == "compiled"
    assert "`_orig_mod.`" in first.reason


def test_weights_saved_from_a_wrapper_into_a_bare_model_still_name_the_weights() -> None:
    wrapped_weights = nn.DataParallel(_Tagger()).state_dict()
    model = _Tagger()
    first = explain_raised(lambda: model.load_state_dict(wrapped_weights)).culprits[0]
    assert first.expression == "wrapped_weights"


# ---- a value returned by the user's forward or helper is named by the name it returned -


class _Encoder(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.proj = nn.Linear(6, 4)

    def forward(self, readings: torch.Tensor) -> torch.Tensor:
        codes = self.proj(readings).double()  # for a float64 export, left in
        return codes


def test_a_model_output_is_named_by_the_name_its_forward_returned() -> None:
    encoder, head = _Encoder(), nn.Linear(4, 2)
    readings = torch.randn(3, 6)
    first = explain_raised(lambda: head(encoder(readings))).culprits[0]
    assert first.expression == "codes"
    assert first.passed_as == "encoder(readings)"
    assert first.made_at is not None and first.made_at.code is not None
    assert first.made_at.code.startswith("codes = self.proj(readings).double()")


class _Recommender:
    def __init__(self) -> None:
        self.table = torch.randn(10, 4)
        self.head = nn.Linear(4, 1)

    def embed(self, ids: torch.Tensor) -> torch.Tensor:
        vectors = self.table[ids].double()
        return vectors

    def predict(self, ids: torch.Tensor) -> torch.Tensor:
        return self.head(self.embed(ids))


def test_a_helper_method_result_is_named_by_the_name_it_returned() -> None:
    first = explain_raised(lambda: _Recommender().predict(torch.tensor([1, 2]))).culprits[0]
    assert first.expression == "vectors"
    assert first.passed_as == "self.embed(ids)"


class _Rebinding(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(6, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.fc(x).double()
        return x


def test_a_forward_returning_its_rebound_parameter_keeps_the_call_as_the_name() -> None:
    widen, head = _Rebinding(), nn.Linear(4, 2)
    x = torch.randn(3, 6)
    # `x` is the caller's input here: naming the output `x` would point at the wrong value.
    assert explain_raised(lambda: head(widen(x))).culprits[0].expression == "widen(x)"


class _Gallery:
    """Scores photos with a network it holds: not a module, so not the model's own code."""

    def __init__(self) -> None:
        self.net = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU(), nn.Flatten())

    def fetch(self) -> torch.Tensor:
        photo = torch.rand(1, 8, 8, 3)  # decoded height x width x channels, batched
        return photo

    def score(self) -> torch.Tensor:
        return self.net(self.fetch())


def test_a_layer_is_not_blamed_for_what_a_plain_helper_fed_the_model() -> None:
    first = explain_raised(_Gallery().score).culprits[0]
    assert first.expression == "photo"
    assert first.passed_as == "self.fetch()"


# ---- a loader that keeps its last, partial batch: one sample into batch norm ----------


class _Churn(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.body = nn.Sequential(nn.Linear(5, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 1))

    def forward(self, rows: torch.Tensor) -> torch.Tensor:
        return self.body(rows)


class _Trainer:
    def __init__(self, model: nn.Module, rows: int) -> None:
        data = torch.utils.data.TensorDataset(torch.randn(rows, 5), torch.rand(rows, 1))
        self.model = model
        self.loader = torch.utils.data.DataLoader(data, batch_size=4)

    def fit(self) -> None:
        for features, target in self.loader:
            nn.functional.mse_loss(self.model(features), target).backward()


def test_a_trainers_loader_whose_last_batch_holds_one_sample_is_named() -> None:
    trainer = _Trainer(_Churn(), rows=9)  # 4 + 4 + 1
    first = explain_raised(trainer.fit).culprits[0]
    assert first.expression == "self.loader"
    assert "drop_last" in first.reason


def _epoch(model: nn.Module, loader: torch.utils.data.DataLoader) -> None:
    for step, (rows, _) in enumerate(loader):
        model(rows).sum().backward()
        print(f"step {step}")


def test_a_loader_read_through_enumerate_is_named_for_a_last_batch_of_one() -> None:
    data = torch.utils.data.TensorDataset(torch.randn(7, 5), torch.zeros(7))
    train_loader = torch.utils.data.DataLoader(data, batch_size=3, shuffle=True)
    first = explain_raised(lambda: _epoch(_Churn(), train_loader)).culprits[0]
    assert first.expression == "train_loader"  # the caller's name, where it was made


def test_a_loader_that_drops_its_last_batch_is_not_blamed_for_a_single_sample() -> None:
    data = torch.utils.data.TensorDataset(torch.randn(7, 5), torch.zeros(7))
    loader = torch.utils.data.DataLoader(data, batch_size=1, drop_last=True)
    assert explain_raised(lambda: _epoch(_Churn(), loader)).culprits[0].expression != "loader"


# ---- a frozen module fed a detached input: the freeze, not the detach, lost the graph ---


def _freeze(module: nn.Module) -> nn.Module:
    for parameter in module.parameters():
        parameter.requires_grad_(False)
    return module


def test_a_frozen_scorer_fed_a_detached_embedding_is_named_before_the_embedding() -> None:
    encoder, scorer = nn.Linear(4, 6), _freeze(nn.Linear(6, 1))

    def step() -> None:
        embedding = encoder(torch.randn(5, 4)).detach()  # the scorer is trained on its own
        loss = scorer(embedding).mean()
        loss.backward()

    first = explain_raised(step).culprits[0]
    assert first.expression == "scorer"
    assert "frozen" in first.reason


class _CriticStep:
    def __init__(self) -> None:
        self.backbone = nn.Linear(3, 8)
        self.critic = _freeze(nn.Linear(8, 1))

    def run(self) -> None:
        with torch.no_grad():
            features = self.backbone(torch.randn(2, 3))
        value = self.critic(features).sum()
        value.backward()


def test_a_frozen_critic_fed_no_grad_features_is_named_before_the_features() -> None:
    assert explain_raised(_CriticStep().run).culprits[0].expression == "self.critic"


def test_a_detach_after_a_frozen_backbone_is_still_the_detach() -> None:
    backbone, head = _freeze(nn.Linear(4, 6)), nn.Linear(6, 1)

    def step() -> None:
        scores = head(backbone(torch.randn(5, 4))).detach()  # for logging, then reused
        scores.mean().backward()

    assert explain_raised(step).culprits[0].expression == "scores"


# ---- a loss module built with reduction="none" where one number is needed -------------


class _EarlyStopper:
    def __init__(self) -> None:
        self.loss_fn = nn.CrossEntropyLoss(reduction="none")  # per-sample, for a histogram
        self.best = float("inf")

    def improved(self, logits: torch.Tensor, labels: torch.Tensor) -> bool:
        if self.loss_fn(logits, labels) < self.best:
            self.best = 0.0
        return self.best == 0.0


def test_an_unreduced_loss_compared_to_a_number_names_the_loss_module() -> None:
    stopper = _EarlyStopper()
    logits, labels = torch.randn(4, 3), torch.tensor([0, 2, 1, 0])
    first = explain_raised(lambda: stopper.improved(logits, labels)).culprits[0]
    assert first.expression == "self.loss_fn"
    assert 'reduction="none"' in first.reason


def _regression_step(net: nn.Module, loss_fn: nn.Module, rows: torch.Tensor) -> None:
    loss = loss_fn(net(rows), torch.zeros(len(rows), 1))
    loss.backward()


def test_an_unreduced_loss_passed_to_a_training_step_names_the_loss_module() -> None:
    l1 = nn.L1Loss(reduction="none")
    first = explain_raised(lambda: _regression_step(nn.Linear(2, 1), l1, torch.randn(5, 2)))
    assert first.culprits[0].expression == "l1"


class _StepLossTrainer:
    """A trainer whose step method returns the loss module's result: the module is in
    `__init__`, the backward in another method."""

    def __init__(self) -> None:
        self.net = nn.Linear(3, 1)
        self.objective = nn.SmoothL1Loss(reduction="none")

    def step_loss(self, rows: torch.Tensor) -> torch.Tensor:
        return self.objective(self.net(rows), torch.zeros(len(rows), 1))

    def fit(self) -> None:
        loss = self.step_loss(torch.randn(6, 3))
        loss.backward()


def test_an_unreduced_loss_returned_by_a_step_method_names_the_loss_module() -> None:
    first = explain_raised(_StepLossTrainer().fit).culprits[0]
    assert first.expression == "self.objective"
    assert first.made_at is not None and first.made_at.function == "__init__"


_per_pixel = nn.MSELoss(reduction="none")


def _reconstruction(decoded: torch.Tensor, images: torch.Tensor) -> torch.Tensor:
    return _per_pixel(decoded, images)


def test_an_unreduced_loss_returned_by_a_helper_function_names_the_loss_module() -> None:
    images = torch.rand(2, 4)

    def step() -> None:
        decoded = nn.Linear(4, 4)(images)
        loss = _reconstruction(decoded, images)
        loss.backward()

    assert explain_raised(step).culprits[0].expression == "_per_pixel"


# ---- a tensor a module keeps across batches, sized by the batch size --------------------


class _MemoryTokens(nn.Module):
    def __init__(self, settings: dict[str, int]) -> None:
        super().__init__()
        self.proj = nn.Linear(6, 8)
        self.memory = nn.Parameter(torch.zeros(settings["batch_size"], 2, 8))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.memory, self.proj(x)], dim=1)


class _PerSampleBias(nn.Module):
    def __init__(self, batch_size: int) -> None:
        super().__init__()
        self.register_buffer("offset", torch.zeros(batch_size, 6))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.offset


def test_a_kept_tensor_sized_by_the_batch_size_is_named_on_the_last_batch() -> None:
    model = _MemoryTokens({"batch_size": 8})
    first = explain_raised(lambda: model(torch.randn(3, 5, 6))).culprits[0]
    assert first.expression == "self.memory"
    assert first.made_at is not None and "batch_size" in (first.made_at.code or "")


def test_a_buffer_sized_by_the_batch_size_is_named_on_the_last_batch() -> None:
    model = _PerSampleBias(batch_size=16)
    first = explain_raised(lambda: model(torch.randn(4, 6))).culprits[0]
    assert first.expression == "self.offset"


# ---- a wrapper's state dict saved where the bare network's was meant --------------------


def _export_averaged(folder: Path) -> None:
    network = nn.Sequential(nn.Linear(4, 4), nn.Tanh(), nn.Linear(4, 1))
    averaged = torch.optim.swa_utils.AveragedModel(network)
    weights_file = folder / "swa.pt"
    torch.save(averaged.state_dict(), weights_file)
    served = nn.Sequential(nn.Linear(4, 4), nn.Tanh(), nn.Linear(4, 1))
    served.load_state_dict(torch.load(weights_file))


def test_a_wrapper_saved_and_loaded_into_the_bare_network_names_the_save(tmp_path: Path) -> None:
    first = explain_raised(lambda: _export_averaged(tmp_path)).culprits[0]
    assert first.expression == "averaged.state_dict()"
    assert first.made_at is not None and "torch.save" in (first.made_at.code or "")


def _checkpoint_round_trip(folder: Path) -> None:
    network = nn.Linear(3, 2)
    path = folder / "ckpt.pt"
    torch.save({"model": network.state_dict(), "step": 10}, path)
    network.load_state_dict(torch.load(path))  # the dict around the state dict


def test_a_checkpoint_dict_loaded_whole_does_not_blame_the_save(tmp_path: Path) -> None:
    first = explain_raised(lambda: _checkpoint_round_trip(tmp_path)).culprits[0]
    assert first.expression != '{"model": network.state_dict(), "step": 10}'


# ---- a batch laid out (seq, batch) where the model reads (batch, seq) --------------------


class _BagOfFrames(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.score = nn.Linear(5, 3)

    def forward(self, frames: torch.Tensor) -> torch.Tensor:
        return self.score(frames).mean(dim=1)


def test_a_batch_stacked_along_the_second_dim_names_the_model_input() -> None:
    model = _BagOfFrames()
    clips = [torch.randn(7, 5) for _ in range(4)]
    labels = torch.tensor([0, 2, 1, 0])

    def step() -> None:
        frames = torch.stack(clips, dim=1)  # (time, batch, features)
        logits = model(frames)
        nn.functional.cross_entropy(logits, labels).backward()

    first = explain_raised(step).culprits[0]
    assert first.expression == "frames"
    assert "second dim" in first.reason
    assert first.made_at is not None and "torch.stack" in (first.made_at.code or "")


# ---- the tensor a TensorDataset batches: where every batch's dtype was chosen -----------


def _train_on_tensors() -> None:
    features = torch.randn(40, 5)
    grades = torch.randint(0, 3, (40,)).double()  # class ids, cast for a scatter plot
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(features, grades), batch_size=8
    )
    head = nn.Linear(5, 3)
    for inputs, targets in loader:
        nn.functional.cross_entropy(head(inputs), targets).backward()


def test_the_tensor_a_tensor_dataset_batches_is_named_for_a_batch_dtype() -> None:
    first = explain_raised(_train_on_tensors).culprits[0]
    assert first.expression == "grades"
    assert first.passed_as == "targets"
    assert first.made_at is not None and ".double()" in (first.made_at.code or "")


def _train_on_float_labels() -> None:
    readings = torch.randn(24, 5)  # float32, as an input should be
    classes = torch.randint(0, 3, (24,)).float()  # float32 too: the bug
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(readings, classes), batch_size=6
    )
    head = nn.Linear(5, 3)
    for batch_x, batch_y in loader:
        _classification_step(head, batch_x, batch_y)  # both batches are operands of this line


def _classification_step(head: nn.Module, inputs: torch.Tensor, labels: torch.Tensor) -> None:
    nn.functional.cross_entropy(head(inputs), labels).backward()


def test_the_source_named_is_the_one_of_the_batch_the_reading_is_about() -> None:
    first = explain_raised(_train_on_float_labels).culprits[0]
    assert first.expression == "classes"  # not `readings`, though both are float32


def _train_on_converted_batches() -> None:
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(torch.randn(16, 5), torch.randint(0, 3, (16,))),
        batch_size=8,
    )
    head = nn.Linear(5, 3)
    for inputs, targets in loader:
        labels = targets.float()  # converted on the way: the dataset is not to blame
        nn.functional.cross_entropy(head(inputs), labels).backward()


def test_a_batch_converted_after_loading_is_named_not_its_source() -> None:
    first = explain_raised(_train_on_converted_batches).culprits[0]
    assert first.expression == "labels"


# ---- a string looped over where a list of sizes was meant -------------------------------


def _conv_stack(channels: Any) -> nn.Module:
    layers, previous = [], 3
    for width in channels:
        layers.append(nn.Conv2d(previous, width, 3))
        previous = width
    return nn.Sequential(*layers)


def test_a_string_of_sizes_iterated_by_a_builder_is_named() -> None:
    config = {"channels": "32,64"}  # read from an INI file: a string, not a list
    first = explain_raised(lambda: _conv_stack(config["channels"])).culprits[0]
    assert first.expression in ("channels", 'config["channels"]')
    assert "characters" in first.reason


# ---- samples of a type torch's default collate cannot batch: the dataset, not the loader -


@dataclass
class _Document:
    """What a parser hands back: text and metadata, not yet tensors."""

    words: list[str]
    source: str


class _Corpus(torch.utils.data.Dataset):
    def __init__(self, encode: Callable[[_Document], torch.Tensor] | None = None) -> None:
        self.documents = [_Document(["a", "b"], "web") for _ in range(6)]
        self.encode = encode

    def __len__(self) -> int:
        return len(self.documents)

    def __getitem__(self, index: int) -> Any:
        document = self.documents[index]
        return self.encode(document) if self.encode else document


def _evaluate(documents: torch.utils.data.Dataset) -> int:
    loader = torch.utils.data.DataLoader(documents, batch_size=3)
    batches = 0
    for _ in loader:
        batches += 1
    return batches


def test_a_dataset_returning_parsed_objects_is_named_not_its_loader() -> None:
    eval_corpus = _Corpus()  # training gives its corpus `encode`; evaluation did not
    first = explain_raised(lambda: _evaluate(eval_corpus)).culprits[0]
    assert first.expression == "eval_corpus"
    assert "`_Document`" in first.reason


class _Evaluator:
    def __init__(self, dataset: torch.utils.data.Dataset) -> None:
        self.loader = torch.utils.data.DataLoader(dataset, batch_size=2, num_workers=1)

    def run(self) -> None:
        for batch in self.loader:
            print(len(batch))


def test_a_dataset_returning_parsed_objects_to_a_worker_is_named_not_its_loader() -> None:
    held_out = _Corpus()
    first = explain_raised(lambda: _Evaluator(held_out).run()).culprits[0]
    assert first.expression == "held_out"


# ---- a checkpoint of other sizes: the layer of the model the mismatched key belongs to --


def _backbone_with_head(classes: int) -> nn.Module:
    return nn.Sequential(
        nn.Linear(6, 8), nn.ReLU(), nn.Sequential(nn.Dropout(0.1), nn.Linear(8, classes))
    )


def test_the_layer_a_mismatched_key_belongs_to_is_named_in_a_sequential() -> None:
    pretrained = _backbone_with_head(10).state_dict()
    finetuned = _backbone_with_head(4)  # the new task has 4 classes
    first = explain_raised(lambda: finetuned.load_state_dict(pretrained)).culprits[0]
    assert first.expression == "finetuned[2][1]"


class _Scorer(nn.Module):
    def __init__(self, outputs: int) -> None:
        super().__init__()
        self.body = nn.Linear(3, 8)
        self.out = nn.Linear(8, outputs)


class _Restorer:
    def __init__(self, outputs: int) -> None:
        self.net = _Scorer(outputs)

    def restore(self, weights: dict[str, torch.Tensor]) -> None:
        self.net.load_state_dict(weights)


def test_the_layer_a_mismatched_key_belongs_to_is_named_where_its_class_made_it() -> None:
    weights = _Scorer(1).state_dict()
    first = explain_raised(lambda: _Restorer(3).restore(weights)).culprits[0]
    assert first.expression == "self.net.out"
    assert first.made_at is not None and first.made_at.code is not None
    assert first.made_at.code.startswith("self.out = nn.Linear(8, outputs)")


# ---- the data was moved, the model never: its output sits on the CPU ------------------

# The meta device stands in for an accelerator: torch checks devices the same way.
_ACCELERATOR = torch.device("meta")


class _TokenTagger(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.embed = nn.Embedding(20, 8)
        self.out = nn.Linear(8, 5)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.out(self.embed(tokens))


def _tagging_loss(tagger: nn.Module, tokens: torch.Tensor, tags: torch.Tensor) -> torch.Tensor:
    tokens, tags = tokens.to(_ACCELERATOR), tags.to(_ACCELERATOR)
    scores = tagger(tokens)
    return nn.functional.cross_entropy(scores.flatten(0, 1), tags.flatten())


def test_a_model_never_moved_is_named_when_its_output_meets_moved_data() -> None:
    tagger = _TokenTagger()
    tokens, tags = torch.randint(0, 20, (2, 6)), torch.randint(0, 5, (2, 6))
    first = explain_raised(lambda: _tagging_loss(tagger, tokens, tags)).culprits[0]
    assert first.expression == "tagger"
    assert "never moved" in first.reason


class _Fitter:
    def __init__(self) -> None:
        self.model = _TokenTagger()  # `.to(device)` forgotten here
        self.loss_fn = nn.CrossEntropyLoss()

    def step(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        batch = {key: value.to(_ACCELERATOR) for key, value in batch.items()}
        logits = self.model(batch["tokens"])
        return self.loss_fn(logits.transpose(1, 2), batch["tags"])


def test_a_trainers_model_never_moved_is_named_when_its_output_meets_moved_data() -> None:
    batch = {"tokens": torch.randint(0, 20, (2, 6)), "tags": torch.randint(0, 5, (2, 6))}
    assert explain_raised(lambda: _Fitter().step(batch)).culprits[0].expression == "self.model"


def test_a_moved_model_is_not_called_never_moved_next_to_unmoved_labels() -> None:
    tagger = _TokenTagger().to(_ACCELERATOR)
    tokens, tags = torch.randint(0, 20, (2, 6), device=_ACCELERATOR), torch.randint(0, 5, (12,))

    def loss() -> torch.Tensor:
        scores = tagger(tokens)
        return nn.functional.cross_entropy(scores.flatten(0, 1), tags)

    first = explain_raised(loss).culprits[0]
    assert first.expression != "tagger" and "never moved" not in first.reason.split(":")[0]


# ---- a module class called with tensors, where an instance was meant -------------------


_LOSSES = {"mse": nn.MSELoss, "l1": nn.L1Loss}


class _Regressor:
    def __init__(self, loss: str) -> None:
        self.net = nn.Linear(3, 1)
        self.loss_fn = _LOSSES[loss]  # the class: `()` forgotten

    def loss(self, rows: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        return self.loss_fn(self.net(rows), targets)


def test_a_loss_class_taken_from_a_registry_and_called_is_named() -> None:
    rows, targets = torch.randn(4, 3), torch.randn(4, 1)
    first = explain_raised(lambda: _Regressor("mse").loss(rows, targets)).culprits[0]
    assert first.expression == "self.loss_fn"
    assert "`MSELoss`, not an instance" in first.reason


def _bce_epoch(model: nn.Module, criterion: type[nn.Module], rows: torch.Tensor) -> float:
    probs = torch.sigmoid(model(rows)).squeeze(1)
    return float(criterion(probs, (rows[:, 0] > 0).float()))


def test_a_loss_class_passed_without_parentheses_is_named() -> None:
    model = nn.Linear(3, 1)
    first = explain_raised(lambda: _bce_epoch(model, nn.BCELoss, torch.randn(5, 3))).culprits[0]
    assert first.expression == "nn.BCELoss"  # where the class was passed: `nn.BCELoss()`
    assert first.passed_as == "criterion"


# ---- a skip connection one pixel off: the input side that halving rounds down ---------


class _TinyUNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.enc1, self.enc2 = nn.Conv2d(1, 4, 3, padding=1), nn.Conv2d(4, 8, 3, padding=1)
        self.mid = nn.Conv2d(8, 8, 3, padding=1)
        self.dec = nn.Conv2d(16, 4, 3, padding=1)

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        skip1 = self.enc1(image)
        skip2 = self.enc2(nn.functional.max_pool2d(skip1, 2))
        deep = self.mid(nn.functional.max_pool2d(skip2, 2))
        up = nn.functional.interpolate(deep, scale_factor=2)
        return self.dec(torch.cat([up, skip2], dim=1))


def test_an_input_side_that_pooling_rounds_down_is_named_before_the_skip() -> None:
    scan = torch.rand(1, 1, 30, 30)  # 30 -> 15 -> 7, upsampled to 14, not 15
    first = explain_raised(lambda: _TinyUNet()(scan)).culprits[0]
    assert first.expression == "scan"
    assert "divisible by 4" in first.reason


class _Segmenter:
    def __init__(self) -> None:
        self.net = _TinyUNet().eval()

    def predict(self, tile: torch.Tensor) -> torch.Tensor:
        with torch.no_grad():
            return self.net(tile).argmax(1)


def test_a_tile_size_that_pooling_rounds_down_is_named_through_a_predict_helper() -> None:
    tiles = torch.rand(2, 1, 54, 64)  # 54 -> 27 -> 13, upsampled to 26, not 27
    first = explain_raised(lambda: _Segmenter().predict(tiles)).culprits[0]
    assert first.expression == "tiles"


# ---- a whole pickled model refused by the weights-only loader: the name it was loaded into -


def _pickled_whole(model: nn.Module) -> io.BytesIO:
    buffer = io.BytesIO()
    torch.save(model, buffer)  # the whole object, not its state_dict()
    buffer.seek(0)
    return buffer


def _reload(buffer: io.BytesIO) -> nn.Module:
    restored = torch.load(buffer)
    return restored.eval()


def test_a_whole_pickled_model_names_what_it_was_loaded_into() -> None:
    buffer = _pickled_whole(_TokenTagger())
    first = explain_raised(lambda: _reload(buffer)).culprits[0]
    assert first.expression == "restored"
    assert "_TokenTagger" in first.reason


class _Server:
    def __init__(self, buffer: io.BytesIO) -> None:
        self.model = torch.load(buffer, map_location="cpu")


def test_a_whole_pickled_model_names_the_attribute_it_was_loaded_into() -> None:
    buffer = _pickled_whole(_Scorer(2))
    assert explain_raised(lambda: _Server(buffer)).culprits[0].expression == "self.model"


# ---- a float64 tensor the dataset mixes into every sample: the batch arrives float64 ---


class _Sensors(torch.utils.data.Dataset):
    def __init__(self) -> None:
        self.rows = torch.randn(6, 4)
        self.mean = self.rows.double().mean(0)  # statistics kept in double precision

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> torch.Tensor:
        return self.rows[index] - self.mean


def test_a_float64_statistic_the_dataset_subtracts_is_named_before_the_batch() -> None:
    model, loader = nn.Linear(4, 2), torch.utils.data.DataLoader(_Sensors(), batch_size=3)

    def run() -> None:
        for _step, rows in enumerate(loader):
            model(rows)

    first = explain_raised(run).culprits[0]
    assert first.expression == "self.mean"
    assert first.made_at is not None and first.made_at.function == "__init__"


_SCALE = torch.tensor([2.0, 1.0, 0.5], dtype=torch.float64)


class _Scaled(torch.utils.data.Dataset):
    def __len__(self) -> int:
        return 4

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        features = torch.ones(3) * _SCALE
        return features, index % 2


def test_a_float64_module_global_the_dataset_multiplies_in_is_named() -> None:
    head, batches = nn.Linear(3, 2), torch.utils.data.DataLoader(_Scaled(), batch_size=2)

    def fit() -> None:
        for features, _labels in iter(batches):
            head(features)

    first = explain_raised(fit).culprits[0]
    assert first.expression == "_SCALE"
    assert first.made_at is not None and first.made_at.code is not None
    assert first.made_at.code.startswith("_SCALE = torch.tensor")


_JITTER = np.array([0.1, 0.2, 0.1])  # numpy's default dtype: float64


def _jitter(row: np.ndarray) -> np.ndarray:
    return row + _JITTER


class _Readings(torch.utils.data.Dataset):
    def __init__(self, augment: Callable[[np.ndarray], np.ndarray]) -> None:
        self.rows = np.ones((4, 3), dtype=np.float32)
        self.augment = augment

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> torch.Tensor:
        return torch.from_numpy(self.augment(self.rows[index]))


def test_a_float64_numpy_array_read_by_the_datasets_transform_is_named() -> None:
    readings, head = _Readings(_jitter), nn.Linear(3, 1)

    def fit() -> None:
        for batch in torch.utils.data.DataLoader(readings, batch_size=2):
            head(batch)

    assert explain_raised(fit).culprits[0].expression == "_JITTER"
