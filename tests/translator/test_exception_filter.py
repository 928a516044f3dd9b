"""The one exception-type filter (`translator.candidates.applies_to`) as rules and guesses
use it."""

from __future__ import annotations

import pytest

import torchwhy
from torchwhy.knowledge_base import parse_entry
from torchwhy.translator.candidates import applies_to


def entry(**extra: object):
    raw = {
        "id": "synthetic",
        "category": "dtype/target-not-long",
        "title": "t",
        "patterns": ["x"],
        "examples": ["x"],
        "explanation": "e",
        "causes": ["c"],
        "fixes": ["f"],
        **extra,
    }
    return parse_entry(raw, "synthetic.yaml")


@pytest.mark.parametrize(
    ("extra", "exception_type", "rule", "guess"),
    [
        ({}, None, True, True),  # a bare message may be anything
        ({}, "RuntimeError", True, True),
        ({}, "KeyError", True, False),  # a guess never reads a key as a message
        ({}, "ZeroDivisionError", True, False),  # not a type torch raises
        ({"exceptions": ["KeyError"]}, "KeyError", True, True),  # named: always
        ({"exceptions": ["KeyError"]}, "RuntimeError", False, False),
        ({"exceptions": ["X"], "requires_exception_type": True}, None, False, False),
    ],
)
def test_applies_to(extra: dict, exception_type: str | None, rule: bool, guess: bool) -> None:
    subject = entry(**extra)
    assert applies_to(subject, exception_type) is rule
    assert applies_to(subject, exception_type, guessing=True) is guess


def test_a_live_key_error_whose_key_reads_like_torch_is_not_read_as_torch() -> None:
    try:
        {}["expected target dtype to be Long or Byte, but got Float"]
    except KeyError as error:
        diagnosis = torchwhy.explain(error, use_embedding=False)
    assert not diagnosis.is_known
