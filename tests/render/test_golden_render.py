"""What users read, under review: the text, HTML and JSON of a fixed set of diagnoses, built
from live crashes (and one pasted message), compared with golden files.

A wording change shows as a diff of `tests/render/golden/`. After a deliberate change,
regenerate with `TORCHWHY_REGEN_GOLDEN=1` (the switch tests/golden uses) and review the diff.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Any

import pytest

import torchwhy
from tests.provenance.crash_corpus import CRASHES_DIR, run_crash
from torchwhy.diagnosis import Diagnosis
from torchwhy.render.html import render_html
from torchwhy.render.json_output import render_json
from torchwhy.render.text import render_text

GOLDEN_DIR = Path(__file__).with_name("golden")
REGENERATE = os.environ.get("TORCHWHY_REGEN_GOLDEN") == "1"
REPO = Path(__file__).resolve().parents[2]

# Crashes whose diagnoses cover the renderers' parts: a checked cast at the user's loss call,
# a transpose of an operand, a layer rebuilt at its path, an unsqueeze, a fix nobody could
# check, a device move checked in FakeTensorMode.
CRASHES = [
    "ce_float_target",
    "matmul_missing_transpose",
    "linear_nested_head",
    "conv_missing_batch",
    "embedding_oor",
    "gather_oob",
]
PASTED = {
    "pasted_state_dict_size": (
        "Error(s) in loading state_dict for ResNet:\n\tsize mismatch for fc.weight: copying a "
        "param with shape torch.Size([1000, 512]) from checkpoint, the shape in current model "
        "is torch.Size([2, 512])."
    ),
}


def _diagnosis(name: str) -> Diagnosis:
    if name in PASTED:
        return torchwhy.explain(PASTED[name], use_embedding=False)
    return torchwhy.explain(run_crash(CRASHES_DIR / f"{name}.py"), use_embedding=False)


def _portable(value: Any) -> Any:
    """The same value with this checkout's path written `<repo>`, before anything is laid
    out: a longer path would wrap the text differently."""
    if isinstance(value, str):
        return value.replace(str(REPO), "<repo>")
    if isinstance(value, list):
        return [_portable(item) for item in value]
    if isinstance(value, dict):
        return {key: _portable(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _portable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def _renderings(diagnosis: Diagnosis) -> dict[str, str]:
    diagnosis = _portable(diagnosis)
    renderings = {
        "txt": render_text(diagnosis, top=3),
        "compact.txt": render_text(diagnosis, full=False),
        "html": render_html(diagnosis),
        "json": render_json(diagnosis, indent=2),
    }
    # Where this checkout lives is no part of the wording.
    return {kind: text + "\n" for kind, text in renderings.items()}


@pytest.mark.parametrize("name", [*CRASHES, *PASTED])
def test_rendering_matches_its_golden_file(name: str) -> None:
    renderings = _renderings(_diagnosis(name))
    for kind, text in renderings.items():
        golden = GOLDEN_DIR / f"{name}.{kind}"
        if REGENERATE:
            GOLDEN_DIR.mkdir(exist_ok=True)
            golden.write_text(text, encoding="utf-8")
            continue
        assert golden.exists(), f"{golden.name} missing: run with TORCHWHY_REGEN_GOLDEN=1"
        assert text == golden.read_text(encoding="utf-8"), (
            f"{golden.name} changed; if deliberate, regenerate with TORCHWHY_REGEN_GOLDEN=1"
        )


def test_a_checked_fix_says_so_in_every_rendering() -> None:
    diagnosis = _diagnosis("ce_float_target")
    assert diagnosis.fixes[0].checked is True
    note = "checked: the failing call passes with this change"
    renderings = _renderings(diagnosis)
    assert note in renderings["txt"]
    assert note in renderings["compact.txt"]
    assert note in renderings["html"]
    assert '"checked": true' in renderings["json"]


def test_an_unchecked_fix_claims_nothing() -> None:
    diagnosis = _diagnosis("pasted_state_dict_size")
    assert all(fix.checked is None for fix in diagnosis.fixes)
    assert "checked:" not in _renderings(diagnosis)["txt"]


def test_fix_code_is_printed_whole_however_narrow_the_terminal() -> None:
    diagnosis = _diagnosis("gather_oob")
    code = diagnosis.fixes[0].code.strip()
    assert len(code.splitlines()[0]) > 60
    for color in (False, True):
        text = render_text(diagnosis, full=False, width=60, color=color)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
        for line in code.splitlines():
            assert f"    {line}" in plain.splitlines(), line
