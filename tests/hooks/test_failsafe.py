"""Fault injection: when torchwhy itself fails while annotating, the user still gets exactly
Python's traceback and exit status, plus one line saying the annotation failed."""

from __future__ import annotations

from tests.hooks.scripts import CROSS_ENTROPY_CRASH, python, torchwhy_run, write

BREAK_TRANSLATOR = """\
import torchwhy.translator as translator
import torchwhy.translator.engine as engine


def broken(*args, **kwargs):
    raise RuntimeError("injected translator failure")


translator.explain_exception = engine.explain_exception = broken
"""

FAILURE_LINE = (
    "torchwhy: could not annotate this error (RuntimeError: injected translator failure); "
    "set TORCHWHY_DISABLE=1 to silence"
)


def _only_failure_line_added(plain: str, ours: str) -> None:
    assert ours.startswith(plain)
    extra = ours[len(plain) :].splitlines()
    assert len(extra) == 1, extra
    assert extra[0].startswith(FAILURE_LINE)


def test_run_with_broken_translator(tmp_path) -> None:
    script = write(tmp_path, "crash.py", CROSS_ENTROPY_CRASH)
    wrapper = write(
        tmp_path,
        "broken_torchwhy.py",
        BREAK_TRANSLATOR + "import sys\nfrom torchwhy.cli import main\n\nmain()\n",
    )
    plain = python(script, "a")
    ours = python(wrapper, "run", script, "a")

    assert ours.returncode == plain.returncode == 1
    assert ours.stdout == plain.stdout
    _only_failure_line_added(plain.stderr, ours.stderr)


def test_installed_hook_with_broken_translator(tmp_path) -> None:
    source = (
        BREAK_TRANSLATOR
        + "import torchwhy\ntorchwhy.install(warnings=True)\n"
        + CROSS_ENTROPY_CRASH
    )
    script = write(tmp_path, "self_installing.py", source)
    without = python(script, TORCHWHY_DISABLE="1")
    ours = python(script)

    assert ours.returncode == without.returncode == 1
    assert without.stderr.startswith("Traceback (most recent call last):")
    _only_failure_line_added(without.stderr, ours.stderr)


def test_broken_renderer(tmp_path) -> None:
    source = (
        "import torchwhy.render\n"
        "def broken(*args, **kwargs):\n"
        "    raise ValueError('injected render failure')\n"
        "torchwhy.render.render_text = broken\n"
        "import torchwhy\ntorchwhy.install()\n" + CROSS_ENTROPY_CRASH
    )
    script = write(tmp_path, "broken_render.py", source)
    without = python(script, TORCHWHY_DISABLE="1")
    ours = python(script)

    assert ours.returncode == without.returncode == 1
    assert ours.stderr.startswith(without.stderr)
    extra = ours.stderr[len(without.stderr) :].splitlines()
    assert extra == [extra[0]]
    assert "could not annotate this error (ValueError: injected render failure)" in extra[0]


def test_an_exit_raised_inside_torchwhy_keeps_the_status(tmp_path) -> None:
    for raised in ("SystemExit(7)", "GeneratorExit()"):
        source = (
            "import torchwhy.translator as translator\n"
            "import torchwhy.translator.engine as engine\n"
            f"def broken(*args, **kwargs):\n    raise {raised}\n"
            "translator.explain_exception = engine.explain_exception = broken\n"
            "import torchwhy\ntorchwhy.install()\n" + CROSS_ENTROPY_CRASH
        )
        script = write(tmp_path, "exiting.py", source)
        without = python(script, TORCHWHY_DISABLE="1")
        ours = python(script)
        assert ours.returncode == without.returncode == 1, (raised, ours.stderr)
        assert ours.stderr.startswith(without.stderr)
        extra = ours.stderr[len(without.stderr) :].splitlines()
        assert len(extra) == 1 and "could not annotate" in extra[0], (raised, extra)


def test_a_reading_over_budget_leaves_pythons_traceback_alone(tmp_path) -> None:
    import time

    source = (
        "import time\n"
        "import torchwhy.translator as translator\n"
        "import torchwhy.translator.engine as engine\n"
        "def stalled(*args, **kwargs):\n    time.sleep(120)\n"
        "translator.explain_exception = engine.explain_exception = stalled\n"
        "import torchwhy\ntorchwhy.install()\n" + CROSS_ENTROPY_CRASH
    )
    script = write(tmp_path, "stalled.py", source)
    without = python(script, TORCHWHY_DISABLE="1")
    started = time.monotonic()
    ours = python(script, TORCHWHY_TIME_BUDGET="1")
    assert time.monotonic() - started < 60  # not the 120 s the reading would take
    assert ours.returncode == without.returncode == 1
    assert ours.stderr.startswith(without.stderr)
    extra = ours.stderr[len(without.stderr) :].splitlines()
    assert len(extra) == 1 and "gave up reading this error after 1 s" in extra[0], extra


# A reading that is still inside a torch op when the door gives up on it: at exit, torch's
# C++ worker threads would abort the interpreter's finalization (status 134, "terminate
# called without an active exception") unless the door ends the process with Python's status.
STUCK_IN_TORCH = """\
import torch
import torchwhy.hooks.annotation as annotation


def reading_that_never_ends(exc, use_embedding):
    a = torch.randn(600, 600)
    while True:
        a = (a @ a).clamp(-1, 1)


annotation.diagnose = reading_that_never_ends
"""


def test_reading_given_up_inside_torch_keeps_exit_status_of_install(tmp_path) -> None:
    script = write(
        tmp_path,
        "crash.py",
        "import torchwhy\n" + STUCK_IN_TORCH + "torchwhy.install()\nraise RuntimeError('boom')\n",
    )
    done = python(script, TORCHWHY_TIME_BUDGET="0.5")
    assert done.returncode == 1, done.stderr[-500:]
    assert "RuntimeError: boom" in done.stderr
    assert "OverBudget" in done.stderr
    assert "terminate called" not in done.stderr


def test_reading_given_up_inside_torch_keeps_exit_status_of_run(tmp_path) -> None:
    script = write(tmp_path, "crash.py", STUCK_IN_TORCH + "raise RuntimeError('boom')\n")
    done = torchwhy_run(script, TORCHWHY_TIME_BUDGET="0.5")
    assert done.returncode == 1, done.stderr[-500:]
    assert "RuntimeError: boom" in done.stderr
    assert "OverBudget" in done.stderr
    assert "terminate called" not in done.stderr
