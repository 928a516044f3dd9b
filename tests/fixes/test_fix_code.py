"""The pieces fixes are made of: paths as Python, edits of one expression, the names a fix
reads, the names a frame binds, and the check's three answers, on real torch."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

from torchwhy.fixes.check import verdict
from torchwhy.fixes.code import free_names, module_path_code, replace_once, statement_at
from torchwhy.fixes.frame_names import frame_names
from torchwhy.fixes.standins import CannotCheck


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("model", "model"),
        ("model.1", "model[1]"),
        ("net.classifier.0", "net.classifier[0]"),
        ("model.heads.my-head.fc", "model.heads['my-head'].fc"),
    ],
)
def test_module_paths_are_written_as_python(path: str, code: str) -> None:
    assert module_path_code(path) == code
    compile(f"{code} = None", "<fix>", "exec")


def test_an_edit_changes_the_value_read_not_the_name_assigned() -> None:
    assert replace_once("x = self.stem(x)", "x", "x.float()") == "x = self.stem(x.float())"
    assert replace_once("loss = f(a, b)", "c", "c.long()") is None
    assert replace_once("y = a + a", "a", "a.T") is None  # two reads: which one is unclear
    assert (
        replace_once('return criterion(out, batch["y"])', 'batch["y"]', 'batch["y"].long()')
        == 'return criterion(out, batch["y"].long())'
    )


def test_free_names_are_those_read_before_being_bound() -> None:
    assert free_names("x = torch.flatten(x, 1)") == {"torch", "x"}
    assert free_names("b, t, _ = q.shape\nq = q.view(b, t, 4, -1)") == {"q"}
    assert free_names("[n for n, t in model.state_dict().items()]") == {"model"}


def test_frame_names_see_parameters_locals_globals_and_torch_spellings(tmp_path: Path) -> None:
    script = tmp_path / "train.py"
    script.write_text(
        textwrap.dedent(
            """
            import torch
            from torch import nn
            import torch.nn.functional as F

            model = nn.Linear(2, 2)

            def step(batch):
                logits = model(batch)
                return logits
            """
        )
    )
    names = frame_names(str(script), 9)
    assert names is not None
    assert {"batch", "logits", "model", "torch", "nn", "F", "print"} <= names.bound
    assert names.nn_class("Linear") == "nn.Linear"
    assert names.functional == "F"
    assert statement_at(str(script), 9) == "logits = model(batch)"
    outside = frame_names(str(script), 6)
    assert outside is not None and "batch" not in outside.bound


def test_the_check_needs_the_failure_reproduced_and_the_fix_passing() -> None:
    def cast_target(fixed: bool, expanded: bool) -> torch.Tensor:
        logits = torch.empty(8, 3, device="meta")
        target = torch.empty(8, device="meta")
        return F.cross_entropy(logits, target.long() if fixed else target)

    def wrong_fix(fixed: bool, expanded: bool) -> torch.Tensor:
        logits = torch.empty(8, 3, device="meta")
        target = torch.empty(8, device="meta")
        return F.cross_entropy(logits, target.half() if fixed else target)

    def never_failed(fixed: bool, expanded: bool) -> torch.Tensor:
        return torch.empty(2, 2, device="meta") + 1

    def no_facts(fixed: bool, expanded: bool) -> torch.Tensor:
        raise CannotCheck("no shape recorded")

    assert verdict(cast_target) is True
    assert verdict(wrong_fix) is False
    assert verdict(never_failed) is None  # stand-ins that do not fail prove nothing
    assert verdict(no_facts) is None
