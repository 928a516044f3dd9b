"""A 10 GiB model (40 x Linear(8192, 8192), 2.68 B parameters, float32) through a dry run:
forward, backward and an AdamW step on the logical GPU, from a DataLoader.

    python bench/dryrun_big_model.py [--steps N]

Prints seconds per step and peak RSS for the dry run, beside a baseline in the same run:
the same steps on `torch.device("meta")` (shapes only, no values, no devices, no data),
the cheapest way torch itself offers. Peak RSS is the process's, so it includes
`import torch` (printed first). Figures only: nothing here asserts. Each step is run in a
fresh process so that the RSS peaks do not mask each other.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import textwrap
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")

LAYERS, WIDTH, BATCH = 40, 8192, 64

SCRIPT = textwrap.dedent(f"""
    import torch
    from torch import nn
    from torch.utils.data import DataLoader, TensorDataset

    steps = int(__import__("os").environ["BENCH_STEPS"])
    model = nn.Sequential(*[nn.Linear({WIDTH}, {WIDTH}) for _ in range({LAYERS})]).cuda()
    optimizer = torch.optim.AdamW(model.parameters())
    data = TensorDataset(torch.zeros({BATCH} * steps, {WIDTH}))
    for epoch in range(1):
        for (x,) in DataLoader(data, batch_size={BATCH}):
            model(x.cuda()).square().mean().backward()
            optimizer.step()
            optimizer.zero_grad()
""")


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dry(steps: int) -> None:
    import torch  # noqa: F401

    from torchwhy.dryrun.engine import dry_run_script
    from torchwhy.dryrun.session import DryRunOptions

    after_import = rss_mib()
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(SCRIPT)
    os.environ["BENCH_STEPS"] = str(steps)
    started = time.perf_counter()
    report = dry_run_script(
        script.name, [], options=DryRunOptions(batches=steps, epochs=1), use_embedding=False
    )
    seconds = time.perf_counter() - started
    os.unlink(script.name)
    assert report.crash is None, report.crash and report.crash.traceback
    memory = report.memory
    print(
        f"dryrun  : {seconds:.2f} s for {steps} steps ({seconds / steps:.2f} s/step), "
        f"peak RSS {rss_mib():.0f} MiB (after import torch {after_import:.0f} MiB)"
    )
    print(f"          {memory.describe() if memory else 'no estimate'}")


def meta(steps: int) -> None:
    import torch
    from torch import nn

    after_import = rss_mib()
    started = time.perf_counter()
    with torch.device("meta"):
        model = nn.Sequential(*[nn.Linear(WIDTH, WIDTH) for _ in range(LAYERS)])
        optimizer = torch.optim.AdamW(model.parameters())
        for _ in range(steps):
            model(torch.zeros(BATCH, WIDTH)).square().mean().backward()
            optimizer.step()
            optimizer.zero_grad()
    seconds = time.perf_counter() - started
    print(
        f"meta    : {seconds:.2f} s for {steps} steps ({seconds / steps:.2f} s/step), "
        f"peak RSS {rss_mib():.0f} MiB (after import torch {after_import:.0f} MiB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--only", choices=("dry", "meta"))
    args = parser.parse_args()
    if args.only:
        (dry if args.only == "dry" else meta)(args.steps)
        return
    parameters = LAYERS * (WIDTH * WIDTH + WIDTH)
    print(
        f"model: {LAYERS} x Linear({WIDTH}, {WIDTH}) = {parameters / 1e9:.2f} B parameters, "
        f"{parameters * 4 / 2**30:.1f} GiB float32"
    )
    per_step = {}
    for which in ("meta", "dry"):
        done = subprocess.run(
            [sys.executable, __file__, "--only", which, "--steps", str(args.steps)],
            check=True,
            capture_output=True,
            text=True,
        )
        print(done.stdout, end="")
        per_step[which] = float(done.stdout.split("(")[1].split(" s/step")[0])
    print(
        f"dryrun / meta time per step: {per_step['dry'] / per_step['meta']:.1f}x "
        "(the price of devices, real data, host values and the estimate)"
    )


if __name__ == "__main__":
    main()
