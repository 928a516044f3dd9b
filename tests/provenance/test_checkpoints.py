"""A checkpoint that pickled the user's own object, refused by `torch.load` with
weights_only=True: the user's value of the class the message names is the culprit
(raised live: a dataclass config in a function, a vocabulary object held globally)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from tests.provenance.live import explain_raised


@dataclass
class _TrainConfig:
    hidden: int = 8
    lr: float = 1e-3


def _save_and_reload() -> None:
    config = _TrainConfig()
    model = nn.Linear(4, config.hidden)
    buffer = io.BytesIO()
    torch.save({"state_dict": model.state_dict(), "config": config}, buffer)
    buffer.seek(0)
    torch.load(buffer)


def test_a_dataclass_config_saved_in_the_checkpoint_is_named() -> None:
    first = explain_raised(_save_and_reload).culprits[0]
    assert first.expression == "config"
    assert "_TrainConfig" in first.reason


class _Vocab:
    def __init__(self, words: list[str]) -> None:
        self.index = {word: i for i, word in enumerate(words)}


VOCAB = _Vocab(["<pad>", "a", "b"])


def _reload(raw: bytes) -> dict[str, Any]:
    return torch.load(io.BytesIO(raw))


def test_a_vocabulary_object_held_globally_is_named() -> None:
    buffer = io.BytesIO()
    torch.save({"embedding": torch.zeros(3, 2), "vocab": VOCAB}, buffer)
    first = explain_raised(lambda: _reload(buffer.getvalue())).culprits[0]
    assert first.expression == "VOCAB"
