"""`torchwhy.install()` in process: chaining, idempotency, uninstall, pass-through, cost."""

from __future__ import annotations

import sys
import threading

import pytest

import torchwhy
from tests.hooks.scripts import python
from torchwhy.hooks import excepthook


@pytest.fixture
def restore_hooks():
    saved = sys.excepthook, threading.excepthook
    yield
    torchwhy.uninstall()
    sys.excepthook, threading.excepthook = saved


def _raise(exc: BaseException):
    try:
        raise exc
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


def test_install_chains_and_uninstall_restores(restore_hooks, monkeypatch) -> None:
    calls: list[str] = []

    def previous(etype, value, tb):
        calls.append(etype.__name__)

    monkeypatch.delenv("TORCHWHY_DISABLE", raising=False)
    sys.excepthook = previous
    previous_thread_hook = threading.excepthook  # pytest has its own
    torchwhy.install()
    hook = sys.excepthook
    torchwhy.install()  # idempotent: not wrapped twice
    assert sys.excepthook is hook is excepthook.torchwhy_excepthook
    assert threading.excepthook is excepthook.torchwhy_threading_excepthook

    annotated: list[BaseException] = []
    monkeypatch.setattr(excepthook, "annotate_to", lambda exc, stream: annotated.append(exc))
    for exc in (KeyboardInterrupt(), SystemExit(2), GeneratorExit(), ValueError("x")):
        sys.excepthook(*_raise(exc))
    assert calls == ["KeyboardInterrupt", "SystemExit", "GeneratorExit", "ValueError"]
    assert [type(e) for e in annotated] == [ValueError]

    torchwhy.uninstall()
    assert sys.excepthook is previous
    assert threading.excepthook is previous_thread_hook


def test_disable_env(restore_hooks, monkeypatch) -> None:
    monkeypatch.setenv("TORCHWHY_DISABLE", "1")
    before = sys.excepthook
    torchwhy.install()
    assert sys.excepthook is before


def test_wrapped_hook_after_reinstall_does_not_loop(restore_hooks, monkeypatch, capsys) -> None:
    monkeypatch.delenv("TORCHWHY_DISABLE", raising=False)
    monkeypatch.setattr(excepthook, "annotate_to", lambda exc, stream: None)
    torchwhy.install()
    ours = sys.excepthook

    def wrapper(etype, value, tb):  # someone wraps ours...
        ours(etype, value, tb)

    sys.excepthook = wrapper
    torchwhy.uninstall()  # ...so ours stays in place, deferring
    torchwhy.install()  # and now chains to the wrapper, which chains back to ours
    sys.excepthook(*_raise(ValueError("loop?")))
    assert "ValueError: loop?" in capsys.readouterr().err


def test_import_and_install_are_cheap() -> None:
    code = (
        "import sys, time\n"
        "start = time.perf_counter()\n"
        "import torchwhy\n"
        "torchwhy.install(warnings=True)\n"
        "elapsed = time.perf_counter() - start\n"
        "heavy = [m for m in ('torch', 'rich', 'typer', 'sentence_transformers', 'IPython',"
        " 'yaml', 'torchwhy.translator') if m in sys.modules]\n"
        "print(heavy, elapsed)\n"
    )
    result = python("-c", code)
    assert result.returncode == 0, result.stderr
    heavy, elapsed = result.stdout.rsplit(" ", 1)
    assert heavy == "[]"
    assert float(elapsed) < 0.5
