"""The reading in a notebook, as a browser draws it: code in a monospace font even where the
page's CSS gives <pre> and <code> the prose font.

A real crash in a real kernel (nbclient), exported with JupyterLab's stylesheet (nbconvert's
`lab` template) plus the rule JupyterLab-like front ends apply (`pre { font-family: inherit }`),
laid out by headless Chromium. Widths of "iiiiiiiiii" and "MMMMMMMMMM" tell monospace from
proportional; the reading's prose and a bare <pre> beside it show that the page's fonts are
proportional there, so the check can fail. Chromium is required (CI installs Debian's); only
TORCHWHY_NO_BROWSER=1 skips this test.
"""

from __future__ import annotations

import os

import pytest

from tests.render.browser import (
    CODE_FONT_INHERITED,
    FONT_PROBE,
    chromium,
    font_probe,
    lab_html,
    run_notebook,
)

pytestmark = pytest.mark.slow

CELLS = [
    "%load_ext torchwhy",
    """\
import torch
import torch.nn.functional as F
logits = torch.randn(4, 3)
labels = torch.tensor([0.0, 2.0, 1.0, 1.0])
F.cross_entropy(logits, labels)""",
]


@pytest.fixture(scope="module")
def browser() -> str:
    if os.environ.get("TORCHWHY_NO_BROWSER") == "1":
        pytest.skip("TORCHWHY_NO_BROWSER=1")
    found = chromium()
    assert found, (
        "no chromium: `apt-get install chromium` (make test does), or TORCHWHY_NO_BROWSER=1"
    )
    return found


def _is_monospace(probe: dict) -> bool:
    return probe["narrow"] > 0 and abs(probe["wide"] - probe["narrow"]) < 0.5


def test_code_in_the_reading_is_monospace_under_jupyterlab_css(browser, tmp_path) -> None:
    pytest.importorskip("nbconvert")
    env = {"TORCHWHY_NO_EMBED": "1", "NO_COLOR": "1", "HF_HUB_OFFLINE": "1", "TORCHWHY_DISABLE": ""}
    notebook = run_notebook(CELLS, tmp_path, env)
    outputs = notebook.cells[1].outputs
    assert [o["output_type"] for o in outputs] == ["error", "display_data"], outputs
    page = tmp_path / "notebook.html"
    page.write_text(
        lab_html(notebook, head=CODE_FONT_INHERITED, body_end=FONT_PROBE), encoding="utf-8"
    )

    probe = font_probe(browser, page)

    # The page really sets code in the prose font: a bare <pre> and the reading's prose.
    assert probe["bare_pre"] and not _is_monospace(probe["bare_pre"]), probe["bare_pre"]
    assert probe["prose"] and not any(_is_monospace(p) for p in probe["prose"]), probe["prose"]
    tags = sorted({p["tag"] for p in probe["code"]})
    assert tags == ["code", "pre"], probe["code"]  # the fix's code block and inline code
    wrong = [p for p in probe["code"] if not _is_monospace(p)]
    assert not wrong, wrong
