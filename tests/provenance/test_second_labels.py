"""The second culprit labelling of held-out crash scripts (tests/provenance/blind/second_labels.yaml)
judges the tracer in bench/culprit_blind.py: every label must point into its script as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

BLIND = Path(__file__).with_name("blind")
ROWS = yaml.safe_load((BLIND / "second_labels.yaml").read_text(encoding="utf-8"))


def _body(path: Path) -> str:
    """The script without its header (the first labels), as the second labeller read it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    while lines and lines[0].startswith("#"):
        lines[0:1] = []
    return "\n".join(lines)


def _normal(expression: str) -> str:
    return re.sub(r"\s+", "", expression)


def test_one_row_per_script_of_each_labelled_set() -> None:
    keys = [(row["set"], row["script"]) for row in ROWS]
    assert len(keys) == len(set(keys))
    for half in {row["set"] for row in ROWS}:
        scripts = {path.name for path in (BLIND / half).glob("*.py")}
        assert {script for set_, script in keys if set_ == half} == scripts, half


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row['set']}/{row['script']}")
def test_a_second_label_names_what_the_script_says(row: dict) -> None:
    path = BLIND / row["set"] / row["script"]
    body = _normal(_body(path))
    for name in [row["expect"], *row["also_accept"]]:
        assert _normal(name) in body, name
    lines = path.read_text(encoding="utf-8").splitlines()
    assert 1 <= row["made_at"] <= len(lines)
    assert not lines[row["made_at"] - 1].startswith("#"), "made at a header line"
    assert row["confidence"] in {"sure", "unsure"}
