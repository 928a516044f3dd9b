"""A traceback pasted without its exception line (the paste was cut short) is read by where it
stopped: the innermost place of its frames that names an entry for it (raised_in.Place's
`cut_reading`), as a possible reading, never a verdict, and only when nothing else reads it."""

from __future__ import annotations

import subprocess
import sys
import traceback
from pathlib import Path

import pytest
import torch

import torchwhy
from tests.realworld import load_round5, load_round6
from torchwhy.translator.normalize import parse


def _pasted(error: BaseException) -> str:
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


def _cut(paste: str, *, keep_code: bool = True) -> str:
    """The traceback up to its last frame (and that frame's code line), without the exception
    line and what follows."""
    lines = paste.rstrip("\n").split("\n")
    last_frame = max(i for i, line in enumerate(lines) if line.lstrip().startswith('File "'))
    return "\n".join(lines[: last_frame + (2 if keep_code else 1)])


@pytest.fixture
def corrupt_checkpoint(tmp_path: Path) -> Path:
    path = tmp_path / "model.pth"
    path.write_bytes(b"<html><body>404 Not Found</body></html>")
    return path


def test_a_torch_load_traceback_cut_short_is_read_by_where_it_stopped(
    corrupt_checkpoint: Path,
) -> None:
    with pytest.raises(Exception) as raised:
        torch.load(corrupt_checkpoint, weights_only=False)
    paste = _pasted(raised.value)
    cut = "This happens when I load the checkpoint:\n\n" + _cut(paste)
    parsed = parse(cut)
    assert parsed.exceptions[-1].cut
    assert "serialization.py" in parsed.exceptions[-1].frames[-1].file
    diagnosis = torchwhy.explain(cut, use_embedding=False)
    assert diagnosis.category == "checkpoint/unpickling"
    assert not diagnosis.verdict  # the error itself was never seen
    # The whole traceback is read by its message, as before.
    whole = torchwhy.explain(paste, use_embedding=False)
    assert whole.category == "checkpoint/unpickling"
    assert not parse(paste).exceptions[-1].cut


def test_a_cut_traceback_in_the_users_own_code_stays_unknown(tmp_path: Path) -> None:
    script = tmp_path / "train.py"
    script.write_text("def step(batch):\n    return batch['image'] + 1\n")
    namespace: dict[str, object] = {}
    exec(compile(script.read_text(), str(script), "exec"), namespace)
    with pytest.raises(TypeError) as raised:
        namespace["step"]([1, 2])  # type: ignore[operator]
    cut = _cut(_pasted(raised.value))
    assert parse(cut).exceptions[-1].cut
    assert torchwhy.explain(cut, use_embedding=False).category == "unknown"


def test_a_traceback_with_its_exception_line_is_not_cut() -> None:
    try:
        torch.zeros(2, 3).view(4, 5)
    except RuntimeError as error:
        parsed = parse(_pasted(error))
    assert not any(exc.cut for exc in parsed.exceptions)


@pytest.mark.parametrize(
    ("load", "case_id", "category"),
    [
        # torch.load's legacy reader, the paste stopping in serialization.py
        (load_round6, "c6-crnet-1-torch-load-legacy-load", "checkpoint/unpickling"),
        # Dynamo's guard builder, the paste stopping in torch/_dynamo/guards.py
        (load_round6, "c6-pytorch-97081-dynamo-check-fn-indexerror", "compile/graph-break"),
        (load_round5, "c5-pytorch-96151-internal-dynamo-error-fasterrcnn", "compile/graph-break"),
    ],
)
def test_tuning_pastes_cut_short_get_a_possible_reading(load, case_id: str, category: str) -> None:
    case = next(c for c in load() if c.id == case_id)
    diagnosis = torchwhy.explain(case.text, use_embedding=False)
    assert diagnosis.category == category
    assert not diagnosis.verdict


def test_an_error_label_above_an_ipython_traceback_does_not_end_it() -> None:
    # c6-transformers-22312 (round 6, tuning half): "Error:" written above the pasted cell's
    # traceback, which stops inside the tokenizer's __call__.
    case = next(c for c in load_round6() if c.id == "c6-transformers-22312-llama-pad-eos-empty")
    last = parse(case.text).exceptions[-1]
    assert last.type == "ValueError"  # from IPython's header, not the label
    assert last.cut
    assert any("tokenization_utils_base.py" in frame.file for frame in last.frames)
    diagnosis = torchwhy.explain(case.text, use_embedding=False)
    assert diagnosis.category == "hf/tokenizer-padding"
    assert not diagnosis.verdict


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a torch that cannot use CUDA")
def test_a_traceback_cut_inside_cudas_initialisation() -> None:
    with pytest.raises((AssertionError, RuntimeError)) as raised:
        torch.cuda.current_device()
    paste = _pasted(raised.value)
    assert "torch/cuda/__init__.py" in paste.replace("\\", "/")
    # cut before the raising line, whose code would quote the message
    cut = torchwhy.explain(_cut(paste, keep_code=False), use_embedding=False)
    assert cut.category == "device/cuda-unavailable"
    assert not cut.verdict
    assert torchwhy.explain(paste, use_embedding=False).category == "device/cuda-unavailable"


class _WorkerThatDies(torch.utils.data.Dataset):
    """A sample whose loading kills its worker process (as the OOM killer or a segfault would)."""

    def __len__(self) -> int:
        return 4

    def __getitem__(self, index: int) -> torch.Tensor:
        import os
        import signal

        os.kill(os.getpid(), signal.SIGKILL)
        return torch.zeros(1)


@pytest.fixture(scope="module")
def dead_worker_paste() -> str:
    loader = torch.utils.data.DataLoader(_WorkerThatDies(), num_workers=1)
    with pytest.raises(RuntimeError, match="exited unexpectedly") as raised:
        next(iter(loader))
    return _pasted(raised.value)


def test_a_traceback_cut_where_the_loader_waits_for_a_worker_reads_a_dead_worker(
    dead_worker_paste: str,
) -> None:
    # The last traceback alone (the worker's own death, chained above it, was not pasted).
    last = dead_worker_paste[dead_worker_paste.rindex("Traceback (most recent call last)") :]
    cut = "Training stops after a few batches:\n" + _cut(last)
    assert parse(cut).exceptions[-1].frames[-1].function == "_try_get_data"
    diagnosis = torchwhy.explain(cut, use_embedding=False)
    assert diagnosis.category == "data/worker-failure"
    assert not diagnosis.verdict
    assert torchwhy.explain(dead_worker_paste, use_embedding=False).category == (
        "data/worker-failure"
    )


def test_a_frame_pasted_on_one_line_keeps_its_function_and_code_apart(
    dead_worker_paste: str,
) -> None:
    # An issue title holds the last frame and its code on one line.
    lines = _cut(dead_worker_paste).split("\n")
    glued = lines[-2].strip() + " " + lines[-1].strip()
    frame = parse(glued).exceptions[-1].frames[-1]
    assert frame.function == "_try_get_data"
    assert frame.code == lines[-1].strip()
    assert torchwhy.explain(glued, use_embedding=False).category == "data/worker-failure"


def test_a_traceback_cut_where_a_spawned_worker_reran_the_main_script_is_read_as_that(
    tmp_path: Path,
) -> None:
    # DataLoader workers started with "spawn" (Windows' default) by a script without a
    # `__main__` guard: each child re-runs the script and fails. Pastes from Windows often stop
    # inside that re-run, before the child's exception line.
    script = tmp_path / "train.py"
    script.write_text(
        "import torch\n"
        "from torch.utils.data import DataLoader\n"
        "loader = DataLoader(list(range(8)), batch_size=2, num_workers=1,"
        " multiprocessing_context='spawn')\n"
        "print(next(iter(loader)))\n"
    )
    run = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert run.returncode != 0
    child = run.stderr[: run.stderr.index("RuntimeError")]  # the child's own traceback
    lines = child.split("\n")
    rerun = next(i for i, line in enumerate(lines) if "in _fixup_main_from_path" in line)
    cut = "\n".join(lines[: rerun + 2])  # stops inside the re-run, as the pastes do
    assert parse(cut).exceptions[-1].cut
    diagnosis = torchwhy.explain(cut, use_embedding=False)
    assert diagnosis.category == "data/worker-failure"
    assert not diagnosis.verdict  # the error itself was never seen
    # The same cut anywhere but in the re-run of the main module is nobody's reading.
    elsewhere = cut.replace("in _fixup_main_from_path", "in _somewhere_else")
    assert torchwhy.explain(elsewhere, use_embedding=False).category == "unknown"
