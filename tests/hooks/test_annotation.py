"""What a hook prints, and what it costs: the embedding model only for errors from torch."""

from __future__ import annotations

import pytest

import torchwhy
from torchwhy.diagnosis import Diagnosis
from torchwhy.hooks import annotation


def _unknown() -> Diagnosis:
    return Diagnosis(category="unknown", entry=None, title="No confident reading", explanation="")


def _raised(make):
    try:
        make()
    except Exception as error:
        return error
    raise AssertionError("nothing raised")


@pytest.fixture
def asked(monkeypatch):
    calls: list[bool] = []
    unknown = _unknown()

    def fake_explain(error, *, use_embedding=True):
        calls.append(use_embedding)
        return unknown

    monkeypatch.setattr(torchwhy, "explain", fake_explain)
    return calls


def test_plain_python_error_skips_the_model(asked) -> None:
    annotation.diagnose(_raised(lambda: int("abc")))
    assert asked == [False]


def test_torch_error_may_use_the_model(asked) -> None:
    torch = pytest.importorskip("torch")
    annotation.diagnose(_raised(lambda: torch.zeros(2, 3) @ torch.zeros(2, 3)))
    annotation.diagnose(_raised(lambda: (_ for _ in ()).throw(RuntimeError("CUDA error: x"))))
    annotation.diagnose("pasted text")
    annotation.diagnose(_raised(lambda: int("abc")), use_embedding=False)
    assert asked == [True, True, True, False]


def test_unknown_reading_prints_nothing() -> None:
    assert annotation.compact_text(_unknown()) == ""
