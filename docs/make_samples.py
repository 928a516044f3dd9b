"""Refresh the sample output in README.md by running the commands it shows.

    python docs/make_samples.py           # rewrite README.md's sample blocks
    python docs/make_samples.py --check   # exit 1 when README.md's samples are stale

Each block sits between `<!-- sample:NAME -->` and `<!-- /sample -->`; it is the command's
real output (stdout and stderr as a terminal shows them, no colour, 100 columns, rules and
fuzzy matching only), with the checkout's folder and site-packages shortened to `.../`.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"

SAMPLES: dict[str, list[str]] = {
    "explain": ["explain", "mat1 and mat2 shapes cannot be multiplied (64x512 and 256x10)"],
    "run": ["run", "examples/classifier_crash.py"],
}

_BLOCK = re.compile(r"(<!-- sample:(\w+) -->\n)```\n.*?```\n(<!-- /sample -->)", re.S)


def sample(args: list[str]) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TORCHWHY_")}
    env.update(
        NO_COLOR="1",
        COLUMNS="100",
        TORCHWHY_NO_EMBED="1",
        HF_HUB_OFFLINE="1",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
    )
    done = subprocess.run(
        [sys.executable, "-m", "torchwhy", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )
    shown = done.stdout.replace(sysconfig.get_paths()["purelib"] + os.sep, ".../site-packages/")
    shown = shown.replace(str(REPO) + os.sep, "")
    status = f"(exit status {done.returncode})\n"
    return f"$ torchwhy {shlex.join(args)}\n{shown.rstrip()}\n{status}"


def refreshed(readme: str) -> str:
    def block(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in SAMPLES:
            raise SystemExit(f"README.md names an unknown sample {name!r}")
        return f"{match.group(1)}```\n{sample(SAMPLES[name])}```\n{match.group(3)}"

    return _BLOCK.sub(block, readme)


def main() -> int:
    current = README.read_text(encoding="utf-8")
    found = {match.group(2) for match in _BLOCK.finditer(current)}
    if found != set(SAMPLES):
        print(f"README.md has samples {sorted(found)}, expected {sorted(SAMPLES)}", file=sys.stderr)
        return 1
    fresh = refreshed(current)
    if "--check" in sys.argv[1:]:
        if fresh != current:
            print("README.md's samples are stale: run python docs/make_samples.py", file=sys.stderr)
            diff = difflib.unified_diff(
                current.splitlines(),
                fresh.splitlines(),
                "README.md",
                "what the commands print now",
                lineterm="",
            )
            print("\n".join(diff), file=sys.stderr)
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
