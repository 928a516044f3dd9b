"""How fast torchwhy answers: in-process time per explain, by stage, and a cold CLI process.

    python bench/explain_latency.py [--repeat N]

Prints p50/p95 per stage (rule hits, fuzzy hits, embedding hits) and the wall time of a cold
`torchwhy explain` process beside `python -c pass`. Figures only: nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

os.environ.setdefault("HF_HUB_OFFLINE", "1")

RULE_MESSAGES = [
    "RuntimeError: mat1 and mat2 shapes cannot be multiplied (64x512 and 256x10)",
    "RuntimeError: expected target dtype to be Long or Byte, but got Float",
    "IndexError: Target 5 is out of bounds.",
    "RuntimeError: Boolean value of Tensor with more than one value is ambiguous",
]
FUZZY_MESSAGES = [
    "expected the target dtype to be long or byte but it got float",
    "mat1 and mat2 shape cant be multiplied 64 by 512 and 256 by 10",
]
EMBEDDING_MESSAGES = [
    "the target dtype must be long not float",
    "my labels seem to be floats but the loss wants integers",
]


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def stage_row(name: str, messages: list[str], repeat: int, **options: bool) -> None:
    import torchwhy

    stages = {torchwhy.explain(m, **options).matched_by for m in messages}  # warm up, caches
    samples = [
        s for m in messages for s in timed(lambda m=m: torchwhy.explain(m, **options), repeat)
    ]
    p50, p95 = percentiles(samples)
    print(
        f"{name:<22} p50 {p50:8.2f} ms   p95 {p95:8.2f} ms   (answered by: {', '.join(sorted(stages))})"
    )


def cold_process(args: list[str], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, check=False)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        os.environ["TORCHWHY_CACHE_DIR"] = cache
        print("in-process explain(), after warm-up:")
        stage_row("rule hits", RULE_MESSAGES, args.repeat, use_embedding=False)
        stage_row("fuzzy hits", FUZZY_MESSAGES, args.repeat, use_embedding=False)
        start = time.perf_counter()
        import torchwhy

        torchwhy.explain(EMBEDDING_MESSAGES[0])
        first = (time.perf_counter() - start) * 1000
        print(
            f"{'embedding first call':<22} {first:8.0f} ms  (imports sentence-transformers, loads the model,"
            " embeds the knowledge base into the cache)"
        )
        stage_row("embedding hits", EMBEDDING_MESSAGES, max(3, args.repeat // 5))
    repeat = max(3, args.repeat // 5)
    baseline = cold_process([sys.executable, "-c", "pass"], repeat)
    cli = cold_process(
        [sys.executable, "-m", "torchwhy", "explain", "--no-embed", RULE_MESSAGES[0]], repeat
    )
    print("cold processes (median):")
    print(f"{'python -c pass':<22} {baseline:8.1f} ms")
    print(
        f"{'torchwhy explain (rule)':<22} {cli:8.1f} ms   (+{cli - baseline:.1f} ms over Python start-up)"
    )


if __name__ == "__main__":
    main()
