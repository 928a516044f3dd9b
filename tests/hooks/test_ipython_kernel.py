"""`%load_ext torchwhy` in a real Jupyter kernel (ipykernel driven by nbclient): IPython's
own traceback as an `error` output, the reading as a separate text/html + text/plain output,
`%why` and `%%why`, and `%unload_ext torchwhy` restoring everything."""

from __future__ import annotations

import json
import re

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

pytestmark = pytest.mark.slow

CATEGORY = "dtype/target-not-long"

CRASH = """\
import torch
import torch.nn.functional as F
logits = torch.randn(4, 3)
labels = torch.tensor([0.0, 2.0, 1.0, 1.0])
F.cross_entropy(logits, labels)"""

PASTED = """\
Traceback (most recent call last):
  File "train.py", line 12, in <module>
    loss = criterion(out, y)
IndexError: Target 7 is out of bounds."""

CELLS = [
    "ip = get_ipython()\nbefore = (ip.CustomTB, ip.custom_exceptions)\n%load_ext torchwhy",
    CRASH,  # 1
    "%why",  # 2
    "%why --json",  # 3
    "%%why\n" + PASTED,  # 4
    "1 / 0",  # 5: not a torch error: the traceback only
    "%unload_ext torchwhy",  # 6
    CRASH,  # 7: unloaded: the traceback only
    "print((ip.CustomTB, ip.custom_exceptions) == before,"
    " 'why' in ip.magics_manager.magics['line'], 'why' in ip.magics_manager.magics['cell'])",
]


def _types(cell) -> list[str]:
    return [output["output_type"] for output in cell.outputs]


def _displays(cell) -> list[dict]:
    return [o["data"] for o in cell.outputs if o["output_type"] == "display_data"]


def _stdout(cell) -> str:
    return "".join(
        o["text"] for o in cell.outputs if o["output_type"] == "stream" and o["name"] == "stdout"
    )


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    for name, value in {"TORCHWHY_NO_EMBED": "1", "NO_COLOR": "1", "HF_HUB_OFFLINE": "1"}.items():
        mp.setenv(name, value)
    mp.delenv("TORCHWHY_DISABLE", raising=False)
    mp.delenv("TORCHWHY_JOURNAL", raising=False)
    try:
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
        client = nbclient.NotebookClient(
            notebook,
            kernel_name="python3",
            allow_errors=True,
            timeout=240,
            startup_timeout=120,
            resources={"metadata": {"path": str(tmp_path_factory.mktemp("notebook"))}},
        )
        client.execute()
        yield notebook.cells
    finally:
        mp.undo()


def test_crash_cell_has_traceback_then_reading(executed) -> None:
    load, crash = executed[0], executed[1]
    assert "error" not in _types(load), load.outputs
    assert _types(crash) == ["error", "display_data"]
    error = crash.outputs[0]
    assert error["ename"] == "RuntimeError"
    assert "expected target dtype to be Long or Byte" in error["evalue"]
    assert any("cross_entropy" in line for line in error["traceback"])
    (data,) = _displays(crash)
    assert set(data) == {"text/html", "text/plain"}
    assert CATEGORY in data["text/html"] and 'class="torchwhy"' in data["text/html"]
    assert data["text/plain"].startswith(f"torchwhy {CATEGORY}")
    assert "\x1b[" not in data["text/plain"]


def test_cell_locations_named_as_ipython_names_them(executed) -> None:
    """`Cell In[2], line 5` as in IPython's traceback above, not the kernel's temporary file."""
    crash, why_json = executed[1], executed[3]
    (data,) = _displays(crash)
    traceback = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(crash.outputs[0]["traceback"]))
    assert "Cell In[2], line 5" in traceback, traceback
    for shown in (data["text/plain"], data["text/html"]):
        assert "at Cell In[2], line 5" in shown, shown
        assert "ipykernel_" not in shown, shown
    culprit = json.loads(_stdout(why_json))["culprits"][0]
    assert culprit["expression"] == "labels"
    assert (culprit["cell"], culprit["line"]) == ("In[2]", 5)
    assert culprit["file"].endswith(".py")  # JSON keeps the path the cell was compiled as
    assert (culprit["made_at"]["cell"], culprit["made_at"]["line"]) == ("In[2]", 4)


def test_why_magics(executed) -> None:
    why, why_json, why_cell = executed[2], executed[3], executed[4]
    assert _types(why) == ["display_data"]
    assert f"torchwhy {CATEGORY}" in _displays(why)[0]["text/plain"]
    report = json.loads(_stdout(why_json))
    assert report["category"] == CATEGORY
    assert report["exception_type"] == "RuntimeError"
    assert "index/class-out-of-range" in _displays(why_cell)[0]["text/plain"]


def test_unknown_error_and_unload(executed) -> None:
    zero, unload, crash_after, check = executed[5], executed[6], executed[7], executed[8]
    assert _types(zero) == ["error"]
    assert "error" not in _types(unload)
    assert _types(crash_after) == ["error"]
    assert _stdout(check).strip() == "True False False"
