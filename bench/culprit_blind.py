"""Does the tracer name the culprit an expert names first, on crash scripts nobody here wrote?

    python bench/culprit_blind.py                      # every set
    python bench/culprit_blind.py --half heldout -v    # one line per script
    python bench/culprit_blind.py --half tune --only w0 -v   # a subset, while iterating
    python bench/culprit_blind.py --gaps               # why the misses miss (totals only on held-out)
    python bench/culprit_blind.py --labels agreed      # judged only where two labellers agree
    python bench/culprit_blind.py --readings           # and how often the category reading is right

Each set prints two figures: the first culprit is the expert's expression (the headline), and
the first culprit is it or was made at the line the expert's header names (`made-at`): the
tracer names a value and where it was made, where some experts name the making statement.
    .venv313/bin/python bench/culprit_blind.py         # the same on Python 3.13

The scripts under tests/provenance/blind/ were written by a helper who had not read the tracer,
the way users write training scripts and notebooks; each header names the culprit an expert
would name first (`# expect:`, with `# also-accept:` for equally good names). They are split
in two by a hash of the file name: `tune/` may be tuned on, `heldout/` never is. `tune2/` is a
second blind set written the same way later by two helpers (training scripts with configs,
workers, checkpoints, last-batch and validation crashes; notebooks with state across cells,
HF-style models, wrappers, autograd state), measured before the tracer was changed for it, then
tuned on. `tune3/` and `heldout3/` are a third blind set (60 scripts by a helper who never read
torchwhy, 2026-12-02), split by sha256 of the file name (even: tune3): its blind figure was
measured before any change; `heldout3/` is never tuned on either. `tune4/` and `heldout4/` are
a fourth blind set (60 scripts by another helper who never read torchwhy, 2026-12-02,
`README_set4.md`), split the same way; `tune5/` and `heldout5/` a fifth (`README_set5.md`);
`tune6/` and `heldout6/` a sixth (two helpers who never read torchwhy, 2026-12-03,
`README_set6.md`), split the same way (int(sha256(name)[:8], 16) even: tune); `tune7/` and
`heldout7/` a seventh (two more such helpers, 2026-12-03, `README_set7.md`), split the same way;
`tune8/` and `heldout8/` an eighth (`README_set8.md`: its authors were asked to name the culprit as
a value or object, as the second labellers of sets 3-7 did), split the same way.

Each script runs in its own process, as `python script.py` would run it (its own `__main__`,
DataLoader workers and all), under a small driver that catches the crash and asks
`torchwhy.explain(exception)` for the culprits; so the same command measures an older checkout
(PYTHONPATH=that/checkout) for the blind figure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from torchwhy.categories import CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
BLIND = ROOT / "tests" / "provenance" / "blind"
HALVES = (
    "tune",
    "tune2",
    "heldout",
    "tune3",
    "heldout3",
    "tune4",
    "heldout4",
    "tune5",
    "heldout5",
    "tune6",
    "heldout6",
    "tune7",
    "heldout7",
    "tune8",
    "heldout8",
)
_HEADER = re.compile(r"^#\s*(?P<key>[\w-]+):\s*(?P<value>.*)$")

# Runs one script as __main__, then prints what torchwhy names for its crash as JSON.
_DRIVER = r"""
import json, os, runpy, sys
path = os.path.abspath(sys.argv[1])
sys.argv = [path]
try:
    runpy.run_path(path, run_name="__main__")
except BaseException as error:
    import torchwhy
    diagnosis = torchwhy.explain(error)
    print("\n@@torchwhy@@" + json.dumps({
        "error": f"{type(error).__name__}: {str(error)[:200]}",
        "category": diagnosis.category,
        "verdict": diagnosis.verdict,
        "culprits": [c.expression for c in diagnosis.culprits],
        "made_at": [str(getattr(c, "made_at", None)) for c in diagnosis.culprits][:1],
        # For --gaps: every culprit's line numbers and other names, in the script itself.
        "named": [{
            "expression": c.expression,
            "passed_as": c.passed_as,
            "module": c.module,
            "line": c.line if c.file and os.path.abspath(c.file) == path else None,
            "made_line": c.made_at.line
            if c.made_at and c.made_at.file and os.path.abspath(c.made_at.file) == path
            else None,
        } for c in diagnosis.culprits],
    }))
else:
    print("\n@@torchwhy@@" + json.dumps({"error": None}))
"""


def header(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            found[match["key"]] = match["value"].strip()
    return found


def _normal(expression: str) -> str:
    return re.sub(r"\s+", "", expression)


def accepted(spec: dict[str, str]) -> set[str]:
    also = spec.get("also-accept", "")
    # A header lists them comma-separated; the second labels' YAML as a list.
    names = [spec.get("expect", ""), *(also.split(",") if isinstance(also, str) else also)]
    return {_normal(name) for name in names if name.strip()}


# A second labelling of some held-out sets, blind to the first (tests/provenance/blind/
# second_labels.yaml): --labels second judges by it, --labels agreed keeps only the scripts whose
# two labellings name the same culprit (their accepted names overlap), where a name either
# labelling accepts is right (the made-at line stays the first's).
SECOND_LABELS = BLIND / "second_labels.yaml"
LABELS = ("first", "second", "agreed")


def second_labels() -> dict[tuple[str, str], dict]:
    import yaml

    rows = yaml.safe_load(SECOND_LABELS.read_text(encoding="utf-8"))
    return {
        (row["set"], row["script"]): {
            "expect": row["expect"],
            "also-accept": list(row.get("also_accept") or []),
            "made-at": str(row["made_at"]),
        }
        for row in rows
    }


def labelled(half: str, paths: list[Path], labels: str) -> list[tuple[Path, dict]]:
    """Each script with the labels it is judged by (`labels`: first, second or agreed)."""
    if labels == "first":
        return [(path, header(path)) for path in paths]
    second = second_labels()
    found = []
    for path in paths:
        other = second.get((half, path.name))
        if other is None:
            continue
        first = header(path)
        if labels == "second":
            found.append((path, {**first, **other}))  # the category stays the author's
        elif accepted(first) & accepted(other):
            # Both name the same culprit: a name either of them accepts names it.
            names = [*accepted(first), *accepted(other)]
            found.append((path, {**first, "also-accept": names}))
    return found


def run_one(path: Path, timeout: float = 120) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    try:
        done = subprocess.run(
            [sys.executable, "-c", _DRIVER, str(path)],
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return {"error": "timeout"}
    marker = done.stdout.rfind("@@torchwhy@@")
    if marker < 0:
        return {"error": f"driver failed: {done.stderr.strip().splitlines()[-1:]}"}
    return json.loads(done.stdout[marker + len("@@torchwhy@@") :])


def expert_line(spec: dict[str, str]) -> int | None:
    """The line of the statement that made the culprit, as the header's `made-at` says."""
    made_at = spec.get("made-at", "").strip()
    return int(made_at) if made_at.isdigit() else None


def _tail(expression: str) -> str:
    """The part of a name that says which value it is, whatever it is reached through:
    `model.fc` and `self.fc` -> `fc`, `batch["x"]` -> `"x"`, `cfg.max_len` -> `max_len`."""
    expression = _normal(expression)
    subscript = re.search(r"\[([^\[\]]+)\]$", expression)
    if subscript:
        return subscript[1].replace("'", '"')
    return re.split(r"[.]", expression)[-1]


def _contains(outer: str, inner: str) -> bool:
    """`outer` is an expression around the value `inner` names: `torch.tensor(cfg.scale)` and
    `ids[:2]` around `cfg.scale` and `ids`; not `images` around `image`, nor `model.head` (an
    attribute of `model` is another value) around `model`."""
    outer, inner = _normal(outer), _normal(inner)
    pattern = r"(?<![\w.])" + re.escape(inner) + r"(?![\w.(])"
    return outer != inner and re.search(pattern, outer) is not None


GAPS = ("ok", "ranking", "naming-first", "naming", "generation", "none")


def gap(spec: dict[str, str], outcome: dict) -> str:
    """Why a script's first culprit is (not) the expert's: `ok`; `ranking`, the expert's name is
    in the list but not first; `naming-first`, the first culprit is the expert's value in
    another form (made at the header's `made-at` line, the name it was passed in under, the
    same attribute or key reached through another name, or an expression around it); `naming`, such a culprit is in the list but not first;
    `generation`, nothing in the list is it; `none`, no culprit at all (or no crash).
    A naming gap of the first culprit says its form: `naming-first/passed-as`, `/tail`,
    `/around` (an expression around the value), `/made-at` (made at the header's line);
    `none/unknown` (the error was not read), `none/read/<family>` (read, nothing named),
    `none/no-reading` (no crash, or the driver failed)."""
    named = outcome.get("named") or []
    if not named:
        if outcome.get("category") is None:
            return "none/no-reading"  # no crash, the driver failed, or a timeout
        if outcome["category"] == "unknown":
            return "none/unknown"
        return f"none/read/{outcome['category'].split('/')[0]}"  # which family names nothing
    wanted = accepted(spec)
    # As `measure` counts: only the expression of the first culprit is read.
    if _normal(named[0]["expression"]) in wanted:
        return "ok"
    if any(_normal(culprit["expression"]) in wanted for culprit in named[1:]):
        return "ranking"
    line = expert_line(spec)
    tails = {_tail(name) for name in wanted}

    def same_value(culprit: dict) -> str | None:
        """How a culprit names the expert's value in another form, if it does."""
        names = [culprit["expression"], culprit.get("passed_as") or ""]
        if _normal(names[1]) in wanted:
            return "passed-as"
        if any(name and _tail(name) in tails for name in names):
            return "tail"
        if any(name and any(_contains(name, w) for w in wanted) for name in names):
            return "around"
        if line is not None and culprit.get("made_line") == line:
            return "made-at"
        return None

    form = same_value(named[0])
    if form:
        return f"naming-first/{form}"
    return "naming" if any(same_value(culprit) for culprit in named) else "generation"


def measure_gaps(half: str, per_script: bool, labels: str = "first") -> dict[str, int]:
    """The gap totals of one set; one line per miss only where `per_script` (never held-out)."""
    totals = dict.fromkeys(GAPS, 0)
    for path, spec in labelled(half, sorted((BLIND / half).glob("*.py")), labels):
        outcome = run_one(path)
        kind = gap(spec, outcome)
        totals[kind.split("/")[0]] += 1
        if "/" in kind:  # the form of a naming gap, the reason for none: counted apart
            totals[kind] = totals.get(kind, 0) + 1
            if kind.count("/") > 1:
                parent = kind.rsplit("/", 1)[0]
                totals[parent] = totals.get(parent, 0) + 1
        if per_script and kind != "ok":
            names = [n["expression"] for n in outcome.get("named") or []][:4]
            print(
                f"  {kind:24s} {path.stem:40.40s} expect {spec.get('expect')!s:20.20s} got {names}"
            )
    return totals


def made_at_expert_line(spec: dict[str, str], outcome: dict) -> bool:
    """Whether the first culprit was made at the statement the expert names (`made-at`): the
    tracer names a value and says where it was made; an expert may name that statement itself
    (`torch.arange(batch_size)`, `@torch.inference_mode()`) rather than the value it made."""
    named = outcome.get("named") or []
    line = expert_line(spec)
    return bool(named) and line is not None and named[0].get("made_line") == line


def measure(
    half: str,
    verbose: bool,
    only: str | None = None,
    readings: Counter | None = None,
    labels: str = "first",
) -> tuple[int, int, int]:
    """Scripts whose first culprit is the expert's expression; those whose first culprit is it
    or was made at the expert's line; all scripts. `readings` tallies the category readings."""
    scripts = labelled(half, sorted((BLIND / half).glob(f"{only or ''}*.py")), labels)
    right = at_line = 0
    for path, spec in scripts:
        outcome = run_one(path)
        culprits = outcome.get("culprits") or []
        first = culprits[0] if culprits else None
        ok = first is not None and _normal(first) in accepted(spec)
        line_ok = ok or made_at_expert_line(spec, outcome)
        right += ok
        at_line += line_ok
        if readings is not None:
            readings[reading_kind(spec, outcome)] += 1
        if verbose:
            mark = "ok  " if ok else "line" if line_ok else "MISS"
            print(
                f"{mark} {path.stem:40.40s} expect {spec.get('expect')!s:24.24s}"
                f" got {first!s:24.24s} [{outcome.get('category')}]"
                + ("" if outcome.get("culprits") is not None else f"  ({outcome.get('error')})"),
                flush=True,
            )
    return right, at_line, len(scripts)


# --readings: how often a live crash's category reading is the one the script's author names
# (`# category:`), for verdicts and for "possible readings" apart. No corpus of pasted reports
# measures live readings: their frames are whole and the tracer reads their values.
def reading_kind(spec: dict[str, str], outcome: dict) -> str:
    """verdict/possible right/wrong, unknown, or unlabelled (the header names no category id)."""
    # Sets 3-5's authors named categories in their own words (`shape/rnn-hidden`): only a
    # header that names one of torchwhy's ids can judge a reading.
    if spec.get("category", "").strip() not in CATEGORIES:
        return "unlabelled"
    category = outcome.get("category")
    if category in (None, "unknown"):
        return "unknown"
    right = category == spec["category"].strip()
    return f"{'verdict' if outcome.get('verdict') else 'possible'} {'right' if right else 'wrong'}"


def readings_line(tally: Counter) -> str:
    verdicts = tally["verdict right"] + tally["verdict wrong"]
    possible = tally["possible right"] + tally["possible wrong"]
    return (
        f"  readings: verdicts right {tally['verdict right']}/{verdicts},"
        f" possible readings right {tally['possible right']}/{possible},"
        f" unknown {tally['unknown']}"
        + (
            f" (headers naming no category id: {tally['unlabelled']})"
            if tally["unlabelled"]
            else ""
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--half", choices=[*HALVES, "both"], default="both")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--only", help="scripts whose name starts with this (while iterating)")
    parser.add_argument(
        "--gaps",
        action="store_true",
        help="classify the misses (ranking / naming / generation); held-out sets: totals only",
    )
    parser.add_argument(
        "--labels",
        choices=LABELS,
        default="first",
        help="whose culprit labels judge (second/agreed: the sets a second labeller labelled)",
    )
    parser.add_argument(
        "--readings",
        action="store_true",
        help="also tally the category readings against each script's `# category:` header",
    )
    args = parser.parse_args()
    halves = HALVES if args.half == "both" else (args.half,)
    if args.labels != "first":  # only the sets a second labeller labelled
        halves = tuple(h for h in halves if h in {half for half, _ in second_labels()})
    version = ".".join(map(str, sys.version_info[:2]))
    if args.gaps:
        for half in halves:
            held_out = half.startswith("heldout")
            totals = measure_gaps(half, args.verbose and not held_out, args.labels)
            shown = ", ".join(f"{kind} {count}" for kind, count in totals.items())
            scripts = sum(totals[kind] for kind in GAPS)  # the forms are counted apart
            print(f"Python {version}, {half} ({scripts}): {shown}", flush=True)
        return
    for half in halves:
        tally: Counter | None = Counter() if args.readings else None
        right, at_line, total = measure(half, args.verbose, args.only, tally, args.labels)
        share = f"{100 * right / total:.1f}%" if total else "n/a"
        print(
            f"Python {version}, {half}{'' if args.labels == 'first' else f' ({args.labels} labels)'}:"
            f" culprit named first in {right}/{total} = {share}"
            f" (named first or made at the expert's line: {at_line}/{total})",
            flush=True,
        )
        if tally is not None:
            print(readings_line(tally), flush=True)


if __name__ == "__main__":
    main()
