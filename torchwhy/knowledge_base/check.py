"""The executable knowledge base: run each entry's `reproduce` snippet on this install and
check that torchwhy still reads the error it raises as that entry.

One implementation serves the tests (`tests/reproduce.py`), `torchwhy kb check` and
`torchwhy drill`. Each snippet runs in-process (fast: torch is imported once) from a real
file in a temporary folder, so linecache, `executing` and the provenance tracer can read its
source exactly as they would a user's script. `runpy.run_path` gives every snippet fresh
globals; warnings are silenced and whatever it prints is captured, not shown.

Statuses of one check:

- `ok`: raised, and translated to this very entry (and its culprit, where the tracer named one).
- `reworded`: raised, but translated to another entry or to `unknown`: the patterns no longer
  match what this torch raises.
- `did-not-raise`: the snippet ran to the end (or past its timeout) without raising.
- `skipped`: `reproduce` is null; `detail` holds the entry's `reproduce_skip` reason.
- `culprit-mismatch`: right entry, but the tracer named another culprit first.
- `culprit-missing`: right entry, the entry expects a culprit and the tracer is installed, but
  it named none. (With no tracer an empty culprit list only means "culprit unknown": `ok`.)
- `fix-invalid`: right entry and culprit, but a fix shown is not valid Python (`model.1 = ...`)
  or shows an unfilled `{placeholder}` (in a fix or an alternative's title).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import re
import runpy
import signal
import sys
import tempfile
import threading
import time
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from torchwhy.knowledge_base.schema import Entry
from torchwhy.torch_globals import preserved_torch_globals

Status = Literal[
    "ok",
    "reworded",
    "did-not-raise",
    "skipped",
    "culprit-mismatch",
    "culprit-missing",
    "fix-invalid",
]

OK: Status = "ok"
REWORDED: Status = "reworded"
DID_NOT_RAISE: Status = "did-not-raise"
SKIPPED: Status = "skipped"
CULPRIT_MISMATCH: Status = "culprit-mismatch"
CULPRIT_MISSING: Status = "culprit-missing"
FIX_INVALID: Status = "fix-invalid"

STATUSES: tuple[Status, ...] = (
    OK,
    REWORDED,
    DID_NOT_RAISE,
    SKIPPED,
    CULPRIT_MISMATCH,
    CULPRIT_MISSING,
    FIX_INVALID,
)
# Statuses that mean the knowledge base no longer matches this install.
FAILURES: frozenset[Status] = frozenset({REWORDED, DID_NOT_RAISE})
# Failures only under --strict-culprits: the reading is right, what it shows is not.
CULPRIT_FAILURES: frozenset[Status] = frozenset({CULPRIT_MISMATCH, CULPRIT_MISSING, FIX_INVALID})

DEFAULT_TIMEOUT = 60.0
MESSAGE_LIMIT = 2000


class SnippetTimeout(BaseException):
    """Raised inside a snippet that ran past its timeout (a BaseException: snippets that
    catch Exception must not swallow it)."""


@dataclass
class SnippetRun:
    """What running one snippet did: the error it raised (or None), and what it printed."""

    error: BaseException | None
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool = False
    exited: int | str | None = None  # the code, when the snippet called sys.exit()

    @property
    def raised(self) -> bool:
        return self.error is not None


@dataclass
class CheckResult:
    """The verdict for one entry, as plain data (`to_dict()` is the `--json` shape)."""

    entry: str
    category: str
    title: str
    status: Status
    detail: str = ""
    exception_type: str | None = None
    message: str = ""
    got_entry: str | None = None
    got_category: str | None = None
    culprit: str | None = None
    expect_culprit: str | None = None
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.status in FAILURES

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def script_name(entry_id: str) -> str:
    """The file name a reproduction runs from: `repro_cross_entropy_target_float.py`."""
    return "repro_" + entry_id.replace("-", "_").replace(".", "_") + ".py"


def tracer_available() -> bool:
    """Whether the provenance tracer (which names culprits) is installed."""
    try:
        return importlib.util.find_spec("torchwhy.provenance") is not None
    except (ImportError, ValueError):
        return False


@contextlib.contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise SnippetTimeout in the snippet after `seconds`, where a timer signal is possible
    (POSIX, main thread); elsewhere the snippet simply runs unbounded."""
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def _expire(signum: int, frame: Any) -> None:
        raise SnippetTimeout(f"ran past its {seconds:g} s timeout")

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _captured_fds(sink: io.StringIO) -> Iterator[None]:
    """Send what C code and child processes write to fds 1 and 2 (DataLoader workers, torch
    warnings from C++) to `sink` instead of the terminal; skipped where fds cannot be dup'ed."""
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        with contextlib.suppress(Exception):
            stream.flush()
    try:
        saved = (os.dup(1), os.dup(2))
    except OSError:
        yield
        return
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 1)
        os.dup2(capture.fileno(), 2)
        try:
            yield
        finally:
            for stream in (sys.__stdout__, sys.__stderr__):
                with contextlib.suppress(Exception):
                    stream.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
            capture.seek(0)
            sink.write(capture.read().decode("utf-8", errors="replace"))


def run_snippet(
    code: str, folder: Path, name: str = "repro_snippet.py", *, timeout: float | None = None
) -> SnippetRun:
    """Write `code` to `folder/name` and run it as `__main__` with fresh globals.

    The file stays in `folder` so that a traceback of the returned error can still be read
    (linecache, executing): explain the error before `folder` goes away.
    """
    script = Path(folder) / name
    script.write_text(code, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    error: BaseException | None = None
    timed_out = False
    exited: int | str | None = None
    started = time.perf_counter()
    # runpy swaps sys.argv[0]; keep the whole argv as it was whatever the snippet does.
    saved_argv = sys.argv[:]
    try:
        with (
            warnings.catch_warnings(),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            _captured_fds(err),
            preserved_torch_globals(),
            _deadline(timeout),
        ):
            warnings.simplefilter("ignore")
            runpy.run_path(str(script), run_name="__main__")
    except SnippetTimeout:
        timed_out = True
    except SystemExit as stop:
        exited = stop.code if stop.code is not None else 0
    except Exception as raised:  # the reproduction's whole point
        error = raised
    finally:
        sys.argv[:] = saved_argv
    return SnippetRun(
        error=error,
        stdout=out.getvalue(),
        stderr=err.getvalue(),
        seconds=time.perf_counter() - started,
        timed_out=timed_out,
        exited=exited,
    )


def run_entry(entry: Entry, folder: Path, *, timeout: float | None = None) -> SnippetRun:
    """Run `entry.reproduce` (which must not be None) from `folder`."""
    if entry.reproduce is None:
        raise ValueError(f"{entry.id}: has no reproduce snippet ({entry.reproduce_skip})")
    return run_snippet(entry.reproduce, folder, script_name(entry.id), timeout=timeout)


def error_text(error: BaseException, limit: int = MESSAGE_LIMIT) -> str:
    """`RuntimeError: message` on one logical block, cut to `limit` characters."""
    text = f"{type(error).__name__}: {error}".strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _no_raise_detail(run: SnippetRun) -> str:
    if run.timed_out:
        return f"ran past its timeout ({run.seconds:.1f} s) without raising"
    if run.exited is not None:
        return f"called sys.exit({run.exited!r}) instead of raising"
    return "ran to the end without raising"


def _same_expression(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def check_entry(
    entry: Entry,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    tracer: bool | None = None,
    folder: Path | None = None,
) -> CheckResult:
    """Run one entry's reproduction, translate what it raises, and judge the reading."""
    result = CheckResult(
        entry=entry.id,
        category=entry.category,
        title=entry.title,
        status=SKIPPED,
        expect_culprit=entry.expect_culprit,
    )
    if entry.reproduce is None:
        result.detail = entry.reproduce_skip or "no reproduce snippet"
        return result
    if folder is None:
        with tempfile.TemporaryDirectory(prefix="torchwhy-kb-") as temporary:
            return check_entry(entry, timeout=timeout, tracer=tracer, folder=Path(temporary))

    import torchwhy  # late: explain imports the translator

    run = run_entry(entry, folder, timeout=timeout)
    result.seconds = round(run.seconds, 3)
    if run.error is None:
        result.status = DID_NOT_RAISE
        result.detail = _no_raise_detail(run)
        return result

    error = run.error
    result.exception_type = type(error).__name__
    result.message = error_text(error)
    diagnosis = torchwhy.explain(error, use_embedding=False)
    del error, run  # the traceback holds the snippet's globals (tensors)
    result.got_entry = diagnosis.entry
    result.got_category = diagnosis.category
    if diagnosis.culprits:
        result.culprit = diagnosis.culprits[0].expression

    if diagnosis.entry != entry.id:
        result.status = REWORDED
        if diagnosis.entry is None:
            result.detail = "translated to unknown: no pattern matches this message"
        elif diagnosis.category == entry.category:
            result.detail = f"translated to {diagnosis.entry} (same category)"
        else:
            result.detail = f"translated to {diagnosis.entry} ({diagnosis.category})"
        return result

    result.status = OK
    if entry.expect_culprit:
        first = diagnosis.culprits[0] if diagnosis.culprits else None
        if first is None:
            if tracer if tracer is not None else tracer_available():
                result.status = CULPRIT_MISSING
                result.detail = f"expected culprit {entry.expect_culprit!r}; the tracer named none"
            else:
                result.detail = "culprit unknown (no tracer installed)"
        elif not any(
            _same_expression(candidate, entry.expect_culprit)
            for candidate in (first.expression, first.module or "")
        ):
            result.status = CULPRIT_MISMATCH
            result.detail = (
                f"expected culprit {entry.expect_culprit!r}, tracer named {first.expression!r}"
            )
    broken = _invalid_fix(diagnosis) if result.status == OK else None
    if broken:
        result.status = FIX_INVALID
        result.detail = broken
    return result


def _invalid_fix(diagnosis: Any) -> str | None:
    """What is wrong with the fixes and titles a diagnosis shows, or None."""
    from torchwhy.fixes.code import parses

    placeholder = re.compile(r"\{[a-zA-Z_]\w*\}")
    for fix in diagnosis.fixes:
        if fix.code and not parses(fix.code):
            return f"fix is not valid Python: {fix.code.strip().splitlines()[0]!r}"
        if placeholder.search(fix.code) or placeholder.search(fix.title):
            return f"fix shows a placeholder: {fix.title!r}"
    for alternative in diagnosis.alternatives:
        if placeholder.search(alternative.title):
            return f"alternative shows a placeholder: {alternative.title!r}"
    return None


def check_entries(
    entries: Iterable[Entry], *, timeout: float | None = DEFAULT_TIMEOUT
) -> Iterator[CheckResult]:
    """Check entries one by one, in one temporary folder, yielding each verdict as it comes."""
    tracer = tracer_available()
    with tempfile.TemporaryDirectory(prefix="torchwhy-kb-") as temporary:
        for entry in entries:
            yield check_entry(entry, timeout=timeout, tracer=tracer, folder=Path(temporary))


def select(
    entries: Iterable[Entry], *, entry_id: str | None = None, category: str | None = None
) -> list[Entry]:
    """Entries with this id and/or in this category (a family prefix such as `dtype` or
    `dtype/` selects the whole family)."""
    chosen = list(entries)
    if entry_id:
        from torchwhy.knowledge_base import by_id

        found = by_id(entry_id, chosen)
        chosen = [found] if found is not None else []
    if category:
        from torchwhy.categories import in_category

        chosen = [entry for entry in chosen if in_category(entry.category, category)]
    return chosen


def summarize(results: Iterable[CheckResult]) -> dict[str, int]:
    """Counts per status, every status present (zero when none)."""
    counts = Counter(result.status for result in results)
    return {status: counts.get(status, 0) for status in STATUSES}


def summary_line(counts: dict[str, int]) -> str:
    """`87 ok, 2 reworded, 0 did not raise, 12 skipped (need a GPU or an old torch)`."""
    parts = [
        f"{counts.get(OK, 0)} ok",
        f"{counts.get(REWORDED, 0)} reworded",
        f"{counts.get(DID_NOT_RAISE, 0)} did not raise",
        f"{counts.get(SKIPPED, 0)} skipped (need a GPU or an old torch)",
    ]
    if counts.get(CULPRIT_MISMATCH):
        parts.append(f"{counts[CULPRIT_MISMATCH]} culprit mismatch")
    if counts.get(CULPRIT_MISSING):
        parts.append(f"{counts[CULPRIT_MISSING]} culprit missing")
    if counts.get(FIX_INVALID):
        parts.append(f"{counts[FIX_INVALID]} fix invalid")
    return ", ".join(parts)


def exit_code(counts: dict[str, int], *, strict_culprits: bool = False) -> int:
    """0 when nothing is reworded or did-not-raise (and, if strict, no culprit problems)."""
    failing = FAILURES | (CULPRIT_FAILURES if strict_culprits else frozenset())
    return 1 if any(counts.get(status, 0) for status in failing) else 0


__all__ = [
    "CULPRIT_MISMATCH",
    "CULPRIT_MISSING",
    "DID_NOT_RAISE",
    "FIX_INVALID",
    "OK",
    "REWORDED",
    "SKIPPED",
    "STATUSES",
    "CheckResult",
    "SnippetRun",
    "SnippetTimeout",
    "check_entries",
    "check_entry",
    "error_text",
    "exit_code",
    "run_entry",
    "run_snippet",
    "script_name",
    "select",
    "summarize",
    "summary_line",
    "tracer_available",
]
