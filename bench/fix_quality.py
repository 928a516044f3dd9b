"""How good the first fix is, on every knowledge-base reproduction and every crash script.

Run: python bench/fix_quality.py [-v]. Each case raises live; torchwhy explains it and the
first fix is judged independently of how it was written:

- invalid: its code does not parse, shows a `{placeholder}`, or reads a name bound in no
  user frame of the crash (read statically from the source), or any title shown (the fix's,
  an alternative's) has a placeholder. Goal: 0.
- checked: torch re-ran the failing operation on stand-ins with the change and it passed
  (`Fix.checked`). Share over the cases whose category is one a fix can be checked for
  (casts, transposes/reshapes, device moves, layers rebuilt, loss targets). Goal: >= 0.80.
- advice: a sentence without code (its template could not be written in the user's names).

It also prints what writing and checking fixes costs: explain() on the crash scripts with
fixes written and checked, against the same calls with only the entry's templates (a ratio
measured in this process).
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torchwhy
import torchwhy.fixes
from tests.provenance.crash_corpus import crash_paths, run_crash
from torchwhy.diagnosis import Diagnosis
from torchwhy.fixes.code import free_names, parses
from torchwhy.fixes.frame_names import frame_names
from torchwhy.knowledge_base import load
from torchwhy.knowledge_base.check import run_entry
from torchwhy.library_paths import is_library_file

# Categories whose fixes are casts, transposes/unsqueezes/reshapes, device moves, rebuilt
# layers or loss-target changes: the kinds torch can re-run on stand-ins.
CHECKABLE = {
    "dtype/target-not-long",
    "dtype/target-not-float",
    "dtype/input-weight-mismatch",
    "dtype/index-not-integer",
    "shape/matmul-mismatch",
    "shape/conv-channels",
    "shape/missing-batch-dim",
    "shape/invalid-view",
    "shape/target-shape",
    "device/tensor-mismatch",
}
# Weights left on meta are fixed by loading them, not by moving a tensor: no check applies.
NOT_CHECKABLE_ENTRIES = {"device-mismatch-meta-tensor", "meta-tensor-no-data"}
_PLACEHOLDER = re.compile(r"\{[a-zA-Z_]\w*\}")


@dataclass
class Verdict:
    case: str
    category: str
    outcome: str  # checked, unchecked, advice, none, invalid
    checkable: bool
    detail: str = ""


def _user_frames(error: BaseException) -> list[tuple[str, int]]:
    frames = []
    tb = error.__traceback__
    while tb is not None:
        file = tb.tb_frame.f_code.co_filename
        if not is_library_file(file) and "torchwhy" not in Path(file).parts:
            frames.append((file, tb.tb_lineno))
        tb = tb.tb_next
    return frames


def judge(case: str, error: BaseException) -> Verdict:
    diagnosis: Diagnosis = torchwhy.explain(error, use_embedding=False)
    frames = [frame_names(file, line) for file, line in _user_frames(error)]
    checkable = diagnosis.category in CHECKABLE and diagnosis.entry not in NOT_CHECKABLE_ENTRIES
    verdict = Verdict(case, diagnosis.category, "none", checkable)
    titles = [f.title for f in diagnosis.fixes] + [a.title for a in diagnosis.alternatives]
    if any(_PLACEHOLDER.search(title) for title in titles):
        verdict.outcome, verdict.detail = "invalid", "placeholder in a title"
        return verdict
    if not diagnosis.fixes:
        return verdict
    fix = diagnosis.fixes[0]
    if not fix.code:
        verdict.outcome, verdict.detail = "advice", fix.title
        return verdict
    free = free_names(fix.code)
    if not parses(fix.code) or _PLACEHOLDER.search(fix.code):
        verdict.outcome, verdict.detail = "invalid", fix.code
    elif not any(names is not None and free <= names.bound for names in frames):
        unbound = min(
            (free - names.bound for names in frames if names is not None), key=len, default=free
        )
        verdict.outcome, verdict.detail = "invalid", f"unbound {sorted(unbound)}: {fix.code}"
    else:
        verdict.outcome = "checked" if fix.checked else "unchecked"
        verdict.detail = fix.code.strip().splitlines()[0]
    return verdict


def cases() -> Iterator[tuple[str, BaseException]]:
    with tempfile.TemporaryDirectory(prefix="torchwhy-fixes-") as folder:
        for entry in load():
            if entry.reproduce is None:
                continue
            run = run_entry(entry, Path(folder), timeout=30)
            if run.error is not None:
                yield f"kb:{entry.id}", run.error
        for path in crash_paths():
            yield f"crash:{path.stem}", run_crash(path)


def _explain_seconds(errors: list[BaseException], repeats: int = 3) -> float:
    started = time.perf_counter()
    for _ in range(repeats):
        for error in errors:
            torchwhy.explain(error, use_embedding=False)
    return (time.perf_counter() - started) / (repeats * len(errors))


def cost_ratio() -> tuple[float, float]:
    """Mean explain() seconds with written, checked fixes and with templates only."""
    errors = [run_crash(path) for path in crash_paths()]
    _explain_seconds(errors, 1)  # warm: imports, source parsing, FakeTensorMode
    with_fixes = _explain_seconds(errors)
    written = torchwhy.fixes._written
    torchwhy.fixes._written = lambda *args, **kwargs: []
    try:
        templates_only = _explain_seconds(errors)
    finally:
        torchwhy.fixes._written = written
    return with_fixes, templates_only


def main(verbose: bool) -> None:
    verdicts = [judge(case, error) for case, error in cases()]
    counts = Counter(v.outcome for v in verdicts)
    checkable = [v for v in verdicts if v.checkable]
    checked = sum(v.outcome == "checked" for v in checkable)
    for v in verdicts:
        if verbose or v.outcome == "invalid" or (v.checkable and v.outcome != "checked"):
            print(f"{v.outcome:9} {v.case:48} {v.category:28} {v.detail[:90]}")
    print()
    print(
        f"cases: {len(verdicts)}  first fix: "
        + ", ".join(f"{k} {n}" for k, n in counts.most_common())
    )
    print(f"invalid first fixes: {counts.get('invalid', 0)}")
    share = checked / len(checkable) if checkable else 0.0
    print(f"checked where the kind can be checked: {checked}/{len(checkable)} = {share:.2f}")
    with_fixes, templates_only = cost_ratio()
    print(
        f"explain() per crash: {with_fixes * 1000:.1f} ms with written, checked fixes vs "
        f"{templates_only * 1000:.1f} ms with templates only ({with_fixes / templates_only:.2f}x)"
    )


if __name__ == "__main__":
    main(verbose="-v" in sys.argv)
