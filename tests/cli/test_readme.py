"""README.md for a newcomer: it starts with the two commands that work on a fresh machine,
its sample outputs are what the commands print today, it names every environment variable
the code reads, and its notebook picture is there."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_starts_with_the_two_commands() -> None:
    first_block = re.search(r"```bash\n(.*?)```", README, re.S)
    assert first_block is not None and README.index(first_block.group(0)) < README.index("\n## ")
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands == ["make demo", "make test"]


def test_samples_are_what_the_commands_print() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "docs" / "make_samples.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_every_environment_variable_is_documented() -> None:
    read = set()
    for source in [*(REPO / "torchwhy").rglob("*.py"), *(REPO / "tests").rglob("*.py")]:
        read |= set(re.findall(r"\b(TORCHWHY_[A-Z_]+|HF_[A-Z_]+_OFFLINE)\b", source.read_text()))
    assert {"TORCHWHY_DISABLE", "TORCHWHY_NO_BROWSER", "HF_HUB_OFFLINE"} <= read
    missing = sorted(name for name in read if f"`{name}" not in README)
    assert not missing, f"README.md does not name {missing}"


def test_notebook_picture_is_a_small_png() -> None:
    picture = REPO / "docs" / "notebook.png"
    assert "](docs/notebook.png)" in README
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert picture.stat().st_size < 300 * 1024
