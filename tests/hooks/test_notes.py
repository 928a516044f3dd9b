"""`torchwhy.annotate(exc)`: the reading as a PEP 678 note that every traceback printer shows."""

from __future__ import annotations

import pytest

import torchwhy
from tests.hooks.scripts import python, write


def _cross_entropy_error() -> RuntimeError:
    torch = pytest.importorskip("torch")
    import torch.nn.functional as F

    logits = torch.randn(4, 3)
    labels = torch.tensor([0.0, 2.0, 1.0, 1.0])
    try:
        F.cross_entropy(logits, labels)
    except RuntimeError as error:
        return error
    raise AssertionError("cross_entropy accepted float labels")


def test_note_added_once(monkeypatch) -> None:
    monkeypatch.delenv("TORCHWHY_DISABLE", raising=False)
    error = _cross_entropy_error()
    first = torchwhy.annotate(error)
    second = torchwhy.annotate(error)

    assert first.category == second.category == "dtype/target-not-long"
    notes = error.__notes__
    assert len(notes) == 1
    assert notes[0].startswith("torchwhy [dtype/target-not-long] ")
    assert "fix: " in notes[0]
    if first.culprits:
        assert f"culprit: {first.culprits[0].expression}" in notes[0]


def test_unknown_error_gets_no_note() -> None:
    error = ZeroDivisionError("division by zero")
    assert not torchwhy.annotate(error).is_known
    assert not hasattr(error, "__notes__")


def test_plain_python_prints_the_note(tmp_path) -> None:
    script = write(
        tmp_path,
        "noted.py",
        "import torch, torch.nn.functional as F\nimport torchwhy\n"
        "try:\n"
        "    F.cross_entropy(torch.randn(4, 3), torch.tensor([0.0, 2.0, 1.0, 1.0]))\n"
        "except RuntimeError as error:\n"
        "    torchwhy.annotate(error)\n"
        "    raise\n",
    )
    result = python(script)
    assert result.returncode == 1
    assert (
        "RuntimeError: expected target dtype to be Long or Byte, but got Float\n" in result.stderr
    )
    assert "torchwhy [dtype/target-not-long]" in result.stderr


def test_install_and_annotate_print_the_reading_once(tmp_path) -> None:
    script = write(
        tmp_path,
        "both.py",
        "import torch, torch.nn.functional as F\nimport torchwhy\ntorchwhy.install()\n"
        "try:\n"
        "    F.cross_entropy(torch.randn(4, 3), torch.tensor([0.0, 2.0, 1.0, 1.0]))\n"
        "except RuntimeError as error:\n"
        "    torchwhy.annotate(error)\n"
        "    raise\n",
    )
    result = python(script)
    assert result.returncode == 1
    assert result.stderr.count("dtype/target-not-long") == 1, result.stderr
