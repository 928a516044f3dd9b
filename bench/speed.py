"""Every speed figure of issue #12, each as a ratio against a baseline measured in the same run.

    python bench/speed.py [--repeat N] [--only cli,embedding,hooks,live,kb]

Cold processes run in turn with their baseline (A B A B ...), so a loaded machine slows both
alike; each figure is the median CPU time (user + system) of its runs, as the issue measured
it, with the wall time beside it. Figures only: nothing here asserts.

Sections:
- cli        cold `python -c pass` vs `torchwhy explain "<rule hit>"` (text, --json), `--help`,
             `unknown` on a non-PyTorch paste against the rule hit (must not cost more), and a
             message no stage matches with --no-embed (rules, then fuzzy; no target)
- embedding  an answer that needs the embedding stage, cold, with the example cache present
             and with an empty cache (the first run ever), vs a rule answer
- hooks      `torchwhy run` vs `python script.py` for a clean and a crashing torch script;
             the first annotated exception in IPython vs IPython without the extension
- live       in process: `explain(exc)` of a live torch error vs `explain(text)` of its traceback
- kb         knowledge-base load (cold process), fuzzy and no-match per message, with the
             bundled knowledge base and a synthetic one 16 times its size

BEFORE issue #12 (commit 03074cf, typer 0.29.2, 2 CPUs shared with other jobs, load 4-7):
  python -c pass 29 ms; explain <rule hit> 461 ms = 15.9x (--json 15.9x); --help 4.05x
  embedding answer, cache present: 7.1 s CPU, 506 MiB (21.8x a rule answer);
    first run ever: 37.5 s CPU, 750 MiB
  torchwhy run clean 1.05x, crash 1.11x (typer 0.28 here; 1.03x of 1.05x + explanation)
  explain(exc) 1.59 ms = 6.6x explain(text) 0.24 ms
  kb x1 -> x16: load 147 -> 1015 ms (6.9x), fuzzy 13.7 -> 220 ms (16x),
    no-match 14.1 -> 245 ms (17x)
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from torchwhy.knowledge_base import CompiledEntries, Entry

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

RULE_MESSAGE = "RuntimeError: mat1 and mat2 shapes cannot be multiplied (64x512 and 256x10)"
EMBEDDING_MESSAGE = "the target dtype must be long not float"
# A user's own bug, pasted where torch errors are pasted: the answer is `unknown`, and deciding
# that must cost no more than a rule hit (no embedding model, no heavy import).
NON_PYTORCH_PASTE = (
    "Traceback (most recent call last):\n"
    '  File "app/server.py", line 88, in handle\n'
    '    user = sessions[request.cookies["sid"]]\n'
    "KeyError: 'sid'\n"
    "does anyone know why this happens after the upgrade?"
)
# The same shape of paste, ending in a torch error a rule reads: the like-for-like baseline.
RULE_PASTE = (
    "Traceback (most recent call last):\n"
    '  File "app/train.py", line 88, in step\n'
    "    logits = head(features)\n"
    f"{RULE_MESSAGE}\n"
    "does anyone know why this happens after the upgrade?"
)
FUZZY_MESSAGES = [
    "expected the target dtype to be long or byte but it got float",
    "mat1 and mat2 shape cant be multiplied 64 by 512 and 256 by 10",
]
NO_MATCH_MESSAGES = [
    "RuntimeError: the frobnicator refused to quux the widget array",
    "ValueError: something entirely unrelated happened while reading the config file",
]

CLEAN_SCRIPT = """
import torch
model = torch.nn.Linear(512, 10)
print(model(torch.ones(64, 512)).sum().item() != 0)
"""
CRASH_SCRIPT = """
import torch
model = torch.nn.Linear(256, 10)
features = torch.ones(64, 512)
logits = model(features)
"""
NOTEBOOK_PROBE = """
import io, sys, time, torch
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
shell.run_cell("import torch")
loading = time.process_time()
if {with_extension}:
    shell.run_line_magic("load_ext", "torchwhy")
loading = time.process_time() - loading
real, sys.stdout, sys.stderr = sys.stdout, io.StringIO(), io.StringIO()
start = time.process_time()
shell.run_cell("torch.nn.Linear(256, 10)(torch.ones(64, 512))")
took = time.process_time() - start
sys.stdout, sys.stderr = real, sys.__stderr__
print(loading, took)
"""


@dataclass
class Cold:
    cpu: float  # seconds, user + system, median
    wall: float
    rss_mib: float


def _once(
    args: list[str], env: dict[str, str] | None, cwd: Path | None
) -> tuple[float, float, float]:
    start = time.perf_counter()
    process = subprocess.Popen(
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=cwd,
    )
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def in_turn(
    commands: dict[str, list[str]],
    repeat: int,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    warm_up: bool = True,
) -> dict[str, Cold]:
    """Run each command `repeat` times, interleaved, after one unmeasured run each (bytecode
    and knowledge-base caches written, files in the page cache); medians per command."""
    for args in commands.values() if warm_up else ():
        _once(args, env, cwd)
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, args in commands.items():
            samples[name].append(_once(args, env, cwd))
    return {
        name: Cold(*(statistics.median(column) for column in zip(*runs, strict=True)))
        for name, runs in samples.items()
    }


def row(name: str, value: Cold, baseline: Cold | None = None, target: str = "") -> None:
    ratio = f"{value.cpu / baseline.cpu:6.2f}x" if baseline else "       "
    print(
        f"  {name:<44} {value.cpu * 1000:8.0f} ms cpu {value.wall * 1000:8.0f} ms wall "
        f"{value.rss_mib:6.0f} MiB  {ratio}  {target}"
    )


def env_with(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    # As installed: bytecode cached (a checkout run with PYTHONDONTWRITEBYTECODE=1 would
    # compile every module from source in every process).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(extra)
    return env


def torchwhy(*args: str) -> list[str]:
    return [PY, "-m", "torchwhy", *args]


def bench_cli(repeat: int, cache: Path) -> None:
    print("cli: cold processes (ratio against `python -c pass`)")
    env = env_with(TORCHWHY_CACHE_DIR=str(cache))
    results = in_turn(
        {
            "base": [PY, "-c", "pass"],
            "text": torchwhy("explain", RULE_MESSAGE),
            "json": torchwhy("explain", "--json", RULE_MESSAGE),
            "help": torchwhy("--help"),
            "rule_paste": torchwhy("explain", RULE_PASTE),
            "unknown": torchwhy("explain", NON_PYTORCH_PASTE),
            "no match": torchwhy("explain", "--no-embed", NO_MATCH_MESSAGES[0]),
        },
        repeat,
        env,
    )
    base = results["base"]
    row("python -c pass", base)
    row("torchwhy explain <rule hit> (text)", results["text"], base, "target <= 4x")
    row("torchwhy explain --json <rule hit>", results["json"], base, "target <= 4x")
    row("torchwhy --help", results["help"], base, "target <= 3x")
    row("explain <torch traceback paste> (rule hit)", results["rule_paste"], base)
    row("explain <non-PyTorch paste> (unknown)", results["unknown"], base)
    row("  unknown against the rule-hit paste", results["unknown"], results["rule_paste"], "<= 1x")
    row("  unknown against the bare rule hit", results["unknown"], results["text"], "<= 1x")
    row("torchwhy explain --no-embed <no match>", results["no match"], base, "rules, then fuzzy")


def bench_embedding(repeat: int, cache: Path) -> None:
    print("embedding: an answer that needs the embedding stage, cold process")
    warm_env = env_with(TORCHWHY_CACHE_DIR=str(cache))
    subprocess.run(torchwhy("explain", EMBEDDING_MESSAGE), env=warm_env, capture_output=True)
    results = in_turn(
        {
            "rule": torchwhy("explain", RULE_MESSAGE),
            "embed": torchwhy("explain", EMBEDDING_MESSAGE),
        },
        repeat,
        warm_env,
    )
    row("torchwhy explain <rule hit>", results["rule"])
    row(
        "embedding answer, example cache present",
        results["embed"],
        results["rule"],
        "target <= 1 s",
    )
    with tempfile.TemporaryDirectory() as empty:
        first = in_turn(
            {"first": torchwhy("explain", EMBEDDING_MESSAGE)},
            1,
            env_with(TORCHWHY_CACHE_DIR=empty),
            warm_up=False,
        )["first"]
    row("embedding answer, first run ever (empty cache)", first, results["rule"], "target <= 1 s")
    answer = subprocess.run(
        torchwhy("explain", "--json", EMBEDDING_MESSAGE),
        env=warm_env,
        capture_output=True,
        text=True,
    ).stdout
    found = re.search(r'"entry": "([^"]*)".*"matched_by": "(\w+)"', answer)
    print(f"  answer: {found.groups() if found else answer[:200]!r}")


def bench_hooks(repeat: int, cache: Path) -> None:
    print("hooks: `torchwhy run` vs plain python; IPython's first annotated exception")
    # The hook's time budget is wall time: on a loaded machine the default 20 s can cut the
    # reading short, and a reading given up costs less CPU than one done.
    env = env_with(TORCHWHY_CACHE_DIR=str(cache), TORCHWHY_TIME_BUDGET="600")
    with tempfile.TemporaryDirectory() as folder:
        scripts = Path(folder)
        (scripts / "clean.py").write_text(CLEAN_SCRIPT)
        (scripts / "crash.py").write_text(CRASH_SCRIPT)
        # A file, as crash.py is: its source is readable, so the fix is written in the
        # user's names and checked on stand-ins, as `torchwhy run` does.
        (scripts / "explain_probe.py").write_text(
            "import time, torch, torchwhy\n"
            "model = torch.nn.Linear(256, 10)\n"
            "try:\n    model(torch.ones(64, 512))\n"
            "except RuntimeError as error:\n    start = time.process_time()\n"
            "    torchwhy.explain(error)\n    print(time.process_time() - start)\n"
        )
        results = in_turn(
            {
                "clean": [PY, "clean.py"],
                "run clean": torchwhy("run", "clean.py"),
                "crash": [PY, "crash.py"],
                "run crash": torchwhy("run", "crash.py"),
            },
            repeat,
            env,
            scripts,
        )
        explanation = statistics.median(
            float(
                subprocess.run(
                    [PY, "explain_probe.py"], env=env, cwd=scripts, capture_output=True, text=True
                ).stdout
            )
            for _ in range(max(1, repeat // 2))
        )
    row("python clean.py", results["clean"])
    row("torchwhy run clean.py", results["run clean"], results["clean"], "target <= 1.03x")
    row("python crash.py", results["crash"])
    row(
        "torchwhy run crash.py",
        results["run crash"],
        results["crash"],
        "target <= 1.05x + explanation",
    )
    allowed = results["crash"].cpu * 1.05 + explanation
    print(
        f"  {'first explain(exc) in a fresh process':<44} {explanation * 1000:8.0f} ms cpu"
        f"   -> run crash over (1.05 x plain + explanation): "
        f"{results['run crash'].cpu / allowed:.2f}x"
    )

    def notebook_probe(flag: bool) -> tuple[float, float]:
        """(CPU of `%load_ext torchwhy`, CPU of the first failing cell), in one kernel."""
        last_line = subprocess.run(
            [PY, "-c", NOTEBOOK_PROBE.format(with_extension=flag)],
            env=env,
            capture_output=True,
            text=True,
        ).stdout.strip()
        loading, cell = last_line.splitlines()[-1].split()
        return float(loading), float(cell)

    samples = {
        name: [notebook_probe(flag) for _ in range(max(1, repeat // 2))]
        for name, flag in (("plain", False), ("torchwhy", True))
    }
    cell = {name: statistics.median(c for _, c in runs) for name, runs in samples.items()}
    loading = statistics.median(load for load, _ in samples["torchwhy"])
    print(
        f"  {'IPython first exception, plain':<44} {cell['plain'] * 1000:8.0f} ms cpu\n"
        f"  {'IPython first exception, %load_ext torchwhy':<44} {cell['torchwhy'] * 1000:8.0f} ms cpu"
        f"   +{(cell['torchwhy'] - cell['plain']) * 1000:.0f} ms (target <= +100 ms)\n"
        f"  {'%load_ext torchwhy itself (once a session)':<44} {loading * 1000:8.0f} ms cpu"
    )


def _median_ms(call: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def bench_live(repeat: int) -> None:
    import traceback

    import torch

    import torchwhy

    print("live: in process, after warm-up")
    try:
        torch.nn.Linear(256, 10)(torch.ones(64, 512))
    except RuntimeError as error:
        exc = error
    text = "".join(traceback.format_exception(exc))
    torchwhy.explain(exc), torchwhy.explain(text)
    live = _median_ms(lambda: torchwhy.explain(exc), repeat * 5)
    pasted = _median_ms(lambda: torchwhy.explain(text), repeat * 5)
    print(f"  {'explain(text) of the traceback':<44} {pasted:8.2f} ms")
    print(f"  {'explain(exc) of the live exception':<44} {live:8.2f} ms  {live / pasted:6.2f}x")


def scaled_knowledge_base(times: int, into: Path) -> Path:
    """The bundled entry files `times` over, each copy's ids suffixed so they stay unique."""
    source = ROOT / "torchwhy" / "knowledge_base" / "entries"
    for copy in range(times):
        for path in sorted(source.glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            if copy:
                text = re.sub(r"^(- id: \S+)$", rf"\1-copy{copy}", text, flags=re.MULTILINE)
            (into / f"{path.stem}-{copy}.yaml").write_text(text, encoding="utf-8")
    return into


KB_PROBE = """
import sys, time
start = time.process_time()
from torchwhy.knowledge_base import load_directory
from pathlib import Path
entries = load_directory(Path(sys.argv[1]))
print(time.process_time() - start, len(entries))
"""


def distinct_examples(entries: Sequence[Entry]) -> CompiledEntries:
    """`entries` with each copy's examples reworded (a word of letters added, which masking
    keeps): a knowledge base that grew with new wordings, not with repeated ones."""
    from dataclasses import replace

    from torchwhy.knowledge_base import CompiledEntries

    def word(number: int) -> str:
        return "".join("abcdefghijklmnopqrstuvwxyz"[int(d)] for d in str(number))

    copies: dict[str, int] = {}
    reworded = []
    for entry in entries:
        copy = copies[entry.id.split("-copy")[0]] = copies.get(entry.id.split("-copy")[0], -1) + 1
        examples = tuple(
            replace(example, text=f"{example.text} in {word(copy)}") if copy else example
            for example in entry.examples
        )
        reworded.append(replace(entry, examples=examples))
    return CompiledEntries.build(reworded)


def bench_kb(repeat: int) -> None:
    from torchwhy.knowledge_base import entries_dir, load_directory
    from torchwhy.translator.fuzzy import match_fuzzy
    from torchwhy.translator.rules import match_rules

    print("kb: knowledge-base size (x1 = the bundled entries, x16 = synthetic copies)")
    with tempfile.TemporaryDirectory() as folder:
        directories = {"x1": entries_dir(), "x16": scaled_knowledge_base(16, Path(folder))}
        figures: dict[str, dict[str, float]] = {}
        for name, directory in [*directories.items(), ("x16 distinct", directories["x16"])]:
            # A fresh cache folder: the first process builds the compiled knowledge base,
            # the later ones read it back.
            env = env_with(TORCHWHY_CACHE_DIR=str(Path(folder) / f"cache-{name}"))
            loads = [
                subprocess.run(
                    [PY, "-c", KB_PROBE, str(directory)], env=env, capture_output=True, text=True
                ).stdout.split()
                for _ in range(1 + max(2, repeat // 2) if name in directories else 2)
            ]
            entries = load_directory(directory)
            if name == "x16 distinct":
                entries = distinct_examples(entries)

            def no_match(entries=entries) -> None:
                for message in NO_MATCH_MESSAGES:
                    if not match_rules(entries, message, None, 0):
                        match_fuzzy(entries, message, 0)

            def fuzzy(entries=entries) -> None:
                for message in FUZZY_MESSAGES:
                    match_rules(entries, message, None, 0)
                    match_fuzzy(entries, message, 0)

            fuzzy(), no_match()  # warm-up: indexes, compiled patterns
            figures[name] = {
                "entries": len(entries),
                "first load (builds the cache)": float(loads[0][0]) * 1000,
                "load": statistics.median(float(cpu) for cpu, _ in loads[1:]) * 1000,
                "fuzzy": _median_ms(fuzzy, repeat) / len(FUZZY_MESSAGES),
                "no-match": _median_ms(no_match, repeat) / len(NO_MATCH_MESSAGES),
            }
    one, sixteen, distinct = figures["x1"], figures["x16"], figures["x16 distinct"]
    print(f"  {'':<34} {'x1':>10} {'x16':>10}  ratio (flat = 1x; target: flat)")
    print(f"  {'entries':<34} {one['entries']:>10.0f} {sixteen['entries']:>10.0f}")
    for what in ("first load (builds the cache)", "load", "fuzzy", "no-match"):
        print(
            f"  {what + ' (ms)':<34} {one[what]:>10.2f} {sixteen[what]:>10.2f}"
            f"  {sixteen[what] / one[what]:6.2f}x"
        )
    # The copies repeat the bundled examples, which the fuzzy stage scores once each: these
    # rows reword every copy's examples, so that all 16 times as many are scored.
    for what in ("fuzzy", "no-match"):
        print(
            f"  {what + ', x16 all reworded (ms)':<34} {one[what]:>10.2f} {distinct[what]:>10.2f}"
            f"  {distinct[what] / one[what]:6.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--only", default="cli,embedding,hooks,live,kb")
    args = parser.parse_args()
    sections = set(args.only.split(","))
    print(
        textwrap.dedent(f"""\
        python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}""")
    )
    with tempfile.TemporaryDirectory() as cache:
        if "cli" in sections:
            bench_cli(args.repeat, Path(cache))
        if "embedding" in sections:
            bench_embedding(max(2, args.repeat // 3), Path(cache))
        if "hooks" in sections:
            bench_hooks(max(3, args.repeat // 2), Path(cache))
    if "live" in sections:
        bench_live(args.repeat)
    if "kb" in sections:
        bench_kb(args.repeat)


if __name__ == "__main__":
    main()
