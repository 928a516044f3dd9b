"""A wording that real reports show with two causes: the paste's frames decide between them,
and without frames both readings are offered (texts verbatim from the blind corpora's tuning
halves)."""

from __future__ import annotations

import torchwhy
from tests.realworld import load_round4, load_round5, load_round7


def _case(load_half, case_id: str) -> str:
    return next(case.text for case in load_half() if case.id == case_id)


def test_a_pil_only_transform_raising_in_functional_py_is_an_old_torchvision() -> None:
    # torchvision >= 0.8 dispatches in functional.py and raises this only in functional_pil.py.
    pasted = _case(load_round7, "c7-lsun-room-16-resize-tensor-old-torchvision")
    diagnosis = torchwhy.explain(pasted, use_embedding=False)
    assert diagnosis.category == "environment/version-mismatch"
    # Raised in functional_pil.py (a newer torchvision), the transform got the wrong type.
    newer = pasted.replace("transforms/functional.py", "transforms/functional_pil.py")
    assert newer != pasted
    assert torchwhy.explain(newer, use_embedding=False).category == "data/transform-input-type"


def test_the_same_words_without_frames_offer_both_readings() -> None:
    pasted = _case(load_round4, "b-logit-adj-5-img-should-be-pil")
    diagnosis = torchwhy.explain(pasted, use_embedding=False)
    assert diagnosis.category == "data/transform-input-type"
    assert "environment/version-mismatch" in {a.category for a in diagnosis.alternatives}


def test_an_option_of_another_object_given_to_training_arguments_is_misplaced() -> None:
    # use_reentrant was never a TrainingArguments field: it belongs to gradient checkpointing.
    pasted = _case(load_round7, "c7-launchables-21-trainingarguments-use-reentrant")
    assert torchwhy.explain(pasted, use_embedding=False).category == "trainer/api-misuse"
    # A field transformers renamed between releases reads as that drift.
    renamed = _case(load_round5, "c5-awsml-151-evaluation-strategy-kwarg")
    diagnosis = torchwhy.explain(renamed, use_embedding=False)
    assert diagnosis.category == "environment/version-mismatch"
    assert "trainer/api-misuse" not in {a.category for a in diagnosis.alternatives}
    # So does any other name the installed release lacks (a newer field on an older release).
    newer = pasted.replace("'use_reentrant'", "'eval_on_start'")
    assert torchwhy.explain(newer, use_embedding=False).category == "environment/version-mismatch"
