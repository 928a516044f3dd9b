"""The pytest plugin: a "torchwhy" section under a failing test's report when switched on
(`--torchwhy` or `-p torchwhy`), nothing otherwise, and never a broken run."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

# Imported here, before any in-process run: pytester drops the modules a run imported, and
# importing torch's C extension a second time crashes the interpreter; PyYAML's C loader,
# re-imported over its cached extension, stops constructing plain YAML.
pytest.importorskip("torch")
pytest.importorskip("yaml")

TORCH_FAILURE = """
import torch
import torch.nn.functional as F


def test_loss():
    logits = torch.randn(4, 3)
    labels = torch.tensor([0.0, 2.0, 1.0, 1.0])
    F.cross_entropy(logits, labels)


def test_plain_assert():
    assert 1 + 1 == 3


def test_passes():
    pass
"""


@pytest.fixture
def suite(pytester, monkeypatch):
    monkeypatch.setenv("TORCHWHY_NO_EMBED", "1")
    monkeypatch.delenv("TORCHWHY_DISABLE", raising=False)
    pytester.makepyfile(test_suite=TORCH_FAILURE)
    return pytester


def _sections(output: str) -> int:
    return sum(1 for line in output.splitlines() if " torchwhy " in line and line.startswith("-"))


def test_section_with_flag(suite) -> None:
    result = suite.runpytest("--torchwhy")
    result.assert_outcomes(failed=2, passed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ test_loss _*",
            "*- torchwhy -*",
            "torchwhy dtype/target-not-long*",
            "Class-index targets are float32, not int64",
            "*Fix:*",
        ]
    )
    output = result.stdout.str()
    assert _sections(output) == 1  # the plain assert failure gets none
    culprit_lines = [line for line in output.splitlines() if line.startswith("Culprit: ")]
    assert all("labels" in line for line in culprit_lines)


def test_no_section_without_flag(suite) -> None:
    result = suite.runpytest()
    result.assert_outcomes(failed=2, passed=1)
    assert _sections(result.stdout.str()) == 0
    assert "dtype/target-not-long" not in result.stdout.str()


def test_naming_the_plugin_switches_it_on(suite) -> None:
    result = suite.runpytest("-p", "torchwhy")
    result.assert_outcomes(failed=2, passed=1)
    assert _sections(result.stdout.str()) == 1


def test_disable_env(suite, monkeypatch) -> None:
    monkeypatch.setenv("TORCHWHY_DISABLE", "1")
    result = suite.runpytest("--torchwhy")
    result.assert_outcomes(failed=2, passed=1)
    assert _sections(result.stdout.str()) == 0


def test_without_autoload_in_a_subprocess(suite, monkeypatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    off = suite.runpytest_subprocess()
    off.assert_outcomes(failed=2, passed=1)
    assert _sections(off.stdout.str()) == 0
    on = suite.runpytest_subprocess("-p", "torchwhy")
    on.assert_outcomes(failed=2, passed=1)
    assert _sections(on.stdout.str()) == 1


@pytest.mark.parametrize("raised", ["SystemExit(7)", "GeneratorExit()", "KeyboardInterrupt()"])
def test_an_exit_raised_inside_torchwhy_keeps_the_report(suite, monkeypatch, raised) -> None:
    import torchwhy.hooks.annotation as annotation

    def exiting(*args, **kwargs):
        raise eval(raised)

    monkeypatch.setattr(annotation, "diagnose", exiting)
    result = suite.runpytest("--torchwhy")
    result.assert_outcomes(failed=2, passed=1)
    assert "INTERNALERROR" not in result.stdout.str()
