"""Where a stray dtype was chosen (issue 9): inside the user's helper that returned the
tensor (`provenance.dtype_sources`), or by converting the model away from float32, raised
live through `torchwhy.explain`."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from tests.provenance.live import explain_raised


def _classifier() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.Flatten(), nn.Linear(4 * 8 * 8, 3))


def _scaled(image: np.ndarray) -> torch.Tensor:
    pixels = image.astype(np.float64) / 255.0
    centred = pixels - pixels.mean()
    return torch.from_numpy(centred).unsqueeze(0).unsqueeze(0)


def test_a_dtype_chosen_inside_a_helper_is_named_where_it_was_chosen() -> None:
    net = _classifier()
    image = np.zeros((8, 8), dtype=np.uint8)
    diagnosis = explain_raised(lambda: net(_scaled(image)))
    assert diagnosis.category == "dtype/input-weight-mismatch"
    first = diagnosis.culprits[0]
    assert first.expression == "image.astype(np.float64)"
    assert first.made_at is not None
    assert first.made_at.code == "pixels = image.astype(np.float64) / 255.0"
    assert first.made_at.function == "_scaled"


def _as_double(values: list[float]) -> torch.Tensor:
    batch = torch.tensor(values)
    return batch.double().reshape(1, -1)


def test_a_tensor_method_that_chose_the_dtype_is_named_too() -> None:
    torch.manual_seed(0)
    head = nn.Linear(4, 2)
    diagnosis = explain_raised(lambda: head(_as_double([0.1, 0.2, 0.3, 0.4])))
    assert diagnosis.culprits[0].expression == "batch.double()"


def _two_choices(values: list[float], exact: bool) -> torch.Tensor:
    if exact:
        return torch.tensor(values, dtype=torch.float64)
    return torch.tensor(values).double()


def test_a_helper_with_two_places_that_could_choose_the_dtype_is_not_guessed_into() -> None:
    # Guard: which branch ran is not in the source, so neither is named.
    torch.manual_seed(0)
    head = nn.Linear(2, 2)
    diagnosis = explain_raised(lambda: head(_two_choices([0.1, 0.2], exact=True)))
    assert diagnosis.category == "dtype/input-weight-mismatch"
    named = [culprit.expression for culprit in diagnosis.culprits]
    assert "torch.tensor(values, dtype=torch.float64)" not in named
    assert "torch.tensor(values).double()" not in named


def _shrunk_for_export(model: nn.Module) -> nn.Module:
    model.eval()
    model.half()
    return model


def test_a_model_converted_to_half_is_blamed_over_its_float32_input() -> None:
    # The message spells the converted dtype in C++ (`bias type (c10::Half)`).
    exported = _shrunk_for_export(
        nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 2, 1))
    )
    images = torch.rand(2, 3, 8, 8)
    diagnosis = explain_raised(lambda: exported(images))
    assert "c10::Half" in diagnosis.message
    first = diagnosis.culprits[0]
    assert first.expression == "exported"
    assert "float16 weights, converted from torch's default float32" in first.reason
