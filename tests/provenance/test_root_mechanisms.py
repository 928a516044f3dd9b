"""Mechanisms that find the root cause a user would fix, each raised live through
`torchwhy.explain` (issue 9, from the misses on the blind tuning scripts): a layer sized for
another activation, the device operand never moved, settings that sized a tensor or model,
what a DataLoader worker or collate could not handle, a loop that finished or froze too
much, a helper's return, a tensor changed in place then rebound, the layer a model returns
from, a method hidden or misspelt, a call that needs a process group."""

from __future__ import annotations

import sys
from typing import Any

import torch
from torch import nn

from tests.provenance.live import explain_raised


class _LeNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 5)
        self.fc1 = nn.Linear(4 * 4 * 4, 10)  # sized for 8x8 inputs after the conv

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv(x)
        x = torch.flatten(x, 1)
        return self.fc1(x)


class _Encoder(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv2 = nn.Conv2d(3, 8, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(3)  # sized with the conv's input channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.bn2(self.conv2(x))


class _FirstLayer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv1(x)


def test_a_layer_sized_for_another_activation_is_named_with_where_it_was_built() -> None:
    model = _LeNet()
    images = torch.rand(2, 3, 12, 12)
    diagnosis = explain_raised(lambda: model(images))
    first = diagnosis.culprits[0]
    assert first.expression == "self.fc1"
    assert first.module == "model.fc1"
    assert first.made_at is not None and first.made_at.function == "__init__"
    assert first.made_at.code.startswith("self.fc1 = nn.Linear(4 * 4 * 4, 10)")


def test_a_norm_layer_fed_by_the_layer_before_it_is_named() -> None:
    encoder = _Encoder()
    diagnosis = explain_raised(lambda: encoder(torch.randn(2, 3, 8, 8)))
    assert diagnosis.culprits[0].expression == "self.bn2"


def test_data_that_reaches_the_first_layer_as_it_came_stays_the_culprit() -> None:
    model = _FirstLayer()
    grayscale = torch.rand(2, 1, 8, 8)
    diagnosis = explain_raised(lambda: model(grayscale))
    assert diagnosis.culprits[0].expression == "grayscale"


# The meta device stands in for an accelerator: torch checks devices the same way.
_ACCELERATOR = torch.device("meta")


def test_labels_left_behind_next_to_the_models_output_are_named() -> None:
    model = nn.Linear(6, 3).to(_ACCELERATOR)
    criterion = nn.CrossEntropyLoss()
    images, labels = torch.rand(4, 6), torch.randint(0, 3, (4,))

    def step() -> None:
        inputs = images.to(_ACCELERATOR)
        outputs = model(inputs)
        criterion(outputs, labels)

    diagnosis = explain_raised(step)
    assert diagnosis.category == "device/tensor-mismatch"
    assert diagnosis.culprits[0].expression == "labels"
    assert "never moved" in diagnosis.culprits[0].reason


def test_a_loss_whose_class_weights_stay_on_the_cpu_is_named() -> None:
    class_weights = torch.tensor([0.2, 0.3, 0.5])
    criterion = nn.CrossEntropyLoss(weight=class_weights)
    model = nn.Linear(6, 3).to(_ACCELERATOR)
    x = torch.randn(4, 6, device=_ACCELERATOR)
    y = torch.randint(0, 3, (4,), device=_ACCELERATOR)
    diagnosis = explain_raised(lambda: criterion(model(x), y))
    first = diagnosis.culprits[0]
    assert first.expression == "criterion"
    assert "still on cpu" in first.reason


def test_the_tensor_inside_a_comparison_carries_its_facts() -> None:
    scores = torch.rand(4, 8)
    mask = torch.ones(4, 7)  # built for another length
    diagnosis = explain_raised(lambda: scores.masked_fill(mask == 0, 0.0))
    assert diagnosis.culprits[0].expression == "mask"
    assert diagnosis.culprits[0].tensor is not None
    assert diagnosis.culprits[0].tensor.shape == (4, 7)


IMG_SIZE = 28  # a module constant, as scripts set one
_WINDOWING = {"window": 5, "kernel": 7}


def test_a_constant_that_sizes_a_reshape_the_data_does_not_fit_is_named() -> None:
    pixels = torch.rand(10, 32 * 32)  # the images are 32x32
    diagnosis = explain_raised(lambda: pixels.reshape(-1, 1, IMG_SIZE, IMG_SIZE))
    assert diagnosis.category == "shape/invalid-view"
    assert diagnosis.culprits[0].expression == "IMG_SIZE"
    assert diagnosis.culprits[0].made_at is not None
    assert (
        diagnosis.culprits[0].made_at.code
        == "IMG_SIZE = 28  # a module constant, as scripts set one"
    )


def _make_windows(series: torch.Tensor, window: int) -> torch.Tensor:
    return torch.stack([series[:, i : i + window] for i in range(series.shape[1] - window)])


def test_the_setting_read_where_a_too_small_input_was_made_is_named() -> None:
    conv = nn.Conv1d(4, 8, kernel_size=_WINDOWING["kernel"])
    series = torch.randn(4, 50)

    def forecast() -> None:
        windows = _make_windows(series, _WINDOWING["window"])
        conv(windows)

    diagnosis = explain_raised(forecast)
    assert diagnosis.category == "shape/input-too-small"
    first = diagnosis.culprits[0]
    assert first.expression == '_WINDOWING["window"]'
    assert "made `windows` (45, 4, 5)" in first.reason


def test_the_length_setting_behind_an_unallocatable_score_matrix_is_named() -> None:
    from types import SimpleNamespace

    # 10**7 squared float32 scores are 400 TB: beyond any address space, so the
    # allocation fails at once whatever the machine's overcommit policy.
    cfg = SimpleNamespace(max_len=10**7, dim=1)

    def attention() -> None:
        q = torch.randn(1, cfg.max_len, cfg.dim)
        q @ q.transpose(-2, -1)

    diagnosis = explain_raised(attention)
    assert diagnosis.category.startswith("memory/")
    assert diagnosis.culprits[0].expression == "cfg.max_len"


class _Signals(torch.utils.data.Dataset):
    def __init__(self, transform: Any = None, handle: Any = None) -> None:
        self.data = torch.randn(8, 4)
        self.transform = transform
        self.handle = handle

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, index: int) -> torch.Tensor:
        return self.data[index]


def _first_batch_with_spawned_workers(dataset: torch.utils.data.Dataset) -> None:
    loader = torch.utils.data.DataLoader(
        dataset, batch_size=4, num_workers=1, multiprocessing_context="spawn"
    )
    for _batch in loader:
        break


def test_a_lambda_the_dataset_holds_is_named_when_spawned_workers_cannot_receive_it() -> None:
    dataset = _Signals(transform=lambda x: x * 2)
    diagnosis = explain_raised(lambda: _first_batch_with_spawned_workers(dataset))
    first = diagnosis.culprits[0]
    assert first.expression == "self.transform"
    assert first.made_at is not None and first.made_at.code == "self.transform = transform"


def test_an_open_file_the_dataset_holds_is_named(tmp_path: Any) -> None:
    with open(tmp_path / "rows.csv", "w") as handle:
        dataset = _Signals(handle=handle)
        diagnosis = explain_raised(lambda: _first_batch_with_spawned_workers(dataset))
    first = diagnosis.culprits[0]
    assert first.expression == "self.handle"
    assert "TextIOWrapper" in first.reason


class _Frames(torch.utils.data.Dataset):
    def __init__(self) -> None:
        self.frames = torch.rand(6, 2)

    def __len__(self) -> int:
        return len(self.frames) + 1  # one past the end

    def __getitem__(self, index: int) -> torch.Tensor:
        frame = self.frames[index]
        return frame


class _Tagged(torch.utils.data.Dataset):
    def __len__(self) -> int:
        return 4

    def __getitem__(self, index: int) -> dict[str, torch.Tensor]:
        return {"tags": torch.arange(1 + index)}


def _stack_tags(batch: list[dict[str, torch.Tensor]]) -> torch.Tensor:
    tags = torch.stack([sample["tags"] for sample in batch])
    return tags


def _all_batches(loader: torch.utils.data.DataLoader) -> None:
    for _batch in loader:
        pass


def test_a_dataset_method_failing_in_a_worker_names_its_length_then_the_dataset() -> None:
    frames = _Frames()
    loader = torch.utils.data.DataLoader(frames, batch_size=7, num_workers=1)
    diagnosis = explain_raised(lambda: _all_batches(loader))
    first, second, third = diagnosis.culprits[:3]
    # `__len__` promises one sample more than `self.frames` holds (blind i08, m33).
    assert first.expression == "__len__"
    assert second.expression == "loader.dataset"  # the traceback starts below `frames`
    assert "`_Frames.__getitem__`" in second.reason
    assert third.expression == "self.frames"
    assert third.made_at is not None and third.made_at.code == "frame = self.frames[index]"


def test_what_a_collate_fn_builds_in_a_worker_is_named_not_the_dataset() -> None:
    loader = torch.utils.data.DataLoader(
        _Tagged(), batch_size=4, collate_fn=_stack_tags, num_workers=1
    )
    diagnosis = explain_raised(lambda: _all_batches(loader))
    assert diagnosis.culprits[0].expression == "tags"
    for culprit in diagnosis.culprits:
        assert "_Tagged._stack_tags" not in culprit.reason  # the dataset does not own it


def _train_then_validate(model: nn.Module, train: list[Any], validation: list[Any]) -> None:
    for inputs, labels in train:
        nn.functional.cross_entropy(model(inputs), labels)
    for inputs, _ in validation:
        nn.functional.cross_entropy(model(inputs), labels)


def test_labels_left_over_from_a_finished_loop_are_named() -> None:
    model = nn.Linear(3, 2)
    train = [(torch.rand(size, 3), torch.randint(0, 2, (size,))) for size in (6, 4)]
    validation = [(torch.rand(6, 3), None)]
    diagnosis = explain_raised(lambda: _train_then_validate(model, train, validation))
    first = diagnosis.culprits[0]
    assert first.expression == "labels"
    assert first.made_at is not None and first.made_at.code == "for inputs, labels in train:"
    assert "loop that has finished" in first.reason


def _predict_one(model: nn.Module, sample: torch.Tensor) -> torch.Tensor:
    return model(sample.unsqueeze(0))


def test_a_model_left_in_training_mode_for_a_single_prediction_is_named() -> None:
    model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))
    diagnosis = explain_raised(lambda: _predict_one(model, torch.randn(4)))
    assert diagnosis.culprits[0].expression == "model"
    assert ".eval()" in diagnosis.culprits[0].reason


def test_a_batch_of_one_from_data_stays_the_inputs_story() -> None:
    model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))
    last_batch = torch.randn(1, 4)
    diagnosis = explain_raised(lambda: model(last_batch))
    assert diagnosis.culprits[0].expression == "last_batch"


def _squared_errors(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    residual = model(x) - x
    return residual**2


def _fit_step(model: nn.Module, x: torch.Tensor) -> None:
    loss = _squared_errors(model, x)
    loss.backward()


def test_the_helper_that_returned_an_unreduced_loss_is_named_at_its_return() -> None:
    model = nn.Linear(2, 2)
    diagnosis = explain_raised(lambda: _fit_step(model, torch.rand(5, 2)))
    assert diagnosis.category == "autograd/nonscalar-backward"
    first = diagnosis.culprits[0]
    assert first.expression == "_squared_errors"
    assert first.made_at is not None and first.made_at.code == "return residual**2"


def _masked_policy_step(policy: nn.Module, state: torch.Tensor, legal: torch.Tensor) -> None:
    probs = policy(state).softmax(dim=-1)
    probs[~legal] = 0.0
    probs = probs / probs.sum(-1, keepdim=True)
    loss = -probs[:, 0].log().mean()
    loss.backward()


def test_a_tensor_changed_in_place_then_rebound_is_named_at_the_change() -> None:
    policy = nn.Linear(4, 3)
    legal = torch.tensor([[True, True, False], [True, False, True]])
    diagnosis = explain_raised(lambda: _masked_policy_step(policy, torch.randn(2, 4), legal))
    assert diagnosis.category == "autograd/inplace-modified"
    first = diagnosis.culprits[0]
    assert first.expression == "probs"
    assert first.made_at is not None and first.made_at.code == "probs[~legal] = 0.0"


class _ToyTokenizer:
    pad_token = None

    def __call__(self, texts: list[str], padding: bool = False) -> None:
        if padding and self.pad_token is None:
            raise ValueError("Asking to pad but the tokenizer does not have a padding token.")


def test_a_crash_before_torch_is_imported_still_names_its_operands(monkeypatch: Any) -> None:
    from torchwhy.provenance import rank_culprits, trace_exception

    tokenizer = _ToyTokenizer()
    try:
        tokenizer(["a b", "c"], padding=True)
    except ValueError as error:
        monkeypatch.setitem(sys.modules, "torch", None)  # as if torch were never imported
        trace = trace_exception(error)
        monkeypatch.undo()
        error.__traceback__ = None
    culprits = rank_culprits(trace, "hf/tokenizer-padding", {}, [])
    assert culprits[0].expression == "tokenizer"
    assert "_ToyTokenizer" in culprits[0].reason


class _FraudDetector(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.hidden = nn.Linear(5, 8)
        self.out = nn.Linear(8, 1)  # one output for a two-class loss

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.hidden(x)
        return self.out(h)


def test_the_output_layer_with_too_few_classes_is_named_where_it_was_built() -> None:
    model = _FraudDetector()
    transactions = torch.randn(6, 5)
    is_fraud = torch.tensor([0, 1, 0, 0, 1, 0])
    diagnosis = explain_raised(lambda: nn.functional.cross_entropy(model(transactions), is_fraud))
    first = diagnosis.culprits[0]
    assert first.expression == "self.out"
    assert first.made_at is not None and first.made_at.function == "__init__"


def test_labels_counted_from_one_stay_the_culprit() -> None:
    model = _FraudDetector()
    transactions = torch.randn(6, 5)
    labels = torch.tensor([1, 1, 1, 1, 1, 1])  # 1-based with one class: the labels are off
    diagnosis = explain_raised(lambda: nn.functional.cross_entropy(model(transactions), labels))
    assert diagnosis.culprits[0].expression == "labels"


class _Reviews(torch.utils.data.Dataset):
    def __len__(self) -> int:
        return 4

    def __getitem__(self, index: int) -> torch.Tensor:
        return torch.arange(12 - 3 * index)  # sequences of different lengths


def test_a_loader_whose_default_collate_fails_in_a_worker_is_named() -> None:
    train_loader = torch.utils.data.DataLoader(_Reviews(), batch_size=4, num_workers=1)
    diagnosis = explain_raised(lambda: _all_batches(train_loader))
    first = diagnosis.culprits[0]
    assert first.expression == "train_loader"
    assert "collate_fn" in first.reason


class _ActivityClassifier(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.lstm = nn.LSTM(3, 8)  # batch_first left False
        self.fc = nn.Linear(8, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.lstm(x)
        return self.fc(out[-1])


def test_a_recurrent_layer_reading_the_batch_as_the_sequence_is_named() -> None:
    model = _ActivityClassifier()
    windows = torch.randn(4, 10, 3)  # (batch, seq, feature)
    activities = torch.randint(0, 2, (4,))
    diagnosis = explain_raised(lambda: nn.functional.cross_entropy(model(windows), activities))
    first = diagnosis.culprits[0]
    assert first.expression == "self.lstm"
    assert "batch_first=True" in first.reason
    assert first.made_at is not None and first.made_at.code is not None
    assert first.made_at.code.startswith("self.lstm = nn.LSTM(3, 8)")


class _Pretrained(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.backbone = nn.Linear(4, 4)
        self.head = nn.Linear(4, 2)


def _fine_tune(model: _Pretrained, images: torch.Tensor) -> None:
    for param in model.parameters():
        param.requires_grad = False
    logits = model.head(model.backbone(images))
    logits.sum().backward()


def test_the_loop_that_froze_the_new_head_too_is_named() -> None:
    model = _Pretrained()
    diagnosis = explain_raised(lambda: _fine_tune(model, torch.rand(3, 4)))
    assert diagnosis.category == "autograd/no-grad-fn"
    first = diagnosis.culprits[0]
    assert first.expression == "model.parameters()"
    assert first.made_at is not None
    assert first.made_at.code == "for param in model.parameters():"


class _Classifier(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.features = nn.Linear(4, 8)
        self.fc = nn.Linear(8, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.features(x))


def _train_new_head(with_optimizer: bool) -> None:
    net = _Classifier()
    net.fc = nn.Linear(8, 2)  # the new task's head, attached before the freeze
    for weight in net.parameters():
        weight.requires_grad = False
    if with_optimizer:
        head_optimizer = torch.optim.SGD(net.fc.parameters(), lr=0.1)
        head_optimizer.zero_grad()
    loss = nn.functional.cross_entropy(net(torch.rand(5, 4)), torch.tensor([0, 1, 0, 1, 1]))
    loss.backward()


def test_a_loop_that_froze_the_parameters_an_optimizer_trains_is_named() -> None:
    # The loop runs over the model the failing line calls, so only the optimizer given the
    # head's (now frozen) parameters says that it froze more than was meant.
    diagnosis = explain_raised(lambda: _train_new_head(with_optimizer=True))
    first = diagnosis.culprits[0]
    assert first.expression == "net.parameters()"
    assert first.made_at is not None
    assert first.made_at.code == "for weight in net.parameters():"


def test_a_loop_over_the_called_model_alone_leaves_the_model_named() -> None:
    # Guard: without an optimizer given frozen parameters, freezing the model may be meant.
    diagnosis = explain_raised(lambda: _train_new_head(with_optimizer=False))
    assert diagnosis.culprits[0].expression == "net"


class _Neighbours(nn.Module):
    def __init__(self, data: torch.Tensor) -> None:
        super().__init__()
        self.train = data  # hides nn.Module.train

    def forward(self, q: torch.Tensor) -> torch.Tensor:
        return torch.cdist(q, self.train)


class _Typo(nn.Module):
    def foward(self, x: torch.Tensor) -> torch.Tensor:
        return x


def test_an_attribute_that_hides_a_method_is_named_where_it_was_set() -> None:
    net = _Neighbours(torch.randn(5, 2))
    diagnosis = explain_raised(lambda: net.train())
    first = diagnosis.culprits[0]
    assert first.expression == "self.train"
    assert first.made_at is not None and first.made_at.code is not None
    assert first.made_at.code.startswith("self.train = data")


def test_a_misspelt_forward_is_named_at_its_def() -> None:
    model = _Typo()
    diagnosis = explain_raised(lambda: model(torch.randn(2)))
    first = diagnosis.culprits[0]
    assert first.expression == "foward"
    assert (
        first.made_at is not None
        and first.made_at.code == "def foward(self, x: torch.Tensor) -> torch.Tensor:"
    )


def test_a_half_model_whose_gradients_the_scaler_refuses_is_named() -> None:
    model = nn.Linear(4, 2).half()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scaler = torch.amp.GradScaler("cpu")

    def step() -> None:
        loss = model(torch.randn(3, 4).half()).float().sum()
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)

    diagnosis = explain_raised(step)
    first = diagnosis.culprits[0]
    assert first.expression == "model"
    assert "float16" in first.reason


def _reload(hparams: Any, saved: dict[str, torch.Tensor]) -> None:
    model = nn.Sequential(nn.Linear(3, hparams.hidden), nn.ReLU(), nn.Linear(hparams.hidden, 1))
    model.load_state_dict(saved)


def test_the_setting_a_model_was_rebuilt_with_is_named_for_a_checkpoint_of_other_sizes() -> None:
    from types import SimpleNamespace

    saved = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 1)).state_dict()
    hparams = SimpleNamespace(hidden=16)
    diagnosis = explain_raised(lambda: _reload(hparams, saved))
    assert diagnosis.category == "checkpoint/size-mismatch"
    first = diagnosis.culprits[0]
    assert first.expression == "hparams.hidden"
    assert "(8)" in first.reason


class _Stacked(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 2)])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.blocks(x)


def test_a_module_list_called_is_named_not_the_callers_forward() -> None:
    model = _Stacked()
    diagnosis = explain_raised(lambda: model(torch.randn(3, 2)))
    assert diagnosis.culprits[0].expression == "self.blocks"


class _SpamNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.classifier = nn.Linear(4, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(x).squeeze(-1)


def test_a_model_ending_in_a_linear_fed_to_bce_names_that_layer() -> None:
    torch.manual_seed(0)
    model = _SpamNet()
    with torch.no_grad():
        model.classifier.bias.fill_(5.0)  # raw scores well above 1
    criterion = nn.BCELoss()
    diagnosis = explain_raised(lambda: criterion(model(torch.randn(6, 4)), torch.ones(6)))
    first = diagnosis.culprits[0]
    assert first.expression == "self.classifier"
    assert "sigmoid" in first.reason


class _Clips(torch.utils.data.Dataset):
    def __len__(self) -> int:
        return 4

    def __getitem__(self, index: int) -> Any:
        if index == 2:
            return None  # a corrupt sample skipped
        return torch.zeros(3)


class _Scans(torch.utils.data.Dataset):
    def __init__(self) -> None:
        from pathlib import Path

        self.root = Path("/data/scans")

    def __len__(self) -> int:
        return 2

    def __getitem__(self, index: int) -> dict[str, Any]:
        path = self.root / f"scan_{index}.npy"
        return {"volume": torch.zeros(2), "path": path}


def test_a_sample_returned_as_none_names_the_return_in_getitem() -> None:
    loader = torch.utils.data.DataLoader(_Clips(), batch_size=4)
    diagnosis = explain_raised(lambda: _all_batches(loader))
    first = diagnosis.culprits[0]
    assert first.expression == "__getitem__"
    assert first.made_at is not None and first.made_at.code is not None
    assert first.made_at.code.startswith("return None")


def test_the_returned_value_of_the_type_collate_found_is_named() -> None:
    loader = torch.utils.data.DataLoader(_Scans(), batch_size=2)
    diagnosis = explain_raised(lambda: _all_batches(loader))
    first = diagnosis.culprits[0]
    assert first.expression == "path"
    assert (
        first.made_at is not None and first.made_at.code == 'path = self.root / f"scan_{index}.npy"'
    )


def test_the_call_that_needs_a_process_group_is_named() -> None:
    from torch.utils.data.distributed import DistributedSampler

    if torch.distributed.is_available() and torch.distributed.is_initialized():
        raise AssertionError("a process group is initialised: this test needs none")
    dataset = torch.utils.data.TensorDataset(torch.randn(4, 2))
    diagnosis = explain_raised(lambda: DistributedSampler(dataset))
    assert diagnosis.category == "distributed/process-group"
    first = diagnosis.culprits[0]
    assert first.expression == "DistributedSampler(dataset)"
    assert "init_process_group" in first.reason


def _train_on_images(net: nn.Module) -> None:
    torch.manual_seed(0)
    images = torch.rand(12, 16, 16)
    images = images.unsqueeze(1)  # the channel dimension
    labels = torch.randint(0, 3, (12,))
    images = images.unsqueeze(1)  # added a second time, as a re-run notebook cell does
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(images, labels), batch_size=4
    )
    for batch, _ in loader:
        net(batch)


def _train_on_pixels(net: nn.Module) -> None:
    torch.manual_seed(0)
    pixels = torch.rand(12, 1, 16, 16)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(pixels), batch_size=4)
    for (batch,) in loader:
        net(batch)


def test_a_batch_blamed_for_its_shape_names_the_tensor_it_was_drawn_from() -> None:
    diagnosis = explain_raised(lambda: _train_on_images(nn.Conv2d(1, 4, 3)))
    first = diagnosis.culprits[0]
    assert first.expression == "images"
    assert first.made_at is not None
    assert first.made_at.code == (
        "images = images.unsqueeze(1)  # added a second time, as a re-run notebook cell does"
    )
    assert "every sample of `batch` is a row of `images`" in first.reason


def test_a_layer_sized_for_other_batches_stays_the_layers_story() -> None:
    # Guard: the batches are what the data holds; the Linear was sized for another flatten.
    head = nn.Sequential(nn.Flatten(), nn.Linear(100, 3))
    diagnosis = explain_raised(lambda: _train_on_pixels(head))
    assert diagnosis.culprits[0].expression != "pixels"


class _Utterances(torch.utils.data.Dataset):
    def __init__(self, manifest: list[str]) -> None:
        self.count = len(manifest)  # the manifest's header line counted as an utterance
        self.features = torch.randn(len(manifest) - 1, 3)

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> torch.Tensor:
        return self.features[index]


def test_a_length_counted_in_init_is_named_where_it_was_counted() -> None:
    utterances = _Utterances(["path\tspeaker", "a.wav\t1", "b.wav\t2", "c.wav\t1"])
    loader = torch.utils.data.DataLoader(utterances, batch_size=2)
    first = explain_raised(lambda: _all_batches(loader)).culprits[0]
    assert first.expression == "self.count"
    assert first.made_at is not None
    assert first.made_at.code == (
        "self.count = len(manifest)  # the manifest's header line counted as an utterance"
    )
    assert "`__len__` returns `self.count`, more than `self.features` holds" in first.reason
