"""Make `docs/notebook.png`: the reading under a real crash in a real Jupyter kernel, as
JupyterLab draws it (nbconvert's `lab` export, JupyterLab's CSS), shot by headless Chromium.

    python docs/make_screenshot.py          # needs chromium, nbclient, nbconvert, ipykernel

The same machinery as the notebook display test (`tests/render/browser.py`).
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.render.browser import chromium, dump_dom, lab_html, run_notebook, screenshot  # noqa: E402

CELLS = [
    "%load_ext torchwhy",
    """\
import torch
from torch import nn

model = nn.Linear(20, 3)
features = torch.randn(8, 20)
labels = torch.randint(0, 3, (8,)).float()  # as read from a CSV column
loss = nn.functional.cross_entropy(model(features), labels)""",
]
WIDTH = 900
PNG = REPO / "docs" / "notebook.png"

# Writes the page's height into the DOM, so the shot is exactly as tall as the notebook.
_HEIGHT_PROBE = """
<script>
const probe = document.createElement("pre");
probe.id = "page-height";
probe.textContent = String(document.documentElement.scrollHeight);
document.body.appendChild(probe);
</script>
"""


def main() -> int:
    browser = chromium()
    if browser is None:
        print("no chromium: apt-get install chromium", file=sys.stderr)
        return 2
    env = {
        "TORCHWHY_NO_EMBED": "1",
        "NO_COLOR": "1",
        "HF_HUB_OFFLINE": "1",
        "PYTHONPATH": str(REPO),
    }
    with tempfile.TemporaryDirectory(prefix="torchwhy-screenshot-") as folder:
        work = Path(folder)
        notebook = run_notebook(CELLS, work, env)
        kinds = [output["output_type"] for output in notebook.cells[1].outputs]
        if kinds != ["error", "display_data"]:
            print(f"expected a traceback and the reading, got {kinds}", file=sys.stderr)
            return 1
        measured = work / "measure.html"
        measured.write_text(lab_html(notebook, body_end=_HEIGHT_PROBE), encoding="utf-8")
        found = re.search(r'<pre id="page-height">(\d+)</pre>', dump_dom(browser, measured))
        height = int(found.group(1)) if found else 1200
        page = work / "notebook.html"
        page.write_text(lab_html(notebook), encoding="utf-8")
        screenshot(browser, page, PNG, width=WIDTH, height=height)
    print(f"wrote {PNG.relative_to(REPO)} ({WIDTH}x{height}, {PNG.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
