"""`torchwhy.dryrun(model, data, loss_fn, optimizer)`: a notebook's model dry-runs training
steps on a logical GPU; the model and its optimizer are left exactly as they were."""

from __future__ import annotations

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

import torchwhy
from torchwhy.dryrun.engine import dry_run_callable
from torchwhy.dryrun.report import EXIT_PASSED, EXIT_USER_BUG, render_report
from torchwhy.dryrun.session import DryRunOptions


def _model_and_optimizer() -> tuple[nn.Module, torch.optim.Optimizer]:
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3))
    return model, torch.optim.AdamW(model.parameters(), lr=0.1, weight_decay=0.5)


def test_a_step_runs_and_leaves_the_model_untouched() -> None:
    model, optimizer = _model_and_optimizer()
    before = {name: t.detach().clone() for name, t in model.state_dict().items()}
    report = torchwhy.dryrun(
        model, (torch.randn(10, 8), torch.randint(0, 3, (10,))), nn.CrossEntropyLoss(), optimizer
    )
    assert report.exit_code == EXIT_PASSED
    assert {"forward", "backward", "optimizer step"} <= set(report.phases)
    assert all(torch.equal(before[name], t) for name, t in model.state_dict().items())
    assert optimizer.state == {}
    assert all(p.device.type == "cpu" and p.grad is None for p in model.parameters())
    memory = report.memory
    assert memory is not None and memory.device == "cuda"
    assert memory.parameters == memory.gradients == 4 * (8 * 16 + 16 + 16 * 3 + 3)
    assert [row.outputs[0].device for row in report.layers[:1]] == ["cuda:0"]


def test_a_shape_bug_is_the_real_error_explained() -> None:
    model, optimizer = _model_and_optimizer()
    report = torchwhy.dryrun(
        model, (torch.randn(10, 9), torch.randint(0, 3, (10,))), nn.CrossEntropyLoss(), optimizer
    )
    assert report.exit_code == EXIT_USER_BUG
    assert report.crash is not None
    assert report.crash.message == "mat1 and mat2 shapes cannot be multiplied (10x9 and 8x16)"
    assert report.diagnosis is not None and report.diagnosis.category == "shape/matmul-mismatch"


def test_a_loader_serves_its_first_and_last_batch() -> None:
    model, optimizer = _model_and_optimizer()
    data = TensorDataset(torch.randn(10, 8), torch.randint(0, 3, (10,)))
    report = torchwhy.dryrun(
        model, DataLoader(data, batch_size=4), nn.CrossEntropyLoss(), optimizer
    )
    assert report.exit_code == EXIT_PASSED
    assert report.phases["second backward"].endswith("batch 3 of 3 (the last, partial batch)")
    assert {row.inputs[0].shape for row in report.layers if row.module == "Sequential.0"} == {
        (4, 8)
    }


def test_a_crash_in_a_notebook_cell_is_placed_as_ipython_places_it() -> None:
    """`Cell In[n], line 5` (IPython's name for the cell) in the report, its assumptions and
    its Diagnosis."""
    from ipykernel.compiler import XCachingCompiler
    from IPython.core.interactiveshell import InteractiveShell

    # Cells compiled as a Jupyter kernel compiles them: into files under /tmp/ipykernel_*
    # (a new shell: an earlier test's would compile them as <ipython-input-…>).
    InteractiveShell.clear_instance()
    shell = InteractiveShell.instance(compiler_class=XCachingCompiler)
    try:
        number = shell.execution_count
        cell = (
            "import torch\n"
            "def step():\n"
            "    if torch.nn.Linear(8, 4)(torch.randn(2, 8)).sum().item() > 1e9:\n"
            "        pass\n"
            "    torch.nn.Linear(8, 4)(torch.randn(2, 5))\n"
        )
        assert shell.run_cell(cell, store_history=True).success
        report = dry_run_callable(shell.user_ns["step"], options=DryRunOptions())
    finally:
        InteractiveShell.clear_instance()  # the names were taken while the shell ran
    assert report.exit_code == EXIT_USER_BUG
    assert report.crash.where == f"Cell In[{number}], line 5"
    assert [a.where for a in report.assumptions] == [f"Cell In[{number}], line 3"]
    assert f"Cell In[{number}], line 3: " in render_report(report)
    culprit_places = [c.where for c in report.diagnosis.culprits]
    assert culprit_places and culprit_places[0].startswith(f"Cell In[{number}], line ")
