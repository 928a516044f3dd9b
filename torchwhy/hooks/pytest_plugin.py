"""pytest plugin: a "torchwhy" section under each failing test whose error torchwhy knows.

Registered as the `torchwhy` pytest11 entry point, so pytest loads it in every project
where torchwhy is installed: it stays inert unless switched on with `--torchwhy`, or by
naming it explicitly with `-p torchwhy` (which also loads it when plugin autoloading is
off). Everything is guarded: the plugin never fails a test run. Readings use the rules and
fuzzy matching only (no embedding model), to keep failing suites fast.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest

SECTION = "torchwhy"
_PLUGIN_NAMES = {"torchwhy", "torchwhy.hooks.pytest_plugin"}


def pytest_addoption(parser: Any) -> None:
    # Guarded: if the option exists already (another plugin), stay out of the way.
    with contextlib.suppress(Exception):
        parser.getgroup("torchwhy").addoption(
            "--torchwhy",
            action="store_true",
            default=False,
            help="add torchwhy's reading of each recognised PyTorch error to failing tests' reports",
        )


def _enabled(config: Any) -> bool:
    try:
        if config.getoption("torchwhy", default=False):
            return True
        named = config.getoption("plugins", default=None) or []
        return any(name in _PLUGIN_NAMES for name in named)
    except Exception:
        return False


def _section(exc: BaseException) -> str:
    from torchwhy.hooks import config
    from torchwhy.hooks.annotation import diagnose

    if config.disabled():
        return ""
    from torchwhy.hooks.budget import within_budget

    diagnosis = within_budget(lambda: diagnose(exc, use_embedding=False))
    if not diagnosis.is_known:
        return ""
    from torchwhy.render import render_text

    return render_text(diagnosis, color=False, full=False).rstrip("\n") + "\n"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any):
    outcome = yield
    try:
        if not _enabled(item.config) or call.excinfo is None:
            return
        report = outcome.get_result()
        if not report.failed:
            return
        exc = call.excinfo.value
        if not isinstance(exc, Exception):  # pytest.fail/skip/exit outcomes, Ctrl-C
            return
        from torchwhy.hooks.notes import has_note

        if has_note(exc):  # `annotate()` attached the reading: the report shows it
            return
        text = _section(exc)
        if text:
            report.sections.append((SECTION, text))
    except BaseException:  # a SystemExit here would end the session in INTERNALERROR
        pass
