"""Run a script (or a function) as a dry run: every interception layer installed for its
duration and removed after, then the report.

A crash is explained by `torchwhy.explain`, the same reading a real crash gets; the engine
holds no knowledge of errors.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import time
import weakref
from collections.abc import Callable
from typing import Any

import torch
from torch._subclasses.fake_tensor import FakeTensor

from torchwhy.dryrun import (
    cuda_shim,
    data_boundary,
    data_scan,
    logical_device,
    step_hooks,
    version_gate,
    virtual_files,
)
from torchwhy.dryrun.crash import describe_crash, strip_our_frames, tool_limit
from torchwhy.dryrun.data_boundary import StopDryRun
from torchwhy.dryrun.fake_dispatch import DryRunMode
from torchwhy.dryrun.layers import LayerRecorder
from torchwhy.dryrun.memory import MemoryTracker
from torchwhy.dryrun.patches import Patches
from torchwhy.dryrun.replay import CUDA_INDEX_NOTE, ON_CUDA
from torchwhy.dryrun.report import (
    EXIT_CANNOT_CONTINUE,
    EXIT_FINDING,
    EXIT_PASSED,
    EXIT_USER_BUG,
    DryRunReport,
)
from torchwhy.dryrun.session import DryRunOptions, Session, activate
from torchwhy.torch_globals import preserved_torch_globals

_OFFLINE = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "WANDB_MODE": "disabled",
}


def _no_network(*_args: Any, **_kwargs: Any) -> None:
    raise OSError("torchwhy dryrun: network access is disabled during a dry run")


def _swap_without_memo(original: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    """`Module.to()` swaps fake parameters; FakeTensorMode's converter memo holds weak
    references that block the swap ("Couldn't swap Linear.weight"): drop them first."""

    def swap(first: Any, second: Any) -> None:
        for tensor in (first, second):
            if isinstance(tensor, FakeTensor):
                memo = tensor.fake_mode.fake_tensor_converter.meta_converter.tensor_memo
                # Keys only: a live reference to a weakref would itself block the swap.
                keys = [getattr(ref, "key", None) for ref in weakref.getweakrefs(tensor)]
                for memo_key in keys:
                    if memo_key is not None and memo.get(memo_key) is tensor:
                        del memo[memo_key]
        original(first, second)

    return swap


class Harness:
    """Everything a dry run changes in torch and the process, installed on enter and
    undone on exit."""

    def __init__(self, options: DryRunOptions) -> None:
        self.session = Session(options)
        self.mode = DryRunMode()
        self.session.mode = self.mode
        self.patches = Patches()
        self.layers = LayerRecorder(self.session)
        self.memory = MemoryTracker(int(options.gpu_memory_gb * 2**30), self.layers.roots)
        self._handles: list[Any] = []
        self._environ: dict[str, str | None] = {}
        # FakeTensorMode logs every failing meta kernel; the replayed error is what counts.
        self._fake_log = logging.getLogger("torch._subclasses.fake_tensor")
        self._fake_log_level = self._fake_log.level

    def __enter__(self) -> Harness:
        global _ACTIVE
        _ACTIVE = self
        activate(self.session)
        patches, session = self.patches, self.session
        logical_device.install(patches)
        cuda_shim.install(patches, session, session.options, self.memory.current_bytes)
        data_boundary.install(patches, session)
        virtual_files.install(patches, session)
        self._handles = step_hooks.install(patches, session, self.memory)
        patches.set(torch.utils, "swap_tensors", _swap_without_memo(torch.utils.swap_tensors))
        patches.set(
            torch, "compile", lambda model=None, **_: model if model is not None else (lambda m: m)
        )
        patches.set(socket.socket, "connect", _no_network)
        patches.set(socket, "create_connection", _no_network)
        for name, value in _OFFLINE.items():
            self._environ[name] = os.environ.get(name)
            os.environ[name] = value
        self._fake_log.setLevel(logging.CRITICAL)
        self.layers.start()
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.layers.stop()
        for handle in self._handles:
            handle.remove()
        self.patches.undo()
        for name, value in self._environ.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        self._fake_log.setLevel(self._fake_log_level)
        activate(None)
        global _ACTIVE
        _ACTIVE = None

    def run(self, body: Callable[[], Any]) -> BaseException | None:
        """Run `body` in fake mode on the logical GPU; return what it raised."""
        saved_hooks = torch.autograd.graph.saved_tensors_hooks(self.memory.pack, lambda t: t)
        try:
            with self.mode, logical_device.LogicalDeviceMode(), saved_hooks:
                body()
        except BaseException as raised:
            return raised
        return None


_ACTIVE: Harness | None = None


def active_harness() -> Harness | None:
    """The harness of the dry run in progress (for a body that builds its own model state)."""
    return _ACTIVE


def dry_run_script(
    target: str,
    args: list[str],
    *,
    module: bool = False,
    options: DryRunOptions | None = None,
    use_embedding: bool = True,
) -> DryRunReport:
    """`python target args` as a dry run; the script is not modified."""
    from torchwhy.hooks.runner import run as run_target

    captured: list[BaseException] = []

    def body() -> None:
        previous_hook = sys.excepthook
        sys.excepthook = lambda _t, exc, _tb: captured.append(exc)
        try:
            run_target(target, list(args), module=module)
        finally:
            sys.excepthook = previous_hook

    saved_argv, saved_path = list(sys.argv), list(sys.path)
    try:
        return _dry_run(body, target, options, use_embedding, captured)
    finally:
        sys.argv[:], sys.path[:] = saved_argv, saved_path


def dry_run_callable(
    function: Callable[[], Any],
    *,
    options: DryRunOptions | None = None,
    use_embedding: bool = False,
    check_version: bool = True,
) -> DryRunReport:
    """A function as a dry run (notebooks, the self-check)."""
    name = getattr(function, "__qualname__", repr(function))
    return _dry_run(function, name, options, use_embedding, [], check_version=check_version)


def _dry_run(
    body: Callable[[], Any],
    target: str,
    options: DryRunOptions | None,
    use_embedding: bool,
    captured: list[BaseException],
    check_version: bool = True,
) -> DryRunReport:
    options = options or DryRunOptions()
    if check_version:
        refused = version_gate.gate()
        if refused:
            return DryRunReport(
                target, EXIT_CANNOT_CONTINUE, 0.0, {}, "version gate", limit=refused
            )
    started = time.perf_counter()
    # A script's `cudnn.benchmark = True` or `set_default_dtype` would outlive the dry run
    # (in a notebook, every later cell): torch's switches go back as they were.
    with preserved_torch_globals(), Harness(options) as harness:
        raised = harness.run(body)
        if raised is None and captured:
            raised = captured[0]
        seconds = time.perf_counter() - started
        return _report(harness, target, raised, seconds, use_embedding)


def _report(
    harness: Harness, target: str, raised: BaseException | None, seconds: float, use_embedding: bool
) -> DryRunReport:
    session, progress = harness.session, harness.session.progress
    report = DryRunReport(target, EXIT_PASSED, seconds, {}, "script end")
    if isinstance(raised, KeyboardInterrupt):
        raise raised  # the user stopped it: Python's own ending, after the harness is undone
    if raised is None:
        progress.reach("script end")
    elif isinstance(raised, StopDryRun):
        report.stopped_because = str(raised)
    elif isinstance(raised, SystemExit):
        if raised.code in (None, 0):
            progress.reach("script end")
            report.stopped_because = "the script exited with status 0"
        else:
            report.exit_code = EXIT_CANNOT_CONTINUE
            report.stopped_because = f"the script exited with status {raised.code}"
            report.limit = (
                f"the script called sys.exit({raised.code!r}); under a dry run that can follow "
                "an assumed value (see the assumptions)"
            )
    else:
        strip_our_frames(raised)
        limit = tool_limit(raised)
        report.crash = describe_crash(raised, progress)
        if isinstance(raised, IndexError) and getattr(raised, ON_CUDA, False):
            session.note(CUDA_INDEX_NOTE)
        report.stopped_because = f"{type(raised).__name__} at {report.crash.where}"
        if limit:
            report.exit_code, report.limit = EXIT_CANNOT_CONTINUE, limit
        else:
            report.exit_code = EXIT_USER_BUG
            report.diagnosis = _explain(raised, use_embedding)
    if report.crash is None and session.options.scan:
        report.data_findings = data_scan.scan(session)
    report.memory = harness.memory.estimate()
    report.layers = harness.layers.table()
    if report.exit_code == EXIT_PASSED and report.findings:
        report.exit_code = EXIT_FINDING
    report.phases = dict(progress.reached)
    report.assumptions = list(session.assumptions.values())
    report.file_writes = list(session.file_writes)
    report.notes = list(session.notes)
    untested = version_gate.untested_note()
    if untested:
        report.notes.append(untested)
    return report


def _explain(raised: BaseException, use_embedding: bool) -> Any:
    try:
        from torchwhy import explain

        return explain(raised, use_embedding=use_embedding)
    except Exception:  # a failing reading must not hide the crash itself
        return None
