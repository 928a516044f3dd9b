"""Python's generic wordings whose every name is quoted are not read by fuzzy matching.

Masked, `'Tensor' object has no attribute 'convert'` is `<name> object has no attribute <name>`,
the same text as the knowledge base's `'collections.OrderedDict' object has no attribute 'eval'`:
fuzzy matching scored it 0.9 (0.855 with a thank-you after it) and read a PIL-style call on
a tensor as a state dict used as a model. On the blind reads of both tuning halves the fuzzy
readings of such wordings were wrong 2 of 2 times (bench/calibrate.py --bars: rules+fuzzy
100 right, 10 wrong -> 100, 8). A called function's name is not quoted and still tells the bug;
a torch module's missing attribute says its version. The errors are raised live from torch 2.13.
"""

from __future__ import annotations

import pytest
import torch

import torchwhy
from tests.translator.live_errors import exception_line, raised
from torchwhy.categories import UNKNOWN
from torchwhy.translator.evidence import names_only


def _forward_missing() -> BaseException:
    class Classifier(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.head = torch.nn.Linear(4, 2)  # forward() indented into __init__ by mistake

    return raised(lambda: Classifier()(input_ids=torch.zeros(1, 4)))


QUOTED_ONLY = [
    # a PIL transform given a tensor: a rule reads PIL Image methods on a tensor, no guess
    (lambda: torch.zeros(2).convert("RGB"), "data/transform-input-type"),
    # a layer's weight taken for the layer
    (lambda: torch.nn.Parameter(torch.zeros(1)).weight, UNKNOWN),
]


@pytest.mark.parametrize(("action", "category"), QUOTED_ONLY)
def test_a_wording_of_quoted_names_only_gets_no_fuzzy_reading(action, category: str) -> None:
    error = raised(action)
    assert names_only(str(error))
    for paste in (exception_line(error), f"{exception_line(error)}\n\nThank you!"):
        diagnosis = torchwhy.explain(paste, use_embedding=False)
        assert diagnosis.matched_by != "fuzzy"
        assert diagnosis.category == category


def test_a_called_functions_name_is_still_read() -> None:
    error = _forward_missing()
    assert not names_only(str(error))
    diagnosis = torchwhy.explain(exception_line(error), use_embedding=False)
    assert diagnosis.category == "module/forward-misuse"


def test_a_torch_modules_missing_attribute_is_still_read() -> None:
    error = raised(lambda: torch.nn.functional.scaled_dot_product_attentionn)
    assert not names_only(str(error))
    diagnosis = torchwhy.explain(exception_line(error), use_embedding=False)
    assert diagnosis.category == "environment/version-mismatch"
