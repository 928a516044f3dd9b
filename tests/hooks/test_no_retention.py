"""After an explained crash torchwhy holds no frame and no tensor of the failed step: the
memory a crash pins (activations, a batch on the GPU) is freed when the user lets go."""

from __future__ import annotations

import contextlib
import gc
import io
import sys
import weakref

import pytest
import torch
import torch.nn.functional as F

import torchwhy
from torchwhy.hooks import excepthook


class FrameMarker:
    """Held only by the crashing frame's locals: alive exactly as long as that frame."""


def _crash() -> tuple[BaseException, weakref.ref, weakref.ref]:
    labels = torch.tensor([0.0, 2.0, 1.0, 1.0])
    marker = FrameMarker()
    try:
        F.cross_entropy(torch.randn(4, 3), labels)
    except RuntimeError as error:
        return error, weakref.ref(labels), weakref.ref(marker)
    raise AssertionError("cross_entropy accepted float labels")


def _released(*refs: weakref.ref) -> bool:
    gc.collect()
    return all(ref() is None for ref in refs)


def test_explain_keeps_nothing_alive() -> None:
    error, labels, frame = _crash()
    diagnosis = torchwhy.explain(error, use_embedding=False)
    assert diagnosis.category == "dtype/target-not-long"
    del error
    assert _released(labels, frame)
    diagnosis.to_dict()  # the reading outlives what it describes


@pytest.mark.parametrize("door", ["excepthook", "annotate"])
def test_the_doors_keep_nothing_alive(monkeypatch: pytest.MonkeyPatch, door: str) -> None:
    monkeypatch.setenv("TORCHWHY_NO_EMBED", "1")
    monkeypatch.delenv("TORCHWHY_DISABLE", raising=False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    error, labels, frame = _crash()
    if door == "annotate":
        torchwhy.annotate(error)
    else:
        excepthook.install_excepthooks(use_embedding=False, journal=False)
        try:
            with contextlib.redirect_stderr(io.StringIO()) as printed:
                sys.excepthook(type(error), error, error.__traceback__)
        finally:
            excepthook.uninstall_excepthooks()
        assert "dtype/target-not-long" in printed.getvalue()
        assert excepthook.STATE.last is not None  # a summary is kept, for `run --report`
    del error
    assert _released(labels, frame)
