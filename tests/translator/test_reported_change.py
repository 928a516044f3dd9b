"""A version change the reporter ties to the error, read when nothing reads the message
(translator/reported_change.py): a possible reading, never a verdict, and only about torch or
its ecosystem."""

from __future__ import annotations

import pytest
import torch

import torchwhy
from torchwhy.translator.reported_change import reported_change

READING = "version-change-reported"


@pytest.mark.parametrize(
    ("sentence", "library", "version"),
    [
        ("Downgrading to torchaudio 0.12.1 solves the issue.", "torchaudio", "0.12.1"),
        (
            "It can run well in peft-0.5.0, but after I update it to peft-0.6.2 it fails",
            "peft",
            "0.6.2",
        ),
        ("after updating torch to 2.1 it fails", "torch", "2.1"),
        ("I think this happened since upgrading to v11.1.", None, "11.1"),
        ("For torchvision versions prior to 0.5.0 the import fails", None, "0.5.0"),
    ],
)
def test_a_change_of_release_is_read_with_its_library_and_version(
    sentence: str, library: str | None, version: str
) -> None:
    change = reported_change(sentence)
    assert change is not None
    assert (change.library, change.version) == (library, version)


@pytest.mark.parametrize(
    "sentence",
    [
        "thus the version >= 0.4.0 is not compatible with this code.",
        "这个版本不兼容",  # "this version is incompatible"
        "把 torch 降级到 1.12 就好了",  # "downgrading torch to 1.12 fixes it"
    ],
)
def test_a_mismatch_stated_outright_is_read(sentence: str) -> None:
    assert reported_change(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "I updated the learning rate to 0.01 and the loss is nan",  # a number, not a release
        "pip install torch==2.1.0",  # an install, no change tied to the error
        "Since the update of the dataset the loader is slow",
    ],
)
def test_sentences_without_a_release_change_are_not_read(sentence: str) -> None:
    assert reported_change(sentence) is None


def test_a_message_nothing_reads_gets_the_reporters_reading_as_a_possible_one() -> None:
    paste = (
        'The train.py throws and error when training tacotron2 saying "InputType not supported."\n'
        "Downgrading to torchaudio 0.12.1 solves the issue."
    )
    diagnosis = torchwhy.explain(paste, use_embedding=False)
    assert (diagnosis.category, diagnosis.entry) == ("environment/version-mismatch", READING)
    assert not diagnosis.verdict
    assert "torchaudio" in diagnosis.title
    # Without the sentence nothing reads it.
    first_line = paste.split("\n")[0]
    assert torchwhy.explain(first_line, use_embedding=False).category == "unknown"


def test_a_change_of_another_ecosystem_needs_pytorch_evidence() -> None:
    paste = "ValueError: setting an array element with a sequence.\nafter upgrading numpy to 1.24.1 it fails"
    assert torchwhy.explain(paste, use_embedding=False).category == "unknown"
    # The same sentence beside a traceback through torch is about PyTorch usage.
    with_torch = (
        "Traceback (most recent call last):\n"
        '  File "/usr/lib/python3.11/site-packages/torch/utils/data/_utils/collate.py", line 1, in f\n'
        "    x = 1\n" + paste
    )
    assert torchwhy.explain(with_torch, use_embedding=False).entry == READING


def test_a_message_a_rule_reads_keeps_its_reading() -> None:
    with pytest.raises(RuntimeError) as raised:
        torch.ones(2, 3) @ torch.ones(2, 3)
    paste = f"RuntimeError: {raised.value}\nThis started after upgrading torch to 2.1.0"
    diagnosis = torchwhy.explain(paste, use_embedding=False)
    assert diagnosis.category == "shape/matmul-mismatch"
    assert diagnosis.verdict


def test_a_library_stating_the_torch_it_needs_is_a_verdict() -> None:
    diagnosis = torchwhy.explain("RuntimeError: DGL requires PyTorch >= 2.1.0", use_embedding=False)
    assert (diagnosis.entry, diagnosis.verdict) == (READING, True)
    assert "DGL" in diagnosis.title
    # A feature's requirement names a device too: not only a release.
    feature = "ValueError: bf16 mixed precision requires PyTorch >= 1.10 and a supported device."
    assert torchwhy.explain(feature, use_embedding=False).entry != READING


def test_a_warning_quoted_in_prose_is_read() -> None:
    paste = (
        'in faster_rcnn.py 224 occurs an error: "UserWarning: volatile was removed and now has no '
        'effect. Use `with torch.no_grad():` instead." I have tried another way, but got '
        '"TypeError: __init__() takes exactly 1 argument (2 given)".'
    )
    diagnosis = torchwhy.explain(paste, use_embedding=False)
    assert diagnosis.entry == "torch-api-changed-under-old-code"
